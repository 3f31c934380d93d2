# SPDX-License-Identifier: Apache-2.0
"""Records from columns, Python's part (Stats.from_columns(), add_columns()).

Each column, in whatever form the caller holds it (numpy arrays of any
integer width, masked arrays, pandas columns, array.array, memoryviews,
lists with None, lists of str, one value for every record), becomes what
the C layer hands to iscg_stats_add_columns() as it is: an int for every
record, or a one-dimensional buffer of native int64 in which an unknown
value is ISCG_UNKNOWN; a column of names becomes (codes, names), its codes
such a column (-1 for no name) and its names a tuple of str. numpy's usual
int64 column is passed on without a copy; numpy does the other numpy
conversions, plain Python (array.array) the rest, so that numpy is needed
only by those who give numpy arrays. A bad value is refused here as the C
layer refuses one: its exception names the record and the column."""

import numbers
import operator
import sys
from array import array
from collections.abc import Sequence
from typing import Any, Dict, Optional, Tuple

from . import _iscg as _c
from ._enums import ActivityCarrier, ActivityField, ActivityForce, Granularity
from ._util import error

UNKNOWN = _c.ISCG_UNKNOWN
_INT64 = range(-2 ** 63, 2 ** 63)
NAMES = ("post", "site", "territory", "note")
NUMBERS = ("year", "month", "granularity", "not_reported", "carrier", "force") + tuple(
    f.label for f in ActivityField if f != ActivityField.VIF) + ("vif_basis_points",)
_ENUMS = {"granularity": Granularity, "carrier": ActivityCarrier, "force": ActivityForce}
_FLOATS = "efdgFDG"  # buffer formats of floats


def _at(index: int, name: str, text: str, cls: type = _c.InvalidInput, code: int = _c.ISCG_EINVAL) -> BaseException:
    """The exception of a bad value: "record <index>: <column>: <text>"."""
    return error(cls, code, "record %d: %s: %s" % (index, name, text), index=index)


def _too_big(index: int, name: str) -> BaseException:
    return _at(index, name, "the value does not fit in 64 bits", _c.OverflowError, _c.ISCG_EOVERFLOW)


def _not_integers(name: str, bools: bool, fmt: str, size: int) -> TypeError:
    return TypeError("%s: a column of integers%s is expected, not a buffer of format '%s' (item size %d)%s"
                     % (name, " or bools" if bools else "", fmt, size,
                        ": counts are never floats; use ISCG_UNKNOWN or a mask for unknown values"
                        if fmt.lstrip("@=<>!")[:1] in _FLOATS else ""))


def _from_list(values: Sequence, name: str, none: int, bools: bool) -> array:
    """A sequence of ints (None for unknown) as array('q')."""
    kinds = set(map(type, values))
    if kinds <= ({int, type(None), bool} if bools else {int, type(None)}):
        try:
            return array("q", [none if v is None else v for v in values] if type(None) in kinds else values)
        except OverflowError:
            pass
    out = array("q")
    for i, v in enumerate(values):  # the first bad value, named
        if v is not None:
            if (isinstance(v, bool) and not bools) or not hasattr(type(v), "__index__"):
                raise _at(i, name, "an int or None is expected, not %s" % type(v).__name__)
            v = operator.index(v)
            if v not in _INT64:
                raise _too_big(i, name)
        out.append(none if v is None else v)
    return out


def _from_numpy(a: Any, name: str, bools: bool) -> Any:
    """A numpy array of integers as a contiguous native int64 array (itself
    when it is one)."""
    np = sys.modules["numpy"]
    if a.ndim != 1:
        raise TypeError("%s: a one-dimensional column is expected, not %d dimensions" % (name, a.ndim))
    kind = a.dtype.kind
    if kind not in "iu" and not (kind == "b" and bools):
        raise _not_integers(name, bools, a.dtype.char, a.dtype.itemsize)
    if kind == "u" and a.dtype.itemsize == 8:
        big = np.flatnonzero(a > _INT64.stop - 1)
        if len(big):
            raise _too_big(int(big[0]), name)
    return np.require(a, np.int64, "CA")


