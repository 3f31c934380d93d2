/* SPDX-License-Identifier: Apache-2.0 */
/* The one Check runner of libiscg: every concept's suite. */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
    /* A test's time limit is there to stop a hang, not to measure: Check's
     * 4 s default failed a test that took 2 s under ASan on a loaded machine.
     * Each test case created below takes this default unless it sets its own
     * or the caller chose one (CK_TIMEOUT_MULTIPLIER still scales it). */
    setenv("CK_DEFAULT_TIMEOUT", "60", 0);
    SRunner *sr = srunner_create(suite_error());
    srunner_add_suite(sr, suite_money());
    srunner_add_suite(sr, suite_alloc());
    srunner_add_suite(sr, suite_date());
    srunner_add_suite(sr, suite_calendar());
    srunner_add_suite(sr, suite_prorata());
    srunner_add_suite(sr, suite_stats());
    srunner_add_suite(sr, suite_stats_columns());
    srunner_add_suite(sr, suite_stats_export());
    srunner_add_suite(sr, suite_registry());
    srunner_add_suite(sr, suite_funding());
    srunner_add_suite(sr, suite_scenario());
    srunner_add_suite(sr, suite_dataset());
    srunner_add_suite(sr, suite_limits());
    srunner_add_suite(sr, suite_files());
    srunner_add_suite(sr, suite_report());
    srunner_add_suite(sr, suite_general());
    srunner_add_suite(sr, suite_trace());
    srunner_add_suite(sr, suite_stated());
    srunner_add_suite(sr, suite_build());
    srunner_add_suite(sr, suite_grant());
    srunner_add_suite(sr, suite_amend());
    srunner_add_suite(sr, suite_hashindex());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
