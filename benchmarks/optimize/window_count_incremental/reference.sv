// Activity monitor of a sparse accelerator. The count is kept in a register and updated as the
// window slides: +1 for the bit entering, -1 for the bit leaving, instead of adding up all 16 bits
// every cycle.
module window_count_incremental (
    input  logic       clk,
    input  logic       rst_n,
    input  logic       active,
    output logic [4:0] count
);
    logic [15:0] window;  // bit k: active at the edge k+1 edges ago

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            window <= '0;
            count <= '0;
        end else begin
            window <= {window[14:0], active};
            if (active && !window[15]) count <= count + 5'd1;
            else if (!active && window[15]) count <= count - 5'd1;
        end
    end
endmodule
