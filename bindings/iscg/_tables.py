"""Tables of results: sequences of rows that export themselves as plain
records (lists of dicts) or, when pandas is installed, as DataFrames."""

import datetime
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from ._enums import CEnum


def plain(value):
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

    def record(self):
        """The row as a dict of plain values (see Table.to_records())."""
        return {name: plain(getattr(self, name)) for name in self.columns}


class Table(Sequence):
    """Rows of one result, in the library's order.

    A table is a sequence (len, indexing, iteration); to_records() gives a
    list of dicts and to_dataframe() a pandas DataFrame. Money columns hold
    Decimal euros and, beside them, int cents (never floats); counts that are
    unknown are None (pandas: <NA> in an Int64 column)."""

    row_type = Row

    def __init__(self, rows, title=""):
        self._rows = tuple(rows)
        self.title = title

    def __len__(self):
        return len(self._rows)

    def __getitem__(self, index):
        return self._rows[index]

    @property
    def columns(self):
        """The names of the record fields, in order."""
        return self.row_type.columns

    def to_records(self):
        """The rows as a list of dicts, one per row, keyed by column."""
        return [row.record() for row in self._rows]

    def to_dataframe(self):
        """The rows as a pandas DataFrame when pandas is installed (Debian:
        python3-pandas); otherwise the plain records of to_records().

        Integer columns with unknown values use pandas' nullable Int64 type
        rather than turning into floats; Decimal, Fraction and date values
        are kept as they are (object columns)."""
        records = self.to_records()
        try:
            import pandas
        except ImportError:
            return records
        columns = {}
        for name in self.columns:
            values = [r[name] for r in records]
            known = [v for v in values if v is not None]
            if known and all(type(v) is int for v in known):
                columns[name] = pandas.array(values, dtype="Int64")
            elif known and all(type(v) is bool for v in known) and len(known) == len(values):
                columns[name] = pandas.array(values, dtype=bool)
            else:
                columns[name] = pandas.Series(values, dtype=object)
        return pandas.DataFrame(columns, columns=list(self.columns))

    def __repr__(self):
        head = "<%s%s: %d row%s" % (type(self).__name__, " " + repr(self.title) if self.title else "", len(self),
                                    "" if len(self) == 1 else "s")
        shown = "".join("\n  %r" % row for row in self._rows[:5])
        more = "\n  ..." if len(self) > 5 else ""
        return head + shown + more + ">"
