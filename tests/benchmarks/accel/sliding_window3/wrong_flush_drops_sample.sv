// wrong: a sample accepted together with flush is thrown away instead of starting the new history
module sliding_window3 #(
    parameter int W = 8
) (
    input  logic                clk,
    input  logic                rst_n,
    input  logic                flush,
    input  logic                s_valid,
    output logic                s_ready,
    input  logic signed [W-1:0] s_data,
    output logic                m_valid,
    input  logic                m_ready,
    output logic [3*W-1:0]      m_window,
    output logic signed [W+1:0] m_sum
);
    logic signed [W-1:0] h0, h1;     // newer and older stored sample
    logic [1:0]          seen;       // accepted samples since reset/flush, saturating at 2

    logic       accept, produce;
    logic [1:0] seen_now;
    assign s_ready  = !m_valid || m_ready;
    assign accept   = s_valid && s_ready;
    assign seen_now = flush ? 2'd0 : seen;
    assign produce  = accept && (seen_now == 2'd2);

    // Sign-extend each sample to W+2 bits, then add: the exact sum always fits.
    logic signed [W+1:0] ext1, ext0, extx, sum;
    assign ext1 = (W+2)'(h1);
    assign ext0 = (W+2)'(h0);
    assign extx = (W+2)'(s_data);
    assign sum  = ext1 + ext0 + extx;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            seen <= 2'd0;
        end else if (accept && !flush) begin
            h1   <= h0;
            h0   <= s_data;
            seen <= (seen_now == 2'd2) ? 2'd2 : seen_now + 2'd1;
        end else begin
            seen <= seen_now;
        end
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            m_valid <= 1'b0;
        end else if (produce) begin
            m_valid  <= 1'b1;
            m_window <= {h1, h0, s_data};
            m_sum    <= sum;
        end else if (m_ready) begin
            m_valid <= 1'b0;
        end
    end
endmodule
