/* SPDX-License-Identifier: Apache-2.0 */
/* Fault injection: makes the n-th allocation fail, for every n across a full
 * run (the embedded dataset loaded, every report computed, the dataset saved),
 * and checks that each run either fails cleanly with ISCG_ENOMEM and a message,
 * or absorbs the failure and gives exactly the results of a run without one;
 * that it never crashes; and that everything allocated during the run is freed.
 *
 * Allocations are intercepted by defining malloc, calloc, realloc and free in
 * this program: the dynamic linker binds every caller to these (libiscg,
 * jansson, and the C library's own strdup), which forward to glibc's
 * __libc_* functions. The program checks at start that calls from each of
 * them are seen. Only glibc offers those functions, and a sanitizer's
 * allocator cannot be bypassed, so elsewhere the test is skipped.
 *
 * jansson reports some failed allocations of its parser as syntax errors
 * ("invalid token near ..."), which libiscg cannot tell from a broken file:
 * for an allocation that fails inside json_loads() (which this program also
 * defines, to know when it runs) ISCG_EPARSE is accepted as well. jansson
 * 2.14 also drops a character of a long string when its lexer's buffer cannot
 * grow, and parses on (akheron/jansson#362): such a run is recognised by
 * comparing the tree with a second parse, and reported apart: libiscg
 * cannot detect it.
 *
 * Usage: faults [-v] [--step K] [--first N]: tries n = N, N+K, N+2K... (every
 * n by default; --step 50 under valgrind, which checks what the count cannot:
 * run it with --soname-synonyms=somalloc=nouserintercepts so that valgrind
 * leaves this program's malloc alone and tracks the __libc_* calls).
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscg.h>
#include <jansson.h>

#define SKIP 77
#define HARD_ERROR 99

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#define FAULTS_ENABLED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define FAULTS_ENABLED 0
#endif
#endif
#ifndef FAULTS_ENABLED
#define FAULTS_ENABLED 0
#endif

#if FAULTS_ENABLED

/* ---- the interposed allocator ------------------------------------------- */

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);
void __libc_free(void *p);

/* volatile: the C library declares strdup and others "leaf", never calling
 * back into this file, which here they do (through malloc): the compiler must
 * read the counts again after such a call. */
static volatile struct {
    int armed;     /* count (and maybe fail) allocations */
    long seen;     /* allocation calls since armed */
    long fail_at;  /* the call that fails, 0 for none */
    int injected;  /* 1 once it has failed */
    long live;     /* allocations minus frees since armed */
    int parsing;   /* inside json_loads() */
    int in_parse;  /* 1 if the failed allocation was made inside json_loads() */
    int corrupted; /* 1 if json_loads() absorbed it and returned a different tree */
} F;

static int should_fail(void)
{
    if (!F.armed)
        return 0;
    if (++F.seen != F.fail_at)
        return 0;
    F.injected = 1;
    F.in_parse = F.parsing;
    errno = ENOMEM;
    return 1;
}

void *malloc(size_t size)
{
    if (should_fail())
        return NULL;
    void *p = __libc_malloc(size);
    if (p && F.armed)
        F.live++;
    return p;
}

void *calloc(size_t nmemb, size_t size) /* the C library's parameter names */
{
    if (should_fail())
        return NULL;
    void *p = __libc_calloc(nmemb, size);
    if (p && F.armed)
        F.live++;
    return p;
}

void *realloc(void *ptr, size_t size)
{
    if (should_fail())
        return NULL;
    void *q = __libc_realloc(ptr, size);
    if (F.armed) {
        if (!ptr && q)
            F.live++;
        else if (ptr && size == 0 && !q) /* glibc frees the block */
            F.live--;
    }
    return q;
}

void free(void *ptr)
{
    if (ptr && F.armed)
        F.live--;
    __libc_free(ptr);
}

static long json_loads_calls;

json_t *json_loads(const char *input, size_t flags, json_error_t *error)
{
    static json_t *(*real)(const char *, size_t, json_error_t *);
    if (!real) {
        *(void **)&real = dlsym(RTLD_NEXT, "json_loads");
        if (!real) {
            fprintf(stderr, "faults: jansson's json_loads cannot be found: %s\n", dlerror());
            exit(HARD_ERROR);
        }
    }
    F.parsing++;
    json_loads_calls++;
    int injected = F.injected;
    json_t *root = real(input, flags, error);
    F.parsing--;
    if (root && F.injected && !injected) { /* the parse went on after the failure */
        int armed = F.armed;
        F.armed = 0;
        json_t *again = real(input, flags, NULL);
        F.corrupted = !json_equal(root, again);
        json_decref(again);
        F.armed = armed;
    }
    return root;
}

static void arm(long fail_at)
{
    F.seen = 0;
    F.fail_at = fail_at;
    F.injected = 0;
    F.in_parse = 0;
    F.corrupted = 0;
    F.live = 0;
    F.armed = 1;
}

static void disarm(void) { F.armed = 0; }

/* ---- results, summarised ------------------------------------------------ */

/* FNV-1a over every figure and sentence a run produces: a run that absorbs a
 * failed allocation must give exactly the same results as one without. */
static void mix(uint64_t *h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        *h = (*h ^ p[i]) * 1099511628211u;
}
static void mix_str(uint64_t *h, const char *s) { mix(h, s ? s : "(null)", strlen(s ? s : "(null)") + 1); }
static void mix_i64(uint64_t *h, int64_t v) { mix(h, &v, sizeof v); }

static void mix_explain(uint64_t *h, const iscg_explain *e)
{
    static char text[1 << 16];
    if (!e)
        return;
    int n = iscg_explain_render(text, sizeof text, e);
    mix_i64(h, n);
    mix_str(h, text);
}

/* The records of f's trace (AUD-2) into the digest; and each record's text,
 * rendered when first read: out of memory it is "" and nothing leaks, so it
 * is read, not mixed. */
