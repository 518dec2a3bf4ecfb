// window_gen: sliding-window generator over a 1-D sample stream with valid/ready.
//
// Every accepted input sample enters a TAPS-deep shift register. Once TAPS samples of the
// current stream segment have been accepted, each further accepted sample produces one output
// window: m_window slice i ([i*WIDTH +: WIDTH]) is the i-th most recent sample (slice 0 = the
// sample just accepted, slice TAPS-1 = the oldest). s_first starts a new segment: the window is
// emptied so that no window mixes samples from both sides of s_first.
// The shift register is also the output register: a new sample is accepted when the output is
// empty or being consumed (s_ready = !m_valid || m_ready), giving one window per cycle.
module window_gen #(
    parameter int WIDTH = 8,
    parameter int TAPS  = 4
) (
    input  logic                    clk,
    input  logic                    rst_n,      // synchronous, active low
    input  logic                    s_valid,
    output logic                    s_ready,
    input  logic                    s_first,    // sample starts a new segment (qualified by s_valid)
    input  logic [WIDTH-1:0]        s_data,
    output logic                    m_valid,
    input  logic                    m_ready,
    output logic [TAPS*WIDTH-1:0]   m_window
);
    localparam int FW = $clog2(TAPS + 1);

    logic [TAPS*WIDTH-1:0]     win;
    logic [(TAPS+1)*WIDTH-1:0] extended;
    logic [TAPS*WIDTH-1:0]     shifted;
    logic [FW-1:0]             fill, fill_eff;     // samples of this segment held, 0..TAPS
    logic                      accept;

    assign s_ready  = !m_valid || m_ready;
    assign accept   = s_valid && s_ready;
    assign fill_eff = s_first ? '0 : fill;
    assign extended = {win, s_data};
    assign shifted  = extended[TAPS*WIDTH-1:0];
    assign m_window = win;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            win     <= '0;
            fill    <= '0;
            m_valid <= 1'b0;
        end else if (accept) begin
            win     <= shifted;
            fill    <= (fill_eff == FW'(TAPS)) ? fill_eff : fill_eff + 1'b1;
            m_valid <= (fill_eff >= FW'(TAPS - 1));
        end else if (m_ready) begin
            m_valid <= 1'b0;
        end
    end
endmodule
