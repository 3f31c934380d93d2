/* SPDX-License-Identifier: Apache-2.0 */
/* Conversions between libiscg's C values and Python objects, used by the
 * SWIG wrapper (iscg.i). They live in their own file so that they are built
 * with the project's warnings, unlike the generated wrapper.
 *
 * The rules they implement:
 *  - a negative status becomes an exception of the iscg.Error hierarchy,
 *    carrying the report's source, field, line and column;
 *  - results are copied into Python objects at once (strings, dates,
 *    fractions, dicts), so that nothing Python holds points into memory the
 *    library may free; only the opaque handles stay C objects;
 *  - nothing here uses floating point. */
#ifndef ISCG_PY_H
#define ISCG_PY_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <iscg.h>

/* ---- module set-up and errors ------------------------------------------ */

/* Creates the exception classes in @p module and imports what conversions
 * need (datetime, fractions). Returns 0, or -1 with an exception set. */
int iscg_py_init(PyObject *module);

/* Which family an error belongs to: dataset errors are also DatasetError. */
enum iscg_py_family { ISCG_PY_GENERAL = 0, ISCG_PY_DATASET = 1 };

/* Sets the exception for status @p code, worded by @p err when it holds a
 * text (it may be NULL), with one more attribute @p name on the exception
 * (@p value, stolen; NULL is ignored). Always returns NULL. For
 * ISCG_ECANCELED with an exception already pending (the one
 * iscg_py_cancel() saw), that one is kept. */
PyObject *iscg_py_raise_with(int code, const iscg_error *err, enum iscg_py_family family,
                             const char *name, PyObject *value);
/* iscg_py_raise_with() without the attribute. */
#define iscg_py_raise(code, err, family) iscg_py_raise_with((code), (err), (family), NULL, NULL)

/* ---- long calls without the GIL -----------------------------------------
 * The calls that can take long (saves, computations, reports, statistics)
 * let go of the GIL. What they read must not change meanwhile: a frozen
 * registry never does, but a scenario and a collection of activity records
 * can (iscg_scenario_add(), iscg_stats_add()). One lock, the state lock,
 * is held by every call that runs without the GIL and by every call that
 * changes a scenario or a collection; it is always taken without the GIL
 * (lock, then GIL), so that a thread waiting for it never blocks the others. */

/* Takes the state lock with the GIL, which is let go while waiting; a
 * thread that holds it already takes it again (give it back as often). */
void iscg_py_lock(void);
/* Gives back what iscg_py_lock() took. */
void iscg_py_unlock(void);
/* Takes and gives back the state lock without the GIL (between
 * Py_BEGIN_ALLOW_THREADS and Py_END_ALLOW_THREADS). */
void iscg_py_lock_nogil(void);
void iscg_py_unlock_nogil(void);

/* ---- interrupting long calls --------------------------------------------
 * A load, a validation, an aggregation or sums run without the GIL poll
 * iscg_py_cancel() as their cancel function (iscg/error.h). At most every
 * ISCG_PY_CANCEL_INTERVAL_NS it takes the GIL, runs the signal handlers
 * (PyErr_CheckSignals(), which only the main thread does) and lets go of
 * the GIL; an exception they raise (KeyboardInterrupt on Ctrl-C) stays
 * pending and stops the call with ISCG_ECANCELED, which iscg_py_raise() then
 * leaves in place of iscg.Canceled. Between polls it reads only a clock, so
 * that a call never waits for the GIL more than a few times a second.
 * A signal handler that calls into the binding while an aggregation of the
 * same thread holds the state lock waits for itself: keep handlers to
 * raising. */

/* How often, at most, a long call takes the GIL to look at signals: 20 ms. */
#define ISCG_PY_CANCEL_INTERVAL_NS INT64_C(20000000)

/* The state of one call's polls, on the wrapper's stack. */
typedef struct iscg_py_cancel_state {
    int64_t next_ns; /* the monotonic time of the next look at signals */
    int stop;        /* set once an exception is pending: the answer stays yes */
} iscg_py_cancel_state;

/* Starts @p c for a call about to let go of the GIL. */
void iscg_py_cancel_init(iscg_py_cancel_state *c);

/* An ::iscg_cancel_fn; @p ctx is an iscg_py_cancel_state. Called without
 * the GIL; returns nonzero once a Python exception is pending. */
