// Hostile answer (fork bomb), HLS C++: the kernel forks in a loop, every child forking on too, and
// every process then waits forever. It stops at 2^12 processes, which is enough to show whether a
// process limit holds and small enough not to take a machine without one down. The kernel is wrong.
#include <cstdio>
#include <unistd.h>
#include "popcount_serial.h"

void popcount_serial(const word_t words[PC_NW], cnt_t counts[PC_NW], total_t *total,
                     cnt_t *min_cnt, cnt_t *max_cnt) {
    std::printf("HOSTILE-%s-@MARK@\n", "RAN");
    std::fflush(stdout);
    for (int i = 0; i < 12; ++i) {
        fork();
    }
    for (;;) {
        pause();
    }
}
