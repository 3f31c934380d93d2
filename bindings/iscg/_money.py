# SPDX-License-Identifier: Apache-2.0
"""Exact money: amounts are euros as decimal.Decimal (or whole euros as int,
or text the library reads, "14 333,50 €"), converted to the library's int64
cents without any rounding; results come back as Decimal euros with two
places, next to the int cents. A float is never accepted as money."""

import decimal
from decimal import Decimal
from fractions import Fraction
from typing import Any, Dict, Iterable, NamedTuple, Optional, Tuple, Union

from . import _iscg as _c

from ._enums import MoneyStyle, RemainderPolicy, Rounding, WeightsKind
from ._util import c_doc, check_int, error, invalid

EURO = Decimal("1.00")
"""One euro, as a rounding unit."""
CENT = Decimal("0.01")
"""One cent, as a rounding unit."""

_INT64_MIN, _INT64_MAX = -(2 ** 63), 2 ** 63 - 1
# Wide enough for any int64 count of cents, whatever the caller's context.
_EXACT = decimal.Context(prec=60, Emin=-999999, Emax=999999, traps=[decimal.InvalidOperation])
_UNITS = {"EURO": 100, "CENT": 1}

#: An amount of euros as callers give it: a Decimal of whole cents, an int
#: of whole euros, or a text the library reads ("14 333,50 €").
Money = Union[Decimal, int, str]
#: A rounding unit: EURO, CENT, any amount of euros, or "EURO" / "CENT".
Unit = Union[Decimal, int, str]


def _overflow(text):
    return error(_c.OverflowError, _c.ISCG_EOVERFLOW, text)


def _int64(value, what):
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise _overflow("%s: %d cents do not fit in 64 bits" % (what, value))
    return value


def to_cents(amount: Money, what: str = "amount") -> int:
    """The exact number of cents of `amount`, in euros: a Decimal with at most
    two decimal places, an int (whole euros), or a str the library reads
    ("14333", "14 333,50 €", "-0,5"). Anything finer than a cent is refused
    (InvalidInput), never rounded; a float is a TypeError."""
    if isinstance(amount, bool):
        raise TypeError("%s: a bool is not money" % what)
    if isinstance(amount, int):
        return _int64(amount * 100, what)
    if isinstance(amount, Decimal):
        if not amount.is_finite():
            raise invalid("%s: %s is not an amount" % (what, amount), what)
        if amount.adjusted() > 18:
            raise _overflow("%s: %s does not fit in 64-bit cents" % (what, amount))
        cents = amount.scaleb(2, _EXACT)
        if cents != cents.to_integral_value(context=_EXACT):
            raise invalid("%s: %s is not a whole number of cents (round it first: round_money())" % (what, amount),
                          what)
        return _int64(int(cents), what)
    if isinstance(amount, str):
        return _c.iscg_money_parse(amount)
    if isinstance(amount, float):
        raise TypeError("%s: a float is not money; pass a Decimal, an int of euros or a str" % what)
    raise TypeError("%s: a Decimal, an int of euros or a str is expected, not %s" % (what, type(amount).__name__))


def from_cents(cents: int) -> Decimal:
    """Decimal euros with two places for an int of cents: 466600 -> Decimal('4666.00')."""
    return Decimal(check_int(cents, "cents")).scaleb(-2, _EXACT)


def money_or_none(cents: Optional[int]) -> Optional[Decimal]:
    """from_cents(), or None for None."""
    return None if cents is None else from_cents(cents)


def unit_cents(unit: Unit) -> int:
    """A rounding unit in cents: EURO, CENT, any amount of euros, or the
    names "EURO" and "CENT"."""
    if isinstance(unit, str) and unit.strip().upper() in _UNITS:
        return _UNITS[unit.strip().upper()]
    return to_cents(unit, "unit")


