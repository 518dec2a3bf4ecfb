// wrong: m_keep marks only the bytes collected before the final one (one lane short)
module stream_upsizer (
    input  logic        clk,
    input  logic        rst_n,
    input  logic        s_valid,
    output logic        s_ready,
    input  logic [7:0]  s_data,
    input  logic        s_last,
    output logic        m_valid,
    input  logic        m_ready,
    output logic [31:0] m_data,
    output logic [3:0]  m_keep,
    output logic        m_last
);
    logic [23:0] acc;       // collected bytes, lanes at or above n are kept at zero
    logic [1:0]  n;

    logic        accept, complete;
    logic [31:0] word;
    logic [3:0]  keep;

    assign s_ready  = !m_valid || m_ready;
    assign accept   = s_valid && s_ready;
    assign complete = accept && (s_last || n == 2'd3);
    assign word     = {8'h00, acc} | ({24'h0, s_data} << {n, 3'b000});
    assign keep     = (n == 2'd0) ? 4'b0000
                    : (n == 2'd1) ? 4'b0001
                    : (n == 2'd2) ? 4'b0011
                    :               4'b0111;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            acc <= '0;
            n   <= '0;
        end else if (complete) begin
            acc <= '0;
            n   <= '0;
        end else if (accept) begin
            acc <= word[23:0];
            n   <= n + 2'd1;
        end
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            m_valid <= 1'b0;
        end else if (complete) begin
            m_valid <= 1'b1;
            m_data  <= word;
            m_keep  <= keep;
            m_last  <= s_last;
        end else if (m_ready) begin
            m_valid <= 1'b0;
        end
    end
endmodule
