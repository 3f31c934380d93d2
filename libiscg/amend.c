/* SPDX-License-Identifier: Apache-2.0 */
/* Amendments (avenants, AMD-1): the dated, recorded form of the what-ifs of
 * scenario.c, kept on their convention. The period splits into segments at
 * the amendments' dates; each segment is computed by funding.c with the
 * terms in force, prorated by the convention's day count and balanced on its
 * own; the segments' rows are then added up. A withdrawal is SPLIT-6's and
 * AMD-2's withdrawal from the start of the segment it begins. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "amend.h"
#include "plan.h"

struct segment {
    struct convention c;    /* the terms in force; its sides and funders are its own */
    iscg_ratio frac;        /* a non-annual convention: its fraction of the period; {0, 0} else */
    iscg_funding *f;        /* its result */
};

struct iscg__amend {
    struct segment *seg;
    size_t n;
};

/* One result to add up, or none (f NULL). */
struct pick {
    iscg_funding *f;
};

void iscg__whatif_free(struct whatif *w)
{
    free(w->convention);
    free(w->party);
    free(w->replacement);
    free(w->side);
}

void iscg__whatif_view(iscg_whatif *out, const struct whatif *w)
{
    *out = (iscg_whatif)ISCG_WHATIF_INIT;
    out->kind = w->kind;
    out->convention = w->convention;
    out->party = w->party;
    out->replacement = w->replacement;
    out->from = w->from;
    out->cost = w->cost;
    out->period = w->period;
    out->side = w->side;
    out->rule = w->rule;
    out->value = w->value;
}

static void segments_free(struct segment *seg, size_t n)
{
    for (size_t k = 0; seg && k < n; k++) {
        iscg_funding_free(seg[k].f);
        free(seg[k].c.sides);
        free(seg[k].c.funders);
    }
    free(seg);
}

void iscg__amend_free(struct iscg__amend *a)
{
    if (!a)
        return;
    segments_free(a->seg, a->n);
    free(a);
}

iscg_period iscg__amend_period(const struct convention *c)
{
    iscg_period p = c->period;
    const struct whatif *latest = NULL;
    for (size_t i = 0; i < c->namend; i++)
        if (c->amend[i].kind == ISCG_WHATIF_PERIOD &&
            (!latest || iscg_date_compare(c->amend[i].from, latest->from) >= 0))
            latest = &c->amend[i];
    if (latest)
        p.end = latest->period.end;
    return p;
}

/* ---- recording ----------------------------------------------------------- */

static int nonempty(const char *s)
{
    return s && *s;
}

static const char *kind_word(iscg_whatif_kind k)
{
    return k == ISCG_WHATIF_COST     ? ISCG_TR("new cost")
           : k == ISCG_WHATIF_PERIOD ? ISCG_TR("new end")
           : k == ISCG_WHATIF_SIDE   ? ISCG_TR("new terms of a side")
                                     : ISCG_TR("withdrawal");
}

static long side_index(const struct convention *c, const char *name)
{
    for (size_t i = 0; name && i < c->nsides; i++)
        if (strcmp(c->sides[i].name, name) == 0)
            return (long)i;
    return -1;
}

static long funder_index(const struct convention *c, long party)
{
    for (size_t i = 0; i < c->nfunders; i++)
        if ((long)c->funders[i].party == party)
            return (long)i;
    return -1;
}

