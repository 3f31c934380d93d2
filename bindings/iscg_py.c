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

/* Where a column's values come from: absent (every value unknown or the
 * default), one int for every record, a buffer read in place, or ints copied
 * from a sequence. A mask, when given, marks the unknown values. */
enum source_kind { SRC_ABSENT, SRC_SCALAR, SRC_BUFFER, SRC_COPY };

typedef struct int_column {
    const char *name;
    enum source_kind kind;
    int64_t scalar;
    Py_buffer view; /* SRC_BUFFER; released by column_release() */
    const char *data;
    Py_ssize_t stride;
    Py_ssize_t itemsize;
    char type;      /* 's' signed, 'u' unsigned, '?' bool */
    int64_t *copy;  /* SRC_COPY: owned, PyMem_RawFree() */
    uint8_t *known; /* SRC_COPY: 0 where the sequence held None */
    Py_ssize_t length;
    /* the mask: a buffer of bools or ints, or a copy of a sequence's truths */
    int has_mask;
    Py_buffer mask_view;
    const char *mask_data;
    Py_ssize_t mask_stride, mask_itemsize;
    uint8_t *mask_copy;
    int mask_is_buffer;
} int_column;

/* A string column: absent, a sequence of str (or None), or codes into names. */
typedef struct str_column {
    const char *name;
    PyObject *items; /* a "fast" sequence of str or None */
    int_column codes;
    PyObject *names;          /* a "fast" sequence of str */
    const char **utf8;        /* the names as UTF-8, owned by their str objects */
    Py_ssize_t length;
} str_column;

static int little_endian(void)
{
    const uint16_t one = 1;
    unsigned char first;
    memcpy(&first, &one, 1);
    return first == 1;
}

/* The kind of integer a buffer holds ('s', 'u' or '?'), or 0 with TypeError. */
static char buffer_type(const Py_buffer *view, const char *column, int bool_ok)
{
    const char *f = view->format ? view->format : "B";
    if (*f == '@' || *f == '=' || (*f == '<' && little_endian()) || ((*f == '>' || *f == '!') && !little_endian()))
        f++;
    char type = 0;
    if (f[0] && !f[1]) {
        if (strchr("bhilqn", f[0]))
            type = 's';
        else if (strchr("BHILQN", f[0]))
            type = 'u';
        else if (f[0] == '?' && bool_ok)
            type = '?';
    }
    Py_ssize_t size = view->itemsize;
    if (!type || (size != 1 && size != 2 && size != 4 && size != 8)) {
        PyErr_Format(PyExc_TypeError,
                     "%s: a column of integers%s is expected, not a buffer of format '%s' (item size %zd)%s",
                     column, bool_ok ? " or bools" : "", view->format ? view->format : "B", size,
                     strchr("efdgFDG", f[0]) ? ": counts are never floats; use ISCG_UNKNOWN or a mask "
                                              "for unknown values"
                                            : "");
        return 0;
    }
    return type;
}

/* Opens @p o as a one-dimensional buffer of integers (or bools). 1 when it
 * is a buffer, 0 when it has none (nothing set), -1 with an exception. */
static int open_buffer(PyObject *o, Py_buffer *view, const char *column, int bool_ok, char *type)
{
    if (PyUnicode_Check(o) || PyBytes_Check(o) || PyByteArray_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s: a column of integers is expected, not %.100s", column,
                     Py_TYPE(o)->tp_name);
        return -1;
    }
    if (!PyObject_CheckBuffer(o))
        return 0;
    if (PyObject_GetBuffer(o, view, PyBUF_RECORDS_RO) < 0)
        return -1;
    if (view->ndim != 1) {
        PyErr_Format(PyExc_TypeError, "%s: a one-dimensional column is expected, not %d dimensions", column,
                     view->ndim);
        PyBuffer_Release(view);
        return -1;
    }
    *type = buffer_type(view, column, bool_ok);
    if (!*type) {
        PyBuffer_Release(view);
        return -1;
    }
    return 1;
}

static void column_release(int_column *c)
{
    if (c->kind == SRC_BUFFER)
        PyBuffer_Release(&c->view);
    if (c->mask_is_buffer)
        PyBuffer_Release(&c->mask_view);
    PyMem_RawFree(c->copy);
    PyMem_RawFree(c->known);
    PyMem_RawFree(c->mask_copy);
    c->kind = SRC_ABSENT;
    c->copy = NULL;
    c->known = NULL;
    c->mask_copy = NULL;
    c->mask_is_buffer = 0;
    c->has_mask = 0;
}

