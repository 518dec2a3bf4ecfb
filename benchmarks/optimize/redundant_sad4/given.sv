// Sum of absolute differences of four pixel pairs (a motion-estimation block-matching kernel).
module redundant_sad4 (
    input  logic [31:0] current,    // four unsigned 8-bit pixels, pixel i in bits [8*i +: 8]
    input  logic [31:0] candidate,  // four unsigned 8-bit pixels of the candidate block
    output logic [9:0]  sad
);
    logic [7:0] larger  [4];
    logic [7:0] smaller [4];
    logic [7:0] distance [4];

    always_comb begin
        sad = '0;
        for (int i = 0; i < 4; i++) begin
            larger[i]   = (current[8*i +: 8] > candidate[8*i +: 8]) ? current[8*i +: 8]
                                                                    : candidate[8*i +: 8];
            smaller[i]  = (current[8*i +: 8] < candidate[8*i +: 8]) ? current[8*i +: 8]
                                                                    : candidate[8*i +: 8];
            distance[i] = larger[i] - smaller[i];
            sad = sad + 10'(distance[i]);
        end
    end
endmodule