/* The checks an amendment passes against its convention; day names it. */
static int check_amendment(const iscg_registry *r, const struct convention *c, const iscg_whatif *w,
                           const char *day, iscg_error *err)
{
    const char *id = c->id, *what = kind_word(w->kind);
    iscg_period p = iscg__amend_period(c);
    char a[ISCG_DATE_TEXT_LENGTH], b[ISCG_DATE_TEXT_LENGTH];
    iscg__ignore(iscg_date_format(a, sizeof a, p.start));
    iscg__ignore(iscg_date_format(b, sizeof b, p.end));
    if (iscg_date_compare(w->from, p.start) < 0 || iscg_date_compare(w->from, p.end) > 0)
        return iscg__fail(err, ISCG_ERANGE, id, "from", 0, 0,
                          "convention %s, amendment from %s (%s): the date is outside its period %s..%s", id, day,
                          what, a, b);
    switch (w->kind) {
    case ISCG_WHATIF_COST:
        if (w->cost < 0)
            return iscg__fail(err, ISCG_EINVAL, id, "cost", 0, 0,
                              "convention %s, amendment from %s (new cost): the cost is negative", id, day);
        break;
    case ISCG_WHATIF_PERIOD:
        if (!iscg_period_valid(w->period))
            return iscg__fail(err, ISCG_EDATE, id, "end", 0, 0,
                              "convention %s, amendment from %s (new end): the new period is not valid", id, day);
        if (iscg_date_compare(w->period.start, c->period.start) != 0)
            return iscg__fail(err, ISCG_ERANGE, id, "start", 0, 0,
                              "convention %s, amendment from %s (new end): an amendment ends the period, it "
                              "cannot move its start %s",
                              id, day, a);
        for (size_t i = 0; i < c->namend; i++)
            if (iscg_date_compare(c->amend[i].from, w->period.end) > 0)
                return iscg__fail(err, ISCG_ERANGE, id, "end", 0, 0,
                                  "convention %s, amendment from %s (new end): the new end leaves out the "
                                  "amendment of %04d-%02d-%02d",
                                  id, day, c->amend[i].from.year, c->amend[i].from.month, c->amend[i].from.day);
        break;
    case ISCG_WHATIF_SIDE:
        if (side_index(c, w->side) < 0)
            return iscg__fail(err, ISCG_ENOTFOUND, id, "side", 0, 0,
                              "convention %s, amendment from %s (new terms of a side): it has no side %s", id, day,
                              w->side ? w->side : "(none named)");
        if (!iscg_share_rule_name(w->rule))
            return iscg__fail(err, ISCG_EINVAL, id, "rule", 0, 0,
                              "convention %s, amendment from %s (side %s): share rule %d is not known", id, day,
                              w->side, (int)w->rule);
        if (w->value < 0 || (w->rule == ISCG_SHARE_PERCENT && w->value > 10000))
            return iscg__fail(err, ISCG_EINVAL, id, "value", 0, 0,
                              "convention %s, amendment from %s (side %s): the value %lld is out of range", id, day,
                              w->side, (long long)w->value);
        break;
    default: { /* ISCG_WHATIF_WITHDRAW: the kind was checked */
        long pi = nonempty(w->party) ? iscg__party_index(r, w->party) : -1;
        if (!nonempty(w->party))
            return iscg__fail(err, ISCG_EINVAL, id, "party", 0, 0,
                              "convention %s, amendment from %s (withdrawal): it names no funder", id, day);
        if (funder_index(c, pi) < 0)
            return iscg__fail(err, ISCG_ENOTFOUND, id, "party", 0, 0,
                              "convention %s, amendment from %s (withdrawal): %s is not one of its funders", id, day,
                              w->party);
        if (w->replacement && (!*w->replacement || strcmp(w->replacement, w->party) == 0))
            return iscg__fail(err, ISCG_EINVAL, id, "replacement", 0, 0,
                              "convention %s, amendment from %s (withdrawal): %s cannot be replaced by itself or by "
                              "an empty name",
                              id, day, w->party);
        if (w->replacement && iscg__party_index(r, w->replacement) < 0)
            return iscg__fail(err, ISCG_ENOTFOUND, id, "replacement", 0, 0,
                              "convention %s, amendment from %s (withdrawal of %s): replacement %s is not a known "
                              "party",
                              id, day, w->party, w->replacement);
        break;
    }
    }
    for (size_t i = 0; i < c->namend; i++) {
        const struct whatif *o = &c->amend[i];
        if (o->kind != w->kind)
            continue;
        if (o->kind == ISCG_WHATIF_WITHDRAW && strcmp(o->party, w->party) == 0)
            return iscg__fail(err, ISCG_EDUPLICATE, id, "party", 0, 0,
                              "convention %s, amendment from %s (withdrawal): %s withdraws already, from "
                              "%04d-%02d-%02d",
                              id, day, w->party, o->from.year, o->from.month, o->from.day);
        if (iscg_date_compare(o->from, w->from) == 0 && (o->kind != ISCG_WHATIF_SIDE || strcmp(o->side, w->side) == 0))
            return iscg__fail(err, ISCG_EDUPLICATE, id, "from", 0, 0,
                              "convention %s, amendment from %s (%s%s%s): another amendment changes the same on "
                              "the same date",
                              id, day, what, o->kind == ISCG_WHATIF_SIDE ? " " : "",
                              o->kind == ISCG_WHATIF_SIDE ? w->side : "");
    }
    return 0;
}

