# SPDX-License-Identifier: Apache-2.0
"""Dates, inclusive periods, year fractions and prorata (CAL-1, PRO-1..3).

Dates are datetime.date; the library's ISO text ("2023-09-01") and
(year, month, day) tuples are accepted wherever a date is, and checked by the
library. Year fractions are exact fractions.Fraction."""

import datetime
from decimal import Decimal
from fractions import Fraction
from typing import List, NamedTuple, Optional, Sequence, Tuple, Union

from . import _iscg as _c

from ._enums import DayCount, Rounding
from ._money import Money, Unit, from_cents, to_cents, unit_cents
from ._util import c_doc, check_int, error


#: A date as callers give it: a datetime.date, an ISO "YYYY-MM-DD" text or
#: a (year, month, day) tuple.
DateLike = Union[datetime.date, str, Tuple[int, int, int]]


@c_doc("iscg_date_parse")
def to_date(value: DateLike) -> datetime.date:
    """A datetime.date for a date, an ISO "YYYY-MM-DD" text or a
    (year, month, day) tuple; DateError or ParseError otherwise."""
    if isinstance(value, datetime.datetime):
        raise TypeError("a date is expected, not a datetime: pass its .date()")
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return _c.iscg_date_parse(value)
    if isinstance(value, tuple) and len(value) == 3:
        return _c.iscg_date_make(*(check_int(v, "date") for v in value))
    raise TypeError("a datetime.date, an ISO date text or a (year, month, day) tuple is expected, not %s"
                    % type(value).__name__)


class Period(tuple):
    """An inclusive period: both start and end belong to it, start <= end.

    Period("2023-09-01", "2023-12-31"), Period.parse("2023-09-01..2023-12-31"),
    Period.year(2023) and Period.from_months("2023-01-05", 12) are the same
    kind of value: a (start, end) pair of datetime.date, validated by the
    library."""

    __slots__ = ()
    # Named like a namedtuple's: dataclasses.asdict() (and so
    # pandas.DataFrame(table) of rows holding a period) rebuilds it with
    # Period(start, end).
    _fields = ("start", "end")

    def __new__(cls, start: DateLike, end: DateLike) -> "Period":
        start, end = to_date(start), to_date(end)
        _c.iscg_period_make(start, end)  # raises DateError for an end before the start
        return tuple.__new__(cls, (start, end))

    def __getnewargs__(self) -> Tuple[datetime.date, datetime.date]:
        return tuple(self)

    @property
    def start(self) -> datetime.date:
        """The first day covered."""
        return self[0]

    @property
    def end(self) -> datetime.date:
        """The last day covered."""
        return self[1]

    @classmethod
    def parse(cls, text: str) -> "Period":
        """A period written "START..END" (the library's way of printing one)."""
        if not isinstance(text, str):
            raise TypeError("a str is expected, not %s" % type(text).__name__)
        start, sep, end = text.partition("..")
        if not sep:
            raise error(_c.ParseError, _c.ISCG_EPARSE, "%r is not a period: START..END is expected" % text)
        return cls(start.strip(), end.strip())

    @classmethod
    @c_doc("iscg_period_year")
    def year(cls, year: int) -> "Period":
        """The whole calendar year, 1 January to 31 December."""
        return cls(*_c.iscg_period_year(check_int(year, "year")))

    @classmethod
    @c_doc("iscg_period_from_months")
    def from_months(cls, start: DateLike, months: int) -> "Period":
        """The period that starts on `start` and lasts `months` calendar months (CAL-1)."""
        return cls(*_c.iscg_period_from_months(to_date(start), check_int(months, "months")))

    @property
    def days(self) -> int:
        """The number of days covered, both ends included."""
        return _c.iscg_period_days(self)

    def __contains__(self, day: object) -> bool:
        return bool(_c.iscg_period_contains(self, to_date(day)))

    @c_doc("iscg_period_intersect")
    def intersect(self, other: "PeriodLike") -> Optional["Period"]:
        """The common part of two periods, or None."""
        common = _c.iscg_period_intersect(self, to_period(other))
        return None if common is None else Period(*common)

    @c_doc("iscg_period_split_years")
    def split_years(self, first_month: int = 1) -> List[Tuple[int, "Period"]]:
        """The parts of the period in each fiscal year starting on
        `first_month`/1, as (fiscal year, Period) pairs (PRO-3)."""
        parts, years = _c.iscg_period_split_years(self, check_int(first_month, "first_month"))
        return [(y, Period(*p)) for p, y in zip(parts, years)]

    def __str__(self) -> str:
        return "%s..%s" % (self.start.isoformat(), self.end.isoformat())

    def __repr__(self) -> str:
        return "Period(%r, %r)" % (self.start.isoformat(), self.end.isoformat())


#: A period as callers give it: a Period, a (start, end) pair or a
#: "START..END" text.
PeriodLike = Union["Period", str, Sequence[DateLike]]


def to_period(value: PeriodLike) -> Period:
    """A Period for a Period, a (start, end) pair or a "START..END" text."""
    if isinstance(value, Period):
        return value
    if isinstance(value, str):
        return Period.parse(value)
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return Period(*value)
    raise TypeError("a Period, a (start, end) pair or a 'START..END' text is expected, not %s"
                    % type(value).__name__)


@c_doc("iscg_year_fraction")
def year_fraction(period: PeriodLike, daycount: Union[DayCount, str]) -> Fraction:
    """The exact year fraction of an inclusive period under a named
    day-count convention.

        >>> iscg.year_fraction("2023-09-01..2023-12-31", "MONTHS_WHOLE")
        Fraction(1, 3)
        >>> iscg.year_fraction("2023-09-01..2023-12-31", "ACT_365F")
        Fraction(122, 365)"""
    return _c.iscg_year_fraction(to_period(period), DayCount.parse(daycount))


@c_doc("iscg_months_covered")
def months_covered(period: PeriodLike, daycount: Union[DayCount, str]) -> Fraction:
    """The months a month convention counts in a period, as a Fraction."""
    return _c.iscg_months_covered(to_period(period), DayCount.parse(daycount))


class Prorated(NamedTuple):
    """A prorated amount: Decimal euros, the same in int cents, and the exact
    year fraction used."""
    amount: Decimal
    amount_cents: int
    fraction: Fraction


@c_doc("iscg_prorate")
def prorate(annual: Money, period: PeriodLike, *, daycount: Union[DayCount, str], unit: Unit,
            rounding: Union[Rounding, str]) -> Prorated:
    """An annual amount of euros prorated over a period: annual × year
    fraction, rounded once to `unit` under `rounding`.

    Osartis Marquion (PRO-1); by ACT_365F it is 4 679 euros (PRO-2):

        >>> iscg.prorate(14000, "2023-09-01..2023-12-31", daycount="MONTHS_WHOLE",
        ...              unit=iscg.EURO, rounding="DOWN").amount
        Decimal('4666.00')
    """
    cents, fraction = _c.iscg_prorate(to_cents(annual, "annual"), to_period(period), DayCount.parse(daycount),
                                      unit_cents(unit), Rounding.parse(rounding))
    return Prorated(from_cents(cents), cents, fraction)
