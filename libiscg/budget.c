/* SPDX-License-Identifier: Apache-2.0 */
/* The budget line (BUD-1, BUD-2, BUD-3): a payer's subsidies of a year
 * charged to its line, to every carrier but itself whatever its kind. It
 * only reads funding results: the rules are computed in funding.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amend.h"
#include "explain_internal.h"
#include "funding_internal.h"

/* BUD-1, BUD-2, BUD-3 */
int iscg_budget_check(iscg_budget_result *out, iscg_budget_item *items, size_t capacity, size_t *count,
                      const iscg_registry *r, const iscg_budget_line *line, int year, iscg_error *err)
{
    if (!out || !r || !line || (!items && capacity > 0))
        return ISCG_FAIL(err, ISCG_EINVAL, "budget", "no output, registry or budget line given");
    const char *op = line->operation ? line->operation : "(unnamed)";
    if (line->credits < 0 || line->available < 0 || line->available > line->credits)
        return iscg__fail(err, ISCG_EINVAL, op, "available", 0, 0,
                          "budget line %s: the available credit must lie between 0 and the credits voted", op);
    long payer = iscg__party_index(r, line->payer);
    if (payer < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, op, "payer", 0, 0, "budget line %s: payer %s is not a known party", op,
                          line->payer ? line->payer : "(null)");
    iscg_cents proposed = 0;
    size_t n = 0;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < r->nconventions; i++) {
        const struct convention *c = &r->conventions[i];
        const size_t ci = r->posts[c->post].carrier;
        const struct party *carrier = &r->parties[ci];
        if (ci == (size_t)payer) /* BUD-3: what it carries itself is no subsidy, whoever it is */
            continue;
        if (!iscg__touches_year(iscg__amend_period(c), year)) /* as its amendments end it (AMD-1) */
            continue;
        iscg_funding *f;
        if ((rc = iscg_funding_compute_year(&f, r, c->id, year, c->daycount, err)) != 0)
            break;
        for (size_t k = 0; k < f->nrows; k++) {
            if (f->rows[k].party != (size_t)payer)
                continue;
            if (iscg_money_add(&proposed, proposed, f->rows[k].amount) != 0)
                rc = iscg__fail(err, ISCG_EOVERFLOW, op, "proposed", 0, 0, "budget line %s: the total overflows", op);
            if (n < capacity) {
                items[n].convention = c->id;
                items[n].carrier = carrier->id;
                items[n].amount = f->rows[k].amount;
            }
            n++;
        }
        iscg_funding_free(f);
    }
    if (rc != 0)
        return rc;
    out->credits = line->credits;
    out->available = line->available;
    out->proposed = proposed;
    out->balance = line->available - proposed; /* both fit, difference of non-negatives */
    out->subsidies = n;
    if (count)
        *count = n;
    if (proposed > line->available) {
        char a[48], b[48], c[48];
        return iscg__fail(err, ISCG_ECREDIT, op, "proposed", 0, 0,
                          "budget line %s: the proposal of %s exceeds the available %s by %s", op,
                          iscg__euros(a, proposed), iscg__euros(b, line->available),
                          iscg__euros(c, proposed - line->available));
    }
    return 0;
}
