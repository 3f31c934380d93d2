# SPDX-License-Identifier: Apache-2.0
"""Building a dataset by calls (Dataset.new): a State 50 % / Département
50 % scheme for a 30 000 € post, computed by hand here, saved and loaded
back to the same figures; and each refusal, which names what is wrong and
adds nothing."""

import doctest
from decimal import Decimal

import pytest

import iscg

EURO_DOWN = iscg.AllocationRule(iscg.EURO, "DOWN", "NONE")


def scheme():
    """An association's post, funded half by the State (PERCENT) and the
    rest by the Département (REMAINDER): SPLIT-2 with a percentage."""
    ds = iscg.Dataset.new("Un schéma État / Département")
    ds.add_party("etat", "STATE", "État (FIPD)")
    ds.add_party("dept", iscg.PartyKind.DEPARTEMENT, "Département", population=1_450_000)
    ds.add_party("fv", "ASSOCIATION", "France Victimes")
    ds.add_post("isg-a", "ISG A", carrier="fv", kind="ISG", sites="Brigade A", work_time="100", weekly_hours=35)
    ds.add_convention("a-2023", "isg-a", iscg.Period.year(2023), Decimal("30000.00"), daycount="MONTHS_WHOLE",
                      rounding=EURO_DOWN, source="convention A, art. 5",
                      sides=[iscg.Side("FIPD", "PERCENT", [iscg.Funder("etat")], percent="50"),
                             {"name": "Département", "rule": "REMAINDER", "funders": ["dept"]}],
                      stated={"etat": 15000, "dept": ("15000.00", "convention A, art. 6")},
                      clauses={"notice_months": 3, "activity_reports": "MONTHLY", "annual_report": True,
                               "payment_deadline": "2023-07-31"})
    # PRO-1: 30 000 a year over September-December 2024 is 10 000, half each
    ds.add_convention("a-2024", "isg-a", "2024-09-01..2024-12-31", 30000, annual=True, daycount="MONTHS_WHOLE",
                      rounding=EURO_DOWN,
                      sides=[iscg.Side("FIPD", "PERCENT", ["etat"], percent=50),
                             iscg.Side("Département", "REMAINDER", [("dept", 1)])])
    ds.add_event("isg-a", "ABSENCE", "2023-03-01..2023-03-31", note="congé")
    ds.add_budget_line("C02-421K01", "dept", 2023, 100000, Decimal("80000"), imputation="6568//934213",
                       label="Violences intrafamiliales", stated_proposed=15000, source="rapport, art. 2")
    ds.add_activity("isg-a", "YEAR", "2022-01-01", women=30, men=8, children=2, referrals=40, vif="61",
                    carrier="ASSOCIATION", force="GENDARMERIE", territory="Artois")
    ds.add_activity_columns(post="isg-a", granularity="QUARTER", year=[2023, 2023], month=[1, 4],
                            women=[5, 6], men=[1, 2], children=[0, 1], referrals=[6, 9])
    ds.add_note("Built by calls in a test.")
    return ds


def figures(ds, convention):
    return {row.funder: row.amount for row in ds.plan(convention)}


def test_a_scheme_built_by_calls_computes_the_hand_figures():
    ds = scheme()
    assert not ds.frozen
    # SPLIT-2, SPLIT-5: 50 % of 30 000 is 15 000; the Département the rest
    assert figures(ds, "a-2023") == {"etat": Decimal("15000.00"), "dept": Decimal("15000.00")}
    ds.freeze()
    assert ds.frozen
    ds.freeze()  # twice is harmless
    # PRO-1: 30 000 × 4 / 12 = 10 000, half each
    assert figures(ds, "a-2024") == {"etat": Decimal("5000.00"), "dept": Decimal("5000.00")}
    table = ds.funding(2023)
    assert sum(row.amount for row in table) == Decimal("30000.00") and not table.failures
    assert [f for f in ds.audit() if f.convention == "a-2023"] == []  # the stated amounts agree (AUD-1)
    # BUD-1, BUD-3: the Département's subsidy to the association's post is on its line
    (line,) = ds.budget(2023)
    assert line.proposed == Decimal("15000.00") and line.balance == Decimal("65000.00") and not line.exceeded
    # the records (STAT-1): 40 + 6 + 9 referrals
    assert len(ds.activity) == 3
    assert sum(r.referrals for r in ds.activity) == 55
    post = ds.posts["isg-a"]
    assert post.carrier == "fv" and post.work_time_bp == 10000 and post.weekly_hours == 35 and post.police_bp == 0
    c = ds.conventions["a-2023"]
    assert c.clauses.notice_months == 3 and c.clauses.annual_report and c.source == "convention A, art. 5"
    assert ds.title == "Un schéma État / Département" and ds.notes == ("Built by calls in a test.",)