static void mix_trace(uint64_t *h, const iscg_funding *f)
{
    for (size_t i = 0; i < iscg_funding_trace_count(f); i++) {
        iscg_trace_record rec;
        mix_i64(h, iscg_funding_trace_get(&rec, f, i));
        mix_i64(h, rec.kind);
        mix_i64(h, rec.amount);
        mix_i64(h, (int64_t)rec.parent);
        mix_str(h, rec.rule);
        (void)iscg_explain_text(rec.node);
    }
}

/* ---- one full run --------------------------------------------------------- */

#define MAX_CALLS 4096

struct run {
    int reference;             /* 1: record each call's status; 0: compare */
    int ref_rc[MAX_CALLS];     /* the reference run's statuses */
    size_t ncalls;
    uint64_t digest;
    const char *stopped;       /* the call that returned ISCG_ENOMEM */
    char message[ISCG_ERROR_TEXT_LENGTH + 32];
    int failed;                /* 1: a check failed (already printed) */
    int parse_error;           /* 1: stopped by jansson's parse error */
    long n;
};

/* Checks a call's status. Returns 1 to go on with the run, 0 to stop it. */
static int status(struct run *run, const char *what, int rc, const iscg_error *e)
{
    size_t i = run->ncalls++;
    if (i >= MAX_CALLS) {
        fprintf(stderr, "faults: more than %d calls in a run\n", MAX_CALLS);
        exit(HARD_ERROR);
    }
    mix_i64(&run->digest, rc);
    if (run->reference) {
        run->ref_rc[i] = rc;
        return rc != ISCG_ENOMEM;
    }
    if (rc == run->ref_rc[i])
        return 1;
    if (rc == ISCG_ENOMEM && !F.injected) {
        printf("not ok: n=%ld: %s returned ISCG_ENOMEM before any allocation failed\n", run->n, what);
        run->failed = 1;
        return 0;
    }
    if (rc == ISCG_ENOMEM) {
        run->stopped = what;
        if (e && (e->code != ISCG_ENOMEM || e->text[0] == '\0')) {
            printf("not ok: n=%ld: %s returned ISCG_ENOMEM with report code %d and text \"%s\"\n",
                   run->n, what, e->code, e->text);
            run->failed = 1;
        }
        if (e)
            snprintf(run->message, sizeof run->message, "%s", e->text);
        return 0;
    }
    if (rc == ISCG_EPARSE && F.in_parse) {
        /* jansson's parser took the failed allocation for a syntax error */
        run->stopped = what;
        run->parse_error = 1;
        snprintf(run->message, sizeof run->message, "(inside json_loads) %s", e ? e->text : "");
        return 0;
    }
    printf("not ok: n=%ld: %s returned %d (%s: %s) where a run without failure gives %d\n", run->n,
           what, rc, iscg_strerror(rc), e ? e->text : "", run->ref_rc[i]);
    run->failed = 1;
    return 0;
}

/* Fresh report before each call: a stale one must not pass for a message. */
#define FRESH(e) (memset(&(e), 0, sizeof(e)), &(e))

static int run_funding(struct run *run, const iscg_registry *r)
{
    iscg_error e;
    for (size_t i = 0; i < iscg_registry_convention_count(r); i++) {
        const char *id = iscg_registry_convention_id(r, i);
        iscg_convention_spec spec;
        if (!status(run, "iscg_convention_get", iscg_convention_get(&spec, r, id, FRESH(e)), &e))
            return 0;
        for (int year = 0; year < 2; year++) {
            iscg_funding *f = NULL;
            int rc = year ? iscg_funding_compute_year(&f, r, id, 2023, spec.daycount, FRESH(e))
                          : iscg_funding_compute(&f, r, id, FRESH(e));
            if (!status(run, year ? "iscg_funding_compute_year" : "iscg_funding_compute", rc, &e))
                return 0;
            if (rc != 0) {
                mix_str(&run->digest, e.text);
                continue;
            }
            for (size_t k = 0; k < iscg_funding_row_count(f); k++) {
                iscg_funding_row row;
                mix_i64(&run->digest, iscg_funding_row_get(&row, f, k));
                mix_str(&run->digest, row.party);
                mix_str(&run->digest, row.side);
                mix_i64(&run->digest, row.amount);
                mix_i64(&run->digest, row.has_stated ? row.stated : -1);
                mix_explain(&run->digest, row.explain);
            }
            for (size_t k = 0; k < iscg_funding_side_count(f); k++) {
                iscg_funding_side side;
                mix_i64(&run->digest, iscg_funding_side_get(&side, f, k));
                mix_str(&run->digest, side.name);
                mix_i64(&run->digest, side.amount);
                mix_i64(&run->digest, side.drift);
            }
            mix_i64(&run->digest, iscg_funding_total(f));
            mix_i64(&run->digest, iscg_funding_cost(f));
            mix_explain(&run->digest, iscg_funding_explain(f));
            mix_trace(&run->digest, f);
            iscg_funding_free(f);
        }
    }
    return 1;
}

/* Every claim of rv, and its total, into the run's digest. */
static void mix_receivables(struct run *run, const iscg_receivables *rv)
{
    for (size_t k = 0; k < iscg_receivables_count(rv); k++) {
        iscg_receivable c;
        mix_i64(&run->digest, iscg_receivables_get(&c, rv, k));
        mix_str(&run->digest, c.convention);
        mix_str(&run->digest, c.debtor);
        mix_i64(&run->digest, c.share);
        mix_i64(&run->digest, c.amount);
        mix_explain(&run->digest, c.explain);
    }
    mix_i64(&run->digest, iscg_receivables_total(rv));
}

/* The same receivables from each convention's part in the year
 * (iscg_receivables_new(), iscg_receivables_add_part()), as a batch makes
 * them. */
