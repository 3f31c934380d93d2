# SPDX-License-Identifier: Apache-2.0
"""The bulk path of the activity statistics: records read from columns in
one call (iscg.Stats), tables written out as columns in one call
(StatsTable.to_columns(), to_dataframe()). Each result is checked against
the record-by-record path, which goes through the library one dict at a
time."""

import gc
import json
import os
import random
import subprocess
import sys
import tracemalloc
from array import array

import pytest

import _iscg
import iscg
from iscg._tables import Table

numpy = pytest.importorskip("numpy")

UNKNOWN = _iscg.ISCG_ACTIVITY_UNKNOWN
MONTH = _iscg.ISCG_PERIOD_MONTH  # a granularity as the int a column holds (0 is none)
COUNTS = ("women", "men", "children", "referrals", "interviews", "interviews_physical", "interviews_telephone",
          "interviews_partners", "epci", "communes", "population", "vif_basis_points")
PER = {"MONTH": 1, "QUARTER": 3, "HALF_YEAR": 6, "YEAR": 12}


# ---- data ------------------------------------------------------------------


def columns_of(records):
    """The columns of ActivityRecords (or dicts of the low-level layer), as
    Python lists: names as str, unknown figures as None."""
    records = [r.record() if isinstance(r, iscg.ActivityRecord) else r for r in records]
    cols = {name: [r[name] for r in records] for name in ("post", "site", "territory", "note") + COUNTS}
    cols["year"] = [r["start"].year for r in records]
    cols["month"] = [r["start"].month for r in records]
    cols["granularity"] = [int(iscg.Granularity.parse(r["granularity"])) for r in records]
    cols["not_reported"] = [bool(r["not_reported"]) for r in records]
    cols["carrier"] = [int(iscg.ActivityCarrier.parse(r["carrier"])) for r in records]
    cols["force"] = [int(iscg.ActivityForce.parse(r["force"])) for r in records]
    return cols


def random_records(n, seed=2023, posts=120):
    """Up to `n` valid monthly or quarterly records as low-level dicts (with
    "start" and "granularity" names for columns_of()), some unknown
    figures and some posts not reporting."""
    rng = random.Random(seed)
    names = ["isc-%03d" % i for i in range(posts)]
    slots = [(p, y, m) for p in names for y in (2021, 2022, 2023) for m in range(1, 13)]
    records = []
    for post, year, month in rng.sample(slots, n):
        quarterly = post.endswith("7") and month % 3 == 1  # a few quarters, no overlap with their months
        if post.endswith("7") and month % 3 != 1:
            continue
        g = "QUARTER" if quarterly else "MONTH"
        end_month = month + PER[g] - 1
        end = numpy.datetime64("%04d-%02d" % (year, end_month)) + numpy.timedelta64(1, "M")
        period = (numpy.datetime64("%04d-%02d-01" % (year, month)).item(),
                  (end.astype("datetime64[D]") - numpy.timedelta64(1, "D")).item())
        r = {"post": post, "site": rng.choice([None, None, "Commissariat", "Gendarmerie"]),
             "granularity": g, "start": period[0], "period": period,
             "not_reported": rng.random() < 0.05, "territory": rng.choice([None, "Artois", "Littoral"]),
             "note": None, "carrier": rng.choice(["DEPARTEMENT", "EPCI", "ASSOCIATION", "UNSPECIFIED"]),
             "force": rng.choice(["POLICE", "GENDARMERIE", "BOTH", "UNSPECIFIED"])}
        women, men, children = rng.randrange(60), rng.randrange(20), rng.randrange(15)
        physical, telephone = rng.randrange(80), rng.randrange(80)
        figures = {"women": women, "men": men, "children": children, "referrals": women + men + children,
                   "interviews": physical + telephone, "interviews_physical": physical,
                   "interviews_telephone": telephone, "interviews_partners": rng.randrange(physical + telephone + 1),
                   "vif_basis_points": rng.randrange(10001)}
        for name in figures:
            if r["not_reported"] or rng.random() < 0.1:
                figures[name] = None
        r.update(figures)
        r.update(epci=rng.randrange(1, 4), communes=rng.randrange(5, 90),
                 population=None if rng.random() < 0.2 else rng.randrange(5000, 200000))
        records.append(r)
    return records


