// mutant: out_valid is cleared while the consumer stalls
module skid_buffer (
  input  logic       clk,
  input  logic       rst_n,
  input  logic       in_valid,
  output logic       in_ready,
  input  logic [7:0] in_data,
  output logic       out_valid,
  input  logic       out_ready,
  output logic [7:0] out_data
);
  logic       skid_valid;
  logic [7:0] skid_data;
  logic       main_free;

  assign in_ready  = !skid_valid;
  assign main_free = !out_valid || out_ready;

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      out_valid  <= 1'b0;
      out_data   <= 8'd0;
      skid_valid <= 1'b0;
      skid_data  <= 8'd0;
    end else if (main_free) begin
      if (skid_valid) begin
        out_valid  <= 1'b1;
        out_data   <= skid_data;
        skid_valid <= 1'b0;
      end else begin
        out_valid <= in_valid;
        if (in_valid) out_data <= in_data;
      end
    end else if (in_valid && in_ready) begin
      out_valid  <= 1'b0;
      skid_valid <= 1'b1;
      skid_data  <= in_data;
    end
  end
endmodule
