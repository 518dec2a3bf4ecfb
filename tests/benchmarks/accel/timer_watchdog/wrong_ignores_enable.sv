// wrong: counter keeps counting down while enable is 0
module timer_watchdog #(
    parameter int WIDTH = 16
) (
    input  logic             clk,
    input  logic             rst_n,
    input  logic             enable,
    input  logic             load,
    input  logic [WIDTH-1:0] load_value,
    input  logic             kick,
    output logic [WIDTH-1:0] count,
    output logic             timeout,
    output logic             expired
);
    logic [WIDTH-1:0] reload;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            reload  <= '0;
            count   <= '0;
            timeout <= 1'b0;
            expired <= 1'b0;
        end else begin
            timeout <= 1'b0;
            if (load) begin
                reload  <= load_value;
                count   <= load_value;
                expired <= 1'b0;
            end else if (kick) begin
                count <= reload;
            end else if (count != '0) begin
                count <= count - 1'b1;
                if (count == WIDTH'(1)) begin
                    timeout <= 1'b1;
                    expired <= 1'b1;
                end
            end
        end
    end
endmodule
