"""Datasets and what is computed from them: posts, conventions, funding
plans, receivables, the budget line, the audit and its explanations, the
calendar of deadlines.

A Dataset owns the library's handle and frees it when it is closed or
collected; every result is copied into Python objects when it is computed,
so results stay valid after the dataset is closed or changed."""

import os
from dataclasses import dataclass
from fractions import Fraction
from typing import Optional, Tuple

import _iscg as _c

from . import _stats
from ._dates import Period, to_date, to_period
from ._enums import (Cadence, DayCount, DeadlineKind, FindingKind, Granularity, GroupBy, PartyKind, PostKind,
                     Rounding, ShareRule)
from ._money import AllocationRule, format_cents, from_cents, money_or_none, to_cents
from ._tables import Row, Table
from ._util import c_doc, check_int, check_str, error, invalid


# ---- explanations -----------------------------------------------------------

class Explanation:
    """How an amount was found (AUD-2): the rule applied, a sentence, the
    amount, and the explanations of what it was computed from.

    str() is the library's own rendering, one node a line, indented."""

    __slots__ = ("rule", "text", "amount_cents", "children", "_rendered")

    def __init__(self, node):
        self.rule = node["rule"] or None
        self.text = node["text"]
        self.amount_cents = node["amount"]
        self.children = tuple(Explanation(child) for child in node["children"])
        self._rendered = node["rendered"]

    @classmethod
    def from_c(cls, node):
        return None if node is None else cls(node)

    @property
    def amount(self):
        """The amount explained, in Decimal euros."""
        return from_cents(self.amount_cents)

    def walk(self):
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
    def from_c(cls, d):
        return cls(d["notice_months"], d["denunciation_months"],
                   d["request_deadline"] if d["has_request_deadline"] else None,
                   d["payment_deadline"] if d["has_payment_deadline"] else None, d["instalments"],
                   Cadence(d["activity_reports"]), Cadence(d["interim_summaries"]), d["annual_report"],
                   d["steering_committee"], d["first_steering_months"])

    def __repr__(self):
        return "Clauses(%s)" % ", ".join("%s=%s" % (n, getattr(self, n)) for n in self.columns)


@dataclass(frozen=True, repr=False)
class Convention(Row):
    """A convention: the post it funds, its period, the cost its plan shares
    (annual or for the whole period; None when no document states it), the
    day count and rounding it computes with, its clauses."""
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

    @property
    def cost(self):
        """The cost in Decimal euros, or None when unknown."""
        return money_or_none(self.cost_cents)

    @property
    def start(self):
        return self.period.start

    @property
    def end(self):
        return self.period.end

    def __repr__(self):
        cost = "cost unknown" if self.cost_cents is None else "cost %s%s" % (
            format_cents(self.cost_cents), " a year" if self.annual else "")
        return "<Convention %s for %s, %s, %s (%s)>" % (self.id, self.post, self.period, cost, self.daycount)


class Catalogue(Table):
    """Rows with an id, in order of addition; catalogue["id"] finds one."""

    def __init__(self, rows, title=""):
        super().__init__(rows, title)
        self._by_id = {row.id: row for row in self}

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                return self._by_id[key]
            except KeyError:
                raise error(_c.NotFound, _c.ISCG_ENOTFOUND, "%s is not known" % key) from None
        return super().__getitem__(key)

    def __contains__(self, key):
        return key in self._by_id if isinstance(key, str) else super().__contains__(key)

    def get(self, key, default=None):
        """The row with id `key`, or `default`."""
        return self._by_id.get(key, default)

    def ids(self):
        """The ids, in order."""
        return list(self._by_id)


class Posts(Catalogue):
    """The posts of a dataset."""
    row_type = Post


class Conventions(Catalogue):
    """The conventions of a dataset."""
    row_type = Convention

    def of_post(self, post):
        """The conventions funding `post` (an id or a Post)."""
        post = post.id if isinstance(post, Post) else post
        return [c for c in self if c.post == post]

    def in_force(self, year):
        """The conventions whose period touches calendar `year`."""
        year = Period.year(year)
        return [c for c in self if c.period.intersect(year) is not None]


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
    def amount(self):
        return from_cents(self.amount_cents)

    @property
    def stated(self):
        return money_or_none(self.stated_cents)

    @property
    def start(self):
        return self.period.start

    @property
    def end(self):
        return self.period.end

    def __repr__(self):
        stated = "" if self.stated_cents is None else " (stated %s)" % format_cents(self.stated_cents)
        return "<FundingRow %s: %s pays %s for side %s%s>" % (self.convention, self.funder,
                                                             format_cents(self.amount_cents), self.side, stated)


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
    def amount(self):
        return from_cents(self.amount_cents)

    @property
    def drift(self):
        return from_cents(self.drift_cents)

    def __repr__(self):
        return "<FundingSide %s (%s): %s, drift %s>" % (self.name, self.rule, format_cents(self.amount_cents),
                                                         format_cents(self.drift_cents))


