# SPDX-License-Identifier: Apache-2.0
"""Activity statistics (STAT-1..6, PRIV-1): the records of a dataset and
their aggregation into rows per group and period, with exact shares and
rates. Counts are int (None when nobody reported them); shares and rates
are exact fractions.Fraction, rounded for display by the named mode into
Decimal. Nothing is a float."""

import array
import datetime
import operator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple, Union

from . import _ingest, _iscg as _c

from ._dates import Period, PeriodLike, to_period
from ._enums import ActivityCarrier, ActivityField, ActivityForce, GapKind, Granularity, GroupBy, Rounding
from ._tables import Row, Table, import_pandas
from ._util import c_doc

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from ._dataset import Dataset

_COUNTS = [f for f in ActivityField if f != ActivityField.VIF]


def _printed(basis_points: int, decimals: int) -> Decimal:
    """A percentage in basis points as printed with `decimals` decimals."""
    return (Decimal(basis_points) / 100).quantize(Decimal(1).scaleb(-decimals))


class StatsCheck(NamedTuple):
    """A figure a document states about the activity, checked against the
    figure computed from the records (STAT-7): `kind` is "total" (the sum
    of `measure` over the reported records of `post`, or of every post, in
    `period`) or "share" (`count` of `of`, as a percentage rounded by
    `rounding` to the decimals it was printed with). `stated` and `computed`
    are ints for a total and Decimal percentages for a share; `computed` is
    None when a record lacks the figure or the series has none (STAT-4).
    `exact` is the exact ratio. Nothing is a float."""
    kind: str
    stated: Union[int, Decimal]
    computed: Union[int, Decimal, None]
    agrees: bool
    exact: Optional[Fraction]
    what: Optional[str]
    source: Optional[str]
    measure: Optional[ActivityField]
    post: Optional[str]
    granularity: Optional[Granularity]
    period: Optional[Period]
    count: Optional[int]
    of: Optional[int]
    rounding: Optional[Rounding]
    records: int
    unknown: int


def _check(d) -> StatsCheck:
    st = d["stated"]
    if st["kind"] == _c.ISCG_STATED_TOTAL:
        return StatsCheck("total", st["total"], d["computed"] if d["computable"] else None, bool(d["agrees"]),
                          d["exact"] if d["computable"] else None, st["what"], st["source"],
                          ActivityField(st["measure"]), st["post"], Granularity(st["granularity"]),
                          Period(st["from"], st["to"]), None, None, None, d["records"], d["unknown"])
    return StatsCheck("share", _printed(st["basis_points"], st["decimals"]),
                      _printed(d["computed"], st["decimals"]), bool(d["agrees"]), d["exact"], st["what"],
                      st["source"], None, None, None, None, st["count"], st["of"], Rounding(st["rounding"]), 0, 0)


def stats_checks(dataset: "Dataset") -> Tuple[StatsCheck, ...]:
    """The figures the dataset's file states about the activity (its
    "stated_totals" and "stated_shares"), each checked against the records
    (STAT-7): totals first, then shares, in the file's order. A disagreement
    is a check whose `agrees` is False, not an exception."""
    checks = _c.iscg_stats_checks_compute(dataset._handle)
    return tuple(_check(_c.iscg_stats_checks_row(checks, i)) for i in range(_c.iscg_stats_checks_count(checks)))


class Count(NamedTuple):
    """A summed figure: the sum of the known values (None when no record
    gave it), how many records gave it and how many did not (STAT-4)."""
    value: Optional[int]
    known: int
    missing: int


