/* SPDX-License-Identifier: Apache-2.0 */
/* Stated totals and shares of the activity (STAT-7): read from the dataset
 * file, checked against the records, refused with their place in the file,
 * and written back. The figures are annex 1's (2022) and the rule
 * catalogue's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscg.h>

#include "suites.h"

#define HAS(e, s) ck_assert_msg(strstr((e).text, (s)) != NULL, "\"%s\" lacks \"%s\"", (e).text, (s))

#define YEAR2022 "\"from\": \"2022-01-01\", \"to\": \"2022-12-31\""

/* The embedded Pas-de-Calais dataset with the sections given added: its
 * figures and findings are those of the embedded one. */
static char *embedded_with(const char *sections)
{
    const char *text = iscg_dataset_embedded_text();
    const char *end = strrchr(text, '}');
    ck_assert_ptr_nonnull(end);
    size_t head = (size_t)(end - text), n = head + strlen(sections) + 8;
    char *out = malloc(n);
    ck_assert_ptr_nonnull(out);
    snprintf(out, n, "%.*s, %s}\n", (int)head, text, sections);
    return out;
}

static iscg_dataset *load_with(const char *sections)
{
    char *text = embedded_with(sections);
    iscg_dataset *ds;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_string(&ds, text, "stated.json", &e) == 0, "%s", e.text);
    free(text);
    return ds;
}

/* The error of loading the embedded dataset with the sections given. */
static iscg_error refused(const char *sections, int code)
{
    char *text = embedded_with(sections);
    iscg_dataset *ds = NULL;
    iscg_error e;
    ck_assert_int_eq(iscg_dataset_load_string(&ds, text, "stated.json", &e), code);
    ck_assert_ptr_null(ds);
    free(text);
    ck_assert_int_gt(e.line, 0);
    ck_assert_int_gt(e.column, 0);
    return e;
}

static const char *const AGREEING =
    "\"stated_totals\": ["
    "{\"measure\": \"referrals\", \"post\": \"isc-bethune\", " YEAR2022 ", \"total\": 598, "
    "\"source\": \"annex 1, Total column\"},"
    "{\"measure\": \"referrals\", " YEAR2022 ", \"total\": 2731, \"what\": \"referrals of 2022\"},"
    "{\"measure\": \"women\", \"granularity\": \"YEAR\", " YEAR2022 ", \"total\": 1804}],"
    "\"stated_shares\": ["
    "{\"count\": 61, \"of\": 98, \"percent\": \"62.2\", \"what\": \"situations\"},"
    "{\"count\": 1, \"of\": 8, \"percent\": \"12.5\", \"rounding\": \"UNNECESSARY\"},"
    "{\"count\": 2, \"of\": 3, \"percent\": \"66\", \"rounding\": \"DOWN\"}]";

/* STAT-7: the stated figures load in order (totals, then shares) and agree
 * with annex 1: Béthune's 598 referrals, 2 731 referrals and 1 804 women over
 * the 11 reporting rows of 2022 (STAT-3); 61 of 98 is 62.2 % HALF_UP. */
