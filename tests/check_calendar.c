/* SPDX-License-Identifier: Apache-2.0 */
/* The calendar of a convention: CAL-1, CAL-2, CAL-3, RCV-2. The periods and
 * clauses are those of the conventions of CP2023 (annexes 3 to 17). */
#include <string.h>

#include <iscg.h>

#include "suites.h"

static iscg_date D(int y, int m, int d)
{
    iscg_date out = {y, m, d};
    return out;
}

static iscg_period P(iscg_date start, iscg_date end)
{
    iscg_period p = {start, end};
    return p;
}

#define ck_assert_date(got, y, m, d) ck_assert_int_eq(iscg_date_compare((got), D(y, m, d)), 0)

/* CAL-1: the conventions' periods. */
static iscg_period bethune(void) /* annex 3, art. 12: 3 Dec 2022 - 2 Dec 2023 */
{
    iscg_period p;
    ck_assert_int_eq(iscg_period_from_months(&p, D(2022, 12, 3), 12, NULL), 0);
    return p;
}

static iscg_period le_portel(void) /* annex 5, art. 11: one year from 5 Jan 2023 */
{
    iscg_period p;
    ck_assert_int_eq(iscg_period_from_months(&p, D(2023, 1, 5), 12, NULL), 0);
    return p;
}

static iscg_period year_2023(void) /* annexes 8, 10-12, 14-17 */
{
    return P(D(2023, 1, 1), D(2023, 12, 31));
}

static iscg_period osartis(void) /* annex 13, art. 13 */
{
    return P(D(2023, 9, 1), D(2023, 12, 31));
}

/* RCV-2, CAL-2, CAL-3: France Victimes 62 posts (annexes 14-17). */
static iscg_clauses france_victimes(void)
{
    iscg_clauses c;
    memset(&c, 0, sizeof c);
    c.notice_months = 3;       /* art. 11 "délai de préavis de 3 mois" */
    c.denunciation_months = 3; /* art. 11 "trois mois avant la date d'expiration" */
    c.has_request_deadline = 1;
    c.request_deadline = D(2023, 2, 28); /* "au plus tard le 28 février 2023" */
    c.has_payment_deadline = 1;
    c.payment_deadline = D(2023, 7, 31); /* "au plus tard le 31 juillet 2023" */
    c.instalments = 1;                   /* "en une seule fois" */
    c.interim_summaries = ISCG_CADENCE_QUARTERLY; /* "synthèse intermédiaire chaque trimestre" */
    c.annual_report = 1;      /* "bilan d'activité statistique et qualitatif unique" */
    c.steering_committee = 1; /* art. 8: the COPIL meets "tous les ans" */
    return c;
}

/* CAL-2, CAL-3: Département-carried posts (annexes 3-5). */
static iscg_clauses departement_post(void)
{
    iscg_clauses c;
    memset(&c, 0, sizeof c);
    c.notice_months = 3; /* résiliation: "délai de préavis de 3 mois"; no denunciation clause */
    c.activity_reports = ISCG_CADENCE_MONTHLY; /* "compte-rendu mensuel de son activité" */
    c.annual_report = 1;      /* the police's "bilan annuel" of the worker */
    c.steering_committee = 1; /* "comité de pilotage annuel" */
    return c;
}

/* CAL-2, CAL-3: EPCI-carried gendarmerie posts (annexes 8, 11, 12, 13). */
static iscg_clauses epci_gendarmerie(int first_year)
{
    iscg_clauses c;
    memset(&c, 0, sizeof c);
    c.notice_months = 3;       /* "délai de préavis de 3 mois" */
    c.denunciation_months = 3; /* "au moins trois mois avant la date d'expiration" */
    c.activity_reports = ISCG_CADENCE_SEMESTRIAL; /* "compte-rendu semestriel d'activité" */
    c.annual_report = 1;      /* the commander's yearly evaluation ("chaque année") */
    c.steering_committee = 1; /* "comité de pilotage et de suivi annuel" */
    /* annexes 11, 13: "Pour la première année, le comité de pilotage se réunira
     * au terme du 1er semestre d'exercice" */
    c.first_steering_months = first_year ? 6 : 0;
    return c;
}

START_TEST(test_cadence_names)
{
    iscg_cadence c;
    for (int i = 0; i < ISCG_CADENCE_COUNT; i++) {
        const char *name = iscg_cadence_name((iscg_cadence)i);
        ck_assert_ptr_nonnull(name);
        ck_assert_int_eq(iscg_cadence_parse(&c, name, NULL), 0);
        ck_assert_int_eq(c, i);
    }
    ck_assert_str_eq(iscg_cadence_name(ISCG_CADENCE_SEMESTRIAL), "SEMESTRIAL");
    ck_assert_ptr_null(iscg_cadence_name((iscg_cadence)ISCG_CADENCE_COUNT));
    ck_assert_ptr_null(iscg_cadence_name((iscg_cadence)-1));
    /* the conventions' own words, any case */
    ck_assert_int_eq(iscg_cadence_parse(&c, "semestriel", NULL), 0);
    ck_assert_int_eq(c, ISCG_CADENCE_SEMESTRIAL);
    ck_assert_int_eq(iscg_cadence_parse(&c, "Mensuel", NULL), 0);
    ck_assert_int_eq(c, ISCG_CADENCE_MONTHLY);
    ck_assert_int_eq(iscg_cadence_parse(&c, "TRIMESTRIEL", NULL), 0);
    ck_assert_int_eq(c, ISCG_CADENCE_QUARTERLY);
    ck_assert_int_eq(iscg_cadence_parse(&c, "annuel", NULL), 0);
    ck_assert_int_eq(c, ISCG_CADENCE_ANNUAL);
    ck_assert_int_eq(iscg_cadence_parse(&c, "weekly", NULL), ISCG_EPARSE);
    ck_assert_int_eq(iscg_cadence_parse(&c, "", NULL), ISCG_EPARSE);
    ck_assert_int_eq(iscg_cadence_parse(NULL, "MONTHLY", NULL), ISCG_EINVAL);
    ck_assert_int_eq(iscg_cadence_parse(&c, NULL, NULL), ISCG_EINVAL);

    ck_assert_int_eq(iscg_cadence_months(ISCG_CADENCE_NONE), 0);
    ck_assert_int_eq(iscg_cadence_months(ISCG_CADENCE_MONTHLY), 1);
    ck_assert_int_eq(iscg_cadence_months(ISCG_CADENCE_QUARTERLY), 3);
    ck_assert_int_eq(iscg_cadence_months(ISCG_CADENCE_SEMESTRIAL), 6);
    ck_assert_int_eq(iscg_cadence_months(ISCG_CADENCE_ANNUAL), 12);
    ck_assert_int_eq(iscg_cadence_months((iscg_cadence)ISCG_CADENCE_COUNT), ISCG_EINVAL);
    ck_assert_int_eq(iscg_cadence_months((iscg_cadence)-1), ISCG_EINVAL);
}
END_TEST