int iscg_convention_amend(iscg_registry *r, const char *convention, const iscg_whatif *w, iscg_error *err)
{
    if (!r || !w)
        return ISCG_FAIL(err, ISCG_EINVAL, "amendment", "no registry or amendment given");
    int rc = iscg__registry_writable(r, "an amendment", convention ? convention : "", err);
    if (rc != 0)
        return rc;
    long ci = iscg__convention_index(r, convention);
    if (ci < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, convention ? convention : "", "convention", 0, 0,
                          "an amendment names convention %s, which is not known", convention ? convention : "(null)");
    struct convention *c = &r->conventions[ci];
    if (w->version != 1 && w->version != ISCG_WHATIF_VERSION)
        return iscg__fail(err, ISCG_EINVAL, c->id, "version", 0, 0,
                          "convention %s: amendment of version %d: this library reads versions 1 and %d "
                          "(ISCG_WHATIF_INIT)",
                          c->id, w->version, ISCG_WHATIF_VERSION);
    if (!iscg_whatif_kind_name(w->kind) || (w->kind == ISCG_WHATIF_SIDE && w->version < 2))
        return iscg__fail(err, ISCG_EINVAL, c->id, "kind", 0, 0,
                          "convention %s: amendment kind %d is not WITHDRAW, COST, PERIOD or SIDE", c->id,
                          (int)w->kind);
    if (!iscg_date_valid(w->from))
        return iscg__fail(err, ISCG_EDATE, c->id, "from", 0, 0,
                          "convention %s: an amendment (%s) takes effect on a date, and %04d-%02d-%02d is none",
                          c->id, kind_word(w->kind), w->from.year, w->from.month, w->from.day);
    char day[ISCG_DATE_TEXT_LENGTH];
    iscg__ignore(iscg_date_format(day, sizeof day, w->from));
    if ((rc = check_amendment(r, c, w, day, err)) != 0)
        return rc;
    int failed = 0;
    struct whatif copy = {.kind = w->kind, .from = w->from};
    copy.convention = iscg__strdup(c->id, &failed);
    if (w->kind == ISCG_WHATIF_COST) {
        copy.cost = w->cost;
    } else if (w->kind == ISCG_WHATIF_PERIOD) {
        copy.period = w->period;
    } else if (w->kind == ISCG_WHATIF_SIDE) {
        copy.side = iscg__strdup(w->side, &failed);
        copy.rule = w->rule;
        copy.value = w->rule == ISCG_SHARE_PERCENT || w->rule == ISCG_SHARE_FIXED ? w->value : 0;
    } else {
        copy.party = iscg__strdup(w->party, &failed);
        copy.replacement = iscg__strdup(w->replacement, &failed);
    }
    if (failed || iscg__reserve_one(&c->amend, c->namend, sizeof *c->amend) != 0) {
        iscg__whatif_free(&copy);
        return iscg__fail(err, ISCG_ENOMEM, c->id, "amendment", 0, 0, "convention %s, amendment from %s: out of memory",
                          c->id, day);
    }
    c->amend[c->namend++] = copy;
    return 0;
}

