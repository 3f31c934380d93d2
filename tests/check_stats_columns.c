/* SPDX-License-Identifier: Apache-2.0 */
/* Activity statistics from columns (iscg_stats_add_columns), STAT-1 to
 * STAT-4: the column path against the plain path, iscg_stats_add() record by
 * record, on the same records: the same store, the same sums, the same
 * errors on the same bad inputs, and nothing kept on an error. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscg.h>

#include "suites.h"

#define U ISCG_UNKNOWN
#define MAXN 600

static const char *const post_names[] = {"ISC Arras", "ISC Béthune", "ISG Lens", "ISCG Calais", ""};
static const char *const site_names[] = {"Commissariat", "Brigade", ""};
static const char *const territory_names[] = {"Artois", "Côte d'Opale"};
static const char *const note_names[] = {"read from the annex", "estimated by the post"};

/* Records as columns, in arrays the test owns. */
typedef struct data {
    size_t n;
    int64_t post[MAXN], site[MAXN], territory[MAXN], note[MAXN];
    int64_t year[MAXN], month[MAXN], g[MAXN], nr[MAXN], carrier[MAXN], force[MAXN];
    int64_t fig[ISCG_ACTIVITY_FIELD_COUNT][MAXN];
} data;

static iscg_stats_columns view(const data *d)
{
    iscg_stats_columns c = ISCG_STATS_COLUMNS_INIT;
    c.post = (iscg_stats_name_column){d->post, -1, post_names, 5}; /* "" is the fifth, used on purpose */
    c.site = (iscg_stats_name_column){d->site, -1, site_names, 3};
    c.territory = (iscg_stats_name_column){d->territory, -1, territory_names, 2};
    c.note = (iscg_stats_name_column){d->note, -1, note_names, 2};
    c.year.values = d->year;
    c.month.values = d->month;
    c.granularity.values = d->g;
    c.not_reported.values = d->nr;
    c.carrier.values = d->carrier;
    c.force.values = d->force;
    for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++)
        c.figure[f].values = d->fig[f];
    return c;
}

static uint64_t next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static int64_t pick(uint64_t *state, int64_t lo, int64_t hi)
{
    return lo + (int64_t)(next(state) % (uint64_t)(hi - lo + 1));
}

/* Valid records of eight series (post, site), each a timeline of months,
 * quarters, half-years and years with gaps, shuffled: figures unknown,
 * totals to derive, not-reported records, figures past 32 bits and notes
 * (kept aside) all occur. */
static void make(data *d, size_t n, uint64_t seed)
{
    static const int months[] = {[ISCG_PERIOD_MONTH] = 1, [ISCG_PERIOD_QUARTER] = 3, [ISCG_PERIOD_HALF_YEAR] = 6,
                                 [ISCG_PERIOD_YEAR] = 12};
    int64_t cursor[8];
    memset(d, 0, sizeof *d);
    for (int k = 0; k < 8; k++)
        cursor[k] = (int64_t)2015 * 12;
    d->n = n;
    for (size_t i = 0; i < n; i++) {
        int k = (int)pick(&seed, 0, 7);
        d->post[i] = k % 4;
        d->site[i] = k < 2 ? -1 : k < 4 ? 2 : k % 2; /* "" is no site, as -1 */
        int g;
        do
            g = (int)pick(&seed, ISCG_PERIOD_MONTH, ISCG_PERIOD_YEAR);
        while (cursor[k] % months[g] != 0);
        d->year[i] = cursor[k] / 12;
        d->month[i] = cursor[k] % 12 + 1;
        d->g[i] = g;
        cursor[k] += months[g] * pick(&seed, 1, 2);
        d->territory[i] = pick(&seed, -1, 1);
        d->note[i] = pick(&seed, 0, 9) == 0 ? pick(&seed, 0, 1) : -1;
        d->carrier[i] = pick(&seed, 0, 3);
        d->force[i] = pick(&seed, 0, 3);
        d->nr[i] = pick(&seed, 0, 19) == 0;
        int64_t *f[ISCG_ACTIVITY_FIELD_COUNT];
        for (int x = 0; x < ISCG_ACTIVITY_FIELD_COUNT; x++) {
            f[x] = &d->fig[x][i];
            *f[x] = U;
        }
        if (!d->nr[i]) {
            /* past 32 bits, kept aside: a part itself; or parts within 32
             * bits whose derived total is not (2^31 each), or is exactly
             * UINT32_MAX, the value that marks an unknown figure in 32 bits
             * (three parts of (2^32 - 1) / 3, given as they are) */
            int64_t kind = pick(&seed, 0, 39);
            int64_t big = kind == 0 ? (int64_t)5000000000 : kind == 1 ? (int64_t)1 << 31 : 0;
            int64_t sum = 0, unknown = 0;
            for (int x = ISCG_ACTIVITY_WOMEN; x <= ISCG_ACTIVITY_CHILDREN; x++) {
                *f[x] = kind == 2 ? (int64_t)UINT32_MAX / 3 : pick(&seed, 0, 4) == 0 ? U : pick(&seed, 0, 50) + big;
                unknown += *f[x] == U;
                sum += *f[x] == U ? 0 : *f[x];
            }
            int64_t r = pick(&seed, 0, 2);
            *f[ISCG_ACTIVITY_REFERRALS] = r == 0 ? U : unknown ? sum + pick(&seed, 0, 9) : sum;
            int64_t ph = pick(&seed, 0, 4) == 0 ? U : pick(&seed, 0, 40);
            int64_t te = pick(&seed, 0, 4) == 0 ? U : pick(&seed, 0, 40);
            *f[ISCG_ACTIVITY_INTERVIEWS_PHYSICAL] = ph;
            *f[ISCG_ACTIVITY_INTERVIEWS_TELEPHONE] = te;
            int64_t known = (ph == U ? 0 : ph) + (te == U ? 0 : te);
            *f[ISCG_ACTIVITY_INTERVIEWS] = pick(&seed, 0, 2) == 0 ? U : known + (ph == U || te == U ? 3 : 0);
            int64_t all = *f[ISCG_ACTIVITY_INTERVIEWS];
            *f[ISCG_ACTIVITY_INTERVIEWS_PARTNERS] = all == U || pick(&seed, 0, 1) ? U : pick(&seed, 0, all);
            *f[ISCG_ACTIVITY_VIF] = pick(&seed, 0, 3) == 0 ? U : pick(&seed, 0, ISCG_STATS_BASIS_POINTS);
        }
        *f[ISCG_ACTIVITY_EPCI] = pick(&seed, 0, 5) == 0 ? U : pick(&seed, 1, 4);
        *f[ISCG_ACTIVITY_COMMUNES] = pick(&seed, 0, 5) == 0 ? U : pick(&seed, 1, 90);
        *f[ISCG_ACTIVITY_POPULATION] = pick(&seed, 0, 3) == 0 ? U : pick(&seed, 1000, 200000);
    }
}

