/* SPDX-License-Identifier: Apache-2.0 */
/* Conversions between libiscg's C values and Python objects (see iscg_py.h). */
#include "iscg_py.h"

#include <datetime.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef HAVE_CONFIG_H
#include <config.h> /* ENABLE_NLS; after Python.h, which comes first */
#endif
#if defined(ENABLE_NLS) && ENABLE_NLS
#include <libintl.h>
#endif
#ifndef LOCALEDIR /* given by the Makefile; a default for builds without it */
#define LOCALEDIR "/usr/local/share/locale"
#endif

/* ---- module state --------------------------------------------------------- */

/* Set once by iscg_py_init() and kept for the life of the process, as every
 * extension module keeps its exception classes. Indexed by -status: entry 0
 * is the base class (Error, DatasetError) used for unknown codes. */
#define CODES (-ISCG_ECANCELED + 1)
static PyObject *error_class[CODES];
static PyObject *dataset_class[CODES];
static PyObject *fraction_class;
/* FileError for the errno values that have their own OSError subclass, in
 * both families: an except FileNotFoundError clause catches them. */
static const int file_errnos[] = {ENOENT, EACCES, EPERM, EISDIR, ENOTDIR};
#define FILE_ERRNOS (sizeof file_errnos / sizeof file_errnos[0])
static PyObject *file_class[FILE_ERRNOS], *dataset_file_class[FILE_ERRNOS];
/* decimal.Decimal, and Decimal("0.00"), for the fast path of iscg.allocate() */
static PyObject *decimal_class;
static PyObject *zero_euros;
/* the state lock (iscg_py.h) */
static PyThread_type_lock state_lock;

/* The classes, in the words of iscg/error.h. */
static const struct error_kind {
    int code;
    const char *name;
    const char *doc;
} error_kinds[] = {
    {ISCG_EINVAL, "InvalidInput", "An argument is invalid (None, bad enum, negative count...): ISCG_EINVAL."},
    {ISCG_ENOMEM, "OutOfMemory", "Memory could not be allocated: ISCG_ENOMEM."},
    {ISCG_EOVERFLOW, "OverflowError", "A result does not fit in 64-bit cents: ISCG_EOVERFLOW."},
    {ISCG_ERANGE, "RangeError", "A value lies outside the range the rule allows: ISCG_ERANGE."},
    {ISCG_EDATE, "DateError", "A date or period is invalid (2023-02-29, end before start): ISCG_EDATE."},
    {ISCG_EPARSE, "ParseError", "Text could not be read as an amount, a date or a number: ISCG_EPARSE."},
    {ISCG_EROUNDING, "RoundingError", "Rounding was needed under the UNNECESSARY mode: ISCG_EROUNDING."},
    {ISCG_EWEIGHTS, "WeightsError",
     "Weights are empty, negative, all zero or do not sum to 100 %: ISCG_EWEIGHTS."},
    {ISCG_ENOTFOUND, "NotFound", "A named post, party or convention does not exist: ISCG_ENOTFOUND."},
    {ISCG_EDUPLICATE, "DuplicateError", "An identifier or a funder appears twice: ISCG_EDUPLICATE."},
    {ISCG_ECREDIT, "CreditExceeded", "A budget proposal exceeds the available credit: ISCG_ECREDIT."},
    {ISCG_ETERMINATED, "Terminated", "A required funder is missing: the plan ends (SPLIT-6): ISCG_ETERMINATED."},
    {ISCG_ESTATE, "StateError", "An object is not in a state that allows the call: ISCG_ESTATE."},
    {ISCG_EIO, "FileError", "A file could not be read or written: ISCG_EIO."},
    {ISCG_ETOTAL, "TotalError", "Parts do not add up to their stated total: ISCG_ETOTAL."},
    {ISCG_ECANCELED, "Canceled", "A cancel callback asked a long call to stop: ISCG_ECANCELED."},
};

/* The built-in exception each class also derives from, so that code that
 * catches ValueError or OSError keeps working. */
static PyObject *builtin_base(int code)
{
    switch (code) {
    case ISCG_ENOMEM: return PyExc_MemoryError;
    case ISCG_EOVERFLOW: return PyExc_OverflowError;
    case ISCG_EROUNDING: return PyExc_ArithmeticError;
    case ISCG_ENOTFOUND: return PyExc_LookupError;
    case ISCG_EIO: return PyExc_OSError;
    case ISCG_ECREDIT:
    case ISCG_ETERMINATED:
    case ISCG_ESTATE:
    case ISCG_ECANCELED: return NULL;
    default: return PyExc_ValueError;
    }
}

static PyObject *new_class(const char *name, const char *doc, PyObject *base1, PyObject *base2)
{
    PyObject *bases = base2 ? PyTuple_Pack(2, base1, base2) : PyTuple_Pack(1, base1);
    if (!bases)
        return NULL;
    PyObject *cls = PyErr_NewExceptionWithDoc(name, doc, bases, NULL);
    Py_DECREF(bases);
    return cls;
}

static int add_to_module(PyObject *module, const char *name, PyObject *o)
{
    Py_INCREF(o);
    if (PyModule_AddObject(module, name, o) < 0) {
        Py_DECREF(o);
        return -1;
    }
    return 0;
}

static int set_attr(PyObject *o, const char *name, PyObject *value);
static PyObject *text_or_none(const char *s);

/* The OSError subclass Python gives errno e (FileNotFoundError...). */
static PyObject *os_error_class(int e)
{
    switch (e) {
    case ENOENT: return PyExc_FileNotFoundError;
    case EISDIR: return PyExc_IsADirectoryError;
    case ENOTDIR: return PyExc_NotADirectoryError;
    default: return PyExc_PermissionError; /* EACCES, EPERM */
    }
}

/* FileError keeps the library's sentence as its str(), not OSError's
 * "[Errno 2] ..."; its errno subclasses follow. */
static int file_classes(void)
{
    PyObject *cls = error_class[-ISCG_EIO], *str = PyObject_GetAttrString(PyExc_BaseException, "__str__");
    int rc = str ? PyObject_SetAttrString(cls, "__str__", str) : -1;
    Py_XDECREF(str);
    if (rc < 0)
        return -1;
    for (size_t i = 0; i < FILE_ERRNOS; i++) {
        PyObject *os = os_error_class(file_errnos[i]);
        file_class[i] = new_class("iscg.FileError", "A file could not be read or written: ISCG_EIO.", cls, os);
        dataset_file_class[i] = file_class[i] ? new_class("iscg.DatasetError", "A dataset file could not be read or "
                                                          "written: ISCG_EIO.", dataset_class[-ISCG_EIO], os)
                                              : NULL;
        if (!dataset_file_class[i])
            return -1;
    }
    return 0;
}

/* The class of a FileError with errno e; cls when e has no class of its own. */
static PyObject *file_error_class(PyObject *cls, enum iscg_py_family family, int e)
{
    for (size_t i = 0; i < FILE_ERRNOS; i++)
        if (file_errnos[i] == e)
            return family == ISCG_PY_DATASET ? dataset_file_class[i] : file_class[i];
    return cls;
}

/* errno, strerror and filename, as OSError has them. */
static int set_os_attrs(PyObject *exc, const iscg_error *err)
{
    if (!PyObject_IsInstance(exc, PyExc_OSError) || !err || !err->sys_errno)
        return 0;
    return set_attr(exc, "errno", PyLong_FromLong(err->sys_errno)) == 0 &&
                   set_attr(exc, "strerror", iscg_py_str(strerror(err->sys_errno))) == 0 &&
                   set_attr(exc, "filename", text_or_none(err->source)) == 0
               ? 0
               : -1;
}

int iscg_py_init(PyObject *module)
{
    PyDateTime_IMPORT;
    if (!PyDateTimeAPI)
        return -1;
    PyObject *fractions = PyImport_ImportModule("fractions");
    if (!fractions)
        return -1;
    fraction_class = PyObject_GetAttrString(fractions, "Fraction");
    Py_DECREF(fractions);
    if (!fraction_class)
        return -1;
    PyObject *decimal = PyImport_ImportModule("decimal");
    if (!decimal)
        return -1;
    decimal_class = PyObject_GetAttrString(decimal, "Decimal");
    Py_DECREF(decimal);
    if (!decimal_class)
        return -1;
    zero_euros = PyObject_CallFunction(decimal_class, "s", "0.00");
    if (!zero_euros)
        return -1;
    state_lock = PyThread_allocate_lock();
    if (!state_lock) {
        PyErr_NoMemory();
        return -1;
    }
#if defined(ENABLE_NLS) && ENABLE_NLS
    /* The library's sentences in the language of LC_MESSAGES (after
     * locale.setlocale()), as the iscg command gives them: its catalogues
     * are $ISCG_LOCALEDIR's when set, else the installed ones; UTF-8, which
     * is what iscg_py_str() decodes. */
    const char *localedir = getenv("ISCG_LOCALEDIR");
    (void)bindtextdomain("libiscg", localedir && *localedir ? localedir : LOCALEDIR);
    (void)bind_textdomain_codeset("libiscg", "UTF-8");
#endif

    /* macros whose casts SWIG does not evaluate */
    static const struct {
        const char *name;
        long long value;
    } constants[] = {{"ISCG_CENT", ISCG_CENT},
                     {"ISCG_EURO", ISCG_EURO},
                     {"ISCG_NO_CAP", ISCG_NO_CAP},
                     {"ISCG_UNKNOWN", ISCG_UNKNOWN},
                     {"ISCG_ACTIVITY_UNKNOWN", ISCG_ACTIVITY_UNKNOWN}};
    for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++)
        if (PyModule_AddObject(module, constants[i].name, PyLong_FromLongLong(constants[i].value)) < 0)
            return -1;

    error_class[0] = new_class("iscg.Error",
                               "Base class of libiscg's errors: a negative ISCG_E* status.\n\n"
                               "Attributes: code (the status, an int), source (file, post or convention), "
                               "field, line and column, each None when the report does not give it.\n"
                               "str() is the library's sentence.",
                               PyExc_Exception, NULL);
    dataset_class[0] = error_class[0] ? new_class("iscg.DatasetError",
                                                  "A dataset could not be loaded, validated or saved.\n\n"
                                                  "Besides code, field, line and column it carries file (the "
                                                  "file name or the name given to the text). Each one is also "
                                                  "an instance of the class of its status (ParseError, "
                                                  "DateError...).",
                                                  error_class[0], NULL)
                                      : NULL;
    if (!dataset_class[0] || add_to_module(module, "Error", error_class[0]) < 0 ||
        add_to_module(module, "DatasetError", dataset_class[0]) < 0)
        return -1;
    for (size_t i = 0; i < sizeof error_kinds / sizeof error_kinds[0]; i++) {
        const struct error_kind *k = &error_kinds[i];
        char qualified[64];
        snprintf(qualified, sizeof qualified, "iscg.%s", k->name);
        PyObject *cls = new_class(qualified, k->doc, error_class[0], builtin_base(k->code));
        if (!cls)
            return -1;
        error_class[-k->code] = cls;
        if (add_to_module(module, k->name, cls) < 0)
            return -1;
        /* The dataset flavour of each status: one class per status, all named
         * DatasetError, so that both kinds of except clause catch it. */
        dataset_class[-k->code] = new_class("iscg.DatasetError", k->doc, dataset_class[0], cls);
        if (!dataset_class[-k->code])
            return -1;
    }
    return file_classes();
}

