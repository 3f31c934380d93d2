# SPDX-License-Identifier: Apache-2.0
"""Datasets: loading, validating and saving them, and computing from them
posts, conventions, funding plans, receivables, the budget line, the audit
and its explanations, the calendar of deadlines, and what-if changes.

A Dataset owns the library's handle and frees it when it is closed or
collected; every result is copied into Python objects (_results.py) when it
is computed, so results stay valid after the dataset is closed or changed."""

import json
import os
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _iscg as _c

from . import _stats
from ._dates import DateLike, Period, PeriodLike, to_date, to_period
from ._enums import ActivityCarrier, ActivityField, ActivityForce, Cadence, DayCount, DeadlineKind, FindingKind, \
    Granularity, GroupBy, PartyKind, PostKind, Rounding, ShareRule, StaffingKind, WeightsKind
from ._money import AllocationRule, Money, percent, to_cents
from ._results import (Audit, Budget, BudgetItem, BudgetLine, BudgetRow, Clauses, Convention, Conventions, Deadline,
                       Deadlines, Explanation, Failure, Finding, Funding, FundingPost, FundingRow,
                       FundingSide, FundingTable, Parties, Party, Post, Posts, Problem, Problems, Receivable,
                       Receivables)
from ._util import c_doc, check_int, check_str, error, invalid

PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]
"""A file name, as open() takes it."""
DataKinds = Union[str, Iterable[str], None]
"""Kinds of data: "conventions", "budget", "activity", a sequence of them,
or None for all."""


def _known(value: int) -> Optional[int]:
    """A registry's figure, None for ISCG_UNKNOWN (a post's weekly hours,
    a convention's cost)."""
    return None if value == _c.ISCG_UNKNOWN else value


def _fspath(path: "PathLike") -> str:
    path = os.fspath(path)
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    return path


# -- building a dataset by calls (Dataset.new) --

@dataclass(frozen=True)
class Funder:
    """A funder of a side of a funding plan: a party of the dataset and its
    weight within the side (1 for equal parts, inhabitants for a split by
    population), or its percentage of the side ("21.20": then every funder
    of the side has one, and they sum to 100 %; a side whose `split` is None
    reads them as basis points).

        >>> by_population = iscg.Funder("cc-ternois", weight=15_000)
        >>> by_percent = iscg.Funder("ca-lens", percent="21.20")"""
    party: str
    weight: int = 1
    percent: Union[str, Decimal, int, None] = None

    def _weight(self) -> int:
        check_str(self.party, "party")
        if self.percent is not None:
            return _percent(self.percent, "percent")
        return check_int(self.weight, "weight")


FunderLike = Union[Funder, str, Tuple[str, int], Dict[str, Any]]
"""A Funder, a party id (weight 1), a (party, weight) pair or a dict of Funder's fields."""


@dataclass(frozen=True)
class Side:
    """A side of a convention's funding plan (SPLIT-1..SPLIT-4, SPLIT-7):
    how its amount follows from the cost, and who pays it.

    - rule: ShareRule (or its name): EQUAL (an equal part of what FIXED and
      PERCENT sides leave), PERCENT (`percent` of the cost, "50" or
      "33.34"), FIXED (`amount` euros), REMAINDER (what the others leave);
    - funders: Funder, party ids, (party, weight) pairs or dicts;
    - extra: euros added on top (SPLIT-3); cap: the most the rule gives, or
      None; required: whether the plan ends without its funders (SPLIT-6);
    - split: how the side is shared among its funders, an AllocationRule;
      None for the convention's rounding.

        >>> state = iscg.Side("Etat", "PERCENT", ["etat"], percent="50")
        >>> epci = iscg.Side("EPCI", "EQUAL", [("cc-a", 12_000), ("cc-b", 8_000)],
        ...                  split=iscg.AllocationRule(iscg.EURO, "DOWN", "LARGEST_WEIGHT"))"""
    name: str
    rule: Union[ShareRule, str]
    funders: Sequence[FunderLike] = ()
    amount: Optional[Money] = None
    percent: Union[str, Decimal, int, None] = None
    extra: Money = 0
    cap: Optional[Money] = None
    required: bool = True
    split: Optional[AllocationRule] = None

    def _spec(self, rounding: Dict[str, Any]) -> Dict[str, Any]:
        """The C layer's side, every field checked and named."""
        check_str(self.name, "name")
        rule = ShareRule.parse(self.rule)
        if rule == ShareRule.FIXED:
            if self.amount is None or self.percent is not None:
                raise invalid("side %s: a FIXED side has an amount, and no percent" % self.name, "amount")
            value = to_cents(self.amount, "amount")
        elif rule == ShareRule.PERCENT:
            if self.percent is None or self.amount is not None:
                raise invalid("side %s: a PERCENT side has a percent, and no amount" % self.name, "percent")
            value = _percent(self.percent, "percent")
        else:
            if self.amount is not None or self.percent is not None:
                field = "amount" if self.amount is not None else "percent"
                raise invalid("side %s: a %s side takes no %s" % (self.name, rule.name, field), field)
            value = 0
        if not isinstance(self.required, bool):
            raise TypeError("required: a bool is expected, not %s" % type(self.required).__name__)
        split = rounding if self.split is None else _rule(self.split, "split")
        by_percent = {f.percent is not None for f in self._funders()}
        if len(by_percent) > 1:
            raise invalid("side %s: give every funder a percent, or none" % self.name, "percent")
        if by_percent == {True} and self.split is None:  # percentages of the side, which sum to 100 %
            split = dict(split, weights=int(WeightsKind.BASIS_POINTS))
        return {"name": self.name, "rule": int(rule), "value": value, "extra": to_cents(self.extra, "extra"),
                "cap": _c.ISCG_NO_CAP if self.cap is None else to_cents(self.cap, "cap"),
                "required": int(self.required), "split": split}

    def _funders(self) -> List[Funder]:
        if isinstance(self.funders, (str, bytes)) or not isinstance(self.funders, Iterable):
            raise TypeError("funders: a sequence of Funder, party ids or (party, weight) pairs is expected")
        return [_funder(f) for f in self.funders]


SideLike = Union[Side, Dict[str, Any]]
"""A Side or a dict of Side's fields."""


def _percent(value, field):
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, (str, Decimal)):
        raise TypeError("%s: a percentage as a str, a Decimal or an int is expected, not %s"
                        % (field, type(value).__name__))
    try:
        return percent(value)
    except _c.Error as e:
        e.field = field
        raise


