/* SPDX-License-Identifier: Apache-2.0 */
/* The registry: parties, posts, conventions and their funding plans
 * (POST-1..3, PARTY-1, SPLIT-1..6). Only storage and validation live here;
 * computations are in funding.c. */
#include <stdlib.h>
#include <string.h>

#include "grant.h"
#include "amend.h"
#include "i18n.h"
#include "model.h"
#include "plan.h"
#include "share_rule.h"

static const char *const party_kind_names[] = {
    [ISCG_PARTY_STATE] = "STATE",   [ISCG_PARTY_DEPARTEMENT] = "DEPARTEMENT",
    [ISCG_PARTY_EPCI] = "EPCI",     [ISCG_PARTY_CIAS] = "CIAS",
    [ISCG_PARTY_ASSOCIATION] = "ASSOCIATION", [ISCG_PARTY_OTHER] = "OTHER",
    [ISCG_PARTY_COMMUNE] = "COMMUNE", [ISCG_PARTY_CAF] = "CAF",
    [ISCG_PARTY_REGION] = "REGION",
};
ISCG__ENUM(party_kind, iscg_party_kind, "party kind", party_kind_names, NULL, ISCG_PARTY_KIND_COUNT)

static const char *const post_kind_names[] = {
    [ISCG_POST_ISC] = "ISC", [ISCG_POST_ISG] = "ISG", [ISCG_POST_ISCG] = "ISCG"};
ISCG__ENUM(post_kind, iscg_post_kind, "post kind", post_kind_names, NULL, ISCG_POST_KIND_COUNT)

static const char *const staffing_names[] = {
    [ISCG_STAFF_HIRE] = "HIRE", [ISCG_STAFF_DEPARTURE] = "DEPARTURE",
    [ISCG_STAFF_ABSENCE] = "ABSENCE", [ISCG_STAFF_VACANCY] = "VACANCY"};
static const char *const post_split_names[] = {
    [ISCG_POST_SPLIT_NONE] = "NONE", [ISCG_POST_SPLIT_EQUAL] = "EQUAL",
    [ISCG_POST_SPLIT_WEIGHTS] = "WEIGHTS", [ISCG_POST_SPLIT_FIXED] = "FIXED"};
ISCG__ENUM(post_split, iscg_post_split, "post split", post_split_names, NULL, ISCG_POST_SPLIT_COUNT)

ISCG__ENUM(staffing_kind, iscg_staffing_kind, "staffing event", staffing_names, NULL, ISCG_STAFFING_KIND_COUNT)

char *iscg__strdup(const char *s, int *failed)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *failed = 1;
    return d;
}

/* Grows *array by one zeroed slot; NULL on ENOMEM. */
static void *grow(void *array_ptr, size_t *count, size_t size)
{
    if (iscg__reserve_one(array_ptr, *count, size) != 0)
        return NULL;
    void *slot = (char *)*(void **)array_ptr + *count * size;
    memset(slot, 0, size);
    (*count)++;
    return slot;
}

/* A key that is the item's own identifier (iscg_registry_convention_id(),
 * a spec read back) is found without comparing its text. */
#define FIND(array, ix, key)                                       \
    do {                                                           \
        if (!r || !(key))                                          \
            return -1;                                             \
        iscg__probe p_;                                            \
        iscg__index_probe(&p_, &r->ix, iscg__hash_text(key));      \
        for (long i_; (i_ = iscg__index_next(&p_)) >= 0;)          \
            if ((array)[i_].id == (key) ||                         \
                strcmp((array)[i_].id, (key)) == 0)                \
                return i_;                                         \
        return -1;                                                 \
    } while (0)

long iscg__party_index(const iscg_registry *r, const char *id) { FIND(r->parties, party_ix, id); }
long iscg__post_index(const iscg_registry *r, const char *id) { FIND(r->posts, post_ix, id); }
long iscg__convention_index(const iscg_registry *r, const char *id) { FIND(r->conventions, convention_ix, id); }

int iscg__check_allocation_rule(const iscg_allocation_rule *rule, const char *field, iscg_error *err)
{
    if (rule->unit <= 0 || !iscg_rounding_name(rule->rounding) ||
        !iscg_remainder_policy_name(rule->policy) ||
        (rule->weights != ISCG_WEIGHTS_RAW && rule->weights != ISCG_WEIGHTS_BASIS_POINTS))
        return ISCG_FAIL(err, ISCG_EINVAL, field,
                         "%s: the rounding unit must be positive and the rounding mode, remainder "
                         "policy and weights kind members of their enums",
                         field);
    return 0;
}

int iscg_registry_new(iscg_registry **out)
{
    if (!out)
        return ISCG_EINVAL;
    *out = calloc(1, sizeof **out);
    if (!*out)
        return ISCG_ENOMEM;
    (*out)->refs = 1; /* the caller's */
    return 0;
}

/* The count lives in the registry the caller may hold as const: a result
 * takes its reference through a const pointer, as a cache would. The object
 * itself was never const (iscg_registry_new() made it), so writing through
 * the cast is defined, and atomic, so several threads may do it at once. */
const iscg_registry *iscg__registry_ref(const iscg_registry *r)
{
    __atomic_add_fetch(&((iscg_registry *)r)->refs, 1, __ATOMIC_RELAXED);
    return r;
}

