/* Dataset files: the embedded Pas-de-Calais 2023 dataset, round trips and
 * the loader's error messages on broken files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscg.h>

#include "suites.h"

/* The smallest valid dataset, which the broken-file tests alter. */
static const char *const MINI =
    "{\n"
    "  \"format\": \"iscg-dataset\",\n"
    "  \"version\": 1,\n"
    "  \"parties\": [\n"
    "    {\"id\": \"etat\", \"kind\": \"STATE\", \"name\": \"Etat\"},\n"
    "    {\"id\": \"cc\", \"kind\": \"EPCI\", \"name\": \"CC\"}\n"
    "  ],\n"
    "  \"posts\": [\n"
    "    {\"id\": \"p\", \"label\": \"ISG P\", \"kind\": \"ISG\", \"carrier\": \"cc\"}\n"
    "  ],\n"
    "  \"conventions\": [\n"
    "    {\"id\": \"c\", \"post\": \"p\", \"start\": \"2023-01-01\", \"months\": 12, \"cost\": \"30000.00\",\n"
    "     \"daycount\": \"MONTHS_WHOLE\", \"rounding\": {\"unit\": \"EURO\", \"mode\": \"DOWN\", \"remainder\": \"NONE\"},\n"
    "     \"sides\": [\n"
    "       {\"name\": \"FIPD\", \"rule\": \"FIXED\", \"amount\": \"10000\", \"split\": {\"unit\": \"EURO\", \"mode\": \"DOWN\", \"remainder\": \"NONE\"}, \"funders\": [{\"party\": \"etat\"}]},\n"
    "       {\"name\": \"CC\", \"rule\": \"REMAINDER\", \"split\": {\"unit\": \"EURO\", \"mode\": \"DOWN\", \"remainder\": \"NONE\"}, \"funders\": [{\"party\": \"cc\"}]}\n"
    "     ]}\n"
    "  ]\n"
    "}\n";

/* MINI with the first occurrence of `from` replaced by `to`. */
static char *broken(const char *from, const char *to)
{
    const char *at = strstr(MINI, from);
    ck_assert_msg(at != NULL, "the test's pattern %s is not in MINI", from);
    size_t n = strlen(MINI) - strlen(from) + strlen(to);
    char *s = malloc(n + 1);
    size_t head = (size_t)(at - MINI);
    memcpy(s, MINI, head);
    strcpy(s + head, to);
    strcat(s, at + strlen(from));
    return s;
}

static void expect_error(const char *from, const char *to, int code, const char *field, int line, const char *text)
{
    char *doc = broken(from, to);
    iscg_dataset *ds = (iscg_dataset *)1;
    iscg_error e;
    int rc = iscg_dataset_load_string(&ds, doc, "mini.json", &e);
    ck_assert_msg(rc == code, "%s -> %s: code %d (%s)", from, to, rc, e.text);
    ck_assert_ptr_eq(ds, (iscg_dataset *)1); /* untouched on failure */
    ck_assert_str_eq(e.source, "mini.json");
    if (field)
        ck_assert_msg(strcmp(e.field, field) == 0, "field %s, expected %s (%s)", e.field, field, e.text);
    if (line)
        ck_assert_msg(e.line == line, "line %d, expected %d (%s)", e.line, line, e.text);
    ck_assert_int_gt(e.column, 0);
    ck_assert_msg(strstr(e.text, text) != NULL, "message \"%s\" lacks \"%s\"", e.text, text);
    free(doc);
}

START_TEST(test_load_mini)
{
    iscg_dataset *ds;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_string(&ds, MINI, NULL, &e) == 0, "%s", e.text);
    iscg_funding *f;
    ck_assert_int_eq(iscg_funding_compute(&f, iscg_dataset_registry(ds), "c", NULL), 0);
    iscg_funding_row row;
    iscg_funding_row_get(&row, f, (size_t)iscg_funding_find(f, "cc"));
    ck_assert_int_eq(row.amount, EUR(20000));
    iscg_convention_spec c;
    iscg_convention_get(&c, iscg_dataset_registry(ds), "c", NULL);
    ck_assert_int_eq(c.period.end.day, 31); /* "months": 12 from 1 January */
    iscg_funding_free(f);
    iscg_dataset_free(ds);
    iscg_dataset_free(NULL);
}
END_TEST

