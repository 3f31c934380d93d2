/* SPDX-License-Identifier: Apache-2.0 */
/* The C half of `make bench` (bench/bench.py drives it and prints the
 * report): a generator of synthetic national-scale datasets, and the
 * measurements of libiscg's own costs. Every measurement prints one JSON
 * object per line on standard output, with the median of its runs; the
 * driver computes the ratios. Every measurement also checks what it
 * computed (shares adding up to the cost, sums equal to the generated
 * figures), so that a fast wrong answer fails instead of scoring.
 *
 *   bench gen POSTS SEED FILE          write a synthetic dataset
 *   bench load FILE RUNS               jansson's bare parse, then iscg's load
 *   bench peak none|parse|load FILE    peak resident memory of one load, in kB
 *   bench funding FILE RUNS            shares, fiscal-year parts, receivables, with
 *                                      their traces (bench-bare: without)
 *   bench stats POSTS RECORDS RUNS     adding activity records (from columns, and one by
 *                                      one), summing and aggregating them
 *
 * The activity records are not in the dataset file: record r of post p
 * (month m = r mod RECORDS/POSTS) is a pure function of (p, m), written
 * again in bench.py with numpy, so that pandas gets the same figures without
 * a ten-million-line file. */
#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "iscg.h"

#define MAX_RUNS 101

static void die(const char *what, int code, const iscg_error *err)
{
    fprintf(stderr, "bench: %s: %s%s%s\n", what, iscg_strerror(code), err && err->text[0] ? ": " : "",
            err ? err->text : "");
    exit(1);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* What the library does to its large arrays (iscg__advise_huge() in
 * libiscg/hashindex.c, private to the library): huge pages for the whole
 * pages of a block of 32 MB or more, where the kernel offers them. */
static void advise_huge(void *p, size_t bytes)
{
#if defined(MADV_HUGEPAGE)
    long page = sysconf(_SC_PAGESIZE);
    if (bytes < ((size_t)32 << 20) || page <= 0 || (size_t)page >= bytes)
        return;
    size_t sz = (size_t)page, head = (sz - (uintptr_t)p % sz) % sz; /* to the first whole page */
    size_t whole = (bytes - head) / sz * sz;                         /* bytes > sz: no wrap */
    if (whole > 0)
        (void)madvise((char *)p + head, whole, MADV_HUGEPAGE);
#else
    (void)p;
    (void)bytes;
#endif
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int cmp_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* `, "NAME": MEDIAN, "NAME_runs": [EACH RUN]` of a JSON line: the driver
 * prints the spread of every figure, not only its median. */
static void print_runs(const char *name, const double *v, int n)
{
    double sorted[MAX_RUNS];
    memcpy(sorted, v, (size_t)n * sizeof *v);
    printf(", \"%s\": %.6f, \"%s_runs\": [", name, median(sorted, n), name);
    for (int k = 0; k < n; k++)
        printf("%s%.6f", k ? ", " : "", v[k]);
    printf("]");
}

/* A whole number within lo..hi from an argument, or exit 2 naming it. */
static long number(const char *s, long lo, long hi, const char *what)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != 0 || v < lo || v > hi) {
        fprintf(stderr, "bench: %s must be a whole number within %ld..%ld, not \"%s\"\n", what, lo, hi, s);
        exit(2);
    }
    return v;
}

static int parse_runs(const char *s)
{
    return (int)number(s, 1, MAX_RUNS, "RUNS");
}

/* ---- the generator ------------------------------------------------------ */

