# SPDX-License-Identifier: Apache-2.0
"""Money and allocation through Python: ROUND-1..3, SPLIT-4, SPLIT-5 (the
figures of tests/check_money.c and tests/check_alloc.c)."""

from decimal import Decimal
from fractions import Fraction

import pytest

import iscg

D = Decimal
BP = dict(unit=iscg.EURO, rounding=iscg.Rounding.DOWN, policy=iscg.RemainderPolicy.LARGEST_WEIGHT,
          weights_kind=iscg.WeightsKind.BASIS_POINTS)


def test_cents_and_decimal_euros():
    assert iscg.to_cents(D("14333.50")) == 1433350
    assert iscg.to_cents(12375) == 1237500
    assert iscg.to_cents("14 333,50 €") == 1433350
    assert iscg.to_cents(D("-0.5")) == -50
    assert iscg.from_cents(466600) == D("4666.00")
    assert str(iscg.from_cents(-150)) == "-1.50"
    assert iscg.parse_money("14 333 €") == D("14333.00")
    # exact for every int64 count of cents, whatever the decimal context
    assert iscg.to_cents(iscg.from_cents(2 ** 63 - 1)) == 2 ** 63 - 1


def test_never_rounded_never_float():
    with pytest.raises(iscg.InvalidInput, match="whole number of cents"):
        iscg.to_cents(D("0.001"))
    with pytest.raises(TypeError, match="float is not money"):
        iscg.to_cents(4666.0)
    with pytest.raises(TypeError):
        iscg.to_cents(True)
    with pytest.raises(iscg.ParseError):
        iscg.to_cents("12,3,4")
    with pytest.raises(iscg.InvalidInput):
        iscg.to_cents(D("NaN"))
    with pytest.raises(iscg.OverflowError):
        iscg.to_cents(D("1e30"))
    with pytest.raises(OverflowError):  # the built-in class catches it too
        iscg.to_cents(2 ** 62)


def test_format():
    nnbsp, nbsp = "\u202f", "\u00a0"
    assert iscg.format_money(D("14333")) == "14" + nnbsp + "333" + nbsp + "€"
    assert iscg.format_money(D("14333.5"), "FRENCH_CENTS") == "14" + nnbsp + "333,50" + nbsp + "€"
    assert iscg.format_money(-D("14333"), iscg.MoneyStyle.PLAIN) == "-14333.00"
    assert iscg.format_cents(466600, "PLAIN") == "4666.00"


def test_round1_round2_named_modes():
    # ROUND-2: the Département truncates to the euro
    assert iscg.round_money(D("4666.67"), unit=iscg.EURO, rounding="DOWN") == D("4666.00")
    assert iscg.round_money(D("2.50"), unit=iscg.EURO, rounding=iscg.Rounding.HALF_EVEN) == D("2.00")
    assert iscg.round_money(D("2.50"), unit="EURO", rounding=iscg.Rounding.HALF_UP) == D("3.00")
    assert iscg.round_money(D("-2.50"), unit=iscg.EURO, rounding="FLOOR") == D("-3.00")
    with pytest.raises(iscg.RoundingError):
        iscg.round_money(D("2.50"), unit=iscg.EURO, rounding="UNNECESSARY")
    # PRO-1 as a scale: 14 000 x 4/12, DOWN to the euro
    assert iscg.scale_money(14000, (4, 12), unit=iscg.EURO, rounding="DOWN") == D("4666.00")
    assert iscg.scale_money(14000, Fraction(1, 3), unit=iscg.CENT, rounding="HALF_UP") == D("4666.67")
    with pytest.raises(iscg.InvalidInput):
        iscg.scale_money(14000, (1, 0), unit=iscg.EURO, rounding="DOWN")


def test_split4_montreuillois():
    a = iscg.allocate(D("12375"), [2120, 1534, 6346], **BP)
    assert a.shares == (D("2623.00"), D("1898.00"), D("7854.00"))
    assert a.shares_cents == (262300, 189800, 785400)
    assert a.drift == 0
    # the weights may be given as the annex prints them
    assert iscg.allocate(12375, ["21.20", "15,34 %", D("63.46")], **BP).shares_cents == a.shares_cents


def test_split4_audomarois():
    assert iscg.allocate(11853, [8132, 1868], **BP).shares == (D("9639.00"), D("2214.00"))


def test_split5_le_portel_drift_is_returned():
    a = iscg.allocate(19348, [1, 1, 1], unit=iscg.EURO, rounding="DOWN", policy="NONE")
    assert a.shares == (D("6449.00"),) * 3
    assert a.drift == D("1.00") and a.drift_cents == 100
    for policy in iscg.RemainderPolicy:
        if policy != iscg.RemainderPolicy.NONE:
            b = iscg.allocate(19348, [1, 1, 1], unit=iscg.EURO, rounding="DOWN", policy=policy, party=2)
            assert sum(b.shares) == D("19348") and b.drift == 0