/* Raises @p code (an iscg.Error) for record @p index, with the record's index
 * in the message and as the exception's "index" attribute. */
static void raise_at(int code, const iscg_error *err, Py_ssize_t index, const char *format, ...)
{
    iscg_error report;
    if (err)
        report = *err;
    else
        iscg_error_clear(&report);
    char text[sizeof report.text];
    int n = snprintf(text, sizeof text, "record %zd: ", index);
    if (format) {
        va_list ap;
        va_start(ap, format);
        vsnprintf(text + n, sizeof text - (size_t)n, format, ap);
        va_end(ap);
    } else {
        /* cut, as the library cuts its reports */
        const char *why = report.text[0] ? report.text : iscg_strerror(code);
        size_t room = sizeof text - (size_t)n - 1, len = strlen(why);
        memcpy(text + n, why, len < room ? len : room);
        text[(size_t)n + (len < room ? len : room)] = '\0';
    }
    memcpy(report.text, text, sizeof text);
    iscg_py_raise_with(code, &report, ISCG_PY_GENERAL, "index", PyLong_FromSsize_t(index));
}

/* A raw integer of a buffer; 0, or -1 for an unsigned value above INT64_MAX. */
static inline int buffer_value(const char *p, Py_ssize_t size, char type, int64_t *out)
{
    switch (size) {
    case 1:
        *out = type == 's' ? (int64_t)*(const int8_t *)p : (int64_t)*(const uint8_t *)p;
        return 0;
    case 2: {
        uint16_t u;
        memcpy(&u, p, 2);
        *out = type == 's' ? (int64_t)(int16_t)u : (int64_t)u;
        return 0;
    }
    case 4: {
        uint32_t u;
        memcpy(&u, p, 4);
        *out = type == 's' ? (int64_t)(int32_t)u : (int64_t)u;
        return 0;
    }
    default: {
        uint64_t u;
        memcpy(&u, p, 8);
        if (type == 'u' && u > (uint64_t)INT64_MAX)
            return -1;
        *out = (int64_t)u;
        return 0;
    }
    }
}

/* Copies a sequence of ints (None for unknown; bools only when @p bool_ok)
 * or, for a mask, of truths. */
static int sequence_column(PyObject *o, const char *column, int64_t **values, uint8_t **flags, int truths,
                           int bool_ok, Py_ssize_t *length)
{
    if (PyUnicode_Check(o) || !PySequence_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s: a column (a buffer of integers or a sequence) is expected, not %.100s",
                     column, Py_TYPE(o)->tp_name);
        return -1;
    }
    PyObject *seq = PySequence_Fast(o, column);
    if (!seq)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    int64_t *v = truths ? NULL : PyMem_RawMalloc((size_t)(n ? n : 1) * sizeof *v);
    uint8_t *f = PyMem_RawMalloc((size_t)(n ? n : 1));
    if ((!truths && !v) || !f) {
        PyMem_RawFree(v);
        PyMem_RawFree(f);
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        if (truths) {
            int t = PyObject_IsTrue(item);
            if (t < 0)
                goto fail;
            f[i] = (uint8_t)t;
            continue;
        }
        f[i] = item != Py_None;
        v[i] = ISCG_ACTIVITY_UNKNOWN;
        if (item == Py_None)
            continue;
        PyObject *number = (PyBool_Check(item) && !bool_ok) || PyFloat_Check(item) ? NULL : PyNumber_Index(item);
        if (!number) {
            PyErr_Clear();
            raise_at(ISCG_EINVAL, NULL, i, "%s: an int or None is expected, not %.100s", column,
                     Py_TYPE(item)->tp_name);
            goto fail;
        }
        int overflow;
        long long x = PyLong_AsLongLongAndOverflow(number, &overflow);
        Py_DECREF(number);
        if (x == -1 && PyErr_Occurred())
            goto fail;
        if (overflow) {
            raise_at(ISCG_EOVERFLOW, NULL, i, "%s: the value does not fit in 64 bits", column);
            goto fail;
        }
        v[i] = (int64_t)x;
    }
    Py_DECREF(seq);
    *length = n;
    if (values)
        *values = v;
    *flags = f;
    return 0;
