/* SPDX-License-Identifier: Apache-2.0 */
/* Traces (AUD-2): the store of records computations append to, and the
 * sentences rendered from them when they are read. Every wording is in the
 * one table below. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain_internal.h"
#include "i18n.h"
#include "share_rule.h"

static const char *const trace_kind_names[] = {
    [ISCG_TRACE_UNSET] = NULL,
    [ISCG_TRACE_PLAN] = "PLAN",
    [ISCG_TRACE_SIDE] = "SIDE",
    [ISCG_TRACE_CAP] = "CAP",
    [ISCG_TRACE_PRORATA] = "PRORATA",
    [ISCG_TRACE_PRORATA_REST] = "PRORATA_REST",
    [ISCG_TRACE_EXTRA] = "EXTRA",
    [ISCG_TRACE_REST_UNKNOWN] = "REST_UNKNOWN",
    [ISCG_TRACE_EQUAL_DRIFT] = "EQUAL_DRIFT",
    [ISCG_TRACE_UNFUNDED] = "UNFUNDED",
    [ISCG_TRACE_SOLE] = "SOLE",
    [ISCG_TRACE_SHARE] = "SHARE",
    [ISCG_TRACE_SIDE_DRIFT] = "SIDE_DRIFT",
    [ISCG_TRACE_WHATIF_COST] = "WHATIF_COST",
    [ISCG_TRACE_WHATIF_PERIOD] = "WHATIF_PERIOD",
    [ISCG_TRACE_WHATIF_WITHDRAW] = "WHATIF_WITHDRAW",
    [ISCG_TRACE_WITHDRAWN] = "WITHDRAWN",
    [ISCG_TRACE_REPLACEMENT] = "REPLACEMENT",
    [ISCG_TRACE_UNFUNDED_FROM] = "UNFUNDED_FROM",
    [ISCG_TRACE_SHARED_FROM] = "SHARED_FROM",
    [ISCG_TRACE_DRIFT_FROM] = "DRIFT_FROM",
    [ISCG_TRACE_PART] = "PART",
    [ISCG_TRACE_PART_SHARE] = "PART_SHARE",
    [ISCG_TRACE_CLAIM] = "CLAIM",
    [ISCG_TRACE_ABSENCE] = "ABSENCE",
    [ISCG_TRACE_POST_SPLIT] = "POST_SPLIT",
    [ISCG_TRACE_AMENDMENT] = "AMENDMENT",
    [ISCG_TRACE_SEGMENT] = "SEGMENT",
    [ISCG_TRACE_SEGMENT_SUM] = "SEGMENT_SUM",
};
ISCG__ENUM(trace_kind, iscg_trace_kind, "trace kind", trace_kind_names, NULL, ISCG_TRACE_KIND_COUNT)

/* ---- the store ---------------------------------------------------------- */

void iscg__trace_init(struct iscg__trace *t, const iscg_registry *r, struct iscg_explain *room, uint32_t nroom)
{
    memset(t, 0, sizeof *t);
    t->r = r;
    t->convention = ISCG__NONE;
    t->embedded = room != NULL && nroom > 0;
    t->nchunks = t->embedded ? 1 : 0;
    t->first = nroom > 0 ? nroom : 8;
    t->chunk[0] = t->embedded ? room : NULL;
    t->cur = t->end = NULL; /* the first append finds chunk 0 */
}

void iscg__trace_free(struct iscg__trace *t)
{
    for (size_t k = t->embedded ? 1 : 0; k < t->nchunks; k++)
        free(t->chunk[k]);
    for (size_t k = 0; t->texted && k < ISCG__TRACE_CHUNKS; k++) {
        if (t->texts[k]) {
            size_t cap = (size_t)t->first << k;
            for (size_t i = 0; i < cap; i++)
                free(t->texts[k][i]);
            free(t->texts[k]);
        }
    }
}

/* The chunk of record i, and its place in it. */
static size_t chunk_of(const struct iscg__trace *t, uint32_t i, size_t *at)
{
    uint64_t q = (uint64_t)i / t->first + 1; /* chunk k starts at first * (2^k - 1) */
    size_t k = (size_t)(63 - __builtin_clzll(q));
    *at = (size_t)i - (size_t)t->first * (((size_t)1 << k) - 1);
    return k;
}

struct iscg_explain *iscg__trace_at_far(const struct iscg__trace *t, uint32_t i)
{
    size_t at, k = chunk_of(t, i, &at);
    return &t->chunk[k][at];
}

#ifdef ISCG__TRACE_BARE
/* The bench's build without a trace: every record is written to this one
 * slot and dropped, so that the computation is timed alone. */
static _Thread_local struct iscg_explain sink;