class Measure(NamedTuple):
    """A share or a rate (STAT-5, STAT-6): the exact ratio, and its value
    rounded at `scale` by the named mode (6403 at 10 000 is 64.03 %)."""
    defined: bool
    exact: Fraction
    scaled: int
    scale: int
    rounding: Rounding
    weight: int
    used: int
    excluded: int

    @classmethod
    def from_c(cls, d: Dict[str, Any]) -> "Measure":
        """The measure of the C layer's dict."""
        return cls(bool(d["defined"]), d["exact"], d["scaled"], d["scale"], Rounding(d["rounding"]), d["weight"],
                   d["used"], d["excluded"])

    @property
    def value(self) -> Optional[Decimal]:
        """The rounded value as a Decimal (0.6403 for 64.03 %), or None when undefined."""
        return _scaled_decimal(self.scaled, self.scale) if self.defined else None

    @property
    def percent(self) -> Optional[Decimal]:
        """The rounded value in percent as a Decimal (Decimal('64.03')), or None."""
        value = self.value
        return None if value is None else value.scaleb(2)

    def __str__(self):
        if not self.defined:
            return "n/a"
        return "%s %%" % self.percent if self.scale == _c.ISCG_STATS_BASIS_POINTS else str(self.value)


def _scaled_decimal(scaled, scale):
    """`scaled` / `scale` as an exact Decimal (6403 at 10 000 is 0.6403)."""
    digits = len(str(scale)) - 1
    if scale == 10 ** digits:
        return Decimal(scaled).scaleb(-digits)
    return Decimal(scaled) / Decimal(scale)


class Gap(NamedTuple):
    """Missing data that affects a row (STAT-4)."""
    kind: GapKind
    post: str
    site: Optional[str]
    period: Period
    fields: frozenset
    days_covered: int


def _gap(d):
    fields = frozenset(f for f in ActivityField if d["fields"] & (1 << int(f)))
    return Gap(GapKind(d["kind"]), d["post"], d["site"], Period(*d["period"]), fields, d["days_covered"])


@dataclass(frozen=True, repr=False)
class StatsRow(Row):
    """One group over one period, or a period's total (is_total): the
    summed counts, the VIF share weighted by referrals, the interviews per
    referral, the referrals per 1 000 inhabitants, the group's share of the
    period's referrals, and the gaps in the data."""
    columns = ("group", "is_total", "period", "start", "end", "records", "not_reported", "incomplete") + tuple(
        f.label for f in _COUNTS) + ("vif_percent", "vif_plain_mean_percent", "interviews_per_referral",
                                     "referrals_per_thousand", "share_percent", "gaps")
    group: str
    is_total: bool
    period: Period
    label: str
    records: int
    not_reported: int
    incomplete: int
    counts: dict
    vif: Measure
    vif_plain_mean: Measure
    interviews_per_referral: Measure
    referrals_per_thousand: Measure
    share: Measure
    gaps: Tuple[Gap, ...]

    @classmethod
    def from_c(cls, d: Dict[str, Any]) -> "StatsRow":
        """The row of the C layer's dict."""
        counts = {}
        for field, s in zip(_COUNTS, d["count"]):
            counts[field] = Count(s["value"] if s["known"] else None, s["known"], s["missing"])
        return cls(d["key"], bool(d["is_total"]), Period(*d["period"]), _c.iscg_stats_period_format(d["period"]),
                   d["records"], d["not_reported"], d["incomplete"], counts, Measure.from_c(d["vif"]),
                   Measure.from_c(d["vif_plain_mean"]), Measure.from_c(d["interviews_per_referral"]),
                   Measure.from_c(d["referrals_per_thousand"]), Measure.from_c(d["share"]),
                   tuple(_gap(g) for g in d["gaps"]))

    def __getattr__(self, name):
        # the counts by their library names: row.referrals, row.women...
        if name == "counts":
            raise AttributeError(name)
        for field in _COUNTS:
            if field.label == name:
                return self.counts[field].value
        raise AttributeError(name)

    def record(self) -> Dict[str, Any]:
        r = {"group": self.group, "is_total": self.is_total, "period": self.label, "start": self.period.start,
             "end": self.period.end, "records": self.records, "not_reported": self.not_reported,
             "incomplete": self.incomplete}
        for field in _COUNTS:
            r[field.label] = self.counts[field].value
        r.update(vif_percent=self.vif.percent, vif_plain_mean_percent=self.vif_plain_mean.percent,
                 interviews_per_referral=self.interviews_per_referral.value,
                 referrals_per_thousand=self.referrals_per_thousand.value, share_percent=self.share.percent,
                 gaps=len(self.gaps))
        return r

    def __repr__(self):
        return "<StatsRow %s %s: %s referrals, VIF %s>" % (self.group, self.label, self.referrals, self.vif)


