// wrong: the groups are prioritised from the highest one down
// Picks the lowest-numbered valid lane of sixteen (for example the first non-empty queue of a
// scheduler) and forwards its data and number. Two shallow levels instead of one chain of
// sixteen selections: each group of four lanes picks its first valid lane (a 4-way priority and
// an indexed read), then the first group with a valid lane wins.
module muxtree_priority_lane (
    input  logic [15:0]  valid,
    input  logic [127:0] lane_data,
    output logic         found,
    output logic [3:0]   lane,
    output logic [7:0]   data
);
    logic [3:0] group_valid;
    logic [1:0] group_lane [4];   // first valid lane inside group g (3 when none, then unused)
    logic [7:0] group_data [4];

    always_comb begin
        for (int g = 0; g < 4; g++) begin
            group_valid[g] = |valid[4*g +: 4];
            group_lane[g]  = valid[4*g]     ? 2'd0
                           : valid[4*g + 1] ? 2'd1
                           : valid[4*g + 2] ? 2'd2 : 2'd3;
            group_data[g]  = lane_data[8*(4*g + group_lane[g]) +: 8];
        end
        if      (group_valid[3]) begin lane = {2'd3, group_lane[3]}; data = group_data[3]; end
        else if (group_valid[2]) begin lane = {2'd2, group_lane[2]}; data = group_data[2]; end
        else if (group_valid[1]) begin lane = {2'd1, group_lane[1]}; data = group_data[1]; end
        else if (group_valid[0]) begin lane = {2'd0, group_lane[0]}; data = group_data[0]; end
        else                     begin lane = '0;                    data = '0;            end
    end

    assign found = |group_valid;
endmodule