fail:
    PyMem_RawFree(v);
    PyMem_RawFree(f);
    Py_DECREF(seq);
    return -1;
}

/* Reads a column given as None, an int, or a (values, mask) pair. */
static int int_column_in(PyObject *o, int_column *c, int bool_ok)
{
    if (!o || o == Py_None)
        return 0;
    if (PyLong_Check(o)) {
        if (iscg_py_int64_in(o, &c->scalar) < 0)
            return -1;
        c->kind = SRC_SCALAR;
        return 0;
    }
    if (!PyTuple_Check(o) || PyTuple_GET_SIZE(o) != 2) {
        PyErr_Format(PyExc_TypeError, "%s: an int, None or a (values, mask) pair is expected", c->name);
        return -1;
    }
    PyObject *values = PyTuple_GET_ITEM(o, 0), *mask = PyTuple_GET_ITEM(o, 1);
    int rc = open_buffer(values, &c->view, c->name, bool_ok, &c->type);
    if (rc < 0)
        return -1;
    if (rc > 0) {
        c->kind = SRC_BUFFER;
        c->data = c->view.buf;
        c->stride = c->view.strides ? c->view.strides[0] : c->view.itemsize;
        c->itemsize = c->view.itemsize;
        c->length = c->view.shape ? c->view.shape[0] : c->view.len / c->view.itemsize;
    } else {
        if (sequence_column(values, c->name, &c->copy, &c->known, 0, bool_ok, &c->length) < 0)
            return -1;
        c->kind = SRC_COPY;
    }
    if (mask == Py_None)
        return 0;
    char mask_type;
    char what[64];
    snprintf(what, sizeof what, "the mask of %s", c->name);
    rc = open_buffer(mask, &c->mask_view, what, 1, &mask_type);
    if (rc < 0)
        return -1;
    Py_ssize_t mask_length;
    if (rc > 0) {
        c->mask_is_buffer = 1;
        c->mask_data = c->mask_view.buf;
        c->mask_stride = c->mask_view.strides ? c->mask_view.strides[0] : c->mask_view.itemsize;
        c->mask_itemsize = c->mask_view.itemsize;
        mask_length = c->mask_view.shape ? c->mask_view.shape[0] : c->mask_view.len / c->mask_view.itemsize;
    } else if (sequence_column(mask, what, NULL, &c->mask_copy, 1, 1, &mask_length) < 0) {
        return -1;
    }
    c->has_mask = 1;
    if (mask_length != c->length) {
        PyErr_Format(PyExc_ValueError, "%s: %zd values but a mask of %zd", c->name, c->length, mask_length);
        return -1;
    }
    return 0;
}

/* Value @p i of a column: 1 known (in *out), 0 unknown (masked, None or
 * ISCG_ACTIVITY_UNKNOWN; *out is then ISCG_ACTIVITY_UNKNOWN), -1 with an
 * exception. An absent column gives @p absent. */
static inline int column_value(const int_column *c, Py_ssize_t i, int64_t absent, int64_t *out)
{
    switch (c->kind) {
    case SRC_ABSENT: *out = absent; return absent != ISCG_ACTIVITY_UNKNOWN;
    case SRC_SCALAR: *out = c->scalar; return c->scalar != ISCG_ACTIVITY_UNKNOWN;
    case SRC_COPY:
        *out = c->copy[i];
        if (!c->known[i])
            return 0;
        break;
    case SRC_BUFFER:
        if (buffer_value(c->data + i * c->stride, c->itemsize, c->type, out) < 0) {
            raise_at(ISCG_EOVERFLOW, NULL, i, "%s: the value does not fit in 64 bits", c->name);
            return -1;
        }
        break;
    }
    if (c->has_mask) {
        int64_t m = 0;
        if (c->mask_copy)
            m = c->mask_copy[i];
        else
            buffer_value(c->mask_data + i * c->mask_stride, c->mask_itemsize, 'u', &m);
        if (m) {
            *out = ISCG_ACTIVITY_UNKNOWN;
            return 0;
        }
    }
    return *out != ISCG_ACTIVITY_UNKNOWN;
}

static void str_column_release(str_column *c)
{
    Py_CLEAR(c->items);
    Py_CLEAR(c->names);
    PyMem_RawFree(c->utf8);
    c->utf8 = NULL;
    column_release(&c->codes);
}