def _period(value):
    return Period.year(value) if isinstance(value, int) and not isinstance(value, bool) else to_period(value)


_EPOCH = datetime.date(1970, 1, 1).toordinal()

# The measures of a row and the columns of StatsTable.to_dataframe() that
# show them: (measure, column, in percent).
_MEASURE_COLUMNS = (("vif", "vif_percent", True), ("vif_plain_mean", "vif_plain_mean_percent", True),
                    ("interviews_per_referral", "interviews_per_referral", False),
                    ("referrals_per_thousand", "referrals_per_thousand", False), ("share", "share_percent", True))


def _numpy():
    try:
        import numpy
    except ImportError:
        return None
    return numpy


def _lookup(numpy, values, make, where=None):
    """An object array holding make(v) for each of `values` (None where
    `where` is false), with one object per distinct value: the Python
    objects made are as many as the distinct values, not the rows."""
    out = numpy.full(len(values), None, dtype=object)
    chosen = values if where is None else values[where]
    if len(chosen):
        distinct, inverse = numpy.unique(chosen, return_inverse=True)
        objects = numpy.empty(len(distinct), dtype=object)
        objects[:] = [make(int(v)) for v in distinct]
        if where is None:
            out[:] = objects[inverse]
        else:
            out[where] = objects[inverse]
    return out


def _lookup_float(numpy, values, make, where):
    """A float64 array holding float(make(v)) for each of `values` where
    `where` is true, NaN elsewhere: the nearest float to each exact value,
    converted once per distinct value."""
    out = numpy.full(len(values), numpy.nan)
    chosen = values[where]
    if len(chosen):
        distinct, inverse = numpy.unique(chosen, return_inverse=True)
        out[where] = numpy.array([float(make(int(v))) for v in distinct], dtype="float64")[inverse]
    return out


def _names(numpy, column):
    """A column of names from the C layer's (codes, names): each row's code
    in a list of the distinct names; a numpy object array sharing the str
    objects, or without numpy a list."""
    codes, names = column
    if numpy is None:
        return [names[c] for c in codes]
    distinct = numpy.empty(len(names), dtype=object)
    distinct[:] = names
    return distinct[numpy.asarray(codes)]


def _columns_out(columns):
    """The columns of the C layer as to_columns() returns them: numpy arrays
    (dates as datetime64[D]) or, without numpy, array.array and lists."""
    numpy = _numpy()
    out = {}
    for name, column in columns.items():
        if isinstance(column, tuple):
            out[name] = _names(numpy, column)
        elif numpy is not None:
            values = numpy.asarray(column)
            out[name] = values.view("datetime64[D]") if name in ("start", "end") else values
        elif name in ("start", "end"):
            dates = {}
            out[name] = [dates.setdefault(d, datetime.date.fromordinal(d + _EPOCH)) for d in column]
        else:
            out[name] = array.array("B" if column.format == "?" else "q")
            out[name].frombytes(column.cast("B"))
    return out


