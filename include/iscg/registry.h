/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file registry.h
 * @brief Parties, posts and conventions with their funding plans
 *        (rules POST-1..3, PARTY-1, PARTY-2, SPLIT-1..7).
 *
 * A registry holds everything one computes with: the parties (funders and
 * carriers), the posts with their staffing history, and the conventions
 * that fund them, each with its funding plan and the amounts its source
 * document states. The registry owns every string and object added to it
 * (strings are copied); the caller owns the registry and frees it with
 * iscg_registry_free(). Identifiers are unique per kind of object.
 *
 * A funding plan is a list of @em sides (the State, the Département, the EPCI
 * side, the carrier...). Each side has a rule giving its amount from the
 * convention's cost (equal part, percentage, fixed amount or the remainder),
 * an optional extra on top (travel costs, SPLIT-3) and cap, and one or more
 * funders that share the side's amount by weights (SPLIT-4) under the side's
 * own ::iscg_allocation_rule.
 *
 * @par Life, freezing and threads
 * A registry is built (iscg_registry_new() and the add calls, or a dataset
 * loader), then frozen with iscg_registry_freeze(): from then on every call
 * that would change it fails with ::ISCG_ESTATE and a sentence saying why.
 * What-ifs are computed with a scenario (AMD-3), never by
 * changing the registry. Every result computed from a registry (funding,
 * receivables, audit) holds a reference to it, so the registry lives as long
 * as its last result even after iscg_registry_free() dropped the caller's
 * reference, and while a result lives the registry refuses every change
 * (::ISCG_ESTATE) as if frozen: a result never points into storage that can
 * move. The references are counted with atomic operations.
 *
 * Threads: a frozen registry, read through a const pointer, may be read and
 * computed from by any number of threads at once (funding, parts of years,
 * receivables, audit, scenarios): the computations keep no cache, static
 * buffer or other shared mutable state, and take and drop their references
 * atomically. A registry that is not frozen must not be changed while
 * another thread reads it. Each result, and each ::iscg_error, belongs to
 * one thread at a time; results may be freed from any thread.
 */
#ifndef ISCG_REGISTRY_H
#define ISCG_REGISTRY_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "calendar.h"
#include "date.h"
#include "error.h"
#include "money.h"
#include "prorata.h"

