# SPDX-License-Identifier: Apache-2.0
"""The column path of the activity statistics (Stats.from_columns(),
add_columns(): iscg_stats_add_columns() in the library) against the plain
path, iscg_stats_add() record by record (STAT-1, STAT-2, STAT-4): the same
store, the same sums, and on a bad value the same exception, the same
sentence after "record <index>: " and nothing kept. Whatever form the
columns take (numpy int64 used in place, narrower or masked arrays copied,
lists), the records are the same."""

import copy
import sys
from array import array

import pytest

import _iscg
import iscg
from test_bulk import as_numpy, by_record, columns_of, random_records

numpy = pytest.importorskip("numpy")
try:
    import pandas
except ImportError:  # the forms of pandas are then not tried
    pandas = None

UNKNOWN = _iscg.ISCG_ACTIVITY_UNKNOWN


def plain_error(records):
    """The first record the plain path refuses: (index, exception), or None."""
    s = iscg.Stats()
    for i, r in enumerate(by_record_dicts(records)):
        try:
            _iscg.iscg_stats_add(s._h, r)
        except iscg.Error as e:
            return i, e
    return None


def by_record_dicts(records):
    for r in records:
        d = {k: v for k, v in r.items() if k != "start"}
        d["granularity"] = int(iscg.Granularity.parse(d["granularity"]))
        d["carrier"] = int(iscg.ActivityCarrier.parse(d["carrier"]))
        d["force"] = int(iscg.ActivityForce.parse(d["force"]))
        yield d


def sums_of(s, by, per):
    c = s.sums(by=by, per=per).to_columns()
    return {k: [x.item() if hasattr(x, "item") else x for x in numpy.asarray(v).tolist()] for k, v in c.items()}


def unaligned(values):
    """An int64 memoryview whose first item is not on an 8-byte boundary."""
    view = memoryview(bytearray(8 * len(values) + 1))[1:].cast("q")
    view[:] = array("q", values)
    return view


def forms(cols):
    """The same columns as lists, as numpy arrays (int64 used in place), as
    int32 arrays with unknown values masked (copied), as array.array and
    memoryviews (no numpy: contiguous int64 used in place, or copied when
    unaligned, strided read item by item), as pandas columns (nullable
    Int64, str objects, categoricals)."""
    yield "lists", cols
    as_np = as_numpy(cols)
    yield "numpy", as_np
    narrow, buffers, frame = {}, {}, {}
    for i, (name, value) in enumerate(as_np.items()):
        if isinstance(value, tuple):
            narrow[name] = value
            buffers[name] = (array("q", value[0].tolist()), value[1])
            if pandas:
                items = pandas.Series(cols[name], dtype=object)
                frame[name] = items.astype("category") if i % 2 else items
        elif value.dtype == bool:
            narrow[name] = value
            buffers[name] = array("B", value.tolist())
            frame[name] = pandas and pandas.Series(value)
        else:
            unknown = value == UNKNOWN
            narrow[name] = numpy.ma.array(numpy.where(unknown, 0, value).astype(numpy.int32), mask=unknown)
            values = value.tolist()
            buffers[name] = (array("q", values), unaligned(values),
                             memoryview(array("q", [v for x in values for v in (x, 0)]))[::2])[i % 3]
            frame[name] = pandas and pandas.array([None if v == UNKNOWN else v for v in values], dtype="Int64")
    yield "masked int32", narrow
    yield "array.array and memoryviews", buffers
    if pandas:
        yield "pandas", frame


def test_stat1_columns_store_what_records_store():
    records = random_records(2500, seed=11)
    expected = by_record(records)
    want = [r.record() for r in expected]
    for name, given in forms(columns_of(records)):
        s = iscg.Stats.from_columns(**given)
        assert [r.record() for r in s] == want, name
        for by, per in (("POST", "YEAR"), ("TERRITORY", "QUARTER"), ("ALL", "YEAR")):
            assert sums_of(s, by, per) == sums_of(expected, by, per), (name, by, per)


def spoil(records, i, **change):
    out = copy.deepcopy(records)
    out[i].update(change)
    return out


def bad_cases(records):
    """Records with one bad value, as the plain path and the columns both take them."""
    r = records
    quarter = r[7]["start"].replace(month=2)
    yield spoil(r, 3, epci=-1)
    yield spoil(r, 300, vif_basis_points=10001, not_reported=False)
    yield spoil(r, 256, women=5, men=1, children=1, referrals=9, not_reported=False)
    yield spoil(r, 255, interviews_physical=9, interviews_telephone=None, interviews=8, interviews_partners=None,
                not_reported=False)
    yield spoil(r, 12, interviews=2, interviews_physical=None, interviews_telephone=None, interviews_partners=3,
                not_reported=False)
    yield spoil(r, 40, not_reported=True, men=0)
    yield spoil(r, 7, granularity="QUARTER", start=quarter,
                period=(quarter, quarter.replace(month=4, day=30)))
    first = r[1]
    yield spoil(r, 500, post=first["post"], site=first["site"], start=first["start"], period=first["period"],
                granularity=first["granularity"])


