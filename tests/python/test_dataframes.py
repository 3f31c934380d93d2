# SPDX-License-Identifier: Apache-2.0
"""DataFrames that behave like numbers: money as float euros beside exact
Int64 cents, dates as datetime64, enumerations as categoricals; charts,
spreadsheets and pandas.DataFrame(table) work; tables show as HTML."""

import datetime
import os
import sys
from decimal import Decimal

import pytest

import iscg

pandas = pytest.importorskip("pandas")


def test_money_is_float_euros_beside_exact_cents(ds):
    table = ds.funding(2023)
    df = table.to_dataframe()
    assert str(df["amount"].dtype) == "float64" and str(df["amount_cents"].dtype) == "Int64"
    assert list(df.columns).index("amount_cents") == list(df.columns).index("amount") + 1
    # each float is the nearest one to the exact amount; the cents are the amount
    for row, euros, cents in zip(table, df["amount"], df["amount_cents"]):
        assert euros == float(row.amount) and cents == row.amount_cents
    assert int(df["amount_cents"].sum()) == sum(row.amount_cents for row in table)
    # an amount the documents do not state is <NA> in cents and NaN in euros
    unstated = df["stated_cents"].isna()
    assert unstated.any() and df.loc[unstated, "stated"].isna().all()
    assert (df.loc[~unstated, "stated"] * 100).round().astype("int64").tolist() == \
        df.loc[~unstated, "stated_cents"].astype("int64").tolist()


def test_money_without_a_cents_column_gets_one(ds):
    df = ds.budget(2023).to_dataframe()
    row = ds.budget(2023)[0]
    for name in ("credits", "available", "proposed", "balance"):
        assert str(df[name].dtype) == "float64" and str(df[name + "_cents"].dtype) == "Int64"
        assert df[name + "_cents"].iloc[0] == getattr(row, name + "_cents")
    assert df["balance_cents"].iloc[0] == 2611300 and df["balance"].iloc[0] == 26113.0


def test_dates_enums_and_ratios(ds):
    table = ds.funding(2023)
    df = table.to_dataframe()
    assert str(df["start"].dtype) == "datetime64[ns]" and str(df["end"].dtype) == "datetime64[ns]"
    assert [t.date() for t in df["start"]] == [row.start for row in table]
    assert [t.date() for t in df["end"]] == [row.end for row in table]
    kinds = df["funder_kind"]
    assert str(kinds.dtype) == "category"
    assert list(kinds.cat.categories) == [k.label for k in iscg.PartyKind]  # every kind, in the library's order
    assert set(kinds) <= {k.label for k in iscg.PartyKind}
    deadlines = ds.deadlines("2023-09-01", "2023-12-31").to_dataframe()
    assert str(deadlines["date"].dtype) == "datetime64[ns]"
    receivables = ds.receivables(2022, "dept").to_dataframe()
    assert str(receivables["months"].dtype) == "float64" and str(receivables["absent"].dtype) == "float64"
    assert receivables["absent"].max() == 7.0  # Boulogne: absent from June


def test_unknown_dates_are_nat(ds):
    class AllClauses(iscg.Table):
        row_type = iscg.Clauses

    clauses = [c.clauses for c in ds.conventions]
    df = AllClauses(clauses).to_dataframe()
    assert str(df["request_deadline"].dtype) == "datetime64[ns]"
    unset = [c.request_deadline is None for c in clauses]
    assert any(unset) and not all(unset)  # both kinds, or the test proves nothing
    assert df["request_deadline"].isna().tolist() == unset
    assert str(df["activity_reports"].dtype) == "category" and str(df["annual_report"].dtype) == "bool"


