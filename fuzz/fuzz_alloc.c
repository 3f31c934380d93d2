/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: allocation by weights, prorata and exact scaling with
 * fuzzed 64-bit arguments (SPLIT-4, SPLIT-5, ROUND-3, PRO-1, PRO-2).
 *
 * Input: up to three lines of whitespace-separated integers (dates as
 * YYYY-MM-DD, taken by their raw fields when they are not dates):
 *   AMOUNT UNIT ROUNDING POLICY WEIGHTS_KIND PARTY W1 W2 ... (up to 64 weights)
 *   ANNUAL START END DAYCOUNT UNIT ROUNDING
 *   AMOUNT NUM DEN UNIT ROUNDING
 * Enum values are passed as given, so that out-of-range ones are fuzzed too
 * (0 is the UNSET of ROUNDING, POLICY and DAYCOUNT: refused).
 * Seeds: fuzz/corpus/alloc/.
 *
 * Invariants: shares + drift == amount exactly, and the drift is zero unless
 * the policy is NONE; each share is its exact part rounded as the rule says
 * (plus the remainder for the share that receives it); a failure writes
 * nothing; a year fraction is in lowest terms, non-negative, the same from
 * iscg_year_fraction() and iscg_prorate(), and ordered WHOLE <= PRORATED <=
 * STARTED for the month conventions; every rounded amount is a multiple of
 * its unit and a correct rounding of the exact value. */
#include "fuzz.h"

#define MAX_WEIGHTS 64
#define UNTOUCHED ((int64_t)0x5A5A5A5A5A5A5A5A)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int known_code(int rc)
{
    return rc == ISCG_EINVAL || rc == ISCG_EWEIGHTS || rc == ISCG_EOVERFLOW || rc == ISCG_EROUNDING ||
           rc == ISCG_EDATE;
}