int iscg__registry_writable(const iscg_registry *r, const char *what, const char *id, iscg_error *err)
{
    if (r->frozen)
        return iscg__fail(err, ISCG_ESTATE, id, "registry", 0, 0,
                          "the registry is frozen: %s cannot change it (compute a scenario instead)", ISCG_TR(what));
    long refs = __atomic_load_n(&r->refs, __ATOMIC_ACQUIRE);
    if (refs > 1)
        return refs == 2 ? iscg__fail(err, ISCG_ESTATE, id, "registry", 0, 0,
                                      "1 result computed from the registry still points into it: %s cannot "
                                      "change it before that result is freed",
                                      ISCG_TR(what))
                         : iscg__fail(err, ISCG_ESTATE, id, "registry", 0, 0,
                                      "%ld results computed from the registry still point into it: %s cannot "
                                      "change it before they are freed",
                                      refs - 1, ISCG_TR(what));
    return 0;
}

int iscg_registry_freeze(iscg_registry *r)
{
    if (!r)
        return ISCG_EINVAL;
    r->frozen = 1;
    return 0;
}

int iscg_registry_frozen(const iscg_registry *r) { return r && r->frozen; }

void iscg_registry_free(iscg_registry *r)
{
    if (!r)
        return;
    /* the last reference frees: the acquire side sees every write the
     * other holders made before they let go */
    if (__atomic_sub_fetch(&r->refs, 1, __ATOMIC_ACQ_REL) > 0)
        return;
    for (size_t i = 0; i < r->nparties; i++) {
        free(r->parties[i].id);
        free(r->parties[i].name);
        free(r->parties[i].carried);
    }
    for (size_t i = 0; i < r->nposts; i++) {
        struct post *p = &r->posts[i];
        free(p->id);
        free(p->label);
        free(p->sites);
        for (size_t j = 0; j < p->nevents; j++)
            free(p->events[j].note);
        free(p->events);
        free(p->conventions);
    }
    for (size_t i = 0; i < r->nconventions; i++) {
        struct convention *c = &r->conventions[i];
        free(c->id);
        free(c->source);
        for (size_t j = 0; j < c->nsides; j++)
            free(c->sides[j].name);
        free(c->sides);
        free(c->funders);
        for (size_t j = 0; j < c->nstated; j++)
            free(c->stated[j].source);
        free(c->stated);
        free(c->equal_claim);
        free(c->gposts);
        for (size_t j = 0; j < c->namend; j++)
            iscg__whatif_free(&c->amend[j]);
        free(c->amend);
    }
    free(r->parties);
    free(r->posts);
    free(r->conventions);
    iscg__index_free(&r->party_ix);
    iscg__index_free(&r->post_ix);
    iscg__index_free(&r->convention_ix);
    free(r);
}

static int nonempty(const char *s)
{
    return s && *s;
}

int iscg_party_add(iscg_registry *r, const char *id, iscg_party_kind kind, const char *name,
                   int64_t population, iscg_error *err)
{
    if (!r || !nonempty(id) || !nonempty(name))
        return ISCG_FAIL(err, ISCG_EINVAL, "party", "a party needs a registry, an identifier and a name");
    int rc = iscg__registry_writable(r, ISCG_N_("adding a party"), id, err);
    if (rc != 0)
        return rc;
    if (!iscg_party_kind_name(kind))
        return iscg__fail(err, ISCG_EINVAL, id, "kind", 0, 0, "party %s: kind %d is not a party kind", id, (int)kind);
    if (population < 0 && population != ISCG_UNKNOWN)
        return iscg__fail(err, ISCG_EINVAL, id, "population", 0, 0,
                          "party %s: population %lld is negative", id, (long long)population);
    if (iscg__party_index(r, id) >= 0)
        return iscg__fail(err, ISCG_EDUPLICATE, id, "id", 0, 0, "party %s is already defined", id);
    int failed = 0;
    char *cid = iscg__strdup(id, &failed), *cname = iscg__strdup(name, &failed);
    struct party *p = failed || iscg__index_reserve(&r->party_ix, r->nparties + 1) != 0
                          ? NULL
                          : grow(&r->parties, &r->nparties, sizeof *p);
    if (!p) {
        free(cid);
        free(cname);
        return iscg__fail(err, ISCG_ENOMEM, id, "party", 0, 0, "party %s: out of memory", id);
    }
    p->id = cid;
    p->name = cname;
    p->kind = kind;
    p->population = population;
    iscg__index_put(&r->party_ix, iscg__hash_text(id), r->nparties - 1);
    return 0;
}