struct iscg_explain *iscg__trace_add(struct iscg__trace *t, struct iscg_explain *parent, iscg_trace_kind kind,
                                     const char *rule, iscg_cents amount)
{
    (void)parent;
    sink.t = t;
    sink.kind = (uint8_t)kind;
    sink.rule = rule;
    sink.amount = amount;
    return &sink;
}
#else
/* The slot of record t->n, the chunk it falls in made when needed; NULL
 * when out of memory. */
static struct iscg_explain *slot(struct iscg__trace *t)
{
    if (t->cur != t->end)
        return t->cur;
    if (t->n >= ISCG__NONE - 1)
        return NULL; /* indices are 32-bit */
    size_t at, k = chunk_of(t, t->n, &at);
    if (k >= ISCG__TRACE_CHUNKS)
        return NULL;
    const size_t cap = (size_t)t->first << k;
    if (!t->chunk[k]) {
        if (!(t->chunk[k] = malloc(cap * sizeof *t->chunk[k])))
            return NULL;
        iscg__advise_huge(t->chunk[k], cap * sizeof *t->chunk[k]);
        t->nchunks = (uint32_t)k + 1; /* chunks are made in order */
    }
    t->cur = &t->chunk[k][at];
    t->end = &t->chunk[k][cap];
    return t->cur;
}

/* Takes e, the slot slot() gave, as record t->n, the last child of parent (NULL: a root). */
static inline void take(struct iscg__trace *t, struct iscg_explain *parent, struct iscg_explain *e)
{
    e->t = t;
    e->index = t->n;
    e->first = e->last = e->next = ISCG__NONE;
    e->nchildren = 0;
    e->parent = ISCG__NONE;
    if (parent) {
        e->parent = parent->index;
        if (parent->last == ISCG__NONE)
            parent->first = e->index;
        else
            iscg__trace_at(t, parent->last)->next = e->index;
        parent->last = e->index;
        parent->nchildren++;
    }
    t->n++;
    t->cur++;
}

struct iscg_explain *iscg__trace_add(struct iscg__trace *t, struct iscg_explain *parent, iscg_trace_kind kind,
                                     const char *rule, iscg_cents amount)
{
    struct iscg_explain *e = slot(t);
    if (!e)
        return NULL;
    /* field by field: a compound literal makes a rep stos, which costs more
     * than the record's few stores */
    e->rule = rule;
    e->amount = amount;
    e->base = e->unit = e->value = 0;
    e->ratio = e->whole = (iscg_ratio){0, 0};
    e->convention = t->convention;
    e->side = e->party = e->party2 = e->post = ISCG__NONE;
    e->count = 0;
    e->start = e->end = e->was_start = e->was_end = e->date = e->year = 0;
    e->kind = (uint8_t)kind;
    e->daycount = e->rounding = e->policy = e->share_rule = 0;
    take(t, parent, e);
    return e;
}
#endif

struct iscg_explain *iscg__trace_copy(struct iscg__trace *t, struct iscg_explain *parent, const struct iscg_explain *e)
{
#ifdef ISCG__TRACE_BARE
    (void)e;
    return iscg__trace_add(t, parent, ISCG_TRACE_UNSET, "", 0);
#else
    struct iscg_explain *copy = slot(t);
    if (!copy)
        return NULL;
    *copy = *e; /* its operands; take() sets its place */
    take(t, parent, copy);
    for (uint32_t c = e->first; c != ISCG__NONE; c = iscg__trace_at(e->t, c)->next)
        if (!iscg__trace_copy(t, copy, iscg__trace_at(e->t, c)))
            return NULL;
    return copy;
#endif
}

void iscg__trace_truncate(struct iscg__trace *t, uint32_t n)
{
    if (n < t->n) {
        t->n = n;
        t->cur = t->end = NULL; /* the next append finds its slot again */
    }
}

const char *iscg__euros(char buf[48], iscg_cents amount)
{
    iscg__ignore(iscg_money_format(buf, 48, amount, ISCG_MONEY_FRENCH));
    return buf;
}

/* ---- the words ---------------------------------------------------------- */

/* Every sentence of a trace but a side's by its share rule, which is in the
 * rule's row (share_rule.c). {0}..{9} stand for a record's operands, as the
 * comment beside each says; a translation may reorder them. */