size_t iscg_convention_amendment_count(const iscg_registry *r, const char *convention)
{
    long ci = r ? iscg__convention_index(r, convention) : -1;
    return ci < 0 ? 0 : r->conventions[ci].namend;
}

int iscg_convention_amended_period(iscg_period *out, const iscg_registry *r, const char *convention, iscg_error *err)
{
    if (!out || !r || !convention)
        return ISCG_FAIL(err, ISCG_EINVAL, "convention", "no output, registry or convention given");
    long ci = iscg__convention_index(r, convention);
    if (ci < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, convention, "convention", 0, 0, "convention %s is not known", convention);
    *out = iscg__amend_period(&r->conventions[ci]);
    return 0;
}

int iscg_convention_amendment_get(iscg_whatif *out, const iscg_registry *r, const char *convention, size_t i)
{
    long ci = r ? iscg__convention_index(r, convention) : -1;
    if (!out || ci < 0 || i >= r->conventions[ci].namend)
        return ISCG_EINVAL;
    iscg__whatif_view(out, &r->conventions[ci].amend[i]);
    return 0;
}

/* ---- segments -------------------------------------------------------------- */

static int oom(iscg_error *err, const struct convention *c)
{
    return iscg__fail(err, ISCG_ENOMEM, c->id, "amendments", 0, 0, "convention %s: out of memory", c->id);
}

/* The terms of c in force from day: every amendment dated on or before it,
 * in date order (they never change the same thing on the same date). */
static void terms_in_force(struct convention *sc, const iscg_registry *r, const struct convention *c, iscg_date day)
{
    for (size_t i = 0; i < c->namend; i++) {
        /* the latest of each kind and target wins: apply them by date */
        const struct whatif *w = NULL;
        for (size_t k = 0; k < c->namend; k++) {
            const struct whatif *o = &c->amend[k];
            if (o->kind == ISCG_WHATIF_PERIOD || iscg_date_compare(o->from, day) > 0)
                continue;
            /* the i-th in date order, ties in the order recorded */
            size_t before = 0;
            for (size_t j = 0; j < c->namend; j++) {
                int cmp = iscg_date_compare(c->amend[j].from, o->from);
                before += cmp < 0 || (cmp == 0 && j < k);
            }
            if (before == i)
                w = o;
        }
        if (!w)
            continue;
        if (w->kind == ISCG_WHATIF_COST) {
            sc->cost = w->cost;
        } else if (w->kind == ISCG_WHATIF_SIDE) {
            struct side *s = &sc->sides[side_index(c, w->side)]; /* checked when recorded */
            s->rule = w->rule;
            s->value = w->value;
        } else {
            long fi = funder_index(c, iscg__party_index(r, w->party));
            if (fi >= 0) {
                sc->funders[fi].withdrawn = 1;
                sc->funders[fi].replacement = w->replacement ? iscg__party_index(r, w->replacement) : -1;
            }
        }
    }
}

static int date_before(iscg_date *out, iscg_date d)
{
    return iscg_date_add_days(out, d, -1, NULL);
}

