# SPDX-License-Identifier: Apache-2.0
"""The rows of `make bench` that measure funding and allocation from Python,
as a notebook user meets them, against the pure-Python reference
(bench/reference.py) doing the same work:

- Dataset.funding(year) and its totals (the amounts computed and copied,
  the rows made when read: their cost is printed beside), against the reference's rules for
  the same year (each convention's plan and its part of the year, PRO-3) on
  the dataset already parsed by json.load: at least 5x, on the embedded
  dataset and on the national one (100 000 posts by default);
- iscg.load() + funding(year) against json.load + the same rules: never
  slower on the embedded dataset, at least 10x on the national one; beside
  it, for information, the best ratio any load that parses the file with
  jansson could reach (the reference's time over jansson's bare parse of
  the same file, as if building the model and computing cost nothing);
- iscg.allocate() with a rule that changes at every call (so that no call
  finds its rule met before): under 1 us.

Each side is warmed up once, then timed over the same number of runs (at
least 5); each ratio is printed with its spread. bench.py calls these
functions with its report and its timing helpers; nothing here is a test.
"""

import json
import time
import timeit
from datetime import date

MIN_RUNS = 5


def _runs(args):
    return max(args.runs, MIN_RUNS)


def text(t):
    """A Timing as text: milliseconds under a second, so that the embedded
    dataset's tenths of a millisecond show."""
    if t.median >= 1:
        return t.text()
    return "%.3f ms (%.3f-%.3f)" % (t.median * 1e3, t.lo * 1e3, t.hi * 1e3)


def reference_year(data, year):
    """The reference's rules for what funding(year) computes, on a dataset
    parsed by json.load: its model, then for each convention that touches
    `year`, its plan and its part of the year. Returns the sum of the parts'
    shares in cents and the number of conventions that could not be computed."""
    import reference  # bench/reference.py

    model = reference.load(data)
    first, last = date(year, 1, 1), date(year, 12, 31)
    total = failed = 0
    for c in model.conventions:
        if c.end < first or c.start > last:
            continue
        try:
            part = reference.year_parts(c)[year]
        except reference.FundingError:
            failed += 1
            continue
        if isinstance(part, reference.FundingError):
            failed += 1
            continue
        total += sum(cents for _, _, cents in part[1])
    return total, failed


def table_total(table):
    """The sum of a funding table's shares in cents, from the library's
    totals by kind of funder (the amounts are computed; no row is made)."""
    return sum(int(euros * 100) for euros in table.totals_by_kind().values())


def rows_total(table):
    """Reads every row of a funding table, as a user's loop does; their sum in cents."""
    return sum(row.amount_cents for row in table)


def python_funding(args, rep, helpers, path, label, year, national):
    """The two funding rows of one dataset: funding(year) alone, and load()
    + funding(year), each against the reference doing the same from the
    parsed JSON or from the file. `helpers` is bench.py (timed, Ratio)."""
    try:
        import iscg
    except ImportError as e:
        rep.say("Python bindings not available (%s): funding from Python is not measured" % e)
        return
    runs = _runs(args)

    with open(path) as f:
        data = json.load(f)
    ds = iscg.load(path)
    funding_t, total = helpers.timed(lambda: table_total(ds.funding(year)), runs)
    rows_t, rows_sum = helpers.timed(lambda: rows_total(ds.funding(year)), runs)
    rules_t, (ref_total, ref_failed) = helpers.timed(lambda: reference_year(data, year), runs)

    def iscg_all():
        return table_total(iscg.load(path).funding(year))

    def reference_all():
        with open(path) as f:
            return reference_year(json.load(f), year)

    both_t, both_total = helpers.timed(iscg_all, runs)
    ref_both_t, _ = helpers.timed(reference_all, runs)
    failures = len(ds.funding(year).failures)
    if not total == rows_sum == both_total == ref_total:
        raise SystemExit("bench: Python's funding(%d) sums to %d cents, the reference's parts of the year to %d"
                         % (year, total, ref_total))
    rep.say("From Python, %s (%d posts), year %d, warmed up, %d runs each: ds.funding(year) and its totals %s "
            "(with a FundingRow made and read for each of its %d rows: %s); the reference's rules for the year on the "
            "parsed JSON %s; iscg.load() + funding() %s; json.load + the reference %s; both %d cents (%d conventions "
            "not computable, %d for the reference)"
            % (label, len(ds.posts), year, runs, text(funding_t), len(ds.funding(year)), text(rows_t),
               text(rules_t), text(both_t), text(ref_both_t), total, failures, ref_failed))
    ratio = helpers.Ratio(rules_t, funding_t)
    rep.result("Python funding(%d), %s (%d posts), vs the reference's rules" % (year, label, len(ds.posts)),
               text(funding_t), text(rules_t), ratio.text(), "at least 5x", ratio.value >= 5)
    ratio = helpers.Ratio(ref_both_t, both_t)
    want = 10 if national else 1
    rep.result("Python load() + funding(%d), %s (%d posts), vs json.load + the reference" % (year, label,
                                                                                          len(ds.posts)),
               text(both_t), text(ref_both_t), ratio.text(),
               "at least 10x" if national else "never slower (at least 1x)", ratio.value >= want)
    # the standards name jansson for JSON: its bare parse of the file (in C,
    # from a string already read) bounds what any such load can reach
    parse_t = helpers.c_timing(helpers.c_load(args, path), "parse_s")
    floor = helpers.Ratio(ref_both_t, parse_t)
    rep.say("  jansson's bare parse of the same file takes %s: a load that parses it with jansson, even if "
            "building the model and computing cost nothing, is at most %s faster than json.load + the reference"
            % (text(parse_t), floor.text()))
    rep.result("the same, at best: json.load + the reference vs jansson's bare parse alone, %s" % label,
               text(parse_t), text(ref_both_t), floor.text(), "none (information: the bound of the row above)",
               None)