def test_saved_and_loaded_back_to_the_same_figures(tmp_path):
    ds = scheme()
    ds.freeze()
    path = tmp_path / "built.json"
    ds.save(path)
    back = iscg.load(path)
    assert back.frozen
    for convention in ("a-2023", "a-2024"):
        assert figures(back, convention) == figures(ds, convention)
    assert back.funding(2023).to_records() == ds.funding(2023).to_records()
    assert back.budget().to_records() == ds.budget().to_records()
    assert len(back.activity) == len(ds.activity) and back.notes == ds.notes and back.title == ds.title
    assert back.to_json() == ds.to_json()
    assert len(iscg.validate(path)) == 0


def test_computing_works_before_the_freeze_and_saving_too():
    ds = scheme()
    again = iscg.loads(ds.to_json())  # the load freezes what the builder left open
    assert again.frozen and figures(again, "a-2023") == figures(ds, "a-2023")


def test_a_frozen_dataset_takes_nothing_more():
    ds = scheme()
    ds.freeze()
    rule = EURO_DOWN
    calls = [lambda: ds.add_post("isg-b", "ISG B", carrier="fv", kind="ISG"),
             lambda: ds.add_event("isg-a", "ABSENCE", "2023-05-01..2023-05-31"),
             lambda: ds.add_convention("b", "isg-a", iscg.Period.year(2025), 1000, daycount="MONTHS_WHOLE",
                                       rounding=rule, sides=[iscg.Side("D", "REMAINDER", ["dept"])]),
             lambda: ds.add_budget_line("X", "dept", 2024, 1, 1),
             lambda: ds.add_activity("isg-a", "YEAR", "2021-01-01"),
             lambda: ds.add_activity_columns(post="isg-a", granularity="YEAR", year=[2020], month=[1]),
             lambda: ds.add_note("late")]
    for call in calls:
        with pytest.raises(iscg.StateError, match="frozen"):
            call()
    assert len(ds.conventions) == 2 and len(ds.posts) == 1 and len(ds.activity) == 3 and len(ds.notes) == 1
    with pytest.raises(iscg.StateError):
        iscg.load().add_note("a loaded dataset is frozen")