enum word {
    W_PLAN,          /* convention, source, start, end, cost, prorated-from */
    W_NO_SOURCE,
    W_COST_NOT_KNOWN,
    W_PRORATED_FROM, /* the annual cost */
    W_CAP,           /* cap */
    W_PRORATA,       /* amount, base, fraction, day count, start, end, rounding, unit */
    W_PRORATA_REST,  /* amount, prorated cost */
    W_EXTRA,         /* extra */
    W_REST_UNKNOWN,
    W_EQUAL_DRIFT,   /* drift */
    W_UNFUNDED,      /* side, amount */
    W_SOLE,          /* payer, side, amount, replacing */
    W_REPLACING,     /* replaced party */
    W_SHARE,         /* payer, amount, side amount, weights, rounding, unit, policy, replacing */
    W_SIDE_DRIFT,    /* drift, side */
    W_WHATIF_COST,   /* new cost, old cost */
    W_UNKNOWN_COST,
    W_WHATIF_PERIOD, /* new start, new end, old start, old end */
    W_WHATIF_WITHDRAW, /* party, when, replaced */
    W_WHOLE_PERIOD,
    W_FROM,          /* date */
    W_FROM_AFTER,    /* date */
    W_REPLACED_BY,   /* party */
    W_NOT_REPLACED,
    W_WITHDRAWN,     /* date, amount, share, fraction, period fraction, day count, rounding, unit */
    W_REPLACEMENT,   /* payer, amount, date, replaced */
    W_UNFUNDED_FROM, /* side, date, amount */
    W_SHARED_FROM,   /* amount, withdrawn, date */
    W_DRIFT_FROM,    /* drift, withdrawn, date */
    W_PART,          /* convention, year, fraction, period fraction, day count, last */
    W_LAST_PART,
    W_PART_SHARE,    /* party, year, amount, whole, rounding, unit */
    W_CLAIM,         /* debtor, year, amount, share, months, absent, months, rounding */
    W_ABSENCE,       /* absent, post */
    W_CLAIM_DAYS,    /* as W_CLAIM, in days (RCV-4), and the day count */
    W_ABSENCE_DAYS,  /* absent, post, in days */
    W_POST_SPLIT,    /* post, label, amount, weight, split, cost part, rounding, unit, policy */
    W_POST_SHARE,    /* party, post, amount, row amount, weight, rounding, unit, policy, side */
    W_POST_DRIFT,    /* drift, party, side */
    W_EURO,
    W_CENT,
    W_UNIT,
    W_AMEND_COST,     /* date, cost */
    W_AMEND_PERIOD,   /* date, new end */
    W_AMEND_SIDE,     /* date, side, rule, value */
    W_AMEND_WITHDRAW, /* date, party, replaced */
    W_SEGMENT,        /* start, end, cost, cost in force, fraction, day count */
    W_SEGMENT_SUM,    /* payer, amount, replacing */
    W_COUNT
};

