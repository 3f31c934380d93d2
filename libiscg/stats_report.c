/* SPDX-License-Identifier: Apache-2.0 */
/* What is made of an aggregated table: the year-over-year comparison and the
 * table prepared for publication (PRIV-1). Built on the public table API only. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int same_period(iscg_period a, iscg_period b)
{
    return iscg_date_compare(a.start, b.start) == 0 && iscg_date_compare(a.end, b.end) == 0;
}

/* ---- year-over-year comparison --------------------------------------------- */

struct iscg_stats_comparison {
    iscg_stats_table *table;
    iscg_stats_change *lines;
    size_t n;
};

void iscg_stats_comparison_free(iscg_stats_comparison *c)
{
    if (!c)
        return;
    iscg_stats_table_free(c->table);
    free(c->lines);
    free(c);
}

size_t iscg_stats_comparison_count(const iscg_stats_comparison *c)
{
    return c ? c->n : 0;
}

const iscg_stats_change *iscg_stats_comparison_get(const iscg_stats_comparison *c, size_t index)
{
    return c && index < c->n ? &c->lines[index] : NULL;
}

/* A row gives a figure in full when no record and no part of its period lacks it. */
static int complete(const iscg_stats_row *r, int f)
{
    return r && r->count[f].known > 0 && r->count[f].missing == 0 && r->incomplete == 0;
}

static void add_line(iscg_stats_comparison *c, const char *key, int is_total,
                     const iscg_stats_row *before, const iscg_stats_row *after)
{
    iscg_stats_change *ch = &c->lines[c->n++];
    memset(ch, 0, sizeof *ch);
    ch->key = key;
    ch->is_total = is_total;
    ch->before = before;
    ch->after = after;
    for (int f = 0; f < ISCG_ACTIVITY_COUNTS; f++) {
        /* complete() is 0 for a missing row; then the delta stays 0 */
        ch->comparable[f] = complete(before, f) && complete(after, f);
        if (before && after && ch->comparable[f]) /* both values are >= 0: the difference fits */
            ch->delta[f] = after->count[f].value - before->count[f].value;
    }
}

static int calendar_period(iscg_stats_granularity *g, iscg_period p, const char *name,
                           iscg_error *err)
{
    if (iscg_stats_period_granularity(g, p) == 0)
        return 0;
    if (strcmp(name, "first") == 0)
        return ISCG_FAIL(err, ISCG_EDATE, name,
                         "the first period %04d-%02d-%02d..%04d-%02d-%02d is not one calendar month, "
                         "quarter, half-year or year",
                         p.start.year, p.start.month, p.start.day, p.end.year, p.end.month, p.end.day);
    return ISCG_FAIL(err, ISCG_EDATE, name,
                     "the second period %04d-%02d-%02d..%04d-%02d-%02d is not one calendar month, "
                     "quarter, half-year or year",
                     p.start.year, p.start.month, p.start.day, p.end.year, p.end.month, p.end.day);
}

int iscg_stats_compare(iscg_stats_comparison **out, const iscg_stats *s, iscg_stats_key by,
                       iscg_period before, iscg_period after, iscg_rounding rounding,
                       iscg_error *err)
{
    iscg_stats_granularity g1, g2;
    if (!out || !s)
        return ISCG_FAIL(err, ISCG_EINVAL, "stats", "no collection or output given");
    int rc = calendar_period(&g1, before, "first", err);
    if (rc == 0)
        rc = calendar_period(&g2, after, "second", err);
    if (rc != 0)
        return rc;
    if (g1 != g2)
        return ISCG_FAIL(err, ISCG_EDATE, "after", "a %s cannot be compared with a %s",
                         iscg_period_kind_name(g1), iscg_period_kind_name(g2));
    iscg_stats_comparison *c = calloc(1, sizeof *c);
    if (!c)
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    rc = iscg_stats_aggregate(&c->table, s, by, g1, rounding, err);
    if (rc != 0) {
        free(c);
        return rc;
    }
    size_t rows = iscg_stats_table_count(c->table);
    c->lines = calloc(rows + 1, sizeof *c->lines);
    if (!c->lines) {
        iscg_stats_comparison_free(c);
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    }
    const iscg_stats_table *t = c->table;
    for (size_t i = 0; i < rows; i++) {
        const iscg_stats_row *r = iscg_stats_table_row(t, i);
        if (!r->is_total && same_period(r->period, before))
            add_line(c, r->key, 0, r, iscg_stats_table_find(t, r->key, after));
    }
    for (size_t i = 0; i < rows; i++) {
        const iscg_stats_row *r = iscg_stats_table_row(t, i);
        if (!r->is_total && same_period(r->period, after) &&
            !iscg_stats_table_find(t, r->key, before))
            add_line(c, r->key, 0, NULL, r);
    }
    add_line(c, "total", 1, iscg_stats_table_find(t, NULL, before),
             iscg_stats_table_find(t, NULL, after));
    *out = c;
    return 0;
}

