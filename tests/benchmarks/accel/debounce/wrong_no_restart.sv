// wrong: a sample equal to dout does not restart the count, so separate glitches accumulate
module debounce #(
    parameter int N = 4
) (
    input  logic clk,
    input  logic rst_n,
    input  logic din,
    output logic dout
);
    localparam int CW = $clog2(N);
    logic [CW-1:0] cnt;
    always_ff @(posedge clk) begin
        if (!rst_n) begin
            dout <= 1'b0;
            cnt  <= '0;
        end else if (din != dout) begin
            if (cnt == CW'(N - 1)) begin
                dout <= din;
                cnt  <= '0;
            end else begin
                cnt <= cnt + 1'b1;
            end
        end
    end
endmodule
