// mutant: level skips the second synchronizer stage
module edge_sync (
  input  logic clk,
  input  logic rst_n,
  input  logic a,
  output logic rise,
  output logic fall,
  output logic level
);
  logic sync1;
  logic sync2;
  logic prev;

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      sync1 <= 1'b0;
      sync2 <= 1'b0;
      prev  <= 1'b0;
    end else begin
      sync1 <= a;
      sync2 <= sync1;
      prev  <= sync2;
    end
  end

  assign level = sync1;
  assign rise  = sync1 && !sync2;
  assign fall  = !sync1 && sync2;
endmodule