int iscg_post_add(iscg_registry *r, const iscg_post_spec *spec, iscg_error *err)
{
    if (!r || !spec || !nonempty(spec->id) || !nonempty(spec->label) || !nonempty(spec->carrier))
        return ISCG_FAIL(err, ISCG_EINVAL, "post", "a post needs an identifier, a label and a carrier");
    const char *id = spec->id;
    int rc = iscg__registry_writable(r, ISCG_N_("adding a post"), id, err);
    if (rc != 0)
        return rc;
    if (!iscg_post_kind_name(spec->kind))
        return iscg__fail(err, ISCG_EINVAL, id, "kind", 0, 0, "post %s: kind %d is not ISC, ISG or ISCG", id,
                          (int)spec->kind);
    if (spec->work_time_bp < 1 || spec->work_time_bp > 10000)
        return iscg__fail(err, ISCG_EINVAL, id, "work_time_bp", 0, 0,
                          "post %s: work time %d basis points is not within 1..10000", id, spec->work_time_bp);
    if ((spec->weekly_hours < 0 && spec->weekly_hours != ISCG_UNKNOWN) || spec->weekly_hours > 168)
        return iscg__fail(err, ISCG_EINVAL, id, "weekly_hours", 0, 0, "post %s: %lld weekly hours is impossible",
                          id, (long long)spec->weekly_hours);
    /* POST-1: an ISC works in police stations, an ISG in gendarmeries, an ISCG in both. */
    int police_ok = spec->kind == ISCG_POST_ISC    ? spec->police_bp == 10000
                    : spec->kind == ISCG_POST_ISG  ? spec->police_bp == 0
                                                   : spec->police_bp > 0 && spec->police_bp < 10000;
    if (!police_ok)
        return iscg__fail(err, ISCG_EINVAL, id, "police_bp", 0, 0,
                          "post %s: a police share of %d basis points does not fit an %s post", id,
                          spec->police_bp, iscg_post_kind_name(spec->kind));
    long carrier = iscg__party_index(r, spec->carrier);
    if (carrier < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, id, "carrier", 0, 0, "post %s: carrier %s is not a known party",
                          id, spec->carrier);
    if (iscg__post_index(r, id) >= 0)
        return iscg__fail(err, ISCG_EDUPLICATE, id, "id", 0, 0, "post %s is already defined", id);
    int failed = 0;
    char *cid = iscg__strdup(id, &failed), *clabel = iscg__strdup(spec->label, &failed),
         *csites = iscg__strdup(spec->sites, &failed);
    struct post *p = failed || iscg__index_reserve(&r->post_ix, r->nposts + 1) != 0
                         ? NULL
                         : grow(&r->posts, &r->nposts, sizeof *p);
    if (!p) {
        free(cid);
        free(clabel);
        free(csites);
        return iscg__fail(err, ISCG_ENOMEM, id, "post", 0, 0, "post %s: out of memory", id);
    }
    p->id = cid;
    p->label = clabel;
    p->sites = csites;
    p->kind = spec->kind;
    p->carrier = (size_t)carrier;
    p->work_time_bp = spec->work_time_bp;
    p->weekly_hours = spec->weekly_hours;
    p->police_bp = spec->police_bp;
    iscg__index_put(&r->post_ix, iscg__hash_text(id), r->nposts - 1);
    return 0;
}

int iscg_post_add_event(iscg_registry *r, const char *post, iscg_staffing_kind kind,
                        iscg_period period, const char *note, iscg_error *err)
{
    if (!r)
        return iscg__fail(err, ISCG_ENOTFOUND, post, "post", 0, 0, "post %s is not known", post ? post : "(null)");
    int rc = iscg__registry_writable(r, ISCG_N_("adding a staffing event"), post, err);
    if (rc != 0)
        return rc;
    long pi = iscg__post_index(r, post);
    if (pi < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, post, "post", 0, 0, "post %s is not known", post ? post : "(null)");
    if (!iscg_staffing_kind_name(kind))
        return iscg__fail(err, ISCG_EINVAL, post, "kind", 0, 0, "post %s: %d is not a staffing event", post, (int)kind);
    if (!iscg_period_valid(period))
        return iscg__fail(err, ISCG_EDATE, post, "period", 0, 0, "post %s: the %s event has an invalid period",
                          post, iscg_staffing_kind_name(kind));
    if ((kind == ISCG_STAFF_HIRE || kind == ISCG_STAFF_DEPARTURE) && iscg_period_days(period) != 1)
        return iscg__fail(err, ISCG_EDATE, post, "period", 0, 0, "post %s: a %s happens on one day", post,
                          iscg_staffing_kind_name(kind));
    struct post *p = &r->posts[pi];
    int failed = 0;
    char *cnote = iscg__strdup(note, &failed);
    struct event *e = failed ? NULL : grow(&p->events, &p->nevents, sizeof *e);
    if (!e) {
        free(cnote);
        return iscg__fail(err, ISCG_ENOMEM, post, "event", 0, 0, "post %s: out of memory", post);
    }
    e->kind = kind;
    e->period = period;
    e->note = cnote;
    return 0;
}

/* The convention a mutating call changes: NULL with ISCG_ENOTFOUND, or
 * ISCG_ESTATE in *rc when the registry may not change (frozen, or results
 * point into it). */
static struct convention *find_convention(int *rc, iscg_registry *r, const char *id, const char *what,
                                          iscg_error *err)
{
    *rc = ISCG_ENOTFOUND;
    if (r && (*rc = iscg__registry_writable(r, what, id, err)) != 0)
        return NULL;
    *rc = ISCG_ENOTFOUND;
    long ci = r ? iscg__convention_index(r, id) : -1;
    if (!r || ci < 0) {
        iscg__fail(err, ISCG_ENOTFOUND, id, "convention", 0, 0, "convention %s is not known", id ? id : "(null)");
        return NULL;
    }
    return &r->conventions[ci];
}