START_TEST(test_stated_figures_agree)
{
    iscg_dataset *ds = load_with(AGREEING);
    ck_assert_uint_eq(iscg_dataset_stated_count(ds), 6);
    iscg_stated st;
    ck_assert_int_eq(iscg_dataset_stated_get(&st, ds, 0), 0);
    ck_assert_int_eq(st.kind, ISCG_STATED_TOTAL);
    ck_assert_int_eq(st.measure, ISCG_ACTIVITY_REFERRALS);
    ck_assert_str_eq(st.post, "isc-bethune");
    ck_assert_str_eq(st.source, "annex 1, Total column");
    ck_assert_ptr_null(st.what);
    ck_assert_int_eq(st.granularity, ISCG_STATS_YEAR);
    ck_assert_int_eq(st.total, 598);
    ck_assert_int_eq(iscg_dataset_stated_get(&st, ds, 3), 0);
    ck_assert_int_eq(st.kind, ISCG_STATED_SHARE);
    ck_assert_int_eq(st.count, 61);
    ck_assert_int_eq(st.of, 98);
    ck_assert_int_eq(st.basis_points, 6220);
    ck_assert_int_eq(st.decimals, 1);
    ck_assert_int_eq(st.rounding, ISCG_ROUND_HALF_UP);
    ck_assert_str_eq(st.what, "situations");

    iscg_stats_checks *c;
    iscg_error e;
    ck_assert_int_eq(iscg_stats_checks_compute(&c, ds, &e), 0);
    ck_assert_uint_eq(iscg_stats_checks_count(c), 6);
    ck_assert_uint_eq(iscg_stats_checks_disagreements(c), 0);
    const iscg_stats_check *x = iscg_stats_checks_row(c, 1);
    ck_assert_int_eq(x->computable, 1);
    ck_assert_int_eq(x->computed, 2731);
    ck_assert_uint_eq(x->records, 11); /* the two rows not reported are left out (STAT-4) */
    ck_assert_uint_eq(x->unknown, 0);
    ck_assert_int_eq(x->agrees, 1);
    x = iscg_stats_checks_row(c, 2);
    ck_assert_int_eq(x->computed, 1804);
    x = iscg_stats_checks_row(c, 3);
    ck_assert_int_eq(x->exact.num, 61);
    ck_assert_int_eq(x->exact.den, 98);
    ck_assert_int_eq(x->computed, 6220);
    x = iscg_stats_checks_row(c, 4); /* 12.5 % is exact at one decimal */
    ck_assert_int_eq(x->computed, 1250);
    ck_assert_int_eq(x->agrees, 1);
    x = iscg_stats_checks_row(c, 5); /* 66.66… truncated to the unit */
    ck_assert_int_eq(x->computed, 6600);
    ck_assert_int_eq(x->agrees, 1);
    ck_assert_ptr_null(iscg_stats_checks_row(c, 6));
    iscg_stats_checks_free(c);
    iscg_dataset_free(ds);
}
END_TEST

/* STAT-7: a total that is not the sum, a share printed with another
 * rounding, an inexact share under UNNECESSARY, a series with an unknown
 * figure or with no record: each a row that does not agree, not an error. */
START_TEST(test_stated_figures_disagree)
{
    iscg_dataset *ds = load_with(
        "\"stated_totals\": ["
        "{\"measure\": \"referrals\", " YEAR2022 ", \"total\": 2730},"
        "{\"measure\": \"population\", " YEAR2022 ", \"total\": 60900},"
        "{\"measure\": \"referrals\", \"from\": \"2019-01-01\", \"to\": \"2019-12-31\", \"total\": 0},"
        "{\"measure\": \"referrals\", \"granularity\": \"MONTH\", " YEAR2022 ", \"total\": 2731}],"
        "\"stated_shares\": ["
        "{\"count\": 2, \"of\": 3, \"percent\": \"66.66\", \"rounding\": \"HALF_UP\"},"
        "{\"count\": 2, \"of\": 3, \"percent\": \"66.7\", \"rounding\": \"UNNECESSARY\"}]");
    iscg_stats_checks *c;
    iscg_error e;
    ck_assert_int_eq(iscg_stats_checks_compute(&c, ds, &e), 0);
    ck_assert_uint_eq(iscg_stats_checks_count(c), 6);
    ck_assert_uint_eq(iscg_stats_checks_disagreements(c), 6);
    const iscg_stats_check *x = iscg_stats_checks_row(c, 0);
    ck_assert_int_eq(x->computable, 1);
    ck_assert_int_eq(x->computed, 2731);
    ck_assert_int_eq(x->stated.total, 2730);
    x = iscg_stats_checks_row(c, 1); /* most rows give no population */
    ck_assert_int_eq(x->computable, 0);
    ck_assert_int_eq(x->computed, ISCG_UNKNOWN);
    ck_assert_uint_eq(x->records, 2);
    ck_assert_uint_eq(x->unknown, 9);
    x = iscg_stats_checks_row(c, 2);
    ck_assert_int_eq(x->computable, 0);
    ck_assert_uint_eq(x->records, 0);
    x = iscg_stats_checks_row(c, 3); /* yearly records are not monthly ones */
    ck_assert_uint_eq(x->records, 0);
    x = iscg_stats_checks_row(c, 4);
    ck_assert_int_eq(x->computed, 6667);
    ck_assert_int_eq(x->agrees, 0);
    x = iscg_stats_checks_row(c, 5);
    ck_assert_int_eq(x->computable, 1);
    ck_assert_int_eq(x->computed, 6660); /* shown truncated */
    ck_assert_int_eq(x->agrees, 0);
    iscg_stats_checks_free(c);
    iscg_dataset_free(ds);
}
END_TEST

/* STAT-7: every bad value is refused with the file, line and column of the
 * field and a sentence. */