def _rule(value, field):
    if isinstance(value, dict):
        value = AllocationRule(**value)
    elif isinstance(value, tuple) and not isinstance(value, AllocationRule):
        value = AllocationRule(*value)
    if not isinstance(value, AllocationRule):
        raise TypeError("%s: an AllocationRule is expected, not %s" % (field, type(value).__name__))
    return value.to_c()


def _funder(value):
    if isinstance(value, Funder):
        return value
    if isinstance(value, str):
        return Funder(value)
    if isinstance(value, tuple) and len(value) == 2:
        return Funder(*value)
    if isinstance(value, dict):
        return Funder(**value)
    raise TypeError("a funder is a Funder, a party id or a (party, weight) pair, not %s" % type(value).__name__)


def _grant_steps(convention, post_split, posts):
    """The calls that make a convention a grant for several posts (SPLIT-8)."""
    if post_split is None and posts is None:
        return []
    split = _c.iscg_post_split_parse(check_str(post_split or "NONE", "post_split"))
    steps = [(_c.iscg_convention_set_post_split, (convention, split))]
    if isinstance(posts, (str, bytes, dict)) or not isinstance(posts, Iterable):
        raise TypeError("posts: a sequence of post ids or (id, weight or euros) pairs is expected")
    for item in posts:
        pid, value = (item, 1) if isinstance(item, str) else tuple(item)
        check_str(pid, "posts")
        if split == _c.ISCG_POST_SPLIT_FIXED:
            value = to_cents(value, "posts")
        else:
            value = check_int(value, "posts")
        steps.append((_c.iscg_convention_add_post, (convention, pid, value)))
    return steps


_AMENDMENT_KEYS = ("from", "cost", "end", "withdraw", "replacement", "side", "rule", "percent", "amount")


def _amendment(value, convention, period):
    """The C layer's what-if of an amendment given as a dict (AMD-1)."""
    if not isinstance(value, dict):
        raise TypeError("an amendment is a dict, not %s" % type(value).__name__)
    unknown = sorted(set(value) - set(_AMENDMENT_KEYS))
    if unknown:
        raise invalid("amendment: %s is not one of its fields (%s)" % (unknown[0], ", ".join(_AMENDMENT_KEYS)),
                      unknown[0])
    if "from" not in value:
        raise invalid("amendment: the date it takes effect, \"from\", is missing", "from")
    changes = [k for k in ("cost", "end", "withdraw", "side") if k in value]
    if len(changes) != 1:
        raise invalid("amendment: one of \"cost\", \"end\", \"withdraw\" or \"side\" is expected", "amendments")
    w = {"version": _c.ISCG_WHATIF_VERSION, "convention": convention, "from": to_date(value["from"])}
    if changes[0] == "cost":
        w.update(kind=_c.ISCG_WHATIF_COST, cost=to_cents(value["cost"], "cost"))
    elif changes[0] == "end":
        w.update(kind=_c.ISCG_WHATIF_PERIOD, period=(period[0], to_date(value["end"])))
    elif changes[0] == "withdraw":
        w.update(kind=_c.ISCG_WHATIF_WITHDRAW, party=check_str(value["withdraw"], "withdraw"))
        if value.get("replacement") is not None:
            w["replacement"] = check_str(value["replacement"], "replacement")
    else:
        rule = ShareRule.parse(value.get("rule", ""))
        w.update(kind=_c.ISCG_WHATIF_SIDE, side=check_str(value["side"], "side"), rule=int(rule))
        if "percent" in value:
            w["value"] = percent(value["percent"])
        elif "amount" in value:
            w["value"] = to_cents(value["amount"], "amount")
    return w


def _side(value):
    if isinstance(value, Side):
        return value
    if isinstance(value, dict):
        return Side(**value)
    raise TypeError("a side is a Side or a dict of its fields, not %s" % type(value).__name__)


_CLAUSE_INTS = ("notice_months", "denunciation_months", "instalments", "first_steering_months")


def _clauses(value):
    """The C layer's clauses from a Clauses or a dict of its fields."""
    if isinstance(value, Clauses):
        value = {name: getattr(value, name) for name in Clauses.columns}
    if not isinstance(value, dict):
        raise TypeError("clauses: a Clauses or a dict of its fields is expected, not %s" % type(value).__name__)
    unknown = set(value) - set(Clauses.columns)
    if unknown:
        raise invalid("clauses: %s is not a clause (%s)" % (sorted(unknown)[0], ", ".join(Clauses.columns)),
                      sorted(unknown)[0])
    out = {name: check_int(value.get(name, 0), name) for name in _CLAUSE_INTS}
    for name in ("request_deadline", "payment_deadline"):
        if value.get(name) is not None:
            out[name] = to_date(value[name])
            out["has_" + name] = 1
    for name in ("activity_reports", "interim_summaries"):
        out[name] = int(Cadence.parse(value.get(name, Cadence.NONE)))
    for name in ("annual_report", "steering_committee"):
        out[name] = int(bool(value.get(name, False)))
    return out


_RECORD_COUNTS = ("women", "men", "children", "referrals", "interviews", "interviews_physical",
                  "interviews_telephone", "interviews_partners", "epci", "communes", "population")