int iscg_convention_add(iscg_registry *r, const iscg_convention_spec *spec, iscg_error *err)
{
    int rc;
    if (!r || !spec || !nonempty(spec->id) || !nonempty(spec->post))
        return ISCG_FAIL(err, ISCG_EINVAL, "convention", "a convention needs an identifier and a post");
    const char *id = spec->id;
    if ((rc = iscg__registry_writable(r, ISCG_N_("adding a convention"), id, err)) != 0)
        return rc;
    if (spec->cost < 0 && spec->cost != ISCG_UNKNOWN)
        return iscg__fail(err, ISCG_EINVAL, id, "cost", 0, 0, "convention %s: the cost is negative", id);
    if (!iscg_daycount_name(spec->daycount))
        return iscg__fail(err, ISCG_EINVAL, id, "daycount", 0, 0, "convention %s: day count %d is not known", id,
                          (int)spec->daycount);
    if ((rc = iscg__check_allocation_rule(&spec->rounding, "rounding", err)) != 0)
        return rc;
    if (!iscg_period_valid(spec->period))
        return iscg__fail(err, ISCG_EDATE, id, "period", 0, 0,
                          "convention %s: %04d-%02d-%02d..%04d-%02d-%02d is not a period (an end before "
                          "its start, or an invalid date)",
                          id, spec->period.start.year, spec->period.start.month, spec->period.start.day,
                          spec->period.end.year, spec->period.end.month, spec->period.end.day);
    long post = iscg__post_index(r, spec->post);
    if (post < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, id, "post", 0, 0, "convention %s: post %s is not known", id, spec->post);
    if (iscg__convention_index(r, id) >= 0)
        return iscg__fail(err, ISCG_EDUPLICATE, id, "id", 0, 0, "convention %s is already defined", id);
    int failed = 0;
    char *cid = iscg__strdup(id, &failed), *csource = iscg__strdup(spec->source, &failed);
    /* every allocation first, so that a failure leaves the registry as it was */
    struct post *owner = &r->posts[post];
    struct party *carrier = &r->parties[owner->carrier];
    struct convention *c =
        failed || iscg__index_reserve(&r->convention_ix, r->nconventions + 1) != 0 ||
                iscg__reserve_one(&owner->conventions, owner->nconventions, sizeof *owner->conventions) != 0 ||
                iscg__reserve_one(&carrier->carried, carrier->ncarried, sizeof *carrier->carried) != 0
            ? NULL
            : grow(&r->conventions, &r->nconventions, sizeof *c);
    if (!c) {
        free(cid);
        free(csource);
        return iscg__fail(err, ISCG_ENOMEM, id, "convention", 0, 0, "convention %s: out of memory", id);
    }
    c->id = cid;
    c->source = csource;
    c->post = (size_t)post;
    c->period = spec->period;
    c->cost = spec->cost;
    c->annual = spec->annual != 0;
    c->daycount = spec->daycount;
    c->rounding = spec->rounding;
    size_t ci = r->nconventions - 1;
    iscg__index_put(&r->convention_ix, iscg__hash_text(id), ci);
    owner->conventions[owner->nconventions++] = ci; /* room reserved above */
    carrier->carried[carrier->ncarried++] = ci;
    return 0;
}

/* SPLIT-8: storage only; whether the posts make a split is grant.c's. */
int iscg_convention_set_post_split(iscg_registry *r, const char *convention, iscg_post_split split, iscg_error *err)
{
    int found;
    struct convention *c = find_convention(&found, r, convention, "setting a post split", err);
    if (!c)
        return found;
    if (!iscg_post_split_name(split))
        return iscg__fail(err, ISCG_EINVAL, convention, "post_split", 0, 0, "convention %s: post split %d is not known",
                          convention, (int)split);
    if (split == ISCG_POST_SPLIT_NONE && c->ngposts > 0)
        return iscg__fail(err, ISCG_EINVAL, convention, "post_split", 0, 0,
                          "convention %s names %zu posts already: its split cannot be NONE", convention, c->ngposts);
    c->post_split = split;
    return 0;
}

iscg_post_split iscg_convention_post_split(const iscg_registry *r, const char *convention)
{
    long ci = r ? iscg__convention_index(r, convention) : -1;
    return ci < 0 ? ISCG_POST_SPLIT_NONE : r->conventions[ci].post_split;
}