def test_a_plan_that_does_not_balance_is_refused_and_nothing_added():
    ds = scheme()
    sides = [iscg.Side("FIPD", "PERCENT", ["etat"], percent="50"),
             iscg.Side("Département", "PERCENT", ["dept"], percent="60")]
    # SPLIT-7: 110 % of the cost, named with the convention
    with pytest.raises(iscg.RangeError, match="b-2025"):
        ds.add_convention("b-2025", "isg-a", iscg.Period.year(2025), 30000, daycount="MONTHS_WHOLE",
                          rounding=EURO_DOWN, sides=sides)
    assert "b-2025" not in [c.id for c in ds.conventions]
    # a funder the dataset does not have: nothing added either
    with pytest.raises(iscg.NotFound, match="nobody"):
        ds.add_convention("b-2025", "isg-a", iscg.Period.year(2025), 30000, daycount="MONTHS_WHOLE",
                          rounding=EURO_DOWN, sides=[iscg.Side("FIPD", "PERCENT", ["nobody"], percent="50"),
                                                     iscg.Side("Département", "REMAINDER", ["dept"])])
    with pytest.raises(iscg.NotFound, match="isg-nowhere"):
        ds.add_convention("b-2025", "isg-nowhere", iscg.Period.year(2025), 30000, daycount="MONTHS_WHOLE",
                          rounding=EURO_DOWN, sides=[iscg.Side("Département", "REMAINDER", ["dept"])])
    # the same identifier, once right, is taken
    ds.add_convention("b-2025", "isg-a", iscg.Period.year(2025), 30000, daycount="MONTHS_WHOLE",
                      rounding=EURO_DOWN, sides=[sides[0], iscg.Side("Département", "REMAINDER", ["dept"])])
    assert figures(ds, "b-2025") == {"etat": Decimal("15000.00"), "dept": Decimal("15000.00")}
    with pytest.raises(iscg.DuplicateError, match="b-2025"):
        ds.add_convention("b-2025", "isg-a", iscg.Period.year(2026), 30000, daycount="MONTHS_WHOLE",
                          rounding=EURO_DOWN, sides=[iscg.Side("Département", "REMAINDER", ["dept"])])
    # a shortfall charged to the carrier balances the plan (SPLIT-7)
    ds.add_convention("c-2026", "isg-a", iscg.Period.year(2026), 30000, daycount="MONTHS_WHOLE",
                      rounding=EURO_DOWN, sides=[iscg.Side("FIPD", "FIXED", ["etat"], amount=10000)],
                      shortfall_to_carrier=True)
    assert figures(ds, "c-2026") == {"etat": Decimal("10000.00"), "fv": Decimal("20000.00")}
    ds.freeze()


def test_sides_and_funders_name_what_is_wrong():
    ds = scheme()

    def add(*sides, **options):
        ds.add_convention("d", "isg-a", iscg.Period.year(2027), 30000, daycount="MONTHS_WHOLE",
                          rounding=options.pop("rounding", EURO_DOWN), sides=list(sides), **options)

    with pytest.raises(iscg.InvalidInput) as caught:
        add(iscg.Side("FIPD", "FIXED", ["etat"]), iscg.Side("D", "REMAINDER", ["dept"]))
    assert caught.value.field == "amount"
    with pytest.raises(iscg.InvalidInput) as caught:
        add(iscg.Side("FIPD", "PERCENT", ["etat"], amount=100), iscg.Side("D", "REMAINDER", ["dept"]))
    assert caught.value.field == "percent"
    with pytest.raises(iscg.InvalidInput) as caught:
        add(iscg.Side("D", "REMAINDER", ["dept"], percent="10"))
    assert caught.value.field == "percent"
    with pytest.raises(iscg.Error) as caught:
        add(iscg.Side("FIPD", "PERCENT", ["etat"], percent="fifty"), iscg.Side("D", "REMAINDER", ["dept"]))
    assert caught.value.field == "percent"
    with pytest.raises(iscg.DuplicateError):  # a funder counted twice
        add(iscg.Side("FIPD", "PERCENT", ["etat"], percent="50"), iscg.Side("D", "REMAINDER", ["etat"]))
    with pytest.raises(iscg.WeightsError):  # funders' percentages of a side off 100 %
        add(iscg.Side("D", "REMAINDER", [iscg.Funder("dept", percent="60"), {"party": "etat", "percent": "30"}]))
    with pytest.raises(iscg.InvalidInput):  # percentages for some funders only
        add(iscg.Side("D", "REMAINDER", [iscg.Funder("dept", percent="60"), "etat"]))
    with pytest.raises(TypeError):
        add(iscg.Side("D", "REMAINDER", "dept"))
    with pytest.raises(TypeError):
        add(iscg.Side("D", "REMAINDER", [3.5]))
    with pytest.raises(TypeError):
        add("D")
    with pytest.raises(TypeError):
        add(iscg.Side("D", "REMAINDER", ["dept"], required="yes"))
    with pytest.raises(TypeError):
        add(iscg.Side("D", "REMAINDER", ["dept"]), rounding="EURO")
    with pytest.raises(TypeError):
        ds.add_convention("d", "isg-a", iscg.Period.year(2027), 30000.0, daycount="MONTHS_WHOLE",
                          rounding=EURO_DOWN, sides=[iscg.Side("D", "REMAINDER", ["dept"])])
    with pytest.raises(TypeError):
        ds.add_convention("d", "isg-a", iscg.Period.year(2027), 30000, daycount="MONTHS_WHOLE",
                          rounding=EURO_DOWN, sides=iscg.Side("D", "REMAINDER", ["dept"]))
    with pytest.raises(iscg.InvalidInput) as caught:
        add(iscg.Side("D", "REMAINDER", ["dept"]), clauses={"notice": 3})
    assert caught.value.field == "notice"
    with pytest.raises(TypeError):
        add(iscg.Side("D", "REMAINDER", ["dept"]), clauses=3)
    with pytest.raises(iscg.ParseError):  # the remainder policy is named
        add(iscg.Side("D", "REMAINDER", ["dept"]), rounding=(iscg.EURO, "DOWN", "UNSET"))
    assert "d" not in [c.id for c in ds.conventions]
    # rules as tuples and dicts, split of their own, cap and extra
    add(iscg.Side("FIPD", "FIXED", ["etat"], amount="10 000,00 €", extra=500, cap=20000,
                  split={"unit": iscg.EURO, "rounding": "DOWN", "policy": "NONE"}),
        iscg.Side("D", "REMAINDER", ["dept"], required=False), rounding=(iscg.EURO, "DOWN", "NONE"))
    # SPLIT-3: the extra goes on top; the remainder is 30 000 - 10 000
    assert figures(ds, "d") == {"etat": Decimal("10500.00"), "dept": Decimal("20000.00")}
    # SPLIT-4: a side shared by percentages, 60 % and 40 % of 30 000
    ds.add_convention("e", "isg-a", iscg.Period.year(2028), 30000, daycount="MONTHS_WHOLE", rounding=EURO_DOWN,
                      sides=[iscg.Side("D", "REMAINDER", [iscg.Funder("dept", percent="60"),
                                                          {"party": "etat", "percent": 40}])])
    assert figures(ds, "e") == {"dept": Decimal("18000.00"), "etat": Decimal("12000.00")}