START_TEST(test_broken_files)
{
    /* truncated JSON */
    char *doc = strdup(MINI);
    doc[strlen(doc) / 2] = '\0';
    iscg_dataset *ds;
    iscg_error e;
    ck_assert_int_eq(iscg_dataset_load_string(&ds, doc, "cut.json", &e), ISCG_EPARSE);
    ck_assert_ptr_nonnull(strstr(e.text, "cut.json:"));
    ck_assert_ptr_nonnull(strstr(e.text, "not JSON"));
    ck_assert_int_gt(e.line, 1);
    free(doc);
    /* wrong types */
    expect_error("\"cost\": \"30000.00\"", "\"cost\": true", ISCG_EPARSE, "conventions[0].cost", 12,
                 "an amount (a string or integer cents) was expected, found a boolean");
    expect_error("\"months\": 12", "\"months\": \"12\"", ISCG_EPARSE, "conventions[0].months", 12,
                 "an integer was expected, found a string");
    expect_error("\"parties\": [", "\"parties\": {\"a\": [", ISCG_EPARSE, NULL, 0, "");
    /* floats are never amounts */
    expect_error("\"cost\": \"30000.00\"", "\"cost\": 30000.5", ISCG_EPARSE, "conventions[0].cost", 12,
                 "never floating-point");
    /* bad amounts and dates, placed by line and column */
    expect_error("\"amount\": \"10000\"", "\"amount\": \"12,3,4\"", ISCG_EPARSE, "conventions[0].sides[0].amount", 15,
                 "\"12,3,4\" is not an amount");
    expect_error("\"start\": \"2023-01-01\"", "\"start\": \"2023-02-30\"", ISCG_EDATE, "conventions[0].start", 12,
                 "conventions[0].start: 2023-02-30 is not a date");
    /* unknown fields, but extensions are accepted */
    expect_error("\"label\": \"ISG P\"", "\"label\": \"ISG P\", \"colour\": \"red\"", ISCG_EPARSE,
                 "posts[0].colour", 9, "unknown field");
    doc = broken("\"label\": \"ISG P\"", "\"label\": \"ISG P\", \"x-colour\": \"red\"");
    ck_assert_int_eq(iscg_dataset_load_string(&ds, doc, NULL, &e), 0);
    iscg_dataset_free(ds);
    free(doc);
    /* duplicate identifiers, dangling references */
    expect_error("{\"id\": \"cc\", \"kind\": \"EPCI\"", "{\"id\": \"etat\", \"kind\": \"EPCI\"", ISCG_EDUPLICATE,
                 "parties[1]", 6, "party etat is already defined");
    expect_error("\"carrier\": \"cc\"", "\"carrier\": \"ghost\"", ISCG_ENOTFOUND, "posts[0]", 9,
                 "carrier ghost is not a known party");
    expect_error("[{\"party\": \"cc\"}]", "[{\"party\": \"nobody\"}]", ISCG_ENOTFOUND,
                 "conventions[0].sides[1].funders[0]", 16, "party nobody is not known");
    /* bad enumerations name the choices */
    expect_error("\"kind\": \"ISG\"", "\"kind\": \"ISX\"", ISCG_EPARSE, "posts[0].kind", 9,
                 "\"ISX\" is not one of ISC, ISG, ISCG");
    /* wrong format or version */
    expect_error("\"version\": 1", "\"version\": 2", ISCG_ERANGE, "version", 3, "outside 1..1");
    expect_error("\"iscg-dataset\"", "\"other\"", ISCG_EPARSE, "format", 2, "is not \"iscg-dataset\"");
    /* a period that ends before it starts */
    expect_error("\"months\": 12", "\"end\": \"2022-12-31\"", ISCG_EDATE, "conventions[0]", 12,
                 "before its start");
    /* a funder counted twice */
    expect_error("[{\"party\": \"cc\"}]", "[{\"party\": \"etat\"}]", ISCG_EDUPLICATE,
                 "conventions[0].sides[1].funders[0]", 16, "counted once");
}
END_TEST

