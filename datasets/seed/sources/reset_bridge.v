// reset_bridge: reset synchronizer with asynchronous assertion and synchronous release.
//
// The output reset asserts immediately (without a clock) when the input
// reset asserts, so downstream logic is reset even with a stopped clock. It
// releases only after the input has been inactive for STAGES rising clock
// edges, through a chain of flops whose first stage is fed with a constant
// 1, so the release is always aligned to the clock and free of
// metastability problems in the logic it drives. Ports: clk clock of the
// destination domain; arst_n asynchronous active-low reset input; rst_n_out
// synchronized active-low reset output. Parameter STAGES (default 3, >= 2).
// SPDX-License-Identifier: Apache-2.0
module reset_bridge #(
    parameter STAGES = 3
) (
    input  wire clk,
    input  wire arst_n,
    output wire rst_n_out
);
    reg [STAGES-1:0] chain;

    always @(posedge clk or negedge arst_n) begin
        if (!arst_n) chain <= {STAGES{1'b0}};
        else chain <= {chain[STAGES-2:0], 1'b1};
    end

    assign rst_n_out = chain[STAGES-1];
endmodule
