// ped_crossing: pedestrian-crossing light controller written as a one-hot state machine.
//
// Four states, one flop each: cars green (GO), cars yellow (SLOW), walk
// (WALK) and walk ending (CLEAR). Cars keep green until a pedestrian request
// is pending and green has lasted at least MIN_GREEN cycles; then yellow
// lasts YELLOW cycles, walk lasts WALK cycles and the clearing phase (cars
// still red, walk sign flashing) lasts CLEAR cycles before cars get green
// again. A button press is remembered in req_pending from the cycle after the
// press until the walk phase starts; presses during walk are ignored. Each
// next-state bit is its own equation, the usual one-hot style. Ports: clk
// rising-edge clock; rst synchronous active-high reset into GO with the
// timer at zero and no request; button pedestrian push button (one sample
// per cycle); car_green, car_yellow, car_red car lights (exactly one high);
// walk steady walk sign; walk_flash flashing walk-ending sign; req_pending
// request waiting. Parameters MIN_GREEN, YELLOW, WALK, CLEAR (cycles, >= 1).
// SPDX-License-Identifier: Apache-2.0
module ped_crossing #(
    parameter int MIN_GREEN = 20,
    parameter int YELLOW    = 4,
    parameter int WALK      = 10,
    parameter int CLEAR     = 6
) (
    input  logic clk,
    input  logic rst,
    input  logic button,
    output logic car_green,
    output logic car_yellow,
    output logic car_red,
    output logic walk,
    output logic walk_flash,
    output logic req_pending
);
    logic st_go, st_slow, st_walk, st_clear;
    logic nx_go, nx_slow, nx_walk, nx_clear;
    logic [7:0] timer;
    logic       leave_go, leave_slow, leave_walk, leave_clear, moving;

    assign leave_go    = st_go    && req_pending && (timer >= 8'(MIN_GREEN - 1));
    assign leave_slow  = st_slow  && (timer == 8'(YELLOW - 1));
    assign leave_walk  = st_walk  && (timer == 8'(WALK - 1));
    assign leave_clear = st_clear && (timer == 8'(CLEAR - 1));
    assign moving      = leave_go || leave_slow || leave_walk || leave_clear;

    assign nx_go    = (st_go && !leave_go) || leave_clear;
    assign nx_slow  = (st_slow && !leave_slow) || leave_go;
    assign nx_walk  = (st_walk && !leave_walk) || leave_slow;
    assign nx_clear = (st_clear && !leave_clear) || leave_walk;

    always_ff @(posedge clk) begin
        if (rst) begin
            {st_go, st_slow, st_walk, st_clear} <= 4'b1000;
            timer       <= '0;
            req_pending <= 1'b0;
        end else begin
            {st_go, st_slow, st_walk, st_clear} <= {nx_go, nx_slow, nx_walk, nx_clear};
            timer <= moving ? 8'd0 : (timer == 8'hff ? timer : timer + 8'd1);
            if (leave_slow) req_pending <= 1'b0;
            else if (button && !st_walk) req_pending <= 1'b1;
        end
    end

    assign car_green  = st_go;
    assign car_yellow = st_slow;
    assign car_red    = st_walk || st_clear;
    assign walk       = st_walk;
    assign walk_flash = st_clear;
endmodule
