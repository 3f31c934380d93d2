/* SPDX-License-Identifier: Apache-2.0 */
/* SPLIT-7: a plan balances, or says why not. The sides' bases are found as
 * the computation finds them (share_rule.h's table, the equal split of what
 * the other sides leave, the caps), then their sum is compared with the
 * cost. A plan may leave a shortfall only to a REMAINDER side: its own, or
 * the carrier's when the plan charges the shortfall to the carrier
 * (iscg_convention_charge_shortfall()). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "share_rule.h"

static const char *euros(char buf[48], iscg_cents amount)
{
    iscg__ignore(iscg_money_format(buf, 48, amount, ISCG_MONEY_FRENCH));
    return buf;
}

/* "FIPD 15 000 €, Département 15 000 €", cut short after the last whole
 * entry that fits, with "..." (never within a character). */
static void list_sides(char *buf, size_t size, const struct convention *c, const iscg_cents *base, long rest)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < c->nsides; i++) {
        if ((long)i == rest)
            continue;
        char a[48];
        int n = snprintf(buf + at, size - at, "%s%s %s", at ? ", " : "", c->sides[i].name, euros(a, base[i]));
        if (n < 0 || (size_t)n + 6 >= size - at) { /* room for ", ..." and the NUL */
            snprintf(buf + at, size - at, "%s...", at ? ", " : "");
            return;
        }
        at += (size_t)n;
    }
}

/* SPLIT-4 with SPLIT-7: the funders of a side split by percentages share all of it. */
static int check_funders(const struct convention *c, const iscg_cents *base, int known, iscg_error *err)
{
    for (size_t si = 0; si < c->nsides; si++) {
        const struct side *s = &c->sides[si];
        if (s->split.weights != ISCG_WEIGHTS_BASIS_POINTS)
            continue;
        int64_t sum = 0;
        size_t n = 0;
        for (size_t k = 0; k < c->nfunders; k++) {
            if (c->funders[k].side != si)
                continue;
            n++;
            const int64_t w = c->funders[k].weight; /* >= 0, as the registry keeps them */
            sum = w > 1000000 - sum ? 1000000 : sum + w; /* saturated: a sum that large is wrong anyway */
        }
        if (n == 0 || sum == 10000)
            continue;
        const int64_t diff = sum > 10000 ? sum - 10000 : 10000 - sum;
        char gap[96] = "";
        iscg_cents part;
        if (known && iscg_money_scale(&part, base[si], diff, 10000, ISCG_CENT, ISCG_ROUND_HALF_UP, NULL) == 0) {
            char a[48];
            snprintf(gap, sizeof gap, " (%s)", euros(a, part));
        }
        if (sum > 10000)
            return iscg__fail(err, ISCG_EWEIGHTS, c->id, s->name, 0, 0,
                              "convention %s, side %s: its %zu funders' percentages sum to %lld.%02lld %%, not "
                              "100.00 %%: %lld.%02lld %% of the side%s would be paid more than once",
                              c->id, s->name, n, (long long)(sum / 100), (long long)(sum % 100),
                              (long long)(diff / 100), (long long)(diff % 100), gap);
        return iscg__fail(err, ISCG_EWEIGHTS, c->id, s->name, 0, 0,
                          "convention %s, side %s: its %zu funders' percentages sum to %lld.%02lld %%, not "
                          "100.00 %%: %lld.%02lld %% of the side%s would be funded by nobody",
                          c->id, s->name, n, (long long)(sum / 100), (long long)(sum % 100),
                          (long long)(diff / 100), (long long)(diff % 100), gap);
    }
    return 0;
}