/* splitmix64: the same in bench.py, so both sides draw the same figures. */
static uint64_t mix64(uint64_t x)
{
    uint64_t z = x + 0x9e3779b97f4a7c15u;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

typedef struct rng {
    uint64_t state;
} rng;

static uint64_t next(rng *g)
{
    g->state += 0x9e3779b97f4a7c15u;
    return mix64(g->state);
}

static long pick(rng *g, long lo, long hi) /* lo..hi inclusive */
{
    return lo + (long)(next(g) % (uint64_t)(hi - lo + 1));
}

static const char *const rules_json =
    "{\"unit\": \"EURO\", \"mode\": \"DOWN\", \"remainder\": \"NONE\", \"weights\": \"RAW\"}";
static const char *const percent_rule_json =
    "{\"unit\": \"EURO\", \"mode\": \"DOWN\", \"remainder\": \"LARGEST_WEIGHT\", \"weights\": "
    "\"BASIS_POINTS\"}";

/* One département per 1 000 posts (at least one), one EPCI per 8 posts, one
 * association per 20, one commune (OTHER) per 10: a national map's shape. */
typedef struct shape {
    long departements, epcis, associations, communes;
} shape;

static shape shape_of(long posts)
{
    shape s = {posts / 1000 + 1, posts / 8 + 1, posts / 20 + 1, posts / 10 + 1};
    return s;
}

static void gen_party(FILE *f, int *first, const char *kind, const char *prefix, long i, int population)
{
    fprintf(f, "%s\n    {\"id\": \"%s-%06ld\", \"kind\": \"%s\", \"name\": \"%s %ld\"", *first ? "" : ",", prefix, i,
            kind, prefix, i);
    if (population)
        fprintf(f, ", \"population\": %d", population);
    fputc('}', f);
    *first = 0;
}

/* The post's convention: start in 2023, 12 months (crossing into 2024) or a
 * partial period with an annual cost prorated; sides FIPD (FIXED, the State),
 * EPCI (EQUAL, 1-3 EPCIs by population weights or by percentages),
 * Departement (EQUAL or REMAINDER) and, for some, Communes (EQUAL with
 * travel costs on top, 1-2 communes): 3 to 7 funders. */
typedef struct term {
    int month, day, months; /* from 2023-month-day, for months */
} term;

static void gen_convention(FILE *f, rng *g, const shape *sh, long i, long dept, term when)
{
    long cost = pick(g, 30000, 60000);
    fprintf(f, "    {\"id\": \"conv-%06ld\", \"post\": \"post-%06ld\", \"start\": \"2023-%02d-%02d\", ", i, i,
            when.month, when.day);
    if (when.months < 12)
        fprintf(f, "\"months\": %d, \"annual\": true, ", when.months);
    else
        fprintf(f, "\"months\": 12, ");
    fprintf(f, "\"cost\": \"%ld.00\", \"daycount\": \"MONTHS_WHOLE\", \"rounding\": %s, \"source\": \"synthetic\", ",
            cost, rules_json);
    fprintf(f, "\"sides\": [\n");
    fprintf(f, "      {\"name\": \"FIPD\", \"rule\": \"FIXED\", \"amount\": \"%ld.00\", \"split\": %s, "
               "\"funders\": [{\"party\": \"etat-000000\", \"weight\": 1}]},\n",
            pick(g, 10000, 20000), rules_json);
    int nepci = (int)pick(g, 1, 3), by_percent = nepci > 1 && pick(g, 0, 1);
    fprintf(f, "      {\"name\": \"EPCI\", \"rule\": \"EQUAL\", \"split\": %s, \"funders\": [",
            by_percent ? percent_rule_json : rules_json);
    long first_epci = (i / 8) % sh->epcis;
    int left = 10000;
    for (int k = 0; k < nepci; k++) {
        long e = (first_epci + k) % sh->epcis;
        if (by_percent) {
            int bp = k + 1 < nepci ? (int)pick(g, 1000, left - 1000 * (nepci - k - 1)) : left;
            left -= bp;
            fprintf(f, "%s{\"party\": \"epci-%06ld\", \"percent\": %d}", k ? ", " : "", e, bp);
        } else {
            fprintf(f, "%s{\"party\": \"epci-%06ld\", \"weight\": %ld}", k ? ", " : "", e, pick(g, 5000, 90000));
        }
    }
    fprintf(f, "]},\n");
    int communes = (int)pick(g, 0, 2);
    fprintf(f, "      {\"name\": \"Departement\", \"rule\": \"%s\", \"split\": %s, "
               "\"funders\": [{\"party\": \"dept-%06ld\", \"weight\": 1}]}",
            communes ? "EQUAL" : "REMAINDER", rules_json, dept);
    if (communes) {
        fprintf(f, ",\n      {\"name\": \"Communes\", \"rule\": \"EQUAL\", \"extra\": \"%ld.00\", \"split\": %s, "
                   "\"funders\": [",
                pick(g, 200, 900), rules_json);
        for (int k = 0; k < communes; k++)
            fprintf(f, "%s{\"party\": \"commune-%06ld\", \"weight\": 1}", k ? ", " : "",
                    (i / 10 + (long)k) % sh->communes);
        fprintf(f, "]}");
    }
    fprintf(f, "\n    ]}");
}

static int cmd_gen(long posts, uint64_t seed, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
        return 1;
    }
    shape sh = shape_of(posts);
    rng g = {seed};
    term *when = malloc((size_t)posts * sizeof *when);
    if (!when) {
        (void)fclose(f);
        return 1;
    }
    for (long i = 0; i < posts; i++) { /* a quarter are partial periods, 3 to 11 months */
        when[i].month = (int)pick(&g, 1, 12);
        when[i].day = (int)pick(&g, 1, 28);
        when[i].months = pick(&g, 0, 3) == 0 ? (int)pick(&g, 3, 11) : 12;
    }
    fprintf(f, "{\n  \"format\": \"iscg-dataset\",\n  \"version\": 1,\n"
               "  \"title\": \"Synthetic national dataset: %ld posts (seed %" PRIu64 ")\",\n"
               "  \"parties\": [",
            posts, seed);
    int first = 1;
    gen_party(f, &first, "STATE", "etat", 0, 0);
    for (long i = 0; i < sh.departements; i++)
        gen_party(f, &first, "DEPARTEMENT", "dept", i, 0);
    for (long i = 0; i < sh.epcis; i++)
        gen_party(f, &first, "EPCI", "epci", i, (int)pick(&g, 5000, 300000));
    for (long i = 0; i < sh.associations; i++)
        gen_party(f, &first, "ASSOCIATION", "asso", i, 0);
    for (long i = 0; i < sh.communes; i++)
        gen_party(f, &first, "OTHER", "commune", i, 0);
    fprintf(f, "\n  ],\n  \"posts\": [\n");
    static const char *const kinds[] = {"ISC", "ISG", "ISCG"};
    for (long i = 0; i < posts; i++) {
        long dept = i * sh.departements / posts;
        int kind = (int)pick(&g, 0, 2), carrier = (int)pick(&g, 0, 9);
        char carrier_id[32];
        if (carrier < 6)
            snprintf(carrier_id, sizeof carrier_id, "dept-%06ld", dept);
        else if (carrier < 9)
            snprintf(carrier_id, sizeof carrier_id, "asso-%06ld", (i / 20) % sh.associations);
        else
            snprintf(carrier_id, sizeof carrier_id, "epci-%06ld", (i / 8) % sh.epcis);
        fprintf(f, "%s    {\"id\": \"post-%06ld\", \"label\": \"%s %ld\", \"kind\": \"%s\", \"carrier\": \"%s\", "
                   "\"weekly_hours\": 35",
                i ? ",\n" : "", i, kinds[kind], i, kinds[kind], carrier_id);
        /* a fifth are absent for the whole month after their convention's first (covered: 3 months or more) */
        if (pick(&g, 0, 4) == 0) {
            int y = when[i].month == 12 ? 2024 : 2023, m = when[i].month % 12 + 1;
            fprintf(f, ", \"events\": [{\"kind\": \"ABSENCE\", \"start\": \"%d-%02d-01\", \"end\": \"%d-%02d-%02d\", "
                       "\"note\": \"synthetic absence\"}]",
                    y, m, y, m, m == 2 ? 28 : m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31);
        }
        fputc('}', f);
    }
    fprintf(f, "\n  ],\n  \"conventions\": [\n");
    for (long i = 0; i < posts; i++) {
        gen_convention(f, &g, &sh, i, i * sh.departements / posts, when[i]);
        fputs(i + 1 < posts ? ",\n" : "\n", f);
    }
    fprintf(f, "  ]\n}\n");
    free(when);
    if (fclose(f) != 0) {
        fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
        return 1;
    }
    return 0;
}

