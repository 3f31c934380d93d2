/* SPDX-License-Identifier: Apache-2.0 */
/* Schemes of other Départements (RULES.md section 10): plans that balance
 * (SPLIT-7), funder kinds (PARTY-2), the round-robin remainder (ROUND-3),
 * claims in any day count (RCV-4) and the budget line in general (BUD-3). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscg.h>

#include "suites.h"

/* The French money format: a narrow no-break space between thousands, a
 * no-break space before the euro sign, no decimals for whole euros. */
#define T "\xe2\x80\xaf"
#define E "\xc2\xa0\xe2\x82\xac"

static const iscg_allocation_rule euro_down_none = {ISCG_EURO, ISCG_ROUND_DOWN, ISCG_REMAINDER_NONE, 0,
                                                    ISCG_WEIGHTS_RAW};

/* ---- ROUND-3: the round-robin remainder ---------------------------------- */

/* ROUND-3 ROUND_ROBIN: 100 euros by 3/5/2/7, truncated to the euro: exact
 * shares 17.65, 29.41, 11.76, 41.18 give 17 + 29 + 11 + 41 = 98, two euros
 * left. Round robin gives one to the largest weight (7), one to the next (5);
 * LARGEST_WEIGHT gives both to the 7; LARGEST_REMAINDER to .76 and .65. */
START_TEST(test_round3_round_robin)
{
    const int64_t w[4] = {3, 5, 2, 7};
    iscg_allocation_rule rule = euro_down_none;
    iscg_cents s[4], drift = -1;
    rule.policy = ISCG_REMAINDER_ROUND_ROBIN;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(100), w, 4, &rule, NULL), 0);
    ck_assert_int_eq(s[0], EUR(17));
    ck_assert_int_eq(s[1], EUR(30));
    ck_assert_int_eq(s[2], EUR(11));
    ck_assert_int_eq(s[3], EUR(42));
    ck_assert_int_eq(drift, 0);
    rule.policy = ISCG_REMAINDER_LARGEST_WEIGHT;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(100), w, 4, &rule, NULL), 0);
    ck_assert_int_eq(s[1], EUR(29));
    ck_assert_int_eq(s[3], EUR(43));
    rule.policy = ISCG_REMAINDER_LARGEST_REMAINDER;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(100), w, 4, &rule, NULL), 0);
    ck_assert_int_eq(s[0], EUR(18));
    ck_assert_int_eq(s[2], EUR(12));
    ck_assert_int_eq(s[3], EUR(41));
    /* rounded up: 18 + 30 + 12 + 42 = 102, one euro back from the 7 then the 5 */
    rule.policy = ISCG_REMAINDER_ROUND_ROBIN;
    rule.rounding = ISCG_ROUND_UP;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(100), w, 4, &rule, NULL), 0);
    ck_assert_int_eq(s[0], EUR(18));
    ck_assert_int_eq(s[1], EUR(29));
    ck_assert_int_eq(s[2], EUR(12));
    ck_assert_int_eq(s[3], EUR(41));
    /* 100.50 euros: two whole euros to the 7 and the 5, the 50 cents to the 7 */
    rule.rounding = ISCG_ROUND_DOWN;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(100) + 50, w, 4, &rule, NULL), 0);
    ck_assert_int_eq(s[0], EUR(17));
    ck_assert_int_eq(s[1], EUR(30));
    ck_assert_int_eq(s[2], EUR(11));
    ck_assert_int_eq(s[3], EUR(42) + 50);
    /* equal weights: one each to the first two, ties to the earlier position */
    const int64_t ones[3] = {1, 1, 1};
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(11), ones, 3, &rule, NULL), 0);
    ck_assert_int_eq(s[0], EUR(4));
    ck_assert_int_eq(s[1], EUR(4));
    ck_assert_int_eq(s[2], EUR(3));
    /* the name files use */
    iscg_remainder_policy p = ISCG_REMAINDER_UNSET;
    ck_assert_str_eq(iscg_remainder_policy_name(ISCG_REMAINDER_ROUND_ROBIN), "ROUND_ROBIN");
    ck_assert_int_eq(iscg_remainder_policy_parse(&p, "round_robin", NULL), 0);
    ck_assert_int_eq(p, ISCG_REMAINDER_ROUND_ROBIN);
}
END_TEST

/* ---- PARTY-2: funder kinds ------------------------------------------------ */

/* PARTY-2: COMMUNE, CAF and REGION are kinds of their own, by name. */
START_TEST(test_party2_kinds)
{
    static const struct {
        iscg_party_kind kind;
        const char *name;
    } kinds[] = {{ISCG_PARTY_COMMUNE, "COMMUNE"}, {ISCG_PARTY_CAF, "CAF"}, {ISCG_PARTY_REGION, "REGION"}};
    iscg_registry *r;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        iscg_party_kind k = ISCG_PARTY_STATE;
        ck_assert_str_eq(iscg_party_kind_name(kinds[i].kind), kinds[i].name);
        ck_assert_int_eq(iscg_party_kind_parse(&k, kinds[i].name, NULL), 0);
        ck_assert_int_eq(k, kinds[i].kind);
        ck_assert_int_eq(iscg_party_add(r, kinds[i].name, kinds[i].kind, kinds[i].name, ISCG_UNKNOWN, NULL), 0);
        const char *name = NULL;
        ck_assert_int_eq(iscg_party_get(&k, &name, r, kinds[i].name, NULL), 0);
        ck_assert_int_eq(k, kinds[i].kind);
    }
    ck_assert_int_eq(ISCG_PARTY_KIND_COUNT, 9);
    ck_assert_ptr_null(iscg_party_kind_name((iscg_party_kind)ISCG_PARTY_KIND_COUNT));
    iscg_registry_free(r);
}
END_TEST

/* ---- SPLIT-7: plans that balance ----------------------------------------- */

/* A registry with one post carried by an EPCI and one convention c of 30 000
 * euros over 2023, to which the test adds sides. */
static iscg_registry *plan30k(void)
{
    iscg_registry *r;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, NULL), 0);
    ck_assert_int_eq(iscg_party_add(r, "dept", ISCG_PARTY_DEPARTEMENT, "Departement", ISCG_UNKNOWN, NULL), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc", ISCG_PARTY_EPCI, "CC", ISCG_UNKNOWN, NULL), 0);
    iscg_post_spec p = ISCG_POST_SPEC_INIT;
    p.id = "isc";
    p.label = "ISC";
    p.carrier = "cc";
    ck_assert_int_eq(iscg_post_add(r, &p, NULL), 0);
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = "c";
    c.post = "isc";
    c.period = (iscg_period){{2023, 1, 1}, {2023, 12, 31}};
    c.cost = EUR(30000);
    c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
    c.rounding = euro_down_none;
    ck_assert_int_eq(iscg_convention_add(r, &c, NULL), 0);
    return r;
}