/* The segments of c over period p, their terms in force, not computed yet. */
static int build_segments(struct segment **out, size_t *nout, const iscg_registry *r, const struct convention *c,
                          iscg_period p, iscg_error *err)
{
    size_t nb = 0;
    iscg_date *b = malloc((c->namend + 1) * sizeof *b);
    if (!b)
        return oom(err, c);
    b[nb++] = p.start;
    for (size_t i = 0; i < c->namend; i++) {
        const struct whatif *w = &c->amend[i];
        if (w->kind == ISCG_WHATIF_PERIOD || iscg_date_compare(w->from, p.start) <= 0 ||
            iscg_date_compare(w->from, p.end) > 0)
            continue; /* no segment starts there (a scenario's period may leave it out) */
        size_t at = nb;
        int dup = 0;
        for (size_t k = 0; k < nb && !dup; k++)
            dup = iscg_date_compare(b[k], w->from) == 0;
        if (dup)
            continue;
        while (at > 0 && iscg_date_compare(b[at - 1], w->from) > 0) {
            b[at] = b[at - 1];
            at--;
        }
        b[at] = w->from;
        nb++;
    }
    iscg_ratio whole = {1, 1};
    int rc = 0;
    if (!c->annual) {
        iscg__year_fraction(&whole, p, c->daycount);
        if (whole.num == 0)
            rc = iscg__fail(err, ISCG_ERANGE, c->id, "daycount", 0, 0,
                            "convention %s: its period counts for nothing under %s, so its amendments' segments "
                            "cannot be prorated",
                            c->id, iscg_daycount_name(c->daycount));
    }
    struct segment *seg = rc == 0 ? calloc(nb, sizeof *seg) : NULL;
    if (rc == 0 && !seg)
        rc = oom(err, c);
    for (size_t k = 0; rc == 0 && k < nb; k++) {
        struct convention *sc = &seg[k].c;
        *sc = *c;
        sc->amend = NULL;
        sc->namend = 0;
        sc->period.start = b[k];
        if (k + 1 < nb)
            iscg__ignore(date_before(&sc->period.end, b[k + 1])); /* after b[k]: within the period */
        else
            sc->period.end = p.end;
        sc->sides = malloc((c->nsides ? c->nsides : 1) * sizeof *sc->sides);
        sc->funders = malloc((c->nfunders ? c->nfunders : 1) * sizeof *sc->funders);
        if (!sc->sides || !sc->funders) {
            rc = oom(err, c);
            break;
        }
        if (c->nsides)
            memcpy(sc->sides, c->sides, c->nsides * sizeof *sc->sides);
        if (c->nfunders)
            memcpy(sc->funders, c->funders, c->nfunders * sizeof *sc->funders);
        terms_in_force(sc, r, c, sc->period.start);
        if (!c->annual) {
            iscg_ratio part;
            iscg__year_fraction(&part, sc->period, c->daycount);
            if (__builtin_mul_overflow(part.num, whole.den, &seg[k].frac.num) ||
                __builtin_mul_overflow(part.den, whole.num, &seg[k].frac.den))
                rc = iscg__fail(err, ISCG_EOVERFLOW, c->id, "amendments", 0, 0,
                                "convention %s: the fraction of a segment is too fine to compute", c->id);
        }
    }
    free(b);
    if (rc != 0) {
        segments_free(seg, nb);
        return rc;
    }
    *out = seg;
    *nout = nb;
    return 0;
}

/* "convention c, segment a..b: why", in front of err's text. */
static int segment_named(iscg_error *err, const struct convention *c, const struct segment *sg, int rc)
{
    if (!err || rc == 0)
        return rc;
    char why[ISCG_ERROR_TEXT_LENGTH], field[ISCG_ERROR_NAME_LENGTH], a[ISCG_DATE_TEXT_LENGTH],
        b[ISCG_DATE_TEXT_LENGTH];
    snprintf(why, sizeof why, "%s", err->text);
    snprintf(field, sizeof field, "%s", err->field);
    iscg__ignore(iscg_date_format(a, sizeof a, sg->c.period.start));
    iscg__ignore(iscg_date_format(b, sizeof b, sg->c.period.end));
    return iscg__fail(err, rc, c->id, field, 0, 0, "convention %s, amended, its segment %s..%s: %s", c->id, a, b, why);
}

int iscg__amend_check(const iscg_registry *r, const struct convention *c, iscg_error *err)
{
    struct segment *seg = NULL;
    size_t n = 0;
    int rc = build_segments(&seg, &n, r, c, iscg__amend_period(c), err);
    for (size_t k = 0; rc == 0 && k < n; k++)
        rc = segment_named(err, c, &seg[k], iscg__plan_check(&seg[k].c, err));
    if (rc == 0 || seg)
        segments_free(seg, n);
    return rc;
}