/* ---- loading ------------------------------------------------------------ */

static char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0) {
        fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    char *text = malloc((size_t)st.st_size + 1);
    if (!text || fread(text, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
        fprintf(stderr, "bench: %s: cannot read\n", path);
        exit(1);
    }
    text[st.st_size] = 0;
    (void)fclose(f); /* read only */
    *size = (size_t)st.st_size;
    return text;
}

static int cmd_load(const char *path, int runs)
{
    size_t size;
    char *text = slurp(path, &size);
    double parse[MAX_RUNS + 1] = {0}, load[MAX_RUNS + 1] = {0};
    size_t posts = 0;
    for (int k = 0; k <= runs; k++) { /* run 0 warms up, and is not counted */
        json_error_t jerr;
        double t0 = now();
        json_t *root = json_loads(text, 0, &jerr);
        parse[k] = now() - t0;
        if (!root) {
            fprintf(stderr, "bench: %s:%d:%d: %s\n", path, jerr.line, jerr.column, jerr.text);
            return 1;
        }
        json_decref(root);
        iscg_dataset *ds = NULL;
        iscg_error err;
        t0 = now();
        int rc = iscg_dataset_load_string(&ds, text, path, &err);
        load[k] = now() - t0;
        if (rc != 0)
            die("load", rc, &err);
        posts = iscg_registry_post_count(iscg_dataset_registry(ds));
        iscg_dataset_free(ds);
    }
    printf("{\"measure\": \"load\", \"posts\": %zu, \"bytes\": %zu, \"runs\": %d", posts, size, runs);
    print_runs("parse_s", parse + 1, runs);
    print_runs("load_s", load + 1, runs);
    printf("}\n");
    free(text);
    return 0;
}

/* The high-water mark of this process's resident memory, in kB, from
 * /proc/self/status (VmHWM): unlike getrusage()'s ru_maxrss, which Linux
 * carries across exec from the parent that forked us, it starts afresh
 * with this program, so nothing of the driver's memory is counted. */
static long peak_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0) {
            char *end;
            errno = 0;
            long v = strtol(line + 6, &end, 10);
            if (errno == 0 && end != line + 6)
                kb = v;
            break;
        }
    if (f)
        (void)fclose(f); /* read only */
    if (kb < 0) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        kb = ru.ru_maxrss;
    }
    return kb;
}