def by_record(records):
    """The record-by-record path: one call of the library per record."""
    s = iscg.Stats()
    for r in records:
        d = {k: v for k, v in r.items() if k not in ("start",)}
        d["granularity"] = int(iscg.Granularity.parse(d["granularity"]))
        d["carrier"] = int(iscg.ActivityCarrier.parse(d["carrier"]))
        d["force"] = int(iscg.ActivityForce.parse(d["force"]))
        _iscg.iscg_stats_add(s._h, d)
    return s


def as_numpy(cols):
    """The columns as numpy arrays: counts int64 with ISCG_ACTIVITY_UNKNOWN,
    names as (codes, names) pairs."""
    out = {}
    for name, values in cols.items():
        if name in ("post", "site", "territory", "note"):
            names = sorted({v for v in values if v is not None})
            index = {v: i for i, v in enumerate(names)}
            out[name] = (numpy.array([-1 if v is None else index[v] for v in values], dtype=numpy.int32), names)
        elif name == "not_reported":
            out[name] = numpy.array(values, dtype=bool)
        else:
            out[name] = numpy.array([UNKNOWN if v is None else v for v in values], dtype=numpy.int64)
    return out


def tables_equal(a, b, groupings=("ALL", "POST", "CARRIER", "FORCE", "TERRITORY"), pers=("YEAR",)):
    for by in groupings:
        for per in pers:
            ta, tb = a.aggregate(rounding="HALF_UP", by=by, per=per), b.aggregate(rounding="HALF_UP", by=by, per=per)
            assert ta.to_records() == tb.to_records(), (by, per)
            assert len(ta) > 0


# ---- columns against records -----------------------------------------------


def test_embedded_dataset_from_columns_matches_the_dataset(ds):
    cols = columns_of(ds.activity)
    for given in (cols, as_numpy(cols)):
        s = iscg.Stats.from_columns(**given)
        assert len(s) == 13
        assert [r.record() for r in s] == ds.activity.to_records()
        for by in iscg.GroupBy:
            assert s.aggregate(rounding="HALF_UP", by=by).to_records() == \
                ds.stats(rounding="HALF_UP", by=by).to_records()
    total = iscg.stats(iscg.Stats.from_columns(**cols), by="ALL", rounding="HALF_UP").total(2022)
    assert (total.referrals, total.vif.scaled) == (2731, 6403)


def test_from_dataset_copies_the_records(ds):
    s = iscg.Stats.from_dataset(ds)
    assert len(s) == 13 and repr(s) == "<Stats: 13 activity records>"
    assert s[-1].record() == ds.activity[-1].record()
    with pytest.raises(IndexError):
        s[13]
    tables_equal(s, iscg.Stats.from_columns(**columns_of(ds.activity)))


def test_random_records_match_the_record_by_record_path():
    records = random_records(3000)
    expected = by_record(records)
    cols = columns_of(records)
    for given in (cols, as_numpy(cols)):
        s = iscg.Stats.from_columns(**given)
        assert [r.record() for r in s] == [r.record() for r in expected]
        tables_equal(s, expected, pers=("QUARTER", "YEAR"))
    monthly = [r for r in records if r["granularity"] == "MONTH"]
    tables_equal(iscg.Stats.from_columns(**as_numpy(columns_of(monthly))), by_record(monthly), pers=("MONTH",))


def test_add_columns_in_chunks_gives_the_same_collection():
    records = random_records(1000, seed=7)
    n = len(records)
    cols = as_numpy(columns_of(records))
    s = iscg.Stats()
    for lo in range(0, n, 300):
        chunk = {k: (v[0][lo:lo + 300], v[1]) if isinstance(v, tuple) else v[lo:lo + 300] for k, v in cols.items()}
        assert s.add_columns(**chunk) == min(300, n - lo)
    assert len(s) == n > 900
    tables_equal(s, by_record(records), groupings=("POST",))