def test_posts_budget_lines_and_activity_name_what_is_wrong():
    ds = scheme()
    with pytest.raises(iscg.DuplicateError):
        ds.add_party("etat", "STATE", "État")
    with pytest.raises(iscg.DuplicateError):
        ds.add_post("isg-a", "ISG A", carrier="fv", kind="ISG")
    with pytest.raises(iscg.NotFound, match="nobody"):
        ds.add_post("isg-b", "ISG B", carrier="nobody", kind="ISG")
    with pytest.raises(iscg.Error) as caught:
        ds.add_post("isg-b", "ISG B", carrier="fv", kind="ISG", work_time="120")
    with pytest.raises(iscg.NotFound):
        ds.add_event("isg-nowhere", "ABSENCE", "2023-05-01..2023-05-31")
    ds.add_post("iscg-c", "ISCG C", carrier="dept", kind="ISCG", police_share="40", work_time=80)
    assert ds.posts["iscg-c"].police_bp == 4000 and ds.posts["iscg-c"].work_time_bp == 8000
    assert ds.posts["iscg-c"].police_bp == 4000
    ds.add_post("isc-d", "ISC D", carrier="dept")
    assert ds.posts["isc-d"].police_bp == 10000
    # BUD-1: the payer is a party of the dataset, the amounts exact
    with pytest.raises(iscg.NotFound) as caught:
        ds.add_budget_line("X", "nobody", 2023, 1, 1)
    assert caught.value.field == "payer" and "nobody" in str(caught.value)
    with pytest.raises(iscg.InvalidInput) as caught:
        ds.add_budget_line("X", "dept", 0, 1, 1)
    assert caught.value.field == "year"
    with pytest.raises(TypeError):
        ds.add_budget_line("X", "dept", 2023, 1.5, 1)
    with pytest.raises(TypeError):
        ds.add_budget_line("X", "dept", "2023", 1, 1)
    assert len(ds.budget_lines) == 1
    # STAT-1, STAT-2: a post of the dataset, parts that add up, no overlap
    with pytest.raises(iscg.NotFound) as caught:
        ds.add_activity("isg-nowhere", "YEAR", "2021-01-01", referrals=3)
    assert caught.value.field == "post"
    # building reads no file: the error names the post, and is no DatasetError
    assert caught.value.source == "isg-nowhere" and not isinstance(caught.value, iscg.DatasetError)
    assert not hasattr(caught.value, "file")
    with pytest.raises(iscg.DuplicateError):
        ds.add_activity("isg-a", "YEAR", "2022-01-01", referrals=3)
    with pytest.raises(iscg.Error):
        ds.add_activity("isg-a", "YEAR", "2021-01-01", women=1, men=1, children=1, referrals=4)
    with pytest.raises(iscg.DateError):
        ds.add_activity("isg-a", "YEAR", "2021-02-31")
    with pytest.raises(iscg.InvalidInput) as caught:  # NONE is no granularity (CAL-3, STAT-1)
        ds.add_activity("isg-a", "NONE", "2021-01-01", referrals=3)
    assert caught.value.field == "granularity"
    with pytest.raises(TypeError):
        ds.add_activity("isg-a", "YEAR", "2021-01-01", women=1.0)
    with pytest.raises(iscg.NotFound, match="record 1: "):
        ds.add_activity_columns(post=["isg-a", "isg-nowhere"], granularity="YEAR", year=[2019, 2019], month=[1, 1])
    with pytest.raises(iscg.DuplicateError, match="record 0: "):  # overlaps a record held
        ds.add_activity_columns(post="isg-a", granularity="MONTH", year=[2022], month=[5])
    assert len(ds.activity) == 3  # all or nothing
    assert ds.add_activity_columns(post="isg-a", granularity="HALF_YEAR", year=[2021, 2021], month=[1, 7]) == 2
    ds.add_activity("isg-a", "MONTH", "2020-02-01", not_reported=True, site="Brigade A", note="pas de rapport")
    assert len(ds.activity) == 6
    with pytest.raises(TypeError):
        ds.add_note(3)


