/* SPDX-License-Identifier: Apache-2.0 */
/* Dataset files: the embedded Pas-de-Calais 2023 dataset, round trips and
 * the loader's error messages on broken files. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iscg.h>

#include "seed.h"
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

/* doc with the first occurrence of `from` replaced by `to`. */
static char *edited(const char *doc, const char *from, const char *to)
{
    const char *at = strstr(doc, from);
    ck_assert_msg(at != NULL, "the test's pattern %s is not in the document", from);
    size_t n = strlen(doc) - strlen(from) + strlen(to);
    char *s = malloc(n + 1);
    ck_assert_ptr_nonnull(s);
    snprintf(s, n + 1, "%.*s%s%s", (int)(at - doc), doc, to, at + strlen(from));
    return s;
}

/* MINI with the first occurrence of `from` replaced by `to`. */
static char *broken(const char *from, const char *to)
{
    return edited(MINI, from, to);
}

/* doc (an object) with a first member, an extension, long enough that the
 * loader reads it piece by piece rather than as one tree (more than 1 MiB);
 * on the first line, so that every other line keeps its number. */
static char *padded(const char *doc)
{
    const size_t pad = (size_t)1 << 20;
    ck_assert_int_eq(doc[0], '{');
    size_t n = strlen(doc);
    char *s = malloc(n + pad + 32);
    ck_assert_ptr_nonnull(s);
    size_t at = (size_t)sprintf(s, "{\"x-pad\": \"");
    memset(s + at, 'x', pad);
    at += pad;
    at += (size_t)sprintf(s + at, "\",");
    memcpy(s + at, doc + 1, n - 1);
    s[at + n - 1] = '\0';
    return s;
}

/* Loading and validating doc piece by piece (padded) gives what reading it
 * as one tree gives: the same code, field, line, column and sentences (an
 * error of the first line, whose columns the padding moves, apart). */
static void expect_same_read_piecewise(const char *doc, int code)
{
    char *big = padded(doc);
    iscg_dataset *one = NULL, *two = NULL;
    iscg_error a, b;
    int rc = iscg_dataset_load_string(&one, doc, "mini.json", &a);
    ck_assert_msg(rc == code, "code %d, expected %d (%s)", rc, code, a.text);
    ck_assert_int_eq(iscg_dataset_load_string(&two, big, "mini.json", &b), rc);
    if (rc != 0) {
        ck_assert_int_eq(b.code, a.code);
        ck_assert_str_eq(b.field, a.field);
        ck_assert_int_eq(b.line, a.line);
        if (a.line > 1) {
            ck_assert_int_eq(b.column, a.column);
            ck_assert_str_eq(b.text, a.text);
        }
    } else {
        char *s1, *s2;
        ck_assert_int_eq(iscg_dataset_save_string(&s1, one, &a), 0);
        ck_assert_int_eq(iscg_dataset_save_string(&s2, two, &b), 0);
        ck_assert_str_eq(s1, s2);
        iscg_free(s1);
        iscg_free(s2);
        iscg_dataset_free(one);
        iscg_dataset_free(two);
    }
    /* every error, not only the first */
    iscg_error all1[8], all2[8];
    size_t n1 = 0, n2 = 0;
    ck_assert_int_eq(iscg_dataset_validate_string(all1, 8, &n1, doc, "mini.json"), rc);
    ck_assert_int_eq(iscg_dataset_validate_string(all2, 8, &n2, big, "mini.json"), rc);
    ck_assert_uint_eq(n1, n2);
    for (size_t i = 0; i < n1 && i < 8; i++) {
        ck_assert_str_eq(all2[i].field, all1[i].field);
        ck_assert_int_eq(all2[i].line, all1[i].line);
        if (all1[i].line > 1)
            ck_assert_str_eq(all2[i].text, all1[i].text);
    }
    free(big);
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
    expect_same_read_piecewise(doc, code);
    free(doc);
}

/* AMD-3: the dataset's scenario is its "scenarios" section: read, applied
 * when asked, saved back, and each what-if checked against the dataset. */
#define SCENARIOS(items) "  ],\n  \"scenarios\": [\n" items "\n  ]\n}\n"
START_TEST(test_amd3_scenarios_section)
{
    char *doc = edited(MINI, "  ]\n}\n",
                       SCENARIOS("    {\"convention\": \"c\", \"withdraw\": \"etat\", \"replacement\": \"cc\", "
                                 "\"from\": \"2023-07-01\"},\n"
                                 "    {\"convention\": \"c\", \"cost\": \"36000.00\"},\n"
                                 "    {\"convention\": \"c\", \"start\": \"2024-01-01\", \"end\": \"2024-12-31\"}"));
    iscg_dataset *ds;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_string(&ds, doc, "mini.json", &e) == 0, "%s", e.text);
    const iscg_registry *r = iscg_dataset_registry(ds);
    iscg_scenario *s = iscg_dataset_scenario(ds);
    ck_assert_uint_eq(iscg_scenario_count(s), 3);
    iscg_whatif w;
    ck_assert_int_eq(iscg_scenario_get(&w, s, 0), 0);
    ck_assert_int_eq(w.kind, ISCG_WHATIF_WITHDRAW);
    ck_assert_str_eq(w.replacement, "cc");
    ck_assert_int_eq(iscg_date_compare(w.from, (iscg_date){2023, 7, 1}), 0);
    ck_assert_int_eq(iscg_scenario_get(&w, s, 2), 0);
    ck_assert_int_eq(w.period.end.year, 2024);
    /* applied: the FIPD's fixed 10 000 over 2024 (the new period, 12 months),
     * withdrawn from 2023-07-01, before the new period starts: the CC takes
     * all of it; its own remainder is 36 000 - 10 000 = 26 000 */
    iscg_funding *f;
    ck_assert_msg(iscg_funding_compute_scenario(&f, r, s, "c", &e) == 0, "%s", e.text);
    ck_assert_uint_eq(iscg_funding_row_count(f), 2);
    iscg_funding_row row;
    ck_assert_int_eq(iscg_funding_row_get(&row, f, 0), 0);
    ck_assert_str_eq(row.party, "cc");
    ck_assert_str_eq(row.replaces, "etat");
    ck_assert_int_eq(row.amount, EUR(10000));
    ck_assert_int_eq(iscg_funding_row_get(&row, f, 1), 0);
    ck_assert_int_eq(row.amount, EUR(26000));
    iscg_funding_free(f);
    /* saved as read, and read again the same */
    char *text, *again;
    ck_assert_int_eq(iscg_dataset_save_string(&text, ds, &e), 0);
    ck_assert_ptr_nonnull(strstr(text, "\"scenarios\": ["));
    ck_assert_ptr_nonnull(strstr(text, "\"withdraw\": \"etat\""));
    ck_assert_ptr_nonnull(strstr(text, "\"cost\": \"36000.00\""));
    iscg_dataset *back;
    ck_assert_msg(iscg_dataset_load_string(&back, text, "saved.json", &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_dataset_save_string(&again, back, &e), 0);
    ck_assert_str_eq(again, text);
    /* a what-if added by the caller is saved too; removed, it is gone */
    iscg_whatif more = ISCG_WHATIF_INIT;
    more.kind = ISCG_WHATIF_WITHDRAW;
    more.convention = "c";
    more.party = "cc";
    ck_assert_int_eq(iscg_scenario_add(iscg_dataset_scenario(back), &more, &e), 0);
    iscg_free(again);
    ck_assert_int_eq(iscg_dataset_save_string(&again, back, &e), 0);
    ck_assert_ptr_nonnull(strstr(again, "\"withdraw\": \"cc\"\n"));
    ck_assert_int_eq(iscg_scenario_remove(iscg_dataset_scenario(back), 3), 0);
    iscg_free(again);
    ck_assert_int_eq(iscg_dataset_save_string(&again, back, &e), 0);
    ck_assert_str_eq(again, text);
    iscg_free(again);
    iscg_free(text);
    iscg_dataset_free(back);
    iscg_dataset_free(ds);
    expect_same_read_piecewise(doc, 0);
    free(doc);
}
END_TEST