/* ---- the state lock ----------------------------------------------------- */

/* Who holds the lock through iscg_py_lock(), and how many times: read and
 * written only with the GIL, so that a call it makes into Python that comes
 * back into the library (a __index__, a finaliser) does not wait for itself. */
static unsigned long lock_owner;
static int lock_depth;

void iscg_py_lock(void)
{
    unsigned long me = PyThread_get_thread_ident();
    if (lock_depth > 0 && lock_owner == me) {
        lock_depth++;
        return;
    }
    if (!PyThread_acquire_lock(state_lock, NOWAIT_LOCK)) {
        Py_BEGIN_ALLOW_THREADS
        PyThread_acquire_lock(state_lock, WAIT_LOCK);
        Py_END_ALLOW_THREADS
    }
    lock_owner = me;
    lock_depth = 1;
}

void iscg_py_unlock(void)
{
    if (--lock_depth == 0)
        PyThread_release_lock(state_lock);
}

void iscg_py_lock_nogil(void) { PyThread_acquire_lock(state_lock, WAIT_LOCK); }

void iscg_py_unlock_nogil(void) { PyThread_release_lock(state_lock); }

/* ---- errors --------------------------------------------------------------- */

PyObject *iscg_py_str(const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    /* Reports are cut at a fixed length, possibly inside a UTF-8 sequence. */
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

/* Sets attribute @p name of @p o to @p value (stolen). */
static int set_attr(PyObject *o, const char *name, PyObject *value)
{
    if (!value)
        return -1;
    int rc = PyObject_SetAttrString(o, name, value);
    Py_DECREF(value);
    return rc;
}

static PyObject *none(void) { Py_RETURN_NONE; }

static PyObject *text_or_none(const char *s) { return s && s[0] ? iscg_py_str(s) : none(); }

static PyObject *int_or_none(int v) { return v > 0 ? PyLong_FromLong(v) : none(); }

PyObject *iscg_py_raise_with(int code, const iscg_error *err, enum iscg_py_family family, const char *name,
                             PyObject *value)
{
    if (code == ISCG_ECANCELED && PyErr_Occurred()) { /* a signal's, which stopped the call */
        Py_XDECREF(value);
        return NULL;
    }
    PyObject **classes = family == ISCG_PY_DATASET ? dataset_class : error_class;
    PyObject *cls = code < 0 && code > -CODES && classes[-code] ? classes[-code] : classes[0];
    if (code == ISCG_EIO && err)
        cls = file_error_class(cls, family, err->sys_errno);
    if (!cls) {
        Py_XDECREF(value);
        PyErr_SetString(PyExc_SystemError, "the iscg module is not initialised");
        return NULL;
    }
    const char *text = err && err->text[0] ? err->text : iscg_strerror(code);
    PyObject *message = iscg_py_str(text);
    PyObject *exc = message ? PyObject_CallFunctionObjArgs(cls, message, NULL) : NULL;
    Py_XDECREF(message);
    if (exc && set_attr(exc, "code", PyLong_FromLong(code)) == 0 &&
        set_attr(exc, "source", text_or_none(err ? err->source : NULL)) == 0 &&
        set_attr(exc, "field", text_or_none(err ? err->field : NULL)) == 0 &&
        set_attr(exc, "line", int_or_none(err ? err->line : 0)) == 0 &&
        set_attr(exc, "column", int_or_none(err ? err->column : 0)) == 0 &&
        (family != ISCG_PY_DATASET || set_attr(exc, "file", text_or_none(err ? err->source : NULL)) == 0) &&
        set_os_attrs(exc, err) == 0 && (!name || !value || PyObject_SetAttrString(exc, name, value) == 0))
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
    Py_XDECREF(exc);
    Py_XDECREF(value);
    return NULL;
}

PyObject *iscg_py_raise(int code, const iscg_error *err, enum iscg_py_family family)
{
    return iscg_py_raise_with(code, err, family, NULL, NULL);
}

/* ---- interrupting long calls ---------------------------------------------- */

/* Monotonic nanoseconds, or -1 without a clock. */
static int64_t monotonic_ns(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return -1;
    return (int64_t)ts.tv_sec * INT64_C(1000000000) + (int64_t)ts.tv_nsec;
}

void iscg_py_cancel_init(iscg_py_cancel_state *c)
{
    int64_t now = monotonic_ns();
    c->next_ns = now < 0 ? 0 : now + ISCG_PY_CANCEL_INTERVAL_NS;
    c->stop = 0;
}

int iscg_py_cancel(void *ctx)
{
    iscg_py_cancel_state *c = ctx;
    if (c->stop)
        return 1;
    int64_t now = monotonic_ns();
    if (now >= 0 && now < c->next_ns)
        return 0; /* looked not long ago: no GIL taken */
    c->next_ns = now < 0 ? 0 : now + ISCG_PY_CANCEL_INTERVAL_NS;
    PyGILState_STATE gil = PyGILState_Ensure();
    /* The thread's own state comes back: an exception a handler raises
     * stays pending in it after the GIL goes, for the wrapper to raise. */
    c->stop = PyErr_Occurred() != NULL || PyErr_CheckSignals() < 0;
    PyGILState_Release(gil);
    return c->stop;
}

/* ---- results that point into their source --------------------------------- */

int iscg_py_keep_source(PyObject *result, PyObject *source)
{
    return PyObject_SetAttrString(result, "_iscg_source", source);
}

/* ---- outputs -------------------------------------------------------------- */

int iscg_py_output(PyObject **result, PyObject *value)
{
    if (!value)
        goto fail;
    if (!*result || *result == Py_None) {
        Py_XDECREF(*result);
        *result = PyList_New(0);
        if (!*result)
            goto fail;
    }
    if (PyList_Append(*result, value) < 0)
        goto fail;
    Py_DECREF(value);
    return 0;
fail:
    Py_XDECREF(value);
    Py_CLEAR(*result);
    return -1;
}

PyObject *iscg_py_outputs(PyObject *collected, PyObject *fallback)
{
    if (!collected || collected == Py_None) {
        Py_XDECREF(collected);
        return fallback;
    }
    Py_XDECREF(fallback);
    PyObject *out;
    if (PyList_GET_SIZE(collected) == 1) {
        out = PyList_GET_ITEM(collected, 0);
        Py_INCREF(out);
    } else {
        out = PyList_AsTuple(collected);
    }
    Py_DECREF(collected);
    return out;
}

/* ---- scalars -------------------------------------------------------------- */

int iscg_py_str_in(PyObject *o, const char **out)
{
    if (o == Py_None) {
        *out = NULL;
        return 0;
    }
    if (!PyUnicode_Check(o)) {
        PyErr_Format(PyExc_TypeError, "a str is expected, not %.100s", Py_TYPE(o)->tp_name);
        return -1;
    }
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(o, &n);
    if (!s)
        return -1;
    if (strlen(s) != (size_t)n) {
        PyErr_SetString(PyExc_ValueError, "embedded null character");
        return -1;
    }
    *out = s;
    return 0;
}

/* An int (never a float) within [lo, hi]. */
static int int64_in(PyObject *o, int64_t lo, int64_t hi, int64_t *out)
{
    if (!PyLong_Check(o)) {
        PyErr_Format(PyExc_TypeError, "an int is expected, not %.100s", Py_TYPE(o)->tp_name);
        return -1;
    }
    int overflow;
    long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (v == -1 && PyErr_Occurred())
        return -1;
    if (overflow || v < lo || v > hi) {
        /* iscg.OverflowError, which is also the built-in OverflowError */
        iscg_error report;
        iscg_error_clear(&report);
        PyObject *text = PyUnicode_FromFormat("%R is outside %lld..%lld", o, (long long)lo, (long long)hi);
        const char *utf8 = text ? PyUnicode_AsUTF8(text) : NULL;
        if (utf8)
            snprintf(report.text, sizeof report.text, "%s", utf8);
        Py_XDECREF(text);
        if (!utf8)
            return -1;
        iscg_py_raise(ISCG_EOVERFLOW, &report, ISCG_PY_GENERAL);
        return -1;
    }
    *out = (int64_t)v;
    return 0;
}

int iscg_py_int64_in(PyObject *o, int64_t *out) { return int64_in(o, INT64_MIN, INT64_MAX, out); }

static int int_in(PyObject *o, int *out)
{
    int64_t v;
    if (int64_in(o, INT_MIN, INT_MAX, &v) < 0)
        return -1;
    *out = (int)v;
    return 0;
}

int iscg_py_date_in(PyObject *o, iscg_date *out)
{
    if (PyDateTime_Check(o)) {
        PyErr_SetString(PyExc_TypeError, "a date is expected, not a datetime: pass its .date()");
        return -1;
    }
    if (PyDate_Check(o)) {
        out->year = PyDateTime_GET_YEAR(o);
        out->month = PyDateTime_GET_MONTH(o);
        out->day = PyDateTime_GET_DAY(o);
        return 0;
    }
    if (PyTuple_Check(o) && PyTuple_GET_SIZE(o) == 3)
        return int_in(PyTuple_GET_ITEM(o, 0), &out->year) < 0 || int_in(PyTuple_GET_ITEM(o, 1), &out->month) < 0 ||
                       int_in(PyTuple_GET_ITEM(o, 2), &out->day) < 0
                   ? -1
                   : 0;
    PyErr_Format(PyExc_TypeError, "a datetime.date or a (year, month, day) tuple is expected, not %.100s",
                 Py_TYPE(o)->tp_name);
    return -1;
}

PyObject *iscg_py_date(iscg_date d)
{
    if (d.year == 0 && d.month == 0 && d.day == 0)
        Py_RETURN_NONE;
    return PyDate_FromDate(d.year, d.month, d.day);
}

/* A sequence of exactly @p n items other than a string, as a new "fast" sequence. */
static PyObject *pair_like(PyObject *o, Py_ssize_t n, const char *what)
{
    if (PyUnicode_Check(o) || PyBytes_Check(o) || !PySequence_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s is expected, not %.100s", what, Py_TYPE(o)->tp_name);
        return NULL;
    }
    PyObject *seq = PySequence_Fast(o, what);
    if (seq && PySequence_Fast_GET_SIZE(seq) != n) {
        PyErr_Format(PyExc_TypeError, "%s is expected, not %zd items", what, PySequence_Fast_GET_SIZE(seq));
        Py_CLEAR(seq);
    }
    return seq;
}

int iscg_py_period_in(PyObject *o, iscg_period *out)
{
    PyObject *seq = pair_like(o, 2, "a (start, end) pair of dates");
    if (!seq)
        return -1;
    int rc = iscg_py_date_in(PySequence_Fast_GET_ITEM(seq, 0), &out->start) < 0 ||
                     iscg_py_date_in(PySequence_Fast_GET_ITEM(seq, 1), &out->end) < 0
                 ? -1
                 : 0;
    Py_DECREF(seq);
    return rc;
}

PyObject *iscg_py_period(iscg_period p)
{
    PyObject *start = iscg_py_date(p.start), *end = start ? iscg_py_date(p.end) : NULL;
    PyObject *pair = end ? PyTuple_Pack(2, start, end) : NULL;
    Py_XDECREF(start);
    Py_XDECREF(end);
    return pair;
}

int iscg_py_ratio_in(PyObject *o, iscg_ratio *out)
{
    PyObject *seq = pair_like(o, 2, "a (numerator, denominator) pair");
    if (!seq)
        return -1;
    int rc = int64_in(PySequence_Fast_GET_ITEM(seq, 0), INT64_MIN, INT64_MAX, &out->num) < 0 ||
                     int64_in(PySequence_Fast_GET_ITEM(seq, 1), INT64_MIN, INT64_MAX, &out->den) < 0
                 ? -1
                 : 0;
    Py_DECREF(seq);
    return rc;
}

PyObject *iscg_py_ratio(iscg_ratio r)
{
    return PyObject_CallFunction(fraction_class, "LL", (long long)r.num, (long long)r.den);
}

/* ---- sequences ------------------------------------------------------------ */

/* A sequence other than a string, as a new "fast" sequence, and its length. */
static PyObject *sequence_in(PyObject *o, const char *what, size_t *n)
{
    if (PyUnicode_Check(o) || PyBytes_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s is expected, not %.100s", what, Py_TYPE(o)->tp_name);
        return NULL;
    }
    PyObject *seq = PySequence_Fast(o, what);
    if (seq)
        *n = (size_t)PySequence_Fast_GET_SIZE(seq);
    return seq;
}

int iscg_py_int64_array_in(PyObject *o, int64_t **out, size_t *n)
{
    PyObject *seq = sequence_in(o, "a sequence of ints", n);
    if (!seq)
        return -1;
    int64_t *v = PyMem_RawCalloc(*n ? *n : 1, sizeof *v);
    if (!v) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    for (size_t i = 0; i < *n; i++) {
        PyObject *item = PyNumber_Index(PySequence_Fast_GET_ITEM(seq, (Py_ssize_t)i));
        int rc = item ? int64_in(item, INT64_MIN, INT64_MAX, &v[i]) : -1;
        Py_XDECREF(item);
        if (rc < 0) {
            PyMem_RawFree(v);
            Py_DECREF(seq);
            return -1;
        }
    }
    Py_DECREF(seq);
    *out = v;
    return 0;
}

int iscg_py_period_array_in(PyObject *o, iscg_period **out, size_t *n)
{
    PyObject *seq = sequence_in(o, "a sequence of (start, end) periods", n);
    if (!seq)
        return -1;
    iscg_period *v = PyMem_RawCalloc(*n ? *n : 1, sizeof *v);
    if (!v) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    for (size_t i = 0; i < *n; i++) {
        if (iscg_py_period_in(PySequence_Fast_GET_ITEM(seq, (Py_ssize_t)i), &v[i]) < 0) {
            PyMem_RawFree(v);
            Py_DECREF(seq);
            return -1;
        }
    }
    Py_DECREF(seq);
    *out = v;
    return 0;
}

/* A list of @p n items made by @p make from the i-th element. */
#define LIST_OF(n, make)                                                                                     \
    do {                                                                                                     \
        PyObject *list = PyList_New((Py_ssize_t)(n));                                                       \
        for (size_t i = 0; list && i < (n); i++) {                                                           \
            PyObject *item = (make);                                                                         \
            if (!item) {                                                                                     \
                Py_CLEAR(list);                                                                              \
                break;                                                                                       \
            }                                                                                                \
            PyList_SET_ITEM(list, (Py_ssize_t)i, item);                                                      \
        }                                                                                                    \
        return list;                                                                                         \
    } while (0)

PyObject *iscg_py_int64_list(const int64_t *v, size_t n) { LIST_OF(n, PyLong_FromLongLong((long long)v[i])); }
PyObject *iscg_py_size_list(const size_t *v, size_t n) { LIST_OF(n, PyLong_FromSize_t(v[i])); }
PyObject *iscg_py_date_list(const iscg_date *v, size_t n) { LIST_OF(n, iscg_py_date(v[i])); }
PyObject *iscg_py_period_list(const iscg_period *v, size_t n) { LIST_OF(n, iscg_py_period(v[i])); }
PyObject *iscg_py_int_list(const int *v, size_t n) { LIST_OF(n, PyLong_FromLong(v[i])); }

/* ---- explanations --------------------------------------------------------- */

/* Sets d[key] = value (stolen). */
static int put(PyObject *d, const char *key, PyObject *value)
{
    if (!value)
        return -1;
    int rc = PyDict_SetItemString(d, key, value);
    Py_DECREF(value);
    return rc;
}

static PyObject *render(const iscg_explain *e)
{
    int n = iscg_explain_render(NULL, 0, e);
    if (n < 0)
        return iscg_py_raise(n, NULL, ISCG_PY_GENERAL);
    char *buf = PyMem_Malloc((size_t)n + 1);
    if (!buf)
        return PyErr_NoMemory();
    int rc = iscg_explain_render(buf, (size_t)n + 1, e); /* the same node: the same length */
    PyObject *s = rc < 0 ? iscg_py_raise(rc, NULL, ISCG_PY_GENERAL) : iscg_py_str(buf);
    PyMem_Free(buf);
    return s;
}

PyObject *iscg_py_explain(const iscg_explain *e)
{
    if (!e)
        Py_RETURN_NONE;
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    size_t n = iscg_explain_child_count(e);
    PyObject *children = PyList_New((Py_ssize_t)n);
    if (!children || put(d, "children", children) < 0 || put(d, "rule", iscg_py_str(iscg_explain_rule(e))) < 0 ||
        put(d, "text", iscg_py_str(iscg_explain_text(e))) < 0 ||
        put(d, "amount", PyLong_FromLongLong((long long)iscg_explain_amount(e))) < 0 ||
        put(d, "rendered", render(e)) < 0) {
        Py_DECREF(d);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        PyObject *child = iscg_py_explain(iscg_explain_child(e, i));
        if (!child) {
            Py_DECREF(d);
            return NULL;
        }
        PyList_SET_ITEM(children, (Py_ssize_t)i, child);
    }
    return d;
}

/* ---- activity records in columns ------------------------------------------ */

/* The columns as the Python package gives them (bindings/iscg/_ingest.py),
 * in the order of ::iscg_stats_columns: names, then integers. */
enum { NAME_COLUMNS = 4, INT_COLUMNS = 6 + ISCG_ACTIVITY_FIELD_COUNT, COLUMNS = NAME_COLUMNS + INT_COLUMNS };
static const char *const column_names[COLUMNS] = {
    "post", "site", "territory", "note", "year", "month", "granularity", "not_reported", "carrier", "force",
    "women", "men", "children", "referrals", "interviews", "interviews_physical", "interviews_telephone",
    "interviews_partners", "epci", "communes", "population", "vif_basis_points"};

/* What a call holds while the library reads the columns. */
typedef struct held_columns {
    Py_buffer view[COLUMNS];       /* the buffers read in place */
    int64_t *copy[COLUMNS];        /* unaligned buffers, copied; PyMem_RawFree() */
    PyObject *names[NAME_COLUMNS]; /* the tuples of str the names point into */
    const char **utf8[NAME_COLUMNS];
    Py_ssize_t n; /* the number of records, -1 until a buffer gives it */
} held_columns;

/* A column of integers: absent (the default stays), an int for every record,
 * or a one-dimensional buffer of native int64 read in place (numpy's usual
 * column; copied when unaligned). 0, or -1 with an exception. */
static int int_column_in(PyObject *o, int k, held_columns *h, const int64_t **values, int64_t *value)
{
    if (!o || o == Py_None)
        return 0;
    if (PyLong_Check(o))
        return iscg_py_int64_in(o, value);
    Py_buffer *v = &h->view[k];
    if (PyObject_GetBuffer(o, v, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
        v->obj = NULL;
        if (!PyErr_ExceptionMatches(PyExc_TypeError) && !PyErr_ExceptionMatches(PyExc_BufferError))
            return -1;
        PyErr_Clear(); /* not a contiguous buffer: said below */
    }
    const char *f = v->obj ? v->format + (v->format[0] == '@' || v->format[0] == '=') : "";
    Py_ssize_t n = v->obj && v->ndim == 1 ? v->shape[0] : -1;
    if (v->itemsize != 8 || (f[0] != 'q' && f[0] != 'l' && f[0] != 'n') || f[1] || n < 0 || (h->n >= 0 && n != h->n)) {
        PyErr_Format(PyExc_TypeError, "%s: a one-dimensional buffer of native int64%s is expected, not %.100s",
                     column_names[k], h->n >= 0 ? " as long as the others" : "", Py_TYPE(o)->tp_name);
        return -1;
    }
    h->n = n;
    *values = v->buf;
    if ((uintptr_t)v->buf % _Alignof(int64_t)) {
        if (!(h->copy[k] = PyMem_RawMalloc((size_t)v->len + 1)))
            return PyErr_NoMemory(), -1;
        *values = memcpy(h->copy[k], v->buf, (size_t)v->len);
    }
    return 0;
}

/* A column of names: absent, or a (codes, names) pair, codes a column of
 * integers and names a tuple of str. 0, or -1 with an exception. */
static int name_column_in(PyObject *o, int k, held_columns *h, iscg_stats_name_column *out)
{
    if (!o || o == Py_None)
        return 0;
    if (!PyTuple_Check(o) || PyTuple_GET_SIZE(o) != 2 || !PyTuple_Check(PyTuple_GET_ITEM(o, 1))) {
        PyErr_Format(PyExc_TypeError, "%s: a (codes, tuple of names) pair is expected", column_names[k]);
        return -1;
    }
    if (int_column_in(PyTuple_GET_ITEM(o, 0), k, h, &out->codes, &out->code) < 0)
        return -1;
    PyObject *names = h->names[k] = PyTuple_GET_ITEM(o, 1);
    Py_INCREF(names);
    Py_ssize_t count = PyTuple_GET_SIZE(names);
    if (!(h->utf8[k] = PyMem_RawCalloc((size_t)count + 1, sizeof *h->utf8[k])))
        return PyErr_NoMemory(), -1;
    for (Py_ssize_t i = 0; i < count; i++)
        if (iscg_py_str_in(PyTuple_GET_ITEM(names, i), &h->utf8[k][i]) < 0 || !h->utf8[k][i]) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_TypeError, "%s: name %zd is None, not a str", column_names[k], i);
            return -1;
        }
    out->names = h->utf8[k];
    out->count = (size_t)count;
    return 0;
}

