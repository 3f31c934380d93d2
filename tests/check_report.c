/* SPDX-License-Identifier: Apache-2.0 */
/* The report layer (iscg/report.h): each report against the computations it
 * gathers, on the embedded Pas-de-Calais dataset, and every refusal. The
 * figures of the documents are in check_funding.c; here a report must give
 * what the plain calls give, convention by convention. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscg.h>

#include "seed.h"
#include "suites.h"

#define HAS(e, s) ck_assert_msg(strstr((e).text, (s)) != NULL, "\"%s\" lacks \"%s\"", (e).text, (s))

/* A dataset from JSON text, which the test frees. */
static iscg_dataset *dataset(const char *json)
{
    iscg_dataset *ds;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_string(&ds, json, "test", &e) == 0, "%s", e.text);
    return ds;
}

#define HEAD "{\"format\": \"iscg-dataset\", \"version\": 1, \"title\": \"t\", "
#define RULE "{\"unit\": \"EURO\", \"mode\": \"DOWN\", \"remainder\": \"NONE\", \"weights\": \"RAW\"}"
/* A 2023 convention of post isg-a whose whole cost COST the State pays. */
#define STATE_PAYS(ID, COST)                                                                               \
    "{\"id\": \"" ID "\", \"post\": \"isg-a\", \"start\": \"2023-01-01\", \"months\": 12, \"cost\": \"" COST \
    "\", \"daycount\": \"MONTHS_WHOLE\", \"rounding\": " RULE ", \"sides\": [{\"name\": \"FIPD\", "         \
    "\"rule\": \"REMAINDER\", \"split\": " RULE ", \"funders\": [{\"party\": \"etat\", \"weight\": 1}]}]}"
#define PARTIES_POSTS                                                                                  \
    "\"parties\": [{\"id\": \"etat\", \"kind\": \"STATE\", \"name\": \"Etat\"}, {\"id\": \"cc\", "     \
    "\"kind\": \"EPCI\", \"name\": \"CC\"}], \"posts\": [{\"id\": \"isg-a\", \"label\": \"ISG A\", "   \
    "\"kind\": \"ISG\", \"carrier\": \"cc\", \"work_time\": \"100.00\"}]"

/* ---- years --------------------------------------------------------------- */