@c_doc("iscg_money_parse")
def parse_money(text: str) -> Decimal:
    """Reads an amount of euros as the library does.

        >>> iscg.parse_money("14 333,50 €")
        Decimal('14333.50')"""
    if not isinstance(text, str):
        raise TypeError("parse_money: a str is expected, not %s" % type(text).__name__)
    return from_cents(_c.iscg_money_parse(text))


@c_doc("iscg_money_format")
def format_money(amount: Money, style: Union[MoneyStyle, str] = MoneyStyle.FRENCH) -> str:
    """Writes an amount of euros the library's way: "14 333 €" (FRENCH, with
    narrow no-break spaces), "14 333,00 €" (FRENCH_CENTS), "14333.00" (PLAIN)."""
    return _c.iscg_money_format(to_cents(amount), MoneyStyle.parse(style))


def format_cents(cents: int, style: Union[MoneyStyle, str] = MoneyStyle.FRENCH) -> str:
    """format_money() for an int of cents, e.g. to label a chart's axis.

        >>> print(iscg.format_cents(1433350, "FRENCH_CENTS"))   # narrow no-break spaces
        14 333,50 €"""
    return _c.iscg_money_format(check_int(cents, "cents"), MoneyStyle.parse(style))


@c_doc("iscg_money_round")
def round_money(amount: Money, *, unit: Unit, rounding: Union[Rounding, str]) -> Decimal:
    """Rounds an amount of euros to a multiple of `unit` (EURO, CENT, or any
    amount) under the named `rounding` mode; returns Decimal euros.

        >>> iscg.round_money(Decimal("4666.67"), unit=iscg.EURO, rounding="DOWN")
        Decimal('4666.00')"""
    return from_cents(_c.iscg_money_round(to_cents(amount), unit_cents(unit), Rounding.parse(rounding)))


def _ratio(ratio):
    if isinstance(ratio, bool):
        raise TypeError("ratio: a Fraction, an int or a (numerator, denominator) pair is expected, not a bool")
    if isinstance(ratio, (Fraction, int)):
        return Fraction(ratio).numerator, Fraction(ratio).denominator
    if isinstance(ratio, tuple) and len(ratio) == 2:
        return check_int(ratio[0], "numerator"), check_int(ratio[1], "denominator")
    raise TypeError("ratio: a Fraction, an int or a (numerator, denominator) pair is expected, not %s"
                    % type(ratio).__name__)


@c_doc("iscg_money_scale")
def scale_money(amount: Money, ratio: Union[Fraction, int, Tuple[int, int]], *, unit: Unit,
                rounding: Union[Rounding, str]) -> Decimal:
    """amount × ratio (a Fraction or a (numerator, denominator) pair), rounded
    once to `unit` under `rounding`; returns Decimal euros.

        >>> iscg.scale_money(14000, Fraction(1, 3), unit=iscg.EURO, rounding="DOWN")
        Decimal('4666.00')"""
    num, den = _ratio(ratio)
    return from_cents(_c.iscg_money_scale(to_cents(amount), num, den, unit_cents(unit), Rounding.parse(rounding)))


@c_doc("iscg_percent_parse")
def percent(value: Union[str, Decimal]) -> int:
    """A percentage with at most two decimals as basis points: "41,78 %" or
    Decimal("41.78") gives 4178."""
    if isinstance(value, Decimal):
        value = str(value)
    if not isinstance(value, str):
        raise TypeError("percent: a str or a Decimal is expected, not %s" % type(value).__name__)
    return _c.iscg_percent_parse(value)


