# SPDX-License-Identifier: Apache-2.0
"""Misuse raises a Python exception and never crashes the interpreter: None,
wrong types, closed or foreign objects, huge integers, bad text."""

import datetime
import os
import subprocess
import sys
import textwrap
from decimal import Decimal

import pytest

import _iscg
import iscg


def test_none(ds):
    with pytest.raises(TypeError):
        iscg.allocate(None, [1], unit=iscg.EURO, rounding="DOWN", policy="NONE")
    with pytest.raises(TypeError):
        ds.plan(None)
    with pytest.raises(TypeError):
        iscg.audit(None)
    with pytest.raises(TypeError):
        iscg.Period(None, None)
    with pytest.raises(TypeError):
        iscg.year_fraction(None, "ACT_365F")
    with pytest.raises(TypeError):
        iscg.Rounding.parse(None)
    with pytest.raises(TypeError, match="is expected"):  # never a NULL handle
        _iscg.iscg_funding_compute(None, "osartis-2023")
    with pytest.raises(TypeError):
        _iscg.iscg_funding_row_count(None)
    with pytest.raises(TypeError, match="not None"):  # a required string is never NULL
        _iscg.iscg_funding_compute(ds._handle, None)
    assert _iscg.iscg_stats_check_total([1, 2], 3, None) == 3  # an optional one may be


def test_wrong_types(ds):
    with pytest.raises(TypeError):
        ds.plan(2023)
    with pytest.raises(TypeError):
        iscg.allocate(100, "abc", unit=iscg.EURO, rounding="DOWN", policy="NONE")
    with pytest.raises(TypeError):
        iscg.allocate(100, [1, 1], unit=iscg.EURO, rounding=1.5, policy="NONE")
    with pytest.raises(TypeError):
        iscg.to_date(20230901)
    with pytest.raises(TypeError):
        iscg.to_cents(b"12")
    with pytest.raises(TypeError):
        ds.receivables("2022")
    with pytest.raises(TypeError):
        _iscg.iscg_money_add("1", 2)
    with pytest.raises(TypeError):
        _iscg.iscg_money_add(1.0, 2)  # never a float
    with pytest.raises(TypeError):
        _iscg.iscg_period_days("2023-01-01..2023-12-31")
    with pytest.raises(TypeError):
        _iscg.iscg_period_days(((2023, 1, 1),))
    with pytest.raises(TypeError):
        _iscg.iscg_date_valid(datetime.datetime(2023, 1, 1))
    with pytest.raises(TypeError):
        _iscg.iscg_allocate(100, [1], [("unit", 1)])
    with pytest.raises(TypeError):
        _iscg.iscg_version(1)


def test_closed_and_foreign_objects(ds):
    other = iscg.load()
    other.close()
    for use in (lambda d: d.posts, lambda d: d.plan("osartis-2023"), lambda d: d.audit(),
                lambda d: d.stats(rounding="HALF_UP"), lambda d: d.to_json(), lambda d: d.withdraw("a", "b"),
                lambda d: iscg.receivables(d, 2022)):
        with pytest.raises(iscg.StateError):
            use(other)
    other.close()  # closing twice is harmless
    with pytest.raises(TypeError):
        iscg.audit(object())
    with pytest.raises(TypeError):
        iscg.explain(ds.plan("osartis-2023"), "osartis-2023")
    handle = _iscg.iscg_audit_run(ds._handle)
    with pytest.raises(TypeError):
        _iscg.iscg_funding_row_count(handle)
    with pytest.raises(TypeError):
        _iscg.iscg_dataset_title(handle)
    with pytest.raises(TypeError):
        _iscg.iscg_stats_add(ds._handle, {})  # a dataset's records are read-only