static int run_receivables_from_parts(struct run *run, const iscg_registry *r, const char *carrier, int year)
{
    iscg_error e;
    iscg_receivables *rv = NULL;
    if (!status(run, "iscg_receivables_new", iscg_receivables_new(&rv, r, carrier, year, FRESH(e)), &e))
        return 0;
    int go_on = 1;
    for (size_t i = 0; go_on && i < iscg_registry_convention_count(r); i++) {
        const char *id = iscg_registry_convention_id(r, i);
        iscg_convention_spec spec;
        iscg_post_spec p;
        iscg_funding *whole = NULL, *part = NULL;
        int rc = iscg_convention_get(&spec, r, id, FRESH(e));
        if (!(go_on = status(run, "iscg_convention_get", rc, &e)) || rc != 0)
            continue;
        rc = iscg_post_get(&p, r, spec.post, FRESH(e));
        if (!(go_on = status(run, "iscg_post_get", rc, &e)) || rc != 0 || strcmp(p.carrier, carrier) != 0 ||
            year < spec.period.start.year || year > spec.period.end.year)
            continue;
        rc = iscg_funding_compute(&whole, r, id, FRESH(e));
        if ((go_on = status(run, "iscg_funding_compute", rc, &e)) && rc == 0) {
            rc = iscg_funding_compute_part(&part, whole, year, spec.daycount, FRESH(e));
            if ((go_on = status(run, "iscg_funding_compute_part", rc, &e)) && rc == 0) {
                rc = iscg_receivables_add_part(rv, part, FRESH(e));
                go_on = status(run, "iscg_receivables_add_part", rc, &e);
                if (rc != 0)
                    mix_str(&run->digest, e.text);
            }
        }
        iscg_funding_free(part);
        iscg_funding_free(whole);
    }
    if (go_on)
        mix_receivables(run, rv);
    iscg_receivables_free(rv);
    return go_on;
}

static int run_receivables(struct run *run, const iscg_registry *r)
{
    iscg_error e;
    const char *carriers[256];
    size_t ncarriers = 0;
    for (size_t i = 0; i < iscg_registry_post_count(r); i++) {
        iscg_post_spec p;
        if (!status(run, "iscg_post_get", iscg_post_get(&p, r, iscg_registry_post_id(r, i), FRESH(e)), &e))
            return 0;
        size_t k = 0;
        while (k < ncarriers && strcmp(carriers[k], p.carrier) != 0)
            k++;
        if (k == ncarriers && ncarriers < sizeof carriers / sizeof carriers[0])
            carriers[ncarriers++] = p.carrier;
    }
    for (size_t i = 0; i < ncarriers; i++)
        for (int year = 2022; year <= 2023; year++) {
            iscg_receivables *rv = NULL;
            int rc = iscg_receivables_compute(&rv, r, carriers[i], year, FRESH(e));
            if (!status(run, "iscg_receivables_compute", rc, &e))
                return 0;
            mix_receivables(run, rv);
            iscg_receivables_free(rv);
            if (!run_receivables_from_parts(run, r, carriers[i], year))
                return 0;
        }
    return 1;
}

static int run_budget(struct run *run, const iscg_dataset *ds, const iscg_registry *r)
{
    iscg_error e;
    for (size_t i = 0; i < iscg_dataset_budget_count(ds); i++) {
        iscg_dataset_budget b;
        iscg_budget_result res;
        iscg_budget_item items[64];
        size_t n = 0;
        if (!status(run, "iscg_dataset_budget_get", iscg_dataset_budget_get(&b, ds, i), NULL))
            return 0;
        int rc = iscg_budget_check(&res, items, 64, &n, r, &b.line, b.year, FRESH(e));
        if (!status(run, "iscg_budget_check", rc, &e))
            return 0;
        mix_i64(&run->digest, res.proposed);
        mix_i64(&run->digest, res.balance);
        for (size_t k = 0; k < n && k < 64; k++) {
            mix_str(&run->digest, items[k].convention);
            mix_i64(&run->digest, items[k].amount);
        }
    }
    return 1;
}

static int run_audit(struct run *run, const iscg_registry *r)
{
    iscg_error e;
    iscg_audit *a = NULL;
    if (!status(run, "iscg_audit_run", iscg_audit_run(&a, r, FRESH(e)), &e))
        return 0;
    for (size_t i = 0; i < iscg_audit_count(a); i++) {
        iscg_finding f;
        mix_i64(&run->digest, iscg_audit_get(&f, a, i));
        mix_i64(&run->digest, f.kind);
        mix_str(&run->digest, f.convention);
        mix_str(&run->digest, f.party);
        mix_i64(&run->digest, f.stated);
        mix_i64(&run->digest, f.computed);
        mix_str(&run->digest, f.text);
        mix_explain(&run->digest, f.explain);
    }
    iscg_audit_free(a);
    return 1;
}

/* The report layer (iscg/report.h): the reports the command and the
 * Python package show. */
