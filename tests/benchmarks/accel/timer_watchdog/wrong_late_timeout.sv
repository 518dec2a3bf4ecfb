// wrong: timeout is raised when the counter is seen at zero, one cycle after it reached zero
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
    logic             armed;   // counter was running and has not timed out yet

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            reload  <= '0;
            count   <= '0;
            timeout <= 1'b0;
            expired <= 1'b0;
            armed   <= 1'b0;
        end else begin
            timeout <= 1'b0;
            if (load) begin
                reload  <= load_value;
                count   <= load_value;
                expired <= 1'b0;
                armed   <= (load_value != '0);
            end else if (kick) begin
                count <= reload;
                armed <= (reload != '0);
            end else if (enable) begin
                if (count != '0) begin
                    count <= count - 1'b1;
                end else if (armed) begin
                    timeout <= 1'b1;
                    expired <= 1'b1;
                    armed   <= 1'b0;
                end
            end
        end
    end
endmodule
