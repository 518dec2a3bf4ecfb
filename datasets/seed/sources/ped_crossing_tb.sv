// Self-checking testbench for ped_crossing: random button presses against a phase-and-time model.
module ped_crossing_tb;
    localparam int MG = 9, YE = 3, WK = 5, CL = 4;
    logic clk = 0, rst, button;
    logic car_green, car_yellow, car_red, walk, walk_flash, req_pending;
    typedef enum int {GO, SLOW, WALKING, CLEARING} phase_t;
    phase_t phase;
    int in_phase, cyc, seed, walks;
    logic pend, pend_before;

    ped_crossing #(.MIN_GREEN(MG), .YELLOW(YE), .WALK(WK), .CLEAR(CL)) dut (.*);
    always #5 clk = ~clk;

    initial begin
        rst = 1; button = 0; seed = 9; walks = 0;
        @(negedge clk); @(negedge clk);
        rst = 0;
        phase = GO; in_phase = 0; pend = 0;
        for (cyc = 0; cyc < 6000; cyc++) begin
            // the outputs for the current phase
            if (car_green !== (phase == GO) || car_yellow !== (phase == SLOW) || car_red !== (phase >= WALKING)
                || walk !== (phase == WALKING) || walk_flash !== (phase == CLEARING) || req_pending !== pend) begin
                $display("FAIL: cycle %0d phase %0d (%0d cycles in) lights g%b y%b r%b walk %b flash %b pending %b (exp %b)",
                         cyc, phase, in_phase, car_green, car_yellow, car_red, walk, walk_flash, req_pending, pend);
                $finish;
            end
            button = ((cyc / 300) % 2 == 0) ? ($random(seed) % 40 == 0) : ($random(seed) % 4 == 0);
            @(posedge clk); #1;
            // model: the request is cleared when yellow ends and ignored while walking
            pend_before = pend;
            if (phase == SLOW && in_phase + 1 == YE) pend = 0;
            else if (button && phase != WALKING) pend = 1;
            // model: how long each phase lasts and when it is left
            in_phase++;
            case (phase)
                GO:       if (pend_before && in_phase >= MG) begin phase = SLOW; in_phase = 0; end
                SLOW:     if (in_phase == YE) begin phase = WALKING; in_phase = 0; walks++; end
                WALKING:  if (in_phase == WK) begin phase = CLEARING; in_phase = 0; end
                CLEARING: if (in_phase == CL) begin phase = GO; in_phase = 0; end
            endcase
            @(negedge clk);
        end
        if (walks < 50) begin
            $display("FAIL: only %0d walk phases", walks);
            $finish;
        end
        $display("PASS: %0d cycles, %0d walk phases", cyc, walks);
        $finish;
    end
endmodule
