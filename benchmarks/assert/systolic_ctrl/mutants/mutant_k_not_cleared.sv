// mutant: k is not cleared at load
module systolic_ctrl (
  input  logic       clk,
  input  logic       rst_n,
  input  logic       start,
  output logic       busy,
  output logic       load,
  output logic       pe_en,
  output logic       drain,
  output logic       done,
  output logic [2:0] k
);
  localparam logic [2:0] IDLE = 3'd0, LOAD = 3'd1, COMP = 3'd2, DRAIN = 3'd3, DONE = 3'd4;
  localparam logic [2:0] LAST = 3'd5;
  logic [2:0] state;

  assign busy  = (state != IDLE);
  assign load  = (state == LOAD);
  assign pe_en = (state == COMP);
  assign drain = (state == DRAIN);
  assign done  = (state == DONE);

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      state <= IDLE;
      k     <= 3'd0;
    end else begin
      case (state)
        IDLE:  if (start) state <= LOAD;
        LOAD:  state <= COMP;
        COMP:  if (k >= LAST) state <= DRAIN;
               else k <= k + 3'd1;
        DRAIN: state <= DONE;
        DONE:  state <= IDLE;
        default: state <= IDLE;
      endcase
    end
  end
endmodule
