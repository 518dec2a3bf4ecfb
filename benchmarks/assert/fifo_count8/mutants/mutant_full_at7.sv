// mutant: full is raised at 7 words
module fifo_count8 (
  input  logic       clk,
  input  logic       rst_n,
  input  logic       push,
  input  logic [3:0] din,
  input  logic       pop,
  output logic [3:0] dout,
  output logic [3:0] count,
  output logic       full,
  output logic       empty,
  output logic       almost_full,
  output logic       ovf
);
  logic [3:0] mem [0:7];
  logic [2:0] wptr;
  logic [2:0] rptr;
  logic       wr;
  logic       rd;

  assign full        = (count == 4'd7);
  assign empty       = (count == 4'd0);
  assign almost_full = (count >= 4'd6);
  assign wr          = push && !full;
  assign rd          = pop && !empty;
  assign dout        = mem[rptr];

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      wptr  <= 3'd0;
      rptr  <= 3'd0;
      count <= 4'd0;
      ovf   <= 1'b0;
    end else begin
      if (wr) begin
        mem[wptr] <= din;
        wptr <= wptr + 3'd1;
      end
      if (rd) rptr <= rptr + 3'd1;
      case ({wr, rd})
        2'b10:   count <= count + 4'd1;
        2'b01:   count <= count - 4'd1;
        default: count <= count;
      endcase
      if (push && full) ovf <= 1'b1;
    end
  end
endmodule
