/* SPDX-License-Identifier: Apache-2.0 */
/* Allocation of an amount by integer weights with a named remainder policy
 * (SPLIT-4, SPLIT-5, ROUND-3). The model is brick/money's AllocationMode:
 * the policy is a required argument and the remainder ranking is exact. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ISCG_REMAINDER_UNSET has no name: it is not a policy. */
static const char *const policy_names[] = {
    [ISCG_REMAINDER_UNSET] = NULL,
    [ISCG_REMAINDER_NONE] = "NONE",
    [ISCG_REMAINDER_TO_FIRST] = "TO_FIRST",
    [ISCG_REMAINDER_LARGEST_REMAINDER] = "LARGEST_REMAINDER",
    [ISCG_REMAINDER_LARGEST_WEIGHT] = "LARGEST_WEIGHT",
    [ISCG_REMAINDER_TO_PARTY] = "TO_PARTY",
    [ISCG_REMAINDER_ROUND_ROBIN] = "ROUND_ROBIN",
};
ISCG__ENUM(remainder_policy, iscg_remainder_policy, "remainder policy", policy_names, NULL,
           ISCG_REMAINDER_POLICY_COUNT + 1)

static const char *const weights_names[] = {
    [ISCG_WEIGHTS_RAW] = "RAW",
    [ISCG_WEIGHTS_BASIS_POINTS] = "BASIS_POINTS",
};
ISCG__ENUM(weights_kind, iscg_weights_kind, "weights kind", weights_names, NULL, ISCG_WEIGHTS_KIND_COUNT)

struct slot {
    iscg__i128 lost; /* exact share - rounded share, times the common denominator */
    iscg__i128 share;
    size_t index;
};

/* Most lost first; ties to the earlier position. */
static int by_lost_desc(const void *a, const void *b)
{
    const struct slot *x = a, *y = b;
    if (x->lost != y->lost)
        return x->lost > y->lost ? -1 : 1;
    return x->index < y->index ? -1 : (x->index > y->index);
}

/* Most gained (most negative loss) first; ties to the earlier position. */
static int by_lost_asc(const void *a, const void *b)
{
    const struct slot *x = a, *y = b;
    if (x->lost != y->lost)
        return x->lost < y->lost ? -1 : 1;
    return x->index < y->index ? -1 : (x->index > y->index);
}

/* Largest weight first (held in lost for the sort); ties to the earlier position. */
static int by_weight_desc(const void *a, const void *b)
{
    return by_lost_desc(a, b);
}

/* ROUND_ROBIN: whole units one by one to the shares in order of weight,
 * largest first, wrapping around; any sub-unit rest to the largest weight. */
static void spread_round_robin(struct slot *slots, size_t n, iscg__i128 rem, iscg_cents unit, const int64_t *weights)
{
    for (size_t i = 0; i < n; i++)
        slots[i].lost = weights[slots[i].index];
    qsort(slots, n, sizeof *slots, by_weight_desc);
    iscg__i128 units = rem / unit, sub = rem - units * unit;
    iscg__i128 step = rem > 0 ? unit : -unit;
    iscg__i128 count = units < 0 ? -units : units;
    for (iscg__i128 k = 0; k < count; k++)
        slots[(size_t)(k % (iscg__i128)n)].share += step;
    slots[0].share += sub;
}

static int check_rule(const iscg_allocation_rule *rule, size_t n, iscg_error *err)
{
    if (rule->unit <= 0)
        return ISCG_FAIL(err, ISCG_EINVAL, "unit", "rounding unit %lld cents is not positive",
                         (long long)rule->unit);
    int rc;
    if ((rc = iscg__enum_check(&iscg__rounding_enum, (int)rule->rounding, "rounding", err)) != 0 ||
        (rc = iscg__enum_check(&iscg__remainder_policy_enum, (int)rule->policy, "policy", err)) != 0 ||
        (rc = iscg__enum_check(&iscg__weights_kind_enum, (int)rule->weights, "weights", err)) != 0)
        return rc;
    if (rule->policy == ISCG_REMAINDER_TO_PARTY && rule->party >= n)
        return ISCG_FAIL(err, ISCG_EINVAL, "party",
                         "remainder party %zu does not exist among %zu shares", rule->party, n);
    return 0;
}

