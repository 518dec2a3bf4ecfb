// wrong: the partial products are kept in 11 bits, so (-32)*(-32) = 1024 wraps
// Complex multiplier of a baseband accelerator, two compute cycles per product:
// (a_re + j a_im) * (b_re + j b_im) = (a_re*b_re - a_im*b_im) + j (a_re*b_im + a_im*b_re).
// The four real products fall two per cycle, so two multipliers serve them: the first cycle
// multiplies x_re by (y_re, y_im), the second x_im by (y_im, y_re).
module unshared_serial_cmul (
    input  logic               clk,
    input  logic               rst_n,
    input  logic               start,
    input  logic signed [5:0]  a_re,
    input  logic signed [5:0]  a_im,
    input  logic signed [5:0]  b_re,
    input  logic signed [5:0]  b_im,
    output logic               busy,
    output logic               done,
    output logic signed [12:0] p_re,
    output logic signed [12:0] p_im
);
    localparam logic [1:0] IDLE = 2'd0, FIRST = 2'd1, SECOND = 2'd2;

    logic [1:0] phase;
    logic signed [5:0]  x_re, x_im, y_re, y_im;
    logic signed [10:0] part_re, part_im;
    logic signed [5:0]  x_now, y_straight, y_crossed;
    logic signed [11:0] product_straight, product_crossed;

    assign busy = phase != IDLE;

    assign x_now      = (phase == FIRST) ? x_re : x_im;
    assign y_straight = (phase == FIRST) ? y_re : y_im;
    assign y_crossed  = (phase == FIRST) ? y_im : y_re;
    assign product_straight = x_now * y_straight;  // x_re*y_re, then x_im*y_im
    assign product_crossed  = x_now * y_crossed;   // x_re*y_im, then x_im*y_re

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            phase <= IDLE;
            done  <= 1'b0;
            x_re <= '0; x_im <= '0; y_re <= '0; y_im <= '0;
            part_re <= '0; part_im <= '0;
            p_re <= '0; p_im <= '0;
        end else begin
            done <= 1'b0;
            case (phase)
                IDLE: if (start) begin
                    x_re <= a_re; x_im <= a_im; y_re <= b_re; y_im <= b_im;
                    phase <= FIRST;
                end
                FIRST: begin
                    part_re <= product_straight;
                    part_im <= product_crossed;
                    phase <= SECOND;
                end
                default: begin
                    p_re <= part_re - product_straight;
                    p_im <= part_im + product_crossed;
                    done <= 1'b1;
                    phase <= IDLE;
                end
            endcase
        end
    end
endmodule
