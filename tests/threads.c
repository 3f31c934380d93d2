/* SPDX-License-Identifier: Apache-2.0 */
/* Threads computing at once from one frozen registry (registry.h): every
 * thread computes each convention's plan and its parts of every year, each
 * party's receivables and the audit of the embedded dataset, round after
 * round, with and without one shared scenario (AMD-3), and must find what
 * one thread alone found. Run plainly by make
 * check, and under helgrind in CI, which reports any access to shared
 * memory that no lock or atomic orders (a cache, a static buffer, a
 * reference count updated without atomics).
 *
 * Usage: threads [rounds]   (default 8; CI's helgrind run uses 1) */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscg.h>

#define THREADS 4

static const iscg_registry *R;
static const iscg_scenario *S; /* shared by every thread too (AMD-3) */
static int rounds = 8;

/* Folds a value into a checksum that depends on the order of the values. */
static void fold(uint64_t *sum, int64_t v)
{
    *sum = (*sum ^ (uint64_t)v) * 1099511628211u;
}

/* Folds an explanation tree's rules, amounts and texts in, so that a race
 * on the trees' texts changes the sum too. */
static void fold_explain(uint64_t *sum, const iscg_explain *e)
{
    if (!e)
        return;
    fold(sum, iscg_explain_amount(e));
    for (const char *t = iscg_explain_text(e); *t; t++)
        fold(sum, *t);
    for (size_t i = 0; i < iscg_explain_child_count(e); i++)
        fold_explain(sum, iscg_explain_child(e, i));
}

/* One round of everything; 0 and the checksum, or the first failure. */
static int compute_all(uint64_t *sum)
{
    iscg_error e;
    int rc;
    *sum = 14695981039346656037u;
    for (size_t i = 0; i < iscg_registry_convention_count(R); i++) {
        const char *id = iscg_registry_convention_id(R, i);
        iscg_funding *f;
        if ((rc = iscg_funding_compute(&f, R, id, &e)) != 0) {
            fold(sum, rc); /* a terminated plan fails the same way each time */
            continue;
        }
        fold(sum, iscg_funding_total(f));
        fold_explain(sum, iscg_funding_explain(f));
        iscg_period p = iscg_funding_period(f);
        for (int y = p.start.year; y <= p.end.year; y++) {
            iscg_funding *part;
            if ((rc = iscg_funding_compute_part(&part, f, y, ISCG_DAYCOUNT_ACT_365F, &e)) != 0) {
                fprintf(stderr, "threads: %s in %d: %s\n", id, y, e.text);
                iscg_funding_free(f);
                return rc;
            }
            for (size_t k = 0; k < iscg_funding_row_count(part); k++) {
                iscg_funding_row row;
                if ((rc = iscg_funding_row_get(&row, part, k)) != 0) {
                    iscg_funding_free(part);
                    iscg_funding_free(f);
                    return rc;
                }
                fold(sum, row.amount);
            }
            iscg_funding_free(part);
        }
        iscg_funding_free(f);
    }
    for (size_t i = 0; i < iscg_registry_post_count(R); i++) {
        iscg_post_spec post;
        iscg_receivables *rv;
        if ((rc = iscg_post_get(&post, R, iscg_registry_post_id(R, i), &e)) != 0)
            return rc;
        rc = iscg_receivables_compute(&rv, R, post.carrier, 2023, &e);
        fold(sum, rc);
        if (rc == 0) {
            fold(sum, iscg_receivables_total(rv));
            iscg_receivables_free(rv);
        }
    }
    for (size_t i = 0; i < iscg_registry_convention_count(R); i++) {
        iscg_funding *f;
        rc = iscg_funding_compute_scenario(&f, R, S, iscg_registry_convention_id(R, i), &e);
        fold(sum, rc);
        if (rc == 0) {
            for (size_t k = 0; k < iscg_funding_row_count(f); k++) {
                iscg_funding_row row;
                if (iscg_funding_row_get(&row, f, k) != 0) /* in range: cannot fail */
                    break;
                fold(sum, row.amount);
            }
            fold_explain(sum, iscg_funding_explain(f));
            iscg_funding_free(f);
        }
    }
    iscg_audit *a;
    if ((rc = iscg_audit_run_scenario(&a, R, S, &e)) != 0)
        return rc;
    for (size_t i = 0; i < iscg_audit_count(a); i++) {
        iscg_finding fd;
        if ((rc = iscg_audit_get(&fd, a, i)) != 0) {
            iscg_audit_free(a);
            return rc;
        }
        fold(sum, fd.computed);
        fold_explain(sum, fd.explain);
    }
    iscg_audit_free(a);
    return 0;
}

