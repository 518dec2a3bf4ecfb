// Complex multiplier of a baseband accelerator, two compute cycles per product:
// (a_re + j a_im) * (b_re + j b_im) = (a_re*b_re - a_im*b_im) + j (a_re*b_im + a_im*b_re).
module unshared_serial_cmul (
    input  logic               clk,
    input  logic               rst_n,   // synchronous, active low
    input  logic               start,   // accepted when idle: captures the operands
    input  logic signed [5:0]  a_re,
    input  logic signed [5:0]  a_im,
    input  logic signed [5:0]  b_re,
    input  logic signed [5:0]  b_im,
    output logic               busy,
    output logic               done,    // one-cycle pulse: p_re and p_im hold a new product
    output logic signed [12:0] p_re,
    output logic signed [12:0] p_im
);
    localparam logic [1:0] IDLE = 2'd0, FIRST = 2'd1, SECOND = 2'd2;

    logic [1:0] phase;
    logic signed [5:0]  x_re, x_im, y_re, y_im;  // captured operands
    logic signed [11:0] part_re, part_im;        // products of the first cycle

    assign busy = phase != IDLE;

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
                    part_re <= x_re * y_re;
                    part_im <= x_re * y_im;
                    phase <= SECOND;
                end
                default: begin
                    p_re <= part_re - x_im * y_im;
                    p_im <= part_im + x_im * y_re;
                    done <= 1'b1;
                    phase <= IDLE;
                end
            endcase
        end
    end
endmodule