int iscg_convention_add_post(iscg_registry *r, const char *convention, const char *post, int64_t value,
                             iscg_error *err)
{
    int found;
    struct convention *c = find_convention(&found, r, convention, "adding a post", err);
    if (!c)
        return found;
    if (c->post_split == ISCG_POST_SPLIT_NONE)
        return iscg__fail(err, ISCG_EINVAL, convention, "post_split", 0, 0,
                          "convention %s funds one post (post split NONE): choose EQUAL, WEIGHTS or FIXED to name "
                          "several",
                          convention);
    long pi = iscg__post_index(r, post);
    if (pi < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, convention, "posts", 0, 0, "convention %s: post %s is not known",
                          convention, post ? post : "(null)");
    if (value < 0)
        return c->post_split == ISCG_POST_SPLIT_FIXED
                   ? iscg__fail(err, ISCG_EINVAL, convention, "posts", 0, 0,
                                "convention %s, post %s: fixed amount %lld is negative", convention, post,
                                (long long)value)
                   : iscg__fail(err, ISCG_EINVAL, convention, "posts", 0, 0,
                                "convention %s, post %s: weight %lld is negative", convention, post, (long long)value);
    for (size_t i = 0; i < c->ngposts; i++)
        if (c->gposts[i].post == (size_t)pi)
            return iscg__fail(err, ISCG_EDUPLICATE, convention, "posts", 0, 0,
                              "convention %s names post %s twice", convention, post);
    struct post *p = &r->posts[pi];
    const struct post *own = &r->posts[c->post];
    if (p->carrier != own->carrier)
        return iscg__fail(err, ISCG_EINVAL, convention, "posts", 0, 0,
                          "convention %s: post %s is carried by %s, and the grant's carrier (post %s) is %s: a grant "
                          "funds posts of one carrier",
                          convention, post, r->parties[p->carrier].id, own->id, r->parties[own->carrier].id);
    size_t ci = (size_t)(c - r->conventions);
    int listed = 0; /* the convention's own post lists it already */
    for (size_t k = 0; k < p->nconventions; k++)
        listed |= p->conventions[k] == ci;
    if ((!listed && iscg__reserve_one(&p->conventions, p->nconventions, sizeof *p->conventions) != 0) ||
        !grow(&c->gposts, &c->ngposts, sizeof *c->gposts))
        return iscg__fail(err, ISCG_ENOMEM, convention, "posts", 0, 0, "convention %s: out of memory", convention);
    c->gposts[c->ngposts - 1] = (struct grant_post){(size_t)pi, c->post_split == ISCG_POST_SPLIT_EQUAL ? 1 : value};
    if (!listed) /* its absences are then checked against the grant too (PRO-4) */
        p->conventions[p->nconventions++] = ci;
    return 0;
}

size_t iscg_convention_post_count(const iscg_registry *r, const char *convention)
{
    long ci = r ? iscg__convention_index(r, convention) : -1;
    return ci < 0 ? 0 : r->conventions[ci].ngposts;
}

int iscg_convention_post_get(const char **post, int64_t *value, const iscg_registry *r, const char *convention,
                             size_t i)
{
    long ci = r ? iscg__convention_index(r, convention) : -1;
    if (ci < 0)
        return ISCG_ENOTFOUND;
    const struct convention *c = &r->conventions[ci];
    if (i >= c->ngposts)
        return ISCG_EINVAL;
    if (post)
        *post = r->posts[c->gposts[i].post].id;
    if (value)
        *value = c->gposts[i].value;
    return 0;
}

int iscg_convention_add_side(iscg_registry *r, const char *convention, const iscg_side_spec *side,
                             iscg_error *err)
{
    int rc;
    int found;
    struct convention *c = find_convention(&found, r, convention, ISCG_N_("adding a side"), err);
    if (!c)
        return found;
    if (!side || !nonempty(side->name))
        return iscg__fail(err, ISCG_EINVAL, convention, "side", 0, 0, "convention %s: a side needs a name", convention);
    const char *name = side->name;
    const struct iscg__share_rule *d = iscg__share_rule_of(side->rule);
    if (!d)
        return iscg__fail(err, ISCG_EINVAL, convention, "rule", 0, 0, "convention %s, side %s: rule %d is not known",
                          convention, name, (int)side->rule);
    if (d->value != ISCG__VALUE_NONE && (side->value < 0 || side->value > d->max))
        return iscg__fail(err, ISCG_EINVAL, convention, "value", 0, 0,
                          "convention %s, side %s: %lld is not a valid %s value", convention, name,
                          (long long)side->value, iscg_share_rule_name(side->rule));
    if (side->extra < 0 || (side->cap < 0 && side->cap != ISCG_NO_CAP))
        return iscg__fail(err, ISCG_EINVAL, convention, "extra", 0, 0,
                          "convention %s, side %s: extra and cap must not be negative", convention, name);
    if ((rc = iscg__check_allocation_rule(&side->split, "split", err)) != 0)
        return rc;
    for (size_t i = 0; i < c->nsides; i++) {
        if (strcmp(c->sides[i].name, name) == 0)
            return iscg__fail(err, ISCG_EDUPLICATE, convention, "side", 0, 0,
                              "convention %s already has a side %s", convention, name);
        if (d->pool == ISCG__POOL_REST && iscg__share_rule_of(c->sides[i].rule)->pool == ISCG__POOL_REST)
            return iscg__fail(err, ISCG_EDUPLICATE, convention, "rule", 0, 0,
                              "convention %s: side %s would be a second remainder side after %s", convention,
                              name, c->sides[i].name);
    }
    int failed = 0;
    char *cname = iscg__strdup(name, &failed);
    struct side *s = failed ? NULL : grow(&c->sides, &c->nsides, sizeof *s);
    if (!s) {
        free(cname);
        return iscg__fail(err, ISCG_ENOMEM, convention, "side", 0, 0, "convention %s: out of memory", convention);
    }
    s->name = cname;
    s->rule = side->rule;
    s->value = side->value;
    s->extra = side->extra;
    s->cap = side->cap;
    s->required = side->required != 0;
    s->split = side->split;
    return 0;
}

