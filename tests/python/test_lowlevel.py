# SPDX-License-Identifier: Apache-2.0
"""The SWIG module _iscg: every public C function is bound (or left out for
a stated reason), documented from its C comment, with outputs returned and
handles owned by Python."""

import datetime
import glob
import os
import re
from fractions import Fraction

import pytest

import _iscg
import iscg

# Left out on purpose (bindings/iscg.i says why): handles are freed by
# their Python owners, a dataset stands for its registry and records,
# explanation nodes come back as whole trees, reports become exceptions.
NOT_BOUND = {
    "iscg_registry_free", "iscg_dataset_free", "iscg_funding_free", "iscg_receivables_free", "iscg_audit_free",
    "iscg_stats_free", "iscg_stats_table_free", "iscg_stats_comparison_free", "iscg_stats_publication_free",
    "iscg_stats_sums_free", "iscg_report_funding_free", "iscg_report_receivables_free",
    "iscg_report_deadlines_free", "iscg_report_budget_free", "iscg_stats_checks_free",
    "iscg_free", "iscg_error_clear", "iscg_dataset_registry", "iscg_dataset_registry_mutable", "iscg_dataset_scenario",
    "iscg_scenario_free",
    "iscg_stats_add_columns", "iscg_stats_add_columns_ext",  # Stats.from_columns(), add_columns() call them
    "iscg_dataset_stats", "iscg_explain_rule", "iscg_explain_text", "iscg_explain_amount",
    "iscg_explain_child_count", "iscg_explain_child", "iscg_explain_render", "iscg_explain_record", "iscg_report_funding_plan",
    # iscg/stats_export.h is not wrapped: StatsTable.to_columns() and StatsSums.to_columns() call it
    "iscg_stats_column_kind_name", "iscg_stats_column_kind_parse", "iscg_stats_table_column_list",
    "iscg_stats_sums_column_list", "iscg_stats_table_column_find", "iscg_stats_sums_column_find",
    "iscg_stats_table_export", "iscg_stats_sums_export", "iscg_stats_export_names_free",
}


def declared_functions(srcdir):
    names = set()
    for header in glob.glob(os.path.join(srcdir, "include", "iscg", "*.h*")):
        with open(header, encoding="utf-8") as f:
            names.update(re.findall(r"\b(iscg_[a-z][a-z0-9_]*)\(", f.read()))
    return names


def test_every_function_is_bound_or_left_out_on_purpose(srcdir):
    declared = declared_functions(srcdir)
    assert len(declared) > 100
    bound = {n for n in dir(_iscg) if n.startswith("iscg_") and callable(getattr(_iscg, n))
             and not isinstance(getattr(_iscg, n), type)}
    assert declared - NOT_BOUND == bound
    assert NOT_BOUND <= declared


def test_docstrings_come_from_the_headers():
    assert "Osartis Marquion (PRO-1)" in _iscg.iscg_prorate.__doc__
    assert "Splits ``amount`` by ``weights``" in _iscg.iscg_allocate.__doc__
    undocumented = [n for n in dir(_iscg) if n.startswith("iscg_") and callable(getattr(_iscg, n))
                    and not isinstance(getattr(_iscg, n), type) and not (getattr(_iscg, n).__doc__ or "").strip()]
    assert undocumented == []
    # the Python layer names the C functions it rests on
    assert iscg.prorate.__doc__.endswith("C: iscg_prorate().\n")  # named, not pasted (help() stays Pythonic)
    assert "Osartis Marquion (PRO-1)" in iscg.prorate.__doc__
    assert "C: iscg_audit_run()" in iscg.Dataset.audit.__doc__ and "::ISCG" not in iscg.Dataset.audit.__doc__


def test_enums_match_the_library():
    for enum in (iscg.Rounding, iscg.RemainderPolicy, iscg.DayCount, iscg.Cadence, iscg.DeadlineKind,
                 iscg.PartyKind, iscg.PostKind, iscg.ShareRule, iscg.FindingKind, iscg.Granularity,
                 iscg.ActivityField, iscg.ActivityCarrier, iscg.ActivityForce):
        for member in enum:
            assert enum.parse(member.label) is member and enum.parse(int(member)) is member
    assert [m.label for m in iscg.Rounding] == [_iscg.iscg_rounding_name(i) for i in range(_iscg.ISCG_ROUND_DOWN, _iscg.ISCG_ROUNDING_COUNT + 1)]
    assert len(iscg.Status) == 17 and iscg.Status.ECANCELED == _iscg.ISCG_ECANCELED
    assert f"{iscg.Rounding.HALF_EVEN}" == "HALF_EVEN" and repr(iscg.Rounding.DOWN) == "Rounding.DOWN"
    assert iscg.Cadence.parse("mensuel") is iscg.Cadence.MONTHLY
    with pytest.raises(iscg.InvalidInput):
        iscg.Rounding.parse(42)


