// wrong: in_last is acted on even in cycles where in_valid is 0
module streaming_argmax (
    input  logic               clk,
    input  logic               rst_n,
    input  logic               in_valid,
    input  logic               in_last,
    input  logic signed [15:0] in_data,
    output logic               out_valid,
    output logic        [7:0]  out_index,
    output logic signed [15:0] out_value
);
    // Running state of the current sequence.
    logic               in_sequence;  // at least one element of the current sequence accepted
    logic        [7:0]  count;        // index of the next element
    logic signed [15:0] best_value;
    logic        [7:0]  best_index;

    // The incoming element becomes the best when it starts a sequence or is strictly greater
    // (strictly: the first maximum wins ties).
    logic               take;
    logic signed [15:0] next_value;
    logic        [7:0]  next_index;
    assign take       = !in_sequence || (in_data > best_value);
    assign next_value = take ? in_data : best_value;
    assign next_index = take ? count : best_index;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            in_sequence <= 1'b0;
            count       <= 8'd0;
            out_valid   <= 1'b0;
            out_index   <= 8'd0;
            out_value   <= 16'sd0;
        end else begin
            out_valid <= 1'b0;
            if (in_valid || in_last) begin
                if (in_last) begin
                    out_valid   <= 1'b1;
                    out_index   <= next_index;
                    out_value   <= next_value;
                    in_sequence <= 1'b0;
                    count       <= 8'd0;
                end else begin
                    in_sequence <= 1'b1;
                    count       <= count + 8'd1;
                end
            end
        end
    end

    // The best-so-far registers need no reset: they are ignored until in_sequence is set.
    always_ff @(posedge clk) begin
        if (in_valid && !in_last) begin
            best_value <= next_value;
            best_index <= next_index;
        end
    end
endmodule