int iscg_convention_add_funder(iscg_registry *r, const char *convention, const char *side,
                               const char *party, int64_t weight, iscg_error *err)
{
    int found;
    struct convention *c = find_convention(&found, r, convention, ISCG_N_("adding a funder"), err);
    if (!c)
        return found;
    long si = -1;
    for (size_t i = 0; side && i < c->nsides; i++)
        if (strcmp(c->sides[i].name, side) == 0)
            si = (long)i;
    if (si < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, convention, "side", 0, 0, "convention %s has no side %s", convention,
                          side ? side : "(null)");
    long pi = iscg__party_index(r, party);
    if (pi < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, convention, "party", 0, 0, "convention %s: party %s is not known",
                          convention, party ? party : "(null)");
    if (weight < 0)
        return iscg__fail(err, ISCG_EINVAL, convention, "weight", 0, 0,
                          "convention %s: party %s has a negative weight %lld", convention, party, (long long)weight);
    for (size_t i = 0; i < c->nfunders; i++)
        if (c->funders[i].party == (size_t)pi)
            return iscg__fail(err, ISCG_EDUPLICATE, convention, "party", 0, 0,
                              "convention %s: party %s already funds it (side %s); a funder is counted once",
                              convention, party, c->sides[c->funders[i].side].name);
    struct funder *f = grow(&c->funders, &c->nfunders, sizeof *f);
    if (!f)
        return iscg__fail(err, ISCG_ENOMEM, convention, "funder", 0, 0, "convention %s: out of memory", convention);
    f->party = (size_t)pi;
    f->side = (size_t)si;
    f->weight = weight;
    f->replacement = -1;
    return 0;
}

int iscg_convention_charge_shortfall(iscg_registry *r, const char *convention, iscg_error *err)
{
    int found;
    struct convention *c =
        find_convention(&found, r, convention, ISCG_N_("charging a shortfall to the carrier"), err);
    if (!c)
        return found;
    for (size_t i = 0; i < c->nsides; i++)
        if (iscg__share_rule_of(c->sides[i].rule)->pool == ISCG__POOL_REST)
            return iscg__fail(err, ISCG_EDUPLICATE, convention, "shortfall_to_carrier", 0, 0,
                              "convention %s: side %s already takes what the others leave; the carrier's "
                              "shortfall would be a second remainder side",
                              convention, c->sides[i].name);
    struct side spec = {0};
    spec.rule = ISCG_SHARE_REMAINDER;
    spec.cap = ISCG_NO_CAP;
    spec.split = c->rounding;
    spec.split.weights = ISCG_WEIGHTS_RAW;
    spec.split.policy = ISCG_REMAINDER_TO_FIRST; /* one funder: nothing is left over */
    spec.shortfall = 1;
    int failed = 0;
    spec.name = iscg__strdup(ISCG_SHORTFALL_SIDE, &failed);
    struct side *s = NULL;
    if (!failed && iscg__reserve_one(&c->funders, c->nfunders, sizeof *c->funders) == 0)
        s = grow(&c->sides, &c->nsides, sizeof *s);
    if (!s) {
        free(spec.name);
        return iscg__fail(err, ISCG_ENOMEM, convention, "side", 0, 0, "convention %s: out of memory", convention);
    }
    *s = spec;
    /* the carrier, who may fund another side already: its shares then add up */
    struct funder *f = grow(&c->funders, &c->nfunders, sizeof *f); /* room reserved above */
    f->party = r->posts[c->post].carrier;
    f->side = c->nsides - 1;
    f->weight = 1;
    f->replacement = -1;
    c->shortfall_to_carrier = 1;
    return 0;
}

int iscg_convention_shortfall_to_carrier(const iscg_registry *r, const char *convention)
{
    long ci = r ? iscg__convention_index(r, convention) : -1;
    return ci >= 0 && r->conventions[ci].shortfall_to_carrier;
}

int iscg_convention_state(iscg_registry *r, const char *convention, const char *party,
                          iscg_cents amount, const char *source, iscg_error *err)
{
    int found;
    struct convention *c = find_convention(&found, r, convention, ISCG_N_("stating an amount"), err);
    if (!c)
        return found;
    long pi = iscg__party_index(r, party);
    if (pi < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, convention, "party", 0, 0, "convention %s: party %s is not known",
                          convention, party ? party : "(null)");
    for (size_t i = 0; i < c->nstated; i++) {
        const char *s = c->stated[i].source ? c->stated[i].source : "";
        if (c->stated[i].party == (size_t)pi && strcmp(s, source ? source : "") == 0)
            return iscg__fail(err, ISCG_EDUPLICATE, convention, "stated", 0, 0,
                              "convention %s: an amount for %s is already stated from %s", convention, party,
                              *s ? s : ISCG_TR("the same source"));
    }
    int failed = 0;
    char *csource = iscg__strdup(source, &failed);
    struct stated *s = failed ? NULL : grow(&c->stated, &c->nstated, sizeof *s);
    if (!s) {
        free(csource);
        return iscg__fail(err, ISCG_ENOMEM, convention, "stated", 0, 0, "convention %s: out of memory", convention);
    }
    s->party = (size_t)pi;
    s->amount = amount;
    s->source = csource;
    return 0;
}

int iscg_convention_claim_equal(iscg_registry *r, const char *convention, const char *source, iscg_error *err)
{
    int found;
    struct convention *c = find_convention(&found, r, convention, ISCG_N_("claiming an equal plan"), err);
    if (!c)
        return found;
    int failed = 0;
    char *copy = iscg__strdup(source, &failed);
    if (failed)
        return iscg__fail(err, ISCG_ENOMEM, convention, "claim", 0, 0, "convention %s: out of memory", convention);
    free(c->equal_claim);
    c->equal_claim = copy;
    c->claims_equal = 1;
    return 0;
}

