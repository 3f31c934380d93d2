/* SPDX-License-Identifier: Apache-2.0 */
/* Conversions between libiscg's C values and Python objects (see iscg_py.h). */
#include "iscg_py.h"

#include <datetime.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
 * extension module keeps its exception classes. Indexed by family (general,
 * dataset) and -status: entry 0 is the base class (Error, DatasetError) used
 * for unknown codes. */
#define CODES (-ISCG_ECANCELED + 1)
static PyObject *error_class[2][CODES];
/* FileError for the errno values that have their own OSError subclass, in
 * both families: an except FileNotFoundError clause catches them. */
static const struct {
    int e;
    PyObject **os;
} file_errnos[] = {{ENOENT, &PyExc_FileNotFoundError}, {EACCES, &PyExc_PermissionError},
                   {EPERM, &PyExc_PermissionError},   {EISDIR, &PyExc_IsADirectoryError},
                   {ENOTDIR, &PyExc_NotADirectoryError}};
#define FILE_ERRNOS (sizeof file_errnos / sizeof file_errnos[0])
static PyObject *file_class[2][FILE_ERRNOS];
/* fractions.Fraction; decimal.Decimal and Decimal("0.00") for iscg.allocate() */
static PyObject *fraction_class, *decimal_class, *zero_euros;
/* the state lock (iscg_py.h) */
static PyThread_type_lock state_lock;

/* The classes, in the words of iscg/error.h, each also derived from the
 * built-in exception a Python caller would catch (ValueError, OSError...).
 * The first two are the bases of the general and the dataset family. */
static const struct error_kind {
    int code;
    const char *name, *doc;
    PyObject **builtin;
} error_kinds[] = {
    {0, "Error",
     "Base class of libiscg's errors: a negative ISCG_E* status.\n\nAttributes: code (the status, an int), source "
     "(file, post or convention), field, line and column, each None when the report does not give it.\nstr() is "
     "the library's sentence.",
     &PyExc_Exception},
    {0, "DatasetError",
     "A dataset could not be loaded, validated or saved.\n\nBesides code, field, line and column it carries file "
     "(the file name or the name given to the text). Each one is also an instance of the class of its status "
     "(ParseError, DateError...).",
     NULL},
    {ISCG_EINVAL, "InvalidInput", "An argument is invalid (None, bad enum, negative count...): ISCG_EINVAL.",
     &PyExc_ValueError},
    {ISCG_ENOMEM, "OutOfMemory", "Memory could not be allocated: ISCG_ENOMEM.", &PyExc_MemoryError},
    {ISCG_EOVERFLOW, "OverflowError", "A result does not fit in 64-bit cents: ISCG_EOVERFLOW.", &PyExc_OverflowError},
    {ISCG_ERANGE, "RangeError", "A value lies outside the range the rule allows: ISCG_ERANGE.", &PyExc_ValueError},
    {ISCG_EDATE, "DateError", "A date or period is invalid (2023-02-29, end before start): ISCG_EDATE.",
     &PyExc_ValueError},
    {ISCG_EPARSE, "ParseError", "Text could not be read as an amount, a date or a number: ISCG_EPARSE.",
     &PyExc_ValueError},
    {ISCG_EROUNDING, "RoundingError", "Rounding was needed under the UNNECESSARY mode: ISCG_EROUNDING.",
     &PyExc_ArithmeticError},
    {ISCG_EWEIGHTS, "WeightsError", "Weights are empty, negative, all zero or do not sum to 100 %: ISCG_EWEIGHTS.",
     &PyExc_ValueError},
    {ISCG_ENOTFOUND, "NotFound", "A named post, party or convention does not exist: ISCG_ENOTFOUND.",
     &PyExc_LookupError},
    {ISCG_EDUPLICATE, "DuplicateError", "An identifier or a funder appears twice: ISCG_EDUPLICATE.",
     &PyExc_ValueError},
    {ISCG_ECREDIT, "CreditExceeded", "A budget proposal exceeds the available credit: ISCG_ECREDIT.", NULL},
    {ISCG_ETERMINATED, "Terminated", "A required funder is missing: the plan ends (SPLIT-6): ISCG_ETERMINATED.", NULL},
    {ISCG_ESTATE, "StateError", "An object is not in a state that allows the call: ISCG_ESTATE.", NULL},
    {ISCG_EIO, "FileError", "A file could not be read or written: ISCG_EIO.", &PyExc_OSError},
    {ISCG_ETOTAL, "TotalError", "Parts do not add up to their stated total: ISCG_ETOTAL.", &PyExc_ValueError},
    {ISCG_ECANCELED, "Canceled", "A cancel callback asked a long call to stop: ISCG_ECANCELED.", NULL},
};

/* A new exception class named @p name ("iscg.X") with bases @p base1 and @p base2 (either may be NULL). */
static PyObject *new_class(const char *name, const char *doc, PyObject *base1, PyObject *base2)
{
    PyObject *bases = PyErr_Occurred() ? NULL
                      : base1 && base2 ? PyTuple_Pack(2, base1, base2)
                                       : PyTuple_Pack(1, base1 ? base1 : base2);
    PyObject *cls = bases ? PyErr_NewExceptionWithDoc(name, doc, bases, NULL) : NULL;
    Py_XDECREF(bases);
    return cls;
}