/* Record i as the plain path is given it: the mapping the header documents,
 * written again here. */
static void record(const data *d, size_t i, iscg_activity *a)
{
    static const int months[] = {[ISCG_PERIOD_MONTH] = 1, [ISCG_PERIOD_QUARTER] = 3, [ISCG_PERIOD_HALF_YEAR] = 6,
                                 [ISCG_PERIOD_YEAR] = 12};
    iscg_activity_init(a);
    a->post = d->post[i] < 0 ? NULL : post_names[d->post[i]];
    a->site = d->site[i] < 0 ? NULL : site_names[d->site[i]];
    a->territory = d->territory[i] < 0 ? NULL : territory_names[d->territory[i]];
    a->note = d->note[i] < 0 ? NULL : note_names[d->note[i]];
    a->granularity = (iscg_stats_granularity)d->g[i];
    a->carrier = (iscg_activity_carrier)d->carrier[i];
    a->force = (iscg_activity_force)d->force[i];
    a->not_reported = (int)d->nr[i];
    iscg_date start = {(int)d->year[i], (int)d->month[i], 1};
    a->period.start = a->period.end = start;
    if (d->g[i] >= ISCG_PERIOD_MONTH && d->g[i] <= ISCG_PERIOD_YEAR && d->year[i] >= 1 && d->year[i] <= 9999 &&
        d->month[i] >= 1 && d->month[i] <= 12) {
        int last = (int)d->month[i] + months[d->g[i]] - 1;
        a->period.end.year = (int)d->year[i] + (last - 1) / 12;
        a->period.end.month = (last - 1) % 12 + 1;
        a->period.end.day = iscg_date_days_in_month(a->period.end.year, a->period.end.month);
    }
    int64_t *f[ISCG_ACTIVITY_FIELD_COUNT] = {&a->women, &a->men, &a->children, &a->referrals, &a->interviews,
                                             &a->interviews_physical, &a->interviews_telephone,
                                             &a->interviews_partners, &a->epci, &a->communes, &a->population,
                                             &a->vif_basis_points};
    for (int x = 0; x < ISCG_ACTIVITY_FIELD_COUNT; x++)
        *f[x] = d->fig[x][i];
}

