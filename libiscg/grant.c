/* SPDX-License-Identifier: Apache-2.0 */
/* Grants for several posts (SPLIT-8): a convention's plan is computed on
 * its whole cost as for one post; then each row (a party's amount on a side)
 * and the cost are split across the grant's posts by equal parts, weights or
 * fixed amounts, with the convention's own allocation rule (SPLIT-4, SPLIT-5,
 * ROUND-*): per row, the posts' parts plus an explicit drift equal the row. */
#include <stdlib.h>
#include <string.h>

#include "funding_internal.h"
#include "grant.h"

struct iscg__grant {
    size_t nposts, nrows;
    int64_t wsum;
    iscg_cents *cost;     /* [nposts]: each post's part of the cost */
    iscg_cents *amount;   /* [nposts]: each post's parts of the rows, summed */
    iscg_cents *drift;    /* [nrows]: what a row's split left unallocated */
    iscg_cents *share;    /* [nposts * nrows]: post p's part of row i at p * nrows + i */
    iscg_explain **node;  /* [nposts]: each post's record */
};

void iscg__grant_free(struct iscg__grant *g)
{
    free(g); /* its arrays are in the same block */
}

int iscg__grant_check(const iscg_registry *r, const struct convention *c, iscg_error *err)
{
    if (c->post_split == ISCG_POST_SPLIT_NONE)
        return 0;
    const char *how = iscg_post_split_name(c->post_split);
    if (c->ngposts < 2)
        return iscg__fail(err, ISCG_EINVAL, c->id, "posts", 0, 0,
                          "convention %s: a %s split across %zu post%s makes no sense: a grant names at least two "
                          "posts",
                          c->id, how, c->ngposts, c->ngposts == 1 ? "" : "s");
    int own = 0;
    int64_t sum = 0;
    for (size_t i = 0; i < c->ngposts; i++) {
        own |= c->gposts[i].post == c->post;
        if (iscg__add(&sum, sum, c->gposts[i].value) != 0)
            return c->post_split == ISCG_POST_SPLIT_FIXED
                       ? iscg__fail(err, ISCG_EOVERFLOW, c->id, "posts", 0, 0,
                                    "convention %s: the posts' fixed amounts overflow 64 bits", c->id)
                       : iscg__fail(err, ISCG_EOVERFLOW, c->id, "posts", 0, 0,
                                    "convention %s: the posts' weights overflow 64 bits", c->id);
    }
    if (!own)
        return iscg__fail(err, ISCG_EINVAL, c->id, "posts", 0, 0,
                          "convention %s: its post %s is not among the posts it funds", c->id,
                          r->posts[c->post].id);
    if (c->post_split == ISCG_POST_SPLIT_WEIGHTS && sum == 0)
        return iscg__fail(err, ISCG_EWEIGHTS, c->id, "posts", 0, 0,
                          "convention %s: the posts' weights are all zero, so nothing says how to split", c->id);
    if (c->post_split == ISCG_POST_SPLIT_FIXED) {
        if (c->cost < 0)
            return iscg__fail(err, ISCG_EINVAL, c->id, "posts", 0, 0,
                              "convention %s: fixed amounts per post need a known cost, and the cost is not stated",
                              c->id);
        if (sum != c->cost) {
            char a[48], b[48], g[48];
            if (sum > c->cost)
                return iscg__fail(err, ISCG_ERANGE, c->id, "posts", 0, 0,
                                  "convention %s: the fixed amounts per post (%s) exceed the cost (%s) by %s", c->id,
                                  iscg__euros(a, sum), iscg__euros(b, c->cost), iscg__euros(g, sum - c->cost));
            return iscg__fail(err, ISCG_ERANGE, c->id, "posts", 0, 0,
                              "convention %s: the fixed amounts per post (%s) fall short of the cost (%s) by %s", c->id,
                              iscg__euros(a, sum), iscg__euros(b, c->cost), iscg__euros(g, c->cost - sum));
        }
    }
    return 0;
}

static int failed(iscg_error *err, const struct convention *c, int rc, const char *what)
{
    if (rc == ISCG_ENOMEM || !err)
        return iscg__fail(err, rc, c->id, "posts", 0, 0, "convention %s: out of memory", c->id);
    char why[ISCG_ERROR_TEXT_LENGTH];
    memcpy(why, err->text, sizeof why);
    why[sizeof why - 1] = '\0';
    return iscg__fail(err, rc, c->id, "posts", 0, 0, "convention %s, the split of %s across its posts: %s", c->id,
                      what, why);
}