START_TEST(test_years_by_kind_of_data)
{
    int years[4] = {0};
    size_t n = 0;
    /* Béthune and Boulogne start in December 2022, the others in 2023 */
    ck_assert_int_eq(iscg_report_years(years, 4, &n, seed_ds, ISCG_REPORT_CONVENTIONS), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(years[0], 2022);
    ck_assert_int_eq(years[1], 2023);
    ck_assert_int_eq(iscg_report_years(years, 4, &n, seed_ds, ISCG_REPORT_BUDGET), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(years[0], 2023);
    ck_assert_int_eq(iscg_report_years(years, 4, &n, seed_ds, ISCG_REPORT_ACTIVITY), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(years[0], 2022);
    /* a count beyond the capacity: the earliest kept, every one counted */
    years[1] = -1;
    ck_assert_int_eq(iscg_report_years(years, 1, &n, seed_ds, ISCG_REPORT_ALL), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(years[0], 2022);
    ck_assert_int_eq(years[1], -1);
    ck_assert_int_eq(iscg_report_years(NULL, 0, &n, seed_ds, ISCG_REPORT_ALL), 0);
    ck_assert_uint_eq(n, 2);

    int y = 0;
    ck_assert_int_eq(iscg_report_latest_year(&y, seed_ds, ISCG_REPORT_CONVENTIONS, NULL), 0);
    ck_assert_int_eq(y, 2023);
    /* the year `iscg stats` shows: the latest activity, not the first record's */
    ck_assert_int_eq(iscg_report_latest_year(&y, seed_ds, ISCG_REPORT_ACTIVITY, NULL), 0);
    ck_assert_int_eq(y, 2022);
}
END_TEST

START_TEST(test_years_refused)
{
    int years[2], y = 0;
    size_t n;
    iscg_error e;
    ck_assert_int_eq(iscg_report_years(years, 2, NULL, seed_ds, ISCG_REPORT_ALL), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_years(years, 2, &n, NULL, ISCG_REPORT_ALL), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_years(NULL, 2, &n, seed_ds, ISCG_REPORT_ALL), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_years(years, 2, &n, seed_ds, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_years(years, 2, &n, seed_ds, 8), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_latest_year(NULL, seed_ds, ISCG_REPORT_ALL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_latest_year(&y, NULL, ISCG_REPORT_ALL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_latest_year(&y, seed_ds, 0, &e), ISCG_EINVAL);
    HAS(e, "no kind of data");
    /* a dataset without activity has no latest activity year */
    iscg_dataset *ds = dataset(HEAD PARTIES_POSTS "}");
    ck_assert_int_eq(iscg_report_latest_year(&y, ds, ISCG_REPORT_ACTIVITY, &e), ISCG_ENOTFOUND);
    HAS(e, "no activity records");
    ck_assert_int_eq(iscg_report_latest_year(&y, ds, ISCG_REPORT_ALL, &e), ISCG_ENOTFOUND);
    HAS(e, "no conventions nor budget lines nor activity records");
    ck_assert_int_eq(iscg_report_latest_year(&y, ds, ISCG_REPORT_BUDGET, &e), ISCG_ENOTFOUND);
    HAS(e, "no budget lines");
    /* each combination of kinds is one whole sentence (translated whole) */
    ck_assert_int_eq(iscg_report_latest_year(&y, ds, ISCG_REPORT_CONVENTIONS, &e), ISCG_ENOTFOUND);
    ck_assert_str_eq(e.text, "the dataset holds no conventions");
    ck_assert_int_eq(iscg_report_latest_year(&y, ds, ISCG_REPORT_CONVENTIONS | ISCG_REPORT_BUDGET, &e),
                     ISCG_ENOTFOUND);
    ck_assert_str_eq(e.text, "the dataset holds no conventions nor budget lines");
    ck_assert_int_eq(iscg_report_latest_year(&y, ds, ISCG_REPORT_CONVENTIONS | ISCG_REPORT_ACTIVITY, &e),
                     ISCG_ENOTFOUND);
    ck_assert_str_eq(e.text, "the dataset holds no conventions nor activity records");
    ck_assert_int_eq(iscg_report_latest_year(&y, ds, ISCG_REPORT_BUDGET | ISCG_REPORT_ACTIVITY, &e),
                     ISCG_ENOTFOUND);
    ck_assert_str_eq(e.text, "the dataset holds no budget lines nor activity records");
    ck_assert_int_eq(y, 0);
    iscg_dataset_free(ds);
}
END_TEST

START_TEST(test_period_touches)
{
    iscg_period p = {{2022, 12, 3}, {2023, 12, 2}};
    ck_assert_int_eq(iscg_report_period_touches(p, 2021), 0);
    ck_assert_int_eq(iscg_report_period_touches(p, 2022), 1);
    ck_assert_int_eq(iscg_report_period_touches(p, 2023), 1);
    ck_assert_int_eq(iscg_report_period_touches(p, 2024), 0);
}
END_TEST

/* ---- carriers and parties ------------------------------------------------ */

START_TEST(test_carriers_in_order_of_their_first_post)
{
    const char *c[16];
    size_t n = 0;
    ck_assert_int_eq(iscg_report_carriers(c, 16, &n, seed_reg), 0);
    ck_assert_uint_gt(n, 3);
    ck_assert_uint_le(n, 16);
    iscg_post_spec first;
    ck_assert_int_eq(iscg_post_get(&first, seed_reg, iscg_registry_post_id(seed_reg, 0), NULL), 0);
    ck_assert_str_eq(c[0], first.carrier);
    /* each carries a post, none twice */
    for (size_t i = 0; i < n; i++) {
        int carries = 0;
        for (size_t k = 0; k < iscg_registry_post_count(seed_reg); k++) {
            iscg_post_spec p;
            ck_assert_int_eq(iscg_post_get(&p, seed_reg, iscg_registry_post_id(seed_reg, k), NULL), 0);
            carries |= strcmp(p.carrier, c[i]) == 0;
        }
        ck_assert(carries);
        for (size_t k = 0; k < i; k++)
            ck_assert_str_ne(c[i], c[k]);
    }
    size_t m = 0;
    ck_assert_int_eq(iscg_report_carriers(NULL, 0, &m, seed_reg), 0);
    ck_assert_uint_eq(m, n);
    ck_assert_int_eq(iscg_report_carriers(c, 1, &m, seed_reg), 0);
    ck_assert_uint_eq(m, n);
    ck_assert_int_eq(iscg_report_carriers(c, 16, NULL, seed_reg), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_carriers(c, 16, &m, NULL), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_carriers(NULL, 16, &m, seed_reg), ISCG_EINVAL);
}
END_TEST

START_TEST(test_parties_by_index)
{
    size_t n = iscg_registry_party_count(seed_reg);
    ck_assert_uint_eq(n, 20);
    ck_assert_str_eq(iscg_registry_party_id(seed_reg, 0), "etat");
    ck_assert_str_eq(iscg_registry_party_id(seed_reg, 1), "dept");
    for (size_t i = 0; i < n; i++) /* each identifier names a party */
        ck_assert_int_eq(iscg_party_get(NULL, NULL, seed_reg, iscg_registry_party_id(seed_reg, i), NULL), 0);
    ck_assert_ptr_null(iscg_registry_party_id(seed_reg, n));
    ck_assert_ptr_null(iscg_registry_party_id(NULL, 0));
}
END_TEST

/* ---- funding ------------------------------------------------------------- */

/* The report of `year` (0: whole periods) gives, convention by convention,
 * the rows of iscg_funding_compute_year() (iscg_funding_compute()), and
 * totals that are their sums. */
static void same_as_plain_calls(int year)
{
    iscg_report_funding *rf;
    iscg_error e;
    ck_assert_int_eq(iscg_report_funding_compute(&rf, seed_reg, NULL, year, &e), 0);
    iscg_cents totals[ISCG_PARTY_KIND_COUNT] = {0};
    size_t row = 0, conventions = 0;
    for (size_t i = 0; i < iscg_registry_convention_count(seed_reg); i++) {
        const char *id = iscg_registry_convention_id(seed_reg, i);
        iscg_convention_spec c;
        ck_assert_int_eq(iscg_convention_get(&c, seed_reg, id, NULL), 0);
        if (year && !(c.period.start.year <= year && year <= c.period.end.year))
            continue;
        conventions++;
        iscg_funding *f;
        ck_assert_int_eq(year ? iscg_funding_compute_year(&f, seed_reg, id, year, c.daycount, &e)
                              : iscg_funding_compute(&f, seed_reg, id, &e),
                         0);
        for (size_t k = 0; k < iscg_funding_row_count(f); k++, row++) {
            iscg_funding_row want;
            iscg_report_funding_row got;
            ck_assert_int_eq(iscg_funding_row_get(&want, f, k), 0);
            ck_assert_int_eq(iscg_report_funding_row_get(&got, rf, row), 0);
            ck_assert_str_eq(got.convention, id);
            ck_assert_str_eq(got.post, c.post);
            ck_assert_str_eq(got.funder.party, want.party);
            ck_assert_int_eq(got.funder.amount, want.amount);
            /* the report's plans live in its arena: their traces read as the plain call's */
            ck_assert_str_eq(iscg_explain_text(got.funder.explain), iscg_explain_text(want.explain));
            ck_assert_int_eq(iscg_date_compare(got.period.start, iscg_funding_period(f).start), 0);
            ck_assert_int_eq(iscg_date_compare(got.period.end, iscg_funding_period(f).end), 0);
            totals[want.party_kind] += want.amount;
        }
        iscg_funding_free(f);
    }
    ck_assert_uint_eq(iscg_report_funding_row_count(rf), row);
    ck_assert_uint_eq(iscg_report_funding_convention_count(rf), conventions);
    ck_assert_uint_eq(iscg_report_funding_failure_count(rf), 0);
    for (int k = 0; k < ISCG_PARTY_KIND_COUNT; k++)
        ck_assert_int_eq(iscg_report_funding_total(rf, (iscg_party_kind)k), totals[k]);
    iscg_report_funding_free(rf);
}

START_TEST(test_funding_of_a_year_is_the_sum_of_its_parts)
{
    same_as_plain_calls(2022);
    same_as_plain_calls(2023);
    same_as_plain_calls(2024);
    same_as_plain_calls(0);
}
END_TEST

/* PRO-3: Béthune's 2023 is a part of its period, whose stated amounts are for
 * the whole period: the year's report does not set them beside the part;
 * the whole-period view does (17 510 € stated for the Département). */
START_TEST(test_funding_stated_only_beside_whole_periods)
{
    for (int year = 0; year <= 2023; year += 2023) {
        iscg_report_funding *rf;
        ck_assert_int_eq(iscg_report_funding_compute(&rf, seed_reg, NULL, year, NULL), 0);
        int seen = 0;
        for (size_t i = 0; i < iscg_report_funding_row_count(rf); i++) {
            iscg_report_funding_row row;
            ck_assert_int_eq(iscg_report_funding_row_get(&row, rf, i), 0);
            if (strcmp(row.convention, "bethune-2023") == 0 && strcmp(row.funder.party, "dept") == 0) {
                seen = 1;
                ck_assert_int_eq(row.whole, year == 0);
                ck_assert_int_eq(row.funder.has_stated, year == 0);
                ck_assert_int_eq(row.funder.stated, year == 0 ? EUR(17510) : 0);
                ck_assert_int_eq(row.period.start.year, year == 0 ? 2022 : 2023);
                ck_assert_str_eq(row.carrier, "dept");
                ck_assert_str_eq(row.post_label, "ISC Artois");
            }
            if (strcmp(row.convention, "ccsa-2023") == 0) /* within 2023: whole either way */
                ck_assert_int_eq(row.whole, 1);
        }
        ck_assert(seen);
        iscg_report_funding_free(rf);
    }
}
END_TEST

/* SPLIT-6: a plan that ends is a failure of the report, not a silent gap. */
START_TEST(test_funding_failure_listed)
{
    iscg_dataset *ds;
    iscg_error e;
    ck_assert_int_eq(iscg_dataset_load_embedded(&ds, &e), 0);
    /* the State withdraws from the whole period, and nobody takes over (AMD-3) */
    iscg_scenario *s;
    ck_assert_int_eq(iscg_scenario_new(&s), 0);
    iscg_whatif w = ISCG_WHATIF_INIT;
    w.kind = ISCG_WHATIF_WITHDRAW;
    w.convention = "ccca-2023";
    w.party = "etat";
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), 0);
    iscg_report_funding *rf;
    ck_assert_int_eq(iscg_report_funding_compute(&rf, iscg_dataset_registry(ds), s, 2023, &e), 0);
    iscg_scenario_free(s);
    ck_assert_uint_eq(iscg_report_funding_failure_count(rf), 1);
    iscg_report_failure x;
    ck_assert_int_eq(iscg_report_funding_failure_get(&x, rf, 0), 0);
    ck_assert_str_eq(x.convention, "ccca-2023");
    ck_assert_str_eq(x.post, "isg-avesnes");
    ck_assert_int_eq(x.code, ISCG_ETERMINATED);
    ck_assert_ptr_nonnull(strstr(x.text, "ccca-2023"));
    ck_assert_ptr_nonnull(x.carrier_name);
    ck_assert_ptr_nonnull(x.post_label);
    ck_assert_int_eq(x.period.start.year, 2023);
    ck_assert_int_eq(iscg_report_funding_failure_get(&x, rf, 1), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_funding_failure_get(NULL, rf, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_funding_failure_get(&x, NULL, 0), ISCG_EINVAL);
    iscg_report_funding_free(rf);
    iscg_dataset_free(ds);
}
END_TEST

/* AMD-3: a scenario that moves ccca-2023 into 2024 moves it in the report
 * too: out of 2023 (not a failure there) and into 2024, whole. The report
 * used to choose the plans of a year by the recorded period. */
START_TEST(test_amd3_report_follows_a_scenario_period)
{
    iscg_dataset *ds;
    iscg_error e;
    ck_assert_int_eq(iscg_dataset_load_embedded(&ds, &e), 0);
    const iscg_registry *r = iscg_dataset_registry(ds);
    iscg_scenario *s;
    ck_assert_int_eq(iscg_scenario_new(&s), 0);
    iscg_whatif w = ISCG_WHATIF_INIT;
    w.kind = ISCG_WHATIF_PERIOD;
    w.convention = "ccca-2023";
    w.period = (iscg_period){{2024, 1, 1}, {2024, 12, 31}};
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), 0);
    iscg_report_funding *plain, *rf;
    ck_assert_int_eq(iscg_report_funding_compute(&plain, r, NULL, 2023, &e), 0);
    ck_assert_int_eq(iscg_report_funding_compute(&rf, r, s, 2023, &e), 0);
    ck_assert_uint_eq(iscg_report_funding_failure_count(rf), 0);
    ck_assert_uint_eq(iscg_report_funding_convention_count(rf), iscg_report_funding_convention_count(plain) - 1);
    for (size_t i = 0; i < iscg_report_funding_row_count(rf); i++) {
        iscg_report_funding_row row;
        ck_assert_int_eq(iscg_report_funding_row_get(&row, rf, i), 0);
        ck_assert_str_ne(row.convention, "ccca-2023");
    }
    iscg_report_funding_free(rf);
    iscg_report_funding_free(plain);
    ck_assert_int_eq(iscg_report_funding_compute(&rf, r, s, 2024, &e), 0);
    ck_assert_uint_eq(iscg_report_funding_failure_count(rf), 0);
    size_t seen = 0;
    for (size_t i = 0; i < iscg_report_funding_row_count(rf); i++) {
        iscg_report_funding_row row;
        ck_assert_int_eq(iscg_report_funding_row_get(&row, rf, i), 0);
        if (strcmp(row.convention, "ccca-2023") == 0) {
            seen++;
            ck_assert_int_eq(row.whole, 1);
            ck_assert_int_eq(row.period.start.year, 2024);
        }
    }
    ck_assert_uint_gt(seen, 0);
    iscg_report_funding_free(rf);
    iscg_scenario_free(s);
    iscg_dataset_free(ds);
}
END_TEST

/* Two plans whose State shares are each 5e16 € cannot be totalled in
 * 64-bit cents: the report says so rather than print a wrong total. */
START_TEST(test_funding_totals_overflow)
{
    iscg_dataset *ds = dataset(HEAD PARTIES_POSTS ", \"conventions\": [" STATE_PAYS("a-2023", "50000000000000000.00")
                               ", " STATE_PAYS("b-2023", "50000000000000000.00") "]}");
    iscg_report_funding *rf = NULL;
    iscg_error e;
    ck_assert_int_eq(iscg_report_funding_compute(&rf, iscg_dataset_registry(ds), NULL, 2023, &e), ISCG_EOVERFLOW);
    HAS(e, "STATE overflows");
    HAS(e, "b-2023");
    ck_assert_ptr_null(rf);
    iscg_dataset_free(ds);
}
END_TEST

START_TEST(test_funding_refused)
{
    iscg_report_funding *rf = NULL;
    iscg_error e;
    ck_assert_int_eq(iscg_report_funding_compute(NULL, seed_reg, NULL, 2023, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_funding_compute(&rf, NULL, NULL, 2023, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_funding_compute(&rf, seed_reg, NULL, -1, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_funding_compute(&rf, seed_reg, NULL, 10000, &e), ISCG_EINVAL);
    HAS(e, "10000");
    ck_assert_ptr_null(rf);
    /* a year without conventions: an empty report, which says it covers none */
    ck_assert_int_eq(iscg_report_funding_compute(&rf, seed_reg, NULL, 2021, &e), 0);
    ck_assert_uint_eq(iscg_report_funding_convention_count(rf), 0);
    ck_assert_uint_eq(iscg_report_funding_row_count(rf), 0);
    iscg_report_funding_row row;
    ck_assert_int_eq(iscg_report_funding_row_get(&row, rf, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_funding_row_get(NULL, rf, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_funding_row_get(&row, NULL, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_funding_total(rf, ISCG_PARTY_STATE), 0);
    ck_assert_int_eq(iscg_report_funding_total(rf, (iscg_party_kind)-1), 0);
    ck_assert_int_eq(iscg_report_funding_total(rf, (iscg_party_kind)ISCG_PARTY_KIND_COUNT), 0);
    iscg_report_funding_free(rf);
    ck_assert_uint_eq(iscg_report_funding_row_count(NULL), 0);
    ck_assert_uint_eq(iscg_report_funding_failure_count(NULL), 0);
    ck_assert_uint_eq(iscg_report_funding_convention_count(NULL), 0);
    ck_assert_int_eq(iscg_report_funding_total(NULL, ISCG_PARTY_STATE), 0);
    iscg_report_funding_free(NULL);
}
END_TEST

/* AUD-2: the plans of one post, as `iscg explain POST` shows them: each
 * over its whole period, with its explanation; a year keeps those that
 * touch it. */
START_TEST(test_funding_of_a_post)
{
    iscg_report_funding *rf;
    iscg_error e;
    ck_assert_int_eq(iscg_report_funding_of_post(&rf, seed_reg, NULL, "isc-boulogne", 0, &e), 0);
    ck_assert_uint_eq(iscg_report_funding_convention_count(rf), 2); /* 2022 and 2023 */
    const iscg_funding *f = iscg_report_funding_plan(rf, 0);
    ck_assert_ptr_nonnull(f);
    if (strcmp(iscg_funding_convention(f), "boulogne-2023") != 0)
        f = iscg_report_funding_plan(rf, 1);
    ck_assert_str_eq(iscg_funding_convention(f), "boulogne-2023");
    ck_assert_int_eq(iscg_funding_period(f).start.year, 2022); /* the whole period, not a part */
    ck_assert_ptr_nonnull(iscg_funding_explain(f));
    ck_assert_ptr_null(iscg_report_funding_plan(rf, 2));
    ck_assert_ptr_null(iscg_report_funding_plan(NULL, 0));
    iscg_report_funding_row row;
    ck_assert_int_eq(iscg_report_funding_row_get(&row, rf, 0), 0);
    ck_assert_str_eq(row.post, "isc-boulogne");
    iscg_report_funding_free(rf);
    ck_assert_int_eq(iscg_report_funding_of_post(&rf, seed_reg, NULL, "isc-boulogne", 2023, &e), 0);
    ck_assert_uint_eq(iscg_report_funding_convention_count(rf), 1);
    ck_assert_str_eq(iscg_funding_convention(iscg_report_funding_plan(rf, 0)), "boulogne-2023");
    ck_assert_int_eq(iscg_funding_period(iscg_report_funding_plan(rf, 0)).end.year, 2023);
    iscg_report_funding_free(rf);
    rf = NULL;
    ck_assert_int_eq(iscg_report_funding_of_post(&rf, seed_reg, NULL, "nowhere", 0, &e), ISCG_ENOTFOUND);
    HAS(e, "nowhere");
    ck_assert_int_eq(iscg_report_funding_of_post(&rf, seed_reg, NULL, NULL, 0, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_funding_of_post(NULL, seed_reg, NULL, "isc-boulogne", 0, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_funding_of_post(&rf, NULL, NULL, "isc-boulogne", 0, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_funding_of_post(&rf, seed_reg, NULL, "isc-boulogne", 10000, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_funding_of_post(&rf, seed_reg, NULL, "isc-boulogne", -1, &e), ISCG_EINVAL);
    ck_assert_ptr_null(rf);
}
END_TEST

/* ---- receivables ---------------------------------------------------------- */

START_TEST(test_receivables_of_every_carrier)
{
    iscg_report_receivables *rr;
    iscg_error e;
    ck_assert_int_eq(iscg_report_receivables_compute(&rr, seed_reg, NULL, NULL, 2023, &e), 0);
    const char *carriers[32];
    size_t nc = 0, row = 0;
    ck_assert_int_eq(iscg_report_carriers(carriers, 32, &nc, seed_reg), 0);
    for (size_t i = 0; i < nc; i++) {
        iscg_receivables *rv;
        ck_assert_int_eq(iscg_receivables_compute(&rv, seed_reg, carriers[i], 2023, &e), 0);
        for (size_t k = 0; k < iscg_receivables_count(rv); k++, row++) {
            iscg_receivable want;
            iscg_report_receivable got;
            ck_assert_int_eq(iscg_receivables_get(&want, rv, k), 0);
            ck_assert_int_eq(iscg_report_receivables_get(&got, rr, row), 0);
            ck_assert_str_eq(got.carrier, carriers[i]);
            ck_assert_str_eq(got.claim.convention, want.convention);
            ck_assert_str_eq(got.claim.debtor, want.debtor);
            ck_assert_int_eq(got.claim.amount, want.amount);
        }
        iscg_receivables_free(rv);
    }
    ck_assert_uint_gt(row, 20);
    ck_assert_uint_eq(iscg_report_receivables_count(rr), row);
    iscg_report_receivable x;
    ck_assert_int_eq(iscg_report_receivables_get(&x, rr, row), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_receivables_get(NULL, rr, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_receivables_get(&x, NULL, 0), ISCG_EINVAL);
    iscg_report_receivables_free(rr);

    /* one carrier: the Département's claims, named */
    ck_assert_int_eq(iscg_report_receivables_compute(&rr, seed_reg, NULL, "dept", 2023, &e), 0);
    ck_assert_uint_gt(iscg_report_receivables_count(rr), 0);
    ck_assert_int_eq(iscg_report_receivables_get(&x, rr, 0), 0);
    ck_assert_str_eq(x.carrier, "dept");
    ck_assert_str_eq(x.carrier_name, "Département du Pas-de-Calais");
    iscg_report_receivables_free(rr);
}
END_TEST

START_TEST(test_receivables_refused)
{
    iscg_report_receivables *rr = NULL;
    iscg_error e;
    ck_assert_int_eq(iscg_report_receivables_compute(&rr, seed_reg, NULL, "nobody", 2023, &e), ISCG_ENOTFOUND);
    HAS(e, "nobody");
    ck_assert_int_eq(iscg_report_receivables_compute(&rr, seed_reg, NULL, NULL, 0, &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_report_receivables_compute(NULL, seed_reg, NULL, NULL, 2023, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_receivables_compute(&rr, NULL, NULL, NULL, 2023, &e), ISCG_EINVAL);
    ck_assert_ptr_null(rr);
    ck_assert_uint_eq(iscg_report_receivables_count(NULL), 0);
    iscg_report_receivables_free(NULL);
}
END_TEST

/* ---- deadlines ------------------------------------------------------------ */

/* CAL-1..CAL-4 merged: every convention's deadlines, by date then kind. */
START_TEST(test_deadlines_merged)
{
    iscg_date from = {2023, 9, 1}, to;
    iscg_report_deadlines *rd;
    iscg_error e;
    ck_assert_int_eq(iscg_report_deadlines_compute(&rd, seed_reg, from, 122, &e), 0);
    ck_assert_int_eq(iscg_date_add_days(&to, from, 122, NULL), 0);
    size_t total = 0;
    for (size_t i = 0; i < iscg_registry_convention_count(seed_reg); i++) {
        const char *id = iscg_registry_convention_id(seed_reg, i);
        iscg_convention_spec c;
        iscg_clauses k;
        iscg_deadline d[64];
        size_t n = 0;
        ck_assert_int_eq(iscg_convention_get(&c, seed_reg, id, NULL), 0);
        ck_assert_int_eq(iscg_convention_get_clauses(&k, seed_reg, id, NULL), 0);
        ck_assert_int_eq(iscg_calendar_deadlines(d, 64, &n, c.period, &k, from, to, NULL), 0);
        total += n;
    }
    ck_assert_uint_gt(total, 10);
    ck_assert_uint_eq(iscg_report_deadlines_count(rd), total);
    iscg_report_deadline prev, cur;
    for (size_t i = 0; i < total; i++) {
        ck_assert_int_eq(iscg_report_deadlines_get(&cur, rd, i), 0);
        ck_assert_int_ge(iscg_date_compare(cur.deadline.date, from), 0);
        ck_assert_int_le(iscg_date_compare(cur.deadline.date, to), 0);
        if (i > 0) {
            int c = iscg_date_compare(prev.deadline.date, cur.deadline.date);
            ck_assert(c < 0 || (c == 0 && prev.deadline.kind <= cur.deadline.kind));
        }
        prev = cur;
    }
    /* CAL-2: Ternois is denounced by 2023-09-30, its first deadline */
    ck_assert_int_eq(iscg_report_deadlines_get(&cur, rd, 0), 0);
    ck_assert_str_eq(cur.convention, "ternois-2023");
    ck_assert_str_eq(cur.post, "isg-ternois");
    ck_assert_int_eq(cur.deadline.kind, ISCG_DEADLINE_DENUNCIATION);
    /* the 2023 conventions end within the 122 days; Le Portel's in 2024 does not */
    size_t nx = iscg_report_deadlines_expiring_count(rd);
    ck_assert_uint_gt(nx, 5);
    for (size_t i = 0; i < nx; i++) {
        ck_assert_str_ne(iscg_report_deadlines_expiring(rd, i), "le-portel-2023");
        iscg_report_deadline x; /* the same convention, as a deadline of its last day */
        ck_assert_int_eq(iscg_report_deadlines_expiring_get(&x, rd, i), 0);
        ck_assert_str_eq(x.convention, iscg_report_deadlines_expiring(rd, i));
        ck_assert_int_eq(x.deadline.kind, ISCG_DEADLINE_EXPIRY);
        ck_assert_int_eq(iscg_date_compare(x.deadline.date, x.deadline.covers.end), 0);
        ck_assert_int_eq(x.deadline.date.year, 2023);
        ck_assert_ptr_nonnull(x.post);
    }
    ck_assert_ptr_null(iscg_report_deadlines_expiring(rd, nx));
    ck_assert_int_eq(iscg_report_deadlines_expiring_get(&cur, rd, nx), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_deadlines_expiring_get(NULL, rd, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_deadlines_expiring_get(&cur, NULL, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_deadlines_get(&cur, rd, total), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_deadlines_get(NULL, rd, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_deadlines_get(&cur, NULL, 0), ISCG_EINVAL);
    iscg_report_deadlines_free(rd);
}
END_TEST

START_TEST(test_deadlines_refused)
{
    iscg_report_deadlines *rd = NULL;
    iscg_error e;
    iscg_date from = {2023, 9, 1};
    ck_assert_int_eq(iscg_report_deadlines_compute(NULL, seed_reg, from, 1, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_deadlines_compute(&rd, NULL, from, 1, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_deadlines_compute(&rd, seed_reg, from, -1, &e), ISCG_EINVAL);
    HAS(e, "-1");
    ck_assert_int_eq(iscg_report_deadlines_compute(&rd, seed_reg, (iscg_date){2023, 2, 29}, 1, &e), ISCG_EDATE);
    ck_assert_int_ne(iscg_report_deadlines_compute(&rd, seed_reg, (iscg_date){9999, 12, 1}, 3660, &e), 0);
    ck_assert_ptr_null(rd);
    ck_assert_uint_eq(iscg_report_deadlines_count(NULL), 0);
    ck_assert_uint_eq(iscg_report_deadlines_expiring_count(NULL), 0);
    ck_assert_ptr_null(iscg_report_deadlines_expiring(NULL, 0));
    iscg_report_deadlines_free(NULL);
}
END_TEST

/* ---- budget --------------------------------------------------------------- */

/* BUD-1: the 2023 line and its subsidies, as iscg_budget_check() gives them. */
START_TEST(test_budget_lines)
{
    iscg_report_budget *rb;
    iscg_error e;
    ck_assert_int_eq(iscg_report_budget_compute(&rb, seed_ds, 2023, &e), 0);
    ck_assert_uint_eq(iscg_report_budget_count(rb), 1);
    iscg_report_budget_line l;
    ck_assert_int_eq(iscg_report_budget_get(&l, rb, 0), 0);
    ck_assert_str_eq(l.line.line.operation, "C02-421K01");
    ck_assert_int_eq(l.result.proposed, EUR(123687));
    ck_assert_int_eq(l.exceeded, 0);
    ck_assert_ptr_null(l.text);
    ck_assert_uint_eq(l.first_item, 0);
    ck_assert_uint_eq(iscg_report_budget_item_count(rb), l.result.subsidies);
    iscg_cents sum = 0;
    for (size_t i = 0; i < l.result.subsidies; i++) {
        iscg_budget_item item;
        ck_assert_int_eq(iscg_report_budget_item_get(&item, rb, i), 0);
        sum += item.amount;
    }
    ck_assert_int_eq(sum, l.result.proposed);
    iscg_budget_item item;
    ck_assert_int_eq(iscg_report_budget_item_get(&item, rb, l.result.subsidies), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_budget_item_get(NULL, rb, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_budget_item_get(&item, NULL, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_budget_get(&l, rb, 1), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_budget_get(NULL, rb, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_budget_get(&l, NULL, 0), ISCG_EINVAL);
    iscg_report_budget_free(rb);
    /* every year: the same line; another year: none */
    ck_assert_int_eq(iscg_report_budget_compute(&rb, seed_ds, 0, &e), 0);
    ck_assert_uint_eq(iscg_report_budget_count(rb), 1);
    iscg_report_budget_free(rb);
    ck_assert_int_eq(iscg_report_budget_compute(&rb, seed_ds, 2022, &e), 0);
    ck_assert_uint_eq(iscg_report_budget_count(rb), 0);
    ck_assert_uint_eq(iscg_report_budget_item_count(rb), 0);
    iscg_report_budget_free(rb);
}
END_TEST

/* BUD-2: a line whose available credit is below the proposal is a row that
 * says so, not an error; a line the check refuses is an error. */
START_TEST(test_budget_exceeded_and_refused)
{
    const char *text = iscg_dataset_embedded_text();
    const char *at = strstr(text, "\"available\": \"149800.00\"");
    ck_assert_ptr_nonnull(at);
    size_t n = strlen(text), head = (size_t)(at - text), old = strlen("\"available\": \"149800.00\"");
    for (int bad = 0; bad < 2; bad++) {
        const char *with = bad ? "\"available\": \"100.00\", \"payer\": \"nobody\"" : "\"available\": \"100000.00\"";
        size_t size = n + strlen(with) + 1;
        char *json = malloc(size);
        ck_assert_ptr_nonnull(json);
        snprintf(json, size, "%.*s%s%s", (int)head, text, with, at + old);
        iscg_dataset *ds;
        iscg_error e;
        int rc = iscg_dataset_load_string(&ds, json, "test", &e);
        free(json);
        if (bad && rc != 0) /* the loader may refuse the unknown payer itself */
            continue;
        ck_assert_msg(rc == 0, "%s", e.text);
        iscg_report_budget *rb = NULL;
        if (bad) {
            ck_assert_int_eq(iscg_report_budget_compute(&rb, ds, 2023, &e), ISCG_ENOTFOUND);
            ck_assert_ptr_null(rb);
        } else {
            ck_assert_int_eq(iscg_report_budget_compute(&rb, ds, 2023, &e), 0);
            iscg_report_budget_line l;
            ck_assert_int_eq(iscg_report_budget_get(&l, rb, 0), 0);
            ck_assert_int_eq(l.exceeded, 1);
            ck_assert_int_eq(l.result.balance, EUR(100000) - EUR(123687));
            ck_assert_ptr_nonnull(strstr(l.text, "exceeds"));
            ck_assert_uint_eq(iscg_report_budget_item_count(rb), l.result.subsidies);
        }
        iscg_report_budget_free(rb);
        iscg_dataset_free(ds);
    }
    iscg_report_budget *rb = NULL;
    ck_assert_int_eq(iscg_report_budget_compute(NULL, seed_ds, 2023, NULL), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_budget_compute(&rb, NULL, 2023, NULL), ISCG_EINVAL);
    ck_assert_uint_eq(iscg_report_budget_count(NULL), 0);
    ck_assert_uint_eq(iscg_report_budget_item_count(NULL), 0);
    iscg_report_budget_free(NULL);
}
END_TEST

/* ---- audit ---------------------------------------------------------------- */

/* AUD-1: a drift (ROUND-3) compares no stated figure; a mismatch does. */
START_TEST(test_findings_say_whether_a_figure_is_stated)
{
    iscg_audit *a;
    ck_assert_int_eq(iscg_audit_run(&a, seed_reg, NULL), 0);
    int drift = 0, mismatch = 0;
    for (size_t i = 0; i < iscg_audit_count(a); i++) {
        iscg_report_finding f;
        ck_assert_int_eq(iscg_report_finding_get(&f, a, i), 0);
        if (f.finding.kind == ISCG_FINDING_DRIFT) {
            drift++;
            ck_assert_int_eq(f.has_stated, 0);
        } else if (f.finding.kind == ISCG_FINDING_MISMATCH) {
            mismatch++;
            ck_assert_int_eq(f.has_stated, 1);
            ck_assert_int_ne(f.finding.stated, f.finding.computed);
        }
    }
    ck_assert_int_eq(drift, 1);
    ck_assert_int_gt(mismatch, 0);
    iscg_report_finding f;
    ck_assert_int_eq(iscg_report_finding_get(&f, a, iscg_audit_count(a)), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_finding_get(NULL, a, 0), ISCG_EINVAL);
    iscg_audit_free(a);
}
END_TEST

Suite *suite_report(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("report");
    tcase_add_checked_fixture(tc, seed_embedded_setup, seed_embedded_teardown);
    tcase_add_test(tc, test_years_by_kind_of_data);
    tcase_add_test(tc, test_years_refused);
    tcase_add_test(tc, test_period_touches);
    tcase_add_test(tc, test_carriers_in_order_of_their_first_post);
    tcase_add_test(tc, test_parties_by_index);
    tcase_add_test(tc, test_funding_of_a_year_is_the_sum_of_its_parts);
    tcase_add_test(tc, test_funding_stated_only_beside_whole_periods);
    tcase_add_test(tc, test_funding_failure_listed);
    tcase_add_test(tc, test_amd3_report_follows_a_scenario_period);
    tcase_add_test(tc, test_funding_totals_overflow);
    tcase_add_test(tc, test_funding_refused);
    tcase_add_test(tc, test_funding_of_a_post);
    tcase_add_test(tc, test_receivables_of_every_carrier);
    tcase_add_test(tc, test_receivables_refused);
    tcase_add_test(tc, test_deadlines_merged);
    tcase_add_test(tc, test_deadlines_refused);
    tcase_add_test(tc, test_budget_lines);
    tcase_add_test(tc, test_budget_exceeded_and_refused);
    tcase_add_test(tc, test_findings_say_whether_a_figure_is_stated);
    suite_add_tcase(s, tc);
    return s;
}