static uint64_t expected;
/* One result read by every thread at once: its texts are rendered by
 * whichever thread reads them first (AUD-2), and every thread must find the
 * sum one thread found on another result of the same plan. */
static const iscg_funding *SHARED;
static uint64_t expected_shared;

static void *worker(void *arg)
{
    int *failed = arg;
    for (int n = 0; n < rounds && !*failed; n++) {
        uint64_t sum;
        if (compute_all(&sum) != 0 || sum != expected)
            *failed = 1;
        uint64_t shared = 14695981039346656037u;
        fold_explain(&shared, iscg_funding_explain(SHARED));
        if (shared != expected_shared)
            *failed = 1;
    }
    return NULL;
}

int main(int argc, char **argv)
{
    iscg_dataset *ds;
    iscg_error e;
    if (argc > 1)
        rounds = (int)strtol(argv[1], NULL, 10);
    if (iscg_dataset_load_embedded(&ds, &e) != 0) {
        fprintf(stderr, "threads: %s\n", e.text);
        return 1;
    }
    iscg_registry *r = iscg_dataset_registry_mutable(ds);
    if (iscg_registry_freeze(r) != 0 || !iscg_registry_frozen(r))
        return 1;
    R = r;
    /* a scenario: the State leaves CCCA from 1 July for CABBALR, and CCSA costs 45 000 */
    iscg_scenario *s;
    iscg_whatif w = ISCG_WHATIF_INIT, cost = ISCG_WHATIF_INIT;
    w.kind = ISCG_WHATIF_WITHDRAW;
    w.convention = "ccca-2023";
    w.party = "etat";
    w.replacement = "cabbalr";
    w.from = (iscg_date){2023, 7, 1};
    cost.kind = ISCG_WHATIF_COST;
    cost.convention = "ccsa-2023";
    cost.cost = 4500000;
    if (iscg_scenario_new(&s) != 0 || iscg_scenario_add(s, &w, &e) != 0 || iscg_scenario_add(s, &cost, &e) != 0)
        return 1;
    S = s;
    if (compute_all(&expected) != 0)
        return 1;
    iscg_funding *once, *shared;
    if (iscg_funding_compute_scenario(&once, R, S, "ccca-2023", &e) != 0)
        return 1;
    expected_shared = 14695981039346656037u;
    fold_explain(&expected_shared, iscg_funding_explain(once));
    iscg_funding_free(once);
    if (iscg_funding_compute_scenario(&shared, R, S, "ccca-2023", &e) != 0) /* no text read yet */
        return 1;
    SHARED = shared;

    pthread_t t[THREADS];
    int failed[THREADS] = {0};
    for (int i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], NULL, worker, &failed[i]) != 0)
            return 1;
    int bad = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        if (failed[i]) {
            fprintf(stderr, "threads: thread %d found other figures than one thread alone\n", i);
            bad = 1;
        }
    }
    /* a frozen registry is still frozen, and refuses a change */
    if (iscg_convention_set_cost(r, iscg_registry_convention_id(R, 0), 100, &e) != ISCG_ESTATE)
        bad = 1;
    iscg_funding_free(shared);
    iscg_dataset_free(ds);
    iscg_scenario_free(s);
    if (!bad)
        printf("threads: %d threads x %d rounds, the same figures as one thread\n", THREADS, rounds);
    return bad;
}
