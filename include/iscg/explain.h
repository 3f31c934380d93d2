/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file explain.h
 * @brief Explanations of computed amounts (rule AUD-2): the trace of a
 *        computation, and its text rendered on demand.
 *
 * A computation appends one fixed-size record per step to a trace owned by
 * its result: the rule applied ("SPLIT-4"), the kind of step, its operands
 * (amounts in cents, a ratio, a day count and the year fraction it gives,
 * the rounding mode and unit, the remainder policy), the party, the side, and
 * its place in a tree (parent and children). No sentence is written while
 * computing: iscg_explain_text() and iscg_explain_render() write them from
 * the records when they are read ("4 666 € = 14 000 € x 1/3 (MONTHS_WHOLE
 * over 2023-09-01..2023-12-31), DOWN to the euro"); the wording can then be
 * translated. A record is read through its node, ::iscg_explain, or copied
 * whole into an ::iscg_trace_record.
 *
 * Nodes belong to the result that returned them (a funding result, its
 * rows, receivables, audit findings) and live as long as it does, whatever
 * happens to the registry or dataset handle it was computed from: the
 * result holds a reference to its registry, whose names the records show.
 * The caller never frees a node. A node is read by any number of threads at
 * once (its text is rendered once, by whichever thread asks first).
 */
#ifndef ISCG_EXPLAIN_H
#define ISCG_EXPLAIN_H

#include <stddef.h>

#include "date.h"
#include "money.h"
#include "prorata.h"
#include "registry.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An explanation node, one record of a trace: opaque, owned by the result it comes from. */
typedef struct iscg_explain iscg_explain;

/** What a trace record stands for: the kind of step, which says which of its fields it uses. */
typedef enum iscg_trace_kind {
    ISCG_TRACE_UNSET = 0,       /**< Invalid: no record has it. */
    ISCG_TRACE_PLAN,            /**< The root of a plan: its convention, period, cost (@c base stated, @c amount prorated). */
    ISCG_TRACE_SIDE,            /**< A side's amount by its share rule (SPLIT-1, SPLIT-2): @c base the cost,
                                     @c value the percentage in basis points, @c count the equal sides. */
    ISCG_TRACE_CAP,             /**< A side's amount capped (SPLIT-6): @c amount the cap. */
    ISCG_TRACE_PRORATA,         /**< An annual amount prorated over the period (PRO-1): @c base x @c ratio. */
    ISCG_TRACE_PRORATA_REST,    /**< The remainder side of a prorated plan (PRO-1): @c base the prorated cost. */
    ISCG_TRACE_EXTRA,           /**< An extra on top of a side's amount (SPLIT-3). */
    ISCG_TRACE_REST_UNKNOWN,    /**< A remainder side of a plan whose cost is not stated (SPLIT-2). */
    ISCG_TRACE_EQUAL_DRIFT,     /**< What the equal split among sides left unallocated (SPLIT-5). */
    ISCG_TRACE_UNFUNDED,        /**< A side nobody funds (SPLIT-6). */
    ISCG_TRACE_SOLE,            /**< A side's sole funder pays it all (SPLIT-1). */
    ISCG_TRACE_SHARE,           /**< A funder's share of its side (SPLIT-4): @c base x @c ratio (weights). */
    ISCG_TRACE_SIDE_DRIFT,      /**< What a side's split left unallocated (SPLIT-5). */
    ISCG_TRACE_WHATIF_COST,     /**< What-if: another cost (AMD-3): @c amount the new one, @c base the old one
                                     (::ISCG_UNKNOWN when not stated). */
    ISCG_TRACE_WHATIF_PERIOD,   /**< What-if: another period (AMD-3): @c period the new one, @c was_period the old. */
    ISCG_TRACE_WHATIF_WITHDRAW, /**< What-if: a funder withdrawn (AMD-3) from @c date (zeroed: the whole period),
                                     replaced by @c other_party or not. */
    ISCG_TRACE_WITHDRAWN,       /**< A withdrawn funder pays up to the day before @c date (AMD-2):
                                     @c base x @c ratio / @c whole. */
    ISCG_TRACE_REPLACEMENT,     /**< A replacement pays the rest from @c date (AMD-2). */
    ISCG_TRACE_UNFUNDED_FROM,   /**< Nobody funds a side from @c date (AMD-2). */
    ISCG_TRACE_SHARED_FROM,     /**< A funder takes part of a withdrawn funder's share from @c date (AMD-2). */
    ISCG_TRACE_DRIFT_FROM,      /**< What sharing a withdrawn funder's share left unallocated (SPLIT-5). */
    ISCG_TRACE_PART,            /**< The root of a year's part (PRO-3): @c ratio / @c whole of the period. */
    ISCG_TRACE_PART_SHARE,      /**< A share's part in a year (PRO-3): @c amount of @c base. */
    ISCG_TRACE_CLAIM,           /**< A titre de recettes (RCV-1): @c base x (@c ratio - @c whole) / @c ratio,
                                     @c ratio the months covered, @c whole the months absent. */
    ISCG_TRACE_ABSENCE,         /**< A claim reduced for absence or vacancy (PRO-4): @c ratio the months absent. */
    ISCG_TRACE_POST_SPLIT,      /**< A grant split across its posts (SPLIT-8): with no party, a post's part of
                                     the plan (@c amount; @c base its part of the cost, @c ratio its weight);
                                     with a party and a post, its part of that party's row (@c base, the row's
                                     amount, x @c ratio); with a party and no post, what the row's split
                                     left unallocated (SPLIT-5). @c value the ::iscg_post_split. */
    ISCG_TRACE_AMENDMENT,       /**< An amendment of the convention (AMD-1) from @c date: @c value its
                                     ::iscg_whatif_kind; a new cost in @c amount, a new end in @c end, a side's
                                     new rule and value in @c share_rule and @c base, a withdrawn funder
                                     replaced by @c other_party or not. */
    ISCG_TRACE_SEGMENT,         /**< A segment of an amended convention (AMD-1), its @c period: @c amount its
                                     cost, @c base the cost in force x @c ratio under @c daycount; its steps below. */
    ISCG_TRACE_SEGMENT_SUM      /**< A funder's share of an amended convention: the sum of its shares in the
                                     segments (AMD-1), which are below. */
} iscg_trace_kind;