class Funding(Table):
    """The computed plan of one convention: one row per funder, the sides,
    the cost over the period computed, the total and the explanation.
    funding["party-id"] is that party's row."""

    row_type = FundingRow

    def __init__(self, rows, convention, period, cost_cents, total_cents, sides, explanation):
        super().__init__(rows, convention)
        self.convention = convention
        self.period = period
        self.cost_cents = cost_cents
        self.total_cents = total_cents
        self.sides = tuple(sides)
        self.explanation = explanation

    @property
    def cost(self):
        return from_cents(self.cost_cents)

    @property
    def total(self):
        return from_cents(self.total_cents)

    def __getitem__(self, key):
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
    """A convention whose plan could not be computed, and why."""
    columns = ("convention", "post", "status", "error")
    convention: str
    post: str
    status: str
    error: str

    def __repr__(self):
        return "<Failure %s: %s>" % (self.convention, self.error)


class Failures(Table):
    """Conventions whose plans could not be computed."""
    row_type = Failure


class FundingTable(Table):
    """Every funder's share in the conventions computed; `failures` lists
    the conventions whose plans could not be computed (a withdrawn required
    funder, SPLIT-6), each with the library's sentence."""

    row_type = FundingRow

    def __init__(self, rows, failures, title=""):
        super().__init__(rows, title)
        self.failures = Failures(failures, "failures")

    def totals_by_kind(self):
        """The sum of the shares by kind of funder, in Decimal euros."""
        totals = {}
        for row in self:
            totals[row.funder_kind] = totals.get(row.funder_kind, 0) + row.amount_cents
        return {kind: from_cents(totals[kind]) for kind in sorted(totals)}


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
    def share(self):
        return from_cents(self.share_cents)

    @property
    def amount(self):
        return from_cents(self.amount_cents)

    def __repr__(self):
        return "<Receivable %s on %s for %s: %s (share %s, %s months absent of %s)>" % (
            self.carrier, self.debtor, self.convention, format_cents(self.amount_cents),
            format_cents(self.share_cents), self.absent, self.months)


class Receivables(Table):
    """The receivables (titres de recettes) of one or more carriers for a year."""

    row_type = Receivable

    @property
    def total(self):
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
    def stated(self):
        return money_or_none(self.stated_cents)

    @property
    def computed(self):
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
    def amount(self):
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

    credits = property(lambda self: from_cents(self.credits_cents))
    available = property(lambda self: from_cents(self.available_cents))
    stated_proposed = property(lambda self: money_or_none(self.stated_proposed_cents))

    @classmethod
    def from_c(cls, b):
        line = b["line"]
        return cls(line["operation"], line["imputation"], line["label"], line["payer"], b["year"], line["credits"],
                   line["available"], b["stated_proposed"] if b["has_stated_proposed"] else None, b["source"])

    def to_c(self):
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

    credits = property(lambda self: from_cents(self.credits_cents))
    available = property(lambda self: from_cents(self.available_cents))
    proposed = property(lambda self: from_cents(self.proposed_cents))
    balance = property(lambda self: from_cents(self.balance_cents))
    stated_proposed = property(lambda self: money_or_none(self.stated_proposed_cents))

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
    def items(self):
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


# ---- the dataset --------------------------------------------------------------

def _fspath(path):
    path = os.fspath(path)
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    return path