int iscg_stats_change_rate(int64_t *basis_points, int64_t before, int64_t after,
                           iscg_rounding mode, iscg_error *err)
{
    iscg__i128 q;
    if (!basis_points)
        return ISCG_FAIL(err, ISCG_EINVAL, "basis_points", "no output given for the change");
    if (!iscg__rounding_valid((int)mode))
        return ISCG_FAIL(err, ISCG_EINVAL, "mode", "rounding mode %d is not a member", (int)mode);
    if (before < 0 || after < 0)
        return ISCG_FAIL(err, ISCG_EINVAL, before < 0 ? "before" : "after",
                         "a change from %lld to %lld: counts cannot be negative or unknown",
                         (long long)before, (long long)after);
    if (before == 0)
        return ISCG_FAIL(err, ISCG_ERANGE, "before", "a change from 0 to %lld has no rate",
                         (long long)after);
    int rc = iscg__round_div(&q, NULL, ((iscg__i128)after - before) * ISCG_STATS_BASIS_POINTS,
                             before, (int)mode);
    if (rc == ISCG_EROUNDING)
        return ISCG_FAIL(err, rc, "mode",
                         "the change from %lld to %lld is not a whole number of basis points",
                         (long long)before, (long long)after);
    if (iscg__narrow(basis_points, q) != 0)
        return ISCG_FAIL(err, ISCG_EOVERFLOW, "after",
                         "the change from %lld to %lld does not fit in 64 bits", (long long)before,
                         (long long)after);
    return 0;
}

/* ---- publication (PRIV-1) ----------------------------------------------------- */

#define NCOL ISCG_STATS_PUBLISHED_FIELDS

struct iscg_stats_publication {
    iscg_stats_published_row *rows;
    char **keys;
    size_t n;
    iscg_stats_suppression *hidden;
    size_t nhidden;
};

void iscg_stats_publication_free(iscg_stats_publication *p)
{
    if (!p)
        return;
    for (size_t i = 0; p->keys && i < p->n; i++)
        free(p->keys[i]);
    free(p->keys);
    free(p->rows);
    free(p->hidden);
    free(p);
}

size_t iscg_stats_publication_count(const iscg_stats_publication *p)
{
    return p ? p->n : 0;
}

const iscg_stats_published_row *iscg_stats_publication_row(const iscg_stats_publication *p,
                                                           size_t index)
{
    return p && index < p->n ? &p->rows[index] : NULL;
}

size_t iscg_stats_publication_suppressed(const iscg_stats_publication *p)
{
    return p ? p->nhidden : 0;
}

const iscg_stats_suppression *iscg_stats_publication_suppression(const iscg_stats_publication *p,
                                                                 size_t index)
{
    return p && index < p->nhidden ? &p->hidden[index] : NULL;
}

static iscg_stats_cell *cell_at(iscg_stats_publication *p, size_t k)
{
    return &p->rows[k / NCOL].cell[k % NCOL];
}

static int is_hidden(const iscg_stats_cell *c)
{
    return c->state == ISCG_STATS_CELL_SUPPRESSED || c->state == ISCG_STATS_CELL_COMPLEMENTARY;
}

static void hide(iscg_stats_publication *p, size_t k, iscg_stats_cell_state state)
{
    cell_at(p, k)->state = state;
    p->hidden[p->nhidden].row = k / NCOL;
    p->hidden[p->nhidden].field = (iscg_activity_field)(k % NCOL);
    p->hidden[p->nhidden].state = state;
    p->nhidden++;
}

/* The cells of one additive relation (a row's parts and total, or a column's
 * groups and total). A reader who sees all but one of its cells recomputes
 * that one, so a lone hidden cell gets a companion: the smallest non-zero
 * shown cell, a zero only when there is nothing else. Unknown cells are left
 * out: they hide nothing. Returns 1 if it hid a cell. */
static int protect(iscg_stats_publication *p, const int64_t *value, const size_t *cells, size_t n)
{
    size_t hidden = 0, best = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        const iscg_stats_cell *c = cell_at(p, cells[i]);
        if (is_hidden(c)) {
            hidden++;
        } else if (c->state == ISCG_STATS_CELL_PUBLISHED) {
            int64_t v = value[cells[i]];
            if (best == (size_t)-1)
                best = cells[i];
            else {
                int64_t bv = value[best];
                if ((bv == 0 && v != 0) || (v != 0 && v < bv))
                    best = cells[i];
            }
        }
    }
    if (hidden != 1 || best == (size_t)-1)
        return 0;
    hide(p, best, ISCG_STATS_CELL_COMPLEMENTARY);
    return 1;
}

