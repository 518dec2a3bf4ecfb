// Hostile answer (outliving its scoring), Verilator: inline C++ ($c) starts a shell in a session of
// its own (setsid -f), which a kill of the simulator's process group does not reach; 3 seconds
// later it writes a marker file into the answer's folder (the one above the simulator's), then
// stays around. The design is wrong (outputs zero).
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
    initial begin
        $display("HOSTILE-%s-@MARK@", "RAN");
        $c("std::system(\"setsid -f sh -c 'cd ..; sleep 3; echo late > late-@MARK@; sleep 60; : @MARK@' >/dev/null 2>&1\");");
    end
endmodule
