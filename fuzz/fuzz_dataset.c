/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the dataset loader (doc/dataset.md).
 *
 * The input is JSON text given to iscg_dataset_load_string() and
 * iscg_dataset_validate_string(). Seeds: the embedded Pas-de-Calais dataset,
 * the test files and small variants (fuzz/corpus/dataset/); fuzz/dataset.dict
 * holds the schema's words.
 *
 * Invariants: a failed load leaves the output untouched and reports the code
 * it returns with a line and a column; validation returns the same code as
 * loading, counts errors exactly when there are some and reports the load's
 * error first; a loaded dataset saves, loads again and saves to the same
 * text ("saving and loading again gives the same dataset"); the plain sums of
 * its activity records, by every grouping and year, are the counts of the
 * table's group rows, or fail where the table fails; everything is freed (a
 * leak is a finding).
 *
 * It then computes on what it loaded, as compute.h describes: every plan,
 * whole and by year, with and without the dataset's scenario, receivables,
 * the audit, the budget lines and the reports, checking their invariants, and
 * reads the funding, receivables and audit results once the dataset is freed. */
#include "compute.h"

#define NAME "fuzz.json"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Saves ds, loads the text again and saves that: both texts must agree. */
static void check_round_trip(const iscg_dataset *ds)
{
    char *one = NULL, *two = NULL;
    iscg_dataset *again = NULL;
    iscg_error e;
    int rc = iscg_dataset_save_string(&one, ds, &e);
    FUZZ_CHECK(rc == 0 && one, "save gave %d: %s", rc, e.text);
    rc = iscg_dataset_load_string(&again, one, "saved.json", &e);
    FUZZ_CHECK(rc == 0, "a saved dataset does not load again (%d): %s\n%s", rc, e.text, one);
    rc = iscg_dataset_save_string(&two, again, &e);
    FUZZ_CHECK(rc == 0 && two, "saving again gave %d: %s", rc, e.text);
    FUZZ_CHECK(strcmp(one, two) == 0, "saving, loading and saving again changed the text:\n%s\n---\n%s", one, two);
    iscg_free(one);
    iscg_free(two);
    iscg_dataset_free(again);
}

/* The sums of s by `by` and year against the table's group rows. */
static void check_sums(const iscg_stats *s, iscg_stats_key by)
{
    iscg_stats_table *t = NULL;
    iscg_stats_sums *u = NULL;
    iscg_error e, f;
    int rt = iscg_stats_aggregate(&t, s, by, ISCG_PERIOD_YEAR, ISCG_ROUND_HALF_UP, &e);
    int ru = iscg_stats_sums_compute(&u, s, by, ISCG_PERIOD_YEAR, &f);
    if (ru != 0) { /* the table counts what the sums count, and more: it fails too, maybe first elsewhere */
        FUZZ_CHECK(rt != 0, "sums by %d: %d (%s), and the table is made", (int)by, ru, f.text);
        FUZZ_CHECK(!u, "sums made on failure");
    } else if (rt == 0) { /* else a share or rate of the table's failed */
        size_t groups = 0;
        for (size_t i = 0; i < iscg_stats_table_count(t); i++)
            groups += !iscg_stats_table_row(t, i)->is_total || by == ISCG_STATS_BY_ALL;
        FUZZ_CHECK(iscg_stats_sums_count(u) == groups, "%zu rows of sums for %zu rows", iscg_stats_sums_count(u),
                   groups);
        for (size_t i = 0; i < iscg_stats_sums_count(u); i++) {
            iscg_stats_sums_row r;
            FUZZ_CHECK(iscg_stats_sums_get(&r, u, i) == 0, "row %zu", i);
            const iscg_stats_row *row = iscg_stats_table_find(t, by == ISCG_STATS_BY_ALL ? NULL : r.key, r.period);
            FUZZ_CHECK(row && row->records == r.records && row->not_reported == r.not_reported &&
                           memcmp(row->count, r.count, sizeof r.count) == 0,
                       "the sums of %s differ from its table row", r.key);
        }
    }
    iscg_stats_sums_free(u);
    iscg_stats_table_free(t);
}

/* Computes everything on ds (compute.h) and frees it before the results. */
static void check_computations(iscg_dataset *ds)
{
    const iscg_registry *r = iscg_dataset_registry(ds);
    fuzz_kept kept;
    fuzz_compute_all(&kept, r, iscg_dataset_scenario(ds), NULL, 0);
    for (size_t i = 0; i < iscg_dataset_budget_count(ds); i++) {
        iscg_dataset_budget b;
        FUZZ_CHECK(iscg_dataset_budget_get(&b, ds, i) == 0, "budget line %zu", i);
        fuzz_check_budget(r, &b.line, b.year);
    }
    iscg_report_budget *rb = NULL;
    iscg_error e;
    fuzz_err_reset(&e);
    int rc = iscg_report_budget_compute(&rb, ds, 0, &e);
    FUZZ_STATUS(rc, e, "budget report");
    iscg_report_budget_free(rb);
    iscg_dataset_free(ds); /* the results hold the registry */
    fuzz_release(&kept);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    iscg_dataset *const untouched = (iscg_dataset *)&untouched;
    iscg_dataset *ds = untouched;
    iscg_error first;
    memset(&first, 0, sizeof first);

    int rc = iscg_dataset_load_string(&ds, text, NAME, &first);
    if (rc == 0) {
        FUZZ_CHECK(ds && ds != untouched, "no dataset");
        check_round_trip(ds);
        for (int by = 0; by < ISCG_STATS_KEY_COUNT; by++)
            check_sums(iscg_dataset_stats(ds), (iscg_stats_key)by);
        check_computations(ds);
    } else {
        /* any code but EIO (no file) and ENOMEM; EINVAL is the registry's for a
         * value it refuses (a work time of 0 %), passed on as documented */
        FUZZ_CHECK(rc < 0 && rc != ISCG_EIO && rc != ISCG_ENOMEM, "code %d", rc);
        FUZZ_CHECK(ds == untouched, "the output was written on failure");
        FUZZ_CHECK(first.code == rc, "report code %d for %d", first.code, rc);
        FUZZ_CHECK(first.text[0] != '\0' && strcmp(first.source, NAME) == 0, "report \"%s\" from \"%s\"",
                   first.text, first.source);
        FUZZ_CHECK(first.line >= 1 && first.column >= 1, "report at %d:%d: %s", first.line, first.column,
                   first.text);
    }

    iscg_error errors[4];
    size_t count = (size_t)-1, again = (size_t)-1;
    int vrc = iscg_dataset_validate_string(errors, sizeof errors / sizeof errors[0], &count, text, NAME);
    FUZZ_CHECK(vrc == rc, "validate gave %d, load gave %d", vrc, rc);
    FUZZ_CHECK((count == 0) == (rc == 0), "%zu errors for code %d", count, rc);
    if (count > 0)
        FUZZ_CHECK(errors[0].code == rc && strcmp(errors[0].text, first.text) == 0,
                   "validate's first error \"%s\", load's \"%s\"", errors[0].text, first.text);
    FUZZ_CHECK(iscg_dataset_validate_string(NULL, 0, &again, text, NAME) == rc && again == count,
               "validate without room counts %zu errors, with room %zu", again, count);

    free(text);
    return 0;
}