static void add_side(iscg_registry *r, const char *name, iscg_share_rule rule, int64_t value, const char *party)
{
    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.name = name;
    s.rule = rule;
    s.value = value;
    s.split = euro_down_none;
    iscg_error e;
    ck_assert_msg(iscg_convention_add_side(r, "c", &s, &e) == 0, "%s", e.text);
    ck_assert_msg(iscg_convention_add_funder(r, "c", name, party, 1, &e) == 0, "%s", e.text);
}

/* Both the validation and the computation refuse the plan with code, and
 * their sentence names the convention and holds each of the texts. */
static void refused(iscg_registry *r, int code, const char *t1, const char *t2)
{
    iscg_error e;
    iscg_funding *f = NULL;
    ck_assert_int_eq(iscg_registry_validate(r, &e), code);
    ck_assert_str_eq(e.source, "c");
    ck_assert_msg(strstr(e.text, "convention c") && strstr(e.text, t1) && (!t2 || strstr(e.text, t2)), "%s", e.text);
    ck_assert_int_eq(iscg_funding_compute(&f, r, "c", &e), code);
    ck_assert_ptr_null(f);
    ck_assert_msg(strstr(e.text, "convention c") && strstr(e.text, t1) && (!t2 || strstr(e.text, t2)), "%s", e.text);
}

/* SPLIT-7: two PERCENT sides of 100 % on 30 000 euros: 30 000 too much. */
START_TEST(test_split7_two_full_percents)
{
    iscg_registry *r = plan30k();
    add_side(r, "FIPD", ISCG_SHARE_PERCENT, 10000, "etat");
    add_side(r, "Departement", ISCG_SHARE_PERCENT, 10000, "dept");
    refused(r, ISCG_ERANGE, "exceed the cost (30" T "000" E ") by 30" T "000" E, "FIPD 30" T "000" E ", Departement");
    iscg_registry_free(r);
}
END_TEST

/* SPLIT-7: two FIXED sides of 20 000 euros on 30 000: 10 000 too much. */
START_TEST(test_split7_two_fixed_over)
{
    iscg_registry *r = plan30k();
    add_side(r, "FIPD", ISCG_SHARE_FIXED, EUR(20000), "etat");
    add_side(r, "Departement", ISCG_SHARE_FIXED, EUR(20000), "dept");
    refused(r, ISCG_ERANGE, "come to 40" T "000" E, "by 10" T "000" E);
    /* with a side that shares what is left, the sentence says it gets nothing */
    add_side(r, "EPCI", ISCG_SHARE_EQUAL, 0, "cc");
    refused(r, ISCG_ERANGE, "by 10" T "000" E ", leaving nothing for the other sides", NULL);
    iscg_registry_free(r);
}
END_TEST

/* SPLIT-7: PERCENT sides of 50 % and 49.99 % leave 3 euros funded by
 * nobody (30 000 x 0.01 %); three sides of 33.33 % fund 29 997 euros. */
START_TEST(test_split7_short_percents)
{
    iscg_registry *r = plan30k();
    add_side(r, "FIPD", ISCG_SHARE_PERCENT, 5000, "etat");
    add_side(r, "Departement", ISCG_SHARE_PERCENT, 4999, "dept");
    refused(r, ISCG_ERANGE, "come to 29" T "997" E " of its cost of 30" T "000" E, "3" E " is funded by nobody");
    iscg_registry_free(r);

    r = plan30k();
    add_side(r, "FIPD", ISCG_SHARE_PERCENT, 3333, "etat");
    add_side(r, "Departement", ISCG_SHARE_PERCENT, 3333, "dept");
    add_side(r, "EPCI", ISCG_SHARE_PERCENT, 3333, "cc");
    refused(r, ISCG_ERANGE, "FIPD 9" T "999" E ", Departement 9" T "999" E ", EPCI 9" T "999" E, "3" E " is funded by nobody");
    iscg_registry_free(r);
}
END_TEST

/* SPLIT-7: a shortfall of FIXED sides with no REMAINDER side is refused;
 * charged to the carrier, it is computed and shown on a side of its own; a
 * REMAINDER side takes it as SPLIT-2 says. */