def test_round3_calais_saint_omer():
    w = [4178, 4527, 1295]
    assert iscg.allocate(12220, w, **BP).shares_cents == (510500, 553300, 158200)
    cents = iscg.allocate(12220, w, unit=iscg.CENT, rounding="HALF_UP", policy="NONE", weights_kind="BASIS_POINTS")
    assert cents.shares_cents == (510552, 553199, 158249)
    # annex 2's 5 095 / 5 536 / 1 588 comes from no mode and no policy
    annex2 = (509500, 553600, 158800)
    for mode in list(iscg.Rounding)[:-1]:
        for policy in iscg.RemainderPolicy:
            for party in range(3):
                got = iscg.allocate(12220, w, unit=iscg.EURO, rounding=mode, policy=policy, party=party,
                                    weights_kind="BASIS_POINTS")
                assert got.shares_cents != annex2


def test_round3_policies_differ():
    def shares(policy, amount=100, weights=(1, 1, 1), **kw):
        kw.setdefault("rounding", "DOWN")
        return iscg.allocate(amount, list(weights), unit=iscg.EURO, policy=policy, party=2, **kw).shares_cents

    assert shares("TO_FIRST") == (3400, 3300, 3300)
    assert shares("TO_PARTY") == (3300, 3300, 3400)
    assert shares("LARGEST_REMAINDER", 101) == (3400, 3400, 3300)
    assert shares("LARGEST_REMAINDER", 10, (32, 33, 35)) == (300, 300, 400)
    # Montreuillois under the largest remainder differs from annex 17
    assert shares("LARGEST_REMAINDER", 12375, (2120, 1534, 6346), weights_kind="BASIS_POINTS") == (
        262400, 189800, 785300)
    assert shares("LARGEST_REMAINDER", rounding="UP") == (3300, 3300, 3400)
    assert shares("LARGEST_REMAINDER", D("100.50")) == (3450, 3300, 3300)
    assert shares("LARGEST_WEIGHT", -10, (3, 1)) == (-800, -200)


def test_bad_weights():
    with pytest.raises(iscg.WeightsError, match="87.05"):
        iscg.allocate(300, [4178, 4527], **BP)
    with pytest.raises(iscg.WeightsError):
        iscg.allocate(300, [], unit=iscg.EURO, rounding="DOWN", policy="NONE")
    with pytest.raises(iscg.WeightsError):
        iscg.allocate(300, [1, -1], unit=iscg.EURO, rounding="DOWN", policy="NONE")
    with pytest.raises(TypeError):
        iscg.allocate(300, [1.5, 1], unit=iscg.EURO, rounding="DOWN", policy="NONE")
    with pytest.raises(iscg.InvalidInput):
        iscg.allocate(300, [1, 1], unit=0, rounding="DOWN", policy="NONE")


def test_percent():
    assert iscg.percent("41,78 %") == 4178
    assert iscg.percent(D("100")) == 10000
    with pytest.raises(iscg.RangeError):
        iscg.percent("100.01")


def test_rule_is_always_named():
    with pytest.raises(TypeError):
        iscg.allocate(100, [1, 1], unit=iscg.EURO, policy="NONE")  # no rounding
    with pytest.raises(TypeError):
        iscg.round_money(D("1.5"), unit=iscg.EURO)
    with pytest.raises(iscg.ParseError, match="is not a Rounding"):
        iscg.round_money(D("1.5"), unit=iscg.EURO, rounding="NEAREST")
    assert iscg.Rounding.parse("truncate") is iscg.Rounding.DOWN  # the C library's alias


def test_allocate_remembers_rules_without_confusing_arguments():
    """ROUND-3, SPLIT-4: allocate() converts a rule once and reuses it, but an
    argument equal to a remembered one in value and not in type is checked
    again (True is not a party index, a float is not a weight)."""
    first = iscg.allocate(12375, [2120, 1534, 6346], unit=iscg.EURO, rounding="DOWN", policy="LARGEST_WEIGHT",
                          weights_kind="BASIS_POINTS")
    again = iscg.allocate(12375, [2120, 1534, 6346], unit=iscg.EURO, rounding=iscg.Rounding.DOWN,
                          policy="LARGEST_WEIGHT", weights_kind="BASIS_POINTS")
    assert first == again
    assert first.shares == (Decimal("2623.00"), Decimal("1898.00"), Decimal("7854.00"))
    to_second = iscg.allocate(Decimal("0.03"), [1, 1], unit=iscg.CENT, rounding="DOWN", policy="TO_PARTY", party=1)
    assert to_second.shares_cents == (1, 2)
    with pytest.raises(TypeError):
        iscg.allocate(Decimal("0.03"), [1, 1], unit=iscg.CENT, rounding="DOWN", policy="TO_PARTY", party=True)
    with pytest.raises(TypeError):
        iscg.allocate(Decimal("0.03"), [1, 1.0], unit=iscg.CENT, rounding="DOWN", policy="TO_PARTY", party=1)
    with pytest.raises(TypeError):
        iscg.allocate(Decimal("0.03"), [True, 1], unit=iscg.CENT, rounding="DOWN", policy="TO_PARTY", party=1)
    with pytest.raises(iscg.InvalidInput):  # a TO_PARTY index past the shares
        iscg.allocate(Decimal("0.03"), [1, 1], unit=iscg.CENT, rounding="DOWN", policy="TO_PARTY", party=2)
