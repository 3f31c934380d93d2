# SPDX-License-Identifier: Apache-2.0
"""The results computed from a dataset, copied into Python objects: posts,
conventions, funding plans, receivables, audit findings and their
explanations, budget lines, deadlines, and the problems validation finds.
Each row type names its record columns; each table type its row type."""

import datetime
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from . import _iscg as _c

from ._dates import Period
from ._enums import Cadence, DayCount, DeadlineKind, FindingKind, PartyKind, PostKind, Rounding, ShareRule, Status
from ._money import AllocationRule, format_cents, from_cents, money_or_none
from ._tables import Row, Table
from ._util import error


# ---- explanations -----------------------------------------------------------

class Explanation:
    """How an amount was found (AUD-2): the rule applied, a sentence, the
    amount, and the explanations of what it was computed from.

    str() is the library's own rendering, one node a line, indented."""

    __slots__ = ("rule", "text", "amount_cents", "children", "_rendered")

    def __init__(self, node: Dict[str, Any]) -> None:
        self.rule = node["rule"] or None
        self.text = node["text"]
        self.amount_cents = node["amount"]
        self.children = tuple(Explanation(child) for child in node["children"])
        self._rendered = node["rendered"]

    @classmethod
    def from_c(cls, node: Optional[Dict[str, Any]]) -> Optional["Explanation"]:
        return None if node is None else cls(node)

    @property
    def amount(self) -> Decimal:
        """The amount explained, in Decimal euros."""
        return from_cents(self.amount_cents)

    def walk(self) -> Iterator["Explanation"]:
        """This node and all below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def __str__(self):
        return self._rendered

    def __repr__(self):
        return "<Explanation %s%s: %s>" % ("[%s] " % self.rule if self.rule else "", format_cents(self.amount_cents),
                                           self.text)

    def _repr_pretty_(self, printer, cycle):  # IPython shows the rendering
        printer.text(self._rendered.rstrip("\n"))


# ---- parties, posts, conventions ----------------------------------------------

@dataclass(frozen=True, repr=False)
class Party(Row):
    """A funder or carrier (PARTY-1)."""
    columns = ("id", "kind", "name")
    id: str
    kind: PartyKind
    name: str

    def __repr__(self):
        return "<Party %s: %s (%s)>" % (self.id, self.name, self.kind)


@dataclass(frozen=True, repr=False)
class Post(Row):
    """A post (POST-1, POST-2): its kind, its carrier, its work time."""
    columns = ("id", "label", "kind", "carrier", "carrier_name", "carrier_kind", "sites", "work_time_bp",
               "weekly_hours", "police_bp")
    id: str
    label: str
    kind: PostKind
    carrier: str
    carrier_name: str
    carrier_kind: PartyKind
    sites: Optional[str]
    work_time_bp: int
    weekly_hours: Optional[int]
    police_bp: int

    def __repr__(self):
        return "<Post %s: %s, %s carried by %s>" % (self.id, self.label, self.kind, self.carrier_name)


@dataclass(frozen=True, repr=False)
class Clauses(Row):
    """The calendar clauses of a convention (CAL-2, CAL-3, RCV-2); dates are
    None where the convention sets none."""
    columns = ("notice_months", "denunciation_months", "request_deadline", "payment_deadline", "instalments",
               "activity_reports", "interim_summaries", "annual_report", "steering_committee",
               "first_steering_months")
    notice_months: int
    denunciation_months: int
    request_deadline: object
    payment_deadline: object
    instalments: int
    activity_reports: Cadence
    interim_summaries: Cadence
    annual_report: bool
    steering_committee: bool
    first_steering_months: int

    @classmethod
    def from_c(cls, d: Dict[str, Any]) -> "Clauses":
        return cls(d["notice_months"], d["denunciation_months"],
                   d["request_deadline"] if d["has_request_deadline"] else None,
                   d["payment_deadline"] if d["has_payment_deadline"] else None, d["instalments"],
                   Cadence(d["activity_reports"]), Cadence(d["interim_summaries"]), bool(d["annual_report"]),
                   bool(d["steering_committee"]), d["first_steering_months"])

    def __repr__(self):
        return "Clauses(%s)" % ", ".join("%s=%s" % (n, getattr(self, n)) for n in self.columns)


@dataclass(frozen=True, repr=False)
class Convention(Row):
    """A convention: the post it funds, its period, the cost its plan shares
    (annual or for the whole period; None when no document states it), the
    day count and rounding it computes with, its clauses; for a grant for
    several posts (SPLIT-8), its post split and posts."""
    columns = ("id", "post", "start", "end", "cost", "cost_cents", "annual", "daycount", "rounding", "source")
    id: str
    post: str
    period: Period
    cost_cents: Optional[int]
    annual: bool
    daycount: DayCount
    rounding: AllocationRule
    source: Optional[str]
    clauses: Clauses
    post_split: str = "NONE"
    #: a grant's posts (SPLIT-8): (post id, weight or fixed amount in cents), in order; empty for one post
    posts: Tuple[Tuple[str, int], ...] = ()
    #: the period as its amendments end it (AMD-1), which the computations use; None: the recorded one
    amended_period: Optional[Period] = None

    @property
    def period_in_force(self) -> Period:
        """The period as its amendments end it (AMD-1): the recorded
        period, or a later or earlier end that an amendment gave it."""
        return self.amended_period or self.period

    @property
    def cost(self) -> Optional[Decimal]:
        """The cost in Decimal euros, or None when unknown."""
        return money_or_none(self.cost_cents)

    @property
    def start(self) -> datetime.date:
        return self.period.start

    @property
    def end(self) -> datetime.date:
        return self.period.end

    def __repr__(self):
        cost = "cost unknown" if self.cost_cents is None else "cost %s%s" % (
            format_cents(self.cost_cents), " a year" if self.annual else "")
        return "<Convention %s for %s, %s, %s (%s)>" % (self.id, self.post, self.period, cost, self.daycount)


class Catalogue(Table):
    """Rows with an id, in order of addition; catalogue["id"] finds one."""

    def __init__(self, rows: Iterable[Any], title: str = "") -> None:
        super().__init__(rows, title)
        self._by_id = {row.id: row for row in self}

    def __getitem__(self, key: Union[str, int, slice]) -> Any:
        if isinstance(key, str):
            try:
                return self._by_id[key]
            except KeyError:
                raise error(_c.NotFound, _c.ISCG_ENOTFOUND, "%s is not known" % key) from None
        return super().__getitem__(key)

    def __contains__(self, key):
        return key in self._by_id if isinstance(key, str) else super().__contains__(key)

    def get(self, key: str, default: Any = None) -> Any:
        """The row with id `key`, or `default`."""
        return self._by_id.get(key, default)

    def ids(self) -> List[str]:
        """The ids, in order."""
        return list(self._by_id)


class Parties(Catalogue):
    """The parties of a dataset."""
    row_type = Party


class Posts(Catalogue):
    """The posts of a dataset."""
    row_type = Post


class Conventions(Catalogue):
    """The conventions of a dataset."""
    row_type = Convention

    def of_post(self, post: Union[str, "Post"]) -> List["Convention"]:
        """The conventions funding `post` (an id or a Post), grants that name
        it among their posts included (SPLIT-8)."""
        post = post.id if isinstance(post, Post) else post
        return [c for c in self if c.post == post or any(p == post for p, _ in c.posts)]

    def in_force(self, year: int) -> List["Convention"]:
        """The conventions whose period, as their amendments end it
        (AMD-1), touches calendar `year`."""
        year = Period.year(year).start.year
        return [c for c in self if _c.iscg_report_period_touches(c.period_in_force, year)]


# ---- funding plans ------------------------------------------------------------

@dataclass(frozen=True, repr=False)
class FundingRow(Row):
    """One funder's computed share of one convention, with the amount the
    documents state when they state one."""
    columns = ("post", "post_label", "carrier", "carrier_name", "convention", "start", "end", "funder",
               "funder_name", "funder_kind", "side", "amount", "amount_cents", "stated", "stated_cents", "replaces",
               "explanation")
    convention: str
    period: Period
    post: str
    post_label: str
    carrier: str
    carrier_name: str
    funder: str
    funder_name: str
    funder_kind: PartyKind
    side: str
    amount_cents: int
    stated_cents: Optional[int]
    replaces: Optional[str]
    explanation: Explanation

    @property
    def amount(self) -> Decimal:
        return from_cents(self.amount_cents)

    @property
    def stated(self) -> Optional[Decimal]:
        return money_or_none(self.stated_cents)

    @property
    def start(self) -> datetime.date:
        return self.period.start

    @property
    def end(self) -> datetime.date:
        return self.period.end

    def __repr__(self):
        stated = "" if self.stated_cents is None else " (stated %s)" % format_cents(self.stated_cents)
        return "<FundingRow %s: %s pays %s for side %s%s>" % (self.convention, self.funder,
                                                             format_cents(self.amount_cents), self.side, stated)


def _row_explanation(row: FundingRow) -> Explanation:
    """A funding row's explanation: given to the constructor, or made from
    the report the row was read from the first time it is asked for."""
    d = row.__dict__
    try:
        return d["_explanation"]
    except KeyError:
        pass
    report, index = d["_explain_from"]
    explanation = Explanation.from_c(_c.report_funding_explain(report, index))
    d["_explanation"] = explanation  # two threads may both make it: the same value
    d.pop("_explain_from", None)
    return explanation


def _set_row_explanation(row: FundingRow, value: Explanation) -> None:
    row.__dict__["_explanation"] = value


def _row_state(row: FundingRow) -> Dict[str, Any]:
    """What pickle and copy keep of a funding row: its fields, the
    explanation made (the report it would be made from stays behind)."""
    _row_explanation(row)
    return {k: v for k, v in row.__dict__.items() if k != "_explain_from"}


# The field stays a dataclass field (fields(), asdict(), ==, the record);
# its value lives in the instance and is made when first read.
FundingRow.explanation = property(_row_explanation, _set_row_explanation,
                                  doc="How the amount was found (AUD-2), made when first asked for.")
FundingRow.__getstate__ = _row_state

# The rows of a report are made without the checks of the constructor: the
# library made their values. Members by value, without Enum.__call__.
_PARTY_KINDS = {int(m): m for m in PartyKind}


@dataclass(frozen=True, repr=False)
class FundingSide(Row):
    """A side of a plan: what it owes in total, and what its split left
    unallocated (drift)."""
    columns = ("name", "rule", "amount", "amount_cents", "drift", "drift_cents")
    name: str
    rule: ShareRule
    amount_cents: int
    drift_cents: int

    @property
    def amount(self) -> Decimal:
        return from_cents(self.amount_cents)

    @property
    def drift(self) -> Decimal:
        return from_cents(self.drift_cents)

    def __repr__(self):
        return "<FundingSide %s (%s): %s, drift %s>" % (self.name, self.rule, format_cents(self.amount_cents),
                                                         format_cents(self.drift_cents))


@dataclass(frozen=True, repr=False)
class FundingPost(Row):
    """One post's part of a convention that funds several posts (SPLIT-8):
    its part of the cost and of each funder's share, by funder."""
    columns = ("convention", "post", "post_label", "value", "cost", "cost_cents", "amount", "amount_cents")
    convention: str
    post: str
    post_label: str
    value: int
    cost_cents: Optional[int]
    amount_cents: int
    shares_cents: Dict[str, int]

    @property
    def cost(self) -> Optional[Decimal]:
        return money_or_none(self.cost_cents)

    @property
    def amount(self) -> Decimal:
        return from_cents(self.amount_cents)

    @property
    def shares(self) -> Dict[str, Decimal]:
        """Each funder's part for this post, in Decimal euros, by party id."""
        return {party: from_cents(c) for party, c in self.shares_cents.items()}

    def __repr__(self):
        return "<FundingPost %s %s: %s>" % (self.convention, self.post, format_cents(self.amount_cents))