# ---- the forms a column may take ---------------------------------------------


def base(n=4):
    return {"post": ["a", "b", "a", "b"][:n], "year": [2022] * n, "month": [1, 1, 2, 2][:n], "granularity": "MONTH"}


@pytest.mark.parametrize("make", [
    lambda v: v,
    lambda v: array("q", v),
    lambda v: memoryview(array("q", v)),
    lambda v: numpy.array(v, dtype=numpy.int64),
    lambda v: numpy.array(v, dtype=numpy.int32),
    lambda v: numpy.array(v, dtype=numpy.uint16),
    lambda v: numpy.repeat(numpy.array(v, dtype=numpy.int64), 2)[::2],  # strided
    lambda v: tuple(v),
])
def test_integer_columns_of_every_kind(make):
    s = iscg.Stats.from_columns(**dict(base(), women=make([1, 2, 3, 4]), year=make([2022] * 4)))
    assert [r.women for r in s] == [1, 2, 3, 4]


def test_unknown_values_are_masked_sentinels_or_none():
    assert iscg.Stats.UNKNOWN == UNKNOWN == -2 ** 63
    expected = [1, None, 3, None]
    forms = [
        [1, None, 3, None],
        array("q", [1, UNKNOWN, 3, UNKNOWN]),
        numpy.array([1, UNKNOWN, 3, UNKNOWN]),
        numpy.ma.masked_array([1, 99, 3, -5], mask=[False, True, False, True]),
    ]
    pandas = pytest.importorskip("pandas")
    forms.append(pandas.array([1, None, 3, None], dtype="Int64"))
    forms.append(pandas.Series([1, None, 3, None], dtype="Int64"))
    for women in forms:
        s = iscg.Stats.from_columns(**base(), women=women)
        assert [r.women for r in s] == expected, women
        assert s.aggregate(rounding="DOWN", by="ALL").total(2022).counts[iscg.ActivityField.WOMEN] == (4, 2, 2)


def test_names_as_codes_categoricals_sequences_or_one_str():
    pandas = pytest.importorskip("pandas")
    want = ["x", "y", "x", "y"]
    forms = [(numpy.array([0, 1, 0, 1], dtype=numpy.int8), ["x", "y"]), ([0, 1, 0, 1], ("x", "y")),
             numpy.array(want, dtype=object), pandas.Series(want), pandas.Series(want, dtype="category"),
             pandas.Categorical(want), want]
    for post in forms:
        assert [r.post for r in iscg.Stats.from_columns(**dict(base(), post=post))] == want
    s = iscg.Stats.from_columns(**base(), site="Commissariat", territory=(numpy.array([-1, 0, 0, -1]), ["Artois"]))
    assert [(r.site, r.territory) for r in s] == [("Commissariat", None), ("Commissariat", "Artois"),
                                                   ("Commissariat", "Artois"), ("Commissariat", None)]


def test_start_as_datetime64_equals_year_and_month():
    records = random_records(500, seed=3)
    cols = as_numpy(columns_of(records))
    start = (cols.pop("year") - 1970) * 12 + cols.pop("month") - 1
    for unit in ("M", "D"):
        dates = start.astype("datetime64[M]").astype("datetime64[%s]" % unit)
        s = iscg.Stats.from_columns(start=dates, **cols)
        assert [r.record() for r in s] == [r.record() for r in by_record(records)]
    with pytest.raises(iscg.DateError, match="record 1: start"):
        iscg.Stats.from_columns(post=["a", "a"], granularity="MONTH",
                                start=numpy.array(["2022-01-01", "2022-02-03"], dtype="datetime64[D]"))


def test_scalars_for_every_record():
    s = iscg.Stats.from_columns(**dict(base(), granularity=iscg.Granularity.MONTH), carrier="EPCI", force=2,
                                not_reported=True, epci=1)
    assert {(r.carrier, r.force, r.not_reported, r.epci) for r in s} == {
        (iscg.ActivityCarrier.EPCI, iscg.ActivityForce.GENDARMERIE, True, 1)}


