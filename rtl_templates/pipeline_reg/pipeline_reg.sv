// pipeline_reg: chain of STAGES valid/ready register slices, full throughput.
//
// READY_REG = 0: each stage is a forward register slice (valid/data registered,
//   ready_in = !full || ready_out). Cheapest; the ready path is combinational through the chain.
// READY_REG = 1: each stage is a two-entry skid slice (valid/data and ready registered), so no
//   combinational path crosses any stage in either direction.
// In both modes the latency is STAGES cycles and one word per cycle passes when unblocked.
// STAGES = 0 is a plain wire connection.
module pipeline_reg #(
    parameter int WIDTH     = 32,
    parameter int STAGES    = 2,
    parameter int READY_REG = 0
) (
    input  logic             clk,
    input  logic             rst_n,      // synchronous, active low
    input  logic             s_valid,
    output logic             s_ready,
    input  logic [WIDTH-1:0] s_data,
    output logic             m_valid,
    input  logic             m_ready,
    output logic [WIDTH-1:0] m_data
);
    // Handshake signals between stages: index g is the input side of stage g,
    // index STAGES is the output of the chain.
    logic [STAGES:0]             v, r;
    // free[g]: stage g has room (forward mode); free[STAGES] = m_ready. Forward-mode ready into
    // stage g is "some stage at or after g has room" (written without a bit-to-bit chain on r).
    logic [STAGES:0]             free;
    logic [(STAGES+1)*WIDTH-1:0] d;

    assign v[0]          = s_valid;
    assign d[WIDTH-1:0]  = s_data;
    assign s_ready       = r[0];
    assign m_valid       = v[STAGES];
    assign m_data        = d[STAGES*WIDTH +: WIDTH];
    assign r[STAGES]     = m_ready;
    assign free[STAGES]  = m_ready;

    for (genvar g = 0; g < STAGES; g++) begin : g_stage
        logic             in_valid, out_ready, in_ready;
        logic [WIDTH-1:0] in_data;
        logic             q_valid;
        logic [WIDTH-1:0] q_data;

        assign in_valid  = v[g];
        assign in_data   = d[g*WIDTH +: WIDTH];
        assign out_ready = r[g+1];
        assign r[g]      = in_ready;
        assign v[g+1]    = q_valid;
        assign d[(g+1)*WIDTH +: WIDTH] = q_data;

        if (READY_REG == 0) begin : g_fwd
            // Same as !q_valid || out_ready, unrolled over the rest of the chain.
            assign free[g]  = !q_valid;
            assign in_ready = |(free >> g);

            always_ff @(posedge clk) begin
                if (!rst_n)        q_valid <= 1'b0;
                else if (in_ready) q_valid <= in_valid;
            end

            always_ff @(posedge clk) begin
                if (in_ready && in_valid) q_data <= in_data;
            end
        end else begin : g_skid
            logic             skid_valid;
            logic [WIDTH-1:0] skid_data;

            assign free[g]  = 1'b0;      // unused in this mode
            assign in_ready = !skid_valid;

            always_ff @(posedge clk) begin
                if (!rst_n) begin
                    q_valid    <= 1'b0;
                    skid_valid <= 1'b0;
                end else if (skid_valid) begin
                    if (out_ready) skid_valid <= 1'b0;      // q_valid stays 1
                end else if (in_valid) begin
                    if (!q_valid || out_ready) q_valid    <= 1'b1;
                    else                       skid_valid <= 1'b1;
                end else if (out_ready) begin
                    q_valid <= 1'b0;
                end
            end

            always_ff @(posedge clk) begin
                if (skid_valid) begin
                    if (out_ready) q_data <= skid_data;
                end else if (in_valid) begin
                    if (!q_valid || out_ready) q_data    <= in_data;
                    else                       skid_data <= in_data;
                end
            end
        end
    end
endmodule
