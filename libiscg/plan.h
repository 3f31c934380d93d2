/* SPDX-License-Identifier: Apache-2.0 */
/* A plan balances, or says why not (SPLIT-7): shared by the registry's
 * validation, the loader and the computation, so that a file that
 * validates computes. */
#ifndef ISCG_PLAN_H
#define ISCG_PLAN_H

#include "model.h"

/* 0 when convention c's plan balances: the shares of its sides (extras
 * aside: they are on top of the cost, SPLIT-3), plus the drift its equal
 * split's remainder policy returns, equal its cost exactly; and the funders
 * of every side whose split reads percentages sum to 100.00 %. Otherwise
 * ISCG_ERANGE with a sentence naming the convention, the sides and the gap
 * in euros (ISCG_EWEIGHTS for the funders' percentages, as SPLIT-4 has it;
 * ISCG_EOVERFLOW for sides whose sum passes 64-bit cents). A cost that is not known (only FIXED sides and a remainder
 * nobody can compute) has nothing to balance; a plan without sides is
 * iscg_registry_validate()'s to report. ISCG_ENOMEM, or an error of the
 * rounding (ISCG_EROUNDING), as the computation would give. */
int iscg__plan_check(const struct convention *c, iscg_error *err);

#endif