START_TEST(test_deadline_kind_names)
{
    iscg_deadline_kind k;
    for (int i = 0; i < ISCG_DEADLINE_KIND_COUNT; i++) {
        const char *name = iscg_deadline_kind_name((iscg_deadline_kind)i);
        ck_assert_ptr_nonnull(name);
        ck_assert_int_eq(iscg_deadline_kind_parse(&k, name, NULL), 0);
        ck_assert_int_eq(k, i);
    }
    ck_assert_str_eq(iscg_deadline_kind_name(ISCG_DEADLINE_DENUNCIATION), "DENUNCIATION");
    ck_assert_str_eq(iscg_deadline_kind_name(ISCG_DEADLINE_EXPIRY), "EXPIRY");
    ck_assert_ptr_null(iscg_deadline_kind_name((iscg_deadline_kind)ISCG_DEADLINE_KIND_COUNT));
    ck_assert_ptr_null(iscg_deadline_kind_name((iscg_deadline_kind)-1));
    ck_assert_int_eq(iscg_deadline_kind_parse(&k, "report_interim", NULL), 0);
    ck_assert_int_eq(k, ISCG_DEADLINE_REPORT_INTERIM);
    ck_assert_int_eq(iscg_deadline_kind_parse(&k, "REPORT", NULL), ISCG_EPARSE);
    ck_assert_int_eq(iscg_deadline_kind_parse(NULL, "EXPIRY", NULL), ISCG_EINVAL);
    ck_assert_int_eq(iscg_deadline_kind_parse(&k, NULL, NULL), ISCG_EINVAL);
}
END_TEST

