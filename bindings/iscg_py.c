/* Conversions between libiscg's C values and Python objects (see iscg_py.h). */
#include "iscg_py.h"

#include <datetime.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

/* ---- module state --------------------------------------------------------- */

/* Set once by iscg_py_init() and kept for the life of the process, as every
 * extension module keeps its exception classes. Indexed by -status: entry 0
 * is the base class (Error, DatasetError) used for unknown codes. */
#define CODES 16
static PyObject *error_class[CODES];
static PyObject *dataset_class[CODES];
static PyObject *fraction_class;

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
    case ISCG_ESTATE: return NULL;
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

    /* macros whose casts SWIG does not evaluate */
    static const struct {
        const char *name;
        long long value;
    } constants[] = {{"ISCG_CENT", ISCG_CENT},
                     {"ISCG_EURO", ISCG_EURO},
                     {"ISCG_NO_CAP", ISCG_NO_CAP},
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
    return 0;
}

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
    PyObject **classes = family == ISCG_PY_DATASET ? dataset_class : error_class;
    PyObject *cls = code < 0 && code > -CODES && classes[-code] ? classes[-code] : classes[0];
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
        (!name || !value || PyObject_SetAttrString(exc, name, value) == 0))
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
    Py_XDECREF(exc);
    Py_XDECREF(value);
    return NULL;
}

PyObject *iscg_py_raise(int code, const iscg_error *err, enum iscg_py_family family)
{
    return iscg_py_raise_with(code, err, family, NULL, NULL);
}

/* ---- results that point into their source --------------------------------- */

static const char SOURCE[] = "_iscg_source", GENERATION[] = "_iscg_generation";

/* The generation of a source, or the one a result was computed at; 0 when unset. */
static long generation_of(PyObject *o)
{
    PyObject *g = PyObject_GetAttrString(o, GENERATION);
    long v = g ? PyLong_AsLong(g) : 0;
    Py_XDECREF(g);
    if (PyErr_Occurred()) {
        PyErr_Clear();
        v = 0;
    }
    return v;
}

int iscg_py_keep_source(PyObject *result, PyObject *source)
{
    PyObject *g = PyLong_FromLong(generation_of(source));
    int rc = g && PyObject_SetAttrString(result, SOURCE, source) == 0 &&
                     PyObject_SetAttrString(result, GENERATION, g) == 0
                 ? 0
                 : -1;
    Py_XDECREF(g);
    return rc;
}

int iscg_py_touch(PyObject *source)
{
    PyObject *g = PyLong_FromLong(generation_of(source) + 1);
    int rc = g ? PyObject_SetAttrString(source, GENERATION, g) : -1;
    Py_XDECREF(g);
    return rc;
}

