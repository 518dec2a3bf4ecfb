module matvec_unit (
    input  logic              clk,
    input  logic              rst_n,
    input  logic              m_we,
    input  logic [3:0]        m_addr,
    input  logic signed [7:0] m_data,
    input  logic              v_we,
    input  logic [1:0]        v_addr,
    input  logic signed [7:0] v_data,
    input  logic              start,
    output logic              busy,
    output logic              done,
    output logic [71:0]       y
);
    // Matrix stored row-major, element (r, c) at index r*4+c.
    logic signed [7:0]  mat [16];
    logic signed [7:0]  vec [4];
    logic [1:0]         column;
    logic signed [17:0] partial [4];

    // Row r of the current column step: the partial sum plus M[r][column] * v[column].
    logic signed [17:0] next_partial [4];
    for (genvar r = 0; r < 4; r++) begin : g_row
        logic signed [15:0] product;
        logic signed [17:0] product_ext;
        assign product         = mat[r*4 + column] * vec[column];
        assign product_ext     = 18'(product);  // sign-extended
        assign next_partial[r] = partial[r] + product_ext;
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            for (int i = 0; i < 16; i++) begin
                mat[i] <= '0;
            end
            for (int i = 0; i < 4; i++) begin
                vec[i]     <= '0;
                partial[i] <= '0;
            end
            column <= '0;
            busy   <= 1'b0;
            done   <= 1'b0;
            y      <= '0;
        end else if (!busy) begin
            done <= 1'b0;
            if (m_we) begin
                mat[m_addr] <= m_data;
            end
            if (v_we) begin
                vec[v_addr] <= v_data;
            end
            if (start) begin
                busy   <= 1'b1;
                column <= '0;
                for (int i = 0; i < 4; i++) begin
                    partial[i] <= '0;
                end
            end
        end else begin
            for (int i = 0; i < 4; i++) begin
                partial[i] <= next_partial[i];
            end
            column <= column + 2'd1;
            if (column == 2'd3) begin
                busy <= 1'b0;
                done <= 1'b1;
                y    <= {next_partial[3], next_partial[2], next_partial[1], next_partial[0]};
            end
        end
    end
endmodule