static int run_report(struct run *run, const iscg_dataset *ds, const iscg_registry *r)
{
    iscg_error e;
    int year = 0;
    if (!status(run, "iscg_report_latest_year",
                iscg_report_latest_year(&year, ds, ISCG_REPORT_CONVENTIONS, FRESH(e)), &e))
        return 0;
    mix_i64(&run->digest, year);
    for (int y = 0; y <= year; y += year) {
        iscg_report_funding *rf = NULL;
        if (!status(run, "iscg_report_funding_compute", iscg_report_funding_compute(&rf, r, NULL, y, FRESH(e)), &e))
            return 0;
        for (size_t i = 0; i < iscg_report_funding_row_count(rf); i++) {
            iscg_report_funding_row row;
            mix_i64(&run->digest, iscg_report_funding_row_get(&row, rf, i)); /* a getter in range: 0 */
            mix_str(&run->digest, row.convention);
            mix_i64(&run->digest, row.funder.amount);
            mix_explain(&run->digest, row.funder.explain);
        }
        for (int k = 0; k < ISCG_PARTY_KIND_COUNT; k++)
            mix_i64(&run->digest, iscg_report_funding_total(rf, (iscg_party_kind)k));
        iscg_report_funding_free(rf);
        if (year == 0)
            break;
    }
    iscg_report_receivables *rr = NULL;
    if (!status(run, "iscg_report_receivables_compute", iscg_report_receivables_compute(&rr, r, NULL, NULL, year, FRESH(e)),
                &e))
        return 0;
    for (size_t i = 0; i < iscg_report_receivables_count(rr); i++) {
        iscg_report_receivable c;
        mix_i64(&run->digest, iscg_report_receivables_get(&c, rr, i)); /* a getter in range: 0 */
        mix_str(&run->digest, c.carrier);
        mix_i64(&run->digest, c.claim.amount);
    }
    iscg_report_receivables_free(rr);
    iscg_report_deadlines *rd = NULL;
    if (!status(run, "iscg_report_deadlines_compute",
                iscg_report_deadlines_compute(&rd, r, (iscg_date){2023, 9, 1}, 122, FRESH(e)), &e))
        return 0;
    for (size_t i = 0; i < iscg_report_deadlines_count(rd); i++) {
        iscg_report_deadline d;
        mix_i64(&run->digest, iscg_report_deadlines_get(&d, rd, i)); /* a getter in range: 0 */
        mix_str(&run->digest, d.convention);
        mix_i64(&run->digest, iscg_date_to_days(d.deadline.date));
    }
    for (size_t i = 0; i < iscg_report_deadlines_expiring_count(rd); i++)
        mix_str(&run->digest, iscg_report_deadlines_expiring(rd, i));
    iscg_report_deadlines_free(rd);
    iscg_report_budget *rb = NULL;
    if (!status(run, "iscg_report_budget_compute", iscg_report_budget_compute(&rb, ds, 0, FRESH(e)), &e))
        return 0;
    for (size_t i = 0; i < iscg_report_budget_count(rb); i++) {
        iscg_report_budget_line l;
        mix_i64(&run->digest, iscg_report_budget_get(&l, rb, i)); /* a getter in range: 0 */
        mix_i64(&run->digest, l.result.proposed);
    }
    for (size_t i = 0; i < iscg_report_budget_item_count(rb); i++) {
        iscg_budget_item item;
        mix_i64(&run->digest, iscg_report_budget_item_get(&item, rb, i)); /* a getter in range: 0 */
        mix_str(&run->digest, item.convention);
        mix_i64(&run->digest, item.amount);
    }
    iscg_report_budget_free(rb);
    return 1;
}

/* Every column of a table (or of sums: t NULL) as columns (iscg/stats_export.h):
 * its first 64 rows, into arrays of this program. */
static int run_export(struct run *run, const iscg_stats_table *t, const iscg_stats_sums *sums)
{
    static int64_t values[128][64];
    iscg_stats_export cols[128];
    iscg_error e;
    size_t ncols, n = t ? iscg_stats_table_count(t) : iscg_stats_sums_count(sums);
    const iscg_stats_column_info *info = t ? iscg_stats_table_column_list(&ncols) : iscg_stats_sums_column_list(&ncols);
    if (n > 64)
        n = 64;
    for (size_t k = 0; k < ncols; k++) {
        cols[k] = (iscg_stats_export)ISCG_STATS_EXPORT_INIT;
        cols[k].column = info[k].name;
        cols[k].values = values[k];
    }
    if (!status(run, t ? "iscg_stats_table_export" : "iscg_stats_sums_export",
                t ? iscg_stats_table_export(t, 0, n, cols, ncols, FRESH(e))
                  : iscg_stats_sums_export(sums, 0, n, cols, ncols, FRESH(e)),
                &e))
        return 0;
    for (size_t k = 0; k < ncols; k++) {
        for (size_t i = 0; i < n; i++) {
            if (info[k].kind == ISCG_STATS_COLUMN_NAME)
                mix_str(&run->digest, cols[k].names[((const int32_t *)values[k])[i]]);
            else if (info[k].kind == ISCG_STATS_COLUMN_BOOL)
                mix_i64(&run->digest, ((const uint8_t *)values[k])[i]);
            else
                mix_i64(&run->digest, values[k][i]);
        }
        iscg_stats_export_names_free(cols[k].names);
    }
    return 1;
}