PyObject *iscg_py_stats_add_columns(iscg_stats *s, PyObject *columns)
{
    if (!PyDict_Check(columns)) {
        PyErr_Format(PyExc_TypeError, "a dict of columns is expected, not %.100s", Py_TYPE(columns)->tp_name);
        return NULL;
    }
    iscg_stats_columns cols = ISCG_STATS_COLUMNS_INIT;
    iscg_stats_name_column *name_cols[NAME_COLUMNS] = {&cols.post, &cols.site, &cols.territory, &cols.note};
    iscg_stats_int_column *int_cols[INT_COLUMNS] = {&cols.year, &cols.month, &cols.granularity,
                                                    &cols.not_reported, &cols.carrier, &cols.force};
    for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++)
        int_cols[6 + f] = &cols.figure[f];
    held_columns h;
    memset(&h, 0, sizeof h);
    h.n = -1;
    PyObject *result = NULL;
    for (int k = 0; k < COLUMNS; k++) {
        PyObject *o = PyDict_GetItemString(columns, column_names[k]);
        if (k < NAME_COLUMNS ? name_column_in(o, k, &h, name_cols[k])
                             : int_column_in(o, k, &h, &int_cols[k - NAME_COLUMNS]->values,
                                             &int_cols[k - NAME_COLUMNS]->value))
            goto done;
    }
    if (h.n < 0) {
        PyErr_SetString(PyExc_TypeError, "no column gives the number of records");
        goto done;
    }
    /* added in one call without the GIL (under the state lock, iscg_py.h),
     * the buffers and str objects held meanwhile; Ctrl-C stops it, all it
     * added undone (iscg_py_cancel()) */
    iscg_error err;
    iscg_error_clear(&err);
    size_t failed = SIZE_MAX;
    int rc;
    iscg_py_cancel_state poll;
    iscg_py_cancel_init(&poll);
    iscg_stats_options opts = ISCG_STATS_OPTIONS_INIT;
    opts.cancel = iscg_py_cancel;
    opts.cancel_ctx = &poll;
    Py_BEGIN_ALLOW_THREADS
    rc = iscg_stats_add_columns_ext(s, &cols, (size_t)h.n, &opts, &failed, &err);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        iscg_py_raise_with(rc, &err, ISCG_PY_GENERAL, "index", failed == SIZE_MAX ? NULL : PyLong_FromSize_t(failed));
    else
        result = PyLong_FromSsize_t(h.n);