static const char *const words[] = {
    [W_PLAN] = ISCG_N_("convention {0} ({1}), {2}..{3}: cost {4}{5}"),
    [W_NO_SOURCE] = ISCG_N_("no source"),
    [W_COST_NOT_KNOWN] = ISCG_N_("not known"),
    [W_PRORATED_FROM] = ISCG_N_(", prorated from the annual {0}"),
    [W_CAP] = ISCG_N_("capped at {0}"),
    [W_PRORATA] = ISCG_N_("{0} = {1} x {2} ({3} over {4}..{5}), {6} to {7}"),
    [W_PRORATA_REST] = ISCG_N_("{0} = the prorated cost {1} minus the other prorated shares"),
    [W_EXTRA] = ISCG_N_("plus {0} on top (travel costs)"),
    [W_REST_UNKNOWN] = ISCG_N_("the cost is not stated, so the remainder is not known"),
    [W_EQUAL_DRIFT] = ISCG_N_("drift: {0} of the equal split is not allocated (remainder NONE)"),
    [W_UNFUNDED] = ISCG_N_("nobody funds side {0}: {1} unfunded"),
    [W_SOLE] = ISCG_N_("{0} pays side {1}: {2}{3}"),
    [W_REPLACING] = ISCG_N_(", replacing {0}"),
    [W_SHARE] = ISCG_N_("{0}: {1} = {2} x {3}, {4} to {5}, remainder {6}{7}"),
    [W_SIDE_DRIFT] = ISCG_N_("drift: {0} of side {1} is not allocated"),
    [W_WHATIF_COST] = ISCG_N_("what-if: cost {0} instead of {1}"),
    [W_UNKNOWN_COST] = ISCG_N_("an unknown cost"),
    [W_WHATIF_PERIOD] = ISCG_N_("what-if: period {0}..{1} instead of {2}..{3}"),
    [W_WHATIF_WITHDRAW] = ISCG_N_("what-if: {0} withdrawn {1}, {2}"),
    [W_WHOLE_PERIOD] = ISCG_N_("for the whole period"),
    [W_FROM] = ISCG_N_("from {0}"),
    [W_FROM_AFTER] = ISCG_N_("from {0} (after the period: no change)"),
    [W_REPLACED_BY] = ISCG_N_("replaced by {0}"),
    [W_NOT_REPLACED] = ISCG_N_("not replaced"),
    [W_WITHDRAWN] = ISCG_N_("withdrawn from {0}: pays {1} = {2} x ({3}) / ({4}) of the period ({5}), {6} to {7}"),
    [W_REPLACEMENT] = ISCG_N_("{0} pays {1} from {2}, replacing {3}"),
    [W_UNFUNDED_FROM] = ISCG_N_("nobody funds side {0} from {1}: {2} unfunded"),
    [W_SHARED_FROM] = ISCG_N_("plus {0} of {1}'s share from {2}, by weight"),
    [W_DRIFT_FROM] = ISCG_N_("drift: {0} of {1}'s share from {2} is not allocated"),
    [W_PART] = ISCG_N_("convention {0}, its part in {1}: ({2}) / ({3}) of the period ({4}){5}"),
    [W_LAST_PART] = ISCG_N_(", the last part takes what the others leave"),
    [W_PART_SHARE] = ISCG_N_("{0} in {1}: {2} of {3}, {4} to {5}"),
    [W_CLAIM] = ISCG_N_("titre de recettes on {0} for {1}: {2} = {3} x ({4} - {5} months absent) / {6} months, {7}"),
    [W_ABSENCE] = ISCG_N_("reduced for {0} months of absence or vacancy of post {1}"),
    [W_CLAIM_DAYS] = ISCG_N_("titre de recettes on {0} for {1}: {2} = {3} x ({4} - {5} days absent) / {6} days ({8}), {7}"),
    [W_ABSENCE_DAYS] = ISCG_N_("reduced for {0} days of absence or vacancy of post {1}"),
    [W_POST_SPLIT] = ISCG_N_("post {0} ({1}): {2} of the plan, its part {3} by {4}, cost {5}; {6} to {7}, remainder {8}"),
    [W_POST_SHARE] = ISCG_N_("{0}, side {8}, for post {1}: {2} = {3} x {4}"),
    [W_POST_DRIFT] = ISCG_N_("drift: {0} of {1}'s share of side {2} is not allocated across the posts"),
    [W_EURO] = ISCG_N_("the euro"),
    [W_CENT] = ISCG_N_("the cent"),
    [W_UNIT] = ISCG_N_("the unit"),
    [W_AMEND_COST] = ISCG_N_("amendment from {0}: cost {1}"),
    [W_AMEND_PERIOD] = ISCG_N_("amendment from {0}: the period ends on {1}"),
    [W_AMEND_SIDE] = ISCG_N_("amendment from {0}: side {1} becomes {2} {3}"),
    [W_AMEND_WITHDRAW] = ISCG_N_("amendment from {0}: {1} withdraws, {2}"),
    [W_SEGMENT] = ISCG_N_("segment {0}..{1}: cost {2} = {3} x ({4}) ({5})"),
    [W_SEGMENT_SUM] = ISCG_N_("{0} pays {1} over the segments{2}"),
};
_Static_assert(sizeof words / sizeof words[0] == W_COUNT, "every word needs its template");

/* The template of word w, translated. */
static const char *word(enum word w)
{
    return w < W_COUNT ? ISCG_TR(words[w]) : "";
}

/* Output that counts what it cannot hold, like snprintf. */
struct out {
    char *buf;
    size_t size, at;
};

static void put(struct out *o, const char *s, size_t len)
{
    if (o->at < o->size) {
        size_t room = o->size - o->at - 1, n = len < room ? len : room;
        memcpy(o->buf + o->at, s, n);
        o->buf[o->at + n] = '\0';
    }
    o->at += len;
}

/* Template tpl with {k} replaced by arg[k]. */
static void expand(struct out *o, const char *tpl, const char *const *arg, size_t narg)
{
    const char *s = tpl;
    while (*s) {
        const char *open = strchr(s, '{');
        if (!open || open[1] < '0' || open[1] > '9' || open[2] != '}') {
            size_t n = open ? (size_t)(open - s) + 1 : strlen(s);
            put(o, s, n);
            s += n;
            continue;
        }
        put(o, s, (size_t)(open - s));
        size_t k = (size_t)(open[1] - '0');
        if (k < narg && arg[k])
            put(o, arg[k], strlen(arg[k]));
        s = open + 3;
    }
}

/* A sub-sentence (word w with its one operand) into buf. */
static const char *sub(char *buf, size_t size, enum word w, const char *operand)
{
    struct out o = {buf, size, 0};
    buf[0] = '\0';
    expand(&o, word(w), &operand, 1);
    return buf;
}

static const char *unit_name(iscg_cents unit)
{
    return word(unit == ISCG_EURO ? W_EURO : unit == ISCG_CENT ? W_CENT : W_UNIT);
}

static const char *ratio_text(char buf[48], iscg_ratio q)
{
    snprintf(buf, 48, "%lld/%lld", (long long)q.num, (long long)q.den);
    return buf;
}

