/* SPDX-License-Identifier: Apache-2.0 */
/* Building a dataset by calls (dataset.h, "Building a dataset by calls"):
 * the Béthune convention of the embedded Pas-de-Calais dataset built from
 * nothing gives the file's figures, saves and loads back to them; and every
 * refusal of the builder. */
#include <stdlib.h>
#include <string.h>

#include <iscg.h>

#include "suites.h"

#define OK(call)                                                                                   \
    do {                                                                                           \
        iscg_error e_;                                                                             \
        int rc_ = (call);                                                                          \
        ck_assert_msg(rc_ == 0, "%s: %s (%s)", #call, iscg_strerror(rc_), rc_ ? e_.text : "");    \
    } while (0)

static iscg_allocation_rule euro_down(void)
{
    iscg_allocation_rule r = ISCG_ALLOCATION_RULE_INIT;
    r.unit = ISCG_EURO;
    r.rounding = ISCG_ROUND_DOWN;
    r.policy = ISCG_REMAINDER_NONE;
    return r;
}

static iscg_side_spec side(const char *name, iscg_share_rule rule, int64_t value)
{
    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.name = name;
    s.rule = rule;
    s.value = value;
    s.split = euro_down();
    return s;
}

/* The parties and the post of the Béthune convention (POST-1, POST-2). */
static iscg_dataset *bethune_parties_and_post(void)
{
    iscg_dataset *ds;
    iscg_error e;
    ck_assert_int_eq(iscg_dataset_new(&ds, "Béthune, built by calls", &e), 0);
    ck_assert_int_eq(iscg_dataset_frozen(ds), 0);
    iscg_registry *r = iscg_dataset_registry_mutable(ds);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "État (FIPD)", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(
        iscg_party_add(r, "dept", ISCG_PARTY_DEPARTEMENT, "Département du Pas-de-Calais", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(
        iscg_party_add(r, "cabbalr", ISCG_PARTY_EPCI, "CA Béthune-Bruay Artois Lys Romane", ISCG_UNKNOWN, &e), 0);
    iscg_post_spec p = ISCG_POST_SPEC_INIT;
    p.id = "isc-bethune";
    p.label = "ISC Artois";
    p.kind = ISCG_POST_ISC;
    p.carrier = "dept";
    p.sites = "Commissariat de Bethune";
    p.work_time_bp = 8000;
    ck_assert_int_eq(iscg_post_add(r, &p, &e), 0);
    return ds;
}

/* CP2023 annex 3: 52 510 € for 3 Dec 2022 - 2 Dec 2023, FIPD 17 500 fixed,
 * the agglomeration 17 500 fixed, the Département the remainder (SPLIT-2). */
static void add_bethune_convention(iscg_dataset *ds)
{
    iscg_registry *r = iscg_dataset_registry_mutable(ds);
    iscg_error e;
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = "bethune-2023";
    c.post = "isc-bethune";
    ck_assert_int_eq(iscg_period_from_months(&c.period, (iscg_date){2022, 12, 3}, 12, &e), 0);
    c.cost = EUR(52510);
    c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
    c.rounding = euro_down();
    c.source = "CP2023 annex 3, art. 7";
    ck_assert_int_eq(iscg_convention_add(r, &c, &e), 0);
    ck_assert_int_eq(iscg_convention_claim_equal(r, c.id, "CP2023 report: tripartite et égalitaire", &e), 0);
    iscg_clauses cl = ISCG_CLAUSES_INIT;
    cl.notice_months = 3;
    cl.activity_reports = ISCG_CADENCE_MONTHLY;
    cl.annual_report = 1;
    cl.steering_committee = 1;
    ck_assert_int_eq(iscg_convention_set_clauses(r, c.id, &cl, &e), 0);
    iscg_side_spec fipd = side("FIPD", ISCG_SHARE_FIXED, EUR(17500)), epci = side("EPCI", ISCG_SHARE_FIXED, EUR(17500)),
                   dept = side("Département", ISCG_SHARE_REMAINDER, 0);
    ck_assert_int_eq(iscg_convention_add_side(r, c.id, &fipd, &e), 0);
    ck_assert_int_eq(iscg_convention_add_side(r, c.id, &epci, &e), 0);
    ck_assert_int_eq(iscg_convention_add_side(r, c.id, &dept, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, c.id, "FIPD", "etat", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, c.id, "EPCI", "cabbalr", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, c.id, "Département", "dept", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_state(r, c.id, "etat", EUR(17500), "CP2023 annex 2", &e), 0);
    ck_assert_int_eq(iscg_convention_state(r, c.id, "dept", EUR(17510), "CP2023 annex 2", &e), 0);
    ck_assert_int_eq(iscg_convention_state(r, c.id, "cabbalr", EUR(17500), "CP2023 annex 2", &e), 0);
}

/* Annex 1, 2022: the Béthune post's year (STAT-1). */
static iscg_activity bethune_2022(void)
{
    iscg_activity a;
    iscg_activity_init(&a);
    a.post = "isc-bethune";
    a.granularity = ISCG_STATS_YEAR;
    a.period = (iscg_period){{2022, 1, 1}, {2022, 12, 31}};
    a.women = 427;
    a.men = 68;
    a.children = 103;
    a.referrals = 598;
    a.interviews_physical = 398;
    a.interviews_telephone = 737;
    a.epci = 1;
    a.communes = 52;
    a.vif_basis_points = 6100;
    a.carrier = ISCG_ACTIVITY_CARRIER_DEPARTEMENT;
    a.force = ISCG_ACTIVITY_POLICE;
    a.territory = "Artois";
    return a;
}

/* The budget line of the CP2023 report, art. 27 (BUD-1). */
static iscg_dataset_budget c02_421k01(void)
{
    iscg_dataset_budget b = ISCG_DATASET_BUDGET_INIT;
    b.line.operation = "C02-421K01";
    b.line.imputation = "6568//934213";
    b.line.label = "Actions de lutte contre les violences intrafamiliales";
    b.line.payer = "dept";
    b.line.credits = EUR(172500);
    b.line.available = EUR(149800);
    b.year = 2023;
    b.has_stated_proposed = 1;
    b.stated_proposed = EUR(123687);
    b.source = "CP2023 report, art. 27";
    return b;
}

static iscg_dataset *bethune_built(void)
{
    iscg_dataset *ds = bethune_parties_and_post();
    add_bethune_convention(ds);
    iscg_activity a = bethune_2022();
    iscg_dataset_budget b = c02_421k01();
    OK(iscg_dataset_add_activity(ds, &a, &e_));
    OK(iscg_dataset_add_budget(ds, &b, &e_));
    OK(iscg_dataset_add_note(ds, "Béthune only, from CP2023 annexes 2 and 3.", &e_));
    return ds;
}

/* Each funder's row of @p id in @p ds: party, side, amount, stated. */
static void ck_same_plan(const iscg_dataset *built, const iscg_dataset *file, const char *id)
{
    iscg_funding *a, *b;
    OK(iscg_funding_compute(&a, iscg_dataset_registry(built), id, &e_));
    OK(iscg_funding_compute(&b, iscg_dataset_registry(file), id, &e_));
    ck_assert_uint_eq(iscg_funding_row_count(a), iscg_funding_row_count(b));
    ck_assert_int_eq(iscg_funding_total(a), iscg_funding_total(b));
    for (size_t i = 0; i < iscg_funding_row_count(a); i++) {
        iscg_funding_row x, y;
        ck_assert_int_eq(iscg_funding_row_get(&x, a, i), 0);
        ck_assert_int_eq(iscg_funding_row_get(&y, b, i), 0);
        ck_assert_str_eq(x.party, y.party);
        ck_assert_str_eq(x.side, y.side);
        ck_assert_int_eq(x.amount, y.amount);
        ck_assert_int_eq(x.has_stated, y.has_stated);
        ck_assert_int_eq(x.stated, y.stated);
    }
    iscg_funding_free(a);
    iscg_funding_free(b);
}

static iscg_cents amount_of(const iscg_dataset *ds, const char *id, const char *party)
{
    iscg_funding *f;
    iscg_funding_row row;
    OK(iscg_funding_compute(&f, iscg_dataset_registry(ds), id, &e_));
    int i = iscg_funding_find(f, party);
    ck_assert_int_ge(i, 0);
    ck_assert_int_eq(iscg_funding_row_get(&row, f, (size_t)i), 0);
    iscg_funding_free(f);
    return row.amount;
}

START_TEST(test_bethune_built_by_calls_gives_the_file_figures)
{
    /* SPLIT-2: 17 500 + 17 500 fixed, the Département 52 510 - 35 000 = 17 510 */
    iscg_dataset *ds = bethune_built(), *file;
    OK(iscg_dataset_load_embedded(&file, &e_));
    ck_assert_int_eq(amount_of(ds, "bethune-2023", "dept"), EUR(17510));
    ck_assert_int_eq(amount_of(ds, "bethune-2023", "etat"), EUR(17500));
    ck_assert_int_eq(amount_of(ds, "bethune-2023", "cabbalr"), EUR(17500));
    OK(iscg_dataset_freeze(ds, &e_));
    ck_assert_int_eq(iscg_dataset_frozen(ds), 1);
    OK(iscg_dataset_freeze(ds, &e_)); /* twice is harmless */
    ck_same_plan(ds, file, "bethune-2023");
    ck_assert_str_eq(iscg_dataset_title(ds), "Béthune, built by calls");
    ck_assert_uint_eq(iscg_dataset_note_count(ds), 1);
    ck_assert_uint_eq(iscg_stats_count(iscg_dataset_stats(ds)), 1);

    /* the budget line, as the file states it (BUD-1) */
    iscg_dataset_budget x, y;
    ck_assert_int_eq(iscg_dataset_budget_get(&x, ds, 0), 0);
    ck_assert_int_eq(iscg_dataset_budget_get(&y, file, 0), 0);
    ck_assert_str_eq(x.line.operation, y.line.operation);
    ck_assert_str_eq(x.line.imputation, y.line.imputation);
    ck_assert_str_eq(x.line.payer, y.line.payer);
    ck_assert_int_eq(x.line.credits, y.line.credits);
    ck_assert_int_eq(x.line.available, y.line.available);
    ck_assert_int_eq(x.stated_proposed, EUR(123687));
    ck_assert_int_eq(x.year, 2023);

    /* the activity record, as the file has it (STAT-1) */
    iscg_activity ra, rb;
    iscg_activity_init(&rb);
    ck_assert_int_eq(iscg_stats_get(&ra, iscg_dataset_stats(ds), 0), 0);
    const iscg_stats *fs = iscg_dataset_stats(file);
    size_t k = 0;
    while (k < iscg_stats_count(fs) && (iscg_stats_get(&rb, fs, k) != 0 || strcmp(rb.post, "isc-bethune") != 0))
        k++;
    ck_assert_uint_lt(k, iscg_stats_count(fs));
    ck_assert_int_eq(ra.referrals, rb.referrals);
    ck_assert_int_eq(ra.women, rb.women);
    ck_assert_int_eq(ra.vif_basis_points, rb.vif_basis_points);
    ck_assert_int_eq(ra.interviews, rb.interviews); /* derived alike */

    /* the audit finds what the file's finds for this convention: nothing
     * beyond the stated amounts, which agree */
    iscg_audit *au;
    OK(iscg_audit_run(&au, iscg_dataset_registry(ds), &e_));
    size_t findings = iscg_audit_count(au);
    iscg_audit_free(au);

    /* saved, then loaded back: the same figures */
    char *text;
    OK(iscg_dataset_save_string(&text, ds, &e_));
    iscg_dataset *back;
    OK(iscg_dataset_load_string(&back, text, "built.json", &e_));
    ck_same_plan(back, ds, "bethune-2023");
    ck_assert_str_eq(iscg_dataset_title(back), "Béthune, built by calls");
    ck_assert_str_eq(iscg_dataset_note(back, 0), "Béthune only, from CP2023 annexes 2 and 3.");
    ck_assert_uint_eq(iscg_dataset_budget_count(back), 1);
    ck_assert_uint_eq(iscg_stats_count(iscg_dataset_stats(back)), 1);
    ck_assert_int_eq(iscg_dataset_frozen(back), 1);
    OK(iscg_audit_run(&au, iscg_dataset_registry(back), &e_));
    ck_assert_uint_eq(iscg_audit_count(au), findings);
    iscg_audit_free(au);
    char *again;
    OK(iscg_dataset_save_string(&again, back, &e_));
    ck_assert_str_eq(again, text);
    iscg_free(again);
    iscg_free(text);
    iscg_dataset_free(back);
    iscg_dataset_free(file);
    iscg_dataset_free(ds);
}
END_TEST

START_TEST(test_a_frozen_dataset_takes_nothing_more)
{
    iscg_dataset *ds = bethune_built(), *file;
    iscg_error e;
    OK(iscg_dataset_freeze(ds, &e_));
    iscg_activity a = bethune_2022();
    a.period = (iscg_period){{2021, 1, 1}, {2021, 12, 31}};
    iscg_dataset_budget b = c02_421k01();
    ck_assert_int_eq(iscg_dataset_add_note(ds, "late", &e), ISCG_ESTATE);
    ck_assert_ptr_nonnull(strstr(e.text, "frozen"));
    ck_assert_int_eq(iscg_dataset_add_budget(ds, &b, &e), ISCG_ESTATE);
    ck_assert_int_eq(iscg_dataset_add_activity(ds, &a, &e), ISCG_ESTATE);
    iscg_stats *more;
    ck_assert_int_eq(iscg_stats_new(&more), 0);
    ck_assert_int_eq(iscg_dataset_add_activities(ds, more, &e), ISCG_ESTATE);
    iscg_stats_free(more);
    ck_assert_int_eq(iscg_party_add(iscg_dataset_registry_mutable(ds), "x", ISCG_PARTY_OTHER, "X", ISCG_UNKNOWN, &e),
                     ISCG_ESTATE);
    ck_assert_uint_eq(iscg_dataset_note_count(ds), 1);
    ck_assert_uint_eq(iscg_dataset_budget_count(ds), 1);
    ck_assert_uint_eq(iscg_stats_count(iscg_dataset_stats(ds)), 1);
    /* a loaded dataset is frozen already */
    OK(iscg_dataset_load_embedded(&file, &e_));
    ck_assert_int_eq(iscg_dataset_frozen(file), 1);
    OK(iscg_dataset_freeze(file, &e_));
    ck_assert_int_eq(iscg_dataset_add_note(file, "late", &e), ISCG_ESTATE);
    iscg_dataset_free(file);
    iscg_dataset_free(ds);
}
END_TEST

START_TEST(test_builder_refusals_name_the_field)
{
    iscg_dataset *ds = bethune_parties_and_post();
    iscg_error e;
    iscg_dataset *none = (iscg_dataset *)1;
    ck_assert_int_eq(iscg_dataset_new(NULL, "t", &e), ISCG_EINVAL);
    char *long_title = malloc(ISCG_DATASET_MAX_TEXT + 2);
    ck_assert_ptr_nonnull(long_title);
    memset(long_title, 'a', ISCG_DATASET_MAX_TEXT + 1);
    long_title[ISCG_DATASET_MAX_TEXT + 1] = '\0';
    ck_assert_int_eq(iscg_dataset_new(&none, long_title, &e), ISCG_ERANGE);
    ck_assert_ptr_null(none);
    ck_assert_str_eq(e.field, "title");
    ck_assert_int_eq(iscg_dataset_add_note(ds, long_title, &e), ISCG_ERANGE);
    ck_assert_str_eq(e.field, "note");
    free(long_title);
    for (int i = 0; i < ISCG_DATASET_MAX_NOTES; i++) /* the most notes a file may have */
        OK(iscg_dataset_add_note(ds, "n", &e_));
    ck_assert_int_eq(iscg_dataset_add_note(ds, "one too many", &e), ISCG_ERANGE);
    ck_assert_str_eq(e.field, "notes");
    ck_assert_uint_eq(iscg_dataset_note_count(ds), ISCG_DATASET_MAX_NOTES);
    ck_assert_str_eq(iscg_dataset_note(ds, ISCG_DATASET_MAX_NOTES - 1), "n");
    OK(iscg_dataset_new(&none, NULL, &e_)); /* no title: "" */
    ck_assert_str_eq(iscg_dataset_title(none), "");
    iscg_dataset_free(none);

    /* NULL arguments */
    iscg_activity a = bethune_2022();
    iscg_dataset_budget b = c02_421k01();
    ck_assert_int_eq(iscg_dataset_add_note(NULL, "n", &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_dataset_add_note(ds, NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_dataset_add_budget(ds, NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_dataset_add_activity(ds, NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_dataset_add_activities(ds, NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_dataset_add_activity(NULL, &a, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_dataset_freeze(NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_dataset_frozen(NULL), 0);

    /* budget lines (BUD-1): each field named */
    b.line.payer = "nobody";
    ck_assert_int_eq(iscg_dataset_add_budget(ds, &b, &e), ISCG_ENOTFOUND);
    ck_assert_str_eq(e.field, "payer");
    ck_assert_ptr_nonnull(strstr(e.text, "nobody"));
    b.line.payer = NULL;
    ck_assert_int_eq(iscg_dataset_add_budget(ds, &b, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "payer");
    b = c02_421k01();
    b.line.operation = "";
    ck_assert_int_eq(iscg_dataset_add_budget(ds, &b, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "operation");
    b = c02_421k01();
    b.year = 0;
    ck_assert_int_eq(iscg_dataset_add_budget(ds, &b, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "year");
    ck_assert_str_eq(e.source, "C02-421K01");
    b = c02_421k01();
    b.line.credits = ISCG_UNKNOWN;
    ck_assert_int_eq(iscg_dataset_add_budget(ds, &b, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "credits");
    b = c02_421k01();
    b.line.available = ISCG_UNKNOWN;
    ck_assert_int_eq(iscg_dataset_add_budget(ds, &b, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "available");
    b = c02_421k01();
    b.stated_proposed = ISCG_UNKNOWN;
    ck_assert_int_eq(iscg_dataset_add_budget(ds, &b, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "stated_proposed");
    char op[ISCG_DATASET_MAX_NAME + 2];
    memset(op, 'o', sizeof op - 1);
    op[sizeof op - 1] = '\0';
    b = c02_421k01();
    b.line.operation = op;
    ck_assert_int_eq(iscg_dataset_add_budget(ds, &b, &e), ISCG_ERANGE);
    ck_assert_uint_eq(iscg_dataset_budget_count(ds), 0);
    char *long_label = malloc(ISCG_DATASET_MAX_TEXT + 2);
    ck_assert_ptr_nonnull(long_label);
    memset(long_label, 'l', ISCG_DATASET_MAX_TEXT + 1);
    long_label[ISCG_DATASET_MAX_TEXT + 1] = '\0';
    b = c02_421k01();
    b.line.label = long_label;
    ck_assert_int_eq(iscg_dataset_add_budget(ds, &b, &e), ISCG_ERANGE);
    ck_assert_str_eq(e.field, "label");
    free(long_label);
    ck_assert_uint_eq(iscg_dataset_budget_count(ds), 0);
    /* a line without the optional texts or a stated proposal */
    b = c02_421k01();
    b.line.imputation = b.line.label = b.source = NULL;
    b.has_stated_proposed = 0;
    OK(iscg_dataset_add_budget(ds, &b, &e_));
    iscg_dataset_budget got;
    ck_assert_int_eq(iscg_dataset_budget_get(&got, ds, 0), 0);
    ck_assert_ptr_null(got.line.label);
    ck_assert_int_eq(got.has_stated_proposed, 0);
    /* lines of several years: the array grows past its first 8 */
    for (int y = 2010; y < 2030; y++) {
        b = c02_421k01();
        b.year = y;
        OK(iscg_dataset_add_budget(ds, &b, &e_));
    }
    ck_assert_uint_eq(iscg_dataset_budget_count(ds), 21);
    ck_assert_int_eq(iscg_dataset_budget_get(&got, ds, 20), 0);
    ck_assert_int_eq(got.year, 2029);
    ck_assert_str_eq(got.line.label, "Actions de lutte contre les violences intrafamiliales");

    /* activity (STAT-1): a post of the dataset, no overlap */
    a.post = "isc-nowhere";
    ck_assert_int_eq(iscg_dataset_add_activity(ds, &a, &e), ISCG_ENOTFOUND);
    ck_assert_str_eq(e.field, "post");
    ck_assert_ptr_nonnull(strstr(e.text, "isc-nowhere"));
    a = bethune_2022();
    OK(iscg_dataset_add_activity(ds, &a, &e_));
    ck_assert_int_eq(iscg_dataset_add_activity(ds, &a, &e), ISCG_EDUPLICATE);
    a.women = 1; /* STAT-2: 1 + 68 + 103 is not 598 */
    a.period = (iscg_period){{2021, 1, 1}, {2021, 12, 31}};
    ck_assert_int_ne(iscg_dataset_add_activity(ds, &a, &e), 0);
    ck_assert_uint_eq(iscg_stats_count(iscg_dataset_stats(ds)), 1);

    /* many records: all or nothing, the refused one's index named */
    iscg_stats *more;
    ck_assert_int_eq(iscg_stats_new(&more), 0);
    iscg_activity m = bethune_2022();
    m.period = (iscg_period){{2020, 1, 1}, {2020, 12, 31}};
    ck_assert_int_eq(iscg_stats_add(more, &m, &e), 0);
    m = bethune_2022(); /* overlaps the record held */
    ck_assert_int_eq(iscg_stats_add(more, &m, &e), 0);
    ck_assert_int_eq(iscg_dataset_add_activities(ds, more, &e), ISCG_EDUPLICATE);
    /* the sentence starts with the index, not with the name of the post glued to it */
    ck_assert_msg(strncmp(e.text, "record 1: ", 10) == 0, "%s", e.text);
    ck_assert_uint_eq(iscg_stats_count(iscg_dataset_stats(ds)), 1);
    iscg_stats_free(more);
    ck_assert_int_eq(iscg_stats_new(&more), 0);
    m.post = "isg-nowhere"; /* a collection does not know the dataset's posts */
    ck_assert_int_eq(iscg_stats_add(more, &m, &e), 0);
    ck_assert_int_eq(iscg_dataset_add_activities(ds, more, &e), ISCG_ENOTFOUND);
    ck_assert_msg(strncmp(e.text, "record 0: ", 10) == 0, "%s", e.text);
    ck_assert_str_eq(e.field, "post");
    iscg_stats_free(more);
    ck_assert_int_eq(iscg_stats_new(&more), 0);
    for (int y = 2019; y <= 2021; y++) {
        m = bethune_2022();
        m.period = (iscg_period){{y, 1, 1}, {y, 12, 31}};
        ck_assert_int_eq(iscg_stats_add(more, &m, &e), 0);
    }
    OK(iscg_dataset_add_activities(ds, more, &e_));
    iscg_stats_free(more);
    ck_assert_uint_eq(iscg_stats_count(iscg_dataset_stats(ds)), 4);

    /* the registry's own refusals: duplicates and unknown identifiers */
    iscg_registry *r = iscg_dataset_registry_mutable(ds);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, &e), ISCG_EDUPLICATE);
    iscg_post_spec p = ISCG_POST_SPEC_INIT;
    p.id = "isc-x";
    p.label = "ISC X";
    p.carrier = "nobody";
    ck_assert_int_eq(iscg_post_add(r, &p, &e), ISCG_ENOTFOUND);
    iscg_dataset_free(ds);
}
END_TEST

START_TEST(test_freeze_checks_as_a_load_does)
{
    /* SPLIT-7: a plan that does not balance is refused at the freeze, as
     * the loader refuses its file, and the dataset stays open */
    iscg_dataset *ds = bethune_parties_and_post();
    iscg_registry *r = iscg_dataset_registry_mutable(ds);
    iscg_error e;
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = "c";
    c.post = "isc-bethune";
    c.period = (iscg_period){{2023, 1, 1}, {2023, 12, 31}};
    c.cost = EUR(30000);
    c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
    c.rounding = euro_down();
    ck_assert_int_eq(iscg_convention_add(r, &c, &e), 0);
    ck_assert_int_eq(iscg_dataset_freeze(ds, &e), ISCG_ESTATE); /* no side yet */
    ck_assert_ptr_nonnull(strstr(e.text, "no funding plan"));
    iscg_side_spec s1 = side("Etat", ISCG_SHARE_PERCENT, 10000), s2 = side("Dept", ISCG_SHARE_PERCENT, 10000);
    ck_assert_int_eq(iscg_convention_add_side(r, "c", &s1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_side(r, "c", &s2, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "Etat", "etat", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "Dept", "dept", 1, &e), 0);
    ck_assert_int_eq(iscg_dataset_freeze(ds, &e), ISCG_ERANGE); /* 200 % of the cost */
    ck_assert_ptr_nonnull(strstr(e.text, "c"));
    ck_assert_int_eq(iscg_dataset_frozen(ds), 0);
    /* what the freeze refused the save still writes, and the load refuses alike */
    char *text;
    OK(iscg_dataset_save_string(&text, ds, &e_));
    iscg_dataset *back = NULL;
    ck_assert_int_eq(iscg_dataset_load_string(&back, text, "unbalanced.json", &e), ISCG_ERANGE);
    iscg_free(text);
    iscg_dataset_free(ds);
}
END_TEST

START_TEST(test_stated_figures_are_checked_and_kept_in_order)
{
    /* STAT-7: "598 referrals in 2022" for Béthune, "61 of 98 situations, 62.2 %" */
    iscg_dataset *ds = bethune_built();
    iscg_error e;
    iscg_stated share = ISCG_STATED_INIT, total = ISCG_STATED_INIT, got;
    share.kind = ISCG_STATED_SHARE;
    share.count = 61;
    share.of = 98;
    share.basis_points = 6220;
    share.decimals = 1;
    share.what = "situations";
    OK(iscg_dataset_add_stated(ds, &share, &e_));
    total.post = "isc-bethune";
    total.from = (iscg_date){2022, 1, 1};
    total.to = (iscg_date){2022, 12, 31};
    total.total = 598;
    total.source = "annex 1";
    OK(iscg_dataset_add_stated(ds, &total, &e_));
    ck_assert_uint_eq(iscg_dataset_stated_count(ds), 2);
    ck_assert_int_eq(iscg_dataset_stated_get(&got, ds, 0), 0); /* totals first */
    ck_assert_int_eq(got.kind, ISCG_STATED_TOTAL);
    ck_assert_str_eq(got.post, "isc-bethune");
    ck_assert_int_eq(got.total, 598);
    ck_assert_int_eq(iscg_dataset_stated_get(&got, ds, 1), 0);
    ck_assert_int_eq(got.kind, ISCG_STATED_SHARE);
    ck_assert_str_eq(got.what, "situations");
    ck_assert_int_eq(got.basis_points, 6220);

    /* each field named */
    iscg_stated bad = total;
    bad.measure = ISCG_ACTIVITY_VIF;
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "measure");
    bad = total;
    bad.granularity = (iscg_stats_granularity)42;
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "granularity");
    bad = total;
    bad.from = (iscg_date){2022, 2, 30};
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EDATE);
    ck_assert_str_eq(e.field, "from");
    bad = total;
    bad.to = (iscg_date){2022, 2, 30};
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EDATE);
    ck_assert_str_eq(e.field, "to");
    bad = total;
    bad.to = (iscg_date){2021, 12, 31};
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EDATE);
    ck_assert_str_eq(e.field, "to");
    bad = total;
    bad.total = -1;
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "total");
    bad = total;
    bad.post = "isc-nowhere";
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_ENOTFOUND);
    ck_assert_str_eq(e.field, "post");
    bad = share;
    bad.of = 0;
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "of");
    bad = share;
    bad.count = -1;
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "count");
    bad = share;
    bad.count = 99;
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_ERANGE);
    ck_assert_str_eq(e.field, "count");
    bad = share;
    bad.decimals = 3;
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "decimals");
    bad = share;
    bad.basis_points = 6225; /* not printable with one decimal */
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "basis_points");
    bad = share;
    bad.basis_points = 10010;
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EINVAL);
    bad = share;
    bad.rounding = ISCG_ROUND_UNSET;
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "rounding");
    /* the other side of each check: a negative measure, no label, a
     * percentage of 0 or 2 decimals out of range, a rounding outside the enum */
    bad = total;
    bad.measure = (iscg_activity_field)-1;
    bad.what = NULL;
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "measure");
    ck_assert_ptr_nonnull(strstr(e.text, "stated total: the measure"));
    bad = share;
    bad.what = NULL;
    bad.decimals = -1;
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "stated share: a percentage is printed with 0 to 2 decimals, not -1"));
    bad = share;
    bad.decimals = 0;
    bad.basis_points = 6220; /* 62.2 % has a decimal */
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "6220 basis points is not a percentage of 0 to 100 with 0 decimals"));
    bad = share;
    bad.decimals = 2;
    bad.basis_points = -1;
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "basis_points");
    bad = share;
    bad.rounding = (iscg_rounding)99;
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "rounding");
    bad = share;
    bad.kind = (iscg_stated_kind)7;
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &bad, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "kind");
    ck_assert_int_eq(iscg_dataset_add_stated(ds, NULL, &e), ISCG_EINVAL);
    ck_assert_uint_eq(iscg_dataset_stated_count(ds), 2);

    /* saved and loaded back: the same figures, checked alike */
    OK(iscg_dataset_freeze(ds, &e_));
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &share, &e), ISCG_ESTATE);
    char *text;
    OK(iscg_dataset_save_string(&text, ds, &e_));
    iscg_dataset *back;
    OK(iscg_dataset_load_string(&back, text, "built.json", &e_));
    ck_assert_uint_eq(iscg_dataset_stated_count(back), 2);
    ck_assert_int_eq(iscg_dataset_stated_get(&got, back, 1), 0);
    ck_assert_int_eq(got.basis_points, 6220);
    ck_assert_int_eq(got.decimals, 1);
    ck_assert_int_eq(got.count, 61);
    ck_assert_int_eq(iscg_dataset_stated_get(&got, back, 0), 0);
    ck_assert_int_eq(got.total, 598);
    iscg_free(text);
    iscg_dataset_free(back);
    iscg_dataset_free(ds);
}
END_TEST

Suite *suite_build(void)
{
    Suite *s = suite_create("build");
    TCase *t = tcase_create("build");
    tcase_add_test(t, test_bethune_built_by_calls_gives_the_file_figures);
    tcase_add_test(t, test_a_frozen_dataset_takes_nothing_more);
    tcase_add_test(t, test_builder_refusals_name_the_field);
    tcase_add_test(t, test_freeze_checks_as_a_load_does);
    tcase_add_test(t, test_stated_figures_are_checked_and_kept_in_order);
    suite_add_tcase(s, t);
    return s;
}