int iscg_convention_set_clauses(iscg_registry *r, const char *convention, const iscg_clauses *clauses,
                                iscg_error *err)
{
    int found;
    struct convention *c = find_convention(&found, r, convention, ISCG_N_("setting clauses"), err);
    if (!c)
        return found;
    if (!clauses)
        return iscg__fail(err, ISCG_EINVAL, convention, "clauses", 0, 0, "convention %s: no clauses given", convention);
    const iscg_clauses *k = clauses;
    const char *bad = k->notice_months < 0 || k->notice_months > 1200               ? "notice_months"
                      : k->denunciation_months < 0 || k->denunciation_months > 1200 ? "denunciation_months"
                      : k->has_request_deadline && !iscg_date_valid(k->request_deadline) ? "request_deadline"
                      : k->has_payment_deadline && !iscg_date_valid(k->payment_deadline) ? "payment_deadline"
                      : k->instalments < 0                                          ? "instalments"
                      : !iscg_cadence_name(k->activity_reports)                     ? "activity_reports"
                      : !iscg_cadence_name(k->interim_summaries)                    ? "interim_summaries"
                      : k->first_steering_months < 0                                ? "first_steering_months"
                      : (k->carry_over_unused & ~1) != 0                            ? "carry_over_unused"
                                                                                    : NULL;
    if (bad)
        return iscg__fail(err, ISCG_EINVAL, convention, bad, 0, 0, "convention %s: clause %s is not valid", convention, bad);
    c->clauses = *clauses;
    return 0;
}

int iscg_convention_get_clauses(iscg_clauses *out, const iscg_registry *r, const char *convention, iscg_error *err)
{
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "clauses", "no output given for the clauses");
    long ci = iscg__convention_index(r, convention);
    if (ci < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, convention, "convention", 0, 0, "convention %s is not known",
                          convention ? convention : "(null)");
    *out = r->conventions[ci].clauses;
    return 0;
}

static struct funder *find_funder(struct convention *c, long party)
{
    for (size_t i = 0; i < c->nfunders; i++)
        if ((long)c->funders[i].party == party)
            return &c->funders[i];
    return NULL;
}

int iscg_convention_withdraw(iscg_registry *r, const char *convention, const char *party,
                             const char *replacement, iscg_error *err)
{
    int found;
    struct convention *c = find_convention(&found, r, convention, ISCG_N_("a withdrawal"), err);
    if (!c)
        return found;
    struct funder *f = find_funder(c, iscg__party_index(r, party));
    if (!f)
        return iscg__fail(err, ISCG_ENOTFOUND, convention, "party", 0, 0, "convention %s: %s is not one of its funders",
                          convention, party ? party : "(null)");
    long rep = -1;
    if (replacement) {
        rep = iscg__party_index(r, replacement);
        if (rep < 0)
            return iscg__fail(err, ISCG_ENOTFOUND, convention, "replacement", 0, 0,
                              "convention %s: replacement %s is not a known party", convention, replacement);
        if (find_funder(c, rep))
            return iscg__fail(err, ISCG_EDUPLICATE, convention, "replacement", 0, 0,
                              "convention %s: %s already funds it and cannot also replace %s", convention,
                              replacement, party);
    }
    f->withdrawn = 1;
    f->replacement = rep;
    return 0;
}

int iscg_convention_restore(iscg_registry *r, const char *convention, const char *party, iscg_error *err)
{
    int found;
    struct convention *c = find_convention(&found, r, convention, ISCG_N_("a restore"), err);
    if (!c)
        return found;
    struct funder *f = find_funder(c, iscg__party_index(r, party));
    if (!f)
        return iscg__fail(err, ISCG_ENOTFOUND, convention, "party", 0, 0, "convention %s: %s is not one of its funders",
                          convention, party ? party : "(null)");
    f->withdrawn = 0;
    f->replacement = -1;
    return 0;
}

int iscg_convention_set_cost(iscg_registry *r, const char *convention, iscg_cents cost, iscg_error *err)
{
    int found;
    struct convention *c = find_convention(&found, r, convention, ISCG_N_("a new cost"), err);
    if (!c)
        return found;
    if (cost < 0)
        return iscg__fail(err, ISCG_EINVAL, convention, "cost", 0, 0, "convention %s: the cost is negative", convention);
    c->cost = cost;
    return 0;
}

int iscg_convention_set_period(iscg_registry *r, const char *convention, iscg_period period, iscg_error *err)
{
    int found;
    struct convention *c = find_convention(&found, r, convention, ISCG_N_("a new period"), err);
    if (!c)
        return found;
    if (!iscg_period_valid(period))
        return iscg__fail(err, ISCG_EDATE, convention, "period", 0, 0,
                          "convention %s: the new period is not valid (an end before its start?)", convention);
    c->period = period;
    return 0;
}

size_t iscg_registry_party_count(const iscg_registry *r) { return r ? r->nparties : 0; }
size_t iscg_registry_post_count(const iscg_registry *r) { return r ? r->nposts : 0; }
size_t iscg_registry_convention_count(const iscg_registry *r) { return r ? r->nconventions : 0; }

const char *iscg_registry_convention_id(const iscg_registry *r, size_t i)
{
    return r && i < r->nconventions ? r->conventions[i].id : NULL;
}

const char *iscg_registry_post_id(const iscg_registry *r, size_t i)
{
    return r && i < r->nposts ? r->posts[i].id : NULL;
}