/* Reads a string column: None, a sequence of str (or None), or a
 * (codes, names) pair whose codes index names (-1 for none). */
static int str_column_in(PyObject *o, str_column *c)
{
    c->codes.name = c->name;
    if (!o || o == Py_None)
        return 0;
    if (PyTuple_Check(o) && PyTuple_GET_SIZE(o) == 2 && !PyUnicode_Check(PyTuple_GET_ITEM(o, 0))) {
        PyObject *codes = PyTuple_GET_ITEM(o, 0);
        PyObject *pair = PyLong_Check(codes) ? (Py_INCREF(codes), codes) : PyTuple_Pack(2, codes, Py_None);
        int rc = pair ? int_column_in(pair, &c->codes, 0) : -1; /* one code is the name of every record */
        Py_XDECREF(pair);
        if (rc < 0)
            return -1;
        c->length = c->codes.length;
        PyObject *names = PyTuple_GET_ITEM(o, 1);
        if (PyUnicode_Check(names) || !PySequence_Check(names)) {
            PyErr_Format(PyExc_TypeError, "%s: the names of a (codes, names) pair are a sequence of str, not %.100s",
                         c->name, Py_TYPE(names)->tp_name);
            return -1;
        }
        c->names = PySequence_Tuple(names); /* its own: no other thread changes it */
        if (!c->names)
            return -1;
        Py_ssize_t n = PySequence_Fast_GET_SIZE(c->names);
        c->utf8 = PyMem_RawCalloc((size_t)(n ? n : 1), sizeof *c->utf8);
        if (!c->utf8) {
            PyErr_NoMemory();
            return -1;
        }
        for (Py_ssize_t i = 0; i < n; i++)
            if (iscg_py_str_in(PySequence_Fast_GET_ITEM(c->names, i), &c->utf8[i]) < 0 || !c->utf8[i]) {
                if (!PyErr_Occurred())
                    PyErr_Format(PyExc_TypeError, "%s: name %zd is None, not a str", c->name, i);
                return -1;
            }
        return 0;
    }
    if (PyUnicode_Check(o) || !PySequence_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s: a sequence of str or a (codes, names) pair is expected, not %.100s",
                     c->name, Py_TYPE(o)->tp_name);
        return -1;
    }
    c->items = PySequence_Fast(o, c->name);
    if (!c->items)
        return -1;
    c->length = PySequence_Fast_GET_SIZE(c->items);
    return 0;
}

/* String @p i of a column (NULL for none): 0, or -1 with an exception. */
static int str_value(const str_column *c, Py_ssize_t i, const char **out)
{
    *out = NULL;
    if (c->items) {
        if (i >= PySequence_Fast_GET_SIZE(c->items)) { /* another thread shortened it */
            raise_at(ISCG_EINVAL, NULL, i, "%s: the column changed while it was read", c->name);
            return -1;
        }
        PyObject *item = PySequence_Fast_GET_ITEM(c->items, i);
        if (item == Py_None)
            return 0;
        if (!PyUnicode_Check(item)) {
            raise_at(ISCG_EINVAL, NULL, i, "%s: a str or None is expected, not %.100s", c->name,
                     Py_TYPE(item)->tp_name);
            return -1;
        }
        if (iscg_py_str_in(item, out) == 0)
            return 0;
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        PyObject *text = value ? PyObject_Str(value) : NULL;
        const char *utf8 = text ? PyUnicode_AsUTF8(text) : NULL;
        PyErr_Clear();
        raise_at(ISCG_EINVAL, NULL, i, "%s: %s", c->name, utf8 ? utf8 : "not a valid str");
        Py_XDECREF(text);
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
        return -1;
    }
    if (!c->names)
        return 0;
    int64_t code = -1;
    int known = column_value(&c->codes, i, -1, &code);
    if (known < 0)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(c->names);
    if (!known || code == -1)
        return 0;
    if (code < 0 || code >= n) {
        raise_at(ISCG_EINVAL, NULL, i, "%s: code %lld is not one of the %zd names (0 to %zd, or -1 for none)",
                 c->name, (long long)code, n, n - 1);
        return -1;
    }
    *out = c->utf8[code];
    return 0;
}

