// Hostile answer (writing outside the work folder), HLS C++: a static initializer calls system()
// before main, in every program the kernel is linked into (testbench, sanitized build, driver).
// Targets: the canary folder of HOME, the task (kernel) folder, the cache folder, /tmp, an existing
// canary file (appended). The kernel itself is wrong (outputs zero).
#include <cstdio>
#include <cstdlib>
#include "popcount_serial.h"

static int hostile = [] {
    std::printf("HOSTILE-%s-@MARK@\n", "RAN");
    return std::system("touch @HOME_DIR@/pwned-@MARK@ @TASK_DIR@/pwned-@MARK@ @CACHE_DIR@/pwned-@MARK@ "
                       "/tmp/pwned-@MARK@; echo pwned-@MARK@ >> @HOME_FILE@");
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
