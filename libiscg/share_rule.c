/* SPDX-License-Identifier: Apache-2.0 */
/* The share rules' table (SPLIT-1, SPLIT-2): see share_rule.h. */
#include <stdio.h>

#include "explain_internal.h"
#include "share_rule.h"

static const char *const share_rule_names[] = {
    [ISCG_SHARE_EQUAL] = "EQUAL",
    [ISCG_SHARE_PERCENT] = "PERCENT",
    [ISCG_SHARE_FIXED] = "FIXED",
    [ISCG_SHARE_REMAINDER] = "REMAINDER",
};
ISCG__ENUM(share_rule, iscg_share_rule, "share rule", share_rule_names, NULL, ISCG_SHARE_RULE_COUNT)

/* SPLIT-2: a stated amount, whatever the cost. */
static int fixed_base(iscg_cents *out, iscg_cents cost, int64_t value, const iscg_allocation_rule *rounding,
                      iscg_error *err)
{
    (void)cost;
    (void)rounding;
    (void)err;
    *out = value;
    return 0;
}

/* SPLIT-1: a percentage of the cost, in basis points, rounded as the convention says. */
static int percent_base(iscg_cents *out, iscg_cents cost, int64_t value, const iscg_allocation_rule *rounding,
                        iscg_error *err)
{
    return iscg_money_scale(out, cost, value, 10000, rounding->unit, rounding->rounding, err);
}

const char *iscg__unit_name(iscg_cents unit)
{
    return unit == ISCG_EURO ? "the euro" : unit == ISCG_CENT ? "the cent" : "the unit";
}

static void equal_words(char *buf, size_t size, const struct iscg__share_words *w)
{
    char a[48], b[48];
    snprintf(buf, size, "side %s: %s = an equal part of %zu of %s, %s to %s, remainder %s", w->side,
             iscg__euros(a, w->base), w->nequal, iscg__euros(b, w->cost), iscg_rounding_name(w->rounding->rounding),
             iscg__unit_name(w->rounding->unit), iscg_remainder_policy_name(w->rounding->policy));
}

static void percent_words(char *buf, size_t size, const struct iscg__share_words *w)
{
    char a[48], b[48];
    snprintf(buf, size, "side %s: %s = %s x %lld.%02lld %%, %s to %s", w->side, iscg__euros(a, w->base),
             iscg__euros(b, w->cost), (long long)(w->value / 100), (long long)(w->value % 100),
             iscg_rounding_name(w->rounding->rounding), iscg__unit_name(w->rounding->unit));
}

static void fixed_words(char *buf, size_t size, const struct iscg__share_words *w)
{
    char a[48];
    snprintf(buf, size, "side %s: fixed amount %s", w->side, iscg__euros(a, w->base));
}

static void rest_words(char *buf, size_t size, const struct iscg__share_words *w)
{
    char a[48], b[48];
    snprintf(buf, size, "side %s: %s = %s minus the other shares (le reste à charge)", w->side,
             iscg__euros(a, w->base), iscg__euros(b, w->cost));
}

/* rule ID, value, file field, largest value, needs the cost, pool, base, words */
static const struct iscg__share_rule share_rules[] = {
    [ISCG_SHARE_EQUAL] = {"SPLIT-1", ISCG__VALUE_NONE, NULL, 0, 1, ISCG__POOL_EQUAL, NULL, equal_words},
    [ISCG_SHARE_PERCENT] = {"SPLIT-1", ISCG__VALUE_BASIS_POINTS, "percent", 10000, 1, ISCG__POOL_NONE,
                            percent_base, percent_words},
    [ISCG_SHARE_FIXED] = {"SPLIT-2", ISCG__VALUE_CENTS, "amount", INT64_MAX, 0, ISCG__POOL_NONE, fixed_base,
                          fixed_words},
    [ISCG_SHARE_REMAINDER] = {"SPLIT-2", ISCG__VALUE_NONE, NULL, 0, 0, ISCG__POOL_REST, NULL, rest_words},
};
_Static_assert(sizeof share_rules / sizeof share_rules[0] == ISCG_SHARE_RULE_COUNT,
               "every share rule needs a row in share_rules");

const struct iscg__share_rule *iscg__share_rule_of(iscg_share_rule rule)
{
    return iscg_share_rule_name(rule) ? &share_rules[rule] : NULL;
}
