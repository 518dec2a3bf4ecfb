// Hostile answer (reading secrets), HLS C++: #include of canary files of HOME. Their text is not
// C++, so g++ reports it, naming the offending token and quoting the line: the secret ends up in
// the compile error the scorer reports.
#include "popcount_serial.h"
#include "@HOME_FILE@"
#include "@HOME@/.ssh/id_ed25519"

void popcount_serial(const word_t words[PC_NW], cnt_t counts[PC_NW], total_t *total,
                     cnt_t *min_cnt, cnt_t *max_cnt) {
    *total = 0;
}
