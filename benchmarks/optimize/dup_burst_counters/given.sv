// Beat tracker of a short DMA burst: counts the beats of a burst of beats_m1 + 1 beats (1 to 8),
// flags the last one and pulses done after it.
module dup_burst_counters (
    input  logic       clk,
    input  logic       rst_n,
    input  logic       start,
    input  logic [2:0] beats_m1,
    input  logic       beat,
    output logic       busy,
    output logic [2:0] beat_index,
    output logic       last_beat,
    output logic       done
);
    logic [2:0] burst_len;   // beats_m1 of the running burst
    logic [2:0] remaining;   // beats still to come after the current one
    logic       last_q;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            busy <= 1'b0;
            burst_len <= '0;
            beat_index <= '0;
            remaining <= '0;
            last_q <= 1'b0;
            done <= 1'b0;
        end else begin
            done <= 1'b0;
            if (!busy) begin
                if (start) begin
                    busy <= 1'b1;
                    burst_len <= beats_m1;
                    beat_index <= '0;
                    remaining <= beats_m1;
                    last_q <= beats_m1 == 3'd0;
                end
            end else if (beat) begin
                if (beat_index == burst_len) begin
                    busy <= 1'b0;
                    beat_index <= '0;
                    last_q <= 1'b0;
                    done <= 1'b1;
                end else begin
                    beat_index <= beat_index + 3'd1;
                    remaining <= remaining - 3'd1;
                    last_q <= remaining == 3'd1;
                end
            end
        end
    end

    assign last_beat = busy && last_q;
endmodule
