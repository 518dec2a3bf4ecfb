// axis_width_converter: AXI-Stream upsizer from IN_WIDTH to RATIO*IN_WIDTH data bits.
//
// Input beats are packed into output lanes in arrival order, lane 0 (the least significant
// IN_WIDTH bits, i.e. the lowest byte addresses) first. An output word is emitted after RATIO
// beats, or earlier when a beat with s_tlast arrives (partial last word): the unfilled upper lanes
// then carry tdata = 0 and tkeep = 0. Each filled lane copies the tkeep bits of its beat (no
// byte compaction). m_tlast is set on the word that contains the s_tlast beat.
// The assembly register is also the output register; a beat is accepted whenever the output
// register is empty or being read (s_tready = !m_tvalid || m_tready), so the input side runs at
// one beat per cycle while the output side is not back-pressured.
module axis_width_converter #(
    parameter int IN_WIDTH = 8,     // multiple of 8
    parameter int RATIO    = 4
) (
    input  logic                         clk,
    input  logic                         rst_n,      // synchronous, active low
    input  logic [IN_WIDTH-1:0]          s_tdata,
    input  logic [IN_WIDTH/8-1:0]        s_tkeep,
    input  logic                         s_tlast,
    input  logic                         s_tvalid,
    output logic                         s_tready,
    output logic [RATIO*IN_WIDTH-1:0]    m_tdata,
    output logic [RATIO*IN_WIDTH/8-1:0]  m_tkeep,
    output logic                         m_tlast,
    output logic                         m_tvalid,
    input  logic                         m_tready
);
    localparam int IW = IN_WIDTH;
    localparam int KW = IN_WIDTH / 8;
    localparam int LW = $clog2(RATIO);

    logic [RATIO*IW-1:0] data_q, data_d;
    logic [RATIO*KW-1:0] keep_q, keep_d;
    logic [LW-1:0]       lane;            // lane the next accepted beat goes to
    logic                accept, word_end;

    assign s_tready = !m_tvalid || m_tready;
    assign accept   = s_tvalid && s_tready;
    assign word_end = s_tlast || (lane == LW'(RATIO - 1));

    // Next word contents: the accepted beat goes to `lane`; lanes above it are cleared when a
    // new word starts (lane 0), otherwise the lanes collected so far are kept.
    for (genvar j = 0; j < RATIO; j++) begin : g_lane
        logic hit, keep_old;
        assign hit      = (lane == LW'(j));
        // Lanes below `lane` already hold beats of this word; the top lane never does.
        if (j < RATIO - 1) begin : g_old
            assign keep_old = (lane > LW'(j));
        end else begin : g_top
            assign keep_old = 1'b0;
        end
        assign data_d[j*IW +: IW] = hit ? s_tdata : (keep_old ? data_q[j*IW +: IW] : '0);
        assign keep_d[j*KW +: KW] = hit ? s_tkeep : (keep_old ? keep_q[j*KW +: KW] : '0);
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            lane     <= '0;
            m_tvalid <= 1'b0;
            m_tlast  <= 1'b0;
            data_q   <= '0;
            keep_q   <= '0;
        end else if (accept) begin
            data_q   <= data_d;
            keep_q   <= keep_d;
            m_tvalid <= word_end;
            m_tlast  <= s_tlast;
            lane     <= word_end ? '0 : lane + 1'b1;
        end else if (m_tready) begin
            m_tvalid <= 1'b0;
        end
    end

    assign m_tdata = data_q;
    assign m_tkeep = keep_q;
endmodule