START_TEST(test_stated_figures_refused)
{
    iscg_error e = refused("\"stated_totals\": [{\"measure\": \"vif\", " YEAR2022 ", \"total\": 1}]", ISCG_EPARSE);
    HAS(e, "stated.json:");
    HAS(e, "stated_totals[0].measure");
    HAS(e, "is not a count");
    e = refused("\"stated_totals\": [{\"measure\": \"men\", \"from\": \"2022-12-31\", \"to\": \"2022-01-01\", "
                "\"total\": 1}]",
                ISCG_EDATE);
    HAS(e, "stated_totals[0].to");
    e = refused("\"stated_totals\": [{\"measure\": \"men\", \"post\": \"nowhere\", " YEAR2022 ", \"total\": 1}]",
                ISCG_ENOTFOUND);
    HAS(e, "post nowhere is not defined");
    e = refused("\"stated_totals\": [{\"measure\": \"men\", " YEAR2022 ", \"total\": -1}]", ISCG_ERANGE);
    HAS(e, "stated_totals[0].total");
    e = refused("\"stated_totals\": [{\"measure\": \"men\", " YEAR2022 "}]", ISCG_EPARSE);
    HAS(e, "total");
    e = refused("\"stated_totals\": [{\"measure\": \"men\", " YEAR2022 ", \"total\": 1, \"sum\": 1}]", ISCG_EPARSE);
    HAS(e, "sum");
    e = refused("\"stated_shares\": [{\"count\": 99, \"of\": 98, \"percent\": \"62.2\"}]", ISCG_ERANGE);
    HAS(e, "stated_shares[0].count");
    HAS(e, "above 100 %");
    e = refused("\"stated_shares\": [{\"count\": 0, \"of\": 0, \"percent\": \"0\"}]", ISCG_ERANGE);
    HAS(e, "stated_shares[0].of");
    e = refused("\"stated_shares\": [{\"count\": 61, \"of\": 98, \"percent\": \"62.245\"}]", ISCG_EPARSE);
    HAS(e, "stated_shares[0].percent");
    e = refused("\"stated_shares\": [{\"count\": 61, \"of\": 98, \"percent\": \"sixty\"}]", ISCG_EPARSE);
    HAS(e, "stated_shares[0].percent");
    e = refused("\"stated_shares\": [{\"count\": 61, \"of\": 98, \"percent\": \"120\"}]", ISCG_ERANGE);
    HAS(e, "stated_shares[0].percent");
    e = refused("\"stated_shares\": [{\"count\": 61, \"of\": 98, \"percent\": \"62.2\", \"rounding\": \"NEAR\"}]",
                ISCG_EPARSE);
    HAS(e, "stated_shares[0].rounding");
    e = refused("\"stated_shares\": [{\"count\": 61, \"of\": 98, \"percent\": \"62.2\", \"ratio\": 1}]", ISCG_EPARSE);
    HAS(e, "ratio");
    e = refused("\"stated_shares\": {}", ISCG_EPARSE);
    HAS(e, "stated_shares");
}
END_TEST

/* STAT-7: the figures are written back as they were read, the printed
 * decimals kept, and check alike once loaded again. */
START_TEST(test_stated_figures_saved_back)
{
    iscg_dataset *ds = load_with(AGREEING);
    char *text, *again;
    iscg_error e;
    ck_assert_int_eq(iscg_dataset_save_string(&text, ds, &e), 0);
    ck_assert_ptr_nonnull(strstr(text, "\"percent\": \"62.2\""));
    ck_assert_ptr_nonnull(strstr(text, "\"percent\": \"12.5\""));
    ck_assert_ptr_nonnull(strstr(text, "\"percent\": \"66\""));
    iscg_dataset *back;
    ck_assert_msg(iscg_dataset_load_string(&back, text, "saved", &e) == 0, "%s", e.text);
    ck_assert_uint_eq(iscg_dataset_stated_count(back), iscg_dataset_stated_count(ds));
    for (size_t i = 0; i < iscg_dataset_stated_count(ds); i++) {
        iscg_stated a, b;
        ck_assert_int_eq(iscg_dataset_stated_get(&a, ds, i), 0);
        ck_assert_int_eq(iscg_dataset_stated_get(&b, back, i), 0);
        ck_assert_int_eq(a.kind, b.kind);
        ck_assert_int_eq(a.measure, b.measure);
        ck_assert_int_eq(a.total, b.total);
        ck_assert_int_eq(a.basis_points, b.basis_points);
        ck_assert_int_eq(a.decimals, b.decimals);
        ck_assert_int_eq(a.rounding, b.rounding);
        ck_assert_int_eq(iscg_date_compare(a.from, b.from), 0);
        ck_assert_int_eq(iscg_date_compare(a.to, b.to), 0);
        ck_assert_int_eq(!a.post, !b.post);
        ck_assert_int_eq(!a.source, !b.source);
    }
    ck_assert_int_eq(iscg_dataset_save_string(&again, back, &e), 0);
    ck_assert_str_eq(text, again); /* a fixed point */
    free(again);
    free(text);
    iscg_dataset_free(back);
    /* a dataset without stated figures writes neither section */
    ck_assert_int_eq(iscg_dataset_load_embedded(&back, &e), 0);
    ck_assert_int_eq(iscg_dataset_save_string(&text, back, &e), 0);
    ck_assert_ptr_null(strstr(text, "stated_totals"));
    ck_assert_ptr_null(strstr(text, "stated_shares"));
    free(text);
    iscg_dataset_free(back);
    iscg_dataset_free(ds);
}
END_TEST