done:
    for (int k = 0; k < COLUMNS; k++) {
        PyBuffer_Release(&h.view[k]);
        PyMem_RawFree(h.copy[k]);
    }
    for (int k = 0; k < NAME_COLUMNS; k++) {
        Py_XDECREF(h.names[k]);
        PyMem_RawFree((void *)h.utf8[k]);
    }
    return result;
}

PyObject *iscg_py_stats_copy(iscg_stats *to, const iscg_stats *from, size_t count)
{
    if (to == from) {
        PyErr_SetString(PyExc_ValueError, "a collection cannot be copied into itself");
        return NULL;
    }
    size_t n = iscg_stats_count(from) < count ? iscg_stats_count(from) : count;
    for (size_t i = 0; i < n; i++) {
        iscg_activity a;
        iscg_error err;
        iscg_error_clear(&err);
        int rc = iscg_stats_get(&a, from, i);
        if (rc == 0)
            rc = iscg_stats_add(to, &a, &err);
        if (rc < 0) { /* "record <i>: " before the library's sentence, cut as it cuts */
            char text[sizeof err.text];
            if (snprintf(text, sizeof text, "record %zu: %s", i, err.text[0] ? err.text : iscg_strerror(rc)) > 0)
                memcpy(err.text, text, sizeof text);
            return iscg_py_raise_with(rc, &err, ISCG_PY_GENERAL, "index", PyLong_FromSize_t(i));
        }
    }
    return PyLong_FromSize_t(n);
}

/* ---- a table in columns ------------------------------------------------------ */

enum export_kind {
    X_KEY,    /* the group's name, a str (one object per distinct name) */
    X_PERIOD, /* the period's name ("2022", "2022-Q3"), a str (one per period) */
    X_DAYS,   /* an iscg_date as days since 1970-01-01, int64 */
    X_BOOL,   /* an int 0/1, bool */
    X_INT64,  /* an int64_t */
    X_SIZE    /* a size_t, int64 */
};

typedef struct export_column {
    char name[48];
    enum export_kind kind;
    size_t offset;
} export_column;

/* The columns of one kind of row, in order: built once from its layout. */
#define MAX_EXPORT 96
typedef struct export_table {
    const char *what; /* for error messages */
    export_column columns[MAX_EXPORT];
    size_t count;
} export_table;

static export_table table_export = {"a table of activity statistics", {{{0}, X_KEY, 0}}, 0};
static export_table sums_export = {"sums of activity statistics", {{{0}, X_KEY, 0}}, 0};

static void export_add(export_table *x, const char *name, const char *suffix, enum export_kind kind,
                       size_t offset)
{
    export_column *c = &x->columns[x->count++];
    snprintf(c->name, sizeof c->name, "%s%s", name, suffix);
    c->kind = kind;
    c->offset = offset;
}

/* The sums of the counts (value, known, missing) laid out from offset `count`. */
static void export_counts(export_table *x, size_t count)
{
    for (int f = 0; f < ISCG_ACTIVITY_COUNTS; f++) {
        const char *name = iscg_activity_field_name((iscg_activity_field)f);
        size_t base = count + (size_t)f * sizeof(iscg_stats_sum);
        export_add(x, name, "", X_INT64, base + offsetof(iscg_stats_sum, value));
        export_add(x, name, "_known", X_SIZE, base + offsetof(iscg_stats_sum, known));
        export_add(x, name, "_missing", X_SIZE, base + offsetof(iscg_stats_sum, missing));
    }
}

