# SPDX-License-Identifier: Apache-2.0
"""Datasets: loading, validating and saving them, and computing from them
posts, conventions, funding plans, receivables, the budget line, the audit
and its explanations, the calendar of deadlines, and what-if changes.

A Dataset owns the library's handle and frees it when it is closed or
collected; every result is copied into Python objects (_results.py) when it
is computed, so results stay valid after the dataset is closed or changed."""

import json
import os
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _iscg as _c

from . import _stats
from ._dates import DateLike, Period, PeriodLike, to_date, to_period
from ._enums import DayCount, DeadlineKind, FindingKind, Granularity, GroupBy, PartyKind, PostKind, Rounding, \
    ShareRule
from ._money import AllocationRule, Money, to_cents
from ._results import (Audit, Budget, BudgetItem, BudgetLine, BudgetRow, Clauses, Convention, Conventions, Deadline,
                       Deadlines, Explanation, Failure, Finding, Funding, FundingRow, FundingSide, FundingTable, Parties,
                       Party, Post, Posts, Problem, Problems, Receivable, Receivables)
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
                                   Explanation.from_c(r["explain"])))
        sides = []
        for k in range(_c.iscg_funding_side_count(handle)):
            s = _c.iscg_funding_side_get(handle, k)
            sides.append(FundingSide(s["name"], ShareRule(s["rule"]), s["amount"], s["drift"]))
        return Funding(rows, convention, period, _c.iscg_funding_cost(handle), _c.iscg_funding_total(handle), sides,
                       Explanation.from_c(_c.iscg_funding_explain(handle)))

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
        rows = []
        for k in range(_c.iscg_report_funding_row_count(report)):
            r = _c.iscg_report_funding_row_get(report, k)
            f = r["funder"]
            rows.append(FundingRow(r["convention"], Period(*r["period"]), r["post"], r["post_label"], r["carrier"],
                                   r["carrier_name"], f["party"], f["party_name"], PartyKind(f["party_kind"]),
                                   f["side"], f["amount"], f["stated"] if f["has_stated"] else None, f["replaces"],
                                   Explanation.from_c(f["explain"])))
        failures = []
        for k in range(_c.iscg_report_funding_failure_count(report)):
            x = _c.iscg_report_funding_failure_get(report, k)
            failures.append(Failure(x["convention"], x["post"], _c.iscg_strerror(x["code"]), x["text"]))
        totals = {kind: _c.iscg_report_funding_total(report, int(kind)) for kind in PartyKind}
        return FundingTable(rows, failures, "funding" if year is None else "funding %d" % year, totals)

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
        return Receivables(rows, "receivables %d" % year)

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

    # -- what-if: the dataset's scenario (AMD-3), saved with it --

    @c_doc("iscg_party_add")
    def add_party(self, party: str, kind: Union[PartyKind, str], name: str, population: Optional[int] = None) -> None:
        """Adds a party, e.g. a new funder for withdraw(replacement=...);
        `population` (inhabitants) may be None when unknown. A loaded
        dataset's registry is frozen (results never see it change), so the
        dataset is read again from its own text with the party added;
        results computed before keep what they have."""
        check_str(party, "party")
        check_str(name, "name")
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


@c_doc("iscg_dataset_load_string")
def loads(text: str, name: Optional[str] = None) -> Dataset:
    """Loads a dataset from JSON text; `name` is what errors give as its file."""
    check_str(text, "text")
    return Dataset(_c.iscg_dataset_load_string(text, None if name is None else check_str(name, "name")),
                   name or "<string>")


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