def test_outputs_are_return_values():
    assert _iscg.iscg_money_add(100, 250) == 350
    assert _iscg.iscg_prorate(1400000, ((2023, 9, 1), (2023, 12, 31)), _iscg.ISCG_DAYCOUNT_MONTHS_WHOLE,
                              _iscg.ISCG_EURO, _iscg.ISCG_ROUND_DOWN) == (466600, Fraction(1, 3))
    assert _iscg.iscg_rounding_parse("truncate") == _iscg.ISCG_ROUND_DOWN
    assert _iscg.iscg_period_intersect(((2023, 1, 1), (2023, 1, 31)), ((2023, 2, 1), (2023, 2, 28))) is None
    last, expires_first = _iscg.iscg_calendar_termination_date((2023, 3, 31), 3, ((2023, 1, 1), (2023, 12, 31)))
    assert (last, expires_first) == (datetime.date(2023, 6, 30), False)
    dues = _iscg.iscg_calendar_report_dues(((2022, 12, 3), (2023, 12, 2)), _iscg.ISCG_CADENCE_MONTHLY)
    assert len(dues) == 13 and dues[0] == datetime.date(2022, 12, 31) and dues[-1] == datetime.date(2023, 12, 31)
    assert _iscg.iscg_calendar_expiring([((2023, 1, 1), (2023, 12, 31)), ((2023, 1, 1), (2023, 9, 30))],
                                        datetime.date(2023, 9, 1), 122) == [1, 0]
    assert _iscg.iscg_ratio_normalize((4, 12)) == Fraction(1, 3)
    assert _iscg.iscg_money_format(-1433350, _iscg.ISCG_MONEY_PLAIN) == "-14333.50"
    assert _iscg.iscg_date_compare((2023, 1, 2), (2023, 1, 1)) > 0
    assert _iscg.iscg_date_compare((2023, 1, 1), (2023, 1, 2)) < 0  # an order, not an error
    record = _iscg.iscg_activity_init()
    assert record["women"] is None and record["granularity"] == _iscg.ISCG_STATS_YEAR
    assert _iscg.ISCG_EURO == 100 and _iscg.ISCG_CENT == 1 and _iscg.ISCG_NO_CAP == -1


def test_a_registry_built_from_python():
    """The smallest plan of tests/check_dataset.c, through the C API: FIPD
    10 000 fixed, the CC the remainder of 30 000."""
    r = _iscg.iscg_registry_new()
    _iscg.iscg_party_add(r, "etat", _iscg.ISCG_PARTY_STATE, "Etat", _iscg.ISCG_UNKNOWN)
    _iscg.iscg_party_add(r, "cc", _iscg.ISCG_PARTY_EPCI, "CC", 12000)
    _iscg.iscg_post_add(r, {"id": "p", "label": "ISG P", "kind": _iscg.ISCG_POST_ISG, "carrier": "cc",
                            "work_time_bp": 10000, "police_bp": 0})
    rule = {"unit": _iscg.ISCG_EURO, "rounding": _iscg.ISCG_ROUND_DOWN, "policy": _iscg.ISCG_REMAINDER_NONE}
    _iscg.iscg_convention_add(r, {"id": "c", "post": "p", "period": ((2023, 1, 1), (2023, 12, 31)),
                                  "cost": 3000000, "annual": False, "daycount": _iscg.ISCG_DAYCOUNT_MONTHS_WHOLE,
                                  "rounding": rule})
    _iscg.iscg_convention_add_side(r, "c", {"name": "FIPD", "rule": _iscg.ISCG_SHARE_FIXED, "value": 1000000,
                                            "required": True, "split": rule})
    _iscg.iscg_convention_add_side(r, "c", {"name": "CC", "rule": _iscg.ISCG_SHARE_REMAINDER, "required": True,
                                            "split": rule})
    _iscg.iscg_convention_add_funder(r, "c", "FIPD", "etat", 1)
    _iscg.iscg_convention_add_funder(r, "c", "CC", "cc", 1)
    _iscg.iscg_registry_validate(r)
    f = _iscg.iscg_funding_compute(r, "c")
    row = _iscg.iscg_funding_row_get(f, _iscg.iscg_funding_find(f, "cc"))
    assert row["amount"] == 2000000 and row["party_kind"] == _iscg.ISCG_PARTY_EPCI
    assert row["explain"]["rule"] and row["explain"]["rendered"].startswith("[")
    assert _iscg.iscg_convention_get(r, "c")["cost"] == 3000000
    post = _iscg.iscg_post_get(r, "p")
    assert post["weekly_hours"] is None and post["sites"] is None  # ISCG_POST_SPEC_INIT's, and NULL
    assert _iscg.iscg_party_get(r, "cc") == (_iscg.ISCG_PARTY_EPCI, "CC")
    with pytest.raises(iscg.NotFound):
        _iscg.iscg_funding_find(f, "nobody")