START_TEST(test_split7_shortfall_to_carrier)
{
    iscg_registry *r = plan30k();
    add_side(r, "FIPD", ISCG_SHARE_FIXED, EUR(12000), "etat");
    add_side(r, "Departement", ISCG_SHARE_FIXED, EUR(12000), "dept");
    refused(r, ISCG_ERANGE, "6" T "000" E " is funded by nobody", "no REMAINDER side");
    ck_assert_int_eq(iscg_convention_shortfall_to_carrier(r, "c"), 0);
    iscg_error e;
    ck_assert_int_eq(iscg_convention_charge_shortfall(r, "c", &e), 0);
    ck_assert_int_eq(iscg_convention_shortfall_to_carrier(r, "c"), 1);
    ck_assert_int_eq(iscg_registry_validate(r, &e), 0);
    iscg_funding *f = NULL;
    ck_assert_int_eq(iscg_funding_compute(&f, r, "c", &e), 0);
    ck_assert_int_eq(iscg_funding_side_count(f), 3);
    iscg_funding_side side;
    ck_assert_int_eq(iscg_funding_side_get(&side, f, 2), 0);
    ck_assert_str_eq(side.name, ISCG_SHORTFALL_SIDE);
    ck_assert_int_eq(side.amount, EUR(6000));
    iscg_funding_row row;
    ck_assert_int_eq(iscg_funding_row_get(&row, f, 2), 0);
    ck_assert_str_eq(row.party, "cc");
    ck_assert_str_eq(row.side, ISCG_SHORTFALL_SIDE);
    ck_assert_int_eq(row.amount, EUR(6000));
    ck_assert_int_eq(iscg_funding_total(f), EUR(30000));
    iscg_funding_free(f);
    /* twice, or with a remainder side, it would be a second remainder */
    ck_assert_int_eq(iscg_convention_charge_shortfall(r, "c", &e), ISCG_EDUPLICATE);
    ck_assert_int_eq(iscg_convention_charge_shortfall(r, "nowhere", &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_convention_shortfall_to_carrier(r, "nowhere"), 0);
    ck_assert_int_eq(iscg_convention_shortfall_to_carrier(NULL, "c"), 0);
    iscg_registry_free(r);

    /* the carrier may fund a side too: its shares add up (20 % + the rest) */
    r = plan30k();
    add_side(r, "FIPD", ISCG_SHARE_PERCENT, 5000, "etat");
    add_side(r, "EPCI", ISCG_SHARE_PERCENT, 2000, "cc");
    ck_assert_int_eq(iscg_convention_charge_shortfall(r, "c", &e), 0);
    ck_assert_int_eq(iscg_funding_compute(&f, r, "c", &e), 0);
    iscg_cents cc = 0;
    for (size_t i = 0; i < iscg_funding_row_count(f); i++) {
        ck_assert_int_eq(iscg_funding_row_get(&row, f, i), 0);
        if (strcmp(row.party, "cc") == 0)
            cc += row.amount;
    }
    ck_assert_int_eq(cc, EUR(15000));
    iscg_funding_free(f);
    /* sides over the cost are refused even so */
    add_side(r, "Departement", ISCG_SHARE_FIXED, EUR(20000), "dept");
    refused(r, ISCG_ERANGE, "exceed the cost", NULL);
    iscg_registry_free(r);

    r = plan30k();
    add_side(r, "FIPD", ISCG_SHARE_FIXED, EUR(12000), "etat");
    add_side(r, "Carrier", ISCG_SHARE_REMAINDER, 0, "cc");
    ck_assert_int_eq(iscg_convention_charge_shortfall(r, "c", &e), ISCG_EDUPLICATE);
    ck_assert_int_eq(iscg_registry_validate(r, &e), 0);
    iscg_registry_free(r);
}
END_TEST

/* SPLIT-7 with SPLIT-4: funders' percentages summing to 99.99 % are refused
 * by the validation, not only when computing; a capped equal side leaves a
 * shortfall; equal sides whose drift the NONE policy returns balance. */
START_TEST(test_split7_funders_and_caps)
{
    iscg_registry *r = plan30k();
    iscg_allocation_rule bp = euro_down_none;
    bp.weights = ISCG_WEIGHTS_BASIS_POINTS;
    bp.policy = ISCG_REMAINDER_LARGEST_WEIGHT;
    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.name = "EPCI";
    s.rule = ISCG_SHARE_EQUAL;
    s.split = bp;
    iscg_error e;
    ck_assert_int_eq(iscg_party_add(r, "cc2", ISCG_PARTY_EPCI, "CC 2", ISCG_UNKNOWN, NULL), 0);
    add_side(r, "FIPD", ISCG_SHARE_EQUAL, 0, "etat");
    add_side(r, "Departement", ISCG_SHARE_EQUAL, 0, "dept");
    ck_assert_int_eq(iscg_convention_add_side(r, "c", &s, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "EPCI", "cc", 6000, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "EPCI", "cc2", 3999, &e), 0);
    ck_assert_int_eq(iscg_registry_validate(r, &e), ISCG_EWEIGHTS);
    ck_assert_msg(strstr(e.text, "convention c, side EPCI: its 2 funders' percentages sum to 99.99 %") &&
                      strstr(e.text, "0.01 % of the side (1" E ") would be funded by nobody"),
                  "%s", e.text);
    iscg_registry_free(r);

    /* over 100 %: the excess would be paid twice */
    r = plan30k();
    ck_assert_int_eq(iscg_party_add(r, "cc2", ISCG_PARTY_EPCI, "CC 2", ISCG_UNKNOWN, NULL), 0);
    add_side(r, "FIPD", ISCG_SHARE_EQUAL, 0, "etat");
    add_side(r, "Departement", ISCG_SHARE_EQUAL, 0, "dept");
    ck_assert_int_eq(iscg_convention_add_side(r, "c", &s, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "EPCI", "cc", 6000, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "EPCI", "cc2", 4001, &e), 0);
    ck_assert_int_eq(iscg_registry_validate(r, &e), ISCG_EWEIGHTS);
    ck_assert_msg(strstr(e.text, "convention c, side EPCI: its 2 funders' percentages sum to 100.01 %") &&
                      strstr(e.text, "0.01 % of the side (1" E ") would be paid more than once"),
                  "%s", e.text);
    iscg_registry_free(r);

    /* 100 euros + 1 cent in equal thirds to the euro, remainder NONE: 33 each
     * and 1.01 euro of drift, returned: the plan balances */
    r = plan30k();
    ck_assert_int_eq(iscg_convention_set_cost(r, "c", EUR(100) + 1, &e), 0);
    add_side(r, "FIPD", ISCG_SHARE_EQUAL, 0, "etat");
    add_side(r, "Departement", ISCG_SHARE_EQUAL, 0, "dept");
    add_side(r, "EPCI", ISCG_SHARE_EQUAL, 0, "cc");
    ck_assert_int_eq(iscg_registry_validate(r, &e), 0);
    iscg_registry_free(r);

    /* a cap of 8 000 on one third leaves 2 000 funded by nobody */
    r = plan30k();
    add_side(r, "FIPD", ISCG_SHARE_EQUAL, 0, "etat");
    add_side(r, "Departement", ISCG_SHARE_EQUAL, 0, "dept");
    s = (iscg_side_spec)ISCG_SIDE_SPEC_INIT;
    s.name = "EPCI";
    s.split = euro_down_none;
    s.cap = EUR(8000);
    ck_assert_int_eq(iscg_convention_add_side(r, "c", &s, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "EPCI", "cc", 1, &e), 0);
    refused(r, ISCG_ERANGE, "EPCI 8" T "000" E, "2" T "000" E " is funded by nobody");
    iscg_registry_free(r);

    /* twenty sides with long names: the list is cut short, the gap still said */
    r = plan30k();
    for (int i = 0; i < 20; i++) {
        char name[64];
        iscg_side_spec fs = ISCG_SIDE_SPEC_INIT;
        snprintf(name, sizeof name, "a side with a rather long name, number %02d", i);
        fs.name = name;
        fs.rule = ISCG_SHARE_FIXED;
        fs.value = EUR(2000);
        fs.required = 0;
        fs.split = euro_down_none;
        ck_assert_int_eq(iscg_convention_add_side(r, "c", &fs, &e), 0);
    }
    refused(r, ISCG_ERANGE, "...) come to 40" T "000" E, "by 10" T "000" E);
    iscg_registry_free(r);

    /* fixed sides whose sum passes 64-bit cents */
    r = plan30k();
    add_side(r, "FIPD", ISCG_SHARE_FIXED, INT64_MAX, "etat");
    add_side(r, "Departement", ISCG_SHARE_FIXED, INT64_MAX, "dept");
    refused(r, ISCG_EOVERFLOW, "overflows", NULL);
    iscg_registry_free(r);
}
END_TEST

/* SPLIT-7: a scenario's new cost unbalances a plan of fixed sides: the
 * computation refuses it, the recorded plan stays valid. */
START_TEST(test_split7_scenario_cost)
{
    iscg_registry *r = plan30k();
    add_side(r, "FIPD", ISCG_SHARE_FIXED, EUR(15000), "etat");
    add_side(r, "Departement", ISCG_SHARE_FIXED, EUR(15000), "dept");
    iscg_error e;
    ck_assert_int_eq(iscg_registry_validate(r, &e), 0);
    iscg_scenario *s;
    ck_assert_int_eq(iscg_scenario_new(&s), 0);
    iscg_whatif w = ISCG_WHATIF_INIT;
    w.kind = ISCG_WHATIF_COST;
    w.convention = "c";
    w.cost = EUR(31000);
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), 0);
    iscg_funding *f = NULL;
    ck_assert_int_eq(iscg_funding_compute_scenario(&f, r, s, "c", &e), ISCG_ERANGE);
    ck_assert_msg(strstr(e.text, "1" T "000" E " is funded by nobody"), "%s", e.text);
    iscg_scenario_free(s);
    iscg_registry_free(r);
}
END_TEST