static int check_weights(int64_t *total, const int64_t *weights, size_t n,
                         const iscg_allocation_rule *rule, iscg_error *err)
{
    int64_t sum = 0;
    if (n == 0)
        return ISCG_FAIL(err, ISCG_EWEIGHTS, "weights", "there are no weights to split by");
    for (size_t i = 0; i < n; i++) {
        if (weights[i] < 0)
            return ISCG_FAIL(err, ISCG_EWEIGHTS, "weights", "weight %zu is negative (%lld)", i,
                             (long long)weights[i]);
        if (__builtin_add_overflow(sum, weights[i], &sum))
            return ISCG_FAIL(err, ISCG_EOVERFLOW, "weights", "the weights' sum overflows 64 bits");
    }
    if (sum == 0)
        return ISCG_FAIL(err, ISCG_EWEIGHTS, "weights", "all %zu weights are zero", n);
    if (rule->weights == ISCG_WEIGHTS_BASIS_POINTS && sum != 10000)
        return ISCG_FAIL(err, ISCG_EWEIGHTS, "weights",
                         "percentages sum to %lld.%02lld %%, not 100.00 %%", (long long)(sum / 100),
                         (long long)(sum % 100));
    *total = sum;
    return 0;
}

/* LARGEST_REMAINDER: whole units one by one along the ranking, then any
 * sub-unit rest to the top of the ranking. |units| < n in practice; the loop
 * wraps around to stay correct whatever the rounding mode. */
static void spread_by_remainder(struct slot *slots, size_t n, iscg__i128 rem, iscg_cents unit)
{
    int give = rem > 0;
    qsort(slots, n, sizeof *slots, give ? by_lost_desc : by_lost_asc);
    iscg__i128 units = rem / unit, sub = rem - units * unit;
    iscg__i128 step = give ? unit : -unit;
    iscg__i128 count = units < 0 ? -units : units;
    for (iscg__i128 k = 0; k < count; k++)
        slots[(size_t)(k % (iscg__i128)n)].share += step;
    slots[0].share += sub;
}

int iscg_allocate(iscg_cents *shares, iscg_cents *drift, iscg_cents amount,
                  const int64_t *weights, size_t n, const iscg_allocation_rule *rule,
                  iscg_error *err)
{
    int rc;
    int64_t total = 0;
    if (!shares || !rule || (!weights && n > 0))
        return ISCG_FAIL(err, ISCG_EINVAL, "allocate", "shares, weights and rule must not be NULL");
    if ((rc = check_weights(&total, weights, n, rule, err)) != 0)
        return rc;
    if ((rc = check_rule(rule, n, err)) != 0)
        return rc;

    struct slot small[16]; /* plans have a handful of funders */
    struct slot *slots = n <= sizeof small / sizeof small[0] ? small : calloc(n, sizeof *slots);
    if (!slots)
        return ISCG_FAIL(err, ISCG_ENOMEM, "allocate", "no memory for %zu shares", n);
    if (slots == small)
        memset(small, 0, n * sizeof *small); /* as calloc's */

    const iscg__i128 den = (iscg__i128)total * rule->unit;
    int64_t den64, n64, q64, r64; /* total and unit are positive: so is den64 */
    const int small_den = !__builtin_mul_overflow(total, rule->unit, &den64);
    iscg__i128 sum = 0;
    for (size_t i = 0; i < n; i++) {
        iscg__i128 q, r;
        if (small_den && !__builtin_mul_overflow(amount, weights[i], &n64)) {
            rc = iscg__round_div64(&q64, &r64, n64, den64, (int)rule->rounding); /* the usual case */
            q = q64;
            r = r64;
        } else {
            rc = iscg__round_div(&q, &r, (iscg__i128)amount * weights[i], den, (int)rule->rounding);
        }
        if (rc != 0) {
            if (slots != small)
                free(slots);
            return ISCG_FAIL(err, rc, "weights",
                             "share %zu (%lld cents x %lld/%lld) is not a whole number of %lld "
                             "cents and rounding is UNNECESSARY",
                             i, (long long)amount, (long long)weights[i], (long long)total,
                             (long long)rule->unit);
        }
        slots[i].share = q * rule->unit;
        slots[i].lost = r;
        slots[i].index = i;
        sum += slots[i].share;
    }

    iscg__i128 rem = (iscg__i128)amount - sum, left = 0;
    switch (rule->policy) {
    case ISCG_REMAINDER_UNSET: /* refused by check_rule */
    case ISCG_REMAINDER_NONE: left = rem; break;
    case ISCG_REMAINDER_TO_FIRST: slots[0].share += rem; break;
    case ISCG_REMAINDER_TO_PARTY: slots[rule->party].share += rem; break;
    case ISCG_REMAINDER_LARGEST_WEIGHT: {
        size_t best = 0;
        for (size_t i = 1; i < n; i++)
            if (weights[i] > weights[best])
                best = i;
        slots[best].share += rem;
        break;
    }
    case ISCG_REMAINDER_LARGEST_REMAINDER:
        if (rem != 0)
            spread_by_remainder(slots, n, rem, rule->unit);
        break;
    case ISCG_REMAINDER_ROUND_ROBIN:
        if (rem != 0)
            spread_round_robin(slots, n, rem, rule->unit, weights);
        break;
    }

    if (left != 0 && !drift) {
        if (slots != small)
            free(slots);
        return ISCG_FAIL(err, ISCG_EINVAL, "drift",
                         "the remainder policy NONE leaves a drift but no place was given to return it");
    }
    /* Check every share fits before writing any (shares are written only on success). */
    for (size_t i = 0; i < n; i++) {
        int64_t v;
        if (iscg__narrow(&v, slots[i].share) != 0) {
            size_t index = slots[i].index; /* read before the slots are freed */
            if (slots != small)
                free(slots);
            return ISCG_FAIL(err, ISCG_EOVERFLOW, "shares", "share %zu does not fit in 64-bit cents", index);
        }
    }
    /* The drift is checked like the shares: rounding every share away from
     * zero to a large unit can leave a drift beyond 64 bits. */
    int64_t drift_value;
    if (iscg__narrow(&drift_value, left) != 0) {
        if (slots != small)
            free(slots);
        return ISCG_FAIL(err, ISCG_EOVERFLOW, "drift", "the drift of the split does not fit in 64-bit cents");
    }
    for (size_t i = 0; i < n; i++)
        shares[slots[i].index] = (iscg_cents)slots[i].share;
    if (drift)
        *drift = drift_value;
    if (slots != small)
        free(slots);
    return 0;
}