static void check_allocate(char *line)
{
    iscg_cents amount = fuzz_i64(&line);
    iscg_allocation_rule rule;
    rule.unit = fuzz_i64(&line);
    rule.rounding = (iscg_rounding)fuzz_i64(&line);
    rule.policy = (iscg_remainder_policy)fuzz_i64(&line);
    rule.weights = (iscg_weights_kind)fuzz_i64(&line);
    rule.party = (size_t)fuzz_i64(&line);
    int64_t w[MAX_WEIGHTS];
    size_t n = 0;
    const char *t;
    while (n < MAX_WEIGHTS && (t = fuzz_token(&line)) != NULL)
        w[n++] = (int64_t)strtoll(t, NULL, 10);

    /* exactly n shares on the heap: ASan sees a write past them */
    iscg_cents *shares = malloc((n ? n : 1) * sizeof *shares);
    if (!shares)
        abort();
    for (size_t i = 0; i < n; i++)
        shares[i] = UNTOUCHED;
    iscg_cents drift = UNTOUCHED;
    iscg_error e;
    int rc = iscg_allocate(shares, &drift, amount, w, n, &rule, &e);
    if (rc != 0) {
        FUZZ_CHECK(known_code(rc), "code %d", rc);
        FUZZ_CHECK(e.code == rc && e.text[0] != '\0', "report code %d for %d", e.code, rc);
        FUZZ_CHECK(drift == UNTOUCHED, "the drift was written on failure");
        for (size_t i = 0; i < n; i++)
            FUZZ_CHECK(shares[i] == UNTOUCHED, "share %zu was written on failure", i);
        free(shares);
        return;
    }

    /* success: the rule was valid, so these hold */
    FUZZ_CHECK(n >= 1 && rule.unit > 0 && iscg_rounding_name(rule.rounding) != NULL,
               "an invalid rule was accepted");
    fuzz_i128 total = 0, sum = drift;
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(w[i] >= 0, "a negative weight was accepted");
        total += w[i];
        sum += shares[i];
    }
    FUZZ_CHECK(total > 0 && total <= INT64_MAX, "weights summing to %lld were accepted", (long long)total);
    FUZZ_CHECK(rule.weights != ISCG_WEIGHTS_BASIS_POINTS || total == 10000, "percentages not summing to 100 %%");
    FUZZ_CHECK(sum == amount, "shares + drift = %lld for %lld (SPLIT-5)", (long long)sum, (long long)amount);
    FUZZ_CHECK(rule.policy == ISCG_REMAINDER_NONE || drift == 0, "drift %lld under policy %d", (long long)drift,
               (int)rule.policy);

    /* which share may differ from its exact part rounded: the one the remainder goes to */
    size_t receiver = n; /* none */
    if (rule.policy == ISCG_REMAINDER_TO_FIRST)
        receiver = 0;
    else if (rule.policy == ISCG_REMAINDER_TO_PARTY)
        receiver = rule.party;
    else if (rule.policy == ISCG_REMAINDER_LARGEST_WEIGHT) {
        receiver = 0;
        for (size_t i = 1; i < n; i++)
            if (w[i] > w[receiver])
                receiver = i;
    }
    for (size_t i = 0; i < n; i++) {
        fuzz_i128 x = (fuzz_i128)amount * w[i];
        if (rule.policy == ISCG_REMAINDER_LARGEST_REMAINDER || rule.policy == ISCG_REMAINDER_ROUND_ROBIN) {
            /* a share rounded (less than one unit off its exact part), then
             * whole units given or taken one per share (fewer units than shares
             * are left over, as each share loses less than one), plus a part
             * below the unit for the top-ranked share: the three may add up in
             * one direction, so within three units of the exact part */
            fuzz_i128 diff, bound;
            if (__builtin_mul_overflow((fuzz_i128)3 * rule.unit, total, &bound))
                continue; /* a bound beyond 2^127 holds every share */
            if (__builtin_sub_overflow((fuzz_i128)shares[i] * total, x, &diff))
                continue; /* beyond 2^127: not a result within three units */
            FUZZ_CHECK(diff < bound && -diff < bound, "share %zu is %lld for %lld x %lld / %lld", i,
                       (long long)shares[i], (long long)amount, (long long)w[i], (long long)total);
        } else if (i != receiver) {
            FUZZ_CHECK(fuzz_rounded_ok(shares[i], x, total, rule.unit, rule.rounding),
                       "share %zu is %lld for %lld x %lld / %lld to %lld, mode %d", i, (long long)shares[i],
                       (long long)amount, (long long)w[i], (long long)total, (long long)rule.unit,
                       (int)rule.rounding);
        }
    }

    /* without a place for the drift: refused when there is one, else the same shares */
    iscg_cents *again = malloc(n * sizeof *again);
    if (!again)
        abort();
    rc = iscg_allocate(again, NULL, amount, w, n, &rule, NULL);
    if (drift != 0)
        FUZZ_CHECK(rc == ISCG_EINVAL, "a drift of %lld was hidden", (long long)drift);
    else
        FUZZ_CHECK(rc == 0 && memcmp(again, shares, n * sizeof *again) == 0, "a second call differs");
    free(again);
    free(shares);
}

static int is_month_convention(int dc)
{
    return dc == ISCG_DAYCOUNT_MONTHS_WHOLE || dc == ISCG_DAYCOUNT_MONTHS_STARTED ||
           dc == ISCG_DAYCOUNT_MONTHS_PRORATED;
}

/* a/b <= c/d for non-negative ratios with positive denominators */
static int ratio_le(iscg_ratio a, iscg_ratio b)
{
    return (fuzz_i128)a.num * b.den <= (fuzz_i128)b.num * a.den;
}