/* The columns of iscg_py_stats_add_columns(), in the order of the counts of
 * ::iscg_activity_field. */
static const char *const count_columns[ISCG_ACTIVITY_FIELD_COUNT] = {
    "women", "men", "children", "referrals", "interviews", "interviews_physical", "interviews_telephone",
    "interviews_partners", "epci", "communes", "population", "vif_basis_points"};

enum { C_YEAR, C_MONTH, C_GRANULARITY, C_NOT_REPORTED, C_CARRIER, C_FORCE, C_OTHER };
static const char *const other_columns[C_OTHER] = {"year", "month", "granularity", "not_reported", "carrier",
                                                   "force"};
enum { S_POST, S_SITE, S_TERRITORY, S_NOTE, S_COUNT };
static const char *const string_columns[S_COUNT] = {"post", "site", "territory", "note"};

/* A column as the library takes it (iscg_stats_add_columns()): the caller's
 * buffer itself when it is aligned, contiguous int64 without a mask (numpy's
 * usual int64 column: no copy), else a copy, unknown values (None, masked)
 * as ISCG_UNKNOWN, or @p none for a column of codes. 0, or -1 with an
 * exception naming the record. */
static int column_for_c(int_column *c, Py_ssize_t n, int64_t absent, int64_t none, iscg_stats_int_column *out,
                        int64_t **owned)
{
    *owned = NULL;
    out->values = NULL;
    out->value = absent;
    switch (c->kind) {
    case SRC_ABSENT: out->value = absent; return 0;
    case SRC_SCALAR: out->value = c->scalar == ISCG_UNKNOWN ? none : c->scalar; return 0;
    case SRC_BUFFER:
        if (!c->has_mask && c->itemsize == 8 && c->stride == 8 && c->type == 's' &&
            (uintptr_t)c->data % _Alignof(int64_t) == 0 && none == ISCG_UNKNOWN) {
            out->values = (const int64_t *)(const void *)c->data;
            return 0;
        }
        break;
    case SRC_COPY:
        if (!c->has_mask && none == ISCG_UNKNOWN) {
            out->values = c->copy; /* None already ISCG_UNKNOWN */
            return 0;
        }
        break;
    }
    int64_t *v = PyMem_RawMalloc((size_t)(n ? n : 1) * sizeof *v);
    if (!v) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        int known = column_value(c, i, absent, &v[i]);
        if (known < 0) {
            PyMem_RawFree(v);
            return -1;
        }
        if (!known)
            v[i] = none;
    }
    out->values = v;
    *owned = v;
    return 0;
}

/* A column of names as the library takes it: codes into a table of names.
 * A sequence of str becomes its own table (code i for item i, -1 for None).
 * 0, or -1 with an exception. */
static int names_for_c(str_column *c, Py_ssize_t n, iscg_stats_name_column *out, int64_t **owned,
                       const char ***owned_names)
{
    *owned = NULL;
    *owned_names = NULL;
    out->codes = NULL;
    out->code = -1;
    out->names = NULL;
    out->count = 0;
    if (c->items) {
        int64_t *codes = PyMem_RawMalloc((size_t)(n ? n : 1) * sizeof *codes);
        const char **names = PyMem_RawMalloc((size_t)(n ? n : 1) * sizeof *names);
        *owned = codes;
        *owned_names = names;
        if (!codes || !names) {
            PyErr_NoMemory();
            return -1;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            if (str_value(c, i, &names[i]) < 0)
                return -1;
            codes[i] = names[i] ? i : -1;
        }
        out->codes = codes;
        out->names = names;
        out->count = (size_t)n;
        return 0;
    }
    if (!c->names)
        return 0;
    iscg_stats_int_column codes;
    if (column_for_c(&c->codes, n, -1, -1, &codes, owned) < 0)
        return -1;
    out->codes = codes.values;
    out->code = codes.value;
    out->names = c->utf8;
    out->count = (size_t)PySequence_Fast_GET_SIZE(c->names);
    return 0;
}

