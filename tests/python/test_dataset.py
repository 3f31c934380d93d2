# SPDX-License-Identifier: Apache-2.0
"""The embedded dataset through Python: POST-*, SPLIT-*, PRO-*, RCV-1, BUD-*,
AUD-*, CAL-2 (the figures of tests/check_funding.c and tests/check_dataset.c)."""

import datetime
import os
import sys
from decimal import Decimal
from fractions import Fraction

import pytest

import _iscg
import iscg
from conftest import eur

D = Decimal


def share(ds, convention, party):
    return ds.plan(convention)[party].amount_cents


def test_load_embedded(ds):
    assert "Pas-de-Calais" in ds.title
    assert len(ds.posts) == 14 and len(ds.activity) == 13 and len(ds.budget_lines) == 1
    assert ds.notes and all(isinstance(n, str) for n in ds.notes)
    assert ds.origin == "<embedded>"
    assert "14 posts" in repr(ds)


def test_post1_post2_posts(ds):
    posts = ds.posts
    arras = posts["iscg-arras"]
    assert arras.kind is iscg.PostKind.ISCG and arras.police_bp == 5000 and arras.weekly_hours == 38
    assert posts["isc-bethune"].work_time_bp == 8000  # PRO-5: reported, not applied
    assert "isc-lens" in posts and [p.id for p in posts][0] == "isc-bethune"
    assert "ISC Artois" in repr(posts["isc-bethune"])
    # 13 posts co-funded in 2023: 3 carried by the Département, 6 by an EPCI, 4 by France Victimes 62
    funded = {c.post for c in ds.conventions.in_force(2023)}
    assert len(funded) == 13 and "isc-lens" not in funded
    kinds = [posts[p].carrier_kind for p in funded]
    assert (kinds.count(iscg.PartyKind.DEPARTEMENT), kinds.count(iscg.PartyKind.EPCI),
            kinds.count(iscg.PartyKind.ASSOCIATION)) == (3, 6, 4)
    assert ds.party("cias-desvres").kind is iscg.PartyKind.CIAS
    with pytest.raises(iscg.NotFound):
        ds.party("nobody")
    with pytest.raises(iscg.NotFound):
        posts["nowhere"]


def test_conventions(ds):
    c = ds.conventions["osartis-2023"]
    assert c.post == "isg-osartis" and c.period == iscg.Period("2023-09-01", "2023-12-31")
    assert c.cost == D("42000.00") and c.annual and c.daycount is iscg.DayCount.MONTHS_WHOLE
    assert c.rounding.rounding is iscg.Rounding.DOWN and c.rounding.unit == iscg.EURO
    assert ds.conventions["ternois-2023"].cost is None  # no document states it
    assert {x.id for x in ds.conventions.of_post("isc-boulogne")} == {"boulogne-2022", "boulogne-2023"}


def test_split1_to_split3_shares(ds):
    for party in ("etat", "dept", "cabbalr"):
        assert share(ds, "cabbalr-isg-2023", party) == eur(14801)
    assert share(ds, "ccca-2023", "ccca") == eur(15553)
    assert share(ds, "boulogne-2023", "cab") == eur(22409)
    assert share(ds, "calais-2023", "ca-calais") == eur(11221)
    assert share(ds, "ccsa-2023", "ccsa") == eur(14670)
    assert share(ds, "ternois-2023", "dept") == eur(14333)
    assert share(ds, "cua-2023", "etat") == eur(12000)
    assert share(ds, "bethune-2023", "dept") == eur(17510)
    # SPLIT-3: the Département's extra on top
    assert share(ds, "boulogne-2023", "dept") == eur(23324)
    assert share(ds, "boulogne-2022", "dept") == eur(20960)
    assert share(ds, "le-portel-2023", "dept") == eur(20414)
    boulogne = ds.plan("boulogne-2023")
    assert boulogne.total == D("68142.00") and boulogne.cost == D("67227.00")
    # no cost printed: the carrier's remainder is not invented
    ternois = ds.plan("ternois-2023")
    assert len(ternois) == 2 and "cc-ternois" not in {r.funder for r in ternois}