static int same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Two collections hold the same records, and give the same sums. */
static void same_store(const iscg_stats *a, const iscg_stats *b)
{
    ck_assert_uint_eq(iscg_stats_count(a), iscg_stats_count(b));
    for (size_t i = 0; i < iscg_stats_count(a); i++) {
        iscg_activity x, y;
        ck_assert_int_eq(iscg_stats_get(&x, a, i), 0);
        ck_assert_int_eq(iscg_stats_get(&y, b, i), 0);
        ck_assert_msg(same_text(x.post, y.post) && same_text(x.site, y.site) && same_text(x.territory, y.territory) &&
                          same_text(x.note, y.note),
                      "record %zu: names differ", i);
        ck_assert_int_eq(x.granularity, y.granularity);
        ck_assert_int_eq(iscg_date_compare(x.period.start, y.period.start), 0);
        ck_assert_int_eq(iscg_date_compare(x.period.end, y.period.end), 0);
        ck_assert_int_eq(x.not_reported, y.not_reported);
        ck_assert_int_eq(x.carrier, y.carrier);
        ck_assert_int_eq(x.force, y.force);
        ck_assert_int_eq(x.women, y.women);
        ck_assert_int_eq(x.men, y.men);
        ck_assert_int_eq(x.children, y.children);
        ck_assert_int_eq(x.referrals, y.referrals);
        ck_assert_int_eq(x.interviews, y.interviews);
        ck_assert_int_eq(x.interviews_physical, y.interviews_physical);
        ck_assert_int_eq(x.interviews_telephone, y.interviews_telephone);
        ck_assert_int_eq(x.interviews_partners, y.interviews_partners);
        ck_assert_int_eq(x.epci, y.epci);
        ck_assert_int_eq(x.communes, y.communes);
        ck_assert_int_eq(x.population, y.population);
        ck_assert_int_eq(x.vif_basis_points, y.vif_basis_points);
    }
    static const iscg_stats_key keys[] = {ISCG_STATS_BY_POST, ISCG_STATS_BY_TERRITORY, ISCG_STATS_BY_ALL};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        iscg_stats_sums *sa = NULL, *sb = NULL;
        iscg_error e;
        int ra = iscg_stats_sums_compute(&sa, a, keys[k], ISCG_STATS_YEAR, &e);
        int rb = iscg_stats_sums_compute(&sb, b, keys[k], ISCG_STATS_YEAR, &e);
        ck_assert_int_eq(ra, rb);
        ck_assert_uint_eq(iscg_stats_sums_count(sa), iscg_stats_sums_count(sb));
        for (size_t i = 0; i < iscg_stats_sums_count(sa); i++) {
            iscg_stats_sums_row x, y;
            ck_assert_int_eq(iscg_stats_sums_get(&x, sa, i), 0);
            ck_assert_int_eq(iscg_stats_sums_get(&y, sb, i), 0);
            ck_assert_str_eq(x.key, y.key);
            ck_assert_uint_eq(x.records, y.records);
            ck_assert_uint_eq(x.not_reported, y.not_reported);
            ck_assert_mem_eq(x.count, y.count, sizeof x.count);
        }
        iscg_stats_sums_free(sa);
        iscg_stats_sums_free(sb);
    }
}

/* Adds d both ways to collections that already hold `before` (the first
 * records of `base`); asserts the same outcome: the same store, or the same
 * error naming the same record with nothing kept. Returns the status. */
static int compare_from(const data *d, const data *base, size_t before)
{
    iscg_stats *plain = NULL, *fast = NULL, *kept = NULL;
    ck_assert_int_eq(iscg_stats_new(&plain), 0);
    ck_assert_int_eq(iscg_stats_new(&fast), 0);
    ck_assert_int_eq(iscg_stats_new(&kept), 0);
    iscg_error e;
    for (size_t i = 0; i < before; i++) {
        iscg_activity a;
        record(base, i, &a);
        ck_assert_int_eq(iscg_stats_add(plain, &a, &e), 0);
        ck_assert_int_eq(iscg_stats_add(fast, &a, &e), 0);
        ck_assert_int_eq(iscg_stats_add(kept, &a, &e), 0);
    }
    /* the plain path: record by record, up to the first refused */
    iscg_error pe;
    iscg_error_clear(&pe);
    int prc = 0;
    size_t bad = SIZE_MAX;
    for (size_t i = 0; i < d->n && !prc; i++) {
        iscg_activity a;
        record(d, i, &a);
        if ((prc = iscg_stats_add(plain, &a, &pe)) != 0)
            bad = i;
    }
    iscg_error fe;
    iscg_error_clear(&fe);
    const iscg_stats_columns c = view(d);
    size_t failed = 0;
    int frc = iscg_stats_add_columns(fast, &c, d->n, &failed, &fe);
    ck_assert_int_eq(frc, prc);
    ck_assert_uint_eq(failed, bad);
    if (prc == 0) {
        same_store(plain, fast);
    } else {
        char want[sizeof pe.text + 32];
        snprintf(want, sizeof want, "record %zu: %s", bad, pe.text);
        want[sizeof fe.text - 1] = '\0';
        ck_assert_str_eq(fe.text, want);
        ck_assert_str_eq(fe.field, pe.field);
        ck_assert_str_eq(fe.source, pe.source);
        ck_assert_int_eq(fe.code, pe.code);
        same_store(kept, fast); /* all or nothing */
        /* and the collection takes records again */
        data *ok = malloc(sizeof *ok);
        ck_assert_ptr_nonnull(ok);
        make(ok, 40, 99);
        for (size_t i = 0; i < ok->n; i++)
            ok->year[i] += 100; /* after everything held */
        iscg_stats_columns oc = view(ok);
        int orc = iscg_stats_add_columns(fast, &oc, ok->n, NULL, &fe);
        ck_assert_msg(orc == 0, "%d %s", orc, fe.text);
        ck_assert_uint_eq(iscg_stats_count(fast), before + 40);
        free(ok);
    }
    iscg_stats_free(plain);
    iscg_stats_free(fast);
    iscg_stats_free(kept);
    return prc;
}