PyObject *iscg_py_stats_add_columns(iscg_stats *s, PyObject *columns)
{
    if (!PyDict_Check(columns)) {
        PyErr_Format(PyExc_TypeError, "a dict of columns is expected, not %.100s", Py_TYPE(columns)->tp_name);
        return NULL;
    }
    int_column counts[ISCG_ACTIVITY_FIELD_COUNT], other[C_OTHER];
    str_column strings[S_COUNT];
    memset(counts, 0, sizeof counts);
    memset(other, 0, sizeof other);
    memset(strings, 0, sizeof strings);
    PyObject *result = NULL;
    Py_ssize_t n = -1;
    const char *first = NULL;
    int64_t *owned[S_COUNT + C_OTHER + ISCG_ACTIVITY_FIELD_COUNT] = {NULL};
    const char **owned_names[S_COUNT] = {NULL};

    /* every key must be a column: a misspelt one is an error, not an unknown figure */
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(columns, &pos, &key, &value)) {
        const char *k = PyUnicode_Check(key) ? PyUnicode_AsUTF8(key) : NULL;
        int found = 0;
        for (int f = 0; k && !found && f < ISCG_ACTIVITY_FIELD_COUNT; f++)
            found = strcmp(k, count_columns[f]) == 0;
        for (int f = 0; k && !found && f < C_OTHER; f++)
            found = strcmp(k, other_columns[f]) == 0;
        for (int f = 0; k && !found && f < S_COUNT; f++)
            found = strcmp(k, string_columns[f]) == 0;
        if (!found) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_TypeError, "an activity record has no column %R", key);
            return NULL;
        }
    }

#define LENGTH(len, what)                                                                                     \
    do {                                                                                                     \
        if (n < 0) {                                                                                         \
            n = (len);                                                                                       \
            first = (what);                                                                                  \
        } else if ((len) != n) {                                                                             \
            iscg_error report;                                                                               \
            iscg_error_clear(&report);                                                                       \
            snprintf(report.text, sizeof report.text, "the column %s has %zd values, but %s has %zd", (what), \
                     (Py_ssize_t)(len), first, n);                                                           \
            snprintf(report.field, sizeof report.field, "%s", (what));                                       \
            iscg_py_raise(ISCG_EINVAL, &report, ISCG_PY_GENERAL);                                            \
            goto done;                                                                                       \
        }                                                                                                    \
    } while (0)

    for (int f = 0; f < S_COUNT; f++) {
        strings[f].name = string_columns[f];
        if (str_column_in(PyDict_GetItemString(columns, string_columns[f]), &strings[f]) < 0)
            goto done;
        if (strings[f].items || (strings[f].names && strings[f].codes.kind >= SRC_BUFFER))
            LENGTH(strings[f].length, strings[f].name);
    }
    for (int f = 0; f < C_OTHER; f++) {
        other[f].name = other_columns[f];
        if (int_column_in(PyDict_GetItemString(columns, other_columns[f]), &other[f], f == C_NOT_REPORTED) < 0)
            goto done;
        if (other[f].kind == SRC_BUFFER || other[f].kind == SRC_COPY)
            LENGTH(other[f].length, other[f].name);
    }
    for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++) {
        counts[f].name = count_columns[f];
        if (int_column_in(PyDict_GetItemString(columns, count_columns[f]), &counts[f], 0) < 0)
            goto done;
        if (counts[f].kind == SRC_BUFFER || counts[f].kind == SRC_COPY)
            LENGTH(counts[f].length, counts[f].name);
    }