#ifdef __cplusplus
extern "C" {
#endif

/** No cap on a side. */
#define ISCG_NO_CAP ((iscg_cents)-1)

/** What kind of body a party is (PARTY-1, PARTY-2); totals by kind keep each apart. */
typedef enum iscg_party_kind {
    ISCG_PARTY_STATE = 0,     /**< The State, through the FIPD. */
    ISCG_PARTY_DEPARTEMENT,   /**< The Département. */
    ISCG_PARTY_EPCI,          /**< An intercommunal body (CA, CC, CU). */
    ISCG_PARTY_CIAS,          /**< An intercommunal social-action centre. */
    ISCG_PARTY_ASSOCIATION,   /**< An association (France Victimes 62). */
    ISCG_PARTY_OTHER,         /**< Any other body, of none of the kinds here. */
    ISCG_PARTY_COMMUNE,       /**< A commune (a funder, or a post's employer) (PARTY-2). */
    ISCG_PARTY_CAF,           /**< A caisse d'allocations familiales (PARTY-2). */
    ISCG_PARTY_REGION         /**< A Région (PARTY-2). */
} iscg_party_kind;

/** Number of ::iscg_party_kind values. */
#define ISCG_PARTY_KIND_COUNT (ISCG_PARTY_REGION + 1)

/** What kind of post (POST-1). */
typedef enum iscg_post_kind {
    ISCG_POST_ISC = 0, /**< In a police station. */
    ISCG_POST_ISG,     /**< In gendarmerie units. */
    ISCG_POST_ISCG     /**< In both; see ::iscg_post_spec.police_bp. */
} iscg_post_kind;

/** Number of ::iscg_post_kind values. */
#define ISCG_POST_KIND_COUNT (ISCG_POST_ISCG + 1)

/** Staffing events (POST-3). */
typedef enum iscg_staffing_kind {
    ISCG_STAFF_HIRE = 0,  /**< A worker starts: the period is the first day. */
    ISCG_STAFF_DEPARTURE, /**< A worker leaves: the period is the last day worked. */
    ISCG_STAFF_ABSENCE,   /**< The worker is absent for the period (PRO-4). */
    ISCG_STAFF_VACANCY    /**< The post is empty for the period (PRO-4). */
} iscg_staffing_kind;

/** Number of ::iscg_staffing_kind values. */
#define ISCG_STAFFING_KIND_COUNT (ISCG_STAFF_VACANCY + 1)

/** How a side's amount follows from the cost (SPLIT-1, SPLIT-2). */
typedef enum iscg_share_rule {
    /** An equal part, among all EQUAL sides, of what FIXED and PERCENT sides
     *  leave of the cost (SPLIT-1, "tripartite et égalitaire"). */
    ISCG_SHARE_EQUAL = 0,
    /** A percentage of the cost, in basis points (50 % State, 80 %...). */
    ISCG_SHARE_PERCENT,
    /** A stated amount (SPLIT-2: FIPD 14 333). */
    ISCG_SHARE_FIXED,
    /** What the other sides leave of the cost: "le reste à charge" (SPLIT-2). */
    ISCG_SHARE_REMAINDER
} iscg_share_rule;

/** Number of ::iscg_share_rule values. */
#define ISCG_SHARE_RULE_COUNT (ISCG_SHARE_REMAINDER + 1)

/** How a convention's amounts are split across the posts it funds (SPLIT-8). */
typedef enum iscg_post_split {
    /** One post: the convention's ::iscg_convention_spec.post (the default). */
    ISCG_POST_SPLIT_NONE = 0,
    /** Equal parts among the posts named with iscg_convention_add_post(). */
    ISCG_POST_SPLIT_EQUAL,
    /** By each post's integer weight (2 for a full-time worker, 1 for a half-time one). */
    ISCG_POST_SPLIT_WEIGHTS,
    /** A fixed part of the cost per post, in cents; the parts sum to the cost, and
     *  every party's amount is split in the same proportions. */
    ISCG_POST_SPLIT_FIXED
} iscg_post_split;

/** Number of ::iscg_post_split values. */
#define ISCG_POST_SPLIT_COUNT (ISCG_POST_SPLIT_FIXED + 1)

/** The registry: an opaque handle. */
typedef struct iscg_registry iscg_registry;

/** A post's description (POST-1). Strings are copied. */
typedef struct iscg_post_spec {
    const char *id;       /**< Unique identifier ("isc-bethune"). Required. */
    const char *label;    /**< Label ("ISC Artois"). Required. */
    iscg_post_kind kind;  /**< ISC, ISG or ISCG. */
    const char *carrier;  /**< Identifier of the carrying party (POST-2). Required. */
    const char *sites;    /**< The sites served, free text; may be NULL. */
    int work_time_bp;     /**< Work time in basis points: 10000 full time, 8000 for 80 % (PRO-5). */
    int64_t weekly_hours; /**< 35, 36, 38... or ::ISCG_UNKNOWN (error.h). */
    int police_bp;        /**< Share of time in police stations: 10000 (ISC), 0 (ISG), 5000 (CUA Arras). */
} iscg_post_spec;

/**
 * A post to start from, then fill: no identifier, label or carrier yet
 * (required), an ISC post in police stations only, full time, weekly hours
 * unknown. Fields added later get their defaults here.
 */
#define ISCG_POST_SPEC_INIT {NULL, NULL, ISCG_POST_ISC, NULL, NULL, 10000, ISCG_UNKNOWN, 10000}

/** A convention's description. Strings are copied. */
typedef struct iscg_convention_spec {
    const char *id;        /**< Unique identifier. Required. */
    const char *post;      /**< Identifier of the funded post. Required. */
    iscg_period period;    /**< The period covered (CAL-1). */
    /** The cost the plan shares (salary mass or forecast), >= 0, or ::ISCG_UNKNOWN
     *  when no document states it (CUA, Ternois): then only FIXED sides can be
     *  computed and the REMAINDER side stays unknown (no row). */
    iscg_cents cost;
    /** 0: the cost and every amount are for the whole period; 1: they are
     *  annual, and each side is prorated over the period with @c daycount
     *  (Osartis Marquion: 14 000 a year, 1 Sept - 31 Dec, PRO-1). */
    int annual;
    iscg_daycount daycount;       /**< Day count for every prorata of this convention (PRO-1..4). */
    iscg_allocation_rule rounding; /**< Unit and rounding of computed amounts, and the
                                        remainder policy among EQUAL sides. */
    const char *source;           /**< Where the text is ("CP2023 annex 13, art. 6"); may be NULL. */
} iscg_convention_spec;

/**
 * A convention to start from, then fill: no identifier, post or period yet
 * (required), the cost unknown and for the whole period, and the day count
 * and the rounding's mode and policy UNSET, which iscg_convention_add()
 * refuses until the caller chooses them. Fields added later get their
 * defaults here.
 */
#define ISCG_CONVENTION_SPEC_INIT                                                                   \
    {NULL, NULL, {{0, 0, 0}, {0, 0, 0}}, ISCG_UNKNOWN, 0, ISCG_DAYCOUNT_UNSET, ISCG_ALLOCATION_RULE_INIT, NULL}

/** A side of a funding plan. */
typedef struct iscg_side_spec {
    const char *name;            /**< Unique within the convention ("FIPD", "EPCI"). Required. */
    iscg_share_rule rule;        /**< How its amount follows from the cost. */
    int64_t value;               /**< PERCENT: basis points; FIXED: cents; else ignored. */
    iscg_cents extra;            /**< Added on top of the rule's amount (travel costs, SPLIT-3), >= 0. */
    iscg_cents cap;              /**< Upper bound of the rule's amount, or ::ISCG_NO_CAP. */
    int required;                /**< 1: if its funders are missing and not replaced, the plan ends (SPLIT-6). */
    iscg_allocation_rule split;  /**< How the side's amount is shared among its funders (SPLIT-4). */
} iscg_side_spec;

/**
 * A side to start from, then fill: no name yet (required), an EQUAL side
 * without extra, without a cap (a zeroed struct would cap it at 0) and
 * required, its split's mode and policy UNSET until the caller chooses them.
 * Fields added later get their defaults here.
 */
#define ISCG_SIDE_SPEC_INIT {NULL, ISCG_SHARE_EQUAL, 0, 0, ISCG_NO_CAP, 1, ISCG_ALLOCATION_RULE_INIT}

/**
 * The name of a party kind ("STATE", "DEPARTEMENT", "EPCI", "CIAS", "ASSOCIATION", "OTHER").
 * @return a static string owned by the library, or NULL outside the enum.
 */
const char *iscg_party_kind_name(iscg_party_kind value);

/**
 * Reads a party kind from its name as iscg_party_kind_name() gives it (ASCII
 * case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_party_kind_parse(iscg_party_kind *out, const char *name, iscg_error *err);

/**
 * The name of a post kind ("ISC", "ISG", "ISCG").
 * @return a static string owned by the library, or NULL outside the enum.
 */
const char *iscg_post_kind_name(iscg_post_kind value);

/**
 * Reads a post kind from its name as iscg_post_kind_name() gives it (ASCII
 * case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_post_kind_parse(iscg_post_kind *out, const char *name, iscg_error *err);

/**
 * The name of a share rule ("EQUAL", "PERCENT", "FIXED", "REMAINDER").
 * @return a static string owned by the library, or NULL outside the enum.
 */
const char *iscg_share_rule_name(iscg_share_rule value);

/**
 * Reads a share rule from its name as iscg_share_rule_name() gives it (ASCII
 * case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_share_rule_parse(iscg_share_rule *out, const char *name, iscg_error *err);

/**
 * The name of a post split ("NONE", "EQUAL", "WEIGHTS", "FIXED").
 * @return a static string owned by the library, or NULL outside the enum.
 */
const char *iscg_post_split_name(iscg_post_split value);

/**
 * Reads a post split from its name as iscg_post_split_name() gives it (ASCII
 * case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_post_split_parse(iscg_post_split *out, const char *name, iscg_error *err);

/**
 * The name of a staffing event ("HIRE", "DEPARTURE", "ABSENCE", "VACANCY").
 * @return a static string owned by the library, or NULL outside the enum.
 */
const char *iscg_staffing_kind_name(iscg_staffing_kind value);

/**
 * Reads a staffing event from its name as iscg_staffing_kind_name() gives it (ASCII
 * case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_staffing_kind_parse(iscg_staffing_kind *out, const char *name, iscg_error *err);

/**
 * Creates an empty registry.
 * @param[out] out receives the registry, owned by the caller (iscg_registry_free()).
 * @return 0, ::ISCG_EINVAL or ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_registry_new(iscg_registry **out);

/**
 * Drops the caller's reference to a registry: it is freed with everything in
 * it at once, or when the last result computed from it is freed. NULL is a
 * no-op.
 */
void iscg_registry_free(iscg_registry *r);

/**
 * Freezes a registry: from now on it never changes, and every call that
 * would change it (an add, iscg_convention_withdraw(), iscg_convention_set_cost(),
 * iscg_convention_state()...) returns ::ISCG_ESTATE with a
 * sentence. Freezing twice is harmless; there is no thaw. A frozen registry
 * may be shared between threads (see the file's description).
 * @param r the registry.
 * @return 0, or ::ISCG_EINVAL for NULL.
 */
ISCG_WARN_UNUSED int iscg_registry_freeze(iscg_registry *r);

/**
 * An accessor, not a status: whether iscg_registry_freeze() was called.
 * @return 1 when @p r is frozen, 0 when not or for NULL.
 */
int iscg_registry_frozen(const iscg_registry *r);

/**
 * Adds a party (PARTY-1).
 * @param r          the registry; it copies @p id and @p name.
 * @param id         unique identifier.
 * @param kind       its kind.
 * @param name       its name ("CC du Ternois").
 * @param population inhabitants used for weighted splits, or ::ISCG_UNKNOWN.
 * @param err        optional report (may be NULL) naming the party and the field.
 * @return 0; ::ISCG_EINVAL (NULL or empty id/name, bad kind, population < -1);
 *         ::ISCG_EDUPLICATE (id taken); ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_party_add(iscg_registry *r, const char *id, iscg_party_kind kind, const char *name,
                   int64_t population, iscg_error *err);

/**
 * Adds a post (POST-1, POST-2).
 * @return 0; ::ISCG_EINVAL (missing id/label/carrier, bad kind, work time
 *         outside 1..10000, police share outside 0..10000 or inconsistent with
 *         the kind); ::ISCG_ENOTFOUND (unknown carrier); ::ISCG_EDUPLICATE; ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_post_add(iscg_registry *r, const iscg_post_spec *spec, iscg_error *err);

/**
 * Records a staffing event of a post (POST-3).
 * @param r      the registry.
 * @param post   the post's identifier.
 * @param kind   hire, departure, absence or vacancy.
 * @param period one day for a hire or a departure; the span of an absence or a vacancy.
 * @param note free text (may be NULL), copied.
 * @param err    optional report (may be NULL) naming the post.
 * @return 0; ::ISCG_ENOTFOUND (unknown post); ::ISCG_EINVAL (bad kind);
 *         ::ISCG_EDATE (invalid period, or a hire/departure longer than a day); ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_post_add_event(iscg_registry *r, const char *post, iscg_staffing_kind kind,
                        iscg_period period, const char *note, iscg_error *err);

/**
 * Adds a convention with an empty funding plan.
 * @return 0; ::ISCG_EINVAL (missing id/post, negative cost, bad day count or
 *         rounding rule); ::ISCG_EDATE (invalid period); ::ISCG_ENOTFOUND
 *         (unknown post); ::ISCG_EDUPLICATE; ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_convention_add(iscg_registry *r, const iscg_convention_spec *spec, iscg_error *err);

/**
 * Makes a convention a grant for several posts (SPLIT-8): its computed
 * amounts, and its cost, are split across the posts named with
 * iscg_convention_add_post() by @p split, with the convention's own
 * rounding (unit, mode and remainder policy, SPLIT-4, SPLIT-5, ROUND-*).
 * A new convention funds its one post (::ISCG_POST_SPLIT_NONE).
 * @param r          the registry.
 * @param convention the convention's identifier.
 * @param split      EQUAL, WEIGHTS or FIXED; NONE again only while no post is named.
 * @param err        optional report (may be NULL).
 * @return 0; ::ISCG_ENOTFOUND (unknown convention); ::ISCG_EINVAL (a split
 *         outside the enum, or NONE once posts are named); ::ISCG_ESTATE
 *         (frozen, or results alive).
 */
ISCG_WARN_UNUSED int iscg_convention_set_post_split(iscg_registry *r, const char *convention, iscg_post_split split,
                                                    iscg_error *err);

/**
 * An accessor, not a status: a convention's post split (SPLIT-8).
 * @return the split; ::ISCG_POST_SPLIT_NONE for a convention of one post, an
 *         unknown convention or NULL.
 */
iscg_post_split iscg_convention_post_split(const iscg_registry *r, const char *convention);

/**
 * Names one of the posts a grant funds (SPLIT-8), on a convention whose post
 * split iscg_convention_set_post_split() set.
 * Every post is named this way, the convention's own @c post included, in
 * the order the results list them. Every post must have the carrier of the
 * convention's @c post: a grant is paid to one carrier.
 * @param r          the registry.
 * @param convention the convention's identifier.
 * @param post       the post's identifier.
 * @param value      ::ISCG_POST_SPLIT_WEIGHTS: its weight (>= 0);
 *                   ::ISCG_POST_SPLIT_FIXED: its part of the cost in cents (>= 0);
 *                   ::ISCG_POST_SPLIT_EQUAL: ignored (recorded as 1).
 * @param err        optional report (may be NULL) naming the convention and the post.
 * @return 0; ::ISCG_ENOTFOUND (unknown convention or post); ::ISCG_EINVAL (a
 *         convention that funds one post, ::ISCG_POST_SPLIT_NONE; a negative
 *         value; a post of another carrier); ::ISCG_EDUPLICATE (the post is
 *         named already); ::ISCG_ESTATE (frozen, or results alive); ::ISCG_ENOMEM.
 *         Whether the posts make a split (at least two, the convention's own
 *         among them, weights not all zero, fixed parts summing to the cost)
 *         is checked by iscg_registry_validate() and by every computation.
 */
ISCG_WARN_UNUSED int iscg_convention_add_post(iscg_registry *r, const char *convention, const char *post, int64_t value,
                                              iscg_error *err);

/**
 * An accessor, not a status: the number of posts named with
 * iscg_convention_add_post() (0 for a convention that funds one post, an
 * unknown convention or NULL).
 */
size_t iscg_convention_post_count(const iscg_registry *r, const char *convention);

/**
 * Reads the @p i-th post a grant funds (SPLIT-8).
 * @param[out] post  receives its identifier, owned by the registry; may be NULL.
 * @param[out] value receives its weight or fixed part (as given); may be NULL.
 * @param r          the registry.
 * @param convention the convention's identifier.
 * @param i          below iscg_convention_post_count().
 * @return 0; ::ISCG_ENOTFOUND (unknown convention); ::ISCG_EINVAL (@p i out of range).
 */
ISCG_WARN_UNUSED int iscg_convention_post_get(const char **post, int64_t *value, const iscg_registry *r,
                                              const char *convention, size_t i);

/**
 * Adds a side to a convention's funding plan.
 * @return 0; ::ISCG_ENOTFOUND (unknown convention); ::ISCG_EDUPLICATE (side
 *         name taken, or a second REMAINDER side); ::ISCG_EINVAL (bad rule,
 *         percentage outside 0..10000, negative amount, extra or cap, bad
 *         allocation rule); ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_convention_add_side(iscg_registry *r, const char *convention, const iscg_side_spec *side,
                             iscg_error *err);

/**
 * Adds a funder to a side, with its weight within the side (1 for equal
 * parts, basis points for percentages, inhabitants for populations).
 * @return 0; ::ISCG_ENOTFOUND (unknown convention, side or party);
 *         ::ISCG_EDUPLICATE (the party already funds this convention: a funder
 *         counted twice); ::ISCG_EINVAL (negative weight); ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_convention_add_funder(iscg_registry *r, const char *convention, const char *side,
                               const char *party, int64_t weight, iscg_error *err);

/** The name of the side iscg_convention_charge_shortfall() adds (SPLIT-7). */
#define ISCG_SHORTFALL_SIDE "carrier shortfall"

/**
 * Records that the plan charges its shortfall to the post's carrier (SPLIT-7):
 * what the plan's sides leave of the cost is then the carrier's, paid
 * visibly on a side of its own, ::ISCG_SHORTFALL_SIDE (a REMAINDER side
 * funded by the carrier, added after the sides there are; the carrier may
 * fund another side too, and then its shares add up). Without it, a plan
 * whose sides fall short of the cost with no REMAINDER side is refused
 * (::ISCG_ERANGE), by iscg_registry_validate() and by every computation.
 * Sides that exceed the cost are refused either way.
 * @param r          the registry.
 * @param convention the convention's identifier.
 * @param err        optional report (may be NULL).
 * @return 0; ::ISCG_ENOTFOUND (unknown convention); ::ISCG_EDUPLICATE (the
 *         plan already has a REMAINDER side, which takes the shortfall, or
 *         the shortfall is already the carrier's); ::ISCG_ESTATE (frozen, or
 *         results alive); ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_convention_charge_shortfall(iscg_registry *r, const char *convention, iscg_error *err);

/**
 * An accessor, not a status: whether iscg_convention_charge_shortfall() was
 * called for the convention.
 * @return 1 when it was, 0 when not, for an unknown convention or for NULL.
 */
int iscg_convention_shortfall_to_carrier(const iscg_registry *r, const char *convention);

/**
 * Records an amount the convention's documents state for a party over the
 * convention's period, kept apart from the computed ones (AUD-1).
 * @param r          the registry.
 * @param convention the convention's identifier.
 * @param party      the identifier of the party the amount is stated for.
 * @param amount     the amount as the document states it, in cents.
 * @param source where the figure is printed ("CP2023 annex 2"); may be NULL.
 * @param err        optional report (may be NULL).
 * @return 0; ::ISCG_ENOTFOUND (unknown convention or party); ::ISCG_EDUPLICATE
 *         (already stated from the same source); ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_convention_state(iscg_registry *r, const char *convention, const char *party,
                          iscg_cents amount, const char *source, iscg_error *err);

/**
 * Records that a document calls the plan equal ("tripartite et égalitaire",
 * "financement égalitaire"): the audit then checks that the sides' amounts,
 * extras aside, are equal to within one rounding unit, and reports them
 * when they are not (AUD-1: Béthune's 17 500 / 17 510 / 17 500).
 * @param r          the registry.
 * @param convention the convention's identifier.
 * @param source where the claim is made; may be NULL.
 * @param err        optional report (may be NULL).
 * @return 0, ::ISCG_ENOTFOUND or ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_convention_claim_equal(iscg_registry *r, const char *convention, const char *source,
                                iscg_error *err);

/**
 * Sets a convention's clauses: notice, denunciation, deadlines, reporting
 * (CAL-2, CAL-3, RCV-2). A new convention has none (all zero).
 * @return 0, ::ISCG_ENOTFOUND, or ::ISCG_EINVAL (NULL clauses, negative
 *         months, a deadline flagged but invalid, a bad cadence).
 */
ISCG_WARN_UNUSED int iscg_convention_set_clauses(iscg_registry *r, const char *convention, const iscg_clauses *clauses,
                                iscg_error *err);

/**
 * Reads a convention's clauses.
 * @return 0, ::ISCG_EINVAL or ::ISCG_ENOTFOUND.
 */
ISCG_WARN_UNUSED int iscg_convention_get_clauses(iscg_clauses *out, const iscg_registry *r, const char *convention,
                                iscg_error *err);

/**
 * What-if (SPLIT-6) on a registry being built: a funder stops funding.
 * Kept for registries that are not frozen and hold no result; a frozen one
 * refuses it (::ISCG_ESTATE): compute a scenario instead (AMD-3). With @p replacement (a party
 * id), that party takes over its share and the plan goes on; without one, a
 * required side with no funder left terminates the plan, and a side that is
 * not required is shared among its remaining funders.
 * @return 0; ::ISCG_ENOTFOUND (convention, funder or replacement unknown, or
 *         the party does not fund the convention); ::ISCG_EDUPLICATE (the
 *         replacement already funds it); ::ISCG_ESTATE (the registry is frozen
 *         or results computed from it are alive).
 */
ISCG_WARN_UNUSED int iscg_convention_withdraw(iscg_registry *r, const char *convention, const char *party,
                             const char *replacement, iscg_error *err);

/**
 * Undoes iscg_convention_withdraw() for a party.
 * @return 0, ::ISCG_ENOTFOUND or ::ISCG_ESTATE (frozen, or results alive).
 */
ISCG_WARN_UNUSED int iscg_convention_restore(iscg_registry *r, const char *convention, const char *party,
                            iscg_error *err);

/**
 * What-if on a registry being built: changes a convention's cost (a frozen
 * registry refuses it: compute a scenario instead, AMD-3).
 * @return 0, ::ISCG_ENOTFOUND, ::ISCG_EINVAL (negative cost) or ::ISCG_ESTATE
 *         (frozen, or results alive).
 */
ISCG_WARN_UNUSED int iscg_convention_set_cost(iscg_registry *r, const char *convention, iscg_cents cost,
                             iscg_error *err);

/**
 * What-if on a registry being built: changes a convention's period (a frozen
 * registry refuses it: compute a scenario instead, AMD-3).
 * @return 0, ::ISCG_ENOTFOUND, ::ISCG_EDATE or ::ISCG_ESTATE (frozen, or
 *         results alive).
 */
ISCG_WARN_UNUSED int iscg_convention_set_period(iscg_registry *r, const char *convention, iscg_period period,
                               iscg_error *err);

/**
 * Checks the registry as a whole, beyond what each addition checks: every
 * convention has a plan with at least one side and a funder on every
 * required side, its plan balances (SPLIT-7: its sides' shares plus the
 * equal split's drift equal its cost, and a side's funders' percentages sum
 * to 100 %), a grant's posts make a split (SPLIT-8: at least two, the
 * convention's own among them, weights not all zero, fixed parts summing to
 * the cost), and every absence or vacancy of a post that reaches into
 * one of its conventions lies within its conventions (PRO-4 prorates a
 * convention's claims: an absence that runs past them is a recording error
 * or a missing convention; history wholly outside them is kept as history).
 * @return 0 or the first problem: ::ISCG_ESTATE (a plan with no side, a
 *         required side with no funder), ::ISCG_ERANGE (a plan that does not
 *         balance, naming its sides and the gap in euros; fixed parts per
 *         post that do not sum to the cost, naming the gap), ::ISCG_EWEIGHTS (a
 *         side's funders' percentages off 100 %; a grant's weights all zero),
 *         ::ISCG_EINVAL (a grant naming fewer than two posts, or not its own post), ::ISCG_EOVERFLOW or ::ISCG_EDATE (an absence outside the
 *         post's conventions), with a sentence naming the post or convention.
 */
ISCG_WARN_UNUSED int iscg_registry_validate(const iscg_registry *r, iscg_error *err);

/** @return the number of parties, posts or conventions (0 for NULL). */
size_t iscg_registry_party_count(const iscg_registry *r);
/** @copydoc iscg_registry_party_count */
size_t iscg_registry_post_count(const iscg_registry *r);
/** @copydoc iscg_registry_party_count */
size_t iscg_registry_convention_count(const iscg_registry *r);

/**
 * The identifier of the @p i-th convention, in order of addition.
 * @return a string owned by the registry, valid until it is freed; NULL if out of range.
 */
const char *iscg_registry_convention_id(const iscg_registry *r, size_t i);

/**
 * The identifier of the @p i-th post, in order of addition.
 * @return a string owned by the registry; NULL if out of range.
 */
const char *iscg_registry_post_id(const iscg_registry *r, size_t i);

/**
 * The identifier of the @p i-th party, in order of addition: with
 * iscg_registry_party_count() and iscg_party_get(), how a caller lists the
 * identifiers that funders, carriers and payers name.
 * @return a string owned by the registry; NULL if out of range.
 */
const char *iscg_registry_party_id(const iscg_registry *r, size_t i);

/**
 * Reads back a post's description.
 * @param[out] out receives it; its strings are owned by the registry.
 * @param r    the registry.
 * @param post the post's identifier.
 * @param err  optional report (may be NULL).
 * @return 0, ::ISCG_EINVAL or ::ISCG_ENOTFOUND.
 */
ISCG_WARN_UNUSED int iscg_post_get(iscg_post_spec *out, const iscg_registry *r, const char *post, iscg_error *err);

/**
 * Reads back a convention's description.
 * @param[out] out receives it; its strings are owned by the registry.
 * @param r          the registry.
 * @param convention the convention's identifier.
 * @param err        optional report (may be NULL).
 * @return 0, ::ISCG_EINVAL or ::ISCG_ENOTFOUND.
 */
ISCG_WARN_UNUSED int iscg_convention_get(iscg_convention_spec *out, const iscg_registry *r, const char *convention,
                        iscg_error *err);

/**
 * A party's kind and name.
 * @param[out] kind may be NULL. @param[out] name may be NULL; receives a string owned by the registry.
 * @param r     the registry.
 * @param party the party's identifier.
 * @param err   optional report (may be NULL).
 * @return 0, ::ISCG_EINVAL or ::ISCG_ENOTFOUND.
 */
ISCG_WARN_UNUSED int iscg_party_get(iscg_party_kind *kind, const char **name, const iscg_registry *r,
                   const char *party, iscg_error *err);

#ifdef __cplusplus
}
#endif

#endif /* ISCG_REGISTRY_H */