/* Loads a generated file of any size: the bench's national files of a
 * million posts pass the default limit of a dataset file (max_size). */
static int load_file(iscg_dataset **ds, const char *path, iscg_error *err)
{
    iscg_load_options opts = ISCG_LOAD_OPTIONS_INIT;
    opts.max_size = SIZE_MAX;
    return iscg_dataset_load_file_ext(ds, path, &opts, err);
}

/* One load in a fresh process that does nothing else, then its peak
 * resident memory. bench.py runs it once per mode and sample. */
static int cmd_peak(const char *mode, const char *path)
{
    long start = peak_kb(), peak;
    if (strcmp(mode, "parse") == 0) {
        json_error_t jerr;
        json_t *root = json_load_file(path, 0, &jerr);
        if (!root)
            return 1;
        peak = peak_kb();
        json_decref(root);
    } else if (strcmp(mode, "load") == 0) {
        iscg_dataset *ds = NULL;
        iscg_error err;
        int rc = load_file(&ds, path, &err);
        if (rc != 0)
            die("load", rc, &err);
        peak = peak_kb();
        iscg_dataset_free(ds);
    } else if (strcmp(mode, "none") == 0) {
        peak = peak_kb();
    } else {
        fprintf(stderr, "bench: peak none|parse|load FILE\n");
        return 2;
    }
    struct stat st;
    if (stat(path, &st) != 0)
        return 1;
    printf("{\"measure\": \"peak\", \"mode\": \"%s\", \"bytes\": %lld, \"start_kb\": %ld, \"peak_kb\": %ld}\n", mode,
           (long long)st.st_size, start, peak);
    return 0;
}

/* ---- funding ------------------------------------------------------------ */

/* Every convention's shares over its period and its part in each calendar
 * year it touches, each part then added to its carrier's receivables for
 * that year (iscg_receivables_add_part()): a plan and its parts are computed
 * once, not again for the receivables, as the reference caches them. */
/* Where one evaluation spends its time, when asked (not in the timed runs:
 * reading the clock around every call costs about 3 % of them). */
enum { PHASE_WHOLE, PHASE_PARTS, PHASE_CLAIMS, PHASE_FREE, PHASES };
static const char *const phase_name[PHASES] = {"whole", "parts", "claims", "free"};

/* Adds the time since *t0 to phase[k] and restarts *t0 (nothing when phase is NULL). */
static void lap(double *phase, int k, double *t0)
{
    if (!phase)
        return;
    double t = now();
    phase[k] += t - *t0;
    *t0 = t;
}

/* What the evaluation walks, found once before the timed runs, as the
 * reference builds its model (its conventions, grouped by carrier) before
 * its timed ones: each convention's spec and its carrier's number, the
 * carriers once each, and the years the conventions span. */
struct walk {
    size_t nconv, ncarriers, nyears;
    int first_year;
    iscg_convention_spec *specs;
    const char **carriers;
    size_t *carrier_of;
};

static void walk_free(struct walk *w)
{
    free(w->specs);
    free(w->carriers);
    free(w->carrier_of);
}

static void walk_prepare(struct walk *w, const iscg_registry *r)
{
    iscg_error err;
    memset(w, 0, sizeof *w);
    size_t nconv = w->nconv = iscg_registry_convention_count(r);
    w->specs = calloc(nconv + 1, sizeof *w->specs);
    const char **carrier_name = calloc(nconv + 1, sizeof *carrier_name);
    w->carriers = calloc(nconv + 1, sizeof *w->carriers);
    w->carrier_of = calloc(nconv + 1, sizeof *w->carrier_of);
    if (!w->specs || !carrier_name || !w->carriers || !w->carrier_of)
        die("carriers", ISCG_ENOMEM, NULL);
    /* each convention's period and carrier (its post's), and the years they span */
    int years[2] = {9999, 1};
    for (size_t i = 0; i < nconv; i++) {
        const char *id = iscg_registry_convention_id(r, i);
        iscg_post_spec p;
        if (iscg_convention_get(&w->specs[i], r, id, &err) != 0 || iscg_post_get(&p, r, w->specs[i].post, &err) != 0)
            die(id, ISCG_ESTATE, &err);
        carrier_name[i] = w->carriers[i] = p.carrier;
        if (w->specs[i].period.start.year < years[0])
            years[0] = w->specs[i].period.start.year;
        if (w->specs[i].period.end.year > years[1])
            years[1] = w->specs[i].period.end.year;
    }
    /* the carriers, once each */
    qsort(w->carriers, nconv, sizeof *w->carriers, cmp_text);
    for (size_t i = 0; i < nconv; i++)
        if (w->ncarriers == 0 || strcmp(w->carriers[w->ncarriers - 1], w->carriers[i]) != 0)
            w->carriers[w->ncarriers++] = w->carriers[i];
    for (size_t i = 0; i < nconv; i++)
        w->carrier_of[i] = (size_t)((const char **)bsearch(&carrier_name[i], w->carriers, w->ncarriers,
                                                            sizeof *w->carriers, cmp_text) - w->carriers);
    free(carrier_name);
    w->first_year = years[0];
    w->nyears = years[1] >= years[0] ? (size_t)(years[1] - years[0] + 1) : 0;
}