class StatsTable(Table):
    """Activity aggregated per group and period; each period's rows end with
    its total row.

    The table keeps the library's result and makes a StatsRow only when one
    is read, so that a table of a million rows costs nothing until it is
    used; to_columns() and to_dataframe() read every row in one call."""

    row_type = StatsRow

    def __init__(self, handle: Any, title: str = "") -> None:  # pylint: disable=super-init-not-called
        self._handle = handle
        self._count = _c.iscg_stats_table_count(handle)
        self._all = None
        self.title = title

    @property
    def _rows(self):
        # every row, made on first use (to_records(), whole-table iteration)
        if self._all is None:
            self._all = tuple(self._row(i) for i in range(self._count))
        return self._all

    def _row(self, index):
        if self._all is not None:
            return self._all[index]
        return StatsRow.from_c(_c.iscg_stats_table_row(self._handle, index))

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: Union[int, slice]) -> Any:
        if isinstance(index, slice):
            return tuple(self._row(i) for i in range(*index.indices(self._count)))
        index = operator.index(index)
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError("table index out of range")
        return self._row(index)

    def __iter__(self) -> Iterator["StatsRow"]:
        return (self._row(i) for i in range(self._count))

    def __repr__(self):
        head = "<%s%s: %d row%s" % (type(self).__name__, " " + repr(self.title) if self.title else "", len(self),
                                    "" if len(self) == 1 else "s")
        shown = "".join("\n  %r" % row for row in self[:5])
        return head + shown + ("\n  ..." if len(self) > 5 else "") + ">"

    @c_doc("iscg_stats_table_find")
    def find(self, group: Optional[str], period: Union[PeriodLike, int]) -> Optional[StatsRow]:
        """The row of `group` (None for the total) over `period` (a Period,
        a (start, end) pair or a year), or None."""
        period = _period(period)
        row = _c.iscg_stats_table_find(self._handle, group, tuple(period))
        return None if row is None else StatsRow.from_c(row)

    def total(self, period: Union[PeriodLike, int]) -> Optional[StatsRow]:
        """The total row of `period` (a Period or a year), or None."""
        return self.find(None, period)

    def of_period(self, period: Union[PeriodLike, int], totals: bool = False) -> List[StatsRow]:
        """The rows of `period` (a Period or a year); the total row only
        when `totals` is true."""
        period = _period(period)
        start, end = (d.toordinal() - _EPOCH for d in period)
        c = _c.stats_table_columns(self._handle, ("is_total", "start", "end"))
        return [self._row(i) for i, (s, e, t) in enumerate(zip(c["start"], c["end"], c["is_total"]))
                if s == start and e == end and (totals or not t)]

    def to_columns(self, names: Optional[Iterable[str]] = None) -> Dict[str, Any]:
        """The rows as columns, read from the library in one call: a dict
        from each column's name to a numpy array (or, without numpy, an
        array.array of int64 'q' or bytes 'B' for bools, and lists of str
        and datetime.date), in the order of the rows.

        The columns, all exact integers:

        - group (str; "total" for a total row), is_total (bool), period
          (its name: "2022", "2022-Q3"), start and end (numpy datetime64[D]);
        - records, not_reported, incomplete, gaps (the number of gaps);
        - for each count (women, men, children, referrals, interviews,
          interviews_physical, interviews_telephone, interviews_partners,
          epci, communes, population): its sum over the known values, 0 when
          none is known, and NAME_known and NAME_missing, the records (posts
          for coverage figures) that gave it or not (STAT-4);
        - for each measure (vif, vif_plain_mean, interviews_per_referral,
          referrals_per_thousand, share): NAME_defined, NAME_scaled (the
          rounded value at NAME_scale: basis points for shares, hundredths
          for rates), NAME_num and NAME_den (the exact ratio in lowest
          terms), NAME_weight, NAME_used and NAME_excluded.

        `names` (a sequence of these names) reads only those columns. Only
        the names of groups and periods are Python objects, one per
        distinct name; numbers stay in arrays."""
        return _columns_out(_c.stats_table_columns(self._handle, None if names is None else list(names)))

    def to_dataframe(self) -> "pandas.DataFrame":
        """The rows as a pandas DataFrame (see Table.to_dataframe()), made
        from to_columns(): the same columns and types as Table.to_dataframe()
        makes of the records, counts in nullable Int64 columns (<NA> when no
        record gave them), shares and rates as float64 (NaN when undefined;
        to_records() and to_columns() keep them exact), dates as
        datetime64, with no Python object per row. Without pandas,
        ImportError."""
        pandas = import_pandas()
        import numpy
        c = _c.stats_table_columns(self._handle, None)
        n = self._count
        none = numpy.zeros(n, dtype=bool)

        def ints(values, unknown=none):
            return pandas.arrays.IntegerArray(numpy.asarray(values), unknown.copy())

        frame = {"group": pandas.Series(_names(numpy, c["group"]), dtype=object),
                 "is_total": numpy.asarray(c["is_total"]),
                 "period": pandas.Series(_names(numpy, c["period"]), dtype=object)}
        for name in ("start", "end"):
            frame[name] = pandas.Series(numpy.asarray(c[name], dtype="int64").astype("datetime64[D]"),
                                        dtype="datetime64[ns]")
        for name in ("records", "not_reported", "incomplete"):
            frame[name] = ints(c[name])
        for field in _COUNTS:
            frame[field.label] = ints(c[field.label], numpy.asarray(c[field.label + "_known"]) == 0)
        for measure, name, percent in _MEASURE_COLUMNS:
            defined = numpy.asarray(c[measure + "_defined"])
            scales = numpy.asarray(c[measure + "_scale"])[defined]
            scale = int(scales[0]) if len(scales) else 1
            if len(scales) and (scales != scale).any():  # never: one scale per measure
                raise AssertionError("%s: several scales in one table" % measure)

            def make(v, scale=scale, percent=percent):
                value = _scaled_decimal(v, scale)
                return value.scaleb(2) if percent else value

            frame[name] = _lookup_float(numpy, numpy.asarray(c[measure + "_scaled"]), make, defined)
        frame["gaps"] = ints(c["gaps"])
        return pandas.DataFrame(frame, columns=list(self.columns))