class Dataset:
    """A dataset: parties, posts, conventions with their funding plans,
    budget lines and activity records (load() or loads() make one).

    It owns the library's handle, freed once when close() is called or the
    object is collected; `with iscg.load() as ds:` closes it at the end.
    What-if methods (withdraw, set_cost...) add to this dataset's scenario
    (AMD-3), which every computation applies and to_json() saves; they never
    change its recorded conventions. copy() or without() give a copy with
    its own scenario and leave this one alone."""

    def __init__(self, handle: Any, origin: str) -> None:
        self._h = handle
        self.origin = origin

    # -- life --

    @property
    def _handle(self) -> Any:
        if self._h is None:
            raise error(_c.StateError, _c.ISCG_ESTATE, "the dataset is closed")
        return self._h

    @property
    def closed(self) -> bool:
        return self._h is None

    def close(self) -> None:
        """Frees the library's dataset now; later use raises StateError."""
        self._h = None

    def __enter__(self) -> "Dataset":
        return self

    def __exit__(self, *exc: Any) -> None:
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
    def title(self) -> str:
        return _c.iscg_dataset_title(self._handle)

    @property
    def notes(self) -> Tuple[str, ...]:
        """How uncertain cells were recorded, and other remarks of the dataset."""
        h = self._handle
        return tuple(_c.iscg_dataset_note(h, i) for i in range(_c.iscg_dataset_note_count(h)))

    @c_doc("iscg_party_get")
    def party(self, party: str) -> Party:
        """The party with id `party` (parties are reached by id: funders and
        carriers name them)."""
        kind, name = _c.iscg_party_get(self._handle, check_str(party, "party"))
        return Party(party, PartyKind(kind), name)

    @property
    def parties(self) -> Parties:
        """The parties (funders, carriers, payers), in order of the dataset:
        the identifiers that carrier=, party= and withdraw() take."""
        h = self._handle
        return Parties([self.party(_c.iscg_registry_party_id(h, i)) for i in range(_c.iscg_registry_party_count(h))],
                       "parties")

    @c_doc("iscg_report_years")
    def years(self, what: DataKinds = None) -> List[int]:
        """The years the dataset has data for, in increasing order: the years
        its conventions start in, its budget lines' years and the years its
        activity records start in; `what` picks some of them: "conventions",
        "budget", "activity", or a sequence of these."""
        return _c.iscg_report_years(self._handle, _data_kinds(what))

    @c_doc("iscg_report_latest_year")
    def latest_year(self, what: DataKinds = None) -> int:
        """The latest of years(what): the year a report shows when none is
        asked for. NotFound when the dataset has no such data."""
        return _c.iscg_report_latest_year(self._handle, _data_kinds(what))

    @property
    def posts(self) -> Posts:
        """The posts, in order of the dataset."""
        h = self._handle
        rows = []
        for i in range(_c.iscg_registry_post_count(h)):
            p = _c.iscg_post_get(h, _c.iscg_registry_post_id(h, i))
            carrier = self.party(p["carrier"])
            rows.append(Post(p["id"], p["label"], PostKind(p["kind"]), p["carrier"], carrier.name, carrier.kind,
                             p["sites"], p["work_time_bp"], _known(p["weekly_hours"]), p["police_bp"]))
        return Posts(rows, "posts")

    @property
    def conventions(self) -> Conventions:
        """The conventions, in order of the dataset."""
        h = self._handle
        rows = []
        for i in range(_c.iscg_registry_convention_count(h)):
            cid = _c.iscg_registry_convention_id(h, i)
            c = _c.iscg_convention_get(h, cid)
            rows.append(Convention(c["id"], c["post"], Period(*c["period"]), _known(c["cost"]), bool(c["annual"]),
                                   DayCount(c["daycount"]), AllocationRule.from_c(c["rounding"]), c["source"],
                                   Clauses.from_c(_c.iscg_convention_get_clauses(h, cid)),
                                   _c.iscg_post_split_name(_c.iscg_convention_post_split(h, cid)),
                                   tuple(_c.iscg_convention_post_get(h, cid, k)
                                         for k in range(_c.iscg_convention_post_count(h, cid))),
                                   Period(*_c.iscg_convention_amended_period(h, cid))))
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
                                   Explanation.from_c(r["explain"])))
        sides = []
        for k in range(_c.iscg_funding_side_count(handle)):
            s = _c.iscg_funding_side_get(handle, k)
            sides.append(FundingSide(s["name"], ShareRule(s["rule"]), s["amount"], s["drift"]))
        posts = []
        for q in range(_c.iscg_funding_post_count(handle)):  # SPLIT-8
            p = _c.iscg_funding_post_get(handle, q)
            shares: Dict[str, int] = {}
            for k, row in enumerate(rows):
                shares[row.funder] = shares.get(row.funder, 0) + _c.iscg_funding_post_share(handle, q, k)
            posts.append(FundingPost(convention, p["post"], p["label"], p["value"], _known(p["cost"]), p["amount"],
                                     shares))
        return Funding(rows, convention, period, _c.iscg_funding_cost(handle), _c.iscg_funding_total(handle), sides,
                       Explanation.from_c(_c.iscg_funding_explain(handle)), posts)

    @c_doc("iscg_funding_compute_scenario", "iscg_funding_compute_year_scenario")
    def plan(self, convention: str, year: Optional[int] = None,
             daycount: Union[DayCount, str, None] = None) -> Funding:
        """The computed plan of `convention` over its whole period, or over
        its part in calendar `year` (PRO-3), which needs a named `daycount`."""
        check_str(convention, "convention")
        if year is None:
            if daycount is not None:
                raise invalid("a day count is only used with a year", "daycount")
            handle = _c.iscg_funding_compute_scenario(self._handle, self._handle, convention)
        else:
            if daycount is None:
                raise invalid("the part of a year needs a day count: pass daycount=", "daycount")
            handle = _c.iscg_funding_compute_year_scenario(self._handle, self._handle, convention,
                                                           check_int(year, "year"), DayCount.parse(daycount))
        return self._funding(handle, self._post_info(), convention)

    @c_doc("iscg_report_funding_compute")
    def funding(self, year: Optional[int] = None) -> FundingTable:
        """Every funder's share in each convention in force in calendar
        `year`: the convention's part of the year (PRO-3), the stated amount
        beside it only when the convention lies within the year; or, when
        `year` is None, every convention over its whole period. Conventions
        that cannot be computed are listed in `failures`."""
        h = self._handle
        report = _c.iscg_report_funding_compute(h, h, 0 if year is None else check_int(year, "year"))
        return FundingTable.from_report(report, "funding" if year is None else "funding %d" % year)

    @c_doc("iscg_report_receivables_compute")
    def receivables(self, year: int, carrier: Optional[str] = None) -> Receivables:
        """The claims each carrier (or only `carrier`) issues to its
        co-funders for calendar `year`, reduced by the months of absence."""
        check_int(year, "year")
        report = _c.iscg_report_receivables_compute(self._handle, self._handle, None if carrier is None else
                                                    check_str(carrier, "carrier"), year)
        rows = []
        for k in range(_c.iscg_report_receivables_count(report)):
            x = _c.iscg_report_receivables_get(report, k)
            r = x["claim"]
            rows.append(Receivable(x["carrier"], r["convention"], r["post"], r["debtor"], r["debtor_name"],
                                   r["share"], r["months"], r["absent"], r["amount"],
                                   Explanation.from_c(r["explain"])))
        failures = []  # RCV-4: listed, never left out silently
        for k in range(_c.iscg_report_receivables_failure_count(report)):
            x = _c.iscg_report_receivables_failure_get(report, k)
            failures.append(Failure.from_c(x))
        return Receivables(rows, "receivables %d" % year, failures)

    @c_doc("iscg_audit_run", "iscg_report_finding_get")
    def audit(self) -> Audit:
        """Recomputes every stated amount and lists each difference (AUD-1)."""
        handle = _c.iscg_audit_run_scenario(self._handle, self._handle)
        rows = []
        for k in range(_c.iscg_audit_count(handle)):
            x = _c.iscg_report_finding_get(handle, k)
            f = x["finding"]
            rows.append(Finding(FindingKind(f["kind"]), f["convention"], f["party"], f["side"], f["rule"],
                                f["source"], Rounding(f["rounding"]), f["stated"] if x["has_stated"] else None,
                                f["computed"], f["text"], Explanation.from_c(f["explain"])))
        return Audit(rows, "audit")

    @c_doc("iscg_funding_explain")
    def explain(self, convention: str) -> Optional[Explanation]:
        """How the shares of `convention` are computed: the plan, its sides,
        its funders (AUD-2)."""
        return self.plan(convention).explanation

    @property
    def activity(self) -> "_stats.Activity":
        """The activity records of the dataset (STAT-1)."""
        return _stats.activity(self)

    def stats(self, *, rounding: Union[Rounding, str], by: Union[GroupBy, str] = GroupBy.POST,
              per: Union[Granularity, str] = Granularity.YEAR) -> "_stats.StatsTable":
        return _stats.stats(self, rounding=rounding, by=by, per=per)

    stats.__doc__ = _stats.stats.__doc__

    def sums(self, *, by: Union[GroupBy, str] = GroupBy.POST,
             per: Union[Granularity, str] = Granularity.YEAR) -> "_stats.StatsSums":
        return _stats.sums(self, by=by, per=per)

    sums.__doc__ = _stats.sums.__doc__

    @c_doc("iscg_stats_checks_compute")
    def stats_checks(self) -> Tuple["_stats.StatsCheck", ...]:
        """The figures the dataset's file states about the activity (its
        "stated_totals" and "stated_shares"), each checked against the
        records (STAT-7): totals first, then shares, in the file's order. A
        disagreement is a check whose `agrees` is False, not an exception."""
        return _stats.stats_checks(self)

    @property
    def budget_lines(self) -> Tuple[BudgetLine, ...]:
        """The budget lines of the dataset, as the documents state them (see budget())."""
        h = self._handle
        return tuple(BudgetLine.from_c(_c.iscg_dataset_budget_get(h, i)) for i in range(_c.iscg_dataset_budget_count(h)))

    @c_doc("iscg_report_budget_compute")
    def budget(self, year: Optional[int] = None) -> Budget:
        """Each budget line (of `year`, or all) with the payer's subsidies of
        its year charged to it (BUD-1) and whether they exceed the available
        credit (BUD-2: then `exceeded` is True and the balance negative)."""
        report = _c.iscg_report_budget_compute(self._handle, 0 if year is None else check_int(year, "year"))
        rows = []
        for k in range(_c.iscg_report_budget_count(report)):
            x = _c.iscg_report_budget_get(report, k)
            line, totals = BudgetLine.from_c(x["line"]), x["result"]
            items = tuple(BudgetItem(line.operation, i["convention"], i["carrier"], i["amount"])
                          for i in (_c.iscg_report_budget_item_get(report, n)
                                    for n in range(x["first_item"], x["first_item"] + totals["subsidies"])))
            rows.append(BudgetRow(line.operation, line.imputation, line.label, line.payer, line.year,
                                  totals["credits"], totals["available"], totals["proposed"], totals["balance"],
                                  line.stated_proposed_cents, totals["subsidies"], bool(x["exceeded"]), items))
        return Budget(rows, "budget")

    @c_doc("iscg_report_deadlines_compute")
    def deadlines(self, start: DateLike, end: DateLike) -> Deadlines:
        """Every deadline of every convention from `start` to `end` (both
        included), by date, then in the order of DeadlineKind."""
        start, end = to_date(start), to_date(end)
        if end < start:
            raise invalid("the window ends on %s, before it starts on %s" % (end, start), "end")
        report = _c.iscg_report_deadlines_compute(self._handle, start, (end - start).days)
        rows = []
        for k in range(_c.iscg_report_deadlines_count(report)):
            x = _c.iscg_report_deadlines_get(report, k)
            d = x["deadline"]
            rows.append(Deadline(d["date"], DeadlineKind(d["kind"]), x["convention"], x["post"], Period(*d["covers"])))
        return Deadlines(rows, "deadlines %s..%s" % (start, end))

    @c_doc("iscg_registry_validate")
    def validate(self) -> None:
        """Checks the dataset as a whole; raises the first problem."""
        _c.iscg_registry_validate(self._handle)

    # -- building by calls (Dataset.new); a loaded or frozen dataset refuses them --

    @classmethod
    @c_doc("iscg_dataset_new")
    def new(cls, title: str = "") -> "Dataset":
        """An empty dataset to build by calls, in the order a file has them:
        add_party(), add_post() (add_event()), add_convention(),
        add_budget_line(), add_activity() or add_activity_columns(),
        add_stated_total(), add_stated_share(), add_note(); then freeze(), which checks it as a load checks a file.
        Computing works at every step; save() or to_json() write a file that
        loads back to the same figures.

            >>> ds = iscg.Dataset.new("Pas-de-Calais, ISG Ternois")
            >>> ds.add_party("etat", "STATE", "Etat (FIPD)")
            >>> ds.add_party("dept", "DEPARTEMENT", "Departement")
            >>> ds.add_party("fv62", "ASSOCIATION", "France Victimes 62")
            >>> ds.add_post("isg-x", "ISG X", carrier="fv62", kind="ISG")
            >>> ds.add_convention("x-2023", "isg-x", iscg.Period.year(2023), 30000,
            ...                   daycount="MONTHS_WHOLE",
            ...                   rounding=iscg.AllocationRule(iscg.EURO, "DOWN", "NONE"),
            ...                   sides=[iscg.Side("Etat", "PERCENT", ["etat"], percent="50"),
            ...                          iscg.Side("Dept", "REMAINDER", ["dept"])])
            >>> ds.freeze()
            >>> ds.plan("x-2023")["dept"].amount
            Decimal('15000.00')

        Each add checks what it is given (a TypeError for a wrong type, an
        exception of the iscg.Error hierarchy naming the field otherwise)
        and, on failure, adds nothing."""
        return cls(_c.iscg_dataset_new(check_str(title, "title")), "<new>")

    @property
    def frozen(self) -> bool:
        """Whether the dataset is frozen (loaded, or freeze() called): then
        the add_ methods but add_party() raise StateError."""
        return bool(_c.iscg_dataset_frozen(self._handle))

    @c_doc("iscg_dataset_freeze")
    def freeze(self) -> None:
        """Checks the dataset as a whole as a load checks a file (every plan
        balances, SPLIT-7; absences lie within their conventions), then
        freezes it. On failure it raises the first problem and stays open."""
        _c.iscg_dataset_freeze(self._handle)

    def _building(self, what):
        h = self._handle
        if _c.iscg_dataset_frozen(h):
            raise error(_c.StateError, _c.ISCG_ESTATE, "the dataset is frozen: %s cannot change it "
                        "(build with Dataset.new(), then freeze())" % what)
        return h

    @c_doc("iscg_post_add")
    def add_post(self, post: str, label: str, carrier: str, kind: Union[PostKind, str] = PostKind.ISC, *,
                 sites: Optional[str] = None, work_time: Union[str, Decimal, int] = "100",
                 weekly_hours: Optional[int] = None, police_share: Union[str, Decimal, int, None] = None) -> None:
        """Adds a post (POST-1, POST-2) carried by the party `carrier`;
        `work_time` and `police_share` are percentages ("80" for 80 %);
        the police share is 100 % for an ISC, 0 for an ISG and 50 % for an
        ISCG unless given."""
        h = self._building("add_post()")
        kind = PostKind.parse(kind)
        if police_share is None:
            police = {PostKind.ISC: 10000, PostKind.ISG: 0}.get(kind, 5000)
        else:
            police = _percent(police_share, "police_share")
        _c.iscg_post_add(h, {"id": check_str(post, "post"), "label": check_str(label, "label"), "kind": int(kind),
                             "carrier": check_str(carrier, "carrier"),
                             "sites": None if sites is None else check_str(sites, "sites"),
                             "work_time_bp": _percent(work_time, "work_time"),
                             "weekly_hours": _c.ISCG_UNKNOWN if weekly_hours is None
                             else check_int(weekly_hours, "weekly_hours"),
                             "police_bp": police})

    @c_doc("iscg_post_add_event")
    def add_event(self, post: str, kind: Union[StaffingKind, str], period: PeriodLike,
                  note: Optional[str] = None) -> None:
        """Records a staffing event of `post` (POST-3): a HIRE or DEPARTURE
        (a period of one day), an ABSENCE or a VACANCY (PRO-4 prorates
        claims by it)."""
        h = self._building("add_event()")
        _c.iscg_post_add_event(h, check_str(post, "post"), int(StaffingKind.parse(kind)), to_period(period),
                               None if note is None else check_str(note, "note"))

    @c_doc("iscg_convention_add", "iscg_convention_add_side", "iscg_convention_add_funder",
           "iscg_convention_state", "iscg_convention_set_clauses", "iscg_convention_charge_shortfall")
    def add_convention(self, convention: str, post: str, period: PeriodLike, cost: Optional[Money], *,
                       daycount: Union[DayCount, str], rounding: AllocationRule, sides: Sequence[SideLike],
                       annual: bool = False, source: Optional[str] = None, claims_equal: Optional[str] = None,
                       clauses: Union[Clauses, Dict[str, Any], None] = None,
                       stated: Optional[Dict[str, Union[Money, Tuple[Money, Optional[str]]]]] = None,
                       shortfall_to_carrier: bool = False, post_split: Optional[str] = None,
                       posts: Optional[Sequence[Union[str, Tuple[str, Any]]]] = None,
                       amendments: Optional[Sequence[Dict[str, Any]]] = None) -> None:
        """Adds a convention funding `post` over `period` (a Period, a
        (start, end) pair or "START..END"; Period.from_months() for "a
        year from 3 December"), sharing `cost` euros (None when no document
        states it) among its `sides` (Side objects or dicts), computed in
        `daycount` and rounded by `rounding` (an AllocationRule: unit,
        rounding, remainder policy among EQUAL sides).

        `annual`: the cost and amounts are for a year and prorated over the
        period (PRO-1). `stated`: the amounts the documents state, party
        id -> euros or (euros, source), which the audit compares (AUD-1).
        `clauses`: notice, deadlines, reports (CAL-2, CAL-3, RCV-2).
        `claims_equal`: where a document claims the shares are equal.
        `shortfall_to_carrier`: what the sides leave of the cost is charged
        to the post's carrier (SPLIT-7) instead of refused.

        A grant for several posts (SPLIT-8): `post_split` "EQUAL", "WEIGHTS"
        or "FIXED", and `posts` naming every post it funds (`post` among
        them): ids for EQUAL, (id, weight) pairs for WEIGHTS, (id, euros)
        pairs for FIXED.

        `amendments` (avenants, AMD-1): dicts with the date `from` and one
        change: `cost` (euros), `end` (the new end of the period),
        `withdraw` (a funder, with an optional `replacement`), or `side`
        with its new `rule` and its `percent` or `amount`. For example
        ``{"from": "2024-07-01", "withdraw": "cc", "replacement": "dept"}``.

        The plan is checked at once as a load checks it (SPLIT-7: sides
        and percentages must balance): on any error nothing is added."""
        h = self._building("add_convention()")
        check_str(convention, "convention")
        rule = _rule(rounding, "rounding")
        if isinstance(sides, (str, bytes, dict)) or not isinstance(sides, Iterable):
            raise TypeError("sides: a sequence of Side objects or dicts is expected")
        sides = [_side(s) for s in sides]
        spec = {"id": convention, "post": check_str(post, "post"), "period": to_period(period),
                "cost": _c.ISCG_UNKNOWN if cost is None else to_cents(cost, "cost"),
                "annual": int(bool(annual)), "daycount": int(DayCount.parse(daycount)), "rounding": rule,
                "source": None if source is None else check_str(source, "source")}
        steps = [(_c.iscg_convention_add, (spec,))]
        if claims_equal is not None:
            steps.append((_c.iscg_convention_claim_equal, (convention, check_str(claims_equal, "claims_equal"))))
        if clauses is not None:
            steps.append((_c.iscg_convention_set_clauses, (convention, _clauses(clauses))))
        for side in sides:
            steps.append((_c.iscg_convention_add_side, (convention, side._spec(rule))))
            for f in side._funders():
                steps.append((_c.iscg_convention_add_funder, (convention, side.name, f.party, f._weight())))
        grant = _grant_steps(convention, post_split, posts)
        steps[1:1] = grant  # the split before the claims and sides, as a file is read
        if shortfall_to_carrier:
            steps.append((_c.iscg_convention_charge_shortfall, (convention,)))
        amends = [_amendment(a, convention, spec["period"]) for a in amendments or ()]
        steps.extend((_c.iscg_convention_amend, (convention, w)) for w in amends)
        for party, amount in (stated or {}).items():
            amount, where = amount if isinstance(amount, tuple) else (amount, None)
            steps.append((_c.iscg_convention_state, (convention, check_str(party, "stated"),
                                                     to_cents(amount, "stated"),
                                                     None if where is None else check_str(where, "source"))))
        # A trial on a registry of its own, with the parties and the post it
        # names, so that a refusal (a plan that does not balance...) leaves
        # this dataset as it was: the library takes nothing back.
        trial = _c.iscg_registry_new()
        parties = {f.party for s in sides for f in s._funders()} | set(stated or ())
        parties |= {w[k] for w in amends for k in ("party", "replacement") if w.get(k)}
        known_posts = set(self._post_ids())
        named = [post] + [args[1] for function, args in grant if function is _c.iscg_convention_add_post]
        found = []
        for pid in dict.fromkeys(named):
            if pid in known_posts:
                p = _c.iscg_post_get(h, pid)
                parties.add(p["carrier"])
                found.append(p)
        for party in parties:
            if isinstance(party, str) and party in set(self._party_ids()):
                kind, name = _c.iscg_party_get(h, party)
                _c.iscg_party_add(trial, party, kind, name, _c.ISCG_UNKNOWN)
        for p in found:
            _c.iscg_post_add(trial, p)
        for function, args in steps:
            function(trial, *args)
        _c.iscg_registry_validate(trial)
        for function, args in steps:
            function(h, *args)

    def _party_ids(self):
        h = self._handle
        return (_c.iscg_registry_party_id(h, i) for i in range(_c.iscg_registry_party_count(h)))

    def _post_ids(self):
        h = self._handle
        return (_c.iscg_registry_post_id(h, i) for i in range(_c.iscg_registry_post_count(h)))

    @c_doc("iscg_dataset_add_budget")
    def add_budget_line(self, operation: str, payer: str, year: int, credits: Money, available: Money, *,
                        imputation: Optional[str] = None, label: Optional[str] = None,
                        stated_proposed: Optional[Money] = None, source: Optional[str] = None) -> None:
        """Adds the budget line `operation` of the party `payer` for `year`
        (BUD-1): its voted `credits` and the `available` credit, in euros,
        and the proposal the documents state, which budget() compares."""
        h = self._building("add_budget_line()")
        line = {"operation": check_str(operation, "operation"), "payer": check_str(payer, "payer"),
                "imputation": None if imputation is None else check_str(imputation, "imputation"),
                "label": None if label is None else check_str(label, "label"),
                "credits": to_cents(credits, "credits"), "available": to_cents(available, "available")}
        _c.iscg_dataset_add_budget(h, {"line": line, "year": check_int(year, "year"),
                                       "has_stated_proposed": int(stated_proposed is not None),
                                       "stated_proposed": 0 if stated_proposed is None
                                       else to_cents(stated_proposed, "stated_proposed"),
                                       "source": None if source is None else check_str(source, "source")})

    @c_doc("iscg_dataset_add_activity")
    def add_activity(self, post: str, granularity: Union[Granularity, str], start: DateLike, *,
                     site: Optional[str] = None, not_reported: bool = False, women: Optional[int] = None,
                     men: Optional[int] = None, children: Optional[int] = None, referrals: Optional[int] = None,
                     interviews: Optional[int] = None, interviews_physical: Optional[int] = None,
                     interviews_telephone: Optional[int] = None, interviews_partners: Optional[int] = None,
                     epci: Optional[int] = None, communes: Optional[int] = None, population: Optional[int] = None,
                     vif: Union[str, Decimal, int, None] = None, carrier: Union[ActivityCarrier, str, None] = None,
                     force: Union[ActivityForce, str, None] = None, territory: Optional[str] = None,
                     note: Optional[str] = None) -> None:
        """Adds the activity record of `post` for the period of
        `granularity` that starts on `start` (STAT-1): counts unknown when
        None (STAT-4), `vif` the share of VIF situations as a percentage
        ("61"). The library checks it as it checks a file's (STAT-2: the
        parts add up; no overlap with a record of the same post and site)."""
        h = self._building("add_activity()")
        granularity = Granularity.parse(granularity)
        start = to_date(start)
        # NONE (no months) is the library's to refuse, naming the granularity
        record = {"post": check_str(post, "post"), "granularity": int(granularity),
                  "period": Period.from_months(start, granularity.months) if granularity.months else Period(start, start),
                  "not_reported": int(bool(not_reported)),
                  "vif_basis_points": _c.ISCG_UNKNOWN if vif is None else _percent(vif, "vif"),
                  "carrier": int(ActivityCarrier.parse(carrier)) if carrier is not None else 0,
                  "force": int(ActivityForce.parse(force)) if force is not None else 0}
        given = locals()
        for name in _RECORD_COUNTS:
            record[name] = _c.ISCG_UNKNOWN if given[name] is None else check_int(given[name], name)
        for name in ("site", "territory", "note"):
            record[name] = None if given[name] is None else check_str(given[name], name)
        _c.iscg_dataset_add_activity(h, record)

    @c_doc("iscg_dataset_add_activities")
    def add_activity_columns(self, **columns: Any) -> int:
        """Adds one activity record per row of columns, in one call, and
        returns how many were added: the keywords of Stats.add_columns()
        (post, granularity, year and month or start, the counts...). All or
        nothing: a refused record raises, worded "record <index>: ..."."""
        h = self._building("add_activity_columns()")
        records = _stats.Stats.from_columns(**columns)
        _c.iscg_dataset_add_activities(h, records._h)
        return len(records)

    @c_doc("iscg_dataset_add_note")
    def add_note(self, note: str) -> None:
        """Adds a note to the dataset (how uncertain cells were recorded...)."""
        _c.iscg_dataset_add_note(self._building("add_note()"), check_str(note, "note"))

    @c_doc("iscg_dataset_add_stated")
    def add_stated_total(self, measure: Union[ActivityField, str], total: int, start: DateLike, end: DateLike, *,
                         post: Optional[str] = None, granularity: Union[Granularity, str] = Granularity.YEAR,
                         what: Optional[str] = None, source: Optional[str] = None) -> None:
        """Adds the total a document prints for a series (STAT-7): the sum
        of `measure` (a count: "referrals", "women"...) over the records of
        `granularity` from `start` to `end`, of `post` or of every post,
        which stats_checks() compares with the records."""
        h = self._building("add_stated_total()")
        _c.iscg_dataset_add_stated(h, {"kind": _c.ISCG_STATED_TOTAL, "measure": int(ActivityField.parse(measure)),
                                       "total": check_int(total, "total"), "from": to_date(start),
                                       "to": to_date(end), "post": None if post is None else check_str(post, "post"),
                                       "granularity": int(Granularity.parse(granularity)),
                                       "what": None if what is None else check_str(what, "what"),
                                       "source": None if source is None else check_str(source, "source")})

    @c_doc("iscg_dataset_add_stated")
    def add_stated_share(self, count: int, of: int, percent: Union[str, Decimal], *,
                         rounding: Union[Rounding, str] = Rounding.HALF_UP, what: Optional[str] = None,
                         source: Optional[str] = None) -> None:
        """Adds a share of counts a document prints (STAT-7): `count` of
        `of`, printed as `percent` ("62.2" for 61 of 98) with as many
        decimals as written (0 to 2), under `rounding`."""
        h = self._building("add_stated_share()")
        if not isinstance(percent, (str, Decimal)):
            raise TypeError("percent: a str or a Decimal is expected, not %s" % type(percent).__name__)
        digits = str(percent).replace("%", "").replace(",", ".").strip()
        decimals = len(digits.partition(".")[2])
        _c.iscg_dataset_add_stated(h, {"kind": _c.ISCG_STATED_SHARE, "count": check_int(count, "count"),
                                       "of": check_int(of, "of"), "basis_points": _percent(percent, "percent"),
                                       "decimals": decimals, "rounding": int(Rounding.parse(rounding)),
                                       "what": None if what is None else check_str(what, "what"),
                                       "source": None if source is None else check_str(source, "source")})

    # -- what-if: the dataset's scenario (AMD-3), saved with it --

    @c_doc("iscg_party_add")
    def add_party(self, party: str, kind: Union[PartyKind, str], name: str, population: Optional[int] = None) -> None:
        """Adds a party (PARTY-1, PARTY-2): a funder, a carrier or a payer of
        a dataset being built (Dataset.new()), or a new funder for
        withdraw(replacement=...); `population` (inhabitants) may be None
        when unknown. A loaded
        dataset's registry is frozen (results never see it change), so the
        dataset is read again from its own text with the party added;
        results computed before keep what they have."""
        check_str(party, "party")
        check_str(name, "name")
        if not _c.iscg_dataset_frozen(self._handle):  # a dataset being built (Dataset.new())
            _c.iscg_party_add(self._handle, party, int(PartyKind.parse(kind)), name,
                              _c.ISCG_UNKNOWN if population is None else check_int(population, "population"))
            return
        entry = {"id": party, "kind": PartyKind.parse(kind).name, "name": name}
        if population is not None:
            entry["population"] = check_int(population, "population")
        data = json.loads(self.to_json())
        data["parties"].append(entry)
        self._h = _c.iscg_dataset_load_string(json.dumps(data, ensure_ascii=False), str(self.origin))

    def _drop(self, kind, convention, party=None):
        """Removes the scenario's what-ifs of `kind` on `convention` (for `party`)."""
        h = self._handle
        for i in reversed(range(_c.iscg_scenario_count(h))):
            w = _c.iscg_scenario_get(h, i)
            if w["kind"] == kind and w["convention"] == convention and party in (None, w["party"]):
                _c.iscg_scenario_remove(h, i)

    def _whatif(self, what):
        """Adds a what-if to the scenario, in place of one of the same kind,
        and applies it once to its convention's plan: one that names what
        the plan does not have (an unknown convention, a party that does not
        fund it) is taken back and raised. A plan the what-if ends
        (Terminated) or cannot compute is its answer, not an error."""
        h = self._handle
        self._drop(what["kind"], what["convention"], what.get("party"))
        _c.iscg_scenario_add(h, what)
        try:
            _c.iscg_funding_compute_scenario(h, h, what["convention"])
        except _c.NotFound:
            _c.iscg_scenario_remove(h, _c.iscg_scenario_count(h) - 1)
            raise
        except _c.Error:
            pass

    @c_doc("iscg_scenario_add")
    def withdraw(self, convention: str, party: str, replacement: Optional[str] = None,
                 since: Optional[DateLike] = None) -> None:
        """What-if (AMD-2, AMD-3): `party` stops funding `convention` from
        the date `since` (the whole period when None); `replacement` (a party
        id, which may fund the convention already: its shares then add up)
        takes its share over from then, or else the side's other funders do,
        or, for a required side with none, the plan ends (SPLIT-6: its plan
        then raises Terminated). The dataset's registry is not changed: the
        what-if goes in its scenario, which plans, receivables and the audit
        apply and which to_json() and copy() keep."""
        what = {"kind": _c.ISCG_WHATIF_WITHDRAW, "convention": check_str(convention, "convention"),
                "party": check_str(party, "party"),
                "replacement": None if replacement is None else check_str(replacement, "replacement")}
        if since is not None:
            what["from"] = to_date(since)
        self._whatif(what)

    @c_doc("iscg_scenario_remove")
    def restore(self, convention: str, party: str) -> None:
        """Undoes withdraw() for `party`."""
        self._drop(_c.ISCG_WHATIF_WITHDRAW, check_str(convention, "convention"), check_str(party, "party"))

    @c_doc("iscg_scenario_add")
    def set_cost(self, convention: str, cost: Money) -> None:
        """What-if: a new cost (Decimal euros) for `convention`, in the scenario."""
        self._whatif({"kind": _c.ISCG_WHATIF_COST, "convention": check_str(convention, "convention"),
                      "cost": to_cents(cost, "cost")})

    @c_doc("iscg_scenario_add")
    def set_period(self, convention: str, period: PeriodLike) -> None:
        """What-if: a new period for `convention`, in the scenario."""
        self._whatif({"kind": _c.ISCG_WHATIF_PERIOD, "convention": check_str(convention, "convention"),
                      "period": to_period(period)})

    @property
    def what_ifs(self) -> List[Dict[str, Any]]:
        """The scenario's what-ifs, in order, as dicts (kind as a name)."""
        h = self._handle
        out = []
        for i in range(_c.iscg_scenario_count(h)):
            w = _c.iscg_scenario_get(h, i)
            w["kind"] = _c.iscg_whatif_kind_name(w["kind"])
            out.append(w)
        return out

    @c_doc("iscg_convention_amendment_get")
    def amendments(self, convention: str) -> List[Dict[str, Any]]:
        """The amendments (avenants, AMD-1) recorded on `convention`, in
        order, as dicts: `kind` (COST, PERIOD, SIDE or WITHDRAW), `from`
        (the date it takes effect) and what it changes (`cost` in cents, the
        new `end`, a `side` with its `rule` and `value`, a withdrawn `party`
        and its `replacement`). Unlike what-ifs, they are part of the
        convention: plans, receivables, the budget and the audit follow them."""
        h = self._handle
        cid = check_str(convention, "convention")
        _c.iscg_convention_get(h, cid)  # NotFound for an unknown convention
        out = []
        for i in range(_c.iscg_convention_amendment_count(h, cid)):
            w = _c.iscg_convention_amendment_get(h, cid, i)
            kind = _c.iscg_whatif_kind_name(w["kind"])
            a: Dict[str, Any] = {"kind": kind, "from": w["from"]}
            if kind == "COST":
                a["cost"] = w["cost"]
            elif kind == "PERIOD":
                a["end"] = w["period"][1]
            elif kind == "SIDE":
                a.update(side=w["side"], rule=_c.iscg_share_rule_name(w["rule"]), value=w["value"])
            else:
                a.update(party=w["party"], replacement=w["replacement"])
            out.append(a)
        return out

    def copy(self) -> "Dataset":
        """An independent copy (saved and loaded again)."""
        return loads(self.to_json(), "copy of %s" % self.origin)

    def without(self, party: str, replacement: Optional[str] = None) -> "Dataset":
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
    def to_json(self) -> str:
        """The dataset as JSON text; loads() reads it back unchanged."""
        return _c.iscg_dataset_save_string(self._handle)

    @c_doc("iscg_dataset_save_file")
    def save(self, path: "PathLike") -> None:
        """Writes the dataset as JSON to `path`, atomically: on any failure the
        file is left as it was. A FileError is also the OSError of its errno
        (FileNotFoundError, PermissionError...), with errno and filename."""
        path = _fspath(path)
        with _whole_file_name(path):
            _c.iscg_dataset_save_file(self._handle, path)