int iscg_percent_parse(int64_t *basis_points, const char *text, iscg_error *err)
{
    if (!basis_points || !text)
        return ISCG_FAIL(err, ISCG_EINVAL, "percent", "no percentage text given");
    const char *p = text;
    int64_t units = 0, dec = 0;
    int nint = 0;
    while (*p == ' ')
        p++;
    while (*p >= '0' && *p <= '9') {
        if (++nint > 6)
            return iscg__fail(err, ISCG_ERANGE, NULL, "percent", 1, (int)(p - text) + 1,
                              "\"%.80s\" is above 100 %%", text);
        units = units * 10 + (*p++ - '0');
    }
    if (nint == 0)
        return iscg__fail(err, ISCG_EPARSE, NULL, "percent", 1, (int)(p - text) + 1,
                          "\"%.80s\" is not a percentage: a digit was expected", text);
    if (*p == '.' || *p == ',') {
        int ndec = 0;
        p++;
        while (*p >= '0' && *p <= '9') {
            if (++ndec > 2)
                return iscg__fail(err, ISCG_EPARSE, NULL, "percent", 1, (int)(p - text) + 1,
                                  "\"%.80s\" has more than two decimals", text);
            dec = dec * 10 + (*p++ - '0');
        }
        if (ndec == 0)
            return iscg__fail(err, ISCG_EPARSE, NULL, "percent", 1, (int)(p - text) + 1,
                              "\"%.80s\" has no digit after its decimal separator", text);
        if (ndec == 1)
            dec *= 10;
    }
    while (*p == ' ' || (unsigned char)p[0] == 0xC2) { /* " %", "\u00a0%" */
        if ((unsigned char)p[0] == 0xC2) {
            if ((unsigned char)p[1] != 0xA0)
                break;
            p += 2;
        } else {
            p++;
        }
    }
    if (*p == '%')
        p++;
    while (*p == ' ')
        p++;
    if (*p != '\0')
        return iscg__fail(err, ISCG_EPARSE, NULL, "percent", 1, (int)(p - text) + 1,
                          "\"%.80s\" is not a percentage: unexpected character", text);
    int64_t bp = units * 100 + dec;
    if (bp > 10000)
        return iscg__fail(err, ISCG_ERANGE, NULL, "percent", 1, 1, "\"%.80s\" is above 100 %%", text);
    *basis_points = bp;
    return 0;
}