static const char *date_text(char buf[ISCG_DATE_TEXT_LENGTH], iscg_date d)
{
    iscg__ignore(iscg_date_format(buf, ISCG_DATE_TEXT_LENGTH, d));
    return buf;
}

/* The sentence of record e, into o. */
static void sentence(struct out *o, const struct iscg_explain *e)
{
    const iscg_registry *r = e->t->r;
    const struct convention *c = e->convention != ISCG__NONE ? &r->conventions[e->convention] : NULL;
    const char *side = c && e->side != ISCG__NONE ? c->sides[e->side].name : "";
    const char *party = e->party != ISCG__NONE ? r->parties[e->party].name : "";
    const char *party2 = e->party2 != ISCG__NONE ? r->parties[e->party2].name : "";
    const char *rounding = iscg_rounding_name((iscg_rounding)e->rounding);
    const char *daycount = iscg_daycount_name((iscg_daycount)e->daycount);
    char n[8][48], d[4][ISCG_DATE_TEXT_LENGTH], s1[512];
    /* written in one case, read by expand() after the switch: it must outlive the case */
    // cppcheck-suppress variableScope
    char s2[512];
    const char *a[10] = {0};
    const char *tpl = NULL; /* a template from elsewhere than words[] */
    enum word w = W_COUNT;
    switch ((iscg_trace_kind)e->kind) {
    case ISCG_TRACE_PLAN:
        w = W_PLAN;
        a[0] = c ? c->id : "";
        a[1] = c && c->source ? c->source : word(W_NO_SOURCE);
        a[2] = date_text(d[0], iscg__unpack_date(e->start));
        a[3] = date_text(d[1], iscg__unpack_date(e->end));
        a[4] = e->base < 0 ? word(W_COST_NOT_KNOWN) : iscg__euros(n[0], e->amount);
        a[5] = e->value && e->base >= 0 ? sub(s1, sizeof s1, W_PRORATED_FROM, iscg__euros(n[1], e->base)) : "";
        break;
    case ISCG_TRACE_SIDE:
        tpl = ISCG_TR(iscg__share_rule_of((iscg_share_rule)e->share_rule)->words);
        a[0] = side;
        a[1] = iscg__euros(n[0], e->amount);
        snprintf(n[1], sizeof n[1], "%u", (unsigned)e->count);
        a[2] = n[1];
        a[3] = iscg__euros(n[2], e->base);
        a[4] = rounding;
        a[5] = unit_name(e->unit);
        a[6] = iscg_remainder_policy_name((iscg_remainder_policy)e->policy);
        snprintf(n[3], sizeof n[3], "%lld.%02lld", (long long)(e->value / 100), (long long)(e->value % 100));
        a[7] = n[3];
        break;
    case ISCG_TRACE_CAP:
    case ISCG_TRACE_EXTRA:
    case ISCG_TRACE_EQUAL_DRIFT:
        w = e->kind == ISCG_TRACE_CAP ? W_CAP : e->kind == ISCG_TRACE_EXTRA ? W_EXTRA : W_EQUAL_DRIFT;
        a[0] = iscg__euros(n[0], e->amount);
        break;
    case ISCG_TRACE_PRORATA:
        w = W_PRORATA;
        a[0] = iscg__euros(n[0], e->amount);
        a[1] = iscg__euros(n[1], e->base);
        a[2] = ratio_text(n[2], e->ratio);
        a[3] = daycount;
        a[4] = date_text(d[0], iscg__unpack_date(e->start));
        a[5] = date_text(d[1], iscg__unpack_date(e->end));
        a[6] = rounding;
        a[7] = unit_name(e->unit);
        break;
    case ISCG_TRACE_PRORATA_REST:
        w = W_PRORATA_REST;
        a[0] = iscg__euros(n[0], e->amount);
        a[1] = iscg__euros(n[1], e->base);
        break;
    case ISCG_TRACE_REST_UNKNOWN:
        w = W_REST_UNKNOWN;
        break;
    case ISCG_TRACE_UNFUNDED:
        w = W_UNFUNDED;
        a[0] = side;
        a[1] = iscg__euros(n[0], e->amount);
        break;
    case ISCG_TRACE_SOLE:
    case ISCG_TRACE_SHARE:
        w = e->kind == ISCG_TRACE_SOLE ? W_SOLE : W_SHARE;
        a[0] = party;
        a[1] = e->kind == ISCG_TRACE_SOLE ? side : iscg__euros(n[0], e->amount);
        a[2] = iscg__euros(n[1], e->kind == ISCG_TRACE_SOLE ? e->amount : e->base);
        a[3] = e->party2 != ISCG__NONE ? sub(s1, sizeof s1, W_REPLACING, party2) : "";
        if (e->kind == ISCG_TRACE_SHARE) {
            a[3] = ratio_text(n[2], e->ratio);
            a[4] = rounding;
            a[5] = unit_name(e->unit);
            a[6] = iscg_remainder_policy_name((iscg_remainder_policy)e->policy);
            a[7] = e->party2 != ISCG__NONE ? sub(s1, sizeof s1, W_REPLACING, party2) : "";
        }
        break;
    case ISCG_TRACE_SIDE_DRIFT:
        w = W_SIDE_DRIFT;
        a[0] = iscg__euros(n[0], e->amount);
        a[1] = side;
        break;
    case ISCG_TRACE_WHATIF_COST:
        w = W_WHATIF_COST;
        a[0] = iscg__euros(n[0], e->amount);
        a[1] = e->base < 0 ? word(W_UNKNOWN_COST) : iscg__euros(n[1], e->base);
        break;
    case ISCG_TRACE_WHATIF_PERIOD:
        w = W_WHATIF_PERIOD;
        a[0] = date_text(d[0], iscg__unpack_date(e->start));
        a[1] = date_text(d[1], iscg__unpack_date(e->end));
        a[2] = date_text(d[2], iscg__unpack_date(e->was_start));
        a[3] = date_text(d[3], iscg__unpack_date(e->was_end));
        break;
    case ISCG_TRACE_WHATIF_WITHDRAW: {
        /* dated when the date falls after the start of the (scenario's) period */
        int dated = e->date != 0 && e->date > e->start; /* packed dates compare as dates */
        w = W_WHATIF_WITHDRAW;
        a[0] = party;
        a[1] = !dated ? word(W_WHOLE_PERIOD)
                      : sub(s1, sizeof s1, e->date > e->end ? W_FROM_AFTER : W_FROM,
                            date_text(d[0], iscg__unpack_date(e->date)));
        a[2] = e->party2 != ISCG__NONE ? sub(s2, sizeof s2, W_REPLACED_BY, party2) : word(W_NOT_REPLACED);
        break;
    }
    case ISCG_TRACE_WITHDRAWN:
        w = W_WITHDRAWN;
        a[0] = date_text(d[0], iscg__unpack_date(e->date));
        a[1] = iscg__euros(n[0], e->amount);
        a[2] = iscg__euros(n[1], e->base);
        a[3] = ratio_text(n[2], e->ratio);
        a[4] = ratio_text(n[3], e->whole);
        a[5] = daycount;
        a[6] = rounding;
        a[7] = unit_name(e->unit);
        break;
    case ISCG_TRACE_REPLACEMENT:
        w = W_REPLACEMENT;
        a[0] = party;
        a[1] = iscg__euros(n[0], e->amount);
        a[2] = date_text(d[0], iscg__unpack_date(e->date));
        a[3] = party2;
        break;
    case ISCG_TRACE_UNFUNDED_FROM:
        w = W_UNFUNDED_FROM;
        a[0] = side;
        a[1] = date_text(d[0], iscg__unpack_date(e->date));
        a[2] = iscg__euros(n[0], e->amount);
        break;
    case ISCG_TRACE_SHARED_FROM:
    case ISCG_TRACE_DRIFT_FROM:
        w = e->kind == ISCG_TRACE_SHARED_FROM ? W_SHARED_FROM : W_DRIFT_FROM;
        a[0] = iscg__euros(n[0], e->amount);
        a[1] = party2;
        a[2] = date_text(d[0], iscg__unpack_date(e->date));
        break;
    case ISCG_TRACE_PART:
        w = W_PART;
        a[0] = c ? c->id : "";
        snprintf(n[0], sizeof n[0], "%d", (int)e->year);
        a[1] = n[0];
        a[2] = ratio_text(n[1], e->ratio);
        a[3] = ratio_text(n[2], e->whole);
        a[4] = daycount;
        a[5] = e->value ? word(W_LAST_PART) : "";
        break;
    case ISCG_TRACE_PART_SHARE:
        w = W_PART_SHARE;
        a[0] = party;
        snprintf(n[0], sizeof n[0], "%d", (int)e->year);
        a[1] = n[0];
        a[2] = iscg__euros(n[1], e->amount);
        a[3] = iscg__euros(n[2], e->base);
        a[4] = rounding;
        a[5] = unit_name(e->unit);
        break;
    case ISCG_TRACE_CLAIM:
        /* RCV-4: a claim counts in its convention's own unit */
        w = iscg__daycount_in_months((iscg_daycount)e->daycount) ? W_CLAIM : W_CLAIM_DAYS;
        a[8] = daycount;
        a[0] = party;
        snprintf(n[0], sizeof n[0], "%d", (int)e->year);
        a[1] = n[0];
        a[2] = iscg__euros(n[1], e->amount);
        a[3] = iscg__euros(n[2], e->base);
        a[4] = a[6] = ratio_text(n[3], e->ratio);
        a[5] = ratio_text(n[4], e->whole);
        a[7] = rounding;
        break;
    case ISCG_TRACE_ABSENCE:
        w = iscg__daycount_in_months((iscg_daycount)e->daycount) ? W_ABSENCE : W_ABSENCE_DAYS;
        a[0] = ratio_text(n[0], e->ratio);
        a[1] = e->post != ISCG__NONE ? r->posts[e->post].id : "";
        break;
    case ISCG_TRACE_POST_SPLIT: /* SPLIT-8 */
        if (e->party == ISCG__NONE) {
            w = W_POST_SPLIT;
            a[0] = e->post != ISCG__NONE ? r->posts[e->post].id : "";
            a[1] = e->post != ISCG__NONE ? r->posts[e->post].label : "";
            a[2] = iscg__euros(n[0], e->amount);
            a[3] = ratio_text(n[1], e->ratio);
            a[4] = iscg_post_split_name((iscg_post_split)e->value);
            a[5] = e->base < 0 ? word(W_COST_NOT_KNOWN) : iscg__euros(n[2], e->base);
            a[6] = rounding;
            a[7] = unit_name(e->unit);
            a[8] = iscg_remainder_policy_name((iscg_remainder_policy)e->policy);
        } else if (e->post != ISCG__NONE) {
            w = W_POST_SHARE;
            a[0] = party;
            a[1] = r->posts[e->post].id;
            a[2] = iscg__euros(n[0], e->amount);
            a[3] = iscg__euros(n[1], e->base);
            a[4] = ratio_text(n[2], e->ratio);
            a[8] = side;
        } else {
            w = W_POST_DRIFT;
            a[0] = iscg__euros(n[0], e->amount);
            a[1] = party;
            a[2] = side;
        }
        break;
    case ISCG_TRACE_AMENDMENT:
        a[0] = date_text(d[0], iscg__unpack_date(e->date));
        if (e->value == ISCG_WHATIF_COST) {
            w = W_AMEND_COST;
            a[1] = iscg__euros(n[0], e->amount);
        } else if (e->value == ISCG_WHATIF_PERIOD) {
            w = W_AMEND_PERIOD;
            a[1] = date_text(d[1], iscg__unpack_date(e->end));
        } else if (e->value == ISCG_WHATIF_SIDE) {
            w = W_AMEND_SIDE;
            a[1] = side;
            a[2] = iscg_share_rule_name((iscg_share_rule)e->share_rule);
            if (e->share_rule == ISCG_SHARE_PERCENT)
                snprintf(n[0], sizeof n[0], "%lld.%02lld %%", (long long)(e->base / 100), (long long)(e->base % 100));
            else if (e->share_rule == ISCG_SHARE_FIXED)
                iscg__euros(n[0], e->base);
            else
                n[0][0] = '\0';
            a[3] = n[0];
        } else {
            w = W_AMEND_WITHDRAW;
            a[1] = party;
            a[2] = e->party2 != ISCG__NONE ? sub(s1, sizeof s1, W_REPLACED_BY, party2) : word(W_NOT_REPLACED);
        }
        break;
    case ISCG_TRACE_SEGMENT:
        w = W_SEGMENT;
        a[0] = date_text(d[0], iscg__unpack_date(e->start));
        a[1] = date_text(d[1], iscg__unpack_date(e->end));
        a[2] = e->base < 0 ? word(W_COST_NOT_KNOWN) : iscg__euros(n[0], e->amount);
        a[3] = e->base < 0 ? word(W_COST_NOT_KNOWN) : iscg__euros(n[1], e->base);
        a[4] = ratio_text(n[2], e->ratio);
        a[5] = daycount;
        break;
    case ISCG_TRACE_SEGMENT_SUM:
        w = W_SEGMENT_SUM;
        a[0] = party;
        a[1] = iscg__euros(n[0], e->amount);
        a[2] = e->party2 != ISCG__NONE ? sub(s1, sizeof s1, W_REPLACING, party2) : "";
        break;
    default:
        return; /* no record has another kind */
    }
    expand(o, tpl ? tpl : word(w), a, sizeof a / sizeof a[0]);
}

