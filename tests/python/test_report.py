# SPDX-License-Identifier: Apache-2.0
"""The report layer through the Python package: identifiers that can be
listed, the years of a dataset, and the tables Dataset builds from the
library's reports (iscg/report.h) rather than from its own loops."""
import os
from decimal import Decimal as D

import pytest
import _iscg
import iscg
from conftest import eur


def test_parties_are_listed(ds):
    parties = ds.parties
    assert len(parties) == 20 and parties.ids()[:2] == ["etat", "dept"]
    assert parties["dept"].name == "Département du Pas-de-Calais"
    assert parties["etat"].kind is iscg.PartyKind.STATE
    # every carrier and funder is one of them
    assert {p.carrier for p in ds.posts} <= set(parties.ids())
    assert {r.funder for r in ds.funding()} <= set(parties.ids())
    assert _iscg.iscg_registry_party_id(ds._handle, 20) is None


def test_years_of_a_dataset(ds):
    # Béthune and Boulogne start in December 2022; the activity is of 2022
    assert ds.years() == [2022, 2023]
    assert ds.years("conventions") == [2022, 2023]
    assert ds.years("budget") == [2023] and ds.years("activity") == [2022]
    assert ds.years(["budget", "activity"]) == [2022, 2023]
    assert ds.latest_year() == 2023 and ds.latest_year("activity") == 2022
    with pytest.raises(iscg.InvalidInput):
        ds.years("money")
    with pytest.raises(iscg.InvalidInput):
        ds.years([])
    empty = iscg.loads('{"format": "iscg-dataset", "version": 1, "title": "empty"}')
    assert empty.years() == []
    with pytest.raises(iscg.NotFound, match="no conventions"):
        empty.latest_year("conventions")


def test_carriers_and_their_receivables(ds):
    carriers = _iscg.iscg_report_carriers(ds._handle)
    assert carriers[0] == "dept" and len(carriers) == len(set(carriers))
    every = ds.receivables(2023)
    assert list(dict.fromkeys(c.carrier for c in every)) == [c for c in carriers
                                                             if any(r.carrier == c for r in every)]
    dept = ds.receivables(2023, "dept")
    key = lambda c: (c.carrier, c.convention, c.debtor, c.amount_cents)  # noqa: E731
    assert [key(c) for c in every if c.carrier == "dept"] == [key(c) for c in dept] != []


def test_a_failed_plan_is_listed(ds):
    ds.withdraw("ccca-2023", "etat")
    table = ds.funding(2023)
    (failure,) = table.failures
    assert failure.convention == "ccca-2023" and failure.post == "isg-avesnes"
    assert failure.status is iscg.Status.ETERMINATED and "ccca-2023" in failure.error
    assert failure.status.text == _iscg.iscg_strerror(_iscg.ISCG_ETERMINATED)
    # a record, a CSV cell or a DataFrame gives the status by its name
    assert table.failures[0].record()["status"] == "ETERMINATED"
    assert "ETERMINATED" in repr(failure)


def test_receivables_list_the_conventions_they_cannot_claim(ds, srcdir):
    # RCV-4: the claims of a convention whose plan ends are in no row and no
    # total; the failure says so, as the command's "cannot be claimed" line
    before = ds.receivables(2023, "cabbalr")
    assert not before.failures
    ds.withdraw("ccca-2023", "etat")
    after = ds.receivables(2023)
    (failure,) = after.failures
    assert failure.convention == "ccca-2023" and failure.post == "isg-avesnes"
    assert failure.status is iscg.Status.ETERMINATED and "FIPD" in failure.error
    assert all(c.convention != "ccca-2023" for c in after)
    # an identifier longer than an error's source holds is found all the same
    long_id = iscg.load(os.path.join(srcdir, "fuzz", "corpus", "dataset", "finding-long-convention-id.json"))
    claims = long_id.receivables(2023)
    (failure,) = claims.failures
    assert len(claims) == 0 and len(failure.convention) == 126 and failure.convention.endswith("QQ023")
    assert failure.error.count("convention cabbalr") == 1 and "all 1 weights are zero" in failure.error


def test_audit_says_which_findings_state_a_figure(ds):
    audit = ds.audit()
    drift = [f for f in audit if f.kind is iscg.FindingKind.DRIFT]
    assert len(drift) == 1 and drift[0].stated is None
    assert all(f.stated is not None for f in audit if f.kind is iscg.FindingKind.MISMATCH)


def test_budget_exceeded_is_a_row(ds):
    (line,) = ds.budget()
    assert line.proposed == D("123687.00") and not line.exceeded
    assert sum(i.amount_cents for i in line.items) == line.proposed_cents
    assert len(ds.budget(2022)) == 0
    tight = iscg.loads(ds.to_json().replace('"available": "149800.00"', '"available": "100000.00"'))
    (line,) = tight.budget(2023)
    assert line.exceeded and line.balance_cents == eur(100000) - eur(123687)


def test_deadlines_window(ds):
    dues = ds.deadlines("2023-09-01", "2023-09-30")
    assert dues[0].convention == "ternois-2023" and dues[0].date.isoformat() == "2023-09-30"
    assert len(ds.deadlines("2023-09-01", "2023-09-01")) == 0
    with pytest.raises(iscg.InvalidInput, match="before it starts"):
        ds.deadlines("2023-09-02", "2023-09-01")


def test_funding_of_a_post(ds):
    report = _iscg.iscg_report_funding_of_post(ds._handle, None, "isc-boulogne", 0)
    assert _iscg.iscg_report_funding_convention_count(report) == 2
    assert {_iscg.iscg_report_funding_row_get(report, k)["convention"]
            for k in range(_iscg.iscg_report_funding_row_count(report))} == {"boulogne-2022", "boulogne-2023"}
    with pytest.raises(iscg.NotFound):
        _iscg.iscg_report_funding_of_post(ds._handle, None, "nowhere", 0)