/* The columns of ::iscg_stats_row and ::iscg_stats_sums_row. */
static void export_init(void)
{
    if (table_export.count)
        return;
    export_table *x = &table_export;
    export_add(x, "group", "", X_KEY, offsetof(iscg_stats_row, key));
    export_add(x, "is_total", "", X_BOOL, offsetof(iscg_stats_row, is_total));
    export_add(x, "period", "", X_PERIOD, offsetof(iscg_stats_row, period));
    export_add(x, "start", "", X_DAYS, offsetof(iscg_stats_row, period) + offsetof(iscg_period, start));
    export_add(x, "end", "", X_DAYS, offsetof(iscg_stats_row, period) + offsetof(iscg_period, end));
    export_add(x, "records", "", X_SIZE, offsetof(iscg_stats_row, records));
    export_add(x, "not_reported", "", X_SIZE, offsetof(iscg_stats_row, not_reported));
    export_add(x, "incomplete", "", X_SIZE, offsetof(iscg_stats_row, incomplete));
    export_counts(x, offsetof(iscg_stats_row, count));
    static const struct {
        const char *name;
        size_t offset;
    } measures[] = {{"vif", offsetof(iscg_stats_row, vif)},
                    {"vif_plain_mean", offsetof(iscg_stats_row, vif_plain_mean)},
                    {"interviews_per_referral", offsetof(iscg_stats_row, interviews_per_referral)},
                    {"referrals_per_thousand", offsetof(iscg_stats_row, referrals_per_thousand)},
                    {"share", offsetof(iscg_stats_row, share)}};
    for (size_t m = 0; m < sizeof measures / sizeof measures[0]; m++) {
        size_t base = measures[m].offset;
        const char *name = measures[m].name;
        export_add(x, name, "_defined", X_BOOL, base + offsetof(iscg_stats_measure, defined));
        export_add(x, name, "_scaled", X_INT64, base + offsetof(iscg_stats_measure, scaled));
        export_add(x, name, "_scale", X_INT64, base + offsetof(iscg_stats_measure, scale));
        export_add(x, name, "_num", X_INT64, base + offsetof(iscg_stats_measure, exact) + offsetof(iscg_ratio, num));
        export_add(x, name, "_den", X_INT64, base + offsetof(iscg_stats_measure, exact) + offsetof(iscg_ratio, den));
        export_add(x, name, "_weight", X_INT64, base + offsetof(iscg_stats_measure, weight));
        export_add(x, name, "_used", X_SIZE, base + offsetof(iscg_stats_measure, used));
        export_add(x, name, "_excluded", X_SIZE, base + offsetof(iscg_stats_measure, excluded));
    }
    export_add(x, "gaps", "", X_SIZE, offsetof(iscg_stats_row, gap_count));
    x = &sums_export;
    export_add(x, "group", "", X_KEY, offsetof(iscg_stats_sums_row, key));
    export_add(x, "period", "", X_PERIOD, offsetof(iscg_stats_sums_row, period));
    export_add(x, "start", "", X_DAYS, offsetof(iscg_stats_sums_row, period) + offsetof(iscg_period, start));
    export_add(x, "end", "", X_DAYS, offsetof(iscg_stats_sums_row, period) + offsetof(iscg_period, end));
    export_add(x, "records", "", X_SIZE, offsetof(iscg_stats_sums_row, records));
    export_add(x, "not_reported", "", X_SIZE, offsetof(iscg_stats_sums_row, not_reported));
    export_counts(x, offsetof(iscg_stats_sums_row, count));
}

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar. */
static int64_t epoch_days(iscg_date d)
{
    int64_t y = d.year - (d.month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* A memoryview of @p size bytes per row, cast to @p format ("q" or "?"). */
static PyObject *typed_view(PyObject *bytes, const char *format)
{
    PyObject *view = PyMemoryView_FromObject(bytes);
    PyObject *cast = view ? PyObject_CallMethod(view, "cast", "s", format) : NULL;
    Py_XDECREF(view);
    return cast;
}

/* A column of names (X_KEY, X_PERIOD) being filled, as codes: each row's
 * code (int32) is the place of its name in a list of the names met, one str
 * object per name. Python makes the column from the two (_columns_out()),
 * without a str reference per row. */
typedef struct name_column {
    PyObject *codes; /* a bytearray of int32 */
    PyObject *names; /* a list */
} name_column;

/* Makes the column for n rows; -1 on error (raised). */
static int name_column_new(name_column *c, size_t n)
{
    c->codes = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)(n * sizeof(int32_t)));
    c->names = c->codes ? PyList_New(0) : NULL;
    return c->names ? 0 : -1;
}

/* Row i's code. */
static void name_column_set(name_column *c, size_t i, int32_t code)
{
    memcpy(PyByteArray_AS_STRING(c->codes) + i * sizeof code, &code, sizeof code);
}

/* Adds a name (its text) to the list; its code, or -1 on error (raised). */
static int32_t name_column_add(name_column *c, const char *text)
{
    Py_ssize_t code = PyList_GET_SIZE(c->names);
    if (code >= INT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "more than 2^31 - 1 distinct names in a column");
        return -1;
    }
    PyObject *str = iscg_py_str(text);
    int rc = str ? PyList_Append(c->names, str) : -1;
    Py_XDECREF(str);
    return rc < 0 ? -1 : (int32_t)code;
}

/* The names of the rows' groups: tables and sums intern them, so equal
 * names are one pointer, found again by pointer; rows of one group come
 * together, so the last name first. */
typedef struct key_column {
    name_column out;
    const char *last_key;
    int32_t last_code;
    size_t cap, count;
    struct key_slot {
        const char *key;
        int32_t code;
    } *slots;
} key_column;

static size_t key_slot_of(const struct key_slot *slots, size_t cap, const char *k)
{
    size_t j = (((uintptr_t)k >> 3) * 0x9E3779B97F4A7C15u >> 17) & (cap - 1);
    while (slots[j].key && slots[j].key != k)
        j = (j + 1) & (cap - 1);
    return j;
}

/* Sets row i of the column to the name at `offset` in row; -1 on error (raised). */
static int key_put(key_column *c, const void *row, size_t offset, size_t i)
{
    const char *k;
    memcpy(&k, (const char *)row + offset, sizeof k);
    if (!k)
        k = "";
    if (k != c->last_key || c->last_code < 0) {
        if (2 * (c->count + 1) > c->cap) { /* grow: at most half full */
            size_t cap = c->cap ? 2 * c->cap : 1024;
            struct key_slot *slots = PyMem_RawCalloc(cap, sizeof *slots);
            if (!slots) {
                PyErr_NoMemory();
                return -1;
            }
            for (size_t j = 0; j < c->cap; j++)
                if (c->slots[j].key)
                    slots[key_slot_of(slots, cap, c->slots[j].key)] = c->slots[j];
            PyMem_RawFree(c->slots);
            c->slots = slots;
            c->cap = cap;
        }
        struct key_slot *slot = &c->slots[key_slot_of(c->slots, c->cap, k)];
        if (!slot->key) { /* a name not met yet */
            int32_t code = name_column_add(&c->out, k);
            if (code < 0)
                return -1;
            *slot = (struct key_slot){k, code};
            c->count++;
        }
        c->last_key = k;
        c->last_code = slot->code;
    }
    name_column_set(&c->out, i, c->last_code);
    return 0;
}

/* The names of the rows' periods: the periods met last, most recent first;
 * rows by period repeat one, rows by group and period cycle through a few.
 * A period met again after 16 others is named again. */
enum { RECENT_PERIODS = 16 };
typedef struct period_column {
    name_column out;
    size_t nrecent;
    struct {
        iscg_period p;
        int32_t code;
    } recent[RECENT_PERIODS];
} period_column;

/* Sets row i of the column to the name of the period at `offset` in row;
 * -1 on error (raised). */
static int period_put(period_column *c, const void *row, size_t offset, size_t i)
{
    iscg_period p;
    memcpy(&p, (const char *)row + offset, sizeof p);
    size_t j = 0;
    while (j < c->nrecent && memcmp(&c->recent[j].p, &p, sizeof p) != 0)
        j++;
    int32_t code;
    if (j < c->nrecent) {
        code = c->recent[j].code;
    } else {
        char text[ISCG_STATS_PERIOD_TEXT_LENGTH];
        if (iscg_stats_period_format(text, sizeof text, p) < 0)
            text[0] = '\0';
        if ((code = name_column_add(&c->out, text)) < 0)
            return -1;
        j = c->nrecent < RECENT_PERIODS ? c->nrecent++ : RECENT_PERIODS - 1;
    }
    memmove(&c->recent[1], &c->recent[0], j * sizeof c->recent[0]); /* to the front */
    c->recent[0].p = p;
    c->recent[0].code = code;
    name_column_set(&c->out, i, code);
    return 0;
}

/* Writes column c of rows[0..m-1] as elements 0..m-1 of out (8 bytes
 * each, or 1 for a bool). */
static void export_block(const export_column *c, const void *const *rows, size_t m, char *out)
{
    const size_t at = c->offset;
    switch (c->kind) {
    case X_BOOL:
        for (size_t j = 0; j < m; j++) {
            int b;
            memcpy(&b, (const char *)rows[j] + at, sizeof b);
            out[j] = (char)(b != 0);
        }
        return;
    case X_DAYS:
        for (size_t j = 0; j < m; j++) {
            iscg_date d;
            memcpy(&d, (const char *)rows[j] + at, sizeof d);
            int64_t v = epoch_days(d);
            memcpy(out + j * 8, &v, 8);
        }
        return;
    case X_SIZE:
        for (size_t j = 0; j < m; j++) {
            size_t z;
            memcpy(&z, (const char *)rows[j] + at, sizeof z);
            int64_t v = z > (size_t)INT64_MAX ? INT64_MAX : (int64_t)z;
            memcpy(out + j * 8, &v, 8);
        }
        return;
    default:
        for (size_t j = 0; j < m; j++)
            memcpy(out + j * 8, (const char *)rows[j] + at, 8);
        return;
    }
}