def test_huge_integers(ds):
    with pytest.raises(iscg.OverflowError):
        iscg.allocate(10 ** 30, [1], unit=iscg.EURO, rounding="DOWN", policy="NONE")
    with pytest.raises(iscg.OverflowError):
        iscg.allocate(100, [2 ** 64, 1], unit=iscg.EURO, rounding="DOWN", policy="NONE")
    with pytest.raises(iscg.OverflowError):
        _iscg.iscg_money_add(2 ** 63, 0)
    with pytest.raises(iscg.OverflowError):  # the library's own check
        _iscg.iscg_money_mul(2 ** 62, 4)
    with pytest.raises(OverflowError):
        _iscg.iscg_registry_post_id(ds._handle, 2 ** 70)
    with pytest.raises(OverflowError):
        _iscg.iscg_registry_post_id(ds._handle, -1)
    with pytest.raises(OverflowError):
        ds.receivables(2 ** 40)
    with pytest.raises(OverflowError):
        iscg.to_date((2 ** 40, 1, 1))
    with pytest.raises(iscg.OverflowError):
        ds.set_cost("ccsa-2023", Decimal("1e17"))
    with pytest.raises(iscg.DateError):
        _iscg.iscg_date_add_days((2023, 1, 1), 2 ** 62)


def test_bad_text(ds):
    with pytest.raises(ValueError, match="null character"):
        ds.plan("osartis\x00-2023")
    with pytest.raises(UnicodeEncodeError):
        ds.plan("\udcff")
    with pytest.raises(ValueError, match="null character"):
        iscg.loads("{}\x00")
    with pytest.raises(iscg.NotFound):
        ds.plan("é" * 10000)


# Every low-level function called with arguments drawn from a pool of values
# of every kind, in a child process: an exception is expected, a crash is a
# failure. The seed is fixed, so a failure can be replayed.
FUZZ = textwrap.dedent("""
    import datetime, random, sys
    import _iscg
    random.seed(20230703)
    ds = _iscg.iscg_dataset_load_embedded()
    registry = _iscg.iscg_registry_new()
    stats = _iscg.iscg_stats_new()
    funding = _iscg.iscg_funding_compute(ds, "le-portel-2023")
    table = _iscg.iscg_stats_aggregate(ds, 1, _iscg.ISCG_PERIOD_YEAR, 4)
    pool = [None, 0, 1, -1, 3, 12, 2 ** 31, -2 ** 31 - 1, 2 ** 63 - 1, -2 ** 63, 2 ** 64, 1.5, "", "x", "dept",
            "osartis-2023", "le-portel-2023", "etat", "\\x00", b"x", (), (1,), (2023, 2, 30), (0, 0, 0),
            (9999, 12, 31), (1, 1, 1), datetime.date(2023, 9, 1), ((2023, 1, 1), (2022, 1, 1)),
            ((1, 1, 1), (9999, 12, 31)), ((2023, 1, 1), (2023, 12, 31)), [], [1, 2], [2 ** 63 - 1, 2 ** 63 - 1],
            [-1], {}, {"unit": 0, "rounding": 99, "policy": -1}, {"unit": 100, "rounding": 0, "policy": 0},
            {"post": "p", "period": ((2023, 1, 1), (2023, 12, 31)), "women": -5},
            {"operation": "x", "payer": "dept", "credits": 2 ** 63 - 1, "available": -2 ** 63},
            ds, registry, stats, funding, table, object()]
    calls = 0
    for name in sorted(n for n in dir(_iscg) if n.startswith("iscg_")):
        function = getattr(_iscg, name)
        if isinstance(function, type) or not callable(function):
            continue
        for arity in range(0, 9):
            for _ in range(60):
                args = [random.choice(pool) for _ in range(arity)]
                try:
                    function(*args)
                except Exception:
                    pass
                calls += 1
    print(calls)
""")


def test_no_argument_crashes_the_interpreter(tmp_path):
    env = dict(os.environ)
    # in a folder of its own: a save given a name from the pool ("x") writes that file
    result = subprocess.run([sys.executable, "-c", FUZZ], env=env, capture_output=True, text=True, timeout=600,
                            cwd=str(tmp_path))
    assert result.returncode == 0, "the interpreter died (%d): %s" % (result.returncode, result.stderr[-2000:])
    assert int(result.stdout) > 50000