/* CAL-2: "dénoncée ... au moins trois mois avant la date d'expiration". */
START_TEST(test_cal2_last_denunciation_day)
{
    iscg_date d;
    iscg_error e;
    /* Ternois, CCCA, CCSA (annexes 8, 11, 12) and the France Victimes 62
     * posts (annexes 14-17) expire on 31 December 2023: 30 September 2023. */
    ck_assert_int_eq(iscg_calendar_last_denunciation_day(&d, year_2023(), 3, &e), 0);
    ck_assert_date(d, 2023, 9, 30);
    /* Osartis Marquion (annex 13), 2023-09-01..2023-12-31: its only month
     * to denounce is September. */
    ck_assert_int_eq(iscg_calendar_last_denunciation_day(&d, osartis(), 3, &e), 0);
    ck_assert_date(d, 2023, 9, 30);
    /* Periods that end mid-month keep the day number: Béthune's period
     * (annex 3) and Le Portel's (annex 5), were they to carry the clause. */
    ck_assert_int_eq(iscg_calendar_last_denunciation_day(&d, bethune(), 3, &e), 0);
    ck_assert_date(d, 2023, 9, 2);
    ck_assert_int_eq(iscg_calendar_last_denunciation_day(&d, le_portel(), 3, &e), 0);
    ck_assert_date(d, 2023, 10, 4);
    /* Boulogne police station (annex 4) ends 30 November: 30 August. */
    ck_assert_int_eq(
        iscg_calendar_last_denunciation_day(&d, P(D(2022, 12, 1), D(2023, 11, 30)), 3, &e), 0);
    ck_assert_date(d, 2023, 8, 30);
    /* a day the month lacks falls back to its last day */
    ck_assert_int_eq(
        iscg_calendar_last_denunciation_day(&d, P(D(2023, 6, 1), D(2024, 5, 31)), 3, &e), 0);
    ck_assert_date(d, 2024, 2, 29);
    /* no delay: the expiry itself; a delay longer than the convention falls
     * before its start, and is returned as such */
    ck_assert_int_eq(iscg_calendar_last_denunciation_day(&d, osartis(), 0, &e), 0);
    ck_assert_date(d, 2023, 12, 31);
    ck_assert_int_eq(iscg_calendar_last_denunciation_day(&d, osartis(), 6, &e), 0);
    ck_assert_date(d, 2023, 6, 30);

    /* bad input */
    ck_assert_int_eq(iscg_calendar_last_denunciation_day(NULL, osartis(), 3, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "out");
    ck_assert_int_eq(iscg_calendar_last_denunciation_day(&d, osartis(), -1, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "months");
    ck_assert_int_eq(
        iscg_calendar_last_denunciation_day(&d, P(D(2023, 12, 31), D(2023, 9, 1)), 3, &e),
        ISCG_EDATE);
    ck_assert_str_eq(e.field, "convention");
    ck_assert_int_eq(
        iscg_calendar_last_denunciation_day(&d, P(D(2023, 1, 1), D(2023, 2, 29)), 3, &e),
        ISCG_EDATE);
    ck_assert_int_eq(iscg_calendar_last_denunciation_day(&d, P(D(1, 1, 1), D(1, 2, 1)), 3, &e),
                     ISCG_EDATE);
    ck_assert_str_eq(e.field, "months");
    ck_assert_int_eq(iscg_calendar_last_denunciation_day(&d, osartis(), 3, NULL), 0);
}
END_TEST

/* CAL-2: "résiliation ... moyennant le respect d'un délai de préavis de 3 mois". */
START_TEST(test_cal2_termination_date)
{
    iscg_date d;
    iscg_error e;
    int first = -1;
    /* Béthune police station (annex 3, art. 14), 2022-12-03..2023-12-02 */
    ck_assert_int_eq(iscg_calendar_termination_date(&d, &first, D(2023, 3, 15), 3, bethune(), &e),
                     0);
    ck_assert_date(d, 2023, 6, 15);
    ck_assert_int_eq(first, 0);
    /* the last notice that still shortens it, and the first that does not */
    ck_assert_int_eq(iscg_calendar_termination_date(&d, &first, D(2023, 9, 2), 3, bethune(), &e),
                     0);
    ck_assert_date(d, 2023, 12, 2);
    ck_assert_int_eq(first, 0);
    ck_assert_int_eq(iscg_calendar_termination_date(&d, &first, D(2023, 9, 3), 3, bethune(), &e),
                     0);
    ck_assert_date(d, 2023, 12, 2);
    ck_assert_int_eq(first, 1);
    /* Le Portel (annex 5, art. 13), 2023-01-05..2024-01-04 */
    ck_assert_int_eq(
        iscg_calendar_termination_date(&d, &first, D(2023, 10, 4), 3, le_portel(), &e), 0);
    ck_assert_date(d, 2024, 1, 4);
    ck_assert_int_eq(first, 0);
    /* CCSA (annex 12, art. 13): "à tout moment"; 31 March + 3 months is 30 June */
    ck_assert_int_eq(
        iscg_calendar_termination_date(&d, &first, D(2023, 3, 31), 3, year_2023(), &e), 0);
    ck_assert_date(d, 2023, 6, 30);
    ck_assert_int_eq(first, 0);
    /* CABBALR gendarmerie (annex 9, art. 12) states no notice: immediate */
    ck_assert_int_eq(
        iscg_calendar_termination_date(&d, &first, D(2023, 5, 10), 0, year_2023(), &e), 0);
    ck_assert_date(d, 2023, 5, 10);
    ck_assert_int_eq(first, 0);
    /* expires_first is optional */
    ck_assert_int_eq(iscg_calendar_termination_date(&d, NULL, D(2023, 11, 1), 3, osartis(), &e),
                     0);
    ck_assert_date(d, 2023, 12, 31);
    /* at the end of the calendar the convention expires first */
    ck_assert_int_eq(iscg_calendar_termination_date(&d, &first, D(9999, 12, 1), 3,
                                                    P(D(9999, 1, 1), D(9999, 12, 31)), &e),
                     0);
    ck_assert_date(d, 9999, 12, 31);
    ck_assert_int_eq(first, 1);

    /* a notice outside the convention */
    ck_assert_int_eq(iscg_calendar_termination_date(&d, &first, D(2023, 12, 3), 3, bethune(), &e),
                     ISCG_ERANGE);
    ck_assert_str_eq(e.field, "notice_given");
    ck_assert_ptr_nonnull(strstr(e.text, "2023-12-03"));
    ck_assert_ptr_nonnull(strstr(e.text, "2022-12-03"));
    ck_assert_ptr_nonnull(strstr(e.text, "2023-12-02"));
    ck_assert_int_eq(iscg_calendar_termination_date(&d, &first, D(2023, 8, 31), 3, osartis(), &e),
                     ISCG_ERANGE);
    /* bad input */
    ck_assert_int_eq(iscg_calendar_termination_date(NULL, &first, D(2023, 3, 1), 3, osartis(), &e),
                     ISCG_EINVAL);
    ck_assert_str_eq(e.field, "out");
    ck_assert_int_eq(iscg_calendar_termination_date(&d, &first, D(2023, 10, 1), -3, osartis(), &e),
                     ISCG_EINVAL);
    ck_assert_str_eq(e.field, "notice_months");
    ck_assert_int_eq(iscg_calendar_termination_date(&d, &first, D(2023, 2, 29), 3, year_2023(), &e),
                     ISCG_EDATE);
    ck_assert_str_eq(e.field, "notice_given");
    ck_assert_str_eq(e.text, "the notice_given 2023-02-29 is not a date");
    ck_assert_int_eq(iscg_calendar_termination_date(&d, &first, D(2023, 10, 1), 3,
                                                    P(D(2023, 12, 31), D(2023, 1, 1)), &e),
                     ISCG_EDATE);
    ck_assert_str_eq(e.field, "convention");
}
END_TEST

/* CAL-3: reports fall due at the end of each calendar reporting period. */
START_TEST(test_cal3_report_dues)
{
    iscg_date dues[16];
    size_t n = 0;
    iscg_error e;
    /* Béthune police station (annex 3, art. 4): "compte-rendu mensuel"; the
     * period starts on 3 December and ends on 2 December: 13 months touched */
    ck_assert_int_eq(iscg_calendar_report_dues(dues, 16, &n, bethune(), ISCG_CADENCE_MONTHLY, &e),
                     0);
    ck_assert_uint_eq(n, 13);
    ck_assert_date(dues[0], 2022, 12, 31);
    ck_assert_date(dues[1], 2023, 1, 31);
    ck_assert_date(dues[2], 2023, 2, 28);
    ck_assert_date(dues[11], 2023, 11, 30);
    ck_assert_date(dues[12], 2023, 12, 31);
    /* Boulogne police station (annex 4): 1 Dec 2022 - 30 Nov 2023, 12 months */
    ck_assert_int_eq(iscg_calendar_report_dues(dues, 16, &n, P(D(2022, 12, 1), D(2023, 11, 30)),
                                               ISCG_CADENCE_MONTHLY, &e),
                     0);
    ck_assert_uint_eq(n, 12);
    ck_assert_date(dues[0], 2022, 12, 31);
    ck_assert_date(dues[11], 2023, 11, 30);
    /* Le Portel (annex 5): 5 Jan 2023 - 4 Jan 2024, 13 months touched */
    ck_assert_int_eq(
        iscg_calendar_report_dues(dues, 16, &n, le_portel(), ISCG_CADENCE_MONTHLY, &e), 0);
    ck_assert_uint_eq(n, 13);
    ck_assert_date(dues[0], 2023, 1, 31);
    ck_assert_date(dues[12], 2024, 1, 31);
    /* Ternois, CCCA, CCSA (annexes 8, 11, 12): "compte-rendu semestriel" */
    ck_assert_int_eq(
        iscg_calendar_report_dues(dues, 16, &n, year_2023(), ISCG_CADENCE_SEMESTRIAL, &e), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_date(dues[0], 2023, 6, 30);
    ck_assert_date(dues[1], 2023, 12, 31);
    /* Osartis Marquion (annex 13) from 1 September: the second half-year only */
    ck_assert_int_eq(
        iscg_calendar_report_dues(dues, 16, &n, osartis(), ISCG_CADENCE_SEMESTRIAL, &e), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_date(dues[0], 2023, 12, 31);
    /* France Victimes 62 and CUA (annexes 10, 14-17): "chaque trimestre" */
    ck_assert_int_eq(
        iscg_calendar_report_dues(dues, 16, &n, year_2023(), ISCG_CADENCE_QUARTERLY, &e), 0);
    ck_assert_uint_eq(n, 4);
    ck_assert_date(dues[0], 2023, 3, 31);
    ck_assert_date(dues[1], 2023, 6, 30);
    ck_assert_date(dues[2], 2023, 9, 30);
    ck_assert_date(dues[3], 2023, 12, 31);
    /* CABBALR gendarmerie (annex 9, art. 4) is EPCI-carried yet reports
     * monthly, unlike the other EPCI gendarmerie posts */
    ck_assert_int_eq(
        iscg_calendar_report_dues(dues, 16, &n, year_2023(), ISCG_CADENCE_MONTHLY, &e), 0);
    ck_assert_uint_eq(n, 12);
    /* quarters and years across a year end */
    ck_assert_int_eq(
        iscg_calendar_report_dues(dues, 16, &n, bethune(), ISCG_CADENCE_QUARTERLY, &e), 0);
    ck_assert_uint_eq(n, 5);
    ck_assert_date(dues[0], 2022, 12, 31);
    ck_assert_date(dues[4], 2023, 12, 31);
    ck_assert_int_eq(iscg_calendar_report_dues(dues, 16, &n, bethune(), ISCG_CADENCE_ANNUAL, &e),
                     0);
    ck_assert_uint_eq(n, 2);
    ck_assert_date(dues[0], 2022, 12, 31);
    ck_assert_date(dues[1], 2023, 12, 31);
    /* a one-day convention still has its month */
    ck_assert_int_eq(iscg_calendar_report_dues(dues, 16, &n, P(D(2024, 2, 29), D(2024, 2, 29)),
                                               ISCG_CADENCE_MONTHLY, &e),
                     0);
    ck_assert_uint_eq(n, 1);
    ck_assert_date(dues[0], 2024, 2, 29);
    /* nothing to report */
    n = 99;
    ck_assert_int_eq(iscg_calendar_report_dues(NULL, 0, &n, bethune(), ISCG_CADENCE_NONE, &e), 0);
    ck_assert_uint_eq(n, 0);
    /* the last day of the calendar */
    ck_assert_int_eq(iscg_calendar_report_dues(dues, 16, &n, P(D(9999, 7, 1), D(9999, 12, 31)),
                                               ISCG_CADENCE_MONTHLY, &e),
                     0);
    ck_assert_uint_eq(n, 6);
    ck_assert_date(dues[5], 9999, 12, 31);

    /* too small: the count is still given, the first dues written */
    iscg_date two[2];
    ck_assert_int_eq(iscg_calendar_report_dues(two, 2, &n, bethune(), ISCG_CADENCE_MONTHLY, &e),
                     ISCG_ERANGE);
    ck_assert_uint_eq(n, 13);
    ck_assert_str_eq(e.field, "capacity");
    ck_assert_date(two[0], 2022, 12, 31);
    ck_assert_date(two[1], 2023, 1, 31);
    ck_assert_int_eq(iscg_calendar_report_dues(NULL, 0, &n, bethune(), ISCG_CADENCE_MONTHLY, &e),
                     ISCG_ERANGE);
    ck_assert_uint_eq(n, 13);
    /* bad input */
    ck_assert_int_eq(iscg_calendar_report_dues(dues, 16, NULL, bethune(), ISCG_CADENCE_MONTHLY, &e),
                     ISCG_EINVAL);
    ck_assert_int_eq(iscg_calendar_report_dues(NULL, 4, &n, bethune(), ISCG_CADENCE_MONTHLY, &e),
                     ISCG_EINVAL);
    ck_assert_str_eq(e.field, "dues");
    ck_assert_int_eq(iscg_calendar_report_dues(dues, 16, &n, bethune(),
                                               (iscg_cadence)ISCG_CADENCE_COUNT, &e),
                     ISCG_EINVAL);
    ck_assert_str_eq(e.field, "cadence");
    ck_assert_int_eq(iscg_calendar_report_dues(dues, 16, &n, bethune(), (iscg_cadence)-1, &e),
                     ISCG_EINVAL);
    ck_assert_int_eq(iscg_calendar_report_dues(dues, 16, &n, P(D(2023, 9, 31), D(2023, 12, 31)),
                                               ISCG_CADENCE_MONTHLY, &e),
                     ISCG_EDATE);
    ck_assert_str_eq(e.field, "convention");
}
END_TEST

static void check_deadline(const iscg_deadline *dl, iscg_deadline_kind kind, iscg_date date)
{
    ck_assert_msg(dl->kind == kind && iscg_date_compare(dl->date, date) == 0,
                  "expected %s on %04d-%02d-%02d, got %s on %04d-%02d-%02d",
                  iscg_deadline_kind_name(kind), date.year, date.month, date.day,
                  iscg_deadline_kind_name(dl->kind), dl->date.year, dl->date.month,
                  dl->date.day);
}

/* RCV-2 with CAL-2 and CAL-3: the 2023 calendar of a France Victimes 62 post
 * (annex 14, Calais police district; annexes 15-17 are alike). */
START_TEST(test_rcv2_france_victimes_deadlines)
{
    iscg_deadline dl[16];
    size_t n = 0;
    iscg_error e;
    iscg_clauses c = france_victimes();
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 16, &n, year_2023(), &c, D(2023, 1, 1),
                                             D(2023, 12, 31), &e),
                     0);
    ck_assert_uint_eq(n, 10);
    check_deadline(&dl[0], ISCG_DEADLINE_REQUEST, D(2023, 2, 28));
    check_deadline(&dl[1], ISCG_DEADLINE_REPORT_INTERIM, D(2023, 3, 31));
    check_deadline(&dl[2], ISCG_DEADLINE_REPORT_INTERIM, D(2023, 6, 30));
    check_deadline(&dl[3], ISCG_DEADLINE_PAYMENT, D(2023, 7, 31));
    /* same day: in the order of the kinds */
    check_deadline(&dl[4], ISCG_DEADLINE_DENUNCIATION, D(2023, 9, 30));
    check_deadline(&dl[5], ISCG_DEADLINE_REPORT_INTERIM, D(2023, 9, 30));
    check_deadline(&dl[6], ISCG_DEADLINE_REPORT_INTERIM, D(2023, 12, 31));
    check_deadline(&dl[7], ISCG_DEADLINE_REPORT_ANNUAL, D(2023, 12, 31));
    check_deadline(&dl[8], ISCG_DEADLINE_STEERING, D(2023, 12, 31));
    check_deadline(&dl[9], ISCG_DEADLINE_EXPIRY, D(2023, 12, 31));
    /* what each concerns */
    ck_assert_date(dl[0].covers.start, 2023, 1, 1);
    ck_assert_date(dl[0].covers.end, 2023, 12, 31);
    ck_assert_date(dl[5].covers.start, 2023, 7, 1);
    ck_assert_date(dl[5].covers.end, 2023, 9, 30);
    ck_assert_date(dl[7].covers.start, 2023, 1, 1);
    ck_assert_date(dl[7].covers.end, 2023, 12, 31);

    /* the summer window: payment, denunciation, third-quarter summary */
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 16, &n, year_2023(), &c, D(2023, 7, 1),
                                             D(2023, 9, 30), &e),
                     0);
    ck_assert_uint_eq(n, 3);
    check_deadline(&dl[0], ISCG_DEADLINE_PAYMENT, D(2023, 7, 31));
    check_deadline(&dl[1], ISCG_DEADLINE_DENUNCIATION, D(2023, 9, 30));
    check_deadline(&dl[2], ISCG_DEADLINE_REPORT_INTERIM, D(2023, 9, 30));
    /* a one-day window */
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 16, &n, year_2023(), &c, D(2023, 2, 28),
                                             D(2023, 2, 28), &e),
                     0);
    ck_assert_uint_eq(n, 1);
    check_deadline(&dl[0], ISCG_DEADLINE_REQUEST, D(2023, 2, 28));
    /* after the expiry, nothing */
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 16, &n, year_2023(), &c, D(2024, 1, 1),
                                             D(2024, 12, 31), &e),
                     0);
    ck_assert_uint_eq(n, 0);

    /* too small: the earliest ones, and the full count */
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 4, &n, year_2023(), &c, D(2023, 1, 1),
                                             D(2023, 12, 31), &e),
                     ISCG_ERANGE);
    ck_assert_uint_eq(n, 10);
    ck_assert_str_eq(e.field, "capacity");
    check_deadline(&dl[0], ISCG_DEADLINE_REQUEST, D(2023, 2, 28));
    check_deadline(&dl[3], ISCG_DEADLINE_PAYMENT, D(2023, 7, 31));
    ck_assert_int_eq(iscg_calendar_deadlines(NULL, 0, &n, year_2023(), &c, D(2023, 1, 1),
                                             D(2023, 12, 31), &e),
                     ISCG_ERANGE);
    ck_assert_uint_eq(n, 10);
}
END_TEST

