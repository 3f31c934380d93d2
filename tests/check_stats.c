/* SPDX-License-Identifier: Apache-2.0 */
/* Activity statistics: STAT-1 to STAT-6, PRIV-1.
 *
 * The rows of CP2023 annex 1 (2022 activity of the co-funded posts) are typed
 * here as inputs; every total, share and rate asserted below is what the
 * library computes from them. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <iscg.h>

#include "suites.h"

#define U ISCG_ACTIVITY_UNKNOWN
#define DEP ISCG_ACTIVITY_CARRIER_DEPARTEMENT
#define EPCI ISCG_ACTIVITY_CARRIER_EPCI
#define ASSOC ISCG_ACTIVITY_CARRIER_ASSOCIATION
#define POL ISCG_ACTIVITY_POLICE
#define GEND ISCG_ACTIVITY_GENDARMERIE
#define BOTH ISCG_ACTIVITY_BOTH

typedef struct annex_row {
    const char *post, *site, *territory;
    iscg_activity_carrier carrier;
    iscg_activity_force force;
    int not_reported;
    int64_t epci, communes, women, men, children, referrals;
    int64_t interviews, physical, telephone, partners, vif, population;
    const char *note;
} annex_row;

/* Annex 1, in its order. Territories are those of the CP2023 report ("Artois
 * (2), Boulonnais (2), Ternois, Arrageois (3), Calaisis (2), Audomarois,
 * Montreuillois"); carriers follow its "3 / 5 / 4 postes portés par...". */
static const annex_row annex1[] = {
    /* post, site, territory, carrier, force, not reported, EPCI, communes,
     * women, men, children, referrals, interviews (all, physical, telephone,
     * with partners), VIF share in basis points, population, note */
    {"ISC Béthune", NULL, "Artois", DEP, POL, 0, 1, 52, 427, 68, 103, 598, U, 398, 737, U, 6100, U,
     NULL},
    {"ISC Boulogne-sur-Mer", NULL, "Boulonnais", DEP, POL, 1, 1, 7, U, U, U, U, U, U, U, U, U, U,
     "absent from June 2022: no annual review"},
    {"ISG Boulogne Le Portel", NULL, "Boulonnais", DEP, GEND, 1, 3, 67, U, U, U, U, U, U, U, U, U,
     U, "absent from August 2022: no annual review"},
    {"ISG Ternoiscom", NULL, "Ternois", EPCI, GEND, 0, 2, 128, 127, 91, 27, 245, 424, U, U, U, 3850,
     U, NULL},
    {"ISG CABBALR", NULL, "Artois", EPCI, GEND, 0, 1, 51, 223, 134, 136, 493, U, 238, 707, 422,
     8500, U, "\"dont 422 auprès des partenaires\" read as a subset of all interviews"},
    {"ISCG CUA", "Commissariat", "Arrageois", EPCI, POL, 0, 1, 7, 186, 22, 14, 222, 200, U, U, U,
     6200, U, NULL},
    {"ISCG CUA", "Gendarmerie", "Arrageois", EPCI, GEND, 0, U, U, 95, 11, 8, 114, 104, U, U, U,
     5900, U, "a lone \"2\" stands in the EPCI / communes cells: both recorded unknown"},
    /* populations: conventions of annexes 11 and 12 (zone exclusive gendarmerie) */
    {"ISG CCCA", NULL, "Arrageois", EPCI, GEND, 0, 1, 96, 166, 72, 18, 256, 311, U, U, U, 3400,
     33400, NULL},
    {"ISG CCSA", NULL, "Arrageois", EPCI, GEND, 0, 1, 64, 54, 31, 18, 103, 172, U, U, U, 5400,
     27500, NULL},
    {"ISC Calais", NULL, "Calaisis", ASSOC, POL, 0, 1, U, 146, 24, 8, 178, 428, U, U, U, 8650, U,
     "no commune count printed"},
    {"ISG Calais Saint-Omer", NULL, "Calaisis", ASSOC, GEND, 0, 3, U, 115, 30, 26, 171, 389, U, U,
     U, 7485, U, "no commune count printed"},
    {"ISCG Saint-Omer", NULL, "Audomarois", ASSOC, BOTH, 0, 2, U, 127, 11, 9, 147, 282, U, U, U, U,
     U, "no commune count and no VIF share printed"},
    {"ISCG Montreuillois", NULL, "Montreuillois", ASSOC, BOTH, 0, 3, U, 138, 28, 38, 204, 542, U, U,
     U, 7205, U, "no commune count printed"},
};
#define ANNEX1_ROWS (sizeof annex1 / sizeof annex1[0])

static iscg_period YEAR(int y)
{
    iscg_period p = {{y, 1, 1}, {y, 12, 31}};
    return p;
}

static iscg_period PER(iscg_stats_granularity g, int year, int index)
{
    iscg_period p;
    ck_assert_int_eq(iscg_stats_period(&p, g, year, index, NULL), 0);
    return p;
}

static iscg_activity from_row(const annex_row *r, int year)
{
    iscg_activity a;
    iscg_activity_init(&a);
    a.post = r->post;
    a.site = r->site;
    a.territory = r->territory;
    a.carrier = r->carrier;
    a.force = r->force;
    a.granularity = ISCG_STATS_YEAR;
    a.period = YEAR(year);
    a.not_reported = r->not_reported;
    a.epci = r->epci;
    a.communes = r->communes;
    a.women = r->women;
    a.men = r->men;
    a.children = r->children;
    a.referrals = r->referrals;
    a.interviews = r->interviews;
    a.interviews_physical = r->physical;
    a.interviews_telephone = r->telephone;
    a.interviews_partners = r->partners;
    a.vif_basis_points = r->vif;
    a.population = r->population;
    a.note = r->note;
    return a;
}

static iscg_stats *annex1_stats(void)
{
    iscg_stats *s = NULL;
    iscg_error e;
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    for (size_t i = 0; i < ANNEX1_ROWS; i++) {
        iscg_activity a = from_row(&annex1[i], 2022);
        int rc = iscg_stats_add(s, &a, &e);
        ck_assert_msg(rc == 0, "%s: %s", annex1[i].post, e.text);
    }
    return s;
}

static const iscg_stats_row *aggregate(iscg_stats_table **t, const iscg_stats *s, iscg_stats_key by,
                                       iscg_stats_granularity per, iscg_rounding mode)
{
    iscg_error e;
    int rc = iscg_stats_aggregate(t, s, by, per, mode, &e);
    ck_assert_msg(rc == 0, "%s", e.text);
    return iscg_stats_table_row(*t, 0);
}

static int has_gap(const iscg_stats_row *r, iscg_stats_gap_kind kind, const char *post)
{
    for (size_t i = 0; i < r->gap_count; i++)
        if (r->gaps[i].kind == kind && strcmp(r->gaps[i].post, post) == 0)
            return 1;
    return 0;
}

/* STAT-1: every annex 1 row is a record; a split total is derived, unread
 * cells stay unknown and the dataset's notes say why. */
START_TEST(test_stat1_annex1_records)
{
    iscg_stats *s = annex1_stats();
    iscg_activity a;
    ck_assert_uint_eq(iscg_stats_count(s), 13);
    ck_assert_int_eq(iscg_stats_get(&a, s, 0), 0);
    ck_assert_str_eq(a.post, "ISC Béthune");
    ck_assert_ptr_null(a.site);
    ck_assert_int_eq(a.interviews, 1135); /* 398 physical + 737 by telephone */
    ck_assert_int_eq(iscg_stats_get(&a, s, 4), 0);
    ck_assert_int_eq(a.interviews, 945);
    ck_assert_int_eq(a.interviews_partners, 422);
    ck_assert_int_eq(iscg_stats_get(&a, s, 6), 0);
    ck_assert_str_eq(a.site, "Gendarmerie");
    ck_assert(a.epci == ISCG_ACTIVITY_UNKNOWN && a.communes == ISCG_ACTIVITY_UNKNOWN);
    ck_assert_ptr_nonnull(strstr(a.note, "lone \"2\""));
    ck_assert_int_eq(iscg_stats_get(&a, s, 1), 0);
    ck_assert_int_eq(a.not_reported, 1);
    ck_assert(a.referrals == ISCG_ACTIVITY_UNKNOWN);
    ck_assert_int_eq(a.communes, 7);
    ck_assert_int_eq(iscg_stats_get(&a, s, 13), ISCG_ERANGE);
    ck_assert_int_eq(iscg_stats_get(NULL, s, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_get(&a, NULL, 0), ISCG_EINVAL);
    iscg_stats_free(s);
    iscg_stats_free(NULL);
}
END_TEST

/* STAT-2: parts that do not add up are rejected, naming post, period and figures. */
START_TEST(test_stat2_parts_must_add_up)
{
    iscg_stats *s = annex1_stats(); /* every annex 1 row adds up */
    iscg_error e;
    iscg_activity a = from_row(&annex1[0], 2023);
    a.referrals = 600;
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_ETOTAL);
    ck_assert_str_eq(e.text,
                     "ISC Béthune, 2023: women 427 + men 68 + children 103 = 598, not the stated "
                     "referrals 600");
    ck_assert_str_eq(e.source, "ISC Béthune");
    ck_assert_str_eq(e.field, "referrals");
    ck_assert_int_eq(e.code, ISCG_ETOTAL);
    ck_assert_uint_eq(iscg_stats_count(s), 13); /* nothing stored */

    /* a part unknown: the known parts may not exceed the total */
    a = from_row(&annex1[0], 2023);
    a.children = U;
    a.referrals = 400;
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_ETOTAL);
    ck_assert_str_eq(e.text, "ISC Béthune, 2023: the known parts (women 427 + men 68) sum to 495, "
                             "above the stated referrals 400");
    a.referrals = 598;
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), 0);

    /* interviews: physical + telephone = total; partners within the total */
    a = from_row(&annex1[4], 2023);
    a.interviews = 1000;
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_ETOTAL);
    ck_assert_str_eq(e.text,
                     "ISG CABBALR, 2023: interviews_physical 238 + interviews_telephone 707 "
                     "= 945, not the stated interviews 1000");
    a = from_row(&annex1[5], 2023);
    a.interviews_partners = 201;
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_ETOTAL);
    ck_assert_str_eq(e.text, "ISCG CUA (Commissariat), 2023: 201 interviews with partners, above "
                             "the 200 interviews in all");
    ck_assert_str_eq(e.field, "interviews_partners");
    ck_assert_uint_eq(iscg_stats_count(s), 14);
    iscg_stats_free(s);
}
END_TEST

/* STAT-2: a stated total that disagrees with the sum of its series is
 * reported (illustrative nine-year series, not from the documents). */
