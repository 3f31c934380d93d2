# SPDX-License-Identifier: Apache-2.0
"""iscg.allocate() has two paths: the usual call (an int of euros, a list or
a tuple of ints, the rule as members, ints or the library's names) is read
and done in one C call, _iscg.allocate_named(), from the first call with a
rule; everything else takes the general path, iscg._money._allocate(), where every
argument is checked in Python. Both must give the same Allocation, to the
digit and the exponent of each Decimal, or the same exception, worded the same."""

import decimal
import random
from decimal import Decimal

import pytest

import _iscg
import iscg
from iscg import _money

CALL = dict(unit=iscg.EURO, rounding="DOWN", policy="LARGEST_REMAINDER")


def outcome(function, *args, **kwargs):
    """What a call gives, in a form two calls can be compared by: the result
    with the exact type and digits of every value, or the exception's class,
    message and attributes."""
    try:
        a = function(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - any exception is an outcome to compare
        attrs = tuple(getattr(e, name, None) for name in ("code", "source", "field", "line", "column"))
        return ("raised", type(e), str(e), e.args, attrs)
    assert type(a) is iscg.Allocation
    return ("returned", tuple((type(d), d.as_tuple(), str(d)) for d in a.shares), type(a.drift), a.drift.as_tuple(),
            tuple((type(c), c) for c in a.shares_cents), type(a.drift_cents), a.drift_cents)


def general(amount, weights, unit, rounding, policy, weights_kind=iscg.WeightsKind.RAW, party=0):
    return _money._allocate(amount, weights, unit, rounding, policy, weights_kind, party)


class Euros(int):
    """An int that is not exactly an int: the general path's business."""


# Values of every kind, the edges of 64-bit cents among them.
EUROS_MAX, EUROS_MIN = (2 ** 63 - 1) // 100, -(2 ** 63 // 100)
CENTS_MAX = Decimal(2 ** 63 - 1).scaleb(-2)


class Money(Decimal):
    """A Decimal that is not exactly a Decimal: the general path's business."""


AMOUNTS = [0, 1, -1, 7, 100, 1000, 12375, -19348, 10 ** 6 + 3, EUROS_MAX, EUROS_MIN, Decimal("10.05"),
           Decimal("-0.50"), Decimal("0.5"), Decimal("12375"), Decimal("-0"), CENTS_MAX, -CENTS_MAX - Decimal("0.01"),
           EUROS_MAX + 1, EUROS_MIN - 1, 2 ** 63, 10 ** 30, True, False, 1.5, 1.0, Decimal("0.001"), Decimal("NaN"),
           Decimal("1E+3"), Decimal("1.000"), Decimal("Infinity"), CENTS_MAX + Decimal("0.01"), Money("1.00"),
           "12,50", "abc", None, Euros(5), b"1", [1]]
COMMON_AMOUNTS = 18  # the first ones: ints and Decimals the fast path takes
WEIGHT_VALUES = [0, 1, 2, 3, 7, 100, 2120, 1534, 6346, 10000, -1, 2 ** 62, 2 ** 63 - 1, 2 ** 63, -2 ** 63, 2 ** 64]
ODD_WEIGHTS = [True, False, 1.0, 1.5, "21.20", Decimal("41.78"), None, Euros(2), b"1"]
UNITS = [iscg.EURO, iscg.CENT, "EURO", "cent", 5, Decimal("0.05"), 0, -1, True, 1.0, [1]]
ROUNDINGS = ["DOWN", "UP", "HALF_UP", "HALF_EVEN", "UNNECESSARY", iscg.Rounding.DOWN, 0, "NEAREST", 1.5, None]
POLICIES = ["NONE", "TO_FIRST", "LARGEST_REMAINDER", "LARGEST_WEIGHT", "TO_PARTY", iscg.RemainderPolicy.TO_PARTY,
            "nobody"]
KINDS = [iscg.WeightsKind.RAW, "RAW", "BASIS_POINTS", iscg.WeightsKind.BASIS_POINTS, 7]
PARTIES = [0, 1, 2, 3, 40, -1, True, 2 ** 70, 1.0, None]


def random_weights(rng):
    n = rng.choice([0, 1, 2, 3, 3, 4, 16, 17, 40])
    ws = [rng.choice(WEIGHT_VALUES[:10]) if rng.random() < 0.9 else rng.choice(WEIGHT_VALUES) for _ in range(n)]
    if ws and rng.random() < 0.1:
        ws[rng.randrange(n)] = rng.choice(ODD_WEIGHTS)
    if rng.random() < 0.1 and n == 3:
        ws = [2120, 1534, 6346]  # basis points that sum to 100 %
    shape = rng.random()
    if shape < 0.15:
        return tuple(ws)
    if shape < 0.2:
        return iter(ws)  # read once: a fresh one is made for each call below
    if shape < 0.22:
        return rng.choice(["123", b"12", 5, None])
    return ws


def test_both_paths_agree_on_random_calls(monkeypatch):
    """Thousands of random calls, each made through iscg.allocate() twice (the
    rule is met the first time, then remembered) and through the general path:
    the same outcome every time, and the fast path taken on most of them."""
    taken = {"returned": 0, "raised": 0}
    fast = {"returned": 0, "raised": 0}
    real_fast = _iscg.allocate_named

    def counting(*args):
        try:
            result = real_fast(*args)
        except iscg.Error:
            fast["raised"] += 1
            raise
        if result is not None:
            fast["returned"] += 1
        return result

    monkeypatch.setattr(_money._c, "allocate_named", counting)
    rng = random.Random(20240501)
    calls = 20000
    for i in range(calls):
        common = rng.random() < 0.7
        amount = rng.choice(AMOUNTS[:COMMON_AMOUNTS]) if common else rng.choice(AMOUNTS)
        weights = random_weights(rng)
        rule = dict(unit=rng.choice(UNITS[:2]) if common else rng.choice(UNITS),
                    rounding=rng.choice(ROUNDINGS[:6]) if common else rng.choice(ROUNDINGS),
                    policy=rng.choice(POLICIES[:6]) if common else rng.choice(POLICIES),
                    weights_kind=rng.choice(KINDS[:2]) if common else rng.choice(KINDS),
                    party=rng.choice(PARTIES[:4]) if common else rng.choice(PARTIES))

        def fresh():
            return iter(list(weights_copy)) if is_iter else weights

        is_iter = not isinstance(weights, (list, tuple, str, bytes, int, type(None)))
        weights_copy = list(weights) if is_iter else None
        expected = outcome(general, amount, fresh(), rule["unit"], rule["rounding"], rule["policy"],
                           rule["weights_kind"], rule["party"])
        for _ in range(2):
            got = outcome(iscg.allocate, amount, fresh(), **rule)
            assert got == expected, (amount, weights_copy if is_iter else weights, rule)
        taken[expected[0]] += 1
    # the comparison is not empty: both outcomes are common, and so are the
    # results and the library's errors of the fast path
    assert taken["returned"] > calls // 10 and taken["raised"] > calls // 10, taken
    assert fast["returned"] > calls // 2 and fast["raised"] > calls // 5, fast


def fast(amount, weights, allocation=iscg.Allocation):
    """The fast path with the rule to the cent, DOWN, LARGEST_REMAINDER."""
    return _iscg.allocate_named(amount, weights, iscg.CENT, "DOWN", "LARGEST_REMAINDER", "RAW", 0, allocation)


def test_the_fast_path_is_taken_and_exact():
    """The usual call goes through allocate_named(), to the digit: negative
    shares, a drift, more parties than fit on the C stack, the edges of
    64-bit cents."""
    iscg.allocate(1000, [1, 2, 3], unit=iscg.CENT, rounding="DOWN", policy="LARGEST_REMAINDER")
    a = fast(1000, [1, 2, 3])
    assert a == ((Decimal("166.67"), Decimal("333.33"), Decimal("500.00")), Decimal("0.00"), (16667, 33333, 50000), 0)
    assert [str(d) for d in a.shares] == ["166.67", "333.33", "500.00"] and str(a.drift) == "0.00"
    assert a.shares_cents == (16667, 33333, 50000) and type(a) is iscg.Allocation
    for amount, weights in [(-7, (1, 1, 1)), (0, [1]), (3, [1] * 40), (EUROS_MAX, [1]), (EUROS_MIN, [1, 1]),
                            (EUROS_MAX, [2 ** 63 - 1, 1]), (-1, [3, 7, 0, 9])]:
        # outcome() refuses a None: each of these is taken by the fast path
        assert outcome(fast, amount, weights) == outcome(
            general, amount, weights, iscg.CENT, "DOWN", "LARGEST_REMAINDER")
    assert str(fast(EUROS_MIN, [1]).shares[0]) == "-92233720368547758.00"
    # Decimals with at most two places, read from their text
    for amount in (Decimal("1000.00"), Decimal("0.5"), Decimal("-0.07"), Decimal("12375"), Decimal("-0"),
                   CENTS_MAX, -CENTS_MAX, Decimal("0.10")):
        assert outcome(fast, amount, [1, 2, 3]) == outcome(
            general, amount, [1, 2, 3], iscg.CENT, "DOWN", "LARGEST_REMAINDER"), amount
    assert fast(Decimal("1000.00"), [1, 2, 3]) == a
    assert fast(Decimal("-0.07"), [1]).shares_cents == (-7,)
    drift = iscg.allocate(19348, (1, 1, 1), unit=iscg.EURO, rounding="DOWN", policy="NONE")
    assert iscg.allocate(19348, (1, 1, 1), unit=iscg.EURO, rounding="DOWN", policy="NONE") == drift
    assert str(drift.drift) == "1.00" and drift.drift_cents == 100
    assert str(iscg.allocate(-1, [1, 3], unit=iscg.CENT, rounding="DOWN", policy="NONE").shares[0]) == "-0.25"


def test_the_fast_path_leaves_anything_unusual_to_the_general_path():
    for amount, weights in [(1.0, [1]), (True, [1]), (Euros(1), [1]), (Money(1), [1]), ("1", [1]),
                            (Decimal("1E+3"), [1]), (Decimal("1.000"), [1]), (Decimal("0.001"), [1]),
                            (Decimal("NaN"), [1]), (Decimal("-Infinity"), [1]), (CENTS_MAX + Decimal("0.01"), [1]),
                            (Decimal("1" * 20), [1]), (Decimal("-" + "9" * 24), [1]),
                            (EUROS_MAX + 1, [1]), (EUROS_MIN - 1, [1]), (2 ** 64, [1]), (1, [True]), (1, [1.0]),
                            (1, [2 ** 63]), (1, [-2 ** 63 - 1]), (1, iter([1])), (1, "1"), (1, None),
                            (1, [1, Euros(1)]), (1, range(3)), (1, [1] * 30 + [1.5])]:
        assert fast(amount, weights) is None, (amount, weights)
    # the library's own refusals are raised, as the wrapped iscg_allocate() raises them
    for weights in ([], [0, 0], [1, -1]):
        with pytest.raises(iscg.WeightsError) as taken:
            fast(1, weights)
        with pytest.raises(iscg.WeightsError) as wrapped:
            _iscg.iscg_allocate(100, weights, iscg.AllocationRule(iscg.CENT, "DOWN", "LARGEST_REMAINDER").to_c())
        assert str(taken.value) == str(wrapped.value) and taken.value.code == wrapped.value.code
    # and its own arguments are checked
    for cls in (None, tuple, list, dict, 3):
        with pytest.raises(TypeError):
            fast(1, [1], cls)
    with pytest.raises(TypeError):
        _iscg.iscg_allocate(100, [1], {"unit": 1, "colour": 2})  # no such field


def test_decimals_do_not_depend_on_the_callers_context():
    expected = outcome(iscg.allocate, 12375, [2120, 1534, 6346], **CALL)
    tight = decimal.Context(prec=2, Emin=-1, Emax=1, traps=[decimal.Inexact, decimal.Rounded, decimal.Overflow,
                                                            decimal.Underflow, decimal.Clamped, decimal.Subnormal])
    with decimal.localcontext(tight):
        assert outcome(iscg.allocate, 12375, [2120, 1534, 6346], **CALL) == expected
        assert outcome(iscg.allocate, EUROS_MAX, [1, 2], **CALL) == outcome(general, EUROS_MAX, [1, 2], **CALL)


def test_a_rule_the_c_structure_cannot_hold_is_refused_in_turn():
    """party=-1 converts in Python but not to the C rule: it is not packed,
    and every call refuses it where the general path does, after the weights."""
    for _ in range(2):
        with pytest.raises(TypeError, match="weight"):
            iscg.allocate(10, [1.5], unit=iscg.EURO, rounding="DOWN", policy="TO_PARTY", party=-1)
        with pytest.raises(OverflowError):
            iscg.allocate(10, [1, 1], unit=iscg.EURO, rounding="DOWN", policy="TO_PARTY", party=-1)


def test_the_named_path_reads_the_rule_as_the_general_path_does():
    """allocate_named() reads the rule from the arguments as given, on the
    first call with it: members, ints and the library's names give the same
    Allocation as the general path; anything else is left to it (None)."""
    A = iscg.Allocation
    for unit in (iscg.EURO, iscg.CENT, "EURO", "cent", "Euro", 5, Decimal("0.05")):
        for rounding in ("DOWN", "truncate", iscg.Rounding.HALF_EVEN, int(iscg.Rounding.UP)):
            for policy in ("LARGEST_REMAINDER", "round_robin", iscg.RemainderPolicy.TO_PARTY):
                for kind in (iscg.WeightsKind.RAW, "RAW", 0):
                    got = outcome(_iscg.allocate_named, 19348, [3, 1, 1], unit, rounding, policy, kind, 2, A)
                    assert got == outcome(general, 19348, [3, 1, 1], unit, rounding, policy, kind, 2), (
                        unit, rounding, policy, kind)
    bp = outcome(_iscg.allocate_named, 12375, [2120, 1534, 6346], iscg.EURO, "DOWN", "LARGEST_WEIGHT",
                 "BASIS_POINTS", 0, A)
    assert bp == outcome(general, 12375, [2120, 1534, 6346], iscg.EURO, "DOWN", "LARGEST_WEIGHT", "BASIS_POINTS")
    assert bp[4] == ((int, 262300), (int, 189800), (int, 785400))  # SPLIT-4, Montreuillois
    ok = dict(unit=iscg.EURO, rounding="DOWN", policy="NONE", kind="RAW", party=0)
    odd = {"unit": [" EURO", "euros", "12,50", 1.0, True, None, Money("1.00"), Euros(1)],
           "rounding": [0, 9, -1, True, 1.5, None, "NEAREST", "DOWN\0", 2 ** 70, iscg.Rounding],
           "policy": [0, 7, "nobody", None, False],
           "kind": [2, -1, "PERCENT", None, True],
           "party": [-1, True, 2 ** 70, 1.0, None, Euros(1)]}
    for field, values in odd.items():
        for value in values:
            args = dict(ok, **{field: value})
            assert _iscg.allocate_named(10, [1, 1], args["unit"], args["rounding"], args["policy"], args["kind"],
                                        args["party"], A) is None, (field, value)
            assert outcome(iscg.allocate, 10, [1, 1], unit=args["unit"], rounding=args["rounding"],
                           policy=args["policy"], weights_kind=args["kind"], party=args["party"]) == outcome(
                general, 10, [1, 1], args["unit"], args["rounding"], args["policy"], args["kind"], args["party"])
    for cls in (None, tuple, list, 3):
        with pytest.raises(TypeError):
            _iscg.allocate_named(1, [1], iscg.EURO, "DOWN", "NONE", "RAW", 0, cls)


def test_shares_are_the_same_decimals_whatever_was_split_before():
    """The Decimal euros of the shares are remembered by their cents: a
    share met again is equal, to the exponent, and the memory is bounded."""
    first = iscg.allocate(1000, [1, 2, 3], unit=iscg.CENT, rounding="DOWN", policy="LARGEST_REMAINDER")
    for amount in range(5000):  # more amounts than it keeps
        iscg.allocate(amount, [1, 1], unit=iscg.CENT, rounding="DOWN", policy="LARGEST_REMAINDER")
    again = iscg.allocate(Decimal("1000.00"), (1, 2, 3), unit="CENT", rounding=iscg.Rounding.DOWN,
                          policy="LARGEST_REMAINDER")
    assert outcome(lambda: again) == outcome(lambda: first)
    assert [d.as_tuple() for d in again.shares] == [(0, (1, 6, 6, 6, 7), -2), (0, (3, 3, 3, 3, 3), -2),
                                                    (0, (5, 0, 0, 0, 0), -2)]


def test_names_remembered_by_their_object_are_read_by_value():
    """allocate_named() remembers the last names it read by the str object
    that gave them: names built afresh at every call (never the same object),
    in any case, more of them than it keeps and interleaved with names it
    cannot read, give what the general path gives, every time."""
    A = iscg.Allocation
    rng = random.Random(20261204)
    roundings = ["DOWN", "UP", "FLOOR", "CEILING", "HALF_UP", "HALF_DOWN", "HALF_EVEN", "truncate", "NEAREST", "DOWN "]
    policies = ["NONE", "TO_FIRST", "LARGEST_REMAINDER", "LARGEST_WEIGHT", "ROUND_ROBIN", "TO_PARTY", "nobody"]
    read = {True: 0, False: 0}
    kept = []  # some names live on, so that a remembered object is met again
    for i in range(3000):
        def fresh(name):
            if kept and rng.random() < 0.3:
                return rng.choice(kept)
            made = "".join(c.lower() if rng.random() < 0.5 else c for c in name)  # a new object each time
            if rng.random() < 0.1:
                kept.append(made)
            return made
        rounding, policy = fresh(rng.choice(roundings)), fresh(rng.choice(policies))
        kind = fresh(rng.choice(["RAW", "BASIS_POINTS", "PERCENT"]))
        weights = [2120, 1534, 6346] if rng.random() < 0.5 else [3, 1, 1]
        want = outcome(general, 19348, weights, iscg.EURO, rounding, policy, kind, 1)
        try:
            result = _iscg.allocate_named(19348, weights, iscg.EURO, rounding, policy, kind, 1, A)
        except iscg.Error:
            result = "raised"
        if result is None:  # the general path's to read: allocate() then gives its outcome
            got = outcome(iscg.allocate, 19348, weights, unit=iscg.EURO, rounding=rounding, policy=policy,
                          weights_kind=kind, party=1)
        else:
            got = outcome(_iscg.allocate_named, 19348, weights, iscg.EURO, rounding, policy, kind, 1, A)
        assert got == want, (rounding, policy, kind)
        read[result is not None] += 1
    assert read[True] > 500 and read[False] > 500, read  # both paths were met often
