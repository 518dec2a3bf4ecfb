// Activity monitor of a sparse accelerator: how many of the last 16 cycles carried a nonzero
// activation.
module window_count_incremental (
    input  logic       clk,
    input  logic       rst_n,
    input  logic       active,
    output logic [4:0] count
);
    logic [15:0] window;  // bit k: active at the edge k+1 edges ago

    always_ff @(posedge clk) begin
        if (!rst_n) window <= '0;
        else window <= {window[14:0], active};
    end

    always_comb begin
        count = '0;
        for (int i = 0; i < 16; i++) count = count + 5'(window[i]);
    end
endmodule
