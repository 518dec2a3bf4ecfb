// mutant: north-south green ends without a waiting car
module traffic_light (
  input  logic clk,
  input  logic rst_n,
  input  logic car_ew,
  output logic ns_green,
  output logic ns_yellow,
  output logic ew_green,
  output logic ew_yellow
);
  localparam logic [2:0] NS_G = 3'd0, NS_Y = 3'd1, RED_A = 3'd2,
                         EW_G = 3'd3, EW_Y = 3'd4, RED_B = 3'd5;
  logic [2:0] state;
  logic [2:0] next;
  logic [2:0] timer;

  always_comb begin
    next = state;
    case (state)
      NS_G:    if (timer >= 3'd3) next = NS_Y;
      NS_Y:    if (timer >= 3'd1) next = RED_A;
      RED_A:   next = EW_G;
      EW_G:    if (timer >= 3'd3) next = EW_Y;
      EW_Y:    if (timer >= 3'd1) next = RED_B;
      RED_B:   next = NS_G;
      default: next = RED_B;
    endcase
  end

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      state <= NS_G;
      timer <= 3'd0;
    end else begin
      state <= next;
      if (next != state)       timer <= 3'd0;
      else if (timer != 3'd7)  timer <= timer + 3'd1;
    end
  end

  assign ns_green  = (state == NS_G);
  assign ns_yellow = (state == NS_Y);
  assign ew_green  = (state == EW_G);
  assign ew_yellow = (state == EW_Y);
endmodule