/* CAL-3: monthly reports across a year end, and the yearly items at the end
 * of the convention's year (Béthune police station, annex 3). */
START_TEST(test_cal3_departement_post_deadlines)
{
    iscg_deadline dl[20];
    size_t n = 0;
    iscg_error e;
    iscg_clauses c = departement_post();
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 20, &n, bethune(), &c, D(2022, 1, 1),
                                             D(2024, 12, 31), &e),
                     0);
    ck_assert_uint_eq(n, 16); /* 13 monthly reports, yearly report, committee, expiry */
    check_deadline(&dl[0], ISCG_DEADLINE_REPORT_ACTIVITY, D(2022, 12, 31));
    ck_assert_date(dl[0].covers.start, 2022, 12, 3);
    ck_assert_date(dl[0].covers.end, 2022, 12, 31);
    check_deadline(&dl[11], ISCG_DEADLINE_REPORT_ACTIVITY, D(2023, 11, 30));
    check_deadline(&dl[12], ISCG_DEADLINE_REPORT_ANNUAL, D(2023, 12, 2));
    check_deadline(&dl[13], ISCG_DEADLINE_STEERING, D(2023, 12, 2));
    check_deadline(&dl[14], ISCG_DEADLINE_EXPIRY, D(2023, 12, 2));
    /* the December report covers the two days left */
    check_deadline(&dl[15], ISCG_DEADLINE_REPORT_ACTIVITY, D(2023, 12, 31));
    ck_assert_date(dl[15].covers.start, 2023, 12, 1);
    ck_assert_date(dl[15].covers.end, 2023, 12, 2);
    /* no denunciation clause in annexes 3-5: no such deadline */
    for (size_t i = 0; i < n; i++)
        ck_assert_int_ne(dl[i].kind, ISCG_DEADLINE_DENUNCIATION);

    /* Le Portel (annex 5) the same, one year from 5 January 2023 */
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 20, &n, le_portel(), &c, D(2023, 1, 1),
                                             D(2024, 12, 31), &e),
                     0);
    ck_assert_uint_eq(n, 16);
    check_deadline(&dl[0], ISCG_DEADLINE_REPORT_ACTIVITY, D(2023, 1, 31));
    check_deadline(&dl[12], ISCG_DEADLINE_REPORT_ANNUAL, D(2024, 1, 4));
    check_deadline(&dl[14], ISCG_DEADLINE_EXPIRY, D(2024, 1, 4));
    check_deadline(&dl[15], ISCG_DEADLINE_REPORT_ACTIVITY, D(2024, 1, 31));
}
END_TEST

