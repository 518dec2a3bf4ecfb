// Picks the lowest-numbered valid lane of sixteen (for example the first non-empty queue of a
// scheduler) and forwards its data and number.
module muxtree_priority_lane (
    input  logic [15:0]  valid,
    input  logic [127:0] lane_data,  // sixteen 8-bit words, lane i in bits [8*i +: 8]
    output logic         found,
    output logic [3:0]   lane,
    output logic [7:0]   data
);
    always_comb begin
        found = 1'b0;
        lane  = '0;
        data  = '0;
        for (int i = 15; i >= 0; i--) begin
            if (valid[i]) begin
                found = 1'b1;
                lane  = 4'(i);
                data  = lane_data[8*i +: 8];
            end
        end
    end
endmodule
