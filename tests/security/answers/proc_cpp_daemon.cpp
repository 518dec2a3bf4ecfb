// Hostile answer (outliving its scoring), HLS C++: a static initializer daemonizes (fork, setsid,
// fork again: a new session that a kill of the process group does not reach), and the daemon
// writes a marker file into its working folder 3 seconds later, then stays around. The kernel is
// wrong (outputs zero) and the testbench returns at once.
#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>
#include "popcount_serial.h"

static int hostile = [] {
    std::printf("HOSTILE-%s-@MARK@\n", "RAN");
    std::fflush(stdout);
    pid_t first = fork();
    if (first == 0) {
        setsid();
        if (fork() == 0) {
            execl("/bin/sh", "sh", "-c", "sleep 3; echo late > late-@MARK@; sleep 60; : @MARK@", (char *)nullptr);
        }
        _exit(0);
    }
    waitpid(first, nullptr, 0);  // the daemon is in its own session before the program goes on
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