START_TEST(test_amd3_scenarios_refused)
{
    static const struct {
        const char *item;
        int code;
        const char *field, *text;
    } cases[] = {
        {"{\"convention\": \"nowhere\", \"cost\": 100}", ISCG_ENOTFOUND, "scenarios[0]",
         "the what-if names nowhere, which the dataset does not define"},
        {"{\"convention\": \"c\", \"withdraw\": \"ghost\"}", ISCG_ENOTFOUND, "scenarios[0]", "names ghost"},
        {"{\"convention\": \"c\", \"withdraw\": \"etat\", \"replacement\": \"ghost\"}", ISCG_ENOTFOUND,
         "scenarios[0]", "names ghost"},
        {"{\"convention\": \"c\"}", ISCG_EPARSE, "scenarios[0]",
         "a what-if has one of \"withdraw\", \"cost\" or \"start\""},
        {"{\"convention\": \"c\", \"cost\": 100, \"withdraw\": \"etat\"}", ISCG_EPARSE, "scenarios[0]",
         "a what-if has one of"},
        {"{\"convention\": \"c\", \"cost\": 100, \"from\": \"2023-07-01\"}", ISCG_EPARSE, "scenarios[0]",
         "\"replacement\" and \"from\" go with \"withdraw\""},
        {"{\"convention\": \"c\", \"start\": \"2024-01-01\"}", ISCG_EPARSE, "scenarios[0]",
         "a new period has its \"start\" and its \"end\""},
        {"{\"convention\": \"c\", \"start\": \"2024-01-01\", \"end\": \"2023-01-01\"}", ISCG_EDATE, "scenarios[0]",
         "the new period is not valid"},
        {"{\"convention\": \"c\", \"cost\": 1}, {\"convention\": \"c\", \"cost\": 2}", ISCG_EDUPLICATE,
         "scenarios[1]", "the scenario already has a new cost for it"},
        {"{\"convention\": \"c\", \"withdraw\": \"etat\", \"from\": 5}", ISCG_EPARSE, "scenarios[0].from",
         "found an integer"},
        {"{\"convention\": \"c\", \"cost\": 1, \"why\": \"test\"}", ISCG_EPARSE, "scenarios[0].why", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char items[256];
        snprintf(items, sizeof items, "  ],\n  \"scenarios\": [\n    %s\n  ]\n}\n", cases[i].item);
        expect_error("  ]\n}\n", items, cases[i].code, cases[i].field, 0, cases[i].text);
    }
}
END_TEST

START_TEST(test_load_mini)
{
    iscg_dataset *ds;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_string(&ds, MINI, NULL, &e) == 0, "%s", e.text);
    iscg_funding *f;
    ck_assert_int_eq(iscg_funding_compute(&f, iscg_dataset_registry(ds), "c", NULL), 0);
    iscg_funding_row row;
    ck_assert_int_eq(iscg_funding_row_get(&row, f, (size_t)iscg_funding_find(f, "cc")), 0);
    ck_assert_int_eq(row.amount, EUR(20000));
    iscg_convention_spec c;
    ck_assert_int_eq(iscg_convention_get(&c, iscg_dataset_registry(ds), "c", NULL), 0);
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
    expect_error("\"carrier\": \"cc\"", "\"carrier\": \"ghost\"", ISCG_ENOTFOUND, "posts[0].carrier", 9,
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
    /* a loaded registry is frozen: what-ifs go in the dataset's scenario */
    ck_assert_int_eq(iscg_registry_frozen(r), 1);
    ck_assert_int_eq(iscg_convention_set_clauses(iscg_dataset_registry_mutable(ds), "calais-2023", &k, &e), ISCG_ESTATE);
    ck_assert_str_eq(e.text, "the registry is frozen: setting clauses cannot change it (compute a scenario instead)");
    ck_assert_uint_eq(iscg_scenario_count(iscg_dataset_scenario(ds)), 0);
    ck_assert_ptr_null(iscg_dataset_scenario(NULL));
    ck_assert_int_eq(iscg_dataset_budget_get(&b, ds, 1), ISCG_EINVAL);
    /* the embedded text is the shipped dataset, and valid on its own */
    size_t nerr = 99;
    ck_assert_int_eq(iscg_dataset_validate_string(NULL, 0, &nerr, iscg_dataset_embedded_text(), "embedded"), 0);
    ck_assert_uint_eq(nerr, 0);
    ck_assert_ptr_nonnull(strstr(iscg_dataset_embedded_text(), "\"format\": \"iscg-dataset\""));
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
    ck_assert_int_eq(close(fd), 0); /* the library opens the file by its name */
    ck_assert_int_eq(iscg_dataset_save_file(again, path, &e), 0);
    iscg_dataset *three;
    ck_assert_int_eq(iscg_dataset_load_file(&three, path, &e), 0);
    ck_assert_uint_eq(iscg_registry_convention_count(iscg_dataset_registry(three)),
                      iscg_registry_convention_count(iscg_dataset_registry(ds)));
    ck_assert_int_eq(remove(path), 0);
    ck_assert_int_eq(iscg_dataset_save_file(three, "/nonexistent/dir/x.json", &e), ISCG_EIO);
    ck_assert_str_eq(e.text, "/nonexistent/dir/x.json: cannot be written: No such file or directory");
    ck_assert_int_eq(e.sys_errno, ENOENT);
    ck_assert_int_eq(iscg_dataset_save_string(NULL, three, &e), ISCG_EINVAL);
    iscg_free(one);
    iscg_free(two);
    iscg_free(NULL);
    iscg_dataset_free(ds);
    iscg_dataset_free(again);
    iscg_dataset_free(three);
}
END_TEST

/* Each kind of mistake in a file gets its own sentence, at its own place:
 * the field's path, its line, and what was expected against what was found. */
START_TEST(test_loader_messages)
{
    static const struct {
        const char *from, *to;
        int code;
        const char *field;
        int line;
        const char *text;
    } cases[] = {
        /* required fields, null included, and the JSON types by name */
        {", \"name\": \"Etat\"}", "}", ISCG_EPARSE, "parties[0].name", 5, "this field is required"},
        {"\"name\": \"Etat\"", "\"name\": null", ISCG_EPARSE, "parties[0].name", 5, "this field is required"},
        {"{\"id\": \"cc\", \"kind\": \"EPCI\", \"name\": \"CC\"}", "\"cc\"", ISCG_EPARSE, "parties[1]", 6,
         "an object was expected, found a string"},
        {"\"name\": \"CC\"", "\"name\": [\"CC\"]", ISCG_EPARSE, "parties[1].name", 6,
         "a string was expected, found an array"},
        {"\"name\": \"CC\"", "\"name\": {\"fr\": \"CC\"}", ISCG_EPARSE, "parties[1].name", 6, "found an object"},
        {"\"name\": \"CC\"", "\"name\": 5", ISCG_EPARSE, "parties[1].name", 6, "found an integer"},
        {"\"name\": \"CC\"", "\"name\": 0.5", ISCG_EPARSE, "parties[1].name", 6, "found a floating-point number"},
        {"\"name\": \"CC\"", "\"name\": false", ISCG_EPARSE, "parties[1].name", 6, "found a boolean"},
        {"\"name\": \"CC\"}", "\"name\": \"CC\", \"population\": -3}", ISCG_ERANGE, "parties[1].population", 6,
         "-3 is outside 0..9223372036854775807"},
        {"\"posts\": [\n    {\"id\": \"p\", \"label\": \"ISG P\", \"kind\": \"ISG\", \"carrier\": \"cc\"}\n  ]",
         "\"posts\": \"p\"", ISCG_EPARSE, "posts", 8, "an array was expected, found a string"},
        /* percentages: "41.78" or integer basis points, within 100 % */
        {"\"carrier\": \"cc\"}", "\"carrier\": \"cc\", \"work_time\": \"eighty\"}", ISCG_EPARSE, "posts[0].work_time",
         9, "eighty"},
        {"\"carrier\": \"cc\"}", "\"carrier\": \"cc\", \"work_time\": 12000}", ISCG_EPARSE, "posts[0].work_time", 9,
         "basis points from 0 to 10000 was expected, found an integer"},
        {"\"carrier\": \"cc\"}", "\"carrier\": \"cc\", \"work_time\": true}", ISCG_EPARSE, "posts[0].work_time", 9,
         "a percentage (\"41.78\") or integer basis points was expected, found a boolean"},
        {"\"carrier\": \"cc\"}", "\"carrier\": \"cc\", \"weekly_hours\": 200}", ISCG_ERANGE, "posts[0].weekly_hours",
         9, "200 is outside 1..168"},
        /* a post's events (POST-3) */
        {"\"carrier\": \"cc\"}", "\"carrier\": \"cc\", \"events\": [{\"kind\": \"HIRE\", \"start\": \"2023-01-02\"}]}",
         ISCG_EPARSE, "posts[0].events[0].end", 9, "this field is required"},
        {"\"carrier\": \"cc\"}",
         "\"carrier\": \"cc\", \"events\": [{\"kind\": \"HIRE\", \"start\": \"2023-01-02\", \"end\": \"2023-01-05\"}]}",
         ISCG_EDATE, "posts[0].events[0]", 9, "a HIRE happens on one day"},
        /* a convention's period: "end" or "months", one of them */
        {"\"months\": 12", "\"months\": 12, \"end\": \"2023-12-31\"", ISCG_EPARSE, "conventions[0]", 12,
         "give \"end\" or \"months\", not both"},
        {"\"months\": 12, ", "", ISCG_EPARSE, "conventions[0]", 12,
         "give the period's \"end\" or its length in \"months\""},
        {"\"start\": \"2023-01-01\"", "\"start\": \"9999-06-01\"", ISCG_EDATE, "conventions[0]", 12, ""},
        {"\"months\": 12", "\"months\": 12, \"annual\": \"yes\"", ISCG_EPARSE, "conventions[0].annual", 12,
         "true or false was expected, found a string"},
        {"\"sides\"", "\"x-sides\"", ISCG_EPARSE, "conventions[0]", 12, "a convention needs \"sides\""},
        /* rounding rules, named field by field */
        {"\"rounding\": {\"unit\": \"EURO\"", "\"rounding\": {\"unit\": \"EUR\"", ISCG_EPARSE,
         "conventions[0].rounding.unit", 13, "\"EUR\" is not one of CENT, EURO"},
        {"\"mode\": \"DOWN\"", "\"mode\": \"SIDEWAYS\"", ISCG_EPARSE, "conventions[0].rounding.mode", 13,
         "\"SIDEWAYS\" is not one of"},
        {"\"remainder\": \"NONE\"", "\"remainder\": \"SOMETIMES\"", ISCG_EPARSE, "conventions[0].rounding.remainder",
         13, "\"SOMETIMES\" is not one of NONE, TO_FIRST"},
        {"\"remainder\": \"NONE\"}", "\"remainder\": \"NONE\", \"weights\": \"PERCENT\"}", ISCG_EPARSE,
         "conventions[0].rounding.weights", 13, "\"PERCENT\" is not one of RAW, BASIS_POINTS"},
        {"\"remainder\": \"NONE\"}", "\"remainder\": \"NONE\", \"party\": -1}", ISCG_ERANGE,
         "conventions[0].rounding.party", 13, "-1 is outside 0..1000000"},
        {"\"rounding\": {\"unit\": \"EURO\", \"mode\": \"DOWN\", \"remainder\": \"NONE\"}", "\"rounding\": \"DOWN\"",
         ISCG_EPARSE, "conventions[0].rounding", 13, "an object was expected, found a string"},
        /* sides: what each rule needs */
        {"\"rule\": \"FIXED\", \"amount\": \"10000\", ", "\"rule\": \"FIXED\", ", ISCG_EPARSE,
         "conventions[0].sides[0]", 15, "a FIXED side needs an \"amount\""},
        {"\"rule\": \"FIXED\", \"amount\": \"10000\"", "\"rule\": \"PERCENT\"", ISCG_EPARSE, "conventions[0].sides[0]",
         15, "a PERCENT side needs a \"percent\""},
        {"[{\"party\": \"etat\"}]", "[{\"party\": \"etat\", \"weight\": -1}]", ISCG_ERANGE,
         "conventions[0].sides[0].funders[0].weight", 15, "-1 is outside"},
        {"\"sides\": [", "\"stated\": [{\"party\": \"etat\", \"amount\": \"10000\"}, {\"party\": \"ghost\", \"amount\": 1}],\n"
                         "     \"sides\": [",
         ISCG_ENOTFOUND, "conventions[0].stated[1]", 14, "party ghost is not known"},
        /* budget lines and activity records point to what exists */
        {"\n}\n", ",\n  \"budget_lines\": [{\"operation\": \"C02\", \"payer\": \"ghost\", \"year\": 2023, "
                  "\"credits\": \"100\", \"available\": \"50\"}]\n}\n",
         ISCG_ENOTFOUND, "budget_lines[0].payer", 19, "party ghost is not defined"},
        {"\n}\n", ",\n  \"activity\": [{\"post\": \"ghost\", \"granularity\": \"YEAR\", \"start\": \"2022-01-01\"}]\n}\n",
         ISCG_ENOTFOUND, "activity[0].post", 19, "post ghost is not defined"},
        {"\n}\n", ",\n  \"activity\": [{\"post\": \"p\", \"granularity\": \"QUARTER\", \"start\": \"2022-02-01\"}]\n}\n",
         ISCG_EDATE, "activity[0].start", 19, "2022-02-01 does not start a QUARTER"},
        {"\n}\n", ",\n  \"activity\": [{\"post\": \"p\", \"granularity\": \"YEAR\", \"start\": \"2022-01-01\", "
                  "\"women\": 3, \"men\": 1, \"children\": 0, \"referrals\": 5}]\n}\n",
         ISCG_ETOTAL, "activity[0]", 19, "referrals"},
        {"{\"id\": \"cc\", \"kind\": \"EPCI\", \"name\": \"CC\"}", "null", ISCG_EPARSE, "parties[1]", 6,
         "an object was expected, found null"},
        {"\"parties\": [", "\"parties\": \"two\", \"x-parties\": [", ISCG_EPARSE, "parties", 4,
         "an array was expected, found a string"},
        {"\"months\": 12,", "\"months\": 12, \"clauses\": {\"notice_months\": 1300},", ISCG_ERANGE,
         "conventions[0].clauses.notice_months", 12, "1300 is outside 0..1200"},
        /* the whole registry is validated once read: a required side with no funder */
        {"[{\"party\": \"etat\"}]", "[]", ISCG_ESTATE, NULL, 0, "required side FIPD has no funder"},
        /* the document itself */
        {"\"version\": 1,", "\"version\": 1, \"notes\": [\"read from annex 1\", 3],", ISCG_EPARSE, "notes[1]", 3,
         "a string was expected, found an integer"},
        {"\"version\": 1,", "\"version\": 1, \"title\": 2023,", ISCG_EPARSE, "title", 3,
         "a string was expected, found an integer"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_error(cases[i].from, cases[i].to, cases[i].code, cases[i].field, cases[i].line, cases[i].text);
    /* a document that is not an object */
    iscg_dataset *ds = NULL;
    iscg_error e;
    ck_assert_int_eq(iscg_dataset_load_string(&ds, "[1, 2]", "list.json", &e), ISCG_EPARSE);
    ck_assert_str_eq(e.text, "list.json:1:1: an object was expected, found an array");
    ck_assert_ptr_null(ds);
}
END_TEST

/* ROUND-1: a rounding unit is saved as itself, whichever it is: "CENT",
 * "EURO", or its count of cents (10 for ten cents, 1000 for ten euros), and
 * loads back unchanged; before, every unit but the cent was saved as "EURO". */
START_TEST(test_round1_every_unit_round_trips)
{
    static const struct {
        iscg_cents unit;
        const char *saved;
    } units[] = {{ISCG_CENT, "\"unit\": \"CENT\""}, {ISCG_EURO, "\"unit\": \"EURO\""},
                 {10, "\"unit\": 10,"},             {1000, "\"unit\": 1000,"},
                 {5, "\"unit\": 5,"}};
    size_t tried = 0;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        iscg_dataset *ds, *again;
        iscg_error e;
        char *one = NULL, *two = NULL;
        /* the convention's rounding unit written in the file as it is saved */
        char form[32];
        snprintf(form, sizeof form, "\"rounding\": {%s", units[i].saved);
        if (form[strlen(form) - 1] == ',')
            form[strlen(form) - 1] = '\0';
        char *text = broken("\"rounding\": {\"unit\": \"EURO\"", form);
        ck_assert_msg(iscg_dataset_load_string(&ds, text, NULL, &e) == 0, "%s", e.text);
        free(text);
        iscg_convention_spec c;
        ck_assert_int_eq(iscg_convention_get(&c, iscg_dataset_registry(ds), "c", &e), 0);
        ck_assert_int_eq(c.rounding.unit, units[i].unit);
        ck_assert_int_eq(iscg_dataset_save_string(&one, ds, &e), 0);
        ck_assert_msg(strstr(one, units[i].saved) != NULL, "unit %lld is not saved as %s", (long long)units[i].unit,
                      units[i].saved);
        ck_assert_msg(iscg_dataset_load_string(&again, one, "saved.json", &e) == 0, "%s", e.text);
        ck_assert_int_eq(iscg_convention_get(&c, iscg_dataset_registry(again), "c", &e), 0);
        ck_assert_int_eq(c.rounding.unit, units[i].unit);
        ck_assert_int_eq(iscg_dataset_save_string(&two, again, &e), 0);
        ck_assert_str_eq(one, two);
        iscg_free(one);
        iscg_free(two);
        iscg_dataset_free(again);
        iscg_dataset_free(ds);
        tried++;
    }
    ck_assert_uint_eq(tried, 5);
    /* a unit in cents must be a positive integer; a name must be one of the two */
    iscg_dataset *ds = NULL;
    iscg_error e;
    char *doc = broken("\"unit\": \"EURO\"", "\"unit\": 0");
    ck_assert_int_eq(iscg_dataset_load_string(&ds, doc, "u.json", &e), ISCG_ERANGE);
    ck_assert_ptr_nonnull(strstr(e.text, "0 is outside 1.."));
    ck_assert_str_eq(e.field, "conventions[0].rounding.unit");
    free(doc);
    doc = broken("\"unit\": \"EURO\"", "\"unit\": \"TEN\"");
    ck_assert_int_eq(iscg_dataset_load_string(&ds, doc, "u.json", &e), ISCG_EPARSE);
    ck_assert_ptr_nonnull(strstr(e.text, "\"TEN\" is not one of CENT, EURO"));
    free(doc);
    doc = broken("\"unit\": \"EURO\", ", "");
    ck_assert_int_eq(iscg_dataset_load_string(&ds, doc, "u.json", &e), ISCG_EPARSE);
    ck_assert_ptr_nonnull(strstr(e.text, "required"));
    free(doc);
    ck_assert_ptr_null(ds);
}
END_TEST

/* SPLIT-1, SPLIT-2: each share rule through a file, its value read from and
 * written to the field of its own (an "amount", a "percent" or none), its
 * amount computed from a cost of 30 000; a second remainder side is refused. */
START_TEST(test_split1_split2_every_share_rule_in_a_file)
{
    static const struct {
        const char *side;   /* the FIPD side as the file gives it */
        const char *saved;  /* what the saved file holds, or NULL */
        const char *absent; /* a field the saved side must not hold, or NULL */
        iscg_cents fipd;    /* the State's amount */
    } rules[] = {
        {"\"rule\": \"EQUAL\"", "\"rule\": \"EQUAL\"", "\"amount\": \"10000", EUR(30000)},
        {"\"rule\": \"PERCENT\", \"percent\": \"25\"", "\"percent\": \"25.00\"", NULL, EUR(7500)},
        {"\"rule\": \"FIXED\", \"amount\": \"10000\"", "\"amount\": \"10000.00\"", NULL, EUR(10000)},
        {"\"rule\": \"REMAINDER\"", NULL, NULL, 0},
    };
    size_t tried = 0;
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++, tried++) {
        char *doc = broken("\"rule\": \"FIXED\", \"amount\": \"10000\"", rules[i].side), *saved = NULL;
        iscg_dataset *ds = NULL;
        iscg_error e;
        int rc = iscg_dataset_load_string(&ds, doc, "rules.json", &e);
        free(doc);
        if (!rules[i].saved) { /* REMAINDER beside the CC's remainder */
            ck_assert_int_eq(rc, ISCG_EDUPLICATE);
            ck_assert_ptr_nonnull(strstr(e.text, "would be a second remainder side"));
            continue;
        }
        ck_assert_msg(rc == 0, "%s", e.text);
        iscg_funding *f;
        ck_assert_int_eq(iscg_funding_compute(&f, iscg_dataset_registry(ds), "c", &e), 0);
        ck_assert_int_eq(amount_of(f, "etat"), rules[i].fipd);
        ck_assert_int_eq(amount_of(f, "cc"), EUR(30000) - rules[i].fipd);
        iscg_funding_free(f);
        ck_assert_int_eq(iscg_dataset_save_string(&saved, ds, &e), 0);
        ck_assert_msg(strstr(saved, rules[i].saved) != NULL, "%s is not saved", rules[i].saved);
        if (rules[i].absent)
            ck_assert_ptr_null(strstr(saved, rules[i].absent));
        iscg_free(saved);
        iscg_dataset_free(ds);
    }
    ck_assert_uint_eq(tried, ISCG_SHARE_RULE_COUNT);
}
END_TEST

/* The optional forms a file may use load, and are written back the same way. */
START_TEST(test_optional_forms_round_trip)
{
    char *doc = broken("\"carrier\": \"cc\"}",
                       "\"carrier\": \"cc\", \"work_time\": 8000, \"sites\": \"Brigade X\"}");
    char *saved = NULL, *again = NULL;
    iscg_dataset *ds, *ds2;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_string(&ds, doc, NULL, &e) == 0, "%s", e.text);
    iscg_post_spec p;
    ck_assert_int_eq(iscg_post_get(&p, iscg_dataset_registry(ds), "p", &e), 0);
    ck_assert_int_eq(p.work_time_bp, 8000); /* integer basis points */
    iscg_dataset_free(ds);
    free(doc);
    /* a percentage side with a cap, a population */
    char *one = broken("\"rule\": \"FIXED\", \"amount\": \"10000\"",
                       "\"rule\": \"PERCENT\", \"percent\": \"33.33\", \"cap\": \"9000\"");
    doc = edited(one, "\"name\": \"CC\"}", "\"name\": \"CC\", \"population\": 21000}");
    free(one);
    ck_assert_msg(iscg_dataset_load_string(&ds, doc, "forms.json", &e) == 0, "%s", e.text);
    const iscg_registry *r = iscg_dataset_registry(ds);
    iscg_funding *f;
    ck_assert_int_eq(iscg_funding_compute(&f, r, "c", &e), 0);
    iscg_funding_row row;
    ck_assert_int_eq(iscg_funding_row_get(&row, f, (size_t)iscg_funding_find(f, "etat")), 0);
    ck_assert_int_eq(row.amount, EUR(9000)); /* 33.33 % of 30 000 is 9 999, capped at 9 000 */
    iscg_funding_free(f);
    ck_assert_int_eq(iscg_dataset_save_string(&saved, ds, &e), 0);
    ck_assert_ptr_nonnull(strstr(saved, "\"percent\": \"33.33\""));
    ck_assert_ptr_nonnull(strstr(saved, "\"cap\": \"9000.00\""));
    ck_assert_ptr_nonnull(strstr(saved, "\"population\": 21000"));
    ck_assert_msg(iscg_dataset_load_string(&ds2, saved, "saved.json", &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_dataset_save_string(&again, ds2, &e), 0);
    ck_assert_str_eq(saved, again);
    iscg_free(saved);
    iscg_free(again);
    iscg_dataset_free(ds);
    iscg_dataset_free(ds2);
    free(doc);

    /* clauses, a remainder to a named party, an equal plan, a budget line
     * with no stated proposal, activity records with every optional field */
    one = broken("\"remainder\": \"NONE\"}", "\"remainder\": \"TO_PARTY\", \"party\": 1}");
    char *two = edited(one, "\"months\": 12,",
                       "\"months\": 12, \"claims_equal\": \"annex 3\",\n     \"clauses\": {\"notice_months\": 3, "
                       "\"request_deadline\": \"2023-02-28\", \"activity_reports\": \"MONTHLY\", \"annual_report\": true},");
    doc = edited(two, "\n  ]\n}\n",
                 "\n  ],\n  \"budget_lines\": [{\"operation\": \"C02\", \"payer\": \"cc\", \"year\": 2023, "
                 "\"credits\": \"100\", \"available\": \"50\"}],\n"
                 "  \"activity\": [{\"post\": \"p\", \"site\": \"Brigade X\", \"granularity\": \"YEAR\", "
                 "\"start\": \"2022-01-01\", \"referrals\": 12, \"vif\": \"50\", \"carrier\": \"EPCI\", "
                 "\"force\": \"GENDARMERIE\", \"territory\": \"Ternois\"},\n"
                 "    {\"post\": \"p\", \"granularity\": \"YEAR\", \"start\": \"2023-01-01\", \"not_reported\": true}]\n}\n");
    free(one);
    free(two);
    ck_assert_msg(iscg_dataset_load_string(&ds, doc, "forms.json", &e) == 0, "%s", e.text);
    iscg_dataset_budget b;
    ck_assert_int_eq(iscg_dataset_budget_get(&b, ds, 0), 0);
    ck_assert_int_eq(b.has_stated_proposed, 0);
    ck_assert_int_eq(iscg_dataset_save_string(&saved, ds, &e), 0);
    ck_assert_ptr_nonnull(strstr(saved, "\"party\": 1"));
    ck_assert_ptr_nonnull(strstr(saved, "\"annual_report\": true"));
    ck_assert_ptr_nonnull(strstr(saved, "\"claims_equal\": \"annex 3\""));
    ck_assert_ptr_nonnull(strstr(saved, "\"force\": \"GENDARMERIE\""));
    ck_assert_ptr_nonnull(strstr(saved, "\"not_reported\": true"));
    ck_assert_ptr_null(strstr(saved, "stated_proposed"));
    ck_assert_msg(iscg_dataset_load_string(&ds2, saved, "saved.json", &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_dataset_save_string(&again, ds2, &e), 0);
    ck_assert_str_eq(saved, again);
    iscg_free(saved);
    iscg_free(again);
    iscg_dataset_free(ds);
    iscg_dataset_free(ds2);
    free(doc);
}
END_TEST

/* An error that follows values of every shape (empty containers, escaped
 * quotes, nested extensions) is still placed at its own line and column. */
START_TEST(test_error_placed_after_nested_values)
{
    const char *line = "    {\"x-meta\": {\"a\": [], \"b\": {}, \"c\": \"q\\\"uote\", \"d\": [1, {\"e\": null}, true]}, "
                       "\"id\": \"etat\", \"kind\": \"STATE\", \"name\": \"Etat\", \"population\": -1},";
    char *doc = broken("    {\"id\": \"etat\", \"kind\": \"STATE\", \"name\": \"Etat\"},", line);
    iscg_dataset *ds;
    iscg_error e;
    ck_assert_int_eq(iscg_dataset_load_string(&ds, doc, "nested.json", &e), ISCG_ERANGE);
    ck_assert_str_eq(e.field, "parties[0].population");
    ck_assert_int_eq(e.line, 5);
    ck_assert_int_eq(e.column, (int)(strstr(line, "-1") - line) + 1);
    free(doc);
}
END_TEST

/* Files: unreadable ones, ones larger than the first read buffer; the
 * arguments and readers' contracts. */
START_TEST(test_files_and_arguments)
{
    iscg_dataset *ds = NULL;
    iscg_error e, errs[2];
    size_t n = 0;
    /* a directory opens but cannot be read: the reason is given */
    ck_assert_int_eq(iscg_dataset_load_file(&ds, "/", &e), ISCG_EIO);
    ck_assert_str_eq(e.text, "/: cannot be read as a dataset: Is a directory");
    ck_assert_int_eq(e.sys_errno, EISDIR);
    ck_assert_int_eq(iscg_dataset_load_file(&ds, NULL, &e), ISCG_EIO);
    ck_assert_str_eq(e.text, "(null): cannot be read: no file given");
    ck_assert_int_eq(iscg_dataset_validate_file(NULL, 0, &n, "/nonexistent/iscg.json"), ISCG_EIO);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(iscg_dataset_validate_file(NULL, 2, &n, "/nonexistent/iscg.json"), ISCG_EINVAL);
    ck_assert_int_eq(iscg_dataset_validate_string(NULL, 2, &n, MINI, NULL), ISCG_EINVAL);
    ck_assert_int_eq(iscg_dataset_validate_string(errs, 2, &n, NULL, NULL), ISCG_EINVAL);
    ck_assert_int_eq(iscg_dataset_load_file(NULL, "/", &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_dataset_load_embedded(NULL, &e), ISCG_EINVAL);
    ck_assert_ptr_null(ds);

    /* 100 000 bytes of extension: more than the loader's first buffer */
    size_t pad = 100000;
    char *big = malloc(pad + 64);
    ck_assert_ptr_nonnull(big);
    size_t nlead = (size_t)snprintf(big, 64, "\"version\": 1, \"x-padding\": \"");
    memset(big + nlead, 'x', pad);
    memcpy(big + nlead + pad, "\",", sizeof "\",");
    char *doc = broken("\"version\": 1,", big);
    char path[] = "/tmp/iscg-big-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    ck_assert_int_ge(fputs(doc, f), 0);
    ck_assert_int_eq(fclose(f), 0);
    ck_assert_msg(iscg_dataset_load_file(&ds, path, &e) == 0, "%s", e.text);
    ck_assert_uint_eq(iscg_registry_party_count(iscg_dataset_registry(ds)), 2);
    ck_assert_int_eq(iscg_dataset_validate_file(errs, 2, &n, path), 0);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(remove(path), 0);
    ck_assert_int_eq(iscg_dataset_save_file(ds, NULL, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "path");
    if (access("/dev/full", W_OK) == 0) { /* a device is written in place, never replaced */
        ck_assert_int_eq(iscg_dataset_save_file(ds, "/dev/full", &e), ISCG_EIO);
        ck_assert_str_eq(e.text, "/dev/full: cannot be written: No space left on device");
        ck_assert_int_eq(e.sys_errno, ENOSPC);
        struct stat st;
        ck_assert_int_eq(stat("/dev/full", &st), 0);
        ck_assert(S_ISCHR(st.st_mode));
    }
    ck_assert_str_eq(iscg_dataset_title(ds), ""); /* MINI has none */
    iscg_dataset_free(ds);
    free(doc);
    free(big);

    /* the readers accept NULL */
    iscg_dataset_budget b;
    ck_assert_str_eq(iscg_dataset_title(NULL), "");
    ck_assert_ptr_null(iscg_dataset_registry(NULL));
    ck_assert_ptr_null(iscg_dataset_registry_mutable(NULL));
    ck_assert_ptr_null(iscg_dataset_stats(NULL));
    ck_assert_uint_eq(iscg_dataset_budget_count(NULL), 0);
    ck_assert_uint_eq(iscg_dataset_note_count(NULL), 0);
    ck_assert_ptr_null(iscg_dataset_note(NULL, 0));
    ck_assert_int_eq(iscg_dataset_budget_get(&b, NULL, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_dataset_budget_get(NULL, NULL, 0), ISCG_EINVAL);
}
END_TEST

/* Large files are read piece by piece (each top-level member, each item of
 * the five arrays): whatever the order of the members, whatever the strings
 * hold, and with jansson's own message, line and column for a broken text. */
START_TEST(test_read_piecewise)
{
    /* the top-level members in any order: every array is read after those it depends on */
    expect_same_read_piecewise(
        "{\n"
        "  \"conventions\": [\n"
        "    {\"id\": \"c\", \"post\": \"p\", \"start\": \"2023-01-01\", \"months\": 12, \"cost\": \"300.00\",\n"
        "     \"daycount\": \"MONTHS_WHOLE\", \"rounding\": {\"unit\": \"CENT\", \"mode\": \"DOWN\", \"remainder\": \"NONE\"},\n"
        "     \"sides\": [{\"name\": \"All\", \"rule\": \"REMAINDER\", \"split\": {\"unit\": \"CENT\", \"mode\": \"DOWN\", "
        "\"remainder\": \"NONE\"}, \"funders\": [{\"party\": \"cc\"}]}]}\n"
        "  ],\n"
        "  \"activity\": [{\"post\": \"p\", \"granularity\": \"YEAR\", \"start\": \"2022-01-01\", \"referrals\": 3}],\n"
        "  \"posts\": [{\"id\": \"p\", \"label\": \"P\", \"kind\": \"ISG\", \"carrier\": \"cc\"}],\n"
        "  \"budget_lines\": [{\"operation\": \"C02\", \"payer\": \"cc\", \"year\": 2023, \"credits\": \"100\", "
        "\"available\": \"50\"}],\n"
        "  \"parties\": [{\"id\": \"cc\", \"kind\": \"EPCI\", \"name\": \"CC\"}],\n"
        "  \"version\": 1, \"format\": \"iscg-dataset\"\n"
        "}\n",
        0);
    /* strings holding escaped quotes, brackets and backslashes, inside items and between them */
    char *doc = broken("\"name\": \"CC\"}", "\"name\": \"C\\\"]}[{C\\\\\", \"x-note\": \"}]\\\"\"}");
    expect_same_read_piecewise(doc, 0);
    char *big = padded(doc);
    iscg_dataset *ds;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_string(&ds, big, "big.json", &e) == 0, "%s", e.text);
    iscg_party_kind kind;
    const char *name = NULL;
    ck_assert_int_eq(iscg_party_get(&kind, &name, iscg_dataset_registry(ds), "cc", &e), 0);
    ck_assert_str_eq(name, "C\"]}[{C\\");
    iscg_dataset_free(ds);
    free(big);
    free(doc);
    /* broken texts: the message, line and column of jansson's whole parse */
    static const struct {
        const char *from, *to;
    } breaks[] = {
        {"\"ISG P\", ", "\"ISG P\" "},                                       /* a missing comma in an item */
        {"\"cc\"}\n  ],", "\"cc\"} x\n  ],"},                                 /* garbage between items */
        {"\"cc\"}\n  ],", "\"cc\"},\n  ],"},                                  /* a trailing comma */
        {"\"cc\"}\n  ],", "\"cc\"}\n  ]"},                                    /* a missing comma between members */
        {"\"version\": 1,", "\"version\": 1,\n  \"posts\": [],"},              /* a duplicate member */
        {"\n}\n", "\n}\n}"},                                                  /* garbage after the document */
        {"\"posts\": [", "\"p\\u006fsts\": ["},                                /* an escaped member name */
        {"\"version\": 1,", "\"version\": 2,\n  \"activity\": [{\"post\": }],"}, /* unread arrays are checked */
        {"\"version\": 1,", "\"version\": 1, \"x-deep\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],"},
        {"{\"party\": \"cc\"}", "{\"party\": \"cc\", \"party\": \"cc\"}"},    /* a duplicate key inside an item */
        {"\"Etat\"", "\"Et\\u00e9\\u0000t\""},                                /* a NUL escape jansson refuses */
    };
    for (size_t i = 0; i < sizeof breaks / sizeof breaks[0]; i++) {
        doc = broken(breaks[i].from, breaks[i].to);
        iscg_dataset *whole = NULL;
        int rc = iscg_dataset_load_string(&whole, doc, "mini.json", &e);
        iscg_dataset_free(whole);
        expect_same_read_piecewise(doc, rc);
        free(doc);
    }
    /* text cut anywhere: never a crash, always jansson's message */
    for (size_t cut = 1; cut < strlen(MINI) - 1; cut += 61) {
        doc = strdup(MINI);
        ck_assert_ptr_nonnull(doc);
        doc[cut] = '\0';
        expect_same_read_piecewise(doc, ISCG_EPARSE);
        free(doc);
    }
}
END_TEST

/* ---- the piecewise reader against the plain one, and cancel functions ---- */

/* A growing text. */
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
        int len = t->s ? vsnprintf(t->s + t->n, t->cap - t->n, fmt, ap) : 0;
        va_end(ap);
        ck_assert_int_ge(len, 0);
        if (t->s && (size_t)len < t->cap - t->n) {
            t->n += (size_t)len;
            return;
        }
        t->cap = t->cap * 2 + (size_t)len + 1;
        t->s = realloc(t->s, t->cap);
        ck_assert_ptr_nonnull(t->s);
    }
}

/* A dataset of `posts` posts, each with its carrier, a convention that two
 * parties fund, a budget line and twelve monthly activity records (STAT-1),
 * one line per item: some MiB for a few thousand posts. Its first line is
 * "{" alone. */
static char *generated(int posts)
{
    struct text t = {NULL, 0, 0};
    const char *rule = "{\"unit\": \"CENT\", \"mode\": \"DOWN\", \"remainder\": \"NONE\"}";
    put(&t, "{\n\"format\": \"iscg-dataset\", \"version\": 1, \"title\": \"%d posts\",\n\"parties\": [\n", posts);
    put(&t, "{\"id\": \"etat\", \"kind\": \"STATE\", \"name\": \"Etat\"}");
    for (int i = 0; i < posts; i++)
        put(&t, ",\n{\"id\": \"cc%d\", \"kind\": \"EPCI\", \"name\": \"CC n°%d\", \"population\": %d}", i, i, 1000 + i);
    put(&t, "\n],\n\"posts\": [\n");
    for (int i = 0; i < posts; i++)
        put(&t, "%s{\"id\": \"p%d\", \"label\": \"ISG %d\", \"kind\": \"ISG\", \"carrier\": \"cc%d\"}", i ? ",\n" : "",
            i, i, i);
    put(&t, "\n],\n\"conventions\": [\n");
    for (int i = 0; i < posts; i++)
        put(&t,
            "%s{\"id\": \"c%d\", \"post\": \"p%d\", \"start\": \"2023-01-01\", \"months\": 12, \"cost\": %d, "
            "\"daycount\": \"MONTHS_WHOLE\", \"rounding\": %s, \"sides\": ["
            "{\"name\": \"FIPD\", \"rule\": \"FIXED\", \"amount\": \"%d.%02d\", \"split\": %s, \"funders\": [{\"party\": \"etat\"}]}, "
            "{\"name\": \"CC\", \"rule\": \"REMAINDER\", \"split\": %s, \"funders\": [{\"party\": \"cc%d\"}]}]}",
            i ? ",\n" : "", i, i, 3000000 + 7 * i, rule, 10000 + i, i % 100, rule, rule, i);
    put(&t, "\n],\n\"budget_lines\": [\n");
    for (int i = 0; i < posts; i++)
        put(&t, "%s{\"operation\": \"C%d\", \"payer\": \"cc%d\", \"year\": 2023, \"credits\": \"%d\", \"available\": \"%d\"}",
            i ? ",\n" : "", i, i, 20000 + i, 15000 + i);
    put(&t, "\n],\n\"activity\": [\n");
    for (int i = 0; i < posts; i++)
        for (int m = 1; m <= 12; m++)
            put(&t,
                "%s{\"post\": \"p%d\", \"granularity\": \"MONTH\", \"start\": \"2023-%02d-01\", \"women\": %d, \"men\": %d, "
                "\"children\": %d, \"referrals\": %d, \"interviews\": %d, \"vif\": \"%d.%02d\"}",
                i || m > 1 ? ",\n" : "", i, m, i % 7 + m, i % 5, m % 3, i % 7 + m + i % 5 + m % 3, 2 * m + i % 11,
                (i + m) % 100, m);
    put(&t, "\n]\n}\n");
    return t.s;
}

/* doc (an object whose first line is "{" alone) with a first member on
 * that line: an extension with a plain name, or with an escaped one, which
 * sends the loader to the plain reader. Both names are 10 bytes long, so
 * that every error keeps its line and column. */
static char *with_first_member(const char *doc, int escaped)
{
    ck_assert_int_eq(doc[0], '{');
    ck_assert_int_eq(doc[1], '\n');
    const char *member = escaped ? "{\"x-\\u0077\": 0," : "{\"x-abcdef\": 0,";
    size_t n = strlen(doc), m = strlen(member);
    char *s = malloc(n + m);
    ck_assert_ptr_nonnull(s);
    snprintf(s, n + m, "%s%s", member, doc + 1);
    return s;
}

static void expect_same_error(const iscg_error *a, const iscg_error *b)
{
    ck_assert_int_eq(b->code, a->code);
    ck_assert_str_eq(b->source, a->source);
    ck_assert_str_eq(b->field, a->field);
    ck_assert_int_eq(b->line, a->line);
    ck_assert_int_eq(b->column, a->column);
    ck_assert_str_eq(b->text, a->text);
}

/* The funding of each of the registry's conventions, as one text: the
 * figures, not only the model, must be the same both ways. */
static char *figures_of(const iscg_dataset *ds)
{
    struct text t = {NULL, 0, 0};
    const iscg_registry *r = iscg_dataset_registry(ds);
    put(&t, "%s;", iscg_dataset_title(ds));
    for (size_t i = 0; i < iscg_registry_convention_count(r); i++) {
        iscg_funding *f = NULL;
        iscg_error e;
        const char *id = iscg_registry_convention_id(r, i);
        int rc = iscg_funding_compute(&f, r, id, &e);
        put(&t, "%s %d:", id, rc);
        for (size_t k = 0; rc == 0 && k < iscg_funding_row_count(f); k++) {
            iscg_funding_row row;
            ck_assert_int_eq(iscg_funding_row_get(&row, f, k), 0);
            put(&t, " %s %s %lld", row.side, row.party, (long long)row.amount);
        }
        put(&t, ";");
        iscg_funding_free(f);
    }
    put(&t, "records %zu", iscg_stats_count(iscg_dataset_stats(ds)));
    return t.s;
}

/* A text of more than 1 MiB read piece by piece and by the plain reader
 * (its first member escaped) gives the same code, every error the same
 * (code, file, field, line, column, sentence), and when it loads the same
 * dataset: the same saved text and the same computed figures. */
static void expect_same_both_ways(const char *doc, int code)
{
    char *pieces = with_first_member(doc, 0), *whole = with_first_member(doc, 1);
    ck_assert_uint_ge(strlen(pieces), (size_t)1 << 20);
    iscg_dataset *one = NULL, *two = NULL;
    iscg_error a, b;
    int rc = iscg_dataset_load_string(&one, whole, "big.json", &a);
    ck_assert_msg(rc == code, "code %d, expected %d (%s)", rc, code, a.text);
    ck_assert_int_eq(iscg_dataset_load_string(&two, pieces, "big.json", &b), rc);
    if (rc != 0) {
        expect_same_error(&a, &b);
    } else {
        char *s1, *s2;
        ck_assert_int_eq(iscg_dataset_save_string(&s1, one, &a), 0);
        ck_assert_int_eq(iscg_dataset_save_string(&s2, two, &b), 0);
        ck_assert_str_eq(s1, s2);
        iscg_free(s1);
        iscg_free(s2);
        char *f1 = figures_of(one), *f2 = figures_of(two);
        ck_assert_str_eq(f1, f2);
        free(f1);
        free(f2);
        iscg_dataset_free(one);
        iscg_dataset_free(two);
    }
    iscg_error all1[16], all2[16];
    size_t n1 = 0, n2 = 0;
    ck_assert_int_eq(iscg_dataset_validate_string(all1, 16, &n1, whole, "big.json"), rc);
    ck_assert_int_eq(iscg_dataset_validate_string(all2, 16, &n2, pieces, "big.json"), rc);
    ck_assert_uint_eq(n1, n2);
    for (size_t i = 0; i < n1 && i < 16; i++)
        expect_same_error(&all1[i], &all2[i]);
    free(pieces);
    free(whole);
}

/* The two readers behind one loader (STAT-1, DATA-1): the embedded dataset,
 * a generated one of some MiB, and tricky ones give the same model, figures
 * and errors both ways. */
START_TEST(test_pieces_same_as_whole)
{
    /* the embedded dataset, padded past 1 MiB: the same model and figures */
    const char *embedded = iscg_dataset_embedded_text();
    char *big = padded(embedded);
    iscg_dataset *one = NULL, *two = NULL;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_string(&one, embedded, "pdc.json", &e) == 0, "%s", e.text);
    ck_assert_msg(iscg_dataset_load_string(&two, big, "pdc.json", &e) == 0, "%s", e.text);
    char *f1 = figures_of(one), *f2 = figures_of(two);
    ck_assert_str_eq(f1, f2);
    ck_assert_ptr_nonnull(strstr(f1, "records "));
    free(f1);
    free(f2);
    iscg_dataset_free(one);
    iscg_dataset_free(two);
    free(big);
    expect_same_read_piecewise(embedded, 0);

    /* a generated dataset of some MiB, valid, then broken deep inside */
    char *doc = generated(600);
    expect_same_both_ways(doc, 0);
    static const struct {
        const char *from, *to;
        int code;
    } breaks[] = {
        {"\"post\": \"p599\", \"granularity\": \"MONTH\", \"start\": \"2023-12-01\"",
         "\"post\": \"p600\", \"granularity\": \"MONTH\", \"start\": \"2023-12-01\"", ISCG_ENOTFOUND},
        {"{\"id\": \"c500\", \"post\": \"p500\"", "{\"id\": \"c500\", \"post\": \"p500\", \"x\": 1", ISCG_EPARSE},
        {"\"operation\": \"C234\", \"payer\": \"cc234\", \"year\": 2023, \"credits\": \"20234\"",
         "\"operation\": \"C234\", \"payer\": \"cc234\", \"year\": 2023, \"credits\": 21.5", ISCG_EPARSE},
        {"\"name\": \"CC n°400\"", "\"name\": 400", ISCG_EPARSE},
        {"{\"id\": \"p300\", \"label\": \"ISG 300\"", "{\"id\": \"p299\", \"label\": \"ISG 300\"", ISCG_EDUPLICATE},
        {"\"start\": \"2023-07-01\", \"women\": 7,", "\"start\": \"2023-07-02\", \"women\": 7,", ISCG_EDATE},
        {"\"referrals\": 13, \"interviews\": 12", "\"referrals\": 14, \"interviews\": 12", ISCG_ETOTAL},
        {"\"cc42\", \"kind\": \"EPCI\"", "\"cc42\", \"kind\": \"EPCI\", \"kind\": \"STATE\"", ISCG_EPARSE},
        {"\n]\n}\n", "\n],\n}\n", ISCG_EPARSE},
    };
    for (size_t i = 0; i < sizeof breaks / sizeof breaks[0]; i++) {
        char *bad = edited(doc, breaks[i].from, breaks[i].to);
        expect_same_both_ways(bad, breaks[i].code);
        free(bad);
    }
    /* several errors in one file: every one of them, in the same order */
    char *bad1 = edited(doc, "\"name\": \"CC n°10\"", "\"name\": 10");
    char *bad2 = edited(bad1, "\"post\": \"p599\", \"granularity\": \"MONTH\", \"start\": \"2023-12-01\"",
                        "\"post\": \"p599\", \"granularity\": \"MONTHS\", \"start\": \"2023-12-01\"");
    expect_same_both_ways(bad2, ISCG_EPARSE);
    free(bad1);
    free(bad2);
    free(doc);
}
END_TEST

/* A cancel function that asks to stop at its `at`-th call (never for 0),
 * counting its calls. */
struct canceller {
    int calls, at;
};

static int cancel_at(void *ctx)
{
    struct canceller *c = ctx;
    return ++c->calls == c->at;
}

/* A long load (ISCG_ECANCELED): its cancel function is polled while the
 * file is read and while it is loaded, by either reader; when it asks to
 * stop, the load frees all it built (the suite runs under valgrind) and
 * fails with one error that says so. */
START_TEST(test_load_canceled)
{
    char *doc = generated(600);
    for (int escaped = 0; escaped <= 1; escaped++) {
        char *text = with_first_member(doc, escaped);
        char path[] = "/tmp/iscg-cancel-XXXXXX";
        int fd = mkstemp(path);
        ck_assert_int_ge(fd, 0);
        size_t n = strlen(text);
        ck_assert_int_eq(write(fd, text, n), (ssize_t)n);
        ck_assert_int_eq(close(fd), 0);

        struct canceller c = {0, 0};
        iscg_load_options opts = ISCG_LOAD_OPTIONS_INIT;
        opts.cancel = cancel_at;
        opts.cancel_ctx = &c;
        iscg_dataset *ds = NULL;
        iscg_error e;
        ck_assert_msg(iscg_dataset_load_file_ext(&ds, path, &opts, &e) == 0, "%s", e.text);
        iscg_dataset_free(ds);
        const int polls = c.calls;
        /* polled after each 64 KiB of text or 64 Ki items: not less often, nor
         * much more (a Python caller takes its interpreter's lock for each) */
        ck_assert_int_ge(polls, (int)(n >> 16));
        ck_assert_int_le(polls, (int)(2 * (n >> 16) + 4));
        int ats[] = {1, 2, polls / 2, polls};
        for (size_t k = 0; k < sizeof ats / sizeof ats[0]; k++) {
            c.calls = 0;
            c.at = ats[k];
            ds = (iscg_dataset *)1;
            ck_assert_int_eq(iscg_dataset_load_file_ext(&ds, path, &opts, &e), ISCG_ECANCELED);
            ck_assert_ptr_eq(ds, (iscg_dataset *)1); /* untouched */
            ck_assert_int_eq(c.calls, ats[k]);       /* never asked again once it said stop */
            ck_assert_int_eq(e.code, ISCG_ECANCELED);
            ck_assert_str_eq(e.source, path);
            ck_assert_msg(strstr(e.text, "canceled") != NULL, "%s", e.text);
            /* a validation reports the cancellation as its one error */
            iscg_error errs[4];
            size_t count = 0;
            c.calls = 0;
            ds = NULL;
            ck_assert_int_eq(iscg_dataset_validate_file_ext(&ds, errs, 4, &count, path, &opts), ISCG_ECANCELED);
            ck_assert_ptr_null(ds);
            ck_assert_uint_eq(count, 1);
            ck_assert_int_eq(errs[0].code, ISCG_ECANCELED);
        }
        /* options of version 1, which have no cancel function, still load */
        iscg_load_options v1 = ISCG_LOAD_OPTIONS_INIT;
        v1.version = 1;
        v1.cancel = cancel_at; /* not read: with no context, it would crash */
        ck_assert_int_eq(iscg_dataset_load_file_ext(&ds, path, &v1, &e), 0);
        iscg_dataset_free(ds);
        v1.version = ISCG_LOAD_OPTIONS_VERSION + 1;
        ck_assert_int_eq(iscg_dataset_load_file_ext(&ds, path, &v1, &e), ISCG_EINVAL);
        ck_assert_str_eq(e.field, "version");
        ck_assert_int_eq(unlink(path), 0);
        free(text);
    }
    free(doc);
    ck_assert_str_eq(iscg_strerror(ISCG_ECANCELED), "canceled");
}
END_TEST

/* The same from a text (iscg_dataset_load_string_ext()): polled while it is
 * loaded, stopped at any poll with everything freed; a text longer than
 * max_size is refused before it is read; the options are checked as a
 * file's are. */
START_TEST(test_load_string_canceled)
{
    char *text = generated(600);
    size_t n = strlen(text);
    struct canceller c = {0, 0};
    iscg_load_options opts = ISCG_LOAD_OPTIONS_INIT;
    opts.cancel = cancel_at;
    opts.cancel_ctx = &c;
    iscg_dataset *ds = NULL;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_string_ext(&ds, text, "big", &opts, &e) == 0, "%s", e.text);
    iscg_dataset_free(ds);
    const int polls = c.calls;
    ck_assert_int_ge(polls, 2);
    int ats[] = {1, polls};
    for (size_t k = 0; k < sizeof ats / sizeof ats[0]; k++) {
        c.calls = 0;
        c.at = ats[k];
        ds = (iscg_dataset *)1;
        ck_assert_int_eq(iscg_dataset_load_string_ext(&ds, text, "big", &opts, &e), ISCG_ECANCELED);
        ck_assert_ptr_eq(ds, (iscg_dataset *)1);
        ck_assert_int_eq(c.calls, ats[k]);
        ck_assert_str_eq(e.source, "big");
    }
    ck_assert_int_eq(c.at, polls); /* the last run stopped at the last poll */
    /* max_size: the whole text may be read, one byte less may not */
    iscg_load_options sized = ISCG_LOAD_OPTIONS_INIT;
    sized.max_size = n;
    ck_assert_int_eq(iscg_dataset_load_string_ext(&ds, text, "big", &sized, &e), 0);
    iscg_dataset_free(ds);
    sized.max_size = n - 1;
    ck_assert_int_eq(iscg_dataset_load_string_ext(&ds, text, "big", &sized, &e), ISCG_ERANGE);
    ck_assert_str_eq(e.field, "max_size");
    ck_assert_msg(strstr(e.text, "big: larger than the limit of") != NULL, "%s", e.text);
    /* no options: the defaults; bad options and arguments: refused */
    ck_assert_int_eq(iscg_dataset_load_string_ext(&ds, text, NULL, NULL, &e), 0);
    iscg_dataset_free(ds);
    sized.max_size = 0;
    ck_assert_int_eq(iscg_dataset_load_string_ext(&ds, text, "big", &sized, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "max_size");
    sized = (iscg_load_options)ISCG_LOAD_OPTIONS_INIT;
    sized.version = 0;
    ck_assert_int_eq(iscg_dataset_load_string_ext(&ds, text, "big", &sized, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "version");
    ck_assert_int_eq(iscg_dataset_load_string_ext(&ds, NULL, "big", NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_dataset_load_string_ext(NULL, text, "big", NULL, &e), ISCG_EINVAL);
    free(text);
}
END_TEST

Suite *suite_dataset(void)
{
    Suite *s = suite_create("dataset");
    TCase *tc = tcase_create("core");
    /* the piecewise reader is checked on texts padded past 1 MiB: seconds under
     * the sanitizers, past Check's default 4 s on a busy machine */
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_load_mini);
    tcase_add_test(tc, test_amd3_scenarios_section);
    tcase_add_test(tc, test_amd3_scenarios_refused);
    tcase_add_test(tc, test_broken_files);
    tcase_add_test(tc, test_every_error_reported);
    tcase_add_test(tc, test_embedded_dataset);
    tcase_add_test(tc, test_round_trip);
    tcase_add_test(tc, test_loader_messages);
    tcase_add_test(tc, test_optional_forms_round_trip);
    tcase_add_test(tc, test_error_placed_after_nested_values);
    tcase_add_test(tc, test_files_and_arguments);
    tcase_add_test(tc, test_read_piecewise);
    tcase_add_test(tc, test_pieces_same_as_whole);
    tcase_add_test(tc, test_load_canceled);
    tcase_add_test(tc, test_load_string_canceled);
    tcase_add_test(tc, test_round1_every_unit_round_trips);
    tcase_add_test(tc, test_split1_split2_every_share_rule_in_a_file);
    suite_add_tcase(s, tc);
    return s;
}
