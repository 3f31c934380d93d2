/* SPDX-License-Identifier: Apache-2.0 */
/* The calendar of a convention: denunciation and notice (CAL-2), reporting
 * dues (CAL-3), request and payment deadlines (RCV-2), expiries (CAL-1).
 * Day and month arithmetic is date.c's; this file only decides which dates. */
#include "i18n.h"
#include "internal.h"

/* The period kinds, described once (CAL-3, STAT-1): each member with the
 * months of one of its periods, its name as the statistics spell it (none
 * for NONE, which is no granularity) and its spelling as a cadence in the
 * clauses of a dataset file. Every table below is made from this list. */
#define PERIOD_KINDS(X)                                    \
    X(ISCG_PERIOD_NONE, 0, NULL, "NONE")                   \
    X(ISCG_PERIOD_MONTH, 1, "MONTH", "MONTHLY")            \
    X(ISCG_PERIOD_QUARTER, 3, "QUARTER", "QUARTERLY")      \
    X(ISCG_PERIOD_HALF_YEAR, 6, "HALF_YEAR", "SEMESTRIAL") \
    X(ISCG_PERIOD_YEAR, 12, "YEAR", "ANNUAL")

#define PERIOD_MONTHS(member, months, name, cadence) [member] = (months),
#define PERIOD_NAME(member, months, name, cadence) [member] = (name),
#define PERIOD_CADENCE(member, months, name, cadence) [member] = (cadence),
const int iscg__period_months[] = {PERIOD_KINDS(PERIOD_MONTHS)};
static const char *const period_names[] = {PERIOD_KINDS(PERIOD_NAME)};
static const char *const cadence_names[] = {PERIOD_KINDS(PERIOD_CADENCE)};
_Static_assert(sizeof iscg__period_months / sizeof iscg__period_months[0] == ISCG_PERIOD_KIND_COUNT,
               "one length in months per period kind");

/* Statistics files and messages say "granularity"; "NONE" is no granularity. */
ISCG__ENUM(period_kind, iscg_period_kind, "granularity", period_names, NULL, ISCG_PERIOD_KIND_COUNT)
/* The conventions' own words, so that a dataset can say "semestriel". */
static const char *const cadence_french[] = {
    "AUCUN", "NONE", "MENSUEL", "MONTHLY", "TRIMESTRIEL", "QUARTERLY", "SEMESTRIEL", "SEMESTRIAL",
    "ANNUEL", "ANNUAL", NULL,
};
ISCG__ENUM(cadence, iscg_cadence, "cadence", cadence_names, cadence_french, ISCG_PERIOD_KIND_COUNT)

static const char *const kind_names[] = {
    [ISCG_DEADLINE_DENUNCIATION] = "DENUNCIATION",
    [ISCG_DEADLINE_REQUEST] = "REQUEST",
    [ISCG_DEADLINE_PAYMENT] = "PAYMENT",
    [ISCG_DEADLINE_REPORT_ACTIVITY] = "REPORT_ACTIVITY",
    [ISCG_DEADLINE_REPORT_INTERIM] = "REPORT_INTERIM",
    [ISCG_DEADLINE_REPORT_ANNUAL] = "REPORT_ANNUAL",
    [ISCG_DEADLINE_STEERING] = "STEERING",
    [ISCG_DEADLINE_EXPIRY] = "EXPIRY",
};
ISCG__ENUM(deadline_kind, iscg_deadline_kind, "deadline kind", kind_names, NULL, ISCG_DEADLINE_KIND_COUNT)

int iscg_period_kind_months(iscg_period_kind kind)
{
    return (unsigned)kind < ISCG_PERIOD_KIND_COUNT ? iscg__period_months[kind] : ISCG_EINVAL;
}

static int period_fail(iscg_error *err, const char *field, iscg_period p)
{
    return ISCG_FAIL(err, ISCG_EDATE, field,
                     "the %s %04d-%02d-%02d..%04d-%02d-%02d is not a period (valid dates, "
                     "start <= end)",
                     field, p.start.year, p.start.month, p.start.day, p.end.year, p.end.month,
                     p.end.day);
}