# ---- errors ---------------------------------------------------------------------


def test_columns_of_different_lengths():
    with pytest.raises(iscg.InvalidInput, match="women has 3 values, but post has 4"):
        iscg.Stats.from_columns(**base(), women=[1, 2, 3])
    # the C layer, which reads the buffers the package gives it, checks their lengths too
    with pytest.raises(TypeError, match="women: a one-dimensional buffer of native int64 as long as the others"):
        _iscg.stats_add_columns(iscg.Stats()._h, {"post": (array("q", [0] * 4), ("a",)), "year": 2022, "month": 1,
                                                  "granularity": MONTH, "women": array("q", [1, 2, 3])})


@pytest.mark.parametrize("women, message", [
    (numpy.array([1.0, 2.0, 3.0, 4.0]), "never floats"),
    (numpy.array([True, False, True, False]), "integers"),
    (numpy.zeros((2, 2), dtype=numpy.int64), "one-dimensional"),
    ("1234", "integers"),
    (b"\x01\x02\x03\x04", "integers"),
    (12.5, "int"),
    (True, "bool"),
])
def test_wrong_types(women, message):
    with pytest.raises(TypeError, match=message):
        iscg.Stats.from_columns(**base(), women=women)


def test_a_bad_value_names_its_record():
    women = numpy.array([1, 2, -3, 4])
    with pytest.raises(iscg.InvalidInput) as e:
        iscg.Stats.from_columns(**base(), women=women)
    assert e.value.index == 2 and str(e.value).startswith("record 2: ") and e.value.code == iscg.Status.EINVAL
    with pytest.raises(iscg.TotalError, match="record 1: ") as e:
        iscg.Stats.from_columns(**base(), women=[1, 2, 3, 4], referrals=[1, 1, 3, 4])
    assert e.value.index == 1
    with pytest.raises(iscg.RangeError, match="record 3: ") as e:
        iscg.Stats.from_columns(**base(), vif_basis_points=[0, 10000, 5000, 10001])
    with pytest.raises(iscg.DateError, match="record 0: "):
        iscg.Stats.from_columns(**dict(base(), month=[13, 1, 2, 2]))
    with pytest.raises(iscg.DateError, match="record 2: "):  # a quarter starts in January, April...
        iscg.Stats.from_columns(post=["a", "a", "a"], year=2022, month=[1, 4, 8], granularity="QUARTER")
    with pytest.raises(iscg.DuplicateError, match="record 2: ") as e:
        iscg.Stats.from_columns(post=["a", "b", "a"], year=2022, month=[1, 1, 1], granularity="MONTH")
    with pytest.raises(iscg.InvalidInput, match="record 1: .*not_reported is 2, not 0 or 1"):
        iscg.Stats.from_columns(**base(), not_reported=[0, 2, 0, 0])
    with pytest.raises(iscg.InvalidInput, match="record 3: "):
        iscg.Stats.from_columns(**base(), carrier=[0, 1, 2, 9])
    with pytest.raises(iscg.InvalidInput, match=r"record 1: women: an int or None is expected, not str"):
        iscg.Stats.from_columns(**base(), women=[1, "2", 3, 4])
    with pytest.raises(iscg.OverflowError, match="record 1: women"):
        iscg.Stats.from_columns(**base(), women=numpy.array([1, 2 ** 63, 3, 4], dtype=numpy.uint64))


def test_unknown_post_code():
    with pytest.raises(iscg.InvalidInput, match=r"record 2: post: code 2 is not one of the 2 names") as e:
        iscg.Stats.from_columns(**dict(base(), post=(numpy.array([0, 1, 2, 0]), ["a", "b"])))
    assert e.value.index == 2
    with pytest.raises(iscg.InvalidInput, match="record 1: post: code -2"):
        iscg.Stats.from_columns(**dict(base(), post=(numpy.array([0, -2, 1, 1]), ["a", "b"])))
    with pytest.raises(iscg.InvalidInput, match="record 0: .*post"):  # -1 is no post, which a record needs
        iscg.Stats.from_columns(**dict(base(), post=(numpy.array([-1, 0, 1, 1]), ["a", "b"])))
    with pytest.raises(TypeError, match="name 1 is None"):
        iscg.Stats.from_columns(**dict(base(), post=(numpy.array([0, 1, 0, 1]), ["a", None])))