def allocate_calls(args, rep, helpers):
    """iscg.allocate() from the first call with a rule: the calls cycle
    through 120 rules (units, rounding modes, remainder policies), each call's
    rule differing from the one before; beside it the same call with one
    rule, a new amount at every call, and the wrapped C function."""
    try:
        import iscg
        from iscg import _c
    except ImportError as e:
        rep.say("Python bindings not available (%s): the cost of a call is not measured" % e)
        return
    import decimal

    import reference  # bench/reference.py

    runs = _runs(args)
    units = (iscg.CENT, iscg.EURO, "CENT", "EURO")
    roundings = ("DOWN", "UP", "FLOOR", "CEILING", "HALF_UP", "HALF_DOWN")
    policies = ("NONE", "TO_FIRST", "LARGEST_REMAINDER", "LARGEST_WEIGHT", "ROUND_ROBIN")
    rules = [dict(unit=u, rounding=r, policy=p) for r in roundings for p in policies for u in units]
    amount, weights = 1000, [1, 2, 3]
    allocate = iscg.allocate

    def new_rules():
        for rule in rules:
            allocate(amount, weights, **rule)

    euros = decimal.Decimal("1000.00")

    def new_rules_decimal():
        for rule in rules:
            allocate(euros, weights, **rule)

    def new_amounts():
        for k in range(len(rules)):
            allocate(1000 + k, weights, unit=iscg.CENT, rounding="DOWN", policy="LARGEST_REMAINDER")

    rule = iscg.AllocationRule(iscg.CENT, "DOWN", "LARGEST_REMAINDER", 0, "RAW").to_c()

    def wrapped():
        for _ in range(len(rules)):
            _c.iscg_allocate(100000, weights, rule)

    ref_rule = reference.Rule(1, "DOWN", "LARGEST_REMAINDER")

    def pure_python():
        for _ in range(len(rules)):
            reference.allocate(100000, weights, ref_rule)

    for r in rules:  # each rule gives what the general path gives
        a = allocate(amount, weights, **r)
        b = iscg._money._allocate(amount, weights, r["unit"], r["rounding"], r["policy"], "RAW", 0)
        if a != b or [d.as_tuple() for d in a.shares] != [d.as_tuple() for d in b.shares]:
            raise SystemExit("bench: allocate() and its general path disagree on %r" % (r,))
    loops = 400  # of len(rules) calls each, per run

    def per_call(fn):
        fn()  # warm-up, not counted
        times = timeit.repeat(fn, number=loops, repeat=runs, timer=time.perf_counter)
        return helpers.Timing(t / loops / len(rules) for t in times)

    first, first_decimal, fresh, raw, pure = (per_call(f) for f in (new_rules, new_rules_decimal, new_amounts,
                                                                   wrapped, pure_python))
    us = lambda t: "%.2f us (%.2f-%.2f)" % (t.median * 1e6, t.lo * 1e6, t.hi * 1e6)  # noqa: E731
    rep.say("One Python call to allocate 1 000 EUR by [1, 2, 3], the rule changing at every call (%d rules), %d runs: "
            "iscg.allocate() %s with an int of euros, %s with Decimal('1000.00'); with one rule and a new amount "
            "at every call %s; the wrapped C function %s (cents, a rule dict); the reference's pure-Python "
            "allocate() %s" % (len(rules), runs, us(first), us(first_decimal), us(fresh), us(raw), us(pure)))
    worst = max(first.median, first_decimal.median)
    rep.result("one Python call to iscg.allocate() with a new rule (int or Decimal amount, the slower)",
               "%.2f us" % (worst * 1e6), "%.2f us (pure Python)" % (pure.median * 1e6),
               "%.1fx" % (pure.median / worst), "under 1 us", worst < 1e-6)
    rep.result("one call to the wrapped iscg_allocate()", us(raw), "-", "-", "under 2 us", raw.median < 2e-6)