/* ---- results added up ------------------------------------------------------ */

/* The row of m with f's row w's payer, side and replaced funder, made when new. */
static struct row *merged_row(iscg_funding *m, const struct row *w)
{
    for (size_t i = 0; i < m->nrows; i++)
        if (m->rows[i].party == w->party && m->rows[i].side == w->side && m->rows[i].replaces == w->replaces)
            return &m->rows[i];
    struct row *row = &m->rows[m->nrows++]; /* room for every segment's rows was made */
    *row = (struct row){.party = w->party, .side = w->side, .replaces = w->replaces, .rule = "AMD-1"};
    return row;
}

/* Adds up the results parts[0..n) (NULL: none) into m: its sides, rows and
 * cost; each row explained as the sum of its shares in the parts. */
static int add_up(iscg_funding *m, const struct pick *parts, size_t n, iscg_error *err)
{
    const struct convention *c = m->c;
    int unknown = 0;
    m->cost = 0;
    for (size_t k = 0; k < n; k++) {
        const iscg_funding *p = parts[k].f;
        if (!p)
            continue;
        if (p->cost < 0)
            unknown = 1;
        else if (iscg__add(&m->cost, m->cost, p->cost) != 0)
            return iscg__fail(err, ISCG_EOVERFLOW, c->id, "cost", 0, 0, "convention %s: the segments' costs overflow",
                              c->id);
        /* each segment's amounts are rounded on their own (a unit larger
         * than any part rounds each one up to it): their sums are checked */
        int over = iscg__add(&m->equal_drift, m->equal_drift, p->equal_drift) != 0;
        for (size_t i = 0; i < m->nsides && i < p->nsides; i++) {
            over |= iscg__add(&m->sides[i].amount, m->sides[i].amount, p->sides[i].amount) != 0;
            over |= iscg__add(&m->sides[i].extra, m->sides[i].extra, p->sides[i].extra) != 0;
            over |= iscg__add(&m->sides[i].drift, m->sides[i].drift, p->sides[i].drift) != 0;
            m->sides[i].unknown |= p->sides[i].unknown;
        }
        for (size_t i = 0; i < p->nrows; i++) {
            struct row *row = merged_row(m, &p->rows[i]);
            over |= iscg__add(&row->amount, row->amount, p->rows[i].amount) != 0;
        }
        if (over)
            return iscg__fail(err, ISCG_EOVERFLOW, c->id, "amount", 0, 0,
                              "convention %s: the segments' shares overflow 64-bit cents", c->id);
    }
    int rc = iscg__funding_check_total(m, err);
    if (rc != 0)
        return rc;
    if (unknown)
        m->cost = ISCG_UNKNOWN;
    for (size_t i = 0; i < m->nrows; i++) {
        struct row *row = &m->rows[i];
        iscg_explain *e = iscg__trace_add(&m->trace, m->root, ISCG_TRACE_SEGMENT_SUM, "AMD-1", row->amount);
        if (!(row->explain = e))
            return oom(err, c);
        e->party = (uint32_t)row->party;
        e->party2 = row->replaces >= 0 ? (uint32_t)row->replaces : ISCG__NONE;
        e->side = (uint32_t)row->side;
        for (size_t k = 0; k < n; k++)
            for (size_t j = 0; parts[k].f && j < parts[k].f->nrows; j++) {
                const struct row *w = &parts[k].f->rows[j];
                if (w->party == row->party && w->side == row->side && w->replaces == row->replaces && w->explain &&
                    !iscg__trace_copy(&m->trace, e, w->explain))
                    return oom(err, c);
            }
    }
    return 0;
}