def test_split4_split5_subsplits(ds):
    m = ds.plan("montreuillois-2023")
    assert [m[p].amount_cents for p in ("cc-7vallees", "cc-hautpays", "ca-2baies")] == [eur(2623), eur(1898),
                                                                                        eur(7854)]
    a = ds.plan("audomarois-2023")
    assert (a["ca-stomer"].amount, a["cc-lumbres"].amount) == (D("9639.00"), D("2214.00"))
    cso = ds.plan("calais-stomer-2023")
    assert [cso[p].amount_cents for p in ("cc-opale", "cc-audruicq", "ca-calais")] == [eur(5105), eur(5533),
                                                                                       eur(1582)]
    assert cso["ca-calais"].stated == D("1588.00")
    portel = ds.plan("le-portel-2023")
    epci = portel.sides[2]
    assert (epci.name, epci.amount, epci.drift) == ("EPCI", D("19348.00"), D("1.00"))
    assert portel["cias-desvres"].amount_cents == eur(6449)
    assert portel.total_cents + epci.drift_cents == eur(19348) * 3 + eur(1066)


def test_pro1_osartis_plan_and_explanation(ds):
    osartis = ds.plan("osartis-2023")
    assert [osartis[p].amount for p in ("etat", "dept", "osartis")] == [D("4666.00"), D("4666.00"), D("4668.00")]
    tree = osartis.explanation
    assert len(tree.children) == 3
    side = tree.children[1]
    assert side.rule == "SPLIT-2"
    prorata = side.children[0]
    assert prorata.rule == "PRO-1" and prorata.amount == D("4666.00")
    assert "x 1/3 (MONTHS_WHOLE over 2023-09-01..2023-12-31), DOWN to the euro" in prorata.text
    assert "[PRO-1] 4\u202f666\u00a0€ = 14\u202f000\u00a0€ x 1/3" in str(tree)
    assert str(iscg.explain(ds, "osartis-2023")) == str(tree)
    assert osartis["dept"].explanation.rule == "SPLIT-1"
    assert sum(1 for _ in tree.walk()) > 6


def test_rcv3_pro3_bethune_by_year(ds):
    y2022 = ds.plan("bethune-2023", year=2022, daycount=iscg.DayCount.ACT_365F)
    assert y2022["cabbalr"].amount == D("1390.00") and y2022.period.days == 29
    y2023 = ds.plan("bethune-2023", year=2023, daycount="ACT_365F")
    assert y2023["cabbalr"].amount == D("16110.00")
    with pytest.raises(iscg.RangeError):
        ds.plan("bethune-2023", year=2024, daycount="ACT_365F")
    with pytest.raises(iscg.InvalidInput, match="day count"):
        ds.plan("bethune-2023", year=2023)
    with pytest.raises(iscg.NotFound):
        ds.plan("nowhere")


def test_rcv1_pro4_boulogne_absence(ds):
    claims = iscg.receivables(ds, 2022, carrier="dept")
    boulogne = [c for c in claims if c.convention == "boulogne-2022"]
    assert len(boulogne) == 2  # FIPD and CA du Boulonnais
    for c in boulogne:
        assert c.share == D("20045.00") and c.months == 12 and c.absent == 7
        assert c.amount == D("8352.00") and c.explanation is not None
    assert all(c.debtor != "dept" for c in claims)
    assert isinstance(claims[0].months, Fraction)
    with pytest.raises(iscg.NotFound):
        ds.receivables(2022, "ghost")
    with pytest.raises(iscg.DateError):
        ds.receivables(0, "dept")
    assert len(ds.receivables(2023)) > 0


def test_bud1_bud2_budget(ds):
    (stated,) = ds.budget_lines
    assert stated.available == D("149800.00") and stated.source == "CP2023 report, art. 27"
    (line,) = ds.budget(2023)
    assert line.proposed == D("123687.00") == line.stated_proposed
    assert line.balance == D("26113.00") and not line.exceeded
    assert line.subsidies == 10 and len(line.items) == 10
    assert all(item.carrier != "dept" for item in line.items)
    # BUD-2: less credit than proposed is reported, with the excess
    tight = iscg.loads(ds.to_json().replace('"available": "149800.00"', '"available": "120000.00"'))
    (line,) = tight.budget()
    assert line.exceeded and line.balance == D("-3687.00") and line.proposed == D("123687.00")
    # the low-level call raises, and the exception carries the totals
    low = {"operation": "C02-421K01", "imputation": "6568//934213", "label": "VIF", "payer": "dept",
           "credits": eur(172500), "available": eur(120000)}
    with pytest.raises(iscg.CreditExceeded, match="3\u202f687") as e:
        _iscg.iscg_budget_check(ds._handle, low, 2023)
    totals, items = e.value.result
    assert totals["balance"] == -eur(3687) and len(items) == 10


