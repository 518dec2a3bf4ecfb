// Beat tracker of a DMA burst. One down-counter of the beats still to come after the current one
// tells the last beat (it reads 0); the stored length and the registered last flag were copies of
// what it already holds.
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
    logic [2:0] remaining;  // beats still to come after the current one

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            busy <= 1'b0;
            beat_index <= '0;
            remaining <= '0;
            done <= 1'b0;
        end else begin
            done <= 1'b0;
            if (!busy) begin
                if (start) begin
                    busy <= 1'b1;
                    remaining <= beats_m1;
                end
            end else if (beat) begin
                if (remaining == 3'd0) begin
                    busy <= 1'b0;
                    beat_index <= '0;
                    done <= 1'b1;
                end else begin
                    beat_index <= beat_index + 3'd1;
                    remaining <= remaining - 3'd1;
                end
            end
        end
    end

    assign last_beat = busy && remaining == 3'd0;
endmodule