/** Number of ::iscg_trace_kind values, ::ISCG_TRACE_UNSET included. */
#define ISCG_TRACE_KIND_COUNT 29

/** @return "PLAN", "SHARE"...; NULL for ::ISCG_TRACE_UNSET and outside the enum. */
const char *iscg_trace_kind_name(iscg_trace_kind value);

/**
 * Reads a trace kind's name, as iscg_trace_kind_name() gives it (case insensitive).
 * @return 0, ::ISCG_EINVAL (NULL) or ::ISCG_EPARSE (not the name of a kind).
 */
ISCG_WARN_UNUSED int iscg_trace_kind_parse(iscg_trace_kind *out, const char *name, iscg_error *err);

/** "No such record": the value of an index field of ::iscg_trace_record that points nowhere. */
#define ISCG_TRACE_NONE ((size_t)-1)

/**
 * One record of a trace, copied out by iscg_explain_record() or
 * iscg_funding_trace_get(). Strings belong to the result the record comes
 * from (or to its registry, which it keeps alive); unused fields are 0,
 * NULL or ::ISCG_TRACE_NONE. Which operands a kind uses is said at
 * ::iscg_trace_kind.
 */
typedef struct iscg_trace_record {
    iscg_trace_kind kind;       /**< The kind of step. */
    const char *rule;           /**< The catalogue rule it applies ("SPLIT-4"); "" for a plan's root. Static. */
    const iscg_explain *node;   /**< The record's node, for its text (iscg_explain_text()). */
    iscg_cents amount;          /**< The amount the step gives, in cents. */
    iscg_cents base;            /**< The amount it starts from, in cents (0 when none). */
    int64_t value;              /**< SIDE: the side's value (a percentage in basis points...);
                                     POST_SPLIT: the ::iscg_post_split. */
    size_t count;               /**< SIDE: the number of sides sharing equally. */
    iscg_ratio ratio;           /**< The ratio applied (weights, year or period fraction, months); {0, 0} when none. */
    iscg_ratio whole;           /**< The ratio it is divided by or compared with; {0, 0} when none. */
    iscg_daycount daycount;     /**< The day count of its fractions, or ::ISCG_DAYCOUNT_UNSET. */
    iscg_period period;         /**< The period counted (PLAN, PRORATA, what-ifs); zeroed when none. */
    iscg_period was_period;     /**< WHATIF_PERIOD: the period it replaces. */
    iscg_date date;             /**< The first day of a withdrawal (AMD-2, AMD-3); zeroed when none. */
    int year;                   /**< PART, PART_SHARE, CLAIM: the calendar year; 0 otherwise. */
    iscg_rounding rounding;     /**< The rounding mode, or ::ISCG_ROUND_UNSET when the step rounds nothing. */
    iscg_cents unit;            /**< The rounding unit (::ISCG_EURO, ::ISCG_CENT), 0 when none. */
    iscg_remainder_policy policy; /**< The remainder policy, or ::ISCG_REMAINDER_UNSET when none. */
    iscg_share_rule share_rule; /**< SIDE: the side's share rule. */
    const char *convention;     /**< The convention's identifier, or NULL. */
    const char *post;           /**< ABSENCE: the post's identifier, or NULL. */
    const char *side;           /**< The plan side, or NULL. */
    const char *party;          /**< The party who pays (or is billed), or NULL. */
    const char *party_name;     /**< Its name, or NULL. */
    const char *other_party;    /**< The withdrawn party a payer replaces or shares, or a what-if's replacement; or NULL. */
    const char *other_party_name; /**< Its name, or NULL. */
    size_t index;               /**< The record's index in its trace. */
    size_t parent;              /**< Its parent's index, or ::ISCG_TRACE_NONE for a root. */
    size_t first_child;         /**< Its first child's index, or ::ISCG_TRACE_NONE. */
    size_t next_sibling;        /**< The index of the next child of its parent, or ::ISCG_TRACE_NONE. */
    size_t child_count;         /**< The number of its children. */
} iscg_trace_record;