def test_aud1_audit(ds):
    findings = iscg.audit(ds)
    assert len(findings) == 6
    kinds = sorted((f.convention, f.kind.label) for f in findings)
    assert kinds == [("bethune-2023", "UNEQUAL"), ("calais-stomer-2023", "MISMATCH"),
                     ("calais-stomer-2023", "MISMATCH"), ("calais-stomer-2023", "MISMATCH"),
                     ("calais-stomer-2023", "SIDE_SUM"), ("le-portel-2023", "DRIFT")]
    by = {(f.convention, f.kind, f.party): f for f in findings}
    calais = by["calais-stomer-2023", iscg.FindingKind.MISMATCH, "ca-calais"]
    assert (calais.stated, calais.computed, calais.rule) == (D("1588.00"), D("1582.00"), "SPLIT-4")
    assert calais.rounding is iscg.Rounding.DOWN
    side_sum = by["calais-stomer-2023", iscg.FindingKind.SIDE_SUM, None]
    assert (side_sum.stated, side_sum.computed) == (D("12219.00"), D("12220.00"))
    drift = by["le-portel-2023", iscg.FindingKind.DRIFT, None]
    assert drift.computed == D("19347.00") and drift.stated is None
    assert "1\u00a0€ unallocated" in drift.text
    unequal = by["bethune-2023", iscg.FindingKind.UNEQUAL, None]
    assert (unequal.stated, unequal.computed) == (D("17510.00"), D("17500.00"))
    assert all(f.explanation is not None and str(f.explanation) for f in findings)
    assert "[SPLIT-4]" in str(calais.explanation)


def test_split6_what_if(ds):
    ds.withdraw("ccca-2023", "etat")
    with pytest.raises(iscg.Terminated) as e:
        ds.plan("ccca-2023")
    assert "etat" in str(e.value) and "FIPD" in str(e.value)
    table = ds.funding(2023)
    assert [f.convention for f in table.failures] == ["ccca-2023"]
    ds.restore("ccca-2023", "etat")
    assert share(ds, "ccca-2023", "etat") == eur(15553)
    # another party takes the FIPD share over: the plan goes on
    ds.withdraw("ccca-2023", "etat", replacement="cabbalr")
    row = ds.plan("ccca-2023")["cabbalr"]
    assert row.amount_cents == eur(15553) and row.replaces == "etat"
    # AMD-2: a replacement that funds the plan already: its shares add up
    ds.withdraw("ccca-2023", "dept", replacement="ccca")
    rows = ds.plan("ccca-2023")
    assert sum(r.amount_cents for r in rows if r.funder == "ccca") == eur(15553) * 2
    # a new cost recomputes the remainder; a new period the prorata
    ds.set_cost("ccsa-2023", 45000)
    assert share(ds, "ccsa-2023", "ccsa") == eur(15670)
    ds.set_cost("ccsa-2023", D("20000"))
    with pytest.raises(iscg.RangeError, match="exceed the cost"):
        ds.plan("ccsa-2023")
    ds.set_period("osartis-2023", "2023-11-01..2023-12-31")
    assert share(ds, "osartis-2023", "dept") == eur(2333)
    # AMD-3: none of it changed the recorded conventions, and it is all saved
    assert ds.conventions["ccsa-2023"].cost == D("44000")
    kinds = [(w["kind"], w["convention"]) for w in ds.what_ifs]
    assert kinds == [("WITHDRAW", "ccca-2023"), ("WITHDRAW", "ccca-2023"), ("COST", "ccsa-2023"),
                     ("PERIOD", "osartis-2023")]
    again = ds.copy()
    assert again.what_ifs == ds.what_ifs
    assert share(again, "osartis-2023", "dept") == eur(2333)
    assert iscg.loads(ds.to_json()).plan("ccca-2023")["cabbalr"].replaces == "etat"
    assert not iscg.load().what_ifs


