// Self-checking testbench for periph_decode: every address against a table of base/size pairs.
module periph_decode_tb;
    reg  [15:0] addr;
    reg         access;
    wire [4:0]  sel;
    wire [13:0] offset;
    wire        miss;
    integer base [0:4];
    integer size [0:4];
    integer a, r, hits, exp_off;
    reg [4:0] exp_sel;

    periph_decode dut (.addr(addr), .access(access), .sel(sel), .offset(offset), .miss(miss));

    initial begin
        base[0] = 'h0000; size[0] = 'h4000;
        base[1] = 'h4000; size[1] = 'h2000;
        base[2] = 'h8000; size[2] = 'h10;
        base[3] = 'h8010; size[3] = 'h10;
        base[4] = 'h8020; size[4] = 'h20;
        hits = 0;
        for (a = 0; a < 65536 * 2; a = a + 1) begin
            addr = a % 65536;
            access = (a < 65536);
            exp_sel = 0; exp_off = 0;
            for (r = 0; r < 5; r = r + 1)
                if (addr >= base[r] && addr < base[r] + size[r]) begin
                    exp_sel[r] = access;
                    if (access) exp_off = addr - base[r];
                end
            #1;
            if (sel !== exp_sel || offset !== exp_off || miss !== (access && exp_sel == 0)) begin
                $display("FAIL: addr=%h access=%b sel=%b (exp %b) offset=%h (exp %h) miss=%b", addr, access, sel, exp_sel, offset, exp_off, miss);
                $finish;
            end
            if (sel != 0) hits = hits + 1;
        end
        $display("PASS: all addresses, %0d mapped", hits);
        $finish;
    end
endmodule