static void suppress(iscg_stats_publication *p, const int64_t *value, int64_t threshold,
                     size_t *cells)
{
    /* primary suppression: the small counts */
    for (size_t k = 0; k < p->n * NCOL; k++) {
        iscg_stats_cell *c = cell_at(p, k);
        if (c->state == ISCG_STATS_CELL_PUBLISHED && value[k] > 0 && value[k] < threshold)
            hide(p, k, ISCG_STATS_CELL_SUPPRESSED);
    }
    if (p->nhidden == 0)
        return;
    /* complementary suppression, until every relation hides two cells or none */
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t r = 0; r < p->n; r++) {
            for (size_t f = 0; f <= ISCG_ACTIVITY_REFERRALS; f++)
                cells[f] = r * NCOL + f;
            changed |= protect(p, value, cells, ISCG_ACTIVITY_REFERRALS + 1);
        }
        for (size_t r0 = 0, r1; r0 < p->n; r0 = r1) {
            for (r1 = r0 + 1; r1 < p->n && same_period(p->rows[r1].period, p->rows[r0].period);)
                r1++;
            for (size_t f = 0; f < NCOL; f++) {
                for (size_t r = r0; r < r1; r++)
                    cells[r - r0] = r * NCOL + f;
                changed |= protect(p, value, cells, r1 - r0);
            }
        }
    }
}

int iscg_stats_publish(iscg_stats_publication **out, const iscg_stats_table *t,
                       int64_t threshold, iscg_error *err)
{
    if (!out || !t)
        return ISCG_FAIL(err, ISCG_EINVAL, "table", "no table or output given");
    if (threshold < 1)
        return ISCG_FAIL(err, ISCG_EINVAL, "threshold",
                         "a suppression threshold of %lld is below 1", (long long)threshold);
    size_t n = iscg_stats_table_count(t);
    iscg_stats_publication *p = calloc(1, sizeof *p);
    int64_t *value = calloc(n * NCOL + 1, sizeof *value);
    size_t *cells = calloc(n + NCOL, sizeof *cells);
    if (p) {
        p->rows = calloc(n + 1, sizeof *p->rows);
        p->keys = calloc(n + 1, sizeof *p->keys);
        p->hidden = calloc(n * NCOL + 1, sizeof *p->hidden);
    }
    int failed = !p || !value || !cells || !p->rows || !p->keys || !p->hidden;
    for (size_t i = 0; !failed && i < n; i++) {
        const iscg_stats_row *r = iscg_stats_table_row(t, i);
        size_t len = strlen(r->key) + 1;
        p->keys[i] = malloc(len);
        if (!p->keys[i]) {
            failed = 1;
            break;
        }
        memcpy(p->keys[i], r->key, len);
        p->n = i + 1;
        iscg_stats_published_row *pr = &p->rows[i];
        pr->key = p->keys[i];
        pr->is_total = r->is_total;
        pr->period = r->period;
        for (int f = 0; f < NCOL; f++) {
            pr->cell[f].missing = r->count[f].missing;
            pr->cell[f].state =
                r->count[f].known > 0 ? ISCG_STATS_CELL_PUBLISHED : ISCG_STATS_CELL_UNKNOWN;
            value[i * NCOL + (size_t)f] = r->count[f].value;
        }
    }
    if (failed) {
        iscg_stats_publication_free(p);
        free(value);
        free(cells);
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    }
    suppress(p, value, threshold, cells);
    /* only what is shown is kept */
    for (size_t k = 0; k < n * NCOL; k++) {
        iscg_stats_cell *c = cell_at(p, k);
        c->value = c->state == ISCG_STATS_CELL_PUBLISHED ? value[k] : 0;
    }
    free(value);
    free(cells);
    *out = p;
    return 0;
}

/* ---- stated figures (STAT-7) ------------------------------------------------ */

struct iscg_stats_checks {
    iscg_stats_check *rows;
    size_t n, disagreements;
};

void iscg_stats_checks_free(iscg_stats_checks *c)
{
    if (!c)
        return;
    free(c->rows);
    free(c);
}

size_t iscg_stats_checks_count(const iscg_stats_checks *c) { return c ? c->n : 0; }
size_t iscg_stats_checks_disagreements(const iscg_stats_checks *c) { return c ? c->disagreements : 0; }

const iscg_stats_check *iscg_stats_checks_row(const iscg_stats_checks *c, size_t i)
{
    return c && i < c->n ? &c->rows[i] : NULL;
}