/* A dataset text with one convention whose sides (a JSON fragment) and
 * extra convention fields are given. */
static char *dataset_text(const char *conv_extra, const char *sides)
{
    static const char fmt[] =
        "{\n"
        "  \"format\": \"iscg-dataset\",\n"
        "  \"version\": 1,\n"
        "  \"parties\": [\n"
        "    {\"id\": \"etat\", \"kind\": \"STATE\", \"name\": \"Etat\"},\n"
        "    {\"id\": \"dept\", \"kind\": \"DEPARTEMENT\", \"name\": \"Departement\"},\n"
        "    {\"id\": \"cc\", \"kind\": \"EPCI\", \"name\": \"CC\"}\n"
        "  ],\n"
        "  \"posts\": [{\"id\": \"isc\", \"label\": \"ISC\", \"kind\": \"ISC\", \"carrier\": \"cc\"}],\n"
        "  \"conventions\": [\n"
        "    {\"id\": \"c\", \"post\": \"isc\", \"start\": \"2023-01-01\", \"end\": \"2023-12-31\",\n"
        "     \"cost\": \"30000.00\", \"daycount\": \"MONTHS_WHOLE\",%s\n"
        "     \"rounding\": {\"unit\": \"EURO\", \"mode\": \"DOWN\", \"remainder\": \"NONE\"},\n"
        "     \"sides\": [\n%s\n     ]}\n"
        "  ]\n"
        "}\n";
    size_t n = sizeof fmt + strlen(conv_extra) + strlen(sides);
    char *t = malloc(n);
    ck_assert_ptr_nonnull(t);
    snprintf(t, n, fmt, conv_extra, sides);
    return t;
}

#define SPLIT_EURO "\"split\": {\"unit\": \"EURO\", \"mode\": \"DOWN\", \"remainder\": \"NONE\"}"

/* SPLIT-7: the loader and the validation refuse a plan that does not
 * balance with the file's line and column and the field; charged to the
 * carrier, the file loads, and saves the flag back. */
START_TEST(test_split7_dataset)
{
    char *t = dataset_text("", "      {\"name\": \"FIPD\", \"rule\": \"PERCENT\", \"percent\": \"100\", " SPLIT_EURO
                               ", \"funders\": [{\"party\": \"etat\"}]},\n"
                               "      {\"name\": \"Dept\", \"rule\": \"PERCENT\", \"percent\": \"100\", " SPLIT_EURO
                               ", \"funders\": [{\"party\": \"dept\"}]}");
    iscg_dataset *ds = NULL;
    iscg_error e, errors[4];
    size_t count = 0;
    ck_assert_int_eq(iscg_dataset_load_string(&ds, t, "two.json", &e), ISCG_ERANGE);
    ck_assert_ptr_null(ds);
    ck_assert_msg(strstr(e.text, "two.json:14:") && strstr(e.text, "conventions[0].sides: convention c: its sides") &&
                      strstr(e.text, "by 30" T "000" E),
                  "%s", e.text);
    ck_assert_int_eq(iscg_dataset_validate_string(errors, 4, &count, t, "two.json"), ISCG_ERANGE);
    ck_assert_int_eq(count, 1);
    ck_assert_int_eq(errors[0].line, 14);
    free(t);

    /* fixed shares falling short: refused, then the carrier's */
    const char *fixed = "      {\"name\": \"FIPD\", \"rule\": \"FIXED\", \"amount\": \"12000\", " SPLIT_EURO
                        ", \"funders\": [{\"party\": \"etat\"}]},\n"
                        "      {\"name\": \"Dept\", \"rule\": \"FIXED\", \"amount\": \"12000\", " SPLIT_EURO
                        ", \"funders\": [{\"party\": \"dept\"}]}";
    t = dataset_text("", fixed);
    ck_assert_int_eq(iscg_dataset_load_string(&ds, t, "short.json", &e), ISCG_ERANGE);
    ck_assert_msg(strstr(e.text, "6" T "000" E " is funded by nobody"), "%s", e.text);
    free(t);
    t = dataset_text(" \"shortfall_to_carrier\": true,", fixed);
    ck_assert_int_eq(iscg_dataset_load_string(&ds, t, "carrier.json", &e), 0);
    free(t);
    iscg_funding *f = NULL;
    ck_assert_int_eq(iscg_funding_compute(&f, iscg_dataset_registry(ds), "c", &e), 0);
    ck_assert_int_eq(iscg_funding_find(f, "cc"), 2);
    iscg_funding_free(f);
    char *saved = NULL;
    ck_assert_int_eq(iscg_dataset_save_string(&saved, ds, &e), 0);
    ck_assert_ptr_nonnull(strstr(saved, "\"shortfall_to_carrier\": true"));
    ck_assert_ptr_null(strstr(saved, ISCG_SHORTFALL_SIDE)); /* the flag says it */
    iscg_dataset *back = NULL;
    ck_assert_int_eq(iscg_dataset_load_string(&back, saved, "saved.json", &e), 0);
    ck_assert_int_eq(iscg_convention_shortfall_to_carrier(iscg_dataset_registry(back), "c"), 1);
    iscg_dataset_free(back);
    iscg_free(saved);
    iscg_dataset_free(ds);

    /* the flag with a REMAINDER side: the field is named */
    t = dataset_text(" \"shortfall_to_carrier\": true,",
                     "      {\"name\": \"Rest\", \"rule\": \"REMAINDER\", " SPLIT_EURO
                     ", \"funders\": [{\"party\": \"cc\"}]}");
    ck_assert_int_eq(iscg_dataset_load_string(&ds, t, "both.json", &e), ISCG_EDUPLICATE);
    ck_assert_msg(strstr(e.text, "both.json:12:") && strstr(e.text, "conventions[0].shortfall_to_carrier"), "%s",
                  e.text);
    free(t);

    /* funders' percentages of 99.99 %: refused at load with the side named */
    t = dataset_text("", "      {\"name\": \"All\", \"rule\": \"EQUAL\", \"split\": {\"unit\": \"EURO\", \"mode\": "
                         "\"DOWN\", \"remainder\": \"LARGEST_WEIGHT\", \"weights\": \"BASIS_POINTS\"},"
                         " \"funders\": [{\"party\": \"etat\", \"percent\": \"50\"}, {\"party\": \"dept\", "
                         "\"percent\": \"49.99\"}]}");
    ck_assert_int_eq(iscg_dataset_load_string(&ds, t, "pct.json", &e), ISCG_EWEIGHTS);
    ck_assert_msg(strstr(e.text, "pct.json:14:") && strstr(e.text, "sum to 99.99 %") &&
                      strstr(e.text, "0.01 % of the side (3" E ")"),
                  "%s", e.text);
    free(t);
}
END_TEST