/* CAL-2, CAL-3: EPCI gendarmerie posts, semestrial reports. Osartis Marquion
 * (annex 13) is the post's first year: its first committee meets after the
 * first half-year of activity, which ends after the convention does. */
START_TEST(test_cal3_epci_gendarmerie_deadlines)
{
    iscg_deadline dl[16];
    size_t n = 0;
    iscg_error e;
    iscg_clauses c = epci_gendarmerie(1);
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 16, &n, osartis(), &c, D(2023, 1, 1),
                                             D(2024, 12, 31), &e),
                     0);
    ck_assert_uint_eq(n, 6);
    check_deadline(&dl[0], ISCG_DEADLINE_DENUNCIATION, D(2023, 9, 30));
    check_deadline(&dl[1], ISCG_DEADLINE_REPORT_ACTIVITY, D(2023, 12, 31));
    ck_assert_date(dl[1].covers.start, 2023, 9, 1);
    check_deadline(&dl[2], ISCG_DEADLINE_REPORT_ANNUAL, D(2023, 12, 31));
    check_deadline(&dl[3], ISCG_DEADLINE_STEERING, D(2023, 12, 31));
    check_deadline(&dl[4], ISCG_DEADLINE_EXPIRY, D(2023, 12, 31));
    check_deadline(&dl[5], ISCG_DEADLINE_STEERING, D(2024, 2, 29));
    ck_assert_date(dl[5].covers.start, 2023, 9, 1);
    ck_assert_date(dl[5].covers.end, 2023, 12, 31);

    /* Ternois (annex 8), 2023: two half-years */
    c = epci_gendarmerie(0);
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 16, &n, year_2023(), &c, D(2023, 1, 1),
                                             D(2023, 12, 31), &e),
                     0);
    ck_assert_uint_eq(n, 6);
    check_deadline(&dl[0], ISCG_DEADLINE_REPORT_ACTIVITY, D(2023, 6, 30));
    check_deadline(&dl[1], ISCG_DEADLINE_DENUNCIATION, D(2023, 9, 30));
    check_deadline(&dl[2], ISCG_DEADLINE_REPORT_ACTIVITY, D(2023, 12, 31));
    check_deadline(&dl[5], ISCG_DEADLINE_EXPIRY, D(2023, 12, 31));

    /* CUA (annex 10): quarterly summaries and a single report, a technical
     * committee "autant de fois que nécessaire" but no yearly steering one */
    memset(&c, 0, sizeof c);
    c.denunciation_months = 3;
    c.interim_summaries = ISCG_CADENCE_QUARTERLY;
    c.annual_report = 1;
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 16, &n, year_2023(), &c, D(2023, 1, 1),
                                             D(2023, 12, 31), &e),
                     0);
    ck_assert_uint_eq(n, 7);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_ne(dl[i].kind, ISCG_DEADLINE_STEERING);
}
END_TEST