/* The figure of a record that a total sums. */
static int64_t record_count(const iscg_activity *a, iscg_activity_field f)
{
    const int64_t counts[ISCG_ACTIVITY_COUNTS] = {a->women, a->men, a->children, a->referrals, a->interviews,
                                                  a->interviews_physical, a->interviews_telephone,
                                                  a->interviews_partners, a->epci, a->communes, a->population};
    return counts[f];
}

/* A total: the sum of the series' reported records, checked with
 * iscg_stats_check_total(). values has room for every record. */
static int check_total(iscg_stats_check *row, const iscg_stats *s, int64_t *values, iscg_error *err)
{
    const iscg_stated *st = &row->stated;
    size_t n = 0;
    for (size_t i = 0; i < iscg_stats_count(s); i++) {
        iscg_activity a;
        if (iscg_stats_get(&a, s, i) != 0 || a.not_reported || a.granularity != st->granularity ||
            iscg_date_compare(a.period.start, st->from) < 0 || iscg_date_compare(a.period.end, st->to) > 0 ||
            (st->post && strcmp(st->post, a.post) != 0))
            continue;
        int64_t v = record_count(&a, st->measure);
        if (v == ISCG_UNKNOWN)
            row->unknown++;
        else
            values[n++] = v;
    }
    row->records = n;
    if (n == 0 || row->unknown > 0)
        return 0;
    int64_t sum = 0;
    iscg_error e;
    int rc = iscg_stats_check_total(&sum, values, n, st->total, st->what, &e);
    if (rc != 0 && rc != ISCG_ETOTAL) {
        if (err)
            *err = e;
        return rc;
    }
    row->computable = 1;
    row->computed = sum;
    row->exact.num = sum;
    row->agrees = rc == 0;
    return 0;
}

/* A share: count / of exactly, and as a percentage rounded to the stated
 * decimals with the stated rounding (ISCG_ROUND_UNNECESSARY: a share that is
 * not exact at that precision does not agree; it is shown truncated). */
static int check_share(iscg_stats_check *row, iscg_error *err)
{
    const iscg_stated *st = &row->stated;
    iscg_stats_measure m;
    int rc = iscg_stats_share(&m, st->count, st->of, ISCG_ROUND_DOWN, err);
    if (rc != 0)
        return rc;
    static const int64_t unit[3] = {100, 10, 1}; /* basis points per printed unit */
    int64_t per = unit[st->decimals < 0 || st->decimals > 2 ? 2 : st->decimals];
    iscg__i128 q, r;
    int inexact = 0;
    rc = iscg__round_div(&q, &r, (iscg__i128)m.exact.num * (ISCG_STATS_BASIS_POINTS / per), m.exact.den,
                         (int)st->rounding);
    if (rc == ISCG_EROUNDING) {
        inexact = 1;
        rc = iscg__round_div(&q, &r, (iscg__i128)m.exact.num * (ISCG_STATS_BASIS_POINTS / per), m.exact.den,
                             ISCG_ROUND_DOWN);
    }
    if (rc != 0) /* a loaded dataset's rounding is a member: not reached */
        return ISCG_FAIL(err, rc, "rounding", "share %lld of %lld: rounding mode %d is not a member",
                         (long long)st->count, (long long)st->of, (int)st->rounding);
    row->computable = 1;
    row->exact = m.exact;
    row->computed = (int64_t)q * per;
    row->agrees = !inexact && row->computed == st->basis_points;
    return 0;
}

int iscg_stats_checks_compute(iscg_stats_checks **out, const iscg_dataset *ds, iscg_error *err)
{
    if (!out || !ds)
        return ISCG_FAIL(err, ISCG_EINVAL, "dataset", "no output or dataset given");
    *out = NULL;
    const iscg_stats *s = iscg_dataset_stats(ds);
    size_t n = iscg_dataset_stated_count(ds), records = iscg_stats_count(s);
    iscg_stats_checks *c = calloc(1, sizeof *c);
    int64_t *values = calloc(records ? records : 1, sizeof *values);
    if (!c || !values || (n > 0 && !(c->rows = calloc(n, sizeof *c->rows)))) {
        free(values);
        iscg_stats_checks_free(c);
        return ISCG_FAIL(err, ISCG_ENOMEM, "checks", "out of memory");
    }
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        iscg_stats_check *row = &c->rows[i];
        iscg__ignore(iscg_dataset_stated_get(&row->stated, ds, i)); /* in range */
        row->computed = ISCG_UNKNOWN;
        row->exact.den = 1;
        rc = row->stated.kind == ISCG_STATED_TOTAL ? check_total(row, s, values, err) : check_share(row, err);
        c->n++;
        if (!row->agrees)
            c->disagreements++;
    }
    free(values);
    if (rc != 0) {
        iscg_stats_checks_free(c);
        return rc;
    }
    *out = c;
    return 0;
}