def test_amd2_dated_withdrawal_saved_and_loaded(ds, tmp_path):
    # AMD-2: the State's FIPD share of CCCA (15 553 EUR over 2023, months
    # counted whole) is withdrawn from 1 July and taken over by CABBALR: the
    # State pays 15 553 x 6/12 = 7 776.50, rounded down to the euro by the
    # convention: 7 776 EUR; CABBALR the other 7 777 EUR.
    ds.withdraw("ccca-2023", "etat", replacement="cabbalr", since="2023-07-01")
    plan = ds.plan("ccca-2023")
    assert plan["etat"].amount_cents == eur(7776)
    assert plan["cabbalr"].amount_cents == eur(7777) and plan["cabbalr"].replaces == "etat"
    assert "what-if: État (FIPD) withdrawn from 2023-07-01, replaced by CA Béthune" in str(plan.explanation)
    path = tmp_path / "what-if.json"
    ds.save(path)
    back = iscg.load(path)
    assert back.plan("ccca-2023")["cabbalr"].amount_cents == eur(7777)
    assert back.what_ifs[0]["from"] == datetime.date(2023, 7, 1)
    ds.restore("ccca-2023", "etat")
    assert share(ds, "ccca-2023", "etat") == eur(15553)
    with pytest.raises(iscg.NotFound, match="not one of its funders"):
        ds.withdraw("ccca-2023", "cab")
    assert not ds.what_ifs


def test_without_fipd_leaves_the_original_alone(ds):
    what_if = ds.without("etat")
    failed = {f.convention for f in what_if.funding(2023).failures}
    assert "ccca-2023" in failed and not ds.funding(2023).failures
    # the Département already funds them: its shares add up (AMD-2)
    both = ds.without("etat", replacement="dept").funding(2023).totals_by_kind()
    before = ds.funding(2023).totals_by_kind()
    assert both[iscg.PartyKind.DEPARTEMENT] == before[iscg.PartyKind.DEPARTEMENT] + before[iscg.PartyKind.STATE]
    ds.add_party("caf", iscg.PartyKind.OTHER, "CAF du Pas-de-Calais")
    taken_over = ds.without("etat", replacement="caf").funding(2023)
    assert not taken_over.failures and "STATE" not in {r.funder_kind.label for r in taken_over}
    assert taken_over.totals_by_kind()[iscg.PartyKind.OTHER] == ds.funding(2023).totals_by_kind()[
        iscg.PartyKind.STATE]
    with pytest.raises(iscg.DuplicateError):
        ds.add_party("caf", "OTHER", "CAF")


def test_funding_table_and_dataframes(ds):
    table = ds.funding(2023)
    assert len(table) == 44 and not table.failures
    totals = table.totals_by_kind()
    # PRO-3: 2023's part of each convention. The whole periods of the
    # conventions in force in 2023 give the State 182 944 €, of which
    # Boulogne's December 2022 (1 867 € of its 22 409 €) is not 2023's.
    assert totals[iscg.PartyKind.STATE] == D("182944.00") - D("1867.00") and totals[iscg.PartyKind.CIAS] == D("6449.00")
    boulogne = [r.amount_cents for year in (2022, 2023) for r in ds.funding(year)
                if r.convention == "boulogne-2023" and r.funder == "etat"]
    assert boulogne == [eur(1867), eur(22409) - eur(1867)]
    assert sum(boulogne) == ds.plan("boulogne-2023")["etat"].amount_cents
    # the whole periods: those of 2023 and Boulogne's 2022 convention (20 045 €)
    assert ds.funding().totals_by_kind()[iscg.PartyKind.STATE] == D("182944.00") + D("20045.00")
    assert [r.stated for r in table if r.convention == "boulogne-2023"] == [None] * 3
    assert [r.stated for r in ds.funding() if r.convention == "boulogne-2023"][0] == D("22409.00")
    records = table.to_records()
    assert records[0]["funder_kind"] == "STATE" and isinstance(records[0]["amount"], Decimal)
    assert set(records[0]) == set(table.columns)
    pandas = pytest.importorskip("pandas")
    df = table.to_dataframe()
    assert isinstance(df, pandas.DataFrame) and len(df) == 44
    assert str(df["amount_cents"].dtype) == "Int64" and df["stated_cents"].isna().any()
    assert df.loc[df.funder == "ccsa", "amount_cents"].iloc[0] == 1467000  # exact
    assert df.loc[df.funder == "ccsa", "amount"].iloc[0] == 14670.0  # for display