static int evaluate(const iscg_registry *r, const struct walk *w, int64_t *checksum, double *phase)
{
    double t0 = phase ? now() : 0;
    iscg_error err;
    const size_t nyears = w->nyears;
    /* the receivables of each carrier and year, made when a part first falls in them */
    /* an array of pointers: sizeof *rvs is the size of a pointer, as meant
     * NOLINTNEXTLINE(bugprone-sizeof-expression) */
    iscg_receivables **rvs = calloc(w->ncarriers * nyears + 1, sizeof *rvs);
    if (!rvs)
        die("receivables", ISCG_ENOMEM, NULL);
    for (size_t i = 0; i < w->nconv; i++) {
        const iscg_convention_spec *spec = &w->specs[i];
        iscg_funding *f = NULL;
        int rc = iscg_funding_compute(&f, r, spec->id, &err);
        if (rc != 0)
            die(spec->id, rc, &err);
        lap(phase, PHASE_WHOLE, &t0);
        *checksum += iscg_funding_total(f);
        iscg_cents whole = iscg_funding_total(f), parts = 0;
        for (int y = spec->period.start.year; y <= spec->period.end.year; y++) {
            iscg_funding *part;
            iscg_receivables **rv = &rvs[w->carrier_of[i] * nyears + (size_t)(y - w->first_year)];
            rc = iscg_funding_compute_part(&part, f, y, spec->daycount, &err);
            lap(phase, PHASE_PARTS, &t0);
            if (rc == 0 && !*rv)
                rc = iscg_receivables_new(rv, r, w->carriers[w->carrier_of[i]], y, &err);
            if (rc == 0)
                rc = iscg_receivables_add_part(*rv, part, &err);
            if (rc != 0)
                die(spec->id, rc, &err);
            lap(phase, PHASE_CLAIMS, &t0);
            parts += iscg_funding_total(part);
            iscg_funding_free(part);
            lap(phase, PHASE_PARTS, &t0);
        }
        iscg_funding_free(f);
        lap(phase, PHASE_WHOLE, &t0);
        if (parts != whole) { /* PRO-3: the parts add up to the whole */
            fprintf(stderr, "bench: %s: parts %lld for %lld\n", spec->id, (long long)parts, (long long)whole);
            exit(1);
        }
    }
    size_t claims = 0;
    for (size_t k = 0; k < w->ncarriers * nyears; k++) {
        claims += iscg_receivables_count(rvs[k]);
        iscg_receivables_free(rvs[k]);
    }
    free(rvs);
    lap(phase, PHASE_FREE, &t0);
    return (int)(claims > 0);
}

/* The evaluation, timed. Every computation records its trace (AUD-2): this
 * program built as bench/bench-bare (with ISCG__TRACE_BARE, the library's
 * sources compiled in) writes each record to one scratch slot and keeps
 * none, which times the bare amounts; bench.py compares the two builds. */
static int cmd_funding(const char *path, int runs)
{
    iscg_dataset *ds = NULL;
    iscg_error err;
    int rc = load_file(&ds, path, &err);
    if (rc != 0)
        die("load", rc, &err);
    const iscg_registry *r = iscg_dataset_registry(ds);
    double t[MAX_RUNS + 1] = {0};
    int64_t checksum = 0;
    struct walk w;
    double t_walk = now();
    walk_prepare(&w, r);
    t_walk = now() - t_walk;
    for (int k = 0; k <= runs; k++) { /* run 0 warms up, and is not counted */
        int64_t sum = 0;
        double t0 = now();
        evaluate(r, &w, &sum, NULL);
        t[k] = now() - t0;
        if (k > 0 && sum != checksum)
            die("funding: runs differ", ISCG_ESTATE, NULL);
        checksum = sum;
    }
#ifdef ISCG__TRACE_BARE
    const int traced = 0;
#else
    const int traced = 1;
#endif
    /* one more run, its phases timed apart: the whole-period results, the
     * fiscal-year parts, the receivables' claims, and freeing them; the walk
     * (the conventions and carriers found by id, once) is timed on its own */
    double phase[PHASES] = {0};
    int64_t sum = 0;
    evaluate(r, &w, &sum, phase);
    walk_free(&w);
    printf("{\"measure\": \"funding\", \"posts\": %zu, \"runs\": %d, \"traced\": %d, \"total_cents\": %lld",
           iscg_registry_post_count(r), runs, traced, (long long)checksum);
    print_runs("seconds", t + 1, runs);
    printf(", \"walk\": %.6f", t_walk);
    for (int k = 0; k < PHASES; k++)
        printf(", \"phase_%s\": %.6f", phase_name[k], phase[k]);
    printf("}\n");
    iscg_dataset_free(ds);
    return 0;
}