START_TEST(test_every_error_reported)
{
    char *doc = broken("\"kind\": \"ISG\", \"carrier\": \"cc\"", "\"kind\": \"ISX\", \"carrier\": \"cc\", \"hours\": 3");
    iscg_error errs[8];
    size_t n = 0;
    ck_assert_int_eq(iscg_dataset_validate_string(errs, 8, &n, doc, "mini.json"), ISCG_EPARSE);
    ck_assert_uint_ge(n, 2);
    ck_assert_ptr_nonnull(strstr(errs[0].text, "hours") ? errs[0].text : errs[1].text);
    size_t count = 0;
    ck_assert_int_eq(iscg_dataset_validate_string(NULL, 0, &count, doc, "mini.json"), ISCG_EPARSE);
    ck_assert_uint_eq(count, n);
    ck_assert_int_eq(iscg_dataset_validate_string(NULL, 0, &count, MINI, "mini.json"), 0);
    ck_assert_uint_eq(count, 0);
    ck_assert_int_eq(iscg_dataset_validate_file(errs, 8, &count, "/nonexistent/iscg.json"), ISCG_EIO);
    ck_assert_uint_eq(count, 1);
    iscg_dataset *ds;
    iscg_error e;
    ck_assert_int_eq(iscg_dataset_load_file(&ds, "/nonexistent/iscg.json", &e), ISCG_EIO);
    ck_assert_ptr_nonnull(strstr(e.text, "cannot be read"));
    ck_assert_int_eq(iscg_dataset_load_string(NULL, MINI, NULL, &e), ISCG_EINVAL);
    free(doc);
}
END_TEST

/* The embedded dataset holds CP2023: 14 posts, the budget line, annex 1. */
START_TEST(test_embedded_dataset)
{
    iscg_dataset *ds;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_embedded(&ds, &e) == 0, "%s", e.text);
    const iscg_registry *r = iscg_dataset_registry(ds);
    ck_assert_uint_eq(iscg_registry_post_count(r), 14);
    ck_assert_uint_eq(iscg_dataset_budget_count(ds), 1);
    ck_assert_uint_eq(iscg_stats_count(iscg_dataset_stats(ds)), 13);
    ck_assert_ptr_nonnull(strstr(iscg_dataset_title(ds), "Pas-de-Calais"));
    ck_assert_uint_gt(iscg_dataset_note_count(ds), 0);
    ck_assert_ptr_nonnull(iscg_dataset_note(ds, 0));
    ck_assert_ptr_null(iscg_dataset_note(ds, 9999));
    /* BUD-1 from the dataset's own line */
    iscg_dataset_budget b;
    ck_assert_int_eq(iscg_dataset_budget_get(&b, ds, 0), 0);
    iscg_budget_result res;
    ck_assert_int_eq(iscg_budget_check(&res, NULL, 0, NULL, r, &b.line, b.year, &e), 0);
    ck_assert_int_eq(res.proposed, EUR(123687));
    ck_assert_int_eq(res.proposed, b.stated_proposed);
    ck_assert_int_eq(res.balance, EUR(26113));
    /* AUD-1 on the dataset: the findings of the funding tests */
    iscg_audit *a;
    ck_assert_int_eq(iscg_audit_run(&a, r, &e), 0);
    ck_assert_uint_eq(iscg_audit_count(a), 6);
    iscg_audit_free(a);
    /* STAT-3 on the dataset */
    iscg_stats_table *t;
    ck_assert_int_eq(iscg_stats_aggregate(&t, iscg_dataset_stats(ds), ISCG_STATS_BY_ALL, ISCG_STATS_YEAR,
                                          ISCG_ROUND_HALF_UP, &e), 0);
    const iscg_stats_row *row = iscg_stats_table_find(t, NULL, (iscg_period){{2022, 1, 1}, {2022, 12, 31}});
    ck_assert_ptr_nonnull(row);
    ck_assert_int_eq(row->count[ISCG_ACTIVITY_REFERRALS].value, 2731);
    ck_assert_int_eq(row->vif.scaled, 6403);
    iscg_stats_table_free(t);
    /* CAL-2 from the dataset's clauses: Ternois may be denounced until 30 September 2023 */
    iscg_clauses k;
    iscg_convention_spec c;
    ck_assert_int_eq(iscg_convention_get_clauses(&k, r, "ternois-2023", &e), 0);
    ck_assert_int_eq(iscg_convention_get(&c, r, "ternois-2023", &e), 0);
    iscg_date last;
    ck_assert_int_eq(iscg_calendar_last_denunciation_day(&last, c.period, k.denunciation_months, &e), 0);
    ck_assert_int_eq(iscg_date_compare(last, (iscg_date){2023, 9, 30}), 0);
    ck_assert_int_eq(k.carry_over_unused, 0);
    /* RCV-2: the France Victimes 62 conventions: request by 28 February, one
     * payment by 31 July, unused funds carried over as dedicated funds */
    ck_assert_int_eq(iscg_convention_get_clauses(&k, r, "calais-2023", &e), 0);
    ck_assert_int_eq(k.carry_over_unused, 1);
    ck_assert_int_eq(k.instalments, 1);
    ck_assert_int_eq(iscg_date_compare(k.payment_deadline, (iscg_date){2023, 7, 31}), 0);
    ck_assert_int_eq(iscg_date_compare(k.request_deadline, (iscg_date){2023, 2, 28}), 0);
    k.carry_over_unused = 2;
    ck_assert_int_eq(iscg_convention_set_clauses(iscg_dataset_registry_mutable(ds), "calais-2023", &k, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "carry_over_unused");
    ck_assert_int_eq(iscg_dataset_budget_get(&b, ds, 1), ISCG_EINVAL);
    ck_assert_str_eq(iscg_dataset_embedded_text(), iscg_dataset_embedded_text());
    iscg_dataset_free(ds);
}
END_TEST

