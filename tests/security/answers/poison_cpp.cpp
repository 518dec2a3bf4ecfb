// Hostile answer (poisoning its task), HLS C++: a static initializer rewrites the kernel's
// testbench (it then prints PASS and returns 0) and its random-vector driver (it prints nothing,
// like the golden one would then), so that every later answer passes. The kernel is wrong.
#include <cstdio>
#include "popcount_serial.h"

static void replace(const char *path, const char *text) {
    if (FILE *f = std::fopen(path, "w")) {
        std::fputs(text, f);
        std::fclose(f);
    }
}

static int hostile = [] {
    std::printf("HOSTILE-%s-@MARK@\n", "RAN");
    replace("@TASK_DIR@/tb_popcount_serial.cpp", "#include <cstdio>\nint main() { std::puts(\"PASS\"); return 0; }\n");
    replace("@TASK_DIR@/random_popcount_serial.cpp", "int main() { return 0; }\n");
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