#undef LENGTH
    if (n < 0) {
        PyErr_SetString(PyExc_TypeError, "no column gives the number of records: one at least must be a column, "
                                         "not one value for every record");
        goto done;
    }
    if (!strings[S_POST].items && !strings[S_POST].names) {
        PyErr_SetString(PyExc_TypeError, "the column post is required");
        goto done;
    }
    for (int f = C_YEAR; f <= C_GRANULARITY; f++)
        if (other[f].kind == SRC_ABSENT) {
            PyErr_Format(PyExc_TypeError, "the column %s is required", other_columns[f]);
            goto done;
        }

    /* The columns are read into the library's form with the GIL (most are
     * used in place), then added in one call without it (under the state
     * lock, iscg_py.h): the str objects and buffers they point into are held
     * by the columns meanwhile. */
    iscg_stats_columns cols = ISCG_STATS_COLUMNS_INIT;
    iscg_stats_name_column *name_cols[S_COUNT] = {&cols.post, &cols.site, &cols.territory, &cols.note};
    iscg_stats_int_column *other_cols[C_OTHER] = {&cols.year, &cols.month, &cols.granularity,
                                                  &cols.not_reported, &cols.carrier, &cols.force};
    for (int f = 0; f < S_COUNT; f++)
        if (names_for_c(&strings[f], n, name_cols[f], &owned[f], &owned_names[f]) < 0)
            goto done;
    for (int f = 0; f < C_OTHER; f++) {
        int64_t absent = f == C_NOT_REPORTED || f == C_CARRIER || f == C_FORCE ? 0 : ISCG_UNKNOWN;
        if (column_for_c(&other[f], n, absent, ISCG_UNKNOWN, other_cols[f], &owned[S_COUNT + f]) < 0)
            goto done;
    }
    for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++)
        if (column_for_c(&counts[f], n, ISCG_UNKNOWN, ISCG_UNKNOWN, &cols.figure[f], &owned[S_COUNT + C_OTHER + f]) <
            0)
            goto done;
    iscg_error err;
    iscg_error_clear(&err);
    size_t failed = SIZE_MAX;
    int rc;
    /* Ctrl-C stops a long ingest, all it added undone (iscg_py_cancel()) */
    iscg_py_cancel_state poll;
    iscg_py_cancel_init(&poll);
    iscg_stats_options opts = ISCG_STATS_OPTIONS_INIT;
    opts.cancel = iscg_py_cancel;
    opts.cancel_ctx = &poll;
    Py_BEGIN_ALLOW_THREADS
    rc = iscg_stats_add_columns_ext(s, &cols, (size_t)n, &opts, &failed, &err);
    Py_END_ALLOW_THREADS
    if (rc < 0) {
        if (failed != SIZE_MAX)
            iscg_py_raise_with(rc, &err, ISCG_PY_GENERAL, "index", PyLong_FromSize_t(failed));
        else
            iscg_py_raise(rc, &err, ISCG_PY_GENERAL);
        goto done;
    }
    result = PyLong_FromSsize_t(n);
done:
    for (size_t k = 0; k < sizeof owned / sizeof *owned; k++)
        PyMem_RawFree(owned[k]);
    for (int f = 0; f < S_COUNT; f++)
        PyMem_RawFree((void *)owned_names[f]);
    for (int f = 0; f < S_COUNT; f++)
        str_column_release(&strings[f]);
    for (int f = 0; f < C_OTHER; f++)
        column_release(&other[f]);
    for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++)
        column_release(&counts[f]);
    return result;
}

PyObject *iscg_py_stats_copy(iscg_stats *to, const iscg_stats *from, size_t count)
{
    if (to == from) {
        PyErr_SetString(PyExc_ValueError, "a collection cannot be copied into itself");
        return NULL;
    }
    size_t n = iscg_stats_count(from);
    if (count < n)
        n = count;
    for (size_t i = 0; i < n; i++) {
        iscg_activity a;
        iscg_error err;
        iscg_error_clear(&err);
        int rc = iscg_stats_get(&a, from, i);
        if (rc == 0)
            rc = iscg_stats_add(to, &a, &err);
        if (rc < 0) {
            raise_at(rc, &err, (Py_ssize_t)i, NULL);
            return NULL;
        }
    }
    return PyLong_FromSize_t(n);
}

/* ---- a table in columns ------------------------------------------------------ */

/* The library fills the columns (iscg/stats_export.h) into bytearrays without the GIL; a column of
 * names becomes (codes, names), read with one str per distinct name. A table's when t is given, else sums'. */
enum { MAX_EXPORT = 128 };
/* A memoryview of a bytearray, cast to format ("q", "?" or "i"). */
static PyObject *typed_view(PyObject *bytes, const char *format)
{
    PyObject *view = PyMemoryView_FromObject(bytes);
    PyObject *cast = view ? PyObject_CallMethod(view, "cast", "s", format) : NULL;
    Py_XDECREF(view);
    return cast;
}

/* Which of the count columns are wanted: all (names None), or those named,
 * each once; -1 on error (raised: an unknown name is a KeyError). */
