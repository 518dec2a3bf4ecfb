// bcd_digit: one decimal digit of a cascadable up/down BCD counter.
//
// The digit steps when step is high: up from 9 to 0 or down from 0 to 9,
// raising carry (combinationally) on the step that wraps, which steps the
// next digit. Ports: clk rising-edge clock; rst_n asynchronous active-low
// reset to 0; clear synchronous return to 0; step count this cycle; down
// count down instead of up; digit (4 bits) the BCD value; carry wrap out.
// SPDX-License-Identifier: Apache-2.0
module bcd_digit (
    input  wire       clk,
    input  wire       rst_n,
    input  wire       clear,
    input  wire       step,
    input  wire       down,
    output reg  [3:0] digit,
    output wire       carry
);
    wire at_end = down ? (digit == 4'd0) : (digit == 4'd9);

    assign carry = step && at_end;

    always @(posedge clk or negedge rst_n) begin
        if (!rst_n) digit <= 4'd0;
        else if (clear) digit <= 4'd0;
        else if (step) begin
            if (at_end) digit <= down ? 4'd9 : 4'd0;
            else digit <= down ? digit - 4'd1 : digit + 4'd1;
        end
    end
endmodule

// bcd_counter4: four-digit decimal up/down counter (0000-9999) built from bcd_digit cells.
//
// Four bcd_digit instances are chained through their carry outputs, so the
// counter steps by one each enabled cycle and wraps 9999 -> 0000 going up or
// 0000 -> 9999 going down. Ports: clk rising-edge clock; rst_n asynchronous
// active-low reset to 0000; clear synchronous reset to 0000; en count this
// cycle; down count downwards; bcd (16 bits) the four digits, thousands in
// bits 15:12 and units in 3:0; wrap one-cycle combinational flag on the
// enabled cycle whose step wraps the whole counter.
module bcd_counter4 (
    input  wire        clk,
    input  wire        rst_n,
    input  wire        clear,
    input  wire        en,
    input  wire        down,
    output wire [15:0] bcd,
    output wire        wrap
);
    wire [4:0] chain;

    assign chain[0] = en;

    genvar d;
    generate
        for (d = 0; d < 4; d = d + 1) begin : g_digit
            bcd_digit u_digit (
                .clk(clk), .rst_n(rst_n), .clear(clear), .step(chain[d]), .down(down),
                .digit(bcd[4*d +: 4]), .carry(chain[d+1])
            );
        end
    endgenerate

    assign wrap = chain[4];
endmodule
