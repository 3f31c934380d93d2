/* Error model and version. */
#include <stdio.h>
#include <string.h>

#include <iscg.h>

#include "suites.h"

START_TEST(test_strerror_every_code)
{
    for (int c = 0; c >= ISCG_ETOTAL; c--) {
        const char *s = iscg_strerror(c);
        ck_assert_ptr_nonnull(s);
        ck_assert_str_ne(s, "unknown error");
    }
    ck_assert_str_eq(iscg_strerror(-999), "unknown error");
    ck_assert_str_eq(iscg_strerror(5), "unknown error");
    ck_assert_str_eq(iscg_strerror(ISCG_EOVERFLOW), "amount overflow");
}
END_TEST

START_TEST(test_error_clear_and_null)
{
    iscg_error e;
    memset(&e, 'x', sizeof e);
    iscg_error_clear(&e);
    ck_assert_int_eq(e.code, 0);
    ck_assert_str_eq(e.text, "");
    iscg_error_clear(NULL); /* a no-op */
}
END_TEST

START_TEST(test_error_report_filled)
{
    iscg_error e;
    iscg_cents c;
    ck_assert_int_eq(iscg_money_parse(&c, "12,3,4", &e), ISCG_EPARSE);
    ck_assert_int_eq(e.code, ISCG_EPARSE);
    ck_assert_str_eq(e.field, "amount");
    ck_assert_int_eq(e.line, 1);
    ck_assert_int_eq(e.column, 5);
    ck_assert_ptr_nonnull(strstr(e.text, "12,3,4"));
    /* the same call without a report is fine */
    ck_assert_int_eq(iscg_money_parse(&c, "12,3,4", NULL), ISCG_EPARSE);
}
END_TEST

START_TEST(test_version)
{
    char expect[32];
    snprintf(expect, sizeof expect, "%d.%d.%d", ISCG_VERSION_MAJOR, ISCG_VERSION_MINOR,
             ISCG_VERSION_PATCH);
    ck_assert_str_eq(iscg_version(), expect);
    ck_assert_str_eq(iscg_version(), ISCG_VERSION);
    ck_assert_int_eq(iscg_version_hex(), ISCG_VERSION_HEX);
}
END_TEST

Suite *suite_error(void)
{
    Suite *s = suite_create("error");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_strerror_every_code);
    tcase_add_test(tc, test_error_clear_and_null);
    tcase_add_test(tc, test_error_report_filled);
    tcase_add_test(tc, test_version);
    suite_add_tcase(s, tc);
    return s;
}