int iscg_py_cancel(void *ctx);

/* ---- building a wrapper's return value --------------------------------- */

/* Adds @p value (a new reference, stolen; NULL means a conversion failed)
 * to the outputs collected in @p *result. Returns 0, or -1 with an
 * exception set, *result cleared and @p value released. */
int iscg_py_output(PyObject **result, PyObject *value);

/* The return value of a wrapper: no outputs gives @p fallback (stolen), one
 * output gives it, several give a tuple. @p collected is stolen. */
PyObject *iscg_py_outputs(PyObject *collected, PyObject *fallback);

/* ---- results that point into their source ------------------------------
 * A funding, receivables or audit result holds a reference to the registry
 * it was computed from, which refuses every change while the result lives
 * (registry.h): a change is then a StateError from the library, and a result
 * never reads freed or changed memory. A statistics result reads its
 * source's records. Each result keeps its source object alive as well, so
 * that the Python object a result came from is not collected before it
 * (its attribute _iscg_source, set by the wrapper). */

/* ---- scalar values ------------------------------------------------------ */

/* An int (never a float) that fits in int64_t. */
int iscg_py_int64_in(PyObject *o, int64_t *out);

/* A str argument as UTF-8 owned by @p o (NULL for None). Refuses embedded NULs. */
int iscg_py_str_in(PyObject *o, const char **out);
PyObject *iscg_py_str(const char *s);

/* Dates are datetime.date objects (or (year, month, day) tuples on input,
 * so that invalid dates reach the library's checks); the zeroed date is None. */
int iscg_py_date_in(PyObject *o, iscg_date *out);
PyObject *iscg_py_date(iscg_date d);
/* Periods are (start, end) pairs. */
int iscg_py_period_in(PyObject *o, iscg_period *out);
PyObject *iscg_py_period(iscg_period p);
/* Ratios are fractions.Fraction; on input a (numerator, denominator) pair. */
int iscg_py_ratio_in(PyObject *o, iscg_ratio *out);
PyObject *iscg_py_ratio(iscg_ratio r);

/* ---- sequences ---------------------------------------------------------- */

/* A sequence of ints into a new array of @p *n int64_t (free() it; never
 * NULL on success, even for an empty sequence). */
int iscg_py_int64_array_in(PyObject *o, int64_t **out, size_t *n);
/* A sequence of periods into a new array (free() it). */
int iscg_py_period_array_in(PyObject *o, iscg_period **out, size_t *n);
PyObject *iscg_py_int64_list(const int64_t *v, size_t n);
PyObject *iscg_py_size_list(const size_t *v, size_t n);
PyObject *iscg_py_date_list(const iscg_date *v, size_t n);
PyObject *iscg_py_period_list(const iscg_period *v, size_t n);
PyObject *iscg_py_int_list(const int *v, size_t n);

/* ---- explanations and structures ---------------------------------------- */

/* An explanation tree as nested dicts: rule, text, amount, children, and
 * rendered (the library's own indented text). None for NULL. */
PyObject *iscg_py_explain(const iscg_explain *e);

/* ---- activity in columns ------------------------------------------------
 * The bulk path of the activity statistics (iscg.Stats): records read from
 * columns in one call, and a table written out as columns in one call, so
 * that ten million records cost no Python call per record or per row. */

/* Adds one record per row of @p columns, a dict keyed by the fields of an
 * iscg_activity as the package makes it (bindings/iscg/_ingest.py, which
 * turns every form a caller may give into these): "post" (required),
 * "site", "territory", "note" are (codes, names) pairs, names a tuple of str
 * and codes a column (-1 for no name); "year", "month" (the period's first
 * month), "granularity" (required), "not_reported", "carrier", "force" and
 * the figures ("women"... "vif_basis_points") are columns; an absent key or
 * None keeps the default of ISCG_STATS_COLUMNS_INIT. A column is an int for
 * every record or a one-dimensional C-contiguous buffer of native int64, all
 * of one length, read in place (copied when unaligned), ISCG_UNKNOWN for an
 * unknown figure. Returns the number of records added, or NULL with an
 * exception: TypeError for anything else, and for a record the library
 * refuses the exception of its status, whose message starts with
 * "record <index>: " and whose "index" attribute is that index; nothing is
 * added then (iscg_stats_add_columns(), in one call without the GIL). */
