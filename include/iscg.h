/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file iscg.h
 * @brief libiscg: the funding and activity rules of ISCG posts (social
 *        workers in police stations and gendarmeries) as exact, tested code.
 *
 * Include this one header. Each concept has its own header under iscg/:
 * errors, version, money and rounding, allocation, dates and periods, the
 * calendar of a convention, prorata.
 */
#ifndef ISCG_H
#define ISCG_H

#include "iscg/error.h"
#include "iscg/version.h"
#include "iscg/money.h"
#include "iscg/alloc.h"
#include "iscg/date.h"
#include "iscg/calendar.h"
#include "iscg/prorata.h"
#include "iscg/stats.h"
#include "iscg/stats_export.h"
#include "iscg/registry.h"
#include "iscg/scenario.h"
#include "iscg/explain.h"
#include "iscg/funding.h"
#include "iscg/audit.h"
#include "iscg/dataset.h"
#include "iscg/report.h"

#endif /* ISCG_H */