/* SPLIT-7: the Pas-de-Calais plans all balance (some by a REMAINDER side,
 * Le Portel with its one euro of drift returned). */
START_TEST(test_split7_pas_de_calais_balances)
{
    iscg_dataset *ds = NULL;
    iscg_error e;
    ck_assert_int_eq(iscg_dataset_load_embedded(&ds, &e), 0);
    ck_assert_int_eq(iscg_registry_validate(iscg_dataset_registry(ds), &e), 0);
    iscg_dataset_free(ds);
}
END_TEST


/* ---- RCV-4: claims in any day count -------------------------------------- */

/* A convention of 2023 on post isc (carrier cc) of 30 000 euros: FIPD 12 000
 * fixed, the rest the carrier's, counted with day count dc. */
static void add_conv(iscg_registry *r, const char *id, iscg_daycount dc)
{
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = id;
    c.post = "isc";
    c.period = (iscg_period){{2023, 1, 1}, {2023, 12, 31}};
    c.cost = EUR(30000);
    c.daycount = dc;
    c.rounding = euro_down_none;
    ck_assert_int_eq(iscg_convention_add(r, &c, NULL), 0);
    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.name = "FIPD";
    s.rule = ISCG_SHARE_FIXED;
    s.value = EUR(12000);
    s.split = euro_down_none;
    ck_assert_int_eq(iscg_convention_add_side(r, id, &s, NULL), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, id, "FIPD", "etat", 1, NULL), 0);
    s.name = "CC";
    s.rule = ISCG_SHARE_REMAINDER;
    ck_assert_int_eq(iscg_convention_add_side(r, id, &s, NULL), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, id, "CC", "cc", 1, NULL), 0);
}

/* RCV-4 with PRO-4: an absence of March 2023 in days. Under ACT_365F it is 31
 * days of 365: 12 000 x 334/365 = 10 980.82, truncated to 10 980 euros;
 * under 30E_360, 30 days of 360: 12 000 x 330/360 = 11 000 exactly. */
START_TEST(test_rcv4_days)
{
    static const struct {
        iscg_daycount dc;
        int64_t covered, absent;
        iscg_cents amount;
    } cases[] = {{ISCG_DAYCOUNT_ACT_365F, 365, 31, EUR(10980)},
                 {ISCG_DAYCOUNT_30E_360, 360, 30, EUR(11000)},
                 {ISCG_DAYCOUNT_ACT_ACT_ISDA, 365, 31, EUR(10980)},
                 {ISCG_DAYCOUNT_MONTHS_WHOLE, 12, 1, EUR(11000)}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        iscg_registry *r = plan30k();
        iscg_error e;
        add_conv(r, "d", cases[i].dc);
        iscg_period march = {{2023, 3, 1}, {2023, 3, 31}};
        ck_assert_int_eq(iscg_post_add_event(r, "isc", ISCG_STAFF_ABSENCE, march, NULL, &e), 0);
        /* convention c has no plan: its failure is reported on its own (RCV-4) */
        iscg_receivables *rv = NULL;
        ck_assert_msg(iscg_receivables_compute(&rv, r, "cc", 2023, &e) == 0, "%s", e.text);
        ck_assert_uint_eq(iscg_receivables_count(rv), 1);
        iscg_receivable c;
        ck_assert_int_eq(iscg_receivables_get(&c, rv, 0), 0);
        ck_assert_str_eq(c.convention, "d");
        ck_assert_str_eq(c.debtor, "etat");
        ck_assert_int_eq(c.months.num, cases[i].covered);
        ck_assert_int_eq(c.months.den, 1);
        ck_assert_int_eq(c.absent.num, cases[i].absent);
        ck_assert_int_eq(c.amount, cases[i].amount);
        ck_assert_msg(strstr(iscg_explain_text(c.explain),
                             cases[i].dc == ISCG_DAYCOUNT_MONTHS_WHOLE ? "months absent" : "days absent"),
                      "%s", iscg_explain_text(c.explain));
        ck_assert_uint_eq(iscg_receivables_failure_count(rv), 1);
        ck_assert_int_eq(iscg_receivables_failure_get(&e, rv, 0), 0);
        ck_assert_int_eq(e.code, ISCG_ESTATE);
        ck_assert_str_eq(e.source, "c");
        ck_assert_int_eq(iscg_receivables_failure_get(&e, rv, 1), ISCG_EINVAL);
        ck_assert_int_eq(iscg_receivables_failure_get(NULL, rv, 0), ISCG_EINVAL);
        iscg_receivables_free(rv);
        iscg_registry_free(r);
    }
    ck_assert_uint_eq(iscg_receivables_failure_count(NULL), 0);
}
END_TEST

/* RCV-4: a failure names a convention whose identifier is longer than an
 * error's source holds. The source loses its middle, as every report's does,
 * the sentence names it once and in full, and the identifier in full finds
 * the convention: the report once looked up the source, cut at its end, and
 * failed with "not found" (fuzz/corpus/dataset/finding-long-convention-id.json). */
START_TEST(test_rcv4_failure_of_a_long_identifier)
{
    iscg_registry *r = plan30k();
    iscg_error e, why;
    add_side(r, "FIPD", ISCG_SHARE_FIXED, EUR(12000), "etat");
    add_side(r, "CC", ISCG_SHARE_REMAINDER, 0, "cc");
    char id[200];
    memset(id, 'Q', sizeof id - 1);
    id[sizeof id - 1] = '\0';
    memcpy(id, "cabbalr-isg-", 12);
    memcpy(id + sizeof id - 5, "2023", 4);
    add_conv(r, id, ISCG_DAYCOUNT_MONTHS_WHOLE);
    ck_assert_int_eq(iscg_convention_withdraw(r, id, "etat", NULL, &e), 0);
    iscg_receivables *rv = NULL;
    ck_assert_msg(iscg_receivables_compute(&rv, r, "cc", 2023, &e) == 0, "%s", e.text);
    ck_assert_uint_eq(iscg_receivables_count(rv), 1); /* convention c's claim on the State still comes */
    ck_assert_uint_eq(iscg_receivables_failure_count(rv), 1);
    ck_assert_str_eq(iscg_receivables_failure_convention(rv, 0), id);
    ck_assert_ptr_null(iscg_receivables_failure_convention(rv, 1));
    ck_assert_ptr_null(iscg_receivables_failure_convention(NULL, 0));
    ck_assert_int_eq(iscg_receivables_failure_get(&e, rv, 0), 0);
    ck_assert_int_eq(e.code, ISCG_ETERMINATED);
    ck_assert_uint_eq(strlen(e.source), sizeof e.source - 1);
    ck_assert_msg(strncmp(e.source, "cabbalr-isg-QQ", 14) == 0 && strstr(e.source, "QQ...QQ") &&
                      strcmp(e.source + strlen(e.source) - 6, "QQ2023") == 0,
                  "%s", e.source);
    /* the sentence names the convention once, in full */
    char once[300];
    snprintf(once, sizeof once, "convention %s", id);
    const char *at = strstr(e.text, once);
    ck_assert_msg(at && !strstr(at + 1, "convention cabbalr"), "%s", e.text);
    iscg_receivables_free(rv);

    iscg_report_receivables *rr = NULL;
    ck_assert_int_eq(iscg_report_receivables_compute(&rr, r, NULL, NULL, 2023, &e), 0);
    ck_assert_uint_eq(iscg_report_receivables_failure_count(rr), 1);
    iscg_report_failure fl;
    ck_assert_int_eq(iscg_report_receivables_failure_get(&fl, &why, rr, 0), 0);
    ck_assert_str_eq(fl.convention, id);
    ck_assert_str_eq(fl.post, "isc");
    ck_assert_int_eq(fl.code, ISCG_ETERMINATED);
    ck_assert_ptr_nonnull(strstr(fl.text, "required side FIPD has no funder left"));
    iscg_report_receivables_free(rr);
    iscg_registry_free(r);
}
END_TEST

