/* SPDX-License-Identifier: Apache-2.0 */
/* Amendments (avenants, AMD-1) inside the library: a convention's recorded
 * what-ifs, the segments its period splits into, and the results computed
 * segment by segment and added up (amend.c). */
#ifndef ISCG_AMEND_H
#define ISCG_AMEND_H

#include "funding_internal.h"

/* An amended result's segments: their terms in force and their results. */
struct iscg__amend;

/* Frees an amended result's segments (NULL: a no-op). */
void iscg__amend_free(struct iscg__amend *a);

/* Frees what a what-if owns (a scenario's or an amendment's), not w itself. */
void iscg__whatif_free(struct whatif *w);

/* w as the public struct gives it (iscg_scenario_get(),
 * iscg_convention_amendment_get()); its strings stay w's. */
void iscg__whatif_view(iscg_whatif *out, const struct whatif *w);

/* c's period as its amendments leave it: the recorded one, or ended by the
 * latest PERIOD amendment. */
iscg_period iscg__amend_period(const struct convention *c);

/* The result of amended convention c (c->namend > 0) under scenario s (may
 * be NULL): each segment computed with the terms in force, then added up. */
int iscg__amend_compute(iscg_funding **out, const iscg_registry *r, const iscg_scenario *s,
                        const struct convention *c, iscg_error *err);

/* iscg_funding_compute_part() of an amended result: each segment's part of
 * the year, added up (PRO-3 within each segment). */
int iscg__amend_part(iscg_funding **out, const iscg_funding *whole, int year, iscg_daycount daycount,
                     iscg_error *err);

/* 0 when every segment of amended convention c balances (SPLIT-7), as the
 * computation would find it; else its error, naming the segment. */
int iscg__amend_check(const iscg_registry *r, const struct convention *c, iscg_error *err);

#endif