int iscg__grant_split(iscg_funding *f, iscg_error *err)
{
    const struct convention *c = f->c;
    if (c->post_split == ISCG_POST_SPLIT_NONE || f->grant)
        return 0;
    const size_t np = c->ngposts, nr = f->nrows;
    struct iscg__grant *g = calloc(1, sizeof *g + (2 * np + nr + np * nr) * sizeof(iscg_cents) +
                                          np * sizeof(iscg_explain *) + np * sizeof(int64_t));
    if (!g)
        return failed(err, c, ISCG_ENOMEM, "");
    g->nposts = np;
    g->nrows = nr;
    g->cost = (iscg_cents *)(g + 1);
    g->amount = g->cost + np;
    g->drift = g->amount + np;
    g->share = g->drift + nr;
    g->node = (iscg_explain **)(void *)(g->share + np * nr);
    int64_t *w = (int64_t *)(void *)(g->node + np);
    f->grant = g;
    for (size_t p = 0; p < np; p++) {
        w[p] = c->gposts[p].value;
        g->wsum += w[p]; /* checked by iscg__grant_check() */
    }
    iscg_allocation_rule rule = c->rounding;
    rule.weights = ISCG_WEIGHTS_RAW;
    int rc = 0;
    iscg_cents cost_drift = 0;
    if (f->cost < 0) {
        for (size_t p = 0; p < np; p++)
            g->cost[p] = ISCG_UNKNOWN;
    } else if (c->post_split == ISCG_POST_SPLIT_FIXED && f->cost == g->wsum) {
        for (size_t p = 0; p < np; p++)
            g->cost[p] = w[p]; /* the stated parts themselves */
    } else if ((rc = iscg_allocate(g->cost, &cost_drift, f->cost, w, np, &rule, err)) != 0) {
        return failed(err, c, rc, "the cost");
    }
    iscg_cents *col = malloc((np ? np : 1) * sizeof *col);
    if (!col)
        return failed(err, c, ISCG_ENOMEM, "");
    for (size_t i = 0; rc == 0 && i < nr; i++) {
        if ((rc = iscg_allocate(col, &g->drift[i], f->rows[i].amount, w, np, &rule, err)) != 0) {
            rc = failed(err, c, rc, f->r->parties[f->rows[i].party].id);
            break;
        }
        /* each part rounded on its own (a unit larger than any of them
         * rounds every one up to it): a post's sum is checked */
        for (size_t p = 0; rc == 0 && p < np; p++) {
            g->share[p * nr + i] = col[p];
            if (iscg__add(&g->amount[p], g->amount[p], col[p]) != 0)
                rc = iscg__fail(err, ISCG_EOVERFLOW, c->id, "posts", 0, 0,
                                "convention %s: the parts of post %s overflow 64-bit cents", c->id,
                                f->r->posts[c->gposts[p].post].id);
        }
    }
    free(col);
    /* the record of each post, its parts of the rows under it, then the drifts */
    for (size_t p = 0; rc == 0 && p < np; p++) {
        iscg_explain *e = iscg__trace_add(&f->trace, f->root, ISCG_TRACE_POST_SPLIT, "SPLIT-8", g->amount[p]);
        if (!(g->node[p] = e))
            return failed(err, c, ISCG_ENOMEM, "");
        e->post = (uint32_t)c->gposts[p].post;
        e->base = g->cost[p];
        e->value = c->post_split;
        e->ratio = (iscg_ratio){w[p], g->wsum};
        iscg__trace_rounding(e, &rule);
        for (size_t i = 0; i < nr; i++) {
            const struct row *row = &f->rows[i];
            iscg_explain *s = iscg__trace_add(&f->trace, e, ISCG_TRACE_POST_SPLIT, "SPLIT-8", g->share[p * nr + i]);
            if (!s)
                return failed(err, c, ISCG_ENOMEM, "");
            s->post = (uint32_t)c->gposts[p].post;
            s->party = (uint32_t)row->party;
            s->side = (uint32_t)row->side;
            s->base = row->amount;
            s->value = c->post_split;
            s->ratio = (iscg_ratio){w[p], g->wsum};
            iscg__trace_rounding(s, &rule);
        }
    }
    for (size_t i = 0; rc == 0 && i < nr; i++) {
        if (g->drift[i] == 0)
            continue;
        iscg_explain *e = iscg__trace_add(&f->trace, f->root, ISCG_TRACE_POST_SPLIT, "SPLIT-5", g->drift[i]);
        if (!e)
            return failed(err, c, ISCG_ENOMEM, "");
        e->party = (uint32_t)f->rows[i].party;
        e->side = (uint32_t)f->rows[i].side;
        e->base = f->rows[i].amount;
        e->value = c->post_split;
    }
    return rc;
}

size_t iscg_funding_post_count(const iscg_funding *f)
{
    return f && f->grant ? f->grant->nposts : 0;
}

int iscg_funding_post_get(iscg_funding_post *out, const iscg_funding *f, size_t i)
{
    if (!out || !f || !f->grant || i >= f->grant->nposts)
        return ISCG_EINVAL;
    const struct post *p = &f->r->posts[f->c->gposts[i].post];
    out->post = p->id;
    out->label = p->label;
    out->value = f->c->gposts[i].value;
    out->cost = f->grant->cost[i];
    out->amount = f->grant->amount[i];
    out->explain = f->grant->node[i];
    return 0;
}

int iscg_funding_post_share(iscg_cents *out, const iscg_funding *f, size_t post, size_t row)
{
    if (!out || !f || !f->grant || post >= f->grant->nposts || row >= f->grant->nrows)
        return ISCG_EINVAL;
    *out = f->grant->share[post * f->grant->nrows + row];
    return 0;
}

iscg_cents iscg_funding_post_drift(const iscg_funding *f, size_t row)
{
    return f && f->grant && row < f->grant->nrows ? f->grant->drift[row] : 0;
}
