/* SPDX-License-Identifier: Apache-2.0 */
/* The library at its limits: amounts near INT64_MAX and INT64_MIN, thousands
 * of funders on one convention, a registry and a dataset of 100 000 posts,
 * dates from 0001-01-01 to 9999-12-31, and empty datasets, registries and
 * collections. Each gives an exact figure or a negative ISCG_E* code with a
 * message naming what is wrong: never a crash, a wrong figure or a silently
 * truncated one. Expected figures are computed here from first principles
 * (cost = n x k + r...), not read back from the library. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscg.h>

#include "seed.h"
#include "suites.h"

/* Funders on one convention's sides. */
#define N_FUNDERS 5000
/* Posts (each with its own carrier and convention) in one registry, and in one dataset. */
#define N_POSTS 100000

/* 9999-12-31 as a day number: 9999 years of 365 days and 2424 leap days. */
#define LAST_DAY ((int64_t)9999 * 365 + 9999 / 4 - 9999 / 100 + 9999 / 400)

static const iscg_allocation_rule CENT_DOWN = {ISCG_CENT, ISCG_ROUND_DOWN, ISCG_REMAINDER_NONE, 0, ISCG_WEIGHTS_RAW};
static const iscg_allocation_rule EURO_DOWN = {ISCG_EURO, ISCG_ROUND_DOWN, ISCG_REMAINDER_NONE, 0, ISCG_WEIGHTS_RAW};

static iscg_date D(int y, int m, int d)
{
    iscg_date x = {y, m, d};
    return x;
}

static iscg_period P(iscg_date a, iscg_date b)
{
    iscg_period p = {a, b};
    return p;
}

static iscg_allocation_rule rule_of(iscg_cents unit, iscg_rounding mode, iscg_remainder_policy policy)
{
    iscg_allocation_rule r = ISCG_ALLOCATION_RULE_INIT;
    r.unit = unit;
    r.rounding = mode;
    r.policy = policy;
    return r;
}

