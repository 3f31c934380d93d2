/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: amounts and percentages (ROUND-1).
 *
 * The input is the text given to iscg_money_parse() and iscg_percent_parse().
 * Invariants: a parsed amount formats, in each style, to text that parses back
 * to the same amount; any int64 amount (the input read as an integer, so
 * that INT64_MIN and INT64_MAX are reached) does too; formatting never writes
 * past the buffer it is given; a failure leaves the output untouched and
 * reports the code it returns; a percentage lies between 0 and 100 %. */
#include "fuzz.h"

#define UNTOUCHED ((int64_t)0x5A5A5A5A5A5A5A5A)

static const iscg_money_style styles[] = {ISCG_MONEY_PLAIN, ISCG_MONEY_FRENCH, ISCG_MONEY_FRENCH_CENTS};

/* Formats v in every style, into buffers of every size up to the one it needs. */
static void check_round_trip(iscg_cents v)
{
    for (size_t k = 0; k < sizeof styles / sizeof styles[0]; k++) {
        char buf[48];
        int n = iscg_money_format(buf, sizeof buf, v, styles[k]);
        FUZZ_CHECK(n > 0 && (size_t)n < sizeof buf && strlen(buf) == (size_t)n, "%lld in style %d gave %d",
                   (long long)v, (int)styles[k], n);
        iscg_cents back = UNTOUCHED;
        iscg_error e;
        int rc = iscg_money_parse(&back, buf, &e);
        FUZZ_CHECK(rc == 0 && back == v, "%lld formatted as \"%s\" parsed back as %lld (rc %d: %s)", (long long)v,
                   buf, (long long)back, rc, rc ? e.text : "");
        /* a heap buffer of exactly the size, then one byte short: ASan sees any overrun */
        for (size_t size = (size_t)n; size <= (size_t)n + 1; size++) {
            char *small = malloc(size);
            if (!small)
                abort();
            int m = iscg_money_format(small, size, v, styles[k]);
            if (size > (size_t)n)
                FUZZ_CHECK(m == n && strcmp(small, buf) == 0, "size %zu gave %d", size, m);
            else
                FUZZ_CHECK(m == ISCG_ERANGE && small[0] == '\0', "size %zu gave %d", size, m);
            free(small);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    size_t len = strlen(text);
    iscg_error e;

    iscg_cents v = UNTOUCHED;
    int rc = iscg_money_parse(&v, text, &e);
    if (rc == 0) {
        check_round_trip(v);
    } else {
        FUZZ_CHECK(rc == ISCG_EPARSE || rc == ISCG_EOVERFLOW, "code %d", rc);
        FUZZ_CHECK(v == UNTOUCHED, "the output was written on failure");
        FUZZ_CHECK(e.code == rc && e.text[0] != '\0', "report code %d for %d", e.code, rc);
        FUZZ_CHECK(e.column >= 1 && (size_t)e.column <= len + 1, "column %d of %zu bytes", e.column, len);
    }

    int64_t bp = UNTOUCHED;
    rc = iscg_percent_parse(&bp, text, &e);
    if (rc == 0) {
        FUZZ_CHECK(bp >= 0 && bp <= 10000, "%lld basis points", (long long)bp);
        /* without a '%' sign a percentage is a decimal number the amount parser
         * reads the same: "41.78" is 4178 basis points and 4178 cents */
        if (!strchr(text, '%')) {
            iscg_cents c;
            FUZZ_CHECK(iscg_money_parse(&c, text, NULL) == 0 && c == bp, "\"%s\": %lld basis points",
                       text, (long long)bp);
        }
    } else {
        FUZZ_CHECK(rc == ISCG_EPARSE || rc == ISCG_ERANGE, "code %d", rc);
        FUZZ_CHECK(bp == UNTOUCHED, "the output was written on failure");
        FUZZ_CHECK(e.code == rc && e.text[0] != '\0', "report code %d for %d", e.code, rc);
    }

    /* any amount at all, from the text read as an integer of cents */
    check_round_trip((iscg_cents)strtoll(text, NULL, 10));

    free(text);
    return 0;
}
