/* SPDX-License-Identifier: Apache-2.0 */
/* The registry's private layout, shared by registry.c and the computations
 * (funding.c, receivables.c, audit.c). Identifiers are found through hash
 * indexes, and each post and carrier lists its conventions, so that a
 * national registry of 100 000 posts costs the same per post as a
 * Département's fourteen. */
#ifndef ISCG_MODEL_H
#define ISCG_MODEL_H

#include "hashindex.h"
#include "internal.h"

struct party {
    char *id, *name;
    iscg_party_kind kind;
    int64_t population;
    size_t *carried; /* conventions of the posts it carries, in registry order */
    size_t ncarried;
};

struct event {
    iscg_staffing_kind kind;
    iscg_period period;
    char *note;
};

struct post {
    char *id, *label, *sites;
    iscg_post_kind kind;
    size_t carrier; /* party index */
    int work_time_bp, police_bp;
    int64_t weekly_hours; /* or ISCG_UNKNOWN */
    struct event *events;
    size_t nevents;
    size_t *conventions; /* its conventions, in registry order */
    size_t nconventions;
};

struct funder {
    size_t party;       /* party index */
    size_t side;        /* side index in its convention */
    int64_t weight;
    int withdrawn;      /* what-if (SPLIT-6) */
    long replacement;   /* party index taking over, or -1 */
};

struct side {
    char *name;
    iscg_share_rule rule;
    int64_t value;
    iscg_cents extra, cap;
    int required;
    iscg_allocation_rule split;
    int shortfall; /* the carrier's side of iscg_convention_charge_shortfall() (SPLIT-7) */
};

/* A what-if, its strings owned by what holds it: a scenario (AMD-3) or, as
 * an amendment, a convention (AMD-1). */
struct whatif {
    iscg_whatif_kind kind;
    char *convention, *party, *replacement, *side;
    iscg_date from;
    iscg_cents cost;
    iscg_period period;
    iscg_share_rule rule;
    int64_t value;
};

struct stated {
    size_t party;
    iscg_cents amount;
    char *source;
};

/* One of the posts a grant funds (SPLIT-8). */
struct grant_post {
    size_t post;   /* post index */
    int64_t value; /* its weight, or its fixed part of the cost in cents (EQUAL: 1) */
};

struct convention {
    char *id, *source;
    size_t post; /* post index */
    iscg_period period;
    iscg_cents cost;
    int annual;
    iscg_daycount daycount;
    iscg_allocation_rule rounding;
    struct side *sides;
    size_t nsides;
    struct funder *funders;
    size_t nfunders;
    struct stated *stated;
    size_t nstated;
    char *equal_claim; /* where a document calls the plan equal, or NULL */
    iscg_clauses clauses;
    int claims_equal;
    int shortfall_to_carrier; /* SPLIT-7: its last side is the carrier's shortfall */
    iscg_post_split post_split;  /* SPLIT-8: NONE for one post */
    struct grant_post *gposts;   /* SPLIT-8: the posts a grant funds, in the order named */
    size_t ngposts;
    struct whatif *amend; /* its amendments (AMD-1), in the order recorded; amend.c */
    size_t namend;
};

struct iscg_registry {
    struct party *parties;
    size_t nparties;
    struct post *posts;
    size_t nposts;
    struct convention *conventions;
    size_t nconventions;
    iscg__index party_ix, post_ix, convention_ix; /* by identifier */
    /* References: the caller's, plus one per live result computed from it
     * (funding, receivables, audit). Changed with atomic operations only, so
     * that threads computing from one const registry at once may take and
     * drop theirs; the registry is freed when the last one goes. */
    long refs;
    int frozen; /* iscg_registry_freeze(): nothing changes any more */
};

/* Takes a reference for a result computed from r (r itself, for chaining). */
const iscg_registry *iscg__registry_ref(const iscg_registry *r);

/* 0 when r may change: not frozen and no result holds it; else ISCG_ESTATE
 * with a sentence naming what was refused ("party etat cannot be added"). */
int iscg__registry_writable(const iscg_registry *r, const char *what, const char *id, iscg_error *err);

/* Index lookups: -1 when absent. */
long iscg__party_index(const iscg_registry *r, const char *id);
long iscg__post_index(const iscg_registry *r, const char *id);
long iscg__convention_index(const iscg_registry *r, const char *id);

/* 0 if the allocation rule's enums and unit are valid, else ISCG_EINVAL with a report. */
int iscg__check_allocation_rule(const iscg_allocation_rule *rule, const char *field, iscg_error *err);

/* strdup that accepts NULL (returns NULL) and reports failure through *failed. */
char *iscg__strdup(const char *s, int *failed);

#endif
