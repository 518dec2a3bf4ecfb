// Self-checking testbench for pwm_duty: measures every frame's length and high time.
module pwm_duty_tb;
    reg clk = 0, rst_n, en;
    reg [7:0] period, duty;
    wire pwm, frame_start;
    integer frame, len, high, exp_len, exp_high, cyc;
    reg [7:0] cur_period, cur_duty;

    pwm_duty #(.W(8)) dut (.clk(clk), .rst_n(rst_n), .en(en), .period(period), .duty(duty),
                           .pwm(pwm), .frame_start(frame_start));
    always #5 clk = ~clk;

    initial begin
        rst_n = 0; en = 0; period = 9; duty = 3;
        #22 rst_n = 1;
        @(negedge clk);
        if (pwm !== 0 || frame_start !== 0) begin
            $display("FAIL: output active while disabled");
            $finish;
        end
        en = 1;
        // wait for the first frame start; the values sampled there are period/duty
        @(posedge frame_start);
        frame = 0;
        cur_period = period; cur_duty = duty;
        len = 0; high = 0;
        for (cyc = 0; cyc < 6000 && frame < 40; cyc = cyc + 1) begin
            if (pwm) high = high + 1;
            len = len + 1;
            @(negedge clk);
            // change inputs at random times, mid-frame
            if (cyc % 37 == 5) begin
                period = 2 + ($random & 8'h1f);
                duty = $random & 8'h3f;
                if (frame == 20) duty = 0;
            end
            @(posedge clk); #1;
            if (frame_start) begin
                exp_len = cur_period + 1;
                exp_high = (cur_duty > cur_period) ? cur_period + 1 : cur_duty;
                if (len !== exp_len || high !== exp_high) begin
                    $display("FAIL: frame %0d length %0d high %0d, expected %0d and %0d", frame, len, high, exp_len, exp_high);
                    $finish;
                end
                frame = frame + 1;
                len = 0; high = 0;
                cur_period = period; cur_duty = duty;
            end
        end
        if (frame < 40) begin
            $display("FAIL: only %0d frames seen", frame);
            $finish;
        end
        $display("PASS: %0d frames checked", frame);
        $finish;
    end
endmodule