/* The attribute @p name of module @p module, a new reference. */
static PyObject *import_attr(const char *module, const char *name)
{
    PyObject *m = PyImport_ImportModule(module), *attr = m ? PyObject_GetAttrString(m, name) : NULL;
    Py_XDECREF(m);
    return attr;
}

int iscg_py_init(PyObject *module)
{
    PyDateTime_IMPORT;
    if (!PyDateTimeAPI || !(fraction_class = import_attr("fractions", "Fraction")) ||
        !(decimal_class = import_attr("decimal", "Decimal")) ||
        !(zero_euros = PyObject_CallFunction(decimal_class, "s", "0.00")))
        return -1;
    if (!(state_lock = PyThread_allocate_lock())) {
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

    /* Each class but DatasetError is iscg.NAME; each has a dataset flavour,
     * one class per status all named DatasetError, so that both kinds of
     * except clause catch it. */
    for (size_t i = 0; i < sizeof error_kinds / sizeof error_kinds[0]; i++) {
        const struct error_kind *k = &error_kinds[i];
        char qualified[64];
        snprintf(qualified, sizeof qualified, "iscg.%s", k->name);
        PyObject **slot = i == 1 ? &error_class[1][0] : &error_class[0][-k->code];
        *slot = new_class(qualified, k->doc, i > 0 ? error_class[0][0] : NULL, k->builtin ? *k->builtin : NULL);
        if (i > 1)
            error_class[1][-k->code] = new_class("iscg.DatasetError", k->doc, error_class[1][0], *slot);
        Py_XINCREF(*slot);
        if (!*slot || (i > 1 && !error_class[1][-k->code]) || PyModule_AddObject(module, k->name, *slot) < 0) {
            Py_XDECREF(*slot);
            return -1;
        }
    }
    /* FileError keeps the library's sentence as its str(), not OSError's
     * "[Errno 2] ...": so do its errno subclasses, in both families. */
    PyObject *file_error = error_class[0][-ISCG_EIO], *str = PyObject_GetAttrString(PyExc_BaseException, "__str__");
    int rc = str ? PyObject_SetAttrString(file_error, "__str__", str) : -1;
    Py_XDECREF(str);
    for (size_t i = 0; rc == 0 && i < FILE_ERRNOS; i++) {
        file_class[0][i] = new_class("iscg.FileError", ((PyTypeObject *)file_error)->tp_doc, file_error,
                                     *file_errnos[i].os);
        file_class[1][i] = new_class("iscg.DatasetError", "A dataset file could not be read or written: ISCG_EIO.",
                                     error_class[1][-ISCG_EIO], *file_errnos[i].os);
        rc = file_class[1][i] ? 0 : -1;
    }
    return rc;
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

/* Sets attribute @p name of @p o to @p value (stolen); 0, or -1 with an exception. */
static int set_attr(PyObject *o, const char *name, PyObject *value)
{
    int rc = value ? PyObject_SetAttrString(o, name, value) : -1;
    Py_XDECREF(value);
    return rc;
}

static PyObject *none(void) { Py_RETURN_NONE; }

static PyObject *text_or_none(const char *s) { return s[0] ? iscg_py_str(s) : none(); }

static PyObject *int_or_none(int v) { return v > 0 ? PyLong_FromLong(v) : none(); }

PyObject *iscg_py_raise_with(int code, const iscg_error *err, enum iscg_py_family family, const char *name,
                             PyObject *value)
{
    static const iscg_error no_report;
    err = err ? err : &no_report;
    int dataset = family == ISCG_PY_DATASET;
    PyObject *cls = code < 0 && code > -CODES && error_class[dataset][-code] ? error_class[dataset][-code]
                                                                           : error_class[dataset][0];
    for (size_t i = 0; code == ISCG_EIO && i < FILE_ERRNOS; i++)
        if (file_errnos[i].e == err->sys_errno)
            cls = file_class[dataset][i];
    PyObject *exc = NULL;
    if (code == ISCG_ECANCELED && PyErr_Occurred()) /* a signal's, which stopped the call */
        cls = NULL;
    else if (!cls)
        PyErr_SetString(PyExc_SystemError, "the iscg module is not initialised");
    if (cls) {
        PyObject *message = iscg_py_str(err->text[0] ? err->text : iscg_strerror(code));
        exc = message ? PyObject_CallFunctionObjArgs(cls, message, NULL) : NULL;
        Py_XDECREF(message);
    }
    int os = exc && err->sys_errno && PyObject_TypeCheck(exc, (PyTypeObject *)PyExc_OSError);
    if (exc && set_attr(exc, "code", PyLong_FromLong(code)) == 0 &&
        set_attr(exc, "source", text_or_none(err->source)) == 0 &&
        set_attr(exc, "field", text_or_none(err->field)) == 0 && set_attr(exc, "line", int_or_none(err->line)) == 0 &&
        set_attr(exc, "column", int_or_none(err->column)) == 0 &&
        (!dataset || set_attr(exc, "file", text_or_none(err->source)) == 0) &&
        (!os || (set_attr(exc, "errno", PyLong_FromLong(err->sys_errno)) == 0 &&
                 set_attr(exc, "strerror", iscg_py_str(strerror(err->sys_errno))) == 0 &&
                 set_attr(exc, "filename", text_or_none(err->source)) == 0)) &&
        (!name || !value || PyObject_SetAttrString(exc, name, value) == 0))
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
    Py_XDECREF(exc);
    Py_XDECREF(value);
    return NULL;
}

/* ---- interrupting long calls ---------------------------------------------- */

/* Monotonic nanoseconds, or -1 without a clock. */
static int64_t monotonic_ns(void)
{
    struct timespec ts;
    return clock_gettime(CLOCK_MONOTONIC, &ts) != 0 ? -1 : (int64_t)ts.tv_sec * INT64_C(1000000000) + ts.tv_nsec;
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

/* ---- outputs -------------------------------------------------------------- */

int iscg_py_output(PyObject **result, PyObject *value)
{
    if (value && (!*result || *result == Py_None)) {
        Py_XDECREF(*result);
        *result = PyList_New(0);
    }
    if (value && *result && PyList_Append(*result, value) == 0) {
        Py_DECREF(value);
        return 0;
    }
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
    PyObject *out = PyList_GET_SIZE(collected) == 1 ? PySequence_GetItem(collected, 0) : PyList_AsTuple(collected);
    Py_DECREF(collected);
    return out;
}

/* ---- scalars -------------------------------------------------------------- */

int iscg_py_str_in(PyObject *o, const char **out)
{
    Py_ssize_t n = 0;
    const char *s = NULL;
    if (o != Py_None && !PyUnicode_Check(o))
        PyErr_Format(PyExc_TypeError, "a str is expected, not %.100s", Py_TYPE(o)->tp_name);
    else if (o != Py_None && (s = PyUnicode_AsUTF8AndSize(o, &n)) != NULL && strlen(s) != (size_t)n)
        PyErr_SetString(PyExc_ValueError, "embedded null character");
    else if (o == Py_None || s) {
        *out = s;
        return 0;
    }
    return -1;
}

/* An int (never a float) within [lo, hi]; iscg.OverflowError (also the built-in one) outside. */
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
    if (!overflow && v >= lo && v <= hi) {
        *out = (int64_t)v;
        return 0;
    }
    iscg_error report;
    iscg_error_clear(&report);
    PyObject *text = PyUnicode_FromFormat("%R is outside %lld..%lld", o, (long long)lo, (long long)hi);
    const char *utf8 = text ? PyUnicode_AsUTF8(text) : NULL;
    if (utf8) {
        snprintf(report.text, sizeof report.text, "%s", utf8);
        iscg_py_raise(ISCG_EOVERFLOW, &report, ISCG_PY_GENERAL);
    }
    Py_XDECREF(text);
    return -1;
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
        *out = (iscg_date){PyDateTime_GET_YEAR(o), PyDateTime_GET_MONTH(o), PyDateTime_GET_DAY(o)};
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

/* A sequence other than a string, as a new "fast" sequence of exactly @p n items (any number when n < 0). */
static PyObject *sequence_in(PyObject *o, Py_ssize_t n, const char *what)
{
    if (PyUnicode_Check(o) || PyBytes_Check(o) || (n >= 0 && !PySequence_Check(o))) {
        PyErr_Format(PyExc_TypeError, "%s is expected, not %.100s", what, Py_TYPE(o)->tp_name);
        return NULL;
    }
    PyObject *seq = PySequence_Fast(o, what);
    if (seq && n >= 0 && PySequence_Fast_GET_SIZE(seq) != n) {
        PyErr_Format(PyExc_TypeError, "%s is expected, not %zd items", what, PySequence_Fast_GET_SIZE(seq));
        Py_CLEAR(seq);
    }
    return seq;
}

#define ITEM(seq, i) PySequence_Fast_GET_ITEM((seq), (Py_ssize_t)(i))

int iscg_py_period_in(PyObject *o, iscg_period *out)
{
    PyObject *seq = sequence_in(o, 2, "a (start, end) pair of dates");
    int rc = seq && iscg_py_date_in(ITEM(seq, 0), &out->start) == 0 && iscg_py_date_in(ITEM(seq, 1), &out->end) == 0;
    Py_XDECREF(seq);
    return rc ? 0 : -1;
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
    PyObject *seq = sequence_in(o, 2, "a (numerator, denominator) pair");
    int rc = seq && iscg_py_int64_in(ITEM(seq, 0), &out->num) == 0 && iscg_py_int64_in(ITEM(seq, 1), &out->den) == 0;
    Py_XDECREF(seq);
    return rc ? 0 : -1;
}

PyObject *iscg_py_ratio(iscg_ratio r)
{
    return PyObject_CallFunction(fraction_class, "LL", (long long)r.num, (long long)r.den);
}

/* ---- sequences ------------------------------------------------------------ */

/* A sequence other than a string as a new array of @p *n items of @p size
 * bytes, each read by @p one (PyMem_RawFree() it; never NULL on success). */
static void *array_in(PyObject *o, const char *what, size_t size, int (*one)(PyObject *, void *), size_t *n)
{
    PyObject *seq = sequence_in(o, -1, what);
    *n = seq ? (size_t)PySequence_Fast_GET_SIZE(seq) : 0;
    char *v = seq ? PyMem_RawCalloc(*n ? *n : 1, size) : NULL;
    if (seq && !v)
        PyErr_NoMemory();
    for (size_t i = 0; v && i < *n; i++)
        if (one(ITEM(seq, i), v + i * size) < 0) {
            PyMem_RawFree(v);
            v = NULL;
        }
    Py_XDECREF(seq);
    return v;
}

static int int64_item(PyObject *o, void *out)
{
    PyObject *i = PyNumber_Index(o);
    int rc = i ? iscg_py_int64_in(i, out) : -1;
    Py_XDECREF(i);
    return rc;
}

static int period_item(PyObject *o, void *out) { return iscg_py_period_in(o, out); }

int iscg_py_int64_array_in(PyObject *o, int64_t **out, size_t *n)
{
    return (*out = array_in(o, "a sequence of ints", sizeof **out, int64_item, n)) ? 0 : -1;
}

int iscg_py_period_array_in(PyObject *o, iscg_period **out, size_t *n)
{
    return (*out = array_in(o, "a sequence of (start, end) periods", sizeof **out, period_item, n)) ? 0 : -1;
}

/* A list of @p n items made by @p make from the i-th element. */
#define LIST_OF(n, make)                                                                                     \
    PyObject *list = PyList_New((Py_ssize_t)(n));                                                           \
    for (size_t i = 0; list && i < (n); i++) {                                                               \
        PyObject *item = (make);                                                                             \
        if (!item)                                                                                           \
            Py_CLEAR(list);                                                                                  \
        else                                                                                                 \
            PyList_SET_ITEM(list, (Py_ssize_t)i, item);                                                      \
    }                                                                                                        \
    return list

PyObject *iscg_py_int64_list(const int64_t *v, size_t n) { LIST_OF(n, PyLong_FromLongLong((long long)v[i])); }
PyObject *iscg_py_size_list(const size_t *v, size_t n) { LIST_OF(n, PyLong_FromSize_t(v[i])); }
PyObject *iscg_py_date_list(const iscg_date *v, size_t n) { LIST_OF(n, iscg_py_date(v[i])); }
PyObject *iscg_py_period_list(const iscg_period *v, size_t n) { LIST_OF(n, iscg_py_period(v[i])); }
PyObject *iscg_py_int_list(const int *v, size_t n) { LIST_OF(n, PyLong_FromLong(v[i])); }

/* ---- explanations --------------------------------------------------------- */

/* The library's indented text of @p e. */
static PyObject *render(const iscg_explain *e)
{
    int n = iscg_explain_render(NULL, 0, e);
    char *buf = n < 0 ? NULL : PyMem_Malloc((size_t)n + 1);
    if (n >= 0 && !buf)
        return PyErr_NoMemory();
    int rc = n < 0 ? n : iscg_explain_render(buf, (size_t)n + 1, e); /* the same node: the same length */
    PyObject *s = rc < 0 ? iscg_py_raise(rc, NULL, ISCG_PY_GENERAL) : iscg_py_str(buf);
    PyMem_Free(buf);
    return s;
}

PyObject *iscg_py_explain(const iscg_explain *e)
{
    if (!e)
        Py_RETURN_NONE;
    size_t n = iscg_explain_child_count(e);
    PyObject *children = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; children && i < n; i++) {
        PyObject *child = iscg_py_explain(iscg_explain_child(e, i));
        if (!child)
            Py_CLEAR(children);
        else
            PyList_SET_ITEM(children, (Py_ssize_t)i, child);
    }
    PyObject *rendered = children ? render(e) : NULL;
    if (!rendered) {
        Py_XDECREF(children);
        return NULL;
    }
    return Py_BuildValue("{s:N,s:N,s:N,s:L,s:N}", "children", children, "rule", iscg_py_str(iscg_explain_rule(e)),
                         "text", iscg_py_str(iscg_explain_text(e)), "amount", (long long)iscg_explain_amount(e),
                         "rendered", rendered);
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

/* Python strings by the address of the library's text, for the columns of
 * one report: its texts are the registry's, which outlive the call, so one
 * address is one text. A party named by a thousand rows, or a side's name,
 * is then one object rather than one a row. */
struct str_cache {
    const char **keys; /* NULL: an empty slot */
    PyObject **values; /* a reference each */
    size_t cap, n;     /* cap a power of two, at least twice n */
    int by_text;       /* 1: one object a text, whatever its address (the
                          side names that every convention holds a copy of) */
};

static void str_cache_free(struct str_cache *sc)
{
    for (size_t i = 0; i < sc->cap; i++)
        Py_XDECREF(sc->values[i]);
    free(sc->keys);
    free(sc->values);
}

static size_t str_slot(const struct str_cache *sc, const char *key)
{
    uint64_t h = (uint64_t)(uintptr_t)key >> 3;
    if (sc->by_text) { /* FNV-1a */
        h = UINT64_C(14695981039346656037);
        for (const unsigned char *p = (const unsigned char *)key; *p; p++)
            h = (h ^ *p) * UINT64_C(1099511628211);
    }
    size_t i = (size_t)(h * UINT64_C(0x9E3779B97F4A7C15) >> 20) & (sc->cap - 1);
    while (sc->keys[i] && sc->keys[i] != key && !(sc->by_text && strcmp(sc->keys[i], key) == 0))
        i = (i + 1) & (sc->cap - 1);
    return i;
}

/* The string of s (None for NULL), a new reference; NULL with an exception. */
static PyObject *cached_str(struct str_cache *sc, const char *s)
{
    if (!s)
        return none();
    if (2 * (sc->n + 1) > sc->cap) {
        size_t cap = sc->cap ? 2 * sc->cap : 64;
        const char **keys = calloc(cap, sizeof(const char *));
        PyObject **values = calloc(cap, sizeof(PyObject *));
        if (!keys || !values) {
            free(keys);
            free(values);
            return PyErr_NoMemory();
        }
        struct str_cache bigger = {keys, values, cap, sc->n, sc->by_text};
        for (size_t i = 0; i < sc->cap; i++)
            if (sc->keys[i]) {
                size_t j = str_slot(&bigger, sc->keys[i]);
                keys[j] = sc->keys[i];
                values[j] = sc->values[i];
            }
        free(sc->keys);
        free(sc->values);
        sc->keys = keys;
        sc->values = values;
        sc->cap = cap;
    }
    size_t i = str_slot(sc, s);
    if (!sc->keys[i]) {
        PyObject *o = iscg_py_str(s);
        if (!o)
            return NULL;
        sc->keys[i] = s;
        sc->values[i] = o;
        sc->n++;
    }
    Py_INCREF(sc->values[i]);
    return sc->values[i];
}

/* The columns of iscg_py_report_funding_columns(), in order: a field of the
 * row each, read as text (s: a convention's, the same along its rows), text
 * that many conventions share (p: a party's, one object for all its rows; n:
 * a side's name, one object for all the copies of the same name), a date
 * (d), an enum (k), cents (c) or cents that are None without a stated
 * amount (?). */
#define FUNDING_COLUMNS 14
static const struct {
    char kind;
    size_t at;
} funding_columns[FUNDING_COLUMNS] = {
#define FR(kind, field) {kind, offsetof(iscg_report_funding_row, field)}
    FR('s', convention),     FR('s', post),          FR('s', post_label),      FR('s', carrier),
    FR('s', carrier_name),   FR('d', period.start),  FR('d', period.end),      FR('p', funder.party),
    FR('p', funder.party_name), FR('k', funder.party_kind), FR('n', funder.side), FR('c', funder.amount),
    FR('?', funder.stated),  FR('p', funder.replaces),
#undef FR
};

/* The value of column @p c of row @p r, a new reference; texts from @p sc. */
static PyObject *funding_value(const iscg_report_funding_row *r, int c, struct str_cache sc[2])
{
    const void *p = (const char *)r + funding_columns[c].at;
    switch (funding_columns[c].kind) {
    case 's': return iscg_py_str(*(const char *const *)p);
    case 'p': return cached_str(&sc[0], *(const char *const *)p);
    case 'n': return cached_str(&sc[1], *(const char *const *)p);
    case 'd': return iscg_py_date(*(const iscg_date *)p);
    case 'k': return PyLong_FromLong((long)*(const iscg_party_kind *)p);
    default:
        return funding_columns[c].kind == '?' && !r->funder.has_stated
                   ? none()
                   : PyLong_FromLongLong((long long)*(const iscg_cents *)p);
    }
}

PyObject *iscg_py_report_funding_columns(const iscg_report_funding *rf)
{
    if (!rf) {
        PyErr_SetString(PyExc_TypeError, "a funding report is expected");
        return NULL;
    }
    size_t n = iscg_report_funding_row_count(rf);
    PyObject *cols = PyTuple_New(FUNDING_COLUMNS);
    for (int c = 0; cols && c < FUNDING_COLUMNS; c++) {
        PyObject *list = PyList_New((Py_ssize_t)n); /* NULL items until filled, which freeing it accepts */
        if (!list)
            Py_CLEAR(cols);
        else
            PyTuple_SET_ITEM(cols, c, list);
    }
    /* The rows of a convention share its texts and dates: a text at the
     * address the row before held, or the same date, is the same object. */
    iscg_report_funding_row r, last;
    memset(&last, 0, sizeof last);
    PyObject *last_o[FUNDING_COLUMNS] = {NULL};
    struct str_cache sc[2] = {{NULL, NULL, 0, 0, 0}, {NULL, NULL, 0, 0, 1}};
    for (size_t k = 0; cols && k < n; k++) {
        int rc = iscg_report_funding_row_get(&r, rf, k);
        if (rc < 0) {
            iscg_py_raise(rc, NULL, ISCG_PY_GENERAL);
            Py_CLEAR(cols);
            break;
        }
        for (int c = 0; c < FUNDING_COLUMNS; c++) {
            char kind = funding_columns[c].kind;
            size_t at = funding_columns[c].at, size = kind == 'd' ? sizeof(iscg_date) : sizeof(const char *);
            PyObject *o = last_o[c];
            if (kind != 'k' && kind != 'c' && kind != '?' && o && memcmp((char *)&r + at, (char *)&last + at, size) == 0)
                Py_INCREF(o);
            else if (!(o = last_o[c] = funding_value(&r, c, sc))) {
                Py_CLEAR(cols);
                break;
            }
            PyList_SET_ITEM(PyTuple_GET_ITEM(cols, c), (Py_ssize_t)k, o);
        }
        last = r;
    }
    str_cache_free(&sc[0]);
    str_cache_free(&sc[1]);
    return cols;
}

PyObject *iscg_py_report_funding_explain(const iscg_report_funding *rf, size_t i)
{
    iscg_report_funding_row r;
    int rc = iscg_report_funding_row_get(&r, rf, i);
    return rc < 0 ? iscg_py_raise(rc, NULL, ISCG_PY_GENERAL) : iscg_py_explain(r.funder.explain);
}

/* ---- the fast path of iscg.allocate() ----------------------------------------- */

/* Decimal euros with two places for @p cents, made from its text
 * ("-1234.05"), which the Decimal constructor reads exactly whatever the
 * caller's decimal context: Decimal(cents).scaleb(-2) to the digit and the
 * exponent, without an arithmetic operation. */
static PyObject *euros_of_cents(int64_t cents)
{
    if (cents == 0) {
        Py_INCREF(zero_euros);
        return zero_euros;
    }
    uint64_t m = cents < 0 ? 0 - (uint64_t)cents : (uint64_t)cents;
    char text[32], *p = text + sizeof text;
    for (int k = 0; k < 4 || m; k++) { /* two places, the point, at least one digit (not snprintf(): 5x slower) */
        *--p = (char)(k == 2 ? '.' : '0' + (int)(m % 10));
        m = k == 2 ? m : m / 10;
    }
    if (cents < 0)
        *--p = '-';
    PyObject *s = PyUnicode_FromStringAndSize(p, text + sizeof text - p);
    PyObject *d = s ? PyObject_CallFunctionObjArgs(decimal_class, s, NULL) : NULL; /* CallOneArg() is 3.9+ */
    Py_XDECREF(s);
    return d;
}

/* The cents of an amount the fast path of iscg.allocate() takes: an int of
 * euros (not a bool), or a decimal.Decimal (not a subclass) written with at
 * most two places, read exactly from its text whatever the caller's decimal
 * context. 1 with @p cents set; 0 for any other amount, or one whose cents
 * do not fit in 64 bits (the general path checks it and words the error);
 * -1 with an exception set. */
static int fast_cents(PyObject *amount, int64_t *cents)
{
    if (PyLong_CheckExact(amount)) {
        int overflow;
        long long euros = PyLong_AsLongLongAndOverflow(amount, &overflow);
        if (euros == -1 && PyErr_Occurred())
            return -1;
        if (overflow || euros < INT64_MIN / 100 || euros > INT64_MAX / 100)
            return 0;
        *cents = (int64_t)euros * 100;
        return 1;
    }
    if (Py_TYPE(amount) != (PyTypeObject *)decimal_class)
        return 0;
    /* Its text: [-]digits[.d[d]] is whole cents, of at most 19 digits
     * (below 2^64); an exponent, a third place, a NaN or an infinity is for
     * the general path. */
    PyObject *text = PyObject_Str(amount);
    const char *p = text ? PyUnicode_AsUTF8(text) : NULL;
    if (!p) {
        Py_XDECREF(text);
        return -1;
    }
    const char *d = p + (*p == '-');
    uint64_t m = 0; /* wraps beyond 19 digits, which are refused */
    int digits = 0, places = -1; /* -1 before the point */
    for (; (*d >= '0' && *d <= '9') || (*d == '.' && places < 0 && digits); d++) {
        places += *d == '.' ? 1 : places >= 0;
        digits += *d != '.';
        m = *d == '.' ? m : m * 10 + (uint64_t)(*d - '0');
    }
    int taken = digits && digits <= 19 && !*d && places != 0 && places <= 2;
    for (places = places < 0 ? 0 : places; taken && places < 2; places++)
        taken = !__builtin_mul_overflow(m, (uint64_t)10, &m);
    if (taken && m <= (uint64_t)INT64_MAX)
        *cents = *p == '-' ? -(int64_t)m : (int64_t)m;
    Py_DECREF(text);
    return taken && m <= (uint64_t)INT64_MAX;
}

/* Weights and shares of at most this many parties live on the stack. */
#define FAST_PARTIES 16

/* The Decimal euros of the shares made last, by their int cents: callers
 * split the same amounts again and again, and a Decimal, immutable, can be
 * handed out twice. Emptied when it holds SHARE_CACHE amounts. */
#define SHARE_CACHE 4096
static PyObject *share_cache;

/* euros_of_cents(@p value), remembered by its cents (@p key, @p value as an int). */
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
    if (PyDict_SetItem(share_cache, key, e) < 0)
        Py_CLEAR(e);
    return e;
}

/* iscg_<T>_parse() for enum_in(). */
#define PARSE_AS_INT(T)                                                                                      \
    static int T##_int(int *out, const char *name)                                                           \
    {                                                                                                        \
        T v;                                                                                                 \
        int rc = T##_parse(&v, name, NULL);                                                                  \
        *out = (int)v;                                                                                       \
        return rc;                                                                                           \
    }
PARSE_AS_INT(iscg_rounding)
PARSE_AS_INT(iscg_remainder_policy)
PARSE_AS_INT(iscg_weights_kind)

/* The names of one enumeration read last, by the str object that gave
 * them: callers pass the same few names ("DOWN", "LARGEST_REMAINDER"), most
 * often the one interned str each, and a str, immutable, keeps its value.
 * Read and written with the GIL. */
#define NAMES_SEEN 8
struct names_seen {
    PyObject *name[NAMES_SEEN]; /* a reference to each, NULL while empty */
    int value[NAMES_SEEN];
    unsigned next; /* the slot the next name read takes */
};

/* A value of one of the rule's enumerations as iscg.allocate() takes it: an
 * int (an enum member; not a bool) from @p lo to @p hi, or a name the
 * library's @p parse reads (remembered in @p seen): 1 with @p out set; 0 for
 * anything else (the general path words the error; a name the library does
 * not read may be an alias of Python's). */
static int enum_in(PyObject *o, int lo, int hi, int (*parse)(int *, const char *), struct names_seen *seen, int *out)
{
    if (PyLong_Check(o) && !PyBool_Check(o)) {
        int overflow;
        long v = PyLong_AsLongAndOverflow(o, &overflow);
        if (v == -1 && PyErr_Occurred())
            PyErr_Clear(); /* -1, below every lo */
        *out = (int)v;
        return !overflow && v >= lo && v <= hi;
    }
    if (!PyUnicode_CheckExact(o))
        return 0;
    for (int i = 0; i < NAMES_SEEN; i++)
        if (seen->name[i] == o) {
            *out = seen->value[i];
            return 1;
        }
    Py_ssize_t len;
    const char *name = PyUnicode_AsUTF8AndSize(o, &len);
    if (!name)
        PyErr_Clear();
    if (!name || strlen(name) != (size_t)len || parse(out, name) != 0)
        return 0;
    const unsigned k = seen->next++ % NAMES_SEEN;
    Py_INCREF(o);
    Py_XSETREF(seen->name[k], o);
    seen->value[k] = *out;
    return 1;
}

/* The unit iscg.allocate() takes without Python's help: "EURO" or "CENT"
 * (in any case), or an amount fast_cents() reads. 1, 0 or -1 as fast_cents(). */
static int unit_in(PyObject *o, int64_t *cents)
{
    if (PyUnicode_CheckExact(o)) {
        const char *name = PyUnicode_AsUTF8(o);
        if (!name)
            PyErr_Clear();
        *cents = !name ? 0 : strcasecmp(name, "EURO") == 0 ? ISCG_EURO : strcasecmp(name, "CENT") == 0 ? ISCG_CENT : 0;
        return *cents != 0;
    }
    /* The units callers pass are a few Decimal objects (iscg.EURO,
     * iscg.CENT): the last two read are remembered by identity, which a
     * Decimal, immutable, keeps for its value. Read and written with the GIL. */
    static PyObject *seen[2];
    static int64_t seen_cents[2];
    for (int i = 0; i < 2; i++)
        if (seen[i] == o) {
            *cents = seen_cents[i];
            return 1;
        }
    int taken = fast_cents(o, cents);
    if (taken == 1 && !PyLong_CheckExact(o)) {
        Py_XDECREF(seen[1]);
        seen[1] = seen[0];
        seen_cents[1] = seen_cents[0];
        Py_INCREF(o);
        seen[0] = o;
        seen_cents[0] = *cents;
    }
    return taken;
}

/* The allocation of iscg_py_allocate_named() once the rule is read. */
static PyObject *allocate_with(PyObject *amount, PyObject *weights, const iscg_allocation_rule *r,
                               PyObject *allocation)
{
    /* An int of euros or a Decimal of whole cents, whose cents fit in 64
     * bits, and a list or a tuple of ints that fit in 64 bits; anything else
     * is for the general path, which checks it and words the error. */
    int64_t cents;
    int taken = fast_cents(amount, &cents);
    if (taken <= 0 || (!PyList_CheckExact(weights) && !PyTuple_CheckExact(weights)))
        return taken < 0 ? NULL : none();
    Py_ssize_t n = PySequence_Fast_GET_SIZE(weights);
    int64_t stack[2 * FAST_PARTIES], *w = n > FAST_PARTIES ? PyMem_Malloc(2 * (size_t)n * sizeof *w) : stack;
    if (!w)
        return PyErr_NoMemory();
    int64_t *shares = w + n;
    PyObject *result = NULL;
    /* No Python code runs while the items are read (they are exact ints),
     * so the list cannot change under the loop. */
    for (Py_ssize_t i = 0; i < n && !result; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(weights, i);
        int overflow = !PyLong_CheckExact(item);
        long long v = overflow ? 0 : PyLong_AsLongLongAndOverflow(item, &overflow);
        if (v == -1 && PyErr_Occurred())
            goto done;
        if (overflow) /* not an int, or too large: for the general path */
            result = none();
        w[i] = (int64_t)v;
    }
    /* empty, as a failure fills it whole: not iscg_error_clear(), whose
     * 1 220-byte memset costs as much as the allocation */
    iscg_error report;
    report.code = report.line = report.column = report.sys_errno = 0;
    report.source[0] = report.field[0] = report.text[0] = '\0';
    iscg_cents drift = 0;
    int rc = result ? 0 : iscg_allocate(shares, &drift, (iscg_cents)cents, w, (size_t)n, r, &report);
    if (rc < 0)
        iscg_py_raise(rc, &report, ISCG_PY_GENERAL);
    if (result || rc < 0)
        goto done;
    /* as tuple.__new__(allocation, ...) makes it: the class's own allocator; NULL items until set */
    result = ((PyTypeObject *)allocation)->tp_alloc((PyTypeObject *)allocation, 4);
    PyObject *euros_tuple = result ? PyTuple_New(n) : NULL, *cents_tuple = euros_tuple ? PyTuple_New(n) : NULL;
    int ok = cents_tuple != NULL;
    if (result) {
        PyTuple_SET_ITEM(result, 0, euros_tuple);
        PyTuple_SET_ITEM(result, 2, cents_tuple);
        PyObject *drift_euros = ok ? euros_of_cents(drift) : NULL;
        PyTuple_SET_ITEM(result, 1, drift_euros);
        PyTuple_SET_ITEM(result, 3, drift_euros ? PyLong_FromLongLong((long long)drift) : NULL);
        ok = PyTuple_GET_ITEM(result, 3) != NULL;
    }
    for (Py_ssize_t i = 0; ok && i < n; i++) {
        PyObject *c = PyLong_FromLongLong((long long)shares[i]), *e = c ? share_euros(c, shares[i]) : NULL;
        ok = e != NULL;
        PyTuple_SET_ITEM(cents_tuple, i, c);
        PyTuple_SET_ITEM(euros_tuple, i, e);
    }
    if (!ok)
        Py_CLEAR(result);
done:
    if (w != stack)
        PyMem_Free(w);
    return result;
}

PyObject *iscg_py_allocate_named(PyObject *amount, PyObject *weights, PyObject *unit, PyObject *rounding,
                                 PyObject *policy, PyObject *weights_kind, PyObject *party, PyObject *allocation)
{
    if (!PyType_Check(allocation) || allocation == (PyObject *)&PyTuple_Type ||
        !PyType_IsSubtype((PyTypeObject *)allocation, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "a subclass of tuple is expected for the allocation");
        return NULL;
    }
    iscg_allocation_rule r = ISCG_ALLOCATION_RULE_INIT;
    int64_t unit_cents;
    int taken = unit_in(unit, &unit_cents), v[3];
    if (taken <= 0)
        return taken < 0 ? NULL : none();
    /* a party an int that fits in a size_t: a negative or too large one is for the general path */
    size_t p = PyLong_CheckExact(party) ? PyLong_AsSize_t(party) : (size_t)-1;
    if (p == (size_t)-1 && PyErr_Occurred())
        PyErr_Clear();
    static struct names_seen roundings, policies, kinds;
    if (p == (size_t)-1 || !enum_in(rounding, 1, ISCG_ROUNDING_COUNT, iscg_rounding_int, &roundings, &v[0]) ||
        !enum_in(policy, 1, ISCG_REMAINDER_POLICY_COUNT, iscg_remainder_policy_int, &policies, &v[1]) ||
        !enum_in(weights_kind, 0, ISCG_WEIGHTS_KIND_COUNT - 1, iscg_weights_kind_int, &kinds, &v[2]))
        Py_RETURN_NONE;
    r.unit = (iscg_cents)unit_cents;
    r.rounding = (iscg_rounding)v[0];
    r.policy = (iscg_remainder_policy)v[1];
    r.weights = (iscg_weights_kind)v[2];
    r.party = p;
    return allocate_with(amount, weights, &r, allocation);
}
