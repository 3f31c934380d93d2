# SPDX-License-Identifier: Apache-2.0
"""Amendments (AMD-1, AMD-2) through Python: data/examples/amended-mid-year.json,
whose figures tests/check_amend.c works out by hand."""

import datetime
import os

import pytest

import iscg

EXAMPLE = os.path.join(os.environ.get("top_srcdir", "."), "data", "examples", "amended-mid-year.json")


@pytest.fixture
def amended():
    return iscg.load(EXAMPLE)


def test_amd1_amendments_read(amended):
    assert amended.amendments("vallee-2024") == [
        {"kind": "COST", "from": datetime.date(2024, 7, 1), "cost": 4500100},
        {"kind": "WITHDRAW", "from": datetime.date(2024, 7, 1), "party": "cc-vallee", "replacement": "dept"},
    ]
    with pytest.raises(iscg.NotFound):
        amended.amendments("nope")


def test_amd1_rows_add_the_segments_up(amended):
    plan = amended.plan("vallee-2024")
    cents = {(r.funder, r.replaces): r.amount_cents for r in plan}
    # Jan-Jun: 10 000 / 6 000 / 4 000; Jul-Dec: 11 250,25 / 6 750,15 / 4 500,10 (the Département's)
    assert cents == {("etat", None): 2125025, ("dept", None): 1275015, ("cc-vallee", None): 400000,
                     ("dept", "cc-vallee"): 450010}
    text = str(amended.explain("vallee-2024"))
    assert "segment 2024-01-01..2024-06-30" in text and "segment 2024-07-01..2024-12-31" in text


def test_amd1_saved_and_loaded_back(amended):
    back = iscg.loads(amended.to_json(), "copy")
    assert back.amendments("vallee-2024") == amended.amendments("vallee-2024")
    assert [r.amount_cents for r in back.plan("vallee-2024")] == [r.amount_cents for r in amended.plan("vallee-2024")]


def test_amd1_a_new_end_is_the_period_in_force():
    """An amendment that extends vallee-2024 to 30 June 2025 (AMD-1): the
    convention keeps its recorded end, is in force in 2025, and its
    deadlines (CAL-1) expire on the new end."""
    import json
    with open(EXAMPLE, encoding="utf-8") as f:
        data = json.load(f)
    data["conventions"][0]["amendments"].append({"from": "2024-10-01", "end": "2025-06-30"})
    ds = iscg.loads(json.dumps(data))
    c = ds.conventions[0]
    assert c.end == datetime.date(2024, 12, 31)
    assert c.period_in_force == iscg.Period(datetime.date(2024, 1, 1), datetime.date(2025, 6, 30))
    assert [x.id for x in ds.conventions.in_force(2025)] == ["vallee-2024"]
    assert ds.conventions.in_force(2026) == []
    expiry = [d for d in ds.deadlines("2024-01-01", "2025-12-31") if d.kind is iscg.DeadlineKind.EXPIRY]
    assert [d.date for d in expiry] == [datetime.date(2025, 6, 30)]
    # the plain example: the recorded period is the one in force
    plain = iscg.load(EXAMPLE).conventions[0]
    assert plain.period_in_force == plain.period