static int run_stats(struct run *run, const iscg_stats *s)
{
    iscg_error e;
    iscg_stats_table *t = NULL;
    if (!status(run, "iscg_stats_aggregate",
                iscg_stats_aggregate(&t, s, ISCG_STATS_BY_POST, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP, FRESH(e)),
                &e))
        return 0;
    for (size_t i = 0; i < iscg_stats_table_count(t); i++) {
        const iscg_stats_row *row = iscg_stats_table_row(t, i);
        mix_str(&run->digest, row->key);
        for (int k = 0; k < ISCG_ACTIVITY_COUNTS; k++)
            mix_i64(&run->digest, row->count[k].value);
        mix_i64(&run->digest, row->vif.scaled);
        for (size_t k = 0; k < row->gap_count; k++)
            mix_str(&run->digest, row->gaps[k].post);
    }
    iscg_stats_publication *p = NULL;
    int go = run_export(run, t, NULL) && status(run, "iscg_stats_publish", iscg_stats_publish(&p, t, 10, FRESH(e)), &e);
    for (size_t i = 0; go && i < iscg_stats_publication_count(p); i++) {
        const iscg_stats_published_row *row = iscg_stats_publication_row(p, i);
        mix_str(&run->digest, row->key);
        for (int k = 0; k < ISCG_STATS_PUBLISHED_FIELDS; k++) {
            mix_i64(&run->digest, row->cell[k].state);
            mix_i64(&run->digest, row->cell[k].value);
        }
    }
    iscg_stats_publication_free(p);
    iscg_stats_table_free(t);
    iscg_stats_comparison *c = NULL;
    const iscg_period y2022 = {{2022, 1, 1}, {2022, 12, 31}}, y2023 = {{2023, 1, 1}, {2023, 12, 31}};
    if (go && !(go = status(run, "iscg_stats_compare",
                            iscg_stats_compare(&c, s, ISCG_STATS_BY_POST, y2022, y2023, ISCG_ROUND_HALF_UP, FRESH(e)),
                            &e)))
        return 0;
    for (size_t i = 0; i < iscg_stats_comparison_count(c); i++) {
        const iscg_stats_change *change = iscg_stats_comparison_get(c, i);
        mix_str(&run->digest, change->key);
        for (int k = 0; k < ISCG_ACTIVITY_COUNTS; k++)
            mix_i64(&run->digest, change->comparable[k] ? change->delta[k] : -1);
    }
    iscg_stats_comparison_free(c);
    /* the plain sums by a key that changes within a post, and by post */
    static const iscg_stats_key sums_by[] = {ISCG_STATS_BY_CARRIER, ISCG_STATS_BY_POST};
    for (size_t k = 0; go && k < sizeof sums_by / sizeof sums_by[0]; k++) {
        iscg_stats_sums *sums = NULL;
        if (!(go = status(run, "iscg_stats_sums_compute",
                          iscg_stats_sums_compute(&sums, s, sums_by[k], ISCG_STATS_YEAR, FRESH(e)), &e)))
            return 0;
        for (size_t i = 0; i < iscg_stats_sums_count(sums); i++) {
            iscg_stats_sums_row row;
            mix_i64(&run->digest, iscg_stats_sums_get(&row, sums, i));
            mix_str(&run->digest, row.key);
            for (int f = 0; f < ISCG_ACTIVITY_COUNTS; f++)
                mix_i64(&run->digest, row.count[f].value);
        }
        go = go && run_export(run, NULL, sums);
        iscg_stats_sums_free(sums);
    }
    /* figures past 32 bits, which the collection keeps aside and which widen
     * their row of sums: one post's two half-years of 3e9 referrals of women */
    iscg_stats *big = NULL;
    if (go && !(go = status(run, "iscg_stats_new", iscg_stats_new(&big), NULL)))
        return 0;
    for (int h = 1; go && h <= 2; h++) {
        iscg_activity a;
        iscg_activity_init(&a);
        a.post = "big";
        a.granularity = ISCG_STATS_HALF_YEAR;
        a.women = 3000000000;
        go = status(run, "iscg_stats_period", iscg_stats_period(&a.period, ISCG_STATS_HALF_YEAR, 2023, h, FRESH(e)),
                    &e) &&
             status(run, "iscg_stats_add", iscg_stats_add(big, &a, FRESH(e)), &e);
    }
    iscg_stats_sums *sums = NULL;
    if (go && (go = status(run, "iscg_stats_sums_compute",
                           iscg_stats_sums_compute(&sums, big, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR, FRESH(e)), &e))) {
        iscg_stats_sums_row row;
        mix_i64(&run->digest, iscg_stats_sums_get(&row, sums, 0));
        mix_i64(&run->digest, row.count[ISCG_ACTIVITY_WOMEN].value);
    }
    iscg_stats_sums_free(sums);
    iscg_stats_free(big);
    return go;
}

static int run_calendar(struct run *run, const iscg_registry *r)
{
    static iscg_deadline dues[512];
    static iscg_period periods[512];
    static size_t expiring[512];
    iscg_error e;
    const iscg_date from = {2023, 1, 1}, to = {2024, 12, 31};
    size_t n = iscg_registry_convention_count(r);
    if (n > 512)
        n = 512;
    for (size_t i = 0; i < n; i++) {
        const char *id = iscg_registry_convention_id(r, i);
        iscg_convention_spec c;
        iscg_clauses k;
        size_t count = 0;
        if (!status(run, "iscg_convention_get", iscg_convention_get(&c, r, id, FRESH(e)), &e) ||
            !status(run, "iscg_convention_get_clauses", iscg_convention_get_clauses(&k, r, id, FRESH(e)), &e) ||
            !status(run, "iscg_calendar_deadlines",
                    iscg_calendar_deadlines(dues, 512, &count, c.period, &k, from, to, FRESH(e)), &e))
            return 0;
        periods[i] = c.period;
        for (size_t j = 0; j < count && j < 512; j++) {
            mix_i64(&run->digest, dues[j].kind);
            mix(&run->digest, &dues[j].date, sizeof dues[j].date);
        }
    }
    size_t count = 0;
    if (!status(run, "iscg_calendar_expiring",
                iscg_calendar_expiring(expiring, 512, &count, periods, n, from, 730, FRESH(e)), &e))
        return 0;
    for (size_t j = 0; j < count && j < 512; j++)
        mix_i64(&run->digest, (int64_t)expiring[j]);
    return 1;
}

/* AMD-3: what-ifs added to the dataset's scenario, applied to a plan, the
 * carrier's receivables and the audit, saved with the dataset and read back. */
static int run_scenario(struct run *run, iscg_dataset *ds)
{
    iscg_error e;
    iscg_scenario *s = iscg_dataset_scenario(ds);
    const iscg_registry *r = iscg_dataset_registry(ds);
    iscg_whatif w = ISCG_WHATIF_INIT, cost = ISCG_WHATIF_INIT;
    w.kind = ISCG_WHATIF_WITHDRAW;
    w.convention = "ccca-2023";
    w.party = "etat";
    w.replacement = "cabbalr";
    w.from = (iscg_date){2023, 7, 1};
    cost.kind = ISCG_WHATIF_COST;
    cost.convention = "ccsa-2023";
    cost.cost = 4500000;
    if (!status(run, "iscg_scenario_add", iscg_scenario_add(s, &w, FRESH(e)), &e) ||
        !status(run, "iscg_scenario_add", iscg_scenario_add(s, &cost, FRESH(e)), &e))
        return 0;
    iscg_funding *f = NULL;
    if (!status(run, "iscg_funding_compute_scenario", iscg_funding_compute_scenario(&f, r, s, "ccca-2023", FRESH(e)),
                &e))
        return 0;
    for (size_t i = 0; i < iscg_funding_row_count(f); i++) {
        iscg_funding_row row;
        if (iscg_funding_row_get(&row, f, i) != 0) /* in range: cannot fail */
            break;
        mix_i64(&run->digest, row.amount);
        mix_str(&run->digest, row.replaces);
    }
    mix_explain(&run->digest, iscg_funding_explain(f));
    iscg_funding_free(f);
    iscg_convention_spec c;
    iscg_post_spec p;
    iscg_receivables *rv = NULL;
    if (iscg_convention_get(&c, r, "ccca-2023", NULL) != 0 || iscg_post_get(&p, r, c.post, NULL) != 0)
        return 0;
    if (!status(run, "iscg_receivables_compute_scenario",
                iscg_receivables_compute_scenario(&rv, r, s, p.carrier, 2023, FRESH(e)), &e))
        return 0;
    mix_receivables(run, rv);
    iscg_receivables_free(rv);
    iscg_audit *a = NULL;
    if (!status(run, "iscg_audit_run_scenario", iscg_audit_run_scenario(&a, r, s, FRESH(e)), &e))
        return 0;
    mix_i64(&run->digest, (int64_t)iscg_audit_count(a));
    iscg_audit_free(a);
    char *text = NULL;
    iscg_dataset *back = NULL;
    int go_on = status(run, "iscg_dataset_save_string", iscg_dataset_save_string(&text, ds, FRESH(e)), &e) &&
                status(run, "iscg_dataset_load_string", iscg_dataset_load_string(&back, text, "scenario", FRESH(e)),
                       &e);
    if (go_on)
        mix_i64(&run->digest, (int64_t)iscg_scenario_count(iscg_dataset_scenario(back)));
    iscg_dataset_free(back);
    iscg_free(text);
    return go_on;
}

