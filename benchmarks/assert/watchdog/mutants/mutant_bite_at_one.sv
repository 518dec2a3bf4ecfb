// mutant: the watchdog bites when the counter is 1
module watchdog (
  input  logic       clk,
  input  logic       rst_n,
  input  logic       en,
  input  logic       kick,
  output logic [3:0] cnt,
  output logic       warn,
  output logic       bite
);
  localparam logic [3:0] RELOAD = 4'd10;

  assign warn = !bite && (cnt <= 4'd2);

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      cnt  <= RELOAD;
      bite <= 1'b0;
    end else if (!bite) begin
      if (kick)                  cnt <= RELOAD;
      else if (en && cnt == 4'd1) bite <= 1'b1;
      else if (en)               cnt <= cnt - 4'd1;
    end
  end
endmodule