static int date_fail(iscg_error *err, const char *field, iscg_date d)
{
    return ISCG_FAIL(err, ISCG_EDATE, field, "the %s %04d-%02d-%02d is not a date", field, d.year,
                     d.month, d.day);
}

/* CAL-2: N months before the expiry, by the same-day-number rule that
 * iscg_date_add_months() applies. */
int iscg_calendar_last_denunciation_day(iscg_date *out, iscg_period convention, int months,
                                        iscg_error *err)
{
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "out", "no output given for the denunciation day");
    if (months < 0)
        return ISCG_FAIL(err, ISCG_EINVAL, "months",
                         "a denunciation delay of %d months is negative", months);
    if (!iscg_period_valid(convention))
        return period_fail(err, "convention", convention);
    int rc = iscg_date_add_months(out, convention.end, -months, NULL);
    if (rc != 0)
        return ISCG_FAIL(err, rc, "months",
                         "%d months before %04d-%02d-%02d falls before year 1", months,
                         convention.end.year, convention.end.month, convention.end.day);
    return 0;
}

/* CAL-2: the notice ends on the same day number N months later; the
 * convention runs to the end of that day. */
int iscg_calendar_termination_date(iscg_date *out, int *expires_first, iscg_date notice_given,
                                   int notice_months, iscg_period convention, iscg_error *err)
{
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "out", "no output given for the termination date");
    if (notice_months < 0)
        return ISCG_FAIL(err, ISCG_EINVAL, "notice_months",
                         "a notice of %d months is negative", notice_months);
    if (!iscg_date_valid(notice_given))
        return date_fail(err, "notice_given", notice_given);
    if (!iscg_period_valid(convention))
        return period_fail(err, "convention", convention);
    if (!iscg_period_contains(convention, notice_given))
        return ISCG_FAIL(err, ISCG_ERANGE, "notice_given",
                         "a notice given on %04d-%02d-%02d cannot terminate a convention that "
                         "runs from %04d-%02d-%02d to %04d-%02d-%02d",
                         notice_given.year, notice_given.month, notice_given.day,
                         convention.start.year, convention.start.month, convention.start.day,
                         convention.end.year, convention.end.month, convention.end.day);
    iscg_date ends = convention.end;
    /* Past year 9999 the convention, which ends by then, expires first. */
    int outlasts = iscg_date_add_months(&ends, notice_given, notice_months, NULL) != 0 ||
                   iscg_date_compare(ends, convention.end) > 0;
    *out = outlasts ? convention.end : ends;
    if (expires_first)
        *expires_first = outlasts;
    return 0;
}

/* A stream of deadlines of one kind, in increasing date order, so that
 * several streams merge into one sorted list without allocating. */
typedef enum stream_step {
    STEP_ONCE,     /* a single deadline */
    STEP_CALENDAR, /* the ends of calendar periods of `months` months */
    STEP_YEARS     /* the ends of the convention's years from its start */
} stream_step;

typedef struct stream {
    stream_step step;
    int live;           /* 1 while `next` holds a deadline not yet taken */
    iscg_deadline next; /* the next deadline */
    int months;         /* STEP_CALENDAR: length of a period */
    int year;           /* STEP_YEARS: 1-based number of the year in `next` */
    iscg_period convention;
} stream;

static iscg_period clip(iscg_period p, iscg_period convention)
{
    iscg_period out = p;
    int overlaps = 0;
    iscg__ignore(iscg_period_intersect(&out, &overlaps, p, convention));
    return out;
}

/* The calendar period of `months` months (1, 3, 6 or 12, which divide the
 * year) that contains d. Such periods never cross a year end, so their last
 * day is always a valid date. */
static iscg_period calendar_period(iscg_date d, int months)
{
    int first = (d.month - 1) / months * months + 1;
    int last = first + months - 1;
    iscg_period p = {{d.year, first, 1}, {d.year, last, iscg_date_days_in_month(d.year, last)}};
    return p;
}

static void stream_once(stream *s, iscg_deadline_kind kind, iscg_date date, iscg_period covers)
{
    s->step = STEP_ONCE;
    s->live = 1;
    s->next.kind = kind;
    s->next.date = date;
    s->next.covers = covers;
}