/* Row i of the rows being exported: a pointer to it, or to `buf` filled with it. */
typedef const void *(*row_fetch)(const void *rows, size_t i, void *buf);

/* Which columns of x are wanted: all (names None), or those named, each
 * once; -1 on error (raised). */
static int export_wanted(const export_table *x, PyObject *names, unsigned char wanted[MAX_EXPORT])
{
    memset(wanted, names == Py_None, MAX_EXPORT);
    if (names == Py_None)
        return 0;
    if (PyUnicode_Check(names)) {
        PyErr_SetString(PyExc_TypeError, "a sequence of column names is expected, not a str");
        return -1;
    }
    PyObject *seq = PySequence_Fast(names, "a sequence of column names is expected");
    if (!seq)
        return -1;
    for (Py_ssize_t j = 0; j < PySequence_Fast_GET_SIZE(seq); j++) {
        const char *name;
        if (iscg_py_str_in(PySequence_Fast_GET_ITEM(seq, j), &name) < 0 || !name) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "a column name is a str, not None");
            Py_DECREF(seq);
            return -1;
        }
        size_t k = 0;
        while (k < x->count && strcmp(x->columns[k].name, name) != 0)
            k++;
        if (k == x->count) {
            PyErr_Format(PyExc_KeyError, "%s has no column '%s'", x->what, name);
            Py_DECREF(seq);
            return -1;
        }
        wanted[k] = 1;
    }
    Py_DECREF(seq);
    return 0;
}

/* Rows exported at once: a block of rows stays in the cache while each of
 * its columns is written, and a pass per column over all the rows would
 * read (or fill) every row once for each of its ~40 columns. */
enum { EXPORT_BLOCK = 256 };

/* Writes the numeric columns which[0..nnum-1] of x of the n rows into
 * data[0..nnum-1], block by block; `buf` holds a block of rows if `fetch`
 * fills them. No Python call. */
static void export_numbers(const export_table *x, const void *rows, row_fetch fetch, size_t row_size, size_t n,
                           char *buf, const size_t *which, size_t nnum, char *const *data)
{
    const void *block[EXPORT_BLOCK];
    for (size_t i0 = 0; i0 < n; i0 += EXPORT_BLOCK) {
        size_t m = n - i0;
        if (m > EXPORT_BLOCK)
            m = EXPORT_BLOCK;
        for (size_t j = 0; j < m; j++)
            block[j] = fetch(rows, i0 + j, buf ? buf + j * row_size : NULL);
        for (size_t c = 0; c < nnum; c++) {
            enum export_kind kind = x->columns[which[c]].kind;
            export_block(&x->columns[which[c]], block, m, data[c] + i0 * (kind == X_BOOL ? 1 : 8));
        }
    }
}

/* The columns of x named in names (None: all) of the n rows, block by
 * block. `fetch` gives row i, filling a row of `row_size` bytes if it must
 * (0: it never does). */
static PyObject *export_rows(const export_table *x, const void *rows, row_fetch fetch, size_t row_size, size_t n,
                             PyObject *names)
{
    unsigned char wanted[MAX_EXPORT];
    if (export_wanted(x, names, wanted) < 0)
        return NULL;
    PyObject *columns[MAX_EXPORT] = {NULL}; /* bytearrays of numbers */
    char *data[MAX_EXPORT];
    size_t which[MAX_EXPORT], nnum = 0;
    /* only one column of each kind of name is exported (x has no more) */
    key_column keys = {{NULL, NULL}, NULL, -1, 0, 0, NULL};
    period_column periods = {{NULL, NULL}, 0, {{{{0, 0, 0}, {0, 0, 0}}, 0}}};
    int with_keys = 0, with_periods = 0;
    size_t key_at = 0, period_at = 0; /* their offsets */
    int ok = n <= (size_t)PY_SSIZE_T_MAX / 8;
    if (!ok)
        PyErr_NoMemory();
    for (size_t k = 0; ok && k < x->count; k++) {
        enum export_kind kind = x->columns[k].kind;
        if (!wanted[k])
            continue;
        if (kind == X_KEY) {
            ok = name_column_new(&keys.out, n) == 0;
            with_keys = 1;
            key_at = x->columns[k].offset;
            continue;
        }
        if (kind == X_PERIOD) {
            ok = name_column_new(&periods.out, n) == 0;
            with_periods = 1;
            period_at = x->columns[k].offset;
            continue;
        }
        columns[k] = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)(n * (kind == X_BOOL ? 1 : 8)));
        ok = columns[k] != NULL;
        if (ok) {
            data[nnum] = PyByteArray_AS_STRING(columns[k]);
            which[nnum++] = k;
        }
    }
    char *buf = ok && row_size ? PyMem_RawMalloc(EXPORT_BLOCK * row_size) : NULL;
    if (ok && row_size && !buf) {
        PyErr_NoMemory();
        ok = 0;
    }
    /* The numbers without the GIL (a result never changes, and the arrays
     * are not Python's yet); the names, which are str objects, with it. */
    if (ok && nnum) {
        Py_BEGIN_ALLOW_THREADS
        export_numbers(x, rows, fetch, row_size, n, buf, which, nnum, data);
        Py_END_ALLOW_THREADS
    }
    for (size_t i = 0; ok && (with_keys || with_periods) && i < n; i++) {
        const void *row = fetch(rows, i, buf);
        ok = (!with_keys || key_put(&keys, row, key_at, i) == 0) &&
             (!with_periods || period_put(&periods, row, period_at, i) == 0);
    }
    PyMem_RawFree(buf);
    PyMem_RawFree(keys.slots);
    PyObject *d = ok ? PyDict_New() : NULL;
    for (size_t k = 0; d && k < x->count; k++) {
        if (!wanted[k])
            continue;
        enum export_kind kind = x->columns[k].kind;
        PyObject *column;
        if (kind == X_KEY || kind == X_PERIOD) { /* (codes, names) */
            const name_column *c = kind == X_KEY ? &keys.out : &periods.out;
            PyObject *codes = typed_view(c->codes, "i");
            column = codes ? PyTuple_Pack(2, codes, c->names) : NULL;
            Py_XDECREF(codes);
        } else {
            column = typed_view(columns[k], kind == X_BOOL ? "?" : "q");
        }
        if (!column || PyDict_SetItemString(d, x->columns[k].name, column) < 0)
            Py_CLEAR(d);
        Py_XDECREF(column);
    }
    for (size_t k = 0; k < x->count; k++)
        Py_XDECREF(columns[k]);
    Py_XDECREF(keys.out.codes);
    Py_XDECREF(keys.out.names);
    Py_XDECREF(periods.out.codes);
    Py_XDECREF(periods.out.names);
    return d;
}

static const void *table_fetch(const void *rows, size_t i, void *buf)
{
    (void)buf;
    return iscg_stats_table_row(rows, i);
}

PyObject *iscg_py_stats_table_columns(const iscg_stats_table *t, PyObject *names)
{
    export_init();
    return export_rows(&table_export, t, table_fetch, 0, iscg_stats_table_count(t), names);
}

static const void *sums_fetch(const void *rows, size_t i, void *buf)
{
    int rc = iscg_stats_sums_get(buf, rows, i); /* i is below the count: 0 */
    (void)rc;
    return buf;
}

PyObject *iscg_py_stats_sums_columns(const iscg_stats_sums *sums, PyObject *names)
{
    export_init();
    return export_rows(&sums_export, sums, sums_fetch, sizeof(iscg_stats_sums_row), iscg_stats_sums_count(sums),
                       names);
}

/* ---- a funding report in columns ------------------------------------------ */

enum {
    FC_CONVENTION, FC_POST, FC_POST_LABEL, FC_CARRIER, FC_CARRIER_NAME, FC_START, FC_END, FC_PARTY,
    FC_PARTY_NAME, FC_PARTY_KIND, FC_SIDE, FC_AMOUNT, FC_STATED, FC_REPLACES, FC_COUNT
};

/* The text of one column of consecutive rows: the rows of a convention
 * share its strings, so a text the row before held at the same address is
 * the same object. */
typedef struct text_cache {
    const char *s;
    PyObject *o; /* borrowed from the column's list */
} text_cache;

/* Stores text @p s (NULL: None) as item @p i of @p list; returns -1 with an exception. */
static int put_text(PyObject *list, Py_ssize_t i, const char *s, text_cache *c)
{
    PyObject *o;
    if (c->o && c->s == s) {
        o = c->o;
        Py_INCREF(o);
    } else {
        o = iscg_py_str(s);
        if (!o)
            return -1;
        c->s = s;
        c->o = o;
    }
    PyList_SET_ITEM(list, i, o);
    return 0;
}

/* Stores date @p d as item @p i of @p list, the object of the row before when the date is the same. */
static int put_date(PyObject *list, Py_ssize_t i, iscg_date d, iscg_date *last, PyObject **last_o)
{
    if (!*last_o || memcmp(last, &d, sizeof d) != 0) {
        PyObject *o = iscg_py_date(d);
        if (!o)
            return -1;
        *last = d;
        *last_o = o;
    } else {
        Py_INCREF(*last_o);
    }
    PyList_SET_ITEM(list, i, *last_o);
    return 0;
}