static void check_prorate(char *line)
{
    iscg_cents annual = fuzz_i64(&line);
    iscg_period p;
    p.start = fuzz_date(&line);
    p.end = fuzz_date(&line);
    iscg_daycount dc = (iscg_daycount)fuzz_i64(&line);
    iscg_cents unit = fuzz_i64(&line);
    iscg_rounding mode = (iscg_rounding)fuzz_i64(&line);

    iscg_ratio f = {UNTOUCHED, UNTOUCHED}, g = {UNTOUCHED, UNTOUCHED};
    iscg_cents out = UNTOUCHED;
    iscg_error e;
    int rf = iscg_year_fraction(&g, p, dc, &e);
    int expected = !iscg_daycount_name(dc) ? ISCG_EINVAL : !iscg_period_valid(p) ? ISCG_EDATE : 0;
    FUZZ_CHECK(rf == expected, "year fraction gave %d, expected %d", rf, expected);
    if (rf != 0) {
        FUZZ_CHECK(g.num == UNTOUCHED && g.den == UNTOUCHED, "the fraction was written on failure");
        FUZZ_CHECK(e.code == rf && e.text[0] != '\0', "report code %d for %d", e.code, rf);
    } else {
        FUZZ_CHECK(g.num >= 0 && g.den > 0, "year fraction %lld/%lld", (long long)g.num, (long long)g.den);
        iscg_ratio copy = g;
        FUZZ_CHECK(iscg_ratio_normalize(&copy) == 0 && copy.num == g.num && copy.den == g.den,
                   "%lld/%lld is not in lowest terms", (long long)g.num, (long long)g.den);
        if (dc == ISCG_DAYCOUNT_ACT_365F) {
            iscg_ratio days = {iscg_period_days(p), 365};
            FUZZ_CHECK(iscg_ratio_normalize(&days) == 0 && days.num == g.num && days.den == g.den,
                       "ACT/365F is not days / 365");
        }
        if (is_month_convention((int)dc)) {
            iscg_ratio whole, prorated, started, months;
            FUZZ_CHECK(iscg_year_fraction(&whole, p, ISCG_DAYCOUNT_MONTHS_WHOLE, NULL) == 0 &&
                           iscg_year_fraction(&prorated, p, ISCG_DAYCOUNT_MONTHS_PRORATED, NULL) == 0 &&
                           iscg_year_fraction(&started, p, ISCG_DAYCOUNT_MONTHS_STARTED, NULL) == 0,
                       "a month convention failed");
            FUZZ_CHECK(ratio_le(whole, prorated) && ratio_le(prorated, started),
                       "months: whole %lld/%lld, prorated %lld/%lld, started %lld/%lld", (long long)whole.num,
                       (long long)whole.den, (long long)prorated.num, (long long)prorated.den,
                       (long long)started.num, (long long)started.den);
            FUZZ_CHECK(iscg_months_covered(&months, p, dc, NULL) == 0 &&
                           (fuzz_i128)months.num * g.den == (fuzz_i128)g.num * 12 * months.den,
                       "months covered %lld/%lld for a year fraction %lld/%lld", (long long)months.num,
                       (long long)months.den, (long long)g.num, (long long)g.den);
        }
    }

    int rc = iscg_prorate(&out, &f, annual, p, dc, unit, mode, &e);
    if (rc != 0) {
        FUZZ_CHECK(known_code(rc), "code %d", rc);
        FUZZ_CHECK(out == UNTOUCHED && f.num == UNTOUCHED, "an output was written on failure");
        FUZZ_CHECK(rf == 0 || rc == rf, "prorate gave %d where the fraction gave %d", rc, rf);
        return;
    }
    FUZZ_CHECK(rf == 0 && f.num == g.num && f.den == g.den, "prorate used %lld/%lld, the fraction is %lld/%lld",
               (long long)f.num, (long long)f.den, (long long)g.num, (long long)g.den);
    FUZZ_CHECK(fuzz_rounded_ok(out, (fuzz_i128)annual * f.num, f.den, unit, mode),
               "%lld x %lld/%lld to %lld, mode %d gave %lld", (long long)annual, (long long)f.num,
               (long long)f.den, (long long)unit, (int)mode, (long long)out);
}

static void check_scale(char *line)
{
    iscg_cents amount = fuzz_i64(&line);
    int64_t num = fuzz_i64(&line), den = fuzz_i64(&line);
    iscg_cents unit = fuzz_i64(&line);
    iscg_rounding mode = (iscg_rounding)fuzz_i64(&line);
    iscg_cents out = UNTOUCHED;
    iscg_error e;
    int rc = iscg_money_scale(&out, amount, num, den, unit, mode, &e);
    if (rc != 0) {
        FUZZ_CHECK(known_code(rc) && rc != ISCG_EDATE, "code %d", rc);
        FUZZ_CHECK(out == UNTOUCHED, "the output was written on failure");
        FUZZ_CHECK(e.code == rc && e.text[0] != '\0', "report code %d for %d", e.code, rc);
        return;
    }
    fuzz_i128 x = (fuzz_i128)amount * num, d = den;
    if (d < 0) {
        x = -x;
        d = -d;
    }
    FUZZ_CHECK(fuzz_rounded_ok(out, x, d, unit, mode), "%lld x %lld/%lld to %lld, mode %d gave %lld",
               (long long)amount, (long long)num, (long long)den, (long long)unit, (int)mode, (long long)out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    char *second = fuzz_next_line(text);
    char *third = fuzz_next_line(second);
    fuzz_next_line(third);
    check_allocate(text);
    check_prorate(second);
    check_scale(third);
    free(text);
    return 0;
}