const char *iscg_registry_party_id(const iscg_registry *r, size_t i)
{
    return r && i < r->nparties ? r->parties[i].id : NULL;
}

int iscg_post_get(iscg_post_spec *out, const iscg_registry *r, const char *post, iscg_error *err)
{
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "post", "no output given for the post");
    long pi = iscg__post_index(r, post);
    if (pi < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, post, "post", 0, 0, "post %s is not known", post ? post : "(null)");
    const struct post *p = &r->posts[pi];
    out->id = p->id;
    out->label = p->label;
    out->kind = p->kind;
    out->carrier = r->parties[p->carrier].id;
    out->sites = p->sites;
    out->work_time_bp = p->work_time_bp;
    out->weekly_hours = p->weekly_hours;
    out->police_bp = p->police_bp;
    return 0;
}

int iscg_convention_get(iscg_convention_spec *out, const iscg_registry *r, const char *convention,
                        iscg_error *err)
{
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "convention", "no output given for the convention");
    long ci = iscg__convention_index(r, convention);
    if (ci < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, convention, "convention", 0, 0, "convention %s is not known",
                          convention ? convention : "(null)");
    const struct convention *c = &r->conventions[ci];
    out->id = c->id;
    out->post = r->posts[c->post].id;
    out->period = c->period;
    out->cost = c->cost;
    out->annual = c->annual;
    out->daycount = c->daycount;
    out->rounding = c->rounding;
    out->source = c->source;
    return 0;
}

int iscg_party_get(iscg_party_kind *kind, const char **name, const iscg_registry *r, const char *party,
                   iscg_error *err)
{
    long pi = iscg__party_index(r, party);
    if (pi < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, party, "party", 0, 0, "party %s is not known", party ? party : "(null)");
    if (kind)
        *kind = r->parties[pi].kind;
    if (name)
        *name = r->parties[pi].name;
    return 0;
}

/* An absence must fall within the post's conventions (PRO-4), as their
 * amendments end them (AMD-1). */
static int absence_covered(const iscg_registry *r, size_t post, iscg_period absence)
{
    /* walk the absence day by day through the conventions' periods */
    iscg_date day = absence.start;
    for (;;) {
        int moved = 0;
        const struct post *p = &r->posts[post];
        for (size_t k = 0; k < p->nconventions; k++) {
            const iscg_period cp = iscg__amend_period(&r->conventions[p->conventions[k]]); /* AMD-1 */
            if (iscg_period_contains(cp, day)) {
                if (iscg_date_compare(cp.end, absence.end) >= 0)
                    return 1;
                iscg__ignore(iscg_date_add_days(&day, cp.end, 1, NULL));
                moved = 1;
            }
        }
        if (!moved)
            return 0;
    }
}

int iscg_registry_validate(const iscg_registry *r, iscg_error *err)
{
    if (!r)
        return ISCG_FAIL(err, ISCG_EINVAL, "registry", "no registry given");
    for (size_t i = 0; i < r->nconventions; i++) {
        const struct convention *c = &r->conventions[i];
        if (c->nsides == 0)
            return iscg__fail(err, ISCG_ESTATE, c->id, "sides", 0, 0, "convention %s has no funding plan (no side)", c->id);
        for (size_t s = 0; s < c->nsides; s++) {
            size_t n = 0;
            for (size_t f = 0; f < c->nfunders; f++)
                n += c->funders[f].side == s;
            if (n == 0 && c->sides[s].required)
                return iscg__fail(err, ISCG_ESTATE, c->id, c->sides[s].name, 0, 0,
                                  "convention %s: required side %s has no funder", c->id, c->sides[s].name);
        }
        int rc = iscg__plan_check(c, err); /* SPLIT-7: a registry that validates computes */
        if (rc == 0)
            rc = iscg__grant_check(r, c, err); /* SPLIT-8 */
        if (rc != 0)
            return rc;
    }
    for (size_t p = 0; p < r->nposts; p++) {
        const struct post *post = &r->posts[p];
        for (size_t k = 0; k < post->nevents; k++) {
            const struct event *e = &post->events[k];
            if (e->kind != ISCG_STAFF_ABSENCE && e->kind != ISCG_STAFF_VACANCY)
                continue;
            /* History before or after the registry's conventions is fine; an
             * absence that reaches into a convention must not run past them. */
            int touches = 0;
            for (size_t j = 0; j < post->nconventions && !touches; j++) {
                iscg_period part;
                int overlaps = 0;
                if (iscg_period_intersect(&part, &overlaps, iscg__amend_period(&r->conventions[post->conventions[j]]),
                                          e->period) == 0)
                    touches = overlaps;
            }
            if (touches && !absence_covered(r, p, e->period)) {
                char a[ISCG_DATE_TEXT_LENGTH], b[ISCG_DATE_TEXT_LENGTH];
                iscg__ignore(iscg_date_format(a, sizeof a, e->period.start));
                iscg__ignore(iscg_date_format(b, sizeof b, e->period.end));
                return e->kind == ISCG_STAFF_ABSENCE
                           ? iscg__fail(err, ISCG_EDATE, post->id, "events", 0, 0,
                                        "post %s: the absence of %s..%s lies outside its conventions", post->id, a, b)
                           : iscg__fail(err, ISCG_EDATE, post->id, "events", 0, 0,
                                        "post %s: the vacancy of %s..%s lies outside its conventions", post->id, a, b);
            }
        }
    }
    return 0;
}