def test_structures_are_checked_as_dicts():
    """SWIG wraps the structures: a dict sets the fields it names, through
    the accessors SWIG made, over the structure's _INIT value."""
    r = _iscg.iscg_registry_new()
    _iscg.iscg_party_add(r, "cc", _iscg.ISCG_PARTY_EPCI, "CC", _iscg.ISCG_UNKNOWN)
    post = {"id": "p", "label": "P", "kind": _iscg.ISCG_POST_ISG, "carrier": "cc", "work_time_bp": 10000,
            "police_bp": 0}
    with pytest.raises(TypeError, match="has no field 'colour'"):
        _iscg.iscg_post_add(r, dict(post, colour="red"))
    with pytest.raises(TypeError, match="iscg_post_spec.kind: "):
        _iscg.iscg_post_add(r, dict(post, kind="ISG"))
    with pytest.raises(OverflowError, match="iscg_post_spec.work_time_bp"):
        _iscg.iscg_post_add(r, dict(post, work_time_bp=2 ** 40))
    with pytest.raises(TypeError, match="iscg_post_spec.cost|has no field 'cost'"):
        _iscg.iscg_post_add(r, dict(post, cost=1))
    with pytest.raises(TypeError):
        _iscg.iscg_post_add(r, [("id", "p")])
    with pytest.raises(iscg.InvalidInput):
        _iscg.iscg_post_add(r, dict(post, id=None))  # NULL: the library says what is missing
    with pytest.raises(iscg.InvalidInput, match="police share of 10000"):
        _iscg.iscg_post_add(r, {k: v for k, v in post.items() if k != "police_bp"})  # ISCG_POST_SPEC_INIT's 100 %
    _iscg.iscg_post_add(r, post)
    assert _iscg.iscg_post_get(r, "p")["police_bp"] == 0
    # the classes SWIG made, one per structure of the headers; a field named
    # after a Python keyword keeps its C name in the dicts
    assert isinstance(_iscg.iscg_post_spec(), object) and _iscg.iscg_post_spec().weekly_hours is None
    assert "from" in _iscg.iscg_scenario_get(_with_whatif(), 0)


def _with_whatif():
    s = _iscg.iscg_scenario_new()
    _iscg.iscg_scenario_add(s, {"kind": _iscg.ISCG_WHATIF_WITHDRAW, "convention": "c", "party": "p",
                                "from": datetime.date(2023, 7, 1)})
    return s


def test_statistics_from_python_records():
    s = _iscg.iscg_stats_new()
    record = _iscg.iscg_activity_init()
    record.update(post="ISG Ternoiscom", period=((2022, 1, 1), (2022, 12, 31)), women=150, men=60, children=35,
                  referrals=245)
    _iscg.iscg_stats_add(s, record)
    with pytest.raises(iscg.TotalError):
        _iscg.iscg_stats_add(s, dict(record, post="other", referrals=246))
    with pytest.raises(iscg.DuplicateError):
        _iscg.iscg_stats_add(s, record)
    table = _iscg.iscg_stats_aggregate(s, _iscg.ISCG_STATS_BY_ALL, _iscg.ISCG_STATS_YEAR, _iscg.ISCG_ROUND_HALF_UP)
    row = _iscg.iscg_stats_table_row(table, 0)
    assert row["count"][_iscg.ISCG_ACTIVITY_REFERRALS]["value"] == 245
    assert _iscg.iscg_stats_table_row(table, 1) is None
    assert _iscg.iscg_stats_get(s, 0)["women"] == 150
    publication = _iscg.iscg_stats_publish(table, 50)
    cell = _iscg.iscg_stats_publication_row(publication, 0)["cell"][_iscg.ISCG_ACTIVITY_CHILDREN]
    assert cell["state"] == _iscg.ISCG_STATS_CELL_SUPPRESSED and cell["value"] == 0
    assert _iscg.iscg_stats_publication_suppressed(publication) >= 1
    assert _iscg.iscg_stats_change_rate(245, 268, _iscg.ISCG_ROUND_HALF_UP) == 939


