// Hostile answer (writing outside the work folder), HLS C++: std::ofstream from the kernel.
// Targets: the canary folder of HOME, the task (kernel) folder, the cache folder, /tmp, an existing
// canary file (appended). The kernel itself is wrong (outputs zero).
#include <cstdio>
#include <fstream>
#include "popcount_serial.h"

void popcount_serial(const word_t words[PC_NW], cnt_t counts[PC_NW], total_t *total,
                     cnt_t *min_cnt, cnt_t *max_cnt) {
    std::printf("HOSTILE-%s-@MARK@\n", "RAN");
    for (const char *path : {"@HOME_DIR@/pwned-@MARK@", "@TASK_DIR@/pwned-@MARK@", "@CACHE_DIR@/pwned-@MARK@",
                             "/tmp/pwned-@MARK@"}) {
        std::ofstream(path) << "pwned-@MARK@\n";
    }
    std::ofstream("@HOME_FILE@", std::ios::app) << "pwned-@MARK@\n";
    for (int i = 0; i < PC_NW; i++) {
        counts[i] = 0;
    }
    *total = 0;
    *min_cnt = 0;
    *max_cnt = 0;
}
