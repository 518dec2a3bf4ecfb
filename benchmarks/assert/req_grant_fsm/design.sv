module req_grant_fsm (
  input  logic clk,
  input  logic rst_n,
  input  logic start,
  input  logic gnt,
  output logic req,
  output logic busy,
  output logic done,
  output logic timeout
);
  localparam logic [1:0] IDLE = 2'd0, REQ = 2'd1, BUSY = 2'd2, DONE = 2'd3;
  logic [1:0] state;
  logic [2:0] cnt;

  assign req     = (state == REQ);
  assign busy    = (state == BUSY);
  assign done    = (state == DONE);
  assign timeout = req && !gnt && (cnt == 3'd5);

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      state <= IDLE;
      cnt   <= 3'd0;
    end else begin
      case (state)
        IDLE: if (start) begin state <= REQ; cnt <= 3'd0; end
        REQ: begin
          if (gnt)               begin state <= BUSY; cnt <= 3'd0; end
          else if (cnt >= 3'd5)  state <= IDLE;
          else                   cnt <= cnt + 3'd1;
        end
        BUSY: begin
          if (cnt >= 3'd2) state <= DONE;
          else             cnt <= cnt + 3'd1;
        end
        DONE: state <= IDLE;
      endcase
    end
  end
endmodule
