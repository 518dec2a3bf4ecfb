// mutant: a clear in the same cycle as a new event wins, so the event is lost
module irq_ctrl #(
  parameter N  = 4,
  parameter IW = 2
) (
  input  wire          clk,
  input  wire          rst_n,
  input  wire [N-1:0]  src,
  input  wire          wr_en,
  input  wire [1:0]    wr_addr,
  input  wire [N-1:0]  wr_data,
  input  wire          ack,
  output reg  [N-1:0]  pending,
  output reg  [N-1:0]  mask,
  output wire          irq,
  output reg  [IW-1:0] irq_id
);
  localparam [1:0] A_MASK = 2'd0, A_CLEAR = 2'd1, A_MODE = 2'd2, A_TRIGGER = 2'd3;

  reg  [N-1:0] mode;    // 1: rising-edge source, 0: level source
  reg  [N-1:0] src_q;   // src one cycle ago, for edge detection
  wire [N-1:0] active;
  wire [N-1:0] rise;
  wire [N-1:0] set_vec;
  wire [N-1:0] clr_vec;
  wire [N-1:0] ack_vec;
  integer i;

  assign active  = pending & ~mask;
  assign irq     = |active;
  assign rise    = src & ~src_q;
  assign set_vec = (src & ~mode) | (rise & mode)
                 | ((wr_en && wr_addr == A_TRIGGER) ? wr_data : {N{1'b0}});
  assign ack_vec = (ack && irq) ? ({{(N-1){1'b0}}, 1'b1} << irq_id) : {N{1'b0}};
  assign clr_vec = ((wr_en && wr_addr == A_CLEAR) ? wr_data : {N{1'b0}}) | ack_vec;

  // lowest-numbered active source wins
  always @* begin
    irq_id = {IW{1'b0}};
    for (i = N - 1; i >= 0; i = i - 1)
      if (active[i]) irq_id = i;
  end

  always @(posedge clk) begin
    if (!rst_n) begin
      pending <= {N{1'b0}};
      mask    <= {N{1'b1}};
      mode    <= {N{1'b0}};
      src_q   <= {N{1'b0}};
    end else begin
      src_q   <= src;
      pending <= (pending | set_vec) & ~clr_vec;
      if (wr_en && wr_addr == A_MASK) mask <= wr_data;
      if (wr_en && wr_addr == A_MODE) mode <= wr_data;
    end
  end
endmodule