class SumsRow(NamedTuple):
    """One group over one period in plain sums: the counts of a StatsRow
    (each a Count: its value, None when no record gave it, and how many
    records, or posts for coverage figures, gave it or not)."""
    group: str
    period: Period
    label: str
    records: int
    not_reported: int
    counts: dict

    @classmethod
    def from_c(cls, d: Dict[str, Any]) -> "SumsRow":
        """The row of the C layer's dict."""
        counts = {}
        for field, s in zip(_COUNTS, d["count"]):
            counts[field] = Count(s["value"] if s["known"] else None, s["known"], s["missing"])
        return cls(d["key"], Period(*d["period"]), _c.iscg_stats_period_format(d["period"]), d["records"],
                   d["not_reported"], counts)

    def __getattr__(self, name):
        # the counts by their library names: row.referrals, row.women...
        for field in _COUNTS:
            if field.label == name:
                return self.counts[field].value
        raise AttributeError(name)


class StatsSums:
    """Plain sums of the activity records per group and period: the counts
    of a StatsTable's group rows without its shares, rates, gaps and total
    rows, computed in one pass (iscg_stats_sums_compute()). Rows come group
    by group, in the order of each group's first record, and by period
    within a group.

        >>> sums = iscg.Stats.from_dataset(ds).sums(by="POST", per="YEAR")
        >>> columns = sums.to_columns()   # numpy arrays, one per column
    """

    def __init__(self, handle: Any, title: str = "") -> None:
        self._handle = handle
        self._count = _c.iscg_stats_sums_count(handle)
        self.title = title

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: Union[int, slice]) -> Any:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self._count)))
        index = operator.index(index)
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError("sums index out of range")
        return SumsRow.from_c(_c.iscg_stats_sums_get(self._handle, index))

    def __iter__(self) -> Iterator["SumsRow"]:
        return (self[i] for i in range(self._count))

    def __repr__(self):
        return "<StatsSums%s: %d row%s>" % (" " + repr(self.title) if self.title else "", self._count,
                                           "" if self._count == 1 else "s")

    def to_columns(self, names: Optional[Iterable[str]] = None) -> Dict[str, Any]:
        """The rows as columns, read from the library in one call, the way
        StatsTable.to_columns() gives them: group and period (str), start and
        end (numpy datetime64[D]), records, not_reported, and for each count
        its sum over the known values (0 when none is known) with NAME_known
        and NAME_missing. `names` reads only those columns."""
        return _columns_out(_c.stats_sums_columns(self._handle, None if names is None else list(names)))

    def to_dataframe(self) -> "pandas.DataFrame":
        """The rows as a pandas DataFrame: group, period, start, end, records,
        not_reported and each count in a nullable Int64 column (<NA> when no
        record gave it). Without pandas, ImportError."""
        pandas = import_pandas()
        import numpy
        c = self.to_columns()
        frame = {"group": c["group"], "period": c["period"], "start": c["start"], "end": c["end"],
                 "records": c["records"], "not_reported": c["not_reported"]}
        for field in _COUNTS:
            frame[field.label] = pandas.arrays.IntegerArray(numpy.asarray(c[field.label]),
                                                            numpy.asarray(c[field.label + "_known"]) == 0)
        return pandas.DataFrame(frame)