def test_missing_and_misspelt_columns():
    with pytest.raises(TypeError):
        iscg.Stats.from_columns(post=["a"], year=[2022], month=[1])  # no granularity
    with pytest.raises(TypeError, match="year and month"):
        iscg.Stats.from_columns(post=["a"], granularity="MONTH")
    with pytest.raises(TypeError):
        iscg.Stats.from_columns(**base(), woman=[1, 2, 3, 4])
    with pytest.raises(TypeError, match="no column"):
        iscg.Stats.from_columns(post=(0, ["a"]), year=2022, month=1, granularity=MONTH)
    with pytest.raises(TypeError, match="no column"):
        _iscg.stats_add_columns(iscg.Stats()._h, {"post": (0, ("a",)), "year": 2022, "month": 1, "granularity": MONTH})
    with pytest.raises(TypeError, match="'woman'"):
        iscg.Stats.from_columns(post=["a"], year=2022, month=1, granularity=MONTH, woman=1)
    with pytest.raises(TypeError, match="the column post is required"):
        iscg.Stats.from_columns(post=None, year=2022, month=1, granularity=MONTH)
    with pytest.raises(TypeError):  # a dataset's records are not added to
        _iscg.stats_add_columns(iscg.load()._handle, {"post": (array("q", [0]), ("a",)), "year": 2022, "month": 1,
                                                      "granularity": MONTH})


def test_add_columns_is_all_or_nothing(ds):
    s = iscg.Stats.from_dataset(ds)
    before = [r.record() for r in s]
    with pytest.raises(iscg.DuplicateError) as e:  # the third record overlaps isc-bethune's 2022
        s.add_columns(post=["new-1", "new-2", "isc-bethune"], year=2022, month=[1, 1, 3], granularity="MONTH")
    assert e.value.index == 2
    assert [r.record() for r in s] == before
    assert s.add_columns(post=["new-1", "new-2"], year=2022, month=1, granularity="MONTH") == 2
    assert len(s) == 15


# ---- tables as columns ---------------------------------------------------------------


def test_to_columns(ds):
    table = ds.stats(rounding="HALF_UP", by="CARRIER")
    cols = table.to_columns()
    assert list(cols["group"]) == ["DEPARTEMENT", "EPCI", "ASSOCIATION", "total"]
    assert cols["is_total"].dtype == bool and list(cols["is_total"]) == [False, False, False, True]
    assert list(cols["period"]) == ["2022"] * 4
    assert cols["start"].dtype == numpy.dtype("datetime64[D]") and str(cols["start"][0]) == "2022-01-01"
    assert str(cols["end"][3]) == "2022-12-31"
    for i, row in enumerate(table):
        assert cols["records"][i] == row.records and cols["gaps"][i] == len(row.gaps)
        for field, count in row.counts.items():
            assert (cols[field.label][i], cols[field.label + "_known"][i], cols[field.label + "_missing"][i]) == \
                (count.value or 0, count.known, count.missing)
        for name in ("vif", "vif_plain_mean", "interviews_per_referral", "referrals_per_thousand", "share"):
            m = getattr(row, name)
            assert bool(cols[name + "_defined"][i]) == m.defined
            assert (cols[name + "_scaled"][i], cols[name + "_scale"][i], cols[name + "_weight"][i]) == \
                (m.scaled, m.scale, m.weight)
            assert (cols[name + "_num"][i], cols[name + "_den"][i]) == (m.exact.numerator, m.exact.denominator)
            assert (cols[name + "_used"][i], cols[name + "_excluded"][i]) == (m.used, m.excluded)
    assert all(v.dtype == numpy.int64 for k, v in cols.items() if k not in ("group", "period", "start", "end")
               and not k.endswith("_defined") and k != "is_total")
    assert list(table.to_columns(["referrals", "group"])) == ["group", "referrals"]
    with pytest.raises(KeyError):
        table.to_columns(["referral"])