def _integers(value: Any, name: str, none: int = UNKNOWN) -> Any:
    """A column of integers: None (absent), an int for every record, or an
    int64 column in which `none` marks the unknown values (masked, <NA>,
    None)."""
    bools = name == "not_reported"
    if value is None:
        return None
    enum = _ENUMS.get(name)
    if enum is not None and isinstance(value, (str, enum)):
        return int(enum.parse(value))
    if isinstance(value, bool):
        if not bools:
            raise TypeError("%s: an int or a column is expected, not a bool" % name)
        return int(value)
    if isinstance(value, numbers.Integral):
        value = int(value)
        return none if value == UNKNOWN else value
    if isinstance(value, (str, bytes, bytearray)):
        raise TypeError("%s: a column of integers is expected, not %s" % (name, type(value).__name__))
    np = sys.modules.get("numpy")
    if hasattr(value, "mask") and hasattr(value, "filled"):  # numpy.ma.MaskedArray
        mask, data = np.ma.getmaskarray(value), np.ma.getdata(value)
        values = _from_numpy(data, name, bools)
        if mask.any():
            values = values.copy() if values is data else values  # the caller's memory is not written
            np.putmask(values, mask, none)
        return values
    if hasattr(value, "to_numpy") and hasattr(value, "dtype"):  # a pandas Series, Index or array
        import pandas
        if not pandas.api.types.is_extension_array_dtype(value.dtype):
            value = value.to_numpy()
        elif pandas.api.types.is_bool_dtype(value.dtype) and not bools:
            raise _not_integers(name, bools, "?", 1)
        elif not pandas.api.types.is_integer_dtype(value.dtype) and not pandas.api.types.is_bool_dtype(value.dtype):
            # a nullable float or anything else: refused as numpy's floats are, never cut to int64
            raise _not_integers(name, bools, getattr(value.dtype, "numpy_dtype", value.dtype).char,
                                getattr(value.dtype, "itemsize", 8))
        else:  # nullable: <NA> is unknown
            return value.to_numpy(dtype="int64", na_value=none)
    if np is not None and isinstance(value, np.ndarray):
        return _from_numpy(value, name, bools)
    try:
        view = memoryview(value)
    except TypeError:
        view = None
    if view is not None:
        if view.ndim != 1:
            raise TypeError("%s: a one-dimensional column is expected, not %d dimensions" % (name, view.ndim))
        fmt = view.format.lstrip("@")
        if fmt in ("q", "l", "n") and view.itemsize == 8 and view.c_contiguous:
            return view  # read in place
        if len(fmt) != 1 or fmt not in "bBhHiIlLqQnN" + "?" * bools:
            raise _not_integers(name, bools, view.format, view.itemsize)
        return _from_list(view.tolist(), name, none, bools)
    if not isinstance(value, Sequence):
        raise TypeError("%s: a column (a buffer of integers or a sequence) is expected, not %s"
                        % (name, type(value).__name__))
    return _from_list(value, name, none, bools)


def _codes(value: Any, name: str) -> Any:
    """A column of name codes, -1 for no name: so is an unknown code
    (ISCG_UNKNOWN, masked, None, <NA>)."""
    codes = _integers(value, name, -1)
    np = sys.modules.get("numpy")
    if np is not None and isinstance(codes, np.ndarray) and (codes == UNKNOWN).any():
        return np.where(codes == UNKNOWN, -1, codes)
    if isinstance(codes, (array, memoryview)) and UNKNOWN in codes:
        return array("q", (-1 if k == UNKNOWN else k for k in codes))
    return codes


def _factorize(items: Any, name: str) -> Tuple[array, Tuple[str, ...]]:
    """A sequence of str and None as codes into its distinct names, in the
    order they first appear (-1 for None)."""
    if hasattr(items, "tolist"):
        items = items.tolist()
    try:
        index = dict.fromkeys(items)
        index.pop(None, None)
        names = tuple(index)
        if set(map(type, names)) <= {str} or all(isinstance(k, str) for k in names):
            code = {k: i for i, k in enumerate(names)}
            code[None] = -1
            return array("q", map(code.__getitem__, items)), names
    except TypeError:  # an item that cannot be a key
        pass
    for i, v in enumerate(items):
        if v is not None and not isinstance(v, str):
            raise _at(i, name, "a str or None is expected, not %s" % type(v).__name__)
    raise AssertionError("unreachable")  # pragma: no cover


