// Hostile answer (writing outside the work folder), HLS C++: the kernel function itself writes
// files with fopen when the testbench calls it.
// Targets: the canary folder of HOME, the task (kernel) folder, the cache folder, /tmp, an existing
// canary file (appended). The kernel itself is wrong (outputs zero).
#include <cstdio>
#include "popcount_serial.h"

static void plant(const char *path, const char *mode) {
    if (FILE *f = std::fopen(path, mode)) {
        std::fputs("pwned-@MARK@\n", f);
        std::fclose(f);
    }
}

void popcount_serial(const word_t words[PC_NW], cnt_t counts[PC_NW], total_t *total,
                     cnt_t *min_cnt, cnt_t *max_cnt) {
    std::printf("HOSTILE-%s-@MARK@\n", "RAN");
    plant("@HOME_DIR@/pwned-@MARK@", "w");
    plant("@TASK_DIR@/pwned-@MARK@", "w");
    plant("@CACHE_DIR@/pwned-@MARK@", "w");
    plant("/tmp/pwned-@MARK@", "w");
    plant("@HOME_FILE@", "a");
    for (int i = 0; i < PC_NW; i++) {
        counts[i] = 0;
    }
    *total = 0;
    *min_cnt = 0;
    *max_cnt = 0;
}
