/* SPDX-License-Identifier: Apache-2.0 */
/* Error model and version. */
#include <stdio.h>
#include <string.h>

#include <iscg.h>

#include "suites.h"

START_TEST(test_strerror_every_code)
{
    for (int c = 0; c >= ISCG_ECANCELED; c--) {
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

/* A sentence longer than the report is cut on a whole UTF-8 character: the
 * names it quotes (and its translations) are UTF-8, and a cut one stays
 * valid text. */
START_TEST(test_error_text_cut_on_a_character)
{
    iscg_registry *r = NULL;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    char id[1 + 2 * 600 + 1];
    iscg_period p = {{2023, 1, 1}, {2023, 1, 1}};
    iscg_error e;
    /* "post " then the name: with the "x", the 1 023 bytes kept would end
     * inside an "é", which goes */
    for (int shift = 0; shift < 2; shift++) {
        size_t at = 0;
        if (shift)
            id[at++] = 'x';
        for (int i = 0; i < 600; i++) {
            id[at++] = (char)0xC3;
            id[at++] = (char)0xA9;
        }
        id[at] = '\0';
        ck_assert_int_eq(iscg_post_add_event(r, id, ISCG_STAFF_HIRE, p, NULL, &e), ISCG_ENOTFOUND);
        ck_assert_uint_eq(strlen(e.text), shift ? sizeof e.text - 2 : sizeof e.text - 1);
        ck_assert_int_eq(strncmp(e.text, "post ", 5), 0);
        size_t n = strlen(e.text);
        ck_assert_int_eq((unsigned char)e.text[n - 2], 0xC3);
        ck_assert_int_eq((unsigned char)e.text[n - 1], 0xA9);
    }
    iscg_registry_free(r);
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

/* Every public enum follows one pattern: a count, a name for each value
 * and a parse that reads it back, NULL and an error outside the enum. first
 * is the first member: 1 for the policy enums, whose 0 is ..._UNSET. */
#define ENUM_ROUND_TRIP(prefix, type, first, count)                                            \
    do {                                                                                        \
        for (int i = (first); i < (first) + (count); i++) {                                     \
            const char *name = iscg_##prefix##_name((type)i);                                   \
            type v;                                                                             \
            ck_assert_msg(name != NULL, #prefix " %d has no name", i);                         \
            ck_assert_int_eq(iscg_##prefix##_parse(&v, name, NULL), 0);                        \
            ck_assert_int_eq((int)v, i);                                                        \
            tried++;                                                                            \
        }                                                                                       \
        type v = (type)(first);                                                                 \
        iscg_error e;                                                                           \
        ck_assert_ptr_null(iscg_##prefix##_name((type)((first) + (count))));                    \
        ck_assert_ptr_null(iscg_##prefix##_name((type)((first) - 1)));                          \
        ck_assert_int_eq(iscg_##prefix##_parse(&v, "no such name", &e), ISCG_EPARSE);          \
        ck_assert_int_eq((int)v, (first)); /* unchanged */                                     \
        ck_assert_ptr_nonnull(strstr(e.text, "\"no such name\" is not a"));                    \
        ck_assert_ptr_nonnull(strstr(e.text, iscg_##prefix##_name((type)(first))));             \
        ck_assert_int_eq(iscg_##prefix##_parse(NULL, "x", &e), ISCG_EINVAL);                   \
        ck_assert_int_eq(iscg_##prefix##_parse(&v, NULL, &e), ISCG_EINVAL);                    \
        enums++;                                                                                \
    } while (0)

START_TEST(test_enums_name_and_parse)
{
    int tried = 0, enums = 0;
    ENUM_ROUND_TRIP(rounding, iscg_rounding, ISCG_ROUND_DOWN, ISCG_ROUNDING_COUNT);
    ENUM_ROUND_TRIP(money_style, iscg_money_style, 0, ISCG_MONEY_STYLE_COUNT);
    ENUM_ROUND_TRIP(remainder_policy, iscg_remainder_policy, ISCG_REMAINDER_NONE, ISCG_REMAINDER_POLICY_COUNT);
    ENUM_ROUND_TRIP(weights_kind, iscg_weights_kind, 0, ISCG_WEIGHTS_KIND_COUNT);
    ENUM_ROUND_TRIP(daycount, iscg_daycount, ISCG_DAYCOUNT_MONTHS_WHOLE, ISCG_DAYCOUNT_COUNT);
    ENUM_ROUND_TRIP(party_kind, iscg_party_kind, 0, ISCG_PARTY_KIND_COUNT);
    ENUM_ROUND_TRIP(post_kind, iscg_post_kind, 0, ISCG_POST_KIND_COUNT);
    ENUM_ROUND_TRIP(staffing_kind, iscg_staffing_kind, 0, ISCG_STAFFING_KIND_COUNT);
    ENUM_ROUND_TRIP(share_rule, iscg_share_rule, 0, ISCG_SHARE_RULE_COUNT);
    ENUM_ROUND_TRIP(cadence, iscg_cadence, 0, ISCG_CADENCE_COUNT);
    ENUM_ROUND_TRIP(deadline_kind, iscg_deadline_kind, 0, ISCG_DEADLINE_KIND_COUNT);
    ENUM_ROUND_TRIP(finding_kind, iscg_finding_kind, 0, ISCG_FINDING_KIND_COUNT);
    ENUM_ROUND_TRIP(period_kind, iscg_period_kind, ISCG_PERIOD_MONTH, ISCG_STATS_GRANULARITY_COUNT);
    ENUM_ROUND_TRIP(activity_carrier, iscg_activity_carrier, 0, ISCG_ACTIVITY_CARRIER_COUNT);
    ENUM_ROUND_TRIP(activity_force, iscg_activity_force, 0, ISCG_ACTIVITY_FORCE_COUNT);
    ENUM_ROUND_TRIP(activity_field, iscg_activity_field, 0, ISCG_ACTIVITY_FIELD_COUNT);
    ENUM_ROUND_TRIP(stats_key, iscg_stats_key, 0, ISCG_STATS_KEY_COUNT);
    ENUM_ROUND_TRIP(stats_gap_kind, iscg_stats_gap_kind, 0, ISCG_STATS_GAP_KIND_COUNT);
    ENUM_ROUND_TRIP(stats_cell_state, iscg_stats_cell_state, 0, ISCG_STATS_CELL_STATE_COUNT);
    ck_assert_int_eq(enums, 19);
    ck_assert_int_eq(tried, 8 + 3 + 6 + 2 + 8 + 9 + 3 + 4 + 4 + 5 + 8 + 7 + 4 + 4 + 4 + 12 + 5 + 3 + 4);
    /* the names the reports and files use */
    ck_assert_str_eq(iscg_stats_key_name(ISCG_STATS_BY_TERRITORY), "TERRITORY");
    ck_assert_str_eq(iscg_stats_cell_state_name(ISCG_STATS_CELL_COMPLEMENTARY), "COMPLEMENTARY");
    ck_assert_str_eq(iscg_stats_gap_kind_name(ISCG_STATS_GAP_NOT_REPORTED), "NOT_REPORTED");
    ck_assert_str_eq(iscg_money_style_name(ISCG_MONEY_FRENCH_CENTS), "FRENCH_CENTS");
    iscg_cadence c;
    ck_assert_int_eq(iscg_cadence_parse(&c, "aucun", NULL), 0);
    ck_assert_int_eq(c, ISCG_CADENCE_NONE);
}
END_TEST

/* Policy enums start at an invalid ..._UNSET = 0: it has no name, no name
 * reads as it, and every entry point refuses it with a sentence, so that a
 * zeroed struct never picks DOWN, NONE or MONTHS_WHOLE silently. */
START_TEST(test_policy_enums_refuse_unset)
{
    ck_assert_int_eq(ISCG_ROUND_UNSET, 0);
    ck_assert_int_eq(ISCG_REMAINDER_UNSET, 0);
    ck_assert_int_eq(ISCG_DAYCOUNT_UNSET, 0);
    ck_assert_ptr_null(iscg_rounding_name(ISCG_ROUND_UNSET));
    ck_assert_ptr_null(iscg_remainder_policy_name(ISCG_REMAINDER_UNSET));
    ck_assert_ptr_null(iscg_daycount_name(ISCG_DAYCOUNT_UNSET));
    iscg_rounding m;
    ck_assert_int_eq(iscg_rounding_parse(&m, "UNSET", NULL), ISCG_EPARSE);
    iscg_error e;
    iscg_cents out = 0, shares[2], drift;
    ck_assert_int_eq(iscg_money_round(&out, 150, ISCG_EURO, ISCG_ROUND_UNSET, &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "no rounding mode is set (0 is unset in iscg_rounding): choose one of DOWN, UP"));
    ck_assert_str_eq(e.field, "mode");
    ck_assert_int_eq(iscg_money_round(&out, 150, ISCG_EURO, (iscg_rounding)42, &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "rounding mode 42 is not one of iscg_rounding"));
    /* a zeroed rule: the rounding first, then the policy */
    const int64_t w[2] = {1, 1};
    iscg_allocation_rule rule;
    memset(&rule, 0, sizeof rule);
    rule.unit = ISCG_EURO;
    ck_assert_int_eq(iscg_allocate(shares, &drift, 1000, w, 2, &rule, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "rounding");
    rule.rounding = ISCG_ROUND_DOWN;
    ck_assert_int_eq(iscg_allocate(shares, &drift, 1000, w, 2, &rule, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "policy");
    ck_assert_ptr_nonnull(strstr(e.text, "no remainder policy is set"));
    rule.policy = ISCG_REMAINDER_NONE;
    ck_assert_int_eq(iscg_allocate(shares, &drift, 1000, w, 2, &rule, &e), 0);
    ck_assert_int_eq(shares[0] + shares[1] + drift, 1000);
    /* a zeroed day count */
    iscg_ratio r;
    iscg_period p = {{2023, 1, 1}, {2023, 6, 30}};
    ck_assert_int_eq(iscg_year_fraction(&r, p, ISCG_DAYCOUNT_UNSET, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "daycount");
    ck_assert_ptr_nonnull(strstr(e.text, "no day-count convention is set"));
    iscg_registry *reg;
    ck_assert_int_eq(iscg_registry_new(&reg), 0);
    ck_assert_int_eq(iscg_party_add(reg, "cc", ISCG_PARTY_EPCI, "CC", ISCG_UNKNOWN, &e), 0);
    iscg_post_spec post = ISCG_POST_SPEC_INIT;
    post.id = "p";
    post.label = "P";
    post.kind = ISCG_POST_ISG;
    post.carrier = "cc";
    post.weekly_hours = 35;
    post.police_bp = 0;
    ck_assert_int_eq(iscg_post_add(reg, &post, &e), 0);
    iscg_convention_spec c;
    memset(&c, 0, sizeof c);
    c.id = "c";
    c.post = "p";
    c.period = p;
    ck_assert_int_eq(iscg_convention_add(reg, &c, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "daycount");
    c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
    ck_assert_int_eq(iscg_convention_add(reg, &c, &e), ISCG_EINVAL); /* its zeroed rounding rule */
    iscg_registry_free(reg);
    /* statistics take a rounding mode too */
    iscg_stats_measure sm;
    ck_assert_int_eq(iscg_stats_share(&sm, 1, 3, ISCG_ROUND_UNSET, &e), ISCG_EINVAL);
}
END_TEST

/* A status must be read: the functions that return one carry
 * warn_unused_result (ISCG_WARN_UNUSED); those whose int is a boolean, a
 * length or an ordering do not. GCC can tell at compile time. */
START_TEST(test_status_results_must_be_read)
{
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 9
    ck_assert(__builtin_has_attribute(iscg_money_add, warn_unused_result));
    ck_assert(__builtin_has_attribute(iscg_allocate, warn_unused_result));
    ck_assert(__builtin_has_attribute(iscg_dataset_load_string, warn_unused_result));
    ck_assert(__builtin_has_attribute(iscg_funding_compute, warn_unused_result));
    ck_assert(__builtin_has_attribute(iscg_stats_aggregate, warn_unused_result));
    ck_assert(__builtin_has_attribute(iscg_rounding_parse, warn_unused_result));
    ck_assert(!__builtin_has_attribute(iscg_date_compare, warn_unused_result));
    ck_assert(!__builtin_has_attribute(iscg_date_is_leap, warn_unused_result));
    ck_assert(!__builtin_has_attribute(iscg_period_valid, warn_unused_result));
#endif
}
END_TEST

/* The structs callers fill start from an _INIT macro (libgit2's convention):
 * its defaults are the documented ones, and the policies it leaves UNSET are
 * refused until the caller chooses them. */
START_TEST(test_init_macros)
{
    iscg_error e;
    iscg_allocation_rule rule = ISCG_ALLOCATION_RULE_INIT;
    ck_assert_int_eq(rule.unit, ISCG_CENT);
    ck_assert_int_eq(rule.weights, ISCG_WEIGHTS_RAW);
    const int64_t w[2] = {1, 2};
    iscg_cents shares[2], drift;
    ck_assert_int_eq(iscg_allocate(shares, &drift, 300, w, 2, &rule, &e), ISCG_EINVAL);
    rule.rounding = ISCG_ROUND_HALF_EVEN;
    rule.policy = ISCG_REMAINDER_LARGEST_REMAINDER;
    ck_assert_int_eq(iscg_allocate(shares, &drift, 300, w, 2, &rule, &e), 0);
    ck_assert_int_eq(shares[0], 100);
    ck_assert_int_eq(shares[1], 200);

    iscg_registry *r;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc", ISCG_PARTY_EPCI, "CC", ISCG_UNKNOWN, &e), 0);
    iscg_post_spec p = ISCG_POST_SPEC_INIT;
    ck_assert_int_eq(iscg_post_add(r, &p, &e), ISCG_EINVAL); /* no identifier yet */
    p.id = "isc-p";
    p.label = "ISC P";
    p.carrier = "cc";
    ck_assert_msg(iscg_post_add(r, &p, &e) == 0, "%s", e.text); /* an ISC post, full time */
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = "c";
    c.post = "isc-p";
    c.period = (iscg_period){{2023, 1, 1}, {2023, 12, 31}};
    c.cost = 3000000;
    ck_assert_int_eq(iscg_convention_add(r, &c, &e), ISCG_EINVAL); /* no day count chosen */
    c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
    c.rounding = rule;
    ck_assert_msg(iscg_convention_add(r, &c, &e) == 0, "%s", e.text);
    iscg_side_spec sd = ISCG_SIDE_SPEC_INIT;
    ck_assert_int_eq(sd.cap, ISCG_NO_CAP);
    ck_assert_int_eq(sd.required, 1);
    sd.name = "CC";
    ck_assert_int_eq(iscg_convention_add_side(r, "c", &sd, &e), ISCG_EINVAL); /* its split not chosen */
    sd.split = rule;
    ck_assert_msg(iscg_convention_add_side(r, "c", &sd, &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "CC", "cc", 1, &e), 0);
    iscg_funding *f;
    ck_assert_msg(iscg_funding_compute(&f, r, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_funding_total(f), 3000000); /* one EQUAL side, not capped at 0 */
    iscg_funding_free(f);
    iscg_registry_free(r);

    const iscg_clauses none = ISCG_CLAUSES_INIT, zero = {0};
    ck_assert_int_eq(memcmp(&none, &zero, sizeof none), 0);
    const iscg_budget_line line = ISCG_BUDGET_LINE_INIT;
    ck_assert_ptr_null(line.payer);
    ck_assert_int_eq(line.credits, 0);
}
END_TEST

Suite *suite_error(void)
{
    Suite *s = suite_create("error");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_strerror_every_code);
    tcase_add_test(tc, test_error_clear_and_null);
    tcase_add_test(tc, test_error_report_filled);
    tcase_add_test(tc, test_error_text_cut_on_a_character);
    tcase_add_test(tc, test_version);
    tcase_add_test(tc, test_enums_name_and_parse);
    tcase_add_test(tc, test_policy_enums_refuse_unset);
    tcase_add_test(tc, test_status_results_must_be_read);
    tcase_add_test(tc, test_init_macros);
    suite_add_tcase(s, tc);
    return s;
}