def _names(value: Any, name: str) -> Tuple[Optional[Tuple[Any, Tuple[Any, ...]]], bool]:
    """A column of names as (codes, names), and whether it was made from a
    sequence of str: a (codes, names) pair as it is, a pandas categorical as
    its codes and categories, a sequence of str (or None) as its distinct
    names, one str as the name of every record."""
    if value is None:
        return None, False
    if isinstance(value, str):
        return (0, (value,)), False
    categories = getattr(value, "cat", value)  # a Series of category dtype, or a Categorical
    if hasattr(categories, "codes") and hasattr(categories, "categories"):
        return (_codes(categories.codes, name), tuple(categories.categories)), False
    if isinstance(value, tuple) and len(value) == 2 and not isinstance(value[0], str) and value[0] is not None:
        return (_codes(value[0], name), tuple(value[1])), False
    if hasattr(value, "to_numpy") and hasattr(value, "dtype"):
        value = value.to_numpy()
    if not (isinstance(value, Sequence) or hasattr(value, "tolist")):
        raise TypeError("%s: a sequence of str or a (codes, names) pair is expected, not %.100s"
                        % (name, type(value).__name__))
    codes, names = _factorize(value, name)
    return (codes, names or ("",)), True  # "" is no name, as -1


def _length(column: Any) -> Optional[int]:
    return None if column is None or isinstance(column, int) else len(column)


def columns(given: Dict[str, Any]) -> Tuple[Dict[str, Any], Tuple[str, ...]]:
    """The columns of iscg_py_stats_add_columns() from the keywords of
    Stats.add_columns(), and those of its columns of names that were made
    from sequences of str. Columns of different lengths are refused here,
    the first one given naming the length."""
    start, year, month = given.pop("start", None), given.get("year"), given.get("month")
    if start is not None:
        if year is not None or month is not None:
            raise TypeError("give either start or year and month, not both")
        given["year"], given["month"] = _months(start)
    elif year is None or month is None:
        raise TypeError("the period is required: year and month columns, or start")
    for name in ("post", "granularity"):
        if given.get(name) is None:
            raise TypeError("the column %s is required" % name)
    out, listed = {}, []
    for name in NAMES:
        out[name], items = _names(given.get(name), name)
        if items:
            listed.append(name)
    out.update((name, _integers(given.get(name), name)) for name in NUMBERS)
    n, first = None, None
    for name, column in out.items():
        length = _length(column[0] if name in NAMES and column is not None else column)
        if length is None:
            continue
        if n is None:
            n, first = length, name
        elif length != n:
            raise error(_c.InvalidInput, _c.ISCG_EINVAL, "the column %s has %d values, but %s has %d"
                        % (name, length, first, n), field=name)
    if n is None:
        raise TypeError("no column gives the number of records: one at least must be a column, not one value "
                        "for every record")
    return out, tuple(listed)


def add(handle: Any, given: Dict[str, Any]) -> int:
    """Adds the records of the keywords of Stats.add_columns() to the
    collection `handle`; returns how many were added."""
    cols, listed = columns(given)
    try:
        return _c.stats_add_columns(handle, cols)
    except ValueError:  # a name that is no UTF-8 text: named by its first record when it was a str
        bad = _bad_name(cols)
        if bad is None or bad[0] not in listed:
            raise
    name, k, why = bad
    raise _at(cols[name][0].index(k), name, why)


def _bad_name(cols: Dict[str, Any]) -> Optional[Tuple[str, int, str]]:
    """The first name the C layer cannot take: (column, its index, why)."""
    for name in NAMES:
        for k, text in enumerate(cols[name][1] if cols[name] else ()):
            try:
                if "\0" in text:
                    raise ValueError("embedded null character")
                text.encode("utf-8")
            except (TypeError, ValueError) as e:
                return name, k, str(e)
    return None


def _months(start: Any) -> Tuple[Any, Any]:
    """Year and month columns of a numpy datetime64 column of first days
    of months (datetime64[M], or [D] on the 1st)."""
    import numpy
    start = numpy.asarray(start)
    if start.dtype.kind != "M":
        raise TypeError("start: a numpy datetime64 column is expected, not %s" % start.dtype)
    months = start.astype("datetime64[M]")
    off = numpy.flatnonzero(months.astype(start.dtype) != start)
    if len(off):
        raise error(_c.DateError, _c.ISCG_EDATE, "record %d: start: %s is not the first day of a month"
                    % (off[0], start[off[0]]), field="start", index=int(off[0]))
    m = months.astype("int64")
    unknown = numpy.isnat(months)
    year = numpy.where(unknown, 0, m // 12 + 1970)
    return year, numpy.where(unknown, 0, m % 12 + 1)