/* ---- statistics --------------------------------------------------------- */

/* Record m (month) of post p: the same function as bench.py's records(). */
static void record_of(iscg_activity *a, uint64_t p, uint64_t m, uint64_t months, const char *post)
{
    uint64_t h = mix64(p * months + m);
    iscg_activity_init(a);
    a->post = post;
    a->granularity = ISCG_PERIOD_MONTH;
    iscg_error e;
    int rc = iscg_stats_period(&a->period, ISCG_PERIOD_MONTH, 2016 + (int)(m / 12), 1 + (int)(m % 12), &e);
    if (rc != 0)
        die("iscg_stats_period", rc, &e);
    a->carrier = (iscg_activity_carrier)(1 + p % 3);
    a->force = (iscg_activity_force)(1 + p % 3);
    if ((h >> 57) == 0) { /* one record in 128 was never reported */
        a->not_reported = 1;
        return;
    }
    a->women = (int64_t)(h & 63);
    a->men = (int64_t)((h >> 6) & 15);
    a->children = (int64_t)((h >> 10) & 31);
    a->interviews_physical = (int64_t)((h >> 15) & 63);
    a->interviews_telephone = (int64_t)((h >> 21) & 63);
    a->vif_basis_points = (int64_t)((h >> 27) % 10001);
    a->epci = 1 + (int64_t)(p % 4);
    a->communes = 10 + (int64_t)(p % 64);
    a->population = 20000 + (int64_t)(p % 1000) * 100;
}

/* The bench's records as columns, the same as bench.py's records() gives
 * pandas and the Python bindings: post codes, year, month, not_reported,
 * carrier, force and the counts (the totals given), unknown on a record never
 * reported. */
enum { COL_POST, COL_YEAR, COL_MONTH, COL_NOT_REPORTED, COL_KIND, COL_FIGURES };
typedef struct columns {
    int64_t *col[COL_FIGURES + ISCG_ACTIVITY_FIELD_COUNT];
    const char **names;
    size_t n;
} columns;

static void columns_free(columns *c)
{
    for (size_t k = 0; k < sizeof c->col / sizeof *c->col; k++)
        free(c->col[k]);
    free(c->names);
}

/* Figure f (an iscg_activity_field) of a record. */
static int64_t figure_of(const iscg_activity *a, int f)
{
    const int64_t *const figures[ISCG_ACTIVITY_FIELD_COUNT] = {
        &a->women, &a->men, &a->children, &a->referrals, &a->interviews, &a->interviews_physical,
        &a->interviews_telephone, &a->interviews_partners, &a->epci, &a->communes, &a->population,
        &a->vif_basis_points};
    return *figures[f];
}

static int columns_make(columns *c, long posts, uint64_t months, char (*names)[32])
{
    memset(c, 0, sizeof *c);
    c->n = (size_t)posts * months;
    for (size_t k = 0; k < sizeof c->col / sizeof *c->col; k++)
        if (k != COL_FIGURES + ISCG_ACTIVITY_INTERVIEWS_PARTNERS && !(c->col[k] = malloc(c->n * sizeof(int64_t))))
            return -1;
    if (!(c->names = malloc((size_t)posts * sizeof *c->names)))
        return -1;
    for (long p = 0; p < posts; p++)
        c->names[p] = names[p];
    size_t i = 0;
    for (long p = 0; p < posts; p++)
        for (uint64_t m = 0; m < months; m++, i++) {
            iscg_activity a;
            record_of(&a, (uint64_t)p, m, months, names[p]);
            if (!a.not_reported) {
                a.referrals = a.women + a.men + a.children;
                a.interviews = a.interviews_physical + a.interviews_telephone;
            }
            c->col[COL_POST][i] = p;
            c->col[COL_YEAR][i] = a.period.start.year;
            c->col[COL_MONTH][i] = a.period.start.month;
            c->col[COL_NOT_REPORTED][i] = a.not_reported;
            c->col[COL_KIND][i] = (int64_t)a.carrier; /* the force is the same kind */
            for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++)
                if (c->col[COL_FIGURES + f]) {
                    int64_t v = figure_of(&a, f);
                    c->col[COL_FIGURES + f][i] = v;
                }
        }
    return 0;
}