/* status() for the dataset built by calls, where nothing is refused when
 * memory does not fail: a refusal there would leave the calls after it
 * trying only their refusal paths, and the run fails. */
static int built(struct run *run, const char *what, int rc, const iscg_error *e)
{
    if (run->reference && rc != 0 && rc != ISCG_ENOMEM) {
        fprintf(stderr, "faults: the dataset built by calls is refused: %s: %s\n", what, e ? e->text : "");
        run->failed = 1;
    }
    return status(run, what, rc, e);
}

/* A dataset built by calls (dataset.h): every addition, the freeze, and
 * the plan and the saved text of what was built. */
static int run_build(struct run *run)
{
    iscg_error e;
    iscg_dataset *ds = NULL;
    if (!built(run, "iscg_dataset_new", iscg_dataset_new(&ds, "built", FRESH(e)), &e))
        return 0;
    iscg_registry *r = iscg_dataset_registry_mutable(ds);
    iscg_allocation_rule rule = ISCG_ALLOCATION_RULE_INIT;
    rule.unit = ISCG_EURO;
    rule.rounding = ISCG_ROUND_DOWN;
    rule.policy = ISCG_REMAINDER_NONE;
    iscg_post_spec p = ISCG_POST_SPEC_INIT;
    p.id = "p";
    p.label = "ISG P";
    p.kind = ISCG_POST_ISG;
    p.police_bp = 0; /* a gendarmerie post: else the post, and all built on it, is refused */
    p.carrier = "dept";
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = "c";
    c.post = "p";
    c.period = (iscg_period){{2023, 1, 1}, {2023, 12, 31}};
    c.cost = 3000000;
    c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
    c.rounding = rule;
    iscg_side_spec state = ISCG_SIDE_SPEC_INIT, rest = ISCG_SIDE_SPEC_INIT;
    state.name = "Etat";
    state.rule = ISCG_SHARE_PERCENT;
    state.value = 5000;
    state.split = rule;
    rest.name = "Dept";
    rest.rule = ISCG_SHARE_REMAINDER;
    rest.split = rule;
    iscg_dataset_budget b = ISCG_DATASET_BUDGET_INIT;
    b.line.operation = "C02";
    b.line.label = "VIF";
    b.line.payer = "dept";
    b.line.credits = 10000000;
    b.line.available = 8000000;
    b.year = 2023;
    b.source = "report";
    iscg_activity a;
    iscg_activity_init(&a);
    a.post = "p";
    a.period = (iscg_period){{2022, 1, 1}, {2022, 12, 31}};
    a.referrals = 40;
    a.note = "annex";
    iscg_stated st = ISCG_STATED_INIT;
    st.post = "p";
    st.from = a.period.start;
    st.to = a.period.end;
    st.total = 40;
    st.what = "referrals";
    iscg_stats *more = NULL;
    char *text = NULL;
    int go_on =
        built(run, "iscg_party_add",
               iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, FRESH(e)), &e) &&
        built(run, "iscg_party_add",
               iscg_party_add(r, "dept", ISCG_PARTY_DEPARTEMENT, "Dept", ISCG_UNKNOWN, FRESH(e)), &e) &&
        built(run, "iscg_post_add", iscg_post_add(r, &p, FRESH(e)), &e) &&
        built(run, "iscg_convention_add", iscg_convention_add(r, &c, FRESH(e)), &e) &&
        built(run, "iscg_convention_add_side", iscg_convention_add_side(r, "c", &state, FRESH(e)), &e) &&
        built(run, "iscg_convention_add_side", iscg_convention_add_side(r, "c", &rest, FRESH(e)), &e) &&
        built(run, "iscg_convention_add_funder", iscg_convention_add_funder(r, "c", "Etat", "etat", 1, FRESH(e)),
               &e) &&
        built(run, "iscg_convention_add_funder", iscg_convention_add_funder(r, "c", "Dept", "dept", 1, FRESH(e)),
               &e) &&
        built(run, "iscg_dataset_add_note", iscg_dataset_add_note(ds, "built by calls", FRESH(e)), &e) &&
        built(run, "iscg_dataset_add_budget", iscg_dataset_add_budget(ds, &b, FRESH(e)), &e) &&
        built(run, "iscg_dataset_add_activity", iscg_dataset_add_activity(ds, &a, FRESH(e)), &e) &&
        built(run, "iscg_dataset_add_stated", iscg_dataset_add_stated(ds, &st, FRESH(e)), &e) &&
        built(run, "iscg_stats_new", iscg_stats_new(&more), NULL);
    if (go_on) {
        a.period = (iscg_period){{2021, 1, 1}, {2021, 12, 31}};
        go_on = built(run, "iscg_stats_add", iscg_stats_add(more, &a, FRESH(e)), &e);
        /* a second record of a new site: a series to make, so memory may fail after the first record went in */
        a.site = "annexe";
        go_on = go_on && built(run, "iscg_stats_add", iscg_stats_add(more, &a, FRESH(e)), &e);
        a.site = NULL;
        /* all or nothing, memory failing too: the dataset keeps the records it held */
        size_t held = iscg_stats_count(iscg_dataset_stats(ds));
        if (go_on && !built(run, "iscg_dataset_add_activities", iscg_dataset_add_activities(ds, more, FRESH(e)),
                             &e)) {
            go_on = 0;
            if (iscg_stats_count(iscg_dataset_stats(ds)) != held) {
                printf("not ok: n=%ld: iscg_dataset_add_activities failed and kept %zu of its records\n", run->n,
                       iscg_stats_count(iscg_dataset_stats(ds)) - held);
                run->failed = 1;
            }
        }
        go_on = go_on && built(run, "iscg_dataset_freeze", iscg_dataset_freeze(ds, FRESH(e)), &e) &&
                run_funding(run, iscg_dataset_registry(ds)) &&
                built(run, "iscg_dataset_save_string", iscg_dataset_save_string(&text, ds, FRESH(e)), &e);
    }
    if (go_on)
        mix_str(&run->digest, text);
    iscg_free(text);
    iscg_stats_free(more);
    iscg_dataset_free(ds);
    return go_on;
}

