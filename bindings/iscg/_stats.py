"""Activity statistics (STAT-1..6, PRIV-1): the records of a dataset and
their aggregation into rows per group and period, with exact shares and
rates. Counts are int (None when nobody reported them); shares and rates
are exact fractions.Fraction, rounded for display by the named mode into
Decimal. Nothing is a float."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple, Optional, Tuple

import _iscg as _c

from ._dates import Period, to_period
from ._enums import ActivityCarrier, ActivityField, ActivityForce, GapKind, Granularity, GroupBy, Rounding
from ._tables import Row, Table
from ._util import c_doc

_COUNTS = [f for f in ActivityField if f != ActivityField.VIF]


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
    def from_c(cls, d):
        return cls(d["defined"], d["exact"], d["scaled"], d["scale"], Rounding(d["rounding"]), d["weight"],
                   d["used"], d["excluded"])

    @property
    def value(self):
        """The rounded value as a Decimal (0.6403 for 64.03 %), or None when undefined."""
        if not self.defined:
            return None
        digits = len(str(self.scale)) - 1
        if self.scale == 10 ** digits:
            return Decimal(self.scaled).scaleb(-digits)
        return Decimal(self.scaled) / Decimal(self.scale)

    @property
    def percent(self):
        """The rounded value in percent as a Decimal (Decimal('64.03')), or None."""
        value = self.value
        return None if value is None else value.scaleb(2)

    def __str__(self):
        if not self.defined:
            return "n/a"
        return "%s %%" % self.percent if self.scale == _c.ISCG_STATS_BASIS_POINTS else str(self.value)


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
    def from_c(cls, d):
        counts = {}
        for field, s in zip(_COUNTS, d["count"]):
            counts[field] = Count(s["value"] if s["known"] else None, s["known"], s["missing"])
        return cls(d["key"], d["is_total"], Period(*d["period"]), _c.iscg_stats_period_format(d["period"]),
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

    def record(self):
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


class StatsTable(Table):
    """Activity aggregated per group and period; each period's rows end with
    its total row."""

    row_type = StatsRow

    def find(self, group, period):
        """The row of `group` (None for the total) over `period` (a Period,
        a (start, end) pair or a year), or None."""
        period = _period(period)
        for row in self:
            if row.period == period and (row.is_total if group is None else row.group == group and not row.is_total):
                return row
        return None

    def total(self, period):
        """The total row of `period` (a Period or a year), or None."""
        return self.find(None, period)

    def of_period(self, period, totals=False):
        """The rows of `period` (a Period or a year); the total row only
        when `totals` is true."""
        period = _period(period)
        return [row for row in self if row.period == period and (totals or not row.is_total)]


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
    def from_c(cls, d):
        counts = {f: d[f.label] for f in _COUNTS}
        return cls(d["post"], d["site"], Granularity(d["granularity"]), Period(*d["period"]), d["not_reported"],
                   counts, d["vif_basis_points"], ActivityCarrier(d["carrier"]), ActivityForce(d["force"]),
                   d["territory"], d["note"])

    @property
    def start(self):
        return self.period.start

    @property
    def end(self):
        return self.period.end

    def __getattr__(self, name):
        # the counts by their library names: record.referrals, record.women...
        if name == "counts":
            raise AttributeError(name)
        for field in _COUNTS:
            if field.label == name:
                return self.counts[field]
        raise AttributeError(name)

    def record(self):
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


def activity(dataset):
    """The activity records of `dataset`."""
    h = dataset._handle
    return Activity([ActivityRecord.from_c(_c.iscg_stats_get(h, i)) for i in range(_c.iscg_stats_count(h))],
                    "activity")


@c_doc("iscg_stats_aggregate")
def stats(dataset, *, rounding, by=GroupBy.POST, per=Granularity.YEAR):
    """Aggregates the activity records of `dataset` into rows per group
    (`by`) and period (`per`), each period followed by its total row; every
    share and rate is rounded by the named `rounding` mode (STAT-3..6).

    On the embedded dataset, by=GroupBy.ALL and rounding="HALF_UP" give for
    2022 2 731 referrals and a VIF share of 64.03 %."""
    handle = _c.iscg_stats_aggregate(dataset._handle, GroupBy.parse(by), Granularity.parse(per),
                                     Rounding.parse(rounding))
    rows = [StatsRow.from_c(_c.iscg_stats_table_row(handle, i)) for i in range(_c.iscg_stats_table_count(handle))]
    return StatsTable(rows, "activity by %s" % GroupBy.parse(by).name.lower())
