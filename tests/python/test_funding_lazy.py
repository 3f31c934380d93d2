# SPDX-License-Identifier: Apache-2.0
"""Dataset.funding() reads its report as columns in one C call and makes each
row, and each row's explanation, when it is read (the fast path). These
tests compare it with the plain path, every field of every row read through
the wrapped iscg_report_funding_row_get() and built eagerly as before, on the
embedded dataset (SPLIT-1, SPLIT-4, PRO-3, AUD-2) and on a generated dataset
of 1 000 posts, with what-ifs (AMD-2, AMD-3) and failures (SPLIT-6)."""

import copy
import json
import pickle

import pytest

import _iscg
import iscg
from iscg._dates import Period
from iscg._results import Explanation, FundingRow, FundingTable

FIELDS = [f for f in FundingRow.__dataclass_fields__]


def plain_rows(report):
    """The rows of `report` as the plain path made them: one wrapped call per
    row, every field converted at once, the explanation tree included."""
    rows = []
    for k in range(_iscg.iscg_report_funding_row_count(report)):
        r = _iscg.iscg_report_funding_row_get(report, k)
        f = r["funder"]
        rows.append(FundingRow(r["convention"], Period(*r["period"]), r["post"], r["post_label"], r["carrier"],
                               r["carrier_name"], f["party"], f["party_name"], iscg.PartyKind(f["party_kind"]),
                               f["side"], f["amount"], f["stated"] if f["has_stated"] else None, f["replaces"],
                               Explanation.from_c(f["explain"])))
    return rows


def tree(e):
    """An explanation as nested tuples of everything it shows."""
    if e is None:
        return None
    return (e.rule, e.text, e.amount_cents, str(e), tuple(tree(c) for c in e.children))


def value(row, name):
    v = getattr(row, name)
    if name == "explanation":
        return tree(v)
    return (type(v), v, tuple(type(x) for x in v) if isinstance(v, tuple) else None)


def assert_same_as_plain(table):
    """Every field of every row of `table` equals, with its type, the plain
    path's on the same report; so do the records, the totals and the frame."""
    plain = plain_rows(table._report)
    assert len(table) == len(plain)
    # explanations read first on some rows, last on others: the order does not matter
    for k in range(0, len(table), 3):
        assert tree(table[k].explanation) == tree(plain[k].explanation)
    for lazy, eager in zip(table, plain):
        assert type(lazy) is FundingRow
        for name in FIELDS:
            assert value(lazy, name) == value(eager, name), (lazy.convention, lazy.funder, name)
        assert lazy.record() == eager.record()
        assert repr(lazy) == repr(eager)
    eager = FundingTable(plain, [], table.title, {kind: _iscg.iscg_report_funding_total(table._report, int(kind))
                                                  for kind in iscg.PartyKind})
    assert table.to_records() == eager.to_records()
    assert table.totals_by_kind() == eager.totals_by_kind()
    assert table._repr_html_() == eager._repr_html_() and repr(table) == repr(eager)
    return plain


def test_the_embedded_dataset_lazy_and_plain_agree(ds):
    """SPLIT-1, SPLIT-4, PRO-3, AUD-2: each year's part and the whole periods."""
    seen = 0
    for year in [None] + ds.years("conventions") + [2031]:
        table = ds.funding(year)
        seen += len(assert_same_as_plain(table))
    assert seen >= 100
    # the seed figures (PRO-3): 2023's parts of the conventions in force, and
    # their whole periods, as bench/reference.py computes them
    assert sum(row.amount_cents for row in ds.funding(2023)) == 51881900
    in_force = {c.id for c in ds.conventions.in_force(2023)}
    assert sum(row.amount_cents for row in ds.funding(None) if row.convention in in_force) == 52449600


def test_what_ifs_and_failures_lazy_and_plain_agree(ds):
    """AMD-2, AMD-3: a withdrawn funder replaced from a date (the replacement's
    rows name whom they replace); SPLIT-6: a required funder withdrawn for the
    whole period leaves its convention uncomputable, listed in failures."""
    ds.withdraw("bethune-2023", "cabbalr", "dept", since="2023-06-01")
    ds.withdraw("bethune-2023", "etat", "dept", since="2023-06-01")
    before = len(ds.funding(2023).failures)
    table = ds.funding(2023)
    rows = assert_same_as_plain(table)
    assert any(r.replaces for r in rows) and any(r.replaces for r in table)
    for other in ds.conventions.ids():
        if other != "bethune-2023":
            ds.withdraw(other, ds.plan(other)[0].funder)
            break
    table = ds.funding(None)
    assert_same_as_plain(table)
    assert len(table.failures) >= before