def test_freeze_checks_as_a_load_does():
    ds = scheme()
    ds.add_event("isg-a", "ABSENCE", "2023-12-01..2024-01-31")  # past a-2023, before a-2024
    with pytest.raises(iscg.DateError, match="isg-a"):
        ds.freeze()
    assert not ds.frozen
    with pytest.raises(iscg.DateError):
        iscg.loads(ds.to_json())  # the load refuses it alike


def test_the_example_of_new_runs():
    globs = {"iscg": iscg, "Decimal": Decimal}
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    for obj in (iscg.Dataset.new, iscg.Side, iscg.Funder):
        for test in doctest.DocTestFinder(recurse=False).find(obj, "example", globs=dict(globs)):
            assert test.examples
            runner.run(test)
    assert runner.failures == 0


def test_stated_figures_are_checked_and_saved():
    """STAT-7: the 40 referrals of 2022, the 15 of two quarters of 2023,
    and a share of 61 of 98 printed as 62.2 %."""
    ds = scheme()
    ds.add_stated_share(61, 98, "62.2", what="situations", source="annexe 1")
    ds.add_stated_total("referrals", 40, "2022-01-01", "2022-12-31", post="isg-a", granularity="YEAR",
                        what="saisines", source="annexe 1")
    ds.add_stated_total(iscg.ActivityField.REFERRALS, 15, "2023-01-01", "2023-06-30", granularity="QUARTER")
    checks = ds.stats_checks()
    assert [c.kind for c in checks] == ["total", "total", "share"]  # totals first, as a file has them
    assert [c.computed for c in checks] == [40, 15, Decimal("62.2")] and all(c.agrees for c in checks)
    with pytest.raises(iscg.RangeError) as caught:
        ds.add_stated_share(99, 98, "62.2")
    assert caught.value.field == "count"
    with pytest.raises(iscg.Error) as caught:
        ds.add_stated_share(61, 98, "100.5")
    assert caught.value.field == "percent" and len(ds.stats_checks()) == 3
    with pytest.raises(iscg.Error) as caught:
        ds.add_stated_share(61, 98, "sixty")
    assert caught.value.field == "percent"
    with pytest.raises(TypeError):
        ds.add_stated_share(61, 98, 62.2)
    with pytest.raises(iscg.InvalidInput) as caught:
        ds.add_stated_total("vif", 55, "2022-01-01", "2022-12-31")
    assert caught.value.field == "measure"
    with pytest.raises(iscg.NotFound) as caught:
        ds.add_stated_total("referrals", 55, "2022-01-01", "2022-12-31", post="isg-nowhere")
    assert caught.value.field == "post"
    with pytest.raises(iscg.DateError):
        ds.add_stated_total("referrals", 55, "2022-12-31", "2022-01-01")
    ds.add_stated_share(61, 98, Decimal("62.24"), rounding="HALF_EVEN")  # two decimals, as written
    assert ds.stats_checks()[-1].computed == Decimal("62.24") and ds.stats_checks()[-1].agrees
    ds.freeze()
    back = iscg.loads(ds.to_json())
    assert back.stats_checks() == ds.stats_checks()
    with pytest.raises(iscg.StateError):
        ds.add_stated_share(1, 2, "50")


