/* SPDX-License-Identifier: Apache-2.0 */
/* Scenarios: what-ifs as values (AMD-3, AMD-2). Only their storage and
 * checks live here; funding.c applies them to a computation. */
#include <stdlib.h>
#include <string.h>

#include "amend.h"

/* ISCG_WHATIF_UNSET has no name: it is not a what-if. */
static const char *const kind_names[] = {
    [ISCG_WHATIF_UNSET] = NULL,
    [ISCG_WHATIF_WITHDRAW] = "WITHDRAW",
    [ISCG_WHATIF_COST] = "COST",
    [ISCG_WHATIF_PERIOD] = "PERIOD",
    [ISCG_WHATIF_SIDE] = "SIDE",
};
ISCG__ENUM(whatif_kind, iscg_whatif_kind, "what-if kind", kind_names, NULL, ISCG_WHATIF_KIND_COUNT)

int iscg_scenario_new(iscg_scenario **out)
{
    if (!out)
        return ISCG_EINVAL;
    *out = calloc(1, sizeof **out);
    return *out ? 0 : ISCG_ENOMEM;
}

void iscg_scenario_free(iscg_scenario *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        iscg__whatif_free(&s->w[i]);
    free(s->w);
    free(s);
}

static int nonempty(const char *s)
{
    return s && *s;
}

static int same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* The shape of a what-if, before any registry sees it. */
static int check(const iscg_whatif *w, iscg_error *err)
{
    if (w->version != 1 && w->version != ISCG_WHATIF_VERSION)
        return ISCG_FAIL(err, ISCG_EINVAL, "version",
                         "what-if of version %d: this library reads versions 1 and %d (ISCG_WHATIF_INIT)", w->version,
                         ISCG_WHATIF_VERSION);
    /* a side's new terms are an amendment's only (AMD-1, iscg_convention_amend()) */
    if (!iscg_whatif_kind_name(w->kind) || w->kind == ISCG_WHATIF_SIDE)
        return ISCG_FAIL(err, ISCG_EINVAL, "kind", "what-if kind %d is not WITHDRAW, COST or PERIOD", (int)w->kind);
    if (!nonempty(w->convention))
        return ISCG_FAIL(err, ISCG_EINVAL, "convention", "a what-if names the convention it changes");
    const char *c = w->convention;
    if (w->kind == ISCG_WHATIF_WITHDRAW) {
        if (!nonempty(w->party))
            return iscg__fail(err, ISCG_EINVAL, c, "party", 0, 0, "what-if on %s: a withdrawal names its funder", c);
        if (w->replacement && (!*w->replacement || strcmp(w->replacement, w->party) == 0))
            return iscg__fail(err, ISCG_EINVAL, c, "replacement", 0, 0,
                              "what-if on %s: %s cannot be replaced by itself or by an empty name", c, w->party);
        iscg_date zero = {0, 0, 0};
        if (memcmp(&w->from, &zero, sizeof zero) != 0 && !iscg_date_valid(w->from))
            return iscg__fail(err, ISCG_EDATE, c, "from", 0, 0,
                              "what-if on %s: %04d-%02d-%02d is not a date for %s's withdrawal", c, w->from.year,
                              w->from.month, w->from.day, w->party);
    } else if (w->kind == ISCG_WHATIF_COST) {
        if (w->cost < 0)
            return iscg__fail(err, ISCG_EINVAL, c, "cost", 0, 0, "what-if on %s: the new cost is negative", c);
    } else if (!iscg_period_valid(w->period)) {
        return iscg__fail(err, ISCG_EDATE, c, "period", 0, 0,
                          "what-if on %s: the new period is not valid (an end before its start?)", c);
    }
    return 0;
}

/* That the scenario has a what-if of w's kind on its convention already:
 * one whole sentence for each kind. */
static int duplicate(iscg_error *err, const iscg_whatif *w)
{
    const char *kind = iscg_whatif_kind_name(w->kind);
    if (w->kind == ISCG_WHATIF_WITHDRAW)
        return iscg__fail(err, ISCG_EDUPLICATE, w->convention, kind, 0, 0,
                          "what-if on %s: the scenario already has a withdrawal of %s for it", w->convention,
                          w->party);
    if (w->kind == ISCG_WHATIF_COST)
        return iscg__fail(err, ISCG_EDUPLICATE, w->convention, kind, 0, 0,
                          "what-if on %s: the scenario already has a new cost for it", w->convention);
    return iscg__fail(err, ISCG_EDUPLICATE, w->convention, kind, 0, 0,
                      "what-if on %s: the scenario already has a new period for it", w->convention);
}

int iscg_scenario_add(iscg_scenario *s, const iscg_whatif *w, iscg_error *err)
{
    if (!s || !w)
        return ISCG_FAIL(err, ISCG_EINVAL, "scenario", "no scenario or what-if given");
    int rc = check(w, err);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < s->n; i++) {
        const struct whatif *o = &s->w[i];
        if (o->kind == w->kind && strcmp(o->convention, w->convention) == 0 &&
            (w->kind != ISCG_WHATIF_WITHDRAW || same(o->party, w->party)))
            return duplicate(err, w);
    }
    int failed = 0;
    struct whatif copy = {.kind = w->kind, .from = w->from, .cost = w->cost, .period = w->period};
    copy.convention = iscg__strdup(w->convention, &failed);
    if (w->kind == ISCG_WHATIF_WITHDRAW) {
        copy.party = iscg__strdup(w->party, &failed);
        copy.replacement = iscg__strdup(w->replacement, &failed);
    } else {
        copy.from = (iscg_date){0, 0, 0};
    }
    if (failed || iscg__reserve_one(&s->w, s->n, sizeof *s->w) != 0) {
        iscg__whatif_free(&copy);
        return iscg__fail(err, ISCG_ENOMEM, w->convention, "scenario", 0, 0, "what-if on %s: out of memory",
                          w->convention);
    }
    s->w[s->n++] = copy;
    return 0;
}

int iscg_scenario_remove(iscg_scenario *s, size_t i)
{
    if (!s || i >= s->n)
        return ISCG_EINVAL;
    iscg__whatif_free(&s->w[i]);
    memmove(&s->w[i], &s->w[i + 1], (s->n - i - 1) * sizeof *s->w);
    s->n--;
    return 0;
}

size_t iscg_scenario_count(const iscg_scenario *s) { return s ? s->n : 0; }

int iscg_scenario_get(iscg_whatif *out, const iscg_scenario *s, size_t i)
{
    if (!out || !s || i >= s->n)
        return ISCG_EINVAL;
    iscg__whatif_view(out, &s->w[i]); /* a scenario's never sets side, rule or value */
    return 0;
}