def test_to_columns_without_numpy(ds, monkeypatch):
    monkeypatch.setattr(iscg._stats, "_numpy", lambda: None)
    cols = ds.stats(rounding="HALF_UP", by="ALL").to_columns()
    assert isinstance(cols["referrals"], array) and cols["referrals"].typecode == "q"
    assert list(cols["referrals"]) == [2731] and list(cols["is_total"]) == [1]
    assert cols["group"] == ["total"] and cols["start"][0].isoformat() == "2022-01-01"


def test_to_columns_shares_the_names():
    s = iscg.Stats.from_columns(**as_numpy(columns_of(random_records(2000, seed=5))))
    cols = s.aggregate(rounding="HALF_UP", per="QUARTER").to_columns(["group", "period"])
    assert len({id(g) for g in cols["group"]}) == len(set(cols["group"]))
    assert len({id(p) for p in cols["period"]}) == len(set(cols["period"]))


def test_to_dataframe_is_the_records_dataframe(ds):
    pandas = pytest.importorskip("pandas")
    tables = [ds.stats(rounding="HALF_UP", by=by) for by in iscg.GroupBy]
    s = iscg.Stats.from_columns(**as_numpy(columns_of(random_records(1500, seed=11))))
    tables += [s.aggregate(rounding="HALF_EVEN", by=by, per=per) for by in ("POST", "TERRITORY")
               for per in ("QUARTER", "YEAR")]
    for table in tables:
        fast, slow = table.to_dataframe(), Table.to_dataframe(table)  # the latter through to_records()
        assert list(fast.columns) == list(slow.columns)
        for name in fast.columns:
            if str(slow[name].dtype) == "object" and str(fast[name].dtype) == "Int64":
                assert slow[name].isna().all() and fast[name].isna().all()  # a column with no value at all
            else:
                pandas.testing.assert_series_equal(fast[name], slow[name], obj=name)


def test_pandas_groupby_agrees_with_the_table():
    pandas = pytest.importorskip("pandas")
    rng = numpy.random.default_rng(1)
    posts, months = 300, 36
    n = posts * months
    women, men, children = (rng.integers(0, 50, n) for _ in range(3))
    df = pandas.DataFrame({"post": numpy.repeat(numpy.arange(posts), months),
                           "year": 2021 + numpy.tile(numpy.arange(months), posts) // 12,
                           "month": numpy.tile(numpy.arange(months), posts) % 12 + 1,
                           "women": women, "men": men, "children": children, "referrals": women + men + children})
    names = ["post-%d" % i for i in range(posts)]
    s = iscg.Stats.from_columns(post=(df["post"], names), year=df["year"], month=df["month"], granularity="MONTH",
                                women=df["women"], men=df["men"], children=df["children"],
                                referrals=df["referrals"])
    assert len(s) == n
    table = s.aggregate(rounding="HALF_UP", by="POST", per="YEAR").to_dataframe()
    rows = table[~table.is_total]
    expected = df.groupby(["post", "year"])[["women", "men", "children", "referrals"]].sum()
    got = rows.assign(post=rows.group.map({name: i for i, name in enumerate(names)}),
                      year=[d.year for d in rows.start]).set_index(["post", "year"]).sort_index()
    for name in expected.columns:
        assert (got[name].astype("int64").to_numpy() == expected[name].to_numpy()).all(), name
    totals = table[table.is_total].set_index("period")
    by_year = df.groupby("year")["referrals"].sum()
    assert [int(totals.loc[str(y), "referrals"]) for y in by_year.index] == list(by_year)


# ---- plain sums -------------------------------------------------------------------------