PyObject *iscg_py_stats_add_columns(iscg_stats *s, PyObject *columns);

/* Adds to @p to the first @p count records of @p from (all when it holds
 * fewer). Returns the number copied, or NULL with an exception. */
PyObject *iscg_py_stats_copy(iscg_stats *to, const iscg_stats *from, size_t count);

/* The rows of @p t as columns, filled by iscg_stats_table_export(): a dict
 * from the column name, in the library's order, to a memoryview of int64
 * (format "q"; dates as days since 1970-01-01) or of bool ("?"), or for
 * "group" and "period" to (codes, names): a memoryview of int32 ("i") and
 * the list of distinct names as str. @p names (a sequence of names, or None
 * for all) chooses the columns; an unknown name is a KeyError. */
PyObject *iscg_py_stats_table_columns(const iscg_stats_table *t, PyObject *names);

/* The rows of @p sums as columns, as iscg_py_stats_table_columns() gives a
 * table's: "group", "period", "start", "end", "records", "not_reported" and
 * each count with its "_known" and "_missing". */
PyObject *iscg_py_stats_sums_columns(const iscg_stats_sums *sums, PyObject *names);

/* ---- a funding report in columns -----------------------------------------
 * iscg.FundingTable reads a report's rows as columns copied in one call, and
 * each row's explanation only when it is asked for, so that a year's funding
 * costs no Python call per row (the rows are made when they are read). */

/**
 * The rows of a funding report as columns, in one call.
 * @param rf the report (iscg_report_funding_compute()).
 * @return a tuple of 14 lists of the same length, one item per row in the
 *         report's order: convention, post, post_label, carrier, carrier_name
 *         (str), start, end (datetime.date), party, party_name (str),
 *         party_kind (int), side (str), amount (int cents), stated (int cents,
 *         or None when the row has no stated amount), replaces (str or None).
 *         Rows that share a text or a date share its object. NULL with an
 *         exception set (TypeError for NULL, MemoryError).
 */
PyObject *iscg_py_report_funding_columns(const iscg_report_funding *rf);

/**
 * The explanation of row @p i of a funding report, as iscg_py_explain() gives it.
 * @param rf the report.
 * @param i  the row, below iscg_report_funding_row_count().
 * @return a new reference; NULL with the exception of the library's status
 *         (iscg.InvalidInput for NULL or a row out of range).
 */
PyObject *iscg_py_report_funding_explain(const iscg_report_funding *rf, size_t i);

/* ---- the fast path of iscg.allocate() -----------------------------------
 * iscg.allocate() checks and converts its arguments in Python, then calls
 * iscg_allocate() and builds Decimal euros from the cents: a few
 * microseconds. For the usual call (an int of euros, a list or tuple of
 * ints, the rule as its caller names it) this function does the same in one
 * C call. */

/**
 * iscg.allocate() in one call, for the arguments it can take without
 * Python's help: @p amount an int of euros (not a bool) or a decimal.Decimal
 * (not a subclass) written with at most two places, whose cents fit in 64
 * bits; @p weights a list or a tuple of ints (not bools) that fit in 64
 * bits; @p unit "EURO", "CENT" (in any case), an int of euros or a Decimal
 * of whole cents; @p rounding, @p policy and @p weights_kind an int in the
 * enumeration (an enum member; not a bool) or a name the library reads;
 * @p party an int (exactly) that fits in a size_t. For any other argument
 * it returns None without raising, and the caller takes its general path,
 * which checks and words the error. No float is read or made.
 *
 * @param allocation the class of the result, a subclass of tuple of four
 *                   fields (TypeError otherwise).
 * @return allocation(shares, drift, shares_cents, drift_cents): the shares
 *         and the drift as Decimal euros with two places, and as int cents;
 *         None as said above; or NULL with the exception of the library's
 *         status, worded by its report, as the wrapped iscg_allocate()
 *         raises it.
 */
PyObject *iscg_py_allocate_named(PyObject *amount, PyObject *weights, PyObject *unit, PyObject *rounding,
                                 PyObject *policy, PyObject *weights_kind, PyObject *party, PyObject *allocation);

#endif /* ISCG_PY_H */