/* The failure: its code, its report's code and every given phrase in its message. */
#define ck_assert_fails(call, code_, e, ...)                                                                  \
    do {                                                                                                      \
        int rc_ = (call);                                                                                     \
        ck_assert_msg(rc_ == (code_), "%s gave %d, expected %d (%s)", #call, rc_, (int)(code_), (e).text);    \
        ck_assert_int_eq((e).code, (code_));                                                                  \
        ck_assert_msg((e).text[0] != '\0', "%s gave no message", #call);                                       \
        const char *const want_[] = {"", __VA_ARGS__};                                                        \
        for (size_t k_ = 0; k_ < sizeof want_ / sizeof want_[0]; k_++)                                        \
            ck_assert_msg(strstr((e).text, want_[k_]) != NULL, "message \"%s\" lacks \"%s\"", (e).text,      \
                          want_[k_]);                                                                         \
    } while (0)

/* For loops of thousands of calls: Check writes down the place of every
 * assertion that passes, which would cost more than the calls themselves;
 * this one touches Check only when the condition fails. */
#define ck_require(cond, ...)                                                                                 \
    do {                                                                                                      \
        if (!(cond))                                                                                          \
            ck_abort_msg(__VA_ARGS__);                                                                        \
    } while (0)

/* The call returns 0, else the test stops with the call and its message. */
#define ck_ok(call, e) ck_require((call) == 0, "%s: %s", #call, (e).text)

/* A registry with the State, the Département, a CC carrying a gendarmerie post "p". */
static iscg_registry *base_registry(void)
{
    iscg_registry *r;
    iscg_error e;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "dept", ISCG_PARTY_DEPARTEMENT, "Departement", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc", ISCG_PARTY_EPCI, "CC", ISCG_UNKNOWN, &e), 0);
    iscg_post_spec p = ISCG_POST_SPEC_INIT;
    p.id = "p";
    p.label = "ISG P";
    p.kind = ISCG_POST_ISG;
    p.carrier = "cc";
    p.weekly_hours = 35;
    p.police_bp = 0;
    ck_assert_int_eq(iscg_post_add(r, &p, &e), 0);
    return r;
}

static void add_convention(iscg_registry *r, const char *id, const char *post, iscg_period period, iscg_cents cost,
                           int annual, iscg_daycount dc, iscg_allocation_rule rounding)
{
    iscg_error e;
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = id;
    c.post = post;
    c.period = period;
    c.cost = cost;
    c.annual = annual;
    c.daycount = dc;
    c.rounding = rounding;
    c.source = "limits";
    ck_assert_msg(iscg_convention_add(r, &c, &e) == 0, "%s: %s", id, e.text);
}

/* A 2023 convention of post "p", whole-period amounts, months. */
static void add_2023(iscg_registry *r, const char *id, iscg_cents cost, iscg_allocation_rule rounding)
{
    add_convention(r, id, "p", P(D(2023, 1, 1), D(2023, 12, 31)), cost, 0, ISCG_DAYCOUNT_MONTHS_WHOLE, rounding);
}

static void add_side(iscg_registry *r, const char *conv, const char *name, iscg_share_rule rule, int64_t value,
                     iscg_cents extra, iscg_cents cap, iscg_allocation_rule split)
{
    iscg_error e;
    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.name = name;
    s.rule = rule;
    s.value = value;
    s.extra = extra;
    s.cap = cap;
    s.split = split;
    ck_assert_msg(iscg_convention_add_side(r, conv, &s, &e) == 0, "%s/%s: %s", conv, name, e.text);
}

static void add_funder(iscg_registry *r, const char *conv, const char *side, const char *party, int64_t weight)
{
    iscg_error e;
    ck_require(iscg_convention_add_funder(r, conv, side, party, weight, &e) == 0, "%s/%s/%s: %s", conv, side, party,
               e.text);
}

/* One side with one funder. */
static void add_side1(iscg_registry *r, const char *conv, const char *name, iscg_share_rule rule, int64_t value,
                      iscg_cents extra, iscg_cents cap, const char *party)
{
    add_side(r, conv, name, rule, value, extra, cap, CENT_DOWN);
    add_funder(r, conv, name, party, 1);
}

static iscg_funding *compute(const iscg_registry *r, const char *conv)
{
    iscg_funding *f = NULL;
    iscg_error e;
    int rc = iscg_funding_compute(&f, r, conv, &e);
    ck_assert_msg(rc == 0, "%s: %d %s", conv, rc, e.text);
    return f;
}

/* ---- amounts near INT64_MAX / INT64_MIN ---------------------------------- */

/* Money formats the extremes in full, in every style, within the 48 bytes
 * money.h promises, and refuses a buffer one byte short instead of cutting. */
START_TEST(test_money_format_extremes_exact)
{
    static const struct {
        iscg_cents v;
        iscg_money_style style;
        const char *text;
    } table[] = {
        {INT64_MAX, ISCG_MONEY_PLAIN, "92233720368547758.07"},
        {INT64_MAX, ISCG_MONEY_FRENCH,
         "92\xe2\x80\xaf" "233\xe2\x80\xaf" "720\xe2\x80\xaf" "368\xe2\x80\xaf" "547\xe2\x80\xaf" "758,07\xc2\xa0\xe2\x82\xac"},
        {INT64_MIN, ISCG_MONEY_FRENCH,
         "-92\xe2\x80\xaf" "233\xe2\x80\xaf" "720\xe2\x80\xaf" "368\xe2\x80\xaf" "547\xe2\x80\xaf" "758,08\xc2\xa0\xe2\x82\xac"},
        {INT64_MAX - 7, ISCG_MONEY_FRENCH, /* whole euros: no cents shown */
         "92\xe2\x80\xaf" "233\xe2\x80\xaf" "720\xe2\x80\xaf" "368\xe2\x80\xaf" "547\xe2\x80\xaf" "758\xc2\xa0\xe2\x82\xac"},
        {INT64_MIN + 8, ISCG_MONEY_FRENCH_CENTS,
         "-92\xe2\x80\xaf" "233\xe2\x80\xaf" "720\xe2\x80\xaf" "368\xe2\x80\xaf" "547\xe2\x80\xaf" "758,00\xc2\xa0\xe2\x82\xac"},
        {INT64_MIN, ISCG_MONEY_PLAIN, "-92233720368547758.08"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        char buf[48], small[48];
        int n = iscg_money_format(buf, sizeof buf, table[i].v, table[i].style);
        ck_assert_int_eq(n, (int)strlen(table[i].text));
        ck_assert_str_eq(buf, table[i].text);
        ck_assert_int_lt(n, 48);
        /* exactly the room it needs, then one byte less */
        ck_assert_int_eq(iscg_money_format(small, (size_t)n + 1, table[i].v, table[i].style), n);
        ck_assert_str_eq(small, table[i].text);
        ck_assert_int_eq(iscg_money_format(small, (size_t)n, table[i].v, table[i].style), ISCG_ERANGE);
        ck_assert_str_eq(small, "");
        iscg_cents back = 0;
        ck_assert_int_eq(iscg_money_parse(&back, buf, NULL), 0);
        ck_assert_int_eq(back, table[i].v);
    }
    /* one cent past each end, in the French form */
    iscg_cents v = 5;
    iscg_error e;
    ck_assert_fails(iscg_money_parse(&v, "92 233 720 368 547 758,08 €", &e), ISCG_EOVERFLOW, e,
                    "92 233 720 368 547 758,08");
    ck_assert_fails(iscg_money_parse(&v, "-92 233 720 368 547 758,09", &e), ISCG_EOVERFLOW, e,
                    "-92 233 720 368 547 758,09");
    ck_assert_int_eq(v, 5);
    /* sums across the whole range */
    const iscg_cents ends[3] = {INT64_MAX, INT64_MIN, 1};
    ck_assert_int_eq(iscg_money_sum(&v, ends, 3), 0);
    ck_assert_int_eq(v, 0);
    const iscg_cents low[2] = {INT64_MIN, -1};
    ck_assert_int_eq(iscg_money_sum(&v, low, 2), ISCG_EOVERFLOW);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(iscg_money_mul(&v, INT64_MIN, -1), ISCG_EOVERFLOW);
    ck_assert_int_eq(iscg_money_sub(&v, 0, INT64_MIN), ISCG_EOVERFLOW);
    ck_assert_int_eq(iscg_money_sub(&v, -1, INT64_MIN), 0);
    ck_assert_int_eq(v, INT64_MAX);
}
END_TEST

/* INT64_MAX and INT64_MIN cents among three equal weights, under each remainder
 * policy: 9 223 372 036 854 775 807 = 3 x 3 074 457 345 618 258 602 + 1. */
START_TEST(test_allocate_int64_extremes_by_policy)
{
    const int64_t q = INT64_MAX / 3, r = INT64_MAX % 3;
    ck_assert_int_eq(r, 1);
    const int64_t three[3] = {1, 1, 1};
    const struct {
        iscg_remainder_policy policy;
        size_t party;
        iscg_cents s0, s1, s2, drift;
    } table[] = {
        {ISCG_REMAINDER_NONE, 0, q, q, q, 1},
        {ISCG_REMAINDER_TO_FIRST, 0, q + 1, q, q, 0},
        {ISCG_REMAINDER_LARGEST_REMAINDER, 0, q + 1, q, q, 0},
        {ISCG_REMAINDER_LARGEST_WEIGHT, 0, q + 1, q, q, 0},
        {ISCG_REMAINDER_TO_PARTY, 2, q, q, q + 1, 0},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        iscg_allocation_rule rule = rule_of(ISCG_CENT, ISCG_ROUND_DOWN, table[i].policy);
        rule.party = table[i].party;
        iscg_cents s[3], drift = -1;
        iscg_error e;
        ck_assert_msg(iscg_allocate(s, &drift, INT64_MAX, three, 3, &rule, &e) == 0, "%s", e.text);
        ck_assert_int_eq(s[0], table[i].s0);
        ck_assert_int_eq(s[1], table[i].s1);
        ck_assert_int_eq(s[2], table[i].s2);
        ck_assert_int_eq(drift, table[i].drift);
    }
    /* INT64_MIN = 3 x (-3 074 457 345 618 258 602) - 2: truncated toward zero, each
     * share gained 2/3 of a cent; the two cents are taken back from the first two */
    const int64_t qn = INT64_MIN / 3;
    ck_assert_int_eq(INT64_MIN - 3 * qn, -2);
    iscg_allocation_rule lr = rule_of(ISCG_CENT, ISCG_ROUND_DOWN, ISCG_REMAINDER_LARGEST_REMAINDER);
    iscg_cents s[3], drift = -1;
    ck_assert_int_eq(iscg_allocate(s, &drift, INT64_MIN, three, 3, &lr, NULL), 0);
    ck_assert_int_eq(s[0], qn - 1);
    ck_assert_int_eq(s[1], qn - 1);
    ck_assert_int_eq(s[2], qn);
    ck_assert_int_eq(drift, 0);
    /* to the euro, NONE: 92 233 720 368 547 758,07 € / 3 = 30 744 573 456 182 586 € each, drift 0,07 € */
    iscg_allocation_rule euro = rule_of(ISCG_EURO, ISCG_ROUND_DOWN, ISCG_REMAINDER_NONE);
    const int64_t qe = INT64_MAX / 300 * 100;
    ck_assert_int_eq(iscg_allocate(s, &drift, INT64_MAX, three, 3, &euro, NULL), 0);
    ck_assert_int_eq(s[0], qe);
    ck_assert_int_eq(s[2], qe);
    ck_assert_int_eq(drift, INT64_MAX - 3 * qe);
    ck_assert_int_eq(drift, 7);
    /* weights near INT64_MAX themselves: INT64_MAX cents by INT64_MAX - 1 and 1 */
    const int64_t lopsided[2] = {INT64_MAX - 1, 1};
    ck_assert_int_eq(iscg_allocate(s, &drift, INT64_MAX, lopsided, 2, &lr, NULL), 0);
    ck_assert_int_eq(s[0], INT64_MAX - 1);
    ck_assert_int_eq(s[1], 1);
    /* rounded up to the euro, the three shares sum past INT64_MAX before the
     * first gives back the excess: still exact */
    iscg_allocation_rule up = rule_of(ISCG_EURO, ISCG_ROUND_UP, ISCG_REMAINDER_TO_FIRST);
    const iscg_cents ceil_euro = ((INT64_MAX - 6) / 300 + 1) * 100;
    ck_assert_int_gt(ceil_euro, (INT64_MAX - 6) / 3);
    ck_assert_int_eq(iscg_allocate(s, &drift, INT64_MAX - 6, three, 3, &up, NULL), 0);
    ck_assert_int_eq(s[1], ceil_euro);
    ck_assert_int_eq(s[2], ceil_euro);
    ck_assert_int_eq(s[0], INT64_MAX - 6 - 2 * ceil_euro);
}
END_TEST

/* SPLIT-1 at INT64_MAX: a cost of INT64_MAX cents in equal thirds, then in
 * percentages, each share exact and the plan's total INT64_MAX to the cent. */
START_TEST(test_funding_cost_int64_max)
{
    iscg_registry *r = base_registry();
    const int64_t q = INT64_MAX / 3;
    /* equal thirds to the cent, the cent left to the first side */
    add_2023(r, "thirds", INT64_MAX, rule_of(ISCG_CENT, ISCG_ROUND_DOWN, ISCG_REMAINDER_TO_FIRST));
    add_side1(r, "thirds", "FIPD", ISCG_SHARE_EQUAL, 0, 0, ISCG_NO_CAP, "etat");
    add_side1(r, "thirds", "Departement", ISCG_SHARE_EQUAL, 0, 0, ISCG_NO_CAP, "dept");
    add_side1(r, "thirds", "CC", ISCG_SHARE_EQUAL, 0, 0, ISCG_NO_CAP, "cc");
    iscg_funding *f = compute(r, "thirds");
    ck_assert_int_eq(amount_of(f, "etat"), q + 1);
    ck_assert_int_eq(amount_of(f, "dept"), q);
    ck_assert_int_eq(amount_of(f, "cc"), q);
    ck_assert_int_eq(iscg_funding_total(f), INT64_MAX);
    ck_assert_int_eq(iscg_funding_cost(f), INT64_MAX);
    iscg_funding_free(f);

    /* 100 %, 99.99 % and the remainder of INT64_MAX, truncated to the cent */
    add_2023(r, "percent", INT64_MAX, CENT_DOWN);
    add_side1(r, "percent", "FIPD", ISCG_SHARE_PERCENT, 9999, 0, ISCG_NO_CAP, "etat");
    add_side1(r, "percent", "CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, "cc");
    const iscg_cents pct = INT64_MAX / 10000 * 9999 + INT64_MAX % 10000 * 9999 / 10000;
    f = compute(r, "percent");
    ck_assert_int_eq(amount_of(f, "etat"), pct);
    ck_assert_int_eq(amount_of(f, "cc"), INT64_MAX - pct);
    ck_assert_int_eq(iscg_funding_total(f), INT64_MAX);
    iscg_funding_free(f);
    add_2023(r, "all", INT64_MAX, CENT_DOWN);
    add_side1(r, "all", "FIPD", ISCG_SHARE_PERCENT, 10000, 0, ISCG_NO_CAP, "etat");
    add_side1(r, "all", "CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, "cc");
    f = compute(r, "all");
    ck_assert_int_eq(amount_of(f, "etat"), INT64_MAX);
    ck_assert_int_eq(amount_of(f, "cc"), 0);
    iscg_funding_free(f);

    /* 100 % of INT64_MAX cents rounded up to the euro does not fit */
    iscg_error e;
    add_2023(r, "up", INT64_MAX, rule_of(ISCG_EURO, ISCG_ROUND_UP, ISCG_REMAINDER_NONE));
    add_side1(r, "up", "FIPD", ISCG_SHARE_PERCENT, 10000, 0, ISCG_NO_CAP, "etat");
    f = (iscg_funding *)1;
    ck_assert_fails(iscg_funding_compute(&f, r, "up", &e), ISCG_EOVERFLOW, e, "up");
    ck_assert_ptr_eq(f, (iscg_funding *)1);
    /* ... and the fiscal-year path reports the same */
    ck_assert_fails(iscg_funding_compute_year(&f, r, "up", 2023, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), ISCG_EOVERFLOW,
                    e, "up");
    iscg_registry_free(r);
}
END_TEST

/* SPLIT-2, SPLIT-3 and caps at INT64_MAX: a fixed side of INT64_MAX, an extra
 * that exactly fills 64 bits and one cent more, caps of 0 and of INT64_MAX. */
START_TEST(test_funding_fixed_extra_cap_int64_max)
{
    iscg_registry *r = base_registry();
    iscg_error e;
    /* a fixed INT64_MAX with no cost stated: computed, the remainder stays unknown */
    add_2023(r, "fixed", ISCG_UNKNOWN, CENT_DOWN);
    add_side1(r, "fixed", "FIPD", ISCG_SHARE_FIXED, INT64_MAX, 0, ISCG_NO_CAP, "etat");
    add_side1(r, "fixed", "CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, "cc");
    iscg_funding *f = compute(r, "fixed");
    ck_assert_int_eq(amount_of(f, "etat"), INT64_MAX);
    ck_assert_int_eq(iscg_funding_find(f, "cc"), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_funding_total(f), INT64_MAX);
    iscg_funding_free(f);

    /* INT64_MAX - 1 fixed, plus 1 cent of travel: INT64_MAX exactly */
    add_2023(r, "extra", ISCG_UNKNOWN, CENT_DOWN);
    add_side1(r, "extra", "FIPD", ISCG_SHARE_FIXED, INT64_MAX - 1, 1, ISCG_NO_CAP, "etat");
    add_side1(r, "extra", "CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, "cc");
    f = compute(r, "extra");
    ck_assert_int_eq(amount_of(f, "etat"), INT64_MAX);
    ck_assert_int_eq(iscg_funding_total(f), INT64_MAX);
    iscg_funding_side side;
    ck_assert_int_eq(iscg_funding_side_get(&side, f, 0), 0);
    ck_assert_int_eq(side.amount, INT64_MAX);
    iscg_funding_free(f);
    /* with a cost of INT64_MAX the carrier's remainder is 1 cent, and the
     * plan's total, INT64_MAX + 1, does not fit: the message says which sum */
    add_2023(r, "extra1", INT64_MAX, CENT_DOWN);
    add_side1(r, "extra1", "FIPD", ISCG_SHARE_FIXED, INT64_MAX - 1, 1, ISCG_NO_CAP, "etat");
    add_side1(r, "extra1", "CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, "cc");
    f = (iscg_funding *)1;
    ck_assert_int_eq(iscg_funding_compute(&f, r, "extra1", NULL), ISCG_EOVERFLOW);
    ck_assert_fails(iscg_funding_compute(&f, r, "extra1", &e), ISCG_EOVERFLOW, e, "extra1", "the plan's total");
    ck_assert_ptr_eq(f, (iscg_funding *)1);

    /* the side alone overflows with two cents of travel on top of INT64_MAX - 1 */
    add_2023(r, "extra2", ISCG_UNKNOWN, CENT_DOWN);
    add_side1(r, "extra2", "FIPD", ISCG_SHARE_FIXED, INT64_MAX - 1, 2, ISCG_NO_CAP, "etat");
    ck_assert_fails(iscg_funding_compute(&f, r, "extra2", &e), ISCG_EOVERFLOW, e, "extra2",
                    "a side with its extra");
    ck_assert_str_eq(e.source, "extra2");

    /* caps: INT64_MAX caps nothing, 1 € caps an equal half of INT64_MAX; the
     * carrier's remainder takes what the cap leaves */
    add_2023(r, "caps", INT64_MAX, rule_of(ISCG_CENT, ISCG_ROUND_DOWN, ISCG_REMAINDER_TO_FIRST));
    add_side1(r, "caps", "FIPD", ISCG_SHARE_EQUAL, 0, 0, EUR(1), "etat");
    add_side1(r, "caps", "Departement", ISCG_SHARE_EQUAL, 0, 0, INT64_MAX, "dept");
    add_side1(r, "caps", "CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, "cc");
    f = compute(r, "caps");
    const iscg_cents half = INT64_MAX / 2; /* the second equal part; the first had the cent */
    ck_assert_int_eq(amount_of(f, "etat"), EUR(1));
    ck_assert_int_eq(amount_of(f, "dept"), half);
    ck_assert_int_eq(amount_of(f, "cc"), INT64_MAX - half - EUR(1));
    ck_assert_int_eq(iscg_funding_total(f), INT64_MAX);
    iscg_funding_free(f);
    /* a cap of 0 on a fixed INT64_MAX: nothing due, all to the carrier */
    add_2023(r, "cap0", INT64_MAX, CENT_DOWN);
    add_side1(r, "cap0", "FIPD", ISCG_SHARE_FIXED, INT64_MAX, 0, 0, "etat");
    add_side1(r, "cap0", "CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, "cc");
    f = compute(r, "cap0");
    ck_assert_int_eq(amount_of(f, "etat"), 0);
    ck_assert_int_eq(amount_of(f, "cc"), INT64_MAX);
    iscg_funding_free(f);

    /* equal halves of INT64_MAX rounded up to the euro sum past the cost
     * (and past 64 bits): nothing is left for the carrier, an error, as with
     * 1,01 € in halves of 1 € */
    static const iscg_cents costs[] = {101, INT64_MAX};
    for (size_t i = 0; i < 2; i++) {
        char id[16];
        snprintf(id, sizeof id, "uphalves%zu", i);
        add_2023(r, id, costs[i], rule_of(ISCG_EURO, ISCG_ROUND_UP, ISCG_REMAINDER_NONE));
        add_side1(r, id, "FIPD", ISCG_SHARE_EQUAL, 0, 0, ISCG_NO_CAP, "etat");
        add_side1(r, id, "Departement", ISCG_SHARE_EQUAL, 0, 0, ISCG_NO_CAP, "dept");
        add_side1(r, id, "CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, "cc");
        f = (iscg_funding *)1;
        int rc = iscg_funding_compute(&f, r, id, &e);
        ck_assert_msg(rc == ISCG_ERANGE || rc == ISCG_EOVERFLOW, "%s: %d %s", id, rc, e.text);
        ck_assert_msg(strstr(e.text, id) != NULL, "%s", e.text);
        ck_assert_ptr_eq(f, (iscg_funding *)1);
    }

    /* weights whose sum overflows 64 bits: named with the convention and side */
    add_2023(r, "weights", EUR(100), CENT_DOWN);
    add_side(r, "weights", "EPCI", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, CENT_DOWN);
    add_funder(r, "weights", "EPCI", "cc", INT64_MAX);
    add_funder(r, "weights", "EPCI", "dept", 1);
    ck_assert_fails(iscg_funding_compute(&f, r, "weights", &e), ISCG_EOVERFLOW, e, "weights", "side EPCI",
                    "overflows");
    iscg_registry_free(r);
}
END_TEST

/* PRO-1 at INT64_MAX: an annual INT64_MAX over half a year is exact; over two
 * years it cannot be, and the error names the convention. */
START_TEST(test_funding_annual_int64_max)
{
    iscg_registry *r = base_registry();
    iscg_error e;
    add_convention(r, "half", "p", P(D(2023, 1, 1), D(2023, 6, 30)), INT64_MAX, 1, ISCG_DAYCOUNT_MONTHS_WHOLE,
                   CENT_DOWN);
    add_side1(r, "half", "FIPD", ISCG_SHARE_FIXED, INT64_MAX, 0, ISCG_NO_CAP, "etat");
    add_side1(r, "half", "CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, "cc");
    iscg_funding *f = compute(r, "half");
    ck_assert_int_eq(iscg_funding_cost(f), INT64_MAX / 2);
    ck_assert_int_eq(amount_of(f, "etat"), INT64_MAX / 2);
    ck_assert_int_eq(amount_of(f, "cc"), 0);
    iscg_funding_free(f);
    add_convention(r, "twice", "p", P(D(2023, 1, 1), D(2024, 12, 31)), INT64_MAX, 1, ISCG_DAYCOUNT_MONTHS_WHOLE,
                   CENT_DOWN);
    add_side1(r, "twice", "CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, "cc");
    f = (iscg_funding *)1;
    ck_assert_fails(iscg_funding_compute(&f, r, "twice", &e), ISCG_EOVERFLOW, e, "twice");
    ck_assert_fails(iscg_funding_compute_year(&f, r, "twice", 2024, ISCG_DAYCOUNT_MONTHS_WHOLE, &e),
                    ISCG_EOVERFLOW, e, "twice");
    ck_assert_ptr_eq(f, (iscg_funding *)1);
    iscg_registry_free(r);
}
END_TEST

/* RCV-1 at INT64_MAX: a claim of INT64_MAX reduced by a month of vacancy is
 * exact (INT64_MAX x 11/12, truncated), and two claims whose total does not
 * fit give ISCG_EOVERFLOW naming the total, not a wrapped figure. */
START_TEST(test_receivables_int64_max)
{
    iscg_registry *r = base_registry();
    iscg_error e;
    add_2023(r, "big", INT64_MAX, CENT_DOWN);
    add_side1(r, "big", "FIPD", ISCG_SHARE_FIXED, INT64_MAX, 0, ISCG_NO_CAP, "etat");
    add_side1(r, "big", "CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, "cc");
    ck_assert_int_eq(iscg_post_add_event(r, "p", ISCG_STAFF_VACANCY, P(D(2023, 3, 1), D(2023, 3, 31)), NULL, &e), 0);
    iscg_receivables *rv;
    ck_assert_msg(iscg_receivables_compute(&rv, r, "cc", 2023, &e) == 0, "%s", e.text);
    ck_assert_uint_eq(iscg_receivables_count(rv), 1); /* the carrier does not bill itself */
    iscg_receivable cl;
    ck_assert_int_eq(iscg_receivables_get(&cl, rv, 0), 0);
    ck_assert_str_eq(cl.debtor, "etat");
    ck_assert_int_eq(cl.share, INT64_MAX);
    ck_assert_int_eq(cl.months.num, 12);
    ck_assert_int_eq(cl.absent.num, 1);
    const iscg_cents eleven_twelfths = INT64_MAX / 12 * 11 + INT64_MAX % 12 * 11 / 12;
    ck_assert_int_eq(cl.amount, eleven_twelfths);
    ck_assert_int_eq(iscg_receivables_total(rv), eleven_twelfths);
    iscg_receivables_free(rv);

    /* a second post of the same carrier with a claim of INT64_MAX / 2 + 1 on the State */
    iscg_post_spec p2 = ISCG_POST_SPEC_INIT;
    p2.id = "p2";
    p2.label = "ISG P2";
    p2.kind = ISCG_POST_ISG;
    p2.carrier = "cc";
    p2.weekly_hours = 35;
    p2.police_bp = 0;
    ck_assert_int_eq(iscg_post_add(r, &p2, &e), 0);
    add_convention(r, "big2", "p2", P(D(2023, 1, 1), D(2023, 12, 31)), INT64_MAX, 0, ISCG_DAYCOUNT_MONTHS_WHOLE,
                   CENT_DOWN);
    add_side1(r, "big2", "FIPD", ISCG_SHARE_FIXED, INT64_MAX / 2 + 1, 0, ISCG_NO_CAP, "etat");
    add_side1(r, "big2", "CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, "cc");
    rv = (iscg_receivables *)1;
    ck_assert_fails(iscg_receivables_compute(&rv, r, "cc", 2023, &e), ISCG_EOVERFLOW, e, "claims' total",
                    "overflows");
    ck_assert_ptr_eq(rv, (iscg_receivables *)1);
    /* other years are untouched by the overflow: nothing to claim */
    ck_assert_int_eq(iscg_receivables_compute(&rv, r, "cc", 2022, &e), 0);
    ck_assert_uint_eq(iscg_receivables_count(rv), 0);
    ck_assert_int_eq(iscg_receivables_total(rv), 0);
    iscg_receivables_free(rv);
    iscg_registry_free(r);
}
END_TEST

/* BUD-1, BUD-2 at INT64_MAX: a proposal of INT64_MAX against credits of
 * INT64_MAX balances to 0; one cent less available is ISCG_ECREDIT by 0,01 €;
 * two subsidies whose sum does not fit are ISCG_EOVERFLOW. */
START_TEST(test_budget_int64_max)
{
    iscg_registry *r = base_registry();
    iscg_error e;
    add_2023(r, "big", INT64_MAX, CENT_DOWN);
    add_side1(r, "big", "Departement", ISCG_SHARE_FIXED, INT64_MAX, 0, ISCG_NO_CAP, "dept");
    add_side1(r, "big", "CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, "cc");
    iscg_budget_line line = {"OP-MAX", "6568//934213", "ISCG", "dept", INT64_MAX, INT64_MAX};
    iscg_budget_result res;
    iscg_budget_item items[2];
    size_t n = 99;
    ck_assert_msg(iscg_budget_check(&res, items, 2, &n, r, &line, 2023, &e) == 0, "%s", e.text);
    ck_assert_int_eq(res.proposed, INT64_MAX);
    ck_assert_int_eq(res.balance, 0);
    ck_assert_uint_eq(res.subsidies, 1);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(items[0].convention, "big");
    ck_assert_int_eq(items[0].amount, INT64_MAX);

    line.available = INT64_MAX - 1;
    ck_assert_fails(iscg_budget_check(&res, items, 2, &n, r, &line, 2023, &e), ISCG_ECREDIT, e, "OP-MAX",
                    "by 0,01\xc2\xa0\xe2\x82\xac");
    ck_assert_int_eq(res.proposed, INT64_MAX);
    ck_assert_int_eq(res.balance, -1);

    /* a second subsidy of one cent: the proposal overflows */
    iscg_post_spec p2 = ISCG_POST_SPEC_INIT;
    p2.id = "p2";
    p2.label = "ISG P2";
    p2.kind = ISCG_POST_ISG;
    p2.carrier = "cc";
    p2.weekly_hours = 35;
    p2.police_bp = 0;
    ck_assert_int_eq(iscg_post_add(r, &p2, &e), 0);
    add_convention(r, "cent", "p2", P(D(2023, 1, 1), D(2023, 12, 31)), EUR(1), 0, ISCG_DAYCOUNT_MONTHS_WHOLE,
                   CENT_DOWN);
    add_side1(r, "cent", "Departement", ISCG_SHARE_FIXED, 1, 0, ISCG_NO_CAP, "dept");
    add_side1(r, "cent", "CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, "cc");
    line.available = INT64_MAX;
    ck_assert_fails(iscg_budget_check(&res, items, 2, &n, r, &line, 2023, &e), ISCG_EOVERFLOW, e, "OP-MAX",
                    "overflows");
    /* credits themselves at the edge: available above credits, negative credits */
    line.credits = INT64_MAX - 1;
    ck_assert_fails(iscg_budget_check(&res, items, 2, &n, r, &line, 2023, &e), ISCG_EINVAL, e, "OP-MAX",
                    "available");
    line.credits = INT64_MIN;
    line.available = INT64_MIN;
    ck_assert_fails(iscg_budget_check(&res, items, 2, &n, r, &line, 2023, &e), ISCG_EINVAL, e, "OP-MAX");
    iscg_registry_free(r);
}
END_TEST

/* ---- thousands of funders on one convention ------------------------------ */

static iscg_registry *FR; /* the registry of the funder tests: N_FUNDERS parties f0000... */

static void funders_setup(void)
{
    FR = base_registry();
    iscg_error e;
    for (int i = 0; i < N_FUNDERS; i++) {
        char id[16], name[32];
        snprintf(id, sizeof id, "f%04d", i);
        snprintf(name, sizeof name, "Commune %d", i);
        ck_ok(iscg_party_add(FR, id, ISCG_PARTY_OTHER, name, 1000 + i, &e), e);
    }
}

static void funders_teardown(void)
{
    iscg_registry_free(FR);
    FR = NULL;
}

/* Funder i of a side, with weight weight(i). */
static void add_many(const char *conv, const char *side, int64_t (*weight)(int))
{
    for (int i = 0; i < N_FUNDERS; i++) {
        char id[16];
        snprintf(id, sizeof id, "f%04d", i);
        add_funder(FR, conv, side, id, weight(i));
    }
}

static int64_t one(int i) { return (void)i, 1; }
static int64_t rank(int i) { return i + 1; }
static int64_t two_bp(int i) { return (void)i, 2; }

/* The shares of the N_FUNDERS funders by their number, each found exactly once among the rows. */
static void shares_of(const iscg_funding *f, iscg_cents *out)
{
    static unsigned char seen[N_FUNDERS];
    memset(seen, 0, sizeof seen);
    size_t found = 0;
    for (size_t k = 0; k < iscg_funding_row_count(f); k++) {
        iscg_funding_row row;
        ck_require(iscg_funding_row_get(&row, f, k) == 0, "row %zu", k);
        if (row.party[0] != 'f')
            continue;
        char *end;
        long i = strtol(row.party + 1, &end, 10);
        ck_require(*end == 0, "row %zu: %s", k, row.party);
        ck_require(i >= 0 && i < N_FUNDERS && !seen[i], "row %zu: %s", k, row.party);
        seen[i] = 1;
        out[i] = row.amount;
        found++;
    }
    ck_assert_uint_eq(found, N_FUNDERS);
}

/* SPLIT-1, SPLIT-4 with 5 000 funders sharing an EQUAL side: the side gets
 * cost - 14 333 € = 5 000 x k + r cents, so each funder gets k cents and the
 * first r one cent more (largest remainder, ties to the earlier position). */
START_TEST(test_5000_funders_equal_side)
{
    const iscg_cents k = 1234567, rest = 4321, fipd = EUR(14333);
    add_2023(FR, "equal", fipd + N_FUNDERS * k + rest, CENT_DOWN);
    add_side1(FR, "equal", "FIPD", ISCG_SHARE_FIXED, fipd, 0, ISCG_NO_CAP, "etat");
    add_side(FR, "equal", "Communes", ISCG_SHARE_EQUAL, 0, 0, ISCG_NO_CAP,
             rule_of(ISCG_CENT, ISCG_ROUND_DOWN, ISCG_REMAINDER_LARGEST_REMAINDER));
    add_many("equal", "Communes", one);
    ck_assert_int_eq(iscg_registry_validate(FR, NULL), 0);
    iscg_funding *f = compute(FR, "equal");
    ck_assert_uint_eq(iscg_funding_row_count(f), N_FUNDERS + 1);
    static iscg_cents s[N_FUNDERS];
    shares_of(f, s);
    iscg_cents sum = 0;
    for (int i = 0; i < N_FUNDERS; i++) {
        ck_require(s[i] == k + (i < rest), "f%04d: %lld", i, (long long)s[i]);
        sum += s[i];
    }
    ck_assert_int_eq(sum, N_FUNDERS * k + rest);
    ck_assert_int_eq(amount_of(f, "etat"), fipd);
    ck_assert_int_eq(iscg_funding_total(f), fipd + N_FUNDERS * k + rest);
    iscg_funding_side side;
    ck_assert_int_eq(iscg_funding_side_get(&side, f, 1), 0);
    ck_assert_int_eq(side.drift, 0);
    /* the explanation of the last funder states its weight among all 5 000 */
    iscg_funding_row row;
    ck_assert_int_eq(iscg_funding_row_get(&row, f, (size_t)iscg_funding_find(f, "f4999")), 0);
    ck_assert_msg(strstr(iscg_explain_text(row.explain), "x 1/5000") != NULL, "%s", iscg_explain_text(row.explain));
    iscg_funding_free(f);

    /* the same side under TO_FIRST: the first funder takes all r cents */
    add_2023(FR, "first", fipd + N_FUNDERS * k + rest, CENT_DOWN);
    add_side1(FR, "first", "FIPD", ISCG_SHARE_FIXED, fipd, 0, ISCG_NO_CAP, "etat");
    add_side(FR, "first", "Communes", ISCG_SHARE_EQUAL, 0, 0, ISCG_NO_CAP,
             rule_of(ISCG_CENT, ISCG_ROUND_DOWN, ISCG_REMAINDER_TO_FIRST));
    add_many("first", "Communes", one);
    f = compute(FR, "first");
    shares_of(f, s);
    ck_assert_int_eq(s[0], k + rest);
    for (int i = 1; i < N_FUNDERS; i++)
        ck_require(s[i] == k, "f%04d: %lld", i, (long long)s[i]);
    iscg_funding_free(f);

    /* ... and to the last funder by TO_PARTY 4999 */
    iscg_allocation_rule last = rule_of(ISCG_CENT, ISCG_ROUND_DOWN, ISCG_REMAINDER_TO_PARTY);
    last.party = N_FUNDERS - 1;
    add_2023(FR, "last", fipd + N_FUNDERS * k + rest, CENT_DOWN);
    add_side1(FR, "last", "FIPD", ISCG_SHARE_FIXED, fipd, 0, ISCG_NO_CAP, "etat");
    add_side(FR, "last", "Communes", ISCG_SHARE_EQUAL, 0, 0, ISCG_NO_CAP, last);
    add_many("last", "Communes", one);
    f = compute(FR, "last");
    shares_of(f, s);
    ck_assert_int_eq(s[N_FUNDERS - 1], k + rest);
    ck_assert_int_eq(s[0], k);
    ck_assert_int_eq(s[N_FUNDERS - 2], k);
    iscg_funding_free(f);
}
END_TEST

/* SPLIT-4 by weights 1..5 000 (their sum W = 12 502 500): the side gets
 * W x k + 3 cents, so funder i gets k x (i + 1), and the 3 cents left go to
 * the three largest weights, which lost the most (3w/W of a cent each). */
START_TEST(test_5000_funders_weighted)
{
    const int64_t W = (int64_t)N_FUNDERS * (N_FUNDERS + 1) / 2;
    ck_assert_int_eq(W, 12502500);
    const iscg_cents k = 321;
    add_2023(FR, "weighted", W * k + 3, CENT_DOWN);
    add_side(FR, "weighted", "EPCI", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP,
             rule_of(ISCG_CENT, ISCG_ROUND_DOWN, ISCG_REMAINDER_LARGEST_REMAINDER));
    add_many("weighted", "EPCI", rank);
    iscg_funding *f = compute(FR, "weighted");
    static iscg_cents s[N_FUNDERS];
    shares_of(f, s);
    for (int i = 0; i < N_FUNDERS; i++)
        ck_require(s[i] == k * (i + 1) + (i >= N_FUNDERS - 3), "f%04d: %lld", i, (long long)s[i]);
    ck_assert_int_eq(iscg_funding_total(f), W * k + 3);
    iscg_funding_free(f);

    /* LARGEST_WEIGHT: all three cents to weight 5 000 */
    add_2023(FR, "heaviest", W * k + 3, CENT_DOWN);
    add_side(FR, "heaviest", "EPCI", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP,
             rule_of(ISCG_CENT, ISCG_ROUND_DOWN, ISCG_REMAINDER_LARGEST_WEIGHT));
    add_many("heaviest", "EPCI", rank);
    f = compute(FR, "heaviest");
    shares_of(f, s);
    ck_assert_int_eq(s[N_FUNDERS - 1], k * N_FUNDERS + 3);
    ck_assert_int_eq(s[N_FUNDERS - 2], k * (N_FUNDERS - 1));
    ck_assert_int_eq(s[0], k);
    iscg_funding_free(f);

    /* 5 000 percentages of 0.02 % make 100 %: HALF_EVEN rounds each exact
     * k + 4321/5000 cents up to k + 1, and the 679 cents too many are taken
     * back from the first (largest weight, first on ties) */
    iscg_allocation_rule bp = rule_of(ISCG_CENT, ISCG_ROUND_HALF_EVEN, ISCG_REMAINDER_LARGEST_WEIGHT);
    bp.weights = ISCG_WEIGHTS_BASIS_POINTS;
    const iscg_cents k2 = 1234567, rest = 4321;
    add_2023(FR, "percent", N_FUNDERS * k2 + rest, CENT_DOWN);
    add_side(FR, "percent", "EPCI", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, bp);
    add_many("percent", "EPCI", two_bp);
    f = compute(FR, "percent");
    shares_of(f, s);
    ck_assert_int_eq(s[0], k2 + 1 - (N_FUNDERS - rest));
    for (int i = 1; i < N_FUNDERS; i++)
        ck_require(s[i] == k2 + 1, "f%04d: %lld", i, (long long)s[i]);
    ck_assert_int_eq(iscg_funding_total(f), N_FUNDERS * k2 + rest);
    iscg_funding_free(f);
    /* one more funder of 0.01 %: 100.01 %, refused when computed, with the convention named */
    add_funder(FR, "percent", "EPCI", "dept", 1);
    iscg_error e;
    ck_assert_fails(iscg_funding_compute(&f, FR, "percent", &e), ISCG_EWEIGHTS, e, "percent", "100.01 %");
}
END_TEST

/* SPLIT-2, SPLIT-5 with 5 000 funders on the REMAINDER side: 25 % of
 * 604 936 € to the Département, 453 702 € = 5 000 x 90 € + 3 702 € left, so
 * each funder pays 90 € and 3 702 € are a drift (NONE), never hidden. */
START_TEST(test_5000_funders_remainder_side)
{
    add_2023(FR, "rest", EUR(604936), EURO_DOWN);
    add_side1(FR, "rest", "Departement", ISCG_SHARE_PERCENT, 2500, 0, ISCG_NO_CAP, "dept");
    add_side(FR, "rest", "EPCI", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, EURO_DOWN);
    add_many("rest", "EPCI", one);
    iscg_funding *f = compute(FR, "rest");
    ck_assert_int_eq(amount_of(f, "dept"), EUR(151234));
    static iscg_cents s[N_FUNDERS];
    shares_of(f, s);
    for (int i = 0; i < N_FUNDERS; i++)
        ck_require(s[i] == EUR(90), "f%04d: %lld", i, (long long)s[i]);
    iscg_funding_side side;
    ck_assert_int_eq(iscg_funding_side_get(&side, f, 1), 0);
    ck_assert_int_eq(side.amount, EUR(453702));
    ck_assert_int_eq(side.drift, EUR(3702));
    ck_assert_int_eq(iscg_funding_total(f), EUR(604936) - EUR(3702));
    iscg_funding_free(f);

    /* the receivables of the carrier: one claim per co-funder, 5 001 in all */
    iscg_receivables *rv;
    iscg_error e;
    ck_assert_msg(iscg_receivables_compute(&rv, FR, "cc", 2023, &e) == 0, "%s", e.text);
    ck_assert_uint_eq(iscg_receivables_count(rv), N_FUNDERS + 1);
    ck_assert_int_eq(iscg_receivables_total(rv), EUR(604936) - EUR(3702));
    iscg_receivables_free(rv);

    /* SPLIT-6: all 5 000 withdraw from the required side, nobody replaces them */
    for (int i = 0; i < N_FUNDERS; i++) {
        char id[16];
        snprintf(id, sizeof id, "f%04d", i);
        ck_ok(iscg_convention_withdraw(FR, "rest", id, NULL, &e), e);
    }
    f = (iscg_funding *)1;
    ck_assert_fails(iscg_funding_compute(&f, FR, "rest", &e), ISCG_ETERMINATED, e, "convention rest ends",
                    "side EPCI", "f0000");
    ck_assert_ptr_eq(f, (iscg_funding *)1);
    /* one replaced by the Etat: it pays that one's 1/1 share of the side, the whole of it */
    ck_assert_int_eq(iscg_convention_restore(FR, "rest", "f2500", &e), 0);
    f = compute(FR, "rest");
    ck_assert_uint_eq(iscg_funding_row_count(f), 2);
    ck_assert_int_eq(amount_of(f, "f2500"), EUR(453702));
    iscg_funding_free(f);
}
END_TEST

/* ---- 100 000 posts -------------------------------------------------------- */

/* Each post p<i> has its own carrier cc<i> and a 2023 convention c<i> of
 * 30 000 € + i cents: the State pays 14 333 €, the Département 1 €, the
 * carrier the rest. */
START_TEST(test_registry_100000_posts)
{
    iscg_registry *r;
    iscg_error e;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "dept", ISCG_PARTY_DEPARTEMENT, "Departement", ISCG_UNKNOWN, &e), 0);
    const iscg_period y2023 = P(D(2023, 1, 1), D(2023, 12, 31));
    for (int i = 0; i < N_POSTS; i++) {
        char cc[24], post[24], conv[24];
        snprintf(cc, sizeof cc, "cc%d", i);
        snprintf(post, sizeof post, "p%d", i);
        snprintf(conv, sizeof conv, "c%d", i);
        ck_ok(iscg_party_add(r, cc, ISCG_PARTY_EPCI, cc, 10000 + i, &e), e);
        iscg_post_spec p = ISCG_POST_SPEC_INIT;
        p.id = post;
        p.label = post;
        p.kind = ISCG_POST_ISG;
        p.carrier = cc;
        p.weekly_hours = 35;
        p.police_bp = 0;
        ck_ok(iscg_post_add(r, &p, &e), e);
        iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
        c.id = conv;
        c.post = post;
        c.period = y2023;
        c.cost = EUR(30000) + i;
        c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
        c.rounding = CENT_DOWN;
        ck_ok(iscg_convention_add(r, &c, &e), e);
        iscg_side_spec fipd = ISCG_SIDE_SPEC_INIT;
        fipd.name = "FIPD";
        fipd.rule = ISCG_SHARE_FIXED;
        fipd.value = EUR(14333);
        fipd.split = CENT_DOWN;
        iscg_side_spec dep = ISCG_SIDE_SPEC_INIT;
        dep.name = "Departement";
        dep.rule = ISCG_SHARE_FIXED;
        dep.value = EUR(1);
        dep.split = CENT_DOWN;
        iscg_side_spec rest = ISCG_SIDE_SPEC_INIT;
        rest.name = "CC";
        rest.rule = ISCG_SHARE_REMAINDER;
        rest.split = CENT_DOWN;
        ck_ok(iscg_convention_add_side(r, conv, &fipd, &e), e);
        ck_ok(iscg_convention_add_side(r, conv, &dep, &e), e);
        ck_ok(iscg_convention_add_side(r, conv, &rest, &e), e);
        ck_ok(iscg_convention_add_funder(r, conv, "FIPD", "etat", 1, &e), e);
        ck_ok(iscg_convention_add_funder(r, conv, "Departement", "dept", 1, &e), e);
        ck_ok(iscg_convention_add_funder(r, conv, "CC", cc, 1, &e), e);
    }
    ck_assert_uint_eq(iscg_registry_party_count(r), N_POSTS + 2);
    ck_assert_uint_eq(iscg_registry_post_count(r), N_POSTS);
    ck_assert_uint_eq(iscg_registry_convention_count(r), N_POSTS);
    ck_assert_str_eq(iscg_registry_post_id(r, N_POSTS - 1), "p99999");
    ck_assert_str_eq(iscg_registry_convention_id(r, N_POSTS / 2), "c50000");
    ck_assert_ptr_null(iscg_registry_convention_id(r, N_POSTS));
    ck_assert_msg(iscg_registry_validate(r, &e) == 0, "%s", e.text);
    /* the last identifiers are still unique, and found */
    ck_assert_fails(iscg_party_add(r, "cc99999", ISCG_PARTY_EPCI, "again", ISCG_UNKNOWN, &e), ISCG_EDUPLICATE, e,
                    "cc99999");
    iscg_post_spec again = ISCG_POST_SPEC_INIT;
    again.id = "p99999";
    again.label = "again";
    again.kind = ISCG_POST_ISG;
    again.carrier = "cc0";
    again.weekly_hours = 35;
    again.police_bp = 0;
    ck_assert_fails(iscg_post_add(r, &again, &e), ISCG_EDUPLICATE, e, "p99999");
    ck_assert_fails(iscg_funding_compute(&(iscg_funding *){NULL}, r, "c100000", &e), ISCG_ENOTFOUND, e, "c100000");

    static const int some[] = {0, 1, 4242, N_POSTS / 2, N_POSTS - 2, N_POSTS - 1};
    for (size_t k = 0; k < sizeof some / sizeof some[0]; k++) {
        const int i = some[k];
        char cc[24], conv[24];
        snprintf(cc, sizeof cc, "cc%d", i);
        snprintf(conv, sizeof conv, "c%d", i);
        iscg_funding *f = compute(r, conv);
        ck_assert_int_eq(amount_of(f, "etat"), EUR(14333));
        ck_assert_int_eq(amount_of(f, "dept"), EUR(1));
        ck_assert_int_eq(amount_of(f, cc), EUR(30000) + i - EUR(14334));
        iscg_funding_free(f);
        iscg_receivables *rv;
        ck_assert_int_eq(iscg_receivables_compute(&rv, r, cc, 2023, &e), 0);
        ck_assert_uint_eq(iscg_receivables_count(rv), 2);
        ck_assert_int_eq(iscg_receivables_total(rv), EUR(14334));
        iscg_receivables_free(rv);
    }
    /* BUD-1 over every post: 100 000 subsidies of 1 € from the Département */
    iscg_budget_line line = {"OP", "6568", "ISCG", "dept", EUR(N_POSTS), EUR(N_POSTS)};
    iscg_budget_result res;
    iscg_budget_item items[3];
    size_t n = 0;
    ck_assert_msg(iscg_budget_check(&res, items, 3, &n, r, &line, 2023, &e) == 0, "%s", e.text);
    ck_assert_uint_eq(n, N_POSTS);
    ck_assert_uint_eq(res.subsidies, N_POSTS);
    ck_assert_int_eq(res.proposed, EUR(N_POSTS));
    ck_assert_int_eq(res.balance, 0);
    ck_assert_str_eq(items[2].convention, "c2");
    ck_assert_str_eq(items[2].carrier, "cc2");
    iscg_registry_free(r);
}
END_TEST

/* A growing text buffer for the generated dataset. */
struct text {
    char *s;
    size_t n, cap;
};

static void put(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct text *t, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int len = vsnprintf(t->s + t->n, t->cap - t->n, fmt, ap);
        va_end(ap);
        ck_require(len >= 0, "vsnprintf failed");
        if ((size_t)len < t->cap - t->n) {
            t->n += (size_t)len;
            return;
        }
        t->cap = t->cap * 2 + (size_t)len + 1;
        t->s = realloc(t->s, t->cap);
        ck_require(t->s != NULL, "out of memory");
    }
}

/* 100 000 posts as a dataset text, each with its own carrier and a 2023
 * convention of 30 000 € + i cents that the carrier alone funds, loaded with
 * iscg_dataset_load_string(). */
START_TEST(test_dataset_100000_posts)
{
    struct text t = {malloc(1 << 20), 0, 1 << 20};
    ck_assert_ptr_nonnull(t.s);
    const char *rule = "{\"unit\":\"CENT\",\"mode\":\"DOWN\",\"remainder\":\"NONE\"}";
    put(&t, "{\"format\":\"iscg-dataset\",\"version\":1,\"title\":\"%d posts\",\"parties\":[", N_POSTS);
    for (int i = 0; i < N_POSTS; i++)
        put(&t, "%s{\"id\":\"cc%d\",\"kind\":\"EPCI\",\"name\":\"CC %d\"}", i ? "," : "", i, i);
    put(&t, "],\"posts\":[");
    for (int i = 0; i < N_POSTS; i++)
        put(&t, "%s{\"id\":\"p%d\",\"label\":\"ISG %d\",\"kind\":\"ISG\",\"carrier\":\"cc%d\"}", i ? "," : "", i, i,
            i);
    put(&t, "],\"conventions\":[");
    for (int i = 0; i < N_POSTS; i++)
        put(&t,
            "%s{\"id\":\"c%d\",\"post\":\"p%d\",\"start\":\"2023-01-01\",\"months\":12,\"cost\":%lld,"
            "\"daycount\":\"MONTHS_WHOLE\",\"rounding\":%s,\"sides\":["
            "{\"name\":\"CC\",\"rule\":\"REMAINDER\",\"split\":%s,\"funders\":[{\"party\":\"cc%d\"}]}]}",
            i ? "," : "", i, i, (long long)(EUR(30000) + i), rule, rule, i);
    put(&t, "]}\n");

    iscg_dataset *ds;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_string(&ds, t.s, "big.json", &e) == 0, "%s", e.text);
    const iscg_registry *r = iscg_dataset_registry(ds);
    ck_assert_str_eq(iscg_dataset_title(ds), "100000 posts");
    ck_assert_uint_eq(iscg_registry_party_count(r), N_POSTS);
    ck_assert_uint_eq(iscg_registry_post_count(r), N_POSTS);
    ck_assert_uint_eq(iscg_registry_convention_count(r), N_POSTS);
    ck_assert_str_eq(iscg_registry_convention_id(r, N_POSTS - 1), "c99999");
    static const int some[] = {0, N_POSTS / 2, N_POSTS - 1};
    for (size_t k = 0; k < sizeof some / sizeof some[0]; k++) {
        char cc[24], conv[24];
        snprintf(cc, sizeof cc, "cc%d", some[k]);
        snprintf(conv, sizeof conv, "c%d", some[k]);
        iscg_funding *f = compute(r, conv);
        ck_assert_uint_eq(iscg_funding_row_count(f), 1);
        ck_assert_int_eq(amount_of(f, cc), EUR(30000) + some[k]);
        iscg_funding_free(f);
    }
    ck_assert_int_eq(iscg_registry_validate(r, &e), 0);
    iscg_dataset_free(ds);

    free(t.s);
}
END_TEST

/* ---- dates from 0001-01-01 to 9999-12-31 --------------------------------- */

/* The whole calendar: a convention over 0001-01-01..9999-12-31, split into its
 * 9 999 fiscal years (PRO-3) of 1/9 999 each: 10 004 000 € over 9 999 years
 * is 1 000,50 € a year, truncated to 1 000 €, and the last year takes what
 * the 9 998 others leave, 6 000 €. */
START_TEST(test_dates_whole_range)
{
    const iscg_period all = P(D(1, 1, 1), D(9999, 12, 31));
    ck_assert_int_eq(iscg_date_to_days(D(9999, 12, 31)), LAST_DAY);
    ck_assert_int_eq(iscg_period_days(all), LAST_DAY);
    iscg_date d;
    iscg_error e;
    ck_assert_int_eq(iscg_date_add_days(&d, D(1, 1, 1), LAST_DAY - 1, &e), 0);
    ck_assert_int_eq(iscg_date_compare(d, D(9999, 12, 31)), 0);
    ck_assert_int_eq(iscg_date_add_months(&d, D(1, 1, 31), 9999 * 12 - 1, &e), 0);
    ck_assert_int_eq(iscg_date_compare(d, D(9999, 12, 31)), 0);

    /* fiscal years: 9 999 calendar years, or 10 000 fiscal years from July */
    static iscg_period parts[10000];
    static int years[10000];
    size_t n = 0;
    ck_assert_int_eq(iscg_period_split_years(parts, years, 10000, &n, all, 1, &e), 0);
    ck_assert_uint_eq(n, 9999);
    ck_assert_int_eq(iscg_date_compare(parts[0].end, D(1, 12, 31)), 0);
    ck_assert_int_eq(iscg_date_compare(parts[9998].start, D(9999, 1, 1)), 0);
    ck_assert_int_eq(iscg_date_compare(parts[9998].end, D(9999, 12, 31)), 0);
    ck_assert_int_eq(years[0], 1);
    ck_assert_int_eq(years[9998], 9999);
    int64_t days = 0;
    for (size_t k = 0; k < n; k++)
        days += iscg_period_days(parts[k]);
    ck_assert_int_eq(days, LAST_DAY);
    n = 0;
    ck_assert_fails(iscg_period_split_years(parts, NULL, 9998, &n, all, 1, &e), ISCG_ERANGE, e, "9999",
                    "room for 9998");
    ck_assert_uint_eq(n, 9999);
    ck_assert_int_eq(iscg_period_split_years(parts, years, 10000, &n, all, 7, &e), 0);
    ck_assert_uint_eq(n, 10000);
    ck_assert_int_eq(years[0], 0); /* 0000-07-01..0001-06-30, named by the year it starts in */
    ck_assert_int_eq(iscg_date_compare(parts[0].end, D(1, 6, 30)), 0);
    ck_assert_int_eq(iscg_date_compare(parts[9999].start, D(9999, 7, 1)), 0);
    ck_assert_int_eq(iscg_date_compare(parts[9999].end, D(9999, 12, 31)), 0);
    ck_assert_int_eq(years[9999], 9999);

    /* a convention over the whole range, computed year by year */
    iscg_registry *r = base_registry();
    add_convention(r, "ever", "p", all, EUR(10004000), 0, ISCG_DAYCOUNT_MONTHS_WHOLE, EURO_DOWN);
    add_side1(r, "ever", "FIPD", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, "etat");
    iscg_funding *f = compute(r, "ever");
    ck_assert_int_eq(amount_of(f, "etat"), EUR(10004000));
    iscg_funding_free(f);
    static const struct {
        int year;
        iscg_daycount dc;
        iscg_cents amount;
    } table[] = {
        {1, ISCG_DAYCOUNT_MONTHS_WHOLE, EUR(1000)},
        {5000, ISCG_DAYCOUNT_MONTHS_WHOLE, EUR(1000)},
        {9998, ISCG_DAYCOUNT_MONTHS_WHOLE, EUR(1000)},
        {9999, ISCG_DAYCOUNT_MONTHS_WHOLE, EUR(10004000) - 9998 * EUR(1000)},
        {1, ISCG_DAYCOUNT_ACT_ACT_ISDA, EUR(1000)},
        {9999, ISCG_DAYCOUNT_ACT_ACT_ISDA, EUR(6000)},
        {1, ISCG_DAYCOUNT_30_360_US, EUR(1000)},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        ck_assert_msg(iscg_funding_compute_year(&f, r, "ever", table[i].year, table[i].dc, &e) == 0, "%d: %s",
                      table[i].year, e.text);
        ck_assert_msg(amount_of(f, "etat") == table[i].amount, "%d %s: %lld", table[i].year,
                      iscg_daycount_name(table[i].dc), (long long)amount_of(f, "etat"));
        iscg_period yp;
        ck_assert_int_eq(iscg_period_year(&yp, table[i].year), 0);
        ck_assert_int_eq(iscg_date_compare(iscg_funding_period(f).start, yp.start), 0);
        ck_assert_int_eq(iscg_date_compare(iscg_funding_period(f).end, yp.end), 0);
        iscg_funding_free(f);
    }
    /* ACT/365F: year 1 is 365/3 652 059 of the whole: 10 004 000 € x 365 / 3 652 059 = 999,83 €, 999 € */
    ck_assert_int_eq(iscg_funding_compute_year(&f, r, "ever", 1, ISCG_DAYCOUNT_ACT_365F, &e), 0);
    ck_assert_int_eq(amount_of(f, "etat"), EUR(10004000) * 365 / (LAST_DAY * 100) * 100);
    ck_assert_int_eq(amount_of(f, "etat"), EUR(999));
    iscg_funding_free(f);
    /* years outside: named, never read past the range */
    f = (iscg_funding *)1;
    ck_assert_fails(iscg_funding_compute_year(&f, r, "ever", 10000, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), ISCG_ERANGE, e,
                    "ever", "10000");
    ck_assert_fails(iscg_funding_compute_year(&f, r, "ever", 0, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), ISCG_ERANGE, e,
                    "ever");
    ck_assert_ptr_eq(f, (iscg_funding *)1);
    iscg_receivables *rv = (iscg_receivables *)1;
    ck_assert_fails(iscg_receivables_compute(&rv, r, "cc", 10000, &e), ISCG_EDATE, e, "10000", "1..9999");
    ck_assert_fails(iscg_receivables_compute(&rv, r, "cc", 0, &e), ISCG_EDATE, e, "year 0");
    ck_assert_ptr_eq(rv, (iscg_receivables *)1);
    /* the last year's receivables */
    ck_assert_int_eq(iscg_receivables_compute(&rv, r, "cc", 9999, &e), 0);
    ck_assert_uint_eq(iscg_receivables_count(rv), 1);
    ck_assert_int_eq(iscg_receivables_total(rv), EUR(6000));
    iscg_receivables_free(rv);
    /* an annual amount over the whole range: 1 € a year is 9 999 € */
    add_convention(r, "yearly", "p", all, EUR(1), 1, ISCG_DAYCOUNT_MONTHS_WHOLE, EURO_DOWN);
    add_side1(r, "yearly", "CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, "cc");
    f = compute(r, "yearly");
    ck_assert_int_eq(iscg_funding_cost(f), EUR(9999));
    ck_assert_int_eq(amount_of(f, "cc"), EUR(9999));
    iscg_funding_free(f);
    /* a what-if moving a convention to the two ends, and past them */
    ck_assert_int_eq(iscg_convention_set_period(r, "yearly", P(D(1, 1, 1), D(1, 1, 1)), &e), 0);
    ck_assert_int_eq(iscg_convention_set_period(r, "yearly", P(D(9999, 12, 31), D(9999, 12, 31)), &e), 0);
    ck_assert_fails(iscg_convention_set_period(r, "yearly", P(D(9999, 12, 31), D(10000, 1, 1)), &e), ISCG_EDATE, e,
                    "yearly");
    ck_assert_fails(iscg_convention_set_period(r, "yearly", P(D(0, 12, 31), D(1, 1, 1)), &e), ISCG_EDATE, e,
                    "yearly");
    iscg_registry_free(r);
}
END_TEST

/* Date arithmetic stops at the range's ends with ISCG_EDATE, however far it is asked to go. */
START_TEST(test_dates_past_the_range)
{
    iscg_date d = D(2000, 1, 1);
    iscg_period p;
    iscg_error e;
    ck_assert_int_eq(iscg_date_from_days(&d, LAST_DAY + 1), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_from_days(&d, 0), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_from_days(&d, INT64_MAX), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_from_days(&d, INT64_MIN), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_from_days(&d, LAST_DAY), 0);
    ck_assert_int_eq(iscg_date_compare(d, D(9999, 12, 31)), 0);
    d = D(2000, 1, 1);
    static const int64_t far[] = {INT64_MAX, INT64_MIN, LAST_DAY, -LAST_DAY};
    for (size_t i = 0; i < sizeof far / sizeof far[0]; i++) {
        iscg_error_clear(&e);
        ck_assert_fails(iscg_date_add_days(&d, D(5000, 6, 15), far[i], &e), ISCG_EDATE, e, "");
    }
    ck_assert_int_eq(iscg_date_add_days(&d, D(9999, 12, 31), INT64_MIN, &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_add_days(&d, D(1, 1, 1), INT64_MAX, &e), ISCG_EDATE);
    static const int months[] = {INT32_MAX, INT32_MIN, 9999 * 12, -9999 * 12};
    for (size_t i = 0; i < sizeof months / sizeof months[0]; i++) {
        iscg_error_clear(&e);
        ck_assert_fails(iscg_date_add_months(&d, D(5000, 6, 15), months[i], &e), ISCG_EDATE, e, "");
    }
    ck_assert_int_eq(iscg_date_compare(d, D(2000, 1, 1)), 0); /* untouched by every failure */
    ck_assert_int_eq(iscg_date_add_months(&d, D(9999, 12, 31), -(9999 * 12 - 1), &e), 0);
    ck_assert_int_eq(iscg_date_compare(d, D(1, 1, 31)), 0);
    ck_assert_fails(iscg_period_from_months(&p, D(1, 1, 1), INT32_MAX, &e), ISCG_EDATE, e, "");
    ck_assert_int_eq(iscg_period_from_months(&p, D(1, 1, 1), 9999 * 12 - 1, &e), 0);
    ck_assert_int_eq(iscg_date_compare(p.end, D(9999, 11, 30)), 0);
    ck_assert_int_eq(iscg_period_year(&p, 10000), ISCG_EDATE);
    ck_assert_int_eq(iscg_period_year(&p, 0), ISCG_EDATE);
    ck_assert_int_eq(iscg_period_year(&p, INT32_MIN), ISCG_EDATE);
    ck_assert_fails(iscg_date_make(&d, 10000, 1, 1, &e), ISCG_EDATE, e, "10000");
    ck_assert_fails(iscg_date_parse(&d, "10000-01-01", &e), ISCG_EPARSE, e, "10000-01-01");
    ck_assert_fails(iscg_date_parse(&d, "0000-12-31", &e), ISCG_EDATE, e, "0000-12-31");
    ck_assert_int_eq(iscg_date_parse(&d, "0001-01-01", &e), 0);
    char buf[ISCG_DATE_TEXT_LENGTH];
    ck_assert_int_eq(iscg_date_format(buf, sizeof buf, D(1, 1, 1)), 10);
    ck_assert_str_eq(buf, "0001-01-01");
    ck_assert_int_eq(iscg_date_format(buf, sizeof buf, D(10000, 1, 1)), ISCG_EDATE);
    ck_assert_str_eq(buf, "");
    /* statistics periods at the ends */
    ck_assert_int_eq(iscg_stats_period(&p, ISCG_STATS_MONTH, 9999, 12, &e), 0);
    ck_assert_int_eq(iscg_date_compare(p.end, D(9999, 12, 31)), 0);
    ck_assert_int_eq(iscg_stats_period(&p, ISCG_STATS_YEAR, 10000, 1, &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_stats_period(&p, ISCG_STATS_QUARTER, 0, 1, &e), ISCG_EDATE);
}
END_TEST

/* A dataset at the two ends of the calendar: loaded, computed, saved and loaded again. */
START_TEST(test_dataset_dates_at_the_ends)
{
    static const char *const doc =
        "{\"format\":\"iscg-dataset\",\"version\":1,"
        "\"parties\":[{\"id\":\"etat\",\"kind\":\"STATE\",\"name\":\"Etat\"},"
        "{\"id\":\"cc\",\"kind\":\"EPCI\",\"name\":\"CC\"}],"
        "\"posts\":[{\"id\":\"p\",\"label\":\"ISG P\",\"kind\":\"ISG\",\"carrier\":\"cc\","
        "\"events\":[{\"kind\":\"HIRE\",\"start\":\"0001-01-01\",\"end\":\"0001-01-01\"},"
        "{\"kind\":\"DEPARTURE\",\"start\":\"9999-12-31\",\"end\":\"9999-12-31\"}]}],"
        "\"conventions\":[{\"id\":\"ever\",\"post\":\"p\",\"start\":\"0001-01-01\",\"end\":\"9999-12-31\","
        "\"cost\":\"92233720368547758.07\",\"daycount\":\"MONTHS_WHOLE\","
        "\"rounding\":{\"unit\":\"CENT\",\"mode\":\"DOWN\",\"remainder\":\"NONE\"},"
        "\"sides\":[{\"name\":\"FIPD\",\"rule\":\"FIXED\",\"amount\":9223372036854775807,"
        "\"split\":{\"unit\":\"CENT\",\"mode\":\"DOWN\",\"remainder\":\"NONE\"},\"funders\":[{\"party\":\"etat\"}]},"
        "{\"name\":\"CC\",\"rule\":\"REMAINDER\","
        "\"split\":{\"unit\":\"CENT\",\"mode\":\"DOWN\",\"remainder\":\"NONE\"},\"funders\":[{\"party\":\"cc\"}]}]}],"
        "\"activity\":[{\"post\":\"p\",\"granularity\":\"YEAR\",\"start\":\"0001-01-01\",\"referrals\":1},"
        "{\"post\":\"p\",\"granularity\":\"MONTH\",\"start\":\"9999-11-01\",\"referrals\":2}]}";
    iscg_dataset *ds;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_string(&ds, doc, "ends.json", &e) == 0, "%s", e.text);
    for (int round = 0; round < 2; round++) {
        const iscg_registry *r = iscg_dataset_registry(ds);
        iscg_convention_spec c;
        ck_assert_int_eq(iscg_convention_get(&c, r, "ever", NULL), 0);
        ck_assert_int_eq(iscg_date_compare(c.period.start, D(1, 1, 1)), 0);
        ck_assert_int_eq(iscg_date_compare(c.period.end, D(9999, 12, 31)), 0);
        ck_assert_int_eq(c.cost, INT64_MAX);
        iscg_funding *f = compute(r, "ever");
        ck_assert_int_eq(amount_of(f, "etat"), INT64_MAX);
        ck_assert_int_eq(amount_of(f, "cc"), 0);
        iscg_funding_free(f);
        /* INT64_MAX over 9 999 years: 922 429 446 430 119,79 € a year, truncated to the cent */
        ck_assert_int_eq(iscg_funding_compute_year(&f, r, "ever", 1, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), 0);
        ck_assert_int_eq(amount_of(f, "etat"), INT64_MAX / 9999);
        iscg_funding_free(f);
        ck_assert_int_eq(iscg_funding_compute_year(&f, r, "ever", 9999, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), 0);
        ck_assert_int_eq(amount_of(f, "etat"), INT64_MAX - 9998 * (INT64_MAX / 9999));
        iscg_funding_free(f);
        const iscg_stats *s = iscg_dataset_stats(ds);
        ck_assert_uint_eq(iscg_stats_count(s), 2);
        iscg_stats_table *t;
        ck_assert_msg(iscg_stats_aggregate(&t, s, ISCG_STATS_BY_POST, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP, &e) == 0,
                      "%s", e.text);
        ck_assert_uint_eq(iscg_stats_table_count(t), 4); /* p and the total, in year 1 and in year 9999 */
        ck_assert_int_eq(iscg_stats_table_row(t, 3)->count[ISCG_ACTIVITY_REFERRALS].value, 2);
        ck_assert_int_eq(iscg_stats_table_row(t, 3)->period.end.year, 9999);
        iscg_stats_table_free(t);
        /* saved and loaded again: the same figures */
        char *text;
        ck_assert_int_eq(iscg_dataset_save_string(&text, ds, &e), 0);
        iscg_dataset_free(ds);
        ck_assert_msg(iscg_dataset_load_string(&ds, text, "saved.json", &e) == 0, "%s", e.text);
        iscg_free(text);
    }
    iscg_dataset_free(ds);
    /* 10 000 years of months: refused before any date arithmetic */
    char *bad = strdup(doc);
    const char *conv_end = "\"start\":\"0001-01-01\",\"end\":\"9999-12-31\"";
    ck_assert_ptr_nonnull(strstr(bad, conv_end));
    const char *months = "\"start\":\"0001-01-01\",\"months\":120000   "; /* as long as conv_end */
    ck_assert_uint_eq(strlen(months), strlen(conv_end));
    char *at = strstr(bad, conv_end);
    for (size_t k = 0; months[k]; k++) /* in place: the text keeps its end */
        at[k] = months[k];
    ds = (iscg_dataset *)1;
    ck_assert_fails(iscg_dataset_load_string(&ds, bad, "ends.json", &e), ISCG_ERANGE, e, "120000");
    ck_assert_str_eq(e.field, "conventions[0].months");
    ck_assert_ptr_eq(ds, (iscg_dataset *)1);
    free(bad);
}
END_TEST

/* CAL-1 at the end of the calendar: a year from 9999-01-01 ends on
 * 9999-12-31 though the day after does not exist, and the records of the
 * last year, half, quarter and month load. */
START_TEST(test_dataset_last_year_by_months)
{
    static const char *const doc =
        "{\"format\":\"iscg-dataset\",\"version\":1,"
        "\"parties\":[{\"id\":\"etat\",\"kind\":\"STATE\",\"name\":\"Etat\"}],"
        "\"posts\":[{\"id\":\"p\",\"label\":\"ISG P\",\"kind\":\"ISG\",\"carrier\":\"etat\"},"
        "{\"id\":\"q\",\"label\":\"ISG Q\",\"kind\":\"ISG\",\"carrier\":\"etat\"}],"
        "\"conventions\":[{\"id\":\"last\",\"post\":\"p\",\"start\":\"9999-01-01\",\"months\":12,"
        "\"cost\":\"1000.00\",\"daycount\":\"MONTHS_WHOLE\","
        "\"rounding\":{\"unit\":\"CENT\",\"mode\":\"DOWN\",\"remainder\":\"NONE\"},"
        "\"sides\":[{\"name\":\"FIPD\",\"rule\":\"REMAINDER\","
        "\"split\":{\"unit\":\"CENT\",\"mode\":\"DOWN\",\"remainder\":\"NONE\"},\"funders\":[{\"party\":\"etat\"}]}]}],"
        "\"activity\":[{\"post\":\"p\",\"granularity\":\"YEAR\",\"start\":\"9999-01-01\",\"referrals\":1},"
        "{\"post\":\"q\",\"granularity\":\"HALF_YEAR\",\"start\":\"9999-07-01\",\"referrals\":2},"
        "{\"post\":\"q\",\"granularity\":\"QUARTER\",\"start\":\"9999-04-01\",\"referrals\":3},"
        "{\"post\":\"q\",\"granularity\":\"MONTH\",\"start\":\"9999-03-01\",\"referrals\":4}]}";
    iscg_dataset *ds;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_string(&ds, doc, "last.json", &e) == 0, "%s", e.text);
    iscg_convention_spec c;
    ck_assert_int_eq(iscg_convention_get(&c, iscg_dataset_registry(ds), "last", NULL), 0);
    ck_assert_int_eq(iscg_date_compare(c.period.end, D(9999, 12, 31)), 0);
    ck_assert_uint_eq(iscg_stats_count(iscg_dataset_stats(ds)), 4);
    iscg_stats_table *t;
    ck_assert_msg(iscg_stats_aggregate(&t, iscg_dataset_stats(ds), ISCG_STATS_BY_ALL, ISCG_STATS_YEAR,
                                       ISCG_ROUND_HALF_UP, &e) == 0, "%s", e.text);
    ck_assert_uint_eq(iscg_stats_table_count(t), 1);
    ck_assert_int_eq(iscg_stats_table_row(t, 0)->count[ISCG_ACTIVITY_REFERRALS].value, 10);
    iscg_stats_table_free(t);
    iscg_dataset_free(ds);
}
END_TEST

/* ---- empty datasets, registries and collections ---------------------------- */

/* The smallest dataset doc/dataset.md allows: the format and the version. */
START_TEST(test_empty_dataset)
{
    static const char *const docs[] = {
        "{\"format\": \"iscg-dataset\", \"version\": 1}",
        "{\"format\": \"iscg-dataset\", \"version\": 1, \"title\": \"\", \"notes\": [], \"parties\": [], "
        "\"posts\": [], \"conventions\": [], \"budget_lines\": [], \"activity\": []}",
        "{\"format\": \"iscg-dataset\", \"version\": 1, \"parties\": null, \"posts\": null, \"conventions\": null, "
        "\"budget_lines\": null, \"activity\": null}",
    };
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        iscg_dataset *ds;
        iscg_error e;
        ck_assert_msg(iscg_dataset_load_string(&ds, docs[i], "empty.json", &e) == 0, "%zu: %s", i, e.text);
        for (int round = 0; round < 2; round++) {
            const iscg_registry *r = iscg_dataset_registry(ds);
            ck_assert_ptr_nonnull(r);
            ck_assert_uint_eq(iscg_registry_party_count(r), 0);
            ck_assert_uint_eq(iscg_registry_post_count(r), 0);
            ck_assert_uint_eq(iscg_registry_convention_count(r), 0);
            ck_assert_ptr_nonnull(iscg_dataset_stats(ds));
            ck_assert_uint_eq(iscg_stats_count(iscg_dataset_stats(ds)), 0);
            ck_assert_uint_eq(iscg_dataset_budget_count(ds), 0);
            ck_assert_uint_eq(iscg_dataset_note_count(ds), 0);
            ck_assert_ptr_null(iscg_dataset_note(ds, 0));
            ck_assert_str_eq(iscg_dataset_title(ds), "");
            iscg_dataset_budget b;
            ck_assert_int_eq(iscg_dataset_budget_get(&b, ds, 0), ISCG_EINVAL);
            ck_assert_int_eq(iscg_registry_validate(r, &e), 0);
            iscg_audit *a;
            ck_assert_int_eq(iscg_audit_run(&a, r, &e), 0);
            ck_assert_uint_eq(iscg_audit_count(a), 0);
            iscg_audit_free(a);
            char *text;
            ck_assert_int_eq(iscg_dataset_save_string(&text, ds, &e), 0);
            iscg_dataset_free(ds);
            ck_assert_msg(iscg_dataset_load_string(&ds, text, "saved.json", &e) == 0, "%s\n%s", e.text, text);
            iscg_free(text);
        }
        iscg_dataset_free(ds);
        size_t n = 99;
        ck_assert_int_eq(iscg_dataset_validate_string(NULL, 0, &n, docs[i], "empty.json"), 0);
        ck_assert_uint_eq(n, 0);
    }
    /* less than that is an error naming the missing field */
    iscg_dataset *ds = (iscg_dataset *)1;
    iscg_error e;
    ck_assert_fails(iscg_dataset_load_string(&ds, "{}", "nothing.json", &e), ISCG_EPARSE, e, "required");
    ck_assert_fails(iscg_dataset_load_string(&ds, "{\"format\": \"iscg-dataset\"}", "nothing.json", &e), ISCG_EPARSE,
                    e, "required");
    ck_assert_str_eq(e.field, "version");
    ck_assert_fails(iscg_dataset_load_string(&ds, "", "nothing.json", &e), ISCG_EPARSE, e, "nothing.json");
    ck_assert_fails(iscg_dataset_load_string(&ds, "[]", "nothing.json", &e), ISCG_EPARSE, e, "nothing.json");
    ck_assert_ptr_eq(ds, (iscg_dataset *)1);
}
END_TEST

/* An empty registry: every computation gives an empty result or names what it lacks. */
START_TEST(test_empty_registry)
{
    iscg_registry *r;
    iscg_error e;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_registry_validate(r, &e), 0);
    ck_assert_ptr_null(iscg_registry_convention_id(r, 0));
    ck_assert_ptr_null(iscg_registry_post_id(r, 0));
    iscg_funding *f = (iscg_funding *)1;
    ck_assert_fails(iscg_funding_compute(&f, r, "c", &e), ISCG_ENOTFOUND, e, "convention c is not known");
    ck_assert_fails(iscg_funding_compute_year(&f, r, "c", 2023, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), ISCG_ENOTFOUND, e,
                    "convention c");
    ck_assert_ptr_eq(f, (iscg_funding *)1);
    iscg_receivables *rv = (iscg_receivables *)1;
    ck_assert_fails(iscg_receivables_compute(&rv, r, "cc", 2023, &e), ISCG_ENOTFOUND, e, "cc");
    ck_assert_ptr_eq(rv, (iscg_receivables *)1);
    iscg_budget_line line = {"OP", "6568", "ISCG", "dept", EUR(1000), EUR(1000)};
    iscg_budget_result res;
    ck_assert_fails(iscg_budget_check(&res, NULL, 0, NULL, r, &line, 2023, &e), ISCG_ENOTFOUND, e, "dept");
    iscg_audit *a;
    ck_assert_int_eq(iscg_audit_run(&a, r, &e), 0);
    ck_assert_uint_eq(iscg_audit_count(a), 0);
    iscg_finding fd;
    ck_assert_int_eq(iscg_audit_get(&fd, a, 0), ISCG_EINVAL);
    iscg_audit_free(a);

    /* parties but no post: no claim, no subsidy, the whole credit left */
    ck_assert_int_eq(iscg_party_add(r, "dept", ISCG_PARTY_DEPARTEMENT, "Departement", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc", ISCG_PARTY_EPCI, "CC", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_receivables_compute(&rv, r, "cc", 2023, &e), 0);
    ck_assert_uint_eq(iscg_receivables_count(rv), 0);
    ck_assert_int_eq(iscg_receivables_total(rv), 0);
    iscg_receivable cl;
    ck_assert_int_eq(iscg_receivables_get(&cl, rv, 0), ISCG_EINVAL);
    iscg_receivables_free(rv);
    size_t n = 99;
    ck_assert_int_eq(iscg_budget_check(&res, NULL, 0, &n, r, &line, 2023, &e), 0);
    ck_assert_uint_eq(n, 0);
    ck_assert_uint_eq(res.subsidies, 0);
    ck_assert_int_eq(res.proposed, 0);
    ck_assert_int_eq(res.balance, EUR(1000));
    ck_assert_int_eq(res.credits, EUR(1000));
    /* a post with a convention and no plan: an error that names it, not an empty plan */
    iscg_post_spec p = ISCG_POST_SPEC_INIT;
    p.id = "p";
    p.label = "ISG P";
    p.kind = ISCG_POST_ISG;
    p.carrier = "cc";
    p.weekly_hours = 35;
    p.police_bp = 0;
    ck_assert_int_eq(iscg_post_add(r, &p, &e), 0);
    add_2023(r, "bare", EUR(1000), CENT_DOWN);
    ck_assert_fails(iscg_funding_compute(&f, r, "bare", &e), ISCG_ESTATE, e, "bare", "no side");
    ck_assert_fails(iscg_registry_validate(r, &e), ISCG_ESTATE, e, "bare");
    /* a cost of 0: every share is 0, exactly */
    add_2023(r, "zero", 0, CENT_DOWN);
    add_side1(r, "zero", "Departement", ISCG_SHARE_EQUAL, 0, 0, ISCG_NO_CAP, "dept");
    add_side1(r, "zero", "CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, "cc");
    f = compute(r, "zero");
    ck_assert_uint_eq(iscg_funding_row_count(f), 2);
    ck_assert_int_eq(amount_of(f, "dept"), 0);
    ck_assert_int_eq(amount_of(f, "cc"), 0);
    ck_assert_int_eq(iscg_funding_total(f), 0);
    iscg_funding_free(f);
    iscg_registry_free(r);
}
END_TEST

/* An empty collection of activity records aggregated, compared and published. */
START_TEST(test_empty_stats)
{
    iscg_stats *s;
    iscg_error e;
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    ck_assert_uint_eq(iscg_stats_count(s), 0);
    iscg_activity a;
    ck_assert_int_eq(iscg_stats_get(&a, s, 0), ISCG_ERANGE);
    for (int by = 0; by < ISCG_STATS_KEY_COUNT; by++) {
        iscg_stats_table *t;
        ck_assert_msg(iscg_stats_aggregate(&t, s, (iscg_stats_key)by, ISCG_STATS_YEAR, ISCG_ROUND_HALF_EVEN, &e) == 0,
                      "%s", e.text);
        ck_assert_uint_eq(iscg_stats_table_count(t), 0);
        ck_assert_ptr_null(iscg_stats_table_row(t, 0));
        iscg_period y;
        ck_assert_int_eq(iscg_period_year(&y, 2023), 0);
        ck_assert_ptr_null(iscg_stats_table_find(t, NULL, y));
        iscg_stats_publication *pub;
        ck_assert_int_eq(iscg_stats_publish(&pub, t, 5, &e), 0);
        ck_assert_uint_eq(iscg_stats_publication_count(pub), 0);
        ck_assert_uint_eq(iscg_stats_publication_suppressed(pub), 0);
        ck_assert_ptr_null(iscg_stats_publication_row(pub, 0));
        iscg_stats_publication_free(pub);
        iscg_stats_table_free(t);
    }
    /* two years compared with nothing in either: the total line only, comparable nowhere */
    iscg_period y2022, y2023;
    ck_assert_int_eq(iscg_period_year(&y2022, 2022), 0);
    ck_assert_int_eq(iscg_period_year(&y2023, 2023), 0);
    iscg_stats_comparison *c;
    ck_assert_msg(iscg_stats_compare(&c, s, ISCG_STATS_BY_POST, y2022, y2023, ISCG_ROUND_HALF_UP, &e) == 0, "%s",
                  e.text);
    ck_assert_uint_le(iscg_stats_comparison_count(c), 1);
    for (size_t i = 0; i < iscg_stats_comparison_count(c); i++) {
        const iscg_stats_change *ch = iscg_stats_comparison_get(c, i);
        ck_assert_int_eq(ch->is_total, 1);
        for (int k = 0; k < ISCG_ACTIVITY_COUNTS; k++) {
            ck_assert_int_eq(ch->comparable[k], 0);
            ck_assert_int_eq(ch->delta[k], 0);
        }
    }
    iscg_stats_comparison_free(c);
    /* an empty series adds up to 0, and to nothing else */
    int64_t sum = 7;
    ck_assert_int_eq(iscg_stats_check_total(&sum, NULL, 0, 0, "nothing", &e), 0);
    ck_assert_int_eq(sum, 0);
    ck_assert_fails(iscg_stats_check_total(&sum, NULL, 0, 5, "nothing", &e), ISCG_ETOTAL, e, "nothing");
    iscg_stats_free(s);
}
END_TEST

Suite *suite_limits(void)
{
    Suite *s = suite_create("limits");
    TCase *tc = tcase_create("amounts");
    tcase_add_test(tc, test_money_format_extremes_exact);
    tcase_add_test(tc, test_allocate_int64_extremes_by_policy);
    tcase_add_test(tc, test_funding_cost_int64_max);
    tcase_add_test(tc, test_funding_fixed_extra_cap_int64_max);
    tcase_add_test(tc, test_funding_annual_int64_max);
    tcase_add_test(tc, test_receivables_int64_max);
    tcase_add_test(tc, test_budget_int64_max);
    suite_add_tcase(s, tc);

    tc = tcase_create("funders");
    tcase_add_checked_fixture(tc, funders_setup, funders_teardown);
    tcase_add_test(tc, test_5000_funders_equal_side);
    tcase_add_test(tc, test_5000_funders_weighted);
    tcase_add_test(tc, test_5000_funders_remainder_side);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);

    /* With valgrind these take far longer than Check's default 4 s: the time
     * limit is for a hang, not a measure (CK_TIMEOUT_MULTIPLIER scales it). */
    tc = tcase_create("posts");
    tcase_add_test(tc, test_registry_100000_posts);
    tcase_set_timeout(tc, 300);
    suite_add_tcase(s, tc);

    tc = tcase_create("dataset");
    tcase_add_test(tc, test_dataset_100000_posts);
    tcase_set_timeout(tc, 300);
    suite_add_tcase(s, tc);

    tc = tcase_create("dates");
    tcase_add_test(tc, test_dates_whole_range);
    tcase_add_test(tc, test_dates_past_the_range);
    tcase_add_test(tc, test_dataset_dates_at_the_ends);
    tcase_add_test(tc, test_dataset_last_year_by_months);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);

    tc = tcase_create("empty");
    tcase_add_test(tc, test_empty_dataset);
    tcase_add_test(tc, test_empty_registry);
    tcase_add_test(tc, test_empty_stats);
    suite_add_tcase(s, tc);
    return s;
}