class AllocationRule(NamedTuple):
    """A complete allocation rule: the unit and rounding of each share, where
    the remainder goes, the party that TO_PARTY names, how to read weights."""
    unit: Decimal
    rounding: Rounding
    policy: RemainderPolicy
    party: int = 0
    weights: WeightsKind = WeightsKind.RAW

    @classmethod
    def from_c(cls, d: Dict[str, Any]) -> "AllocationRule":
        """The rule of the C layer's dict."""
        return cls(from_cents(d["unit"]), Rounding(d["rounding"]), RemainderPolicy(d["policy"]), d["party"],
                   WeightsKind(d["weights"]))

    def to_c(self) -> Dict[str, Any]:
        """The rule as the C layer's dict, every field checked."""
        return {"unit": unit_cents(self.unit), "rounding": Rounding.parse(self.rounding),
                "policy": RemainderPolicy.parse(self.policy), "party": check_int(self.party, "party"),
                "weights": WeightsKind.parse(self.weights)}

    def __str__(self):
        unit = {100: "the euro", 1: "the cent"}.get(unit_cents(self.unit), format_money(self.unit))
        return "%s to %s, remainder %s" % (Rounding.parse(self.rounding), unit, RemainderPolicy.parse(self.policy))


class Allocation(NamedTuple):
    """The shares of an allocation, and what rounding left unallocated
    (non-zero only under RemainderPolicy.NONE): shares + drift = amount."""
    shares: Tuple[Decimal, ...]
    drift: Decimal
    shares_cents: Tuple[int, ...]
    drift_cents: int


def _weight(value, kind):
    if kind == WeightsKind.BASIS_POINTS and isinstance(value, (str, Decimal)):
        return percent(value)
    return check_int(value, "weight")


@c_doc("iscg_allocate")
def allocate(amount: Money, weights: Iterable[Union[int, str, Decimal]], *, unit: Unit,
             rounding: Union[Rounding, str], policy: Union[RemainderPolicy, str],
             weights_kind: Union[WeightsKind, str] = WeightsKind.RAW, party: int = 0) -> Allocation:
    """Splits an amount of euros by integer weights.

    Each share is amount × w / Σw rounded to `unit` under `rounding`; the
    remainder goes where `policy` says (TO_PARTY: to the share at index
    `party`). With weights_kind=BASIS_POINTS the weights are percentages in
    basis points (or percentage strings, "21.20") that must sum to 100 %.

    Montreuillois (SPLIT-4):

        >>> iscg.allocate(12375, [2120, 1534, 6346], unit=iscg.EURO, rounding="DOWN",
        ...               policy="LARGEST_WEIGHT", weights_kind="BASIS_POINTS").shares
        (Decimal('2623.00'), Decimal('1898.00'), Decimal('7854.00'))
    """
    # The usual call (an int of euros or a Decimal of whole cents, a list or
    # a tuple of ints, the rule as members, ints or the library's names, a
    # unit of EURO, CENT, "EURO" or "CENT") is read and done in one C call,
    # from the first call with a rule, with no Decimal arithmetic; anything
    # else (and any error other than the library's) takes the general path,
    # which gives the same result or raises the same exception.
    result = _c.allocate_named(amount, weights, unit, rounding, policy, weights_kind, party, Allocation)
    if result is not None:
        return result
    return _allocate(amount, weights, unit, rounding, policy, weights_kind, party)


def _allocate(amount, weights, unit, rounding, policy, weights_kind, party):
    """allocate()'s general path: every argument checked and converted in
    Python, then the wrapped iscg_allocate()."""
    if isinstance(weights, (str, bytes)):
        raise TypeError("weights: a sequence of ints is expected, not %s" % type(weights).__name__)
    rule = AllocationRule(unit, rounding, policy, party, WeightsKind.parse(weights_kind)).to_c()
    kind = rule["weights"]
    ws = list(weights)
    if kind != WeightsKind.RAW or set(map(type, ws)) - {int}:  # checked one by one (a bool is not a weight)
        ws = [_weight(w, kind) for w in ws]
    shares, drift = _c.iscg_allocate(to_cents(amount), ws, rule)
    return Allocation(tuple(Decimal(c).scaleb(-2, _EXACT) for c in shares), Decimal(drift).scaleb(-2, _EXACT),
                      tuple(shares), drift)