static int export_wanted(const iscg_stats_table *t, PyObject *names, size_t count, unsigned char *wanted)
{
    memset(wanted, names == Py_None, count);
    if (names == Py_None)
        return 0;
    PyObject *seq = PyUnicode_Check(names) ? NULL : PySequence_Fast(names, "a sequence of column names is expected");
    if (PyUnicode_Check(names))
        PyErr_SetString(PyExc_TypeError, "a sequence of column names is expected, not a str");
    int rc = seq ? 0 : -1;
    for (Py_ssize_t j = 0; rc == 0 && j < PySequence_Fast_GET_SIZE(seq); j++) {
        const char *name;
        size_t k = 0;
        iscg_error err;
        if (iscg_py_str_in(PySequence_Fast_GET_ITEM(seq, j), &name) < 0 || !name) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "a column name is a str, not None");
            rc = -1;
        } else if ((rc = t ? iscg_stats_table_column_find(&k, name, &err)
                           : iscg_stats_sums_column_find(&k, name, &err)) < 0) {
            PyErr_SetString(PyExc_KeyError, err.text);
        } else {
            wanted[k] = 1;
        }
    }
    Py_XDECREF(seq);
    return rc < 0 ? -1 : 0;
}

static PyObject *export_columns(const iscg_stats_table *t, const iscg_stats_sums *sums, PyObject *names)
{
    size_t count, m = 0, n = t ? iscg_stats_table_count(t) : iscg_stats_sums_count(sums);
    const iscg_stats_column_info *list = t ? iscg_stats_table_column_list(&count) : iscg_stats_sums_column_list(&count);
    unsigned char wanted[MAX_EXPORT], kinds[MAX_EXPORT];
    iscg_stats_export cols[MAX_EXPORT];
    PyObject *arrays[MAX_EXPORT];
    int rc;
    if (count > MAX_EXPORT || export_wanted(t, names, count, wanted) < 0)
        return count > MAX_EXPORT ? PyErr_NoMemory() : NULL;
    for (size_t k = 0; k < count; k++) { /* rows are in memory: n * 8 fits */
        if (!wanted[k])
            continue;
        kinds[m] = (unsigned char)list[k].kind;
        size_t width = kinds[m] == ISCG_STATS_COLUMN_BOOL ? 1 : kinds[m] == ISCG_STATS_COLUMN_NAME ? 4 : 8;
        if (!(arrays[m] = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)(n * width))))
            break;
        cols[m] = (iscg_stats_export)ISCG_STATS_EXPORT_INIT;
        cols[m].column = list[k].name;
        cols[m].values = PyByteArray_AS_STRING(arrays[m]);
        m++;
    }
    iscg_error err;
    Py_BEGIN_ALLOW_THREADS /* a result never changes, and the arrays are not Python's yet */
    rc = t ? iscg_stats_table_export(t, 0, n, cols, m, &err) : iscg_stats_sums_export(sums, 0, n, cols, m, &err);
    Py_END_ALLOW_THREADS
    PyObject *d = PyErr_Occurred() ? NULL : rc < 0 ? iscg_py_raise(rc, &err, ISCG_PY_GENERAL) : PyDict_New();
    for (size_t j = 0; d && j < m; j++) {
        PyObject *column, *codes = NULL, *texts = NULL;
        if (kinds[j] == ISCG_STATS_COLUMN_NAME) {
            codes = typed_view(arrays[j], "i");
            texts = codes ? PyList_New((Py_ssize_t)cols[j].name_count) : NULL;
            for (size_t i = 0; texts && i < cols[j].name_count; i++) {
                PyObject *s = iscg_py_str(cols[j].names[i]);
                if (s)
                    PyList_SET_ITEM(texts, (Py_ssize_t)i, s);
                else
                    Py_CLEAR(texts);
            }
            column = texts ? PyTuple_Pack(2, codes, texts) : NULL;
        } else {
            column = typed_view(arrays[j], kinds[j] == ISCG_STATS_COLUMN_BOOL ? "?" : "q");
        }
        if (!column || PyDict_SetItemString(d, cols[j].column, column) < 0)
            Py_CLEAR(d);
        Py_XDECREF(column);
        Py_XDECREF(codes);
        Py_XDECREF(texts);
    }
    for (size_t j = 0; j < m; j++) {
        Py_DECREF(arrays[j]);
        iscg_stats_export_names_free(cols[j].names);
    }
    return d;
}

PyObject *iscg_py_stats_table_columns(const iscg_stats_table *t, PyObject *names)
{
    return export_columns(t, NULL, names);
}

PyObject *iscg_py_stats_sums_columns(const iscg_stats_sums *sums, PyObject *names)
{
    return export_columns(NULL, sums, names);
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