/* RCV-4: a convention whose plan ends (SPLIT-6) is a line of its own in the
 * report, and the carrier's other claims still come. */
START_TEST(test_rcv4_failure_row)
{
    iscg_registry *r = plan30k();
    iscg_error e, why;
    add_side(r, "FIPD", ISCG_SHARE_FIXED, EUR(12000), "etat");
    add_side(r, "CC", ISCG_SHARE_REMAINDER, 0, "cc");
    add_conv(r, "d", ISCG_DAYCOUNT_ACT_365F);
    ck_assert_int_eq(iscg_convention_withdraw(r, "c", "etat", NULL, &e), 0);
    iscg_report_receivables *rr = NULL;
    ck_assert_int_eq(iscg_report_receivables_compute(&rr, r, NULL, NULL, 2023, &e), 0);
    ck_assert_uint_eq(iscg_report_receivables_count(rr), 1);
    iscg_report_receivable x;
    ck_assert_int_eq(iscg_report_receivables_get(&x, rr, 0), 0);
    ck_assert_str_eq(x.claim.convention, "d");
    ck_assert_int_eq(x.claim.amount, EUR(12000));
    ck_assert_uint_eq(iscg_report_receivables_failure_count(rr), 1);
    iscg_report_failure fl;
    ck_assert_int_eq(iscg_report_receivables_failure_get(&fl, &why, rr, 0), 0);
    ck_assert_str_eq(fl.convention, "c");
    ck_assert_str_eq(fl.post, "isc");
    ck_assert_str_eq(fl.carrier_name, "CC");
    ck_assert_int_eq(fl.code, ISCG_ETERMINATED);
    ck_assert_ptr_nonnull(strstr(fl.text, "required side FIPD has no funder left"));
    ck_assert_int_eq(iscg_report_receivables_failure_get(&fl, &why, rr, 1), ISCG_EINVAL);
    ck_assert_int_eq(iscg_report_receivables_failure_get(NULL, &why, rr, 0), ISCG_EINVAL);
    ck_assert_uint_eq(iscg_report_receivables_failure_count(NULL), 0);
    iscg_report_receivables_free(rr);
    iscg_registry_free(r);
}
END_TEST

/* ---- BUD-3: the budget line in general ----------------------------------- */

/* BUD-3: the Département's line carries its subsidy to a post a commune
 * employs (left out before), not the post it carries itself; a stated
 * proposal that differs from the computed one is an audit finding. */