/* ---- reading ------------------------------------------------------------ */

const char *iscg_explain_rule(const iscg_explain *e) { return e && e->rule ? e->rule : ""; }
iscg_cents iscg_explain_amount(const iscg_explain *e) { return e ? e->amount : 0; }
size_t iscg_explain_child_count(const iscg_explain *e) { return e ? e->nchildren : 0; }

const iscg_explain *iscg_explain_child(const iscg_explain *e, size_t i)
{
    if (!e || i >= e->nchildren)
        return NULL;
    uint32_t c = e->first;
    while (i-- > 0)
        c = iscg__trace_at(e->t, c)->next;
    return iscg__trace_at(e->t, c);
}

/* The texts rendered so far: found and kept under one lock, which readers
 * of any trace take only to find or keep a text (a checker such as helgrind
 * sees the order a lock makes, not that of atomic operations). */
static pthread_mutex_t texts_lock = PTHREAD_MUTEX_INITIALIZER;

/* e's text, rendered and kept when it is not yet; NULL when out of memory.
 * Called with texts_lock held. */
static const char *kept_text(const iscg_explain *e)
{
    struct iscg__trace *t = e->t; /* the texts are kept by the trace, not by the record */
    size_t at, k = chunk_of(t, e->index, &at);
    if (!t->texts[k]) {
        if (!(t->texts[k] = calloc((size_t)t->first << k, sizeof *t->texts[k])))
            return NULL;
        t->texted = 1;
    }
    if (!t->texts[k][at]) {
        struct out o = {NULL, 0, 0};
        sentence(&o, e);
        char *text = malloc(o.at + 1);
        if (!text)
            return NULL;
        o = (struct out){text, o.at + 1, 0};
        sentence(&o, e);
        t->texts[k][at] = text;
    }
    return t->texts[k][at];
}

