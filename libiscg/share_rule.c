/* SPDX-License-Identifier: Apache-2.0 */
/* The share rules' table (SPLIT-1, SPLIT-2): see share_rule.h. */
#include "i18n.h"
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

/* rule ID, value, file field, largest value, needs the cost, pool, base, words */
static const struct iscg__share_rule share_rules[] = {
    [ISCG_SHARE_EQUAL] = {"SPLIT-1", ISCG__VALUE_NONE, NULL, 0, 1, ISCG__POOL_EQUAL, NULL,
                          ISCG_N_("side {0}: {1} = an equal part of {2} of {3}, {4} to {5}, remainder {6}")},
    [ISCG_SHARE_PERCENT] = {"SPLIT-1", ISCG__VALUE_BASIS_POINTS, "percent", 10000, 1, ISCG__POOL_NONE,
                            percent_base, ISCG_N_("side {0}: {1} = {3} x {7} %, {4} to {5}")},
    [ISCG_SHARE_FIXED] = {"SPLIT-2", ISCG__VALUE_CENTS, "amount", INT64_MAX, 0, ISCG__POOL_NONE, fixed_base,
                          ISCG_N_("side {0}: fixed amount {1}")},
    [ISCG_SHARE_REMAINDER] = {"SPLIT-2", ISCG__VALUE_NONE, NULL, 0, 0, ISCG__POOL_REST, NULL,
                              ISCG_N_("side {0}: {1} = {3} minus the other shares (le reste à charge)")},
};
_Static_assert(sizeof share_rules / sizeof share_rules[0] == ISCG_SHARE_RULE_COUNT,
               "every share rule needs a row in share_rules");

const struct iscg__share_rule *iscg__share_rule_of(iscg_share_rule rule)
{
    return iscg_share_rule_name(rule) ? &share_rules[rule] : NULL;
}