/**
 * Copies a node's record.
 * @param[out] out receives the record; its strings belong to the node's result.
 * @param e        the node, owned by its result.
 * @return 0, or ::ISCG_EINVAL for a NULL argument.
 */
ISCG_WARN_UNUSED int iscg_explain_record(iscg_trace_record *out, const iscg_explain *e);

/** @return the rule identifier of the node ("SPLIT-1", "PRO-1"...), "" if none; "" for NULL. */
const char *iscg_explain_rule(const iscg_explain *e);

/**
 * The node's sentence, rendered from its record the first time it is asked
 * for and kept by the node's result.
 * @return the sentence, owned by the node's result; "" for NULL, and "" when
 *         there is no memory to render it (iscg_explain_render() then still works).
 */
const char *iscg_explain_text(const iscg_explain *e);

/** @return the amount the node explains, in cents (0 for NULL). */
iscg_cents iscg_explain_amount(const iscg_explain *e);

/** @return the number of child nodes (0 for NULL). */
size_t iscg_explain_child_count(const iscg_explain *e);

/** @return the @p i-th child, owned by the same result; NULL when out of range. */
const iscg_explain *iscg_explain_child(const iscg_explain *e, size_t i);

/**
 * Renders the tree as indented text, one node a line ("[SPLIT-1] 14 801 € = ..."),
 * from the records, without allocating.
 * Works like snprintf: writes at most @p size bytes, NUL-terminated when
 * @p size > 0, and returns the length the whole text needs.
 * @param buf caller-owned; may be NULL when @p size is 0 (to learn the length).
 * @param size the size of @p buf in bytes; 0 to learn the length only.
 * @param e    the root node (not NULL), owned by its result; its children are rendered too.
 * @return the length needed, or ::ISCG_EINVAL for a NULL node or a NULL
 *         buffer with a non-zero size.
 */
ISCG_WARN_UNUSED int iscg_explain_render(char *buf, size_t size, const iscg_explain *e);

#ifdef __cplusplus
}
#endif

#endif /* ISCG_EXPLAIN_H */
