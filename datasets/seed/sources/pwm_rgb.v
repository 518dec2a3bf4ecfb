// pwm_rgb: three-channel PWM driver for an RGB LED with a global brightness scale.
//
// Three pwm_duty instances share one frame length (period) so their frames
// stay aligned. Each channel's duty is its 8-bit colour value scaled by an
// 8-bit global brightness (colour * brightness / 256, rounded down), which
// lets the brightness change without recomputing the colour. Outputs can
// be inverted for common-anode LEDs. Ports: clk rising-edge clock; rst_n
// asynchronous active-low reset; en run the modulators; period (8 bits)
// frame length minus one, shared by all channels; red, green, blue (8 bits
// each) colour values; brightness (8 bits) global scale; led_r, led_g, led_b
// LED drives; frame one-cycle pulse at the start of each frame. Parameter
// ACTIVE_LOW (default 0) inverts the three LED outputs.
// SPDX-License-Identifier: Apache-2.0
module pwm_rgb #(
    parameter ACTIVE_LOW = 0
) (
    input  wire       clk,
    input  wire       rst_n,
    input  wire       en,
    input  wire [7:0] period,
    input  wire [7:0] red,
    input  wire [7:0] green,
    input  wire [7:0] blue,
    input  wire [7:0] brightness,
    output wire       led_r,
    output wire       led_g,
    output wire       led_b,
    output wire       frame
);
    // colour * brightness / 256: the high byte of the 16-bit product
    function [7:0] scale;
        input [7:0] colour;
        input [7:0] level;
        reg   [15:0] product;
        begin
            product = colour * level;
            scale = product[15:8];
        end
    endfunction

    wire [7:0] duty_r = scale(red, brightness);
    wire [7:0] duty_g = scale(green, brightness);
    wire [7:0] duty_b = scale(blue, brightness);
    wire [2:0]  raw;
    wire [2:0]  starts;

    pwm_duty #(.W(8)) u_red (.clk(clk), .rst_n(rst_n), .en(en), .period(period),
                             .duty(duty_r), .pwm(raw[0]), .frame_start(starts[0]));
    pwm_duty #(.W(8)) u_green (.clk(clk), .rst_n(rst_n), .en(en), .period(period),
                               .duty(duty_g), .pwm(raw[1]), .frame_start(starts[1]));
    pwm_duty #(.W(8)) u_blue (.clk(clk), .rst_n(rst_n), .en(en), .period(period),
                              .duty(duty_b), .pwm(raw[2]), .frame_start(starts[2]));

    // the three counters run in lockstep; any one of them marks the frame
    assign frame = starts[0] | starts[1] | starts[2];
    assign {led_b, led_g, led_r} = ACTIVE_LOW ? ~raw : raw;
endmodule
