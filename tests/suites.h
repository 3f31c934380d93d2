/* SPDX-License-Identifier: Apache-2.0 */
/* One Check suite per concept; tests/check_iscg.c runs them all. */
#ifndef ISCG_TEST_SUITES_H
#define ISCG_TEST_SUITES_H

#include <check.h>

Suite *suite_error(void);
Suite *suite_money(void);
Suite *suite_alloc(void);
Suite *suite_date(void);
Suite *suite_calendar(void);
Suite *suite_prorata(void);
Suite *suite_stats(void);
Suite *suite_stats_columns(void);
Suite *suite_stats_export(void);
Suite *suite_registry(void);
Suite *suite_funding(void);
Suite *suite_scenario(void);
Suite *suite_dataset(void);
Suite *suite_limits(void);
Suite *suite_files(void);
Suite *suite_report(void);
Suite *suite_general(void);
Suite *suite_trace(void);
Suite *suite_stated(void);
Suite *suite_build(void);
Suite *suite_grant(void);
Suite *suite_amend(void);
Suite *suite_hashindex(void);

/* Euros as cents, for readability of the documents' figures. */
#define EUR(x) ((iscg_cents)(x) * 100)

#endif