def test_stat2_columns_refuse_as_records_do():
    records = random_records(800, seed=5)
    for case, bad in enumerate(bad_cases(records)):
        index, want = plain_error(bad)
        for name, given in forms(columns_of(bad)):
            with pytest.raises(type(want)) as got:
                iscg.Stats.from_columns(**given)
            e = got.value
            assert e.index == index, (case, name)
            assert str(e) == "record %d: %s" % (index, want), (case, name)
            assert e.code == want.code and e.field == want.field, (case, name)


def test_stat2_all_or_nothing_with_records_held():
    records = random_records(600, seed=3)
    first, rest = records[:300], records[300:]
    s = iscg.Stats.from_columns(**as_numpy(columns_of(first)))
    held = [r.record() for r in s]
    bad = spoil(rest, 200, women=-4, not_reported=False)
    with pytest.raises(iscg.InvalidInput) as e:
        s.add_columns(**as_numpy(columns_of(bad)))
    assert e.value.index == 200
    assert [r.record() for r in s] == held
    assert s.add_columns(**as_numpy(columns_of(rest))) == len(rest)
    assert [r.record() for r in s] == [r.record() for r in by_record(records)]


# ---- what Python refuses before the library sees the columns -------------------------


def refused(exc, index, text, **columns):
    """from_columns() on four records with `columns` raises `exc`, naming
    record `index` and its column in `text` (the whole message)."""
    given = {"post": ["a", "b", "a", "b"], "year": 2022, "month": [1, 1, 2, 2], "granularity": "MONTH"}
    given.update(columns)
    with pytest.raises(exc) as e:
        iscg.Stats.from_columns(**given)
    assert str(e.value) == text and e.value.index == index, str(e.value)
    return e.value


def test_stat2_a_bad_value_of_a_column_names_its_record_in_every_form():
    for women in ([1, 2, "3", 4], (1, 2, "3", 4), [1, 2, [3], 4], [1, 2, 3.0, 4]):
        e = refused(iscg.InvalidInput, 2, "record 2: women: an int or None is expected, not %s"
                    % type(women[2]).__name__, women=women)
        assert e.code == iscg.Status.EINVAL
    refused(iscg.InvalidInput, 1, "record 1: women: an int or None is expected, not bool", women=[0, True, 1, 2])
    big = "record 3: %s: the value does not fit in 64 bits"
    for women in ([0, 1, 2, 2 ** 63], array("Q", [0, 1, 2, 2 ** 63]), [0, 1, 2, -2 ** 63 - 1],
                  numpy.ma.array(numpy.array([0, 1, 2, 2 ** 63], dtype=numpy.uint64), mask=[1, 0, 0, 0])):
        assert refused(iscg.OverflowError, 3, big % "women", women=women).code == iscg.Status.EOVERFLOW
    refused(iscg.OverflowError, 3, big % "site", site=([0, 0, 0, 2 ** 64], ["x"]))
    # a column of names made from a sequence of str: its bad item named by record
    refused(iscg.InvalidInput, 2, "record 2: site: a str or None is expected, not int", site=["x", None, 3, "y"])
    refused(iscg.InvalidInput, 1, "record 1: note: a str or None is expected, not list", note=["x", ["y"], "x", 1])
    refused(iscg.InvalidInput, 3, "record 3: post: a str or None is expected, not float",
            post=numpy.array(["a", "b", "a", float("nan")], dtype=object))
    refused(iscg.InvalidInput, 1, "record 1: territory: embedded null character",
            territory=[None, "Ar\0tois", "Artois", "Ar\0tois"])
    e = refused(iscg.InvalidInput, 2, "record 2: post: 'utf-8' codec can't encode character '\\ud800' in position 1: "
                "surrogates not allowed", site=["x", "y", "z", "w"], post=["a", "b", "a\ud800", "b"])
    assert e.field is None and e.code == iscg.Status.EINVAL
    # names of a (codes, names) pair are the caller's table: its own error, as before
    with pytest.raises(ValueError, match="embedded null character"):
        iscg.Stats.from_columns(post=["a", "b"], site=([0, 1], ["x", "y\0"]), year=2022, month=1, granularity="MONTH")
    with pytest.raises(UnicodeEncodeError):
        iscg.Stats.from_columns(post=([0, 1], ["x", "\udc80"]), site=["x", "y\0"], year=2022, month=1, granularity="MONTH")