/* STAT-7: NULL and out-of-range arguments. */
START_TEST(test_stated_figures_misuse)
{
    iscg_stated st;
    iscg_stats_checks *c;
    iscg_error e;
    ck_assert_uint_eq(iscg_dataset_stated_count(NULL), 0);
    ck_assert_int_eq(iscg_dataset_stated_get(&st, NULL, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_checks_compute(NULL, NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_checks_compute(&c, NULL, &e), ISCG_EINVAL);
    ck_assert_uint_eq(iscg_stats_checks_count(NULL), 0);
    ck_assert_uint_eq(iscg_stats_checks_disagreements(NULL), 0);
    ck_assert_ptr_null(iscg_stats_checks_row(NULL, 0));
    iscg_stats_checks_free(NULL);
    iscg_dataset *ds = load_with(AGREEING);
    ck_assert_int_eq(iscg_dataset_stated_get(NULL, ds, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_dataset_stated_get(&st, ds, 6), ISCG_ERANGE);
    iscg_dataset_free(ds);
    /* no stated figure: no row */
    ck_assert_int_eq(iscg_dataset_load_embedded(&ds, &e), 0);
    ck_assert_int_eq(iscg_stats_checks_compute(&c, ds, &e), 0);
    ck_assert_uint_eq(iscg_stats_checks_count(c), 0);
    iscg_stats_checks_free(c);
    iscg_dataset_free(ds);
}
END_TEST

/* STAT-7: a sum beyond 2^63 - 1 is an error of the check, not a figure. */
START_TEST(test_stated_total_overflow)
{
    static const char *const json =
        "{\"format\": \"iscg-dataset\", \"version\": 1, "
        "\"parties\": [{\"id\": \"cc\", \"kind\": \"EPCI\", \"name\": \"CC\"}], "
        "\"posts\": [{\"id\": \"a\", \"label\": \"A\", \"kind\": \"ISG\", \"carrier\": \"cc\", \"work_time\": \"100.00\"},"
        "{\"id\": \"b\", \"label\": \"B\", \"kind\": \"ISG\", \"carrier\": \"cc\", \"work_time\": \"100.00\"}], "
        "\"activity\": [{\"post\": \"a\", \"granularity\": \"YEAR\", \"start\": \"2022-01-01\", "
        "\"population\": 9223372036854775807},"
        "{\"post\": \"b\", \"granularity\": \"YEAR\", \"start\": \"2022-01-01\", \"population\": 1}], "
        "\"stated_totals\": [{\"measure\": \"population\", " YEAR2022 ", \"total\": 0}]}";
    iscg_dataset *ds;
    iscg_stats_checks *c = NULL;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_string(&ds, json, "overflow.json", &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_stats_checks_compute(&c, ds, &e), ISCG_EOVERFLOW);
    ck_assert_ptr_null(c);
    ck_assert_int_eq(iscg_stats_checks_compute(&c, ds, NULL), ISCG_EOVERFLOW);
    iscg_dataset_free(ds);
}
END_TEST

Suite *suite_stated(void)
{
    Suite *s = suite_create("stated");
    TCase *tc = tcase_create("stated");
    tcase_add_test(tc, test_stated_figures_agree);
    tcase_add_test(tc, test_stated_figures_disagree);
    tcase_add_test(tc, test_stated_figures_refused);
    tcase_add_test(tc, test_stated_figures_saved_back);
    tcase_add_test(tc, test_stated_figures_misuse);
    tcase_add_test(tc, test_stated_total_overflow);
    suite_add_tcase(s, tc);
    return s;
}