class Funding(Table):
    """The computed plan of one convention: one row per funder, the sides,
    the cost over the period computed, the total and the explanation.
    funding["party-id"] is that party's row."""

    row_type = FundingRow

    def __init__(self, rows: Iterable[FundingRow], convention: str, period: Period, cost_cents: int, total_cents: int,
                 sides: Iterable[FundingSide], explanation: Optional[Explanation],
                 posts: Iterable[FundingPost] = ()) -> None:
        super().__init__(rows, convention)
        self.convention = convention
        self.posts = tuple(posts)  # SPLIT-8: empty for a convention of one post
        self.period = period
        self.cost_cents = cost_cents
        self.total_cents = total_cents
        self.sides = tuple(sides)
        self.explanation = explanation

    @property
    def cost(self) -> Decimal:
        return from_cents(self.cost_cents)

    @property
    def total(self) -> Decimal:
        return from_cents(self.total_cents)

    def __getitem__(self, key: Union[str, int, slice]) -> Any:
        if isinstance(key, str):
            for row in self:
                if row.funder == key:
                    return row
            raise error(_c.NotFound, _c.ISCG_ENOTFOUND, "%s does not fund %s" % (key, self.convention))
        return super().__getitem__(key)

    def __repr__(self):
        return "<Funding %s %s: %d funders, total %s of a cost of %s>" % (
            self.convention, self.period, len(self), format_cents(self.total_cents), format_cents(self.cost_cents))