def _by_hand_example(name):
    """The funding rows of data/examples/NAME.json, as (convention, funder, replaces, cents)."""
    import os
    ds = iscg.load(os.path.join(os.environ.get("top_srcdir", "."), "data", "examples", name + ".json"))
    return sorted((r.convention, r.funder, r.replaces or "", r.amount_cents) for r in ds.funding())


CENT_UP = iscg.AllocationRule(iscg.CENT, "HALF_UP", "NONE")


def test_amendments_built_by_calls_give_the_example_s_figures():
    """AMD-1, AMD-2: data/examples/amended-mid-year.json built by calls. The
    annual 40 000 € rises to 45 001 € from 1 July, when the communauté
    withdraws and the Département takes its part over: the State
    20 000 / 2 + 45 001 × 50 % / 2 = 10 000 + 11 250,25; the Département
    6 000 + 6 750,15 and 4 500,10 for the communauté, which pays 4 000."""
    ds = iscg.Dataset.new("avenant")
    ds.add_party("etat", "STATE", "Etat (FIPD)")
    ds.add_party("dept", "DEPARTEMENT", "Département")
    ds.add_party("cc-vallee", "EPCI", "CC")
    ds.add_party("asso", "ASSOCIATION", "Association")
    ds.add_post("isc-vallee", "ISC Vallée", carrier="asso", kind="ISC")
    ds.add_convention("vallee-2024", "isc-vallee", iscg.Period.year(2024), 40000, annual=True,
                      daycount="MONTHS_WHOLE", rounding=CENT_UP,
                      sides=[iscg.Side("FIPD", "PERCENT", ["etat"], percent="50.00", split=CENT_UP),
                             iscg.Side("Département", "PERCENT", ["dept"], percent="30.00", split=CENT_UP),
                             iscg.Side("EPCI", "REMAINDER", ["cc-vallee"], split=CENT_UP)],
                      amendments=[{"from": "2024-07-01", "cost": "45001.00"},
                                  {"from": "2024-07-01", "withdraw": "cc-vallee", "replacement": "dept"}])
    ds.freeze()
    rows = sorted((r.convention, r.funder, r.replaces or "", r.amount_cents) for r in ds.funding())
    assert rows == _by_hand_example("amended-mid-year")
    assert ("vallee-2024", "etat", "", 2125025) in rows
    assert ("vallee-2024", "dept", "cc-vallee", 450010) in rows
    assert [a["kind"] for a in ds.amendments("vallee-2024")] == ["COST", "WITHDRAW"]
    # an amendment of a side, and one outside the period: refused, nothing added
    with pytest.raises(iscg.Error):
        ds2 = iscg.Dataset.new("x")
        ds2.add_party("etat", "STATE", "Etat")
        ds2.add_party("asso", "ASSOCIATION", "Asso")
        ds2.add_post("p", "P", carrier="asso", kind="ISC")
        ds2.add_convention("c", "p", iscg.Period.year(2024), 1000, daycount="MONTHS_WHOLE", rounding=CENT_UP,
                           sides=[iscg.Side("FIPD", "REMAINDER", ["etat"], split=CENT_UP)],
                           amendments=[{"from": "2025-07-01", "cost": 2000}])
    assert len(ds2.conventions) == 0  # the refused convention was not added
    with pytest.raises(iscg.Error):
        ds2.add_convention("c", "p", iscg.Period.year(2024), 1000, daycount="MONTHS_WHOLE", rounding=CENT_UP,
                           sides=[iscg.Side("FIPD", "REMAINDER", ["etat"], split=CENT_UP)],
                           amendments=[{"from": "2024-07-01", "cost": 2000, "end": "2024-09-30"}])
    ds2.add_convention("c", "p", iscg.Period.year(2024), 1000, daycount="MONTHS_WHOLE", rounding=CENT_UP,
                       sides=[iscg.Side("FIPD", "REMAINDER", ["etat"], split=CENT_UP)],
                       amendments=[{"from": "2024-07-01", "end": "2024-09-30"}])
    # AMD-1: the period ends on 30 September; the State's whole remainder
    assert [r.amount_cents for r in ds2.funding()] == [100000]
    assert ds2.amendments("c")[0]["kind"] == "PERIOD"


