// skid_buffer: two-entry valid/ready register slice with registered ready.
//
// Breaks both the forward (valid/data) and the backward (ready) timing paths: m_valid/m_data
// come from the main register and s_ready from a flop (s_ready = skid register empty). When the
// sink stalls, the one word that the source could still send (because it saw s_ready = 1)
// lands in the skid register. Full throughput: one word per cycle with 1 cycle of latency.
module skid_buffer #(
    parameter int WIDTH = 32
) (
    input  logic             clk,
    input  logic             rst_n,      // synchronous, active low
    input  logic             s_valid,
    output logic             s_ready,
    input  logic [WIDTH-1:0] s_data,
    output logic             m_valid,
    input  logic             m_ready,
    output logic [WIDTH-1:0] m_data
);
    logic             skid_valid;
    logic [WIDTH-1:0] skid_data;

    assign s_ready = !skid_valid;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            m_valid    <= 1'b0;
            skid_valid <= 1'b0;
        end else if (skid_valid) begin
            // Input is blocked; move the skid word to the output once the output is free.
            if (m_ready) begin
                m_valid    <= 1'b1;
                skid_valid <= 1'b0;
            end
        end else if (s_valid) begin
            // Accepted word: to the output if it is free or draining, else into the skid slot.
            if (!m_valid || m_ready) m_valid <= 1'b1;
            else                     skid_valid <= 1'b1;
        end else if (m_ready) begin
            m_valid <= 1'b0;
        end
    end

    // Data registers need no reset.
    always_ff @(posedge clk) begin
        if (skid_valid) begin
            if (m_ready) m_data <= skid_data;
        end else if (s_valid) begin
            if (!m_valid || m_ready) m_data <= s_data;
            else                     skid_data <= s_data;
        end
    end
endmodule