/* CAL-1, CAL-3: a convention of several years counts its years from its
 * start; the last one is cut at its end. */
START_TEST(test_cal1_multi_year_deadlines)
{
    iscg_deadline dl[16];
    size_t n = 0;
    iscg_error e;
    iscg_clauses c;
    memset(&c, 0, sizeof c);
    c.annual_report = 1;
    c.steering_committee = 1;
    iscg_period p = P(D(2023, 1, 5), D(2025, 7, 4));
    ck_assert_int_eq(
        iscg_calendar_deadlines(dl, 16, &n, p, &c, D(2023, 1, 1), D(2025, 12, 31), &e), 0);
    ck_assert_uint_eq(n, 7);
    check_deadline(&dl[0], ISCG_DEADLINE_REPORT_ANNUAL, D(2024, 1, 4));
    check_deadline(&dl[1], ISCG_DEADLINE_STEERING, D(2024, 1, 4));
    ck_assert_date(dl[1].covers.start, 2023, 1, 5);
    check_deadline(&dl[2], ISCG_DEADLINE_REPORT_ANNUAL, D(2025, 1, 4));
    ck_assert_date(dl[2].covers.start, 2024, 1, 5);
    ck_assert_date(dl[2].covers.end, 2025, 1, 4);
    check_deadline(&dl[4], ISCG_DEADLINE_REPORT_ANNUAL, D(2025, 7, 4));
    ck_assert_date(dl[4].covers.start, 2025, 1, 5);
    check_deadline(&dl[6], ISCG_DEADLINE_EXPIRY, D(2025, 7, 4));
    /* from 29 February the years end on 28 February, without drifting */
    p = P(D(2024, 2, 29), D(2027, 2, 28));
    ck_assert_int_eq(
        iscg_calendar_deadlines(dl, 16, &n, p, &c, D(2024, 1, 1), D(2027, 12, 31), &e), 0);
    ck_assert_uint_eq(n, 7);
    check_deadline(&dl[0], ISCG_DEADLINE_REPORT_ANNUAL, D(2025, 2, 28));
    check_deadline(&dl[2], ISCG_DEADLINE_REPORT_ANNUAL, D(2026, 2, 28));
    check_deadline(&dl[4], ISCG_DEADLINE_REPORT_ANNUAL, D(2027, 2, 28));
    /* a convention that ends on the calendar's last day */
    p = P(D(9998, 1, 1), D(9999, 12, 31));
    c.activity_reports = ISCG_CADENCE_SEMESTRIAL;
    ck_assert_int_eq(
        iscg_calendar_deadlines(dl, 16, &n, p, &c, D(9998, 1, 1), D(9999, 12, 31), &e), 0);
    ck_assert_uint_eq(n, 9); /* 4 half-years, 2 x (report, committee), expiry */
    check_deadline(&dl[8], ISCG_DEADLINE_EXPIRY, D(9999, 12, 31));
}
END_TEST