@dataclass(frozen=True, repr=False)
class ActivityRecord(Row):
    """What one post reported for one period (STAT-1); None where a figure
    was not reported (STAT-4)."""
    columns = ("post", "site", "granularity", "start", "end", "not_reported") + tuple(f.label for f in _COUNTS) + (
        "vif_basis_points", "carrier", "force", "territory", "note")
    post: str
    site: Optional[str]
    granularity: Granularity
    period: Period
    not_reported: bool
    counts: dict
    vif_basis_points: Optional[int]
    carrier: ActivityCarrier
    force: ActivityForce
    territory: Optional[str]
    note: Optional[str]

    @classmethod
    def from_c(cls, d: Dict[str, Any]) -> "ActivityRecord":
        """The record of the C layer's dict."""
        counts = {f: d[f.label] for f in _COUNTS}
        return cls(d["post"], d["site"], Granularity(d["granularity"]), Period(*d["period"]), bool(d["not_reported"]),
                   counts, d["vif_basis_points"], ActivityCarrier(d["carrier"]), ActivityForce(d["force"]),
                   d["territory"], d["note"])

    @property
    def start(self) -> datetime.date:
        """The first day the record covers."""
        return self.period.start

    @property
    def end(self) -> datetime.date:
        """The last day the record covers."""
        return self.period.end

    def __getattr__(self, name):
        # the counts by their library names: record.referrals, record.women...
        if name == "counts":
            raise AttributeError(name)
        for field in _COUNTS:
            if field.label == name:
                return self.counts[field]
        raise AttributeError(name)

    def record(self) -> Dict[str, Any]:
        r = {"post": self.post, "site": self.site, "granularity": self.granularity.label,
             "start": self.period.start, "end": self.period.end, "not_reported": self.not_reported}
        r.update((f.label, self.counts[f]) for f in _COUNTS)
        r.update(vif_basis_points=self.vif_basis_points, carrier=self.carrier.label, force=self.force.label,
                 territory=self.territory, note=self.note)
        return r

    def __repr__(self):
        return "<ActivityRecord %s %s: %s>" % (self.post, self.period,
                                               "not reported" if self.not_reported else
                                               "%s referrals" % self.counts[ActivityField.REFERRALS])


class Activity(Table):
    """The activity records of a dataset, in order of addition."""
    row_type = ActivityRecord


def activity(dataset: "Dataset") -> "Activity":
    """The activity records of `dataset`."""
    h = dataset._handle
    return Activity([ActivityRecord.from_c(_c.iscg_stats_get(h, i)) for i in range(_c.iscg_stats_count(h))],
                    "activity")