def test_a_grant_for_several_posts_built_by_calls_gives_the_example_s_figures():
    """SPLIT-8: data/examples/association-three-posts.json's grant by calls,
    the same rows as the file's."""
    import json
    import os
    path = os.path.join(os.environ.get("top_srcdir", "."), "data", "examples", "association-three-posts.json")
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    conv = doc["conventions"][0]
    ds = iscg.Dataset.new("subvention")
    for p in doc["parties"]:
        ds.add_party(p["id"], p["kind"], p["name"])
    for p in doc["posts"]:
        ds.add_post(p["id"], p["label"], carrier=p["carrier"], kind=p["kind"])
    r = conv["rounding"]
    rule = iscg.AllocationRule(getattr(iscg, r["unit"]), r["mode"], r["remainder"])
    sides = []
    for s in conv["sides"]:
        sp = s["split"]
        split = iscg.AllocationRule(getattr(iscg, sp["unit"]), sp["mode"], sp["remainder"])
        sides.append(iscg.Side(s["name"], s["rule"], [f["party"] for f in s["funders"]], percent=s.get("percent"),
                               split=split))
    ds.add_convention(conv["id"], conv.get("post", conv["posts"][0]["post"]),
                      (conv["start"], conv["end"]), Decimal(conv["cost"]), daycount=conv["daycount"],
                      rounding=rule, sides=sides, post_split=conv["post_split"],
                      posts=[(p["post"], p["weight"]) for p in conv["posts"]])
    with pytest.raises(TypeError):  # posts as one string: refused, nothing added
        ds.add_convention("x", "isc-sud", iscg.Period.year(2024), 1, daycount="MONTHS_WHOLE", rounding=rule,
                          sides=sides, post_split="EQUAL", posts="isc-sud")
    ds.freeze()
    rows = sorted((r.convention, r.funder, r.replaces or "", r.amount_cents) for r in ds.funding())
    assert rows == _by_hand_example("association-three-posts")
    by_post = {(r.post, r.funder): r.amount_cents for r in ds.funding().by_post}
    # each post's parts add up to the rows (SPLIT-5: no drift under this rounding)
    assert sum(by_post.values()) == sum(r[3] for r in rows)
    assert len(ds.funding().by_post) == 3 * len(rows)