START_TEST(test_bud3_commune_employer)
{
    iscg_registry *r;
    iscg_error e;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, NULL), 0);
    ck_assert_int_eq(iscg_party_add(r, "dept", ISCG_PARTY_DEPARTEMENT, "Departement", ISCG_UNKNOWN, NULL), 0);
    ck_assert_int_eq(iscg_party_add(r, "ville", ISCG_PARTY_COMMUNE, "Ville", ISCG_UNKNOWN, NULL), 0);
    iscg_post_spec p = ISCG_POST_SPEC_INIT;
    p.id = "isc-ville";
    p.label = "ISC Ville";
    p.carrier = "ville";
    ck_assert_int_eq(iscg_post_add(r, &p, NULL), 0);
    p.id = "isc-dept";
    p.label = "ISC Dept";
    p.carrier = "dept";
    ck_assert_int_eq(iscg_post_add(r, &p, NULL), 0);
    const char *posts[2] = {"isc-ville", "isc-dept"}, *ids[2] = {"v", "d"}, *carriers[2] = {"ville", "dept"};
    for (int i = 0; i < 2; i++) {
        iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
        c.id = ids[i];
        c.post = posts[i];
        c.period = (iscg_period){{2023, 1, 1}, {2023, 12, 31}};
        c.cost = EUR(36000);
        c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
        c.rounding = euro_down_none;
        ck_assert_int_eq(iscg_convention_add(r, &c, NULL), 0);
        iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
        s.split = euro_down_none;
        s.rule = ISCG_SHARE_FIXED;
        s.value = EUR(12000);
        s.name = "FIPD";
        ck_assert_int_eq(iscg_convention_add_side(r, ids[i], &s, NULL), 0);
        ck_assert_int_eq(iscg_convention_add_funder(r, ids[i], "FIPD", "etat", 1, NULL), 0);
        s.name = "Rest";
        s.rule = ISCG_SHARE_REMAINDER;
        ck_assert_int_eq(iscg_convention_add_side(r, ids[i], &s, NULL), 0);
        ck_assert_int_eq(iscg_convention_add_funder(r, ids[i], "Rest", carriers[i], 1, NULL), 0);
        if (i == 0) {
            s.name = "Departement";
            s.rule = ISCG_SHARE_FIXED;
            s.value = EUR(10000);
            ck_assert_int_eq(iscg_convention_add_side(r, ids[i], &s, NULL), 0);
            ck_assert_int_eq(iscg_convention_add_funder(r, ids[i], "Departement", "dept", 1, NULL), 0);
        }
    }
    ck_assert_int_eq(iscg_registry_freeze(r), 0);
    iscg_budget_line line = ISCG_BUDGET_LINE_INIT;
    line.operation = "OP";
    line.payer = "dept";
    line.credits = EUR(50000);
    line.available = EUR(40000);
    iscg_budget_result res;
    iscg_budget_item items[4];
    size_t n = 0;
    ck_assert_int_eq(iscg_budget_check(&res, items, 4, &n, r, &line, 2023, &e), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(items[0].convention, "v");
    ck_assert_str_eq(items[0].carrier, "ville");
    ck_assert_int_eq(res.proposed, EUR(10000));
    ck_assert_int_eq(res.balance, EUR(30000));
    /* the State's line carries both posts: neither is its own */
    line.payer = "etat";
    ck_assert_int_eq(iscg_budget_check(&res, NULL, 0, &n, r, &line, 2023, &e), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(res.proposed, EUR(24000));

    iscg_audit *a;
    ck_assert_int_eq(iscg_audit_run(&a, r, &e), 0);
    const size_t before = iscg_audit_count(a);
    line.payer = "dept";
    ck_assert_int_eq(iscg_audit_add_budget(a, &line, 2023, EUR(10000), &e), 0);
    ck_assert_uint_eq(iscg_audit_count(a), before);
    ck_assert_int_eq(iscg_audit_add_budget(a, &line, 2023, EUR(9000), &e), 0);
    ck_assert_uint_eq(iscg_audit_count(a), before + 1);
    iscg_finding f;
    ck_assert_int_eq(iscg_audit_get(&f, a, before), 0);
    ck_assert_int_eq(f.kind, ISCG_FINDING_BUDGET);
    ck_assert_str_eq(iscg_finding_kind_name(f.kind), "BUDGET");
    ck_assert_str_eq(f.rule, "BUD-3");
    ck_assert_str_eq(f.party, "dept");
    ck_assert_int_eq(f.stated, EUR(9000));
    ck_assert_int_eq(f.computed, EUR(10000));
    ck_assert_msg(strstr(f.text, "budget line OP, 2023") && strstr(f.text, "a difference of -1" T "000" E), "%s",
                  f.text);
    ck_assert_int_eq(iscg_audit_add_budget(NULL, &line, 2023, 0, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_audit_add_budget(a, NULL, 2023, 0, &e), ISCG_EINVAL);
    line.payer = "nobody";
    ck_assert_int_eq(iscg_audit_add_budget(a, &line, 2023, 0, &e), ISCG_ENOTFOUND);
    /* a proposal over the credit still compares */
    line.payer = "etat";
    line.available = EUR(1000);
    ck_assert_int_eq(iscg_audit_add_budget(a, &line, 2023, EUR(24000), &e), 0);
    ck_assert_uint_eq(iscg_audit_count(a), before + 1);
    ck_assert_int_eq(iscg_audit_add_budget(a, &line, 2023, INT64_MIN, &e), ISCG_EOVERFLOW);
    iscg_audit_free(a);
    iscg_registry_free(r);
}
END_TEST

/* ---- the example schemes (data/examples) --------------------------------- */

static iscg_dataset *load_example(const char *name)
{
    const char *top = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/data/examples/%s", top ? top : ".", name);
    iscg_dataset *ds = NULL;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_file(&ds, path, &e) == 0, "%s", e.text);
    return ds;
}

/* The amount party pays in convention conv of dataset ds, whole period. */
static iscg_cents paid(const iscg_dataset *ds, const char *conv, const char *party)
{
    iscg_funding *f = NULL;
    iscg_error e;
    ck_assert_msg(iscg_funding_compute(&f, iscg_dataset_registry(ds), conv, &e) == 0, "%s", e.text);
    iscg_cents sum = 0;
    int found = 0;
    for (size_t i = 0; i < iscg_funding_row_count(f); i++) {
        iscg_funding_row row;
        ck_assert_int_eq(iscg_funding_row_get(&row, f, i), 0);
        if (strcmp(row.party, party) == 0) {
            sum += row.amount;
            found = 1;
        }
    }
    ck_assert_msg(found, "%s does not fund %s", party, conv);
    iscg_funding_free(f);
    return sum;
}

/* SPLIT-7, ROUND-3: the State pays 80 % of 45 000 = 36 000 euros; the
 * communautés share 9 000 by 11 000 / 9 000 / 7 000 inhabitants (27 000):
 * 3 666.67, 3 000, 2 333.33 truncated to 3 666 + 3 000 + 2 333 = 8 999, and
 * the one euro left goes round-robin to the largest population. */
START_TEST(test_example_state80)
{
    iscg_dataset *ds = load_example("state80-communautes.json");
    ck_assert_int_eq(paid(ds, "vallees-2024", "etat"), EUR(36000));
    ck_assert_int_eq(paid(ds, "vallees-2024", "cc-vallees"), EUR(3667));
    ck_assert_int_eq(paid(ds, "vallees-2024", "cc-plateau"), EUR(3000));
    ck_assert_int_eq(paid(ds, "vallees-2024", "cc-littoral"), EUR(2333));
    /* the carrier claims the State's and the two other communautés' shares */
    iscg_receivables *rv;
    iscg_error e;
    ck_assert_int_eq(iscg_receivables_compute(&rv, iscg_dataset_registry(ds), "cc-vallees", 2024, &e), 0);
    ck_assert_uint_eq(iscg_receivables_count(rv), 3);
    ck_assert_int_eq(iscg_receivables_total(rv), EUR(36000 + 3000 + 2333));
    iscg_receivables_free(rv);
    /* PARTY-2: the totals by kind keep the State and the EPCI apart */
    iscg_report_funding *rf;
    ck_assert_int_eq(iscg_report_funding_compute(&rf, iscg_dataset_registry(ds), NULL, 2024, &e), 0);
    ck_assert_int_eq(iscg_report_funding_total(rf, ISCG_PARTY_STATE), EUR(36000));
    ck_assert_int_eq(iscg_report_funding_total(rf, ISCG_PARTY_EPCI), EUR(9000));
    ck_assert_int_eq(iscg_report_funding_total(rf, ISCG_PARTY_DEPARTEMENT), 0);
    iscg_report_funding_free(rf);
    iscg_dataset_free(ds);
}
END_TEST

/* RCV-1, PRO-4: an absence and a vacancy that overlap count once: a claim
 * never reports more of its period absent than the period itself (the
 * fuzzer found 183/14 months "absent" of 12). Here the whole of 2024 is
 * absent twice over: 366 of 366 days, and nothing is claimed. */
START_TEST(test_rcv1_absences_overlap_capped)
{
    const char *top = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/data/examples/state-departement-5050.json", top ? top : ".");
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    static char text[1 << 16];
    size_t len = fread(text, 1, sizeof text - 1, fp);
    ck_assert_int_eq(fclose(fp), 0);
    text[len] = 0;
    const char *from = "[{\"kind\": \"ABSENCE\", \"start\": \"2024-06-01\", \"end\": \"2024-06-30\", \"note\": \"sick leave\"}]";
    const char *to = "[{\"kind\": \"ABSENCE\", \"start\": \"2024-01-01\", \"end\": \"2024-12-31\"}, "
                     "{\"kind\": \"VACANCY\", \"start\": \"2024-03-01\", \"end\": \"2024-12-31\"}]";
    char *at = strstr(text, from);
    ck_assert_ptr_nonnull(at);
    static char edited[1 << 16];
    snprintf(edited, sizeof edited, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    iscg_dataset *ds = NULL;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_string(&ds, edited, "overlap.json", &e) == 0, "%s", e.text);
    iscg_receivables *rv;
    ck_assert_int_eq(iscg_receivables_compute(&rv, iscg_dataset_registry(ds), "asso", 2024, &e), 0);
    ck_assert_uint_eq(iscg_receivables_count(rv), 2);
    iscg_receivable c;
    ck_assert_int_eq(iscg_receivables_get(&c, rv, 0), 0);
    ck_assert_int_eq(c.months.num, 366);
    ck_assert_int_eq(c.absent.num * c.months.den, c.months.num * c.absent.den);
    ck_assert_int_eq(c.amount, 0);
    iscg_receivables_free(rv);
    iscg_dataset_free(ds);
}
END_TEST

/* SPLIT-7, RCV-4: 50 % of 40 001 euros each, to the cent: 20 000.50. The
 * convention counts days (ACT_365F): 2024 is 366 days, June's absence 30,
 * so each claim is 20 000.50 x 336/366 = 18 361.1147..., 18 361.11 half up. */
START_TEST(test_example_5050)
{
    iscg_dataset *ds = load_example("state-departement-5050.json");
    ck_assert_int_eq(paid(ds, "centre-2024", "etat"), EUR(20000) + 50);
    ck_assert_int_eq(paid(ds, "centre-2024", "dept"), EUR(20000) + 50);
    iscg_receivables *rv;
    iscg_error e;
    ck_assert_int_eq(iscg_receivables_compute(&rv, iscg_dataset_registry(ds), "asso", 2024, &e), 0);
    ck_assert_uint_eq(iscg_receivables_count(rv), 2);
    iscg_receivable c;
    ck_assert_int_eq(iscg_receivables_get(&c, rv, 0), 0);
    ck_assert_int_eq(c.months.num, 366);
    ck_assert_int_eq(c.absent.num, 30);
    ck_assert_int_eq(c.amount, EUR(18361) + 11);
    ck_assert_int_eq(iscg_receivables_total(rv), 2 * (EUR(18361) + 11));
    iscg_receivables_free(rv);
    /* BUD-3: the stated proposal (20 000.50) agrees: no finding */
    iscg_dataset_budget b;
    ck_assert_int_eq(iscg_dataset_budget_get(&b, ds, 0), 0);
    iscg_audit *a;
    ck_assert_int_eq(iscg_audit_run(&a, iscg_dataset_registry(ds), &e), 0);
    ck_assert_uint_eq(iscg_audit_count(a), 0);
    ck_assert_int_eq(iscg_audit_add_budget(a, &b.line, b.year, b.stated_proposed, &e), 0);
    ck_assert_uint_eq(iscg_audit_count(a), 0);
    iscg_audit_free(a);
    iscg_dataset_free(ds);
}
END_TEST

/* PARTY-2, BUD-3: 48 000 euros: State 15 000, CAF 20 % = 9 600, Département
 * 8 000, Région 2 000, the two communes 6 000 / 2 = 3 000 each, and the
 * employer commune the rest: 48 000 - 15 000 - 9 600 - 8 000 - 2 000 - 6 000
 * = 7 400. The Département's line carries its 8 000 to the commune. */
START_TEST(test_example_caf_communes)
{
    iscg_dataset *ds = load_example("caf-communes.json");
    const iscg_registry *r = iscg_dataset_registry(ds);
    ck_assert_int_eq(paid(ds, "ville-2024", "etat"), EUR(15000));
    ck_assert_int_eq(paid(ds, "ville-2024", "caf"), EUR(9600));
    ck_assert_int_eq(paid(ds, "ville-2024", "dept"), EUR(8000));
    ck_assert_int_eq(paid(ds, "ville-2024", "region"), EUR(2000));
    ck_assert_int_eq(paid(ds, "ville-2024", "ville-nord"), EUR(3000));
    ck_assert_int_eq(paid(ds, "ville-2024", "ville-sud"), EUR(3000));
    ck_assert_int_eq(paid(ds, "ville-2024", "ville"), EUR(7400));
    iscg_report_funding *rf;
    iscg_error e;
    ck_assert_int_eq(iscg_report_funding_compute(&rf, r, NULL, 2024, &e), 0);
    ck_assert_int_eq(iscg_report_funding_total(rf, ISCG_PARTY_COMMUNE), EUR(3000 + 3000 + 7400));
    ck_assert_int_eq(iscg_report_funding_total(rf, ISCG_PARTY_CAF), EUR(9600));
    ck_assert_int_eq(iscg_report_funding_total(rf, ISCG_PARTY_REGION), EUR(2000));
    ck_assert_int_eq(iscg_report_funding_total(rf, ISCG_PARTY_OTHER), 0);
    iscg_report_funding_free(rf);
    iscg_dataset_budget b;
    ck_assert_int_eq(iscg_dataset_budget_get(&b, ds, 0), 0);
    iscg_budget_result res;
    iscg_budget_item item;
    size_t n = 0;
    ck_assert_int_eq(iscg_budget_check(&res, &item, 1, &n, r, &b.line, b.year, &e), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(item.carrier, "ville");
    ck_assert_int_eq(res.proposed, EUR(8000));
    ck_assert_int_eq(res.proposed, b.stated_proposed);
    /* the commune claims from the six others */
    iscg_receivables *rv;
    ck_assert_int_eq(iscg_receivables_compute(&rv, r, "ville", 2024, &e), 0);
    ck_assert_uint_eq(iscg_receivables_count(rv), 6);
    ck_assert_int_eq(iscg_receivables_total(rv), EUR(48000 - 7400));
    iscg_receivables_free(rv);
    /* saved and loaded back, the kinds are kept */
    char *text = NULL;
    ck_assert_int_eq(iscg_dataset_save_string(&text, ds, &e), 0);
    ck_assert_ptr_nonnull(strstr(text, "\"kind\": \"CAF\""));
    ck_assert_ptr_nonnull(strstr(text, "\"kind\": \"REGION\""));
    iscg_free(text);
    iscg_dataset_free(ds);
}
END_TEST

Suite *suite_general(void)
{
    Suite *s = suite_create("general");
    TCase *tc = tcase_create("rules");
    tcase_add_test(tc, test_round3_round_robin);
    tcase_add_test(tc, test_party2_kinds);
    tcase_add_test(tc, test_split7_two_full_percents);
    tcase_add_test(tc, test_split7_two_fixed_over);
    tcase_add_test(tc, test_split7_short_percents);
    tcase_add_test(tc, test_split7_shortfall_to_carrier);
    tcase_add_test(tc, test_split7_funders_and_caps);
    tcase_add_test(tc, test_split7_scenario_cost);
    tcase_add_test(tc, test_split7_dataset);
    tcase_add_test(tc, test_split7_pas_de_calais_balances);
    tcase_add_test(tc, test_rcv4_days);
    tcase_add_test(tc, test_rcv4_failure_row);
    tcase_add_test(tc, test_rcv4_failure_of_a_long_identifier);
    tcase_add_test(tc, test_bud3_commune_employer);
    tcase_add_test(tc, test_example_state80);
    tcase_add_test(tc, test_example_5050);
    tcase_add_test(tc, test_rcv1_absences_overlap_capped);
    tcase_add_test(tc, test_example_caf_communes);
    suite_add_tcase(s, tc);
    return s;
}