def _aggregate(source, rounding, by, per):
    """The table of the records of `source` (a dataset's or a collection's handle)."""
    by = GroupBy.parse(by)
    handle = _c.iscg_stats_aggregate_ext(source, by, Granularity.parse(per), Rounding.parse(rounding))
    return StatsTable(handle, "activity by %s" % by.name.lower())


def _sums(source, by, per):
    """The plain sums of the records of `source` (a dataset's or a collection's handle)."""
    by = GroupBy.parse(by)
    handle = _c.iscg_stats_sums_compute_ext(source, by, Granularity.parse(per))
    return StatsSums(handle, "sums by %s" % by.name.lower())


@c_doc("iscg_stats_sums_compute")
def sums(dataset: "Dataset", *, by: Union[GroupBy, str] = GroupBy.POST,
         per: Union[Granularity, str] = Granularity.YEAR) -> "StatsSums":
    """Sums the activity records of `dataset` per group (`by`) and period
    (`per`): the counts of stats()' group rows, with none of its shares,
    rates, gaps or total rows, in one pass (STAT-3, STAT-4); by=GroupBy.ALL
    gives one row per period. Unknown figures are counted as missing, never
    as 0."""
    return _sums(dataset._handle, by, per)


@c_doc("iscg_stats_aggregate")
def stats(dataset: "Dataset", *, rounding: Union[Rounding, str], by: Union[GroupBy, str] = GroupBy.POST,
          per: Union[Granularity, str] = Granularity.YEAR) -> "StatsTable":
    """Aggregates the activity records of `dataset` into rows per group
    (`by`) and period (`per`), each period followed by its total row; every
    share and rate is rounded by the named `rounding` mode (STAT-3..6).

    On the embedded dataset, by=GroupBy.ALL and rounding="HALF_UP" give for
    2022 2 731 referrals and a VIF share of 64.03 %."""
    return _aggregate(dataset._handle, rounding, by, per)


# ---- the bulk path: a collection of records of its own, from columns -------

