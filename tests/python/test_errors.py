# SPDX-License-Identifier: Apache-2.0
"""Every negative status becomes an exception of the iscg.Error hierarchy,
worded by the library's report (tests/check_error.c for the C side)."""

import os

import pytest

import _iscg
import iscg

# each status, a call that returns it, and the built-in class it also is
TRIGGERS = [
    (iscg.Status.EINVAL, iscg.InvalidInput, ValueError,
     lambda ds: iscg.allocate(1, [1], unit=0, rounding="DOWN", policy="NONE")),
    (iscg.Status.EOVERFLOW, iscg.OverflowError, OverflowError, lambda ds: _iscg.iscg_money_add(2 ** 63 - 1, 1)),
    (iscg.Status.ERANGE, iscg.RangeError, ValueError, lambda ds: iscg.percent("100.5")),
    (iscg.Status.EDATE, iscg.DateError, ValueError, lambda ds: iscg.to_date("2023-02-30")),
    (iscg.Status.EPARSE, iscg.ParseError, ValueError, lambda ds: iscg.parse_money("12,3,4")),
    (iscg.Status.EROUNDING, iscg.RoundingError, ArithmeticError,
     lambda ds: iscg.round_money(iscg.CENT, unit=iscg.EURO, rounding="UNNECESSARY")),
    (iscg.Status.EWEIGHTS, iscg.WeightsError, ValueError,
     lambda ds: iscg.allocate(1, [0, 0], unit=iscg.EURO, rounding="DOWN", policy="NONE")),
    (iscg.Status.ENOTFOUND, iscg.NotFound, LookupError, lambda ds: ds.plan("nowhere")),
    (iscg.Status.EDUPLICATE, iscg.DuplicateError, ValueError, lambda ds: ds.add_party("etat", "STATE", "Etat")),
    (iscg.Status.ECREDIT, iscg.CreditExceeded, iscg.Error,
     lambda ds: _iscg.iscg_budget_check(ds._handle, {"operation": "x", "payer": "dept", "credits": 0,
                                                     "available": 0}, 2023)),
    (iscg.Status.ETERMINATED, iscg.Terminated, iscg.Error,
     lambda ds: (ds.withdraw("ccca-2023", "etat"), ds.plan("ccca-2023"))),
    (iscg.Status.ESTATE, iscg.StateError, iscg.Error, lambda ds: (ds.close(), ds.title)),
    (iscg.Status.EIO, iscg.FileError, OSError, lambda ds: iscg.load("/nonexistent/iscg.json")),
    (iscg.Status.ETOTAL, iscg.TotalError, ValueError,
     lambda ds: _iscg.iscg_stats_check_total([1, 2], 4, "referrals 2021-2022")),
]


@pytest.mark.parametrize("status,cls,builtin,call", TRIGGERS, ids=[t[0].name for t in TRIGGERS])
def test_each_status_has_its_class(ds, status, cls, builtin, call):
    with pytest.raises(cls) as e:
        call(ds)
    err = e.value
    assert isinstance(err, iscg.Error) and isinstance(err, builtin)
    assert err.code == status and iscg.Status(err.code) is status
    assert str(err)  # the library's sentence, or its description of the status
    for name in ("source", "field", "line", "column"):
        assert hasattr(err, name)


def test_hierarchy():
    classes = [iscg.InvalidInput, iscg.OutOfMemory, iscg.OverflowError, iscg.RangeError, iscg.DateError,
               iscg.ParseError, iscg.RoundingError, iscg.WeightsError, iscg.NotFound, iscg.DuplicateError,
               iscg.CreditExceeded, iscg.Terminated, iscg.StateError, iscg.FileError, iscg.TotalError,
               iscg.DatasetError, iscg.Canceled]
    # documented and pickled as iscg.errors.NAME, and reachable as iscg.NAME
    assert all(issubclass(c, iscg.Error) and c.__module__ == "iscg.errors" for c in classes)
    assert all(getattr(iscg.errors, c.__name__) is c for c in classes + [iscg.Error])
    assert issubclass(iscg.Error, Exception) and not issubclass(iscg.Error, ValueError)
    assert issubclass(iscg.OutOfMemory, MemoryError) and issubclass(iscg.OverflowError, OverflowError)
    assert iscg.OverflowError is not OverflowError
    # ISCG_ECANCELED (a cancel callback stopped a long call) is no ValueError
    assert not issubclass(iscg.Canceled, ValueError)
    star = {}
    exec("from iscg import *", star)  # leaves the builtin OverflowError alone
    assert "OverflowError" not in star and star["NotFound"] is iscg.NotFound and star["load"] is iscg.load
    assert all(c.__doc__ for c in classes)
    assert iscg.Status.ETERMINATED.text == "funding plan terminated"


