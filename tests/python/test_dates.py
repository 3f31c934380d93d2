# SPDX-License-Identifier: Apache-2.0
"""Dates, periods, year fractions and prorata through Python: CAL-1, PRO-1,
PRO-2, PRO-3 (the figures of tests/check_date.c and tests/check_prorata.c)."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

import iscg

OSARTIS = iscg.Period("2023-09-01", "2023-12-31")


def test_dates_are_checked_by_the_library():
    assert iscg.to_date("2024-02-29") == datetime.date(2024, 2, 29)
    with pytest.raises(iscg.DateError, match="2023-02-30"):
        iscg.to_date("2023-02-30")
    with pytest.raises(iscg.DateError, match="2023-02-29 is not a date"):
        iscg.to_date((2023, 2, 29))
    with pytest.raises(iscg.ParseError):
        iscg.to_date("1/9/2023")
    with pytest.raises(TypeError):
        iscg.to_date(datetime.datetime(2023, 9, 1, 12, 0))


def test_periods():
    p = iscg.Period.parse("2023-09-01..2023-12-31")
    assert p == OSARTIS == (datetime.date(2023, 9, 1), datetime.date(2023, 12, 31))
    assert p.days == 122 and str(p) == "2023-09-01..2023-12-31"
    assert repr(p) == "Period('2023-09-01', '2023-12-31')"
    assert "2023-10-15" in p and datetime.date(2024, 1, 1) not in p
    assert iscg.Period.year(2023).days == 365
    # CAL-1: one year from 5 January ends on 4 January
    assert iscg.Period.from_months("2023-01-05", 12) == iscg.Period("2023-01-05", "2024-01-04")
    assert p.intersect(iscg.Period("2023-12-01", "2024-03-31")) == iscg.Period("2023-12-01", "2023-12-31")
    assert p.intersect(("2024-01-01", "2024-03-31")) is None
    with pytest.raises(iscg.DateError, match="before"):
        iscg.Period("2023-12-01", "2023-11-01")


def test_pro3_split_years_bethune():
    parts = iscg.Period("2022-12-03", "2023-12-02").split_years()
    assert [(y, p.days) for y, p in parts] == [(2022, 29), (2023, 336)]
    assert parts[1][1] == iscg.Period("2023-01-01", "2023-12-02")


def test_pro1_pro2_year_fractions():
    assert iscg.year_fraction(OSARTIS, iscg.DayCount.MONTHS_WHOLE) == Fraction(1, 3)
    assert iscg.year_fraction("2023-09-01..2023-12-31", "ACT_365F") == Fraction(122, 365)
    ternois = iscg.Period("2023-03-15", "2023-12-31")
    assert iscg.months_covered(ternois, "MONTHS_WHOLE") == 9
    assert iscg.months_covered(ternois, "MONTHS_STARTED") == 10
    assert iscg.months_covered(ternois, "MONTHS_PRORATED") == 9 + Fraction(17, 31)
    assert iscg.year_fraction(ternois, "MONTHS_PRORATED") == Fraction(74, 93)
    bethune = ("2022-12-03", "2023-12-02")
    assert iscg.year_fraction(bethune, "MONTHS_WHOLE") == Fraction(11, 12)
    assert iscg.year_fraction(bethune, "MONTHS_STARTED") == Fraction(13, 12)
    assert iscg.DayCount.parse("30_360_us") is iscg.DayCount.THIRTY_360_US
    assert str(iscg.DayCount.THIRTY_E_360) == "30E_360"
    with pytest.raises(iscg.InvalidInput):
        iscg.months_covered(ternois, "ACT_365F")


def test_pro1_osartis_prorate():
    got = iscg.prorate(14000, OSARTIS, daycount="MONTHS_WHOLE", unit=iscg.EURO, rounding="DOWN")
    assert got.amount == Decimal("4666.00") and got.amount_cents == 466600
    assert got.fraction == Fraction(1, 3)
    assert iscg.prorate(42000, OSARTIS, daycount="MONTHS_WHOLE", unit=iscg.EURO, rounding="DOWN").amount == 14000
    # to the cent: 4 666.66 truncated, 4 666.67 half-up
    assert iscg.prorate(14000, OSARTIS, daycount="MONTHS_WHOLE", unit=iscg.CENT,
                        rounding="HALF_UP").amount == Decimal("4666.67")
    # PRO-2: by actual days
    act = iscg.prorate(Decimal("14000"), OSARTIS, daycount=iscg.DayCount.ACT_365F, unit=iscg.EURO,
                       rounding=iscg.Rounding.DOWN)
    assert act.amount == Decimal("4679.00") and act.fraction == Fraction(122, 365)


def test_prorate_needs_every_rule_named():
    with pytest.raises(TypeError):
        iscg.prorate(14000, OSARTIS, unit=iscg.EURO, rounding="DOWN")
    with pytest.raises(iscg.OverflowError):
        iscg.prorate(Decimal("9e16"), ("2020-01-01", "2023-12-31"), daycount="ACT_365F", unit=iscg.CENT,
                     rounding="DOWN")