def test_handles_are_owned_and_typed():
    ds = _iscg.iscg_dataset_load_embedded()
    assert type(ds).__name__ == "iscg_dataset"
    f = _iscg.iscg_funding_compute(ds, "osartis-2023")
    assert type(f).__name__ == "iscg_funding"
    assert _iscg.iscg_funding_total(f) == 1400000
    assert not any(hasattr(_iscg, n) for n in NOT_BOUND)
    with pytest.raises(TypeError, match="iscg_funding is expected"):
        _iscg.iscg_funding_total(ds)
    with pytest.raises(TypeError):
        _iscg.iscg_audit_run(f)


def test_results_keep_their_source_and_notice_changes():
    ds = _iscg.iscg_dataset_load_embedded()
    f = _iscg.iscg_funding_compute(ds, "ccca-2023")
    a = _iscg.iscg_audit_run(ds)
    t = _iscg.iscg_stats_aggregate(ds, _iscg.ISCG_STATS_BY_ALL, _iscg.ISCG_STATS_YEAR, _iscg.ISCG_ROUND_HALF_UP)
    del ds  # the results hold the dataset whose strings they point into
    assert _iscg.iscg_funding_row_get(f, 0)["party"] == "etat"
    assert _iscg.iscg_audit_count(a) == 6
    # a loaded registry is frozen; one being built refuses changes while a
    # result computed from it lives, and takes them again once it is gone
    source = _iscg.iscg_dataset_load_embedded()
    assert _iscg.iscg_registry_frozen(source) == 1
    with pytest.raises(iscg.StateError, match="the registry is frozen"):
        _iscg.iscg_convention_withdraw(source, "ccca-2023", "etat", None)
    built = _iscg.iscg_registry_new()
    _iscg.iscg_party_add(built, "cc", _iscg.ISCG_PARTY_EPCI, "CC", _iscg.ISCG_UNKNOWN)
    g = _iscg.iscg_receivables_new(built, "cc", 2023)
    with pytest.raises(iscg.StateError, match="1 result computed from the registry still points into it"):
        _iscg.iscg_party_add(built, "etat", _iscg.ISCG_PARTY_STATE, "Etat", _iscg.ISCG_UNKNOWN)
    del g
    _iscg.iscg_party_add(built, "etat", _iscg.ISCG_PARTY_STATE, "Etat", _iscg.ISCG_UNKNOWN)
    assert _iscg.iscg_registry_party_count(built) == 2
    assert _iscg.iscg_stats_table_count(t) == 1  # tables own what they point to


def test_receivables_from_computed_parts():
    # RCV-1, PRO-4: Boulogne's 2022 part added to the Département's 2022
    # receivables gives the claims iscg_receivables_compute() finds:
    # 20 045 x 5/12 = 8 352 on each of the FIPD and the CA
    ds = _iscg.iscg_dataset_load_embedded()
    convention = _iscg.iscg_convention_get(ds, "boulogne-2022")
    whole = _iscg.iscg_funding_compute(ds, "boulogne-2022")
    part = _iscg.iscg_funding_compute_part(whole, 2022, convention["daycount"])
    rv = _iscg.iscg_receivables_new(ds, "dept", 2022)
    _iscg.iscg_receivables_add_part(rv, part)
    claims = [_iscg.iscg_receivables_get(rv, i) for i in range(_iscg.iscg_receivables_count(rv))]
    assert [(c["debtor"], c["share"], c["amount"]) for c in claims] == [("etat", 2004500, 835200),
                                                                       ("cab", 2004500, 835200)]
    assert _iscg.iscg_receivables_total(rv) == 2 * 835200
    everything = _iscg.iscg_receivables_compute(ds, "dept", 2022)
    assert _iscg.iscg_receivables_total(everything) == _iscg.iscg_receivables_total(rv)
    with pytest.raises(iscg.DuplicateError, match="added to the receivables of dept already"):
        _iscg.iscg_receivables_add_part(rv, part)
    with pytest.raises(iscg.InvalidInput, match="its whole period, not its part in 2022"):
        _iscg.iscg_receivables_add_part(rv, whole)
    with pytest.raises(iscg.InvalidInput, match="carried by dept, not by etat"):
        _iscg.iscg_receivables_add_part(_iscg.iscg_receivables_new(ds, "etat", 2022), part)
    assert _iscg.iscg_receivables_count(rv) == 2