/* Stores an int (or None when @p known is 0) as item @p i of @p list. */
static int put_int(PyObject *list, Py_ssize_t i, long long v, int known)
{
    PyObject *o = known ? PyLong_FromLongLong(v) : none();
    if (!o)
        return -1;
    PyList_SET_ITEM(list, i, o);
    return 0;
}

PyObject *iscg_py_report_funding_columns(const iscg_report_funding *rf)
{
    if (!rf) {
        PyErr_SetString(PyExc_TypeError, "a funding report is expected");
        return NULL;
    }
    size_t n = iscg_report_funding_row_count(rf);
    PyObject *cols = PyTuple_New(FC_COUNT);
    if (!cols)
        return NULL;
    for (int c = 0; c < FC_COUNT; c++) {
        PyObject *list = PyList_New((Py_ssize_t)n);
        if (!list) {
            Py_DECREF(cols);
            return NULL;
        }
        PyTuple_SET_ITEM(cols, c, list);
    }
    /* the lists hold NULL until filled, which a list being freed accepts */
#define COL(c) PyTuple_GET_ITEM(cols, (c))
    text_cache texts[FC_COUNT];
    memset(texts, 0, sizeof texts);
    iscg_date last_start, last_end;
    PyObject *start_o = NULL, *end_o = NULL;
    memset(&last_start, 0, sizeof last_start);
    memset(&last_end, 0, sizeof last_end);
    for (size_t k = 0; k < n; k++) {
        iscg_report_funding_row r;
        int rc = iscg_report_funding_row_get(&r, rf, k);
        Py_ssize_t i = (Py_ssize_t)k;
        if (rc < 0) {
            iscg_py_raise(rc, NULL, ISCG_PY_GENERAL);
            goto fail;
        }
        const iscg_funding_row *f = &r.funder;
        if (put_text(COL(FC_CONVENTION), i, r.convention, &texts[FC_CONVENTION]) < 0 ||
            put_text(COL(FC_POST), i, r.post, &texts[FC_POST]) < 0 ||
            put_text(COL(FC_POST_LABEL), i, r.post_label, &texts[FC_POST_LABEL]) < 0 ||
            put_text(COL(FC_CARRIER), i, r.carrier, &texts[FC_CARRIER]) < 0 ||
            put_text(COL(FC_CARRIER_NAME), i, r.carrier_name, &texts[FC_CARRIER_NAME]) < 0 ||
            put_date(COL(FC_START), i, r.period.start, &last_start, &start_o) < 0 ||
            put_date(COL(FC_END), i, r.period.end, &last_end, &end_o) < 0 ||
            put_text(COL(FC_PARTY), i, f->party, &texts[FC_PARTY]) < 0 ||
            put_text(COL(FC_PARTY_NAME), i, f->party_name, &texts[FC_PARTY_NAME]) < 0 ||
            put_int(COL(FC_PARTY_KIND), i, (long long)f->party_kind, 1) < 0 ||
            put_text(COL(FC_SIDE), i, f->side, &texts[FC_SIDE]) < 0 ||
            put_int(COL(FC_AMOUNT), i, (long long)f->amount, 1) < 0 ||
            put_int(COL(FC_STATED), i, (long long)f->stated, f->has_stated) < 0 ||
            put_text(COL(FC_REPLACES), i, f->replaces, &texts[FC_REPLACES]) < 0)
            goto fail;
    }
#undef COL
    return cols;
fail:
    Py_DECREF(cols);
    return NULL;
}

PyObject *iscg_py_report_funding_explain(const iscg_report_funding *rf, size_t i)
{
    iscg_report_funding_row r;
    int rc = iscg_report_funding_row_get(&r, rf, i);
    if (rc < 0)
        return iscg_py_raise(rc, NULL, ISCG_PY_GENERAL);
    return iscg_py_explain(r.funder.explain);
}

/* ---- the fast path of iscg.allocate() ----------------------------------------- */

/* The name of the capsules that hold a packed allocation rule. */
static const char rule_capsule[] = "iscg.allocation_rule";

/**
 * Frees the rule a capsule made by iscg_py_allocation_rule_pack() holds.
 * @param capsule the capsule being collected.
 */
static void rule_capsule_free(PyObject *capsule) { PyMem_Free(PyCapsule_GetPointer(capsule, rule_capsule)); }

PyObject *iscg_py_allocation_rule_pack(const iscg_allocation_rule *rule)
{
    if (!rule) {
        PyErr_SetString(PyExc_TypeError, "an allocation rule is expected");
        return NULL;
    }
    iscg_allocation_rule *copy = PyMem_Malloc(sizeof *copy);
    if (!copy)
        return PyErr_NoMemory();
    *copy = *rule;
    PyObject *capsule = PyCapsule_New(copy, rule_capsule, rule_capsule_free);
    if (!capsule)
        PyMem_Free(copy);
    return capsule;
}

/**
 * Decimal euros with two places for an amount of cents, made from its text
 * ("-1234.05"), which the Decimal constructor reads exactly whatever the
 * caller's decimal context: Decimal(cents).scaleb(-2) to the digit and the
 * exponent, without an arithmetic operation.
 * @param cents the amount.
 * @return a new reference, or NULL with an exception set.
 */