def generated(posts):
    """A dataset of `posts` posts: the embedded posts and conventions copied
    under new ids, with costs moved by a few euros from copy to copy."""
    d = json.loads(iscg.load().to_json())
    base_posts, base_conventions = d["posts"], d["conventions"]
    d["posts"], d["conventions"], d["activity"], d["budget_lines"] = [], [], [], []
    for i in range(posts):
        p = dict(base_posts[i % len(base_posts)], id="p%04d" % i)
        d["posts"].append(p)
        for c in base_conventions:
            if c["post"] == base_posts[i % len(base_posts)]["id"]:
                c = json.loads(json.dumps(c))
                c["id"], c["post"] = "%s-%04d" % (c["id"], i), p["id"]
                if c.get("cost"):
                    c["cost"] = "%.2f" % (float(c["cost"]) + 7 * (i // len(base_posts)))
                c.pop("stated", None)
                d["conventions"].append(c)
    return iscg.loads(json.dumps(d))


@pytest.fixture(scope="module")
def thousand():
    return generated(1000)


def test_a_generated_dataset_of_1000_posts_lazy_and_plain_agree(thousand):
    assert len(thousand.posts) == 1000
    for year in (None, 2023):
        table = thousand.funding(year)
        assert len(table) > 1000 and not table.failures
        assert_same_as_plain(table)
        # the texts that many rows share are one object each: a party's
        # identifier and name by its address, a side's name by its text
        # (every convention holds its own copy of "FIPD")
        rows = list(table)
        for field in ("funder", "funder_name", "side"):
            assert len({id(getattr(r, field)) for r in rows}) == len({getattr(r, field) for r in rows}), field


def test_rows_are_made_once_and_read_as_a_sequence(ds):
    table = ds.funding(2023)
    n = len(table)
    assert table[0] is table[0] and table[-1] is table[n - 1] and table[:3] == tuple(table)[:3]
    assert table[::-1] == tuple(reversed(list(table))) and table[n:] == ()
    with pytest.raises(TypeError):
        table["etat"]  # as the tuple of rows it replaces
    with pytest.raises(IndexError):
        table[n]
    with pytest.raises(IndexError):
        table[-n - 1]
    with pytest.raises(TypeError):
        table[1.0]
    # rows of a convention share one Period, made without checking again
    first = table[0]
    same = [r for r in table if r.convention == first.convention]
    assert all(r.period is first.period for r in same) and type(first.period) is Period
    # the explanation is made once, then kept; it may also be given
    assert first.explanation is first.explanation
    row = table[1]
    row.__dict__.pop("_explain_from")
    object.__setattr__(row, "explanation", None)
    assert row.explanation is None
    with pytest.raises(AttributeError):
        row.amount_cents = 1  # frozen


def test_explanations_outlive_the_dataset():
    """AUD-2: a report keeps its registry; an explanation asked for after the
    dataset is closed and gone is the same as one asked for before."""
    with iscg.load() as ds:
        table = ds.funding(2023)
        before = tree(ds.funding(2023)[5].explanation)
    del ds
    assert tree(table[5].explanation) == before
    assert "SPLIT" in str(table[5].explanation) or "PRO-3" in str(table[5].explanation)


def test_the_low_level_calls_refuse_what_is_not_a_report(ds):
    with pytest.raises(TypeError):
        _iscg.report_funding_columns(None)
    with pytest.raises(TypeError):
        _iscg.report_funding_columns(ds._handle)
    report = ds.funding(2023)._report
    with pytest.raises(iscg.InvalidInput):
        _iscg.report_funding_explain(report, 10 ** 6)
    columns = _iscg.report_funding_columns(report)
    assert len(columns) == 14 and len({len(c) for c in columns}) == 1
    # the rows of a convention share its texts and dates, one object each
    same = [k for k in range(1, len(columns[0])) if columns[0][k] == columns[0][k - 1]]
    assert same and all(columns[c][k] is columns[c][k - 1] for k in same for c in (0, 1, 2, 5, 6))
    assert all(type(columns[11][k]) is int and (columns[12][k] is None or type(columns[12][k]) is int)
               for k in range(len(columns[0])))


def test_rows_copy_and_pickle_with_their_explanation(ds):
    """A row read from a report copies and pickles like one built eagerly:
    its fields and its explanation (AUD-2), made for the copy."""
    table = ds.funding(2023)
    row = table[3]
    for again in (copy.copy(row), copy.deepcopy(row), pickle.loads(pickle.dumps(row))):
        assert type(again) is FundingRow and "_explain_from" not in again.__dict__
        for name in FIELDS:
            assert value(again, name) == value(row, name)
