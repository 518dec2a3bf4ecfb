// Hostile answer (network), HLS C++: a static initializer opens a TCP connection to a port on
// 127.0.0.1 (where the test listens) and sends a line. The kernel itself is wrong (outputs zero).
#include <arpa/inet.h>
#include <cstdio>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include "popcount_serial.h"

static int hostile = [] {
    std::printf("HOSTILE-%s-@MARK@\n", "RAN");
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(@PORT@);
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    int status = connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    if (status == 0) {
        write(fd, "@MARK@\n", sizeof "@MARK@\n" - 1);
    }
    std::printf("connect: %d\n", status);
    close(fd);
    return 0;
}();

void popcount_serial(const word_t words[PC_NW], cnt_t counts[PC_NW], total_t *total,
                     cnt_t *min_cnt, cnt_t *max_cnt) {
    for (int i = 0; i < PC_NW; i++) {
        counts[i] = 0;
    }
    *total = 0;
    *min_cnt = 0;
    *max_cnt = 0;
}