@dataclass(frozen=True, repr=False)
class Failure(Row):
    """A convention whose plan could not be computed, and why: `status` is
    the library's status (an iscg.Status, as an exception's `code`; its
    `text` the status's description) and `error` the sentence naming the
    convention."""
    columns = ("convention", "post", "status", "error")
    convention: str
    post: str
    status: Status
    error: str

    @classmethod
    def from_c(cls, x: Dict[str, Any]) -> "Failure":
        """The failure of a report's failure row (iscg_report_*_failure_get())."""
        return cls(x["convention"], x["post"], Status(x["code"]), x["text"])

    def __repr__(self):
        return "<Failure %s: %s %s>" % (self.convention, self.status.name, self.error)


class Failures(Table):
    """Conventions whose plans could not be computed."""
    row_type = Failure


class _ReportRows(Sequence):
    """The rows of a funding report, read as columns in one C call and made
    into FundingRow objects only when they are read (each once); each row's
    explanation is made from the report when it is first asked for. The
    report keeps the registry its texts and explanations come from."""

    __slots__ = ("_report", "_columns", "_periods", "_rows", "_all")

    def __init__(self, report: Any) -> None:
        self._report = report
        self._columns = _c.report_funding_columns(report)
        self._periods = {}  # (start, end) -> Period, shared by the rows of a convention
        self._rows = [None] * len(self._columns[0])
        self._all = False  # whether every row is made

    def __len__(self) -> int:
        return len(self._rows)

    def _row(self, k: int) -> FundingRow:
        row = self._rows[k]
        if row is None:
            self._make(k, k + 1)
            row = self._rows[k]
        return row

    def _make(self, first: int, stop: int) -> None:
        """Makes the rows first..stop-1 not made yet, in one loop over the columns."""
        rows, periods, report = self._rows, self._periods, self._report
        kinds, new, setattr_ = _PARTY_KINDS, object.__new__, object.__setattr__
        whole = first == 0 and stop == len(rows)
        columns = self._columns if whole else (column[first:stop] for column in self._columns)
        for k, (convention, post, post_label, carrier, carrier_name, start, end, party, party_name, party_kind, side,
                amount, stated, replaces) in enumerate(zip(*columns), first):
            if rows[k] is not None:
                continue
            period = periods.get((start, end))
            if period is None:  # the library's own period: valid, not checked again
                period = periods[start, end] = tuple.__new__(Period, (start, end))
            row = new(FundingRow)
            setattr_(row, "__dict__", {
                "convention": convention, "period": period, "post": post, "post_label": post_label,
                "carrier": carrier, "carrier_name": carrier_name, "funder": party, "funder_name": party_name,
                "funder_kind": kinds[party_kind], "side": side, "amount_cents": amount, "stated_cents": stated,
                "replaces": replaces, "_explain_from": (report, k)})
            rows[k] = row
        if whole:
            self._all = True

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            if not self._all:
                self._make(0, len(self._rows))
            return tuple(self._rows[index])
        try:
            k = operator.index(index)
        except TypeError:
            raise TypeError("row indices must be integers or slices, not %s" % type(index).__name__) from None
        if k < 0:
            k += len(self._rows)
        if not 0 <= k < len(self._rows):
            raise IndexError("row index out of range")
        return self._row(k)

    def __iter__(self) -> Iterator[FundingRow]:
        if not self._all:  # a loop over the rows reads them all: made at once
            self._make(0, len(self._rows))
        return iter(self._rows)

    def column(self, name: str) -> List[Any]:
        """A column of plain values, without making the rows: "amount_cents",
        "stated_cents", "funder_kind" (ints)."""
        return list(self._columns[{"amount_cents": 11, "stated_cents": 12, "funder_kind": 9}[name]])