static int compare(const data *d)
{
    return compare_from(d, d, 0);
}

/* STAT-1: the column path stores what the plain path stores, record by
 * record, and its sums are the same, over many random collections. */
START_TEST(test_stat1_columns_same_as_records)
{
    data *d = malloc(sizeof *d);
    ck_assert_ptr_nonnull(d);
    for (uint64_t seed = 1; seed <= 12; seed++) {
        make(d, seed == 1 ? 1 : seed == 2 ? 0 : MAXN - seed, seed);
        ck_assert_int_eq(compare(d), 0);
    }
    /* onto a collection that already holds records, out of order */
    data *base = malloc(sizeof *base);
    ck_assert_ptr_nonnull(base);
    make(base, 100, 7);
    make(d, 200, 8);
    for (size_t i = 0; i < d->n; i++)
        d->year[i] -= 30; /* before every record held: placed in front */
    ck_assert_int_eq(compare_from(d, base, 100), 0);
    free(base);
    free(d);
}
END_TEST

/* One bad value in a record at `at` of otherwise valid records. */
typedef void (*spoil_fn)(data *d, size_t at);

static void neg_count(data *d, size_t i) { d->nr[i] = 0; d->fig[ISCG_ACTIVITY_EPCI][i] = -2; }
static void vif_high(data *d, size_t i) { d->nr[i] = 0; d->fig[ISCG_ACTIVITY_VIF][i] = 10001; }
static void bad_granularity(data *d, size_t i) { d->g[i] = 7; }
static void no_granularity(data *d, size_t i) { d->g[i] = ISCG_PERIOD_NONE; } /* a zeroed column */
static void bad_carrier(data *d, size_t i) { d->carrier[i] = 9; }
static void bad_force(data *d, size_t i) { d->force[i] = -1; }
static void bad_not_reported(data *d, size_t i) { d->nr[i] = 2; }
static void bad_month(data *d, size_t i) { d->month[i] = 13; }
static void bad_year(data *d, size_t i) { d->year[i] = 0; }
static void misaligned(data *d, size_t i) { d->g[i] = ISCG_STATS_QUARTER; d->month[i] = 2; }
static void no_post(data *d, size_t i) { d->post[i] = -1; }
static void empty_post(data *d, size_t i) { d->post[i] = 4; } /* the name "" */
static void post_code(data *d, size_t i) { d->post[i] = 5; }
static void site_code(data *d, size_t i) { d->site[i] = 3; }
static void territory_code(data *d, size_t i) { d->territory[i] = -2; }
static void note_code(data *d, size_t i) { d->note[i] = 2; }

static void parts(data *d, size_t i)
{
    d->nr[i] = 0;
    d->fig[ISCG_ACTIVITY_WOMEN][i] = 4;
    d->fig[ISCG_ACTIVITY_MEN][i] = 1;
    d->fig[ISCG_ACTIVITY_CHILDREN][i] = 1;
    d->fig[ISCG_ACTIVITY_REFERRALS][i] = 7;
}

static void known_parts_above(data *d, size_t i)
{
    d->nr[i] = 0;
    d->fig[ISCG_ACTIVITY_INTERVIEWS_PHYSICAL][i] = 9;
    d->fig[ISCG_ACTIVITY_INTERVIEWS_TELEPHONE][i] = U;
    d->fig[ISCG_ACTIVITY_INTERVIEWS][i] = 8;
    d->fig[ISCG_ACTIVITY_INTERVIEWS_PARTNERS][i] = U;
}

static void partners(data *d, size_t i)
{
    d->nr[i] = 0;
    d->fig[ISCG_ACTIVITY_INTERVIEWS_PHYSICAL][i] = U;
    d->fig[ISCG_ACTIVITY_INTERVIEWS][i] = 3;
    d->fig[ISCG_ACTIVITY_INTERVIEWS_PARTNERS][i] = 4;
}