int iscg_py_check_fresh(PyObject *result)
{
    PyObject *source = PyObject_GetAttrString(result, SOURCE);
    if (!source) {
        PyErr_Clear();
        return 0;
    }
    int fresh = generation_of(result) == generation_of(source);
    Py_DECREF(source);
    if (fresh)
        return 0;
    iscg_error report;
    iscg_error_clear(&report);
    snprintf(report.text, sizeof report.text,
             "this result was computed before its registry was changed: compute it again");
    iscg_py_raise(ISCG_ESTATE, &report, ISCG_PY_GENERAL);
    return -1;
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
    iscg_explain_render(buf, (size_t)n + 1, e);
    PyObject *s = iscg_py_str(buf);
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

/* ---- structures ----------------------------------------------------------- */

enum ftype {
    T_STR,        /* const char *, None for NULL */
    T_CHARS,      /* char array, None when empty (output only) */
    T_INT,        /* int or an int-sized enum */
    T_UINT,       /* unsigned (output only) */
    T_BOOL,       /* int 0/1, a bool on output */
    T_INT64,      /* int64_t and iscg_cents */
    T_SIZE,       /* size_t */
    T_DATE,       /* iscg_date, None for the zeroed date */
    T_PERIOD,     /* iscg_period */
    T_RATIO,      /* iscg_ratio (output only) */
    T_EXPLAIN,    /* const iscg_explain * (output only) */
    T_STRUCT,     /* a nested structure */
    T_STRUCT_PTR, /* a pointer to a structure, None for NULL (output only) */
    T_ARRAY,      /* a fixed array (output only) */
    T_PTR_ARRAY   /* a pointer to an array whose size_t count is another field (output only) */
};

enum { F_REQUIRED = 1, F_SENTINEL = 2 };

struct field {
    const char *name;
    enum ftype type;
    unsigned flags;
    size_t offset;
    int64_t sentinel;          /* F_SENTINEL: the value that reads as None (ISCG_UNKNOWN...) */
    const iscg_py_struct *sub; /* structures and arrays of structures */
    enum ftype elem;           /* arrays of scalars */
    size_t count;              /* T_ARRAY: the number of elements */
    size_t elem_size;          /* arrays: the size of an element */
    size_t count_offset;       /* T_PTR_ARRAY: where the count is */
};

struct iscg_py_struct {
    const char *name;
    size_t size;
    void (*init)(void *); /* defaults before a dict is read; NULL means zeroes */
    const struct field *fields;
};

/* Enumerations are read and written as int. */
_Static_assert(sizeof(iscg_rounding) == sizeof(int) && sizeof(iscg_remainder_policy) == sizeof(int) &&
                   sizeof(iscg_weights_kind) == sizeof(int) && sizeof(iscg_daycount) == sizeof(int) &&
                   sizeof(iscg_cadence) == sizeof(int) && sizeof(iscg_deadline_kind) == sizeof(int) &&
                   sizeof(iscg_party_kind) == sizeof(int) && sizeof(iscg_post_kind) == sizeof(int) &&
                   sizeof(iscg_share_rule) == sizeof(int) && sizeof(iscg_finding_kind) == sizeof(int) &&
                   sizeof(iscg_stats_granularity) == sizeof(int) && sizeof(iscg_activity_carrier) == sizeof(int) &&
                   sizeof(iscg_activity_force) == sizeof(int) && sizeof(iscg_activity_field) == sizeof(int) &&
                   sizeof(iscg_stats_gap_kind) == sizeof(int) && sizeof(iscg_stats_cell_state) == sizeof(int),
               "enumerations are converted as int");

#define FIELD(S, m, T, F) {.name = #m, .type = (T), .flags = (F), .offset = offsetof(S, m)}
#define UNKNOWN_AS_NONE(S, m, T, F, v)                                                                       \
    {.name = #m, .type = (T), .flags = (F) | F_SENTINEL, .offset = offsetof(S, m), .sentinel = (v)}
#define NESTED(S, m, T, F, desc) {.name = #m, .type = (T), .flags = (F), .offset = offsetof(S, m), .sub = &(desc)}
#define ARRAY_OF(S, m, desc, E, n)                                                                           \
    {.name = #m, .type = T_ARRAY, .offset = offsetof(S, m), .sub = (desc), .elem = (E), .count = (n),         \
     .elem_size = sizeof(((S *)0)->m[0])}
#define POINTED_ARRAY(S, m, desc, counter)                                                                   \
    {.name = #m, .type = T_PTR_ARRAY, .offset = offsetof(S, m), .sub = &(desc),                               \
     .elem_size = sizeof(*((S *)0)->m), .count_offset = offsetof(S, counter)}
#define END {.name = NULL}

#define DESC(S, init, fields) {#S, sizeof(S), (init), (fields)}

static const struct field error_fields[] = {
    FIELD(iscg_error, code, T_INT, 0),      FIELD(iscg_error, line, T_INT, 0),
    FIELD(iscg_error, column, T_INT, 0),    FIELD(iscg_error, source, T_CHARS, 0),
    FIELD(iscg_error, field, T_CHARS, 0),   FIELD(iscg_error, text, T_CHARS, 0),
    END};
const iscg_py_struct iscg_py_error_desc = DESC(iscg_error, NULL, error_fields);

static const struct field allocation_rule_fields[] = {
    FIELD(iscg_allocation_rule, unit, T_INT64, F_REQUIRED),
    FIELD(iscg_allocation_rule, rounding, T_INT, F_REQUIRED),
    FIELD(iscg_allocation_rule, policy, T_INT, F_REQUIRED),
    FIELD(iscg_allocation_rule, party, T_SIZE, 0),
    FIELD(iscg_allocation_rule, weights, T_INT, 0),
    END};
const iscg_py_struct iscg_py_allocation_rule_desc = DESC(iscg_allocation_rule, NULL, allocation_rule_fields);

static const struct field clauses_fields[] = {
    FIELD(iscg_clauses, notice_months, T_INT, 0),
    FIELD(iscg_clauses, denunciation_months, T_INT, 0),
    FIELD(iscg_clauses, has_request_deadline, T_BOOL, 0),
    FIELD(iscg_clauses, request_deadline, T_DATE, 0),
    FIELD(iscg_clauses, has_payment_deadline, T_BOOL, 0),
    FIELD(iscg_clauses, payment_deadline, T_DATE, 0),
    FIELD(iscg_clauses, instalments, T_INT, 0),
    FIELD(iscg_clauses, activity_reports, T_INT, 0),
    FIELD(iscg_clauses, interim_summaries, T_INT, 0),
    FIELD(iscg_clauses, annual_report, T_BOOL, 0),
    FIELD(iscg_clauses, steering_committee, T_BOOL, 0),
    FIELD(iscg_clauses, first_steering_months, T_INT, 0),
    END};
const iscg_py_struct iscg_py_clauses_desc = DESC(iscg_clauses, NULL, clauses_fields);

static const struct field deadline_fields[] = {
    FIELD(iscg_deadline, date, T_DATE, 0),
    FIELD(iscg_deadline, kind, T_INT, 0),
    FIELD(iscg_deadline, covers, T_PERIOD, 0),
    END};
const iscg_py_struct iscg_py_deadline_desc = DESC(iscg_deadline, NULL, deadline_fields);

static void post_spec_init(void *p) { ((iscg_post_spec *)p)->weekly_hours = ISCG_UNKNOWN; }
static const struct field post_spec_fields[] = {
    FIELD(iscg_post_spec, id, T_STR, F_REQUIRED),
    FIELD(iscg_post_spec, label, T_STR, F_REQUIRED),
    FIELD(iscg_post_spec, kind, T_INT, F_REQUIRED),
    FIELD(iscg_post_spec, carrier, T_STR, F_REQUIRED),
    FIELD(iscg_post_spec, sites, T_STR, 0),
    FIELD(iscg_post_spec, work_time_bp, T_INT, F_REQUIRED),
    UNKNOWN_AS_NONE(iscg_post_spec, weekly_hours, T_INT, 0, ISCG_UNKNOWN),
    FIELD(iscg_post_spec, police_bp, T_INT, F_REQUIRED),
    END};
const iscg_py_struct iscg_py_post_spec_desc = DESC(iscg_post_spec, post_spec_init, post_spec_fields);

static const struct field convention_spec_fields[] = {
    FIELD(iscg_convention_spec, id, T_STR, F_REQUIRED),
    FIELD(iscg_convention_spec, post, T_STR, F_REQUIRED),
    FIELD(iscg_convention_spec, period, T_PERIOD, F_REQUIRED),
    UNKNOWN_AS_NONE(iscg_convention_spec, cost, T_INT64, F_REQUIRED, ISCG_UNKNOWN),
    FIELD(iscg_convention_spec, annual, T_BOOL, F_REQUIRED),
    FIELD(iscg_convention_spec, daycount, T_INT, F_REQUIRED),
    NESTED(iscg_convention_spec, rounding, T_STRUCT, F_REQUIRED, iscg_py_allocation_rule_desc),
    FIELD(iscg_convention_spec, source, T_STR, 0),
    END};
const iscg_py_struct iscg_py_convention_spec_desc = DESC(iscg_convention_spec, NULL, convention_spec_fields);

static void side_spec_init(void *p) { ((iscg_side_spec *)p)->cap = ISCG_NO_CAP; }
static const struct field side_spec_fields[] = {
    FIELD(iscg_side_spec, name, T_STR, F_REQUIRED),
    FIELD(iscg_side_spec, rule, T_INT, F_REQUIRED),
    FIELD(iscg_side_spec, value, T_INT64, 0),
    FIELD(iscg_side_spec, extra, T_INT64, 0),
    UNKNOWN_AS_NONE(iscg_side_spec, cap, T_INT64, 0, ISCG_NO_CAP),
    FIELD(iscg_side_spec, required, T_BOOL, F_REQUIRED),
    NESTED(iscg_side_spec, split, T_STRUCT, F_REQUIRED, iscg_py_allocation_rule_desc),
    END};
const iscg_py_struct iscg_py_side_spec_desc = DESC(iscg_side_spec, side_spec_init, side_spec_fields);

static const struct field funding_row_fields[] = {
    FIELD(iscg_funding_row, party, T_STR, 0),       FIELD(iscg_funding_row, party_name, T_STR, 0),
    FIELD(iscg_funding_row, party_kind, T_INT, 0),  FIELD(iscg_funding_row, side, T_STR, 0),
    FIELD(iscg_funding_row, replaces, T_STR, 0),    FIELD(iscg_funding_row, amount, T_INT64, 0),
    FIELD(iscg_funding_row, has_stated, T_BOOL, 0), FIELD(iscg_funding_row, stated, T_INT64, 0),
    FIELD(iscg_funding_row, explain, T_EXPLAIN, 0), END};
const iscg_py_struct iscg_py_funding_row_desc = DESC(iscg_funding_row, NULL, funding_row_fields);

static const struct field funding_side_fields[] = {
    FIELD(iscg_funding_side, name, T_STR, 0),     FIELD(iscg_funding_side, rule, T_INT, 0),
    FIELD(iscg_funding_side, amount, T_INT64, 0), FIELD(iscg_funding_side, drift, T_INT64, 0),
    END};
const iscg_py_struct iscg_py_funding_side_desc = DESC(iscg_funding_side, NULL, funding_side_fields);

static const struct field receivable_fields[] = {
    FIELD(iscg_receivable, convention, T_STR, 0), FIELD(iscg_receivable, post, T_STR, 0),
    FIELD(iscg_receivable, debtor, T_STR, 0),     FIELD(iscg_receivable, debtor_name, T_STR, 0),
    FIELD(iscg_receivable, share, T_INT64, 0),    FIELD(iscg_receivable, months, T_RATIO, 0),
    FIELD(iscg_receivable, absent, T_RATIO, 0),   FIELD(iscg_receivable, amount, T_INT64, 0),
    FIELD(iscg_receivable, explain, T_EXPLAIN, 0), END};
const iscg_py_struct iscg_py_receivable_desc = DESC(iscg_receivable, NULL, receivable_fields);

static const struct field finding_fields[] = {
    FIELD(iscg_finding, kind, T_INT, 0),       FIELD(iscg_finding, convention, T_STR, 0),
    FIELD(iscg_finding, party, T_STR, 0),      FIELD(iscg_finding, side, T_STR, 0),
    FIELD(iscg_finding, rule, T_STR, 0),       FIELD(iscg_finding, source, T_STR, 0),
    FIELD(iscg_finding, rounding, T_INT, 0),   FIELD(iscg_finding, stated, T_INT64, 0),
    FIELD(iscg_finding, computed, T_INT64, 0), FIELD(iscg_finding, text, T_STR, 0),
    FIELD(iscg_finding, explain, T_EXPLAIN, 0), END};
const iscg_py_struct iscg_py_finding_desc = DESC(iscg_finding, NULL, finding_fields);

static const struct field budget_line_fields[] = {
    FIELD(iscg_budget_line, operation, T_STR, F_REQUIRED),
    FIELD(iscg_budget_line, imputation, T_STR, 0),
    FIELD(iscg_budget_line, label, T_STR, 0),
    FIELD(iscg_budget_line, payer, T_STR, F_REQUIRED),
    FIELD(iscg_budget_line, credits, T_INT64, F_REQUIRED),
    FIELD(iscg_budget_line, available, T_INT64, F_REQUIRED),
    END};
const iscg_py_struct iscg_py_budget_line_desc = DESC(iscg_budget_line, NULL, budget_line_fields);

static const struct field budget_result_fields[] = {
    FIELD(iscg_budget_result, credits, T_INT64, 0),  FIELD(iscg_budget_result, available, T_INT64, 0),
    FIELD(iscg_budget_result, proposed, T_INT64, 0), FIELD(iscg_budget_result, balance, T_INT64, 0),
    FIELD(iscg_budget_result, subsidies, T_SIZE, 0), END};
const iscg_py_struct iscg_py_budget_result_desc = DESC(iscg_budget_result, NULL, budget_result_fields);

static const struct field budget_item_fields[] = {
    FIELD(iscg_budget_item, convention, T_STR, 0), FIELD(iscg_budget_item, carrier, T_STR, 0),
    FIELD(iscg_budget_item, amount, T_INT64, 0), END};
const iscg_py_struct iscg_py_budget_item_desc = DESC(iscg_budget_item, NULL, budget_item_fields);

static const struct field dataset_budget_fields[] = {
    NESTED(iscg_dataset_budget, line, T_STRUCT, 0, iscg_py_budget_line_desc),
    FIELD(iscg_dataset_budget, year, T_INT, 0),
    FIELD(iscg_dataset_budget, has_stated_proposed, T_BOOL, 0),
    FIELD(iscg_dataset_budget, stated_proposed, T_INT64, 0),
    FIELD(iscg_dataset_budget, source, T_STR, 0),
    END};
const iscg_py_struct iscg_py_dataset_budget_desc = DESC(iscg_dataset_budget, NULL, dataset_budget_fields);

static void activity_init(void *p) { iscg_activity_init(p); }
#define COUNT(m) UNKNOWN_AS_NONE(iscg_activity, m, T_INT64, 0, ISCG_ACTIVITY_UNKNOWN)
static const struct field activity_fields[] = {
    FIELD(iscg_activity, post, T_STR, F_REQUIRED),
    FIELD(iscg_activity, site, T_STR, 0),
    FIELD(iscg_activity, granularity, T_INT, 0),
    FIELD(iscg_activity, period, T_PERIOD, F_REQUIRED),
    FIELD(iscg_activity, not_reported, T_BOOL, 0),
    COUNT(women),
    COUNT(men),
    COUNT(children),
    COUNT(referrals),
    COUNT(interviews),
    COUNT(interviews_physical),
    COUNT(interviews_telephone),
    COUNT(interviews_partners),
    COUNT(epci),
    COUNT(communes),
    COUNT(population),
    COUNT(vif_basis_points),
    FIELD(iscg_activity, carrier, T_INT, 0),
    FIELD(iscg_activity, force, T_INT, 0),
    FIELD(iscg_activity, territory, T_STR, 0),
    FIELD(iscg_activity, note, T_STR, 0),
    END};
#undef COUNT
const iscg_py_struct iscg_py_activity_desc = DESC(iscg_activity, activity_init, activity_fields);

static const struct field stats_measure_fields[] = {
    FIELD(iscg_stats_measure, defined, T_BOOL, 0), FIELD(iscg_stats_measure, exact, T_RATIO, 0),
    FIELD(iscg_stats_measure, scaled, T_INT64, 0), FIELD(iscg_stats_measure, scale, T_INT64, 0),
    FIELD(iscg_stats_measure, rounding, T_INT, 0), FIELD(iscg_stats_measure, weight, T_INT64, 0),
    FIELD(iscg_stats_measure, used, T_SIZE, 0),    FIELD(iscg_stats_measure, excluded, T_SIZE, 0),
    END};
const iscg_py_struct iscg_py_stats_measure_desc = DESC(iscg_stats_measure, NULL, stats_measure_fields);

static const struct field stats_sum_fields[] = {
    FIELD(iscg_stats_sum, value, T_INT64, 0), FIELD(iscg_stats_sum, known, T_SIZE, 0),
    FIELD(iscg_stats_sum, missing, T_SIZE, 0), END};
static const iscg_py_struct stats_sum_desc = DESC(iscg_stats_sum, NULL, stats_sum_fields);

static const struct field stats_gap_fields[] = {
    FIELD(iscg_stats_gap, kind, T_INT, 0),     FIELD(iscg_stats_gap, post, T_STR, 0),
    FIELD(iscg_stats_gap, site, T_STR, 0),     FIELD(iscg_stats_gap, period, T_PERIOD, 0),
    FIELD(iscg_stats_gap, fields, T_UINT, 0),  FIELD(iscg_stats_gap, days_covered, T_INT64, 0),
    END};
static const iscg_py_struct stats_gap_desc = DESC(iscg_stats_gap, NULL, stats_gap_fields);

static const struct field stats_row_fields[] = {
    FIELD(iscg_stats_row, key, T_STR, 0),
    FIELD(iscg_stats_row, is_total, T_BOOL, 0),
    FIELD(iscg_stats_row, period, T_PERIOD, 0),
    FIELD(iscg_stats_row, records, T_SIZE, 0),
    FIELD(iscg_stats_row, not_reported, T_SIZE, 0),
    FIELD(iscg_stats_row, incomplete, T_SIZE, 0),
    ARRAY_OF(iscg_stats_row, count, &stats_sum_desc, T_STRUCT, ISCG_ACTIVITY_COUNTS),
    NESTED(iscg_stats_row, vif, T_STRUCT, 0, iscg_py_stats_measure_desc),
    NESTED(iscg_stats_row, vif_plain_mean, T_STRUCT, 0, iscg_py_stats_measure_desc),
    NESTED(iscg_stats_row, interviews_per_referral, T_STRUCT, 0, iscg_py_stats_measure_desc),
    NESTED(iscg_stats_row, referrals_per_thousand, T_STRUCT, 0, iscg_py_stats_measure_desc),
    NESTED(iscg_stats_row, share, T_STRUCT, 0, iscg_py_stats_measure_desc),
    POINTED_ARRAY(iscg_stats_row, gaps, stats_gap_desc, gap_count),
    END};
const iscg_py_struct iscg_py_stats_row_desc = DESC(iscg_stats_row, NULL, stats_row_fields);

static const struct field stats_change_fields[] = {
    FIELD(iscg_stats_change, key, T_STR, 0),
    FIELD(iscg_stats_change, is_total, T_BOOL, 0),
    NESTED(iscg_stats_change, before, T_STRUCT_PTR, 0, iscg_py_stats_row_desc),
    NESTED(iscg_stats_change, after, T_STRUCT_PTR, 0, iscg_py_stats_row_desc),
    ARRAY_OF(iscg_stats_change, comparable, NULL, T_BOOL, ISCG_ACTIVITY_COUNTS),
    ARRAY_OF(iscg_stats_change, delta, NULL, T_INT64, ISCG_ACTIVITY_COUNTS),
    END};
const iscg_py_struct iscg_py_stats_change_desc = DESC(iscg_stats_change, NULL, stats_change_fields);

static const struct field stats_cell_fields[] = {
    FIELD(iscg_stats_cell, state, T_INT, 0), FIELD(iscg_stats_cell, value, T_INT64, 0),
    FIELD(iscg_stats_cell, missing, T_SIZE, 0), END};
static const iscg_py_struct stats_cell_desc = DESC(iscg_stats_cell, NULL, stats_cell_fields);

static const struct field stats_published_row_fields[] = {
    FIELD(iscg_stats_published_row, key, T_STR, 0),
    FIELD(iscg_stats_published_row, is_total, T_BOOL, 0),
    FIELD(iscg_stats_published_row, period, T_PERIOD, 0),
    ARRAY_OF(iscg_stats_published_row, cell, &stats_cell_desc, T_STRUCT, ISCG_STATS_PUBLISHED_FIELDS),
    END};
const iscg_py_struct iscg_py_stats_published_row_desc =
    DESC(iscg_stats_published_row, NULL, stats_published_row_fields);

static const struct field stats_suppression_fields[] = {
    FIELD(iscg_stats_suppression, row, T_SIZE, 0), FIELD(iscg_stats_suppression, field, T_INT, 0),
    FIELD(iscg_stats_suppression, state, T_INT, 0), END};
const iscg_py_struct iscg_py_stats_suppression_desc = DESC(iscg_stats_suppression, NULL, stats_suppression_fields);

/* One value at @p p, of type @p t. */
static PyObject *value_out(enum ftype t, unsigned flags, int64_t sentinel, const iscg_py_struct *sub,
                           const char *p)
{
    switch (t) {
    case T_STR: {
        const char *s;
        memcpy(&s, p, sizeof s);
        return iscg_py_str(s);
    }
    case T_CHARS: return text_or_none(p);
    case T_INT:
    case T_BOOL: {
        int v;
        memcpy(&v, p, sizeof v);
        if ((flags & F_SENTINEL) && v == sentinel)
            Py_RETURN_NONE;
        return t == T_BOOL ? PyBool_FromLong(v) : PyLong_FromLong(v);
    }
    case T_UINT: {
        unsigned v;
        memcpy(&v, p, sizeof v);
        return PyLong_FromUnsignedLong(v);
    }
    case T_INT64: {
        int64_t v;
        memcpy(&v, p, sizeof v);
        if ((flags & F_SENTINEL) && v == sentinel)
            Py_RETURN_NONE;
        return PyLong_FromLongLong((long long)v);
    }
    case T_SIZE: {
        size_t v;
        memcpy(&v, p, sizeof v);
        return PyLong_FromSize_t(v);
    }
    case T_DATE: {
        iscg_date d;
        memcpy(&d, p, sizeof d);
        return iscg_py_date(d);
    }
    case T_PERIOD: {
        iscg_period v;
        memcpy(&v, p, sizeof v);
        return iscg_py_period(v);
    }
    case T_RATIO: {
        iscg_ratio r;
        memcpy(&r, p, sizeof r);
        return iscg_py_ratio(r);
    }
    case T_EXPLAIN: {
        const void *e; /* the field holds a const iscg_explain * */
        memcpy(&e, p, sizeof e);
        return iscg_py_explain(e);
    }
    case T_STRUCT:
        if (sub)
            return iscg_py_struct_out(sub, p);
        break;
    case T_STRUCT_PTR: {
        const void *q;
        memcpy(&q, p, sizeof q);
        if (sub)
            return iscg_py_struct_out(sub, q);
        break;
    }
    case T_ARRAY:
    case T_PTR_ARRAY: break;
    }
    PyErr_SetString(PyExc_SystemError, "iscg: a field type has no conversion");
    return NULL;
}

static PyObject *field_out(const struct field *f, const char *base)
{
    const char *p = base + f->offset;
    if (f->type == T_ARRAY || f->type == T_PTR_ARRAY) {
        size_t n = f->count;
        if (f->type == T_PTR_ARRAY) {
            const void *array; /* the field holds a pointer to the array */
            memcpy(&n, base + f->count_offset, sizeof n);
            memcpy(&array, p, sizeof array);
            p = array;
            if (!p)
                n = 0;
        }
        LIST_OF(n, f->sub ? iscg_py_struct_out(f->sub, p + i * f->elem_size)
                          : value_out(f->elem, 0, 0, NULL, p + i * f->elem_size));
    }
    return value_out(f->type, f->flags, f->sentinel, f->sub, p);
}

PyObject *iscg_py_struct_out(const iscg_py_struct *desc, const void *s)
{
    if (!s)
        Py_RETURN_NONE;
    PyObject *d = PyDict_New();
    for (const struct field *f = desc->fields; d && f->name; f++)
        if (put(d, f->name, field_out(f, s)) < 0)
            Py_CLEAR(d);
    return d;
}

PyObject *iscg_py_struct_list(const iscg_py_struct *desc, const void *array, size_t n)
{
    LIST_OF(n, iscg_py_struct_out(desc, (const char *)array + i * desc->size));
}

/* Rewords the pending exception as "struct.field: message". An iscg.Error
 * keeps its class and attributes; exceptions whose constructors take more
 * than a message (UnicodeError) are left as they are. */
static void blame_field(const iscg_py_struct *desc, const struct field *f)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (!type || !value || PyErr_GivenExceptionMatches(type, PyExc_UnicodeError)) {
        PyErr_Restore(type, value, tb);
        return;
    }
    PyObject *text = PyUnicode_FromFormat("%s.%s: %S", desc->name, f->name, value);
    if (text && PyErr_GivenExceptionMatches(type, error_class[0])) {
        PyObject *args = PyTuple_Pack(1, text);
        if (args && PyObject_SetAttrString(value, "args", args) == 0) {
            Py_DECREF(args);
            Py_DECREF(text);
            PyErr_Restore(type, value, tb);
            return;
        }
        Py_XDECREF(args);
    }
    if (text)
        PyErr_SetObject(type, text);
    Py_XDECREF(text);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
}

static int value_in(const struct field *f, PyObject *v, char *p)
{
    if ((f->flags & F_SENTINEL) && v == Py_None) {
        if (f->type == T_INT) {
            int s = (int)f->sentinel;
            memcpy(p, &s, sizeof s);
        } else {
            memcpy(p, &f->sentinel, sizeof f->sentinel);
        }
        return 0;
    }
    switch (f->type) {
    case T_STR: {
        const char *s;
        if (iscg_py_str_in(v, &s) < 0)
            return -1;
        memcpy(p, &s, sizeof s);
        return 0;
    }
    case T_INT:
    case T_BOOL: {
        int x;
        if (int_in(v, &x) < 0)
            return -1;
        memcpy(p, &x, sizeof x);
        return 0;
    }
    case T_INT64: {
        int64_t x;
        if (int64_in(v, INT64_MIN, INT64_MAX, &x) < 0)
            return -1;
        memcpy(p, &x, sizeof x);
        return 0;
    }
    case T_SIZE: {
        int64_t x;
        if (int64_in(v, 0, (int64_t)(SIZE_MAX < INT64_MAX ? SIZE_MAX : INT64_MAX), &x) < 0)
            return -1;
        size_t z = (size_t)x;
        memcpy(p, &z, sizeof z);
        return 0;
    }
    case T_DATE: {
        iscg_date d = {0, 0, 0};
        if (v != Py_None && iscg_py_date_in(v, &d) < 0)
            return -1;
        memcpy(p, &d, sizeof d);
        return 0;
    }
    case T_PERIOD: {
        iscg_period x;
        if (iscg_py_period_in(v, &x) < 0)
            return -1;
        memcpy(p, &x, sizeof x);
        return 0;
    }
    case T_STRUCT: return iscg_py_struct_in(f->sub, v, p);
    default: PyErr_SetString(PyExc_TypeError, "this field is computed and cannot be given"); return -1;
    }
}

int iscg_py_struct_in(const iscg_py_struct *desc, PyObject *o, void *s)
{
    if (!PyDict_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s: a dict is expected, not %.100s", desc->name, Py_TYPE(o)->tp_name);
        return -1;
    }
    memset(s, 0, desc->size);
    if (desc->init)
        desc->init(s);
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(o, &pos, &key, &value)) {
        const char *k = PyUnicode_Check(key) ? PyUnicode_AsUTF8(key) : NULL;
        const struct field *f = desc->fields;
        while (k && f->name && strcmp(f->name, k) != 0)
            f++;
        if (!k || !f->name) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_TypeError, "%s has no field %R", desc->name, key);
            return -1;
        }
    }
    for (const struct field *f = desc->fields; f->name; f++) {
        /* borrowed: the dict keeps the value, and the strings it points to, alive */
        PyObject *v = PyDict_GetItemString(o, f->name);
        if (!v) {
            if (f->flags & F_REQUIRED) {
                PyErr_Format(PyExc_TypeError, "%s: the field %s is required", desc->name, f->name);
                return -1;
            }
            continue;
        }
        if (value_in(f, v, (char *)s + f->offset) < 0) {
            blame_field(desc, f);
            return -1;
        }
    }
    return 0;
}