class Dataset:
    """A dataset: parties, posts, conventions with their funding plans,
    budget lines and activity records (load() or loads() make one).

    It owns the library's handle, freed once when close() is called or the
    object is collected; `with iscg.load() as ds:` closes it at the end.
    What-if methods (withdraw, set_cost...) change this dataset; copy() or
    without() give a changed copy and leave it alone."""

    def __init__(self, handle, origin):
        self._h = handle
        self.origin = origin

    # -- life --

    @property
    def _handle(self):
        if self._h is None:
            raise error(_c.StateError, _c.ISCG_ESTATE, "the dataset is closed")
        return self._h

    @property
    def closed(self):
        return self._h is None

    def close(self):
        """Frees the library's dataset now; later use raises StateError."""
        self._h = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        if self._h is None:
            return "<Dataset %s (closed)>" % self.origin
        r = self._h
        counts = ((_c.iscg_registry_post_count(r), "post"), (_c.iscg_registry_convention_count(r), "convention"),
                  (_c.iscg_dataset_budget_count(r), "budget line"), (_c.iscg_stats_count(r), "activity record"))
        return "<Dataset %r from %s: %s>" % (_c.iscg_dataset_title(r), self.origin, ", ".join(
            "%d %s%s" % (n, what, "" if n == 1 else "s") for n, what in counts))

    # -- contents --

    @property
    def title(self):
        return _c.iscg_dataset_title(self._handle)

    @property
    def notes(self):
        """How uncertain cells were recorded, and other remarks of the dataset."""
        h = self._handle
        return tuple(_c.iscg_dataset_note(h, i) for i in range(_c.iscg_dataset_note_count(h)))

    @c_doc("iscg_party_get")
    def party(self, party):
        """The party with id `party` (parties are reached by id: funders and
        carriers name them)."""
        kind, name = _c.iscg_party_get(self._handle, check_str(party, "party"))
        return Party(party, PartyKind(kind), name)

    @property
    def posts(self):
        """The posts, in order of the dataset."""
        h = self._handle
        rows = []
        for i in range(_c.iscg_registry_post_count(h)):
            p = _c.iscg_post_get(h, _c.iscg_registry_post_id(h, i))
            carrier = self.party(p["carrier"])
            rows.append(Post(p["id"], p["label"], PostKind(p["kind"]), p["carrier"], carrier.name, carrier.kind,
                             p["sites"], p["work_time_bp"], p["weekly_hours"], p["police_bp"]))
        return Posts(rows, "posts")

    @property
    def conventions(self):
        """The conventions, in order of the dataset."""
        h = self._handle
        rows = []
        for i in range(_c.iscg_registry_convention_count(h)):
            cid = _c.iscg_registry_convention_id(h, i)
            c = _c.iscg_convention_get(h, cid)
            rows.append(Convention(c["id"], c["post"], Period(*c["period"]), c["cost"], c["annual"],
                                   DayCount(c["daycount"]), AllocationRule.from_c(c["rounding"]), c["source"],
                                   Clauses.from_c(_c.iscg_convention_get_clauses(h, cid))))
        return Conventions(rows, "conventions")

    # -- funding --

    def _post_info(self):
        posts = self.posts
        return {p.id: p for p in posts}

    def _funding(self, handle, info, convention):
        post = info[_c.iscg_convention_get(self._handle, convention)["post"]]
        period = Period(*_c.iscg_funding_period(handle))
        rows = []
        for k in range(_c.iscg_funding_row_count(handle)):
            r = _c.iscg_funding_row_get(handle, k)
            rows.append(FundingRow(convention, period, post.id, post.label, post.carrier, post.carrier_name,
                                   r["party"], r["party_name"], PartyKind(r["party_kind"]), r["side"], r["amount"],
                                   r["stated"] if r["has_stated"] else None, r["replaces"],
                                   Explanation(r["explain"])))
        sides = []
        for k in range(_c.iscg_funding_side_count(handle)):
            s = _c.iscg_funding_side_get(handle, k)
            sides.append(FundingSide(s["name"], ShareRule(s["rule"]), s["amount"], s["drift"]))
        return Funding(rows, convention, period, _c.iscg_funding_cost(handle), _c.iscg_funding_total(handle), sides,
                       Explanation.from_c(_c.iscg_funding_explain(handle)))

    @c_doc("iscg_funding_compute", "iscg_funding_compute_year")
    def plan(self, convention, year=None, daycount=None):
        """The computed plan of `convention` over its whole period, or over
        its part in calendar `year` (PRO-3), which needs a named `daycount`."""
        check_str(convention, "convention")
        if year is None:
            if daycount is not None:
                raise invalid("a day count is only used with a year", "daycount")
            handle = _c.iscg_funding_compute(self._handle, convention)
        else:
            if daycount is None:
                raise invalid("the part of a year needs a day count: pass daycount=", "daycount")
            handle = _c.iscg_funding_compute_year(self._handle, convention, check_int(year, "year"),
                                                  DayCount.parse(daycount))
        return self._funding(handle, self._post_info(), convention)

    @c_doc("iscg_funding_compute")
    def funding(self, year=None):
        """Every funder's share in each convention in force in calendar
        `year` (all conventions when None), over each convention's period.
        Conventions that cannot be computed are listed in `failures`."""
        info = self._post_info()
        conventions = self.conventions
        chosen = conventions if year is None else conventions.in_force(check_int(year, "year"))
        rows, failures = [], []
        for c in chosen:
            try:
                handle = _c.iscg_funding_compute(self._handle, c.id)
            except _c.Error as e:
                failures.append(Failure(c.id, c.post, _status_name(e), str(e)))
                continue
            rows.extend(self._funding(handle, info, c.id))
        return FundingTable(rows, failures, "funding" if year is None else "funding %d" % year)

    @c_doc("iscg_receivables_compute")
    def receivables(self, year, carrier=None):
        """The claims each carrier (or only `carrier`) issues to its
        co-funders for calendar `year`, reduced by the months of absence."""
        check_int(year, "year")
        if carrier is None:
            carriers = list(dict.fromkeys(p.carrier for p in self.posts))
        else:
            carriers = [check_str(carrier, "carrier")]
        rows = []
        for who in carriers:
            handle = _c.iscg_receivables_compute(self._handle, who, year)
            for k in range(_c.iscg_receivables_count(handle)):
                r = _c.iscg_receivables_get(handle, k)
                rows.append(Receivable(who, r["convention"], r["post"], r["debtor"], r["debtor_name"], r["share"],
                                       r["months"], r["absent"], r["amount"], Explanation(r["explain"])))
        return Receivables(rows, "receivables %d" % year)

    @c_doc("iscg_audit_run")
    def audit(self):
        """Recomputes every stated amount and lists each difference (AUD-1)."""
        handle = _c.iscg_audit_run(self._handle)
        rows = []
        for k in range(_c.iscg_audit_count(handle)):
            f = _c.iscg_audit_get(handle, k)
            kind = FindingKind(f["kind"])
            has_stated = kind not in (FindingKind.DRIFT, FindingKind.UNCOMPUTABLE)
            rows.append(Finding(kind, f["convention"], f["party"], f["side"], f["rule"], f["source"],
                                Rounding(f["rounding"]), f["stated"] if has_stated else None, f["computed"],
                                f["text"], Explanation.from_c(f["explain"])))
        return Audit(rows, "audit")

    @c_doc("iscg_funding_explain")
    def explain(self, convention):
        """How the shares of `convention` are computed: the plan, its sides,
        its funders (AUD-2)."""
        return self.plan(convention).explanation

    @property
    def activity(self):
        """The activity records of the dataset (STAT-1)."""
        return _stats.activity(self)

    def stats(self, *, rounding, by=GroupBy.POST, per=Granularity.YEAR):
        return _stats.stats(self, rounding=rounding, by=by, per=per)

    stats.__doc__ = _stats.stats.__doc__

    @property
    def budget_lines(self):
        """The budget lines of the dataset, as the documents state them (see budget())."""
        h = self._handle
        return tuple(BudgetLine.from_c(_c.iscg_dataset_budget_get(h, i)) for i in range(_c.iscg_dataset_budget_count(h)))

    @c_doc("iscg_budget_check")
    def budget(self, year=None):
        """Each budget line (of `year`, or all) with the payer's subsidies of
        its year charged to it (BUD-1) and whether they exceed the available
        credit (BUD-2: then `exceeded` is True and the balance negative)."""
        rows = []
        for line in self.budget_lines:
            if year is not None and line.year != check_int(year, "year"):
                continue
            try:
                totals, items = _c.iscg_budget_check(self._handle, line.to_c(), line.year)
                exceeded = False
            except _c.CreditExceeded as e:
                (totals, items), exceeded = e.result, True
            rows.append(BudgetRow(line.operation, line.imputation, line.label, line.payer, line.year,
                                  totals["credits"], totals["available"], totals["proposed"], totals["balance"],
                                  line.stated_proposed_cents, totals["subsidies"], exceeded,
                                  tuple(BudgetItem(line.operation, i["convention"], i["carrier"], i["amount"])
                                        for i in items)))
        return Budget(rows, "budget")

    @c_doc("iscg_calendar_deadlines")
    def deadlines(self, start, end):
        """Every deadline of every convention from `start` to `end` (both
        included), by date, then in the order of DeadlineKind."""
        start, end = to_date(start), to_date(end)
        rows = []
        for c in self.conventions:
            clauses = _c.iscg_convention_get_clauses(self._handle, c.id)
            for d in _c.iscg_calendar_deadlines(c.period, clauses, start, end):
                rows.append(Deadline(d["date"], DeadlineKind(d["kind"]), c.id, c.post, Period(*d["covers"])))
        rows.sort(key=lambda d: (d.date, d.kind))
        return Deadlines(rows, "deadlines %s..%s" % (start, end))

    @c_doc("iscg_registry_validate")
    def validate(self):
        """Checks the dataset as a whole; raises the first problem."""
        _c.iscg_registry_validate(self._handle)

    # -- what-if --

    @c_doc("iscg_party_add")
    def add_party(self, party, kind, name, population=None):
        """Adds a party, e.g. a new funder for withdraw(replacement=...);
        `population` (inhabitants) may be None when unknown."""
        _c.iscg_party_add(self._handle, check_str(party, "party"), PartyKind.parse(kind), check_str(name, "name"),
                          _c.ISCG_UNKNOWN if population is None else check_int(population, "population"))

    @c_doc("iscg_convention_withdraw")
    def withdraw(self, convention, party, replacement=None):
        """What-if: `party` stops funding `convention`; `replacement` (a party
        id) takes its share over, or else the plan goes on without it or, for
        a required side, ends (SPLIT-6: its plan then raises Terminated)."""
        _c.iscg_convention_withdraw(self._handle, check_str(convention, "convention"), check_str(party, "party"),
                                    None if replacement is None else check_str(replacement, "replacement"))

    @c_doc("iscg_convention_restore")
    def restore(self, convention, party):
        """Undoes withdraw() for `party`."""
        _c.iscg_convention_restore(self._handle, check_str(convention, "convention"), check_str(party, "party"))

    @c_doc("iscg_convention_set_cost")
    def set_cost(self, convention, cost):
        """What-if: a new cost (Decimal euros) for `convention`."""
        _c.iscg_convention_set_cost(self._handle, check_str(convention, "convention"), to_cents(cost, "cost"))

    @c_doc("iscg_convention_set_period")
    def set_period(self, convention, period):
        """What-if: a new period for `convention`."""
        _c.iscg_convention_set_period(self._handle, check_str(convention, "convention"), to_period(period))

    def copy(self):
        """An independent copy (saved and loaded again)."""
        return loads(self.to_json(), "copy of %s" % self.origin)

    def without(self, party, replacement=None):
        """A copy in which `party` no longer funds any convention it funds
        here; `replacement` takes its shares over when given (see withdraw())."""
        check_str(party, "party")
        other = self.copy()
        for c in self.conventions:
            try:
                funders = {row.funder for row in self.plan(c.id)}
            except _c.Error:
                continue
            if party in funders:
                other.withdraw(c.id, party, replacement)
        return other

    # -- files --

    @c_doc("iscg_dataset_save_string")
    def to_json(self):
        """The dataset as JSON text; loads() reads it back unchanged."""
        return _c.iscg_dataset_save_string(self._handle)

    @c_doc("iscg_dataset_save_file")
    def save(self, path):
        """Writes the dataset as JSON to `path`."""
        _c.iscg_dataset_save_file(self._handle, _fspath(path))


