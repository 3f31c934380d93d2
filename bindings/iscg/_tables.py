# SPDX-License-Identifier: Apache-2.0
"""Tables of results: sequences of rows that export themselves as plain
records (lists of dicts), as pandas DataFrames, and as HTML in notebooks."""

import datetime
import html
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Tuple

from ._enums import CEnum
from ._money import format_cents

if TYPE_CHECKING:  # pragma: no cover
    import pandas

# The rows a table shows in a notebook; to_dataframe() shows them all.
_HTML_ROWS = 60


def plain(value: Any) -> Any:
    """A value as a record holds it: enums by their library names, periods as
    text; money stays Decimal, counts int, fractions Fraction, dates date."""
    if isinstance(value, CEnum):
        return value.label
    if isinstance(value, (str, int, Decimal, Fraction, datetime.date)) or value is None:
        return value
    return str(value)


class Row:
    """A row of a table: its fields are attributes, and record() gives them
    as a dict in the table's column order."""

    __slots__ = ()
    columns = ()

    def record(self) -> Dict[str, Any]:
        """The row as a dict of plain values (see Table.to_records())."""
        return {name: plain(getattr(self, name)) for name in self.columns}


def import_pandas(what: str = "to_dataframe()") -> Any:
    """pandas, or an ImportError that says what needs it and what works
    without it."""
    try:
        import pandas
    except ImportError as e:
        raise ImportError("%s needs pandas (Debian: python3-pandas; pip: pandas); to_records() gives the same "
                          "rows as dicts without it" % what, name="pandas") from e
    return pandas


def money_columns(row_type: type) -> Dict[str, str]:
    """The money columns of a row type: each column NAME whose row holds the
    exact amount as NAME_cents, mapped to that field."""
    fields = getattr(row_type, "__dataclass_fields__", {})
    return {name: name + "_cents" for name in row_type.columns if name + "_cents" in fields}


class Table(Sequence):
    """Rows of one result, in the library's order.

    A table is a sequence (len, indexing, iteration); to_records() gives a
    list of dicts with exact values (Decimal euros beside int cents, never
    floats), to_dataframe() a pandas DataFrame whose columns are numbers that
    plot, sum and export. In a notebook, a table shows itself as HTML.

        >>> table = iscg.load().funding(2023)
        >>> table.to_records()[0]["amount"]          # exact
        Decimal('4666.00')
        >>> df = table.to_dataframe()
        >>> df.groupby("funder_kind")["amount_cents"].sum()   # exact, Int64
        >>> df.plot.bar(x="convention", y="amount")  # float euros, for display"""

    row_type = Row

    def __init__(self, rows: Iterable[Row], title: str = "") -> None:
        self._rows = tuple(rows)
        self.title = title

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index: Any) -> Any:
        return self._rows[index]

    @property
    def columns(self) -> Tuple[str, ...]:
        """The names of the record fields, in order."""
        return self.row_type.columns

    def to_records(self) -> List[Dict[str, Any]]:
        """The rows as a list of dicts, one per row, keyed by column: money
        as exact Decimal euros (and int cents), ratios as Fraction, dates as
        datetime.date, enumerations by their names."""
        return [row.record() for row in self._rows]

    def to_dataframe(self) -> "pandas.DataFrame":
        """The rows as a pandas DataFrame (Debian: python3-pandas); without
        pandas, ImportError.

        The columns are made to compute with:
        - money: NAME is float64 euros, the nearest float to the exact
          amount, for charts, display and spreadsheets; NAME_cents beside it
          is the exact amount as nullable Int64 cents, to sum and compare
          (the records keep Decimal euros);
        - counts and other integers: nullable Int64 (<NA> when unknown);
        - other exact numbers (Decimal, Fraction): float64, NaN when unknown;
        - dates: datetime64[ns] (NaT when unknown);
        - enumerations: categoricals whose categories are all the members'
          names, in the library's order;
        - flags: bool; text and explanations: str (object).

            >>> df = iscg.load().funding(2023).to_dataframe()
            >>> df.plot.bar(x="convention", y="amount", stacked=True)
            >>> df.to_excel("funding.xlsx")          # amounts as numbers
        """
        pandas = import_pandas()
        records = self.to_records()
        money = money_columns(self.row_type)
        cents_of = {cents: name for name, cents in money.items()}
        order = []
        for name in self.columns:
            if name not in order:
                order.append(name)
            if name in money and money[name] not in order:
                order.append(money[name])
        frame = {}
        for name in order:
            if name in money or name in cents_of:
                cents_name = money.get(name, name)
                cents = pandas.array([getattr(row, cents_name) for row in self._rows], dtype="Int64")
                frame[name] = cents if name == cents_name else cents.to_numpy("float64", na_value=float("nan")) / 100
                continue
            values = [r[name] for r in records]
            known = [v for v in values if v is not None]
            kinds = {type(getattr(row, name, None)) for row in self._rows} - {type(None)}
            if len(kinds) == 1 and issubclass(next(iter(kinds)), CEnum):
                labels = [member.label for member in next(iter(kinds))]
                frame[name] = pandas.Categorical(values, categories=labels)
            elif known and all(type(v) is int for v in known):
                frame[name] = pandas.array(values, dtype="Int64")
            elif known and all(type(v) is bool for v in known):
                frame[name] = pandas.array(values, dtype=bool if len(known) == len(values) else "boolean")
            elif known and all(isinstance(v, (Decimal, Fraction)) for v in known):
                frame[name] = pandas.array([float("nan") if v is None else float(v) for v in values],
                                           dtype="float64")
            elif known and all(type(v) is datetime.date for v in known):
                frame[name] = pandas.to_datetime(pandas.Series(values, dtype=object))
            else:
                frame[name] = pandas.Series(values, dtype=object)
        return pandas.DataFrame(frame, columns=order)

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks: its title, its columns and its
        first rows (money in the French format)."""
        money = money_columns(self.row_type)
        hidden = set(money.values())
        names = [n for n in self.columns if n not in hidden]
        shown = self._rows[:_HTML_ROWS]
        out = ["<table>", "<caption>%s%d row%s</caption>" % (
            html.escape("%s: " % self.title) if self.title else "", len(self), "" if len(self) == 1 else "s"),
            "<thead><tr>%s</tr></thead><tbody>" % "".join("<th>%s</th>" % html.escape(n) for n in names)]
        for row in shown:
            record = row.record()
            cells = []
            for n in names:
                if n in money:
                    cents = getattr(row, money[n])
                    text = "" if cents is None else format_cents(cents)
                    cells.append('<td style="text-align: right">%s</td>' % html.escape(text))
                else:
                    value = record[n]
                    cells.append("<td>%s</td>" % html.escape("" if value is None else str(value)))
            out.append("<tr>%s</tr>" % "".join(cells))
        out.append("</tbody></table>")
        if len(self) > len(shown):
            out.append("<p>%d more rows: to_dataframe() shows them all.</p>" % (len(self) - len(shown)))
        return "\n".join(out)

    def __repr__(self) -> str:
        head = "<%s%s: %d row%s" % (type(self).__name__, " " + repr(self.title) if self.title else "", len(self),
                                    "" if len(self) == 1 else "s")
        shown = "".join("\n  %r" % row for row in self._rows[:5])
        more = "\n  ..." if len(self) > 5 else ""
        return head + shown + more + ">"