class FundingTable(Table):
    """Every funder's share in the conventions computed; `failures` lists
    the conventions whose plans could not be computed (a withdrawn required
    funder, SPLIT-6), each with the library's sentence.

    A table computed by Dataset.funding() holds the library's report: its
    rows are made when they are read, their explanations when they are
    asked for."""

    row_type = FundingRow

    def __init__(self, rows: Iterable[FundingRow], failures: Iterable["Failure"], title: str,
                 totals: Optional[Dict[PartyKind, int]], by_post: Iterable["FundingPostRow"] = ()) -> None:
        if isinstance(rows, _ReportRows):
            Table.__init__(self, (), title)
            self._rows = rows  # a sequence, as the tuple of rows Table keeps
        else:
            super().__init__(rows, title)
        self.failures = Failures(failures, "failures")
        self._totals = totals
        self.by_post = FundingByPost(by_post, "by post")  # SPLIT-8: the grants for several posts

    @classmethod
    def from_report(cls, report: Any, title: str) -> "FundingTable":
        """The table of a funding report (iscg_report_funding_compute()):
        its rows read in one call and made when read."""
        failures = []
        for k in range(_c.iscg_report_funding_failure_count(report)):
            x = _c.iscg_report_funding_failure_get(report, k)
            failures.append(Failure.from_c(x))
        by_post = []
        for k in range(_c.iscg_report_funding_post_row_count(report)):  # SPLIT-8
            x = _c.iscg_report_funding_post_row_get(report, k)
            f = x["funder"]
            by_post.append(FundingPostRow(x["convention"], x["post"], x["post_label"], f["party"], f["side"],
                                          f["amount"], x["amount"]))
        table = cls(_ReportRows(report), failures, title, None, by_post)
        table._report = report
        return table

    def __iter__(self) -> Iterator[FundingRow]:
        return iter(self._rows)  # the rows' own iterator, not one __getitem__() a row

    def _kinds(self) -> List[PartyKind]:
        rows = self._rows
        if isinstance(rows, _ReportRows):
            return sorted({_PARTY_KINDS[k] for k in rows.column("funder_kind")})
        return sorted({row.funder_kind for row in rows})

    def totals_by_kind(self) -> Dict[PartyKind, Decimal]:
        """The sum of the shares by kind of funder, in Decimal euros, for the
        kinds of funder of the rows: the library's overflow-checked totals
        (iscg_report_funding_total())."""
        if self._totals is None:
            report = self._report
            self._totals = {kind: _c.iscg_report_funding_total(report, int(kind)) for kind in PartyKind}
        return {kind: from_cents(self._totals[kind]) for kind in self._kinds()}