def test_sums_of_the_dataset(ds):
    """STAT-3, STAT-4: the annex 1 totals as plain sums."""
    (total,) = iscg.sums(ds, by="ALL")
    assert (total.group, total.label, total.records, total.not_reported) == ("total", "2022", 13, 2)
    assert (total.women, total.referrals, total.interviews, total.epci) == (1804, 2731, 4932, 20)
    assert total.counts[iscg.ActivityField.REFERRALS] == iscg.Count(2731, 11, 2)
    by_post = ds.sums(by="POST")
    assert len(by_post) == 12 and by_post[-1].group == "iscg-montreuillois"
    boulogne = by_post[1]
    assert boulogne.not_reported == 1 and boulogne.referrals is None  # unknown, not 0
    assert boulogne.counts[iscg.ActivityField.REFERRALS] == iscg.Count(None, 0, 1)
    assert "StatsSums 'sums by post': 12 rows" in repr(by_post)
    with pytest.raises(IndexError):
        by_post[12]
    with pytest.raises(iscg.DateError, match="a year record cannot be counted by quarter"):
        ds.sums(per="QUARTER")
    with pytest.raises(ValueError):
        ds.sums(by="COUNTY")


@pytest.mark.parametrize("by", ["ALL", "POST", "CARRIER", "FORCE", "TERRITORY"])
@pytest.mark.parametrize("per", ["QUARTER", "HALF_YEAR", "YEAR"])
def test_sums_are_the_table_counts(by, per):
    s = iscg.Stats.from_columns(**as_numpy(columns_of(random_records(3000, seed=17))))
    table = s.aggregate(rounding="HALF_UP", by=by, per=per)
    sums = s.sums(by=by, per=per)
    rows = [r for r in table if by == "ALL" or not r.is_total]
    assert len(sums) == len(rows)
    found = {(r.group, r.period): r for r in sums}
    for row in rows:
        got = found[(row.group, row.period)]
        assert (got.records, got.not_reported, got.counts) == (row.records, row.not_reported, row.counts)
    cols = sums.to_columns()
    assert list(cols)[:6] == ["group", "period", "start", "end", "records", "not_reported"]
    for i, row in enumerate(sums):
        assert (cols["group"][i], cols["period"][i], cols["records"][i]) == (row.group, row.label, row.records)
        for field, count in row.counts.items():
            assert (cols[field.label][i], cols[field.label + "_known"][i], cols[field.label + "_missing"][i]) == \
                (count.value or 0, count.known, count.missing)
    assert list(sums.to_columns(["referrals", "group"])) == ["group", "referrals"]
    with pytest.raises(KeyError, match="sums of activity statistics has no column 'gaps'"):
        sums.to_columns(["gaps"])


def test_sums_agree_with_pandas_groupby():
    pandas = pytest.importorskip("pandas")
    rng = numpy.random.default_rng(7)
    posts, months = 200, 30
    n = posts * months
    women, men, children = (rng.integers(0, 50, n) for _ in range(3))
    df = pandas.DataFrame({"post": numpy.repeat(numpy.arange(posts), months),
                           "year": 2021 + numpy.tile(numpy.arange(months), posts) // 12,
                           "month": numpy.tile(numpy.arange(months), posts) % 12 + 1,
                           "women": women, "men": men, "children": children})
    names = ["post-%d" % i for i in range(posts)]
    s = iscg.Stats.from_columns(post=(df["post"], names), year=df["year"], month=df["month"], granularity="MONTH",
                                women=df["women"], men=df["men"], children=df["children"])
    got = s.sums(by="POST", per="YEAR").to_dataframe()
    expected = df.groupby(["post", "year"])[["women", "men", "children"]].sum()
    assert len(got) == len(expected)
    got = got.assign(post=got.group.map({name: i for i, name in enumerate(names)}),
                     year=[d.year for d in got.start]).set_index(["post", "year"])
    assert list(got.index) == list(expected.index)  # posts in their order, years within a post
    for name in ("women", "men", "children"):
        assert (got[name].astype("int64").to_numpy() == expected[name].to_numpy()).all(), name
    assert (got["referrals"].astype("int64").to_numpy() == expected.sum(axis=1).to_numpy()).all()
    assert got["interviews"].isna().all()  # never given: unknown, not 0