/* The columns as libiscg takes them. */
static iscg_stats_columns columns_view(const columns *c, long posts)
{
    iscg_stats_columns v = ISCG_STATS_COLUMNS_INIT;
    v.post.codes = c->col[COL_POST];
    v.post.names = c->names;
    v.post.count = (size_t)posts;
    v.year.values = c->col[COL_YEAR];
    v.month.values = c->col[COL_MONTH];
    v.granularity.value = ISCG_PERIOD_MONTH;
    v.not_reported.values = c->col[COL_NOT_REPORTED];
    v.carrier.values = c->col[COL_KIND];
    v.force.values = c->col[COL_KIND];
    for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++)
        v.figure[f].values = c->col[COL_FIGURES + f]; /* NULL: unknown (interviews with partners) */
    return v;
}

static int cmd_stats(long posts, long records, int runs)
{
    if (records < posts || records % posts != 0 || records / posts > 1200L) {
        fprintf(stderr, "bench: RECORDS must be a multiple of POSTS, at most 1 200 months each\n");
        return 2;
    }
    uint64_t months = (uint64_t)(records / posts);
    char(*names)[32] = malloc((size_t)posts * sizeof *names);
    if (!names)
        return 1;
    for (long p = 0; p < posts; p++)
        snprintf(names[p], sizeof names[p], "post-%06ld", p);
    /* the columns are in memory before any timing, as pandas' are */
    columns cols;
    if (columns_make(&cols, posts, months, names) != 0)
        die("columns", ISCG_ENOMEM, NULL);
    const iscg_stats_columns view = columns_view(&cols, posts);
    double add[MAX_RUNS + 1] = {0}, add_records[MAX_RUNS + 1] = {0}, agg[MAX_RUNS + 1] = {0},
           sum[MAX_RUNS + 1] = {0}, touch[MAX_RUNS + 1] = {0}, reads[MAX_RUNS + 1] = {0};
    size_t rows = 0, sum_rows = 0, read_columns = 0;
    int64_t referrals_all = 0;
    /* the column ingest and the sums, timed over runs back to back, each
     * store freed before the next, as bench.py times pandas and the Python
     * bindings: timed between the larger steps below, on a machine that hands
     * freed memory back to its host, the ingest measured how long ago that
     * memory was freed more than itself (bench/RESULTS.md, 2026-12-07). The
     * last run's store and sums are kept for the table and the checks below. */
    iscg_stats *s = NULL;
    iscg_stats_sums *sums = NULL;
    for (int k = 0; k <= runs; k++) { /* run 0 warms up, and is not counted */
        iscg_stats_sums_free(sums);
        iscg_stats_free(s);
        s = NULL;
        sums = NULL;
        iscg_error err;
        int rc = iscg_stats_new(&s);
        if (rc != 0)
            die("stats", rc, NULL);
        double t0 = now();
        rc = iscg_stats_add_columns(s, &view, cols.n, NULL, &err);
        add[k] = now() - t0;
        if (rc != 0)
            die("stats add columns", rc, &err);
        t0 = now();
        rc = iscg_stats_sums_compute(&sums, s, ISCG_STATS_BY_POST, ISCG_PERIOD_YEAR, &err);
        sum[k] = now() - t0;
        if (rc != 0)
            die("stats sums", rc, &err);
    }
    for (int k = 0; k <= runs; k++) { /* run 0 warms up, and is not counted */
        iscg_stats *plain = NULL;
        iscg_error err;
        int rc = iscg_stats_new(&plain);
        if (rc != 0)
            die("stats", rc, NULL);
        /* record by record (iscg_stats_add()), for comparison */
        int64_t referrals = 0;
        double t0 = now();
        for (long p = 0; p < posts; p++)
            for (uint64_t m = 0; m < months; m++) {
                iscg_activity a;
                record_of(&a, (uint64_t)p, m, months, names[p]);
                if ((rc = iscg_stats_add(plain, &a, &err)) != 0)
                    die("stats add", rc, &err);
                if (!a.not_reported)
                    referrals += a.women + a.men + a.children;
            }
        add_records[k] = now() - t0;
        iscg_stats_free(plain);
        /* what an ingest into memory the process has not used yet pays for
         * 64 bytes a record: the first touch of as much fresh memory (the
         * kernel's page faults), advised to huge pages as the library advises
         * its store; not a floor of the ingest timed above, whose runs reuse
         * the memory the run before freed */
        t0 = now();
        size_t bytes = cols.n * 64;
        unsigned char *fresh = malloc(bytes);
        if (!fresh)
            die("fresh memory", ISCG_ENOMEM, NULL);
        advise_huge(fresh, bytes);
        for (size_t b = 0; b < bytes; b += 4096)
            fresh[b] = (unsigned char)b;
        touch[k] = now() - t0;
        volatile unsigned char sink = fresh[bytes / 2];
        (void)sink;
        free(fresh);
        /* reading the columns once, as any ingest must */
        t0 = now();
        uint64_t acc = 0;
        read_columns = 0;
        for (size_t c = 0; c < sizeof cols.col / sizeof *cols.col; c++)
            if (cols.col[c]) {
                read_columns++;
                for (size_t i = 0; i < cols.n; i++)
                    acc += (uint64_t)cols.col[c][i];
            }
        reads[k] = now() - t0;
        volatile uint64_t acc_sink = acc;
        (void)acc_sink;
        iscg_stats_table *t = NULL;
        t0 = now();
        rc = iscg_stats_aggregate(&t, s, ISCG_STATS_BY_POST, ISCG_PERIOD_YEAR, ISCG_ROUND_HALF_UP, &err);
        agg[k] = now() - t0;
        if (rc != 0)
            die("stats aggregate", rc, &err);
        /* check: the total rows hold every referral generated */
        int64_t total = 0;
        size_t totals = 0;
        rows = iscg_stats_table_count(t);
        for (size_t i = 0; i < rows; i++) {
            const iscg_stats_row *row = iscg_stats_table_row(t, i);
            if (row->is_total) {
                total += row->count[ISCG_ACTIVITY_REFERRALS].value;
                totals++;
            }
        }
        if (total != referrals) {
            fprintf(stderr, "bench: stats: %lld referrals aggregated for %lld generated\n", (long long)total,
                    (long long)referrals);
            return 1;
        }
        /* the plain sums, computed above: the same counts as the table's group rows, checked row by row */
        sum_rows = iscg_stats_sums_count(sums);
        total = 0;
        for (size_t i = 0; i < sum_rows; i++) {
            iscg_stats_sums_row sr;
            int got = iscg_stats_sums_get(&sr, sums, i);
            if (got != 0)
                die("iscg_stats_sums_get", got, NULL);
            const iscg_stats_row *row = iscg_stats_table_find(t, sr.key, sr.period);
            if (!row || memcmp(row->count, sr.count, sizeof row->count) != 0 || row->records != sr.records) {
                fprintf(stderr, "bench: stats: the sums of %s differ from its table row\n", sr.key);
                return 1;
            }
            total += sr.count[ISCG_ACTIVITY_REFERRALS].value;
        }
        if (total != referrals || sum_rows + totals != rows) {
            fprintf(stderr, "bench: stats: %zu rows of sums with %lld referrals\n", sum_rows, (long long)total);
            return 1;
        }
        referrals_all = referrals;
        iscg_stats_table_free(t);
    }
    iscg_stats_sums_free(sums);
    iscg_stats_free(s);
    printf("{\"measure\": \"stats\", \"posts\": %ld, \"records\": %ld, \"rows\": %zu, \"runs\": %d, "
           "\"sum_rows\": %zu, \"referrals\": %lld, \"read_columns\": %zu",
           posts, records, rows, runs, sum_rows, (long long)referrals_all, read_columns);
    print_runs("add_s", add + 1, runs);
    print_runs("add_records_s", add_records + 1, runs);
    print_runs("touch_s", touch + 1, runs);
    print_runs("read_s", reads + 1, runs);
    print_runs("aggregate_s", agg + 1, runs);
    print_runs("sum_s", sum + 1, runs);
    printf("}\n");
    columns_free(&cols);
    free(names);
    return 0;
}

int main(int argc, char **argv)
{
    (void)setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 5 && strcmp(argv[1], "gen") == 0)
        return cmd_gen(number(argv[2], 1, 9999999, "POSTS"), (uint64_t)number(argv[3], 0, LONG_MAX, "SEED"), argv[4]);
    if (argc == 4 && strcmp(argv[1], "load") == 0)
        return cmd_load(argv[2], parse_runs(argv[3]));
    if (argc == 4 && strcmp(argv[1], "peak") == 0)
        return cmd_peak(argv[2], argv[3]);
    if (argc == 4 && strcmp(argv[1], "funding") == 0)
        return cmd_funding(argv[2], parse_runs(argv[3]));
    if (argc == 5 && strcmp(argv[1], "stats") == 0)
        return cmd_stats(number(argv[2], 1, 9999999, "POSTS"), number(argv[3], 1, LONG_MAX, "RECORDS"),
                         parse_runs(argv[4]));
    fprintf(stderr, "usage: bench gen POSTS SEED FILE | load FILE RUNS | peak none|parse|load FILE |\n"
                    "       funding FILE RUNS | stats POSTS RECORDS RUNS\n");
    return 2;
}