@dataclass(frozen=True, repr=False)
class FundingPostRow(Row):
    """A post's part of a funder's share, in a convention that funds several
    posts (SPLIT-8)."""
    columns = ("convention", "post", "post_label", "funder", "side", "share", "share_cents", "amount", "amount_cents")
    convention: str
    post: str
    post_label: str
    funder: str
    side: str
    share_cents: int
    amount_cents: int

    @property
    def share(self) -> Decimal:
        return from_cents(self.share_cents)

    @property
    def amount(self) -> Decimal:
        return from_cents(self.amount_cents)

    def __repr__(self):
        return "<FundingPostRow %s %s: %s of %s's %s>" % (self.convention, self.post, format_cents(self.amount_cents),
                                                        self.funder, format_cents(self.share_cents))


class FundingByPost(Table):
    """Each post's part of each funder's share, for the conventions that
    fund several posts (SPLIT-8)."""
    row_type = FundingPostRow


# ---- receivables, audit, budget ----------------------------------------------

@dataclass(frozen=True, repr=False)
class Receivable(Row):
    """One claim of a carrier on a co-funder for a year (RCV-1), reduced by
    the months of absence (PRO-4)."""
    columns = ("carrier", "convention", "post", "debtor", "debtor_name", "share", "share_cents", "months", "absent",
               "amount", "amount_cents", "explanation")
    carrier: str
    convention: str
    post: str
    debtor: str
    debtor_name: str
    share_cents: int
    months: Fraction
    absent: Fraction
    amount_cents: int
    explanation: Explanation

    @property
    def share(self) -> Decimal:
        return from_cents(self.share_cents)

    @property
    def amount(self) -> Decimal:
        return from_cents(self.amount_cents)

    def __repr__(self):
        return "<Receivable %s on %s for %s: %s (share %s, %s months absent of %s)>" % (
            self.carrier, self.debtor, self.convention, format_cents(self.amount_cents),
            format_cents(self.share_cents), self.absent, self.months)