def test_funding_plots(ds, tmp_path, monkeypatch):
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "matplotlib"))
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    df = ds.funding(2023).to_dataframe()
    by_post = df.pivot_table(index="post", columns="funder_kind", values="amount", aggfunc="sum", observed=True)
    ax = by_post.plot.bar(stacked=True)  # "no numeric data to plot" when amounts were Decimal
    heights = sorted(round(p.get_height()) for p in ax.patches if p.get_height() == p.get_height() and
                     p.get_height() > 0)
    want = sorted(round(v) for v in by_post.to_numpy().ravel() if v == v and v > 0)
    assert heights == want and len(heights) > 0
    ax.figure.savefig(str(tmp_path / "funding.png"))
    assert os.path.getsize(str(tmp_path / "funding.png")) > 0
    plt.close("all")


def test_funding_to_excel_writes_numbers_and_dates(ds, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    df = ds.funding(2023).to_dataframe().drop(columns=["explanation"])
    path = str(tmp_path / "funding.xlsx")
    df.to_excel(path, index=False, sheet_name="funding")
    sheet = openpyxl.load_workbook(path)["funding"]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert list(header) == list(df.columns) and len(body) == len(df)
    amount, cents, start = header.index("amount"), header.index("amount_cents"), header.index("start")
    for got, row in zip(body, ds.funding(2023)):
        assert type(got[amount]) in (int, float) and Decimal(repr(got[amount])) == row.amount  # a number, not text
        assert got[cents] == row.amount_cents
        assert isinstance(got[start], datetime.datetime) and got[start].date() == row.start


def test_pandas_dataframe_of_a_table(ds):
    for table in (ds.funding(2023), ds.audit(), ds.posts, ds.conventions, ds.receivables(2022),
                  ds.budget(2023), ds.deadlines("2023-09-01", "2023-12-31")):
        df = pandas.DataFrame(table)  # raised "Period.__new__() missing 'end'"
        assert len(df) == len(table), type(table).__name__
    df = pandas.DataFrame(ds.funding(2023))
    assert df["amount_cents"].sum() == sum(row.amount_cents for row in ds.funding(2023))
    assert isinstance(df["period"].iloc[0], iscg.Period)


def test_empty_table(ds):
    df = ds.receivables(2030).to_dataframe()
    assert len(df) == 0 and list(df.columns)[:2] == ["carrier", "convention"]
    assert str(df["amount_cents"].dtype) == "Int64" and str(df["amount"].dtype) == "float64"


def test_stats_frames_match_the_records_frames(ds):
    table = ds.stats(rounding="HALF_UP")
    fast, slow = table.to_dataframe(), iscg.Table.to_dataframe(table)
    for name in ("start", "end"):
        assert str(fast[name].dtype) == "datetime64[ns]"
    assert str(fast["vif_percent"].dtype) == "float64" and fast["vif_percent"].isna().any()
    pandas.testing.assert_frame_equal(fast, slow, check_dtype=False)
    sums = ds.sums().to_dataframe()
    assert str(sums["start"].dtype) == "datetime64[ns]" and str(sums["referrals"].dtype) == "Int64"


def test_every_to_dataframe_says_it_needs_pandas(ds, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    for table in (ds.funding(2023), ds.stats(rounding="HALF_UP"), ds.sums()):
        with pytest.raises(ImportError, match="needs pandas") as caught:
            table.to_dataframe()
        assert caught.value.name == "pandas"


def test_repr_html(ds, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # HTML without pandas
    table = ds.funding(2023)
    text = table._repr_html_()
    assert text.startswith("<table>") and "</table>" in text
    assert text.count("<tr>") == 1 + len(table) and "<th>amount</th>" in text and "<th>amount_cents</th>" not in text
    assert iscg.format_cents(1467000) in text  # CCSA's remainder, in the French format
    assert "UNEQUAL" in ds.audit()._repr_html_()
    assert "<caption>a &lt;b&gt;: 0 rows</caption>" in iscg.Table([], "a <b>")._repr_html_()
    many = iscg.Table([table[0]] * 100, "many")
    many.row_type = iscg.FundingRow
    html = many._repr_html_()
    assert html.count("<tr>") == 61 and "40 more rows" in html
    assert "<caption>many: 100 rows</caption>" in html