static void not_reported_with_figures(data *d, size_t i)
{
    d->nr[i] = 1;
    for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++)
        d->fig[f][i] = U;
    d->fig[ISCG_ACTIVITY_MEN][i] = 0;
}

static void overflow(data *d, size_t i)
{
    d->nr[i] = 0;
    d->fig[ISCG_ACTIVITY_WOMEN][i] = INT64_MAX / 2;
    d->fig[ISCG_ACTIVITY_MEN][i] = INT64_MAX / 2;
    d->fig[ISCG_ACTIVITY_CHILDREN][i] = INT64_MAX / 2;
    d->fig[ISCG_ACTIVITY_REFERRALS][i] = U;
}

static void big_but_valid(data *d, size_t i) /* flagged by the tight loops, accepted by the check */
{
    d->nr[i] = 0;
    d->fig[ISCG_ACTIVITY_WOMEN][i] = (int64_t)1 << 62;
    d->fig[ISCG_ACTIVITY_MEN][i] = 0;
    d->fig[ISCG_ACTIVITY_CHILDREN][i] = 0;
    d->fig[ISCG_ACTIVITY_REFERRALS][i] = U;
    d->fig[ISCG_ACTIVITY_POPULATION][i] = (int64_t)1 << 62;
}

static void overlap(data *d, size_t i) /* the same series and period as record 1 */
{
    d->post[i] = d->post[1];
    d->site[i] = d->site[1];
    d->year[i] = d->year[1];
    d->month[i] = d->month[1];
    d->g[i] = d->g[1];
}

/* STAT-2, STAT-4: a bad value refuses the record that holds it, with the
 * status, field and sentence of iscg_stats_add() after "record <index>: ";
 * the collection keeps what it held. */
START_TEST(test_stat2_columns_same_errors)
{
    static const struct {
        spoil_fn spoil;
        int code;
    } cases[] = {{neg_count, ISCG_EINVAL},      {vif_high, ISCG_ERANGE},
                 {bad_granularity, ISCG_EINVAL}, {no_granularity, ISCG_EINVAL}, {bad_carrier, ISCG_EINVAL},
                 {bad_force, ISCG_EINVAL},      {bad_not_reported, ISCG_EINVAL},
                 {bad_month, ISCG_EDATE},       {bad_year, ISCG_EDATE},
                 {misaligned, ISCG_EDATE},      {no_post, ISCG_EINVAL},
                 {empty_post, ISCG_EINVAL},     {parts, ISCG_ETOTAL},
                 {known_parts_above, ISCG_ETOTAL}, {partners, ISCG_ETOTAL},
                 {not_reported_with_figures, ISCG_EINVAL}, {overflow, ISCG_EOVERFLOW},
                 {overlap, ISCG_EDUPLICATE},    {big_but_valid, 0}};
    data *d = malloc(sizeof *d);
    ck_assert_ptr_nonnull(d);
    static const size_t places[] = {0, 5, 255, 256, 300};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        for (size_t p = 0; p < sizeof places / sizeof *places; p++) {
            if (cases[k].spoil == overlap && places[p] <= 1)
                continue;
            make(d, 400, 40 + k);
            cases[k].spoil(d, places[p]);
            ck_assert_msg(compare(d) == cases[k].code, "case %zu at %zu", k, places[p]);
        }
    /* two faults: the first in the order of the plain path wins, an overlap
     * before a bad value as a bad value before an overlap */
    make(d, 400, 77);
    overlap(d, 100);
    bad_month(d, 200);
    ck_assert_int_eq(compare(d), ISCG_EDUPLICATE);
    make(d, 400, 77);
    bad_month(d, 100);
    overlap(d, 200);
    ck_assert_int_eq(compare(d), ISCG_EDATE);
    /* a record that overlaps one held before the call */
    data *base = malloc(sizeof *base);
    ck_assert_ptr_nonnull(base);
    make(base, 50, 5);
    make(d, 60, 5); /* the same timelines: record 0 is base's record 0 */
    ck_assert_int_eq(compare_from(d, base, 50), ISCG_EDUPLICATE);
    free(base);
    free(d);
}
END_TEST

/* A name code outside its table: refused, naming the record and the column
 * (the plain path has no codes). */