/* Saving and loading again gives an identical dataset. */
START_TEST(test_round_trip)
{
    iscg_dataset *ds, *again;
    iscg_error e;
    char *one, *two;
    ck_assert_int_eq(iscg_dataset_load_embedded(&ds, &e), 0);
    ck_assert_int_eq(iscg_dataset_save_string(&one, ds, &e), 0);
    ck_assert_msg(iscg_dataset_load_string(&again, one, "saved.json", &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_dataset_save_string(&two, again, &e), 0);
    ck_assert_str_eq(one, two);
    /* and the computations agree */
    iscg_audit *a;
    ck_assert_int_eq(iscg_audit_run(&a, iscg_dataset_registry(again), &e), 0);
    ck_assert_uint_eq(iscg_audit_count(a), 6);
    iscg_audit_free(a);
    /* to a file and back */
    char path[] = "/tmp/iscg-roundtrip-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(iscg_dataset_save_file(again, path, &e), 0);
    iscg_dataset *three;
    ck_assert_int_eq(iscg_dataset_load_file(&three, path, &e), 0);
    ck_assert_uint_eq(iscg_registry_convention_count(iscg_dataset_registry(three)),
                      iscg_registry_convention_count(iscg_dataset_registry(ds)));
    remove(path);
    ck_assert_int_eq(iscg_dataset_save_file(three, "/nonexistent/dir/x.json", &e), ISCG_EIO);
    ck_assert_int_eq(iscg_dataset_save_string(NULL, three, &e), ISCG_EINVAL);
    iscg_free(one);
    iscg_free(two);
    iscg_free(NULL);
    iscg_dataset_free(ds);
    iscg_dataset_free(again);
    iscg_dataset_free(three);
}
END_TEST

Suite *suite_dataset(void)
{
    Suite *s = suite_create("dataset");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_load_mini);
    tcase_add_test(tc, test_broken_files);
    tcase_add_test(tc, test_every_error_reported);
    tcase_add_test(tc, test_embedded_dataset);
    tcase_add_test(tc, test_round_trip);
    suite_add_tcase(s, tc);
    return s;
}