static PyObject *euros_of_cents(int64_t cents)
{
    if (cents == 0) {
        Py_INCREF(zero_euros);
        return zero_euros;
    }
    char text[32];
    char *p = text + sizeof text;
    uint64_t m = cents < 0 ? 0 - (uint64_t)cents : (uint64_t)cents;
    *--p = (char)('0' + m % 10);
    m /= 10;
    *--p = (char)('0' + m % 10);
    m /= 10;
    *--p = '.';
    do {
        *--p = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (cents < 0)
        *--p = '-';
    PyObject *s = PyUnicode_FromStringAndSize(p, text + sizeof text - p);
    if (!s)
        return NULL;
    PyObject *d = PyObject_CallFunctionObjArgs(decimal_class, s, NULL); /* CallOneArg() is 3.9+ */
    Py_DECREF(s);
    return d;
}

/**
 * The cents of an amount that the fast path of iscg.allocate() takes: an
 * int of euros (not a bool), or a decimal.Decimal (not a subclass) written
 * with at most two places, read exactly from its text whatever the caller's
 * decimal context.
 * @param amount the amount.
 * @param[out] cents receives its cents.
 * @return 1 with @p cents set; 0 for any other amount, or one whose cents do
 *         not fit in 64 bits (the general path checks it and words the
 *         error); -1 with an exception set.
 */
static int fast_cents(PyObject *amount, int64_t *cents)
{
    int overflow;
    if (PyLong_CheckExact(amount)) {
        long long euros = PyLong_AsLongLongAndOverflow(amount, &overflow);
        if (euros == -1 && PyErr_Occurred())
            return -1;
        if (overflow || euros < INT64_MIN / 100 || euros > INT64_MAX / 100)
            return 0;
        *cents = (int64_t)euros * 100;
        return 1;
    }
    if (!decimal_class || Py_TYPE(amount) != (PyTypeObject *)decimal_class)
        return 0;
    /* Its text: [-]digits[.d[d]] is whole cents; an exponent, a third
     * place, a NaN or an infinity is for the general path. */
    PyObject *text = PyObject_Str(amount);
    if (!text)
        return -1;
    Py_ssize_t len;
    const char *p = PyUnicode_AsUTF8AndSize(text, &len);
    int taken = 0;
    if (!p) {
        taken = -1;
    } else if (len <= 24) {
        const char *end = p + len;
        int negative = p < end && *p == '-';
        p += negative;
        uint64_t m = 0;
        int digits = 0, places = 0, point = 0, ok = p < end && *p >= '0' && *p <= '9';
        for (; ok && p < end; p++) {
            if (*p == '.' && !point && p + 1 < end) {
                point = 1;
            } else if (*p >= '0' && *p <= '9' && places < 2 && digits < 19) { /* m < 10^19 < 2^64 */
                m = m * 10 + (uint64_t)(*p - '0');
                digits++;
                places += point;
            } else {
                ok = 0;
            }
        }
        for (; ok && places < 2; places++)
            ok = !__builtin_mul_overflow(m, (uint64_t)10, &m);
        if (ok && m <= (uint64_t)INT64_MAX) {
            *cents = negative ? -(int64_t)m : (int64_t)m;
            taken = 1;
        }
    }
    Py_DECREF(text);
    return taken;
}

/* Weights and shares of at most this many parties live on the stack. */
#define FAST_PARTIES 16

/* The Decimal euros of the shares made last, by their int cents: callers
 * split the same amounts again and again, and a Decimal, immutable, can be
 * handed out twice. Emptied when it holds SHARE_CACHE amounts. */
#define SHARE_CACHE 4096
static PyObject *share_cache;

/**
 * euros_of_cents(@p value), remembered by its cents.
 * @param key   @p value as an int.
 * @param value the cents.
 * @return a new reference, or NULL with an exception set.
 */
static PyObject *share_euros(PyObject *key, int64_t value)
{
    if (!share_cache && !(share_cache = PyDict_New()))
        return NULL;
    PyObject *e = PyDict_GetItemWithError(share_cache, key);
    if (e) {
        Py_INCREF(e);
        return e;
    }
    if (PyErr_Occurred() || !(e = euros_of_cents(value)))
        return NULL;
    if (PyDict_GET_SIZE(share_cache) >= SHARE_CACHE)
        PyDict_Clear(share_cache);
    if (PyDict_SetItem(share_cache, key, e) < 0) {
        Py_DECREF(e);
        return NULL;
    }
    return e;
}

/* 1 when @p allocation is a subclass of tuple (not tuple itself); else 0 with a TypeError. */
static int allocation_class_ok(PyObject *allocation)
{
    if (!PyType_Check(allocation) || allocation == (PyObject *)&PyTuple_Type ||
        !PyType_IsSubtype((PyTypeObject *)allocation, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "a subclass of tuple is expected for the allocation");
        return 0;
    }
    return 1;
}

static PyObject *allocate_with(PyObject *amount, PyObject *weights, const iscg_allocation_rule *r,
                               PyObject *allocation);

PyObject *iscg_py_allocate_fast(PyObject *amount, PyObject *weights, PyObject *rule, PyObject *allocation)
{
    if (!PyCapsule_CheckExact(rule) || !PyCapsule_IsValid(rule, rule_capsule)) {
        PyErr_SetString(PyExc_TypeError, "a rule packed by allocation_rule_pack() is expected");
        return NULL;
    }
    if (!allocation_class_ok(allocation))
        return NULL;
    const iscg_allocation_rule *r = PyCapsule_GetPointer(rule, rule_capsule);
    if (!r)
        return NULL;
    return allocate_with(amount, weights, r, allocation);
}

/**
 * A value of one of the rule's enumerations as iscg.allocate() takes it: an
 * int (an enum member; not a bool) from @p lo to @p hi, or a name the
 * library's @p parse reads.
 * @return 1 with @p out set; 0 for anything else (the general path words the
 *         error; a name the library does not read may be an alias of Python's).
 */
static int enum_in(PyObject *o, int lo, int hi, int (*parse)(int *, const char *), int *out)
{
    if (PyLong_Check(o) && !PyBool_Check(o)) {
        int overflow;
        long v = PyLong_AsLongAndOverflow(o, &overflow);
        if (v == -1 && PyErr_Occurred()) {
            PyErr_Clear();
            return 0;
        }
        if (overflow || v < lo || v > hi)
            return 0;
        *out = (int)v;
        return 1;
    }
    if (!PyUnicode_CheckExact(o))
        return 0;
    Py_ssize_t len;
    const char *name = PyUnicode_AsUTF8AndSize(o, &len);
    if (!name) {
        PyErr_Clear();
        return 0;
    }
    return strlen(name) == (size_t)len && parse(out, name) == 0;
}

static int rounding_parse(int *out, const char *name)
{
    iscg_rounding v;
    int rc = iscg_rounding_parse(&v, name, NULL);
    *out = (int)v;
    return rc;
}

static int policy_parse(int *out, const char *name)
{
    iscg_remainder_policy v;
    int rc = iscg_remainder_policy_parse(&v, name, NULL);
    *out = (int)v;
    return rc;
}

static int weights_kind_parse(int *out, const char *name)
{
    iscg_weights_kind v;
    int rc = iscg_weights_kind_parse(&v, name, NULL);
    *out = (int)v;
    return rc;
}

/* The unit iscg.allocate() takes without Python's help: "EURO" or "CENT"
 * (any case), or an amount fast_cents() reads. 1, 0 or -1 as fast_cents(). */
static int unit_in(PyObject *o, int64_t *cents)
{
    if (PyUnicode_CheckExact(o)) {
        const char *name = PyUnicode_AsUTF8(o);
        if (!name) {
            PyErr_Clear();
            return 0;
        }
        if (strcmp(name, "EURO") == 0 || strcmp(name, "euro") == 0 || strcmp(name, "Euro") == 0) {
            *cents = ISCG_EURO;
            return 1;
        }
        if (strcmp(name, "CENT") == 0 || strcmp(name, "cent") == 0 || strcmp(name, "Cent") == 0) {
            *cents = ISCG_CENT;
            return 1;
        }
        return 0;
    }
    /* The units callers pass are a few Decimal objects (iscg.EURO,
     * iscg.CENT): the last two read are remembered by identity, which a
     * Decimal, immutable, keeps for its value. Read and written with the GIL. */
    static PyObject *seen[2];
    static int64_t seen_cents[2];
    for (int i = 0; i < 2; i++) {
        if (seen[i] == o) {
            *cents = seen_cents[i];
            return 1;
        }
    }
    int taken = fast_cents(o, cents);
    if (taken == 1 && !PyLong_CheckExact(o)) {
        PyObject *dropped = seen[1];
        seen[1] = seen[0];
        seen_cents[1] = seen_cents[0];
        Py_INCREF(o);
        seen[0] = o;
        seen_cents[0] = *cents;
        Py_XDECREF(dropped);
    }
    return taken;
}

PyObject *iscg_py_allocate_named(PyObject *amount, PyObject *weights, PyObject *unit, PyObject *rounding,
                                 PyObject *policy, PyObject *weights_kind, PyObject *party, PyObject *allocation)
{
    if (!allocation_class_ok(allocation))
        return NULL;
    iscg_allocation_rule r = ISCG_ALLOCATION_RULE_INIT;
    int64_t unit_cents;
    int taken = unit_in(unit, &unit_cents);
    if (taken <= 0)
        return taken < 0 ? NULL : none();
    r.unit = (iscg_cents)unit_cents;
    int v;
    if (!enum_in(rounding, 1, ISCG_ROUNDING_COUNT, rounding_parse, &v))
        Py_RETURN_NONE;
    r.rounding = (iscg_rounding)v;
    if (!enum_in(policy, 1, ISCG_REMAINDER_POLICY_COUNT, policy_parse, &v))
        Py_RETURN_NONE;
    r.policy = (iscg_remainder_policy)v;
    if (!enum_in(weights_kind, 0, ISCG_WEIGHTS_KIND_COUNT - 1, weights_kind_parse, &v))
        Py_RETURN_NONE;
    r.weights = (iscg_weights_kind)v;
    if (!PyLong_CheckExact(party))
        Py_RETURN_NONE;
    size_t p = PyLong_AsSize_t(party);
    if (p == (size_t)-1 && PyErr_Occurred()) { /* negative or too large: the general path words it */
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    r.party = p;
    return allocate_with(amount, weights, &r, allocation);
}

/* The allocation of iscg_py_allocate_fast() and iscg_py_allocate_named() once the rule is read. */
static PyObject *allocate_with(PyObject *amount, PyObject *weights, const iscg_allocation_rule *r,
                               PyObject *allocation)
{
    /* An int of euros or a Decimal of whole cents, whose cents fit in 64
     * bits; anything else is for the general path, which checks it and
     * words the error. */
    int64_t cents;
    int taken = fast_cents(amount, &cents);
    if (taken < 0)
        return NULL;
    if (!taken)
        Py_RETURN_NONE;
    int overflow;
    /* a list or a tuple of ints that fit in 64 bits */
    if (!PyList_CheckExact(weights) && !PyTuple_CheckExact(weights))
        Py_RETURN_NONE;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(weights);
    int64_t stack_weights[FAST_PARTIES], stack_shares[FAST_PARTIES];
    int64_t *w = stack_weights, *shares = stack_shares;
    if (n > FAST_PARTIES) {
        w = PyMem_Malloc((size_t)n * sizeof *w);
        shares = PyMem_Calloc((size_t)n, sizeof *shares);
        if (!w || !shares) {
            PyMem_Free(w);
            PyMem_Free(shares);
            return PyErr_NoMemory();
        }
    }
    PyObject *result = NULL;
    /* No Python code runs while the items are read (they are exact ints),
     * so the list cannot change under the loop. */
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(weights, i);
        long long v = 0;
        overflow = !PyLong_CheckExact(item);
        if (!overflow) {
            v = PyLong_AsLongLongAndOverflow(item, &overflow);
            if (v == -1 && PyErr_Occurred())
                goto done;
        }
        if (overflow) { /* not an int, or too large: for the general path */
            result = Py_None;
            Py_INCREF(result);
            goto done;
        }
        w[i] = (int64_t)v;
    }

    iscg_error report;
    iscg_error_clear(&report);
    iscg_cents drift = 0;
    int rc = iscg_allocate(shares, &drift, (iscg_cents)cents, w, (size_t)n, r, &report);
    if (rc < 0) {
        iscg_py_raise(rc, &report, ISCG_PY_GENERAL);
        goto done;
    }
    PyObject *euros_tuple = PyTuple_New(n), *cents_tuple = PyTuple_New(n);
    PyObject *drift_euros = euros_tuple && cents_tuple ? euros_of_cents(drift) : NULL;
    PyObject *drift_cents = drift_euros ? PyLong_FromLongLong((long long)drift) : NULL;
    int ok = drift_cents != NULL;
    for (Py_ssize_t i = 0; ok && i < n; i++) {
        PyObject *c = PyLong_FromLongLong((long long)shares[i]);
        PyObject *e = c ? share_euros(c, shares[i]) : NULL;
        if (!e) {
            Py_XDECREF(c);
            ok = 0;
            break;
        }
        PyTuple_SET_ITEM(euros_tuple, i, e);
        PyTuple_SET_ITEM(cents_tuple, i, c);
    }
    /* as tuple.__new__(allocation, ...) makes it: the class's own allocator */
    result = ok ? ((PyTypeObject *)allocation)->tp_alloc((PyTypeObject *)allocation, 4) : NULL;
    if (result) {
        PyTuple_SET_ITEM(result, 0, euros_tuple);
        PyTuple_SET_ITEM(result, 1, drift_euros);
        PyTuple_SET_ITEM(result, 2, cents_tuple);
        PyTuple_SET_ITEM(result, 3, drift_cents);
    } else {
        Py_XDECREF(euros_tuple);
        Py_XDECREF(cents_tuple);
        Py_XDECREF(drift_euros);
        Py_XDECREF(drift_cents);
    }
done:
    if (w != stack_weights) {
        PyMem_Free(w);
        PyMem_Free(shares);
    }
    return result;
}