START_TEST(test_stat2_columns_bad_codes)
{
    static const spoil_fn spoil[] = {post_code, site_code, territory_code, note_code};
    static const char *const want[] = {
        "record 3: post: code 5 is not one of the 5 names (0 to 4, or -1 for none)",
        "record 3: site: code 3 is not one of the 3 names (0 to 2, or -1 for none)",
        "record 3: territory: code -2 is not one of the 2 names (0 to 1, or -1 for none)",
        "record 3: note: code 2 is not one of the 2 names (0 to 1, or -1 for none)"};
    data *d = malloc(sizeof *d);
    ck_assert_ptr_nonnull(d);
    for (size_t k = 0; k < 4; k++) {
        make(d, 10, 3);
        spoil[k](d, 3);
        iscg_stats *s = NULL;
        ck_assert_int_eq(iscg_stats_new(&s), 0);
        iscg_stats_columns c = view(d);
        iscg_error e;
        size_t failed;
        ck_assert_int_eq(iscg_stats_add_columns(s, &c, d->n, &failed, &e), ISCG_EINVAL);
        ck_assert_uint_eq(failed, 3);
        ck_assert_str_eq(e.text, want[k]);
        ck_assert_uint_eq(iscg_stats_count(s), 0);
        iscg_stats_free(s);
    }
    /* a code given for every record, in a column of no names */
    iscg_stats *s = NULL;
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    make(d, 10, 3);
    iscg_stats_columns c = view(d);
    c.note = (iscg_stats_name_column){NULL, 0, NULL, 0};
    iscg_error e;
    ck_assert_int_eq(iscg_stats_add_columns(s, &c, d->n, NULL, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "record 0: note: code 0 is given, but the column has no names");
    iscg_stats_free(s);
    free(d);
}
END_TEST

/* Columns of one value for every record: the same records as columns of
 * equal values. */
START_TEST(test_stat1_columns_one_value)
{
    static const char *const one[] = {"ISC Saint-Omer"};
    int64_t year[24], month[24];
    for (int i = 0; i < 24; i++) {
        year[i] = 2021 + i / 12;
        month[i] = i % 12 + 1;
    }
    iscg_stats_columns c = ISCG_STATS_COLUMNS_INIT;
    c.post = (iscg_stats_name_column){NULL, 0, one, 1};
    c.territory = (iscg_stats_name_column){NULL, 0, one, 1};
    c.year.values = year;
    c.month.values = month;
    c.granularity.value = ISCG_STATS_MONTH;
    c.carrier.value = ISCG_ACTIVITY_CARRIER_ASSOCIATION;
    c.figure[ISCG_ACTIVITY_WOMEN].value = 3;
    c.figure[ISCG_ACTIVITY_MEN].value = 1;
    c.figure[ISCG_ACTIVITY_CHILDREN].value = 0;
    iscg_stats *s = NULL, *p = NULL;
    iscg_error e;
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    ck_assert_int_eq(iscg_stats_new(&p), 0);
    ck_assert_int_eq(iscg_stats_add_columns(s, &c, 24, NULL, &e), 0);
    for (int i = 0; i < 24; i++) {
        iscg_activity a;
        iscg_activity_init(&a);
        a.post = one[0];
        a.territory = one[0];
        a.granularity = ISCG_STATS_MONTH;
        a.carrier = ISCG_ACTIVITY_CARRIER_ASSOCIATION;
        ck_assert_int_eq(iscg_stats_period(&a.period, ISCG_STATS_MONTH, (int)year[i], (int)month[i], &e), 0);
        a.women = 3;
        a.men = 1;
        a.children = 0;
        ck_assert_int_eq(iscg_stats_add(p, &a, &e), 0);
    }
    same_store(p, s);
    iscg_activity got;
    ck_assert_int_eq(iscg_stats_get(&got, s, 23), 0);
    ck_assert_int_eq(got.referrals, 4); /* derived, as iscg_stats_add() derives it */
    /* one bad value for every record: the first record is refused */
    iscg_stats_free(s);
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    c.figure[ISCG_ACTIVITY_VIF].value = -5;
    size_t failed;
    ck_assert_int_eq(iscg_stats_add_columns(s, &c, 24, &failed, &e), ISCG_ERANGE);
    ck_assert_uint_eq(failed, 0);
    ck_assert_str_eq(e.field, "vif");
    c.figure[ISCG_ACTIVITY_VIF].value = U;
    c.site = (iscg_stats_name_column){NULL, 4, one, 1};
    ck_assert_int_eq(iscg_stats_add_columns(s, &c, 24, &failed, &e), ISCG_EINVAL);
    c.site = (iscg_stats_name_column){NULL, -1, NULL, 0};
    c.post.code = -1;
    ck_assert_int_eq(iscg_stats_add_columns(s, &c, 24, &failed, &e), ISCG_EINVAL);
    ck_assert_uint_eq(failed, 0);
    ck_assert_str_eq(e.text, "record 0: an activity record must name its post");
    ck_assert_uint_eq(iscg_stats_count(s), 0);
    iscg_stats_free(s);
    iscg_stats_free(p);
}
END_TEST

/* The arguments: NULLs, an unknown version, a post column without names. */
START_TEST(test_stat1_columns_arguments)
{
    static const char *const one[] = {"ISC Arras"};
    iscg_stats *s = NULL;
    iscg_error e;
    size_t failed = 0;
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    iscg_stats_columns c = ISCG_STATS_COLUMNS_INIT;
    ck_assert_int_eq(iscg_stats_add_columns(NULL, &c, 1, &failed, &e), ISCG_EINVAL);
    ck_assert_uint_eq(failed, SIZE_MAX);
    ck_assert_int_eq(iscg_stats_add_columns(s, NULL, 1, NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_add_columns(s, &c, 1, NULL, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "the post column is required, with its names");
    c.post.count = 1;
    ck_assert_int_eq(iscg_stats_add_columns(s, &c, 1, NULL, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "post: 1 names announced, none given");
    c.post.names = one;
    c.version = 0;
    ck_assert_int_eq(iscg_stats_add_columns(s, &c, 1, NULL, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "version");
    c.version = ISCG_STATS_COLUMNS_VERSION;
    ck_assert_int_eq(iscg_stats_add_columns(s, &c, 0, NULL, &e), 0); /* nothing to add */
    ck_assert_uint_eq(iscg_stats_count(s), 0);
    /* year and month unknown: the period is refused as the plain path refuses it */
    c.post.code = 0;
    ck_assert_int_eq(iscg_stats_add_columns(s, &c, 1, &failed, &e), ISCG_EDATE);
    ck_assert_uint_eq(failed, 0);
    iscg_stats_free(s);
}
END_TEST

struct canceller {
    int calls, at;
};

static int cancel_at(void *ctx)
{
    struct canceller *c = ctx;
    return ++c->calls == c->at;
}

/* A cancel function stops the ingest: nothing is kept; without one asking,
 * every record is added. */
START_TEST(test_stat1_columns_canceled)
{
    static const char *const one[] = {"ISC Arras", "ISC Lens"};
    enum { N = 200000 };
    int64_t *post = malloc(N * sizeof *post), *year = malloc(N * sizeof *year), *month = malloc(N * sizeof *month);
    ck_assert(post && year && month);
    for (size_t i = 0; i < N; i++) {
        post[i] = (int64_t)(i % 2);
        year[i] = 1000 + (int64_t)(i / 24);
        month[i] = (int64_t)(i / 2 % 12) + 1;
    }
    iscg_stats_columns c = ISCG_STATS_COLUMNS_INIT;
    c.post = (iscg_stats_name_column){post, -1, one, 2};
    c.year.values = year;
    c.month.values = month;
    c.granularity.value = ISCG_STATS_MONTH;
    iscg_stats_options opts = ISCG_STATS_OPTIONS_INIT;
    struct canceller k = {0, 2};
    opts.cancel = cancel_at;
    opts.cancel_ctx = &k;
    iscg_stats *s = NULL;
    iscg_error e;
    size_t failed = 0;
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    ck_assert_int_eq(iscg_stats_add_columns_ext(s, &c, N, &opts, &failed, &e), ISCG_ECANCELED);
    ck_assert_str_eq(e.text, "the ingest was canceled (its cancel function asked it to stop)");
    ck_assert_uint_eq(failed, SIZE_MAX);
    ck_assert_uint_eq(iscg_stats_count(s), 0);
    k.calls = 0;
    k.at = 0;
    ck_assert_int_eq(iscg_stats_add_columns_ext(s, &c, N, &opts, &failed, &e), 0);
    ck_assert_int_eq(k.calls, 3); /* after 65 536, 131 072 and 196 608 records */
    ck_assert_uint_eq(iscg_stats_count(s), N);
    opts.version = 99;
    ck_assert_int_eq(iscg_stats_add_columns_ext(s, &c, N, &opts, &failed, &e), ISCG_EINVAL);
    iscg_stats_free(s);
    free(post);
    free(year);
    free(month);
}
END_TEST

/* A collection past 32 MB, whose records the library advises to huge pages:
 * built from columns in two batches (the second grows the block past 32 MB)
 * and record by record (which doubles it past 32 MB), it holds the same
 * records and gives the same sums. The advice may change speed, nothing
 * else. Compared without an assertion a record: each one costs a write to
 * Check's pipe. */
START_TEST(test_stat1_columns_large_store)
{
    const size_t POSTS = 25000, HALF = POSTS * 12, N = 2 * HALF; /* 600 000 records, 38.4 MB */
    char(*names)[16] = malloc(POSTS * sizeof *names);
    const char **name = malloc(POSTS * sizeof *name);
    int64_t *post = malloc(HALF * sizeof *post), *month = malloc(HALF * sizeof *month),
            *women = malloc(N * sizeof *women), *men = malloc(N * sizeof *men);
    ck_assert(names && name && post && month && women && men);
    for (size_t p = 0; p < POSTS; p++) {
        snprintf(names[p], sizeof names[p], "ISC %05zu", p);
        name[p] = names[p];
    }
    for (size_t i = 0; i < HALF; i++) {
        post[i] = (int64_t)(i / 12);
        month[i] = (int64_t)(i % 12) + 1;
    }
    for (size_t i = 0; i < N; i++) {
        women[i] = (int64_t)(i % 997);
        men[i] = (int64_t)(i % 13);
    }
    iscg_stats *fast = NULL, *plain = NULL;
    iscg_error e;
    ck_assert_int_eq(iscg_stats_new(&fast), 0);
    ck_assert_int_eq(iscg_stats_new(&plain), 0);
    for (size_t half = 0; half < 2; half++) {
        iscg_stats_columns c = ISCG_STATS_COLUMNS_INIT;
        c.post = (iscg_stats_name_column){post, -1, name, POSTS};
        c.year.value = 2023 + (int64_t)half;
        c.month.values = month;
        c.granularity.value = ISCG_STATS_MONTH;
        c.figure[ISCG_ACTIVITY_WOMEN].values = women + half * HALF;
        c.figure[ISCG_ACTIVITY_MEN].values = men + half * HALF;
        c.figure[ISCG_ACTIVITY_CHILDREN].value = 0;
        ck_assert_int_eq(iscg_stats_add_columns(fast, &c, HALF, NULL, &e), 0);
        for (size_t i = 0; i < HALF; i++) {
            iscg_activity a;
            iscg_activity_init(&a);
            a.post = name[post[i]];
            a.granularity = ISCG_STATS_MONTH;
            a.women = women[half * HALF + i];
            a.men = men[half * HALF + i];
            a.children = 0;
            if (iscg_stats_period(&a.period, ISCG_STATS_MONTH, 2023 + (int)half, (int)month[i], &e) != 0 ||
                iscg_stats_add(plain, &a, &e) != 0)
                ck_abort_msg("record %zu of batch %zu: %s", i, half, e.text);
        }
    }
    ck_assert_uint_eq(iscg_stats_count(fast), N);
    ck_assert_uint_eq(iscg_stats_count(plain), N);
    size_t differ = 0, first = SIZE_MAX;
    for (size_t i = 0; i < N; i++) {
        iscg_activity x, y;
        if (iscg_stats_get(&x, fast, i) != 0 || iscg_stats_get(&y, plain, i) != 0 || !same_text(x.post, y.post) ||
            iscg_date_compare(x.period.start, y.period.start) != 0 || x.women != y.women || x.men != y.men ||
            x.referrals != y.referrals || x.women != women[i] || strcmp(x.post, name[i % HALF / 12]) != 0) {
            differ++;
            if (first == SIZE_MAX)
                first = i;
        }
    }
    ck_assert_msg(differ == 0, "%zu records differ, the first at %zu", differ, first);
    iscg_stats_sums *sf = NULL, *sp = NULL;
    ck_assert_int_eq(iscg_stats_sums_compute(&sf, fast, ISCG_STATS_BY_POST, ISCG_STATS_YEAR, &e), 0);
    ck_assert_int_eq(iscg_stats_sums_compute(&sp, plain, ISCG_STATS_BY_POST, ISCG_STATS_YEAR, &e), 0);
    ck_assert_uint_eq(iscg_stats_sums_count(sf), 2 * POSTS);
    ck_assert_uint_eq(iscg_stats_sums_count(sp), 2 * POSTS);
    int64_t total = 0, want = 0;
    for (size_t i = 0; i < N; i++)
        want += women[i] + men[i];
    for (size_t r = 0; r < 2 * POSTS; r++) {
        iscg_stats_sums_row a, b;
        if (iscg_stats_sums_get(&a, sf, r) != 0 || iscg_stats_sums_get(&b, sp, r) != 0) {
            differ++;
            continue;
        }
        if (a.count[ISCG_ACTIVITY_REFERRALS].value != b.count[ISCG_ACTIVITY_REFERRALS].value || a.records != 12 ||
            strcmp(a.key, b.key) != 0)
            differ++;
        total += a.count[ISCG_ACTIVITY_REFERRALS].value;
    }
    ck_assert_uint_eq(differ, 0);
    ck_assert_int_eq(total, want);
    iscg_stats_sums_free(sf);
    iscg_stats_sums_free(sp);
    iscg_stats_free(fast);
    iscg_stats_free(plain);
    free(names);
    free(name);
    free(post);
    free(month);
    free(women);
    free(men);
}
END_TEST

Suite *suite_stats_columns(void)
{
    Suite *s = suite_create("stats_columns");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_stat1_columns_same_as_records);
    tcase_add_test(tc, test_stat2_columns_same_errors);
    tcase_add_test(tc, test_stat2_columns_bad_codes);
    tcase_add_test(tc, test_stat1_columns_one_value);
    tcase_add_test(tc, test_stat1_columns_arguments);
    tcase_add_test(tc, test_stat1_columns_canceled);
    tcase_add_test(tc, test_stat1_columns_large_store);
    suite_add_tcase(s, tc);
    return s;
}