def test_report_fields_reach_the_exception(ds):
    with pytest.raises(iscg.InvalidInput) as e:
        _iscg.iscg_allocate(1000, [1, 1, 1], {"unit": 0, "rounding": 0, "policy": 0})
    assert e.value.field == "unit" and str(e.value) == "rounding unit 0 cents is not positive"
    registry = _iscg.iscg_registry_new()
    with pytest.raises(iscg.NotFound) as e:
        _iscg.iscg_post_add(registry, {"id": "p", "label": "P", "kind": 1, "carrier": "nobody",
                                       "work_time_bp": 10000, "police_bp": 0})
    assert (e.value.source, e.value.field) == ("p", "carrier")
    assert (e.value.line, e.value.column) == (None, None)
    with pytest.raises(iscg.NotFound) as e:
        ds.withdraw("nowhere", "etat")
    assert "nowhere" in str(e.value)
    with pytest.raises(iscg.DateError) as e:
        iscg.to_date((2023, 2, 29))
    assert str(e.value) == "2023-02-29 is not a date"


def test_dataset_errors_are_both(srcdir):
    with pytest.raises(iscg.ParseError) as e:  # caught as its status...
        iscg.load(os.path.join(srcdir, "tests", "data", "broken-truncated.json"))
    assert isinstance(e.value, iscg.DatasetError)  # ...and as a dataset error
    assert e.value.file.endswith("broken-truncated.json") and e.value.line and e.value.column
    with pytest.raises(iscg.DatasetError) as e:
        iscg.loads("[", "inline.json")
    assert e.value.file == "inline.json" and str(e.value).startswith("inline.json:1:")
    with pytest.raises(iscg.DatasetError) as e:
        _iscg.iscg_dataset_validate_string('{"format": "iscg-dataset", "version": 1, "colour": 1, "size": 2}', "x")
    assert len(e.value.errors) >= 2 and e.value.errors[0]["text"] == str(e.value)


def test_overflow_refusals_reach_python():
    """PRO-3 and RCV-4 through the report layer: a rounding unit of 5e18
    cents rounds each of a part's two 2 EUR rows up to a figure that fits, but
    their total does not. The whole period computes (the sides split to the
    cent); the year's part is listed as a failure naming the convention, and
    the receivables, which stop on a total beyond 64 bits, raise it."""
    from decimal import Decimal
    ds = iscg.Dataset.new("huge unit")
    ds.add_party("etat", "STATE", "Etat")
    ds.add_party("cc", "EPCI", "CC")
    ds.add_party("fv", "ASSOCIATION", "FV")
    ds.add_post("p", "P", carrier="fv", kind="ISG")
    huge = iscg.AllocationRule(Decimal("50000000000000000"), "UP", "NONE")
    cent = iscg.AllocationRule(iscg.CENT, "DOWN", "LARGEST_REMAINDER")
    ds.add_convention("c", "p", "2023-07-01..2024-06-30", 4, daycount="MONTHS_WHOLE", rounding=huge,
                      sides=[iscg.Side("FIPD", "FIXED", ["etat"], amount=2, split=cent),
                             iscg.Side("CC", "REMAINDER", ["cc"], split=cent)])
    whole = ds.funding()
    assert [(r.funder, r.amount_cents) for r in whole] == [("etat", 200), ("cc", 200)]
    assert len(whole.failures) == 0
    part = ds.funding(2023)
    assert len(part) == 0 and len(part.failures) == 1
    (failure,) = part.failures
    assert (failure.convention, failure.post) == ("c", "p")
    assert failure.status is iscg.Status.EOVERFLOW  # the status, as an exception's code
    assert failure.status.text == _iscg.iscg_strerror(iscg.Status.EOVERFLOW)
    assert failure.error == "convention c: the rows' total overflows 64-bit cents"
    with pytest.raises(iscg.OverflowError) as e:
        ds.receivables(2023)
    assert isinstance(e.value, OverflowError) and e.value.code == iscg.Status.EOVERFLOW
    assert e.value.source == "c" and str(e.value) == "convention c: the rows' total overflows 64-bit cents"