class _whole_file_name:
    """Gives a file's error its name in full: the library's report keeps the
    start and the end of a long name only."""

    def __init__(self, path):
        self.path = path

    def __enter__(self):
        return self

    def __exit__(self, kind, e, tb):
        if isinstance(e, _c.DatasetError) and getattr(e, "file", None) is not None:
            e.file = self.path
            if isinstance(e, OSError) and e.filename is not None:
                e.filename = self.path
        return False


_DATA_KINDS = {"conventions": _c.ISCG_REPORT_CONVENTIONS, "budget": _c.ISCG_REPORT_BUDGET,
               "activity": _c.ISCG_REPORT_ACTIVITY}


def _data_kinds(what):
    if what is None:
        return _c.ISCG_REPORT_ALL
    names = (what,) if isinstance(what, str) else tuple(what)
    kinds = 0
    for name in names:
        if name not in _DATA_KINDS:
            raise invalid("%r is not a kind of data: give %s" % (name, ", ".join(_DATA_KINDS)), "what")
        kinds |= _DATA_KINDS[name]
    if not kinds:
        raise invalid("no kind of data given", "what")
    return kinds


def _status_name(e):
    try:
        return _c.iscg_strerror(e.code)
    except (AttributeError, TypeError):
        return type(e).__name__