static void stream_calendar(stream *s, iscg_deadline_kind kind, iscg_period convention,
                            iscg_cadence cadence)
{
    s->step = STEP_CALENDAR;
    s->live = cadence != ISCG_PERIOD_NONE;
    if (!s->live)
        return;
    s->months = iscg__period_months[cadence];
    s->convention = convention;
    iscg_period p = calendar_period(convention.start, s->months);
    s->next.kind = kind;
    s->next.date = p.end;
    s->next.covers = clip(p, convention);
}

/* Year k of the convention ends where iscg_period_from_months(start, 12 k)
 * ends, counted from the start each time so that a 29 February start does
 * not drift; the last year is cut at the convention's end. */
static void convention_year_end(iscg_date *end, iscg_period convention, int year)
{
    iscg_period p;
    if (iscg_period_from_months(&p, convention.start, 12 * year, NULL) != 0 ||
        iscg_date_compare(p.end, convention.end) > 0)
        *end = convention.end;
    else
        *end = p.end;
}

static void stream_years(stream *s, iscg_deadline_kind kind, iscg_period convention, int on)
{
    s->step = STEP_YEARS;
    s->live = on;
    if (!on)
        return;
    s->convention = convention;
    s->year = 1;
    s->next.kind = kind;
    convention_year_end(&s->next.date, convention, 1);
    s->next.covers.start = convention.start;
    s->next.covers.end = s->next.date;
}

static void stream_advance(stream *s)
{
    iscg_date last = s->next.date;
    iscg_date start;
    /* A period ending on or after the convention's last day was the last one
     * (which also keeps the day after it within year 9999). */
    if (s->step == STEP_ONCE || iscg_date_compare(last, s->convention.end) >= 0) {
        s->live = 0;
        return;
    }
    iscg__ignore(iscg_date_add_days(&start, last, 1, NULL));
    if (s->step == STEP_CALENDAR) {
        iscg_period p = calendar_period(start, s->months);
        s->next.date = p.end;
        s->next.covers = clip(p, s->convention);
    } else {
        s->year++;
        convention_year_end(&s->next.date, s->convention, s->year);
        s->next.covers.start = start;
        s->next.covers.end = s->next.date;
    }
}

/* Merges the streams (given in kind order) into out, keeping those within
 * [from, to]. Strict comparison keeps same-day deadlines in stream order. */
static size_t merge(iscg_deadline *out, size_t capacity, stream *streams, size_t n,
                    iscg_date from, iscg_date to)
{
    size_t count = 0;
    for (;;) {
        stream *best = NULL;
        for (size_t i = 0; i < n; i++) {
            if (streams[i].live &&
                (!best || iscg_date_compare(streams[i].next.date, best->next.date) < 0))
                best = &streams[i];
        }
        if (!best || iscg_date_compare(best->next.date, to) > 0)
            break;
        if (iscg_date_compare(best->next.date, from) >= 0) {
            if (count < capacity)
                out[count] = best->next;
            count++;
        }
        stream_advance(best);
    }
    return count;
}

static int capacity_fail(iscg_error *err, size_t count, size_t capacity, const char *what)
{
    return ISCG_FAIL(err, ISCG_ERANGE, "capacity", "there are %zu %s, room for %zu", count, iscg__tr_context(what),
                     capacity);
}

/* CAL-3: reports fall due at the end of each calendar reporting period. */
int iscg_calendar_report_dues(iscg_date *dues, size_t capacity, size_t *count,
                              iscg_period convention, iscg_cadence cadence, iscg_error *err)
{
    if (!count || (!dues && capacity > 0))
        return ISCG_FAIL(err, ISCG_EINVAL, "dues", "no output given for the report dues");
    if (!iscg_cadence_name(cadence))
        return ISCG_FAIL(err, ISCG_EINVAL, "cadence", "%d is not a reporting cadence",
                         (int)cadence);
    if (!iscg_period_valid(convention))
        return period_fail(err, "convention", convention);
    stream s;
    stream_calendar(&s, ISCG_DEADLINE_REPORT_ACTIVITY, convention, cadence);
    size_t n = 0;
    for (; s.live; stream_advance(&s)) {
        if (n < capacity)
            dues[n] = s.next.date;
        n++;
    }
    *count = n;
    return n > capacity ? capacity_fail(err, n, capacity, ISCG_NC_("counted", "report dues")) : 0;
}