def test_to_dataframe_without_pandas_says_so(ds, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(ImportError, match=r"to_dataframe\(\) needs pandas .*python3-pandas.*to_records\(\)"):
        ds.audit().to_dataframe()
    got = ds.audit().to_records()
    assert isinstance(got, list) and len(got) == 6 and got[0]["kind"] == "UNEQUAL"


def test_cal2_deadlines(ds):
    dues = ds.deadlines("2023-09-01", "2023-12-31")
    ternois = [d for d in dues if d.convention == "ternois-2023" and d.kind is iscg.DeadlineKind.DENUNCIATION]
    assert [d.date.isoformat() for d in ternois] == ["2023-09-30"]
    assert list(dues) == sorted(dues, key=lambda d: (d.date, d.kind))
    assert ds.conventions["ternois-2023"].clauses.denunciation_months == 3


def test_round_trip(ds, tmp_path):
    text = ds.to_json()
    again = iscg.loads(text, "saved.json")
    assert again.to_json() == text and len(iscg.audit(again)) == 6
    path = tmp_path / "copy.json"
    again.save(path)
    assert iscg.load(path).conventions.ids() == ds.conventions.ids()
    with pytest.raises(iscg.FileError):
        again.save(tmp_path / "no" / "such" / "dir.json")


def test_dataset_errors_carry_file_line_column(srcdir):
    path = os.path.join(srcdir, "tests", "data", "broken-date.json")
    with pytest.raises(iscg.DatasetError) as e:
        iscg.load(path)
    err = e.value
    assert isinstance(err, iscg.DateError) and isinstance(err, iscg.Error)
    assert err.file == path and (err.line, err.column) == (9, 58)
    assert err.field == "posts[0].events[0].end" and err.code == iscg.Status.EDATE
    assert "2023-02-30 is not a date" in str(err)
    with pytest.raises(iscg.DatasetError) as e:
        iscg.loads('{"format": "iscg-dataset", "version": 2}', "v2.json")
    assert isinstance(e.value, iscg.RangeError) and e.value.file == "v2.json"
    with pytest.raises(iscg.DatasetError) as e:
        iscg.load(os.path.join(srcdir, "no", "such.json"))
    assert isinstance(e.value, iscg.FileError) and isinstance(e.value, OSError)


def test_validate_reports_every_error(srcdir):
    for name in sorted(os.listdir(os.path.join(srcdir, "tests", "data"))):
        path = os.path.join(srcdir, "tests", "data", name)
        with open(path, encoding="utf-8") as f:
            expected = [line.split('"x-expect": "')[1].rsplit('"', 1)[0] for line in f if '"x-expect"' in line]
        problems = iscg.validate(path)
        assert problems and any(expected[0] in p.text for p in problems), (name, problems)
    assert len(iscg.validate(os.path.join(srcdir, "data", "pas-de-calais-2023.json"))) == 0
    assert len(iscg.validate(text=iscg.load().to_json())) == 0


def test_closing(srcdir):
    with iscg.load() as d:
        assert not d.closed
    assert d.closed and "closed" in repr(d)
    with pytest.raises(iscg.StateError, match="closed"):
        d.posts


def test_aud2_every_amount_explains_itself():
    """AUD-2: plans, receivables and the audit always carry their
    explanations (there is no switch to turn them off)."""
    ds = iscg.load()
    assert not hasattr(ds, "explanations")
    assert all(r.explanation is not None for r in ds.funding())
    assert all(c.explanation is not None for c in ds.receivables(2022))
    assert ds.plan("bethune-2023").explanation is not None
    assert len(ds.audit()) == 6