class Receivables(Table):
    """The receivables (titres de recettes) of one or more carriers for a
    year; `failures` lists the conventions whose claims could not be
    computed (RCV-4: a plan that ends, SPLIT-6...), each with the library's
    sentence: their claims are in no row and in no total."""

    row_type = Receivable

    def __init__(self, rows: Iterable[Receivable], title: str = "", failures: Iterable["Failure"] = ()) -> None:
        super().__init__(rows, title)
        self.failures = Failures(failures, "failures")

    @property
    def total(self) -> Decimal:
        """Their sum, in Decimal euros."""
        return from_cents(sum(r.amount_cents for r in self))


@dataclass(frozen=True, repr=False)
class Finding(Row):
    """A difference between a stated amount and what the rule gives (AUD-1),
    with the explanation of the computed figure (AUD-2)."""
    columns = ("kind", "convention", "party", "side", "rule", "source", "rounding", "stated", "stated_cents",
               "computed", "computed_cents", "text", "explanation")
    kind: FindingKind
    convention: str
    party: Optional[str]
    side: Optional[str]
    rule: str
    source: Optional[str]
    rounding: Rounding
    stated_cents: Optional[int]
    computed_cents: int
    text: str
    explanation: Optional[Explanation]

    @property
    def stated(self) -> Optional[Decimal]:
        return money_or_none(self.stated_cents)

    @property
    def computed(self) -> Decimal:
        return from_cents(self.computed_cents)

    def __repr__(self):
        stated = "" if self.stated_cents is None else "stated %s, " % format_cents(self.stated_cents)
        return "<Finding %s %s%s: %scomputed %s>" % (self.kind, self.convention,
                                                      " " + self.party if self.party else "", stated,
                                                      format_cents(self.computed_cents))


class Audit(Table):
    """The findings of an audit: every stated amount that differs from its rule."""
    row_type = Finding


@dataclass(frozen=True, repr=False)
class BudgetItem(Row):
    """A subsidy charged to a budget line."""
    columns = ("operation", "convention", "carrier", "amount", "amount_cents")
    operation: str
    convention: str
    carrier: str
    amount_cents: int

    @property
    def amount(self) -> Decimal:
        return from_cents(self.amount_cents)

    def __repr__(self):
        return "<BudgetItem %s %s: %s>" % (self.operation, self.convention, format_cents(self.amount_cents))


