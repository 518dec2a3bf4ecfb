// mutant: read pointer advances by two
module fifo_sync4 (
  input  logic       clk,
  input  logic       rst_n,
  input  logic       push,
  input  logic [7:0] din,
  input  logic       pop,
  output logic [7:0] dout,
  output logic       full,
  output logic       empty
);
  logic [7:0] mem [0:3];
  logic [2:0] wptr;
  logic [2:0] rptr;
  logic       do_push;
  logic       do_pop;

  assign empty   = (wptr == rptr);
  assign full    = (wptr[1:0] == rptr[1:0]) && (wptr[2] != rptr[2]);
  assign do_push = push && !full;
  assign do_pop  = pop && !empty;
  assign dout    = mem[rptr[1:0]];

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      wptr <= 3'd0;
      rptr <= 3'd0;
    end else begin
      if (do_push) begin
        mem[wptr[1:0]] <= din;
        wptr <= wptr + 3'd1;
      end
      if (do_pop) rptr <= rptr + 3'd2;
    end
  end
endmodule
