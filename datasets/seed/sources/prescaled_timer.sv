// prescaled_timer: 16-bit timer with a clock-enable prescaler, compare match and interrupt flag.
//
// A tick_divider instance turns the system clock into a count enable once
// every prescale cycles. On each enable the counter increments; when it
// equals compare it raises the sticky irq flag and either restarts from zero
// (periodic mode) or stops with running cleared (one-shot mode). Writing go
// starts the timer from zero and restarts the prescaler; stop halts it. irq
// is cleared by irq_clr (a new match on the same cycle wins). Ports: clk
// rising-edge clock; rst_n asynchronous active-low reset (stopped, count 0,
// irq clear); go start from zero; stop halt; periodic restart after a match
// instead of stopping; prescale (16 bits) clock cycles per count, 0 or 1
// meaning every cycle; compare (16 bits) match value; count (16 bits)
// current count; running timer active; irq sticky match flag; irq_clr clear
// the flag.
// SPDX-License-Identifier: Apache-2.0
module prescaled_timer (
    input  logic        clk,
    input  logic        rst_n,
    input  logic        go,
    input  logic        stop,
    input  logic        periodic,
    input  logic [15:0] prescale,
    input  logic [15:0] compare,
    output logic [15:0] count,
    output logic        running,
    output logic        irq,
    input  logic        irq_clr
);
    logic tick;
    logic match;

    tick_divider #(.W(16)) u_prescaler (
        .clk(clk), .rst_n(rst_n), .clear(go), .en(running && !go), .div(prescale), .tick(tick)
    );

    assign match = tick && (count == compare);

    always_ff @(posedge clk or negedge rst_n) begin
        if (!rst_n) begin
            count   <= '0;
            running <= 1'b0;
            irq     <= 1'b0;
        end else begin
            if (match) irq <= 1'b1;
            else if (irq_clr) irq <= 1'b0;
            if (go) begin
                count   <= '0;
                running <= 1'b1;
            end else if (stop) begin
                running <= 1'b0;
            end else if (match) begin
                count   <= '0;
                running <= periodic;
            end else if (tick) begin
                count <= count + 16'd1;
            end
        end
    end
endmodule