/* Copies the children of record e under parent. */
static int copy_children(iscg_funding *m, iscg_explain *parent, const iscg_explain *e)
{
    uint32_t at = e->first;
    for (uint32_t i = 0; i < e->nchildren; i++) {
        const iscg_explain *child = iscg__trace_at(e->t, at);
        if (!iscg__trace_copy(&m->trace, parent, child))
            return ISCG_ENOMEM;
        at = child->next;
    }
    return 0;
}

static size_t records_of(const struct pick *parts, size_t n, size_t *nrows)
{
    size_t records = 0;
    *nrows = 0;
    for (size_t k = 0; k < n; k++) {
        if (!parts[k].f)
            continue;
        records += 2 * parts[k].f->trace.n + 1; /* its steps, and its rows' copies */
        *nrows += parts[k].f->nrows;
    }
    return records;
}

/* The records saying what the amendments change, under the root. */
static int explain_amendments(iscg_funding *m, const struct convention *c)
{
    const iscg_registry *r = m->r;
    for (size_t i = 0; i < c->namend; i++) {
        const struct whatif *w = &c->amend[i];
        iscg_explain *e = iscg__trace_add(&m->trace, m->root, ISCG_TRACE_AMENDMENT,
                                          w->kind == ISCG_WHATIF_WITHDRAW ? "AMD-2" : "AMD-1",
                                          w->kind == ISCG_WHATIF_COST ? w->cost : 0);
        if (!e)
            return ISCG_ENOMEM;
        e->value = w->kind;
        e->date = iscg__pack_date(w->from);
        if (w->kind == ISCG_WHATIF_PERIOD)
            iscg__trace_period(e, w->period);
        if (w->kind == ISCG_WHATIF_SIDE) {
            e->side = (uint32_t)side_index(c, w->side);
            e->share_rule = (uint8_t)w->rule;
            e->base = w->value;
        }
        if (w->kind == ISCG_WHATIF_WITHDRAW) {
            long rep = w->replacement ? iscg__party_index(r, w->replacement) : -1;
            e->party = (uint32_t)iscg__party_index(r, w->party); /* checked when recorded */
            e->party2 = rep >= 0 ? (uint32_t)rep : ISCG__NONE;
        }
    }
    return 0;
}

int iscg__amend_compute(iscg_funding **out, const iscg_registry *r, const iscg_scenario *s,
                        const struct convention *c, iscg_error *err)
{
    struct iscg__amend *am = calloc(1, sizeof *am);
    iscg_funding *m = NULL;
    if (!am)
        return oom(err, c);
    iscg_period p = iscg__scenario_period(s, c);
    int rc = build_segments(&am->seg, &am->n, r, c, p, err);
    for (size_t k = 0; rc == 0 && k < am->n; k++) {
        struct segment *sg = &am->seg[k];
        rc = segment_named(err, c, sg, iscg__funding_compute_conv(&sg->f, r, s, &sg->c, c, sg->frac, 1, err));
    }
    struct pick *parts = rc == 0 ? calloc(am->n + 1, sizeof *parts) : NULL; /* n >= 1: +1 for the analyzer */
    if (rc == 0 && !parts)
        rc = oom(err, c);
    if (rc == 0) {
        size_t nrows = 0;
        for (size_t k = 0; k < am->n; k++)
            parts[k].f = am->seg[k].f;
        size_t nrecords = 1 + c->namend + am->n + records_of(parts, am->n, &nrows);
        rc = iscg__funding_alloc(&m, NULL, r, c, c, nrows, 1, nrecords, err);
    }
    if (rc == 0) {
        m->amend = am;
        am = NULL;
        m->own->period = m->period = p;
        m->own->cost = m->amend->seg[m->amend->n - 1].f->c->cost; /* the cost in force at the end */
        m->nsides = c->nsides;
        m->root = iscg__trace_add(&m->trace, NULL, ISCG_TRACE_PLAN, "AMD-1", 0);
        if (!m->root)
            rc = oom(err, c);
    }
    if (rc == 0) {
        m->root->base = c->cost;
        m->root->value = c->annual;
        iscg__trace_period(m->root, p);
        m->root->daycount = (uint8_t)c->daycount;
        iscg__trace_rounding(m->root, &c->rounding);
        if (explain_amendments(m, c) != 0)
            rc = oom(err, c);
    }
    for (size_t k = 0; rc == 0 && k < m->amend->n; k++) {
        const struct segment *sg = &m->amend->seg[k];
        iscg_explain *e = iscg__trace_add(&m->trace, m->root, ISCG_TRACE_SEGMENT, "AMD-1", sg->f->cost);
        if (!e) {
            rc = oom(err, c);
            break;
        }
        iscg__trace_period(e, sg->c.period);
        e->base = sg->f->c->cost;
        e->daycount = (uint8_t)c->daycount;
        if (c->annual)
            iscg__year_fraction(&e->ratio, sg->c.period, c->daycount);
        else
            e->ratio = sg->frac;
        iscg__trace_rounding(e, &c->rounding);
        if (sg->f->root && copy_children(m, e, sg->f->root) != 0)
            rc = oom(err, c);
    }
    if (rc == 0)
        rc = add_up(m, parts, m->amend->n, err);
    if (rc == 0)
        m->root->amount = m->cost;
    free(parts);
    iscg__amend_free(am);
    if (rc != 0) {
        iscg_funding_free(m);
        return rc;
    }
    *out = m;
    return 0;
}