/* AMD-1: a convention amended mid-year, its two segments computed, their
 * parts of a year, the carrier's claims, saved and read back. */
static const char amended_text[] =
    "{\"format\": \"iscg-dataset\", \"version\": 1,\n"
    " \"parties\": [{\"id\": \"etat\", \"kind\": \"STATE\", \"name\": \"Etat\"},\n"
    "   {\"id\": \"dept\", \"kind\": \"DEPARTEMENT\", \"name\": \"Dept\"},\n"
    "   {\"id\": \"cc\", \"kind\": \"EPCI\", \"name\": \"CC\"},\n"
    "   {\"id\": \"asso\", \"kind\": \"ASSOCIATION\", \"name\": \"Asso\"}],\n"
    " \"posts\": [{\"id\": \"p\", \"label\": \"P\", \"kind\": \"ISC\", \"carrier\": \"asso\"}],\n"
    " \"conventions\": [{\"id\": \"c\", \"post\": \"p\", \"start\": \"2023-07-01\", \"end\": \"2024-06-30\",\n"
    "   \"cost\": \"30000.00\", \"daycount\": \"MONTHS_WHOLE\",\n"
    "   \"rounding\": {\"unit\": \"CENT\", \"mode\": \"HALF_UP\", \"remainder\": \"NONE\"},\n"
    "   \"sides\": [{\"name\": \"FIPD\", \"rule\": \"PERCENT\", \"percent\": \"50.00\",\n"
    "     \"split\": {\"unit\": \"CENT\", \"mode\": \"HALF_UP\", \"remainder\": \"NONE\"},\n"
    "     \"funders\": [{\"party\": \"etat\", \"weight\": 1}]},\n"
    "    {\"name\": \"DEPT\", \"rule\": \"PERCENT\", \"percent\": \"30.00\",\n"
    "     \"split\": {\"unit\": \"CENT\", \"mode\": \"HALF_UP\", \"remainder\": \"NONE\"},\n"
    "     \"funders\": [{\"party\": \"dept\", \"weight\": 1}]},\n"
    "    {\"name\": \"EPCI\", \"rule\": \"REMAINDER\",\n"
    "     \"split\": {\"unit\": \"CENT\", \"mode\": \"HALF_UP\", \"remainder\": \"NONE\"},\n"
    "     \"funders\": [{\"party\": \"cc\", \"weight\": 1}]}],\n"
    "   \"amendments\": [{\"from\": \"2024-01-01\", \"cost\": \"36000.00\"},\n"
    "     {\"from\": \"2024-01-01\", \"withdraw\": \"cc\", \"replacement\": \"dept\"},\n"
    "     {\"from\": \"2024-04-01\", \"side\": \"DEPT\", \"rule\": \"FIXED\", \"amount\": \"9000.00\"},\n"
    "     {\"from\": \"2024-05-01\", \"end\": \"2024-12-31\"}]}]}\n";

static int run_amend(struct run *run)
{
    iscg_error e;
    iscg_dataset *ds = NULL, *back = NULL;
    iscg_funding *f = NULL, *part = NULL;
    iscg_receivables *rv = NULL;
    char *text = NULL;
    if (!status(run, "iscg_dataset_load_string", iscg_dataset_load_string(&ds, amended_text, "amended", FRESH(e)),
                &e))
        return 0;
    const iscg_registry *r = iscg_dataset_registry(ds);
    int go_on = status(run, "iscg_funding_compute", iscg_funding_compute(&f, r, "c", FRESH(e)), &e);
    if (go_on) {
        mix_trace(&run->digest, f);
        mix_explain(&run->digest, iscg_funding_explain(f));
        go_on = status(run, "iscg_funding_compute_part",
                       iscg_funding_compute_part(&part, f, 2024, ISCG_DAYCOUNT_MONTHS_WHOLE, FRESH(e)), &e);
    }
    if (go_on) {
        mix_trace(&run->digest, part);
        mix_explain(&run->digest, iscg_funding_explain(part));
        go_on = status(run, "iscg_receivables_compute", iscg_receivables_compute(&rv, r, "asso", 2024, FRESH(e)), &e);
    }
    if (go_on) {
        mix_receivables(run, rv);
        go_on = status(run, "iscg_dataset_save_string", iscg_dataset_save_string(&text, ds, FRESH(e)), &e) &&
                status(run, "iscg_dataset_load_string",
                       iscg_dataset_load_string(&back, text, "amended again", FRESH(e)), &e);
    }
    if (go_on)
        mix_i64(&run->digest, (int64_t)iscg_convention_amendment_count(iscg_dataset_registry(back), "c"));
    iscg_receivables_free(rv);
    iscg_funding_free(part);
    iscg_funding_free(f);
    iscg_dataset_free(back);
    iscg_free(text);
    iscg_dataset_free(ds);
    return go_on;
}

