# SPDX-License-Identifier: Apache-2.0
"""Activity statistics through Python: STAT-1..6 on the embedded annex 1
(the figures of tests/check_stats.c)."""

from decimal import Decimal
from fractions import Fraction

import pytest

import iscg


def test_stat1_records(ds):
    records = ds.activity
    assert len(records) == 13
    bethune = records[0]
    assert bethune.post == "isc-bethune" and bethune.referrals == 598 and bethune.vif_basis_points == 6100
    assert bethune.interviews_partners is None  # not reported is not zero (STAT-4)
    assert sum(1 for r in records if r.not_reported) == 2


def test_stat3_stat5_stat6_totals(ds):
    table = iscg.stats(ds, by=iscg.GroupBy.ALL, rounding=iscg.Rounding.HALF_UP)
    assert len(table) == 1
    total = table.total(2022)
    assert total.is_total and total.group == "total" and total.label == "2022"
    assert (total.records, total.not_reported) == (13, 2)
    assert (total.women, total.men, total.children, total.referrals, total.interviews) == (1804, 522, 405, 2731,
                                                                                          4932)
    referrals = total.counts[iscg.ActivityField.REFERRALS]
    assert (referrals.known, referrals.missing) == (11, 2)
    # STAT-5: VIF weighted by referrals, 64.03 %
    vif = total.vif
    assert vif.scaled == 6403 and vif.scale == 10000 and vif.weight == 2584
    assert vif.percent == Decimal("64.03") and vif.value == Decimal("0.6403") and str(vif) == "64.03 %"
    assert vif.exact == Fraction(3309321, 5168000) and vif.rounding is iscg.Rounding.HALF_UP
    assert total.vif_plain_mean.scaled == 6269
    # STAT-6: interviews per referral
    assert total.interviews_per_referral.exact == Fraction(4932, 2731)
    assert total.interviews_per_referral.value == Decimal("1.81")
    assert total.share.percent == Decimal("100.00")
    assert table.total(2023) is None
    assert iscg.stats(ds, by="ALL", rounding="UP").total(2022).vif.scaled == 6404
    with pytest.raises(iscg.RoundingError):
        iscg.stats(ds, by="ALL", rounding="UNNECESSARY")


def test_stat3_groups(ds):
    by_carrier = ds.stats(by=iscg.GroupBy.CARRIER, rounding="HALF_UP")
    assert [r.group for r in by_carrier] == ["DEPARTEMENT", "EPCI", "ASSOCIATION", "total"]
    dep = by_carrier.find("DEPARTEMENT", 2022)
    assert (dep.referrals, dep.records, dep.not_reported, dep.share.scaled) == (598, 3, 2, 2190)
    assoc = by_carrier.find("ASSOCIATION", 2022)
    assert assoc.share.exact == Fraction(700, 2731) and assoc.share.percent == Decimal("25.63")
    by_post = ds.stats(rounding="HALF_UP")
    posts = by_post.of_period(2022)
    assert len(posts) == 12 and by_post.total(2022).referrals == 2731
    assert sum(r.referrals or 0 for r in posts) == 2731


def test_stat4_gaps(ds):
    total = ds.stats(by="ALL", rounding="HALF_UP").total(2022)
    not_reported = [g for g in total.gaps if g.kind is iscg.GapKind.NOT_REPORTED]
    assert sorted(g.post for g in not_reported) == ["isc-boulogne", "isg-le-portel"]
    unknown = [g for g in total.gaps if g.kind is iscg.GapKind.UNKNOWN]
    assert all(isinstance(g.fields, frozenset) for g in unknown)


def test_dataframe_keeps_counts_as_integers(ds):
    pandas = pytest.importorskip("pandas")
    df = ds.stats(rounding="HALF_UP").to_dataframe()
    assert str(df["referrals"].dtype) == "Int64" and df["referrals"].isna().sum() == 2
    assert df.loc[df.is_total, "vif_percent"].iloc[0] == float(Decimal("64.03"))  # the nearest float
    totals = [r for r in ds.stats(rounding="HALF_UP").to_records() if r["is_total"]]
    assert totals[0]["vif_percent"] == Decimal("64.03")  # exact
    assert isinstance(ds.activity.to_dataframe(), pandas.DataFrame)


def test_cal3_stat1_one_period_kind(ds):
    """A cadence (CAL-3) and a granularity (STAT-1) are one period kind:
    Cadence and Granularity are other names of PeriodKind, which prints the
    statistics' name and reads both spellings; NONE is no granularity."""
    import _iscg
    assert iscg.Cadence is iscg.PeriodKind and iscg.Granularity is iscg.PeriodKind
    assert [(str(k), k.cadence, k.months) for k in iscg.PeriodKind] == [
        ("NONE", "NONE", 0), ("MONTH", "MONTHLY", 1), ("QUARTER", "QUARTERLY", 3),
        ("HALF_YEAR", "SEMESTRIAL", 6), ("YEAR", "ANNUAL", 12)]
    assert iscg.Cadence.SEMESTRIAL is iscg.Granularity.HALF_YEAR
    for name in ("HALF_YEAR", "SEMESTRIAL", "semestriel", 3, iscg.PeriodKind.HALF_YEAR):
        assert iscg.PeriodKind.parse(name) is iscg.PeriodKind.HALF_YEAR
    assert iscg.PeriodKind.parse("NONE") is iscg.PeriodKind.NONE
    assert _iscg.ISCG_STATS_MONTH == _iscg.ISCG_CADENCE_MONTHLY == _iscg.ISCG_PERIOD_MONTH == 1
    with pytest.raises(iscg.ParseError):
        iscg.PeriodKind.parse("weekly")
    # NONE is refused wherever a granularity is taken, naming it
    with pytest.raises(iscg.InvalidInput, match="granularity 0 is not a member"):
        iscg.stats(ds, rounding="HALF_UP", per=iscg.PeriodKind.NONE)
    with pytest.raises(iscg.InvalidInput, match="granularity 0 is not a member"):
        iscg.sums(ds, per="NONE")
    with pytest.raises(iscg.InvalidInput, match="granularity 0 is not MONTH"):
        iscg.Stats.from_columns(post=["a"], year=[2022], month=[1], granularity=iscg.PeriodKind.NONE)
    # the words of the files and rows are unchanged
    assert ds.activity[0].granularity is iscg.Granularity.YEAR and ds.activity[0].record()["granularity"] == "YEAR"
    assert len(iscg.sums(ds, per="year")) == len(iscg.sums(ds, per=iscg.PeriodKind.YEAR)) > 0