@dataclass(frozen=True, repr=False)
class BudgetLine(Row):
    """A budget line of the dataset, as the documents state it (BUD-1)."""
    columns = ("operation", "imputation", "label", "payer", "year", "credits", "available", "stated_proposed",
               "source")
    operation: str
    imputation: Optional[str]
    label: Optional[str]
    payer: str
    year: int
    credits_cents: int
    available_cents: int
    stated_proposed_cents: Optional[int]
    source: Optional[str]

    @property
    def credits(self) -> Decimal:
        return from_cents(self.credits_cents)
    @property
    def available(self) -> Decimal:
        return from_cents(self.available_cents)
    @property
    def stated_proposed(self) -> Optional[Decimal]:
        return money_or_none(self.stated_proposed_cents)

    @classmethod
    def from_c(cls, b: Dict[str, Any]) -> "BudgetLine":
        line = b["line"]
        return cls(line["operation"], line["imputation"], line["label"], line["payer"], b["year"], line["credits"],
                   line["available"], b["stated_proposed"] if b["has_stated_proposed"] else None, b["source"])

    def to_c(self) -> Dict[str, Any]:
        return {"operation": self.operation, "imputation": self.imputation, "label": self.label,
                "payer": self.payer, "credits": self.credits_cents, "available": self.available_cents}

    def __repr__(self):
        return "<BudgetLine %s %d: %s available>" % (self.operation, self.year, format_cents(self.available_cents))


@dataclass(frozen=True, repr=False)
class BudgetRow(Row):
    """A budget line of the Département for a year (BUD-1): its credits,
    the subsidies proposed, the balance, and whether the credit is exceeded
    (BUD-2)."""
    columns = ("operation", "imputation", "label", "payer", "year", "credits", "available", "proposed", "balance",
               "stated_proposed", "subsidies", "exceeded")
    operation: str
    imputation: Optional[str]
    label: Optional[str]
    payer: str
    year: int
    credits_cents: int
    available_cents: int
    proposed_cents: int
    balance_cents: int
    stated_proposed_cents: Optional[int]
    subsidies: int
    exceeded: bool
    items: Tuple[BudgetItem, ...]

    @property
    def credits(self) -> Decimal:
        return from_cents(self.credits_cents)
    @property
    def available(self) -> Decimal:
        return from_cents(self.available_cents)
    @property
    def proposed(self) -> Decimal:
        return from_cents(self.proposed_cents)
    @property
    def balance(self) -> Decimal:
        return from_cents(self.balance_cents)
    @property
    def stated_proposed(self) -> Optional[Decimal]:
        return money_or_none(self.stated_proposed_cents)

    def __repr__(self):
        return "<BudgetRow %s %d: proposed %s of %s available, balance %s>" % (
            self.operation, self.year, format_cents(self.proposed_cents), format_cents(self.available_cents),
            format_cents(self.balance_cents))


class BudgetItems(Table):
    """Subsidies charged to budget lines."""
    row_type = BudgetItem


class Budget(Table):
    """The budget lines checked for their year; `items` lists the subsidies."""

    row_type = BudgetRow

    @property
    def items(self) -> BudgetItems:
        return BudgetItems([item for row in self for item in row.items], "subsidies")


@dataclass(frozen=True, repr=False)
class Deadline(Row):
    """A dated obligation of a convention (CAL-2, CAL-3, RCV-2)."""
    columns = ("date", "kind", "convention", "post", "covers")
    date: object
    kind: DeadlineKind
    convention: str
    post: str
    covers: Period

    def __repr__(self):
        return "<Deadline %s %s %s>" % (self.date.isoformat(), self.kind, self.convention)


class Deadlines(Table):
    """Deadlines of the conventions in a window, by date."""
    row_type = Deadline


@dataclass(frozen=True, repr=False)
class Problem(Row):
    """One error found in a dataset."""
    columns = ("file", "line", "column", "field", "status", "text")
    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    field: Optional[str]
    status: str
    text: str

    def __repr__(self):
        return "<Problem %s>" % self.text


class Problems(Table):
    """Errors found in a dataset."""
    row_type = Problem