static int check_bool(iscg_error *err, const char *field, int value)
{
    if (value == 0 || value == 1)
        return 0;
    return ISCG_FAIL(err, ISCG_EINVAL, field, "clause %s is %d, not 0 or 1", field, value);
}

static int check_months(iscg_error *err, const char *field, int value)
{
    if (value >= 0)
        return 0;
    return ISCG_FAIL(err, ISCG_EINVAL, field, "clause %s is %d, a negative number", field, value);
}

static int check_cadence(iscg_error *err, const char *field, iscg_cadence value)
{
    if (iscg_cadence_name((iscg_cadence)value))
        return 0;
    return ISCG_FAIL(err, ISCG_EINVAL, field, "clause %s is %d, not a reporting cadence", field,
                     (int)value);
}

static int check_clauses(const iscg_clauses *c, iscg_error *err)
{
    int rc;
    if ((rc = check_months(err, "notice_months", c->notice_months)) != 0 ||
        (rc = check_months(err, "denunciation_months", c->denunciation_months)) != 0 ||
        (rc = check_months(err, "instalments", c->instalments)) != 0 ||
        (rc = check_months(err, "first_steering_months", c->first_steering_months)) != 0 ||
        (rc = check_bool(err, "has_request_deadline", c->has_request_deadline)) != 0 ||
        (rc = check_bool(err, "has_payment_deadline", c->has_payment_deadline)) != 0 ||
        (rc = check_bool(err, "annual_report", c->annual_report)) != 0 ||
        (rc = check_bool(err, "steering_committee", c->steering_committee)) != 0 ||
        (rc = check_cadence(err, "activity_reports", c->activity_reports)) != 0 ||
        (rc = check_cadence(err, "interim_summaries", c->interim_summaries)) != 0)
        return rc;
    if (c->has_request_deadline && !iscg_date_valid(c->request_deadline))
        return date_fail(err, "request_deadline", c->request_deadline);
    if (c->has_payment_deadline && !iscg_date_valid(c->payment_deadline))
        return date_fail(err, "payment_deadline", c->payment_deadline);
    return 0;
}