def test_columns_of_many_groups():
    """to_columns() writes its columns block by block and finds each group's
    name again by its pointer: 1 503 posts (more names than its first table
    holds) over 14 months, so 3 006 rows by post and year (not a whole number
    of blocks), each column equal to the rows read one by one."""
    posts, months = 1503, 14
    names = ["post-%d" % i for i in range(posts)]
    post = numpy.repeat(numpy.arange(posts), months)
    month = numpy.tile(numpy.arange(months), posts)
    s = iscg.Stats.from_columns(post=(post, names), year=2021 + month // 12, month=month % 12 + 1,
                                granularity="MONTH", women=post % 7, men=month, children=post % 3)
    for result in (s.sums(by="POST", per="YEAR"), s.aggregate(rounding="HALF_UP", by="POST", per="YEAR")):
        cols = result.to_columns()
        rows = list(result)
        assert len(cols["group"]) == len(rows) == 3006 + (2 if isinstance(result, iscg.StatsTable) else 0)
        assert list(cols["group"]) == [r.group for r in rows]
        assert list(cols["period"]) == [r.label for r in rows]
        assert list(cols["records"]) == [r.records for r in rows]
        assert list(cols["referrals"]) == [r.referrals for r in rows]
        assert [str(d) for d in cols["end"]] == [r.period.end.isoformat() for r in rows]
        assert len({id(g) for g in cols["group"]}) == len(set(cols["group"])) == posts + (
            1 if isinstance(result, iscg.StatsTable) else 0)


def test_sums_without_numpy(ds, monkeypatch):
    monkeypatch.setattr(iscg._stats, "_numpy", lambda: None)
    cols = iscg.sums(ds, by="ALL").to_columns()
    assert isinstance(cols["referrals"], array) and list(cols["referrals"]) == [2731]
    assert cols["group"] == ["total"] and cols["start"][0].isoformat() == "2022-01-01"


# ---- no leak -----------------------------------------------------------------------------


def workload(rounds):
    cols = as_numpy(columns_of(random_records(300, seed=13)))
    bad = dict(cols, women=cols["women"].copy())
    bad["women"][150] = -1
    for i in range(rounds):
        s = iscg.Stats.from_columns(**cols)
        t = s.aggregate(rounding="HALF_UP", by="POST", per="QUARTER")
        t.to_columns()
        s.sums(by="CARRIER", per="QUARTER").to_columns()
        if i % 10 == 0:
            t.to_dataframe()
        try:
            iscg.Stats().add_columns(**bad)  # 150 records added, then refused and rolled back
        except iscg.InvalidInput:
            pass
        try:
            iscg.Stats.from_columns(**dict(cols, post=(cols["post"][0] + 1000, cols["post"][1])))
        except iscg.InvalidInput:
            pass
        iscg.Stats.from_columns(post=["a"] * 3, year=[2022] * 3, month=array("q", [1, 2, 3]), granularity=MONTH,
                                women=[1, None, 3], men=memoryview(array("q", [1, 2, 3])))


def main():
    """Measures the growth over 1 000 rounds after a warm-up; prints JSON."""
    with open("/proc/self/statm") as f:
        page = os.sysconf("SC_PAGE_SIZE")

        def rss():
            f.seek(0)
            return int(f.read().split()[1]) * page

        tracemalloc.start()
        workload(300)
        gc.collect()
        traced, before = tracemalloc.get_traced_memory()[0], rss()
        workload(1000)
        gc.collect()
        grew = {"traced": tracemalloc.get_traced_memory()[0] - traced, "rss": rss() - before}
    print(json.dumps(grew))


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc")
def test_no_leak_over_1000_rounds():
    result = subprocess.run([sys.executable, __file__], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    grew = json.loads(result.stdout.splitlines()[-1])
    print("\n1000 rounds of the bulk path: memory growth %s" % grew)
    # each round makes and drops some 400 KB (300 records, their table, a
    # DataFrame): a leak of any of them would be hundreds of megabytes
    assert grew["traced"] < 256 * 1024, grew
    assert grew["rss"] < 8 * 1024 * 1024, grew


if __name__ == "__main__":
    main()