const char *iscg_explain_text(const iscg_explain *e)
{
    if (!e)
        return "";
    pthread_mutex_lock(&texts_lock);
    const char *text = kept_text(e);
    pthread_mutex_unlock(&texts_lock);
    return text ? text : "";
}

int iscg_explain_record(iscg_trace_record *out, const iscg_explain *e)
{
    if (!out || !e)
        return ISCG_EINVAL;
    const iscg_registry *r = e->t->r;
    const struct convention *c = e->convention != ISCG__NONE ? &r->conventions[e->convention] : NULL;
    memset(out, 0, sizeof *out);
    out->kind = (iscg_trace_kind)e->kind;
    out->rule = e->rule ? e->rule : "";
    out->node = e;
    out->amount = e->amount;
    out->base = e->base;
    out->value = e->kind == ISCG_TRACE_SIDE || e->kind == ISCG_TRACE_POST_SPLIT ? e->value : 0;
    out->count = e->count;
    out->ratio = e->ratio;
    out->whole = e->whole;
    out->daycount = (iscg_daycount)e->daycount;
    out->period = (iscg_period){iscg__unpack_date(e->start), iscg__unpack_date(e->end)};
    out->was_period = (iscg_period){iscg__unpack_date(e->was_start), iscg__unpack_date(e->was_end)};
    out->date = iscg__unpack_date(e->date);
    out->year = e->year;
    out->rounding = (iscg_rounding)e->rounding;
    out->unit = e->unit;
    out->policy = (iscg_remainder_policy)e->policy;
    out->share_rule = (iscg_share_rule)e->share_rule;
    out->convention = c ? c->id : NULL;
    out->post = e->post != ISCG__NONE ? r->posts[e->post].id : NULL;
    out->side = c && e->side != ISCG__NONE ? c->sides[e->side].name : NULL;
    out->party = e->party != ISCG__NONE ? r->parties[e->party].id : NULL;
    out->party_name = e->party != ISCG__NONE ? r->parties[e->party].name : NULL;
    out->other_party = e->party2 != ISCG__NONE ? r->parties[e->party2].id : NULL;
    out->other_party_name = e->party2 != ISCG__NONE ? r->parties[e->party2].name : NULL;
    out->index = e->index;
    out->parent = e->parent != ISCG__NONE ? e->parent : ISCG_TRACE_NONE;
    out->first_child = e->first != ISCG__NONE ? e->first : ISCG_TRACE_NONE;
    out->next_sibling = e->next != ISCG__NONE ? e->next : ISCG_TRACE_NONE;
    out->child_count = e->nchildren;
    return 0;
}

static void render(struct out *o, const iscg_explain *e, int depth)
{
    for (int i = 0; i < 2 * depth; i++)
        put(o, " ", 1);
    if (e->rule && *e->rule) {
        put(o, "[", 1);
        put(o, e->rule, strlen(e->rule));
        put(o, "] ", 2);
    }
    sentence(o, e);
    put(o, "\n", 1);
    for (uint32_t c = e->first; c != ISCG__NONE; c = iscg__trace_at(e->t, c)->next)
        render(o, iscg__trace_at(e->t, c), depth + 1);
}

int iscg_explain_render(char *buf, size_t size, const iscg_explain *e)
{
    if (!e || (!buf && size > 0))
        return ISCG_EINVAL;
    struct out o = {buf, size, 0};
    if (size > 0)
        buf[0] = '\0';
    render(&o, e, 0);
    return o.at > INT32_MAX ? ISCG_ERANGE : (int)o.at;
}