int iscg__amend_part(iscg_funding **out, const iscg_funding *whole, int year, iscg_daycount daycount,
                     iscg_error *err)
{
    const struct convention *c = whole->c;
    const struct iscg__amend *am = whole->amend;
    if (!iscg__touches_year(c->period, year))
        return iscg__fail(err, ISCG_ERANGE, c->id, "year", 0, 0, "convention %s does not cover any day of %d", c->id,
                          year);
    struct pick *parts = calloc(am->n, sizeof *parts);
    iscg_funding *m = NULL;
    int rc = parts ? 0 : oom(err, c);
    for (size_t k = 0; rc == 0 && k < am->n; k++)
        if (iscg__touches_year(am->seg[k].c.period, year))
            rc = segment_named(err, c, &am->seg[k],
                               iscg_funding_compute_part(&parts[k].f, am->seg[k].f, year, daycount, err));
    if (rc == 0) {
        size_t nrows = 0;
        size_t nrecords = 1 + records_of(parts, am->n, &nrows);
        rc = iscg__funding_alloc(&m, NULL, whole->r, c, whole->orig, nrows, 1, nrecords, err);
    }
    if (rc == 0) {
        m->part = 1;
        m->daycount = daycount;
        m->period = iscg__year_part(c->period, year);
        m->nsides = whole->nsides;
        m->root = iscg__trace_add(&m->trace, NULL, ISCG_TRACE_PART, "PRO-3", 0);
        if (!m->root)
            rc = oom(err, c);
    }
    if (rc == 0) {
        iscg__year_fraction(&m->root->ratio, m->period, daycount);
        iscg__year_fraction(&m->root->whole, c->period, daycount);
        m->root->daycount = (uint8_t)daycount;
        m->root->year = year;
        iscg__trace_period(m->root, m->period);
        iscg__trace_rounding(m->root, &c->rounding);
    }
    for (size_t k = 0; rc == 0 && k < am->n; k++)
        if (parts[k].f && parts[k].f->root && !iscg__trace_copy(&m->trace, m->root, parts[k].f->root))
            rc = oom(err, c);
    if (rc == 0)
        rc = add_up(m, parts, am->n, err);
    if (rc == 0)
        m->root->amount = m->cost < 0 ? 0 : m->cost;
    for (size_t k = 0; parts && k < am->n; k++)
        iscg_funding_free(parts[k].f);
    free(parts);
    if (rc != 0) {
        iscg_funding_free(m);
        return rc;
    }
    *out = m;
    return 0;
}
