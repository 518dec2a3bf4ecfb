// mutant: the frame ends after the last data bit (no stop bit)
module uart_tx (
  input  logic       clk,
  input  logic       rst_n,
  input  logic       start,
  input  logic [7:0] data,
  output logic       tx,
  output logic       busy
);
  logic [7:0] buf_q;
  logic [3:0] bitcnt;
  logic       div;
  logic       tick;

  assign tick = busy && div;

  always_comb begin
    if (!busy)                 tx = 1'b1;
    else if (bitcnt == 4'd0)   tx = 1'b0;
    else if (bitcnt >= 4'd9)   tx = 1'b1;
    else                       tx = buf_q[bitcnt[2:0] - 3'd1];
  end

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      busy   <= 1'b0;
      bitcnt <= 4'd0;
      div    <= 1'b0;
      buf_q  <= 8'd0;
    end else if (!busy) begin
      if (start) begin
        busy   <= 1'b1;
        buf_q  <= data;
        bitcnt <= 4'd0;
        div    <= 1'b0;
      end
    end else begin
      div <= !div;
      if (tick) begin
        if (bitcnt >= 4'd8) busy <= 1'b0;
        else                bitcnt <= bitcnt + 4'd1;
      end
    end
  end
endmodule