int iscg_calendar_deadlines(iscg_deadline *out, size_t capacity, size_t *count,
                            iscg_period convention, const iscg_clauses *clauses, iscg_date from,
                            iscg_date to, iscg_error *err)
{
    if (!count || (!out && capacity > 0))
        return ISCG_FAIL(err, ISCG_EINVAL, "out", "no output given for the deadlines");
    if (!clauses)
        return ISCG_FAIL(err, ISCG_EINVAL, "clauses", "no clauses given");
    int rc = check_clauses(clauses, err);
    if (rc != 0)
        return rc;
    if (!iscg_period_valid(convention))
        return period_fail(err, "convention", convention);
    if (!iscg_date_valid(from))
        return date_fail(err, "from", from);
    if (!iscg_date_valid(to))
        return date_fail(err, "to", to);
    if (iscg_date_compare(from, to) > 0)
        return ISCG_FAIL(err, ISCG_EDATE, "to",
                         "the window ends on %04d-%02d-%02d, before it starts on %04d-%02d-%02d",
                         to.year, to.month, to.day, from.year, from.month, from.day);

    /* One stream per kind, in the order of iscg_deadline_kind. */
    stream streams[ISCG_DEADLINE_KIND_COUNT + 1];
    size_t n = 0;
    if (clauses->denunciation_months > 0) { /* CAL-2 */
        iscg_date d;
        rc = iscg_calendar_last_denunciation_day(&d, convention, clauses->denunciation_months,
                                                 err);
        if (rc != 0)
            return rc;
        stream_once(&streams[n++], ISCG_DEADLINE_DENUNCIATION, d, convention);
    }
    if (clauses->has_request_deadline) /* RCV-2 */
        stream_once(&streams[n++], ISCG_DEADLINE_REQUEST, clauses->request_deadline, convention);
    if (clauses->has_payment_deadline) /* RCV-2 */
        stream_once(&streams[n++], ISCG_DEADLINE_PAYMENT, clauses->payment_deadline, convention);
    /* CAL-3 */
    stream_calendar(&streams[n++], ISCG_DEADLINE_REPORT_ACTIVITY, convention,
                    clauses->activity_reports);
    stream_calendar(&streams[n++], ISCG_DEADLINE_REPORT_INTERIM, convention,
                    clauses->interim_summaries);
    stream_years(&streams[n++], ISCG_DEADLINE_REPORT_ANNUAL, convention, clauses->annual_report);
    if (clauses->first_steering_months > 0) {
        /* "Pour la première année, le comité de pilotage se réunira au terme
         * du 1er semestre d'exercice": counted from the convention's start,
         * even when that falls after its end. */
        iscg_period first;
        rc = iscg_period_from_months(&first, convention.start, clauses->first_steering_months,
                                     NULL);
        if (rc != 0)
            return ISCG_FAIL(err, rc, "first_steering_months",
                             "%d months from %04d-%02d-%02d fall after year 9999",
                             clauses->first_steering_months, convention.start.year,
                             convention.start.month, convention.start.day);
        stream_once(&streams[n++], ISCG_DEADLINE_STEERING, first.end, clip(first, convention));
    }
    stream_years(&streams[n++], ISCG_DEADLINE_STEERING, convention, clauses->steering_committee);
    stream_once(&streams[n++], ISCG_DEADLINE_EXPIRY, convention.end, convention); /* CAL-1 */

    size_t total = merge(out, capacity, streams, n, from, to);
    *count = total;
    return total > capacity ? capacity_fail(err, total, capacity, ISCG_NC_("counted", "deadlines")) : 0;
}

/* Orders expiries by day number, then by index. */
static int expires_before(const iscg_period *conventions, size_t a, size_t b)
{
    int c = iscg_date_compare(conventions[a].end, conventions[b].end);
    return c < 0 || (c == 0 && a < b);
}

int iscg_calendar_expiring(size_t *indices, size_t capacity, size_t *count,
                           const iscg_period *conventions, size_t n, iscg_date today, int days,
                           iscg_error *err)
{
    if (!count || (!indices && capacity > 0))
        return ISCG_FAIL(err, ISCG_EINVAL, "indices", "no output given for the indices");
    if (!conventions && n > 0)
        return ISCG_FAIL(err, ISCG_EINVAL, "conventions", "no conventions given");
    if (days < 0)
        return ISCG_FAIL(err, ISCG_EINVAL, "days", "a window of %d days is negative", days);
    if (!iscg_date_valid(today))
        return date_fail(err, "today", today);
    for (size_t i = 0; i < n; i++) {
        if (!iscg_period_valid(conventions[i]))
            return ISCG_FAIL(err, ISCG_EDATE, "conventions",
                             "convention %zu, %04d-%02d-%02d..%04d-%02d-%02d, is not a period", i,
                             conventions[i].start.year, conventions[i].start.month,
                             conventions[i].start.day, conventions[i].end.year,
                             conventions[i].end.month, conventions[i].end.day);
    }
    int64_t first = iscg_date_to_days(today);
    size_t total = 0, kept = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t left = iscg_date_to_days(conventions[i].end) - first;
        if (left < 0 || left > days)
            continue;
        total++;
        /* Insertion into the kept prefix: only the earliest `capacity`
         * expiries are kept, and no scratch memory is needed. */
        size_t at = kept;
        while (at > 0 && expires_before(conventions, i, indices[at - 1]))
            at--;
        if (at >= capacity)
            continue;
        if (kept < capacity)
            kept++;
        for (size_t j = kept - 1; j > at; j--)
            indices[j] = indices[j - 1];
        indices[at] = i;
    }
    *count = total;
    return total > capacity ? capacity_fail(err, total, capacity, ISCG_NC_("counted", "conventions expiring")) : 0;
}