/* Every wrong argument of iscg_calendar_deadlines() is named. */
START_TEST(test_deadlines_bad_input)
{
    iscg_deadline dl[16];
    size_t n = 0;
    iscg_error e;
    iscg_clauses good = france_victimes(), c;
    iscg_period y = year_2023();
    iscg_date from = D(2023, 1, 1), to = D(2023, 12, 31);

    ck_assert_int_eq(iscg_calendar_deadlines(dl, 16, NULL, y, &good, from, to, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_calendar_deadlines(NULL, 3, &n, y, &good, from, to, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "out");
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 16, &n, y, NULL, from, to, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "clauses");

#define BAD_CLAUSE(field_, value_, code_)                                                        \
    do {                                                                                         \
        c = good;                                                                                \
        c.field_ = value_;                                                                       \
        ck_assert_int_eq(iscg_calendar_deadlines(dl, 16, &n, y, &c, from, to, &e), (code_));     \
        ck_assert_str_eq(e.field, #field_);                                                      \
    } while (0)
    BAD_CLAUSE(notice_months, -3, ISCG_EINVAL);
    BAD_CLAUSE(denunciation_months, -3, ISCG_EINVAL);
    BAD_CLAUSE(instalments, -1, ISCG_EINVAL);
    BAD_CLAUSE(first_steering_months, -6, ISCG_EINVAL);
    BAD_CLAUSE(has_request_deadline, 2, ISCG_EINVAL);
    BAD_CLAUSE(has_payment_deadline, -1, ISCG_EINVAL);
    BAD_CLAUSE(annual_report, 7, ISCG_EINVAL);
    BAD_CLAUSE(steering_committee, 2, ISCG_EINVAL);
    BAD_CLAUSE(activity_reports, (iscg_cadence)ISCG_CADENCE_COUNT, ISCG_EINVAL);
    BAD_CLAUSE(interim_summaries, (iscg_cadence)-1, ISCG_EINVAL);
    BAD_CLAUSE(request_deadline, D(2023, 2, 29), ISCG_EDATE);
    ck_assert_str_eq(e.text, "the request_deadline 2023-02-29 is not a date");
    BAD_CLAUSE(payment_deadline, D(2023, 7, 32), ISCG_EDATE);
#undef BAD_CLAUSE
    /* an unused date is not read */
    c = good;
    c.has_payment_deadline = 0;
    c.payment_deadline = D(0, 0, 0);
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 16, &n, y, &c, from, to, &e), 0);
    ck_assert_uint_eq(n, 9);

    ck_assert_int_eq(
        iscg_calendar_deadlines(dl, 16, &n, P(D(2023, 12, 31), D(2023, 1, 1)), &good, from, to, &e),
        ISCG_EDATE);
    ck_assert_str_eq(e.field, "convention");
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 16, &n, y, &good, D(2023, 2, 30), to, &e),
                     ISCG_EDATE);
    ck_assert_str_eq(e.field, "from");
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 16, &n, y, &good, from, D(2023, 13, 1), &e),
                     ISCG_EDATE);
    ck_assert_str_eq(e.field, "to");
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 16, &n, y, &good, to, from, &e), ISCG_EDATE);
    ck_assert_str_eq(e.field, "to");
    ck_assert_ptr_nonnull(strstr(e.text, "before it starts"));
    /* dates the calendar cannot hold */
    c = good;
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 16, &n, P(D(1, 1, 1), D(1, 2, 1)), &c, from, to,
                                             &e),
                     ISCG_EDATE);
    ck_assert_str_eq(e.field, "months");
    c.denunciation_months = 0;
    c.first_steering_months = 6;
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 16, &n, P(D(9999, 10, 1), D(9999, 12, 31)), &c,
                                             from, to, &e),
                     ISCG_EDATE);
    ck_assert_str_eq(e.field, "first_steering_months");
    /* a zeroed struct: only the expiry */
    memset(&c, 0, sizeof c);
    ck_assert_int_eq(iscg_calendar_deadlines(dl, 16, &n, y, &c, from, to, NULL), 0);
    ck_assert_uint_eq(n, 1);
    check_deadline(&dl[0], ISCG_DEADLINE_EXPIRY, D(2023, 12, 31));
}
END_TEST