@c_doc("iscg_dataset_load_file_ext", "iscg_dataset_load_embedded")
def load(path: Optional["PathLike"] = None, *, max_size: Optional[int] = None) -> Dataset:
    """Loads a dataset file, or the embedded Pas-de-Calais 2023 dataset when
    `path` is None. Errors are DatasetError with file, line and column; a file
    larger than `max_size` bytes (default 1 GiB) is a RangeError as soon as
    that is seen."""
    if path is None:
        return Dataset(_c.iscg_dataset_load_embedded(), "<embedded>")
    path = _fspath(path)
    with _whole_file_name(path):
        return Dataset(_c.iscg_dataset_load_file_ext(path, max_size), path)


@c_doc("iscg_dataset_load_string_ext")
def loads(text: str, name: Optional[str] = None, *, max_size: Optional[int] = None) -> Dataset:
    """Loads a dataset from JSON text; `name` is what errors give as its
    file. A text longer than `max_size` bytes (default 1 GiB) is refused;
    Ctrl-C interrupts a long load."""
    check_str(text, "text")
    return Dataset(_c.iscg_dataset_load_string_ext(text, None if name is None else check_str(name, "name"),
                                                   max_size), name or "<string>")


@c_doc("iscg_dataset_validate_file_ext", "iscg_dataset_validate_string")
def validate(path: Optional["PathLike"] = None, *, text: Optional[str] = None, name: Optional[str] = None,
             max_size: Optional[int] = None) -> Problems:
    """Every error of a dataset file (or of JSON `text`), not only the first;
    an empty table when it is valid. A file is read up to `max_size` bytes
    (default 1 GiB)."""
    if (path is None) == (text is None):
        raise TypeError("validate: give either a path or text=")
    try:
        if path is not None:
            _c.iscg_dataset_validate_file_ext(_fspath(path), max_size)
        else:
            _c.iscg_dataset_validate_string(check_str(text, "text"), name)
        errors = []
    except _c.DatasetError as e:
        errors = getattr(e, "errors", None) or []
    rows = [Problem(x["source"], x["line"] or None, x["column"] or None, x["field"], _c.iscg_strerror(x["code"]),
                    x["text"]) for x in errors]
    return Problems(rows, "problems")