START_TEST(test_stat2_series_total)
{
    const int64_t years[9] = {120, 135, 160, 171, 180, 202, 215, 230, 245};
    int64_t sum = 0;
    iscg_error e;
    ck_assert_int_eq(iscg_stats_check_total(&sum, years, 9, 1658, "referrals 2014-2022", &e), 0);
    ck_assert_int_eq(sum, 1658);
    ck_assert_int_eq(iscg_stats_check_total(&sum, years, 9, 1685, "referrals 2014-2022", &e),
                     ISCG_ETOTAL);
    ck_assert_int_eq(sum, 1658);
    ck_assert_str_eq(e.text, "referrals 2014-2022: the 9 values sum to 1658, the stated total is "
                             "1685 (difference 27)");
    const int64_t gap[3] = {1, U, 2}, neg[2] = {5, -1}, big[2] = {INT64_MAX, 1};
    ck_assert_int_eq(iscg_stats_check_total(NULL, gap, 3, 3, NULL, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "the series: value 2 is unknown, so the total cannot be checked");
    ck_assert_int_eq(iscg_stats_check_total(NULL, neg, 2, 4, NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_check_total(NULL, big, 2, 0, NULL, &e), ISCG_EOVERFLOW);
    ck_assert_int_eq(iscg_stats_check_total(NULL, NULL, 2, 0, NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_check_total(NULL, years, 9, -1, NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_check_total(&sum, NULL, 0, 0, NULL, &e), 0);
}
END_TEST

/* STAT-3: annex 1, 2022, over the 11 reporting rows: 1 804 women, 522 men,
 * 405 children, 2 731 referrals. */
START_TEST(test_stat3_annex1_totals)
{
    iscg_stats *s = annex1_stats();
    iscg_stats_table *t = NULL;
    const iscg_stats_row *r =
        aggregate(&t, s, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP);
    ck_assert_uint_eq(iscg_stats_table_count(t), 1);
    ck_assert_int_eq(r->is_total, 1);
    ck_assert_str_eq(r->key, "total");
    ck_assert_uint_eq(r->records, 13);
    ck_assert_uint_eq(r->not_reported, 2);
    ck_assert_int_eq(r->count[ISCG_ACTIVITY_WOMEN].value, 1804);
    ck_assert_int_eq(r->count[ISCG_ACTIVITY_MEN].value, 522);
    ck_assert_int_eq(r->count[ISCG_ACTIVITY_CHILDREN].value, 405);
    ck_assert_int_eq(r->count[ISCG_ACTIVITY_REFERRALS].value, 2731);
    ck_assert_uint_eq(r->count[ISCG_ACTIVITY_REFERRALS].known, 11);
    ck_assert_uint_eq(r->count[ISCG_ACTIVITY_REFERRALS].missing, 2);
    ck_assert_int_eq(r->count[ISCG_ACTIVITY_INTERVIEWS].value, 4932);
    ck_assert_uint_eq(r->count[ISCG_ACTIVITY_INTERVIEWS].known, 11);
    /* coverage: summed over the 13 rows (posts and CUA's two sites) */
    ck_assert_int_eq(r->count[ISCG_ACTIVITY_EPCI].value, 20);
    ck_assert_uint_eq(r->count[ISCG_ACTIVITY_EPCI].known, 12);
    ck_assert_uint_eq(r->count[ISCG_ACTIVITY_EPCI].missing, 1);
    ck_assert_int_eq(r->count[ISCG_ACTIVITY_COMMUNES].value, 472);
    ck_assert_uint_eq(r->count[ISCG_ACTIVITY_COMMUNES].missing, 5);
    ck_assert_int_eq(r->share.scaled, 10000);
    ck_assert(iscg_stats_table_find(t, NULL, YEAR(2022)) == r);
    ck_assert_ptr_null(iscg_stats_table_find(t, NULL, YEAR(2023)));
    ck_assert_ptr_null(iscg_stats_table_row(t, 1));
    iscg_stats_table_free(t);
    iscg_stats_free(s);
}
END_TEST

static const iscg_stats_row *group(const iscg_stats_table *t, const char *key)
{
    const iscg_stats_row *r = iscg_stats_table_find(t, key, YEAR(2022));
    ck_assert_msg(r != NULL, "no row %s", key);
    return r;
}

/* STAT-3: groups by carrier kind, police / gendarmerie / both, territory and
 * post, with counts and shares of the referrals. */
START_TEST(test_stat3_groups)
{
    iscg_stats *s = annex1_stats();
    iscg_stats_table *t = NULL;
    aggregate(&t, s, ISCG_STATS_BY_CARRIER, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP);
    ck_assert_uint_eq(iscg_stats_table_count(t), 4);
    ck_assert_str_eq(iscg_stats_table_row(t, 0)->key, "DEPARTEMENT");
    ck_assert_str_eq(iscg_stats_table_row(t, 1)->key, "EPCI");
    ck_assert_str_eq(iscg_stats_table_row(t, 2)->key, "ASSOCIATION");
    ck_assert_int_eq(iscg_stats_table_row(t, 3)->is_total, 1);
    const iscg_stats_row *dep = group(t, "DEPARTEMENT"), *epci = group(t, "EPCI"),
                         *assoc = group(t, "ASSOCIATION");
    ck_assert_int_eq(dep->count[ISCG_ACTIVITY_REFERRALS].value, 598);
    ck_assert_uint_eq(dep->records, 3);
    ck_assert_uint_eq(dep->not_reported, 2);
    ck_assert_int_eq(epci->count[ISCG_ACTIVITY_REFERRALS].value, 1433);
    ck_assert_int_eq(assoc->count[ISCG_ACTIVITY_REFERRALS].value, 700);
    ck_assert_int_eq(dep->share.scaled, 2190); /* 598 / 2 731 = 21.896 % */
    ck_assert_int_eq(epci->share.scaled, 5247);
    ck_assert_int_eq(assoc->share.scaled, 2563);
    ck_assert_int_eq(assoc->share.exact.num, 700);
    ck_assert_int_eq(assoc->share.exact.den, 2731);
    ck_assert_int_eq(assoc->share.rounding, ISCG_ROUND_HALF_UP);
    iscg_stats_table_free(t);

    aggregate(&t, s, ISCG_STATS_BY_FORCE, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP);
    ck_assert_int_eq(group(t, "POLICE")->count[ISCG_ACTIVITY_REFERRALS].value, 998);
    ck_assert_int_eq(group(t, "GENDARMERIE")->count[ISCG_ACTIVITY_REFERRALS].value, 1382);
    ck_assert_int_eq(group(t, "BOTH")->count[ISCG_ACTIVITY_REFERRALS].value, 351);
    ck_assert_int_eq(group(t, "GENDARMERIE")->count[ISCG_ACTIVITY_WOMEN].value, 780);
    iscg_stats_table_free(t);

    aggregate(&t, s, ISCG_STATS_BY_TERRITORY, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP);
    ck_assert_uint_eq(iscg_stats_table_count(t), 8);
    ck_assert_int_eq(group(t, "Artois")->count[ISCG_ACTIVITY_REFERRALS].value, 1091);
    ck_assert_int_eq(group(t, "Arrageois")->count[ISCG_ACTIVITY_REFERRALS].value, 695);
    ck_assert_int_eq(group(t, "Calaisis")->count[ISCG_ACTIVITY_REFERRALS].value, 349);
    ck_assert_int_eq(group(t, "Calaisis")->vif.scaled, 8079); /* STAT-5 within a group */
    ck_assert_uint_eq(group(t, "Boulonnais")->count[ISCG_ACTIVITY_REFERRALS].known, 0);
    ck_assert_uint_eq(group(t, "Boulonnais")->count[ISCG_ACTIVITY_REFERRALS].missing, 2);
    ck_assert_int_eq(group(t, "Boulonnais")->count[ISCG_ACTIVITY_COMMUNES].value, 74);
    iscg_stats_table_free(t);

    aggregate(&t, s, ISCG_STATS_BY_POST, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP);
    ck_assert_uint_eq(iscg_stats_table_count(t), 13); /* 12 posts and the total */
    const iscg_stats_row *cua = group(t, "ISCG CUA");
    ck_assert_uint_eq(cua->records, 2);
    ck_assert_int_eq(cua->count[ISCG_ACTIVITY_REFERRALS].value, 336);
    ck_assert_int_eq(cua->count[ISCG_ACTIVITY_EPCI].value, 1);
    ck_assert_uint_eq(cua->count[ISCG_ACTIVITY_EPCI].missing, 1);
    iscg_stats_table_free(t);
    iscg_stats_free(s);
}
END_TEST

/* Illustrative monthly figures (not from the documents) for one post. */
static void add_month(iscg_stats *s, const char *post, int month, int not_reported)
{
    iscg_activity a;
    iscg_error e;
    iscg_activity_init(&a);
    a.post = post;
    a.granularity = ISCG_STATS_MONTH;
    a.period = PER(ISCG_STATS_MONTH, 2022, month);
    a.carrier = DEP;
    a.force = POL;
    a.epci = 1;
    a.communes = 7;
    a.not_reported = not_reported;
    if (!not_reported) {
        a.women = 10 + month;
        a.men = 3;
        a.children = month % 3;
        a.interviews = 2 * (a.women + a.men + a.children);
        a.vif_basis_points = 5000 + 100 * month;
    }
    int rc = iscg_stats_add(s, &a, &e);
    ck_assert_msg(rc == 0, "%s", e.text);
}

/* STAT-3: months roll up into quarters, half-years and years. */
START_TEST(test_stat3_period_rollup)
{
    iscg_stats *s = NULL;
    iscg_stats_table *t = NULL;
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    for (int m = 1; m <= 12; m++)
        add_month(s, "ISC Example", m, 0);
    const iscg_stats_row *r = aggregate(&t, s, ISCG_STATS_BY_POST, ISCG_STATS_QUARTER,
                                        ISCG_ROUND_HALF_UP);
    ck_assert_uint_eq(iscg_stats_table_count(t), 8); /* (post, total) per quarter */
    ck_assert_str_eq(r->key, "ISC Example");
    ck_assert_uint_eq(r->records, 3);
    ck_assert_int_eq(r->count[ISCG_ACTIVITY_WOMEN].value, 36);
    ck_assert_int_eq(r->count[ISCG_ACTIVITY_REFERRALS].value, 48);
    /* coverage is the post's, not three months' sum */
    ck_assert_int_eq(r->count[ISCG_ACTIVITY_EPCI].value, 1);
    ck_assert_int_eq(r->count[ISCG_ACTIVITY_COMMUNES].value, 7);
    ck_assert_uint_eq(r->gap_count, 0);
    ck_assert_int_eq(iscg_stats_table_row(t, 7)->period.start.month, 10);
    iscg_stats_table_free(t);

    r = aggregate(&t, s, ISCG_STATS_BY_ALL, ISCG_STATS_HALF_YEAR, ISCG_ROUND_HALF_UP);
    ck_assert_uint_eq(iscg_stats_table_count(t), 2);
    ck_assert_int_eq(r->count[ISCG_ACTIVITY_REFERRALS].value, 105);
    ck_assert_int_eq(iscg_stats_table_row(t, 1)->count[ISCG_ACTIVITY_REFERRALS].value, 141);
    iscg_stats_table_free(t);

    r = aggregate(&t, s, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP);
    ck_assert_int_eq(r->count[ISCG_ACTIVITY_WOMEN].value, 198);
    ck_assert_int_eq(r->count[ISCG_ACTIVITY_MEN].value, 36);
    ck_assert_int_eq(r->count[ISCG_ACTIVITY_CHILDREN].value, 12);
    ck_assert_int_eq(r->count[ISCG_ACTIVITY_REFERRALS].value, 246);
    ck_assert_int_eq(r->count[ISCG_ACTIVITY_INTERVIEWS].value, 492);
    ck_assert_int_eq(r->interviews_per_referral.scaled, 200);
    iscg_stats_table_free(t);

    /* a year record cannot be split into quarters */
    iscg_activity a = from_row(&annex1[3], 2022);
    iscg_error e;
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), 0);
    ck_assert_int_eq(iscg_stats_aggregate(&t, s, ISCG_STATS_BY_POST, ISCG_STATS_QUARTER,
                                          ISCG_ROUND_HALF_UP, &e),
                     ISCG_EDATE);
    ck_assert_str_eq(e.text, "ISG Ternoiscom, 2022: a year record cannot be counted by quarter");
    iscg_stats_free(s);
}
END_TEST

/* STAT-4: "not reported" is not zero, and every aggregate it affects lists it. */
START_TEST(test_stat4_not_reported_annex1)
{
    iscg_stats *s = annex1_stats();
    for (int by = 0; by < ISCG_STATS_KEY_COUNT; by++) {
        iscg_stats_table *t = NULL;
        aggregate(&t, s, (iscg_stats_key)by, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP);
        const char *lists[2] = {"ISC Boulogne-sur-Mer", "ISG Boulogne Le Portel"};
        for (int k = 0; k < 2; k++) {
            int rows = 0;
            for (size_t i = 0; i < iscg_stats_table_count(t); i++)
                rows += has_gap(iscg_stats_table_row(t, i), ISCG_STATS_GAP_NOT_REPORTED, lists[k]);
            /* its group's row and the total row (one row when there are no groups) */
            ck_assert_int_eq(rows, by == ISCG_STATS_BY_ALL ? 1 : 2);
        }
        iscg_stats_table_free(t);
    }
    iscg_stats_table *t = NULL;
    aggregate(&t, s, ISCG_STATS_BY_POST, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP);
    const iscg_stats_row *b = group(t, "ISC Boulogne-sur-Mer");
    ck_assert_uint_eq(b->not_reported, 1);
    ck_assert_uint_eq(b->count[ISCG_ACTIVITY_REFERRALS].known, 0);
    ck_assert_uint_eq(b->count[ISCG_ACTIVITY_REFERRALS].missing, 1);
    ck_assert_int_eq(b->vif.defined, 0);
    ck_assert_int_eq(b->count[ISCG_ACTIVITY_COMMUNES].value, 7); /* its coverage is known */
    ck_assert_uint_eq(b->gap_count, 1);
    ck_assert_int_eq(b->gaps[0].kind, ISCG_STATS_GAP_NOT_REPORTED);
    ck_assert_int_eq(b->gaps[0].period.end.month, 12);
    /* Saint-Omer: reported, without a VIF share */
    const iscg_stats_row *so = group(t, "ISCG Saint-Omer");
    ck_assert_uint_eq(so->gap_count, 1);
    ck_assert_int_eq(so->gaps[0].kind, ISCG_STATS_GAP_UNKNOWN);
    ck_assert_uint_eq(so->gaps[0].fields,
                      (1u << ISCG_ACTIVITY_COMMUNES) | (1u << ISCG_ACTIVITY_VIF));
    ck_assert_uint_eq(so->vif.excluded, 1);
    ck_assert_int_eq(so->vif.defined, 0);
    const iscg_stats_row *total = iscg_stats_table_find(t, NULL, YEAR(2022));
    /* 2 not reported; CUA gendarmerie, the four association rows lack figures */
    ck_assert_uint_eq(total->gap_count, 7);
    ck_assert(has_gap(total, ISCG_STATS_GAP_UNKNOWN, "ISCG Saint-Omer"));
    ck_assert(has_gap(total, ISCG_STATS_GAP_UNKNOWN, "ISCG CUA"));
    iscg_stats_table_free(t);
    iscg_stats_free(s);
}
END_TEST

/* STAT-4: by month, as at Boulogne police station (absent from June): the
 * months not reported, and a month with no record at all, in every roll-up. */
START_TEST(test_stat4_missing_months)
{
    iscg_stats *s = NULL;
    iscg_stats_table *t = NULL;
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    for (int m = 1; m <= 12; m++) {
        add_month(s, "ISC Example", m, m >= 6);
        if (m != 3) /* March was never entered */
            add_month(s, "ISG Example", m, 0);
    }
    aggregate(&t, s, ISCG_STATS_BY_POST, ISCG_STATS_QUARTER, ISCG_ROUND_HALF_UP);
    const iscg_stats_row *q1 =
        iscg_stats_table_find(t, "ISG Example", PER(ISCG_STATS_QUARTER, 2022, 1));
    ck_assert_uint_eq(q1->incomplete, 1);
    ck_assert_uint_eq(q1->gap_count, 1);
    ck_assert_int_eq(q1->gaps[0].kind, ISCG_STATS_GAP_INCOMPLETE);
    ck_assert_int_eq(q1->gaps[0].days_covered, 59);
    const iscg_stats_row *q2 =
        iscg_stats_table_find(t, "ISC Example", PER(ISCG_STATS_QUARTER, 2022, 2));
    ck_assert_uint_eq(q2->not_reported, 1);
    ck_assert_int_eq(q2->count[ISCG_ACTIVITY_REFERRALS].value, 14 + 3 + 1 + 15 + 3 + 2);
    ck_assert_uint_eq(q2->count[ISCG_ACTIVITY_REFERRALS].missing, 1);
    ck_assert(has_gap(q2, ISCG_STATS_GAP_NOT_REPORTED, "ISC Example"));
    const iscg_stats_row *q3 =
        iscg_stats_table_find(t, "ISC Example", PER(ISCG_STATS_QUARTER, 2022, 3));
    ck_assert_uint_eq(q3->count[ISCG_ACTIVITY_REFERRALS].known, 0);
    ck_assert_uint_eq(q3->gap_count, 3);
    iscg_stats_table_free(t);

    const iscg_stats_row *y =
        aggregate(&t, s, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP);
    ck_assert_uint_eq(y->records, 23);
    ck_assert_uint_eq(y->not_reported, 7);
    ck_assert_uint_eq(y->incomplete, 1);
    ck_assert_uint_eq(y->gap_count, 8);
    ck_assert_uint_eq(y->count[ISCG_ACTIVITY_REFERRALS].known, 16);
    ck_assert_uint_eq(y->count[ISCG_ACTIVITY_REFERRALS].missing, 7);
    iscg_stats_table_free(t);
    iscg_stats_free(s);
}
END_TEST

/* STAT-5: the VIF share is referral-weighted: 64.03 % over 2 584 referrals
 * (10 rows; Saint-Omer, without a share, is excluded and counted). */
START_TEST(test_stat5_weighted_vif)
{
    iscg_stats *s = annex1_stats();
    iscg_stats_table *t = NULL;
    const iscg_stats_row *r =
        aggregate(&t, s, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP);
    ck_assert_int_eq(r->vif.defined, 1);
    ck_assert_int_eq(r->vif.scaled, 6403);
    ck_assert_int_eq(r->vif.scale, 10000);
    ck_assert_int_eq(r->vif.weight, 2584);
    ck_assert_uint_eq(r->vif.used, 10);
    ck_assert_uint_eq(r->vif.excluded, 1);
    ck_assert_int_eq(r->vif.rounding, ISCG_ROUND_HALF_UP);
    /* exact: 16 546 605 / (2 584 x 10 000), in lowest terms */
    ck_assert_int_eq(r->vif.exact.num, 3309321);
    ck_assert_int_eq(r->vif.exact.den, 5168000);
    /* the plain mean differs and has its own name */
    ck_assert_int_eq(r->vif_plain_mean.scaled, 6269);
    ck_assert_uint_eq(r->vif_plain_mean.used, 10);
    iscg_stats_table_free(t);

    r = aggregate(&t, s, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR, ISCG_ROUND_UP);
    ck_assert_int_eq(r->vif.scaled, 6404);
    iscg_stats_table_free(t);
    iscg_error e;
    ck_assert_int_eq(iscg_stats_aggregate(&t, s, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR,
                                          ISCG_ROUND_UNNECESSARY, &e),
                     ISCG_EROUNDING);
    iscg_stats_free(s);
}
END_TEST

/* STAT-6: interviews per referral and referrals per 1 000 inhabitants, with
 * the rounding mode stated. */
START_TEST(test_stat6_rates)
{
    iscg_stats *s = annex1_stats();
    iscg_stats_table *t = NULL;
    const iscg_stats_row *r =
        aggregate(&t, s, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP);
    /* 4 932 interviews / 2 731 referrals = 1.806 */
    ck_assert_int_eq(r->interviews_per_referral.scaled, 181);
    ck_assert_int_eq(r->interviews_per_referral.scale, 100);
    ck_assert_int_eq(r->interviews_per_referral.exact.num, 4932);
    ck_assert_int_eq(r->interviews_per_referral.exact.den, 2731);
    ck_assert_uint_eq(r->interviews_per_referral.used, 11);
    /* only CCCA and CCSA give a population: 359 x 1 000 / 60 900 = 5.895 */
    ck_assert_int_eq(r->referrals_per_thousand.scaled, 589);
    ck_assert_int_eq(r->referrals_per_thousand.weight, 60900);
    ck_assert_uint_eq(r->referrals_per_thousand.used, 2);
    ck_assert_uint_eq(r->referrals_per_thousand.excluded, 11);
    iscg_stats_table_free(t);

    aggregate(&t, s, ISCG_STATS_BY_POST, ISCG_STATS_YEAR, ISCG_ROUND_DOWN);
    ck_assert_int_eq(iscg_stats_table_find(t, NULL, YEAR(2022))->interviews_per_referral.scaled,
                     180);
    ck_assert_int_eq(group(t, "ISG CCCA")->referrals_per_thousand.scaled, 766); /* 7.66 */
    ck_assert_int_eq(group(t, "ISG CCSA")->referrals_per_thousand.scaled, 374); /* 3.745 */
    ck_assert_int_eq(group(t, "ISG CCSA")->referrals_per_thousand.rounding, ISCG_ROUND_DOWN);
    ck_assert_int_eq(group(t, "ISC Calais")->referrals_per_thousand.defined, 0);
    ck_assert_int_eq(group(t, "ISC Béthune")->interviews_per_referral.scaled, 189); /* 1135 / 598 */
    iscg_stats_table_free(t);

    aggregate(&t, s, ISCG_STATS_BY_POST, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP);
    ck_assert_int_eq(group(t, "ISG CCSA")->referrals_per_thousand.scaled, 375);
    iscg_stats_table_free(t);

    iscg_stats_measure m;
    iscg_error e;
    ck_assert_int_eq(iscg_stats_share(&m, 1804, 2731, ISCG_ROUND_HALF_EVEN, &e), 0);
    ck_assert_int_eq(m.scaled, 6606);
    ck_assert_int_eq(iscg_stats_share(&m, 0, 0, ISCG_ROUND_HALF_EVEN, &e), 0);
    ck_assert_int_eq(m.defined, 0);
    ck_assert_int_eq(iscg_stats_share(&m, 2732, 2731, ISCG_ROUND_HALF_EVEN, &e), ISCG_ERANGE);
    ck_assert_int_eq(iscg_stats_share(&m, -1, 2731, ISCG_ROUND_HALF_EVEN, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_share(&m, 1, 3, ISCG_ROUND_UNNECESSARY, &e), ISCG_EROUNDING);
    ck_assert_int_eq(iscg_stats_share(&m, 1, 3, (iscg_rounding)99, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_share(NULL, 1, 3, ISCG_ROUND_DOWN, &e), ISCG_EINVAL);
    iscg_stats_free(s);
}
END_TEST

/* No relation (a row's parts and total, a column's groups and total) may have
 * exactly one hidden cell: it could be recomputed. */
static void assert_protected(const iscg_stats_publication *p)
{
    size_t n = iscg_stats_publication_count(p);
    for (size_t i = 0; i < n; i++) {
        int hidden = 0;
        for (int f = 0; f <= ISCG_ACTIVITY_REFERRALS; f++) {
            iscg_stats_cell_state st = iscg_stats_publication_row(p, i)->cell[f].state;
            hidden += st == ISCG_STATS_CELL_SUPPRESSED || st == ISCG_STATS_CELL_COMPLEMENTARY;
        }
        ck_assert_msg(hidden != 1, "row %zu has one hidden cell", i);
    }
    for (int f = 0; f < ISCG_STATS_PUBLISHED_FIELDS; f++) {
        int hidden = 0;
        for (size_t i = 0; i < n; i++) {
            iscg_stats_cell_state st = iscg_stats_publication_row(p, i)->cell[f].state;
            hidden += st == ISCG_STATS_CELL_SUPPRESSED || st == ISCG_STATS_CELL_COMPLEMENTARY;
        }
        ck_assert_msg(hidden != 1, "column %d has one hidden cell", f);
    }
}

/* PRIV-1: small counts are suppressed with their complementary cells, and the
 * publication says what it hid. */
START_TEST(test_priv1_suppression)
{
    iscg_stats *s = annex1_stats();
    iscg_stats_table *t = NULL;
    iscg_stats_publication *p = NULL;
    iscg_error e;
    aggregate(&t, s, ISCG_STATS_BY_TERRITORY, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP);
    ck_assert_int_eq(iscg_stats_publish(&p, t, 10, &e), 0);
    ck_assert_uint_eq(iscg_stats_publication_count(p), 8);
    /* rows: Artois, Boulonnais, Ternois, Arrageois, Calaisis, Audomarois, Montreuillois, total */
    ck_assert_uint_eq(iscg_stats_publication_suppressed(p), 6);
    const iscg_stats_suppression *x = iscg_stats_publication_suppression(p, 0);
    ck_assert_uint_eq(x->row, 5); /* Audomarois: 9 children */
    ck_assert_int_eq(x->field, ISCG_ACTIVITY_CHILDREN);
    ck_assert_int_eq(x->state, ISCG_STATS_CELL_SUPPRESSED);
    static const size_t rows[5] = {5, 6, 2, 2, 6};
    static const iscg_activity_field fields[5] = {ISCG_ACTIVITY_MEN, ISCG_ACTIVITY_MEN,
                                                  ISCG_ACTIVITY_CHILDREN, ISCG_ACTIVITY_MEN,
                                                  ISCG_ACTIVITY_CHILDREN};
    for (size_t i = 0; i < 5; i++) {
        x = iscg_stats_publication_suppression(p, i + 1);
        ck_assert_uint_eq(x->row, rows[i]);
        ck_assert_int_eq(x->field, fields[i]);
        ck_assert_int_eq(x->state, ISCG_STATS_CELL_COMPLEMENTARY);
    }
    ck_assert_ptr_null(iscg_stats_publication_suppression(p, 6));
    const iscg_stats_published_row *aud = iscg_stats_publication_row(p, 5);
    ck_assert_str_eq(aud->key, "Audomarois");
    ck_assert_int_eq(aud->cell[ISCG_ACTIVITY_CHILDREN].value, 0); /* the 9 is not kept */
    ck_assert_int_eq(aud->cell[ISCG_ACTIVITY_WOMEN].state, ISCG_STATS_CELL_PUBLISHED);
    ck_assert_int_eq(aud->cell[ISCG_ACTIVITY_WOMEN].value, 127);
    const iscg_stats_published_row *bl = iscg_stats_publication_row(p, 1);
    ck_assert_int_eq(bl->cell[ISCG_ACTIVITY_REFERRALS].state, ISCG_STATS_CELL_UNKNOWN);
    ck_assert_uint_eq(bl->cell[ISCG_ACTIVITY_REFERRALS].missing, 2);
    const iscg_stats_published_row *tot = iscg_stats_publication_row(p, 7);
    ck_assert_int_eq(tot->is_total, 1);
    ck_assert_int_eq(tot->cell[ISCG_ACTIVITY_REFERRALS].value, 2731);
    assert_protected(p);
    iscg_stats_publication_free(p);

    /* threshold 1 hides nothing; by post, 8 and 9 children are hidden */
    ck_assert_int_eq(iscg_stats_publish(&p, t, 1, &e), 0);
    ck_assert_uint_eq(iscg_stats_publication_suppressed(p), 0);
    iscg_stats_publication_free(p);
    iscg_stats_table_free(t);
    aggregate(&t, s, ISCG_STATS_BY_POST, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP);
    ck_assert_int_eq(iscg_stats_publish(&p, t, 10, &e), 0);
    size_t primary = 0;
    for (size_t i = 0; i < iscg_stats_publication_suppressed(p); i++)
        primary += iscg_stats_publication_suppression(p, i)->state == ISCG_STATS_CELL_SUPPRESSED;
    ck_assert_uint_eq(primary, 2); /* Calais 8, Saint-Omer 9 children */
    assert_protected(p);
    iscg_stats_publication_free(p);

    ck_assert_int_eq(iscg_stats_publish(&p, t, 0, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_publish(&p, NULL, 5, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_publish(NULL, t, 5, &e), ISCG_EINVAL);
    ck_assert_ptr_null(iscg_stats_publication_row(NULL, 0));
    ck_assert_uint_eq(iscg_stats_publication_count(NULL), 0);
    iscg_stats_publication_free(NULL);
    iscg_stats_table_free(t);
    iscg_stats_free(s);
}
END_TEST

/* PRIV-1: zero is shown (it singles no one out); the library holds counts only. */
START_TEST(test_priv1_zero_shown)
{
    iscg_stats *s = NULL;
    iscg_stats_table *t = NULL;
    iscg_stats_publication *p = NULL;
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    add_month(s, "ISC Example", 3, 0); /* 13 women, 3 men, 0 children */
    aggregate(&t, s, ISCG_STATS_BY_ALL, ISCG_STATS_MONTH, ISCG_ROUND_HALF_UP);
    ck_assert_int_eq(iscg_stats_publish(&p, t, 5, NULL), 0);
    const iscg_stats_published_row *r = iscg_stats_publication_row(p, 0);
    ck_assert_int_eq(r->cell[ISCG_ACTIVITY_CHILDREN].state, ISCG_STATS_CELL_PUBLISHED);
    ck_assert_int_eq(r->cell[ISCG_ACTIVITY_MEN].state, ISCG_STATS_CELL_SUPPRESSED);
    /* the complement is the smallest non-zero cell, women, not the zero */
    ck_assert_int_eq(r->cell[ISCG_ACTIVITY_WOMEN].state, ISCG_STATS_CELL_COMPLEMENTARY);
    ck_assert_int_eq(r->cell[ISCG_ACTIVITY_REFERRALS].value, 16);
    iscg_stats_publication_free(p);
    iscg_stats_table_free(t);
    iscg_stats_free(s);
}
END_TEST

/* STAT-3: two periods compared per post and in total (2023 figures are
 * illustrative, not from the documents). */
START_TEST(test_stat3_year_over_year)
{
    iscg_stats *s = annex1_stats();
    iscg_stats_comparison *c = NULL;
    iscg_error e;
    iscg_activity a = from_row(&annex1[3], 2023); /* Ternoiscom */
    a.women = 150;
    a.referrals = 268;
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), 0);
    iscg_activity_init(&a);
    a.post = "ISG Osartis Marquion";
    a.period = YEAR(2023);
    a.women = 10;
    a.men = 4;
    a.children = 1;
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), 0);
    ck_assert_int_eq(iscg_stats_compare(&c, s, ISCG_STATS_BY_POST, YEAR(2022), YEAR(2023),
                                        ISCG_ROUND_HALF_UP, &e),
                     0);
    ck_assert_uint_eq(iscg_stats_comparison_count(c), 14); /* 12 + Osartis + total */
    const iscg_stats_change *ch = iscg_stats_comparison_get(c, 3);
    ck_assert_str_eq(ch->key, "ISG Ternoiscom");
    ck_assert_int_eq(ch->comparable[ISCG_ACTIVITY_REFERRALS], 1);
    ck_assert_int_eq(ch->delta[ISCG_ACTIVITY_REFERRALS], 23);
    ck_assert_int_eq(ch->delta[ISCG_ACTIVITY_WOMEN], 23);
    ck_assert_int_eq(ch->delta[ISCG_ACTIVITY_MEN], 0);
    ch = iscg_stats_comparison_get(c, 0);
    ck_assert_str_eq(ch->key, "ISC Béthune");
    ck_assert_ptr_null(ch->after);
    ck_assert_int_eq(ch->comparable[ISCG_ACTIVITY_REFERRALS], 0);
    ch = iscg_stats_comparison_get(c, 1);
    ck_assert_int_eq(ch->comparable[ISCG_ACTIVITY_REFERRALS], 0); /* not reported in 2022 */
    ch = iscg_stats_comparison_get(c, 12);
    ck_assert_str_eq(ch->key, "ISG Osartis Marquion");
    ck_assert_ptr_null(ch->before);
    ck_assert_int_eq(ch->after->count[ISCG_ACTIVITY_REFERRALS].value, 15);
    ch = iscg_stats_comparison_get(c, 13);
    ck_assert_int_eq(ch->is_total, 1);
    ck_assert_int_eq(ch->before->count[ISCG_ACTIVITY_REFERRALS].value, 2731);
    ck_assert_int_eq(ch->after->count[ISCG_ACTIVITY_REFERRALS].value, 283);
    ck_assert_int_eq(ch->comparable[ISCG_ACTIVITY_REFERRALS], 0); /* 2022 misses two posts */
    ck_assert_ptr_null(iscg_stats_comparison_get(c, 14));
    iscg_stats_comparison_free(c);

    int64_t bp;
    ck_assert_int_eq(iscg_stats_change_rate(&bp, 245, 268, ISCG_ROUND_HALF_UP, &e), 0);
    ck_assert_int_eq(bp, 939); /* +9.39 % */
    ck_assert_int_eq(iscg_stats_change_rate(&bp, 300, 245, ISCG_ROUND_HALF_UP, &e), 0);
    ck_assert_int_eq(bp, -1833);
    ck_assert_int_eq(iscg_stats_change_rate(&bp, 0, 15, ISCG_ROUND_HALF_UP, &e), ISCG_ERANGE);
    ck_assert_int_eq(iscg_stats_change_rate(&bp, -1, 15, ISCG_ROUND_HALF_UP, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_change_rate(&bp, 3, 4, ISCG_ROUND_UNNECESSARY, &e), ISCG_EROUNDING);
    ck_assert_int_eq(iscg_stats_change_rate(NULL, 3, 4, ISCG_ROUND_DOWN, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_change_rate(&bp, 3, 4, (iscg_rounding)99, &e), ISCG_EINVAL);
    /* from 1 to 2^63 - 1 is a change of about 9.2e22 basis points: not a 64-bit figure */
    ck_assert_int_eq(iscg_stats_change_rate(&bp, 1, INT64_MAX, ISCG_ROUND_DOWN, &e), ISCG_EOVERFLOW);
    ck_assert_str_eq(e.field, "after");

    /* the periods must be calendar periods of one granularity */
    ck_assert_int_eq(iscg_stats_compare(&c, s, ISCG_STATS_BY_POST, YEAR(2022),
                                        PER(ISCG_STATS_HALF_YEAR, 2023, 1), ISCG_ROUND_HALF_UP, &e),
                     ISCG_EDATE);
    ck_assert_str_eq(e.text, "a YEAR cannot be compared with a HALF_YEAR");
    iscg_period bethune = {{2022, 12, 3}, {2023, 12, 2}};
    ck_assert_int_eq(iscg_stats_compare(&c, s, ISCG_STATS_BY_POST, YEAR(2022), bethune,
                                        ISCG_ROUND_HALF_UP, &e),
                     ISCG_EDATE);
    ck_assert_str_eq(e.text, "the second period 2022-12-03..2023-12-02 is not one calendar month, quarter, "
                             "half-year or year");
    ck_assert_int_eq(iscg_stats_compare(&c, s, ISCG_STATS_BY_POST, bethune, YEAR(2023), ISCG_ROUND_HALF_UP, &e),
                     ISCG_EDATE);
    ck_assert_str_eq(e.text, "the first period 2022-12-03..2023-12-02 is not one calendar month, quarter, "
                             "half-year or year");
    ck_assert_int_eq(iscg_stats_compare(NULL, s, ISCG_STATS_BY_POST, YEAR(2022), YEAR(2023),
                                        ISCG_ROUND_HALF_UP, &e),
                     ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_compare(&c, s, (iscg_stats_key)9, YEAR(2022), YEAR(2023),
                                        ISCG_ROUND_HALF_UP, &e),
                     ISCG_EINVAL);
    iscg_stats_comparison_free(NULL);
    iscg_stats_free(s);
}
END_TEST

/* STAT-1, STAT-2: bad input is refused with a sentence naming post, period and figures. */
START_TEST(test_stat2_bad_input)
{
    iscg_stats *s = annex1_stats();
    iscg_error e;
    iscg_activity a = from_row(&annex1[8], 2023);
    a.men = -31;
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "ISG CCSA, 2023: men is -31; a count cannot be negative");
    ck_assert_str_eq(e.field, "men");
    a = from_row(&annex1[8], 2023);
    a.population = -1;
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_EINVAL);

    /* a share above 100 % */
    a = from_row(&annex1[9], 2023);
    a.vif_basis_points = 10500;
    ck_assert_int_eq(iscg_activity_check(&a, &e), ISCG_ERANGE);
    ck_assert_str_eq(
        e.text,
        "ISC Calais, 2023: the VIF share is 10500 basis points (105.00 %), outside 0 to 100 %");
    a.vif_basis_points = -5;
    ck_assert_int_eq(iscg_activity_check(&a, &e), ISCG_ERANGE);
    a.vif_basis_points = 10000;
    ck_assert_int_eq(iscg_activity_check(&a, &e), 0);

    /* a period of the wrong granularity */
    a = from_row(&annex1[8], 2022);
    a.granularity = ISCG_STATS_MONTH;
    a.period = PER(ISCG_STATS_QUARTER, 2022, 1);
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_EDATE);
    ck_assert_str_eq(e.text, "ISG CCSA, 2022-Q1: 2022-01-01..2022-03-31 is not one calendar month");
    a.granularity = ISCG_STATS_YEAR;
    a.period = (iscg_period){{2022, 12, 3}, {2023, 12, 2}};
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_EDATE);
    a.period = (iscg_period){{2023, 2, 29}, {2023, 12, 31}};
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_EDATE);
    a.granularity = (iscg_stats_granularity)7;
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_EINVAL);

    /* overflow of a sum: in a record, then across records */
    a = from_row(&annex1[8], 2023);
    a.women = INT64_MAX;
    a.referrals = U;
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_EOVERFLOW);
    ck_assert_str_eq(e.text, "ISG CCSA, 2023: the sum of the referrals parts overflows 64 bits");
    iscg_stats *big = NULL;
    iscg_stats_table *t = NULL;
    ck_assert_int_eq(iscg_stats_new(&big), 0);
    for (int i = 0; i < 2; i++) {
        a = from_row(&annex1[7 + i], 2022);
        a.women = INT64_MAX;
        a.men = a.children = 0;
        a.referrals = INT64_MAX;
        a.vif_basis_points = U;
        ck_assert_int_eq(iscg_stats_add(big, &a, &e), 0);
    }
    ck_assert_int_eq(iscg_stats_aggregate(&t, big, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR,
                                          ISCG_ROUND_HALF_UP, &e),
                     ISCG_EOVERFLOW);
    ck_assert_str_eq(e.text, "total, 2022: the sum of women overflows 64 bits");
    ck_assert_ptr_null(t);
    iscg_stats_free(big);
    /* the weighted VIF numerator, referrals x share, is checked too */
    ck_assert_int_eq(iscg_stats_new(&big), 0);
    a = from_row(&annex1[7], 2022);
    a.women = a.referrals = INT64_MAX / 2;
    a.men = a.children = 0;
    ck_assert_int_eq(iscg_stats_add(big, &a, &e), 0);
    ck_assert_int_eq(iscg_stats_aggregate(&t, big, ISCG_STATS_BY_POST, ISCG_STATS_YEAR,
                                          ISCG_ROUND_HALF_UP, &e),
                     ISCG_EOVERFLOW);
    ck_assert_str_eq(e.text, "ISG CCCA, 2022: the sum of referrals x VIF share overflows 64 bits");
    iscg_stats_free(big);

    /* "not reported" carries no figure; it is not zero */
    a = from_row(&annex1[1], 2023);
    a.referrals = 0;
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text,
                     "ISC Boulogne-sur-Mer, 2023 is marked not reported but gives referrals = 0");
    a.referrals = U;
    a.not_reported = 2;
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_EINVAL);

    /* two records of one post and site may not overlap */
    a = from_row(&annex1[5], 2022);
    a.granularity = ISCG_STATS_QUARTER;
    a.period = PER(ISCG_STATS_QUARTER, 2022, 1);
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_EDUPLICATE);
    ck_assert_str_eq(e.text,
                     "ISCG CUA (Commissariat), 2022-Q1 overlaps the record for 2022 already held");
    a.site = "Gendarmerie";
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_EDUPLICATE);
    a.site = "Brigade";
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), 0);

    /* enums, NULL arguments */
    a = from_row(&annex1[8], 2024);
    a.carrier = (iscg_activity_carrier)9;
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_EINVAL);
    a.carrier = EPCI;
    a.force = (iscg_activity_force)-1;
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_EINVAL);
    a.force = GEND;
    a.post = "";
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_EINVAL);
    a.post = NULL;
    ck_assert_int_eq(iscg_activity_check(&a, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_activity_check(NULL, &e), ISCG_EINVAL);
    a.post = "ISG CCSA";
    ck_assert_int_eq(iscg_stats_add(NULL, &a, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_add(s, NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_add(s, &a, NULL), 0);
    ck_assert_int_eq(iscg_stats_new(NULL), ISCG_EINVAL);
    ck_assert_uint_eq(iscg_stats_count(NULL), 0);
    ck_assert_int_eq(iscg_stats_aggregate(NULL, s, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR,
                                          ISCG_ROUND_DOWN, &e),
                     ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_aggregate(&t, NULL, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR,
                                          ISCG_ROUND_DOWN, &e),
                     ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_aggregate(&t, s, (iscg_stats_key)5, ISCG_STATS_YEAR,
                                          ISCG_ROUND_DOWN, &e),
                     ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_aggregate(&t, s, ISCG_STATS_BY_ALL, (iscg_stats_granularity)ISCG_PERIOD_KIND_COUNT,
                                          ISCG_ROUND_DOWN, &e),
                     ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_aggregate(&t, s, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR,
                                          (iscg_rounding)(ISCG_ROUNDING_COUNT + 1), &e),
                     ISCG_EINVAL);
    ck_assert_uint_eq(iscg_stats_table_count(NULL), 0);
    ck_assert_ptr_null(iscg_stats_table_row(NULL, 0));
    ck_assert_ptr_null(iscg_stats_table_find(NULL, NULL, YEAR(2022)));
    iscg_stats_table_free(NULL);
    iscg_activity_init(NULL);
    iscg_stats_free(s);
}
END_TEST

/* STAT-1: reporting periods (CAL-3 cadences) and their names. */
START_TEST(test_stat1_periods)
{
    iscg_period p;
    iscg_stats_granularity g;
    iscg_error e;
    char buf[ISCG_STATS_PERIOD_TEXT_LENGTH];
    p = PER(ISCG_STATS_QUARTER, 2022, 3);
    ck_assert_int_eq(p.start.month, 7);
    ck_assert_int_eq(p.end.month, 9);
    ck_assert_int_eq(p.end.day, 30);
    ck_assert_int_eq(iscg_stats_period_format(buf, sizeof buf, p), 7);
    ck_assert_str_eq(buf, "2022-Q3");
    p = PER(ISCG_STATS_MONTH, 2024, 2);
    ck_assert_int_eq(p.end.day, 29);
    ck_assert_int_eq(iscg_stats_period_format(buf, sizeof buf, p), 7);
    ck_assert_str_eq(buf, "2024-02");
    ck_assert_int_eq(iscg_stats_period_granularity(&g, p), 0);
    ck_assert_int_eq(g, ISCG_STATS_MONTH);
    p = PER(ISCG_STATS_HALF_YEAR, 2022, 2);
    ck_assert_int_eq(iscg_stats_period_format(buf, sizeof buf, p), 7);
    ck_assert_str_eq(buf, "2022-H2");
    ck_assert_int_eq(iscg_stats_period_format(buf, sizeof buf, YEAR(2022)), 4);
    ck_assert_str_eq(buf, "2022");
    iscg_period bethune = {{2022, 12, 3}, {2023, 12, 2}};
    ck_assert_int_eq(iscg_stats_period_granularity(&g, bethune), ISCG_EDATE);
    ck_assert_int_eq(iscg_stats_period_format(buf, sizeof buf, bethune), 22);
    ck_assert_str_eq(buf, "2022-12-03..2023-12-02");
    iscg_period bad = {{2023, 2, 29}, {2023, 3, 31}};
    ck_assert_int_eq(iscg_stats_period_format(buf, sizeof buf, bad), ISCG_EDATE);
    ck_assert_int_eq(iscg_stats_period_format(buf, 8, YEAR(2022)), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_period(&p, ISCG_STATS_QUARTER, 2022, 5, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "a year has no quarter number 5 (1 to 4)");
    ck_assert_int_eq(iscg_stats_period(&p, ISCG_STATS_YEAR, 0, 1, &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_stats_period(&p, (iscg_stats_granularity)ISCG_PERIOD_KIND_COUNT, 2022, 1, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_period(NULL, ISCG_STATS_YEAR, 2022, 1, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_period_granularity(NULL, p), ISCG_EINVAL);
    ck_assert_str_eq(iscg_stats_granularity_name(ISCG_STATS_HALF_YEAR), "HALF_YEAR");
    ck_assert_ptr_null(iscg_stats_granularity_name((iscg_stats_granularity)ISCG_PERIOD_KIND_COUNT));
    ck_assert_str_eq(iscg_activity_field_name(ISCG_ACTIVITY_VIF), "vif");
    ck_assert_ptr_null(iscg_activity_field_name((iscg_activity_field)12));
    ck_assert_str_eq(iscg_activity_carrier_name(ASSOC), "ASSOCIATION");
    ck_assert_ptr_null(iscg_activity_carrier_name((iscg_activity_carrier)4));
    ck_assert_str_eq(iscg_activity_force_name(BOTH), "BOTH");
    ck_assert_ptr_null(iscg_activity_force_name((iscg_activity_force)4));
}
END_TEST

/* STAT-3, STAT-4 with many posts in a row: twelve posts report monthly in
 * 2022, added month by month across the posts (not post by post); the
 * first three switch from the Département to an EPCI in July, the last two
 * report only from January to June. By carrier, the Département's row holds
 * twelve posts (found by hash past the first eight), the switching posts
 * are half-covered in each carrier's row and whole in the total, and every
 * sum is the one the records give. */
static void add_figures(iscg_stats *s, const char *post, int month, iscg_activity_carrier carrier, int64_t women)
{
    iscg_activity a;
    iscg_error e;
    iscg_activity_init(&a);
    a.post = post;
    a.granularity = ISCG_STATS_MONTH;
    a.period = PER(ISCG_STATS_MONTH, 2022, month);
    a.carrier = carrier;
    a.force = POL;
    a.women = women;
    a.men = 1;
    a.children = 0;
    a.interviews_physical = 2;
    a.interviews_telephone = 0;
    a.vif_basis_points = 5000;
    a.epci = 1;
    a.communes = month; /* the latest record's figure is the row's */
    a.population = 10000;
    ck_assert_msg(iscg_stats_add(s, &a, &e) == 0, "%s", e.text);
}

START_TEST(test_stat3_many_posts_in_one_row)
{
    iscg_stats *s;
    iscg_error e;
    char names[12][16];
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    int64_t referrals = 0, dep = 0, epci = 0;
    for (int month = 1; month <= 12; month++)
        for (int p = 0; p < 12; p++) {
            snprintf(names[p], sizeof names[p], "p%02d", p);
            if (p >= 10 && month > 6)
                continue; /* the last two stop in June */
            iscg_activity_carrier c = p < 3 && month > 6 ? EPCI : DEP;
            add_figures(s, names[p], month, c, p + month);
            referrals += p + month + 1;
            *(c == EPCI ? &epci : &dep) += p + month + 1;
        }
    /* a post's records in any order: the place of each is found */
    for (int month = 12; month >= 1; month--)
        add_figures(s, "late", month, ASSOC, 1);
    referrals += 24;
    /* a quarter over months already held is refused, naming the first it meets */
    iscg_activity q;
    iscg_activity_init(&q);
    q.post = "late";
    q.granularity = ISCG_STATS_QUARTER;
    q.period = PER(ISCG_STATS_QUARTER, 2022, 2);
    ck_assert_int_eq(iscg_stats_add(s, &q, &e), ISCG_EDUPLICATE);
    ck_assert_str_eq(e.text, "late, 2022-Q2 overlaps the record for 2022-04 already held");

    iscg_stats_table *t;
    aggregate(&t, s, ISCG_STATS_BY_CARRIER, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP);
    const iscg_stats_row *total = iscg_stats_table_find(t, NULL, YEAR(2022));
    ck_assert_ptr_nonnull(total);
    ck_assert_int_eq(total->count[ISCG_ACTIVITY_REFERRALS].value, referrals);
    ck_assert_uint_eq(total->records, 12 * 10 + 2 * 6 + 12);
    ck_assert_uint_eq(total->incomplete, 2); /* p10 and p11; p00..p02 are whole once their rows are summed */
    ck_assert_int_eq(total->count[ISCG_ACTIVITY_COMMUNES].value, 10 * 12 + 2 * 6 + 12); /* latest of each post */
    ck_assert_int_eq(total->count[ISCG_ACTIVITY_COMMUNES].known, 13);
    const iscg_stats_row *d = group(t, "DEPARTEMENT"), *x = group(t, "EPCI");
    ck_assert_int_eq(d->count[ISCG_ACTIVITY_REFERRALS].value, dep);
    ck_assert_int_eq(x->count[ISCG_ACTIVITY_REFERRALS].value, epci);
    ck_assert_uint_eq(d->incomplete, 5); /* p00..p02 half the year here, p10 and p11 */
    ck_assert_uint_eq(x->incomplete, 3);
    ck_assert_int_eq(d->count[ISCG_ACTIVITY_COMMUNES].known, 12);
    ck_assert_int_eq(x->count[ISCG_ACTIVITY_COMMUNES].value, 36); /* 3 posts, 12 communes each */
    /* the gaps list the incomplete posts in the order of their first records */
    ck_assert_uint_eq(d->gap_count, 5);
    ck_assert_str_eq(d->gaps[0].post, "p00");
    ck_assert_int_eq(d->gaps[0].days_covered, 181);
    ck_assert_str_eq(d->gaps[4].post, "p11");
    iscg_stats_table_free(t);
    iscg_stats_free(s);
}
END_TEST

/* STAT-3: rows that fit in 64 bits whose total does not are refused, naming
 * the total and what overflowed; so are the weighted VIF share's and the
 * interviews' sums. */
START_TEST(test_stat3_total_overflows)
{
    static const struct {
        int64_t women, vif, interviews;
        const char *what;
    } cases[] = {
        {INT64_MAX / 2 + 1, ISCG_ACTIVITY_UNKNOWN, ISCG_ACTIVITY_UNKNOWN, "a total"},
        {500000000000000, 10000, ISCG_ACTIVITY_UNKNOWN, "a total"},
        {1, ISCG_ACTIVITY_UNKNOWN, INT64_MAX / 2 + 1, "a total"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        iscg_stats *s;
        iscg_error e;
        ck_assert_int_eq(iscg_stats_new(&s), 0);
        for (int p = 0; p < 2; p++) {
            iscg_activity a;
            iscg_activity_init(&a);
            a.post = p ? "b" : "a";
            a.granularity = ISCG_STATS_YEAR;
            a.period = YEAR(2022);
            a.women = cases[k].women;
            a.men = 0;
            a.children = 0;
            a.vif_basis_points = cases[k].vif;
            a.interviews_physical = cases[k].interviews;
            a.interviews_telephone = cases[k].interviews == ISCG_ACTIVITY_UNKNOWN ? ISCG_ACTIVITY_UNKNOWN : 0;
            ck_assert_msg(iscg_stats_add(s, &a, &e) == 0, "%s", e.text);
        }
        iscg_stats_table *t = NULL;
        ck_assert_int_eq(iscg_stats_aggregate(&t, s, ISCG_STATS_BY_POST, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP, &e),
                         ISCG_EOVERFLOW);
        ck_assert_ptr_null(t);
        ck_assert_msg(strstr(e.text, "total, 2022: the sum of") != NULL, "case %zu: %s", k, e.text);
        ck_assert_msg(strstr(e.text, cases[k].what) != NULL, "case %zu: %s", k, e.text);
        /* each post alone fits */
        ck_assert_int_eq(iscg_stats_aggregate(&t, s, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP, &e),
                         ISCG_EOVERFLOW);
        iscg_stats_free(s);
    }
}
END_TEST

/* STAT-5, STAT-6 at the edges: a weighted VIF share whose denominator passes
 * 64 bits (9·10^17 referrals at 0.01 %) is exact; a share or a ratio of
 * interviews without its referrals is left out and counted; sites of one
 * post are series of their own, an empty site being none; and a share of
 * negative figures is refused. */
START_TEST(test_stat5_edges)
{
    iscg_stats *s;
    iscg_error e;
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    static const struct {
        const char *post, *site;
        int64_t women, vif, interviews;
    } recs[] = {
        {"big", NULL, 900000000000000000, 1, 0},
        {"x", "s1", 10, 5000, 4},
        {"x", "s2", 10, ISCG_ACTIVITY_UNKNOWN, 4},
        {"x", "", 10, 2500, 4}, /* no site: a third series */
        {"y", NULL, ISCG_ACTIVITY_UNKNOWN, 7000, 6}, /* its referrals unknown */
    };
    for (size_t k = 0; k < sizeof recs / sizeof recs[0]; k++) {
        iscg_activity a;
        iscg_activity_init(&a);
        a.post = recs[k].post;
        a.site = recs[k].site;
        a.granularity = ISCG_STATS_YEAR;
        a.period = YEAR(2022);
        a.women = recs[k].women;
        if (recs[k].women != ISCG_ACTIVITY_UNKNOWN) {
            a.men = 0;
            a.children = 0;
        }
        a.vif_basis_points = recs[k].vif;
        a.interviews_physical = recs[k].interviews;
        a.interviews_telephone = 0;
        ck_assert_msg(iscg_stats_add(s, &a, &e) == 0, "record %zu: %s", k, e.text);
    }
    ck_assert_uint_eq(iscg_stats_count(s), 5);
    iscg_stats_table *t;
    aggregate(&t, s, ISCG_STATS_BY_TERRITORY, ISCG_STATS_YEAR, ISCG_ROUND_HALF_EVEN);
    ck_assert_uint_eq(iscg_stats_table_count(t), 2); /* no territory: "" and the total */
    const iscg_stats_row *none = iscg_stats_table_find(t, "", YEAR(2022));
    ck_assert_ptr_nonnull(none);
    /* (9e17 x 1 + 10 x 5000 + 10 x 2500) / ((9e17 + 20) x 10 000): 0.01 % once rounded */
    ck_assert_int_eq(none->vif.defined, 1);
    ck_assert_int_eq(none->vif.scaled, 1);
    ck_assert_int_eq(none->vif.used, 3);
    ck_assert_int_eq(none->vif.excluded, 2); /* x/s2 gives no share, y no referrals */
    ck_assert_int_eq(none->interviews_per_referral.used, 4);
    ck_assert_int_eq(none->interviews_per_referral.excluded, 1);
    ck_assert_int_eq(none->count[ISCG_ACTIVITY_REFERRALS].value, 900000000000000030);
    iscg_stats_table_free(t);
    iscg_stats_measure m;
    ck_assert_int_eq(iscg_stats_share(&m, -1, 10, ISCG_ROUND_HALF_UP, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "part");
    ck_assert_int_eq(iscg_stats_share(&m, 1, -10, ISCG_ROUND_HALF_UP, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "whole");
    /* periods by number: a year has months 1 to 12, quarters 1 to 4 */
    iscg_period p;
    ck_assert_int_eq(iscg_stats_period(&p, ISCG_STATS_MONTH, 2022, 0, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_period(&p, ISCG_STATS_QUARTER, 2022, 5, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "a year has no quarter number 5 (1 to 4)");
    ck_assert_int_eq(iscg_stats_period(&p, ISCG_STATS_HALF_YEAR, 2022, 2, &e), 0);
    char text[ISCG_STATS_PERIOD_TEXT_LENGTH];
    ck_assert_int_eq(iscg_stats_period_format(text, sizeof text, p), 7);
    ck_assert_str_eq(text, "2022-H2");
    ck_assert_int_eq(iscg_stats_period_format(text, 4, p), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_period_format(NULL, sizeof text, p), ISCG_EINVAL);
    iscg_stats_free(s);
}
END_TEST

/* ---- plain sums --------------------------------------------------------------- */

/* Row i of the sums, which must exist. */
static iscg_stats_sums_row sums_row(const iscg_stats_sums *u, size_t i)
{
    iscg_stats_sums_row r;
    ck_assert_int_eq(iscg_stats_sums_get(&r, u, i), 0);
    return r;
}

/* *out = the sums row of key over period p; 0 when there is none. */
static int sums_find(const iscg_stats_sums *u, const char *key, iscg_period p, iscg_stats_sums_row *out)
{
    for (size_t i = 0; i < iscg_stats_sums_count(u); i++) {
        *out = sums_row(u, i);
        if (strcmp(out->key, key) == 0 && iscg_date_compare(out->period.start, p.start) == 0 &&
            iscg_date_compare(out->period.end, p.end) == 0)
            return 1;
    }
    return 0;
}

/* Every group row of the table has its sums, with the same counts; there are
 * no other sums; rows come by group (in the order of the groups' first rows
 * in the table, which is that of their first records) and period. */
static void assert_sums_match(const iscg_stats *s, iscg_stats_key by, iscg_stats_granularity per, const char *what)
{
    iscg_stats_table *t = NULL;
    iscg_stats_sums *u = NULL;
    iscg_error e, f;
    int rc = iscg_stats_aggregate(&t, s, by, per, ISCG_ROUND_HALF_UP, &e);
    int ru = iscg_stats_sums_compute(&u, s, by, per, &f);
    ck_assert_msg(rc == ru, "%s: the table gives %d (%s), the sums %d", what, rc, rc ? e.text : "", ru);
    if (rc != 0) {
        ck_assert_msg(strcmp(e.text, f.text) == 0, "%s: '%s' against '%s'", what, e.text, f.text);
        ck_assert_ptr_null(u);
        return;
    }
    size_t groups = 0;
    for (size_t i = 0; i < iscg_stats_table_count(t); i++) {
        const iscg_stats_row *row = iscg_stats_table_row(t, i);
        if (row->is_total && by != ISCG_STATS_BY_ALL)
            continue;
        groups++;
        iscg_stats_sums_row r;
        ck_assert_msg(sums_find(u, row->key, row->period, &r), "%s: no sums for %s", what, row->key);
        ck_assert_uint_eq(r.records, row->records);
        ck_assert_uint_eq(r.not_reported, row->not_reported);
        for (int k = 0; k < ISCG_ACTIVITY_COUNTS; k++) {
            ck_assert_msg(r.count[k].value == row->count[k].value && r.count[k].known == row->count[k].known &&
                              r.count[k].missing == row->count[k].missing,
                          "%s: %s, field %d: %lld/%zu/%zu against %lld/%zu/%zu", what, row->key, k,
                          (long long)r.count[k].value, r.count[k].known, r.count[k].missing,
                          (long long)row->count[k].value, row->count[k].known, row->count[k].missing);
        }
    }
    ck_assert_uint_eq(iscg_stats_sums_count(u), groups);
    /* the order: a group's rows together, by period; groups by their first appearance in the table */
    for (size_t i = 1; i < iscg_stats_sums_count(u); i++) {
        iscg_stats_sums_row a = sums_row(u, i - 1), b = sums_row(u, i);
        if (strcmp(a.key, b.key) == 0) {
            ck_assert_msg(iscg_date_compare(a.period.start, b.period.start) < 0, "%s: %s out of order", what, a.key);
            continue;
        }
        for (size_t j = i + 1; j < iscg_stats_sums_count(u); j++)
            ck_assert_msg(strcmp(sums_row(u, j).key, a.key) != 0, "%s: %s split", what, a.key);
    }
    iscg_stats_sums_row past = {NULL, {{0, 0, 0}, {0, 0, 0}}, 7, 0, {{0, 0, 0}}};
    ck_assert_int_eq(iscg_stats_sums_get(&past, u, groups), ISCG_ERANGE);
    ck_assert_uint_eq(past.records, 7); /* unchanged */
    iscg_stats_sums_free(u);
    iscg_stats_table_free(t);
}

/* STAT-3, STAT-4: the annex 1 totals as plain sums: 2 731 referrals, two
 * posts not reported, EPCI and communes from each post's (site's) record. */
START_TEST(test_stat3_sums_annex1)
{
    iscg_stats *s = annex1_stats();
    iscg_stats_sums *u = NULL;
    iscg_error e;
    ck_assert_int_eq(iscg_stats_sums_compute(&u, s, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR, &e), 0);
    ck_assert_uint_eq(iscg_stats_sums_count(u), 1);
    iscg_stats_sums_row row = sums_row(u, 0);
    ck_assert_str_eq(row.key, "total");
    ck_assert_int_eq(iscg_date_compare(row.period.start, YEAR(2022).start), 0);
    ck_assert_uint_eq(row.records, 13);
    ck_assert_uint_eq(row.not_reported, 2);
    ck_assert_int_eq(row.count[ISCG_ACTIVITY_WOMEN].value, 1804);
    ck_assert_int_eq(row.count[ISCG_ACTIVITY_MEN].value, 522);
    ck_assert_int_eq(row.count[ISCG_ACTIVITY_CHILDREN].value, 405);
    ck_assert_int_eq(row.count[ISCG_ACTIVITY_REFERRALS].value, 2731);
    ck_assert_uint_eq(row.count[ISCG_ACTIVITY_REFERRALS].known, 11);
    ck_assert_uint_eq(row.count[ISCG_ACTIVITY_REFERRALS].missing, 2);
    ck_assert_int_eq(row.count[ISCG_ACTIVITY_INTERVIEWS].value, 4932);
    ck_assert_int_eq(row.count[ISCG_ACTIVITY_INTERVIEWS_PARTNERS].value, 422);
    ck_assert_uint_eq(row.count[ISCG_ACTIVITY_INTERVIEWS_PARTNERS].known, 1);
    ck_assert_int_eq(row.count[ISCG_ACTIVITY_EPCI].value, 20);
    ck_assert_uint_eq(row.count[ISCG_ACTIVITY_EPCI].known, 12);
    ck_assert_uint_eq(row.count[ISCG_ACTIVITY_EPCI].missing, 1);
    ck_assert_int_eq(row.count[ISCG_ACTIVITY_COMMUNES].value, 472);
    ck_assert_uint_eq(row.count[ISCG_ACTIVITY_COMMUNES].missing, 5);
    ck_assert_int_eq(row.count[ISCG_ACTIVITY_POPULATION].value, 33400 + 27500);
    iscg_stats_sums_free(u);

    /* by post: twelve posts, CUA's two sites in one row, in the annex's order */
    ck_assert_int_eq(iscg_stats_sums_compute(&u, s, ISCG_STATS_BY_POST, ISCG_STATS_YEAR, &e), 0);
    ck_assert_uint_eq(iscg_stats_sums_count(u), 12);
    ck_assert_str_eq(sums_row(u, 0).key, "ISC Béthune");
    ck_assert_str_eq(sums_row(u, 11).key, "ISCG Montreuillois");
    row = sums_row(u, 5);
    ck_assert_str_eq(row.key, "ISCG CUA");
    ck_assert_uint_eq(row.records, 2);
    ck_assert_int_eq(row.count[ISCG_ACTIVITY_REFERRALS].value, 222 + 114);
    ck_assert_int_eq(row.count[ISCG_ACTIVITY_EPCI].value, 1);
    ck_assert_uint_eq(row.count[ISCG_ACTIVITY_EPCI].known, 1);
    ck_assert_uint_eq(row.count[ISCG_ACTIVITY_EPCI].missing, 1);
    row = sums_row(u, 1);
    ck_assert_str_eq(row.key, "ISC Boulogne-sur-Mer");
    ck_assert_uint_eq(row.not_reported, 1);
    ck_assert_int_eq(row.count[ISCG_ACTIVITY_REFERRALS].value, 0);
    ck_assert_uint_eq(row.count[ISCG_ACTIVITY_REFERRALS].known, 0);
    ck_assert_uint_eq(row.count[ISCG_ACTIVITY_REFERRALS].missing, 1);
    iscg_stats_sums_free(u);

    /* by carrier: 3 + 5 + 4 posts (CUA's two sites count once) */
    ck_assert_int_eq(iscg_stats_sums_compute(&u, s, ISCG_STATS_BY_CARRIER, ISCG_STATS_YEAR, &e), 0);
    ck_assert_uint_eq(iscg_stats_sums_count(u), 3);
    ck_assert_str_eq(sums_row(u, 0).key, "DEPARTEMENT");
    ck_assert_uint_eq(sums_row(u, 0).records, 3);
    ck_assert_str_eq(sums_row(u, 1).key, "EPCI");
    ck_assert_uint_eq(sums_row(u, 1).records, 6);
    ck_assert_str_eq(sums_row(u, 2).key, "ASSOCIATION");
    ck_assert_int_eq(sums_row(u, 2).count[ISCG_ACTIVITY_REFERRALS].value, 178 + 171 + 147 + 204);
    iscg_stats_sums_free(u);

    /* the keys are the sums' own: they outlive the collection */
    ck_assert_int_eq(iscg_stats_sums_compute(&u, s, ISCG_STATS_BY_TERRITORY, ISCG_STATS_YEAR, &e), 0);
    for (int by = 0; by < ISCG_STATS_KEY_COUNT; by++)
        assert_sums_match(s, (iscg_stats_key)by, ISCG_STATS_YEAR, "annex 1");
    iscg_stats_free(s);
    ck_assert_uint_eq(iscg_stats_sums_count(u), 7);
    ck_assert_str_eq(sums_row(u, 0).key, "Artois");
    ck_assert_str_eq(sums_row(u, 6).key, "Montreuillois");
    iscg_stats_sums_free(u);
}
END_TEST

static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* STAT-3, STAT-4: on random collections (posts in several sites, a carrier
 * or territory that changes from one record to the next, records added out
 * of order, months, quarters and years, unknown figures and unreported
 * periods, figures past 32 bits and notes), the sums equal the table's group rows for every grouping and
 * period, and fail as the table fails. */
START_TEST(test_stat3_sums_random)
{
    static const char *const posts[] = {"A", "B", "C", "D", "E"};
    static const char *const sites[] = {NULL, "x", "y"};
    static const char *const territories[] = {NULL, "North", "South"};
    uint64_t seed = 42;
    for (int round = 0; round < 60; round++) {
        iscg_stats *s;
        ck_assert_int_eq(iscg_stats_new(&s), 0);
        int coarse = round % 4 == 3; /* some collections hold quarters or years too */
        for (int k = 0; k < 80; k++) {
            uint64_t h = next_random(&seed);
            iscg_activity a;
            iscg_activity_init(&a);
            a.post = posts[h % 5];
            a.site = sites[(h >> 3) % 3];
            a.territory = territories[(h >> 5) % 3];
            a.carrier = (iscg_activity_carrier)((h >> 7) % ISCG_ACTIVITY_CARRIER_COUNT);
            a.force = (iscg_activity_force)((h >> 9) % ISCG_ACTIVITY_FORCE_COUNT);
            a.granularity = coarse && (h >> 11) % 8 == 0 ? ((h >> 14) % 2 ? ISCG_STATS_QUARTER : ISCG_STATS_YEAR)
                                                         : ISCG_STATS_MONTH;
            int year = 2021 + (int)((h >> 15) % 3);
            int index = a.granularity == ISCG_STATS_MONTH ? 1 + (int)((h >> 17) % 12)
                        : a.granularity == ISCG_STATS_QUARTER ? 1 + (int)((h >> 17) % 4) : 1;
            a.period = PER(a.granularity, year, index);
            a.not_reported = (h >> 21) % 16 == 0;
            if (!a.not_reported) {
                a.women = (h >> 25) % 4 == 0 ? U : (int64_t)((h >> 27) % 50);
                a.men = (int64_t)((h >> 33) % 20);
                a.children = (int64_t)((h >> 38) % 10);
                a.interviews = (h >> 43) % 3 == 0 ? U : (int64_t)((h >> 45) % 90);
                a.interviews_partners = (h >> 52) % 2 ? U : 0;
                a.vif_basis_points = (int64_t)((h >> 53) % 10001);
            }
            if (!a.not_reported && (h >> 22) % 8 == 0) /* either side of 32 bits: kept aside or not */
                a.men = (int64_t)UINT32_MAX - 1 + (int64_t)((h >> 33) % 3);
            a.note = (h >> 23) % 8 == 0 ? "read from the report" : NULL;
            a.epci = (h >> 24) % 5 == 0 ? U : (int64_t)(1 + (h >> 56) % 3);
            a.communes = (int64_t)((h >> 58) % 40);
            a.population = (h >> 61) % 2 ? U : 1000 * (int64_t)(h >> 62);
            iscg_error e;
            int rc = iscg_stats_add(s, &a, &e);
            ck_assert_msg(rc == 0 || rc == ISCG_EDUPLICATE, "%s", e.text);
        }
        char what[64];
        for (int by = 0; by < ISCG_STATS_KEY_COUNT; by++)
            for (int per = ISCG_PERIOD_MONTH; per <= ISCG_PERIOD_YEAR; per++) {
                snprintf(what, sizeof what, "round %d, by %d per %d", round, by, per);
                assert_sums_match(s, (iscg_stats_key)by, (iscg_stats_granularity)per, what);
            }
        iscg_stats_free(s);
    }
    /* more posts than the sums' first rows: 150 posts over 14 months */
    iscg_stats *s;
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    char names[150][24];
    for (int p = 0; p < 150; p++) {
        snprintf(names[p], sizeof names[p], "post %d", p);
        for (int m = 0; m < 14; m++) {
            iscg_activity a;
            iscg_activity_init(&a);
            a.post = names[p];
            a.granularity = ISCG_STATS_MONTH;
            a.period = PER(ISCG_STATS_MONTH, 2022 + m / 12, 1 + m % 12);
            a.women = p + m;
            a.epci = 1;
            iscg_error e;
            ck_assert_msg(iscg_stats_add(s, &a, &e) == 0, "%s", e.text);
        }
    }
    for (int by = 0; by < ISCG_STATS_KEY_COUNT; by++)
        assert_sums_match(s, (iscg_stats_key)by, ISCG_STATS_YEAR, "150 posts");
    iscg_stats_sums *u;
    ck_assert_int_eq(iscg_stats_sums_compute(&u, s, ISCG_STATS_BY_POST, ISCG_STATS_YEAR, NULL), 0);
    ck_assert_uint_eq(iscg_stats_sums_count(u), 300);
    iscg_stats_sums_free(u);
    iscg_stats_free(s);
}
END_TEST

/* STAT-3: the sums keep a row's sums in 32 bits and its counts in 16 while
 * they fit, and widen it when they do not: sums past 2^32 in one run and
 * across runs, more than 65 535 records and posts in a row. Each row still
 * equals the table's. */
START_TEST(test_stat3_sums_wide_rows)
{
    iscg_stats *s;
    iscg_error e;
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    /* 70 000 posts, one yearly record each: 70 000 records and posts in a row
     * by year; one post's two half-years sum 2 * 3e9 women */
    static char names[70000][16];
    for (int p = 0; p < 70000; p++) {
        snprintf(names[p], sizeof names[p], "p%d", p);
        iscg_activity a;
        iscg_activity_init(&a);
        a.post = names[p];
        a.carrier = (iscg_activity_carrier)(p % ISCG_ACTIVITY_CARRIER_COUNT);
        a.granularity = ISCG_STATS_YEAR;
        a.period = PER(ISCG_STATS_YEAR, 2022, 1);
        a.women = p % 3;
        a.epci = p % 5 == 0 ? U : 1;
        a.population = 1 + p % 2; /* sums that fit in 32 bits: only the counts widen the row */
        ck_assert_msg(iscg_stats_add(s, &a, &e) == 0, "%s", e.text);
    }
    for (int h = 1; h <= 2; h++) {
        iscg_activity a;
        iscg_activity_init(&a);
        a.post = "big";
        a.granularity = ISCG_STATS_HALF_YEAR;
        a.period = PER(ISCG_STATS_HALF_YEAR, 2023, h);
        a.women = 3000000000;
        a.population = 3000000000;
        ck_assert_msg(iscg_stats_add(s, &a, &e) == 0, "%s", e.text);
    }
    for (int by = 0; by < ISCG_STATS_KEY_COUNT; by++)
        if (by != ISCG_STATS_BY_POST) /* 70 000 rows: the table's rows are looked up one by one */
            assert_sums_match(s, (iscg_stats_key)by, ISCG_STATS_YEAR, "wide rows");
    iscg_stats_sums *u;
    ck_assert_int_eq(iscg_stats_sums_compute(&u, s, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR, &e), 0);
    iscg_stats_sums_row row = sums_row(u, 0);
    ck_assert_uint_eq(row.records, 70000);
    ck_assert_uint_eq(row.count[ISCG_ACTIVITY_EPCI].known, 56000);
    ck_assert_uint_eq(row.count[ISCG_ACTIVITY_EPCI].missing, 14000);
    ck_assert_uint_eq(row.count[ISCG_ACTIVITY_POPULATION].known, 70000);
    ck_assert_int_eq(row.count[ISCG_ACTIVITY_POPULATION].value, 70000 + 35000);
    row = sums_row(u, 1);
    ck_assert_uint_eq(row.records, 2);
    ck_assert_int_eq(row.count[ISCG_ACTIVITY_WOMEN].value, 6000000000LL);
    ck_assert_int_eq(row.count[ISCG_ACTIVITY_REFERRALS].value, 0);
    ck_assert_uint_eq(row.count[ISCG_ACTIVITY_REFERRALS].missing, 2);
    ck_assert_int_eq(row.count[ISCG_ACTIVITY_POPULATION].value, 3000000000LL); /* the post's latest */
    iscg_stats_sums_free(u);
    ck_assert_int_eq(iscg_stats_sums_compute(&u, s, ISCG_STATS_BY_POST, ISCG_STATS_YEAR, &e), 0);
    ck_assert_uint_eq(iscg_stats_sums_count(u), 70001);
    row = sums_row(u, 70000);
    ck_assert_str_eq(row.key, "big");
    ck_assert_int_eq(row.count[ISCG_ACTIVITY_WOMEN].value, 6000000000LL); /* one run of two */
    iscg_stats_sums_free(u);
    iscg_stats_free(s);
}
END_TEST

/* Plain sums refuse what the table refuses: bad arguments, records longer
 * than the period, sums past 64 bits (in one run of records, across runs of
 * one post, and across posts, coverage included); an empty collection gives
 * no row. */
START_TEST(test_stat3_sums_errors)
{
    iscg_stats *s;
    iscg_stats_sums *u = (iscg_stats_sums *)&u;
    iscg_error e;
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    ck_assert_int_eq(iscg_stats_sums_compute(NULL, s, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_sums_compute(&u, NULL, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR, &e), ISCG_EINVAL);
    ck_assert_ptr_null(u);
    ck_assert_int_eq(iscg_stats_sums_compute(&u, s, (iscg_stats_key)ISCG_STATS_KEY_COUNT, ISCG_STATS_YEAR, &e),
                     ISCG_EINVAL);
    ck_assert_str_eq(e.text, "grouping 5 is not a member");
    ck_assert_int_eq(iscg_stats_sums_compute(&u, s, ISCG_STATS_BY_ALL, (iscg_stats_granularity)-1, &e),
                     ISCG_EINVAL);
    ck_assert_str_eq(e.text, "granularity -1 is not a member");
    ck_assert_int_eq(iscg_stats_sums_compute(&u, s, ISCG_STATS_BY_POST, ISCG_STATS_MONTH, &e), 0);
    ck_assert_uint_eq(iscg_stats_sums_count(u), 0);
    iscg_stats_sums_row row;
    ck_assert_int_eq(iscg_stats_sums_get(&row, u, 0), ISCG_ERANGE);
    ck_assert_int_eq(iscg_stats_sums_get(NULL, u, 0), ISCG_EINVAL);
    iscg_stats_sums_free(u);
    ck_assert_uint_eq(iscg_stats_sums_count(NULL), 0);
    ck_assert_int_eq(iscg_stats_sums_get(&row, NULL, 0), ISCG_EINVAL);
    iscg_stats_sums_free(NULL);

    /* a year cannot be counted by quarter: the first such record is named */
    iscg_stats_free(s);
    s = annex1_stats();
    ck_assert_int_eq(iscg_stats_sums_compute(&u, s, ISCG_STATS_BY_POST, ISCG_STATS_QUARTER, &e), ISCG_EDATE);
    ck_assert_ptr_null(u);
    ck_assert_str_eq(e.text, "ISC Béthune, 2022: a year record cannot be counted by quarter");
    iscg_stats_free(s);

    /* overflows: two months of one post in one run; the same across runs of
     * one post (its carrier changes); two posts' coverage in one row */
    for (int k = 0; k < 3; k++) {
        ck_assert_int_eq(iscg_stats_new(&s), 0);
        for (int m = 1; m <= (k == 1 ? 3 : 2); m++) {
            iscg_activity a;
            iscg_activity_init(&a);
            a.post = k == 2 ? (m == 1 ? "p" : "q") : "p";
            a.granularity = ISCG_STATS_MONTH;
            a.period = PER(ISCG_STATS_MONTH, 2022, m);
            a.carrier = k == 1 && m == 2 ? EPCI : DEP; /* k == 1: the DEPARTEMENT row in two runs */
            a.men = k == 0 || (k == 1 && m != 2) ? INT64_MAX / 2 + 1 : 0;
            a.population = k == 2 ? INT64_MAX / 2 + 1 : 0;
            ck_assert_msg(iscg_stats_add(s, &a, &e) == 0, "%s", e.text);
        }
        iscg_stats_key by = k == 1 ? ISCG_STATS_BY_CARRIER : ISCG_STATS_BY_ALL;
        ck_assert_int_eq(iscg_stats_sums_compute(&u, s, by, ISCG_STATS_YEAR, &e), ISCG_EOVERFLOW);
        ck_assert_ptr_null(u);
        ck_assert_str_eq(e.text, k == 1   ? "DEPARTEMENT, 2022: the sum of men overflows 64 bits"
                                 : k == 0 ? "total, 2022: the sum of men overflows 64 bits"
                                          : "total, 2022: the sum of population overflows 64 bits");
        ck_assert_str_eq(e.field, k == 2 ? "population" : "men");
        /* one month alone fits */
        ck_assert_int_eq(iscg_stats_sums_compute(&u, s, ISCG_STATS_BY_ALL, ISCG_STATS_MONTH, &e), 0);
        ck_assert_uint_eq(iscg_stats_sums_count(u), k == 1 ? 3 : 2);
        iscg_stats_sums_free(u);
        iscg_stats_free(s);
    }
}
END_TEST

/* The field of a record by number, for the round trip below. */
static int64_t *figure_of(iscg_activity *a, int f)
{
    static const size_t at[ISCG_ACTIVITY_FIELD_COUNT] = {
        offsetof(iscg_activity, women), offsetof(iscg_activity, men), offsetof(iscg_activity, children),
        offsetof(iscg_activity, referrals), offsetof(iscg_activity, interviews),
        offsetof(iscg_activity, interviews_physical), offsetof(iscg_activity, interviews_telephone),
        offsetof(iscg_activity, interviews_partners), offsetof(iscg_activity, epci),
        offsetof(iscg_activity, communes), offsetof(iscg_activity, population),
        offsetof(iscg_activity, vif_basis_points)};
    return (int64_t *)(void *)((char *)a + at[f]);
}

/* STAT-1: a record comes back as it was given, whatever way the collection
 * keeps it: figures on either side of 32 bits (UINT32_MAX, which stands
 * for an unknown figure inside, included), unknown ones, notes, territories
 * and sites, every granularity from year 1 to year 9999; and the sums count
 * them exactly. */
START_TEST(test_stat1_records_kept_exactly)
{
    static const int64_t values[] = {0, 1, (int64_t)UINT32_MAX - 2, (int64_t)UINT32_MAX - 1, (int64_t)UINT32_MAX,
                                     (int64_t)UINT32_MAX + 1, INT64_MAX / 16, U};
    enum { NVALUES = sizeof values / sizeof values[0] };
    static const int years[] = {1, 2022, 9999};
    iscg_stats *s;
    iscg_error e;
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    iscg_activity given[96];
    char posts[96][32];
    size_t n = 0;
    for (int g = ISCG_PERIOD_MONTH; g <= ISCG_PERIOD_YEAR; g++)
        for (int y = 0; y < 3; y++)
            for (int v = 0; v < NVALUES; v++) {
                iscg_activity *a = &given[n];
                iscg_activity_init(a);
                /* a post per granularity (two for months, quarters and half-years; one a
                 * year for years), so that no record overlaps another */
                snprintf(posts[n], sizeof posts[n], "P%d-%d", g, g >= ISCG_STATS_HALF_YEAR ? v : v % 2);
                a->post = posts[n];
                a->site = v % 3 == 0 ? "site" : NULL;
                a->territory = v % 4 == 1 ? "North" : NULL;
                a->note = v % 5 == 2 ? "read from the annex" : NULL;
                a->carrier = (iscg_activity_carrier)(v % ISCG_ACTIVITY_CARRIER_COUNT);
                a->force = (iscg_activity_force)(g % ISCG_ACTIVITY_FORCE_COUNT);
                a->granularity = (iscg_stats_granularity)g;
                a->period = PER(a->granularity, years[y],
                                g == ISCG_STATS_MONTH ? 1 + v : g == ISCG_STATS_QUARTER ? 1 + v / 2 : 1);
                /* small figures or unknown ones, and values[v] in one field, which
                 * moves with the granularity and the year */
                for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++)
                    *figure_of(a, f) = (v + f) % 5 == 0 ? U : (v + f) % 7;
                static const int probed[] = {
                    ISCG_ACTIVITY_WOMEN, ISCG_ACTIVITY_MEN, ISCG_ACTIVITY_CHILDREN, ISCG_ACTIVITY_INTERVIEWS_PHYSICAL,
                    ISCG_ACTIVITY_INTERVIEWS_TELEPHONE, ISCG_ACTIVITY_INTERVIEWS_PARTNERS, ISCG_ACTIVITY_EPCI,
                    ISCG_ACTIVITY_COMMUNES, ISCG_ACTIVITY_POPULATION};
                *figure_of(a, probed[(v + 3 * g + y) % 9]) = values[v];
                a->referrals = U; /* derived when its parts are known */
                a->interviews = U;
                if (v == NVALUES - 1) { /* not reported: its coverage only */
                    a->not_reported = 1;
                    for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++)
                        if (f < ISCG_ACTIVITY_EPCI || f == ISCG_ACTIVITY_VIF)
                            *figure_of(a, f) = U;
                }
                ck_assert_msg(iscg_stats_add(s, a, &e) == 0, "%s", e.text);
                n++;
            }
    ck_assert_uint_eq(iscg_stats_count(s), n);
    for (size_t i = 0; i < n; i++) {
        iscg_activity a;
        ck_assert_int_eq(iscg_stats_get(&a, s, i), 0);
        const iscg_activity *g = &given[i];
        ck_assert_str_eq(a.post, g->post);
        ck_assert_int_eq(!a.site, !g->site);
        if (g->site)
            ck_assert_str_eq(a.site, g->site);
        ck_assert_int_eq(!a.territory, !g->territory);
        if (g->territory)
            ck_assert_str_eq(a.territory, g->territory);
        ck_assert_int_eq(!a.note, !g->note);
        if (g->note)
            ck_assert_str_eq(a.note, g->note);
        ck_assert_int_eq(a.granularity, g->granularity);
        ck_assert_int_eq(iscg_date_compare(a.period.start, g->period.start), 0);
        ck_assert_int_eq(iscg_date_compare(a.period.end, g->period.end), 0);
        ck_assert_int_eq(a.carrier, g->carrier);
        ck_assert_int_eq(a.force, g->force);
        ck_assert_int_eq(a.not_reported, g->not_reported);
        for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++) {
            int64_t want = *figure_of((iscg_activity *)g, f);
            if (f == ISCG_ACTIVITY_REFERRALS)
                want = g->women == U || g->men == U || g->children == U ? U : g->women + g->men + g->children;
            if (f == ISCG_ACTIVITY_INTERVIEWS)
                want = g->interviews_physical == U || g->interviews_telephone == U
                           ? U
                           : g->interviews_physical + g->interviews_telephone;
            ck_assert_msg(*figure_of(&a, f) == want, "record %zu, field %d: %lld for %lld", i, f,
                          (long long)*figure_of(&a, f), (long long)want);
        }
    }
    /* the sums count them exactly, year by year (the table's shares and
     * rates of such figures pass 64 bits: it is compared with the sums on
     * random collections) */
    iscg_stats_sums *u;
    ck_assert_int_eq(iscg_stats_sums_compute(&u, s, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR, &e), 0);
    ck_assert_uint_eq(iscg_stats_sums_count(u), 3);
    for (int y = 0; y < 3; y++) {
        iscg_stats_sums_row row;
        ck_assert(sums_find(u, "total", PER(ISCG_STATS_YEAR, years[y], 1), &row));
        size_t records = 0, not_reported = 0;
        for (size_t i = 0; i < n; i++) {
            records += given[i].period.start.year == years[y];
            not_reported += given[i].period.start.year == years[y] && given[i].not_reported;
        }
        ck_assert_uint_eq(row.records, records);
        ck_assert_uint_eq(row.not_reported, not_reported);
        for (int f = 0; f < ISCG_ACTIVITY_EPCI; f++) {
            int64_t sum = 0;
            size_t known = 0;
            for (size_t i = 0; i < n; i++) {
                iscg_activity a; /* checked above against what was given */
                ck_assert_int_eq(iscg_stats_get(&a, s, i), 0);
                if (a.period.start.year == years[y] && *figure_of(&a, f) != U) {
                    sum += *figure_of(&a, f);
                    known++;
                }
            }
            ck_assert_int_eq(row.count[f].value, sum);
            ck_assert_uint_eq(row.count[f].known, known);
            ck_assert_uint_eq(row.count[f].missing, records - known);
        }
    }
    iscg_stats_sums_free(u);
    iscg_stats_free(s);
}
END_TEST

/* ---- compact and wide storage; long calls that are canceled --------------- */

/* `posts` posts of twelve monthly records of 2022, some not reported, some
 * lacking a figure; with `notes`, every record has a note, which the
 * collection keeps aside with the record's figures (the wide storage). */
static iscg_stats *months_of(int posts, int notes)
{
    iscg_stats *s;
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    for (int p = 0; p < posts; p++) {
        char post[32];
        snprintf(post, sizeof post, "ISC %d", p);
        for (int m = 1; m <= 12; m++) {
            iscg_activity a;
            iscg_error e;
            iscg_activity_init(&a);
            a.post = post;
            a.granularity = ISCG_STATS_MONTH;
            a.period = PER(ISCG_STATS_MONTH, 2022, m);
            a.carrier = p % 2 ? DEP : ISCG_ACTIVITY_CARRIER_EPCI;
            a.force = POL;
            a.territory = p % 3 ? "Artois" : "Littoral";
            a.note = notes ? "read from the annex" : NULL;
            a.not_reported = (p + m) % 17 == 0;
            if (!a.not_reported) {
                a.women = p % 9 + m;
                a.men = m % 4;
                a.children = (p + m) % 3;
                a.referrals = (p + m) % 5 ? a.women + a.men + a.children : ISCG_ACTIVITY_UNKNOWN;
                a.interviews = 2 * a.women + 1;
                a.epci = 1 + p % 2;
                a.communes = 5 + p % 7;
                a.population = (p + m) % 4 ? 10000 + p : ISCG_ACTIVITY_UNKNOWN;
                a.vif_basis_points = (p * 37 + m * 101) % 10001;
            }
            int rc = iscg_stats_add(s, &a, &e);
            ck_assert_msg(rc == 0, "%s", e.text);
        }
    }
    return s;
}

static void expect_same_measure(const iscg_stats_measure *a, const iscg_stats_measure *b)
{
    ck_assert_int_eq(a->defined, b->defined);
    ck_assert_int_eq(a->scaled, b->scaled);
    ck_assert_int_eq(a->exact.num, b->exact.num);
    ck_assert_int_eq(a->exact.den, b->exact.den);
    ck_assert_uint_eq(a->used, b->used);
    ck_assert_uint_eq(a->excluded, b->excluded);
}

/* STAT-3, STAT-4: records kept compact (32-bit figures) and the same records
 * kept wide (aside, as a note makes them) aggregate and sum the same, row by
 * row: counts, measures and gaps. */
START_TEST(test_stat3_compact_same_as_wide)
{
    iscg_stats *compact = months_of(40, 0), *wide = months_of(40, 1);
    for (int by = 0; by < ISCG_STATS_KEY_COUNT; by++) {
        for (int per = ISCG_PERIOD_MONTH; per <= ISCG_PERIOD_YEAR; per++) {
            iscg_stats_table *t1, *t2;
            iscg_error e;
            ck_assert_msg(iscg_stats_aggregate(&t1, compact, (iscg_stats_key)by, (iscg_stats_granularity)per,
                                               ISCG_ROUND_HALF_EVEN, &e) == 0, "%s", e.text);
            ck_assert_int_eq(iscg_stats_aggregate(&t2, wide, (iscg_stats_key)by, (iscg_stats_granularity)per,
                                                  ISCG_ROUND_HALF_EVEN, &e), 0);
            ck_assert_uint_eq(iscg_stats_table_count(t1), iscg_stats_table_count(t2));
            for (size_t i = 0; i < iscg_stats_table_count(t1); i++) {
                const iscg_stats_row *a = iscg_stats_table_row(t1, i), *b = iscg_stats_table_row(t2, i);
                ck_assert_str_eq(a->key, b->key);
                ck_assert_int_eq(iscg_date_compare(a->period.start, b->period.start), 0);
                ck_assert_int_eq(iscg_date_compare(a->period.end, b->period.end), 0);
                ck_assert_uint_eq(a->records, b->records);
                ck_assert_uint_eq(a->not_reported, b->not_reported);
                ck_assert_uint_eq(a->incomplete, b->incomplete);
                for (int f = 0; f < ISCG_ACTIVITY_COUNTS; f++) {
                    ck_assert_int_eq(a->count[f].value, b->count[f].value);
                    ck_assert_uint_eq(a->count[f].known, b->count[f].known);
                    ck_assert_uint_eq(a->count[f].missing, b->count[f].missing);
                }
                expect_same_measure(&a->vif, &b->vif);
                expect_same_measure(&a->interviews_per_referral, &b->interviews_per_referral);
                expect_same_measure(&a->referrals_per_thousand, &b->referrals_per_thousand);
                expect_same_measure(&a->share, &b->share);
                ck_assert_uint_eq(a->gap_count, b->gap_count);
                for (size_t g = 0; g < a->gap_count; g++) {
                    ck_assert_int_eq(a->gaps[g].kind, b->gaps[g].kind);
                    ck_assert_str_eq(a->gaps[g].post, b->gaps[g].post);
                    ck_assert_uint_eq(a->gaps[g].fields, b->gaps[g].fields);
                }
            }
            iscg_stats_table_free(t1);
            iscg_stats_table_free(t2);
            iscg_stats_sums *s1, *s2;
            ck_assert_int_eq(iscg_stats_sums_compute(&s1, compact, (iscg_stats_key)by, (iscg_stats_granularity)per, &e), 0);
            ck_assert_int_eq(iscg_stats_sums_compute(&s2, wide, (iscg_stats_key)by, (iscg_stats_granularity)per, &e), 0);
            ck_assert_uint_eq(iscg_stats_sums_count(s1), iscg_stats_sums_count(s2));
            for (size_t i = 0; i < iscg_stats_sums_count(s1); i++) {
                iscg_stats_sums_row a, b;
                ck_assert_int_eq(iscg_stats_sums_get(&a, s1, i), 0);
                ck_assert_int_eq(iscg_stats_sums_get(&b, s2, i), 0);
                ck_assert_str_eq(a.key, b.key);
                ck_assert_uint_eq(a.records, b.records);
                ck_assert_uint_eq(a.not_reported, b.not_reported);
                ck_assert_mem_eq(a.count, b.count, sizeof a.count);
            }
            iscg_stats_sums_free(s1);
            iscg_stats_sums_free(s2);
        }
    }
    iscg_stats_free(compact);
    iscg_stats_free(wide);
}
END_TEST

/* Asks to stop at its `at`-th call (never for 0), counting its calls. */
struct canceller {
    int calls, at;
};

static int cancel_at(void *ctx)
{
    struct canceller *c = ctx;
    return ++c->calls == c->at;
}

/* A long aggregation or sum (ISCG_ECANCELED): the cancel function is polled
 * every 64 Ki records or so; when it asks to stop, the call frees all it
 * built (the suite runs under valgrind) and fails with a sentence. */
START_TEST(test_stat3_aggregation_canceled)
{
    iscg_stats *s = months_of(12000, 0); /* 144 000 records */
    struct canceller c = {0, 0};
    iscg_stats_options opts = ISCG_STATS_OPTIONS_INIT;
    opts.cancel = cancel_at;
    opts.cancel_ctx = &c;
    iscg_error e;
    iscg_stats_table *t = NULL;
    ck_assert_int_eq(iscg_stats_aggregate_ext(&t, s, ISCG_STATS_BY_POST, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP, &opts, &e), 0);
    ck_assert_uint_eq(iscg_stats_table_count(t), 12001);
    iscg_stats_table_free(t);
    /* 144 000 records, then 12 000 rows merged into the total, 12 001 rows
     * finished at 16 each and 12 001 shares: 360 017, asked 5 times; the last
     * three polls come after the records, in the steps that walk rows */
    ck_assert_int_eq(c.calls, 5);
    /* stopped at each poll of that run, the last steps' included, and by
     * territory and quarter at its first */
    for (int at = 1; at <= 6; at++) {
        c.calls = 0;
        c.at = at <= 5 ? at : 1;
        t = (iscg_stats_table *)1;
        ck_assert_int_eq(iscg_stats_aggregate_ext(&t, s, at <= 5 ? ISCG_STATS_BY_POST : ISCG_STATS_BY_TERRITORY,
                                                  at <= 5 ? ISCG_STATS_YEAR : ISCG_STATS_QUARTER,
                                                  ISCG_ROUND_HALF_UP, &opts, &e), ISCG_ECANCELED);
        ck_assert_ptr_eq(t, (iscg_stats_table *)1);
        ck_assert_int_eq(c.calls, c.at);
        ck_assert_int_eq(e.code, ISCG_ECANCELED);
        ck_assert_msg(strstr(e.text, "aggregation was canceled") != NULL, "%s", e.text);
    }
    iscg_stats_sums *sums = NULL;
    struct canceller never = {0, 0};
    opts.cancel_ctx = &never;
    ck_assert_int_eq(iscg_stats_sums_compute_ext(&sums, s, ISCG_STATS_BY_CARRIER, ISCG_STATS_MONTH, &opts, &e), 0);
    ck_assert_int_ge(never.calls, 2);
    opts.cancel_ctx = &c;
    iscg_stats_sums_free(sums);
    for (int at = 1; at <= 2; at++) {
        c.calls = 0;
        c.at = at;
        ck_assert_int_eq(iscg_stats_sums_compute_ext(&sums, s, ISCG_STATS_BY_POST, ISCG_STATS_HALF_YEAR, &opts, &e),
                         ISCG_ECANCELED);
        ck_assert_ptr_null(sums);
        ck_assert_msg(strstr(e.text, "sums was canceled") != NULL, "%s", e.text);
    }
    /* no options: never canceled; options not made from the _INIT macro: refused */
    ck_assert_int_eq(iscg_stats_aggregate_ext(&t, s, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP, NULL, &e), 0);
    iscg_stats_table_free(t);
    iscg_stats_options zero = {0, NULL, NULL};
    ck_assert_int_eq(iscg_stats_aggregate_ext(&t, s, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP, &zero, &e),
                     ISCG_EINVAL);
    ck_assert_str_eq(e.field, "version");
    ck_assert_int_eq(iscg_stats_sums_compute_ext(&sums, s, ISCG_STATS_BY_ALL, ISCG_STATS_YEAR, &zero, &e), ISCG_EINVAL);
    iscg_stats_free(s);
}
END_TEST

/* CAL-3, STAT-1: a cadence and a granularity are one period kind, described
 * once: each member's months, statistics name and cadence spelling read
 * back; the older names are the same members; ISCG_PERIOD_NONE (the cadence
 * under which nothing is due) is no granularity, and every entry point that
 * takes one refuses it with ISCG_EINVAL and a sentence naming the field, so
 * that a zeroed record or column is refused instead of meaning "monthly". */
START_TEST(test_cal3_stat1_one_period_kind)
{
    static const struct {
        iscg_period_kind kind;
        int months;
        const char *name, *cadence;
    } kinds[] = {
        {ISCG_PERIOD_NONE, 0, NULL, "NONE"},
        {ISCG_PERIOD_MONTH, 1, "MONTH", "MONTHLY"},
        {ISCG_PERIOD_QUARTER, 3, "QUARTER", "QUARTERLY"},
        {ISCG_PERIOD_HALF_YEAR, 6, "HALF_YEAR", "SEMESTRIAL"},
        {ISCG_PERIOD_YEAR, 12, "YEAR", "ANNUAL"},
    };
    iscg_error e;
    ck_assert_int_eq(sizeof kinds / sizeof kinds[0], ISCG_PERIOD_KIND_COUNT);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        iscg_period_kind k = kinds[i].kind, back = ISCG_PERIOD_KIND_COUNT;
        ck_assert_int_eq((int)k, (int)i);
        ck_assert_int_eq(iscg_period_kind_months(k), kinds[i].months);
        ck_assert_int_eq(iscg_cadence_months(k), kinds[i].months);
        ck_assert_str_eq(iscg_cadence_name(k), kinds[i].cadence);
        ck_assert_int_eq(iscg_cadence_parse(&back, kinds[i].cadence, NULL), 0);
        ck_assert_int_eq(back, k);
        if (!kinds[i].name) { /* NONE: a cadence, no granularity */
            ck_assert_ptr_null(iscg_period_kind_name(k));
            ck_assert_int_eq(iscg_period_kind_parse(&back, "NONE", &e), ISCG_EPARSE);
            ck_assert_str_eq(e.text, "\"NONE\" is not a granularity: give one of MONTH, QUARTER, HALF_YEAR, YEAR");
            continue;
        }
        ck_assert_str_eq(iscg_period_kind_name(k), kinds[i].name);
        ck_assert_str_eq(iscg_stats_granularity_name(k), kinds[i].name);
        back = ISCG_PERIOD_NONE;
        ck_assert_int_eq(iscg_period_kind_parse(&back, kinds[i].name, NULL), 0);
        ck_assert_int_eq(back, k);
        back = ISCG_PERIOD_NONE;
        ck_assert_int_eq(iscg_stats_granularity_parse(&back, kinds[i].name, NULL), 0);
        ck_assert_int_eq(back, k);
        /* the first period of the kind in a year spans its months, and is of that kind */
        iscg_period p, want;
        iscg_stats_granularity g = ISCG_PERIOD_NONE;
        ck_assert_int_eq(iscg_stats_period(&p, k, 2023, 1, NULL), 0);
        ck_assert_int_eq(iscg_period_from_months(&want, p.start, kinds[i].months, NULL), 0);
        ck_assert_int_eq(iscg_date_compare(p.end, want.end), 0);
        ck_assert_int_eq(iscg_stats_period_granularity(&g, p), 0);
        ck_assert_int_eq(g, k);
    }
    ck_assert_int_eq(iscg_period_kind_months((iscg_period_kind)ISCG_PERIOD_KIND_COUNT), ISCG_EINVAL);
    ck_assert_int_eq(iscg_period_kind_months((iscg_period_kind)-1), ISCG_EINVAL);
    ck_assert_ptr_null(iscg_period_kind_name((iscg_period_kind)ISCG_PERIOD_KIND_COUNT));
    ck_assert_ptr_null(iscg_cadence_name((iscg_cadence)ISCG_PERIOD_KIND_COUNT));

    /* the older names, kept on purpose here: the same members, and both
     * spellings of one member read as that member */
    ck_assert_int_eq(ISCG_CADENCE_NONE, ISCG_PERIOD_NONE);
    ck_assert_int_eq(ISCG_CADENCE_MONTHLY, ISCG_PERIOD_MONTH);
    ck_assert_int_eq(ISCG_CADENCE_QUARTERLY, ISCG_PERIOD_QUARTER);
    ck_assert_int_eq(ISCG_CADENCE_SEMESTRIAL, ISCG_PERIOD_HALF_YEAR);
    ck_assert_int_eq(ISCG_CADENCE_ANNUAL, ISCG_PERIOD_YEAR);
    ck_assert_int_eq(ISCG_STATS_MONTH, ISCG_PERIOD_MONTH);
    ck_assert_int_eq(ISCG_STATS_QUARTER, ISCG_PERIOD_QUARTER);
    ck_assert_int_eq(ISCG_STATS_HALF_YEAR, ISCG_PERIOD_HALF_YEAR);
    ck_assert_int_eq(ISCG_STATS_YEAR, ISCG_PERIOD_YEAR);
    ck_assert_int_eq(ISCG_CADENCE_COUNT, ISCG_PERIOD_KIND_COUNT);
    ck_assert_int_eq(ISCG_STATS_GRANULARITY_COUNT, 4);
    iscg_cadence cadence = ISCG_CADENCE_NONE;
    iscg_stats_granularity granularity = ISCG_PERIOD_NONE;
    ck_assert_int_eq(iscg_cadence_parse(&cadence, "semestriel", NULL), 0);
    ck_assert_int_eq(iscg_stats_granularity_parse(&granularity, "HALF_YEAR", NULL), 0);
    ck_assert_int_eq(cadence, granularity);
    ck_assert_int_eq(cadence, ISCG_CADENCE_SEMESTRIAL);
    ck_assert_int_eq(granularity, ISCG_STATS_HALF_YEAR);

    /* NONE as a granularity: refused by every entry point, the field named */
    iscg_period p;
    ck_assert_int_eq(iscg_stats_period(&p, ISCG_PERIOD_NONE, 2023, 1, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "granularity");
    ck_assert_str_eq(e.text, "granularity 0 is not a member");
    iscg_stats *s;
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    iscg_activity a = from_row(&annex1[0], 2022);
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), 0);
    iscg_stats_table *t = NULL;
    ck_assert_int_eq(iscg_stats_aggregate(&t, s, ISCG_STATS_BY_POST, ISCG_PERIOD_NONE, ISCG_ROUND_HALF_UP, &e),
                     ISCG_EINVAL);
    ck_assert_str_eq(e.field, "per");
    ck_assert_str_eq(e.text, "granularity 0 is not a member");
    ck_assert_int_eq(iscg_stats_aggregate_ext(&t, s, ISCG_STATS_BY_POST, ISCG_PERIOD_NONE, ISCG_ROUND_HALF_UP, NULL,
                                              &e),
                     ISCG_EINVAL);
    ck_assert_str_eq(e.field, "per");
    ck_assert_ptr_null(t);
    iscg_stats_sums *sums = NULL;
    ck_assert_int_eq(iscg_stats_sums_compute(&sums, s, ISCG_STATS_BY_POST, ISCG_PERIOD_NONE, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "per");
    ck_assert_str_eq(e.text, "granularity 0 is not a member");
    ck_assert_int_eq(iscg_stats_sums_compute_ext(&sums, s, ISCG_STATS_BY_POST, ISCG_PERIOD_NONE, NULL, &e),
                     ISCG_EINVAL);
    ck_assert_str_eq(e.field, "per");
    ck_assert_ptr_null(sums);

    /* a record whose granularity was left at 0: refused, and so is a
     * zero-initialised record, first for its missing post */
    iscg_activity zero;
    memset(&zero, 0, sizeof zero);
    ck_assert_int_eq(iscg_stats_add(s, &zero, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "post");
    zero.post = "ISC Béthune";
    zero.period = YEAR(2023);
    ck_assert_int_eq(iscg_activity_check(&zero, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_add(s, &zero, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "granularity");
    ck_assert_str_eq(e.source, "ISC Béthune");
    ck_assert_str_eq(e.text, "ISC Béthune, 2023: granularity 0 is not MONTH, QUARTER, HALF_YEAR or YEAR");
    a.granularity = ISCG_PERIOD_NONE;
    a.period = YEAR(2023);
    ck_assert_int_eq(iscg_stats_add(s, &a, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "granularity");
    zero.granularity = ISCG_PERIOD_YEAR; /* the same record, of a year */
    ck_assert_int_eq(iscg_activity_check(&zero, &e), 0);

    /* the column ingest: a granularity column of 0s */
    static const char *const posts[] = {"ISC Béthune"};
    iscg_stats_columns c = ISCG_STATS_COLUMNS_INIT;
    c.post.names = posts;
    c.post.count = 1;
    c.post.code = 0;
    c.year.value = 2023;
    c.month.value = 1;
    c.granularity.value = ISCG_PERIOD_NONE;
    size_t failed = SIZE_MAX;
    ck_assert_int_eq(iscg_stats_add_columns(s, &c, 3, &failed, &e), ISCG_EINVAL);
    ck_assert_uint_eq(failed, 0);
    ck_assert_str_eq(e.field, "granularity");
    ck_assert_str_eq(e.text, "record 0: ISC Béthune, 2023-01-01..2023-01-01: granularity 0 is not MONTH, QUARTER, "
                             "HALF_YEAR or YEAR");
    ck_assert_uint_eq(iscg_stats_count(s), 1);
    c.granularity.value = ISCG_PERIOD_YEAR; /* ISCG_STATS_COLUMNS_INIT's */
    ck_assert_int_eq(iscg_stats_add_columns(s, &c, 1, &failed, &e), 0);
    ck_assert_uint_eq(iscg_stats_count(s), 2);
    iscg_stats_free(s);

    /* a stated total of no granularity (STAT-7) */
    iscg_dataset *ds = NULL;
    ck_assert_int_eq(iscg_dataset_new(&ds, "t", &e), 0);
    iscg_stated st = ISCG_STATED_INIT;
    st.from = (iscg_date){2022, 1, 1};
    st.to = (iscg_date){2022, 12, 31};
    st.total = 1;
    st.granularity = ISCG_PERIOD_NONE;
    ck_assert_int_eq(iscg_dataset_add_stated(ds, &st, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "granularity");
    ck_assert_str_eq(e.text, "stated total: 0 is not a granularity");
    iscg_dataset_free(ds);
}
END_TEST

Suite *suite_stats(void)
{
    Suite *s = suite_create("stats");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_stat1_annex1_records);
    tcase_add_test(tc, test_stat1_records_kept_exactly);
    tcase_add_test(tc, test_stat3_sums_annex1);
    tcase_add_test(tc, test_stat3_sums_errors);
    tcase_add_test(tc, test_stat1_periods);
    tcase_add_test(tc, test_cal3_stat1_one_period_kind);
    tcase_add_test(tc, test_stat2_parts_must_add_up);
    tcase_add_test(tc, test_stat2_series_total);
    tcase_add_test(tc, test_stat2_bad_input);
    tcase_add_test(tc, test_stat3_annex1_totals);
    tcase_add_test(tc, test_stat3_groups);
    tcase_add_test(tc, test_stat3_period_rollup);
    tcase_add_test(tc, test_stat3_year_over_year);
    tcase_add_test(tc, test_stat4_not_reported_annex1);
    tcase_add_test(tc, test_stat4_missing_months);
    tcase_add_test(tc, test_stat5_weighted_vif);
    tcase_add_test(tc, test_stat6_rates);
    tcase_add_test(tc, test_priv1_suppression);
    tcase_add_test(tc, test_priv1_zero_shown);
    tcase_add_test(tc, test_stat3_many_posts_in_one_row);
    tcase_add_test(tc, test_stat3_total_overflows);
    tcase_add_test(tc, test_stat5_edges);
    suite_add_tcase(s, tc);
    /* the tests over tens of thousands of posts: about 3 s alone and 6 s on a
     * loaded machine, more under valgrind or the sanitizers: past Check's
     * default 4 s, which made distcheck flaky (the wide rows once timed out
     * under a load average of 17) */
    TCase *random = tcase_create("random");
    tcase_set_timeout(random, 300);
    tcase_add_test(random, test_stat3_sums_random);
    tcase_add_test(random, test_stat3_sums_wide_rows); /* 70 000 posts: seconds on a loaded machine */
    tcase_add_test(random, test_stat3_compact_same_as_wide);
    tcase_add_test(random, test_stat3_aggregation_canceled);
    suite_add_tcase(s, random);
    return s;
}