def _status_name(e):
    try:
        return _c.iscg_strerror(e.code)
    except (AttributeError, TypeError):
        return type(e).__name__


@c_doc("iscg_dataset_load_file", "iscg_dataset_load_embedded")
def load(path=None):
    """Loads a dataset file, or the embedded Pas-de-Calais 2023 dataset when
    `path` is None. Errors are DatasetError with file, line and column."""
    if path is None:
        return Dataset(_c.iscg_dataset_load_embedded(), "<embedded>")
    path = _fspath(path)
    return Dataset(_c.iscg_dataset_load_file(path), path)


@c_doc("iscg_dataset_load_string")
def loads(text, name=None):
    """Loads a dataset from JSON text; `name` is what errors give as its file."""
    check_str(text, "text")
    return Dataset(_c.iscg_dataset_load_string(text, None if name is None else check_str(name, "name")),
                   name or "<string>")


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


@c_doc("iscg_dataset_validate_file", "iscg_dataset_validate_string")
def validate(path=None, *, text=None, name=None):
    """Every error of a dataset file (or of JSON `text`), not only the first;
    an empty table when it is valid."""
    if (path is None) == (text is None):
        raise TypeError("validate: give either a path or text=")
    try:
        if path is not None:
            _c.iscg_dataset_validate_file(_fspath(path))
        else:
            _c.iscg_dataset_validate_string(check_str(text, "text"), name)
        errors = []
    except _c.DatasetError as e:
        errors = getattr(e, "errors", None) or []
    rows = [Problem(x["source"], x["line"] or None, x["column"] or None, x["field"], _c.iscg_strerror(x["code"]),
                    x["text"]) for x in errors]
    return Problems(rows, "problems")