static void full_run(struct run *run)
{
    iscg_error e;
    iscg_dataset *ds = NULL;
    run->ncalls = 0;
    run->digest = 14695981039346656037u;
    run->stopped = NULL;
    run->message[0] = '\0';
    run->failed = 0;
    run->parse_error = 0;
    if (!status(run, "iscg_dataset_load_embedded", iscg_dataset_load_embedded(&ds, FRESH(e)), &e))
        return;
    const iscg_registry *r = iscg_dataset_registry(ds);
    char *text = NULL;
    static iscg_error reports[8];
    size_t nreports = 0;
    if (run_funding(run, r) && run_receivables(run, r) && run_budget(run, ds, r) && run_audit(run, r) &&
        run_stats(run, iscg_dataset_stats(ds)) &&
        status(run, "iscg_dataset_save_string", iscg_dataset_save_string(&text, ds, FRESH(e)), &e) &&
        run_calendar(run, r) && run_scenario(run, ds) && run_report(run, ds, r) && run_build(run) &&
        run_amend(run)) {
        mix_str(&run->digest, text);
        /* iscg validate: every error of a dataset text (none in the embedded one) */
        int rc = iscg_dataset_validate_string(reports, 8, &nreports, iscg_dataset_embedded_text(), "embedded");
        if (status(run, "iscg_dataset_validate_string", rc, rc == ISCG_ENOMEM ? &reports[0] : NULL))
            mix_i64(&run->digest, (int64_t)nreports);
    }
    iscg_free(text);
    iscg_dataset_free(ds);
}

/* Checks that allocations from the C library, jansson and libiscg reach the
 * interposed functions: otherwise the test would prove nothing. */
static int probe(void)
{
    struct {
        const char *who;
        long seen;
    } calls[3];
    arm(0);
    char *s = strdup("probe");
    calls[0].who = "the C library (strdup)";
    calls[0].seen = F.seen;
    free(s);
    arm(0);
    json_t *j = json_string("probe");
    calls[1].who = "jansson (json_string)";
    calls[1].seen = F.seen;
    json_decref(j);
    arm(0);
    iscg_registry *r = NULL;
    const int made = iscg_registry_new(&r) == 0;
    calls[2].who = "libiscg (iscg_registry_new)";
    calls[2].seen = F.seen;
    iscg_registry_free(r);
    long live = F.live;
    disarm();
    int ok = live == 0 && made;
    size_t n = 0;
    if (iscg_dataset_validate_string(NULL, 0, &n, "{", NULL) != ISCG_EPARSE) {
        fprintf(stderr, "faults: \"{\" was not refused as a dataset\n");
        ok = 0;
    }
    if (json_loads_calls == 0) {
        fprintf(stderr, "faults: libiscg's calls to json_loads are not intercepted\n");
        ok = 0;
    }
    for (int i = 0; i < 3; i++)
        if (calls[i].seen == 0) {
            fprintf(stderr, "faults: allocations from %s are not intercepted\n", calls[i].who);
            ok = 0;
        }
    return ok;
}

int main(int argc, char **argv)
{
    long step = 1, first = 1;
    int verbose = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = 1;
        else if (strcmp(argv[i], "--step") == 0 && i + 1 < argc)
            step = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--first") == 0 && i + 1 < argc)
            first = strtol(argv[++i], NULL, 10);
        else {
            fprintf(stderr, "usage: faults [-v] [--step K] [--first N]\n");
            return HARD_ERROR;
        }
    }
    if (step < 1 || first < 1) {
        fprintf(stderr, "faults: --step and --first must be positive\n");
        return HARD_ERROR;
    }
    if (!probe())
        return HARD_ERROR;

    static struct run run;
    /* A first run outside the count, so that one-time allocations of the
     * C library and jansson (stdio, jansson's hash seed) are not counted. */
    run.reference = 1;
    full_run(&run);
    arm(0);
    full_run(&run);
    long total = F.seen, live = F.live;
    disarm();
    if (live != 0 || run.failed || run.stopped) {
        fprintf(stderr, "faults: a run without failure %s\n",
                live ? "leaks" : "fails");
        return HARD_ERROR;
    }
    const uint64_t reference = run.digest;
    printf("faults: a full run makes %ld allocations over %zu calls\n", total, run.ncalls);

    run.reference = 0;
    long tried = 0, failed = 0, absorbed = 0, jansson = 0, nomem = 0, parse = 0;
    for (long n = first; n <= total; n += step) {
        run.n = n;
        arm(n);
        full_run(&run);
        live = F.live;
        int injected = F.injected, corrupted = F.corrupted;
        disarm();
        tried++;
        if (corrupted && !run.failed && live == 0) {
            printf("jansson: n=%ld: json_loads went on after the failed allocation and returned a different "
                   "tree (akheron/jansson#362)%s\n", n,
                   run.stopped ? "" : ", which libiscg cannot detect");
            jansson++;
            continue;
        }
        if (!injected) {
            printf("not ok: n=%ld: the allocation was never made (the run is not deterministic)\n", n);
            run.failed = 1;
        } else if (!run.stopped && run.digest != reference && !run.failed) {
            printf("not ok: n=%ld: the failure was absorbed but the results differ\n", n);
            run.failed = 1;
        }
        if (live != 0) {
            printf("not ok: n=%ld: %ld block(s) not freed after %s\n", n, live,
                   run.stopped ? run.stopped : "the run");
            run.failed = 1;
        }
        if (!run.stopped && !run.failed)
            absorbed++;
        else if (run.stopped && !run.failed)
            ++*(run.parse_error ? &parse : &nomem);
        if (run.failed)
            failed++;
        else if (verbose)
            printf("ok: n=%ld: %s%s%s\n", n, run.stopped ? run.stopped : "absorbed",
                   run.stopped ? ": " : "", run.message);
    }
    printf("faults: %ld runs: %ld failed; %ld ISCG_ENOMEM, %ld ISCG_EPARSE from jansson's parser, %ld absorbed "
           "with the same results, %ld with a tree corrupted by jansson's parser\n",
           tried, failed, nomem, parse, absorbed, jansson);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#else

int main(void)
{
    puts("faults: needs glibc's allocator and no sanitizer; skipped");
    return SKIP;
}

#endif