class Stats:
    """A collection of activity records of its own (the library's
    iscg_stats), for data too large to go through a dataset record by
    record: ten million monthly records of a hundred thousand posts are read
    from columns in one call (from_columns(), add_columns()), aggregated by
    the library (aggregate()) and written out as columns (StatsTable.
    to_columns(), to_dataframe()), with no Python call per record or row.

        >>> s = iscg.Stats.from_columns(post=(codes, names), year=years, month=months,
        ...                             granularity="MONTH", women=women, men=men, children=children)
        >>> table = s.aggregate(by="POST", per="YEAR", rounding="HALF_UP")
        >>> table.to_dataframe()

    len() is the number of records; s[i] reads record i as an
    ActivityRecord. The records are validated as the library validates any
    record (STAT-1, STAT-2); a record that fails raises the exception of its
    status, its message starting with "record <index>: " and its `index`
    attribute that index."""

    UNKNOWN = _c.ISCG_UNKNOWN
    """The value of a count that was not reported, in a column of int64
    (ISCG_UNKNOWN, INT64_MIN, the library's one marker of an unknown value):
    never read as zero (STAT-4)."""

    @c_doc("iscg_stats_new")
    def __init__(self) -> None:
        """An empty collection."""
        self._h = _c.iscg_stats_new()

    @classmethod
    def from_columns(cls, **columns: Any) -> "Stats":
        """A new collection of the records given as columns: the keywords of
        add_columns(). On an error nothing is kept."""
        s = cls()
        s.add_columns(**columns)
        return s

    @classmethod
    def from_dataset(cls, dataset: "Dataset") -> "Stats":
        """A new collection holding a copy of the activity records of
        `dataset` (an iscg.Dataset), in their order."""
        source = dataset._handle
        s = cls()
        _c.stats_copy(s._h, source, _c.iscg_stats_count(source))
        return s

    def add_columns(self, *, post: Any, granularity: Any, year: Any = None, month: Any = None, start: Any = None,
                    not_reported: Any = None, women: Any = None, men: Any = None, children: Any = None,
                    referrals: Any = None, interviews: Any = None, interviews_physical: Any = None,
                    interviews_telephone: Any = None, interviews_partners: Any = None, epci: Any = None,
                    communes: Any = None, population: Any = None, vif_basis_points: Any = None, carrier: Any = None,
                    force: Any = None, site: Any = None, territory: Any = None, note: Any = None) -> int:
        """Adds one record per row of the columns, all of the same length,
        in one call, and returns how many were added. All or nothing: when a
        record is refused, the collection is left as it was.

        Columns of integers are numpy arrays, array.array, memoryviews (any
        one-dimensional buffer of integers, of any width), pandas columns, or
        sequences of ints; an unknown count is ISCG_UNKNOWN, None in
        a sequence, masked in a numpy masked array, <NA> in a pandas nullable
        column, or an absent column. Floats are refused.

        - post (required), site, territory, note: a (codes, names) pair,
          codes a column of integers indexing names (-1 for none), which
          spares ten million Python strings; or a pandas categorical; or a
          sequence of str (None for none); or one str for every record.
        - year and month: the first month of each record's period, which is
          one period of `granularity`: a quarter starts in January, April,
          July or October. Or start: a numpy datetime64[M] column (or [D],
          on the first of the month) instead of year and month.
        - granularity (required), carrier, force: one member (or its name)
          for every record, or a column of the C values.
        - not_reported: a column of bools (or 0/1), or one bool.
        - women, men, children, referrals, interviews, interviews_physical,
          interviews_telephone, interviews_partners, epci, communes,
          population, vif_basis_points: the counts, unknown when absent.

        Raises TypeError for a column of the wrong type, iscg.InvalidInput
        for columns of different lengths or a code outside its names, and
        for a record the library refuses the exception of its status
        (DateError, InvalidInput, TotalError, DuplicateError...), worded
        "record <index>: ..." and carrying that `index`."""
        columns = {k: v for k, v in locals().items() if k != "self"}
        before = len(self)
        try:
            return _ingest.add(self._h, columns)
        except BaseException:
            if len(self) != before:
                # the library cannot take records back: keep a copy of those held before
                kept = _c.iscg_stats_new()
                _c.stats_copy(kept, self._h, before)
                self._h = kept
            raise

    def __len__(self) -> int:
        return _c.iscg_stats_count(self._h)

    @c_doc("iscg_stats_get")
    def __getitem__(self, index: int) -> "ActivityRecord":
        """Record `index` (negative counts from the end) as an ActivityRecord."""
        index = operator.index(index)
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("record index out of range")
        return ActivityRecord.from_c(_c.iscg_stats_get(self._h, index))

    def __iter__(self) -> Iterator["ActivityRecord"]:
        return (self[i] for i in range(len(self)))

    @c_doc("iscg_stats_aggregate")
    def aggregate(self, *, rounding: Union[Rounding, str], by: Union[GroupBy, str] = GroupBy.POST,
                  per: Union[Granularity, str] = Granularity.YEAR) -> StatsTable:
        """Aggregates the records into rows per group (`by`) and period
        (`per`), each period followed by its total row, every share and rate
        rounded by the named `rounding` mode: the same as iscg.stats() on a
        dataset. The StatsTable makes its rows only when they are read; its
        to_columns() and to_dataframe() read them all in one call."""
        return _aggregate(self._h, rounding, by, per)

    @c_doc("iscg_stats_sums_compute")
    def sums(self, *, by: Union[GroupBy, str] = GroupBy.POST,
             per: Union[Granularity, str] = Granularity.YEAR) -> StatsSums:
        """Sums the records per group (`by`) and period (`per`): the counts
        of aggregate()'s group rows without its shares, rates, gaps and total
        rows, in one pass; see iscg.sums()."""
        return _sums(self._h, by, per)

    def __repr__(self):
        n = len(self)
        return "<Stats: %d activity record%s>" % (n, "" if n == 1 else "s")