def test_stat4_masked_or_unknown_codes_are_no_name():
    site = numpy.ma.array(numpy.array([0, 0, 0, 0], dtype=numpy.int16), mask=[False, True, False, True])
    for given in (site, numpy.array([0, UNKNOWN, 0, UNKNOWN]), array("q", [0, UNKNOWN, 0, UNKNOWN]),
                  [0, None, 0, -1]) + ((pandas.array([0, None, 0, None], dtype="Int64"),) if pandas else ()):
        s = iscg.Stats.from_columns(post=["a", "a", "b", "b"], site=(given, ["Commissariat"]), year=2022,
                                    month=[1, 2, 1, 2], granularity="MONTH")
        assert [r.site for r in s] == ["Commissariat", None, "Commissariat", None], given
    with pytest.raises(iscg.InvalidInput, match="record 0: an activity record must name its post"):
        iscg.Stats.from_columns(post=[None, None], year=2022, month=[1, 2], granularity="MONTH")


def test_the_c_layer_reads_only_int64_columns_of_one_length():
    """The C layer takes what the package gives it (bindings/iscg/_ingest.py):
    anything else is a TypeError, never a crash."""
    h = iscg.Stats()._h
    ok = {"post": (array("q", [0, 0]), ("a",)), "year": 2022, "month": array("q", [1, 2]),
          "granularity": int(iscg.Granularity.MONTH)}
    assert _iscg.stats_add_columns(h, dict(ok)) == 2
    for bad, message in ((dict(ok, month=array("i", [1, 2])), "month: a one-dimensional buffer of native int64"),
                         (dict(ok, month=numpy.zeros((2, 1), dtype=numpy.int64)), "month: a one-dimensional"),
                         (dict(ok, post=["a", "a"]), r"post: a \(codes, tuple of names\) pair"),
                         (dict(ok, post=(array("q", [0, 0]), ["a"])), r"post: a \(codes, tuple of names\) pair"),
                         (dict(ok, post=(array("q", [0, 0]), ("a", None))), "post: name 1 is None"),
                         (dict(ok, month=[1, 2]), "month"),
                         (dict(ok, post=(0, ("a",)), month=1), "no column gives the number of records"),
                         ([ok], "a dict of columns")):
        with pytest.raises(TypeError, match=message):
            _iscg.stats_add_columns(h, bad)
    assert _iscg.iscg_stats_count(h) == 2  # nothing added by a refused call


def test_stat4_masked_int64_columns_are_read_without_writing_them():
    women = numpy.array([1, 2, 3, 4], dtype=numpy.int64)
    s = iscg.Stats.from_columns(post=["a", "b", "a", "b"], year=2022, month=[1, 1, 2, 2], granularity="MONTH",
                                women=numpy.ma.array(women, mask=[False, True, False, True]))
    assert [r.women for r in s] == [1, None, 3, None]
    assert women.tolist() == [1, 2, 3, 4]  # the caller's values, not ISCG_UNKNOWN where masked


def test_stat1_columns_without_numpy(monkeypatch):
    """Lists, array.array and memoryviews need no numpy: the same records
    as numpy's columns give."""
    records = random_records(400, seed=7)
    cols = columns_of(records)
    want = [r.record() for r in iscg.Stats.from_columns(**as_numpy(cols))]
    plain = {name: array("q", [UNKNOWN if v is None else v for v in value])
             if name in ("women", "men", "referrals") else value for name, value in cols.items()}
    monkeypatch.delitem(sys.modules, "numpy")
    monkeypatch.setattr(sys, "path", [])  # and none is imported meanwhile
    assert [r.record() for r in iscg.Stats.from_columns(**plain)] == want
    assert "numpy" not in sys.modules


@pytest.mark.skipif(pandas is None, reason="pandas is not installed")
def test_stat2_nullable_float_counts_are_refused_not_cut():
    """A pandas Float64 column is refused as a numpy float column is: 1.5
    women is never stored as 1 (STAT-2)."""
    given = dict(post=["a", "b"], year=2022, month=1, granularity="MONTH")
    for women in (pandas.array([1.5, None], dtype="Float64"), pandas.array([1.0, 2.0], dtype="Float64"),
                  numpy.array([1.5, 2.0])):
        with pytest.raises(TypeError, match="women: a column of integers is expected.*counts are never floats"):
            iscg.Stats.from_columns(**given, women=women)
    s = iscg.Stats.from_columns(**given, women=pandas.array([1, None], dtype="Int64"))
    assert [r.women for r in s] == [1, None]
