# SPDX-License-Identifier: Apache-2.0
"""The column path of the activity statistics (Stats.from_columns(),
add_columns(): iscg_stats_add_columns() in the library) against the plain
path, iscg_stats_add() record by record (STAT-1, STAT-2, STAT-4): the same
store, the same sums, and on a bad value the same exception, the same
sentence after "record <index>: " and nothing kept. Whatever form the
columns take (numpy int64 used in place, narrower or masked arrays copied,
lists), the records are the same."""

import copy

import pytest

import _iscg
import iscg
from test_bulk import as_numpy, by_record, columns_of, random_records

numpy = pytest.importorskip("numpy")

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


def forms(cols):
    """The same columns as lists, as numpy arrays (int64 used in place), as
    int32 arrays with unknown values masked (copied)."""
    yield "lists", cols
    as_np = as_numpy(cols)
    yield "numpy", as_np
    narrow = {}
    for name, value in as_np.items():
        if isinstance(value, tuple) or value.dtype == bool:
            narrow[name] = value
        else:
            unknown = value == UNKNOWN
            narrow[name] = numpy.ma.array(numpy.where(unknown, 0, value).astype(numpy.int32), mask=unknown)
    yield "masked int32", narrow


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