int iscg__plan_check(const struct convention *c, iscg_error *err)
{
    const size_t n = c->nsides;
    if (n == 0)
        return 0;
    iscg_cents small[16];
    iscg_cents *base = n <= 16 ? small : calloc(n, sizeof *base);
    if (!base)
        return iscg__fail(err, ISCG_ENOMEM, c->id, "sides", 0, 0, "convention %s: out of memory", c->id);
    const iscg_cents cost = c->cost;
    iscg_cents taken = 0, equal_drift = 0;
    size_t nequal = 0;
    long rest = -1;
    int rc = 0, over = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const struct iscg__share_rule *d = iscg__share_rule_of(c->sides[i].rule);
        base[i] = 0;
        if (d->pool == ISCG__POOL_EQUAL)
            nequal++;
        else if (d->pool == ISCG__POOL_REST)
            rest = (long)i;
        else if (cost >= 0 || !d->needs_cost)
            rc = d->base(&base[i], cost, c->sides[i].value, &c->rounding, err);
        over |= iscg__add(&taken, taken, base[i]) != 0;
    }
    const int known = cost >= 0 && rc == 0;
    if (rc == 0 && over)
        rc = iscg__fail(err, ISCG_EOVERFLOW, c->id, "sides", 0, 0,
                        "convention %s: the sum of its fixed and percentage sides overflows 64-bit cents", c->id);
    if (rc == 0 && cost >= 0 && taken > cost) { /* SPLIT-7: more than the cost */
        char list[512], a[48], b[48], g[48];
        list_sides(list, sizeof list, c, base, -1);
        rc = nequal > 0 || rest >= 0
                 ? iscg__fail(err, ISCG_ERANGE, c->id, "sides", 0, 0,
                              "convention %s: its sides (%s) come to %s and exceed the cost (%s) by %s, leaving "
                              "nothing for the other sides",
                              c->id, list, euros(a, taken), euros(b, cost), euros(g, taken - cost))
                 : iscg__fail(err, ISCG_ERANGE, c->id, "sides", 0, 0,
                              "convention %s: its sides (%s) come to %s and exceed the cost (%s) by %s", c->id, list,
                              euros(a, taken), euros(b, cost), euros(g, taken - cost));
    }
    if (rc == 0 && known && nequal > 0) { /* SPLIT-1: equal parts of what is left, as computed */
        int64_t ones_small[16];
        iscg_cents parts_small[16];
        int64_t *ones = nequal <= 16 ? ones_small : malloc(nequal * sizeof *ones);
        iscg_cents *parts = nequal <= 16 ? parts_small : malloc(nequal * sizeof *parts);
        if (!ones || !parts)
            rc = iscg__fail(err, ISCG_ENOMEM, c->id, "sides", 0, 0, "convention %s: out of memory", c->id);
        for (size_t k = 0; rc == 0 && k < nequal; k++)
            ones[k] = 1;
        iscg_allocation_rule rule = c->rounding;
        rule.weights = ISCG_WEIGHTS_RAW;
        if (rc == 0 && (rc = iscg_allocate(parts, &equal_drift, cost - taken, ones, nequal, &rule, err)) != 0 && err) {
            char why[ISCG_ERROR_TEXT_LENGTH];
            snprintf(why, sizeof why, "%s", err->text);
            iscg__fail(err, rc, c->id, "rounding", 0, 0, "convention %s, its equal sides: %s", c->id, why);
        }
        for (size_t i = 0, k = 0; rc == 0 && i < n; i++)
            if (iscg__share_rule_of(c->sides[i].rule)->pool == ISCG__POOL_EQUAL)
                base[i] = parts[k++];
        if (ones != ones_small)
            free(ones);
        if (parts != parts_small)
            free(parts);
    }
    if (rc == 0 && known) {
        iscg_cents sum = 0;
        int past64 = 0; /* sides past 64-bit cents: past any cost too */
        for (size_t i = 0; i < n; i++) {
            if ((long)i == rest)
                continue;
            if (c->sides[i].cap != ISCG_NO_CAP && base[i] > c->sides[i].cap)
                base[i] = c->sides[i].cap;
            if (!past64 && iscg__add(&sum, sum, base[i]) != 0)
                past64 = 1;
        }
        iscg_cents gap = past64 ? 0 : cost - sum - equal_drift; /* what no side takes */
        char list[512], a[48], b[48], g[48];
        if (past64) {
            list_sides(list, sizeof list, c, base, rest);
            rc = iscg__fail(err, ISCG_ERANGE, c->id, "sides", 0, 0,
                            "convention %s: its sides (%s) come to more than 64-bit cents hold, and exceed "
                            "the cost (%s)",
                            c->id, list, euros(b, cost));
        } else if (gap < 0) {
            list_sides(list, sizeof list, c, base, rest);
            rc = iscg__fail(err, ISCG_ERANGE, c->id, "sides", 0, 0,
                            "convention %s: its sides (%s) come to %s and exceed the cost (%s) by %s",
                            c->id, list, euros(a, sum + equal_drift), euros(b, cost), euros(g, -gap));
        } else if (gap > 0 && rest < 0) {
            list_sides(list, sizeof list, c, base, rest);
            rc = iscg__fail(err, ISCG_ERANGE, c->id, "sides", 0, 0,
                            "convention %s: its sides (%s) come to %s of its cost of %s: %s is funded by "
                            "nobody, and no REMAINDER side takes it (add one, or charge the shortfall to the "
                            "carrier)",
                            c->id, list, euros(a, sum + equal_drift), euros(b, cost), euros(g, gap));
        }
    }
    if (rc == 0)
        rc = check_funders(c, base, known, err);
    if (base != small)
        free(base);
    return rc;
}