/* CAL-1: which of the CP2023 conventions expire soon. */
START_TEST(test_cal1_expiring)
{
    const iscg_period conv[6] = {
        bethune(),                         /* 0: annex 3, ends 2023-12-02 */
        P(D(2022, 12, 1), D(2023, 11, 30)), /* 1: annex 4, Boulogne police station */
        le_portel(),                       /* 2: annex 5, ends 2024-01-04 */
        osartis(),                         /* 3: annex 13 */
        year_2023(),                       /* 4: annex 8, Ternois */
        year_2023(),                       /* 5: annex 14, France Victimes 62 Calais */
    };
    size_t idx[6];
    size_t n = 0;
    iscg_error e;
    /* from 30 November 2023, 35 days: all six, by expiry then by index */
    ck_assert_int_eq(iscg_calendar_expiring(idx, 6, &n, conv, 6, D(2023, 11, 30), 35, &e), 0);
    ck_assert_uint_eq(n, 6);
    ck_assert_uint_eq(idx[0], 1);
    ck_assert_uint_eq(idx[1], 0);
    ck_assert_uint_eq(idx[2], 3);
    ck_assert_uint_eq(idx[3], 4);
    ck_assert_uint_eq(idx[4], 5);
    ck_assert_uint_eq(idx[5], 2);
    /* one day less leaves Le Portel out */
    ck_assert_int_eq(iscg_calendar_expiring(idx, 6, &n, conv, 6, D(2023, 11, 30), 34, &e), 0);
    ck_assert_uint_eq(n, 5);
    /* days 0: today only */
    ck_assert_int_eq(iscg_calendar_expiring(idx, 6, &n, conv, 6, D(2023, 12, 2), 0, &e), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(idx[0], 0);
    ck_assert_int_eq(iscg_calendar_expiring(idx, 6, &n, conv, 6, D(2023, 12, 1), 0, &e), 0);
    ck_assert_uint_eq(n, 0);
    /* conventions already over are not expiring */
    ck_assert_int_eq(iscg_calendar_expiring(idx, 6, &n, conv, 6, D(2024, 1, 1), 3650, &e), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(idx[0], 2);
    /* a window past year 9999 is fine */
    ck_assert_int_eq(iscg_calendar_expiring(idx, 6, &n, conv, 6, D(2023, 1, 1), 2147483647, &e),
                     0);
    ck_assert_uint_eq(n, 6);
    /* too small: the earliest expiries, and the full count */
    ck_assert_int_eq(iscg_calendar_expiring(idx, 3, &n, conv, 6, D(2023, 11, 30), 35, &e),
                     ISCG_ERANGE);
    ck_assert_uint_eq(n, 6);
    ck_assert_str_eq(e.field, "capacity");
    ck_assert_uint_eq(idx[0], 1);
    ck_assert_uint_eq(idx[1], 0);
    ck_assert_uint_eq(idx[2], 3);
    ck_assert_int_eq(iscg_calendar_expiring(idx, 1, &n, conv + 2, 4, D(2023, 11, 30), 35, &e),
                     ISCG_ERANGE);
    ck_assert_uint_eq(n, 4);
    ck_assert_uint_eq(idx[0], 1); /* Osartis, index 1 of conv + 2 */
    ck_assert_int_eq(iscg_calendar_expiring(NULL, 0, &n, conv, 6, D(2023, 11, 30), 35, &e),
                     ISCG_ERANGE);
    ck_assert_uint_eq(n, 6);
    /* no conventions */
    ck_assert_int_eq(iscg_calendar_expiring(NULL, 0, &n, NULL, 0, D(2023, 11, 30), 35, &e), 0);
    ck_assert_uint_eq(n, 0);

    /* bad input */
    ck_assert_int_eq(iscg_calendar_expiring(idx, 6, NULL, conv, 6, D(2023, 11, 30), 35, &e),
                     ISCG_EINVAL);
    ck_assert_int_eq(iscg_calendar_expiring(NULL, 6, &n, conv, 6, D(2023, 11, 30), 35, &e),
                     ISCG_EINVAL);
    ck_assert_str_eq(e.field, "indices");
    ck_assert_int_eq(iscg_calendar_expiring(idx, 6, &n, NULL, 6, D(2023, 11, 30), 35, &e),
                     ISCG_EINVAL);
    ck_assert_str_eq(e.field, "conventions");
    ck_assert_int_eq(iscg_calendar_expiring(idx, 6, &n, conv, 6, D(2023, 11, 30), -1, &e),
                     ISCG_EINVAL);
    ck_assert_str_eq(e.field, "days");
    ck_assert_int_eq(iscg_calendar_expiring(idx, 6, &n, conv, 6, D(2023, 11, 31), 35, &e),
                     ISCG_EDATE);
    ck_assert_str_eq(e.field, "today");
    iscg_period bad[2] = {osartis(), P(D(2023, 12, 31), D(2023, 9, 1))};
    ck_assert_int_eq(iscg_calendar_expiring(idx, 6, &n, bad, 2, D(2023, 11, 30), 35, &e),
                     ISCG_EDATE);
    ck_assert_str_eq(e.field, "conventions");
    ck_assert_ptr_nonnull(strstr(e.text, "convention 1"));
}
END_TEST

Suite *suite_calendar(void)
{
    Suite *s = suite_create("calendar");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_cadence_names);
    tcase_add_test(tc, test_deadline_kind_names);
    tcase_add_test(tc, test_cal2_last_denunciation_day);
    tcase_add_test(tc, test_cal2_termination_date);
    tcase_add_test(tc, test_cal3_report_dues);
    tcase_add_test(tc, test_rcv2_france_victimes_deadlines);
    tcase_add_test(tc, test_cal3_departement_post_deadlines);
    tcase_add_test(tc, test_cal3_epci_gendarmerie_deadlines);
    tcase_add_test(tc, test_cal1_multi_year_deadlines);
    tcase_add_test(tc, test_deadlines_bad_input);
    tcase_add_test(tc, test_cal1_expiring);
    suite_add_tcase(s, tc);
    return s;
}
