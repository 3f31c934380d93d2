# SPDX-License-Identifier: Apache-2.0
"""A pure-Python reference implementation of libiscg's funding rules, the
baseline of the speed comparison and an independent check of the library.

It reads a dataset already parsed with ``json.load`` (a dict following
doc/dataset.md) and computes, with integer cents and ``fractions.Fraction``
only (no binary floating point in money), what libiscg computes:

* the shares of each funder over a convention's whole period
  (``iscg_funding_compute``: SPLIT-1..6, PRO-1): EQUAL, PERCENT, FIXED and
  REMAINDER sides, extras on top, caps, required sides, the split of a side
  among its funders by weights, every rounding unit, rounding mode and
  remainder policy, and annual conventions prorated with their day count;
* the part of those shares in each calendar year the period touches
  (``iscg_funding_compute_year``, PRO-3), the last part taking what the
  earlier parts leave;
* the receivables a carrier issues for a year (``iscg_receivables_compute``,
  RCV-1), reduced for the months of absence or vacancy of the post (PRO-4).

The rules are those of RULES.md; where the rules leave a choice open, the
behaviour is the C code's (libiscg/funding.c, alloc.c, prorata.c,
receivables.c, money.c): the same order of rounding, the same ranking of
remainders, the same day counts, and a failure wherever libiscg fails, with
its status name ("ETERMINATED", "ERANGE", "EROUNDING", ...).

The dataset is assumed to be one libiscg loads: fields are read, not
validated again (the file's own errors are the loader's business), and
amounts are not checked against the 64-bit range of libiscg's cents.

Usage::

    import json, reference
    with open("data/pas-de-calais-2023.json") as f:
        result = reference.evaluate(json.load(f))

``evaluate(dataset, withdrawals=None)`` returns::

    {
      "conventions": {convention_id: {
          "shares": {party_id: cents},           # the whole period
          "years":  {year: {party_id: cents}},   # its part in each calendar year
      }},
      "receivables": {(carrier_id, year): {(convention_id, debtor_id): cents}},
      "errors": {("shares", convention_id): status,
                 ("year", convention_id, year): status,
                 ("receivables", carrier_id, year): status},
    }

A computation that fails is absent from its place and listed in "errors"
with libiscg's status name; a convention whose whole-period computation
fails has no entry in "conventions". Years are computed with the
convention's own day count. A party that pays twice in one plan (two
withdrawn funders replaced by the same party) has its rows summed.
Receivables are computed for each carrier of a post, for each year one of
its conventions touches.

``withdrawals`` is the what-if of ``iscg_convention_withdraw`` (which the
dataset format does not record): ``{convention_id: {party_id: replacement}}``,
the replacement being a party id or None (the funder leaves, and a required
side left without funders ends the plan).

For timing, ``load()`` reads a dataset once into a ``Model``; then
``evaluate_post(model, post_id)`` computes the shares and yearly parts of
one post's conventions, and ``plan()``, ``year_parts()`` and
``receivables()`` are the single computations.
"""

import re
from datetime import date
import calendar
from fractions import Fraction

__all__ = ["DAYCOUNTS", "MONTH_DAYCOUNTS", "REMAINDER_POLICIES", "ROUNDING_MODES", "FundingError", "Model", "Plan",
           "Rule", "allocate", "days_in_month", "evaluate", "evaluate_post", "load", "months_covered",
           "parse_amount", "parse_date", "parse_percent", "period_from_months", "plan", "receivables", "scale",
           "split_years", "year_fraction", "year_parts"]

# Rounding modes, remainder policies and share rules, numbered as in the C enums.
DOWN, UP, FLOOR, CEILING, HALF_UP, HALF_DOWN, HALF_EVEN, UNNECESSARY = range(8)
ROUNDING_MODES = {name: i for i, name in enumerate(
    ("DOWN", "UP", "FLOOR", "CEILING", "HALF_UP", "HALF_DOWN", "HALF_EVEN", "UNNECESSARY"))}
NONE, TO_FIRST, LARGEST_REMAINDER, LARGEST_WEIGHT, TO_PARTY = range(5)
REMAINDER_POLICIES = {name: i for i, name in enumerate(
    ("NONE", "TO_FIRST", "LARGEST_REMAINDER", "LARGEST_WEIGHT", "TO_PARTY"))}
EQUAL, PERCENT, FIXED, REMAINDER = range(4)
SHARE_RULES = {"EQUAL": EQUAL, "PERCENT": PERCENT, "FIXED": FIXED, "REMAINDER": REMAINDER}
UNITS = {"CENT": 1, "EURO": 100}
DAYCOUNTS = ("MONTHS_WHOLE", "MONTHS_STARTED", "MONTHS_PRORATED", "30_360_US", "30_360_BOND", "30E_360",
             "ACT_365F", "ACT_ACT_ISDA")
MONTH_DAYCOUNTS = frozenset(("MONTHS_WHOLE", "MONTHS_STARTED", "MONTHS_PRORATED"))


class FundingError(Exception):
    """A computation libiscg refuses; ``status`` is its status name
    ("ETERMINATED", "ERANGE", "EWEIGHTS", "EROUNDING", "EINVAL", "ESTATE").
    libiscg's EOVERFLOW (beyond 64-bit cents) is not modelled: Python's
    integers do not overflow."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


# ---- reading the dataset ----------------------------------------------------

_SEP = "[ \u00a0\u202f]"
_AMOUNT = re.compile(r"[ \t]*([-+]?)(\d{1,3}(?:%s\d{3})+|\d+)(?:[.,](\d{1,2}))?[ \u00a0\u202f\t]*(?:(?:€|EUR)"
                     r"[ \u00a0\u202f\t]*)?\Z" % _SEP)
_PERCENT = re.compile(r" *(\d{1,6})(?:[.,](\d{1,2}))?[ \u00a0]*%? *\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def parse_amount(value):
    """An amount of the dataset in cents: integer cents, or euros as text
    ("14333.00", "14 333", "14 333,00 €")."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    m = _AMOUNT.match(value) if isinstance(value, str) else None
    if not m:
        raise ValueError("%r is not an amount" % (value,))
    sign, euros, dec = m.groups()
    cents = int(re.sub(_SEP, "", euros)) * 100 + (int(dec.ljust(2, "0")) if dec else 0)
    return -cents if sign == "-" else cents


def parse_percent(value):
    """A percentage of the dataset in basis points: integer basis points, or
    text with at most two decimals ("41.78", "41,78 %")."""
    if isinstance(value, int) and not isinstance(value, bool):
        bp = value
    else:
        m = _PERCENT.match(value) if isinstance(value, str) else None
        if not m:
            raise ValueError("%r is not a percentage" % (value,))
        bp = int(m.group(1)) * 100 + (int(m.group(2).ljust(2, "0")) if m.group(2) else 0)
    if not 0 <= bp <= 10000:
        raise ValueError("%r is not a percentage from 0 to 100" % (value,))
    return bp


def parse_date(text):
    """An ISO 8601 date "YYYY-MM-DD"."""
    if not isinstance(text, str) or not _DATE.match(text):
        raise ValueError("%r is not a date YYYY-MM-DD" % (text,))
    return date.fromisoformat(text)


def days_in_month(year, month):
    """The number of days of `month` (1..12) in `year`."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def period_from_months(start, months):
    """The last day of the period that starts on `start` and lasts `months`
    calendar months (CAL-1): the day before the same day number, months
    later, or the target month's last day when it has no such day."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    dim = days_in_month(year, month)
    if start.day > dim:
        return date(year, month, dim)
    return date.fromordinal(date(year, month, start.day).toordinal() - 1)


class Rule:
    """A rounding rule: unit in cents, rounding mode, remainder policy,
    whether weights are basis points that must sum to 100 %, and the
    position that TO_PARTY gives the remainder to."""

    __slots__ = ("unit", "mode", "policy", "basis_points", "party")

    def __init__(self, unit, mode, policy, basis_points=False, party=0):
        self.unit, self.mode, self.policy, self.basis_points, self.party = unit, mode, policy, basis_points, party

    @classmethod
    def from_json(cls, d):
        """A rule of the dataset: {"unit", "mode", "remainder", "weights", "party"}."""
        return cls(UNITS[d["unit"]], ROUNDING_MODES[d["mode"]], REMAINDER_POLICIES[d["remainder"]],
                   d.get("weights") == "BASIS_POINTS", d.get("party") or 0)

    def with_(self, basis_points=None, party=None):
        """A copy with the weights kind or the remainder position replaced."""
        return Rule(self.unit, self.mode, self.policy, self.basis_points if basis_points is None else basis_points,
                    self.party if party is None else party)


class Side:
    """A side of a plan. ``funders`` holds (payer, weight) for each funder
    still paying (the replacement's id when one took over); ``gone`` counts
    the funders withdrawn with nobody to replace them."""

    __slots__ = ("name", "rule", "value", "extra", "cap", "required", "split", "funders", "gone")

    def __init__(self, d, withdrawn):
        self.name = d["name"]
        self.rule = SHARE_RULES[d["rule"]]
        self.value = (parse_amount(d["amount"]) if self.rule == FIXED
                      else parse_percent(d["percent"]) if self.rule == PERCENT else 0)
        self.extra = parse_amount(d["extra"]) if d.get("extra") is not None else 0
        self.cap = parse_amount(d["cap"]) if d.get("cap") is not None else None
        self.required = d.get("required") is not False
        self.split = Rule.from_json(d["split"])
        self.funders = []
        self.gone = 0
        for f in d.get("funders") or ():
            weight = parse_percent(f["percent"]) if "percent" in f else (
                f["weight"] if f.get("weight") is not None else 1)
            party = f["party"]
            if party in withdrawn:
                party = withdrawn[party]
                if party is None:
                    self.gone += 1
                    continue
            self.funders.append((party, weight))


class Convention:
    """A convention read from the dataset, with its post's carrier and the
    post's absences and vacancies (as (start, end) date pairs)."""

    __slots__ = ("id", "post", "carrier", "start", "end", "cost", "annual", "daycount", "rounding", "sides",
                 "absences")

    def __init__(self, d, post, withdrawn):
        self.id = d["id"]
        self.post = d["post"]
        self.carrier = post["carrier"]
        self.start = parse_date(d["start"])
        self.end = parse_date(d["end"]) if d.get("end") is not None else period_from_months(self.start, d["months"])
        self.cost = parse_amount(d["cost"]) if d.get("cost") is not None else None
        self.annual = bool(d.get("annual"))
        self.daycount = d["daycount"]
        self.rounding = Rule.from_json(d["rounding"])
        self.sides = [Side(s, withdrawn) for s in d.get("sides") or ()]
        self.absences = [(parse_date(e["start"]), parse_date(e["end"])) for e in post.get("events") or ()
                         if e["kind"] in ("ABSENCE", "VACANCY")]


class Model:
    """A dataset read once: its conventions in order, by identifier, by post
    and by carrier, and the carriers of its posts in order."""

    def __init__(self, dataset, withdrawals=None):
        withdrawals = withdrawals or {}
        posts = {p["id"]: p for p in dataset.get("posts") or ()}
        self.conventions = [Convention(c, posts[c["post"]], withdrawals.get(c["id"], {}))
                            for c in dataset.get("conventions") or ()]
        self.by_id = {c.id: c for c in self.conventions}
        self.by_post = {pid: [] for pid in posts}
        self.by_carrier = {}
        for c in self.conventions:
            self.by_post[c.post].append(c)
            self.by_carrier.setdefault(c.carrier, []).append(c)
        self.carriers = list(dict.fromkeys(p["carrier"] for p in posts.values()))


def load(dataset, withdrawals=None):
    """Reads a parsed dataset (and optional withdrawals, see the module's
    documentation) into a Model."""
    return Model(dataset, withdrawals)


# ---- exact arithmetic ---------------------------------------------------------

def _round_div(n, d, mode):
    """n / d (d > 0) rounded to an integer under `mode`, as iscg__round_div()."""
    q, r = divmod(n, d)  # q is the floor
    if not r:
        return q
    if mode == DOWN:
        return q if n > 0 else q + 1
    if mode == FLOOR:
        return q
    if mode == CEILING:
        return q + 1
    if mode == UP:
        return q + 1 if n > 0 else q
    if mode == UNNECESSARY:
        raise FundingError("EROUNDING", "%d/%d is not a whole unit and rounding is UNNECESSARY" % (n, d))
    twice = 2 * r
    if twice != d:
        return q if twice < d else q + 1
    if mode == HALF_UP:
        return q + 1 if n > 0 else q
    if mode == HALF_DOWN:
        return q if n > 0 else q + 1
    return q + (q & 1)  # HALF_EVEN


def scale(amount, num, den, unit, mode):
    """round(amount × num / den) to a multiple of `unit` cents (iscg_money_scale())."""
    return _round_div(amount * num, den * unit, mode) * unit


def allocate(amount, weights, rule):
    """Splits `amount` cents by integer `weights` under `rule` (iscg_allocate()):
    each share rounded on its own, then the remainder placed by the policy.
    Returns (shares, drift), drift being what NONE leaves unallocated."""
    total = 0  # the weights first, then the rule, as iscg_allocate() checks them
    for w in weights:
        if w < 0:
            raise FundingError("EWEIGHTS", "a weight is negative")
        total += w
    if not weights or total == 0:
        raise FundingError("EWEIGHTS", "no weights, or all zero")
    if rule.basis_points and total != 10000:
        raise FundingError("EWEIGHTS", "percentages sum to %d.%02d %%, not 100.00 %%" % divmod(total, 100))
    if rule.policy == TO_PARTY and rule.party >= len(weights):
        raise FundingError("EINVAL", "remainder party %d does not exist among %d shares" % (rule.party, len(weights)))
    unit, mode, policy = rule.unit, rule.mode, rule.policy
    den = total * unit
    shares, lost = [], []
    for w in weights:
        n = amount * w
        q = _round_div(n, den, mode)
        shares.append(q * unit)
        lost.append(n - q * den)
    rem = amount - sum(shares)
    if rem == 0:
        return shares, 0
    if policy == NONE:
        return shares, rem
    if policy == TO_FIRST:
        shares[0] += rem
    elif policy == TO_PARTY:
        shares[rule.party] += rem
    elif policy == LARGEST_WEIGHT:
        shares[weights.index(max(weights))] += rem
    else:  # LARGEST_REMAINDER: whole units along the ranking, the sub-unit rest to its top
        n = len(weights)
        if rem > 0:
            order = sorted(range(n), key=lambda i: (-lost[i], i))
            units, step = rem // unit, unit
        else:
            order = sorted(range(n), key=lambda i: (lost[i], i))
            units, step = (-rem) // unit, -unit
        for k in range(units):
            shares[order[k % n]] += step
        shares[order[0]] += rem - units * step
    return shares, 0


# ---- day counts (PRO-1, PRO-2) ------------------------------------------------

def _month_part(covered, dim, daycount):
    if covered == dim or daycount == "MONTHS_STARTED":
        return 1
    if daycount == "MONTHS_PRORATED":
        return Fraction(covered, dim)
    return 0


def months_covered(start, end, daycount):
    """The months counted in start..end (inclusive) by a month day count: a
    whole month counts 1, a part of a month 0 (MONTHS_WHOLE), 1
    (MONTHS_STARTED) or its share of days (MONTHS_PRORATED)."""
    dim = days_in_month(start.year, start.month)
    if start.year == end.year and start.month == end.month:
        return _month_part(end.day - start.day + 1, dim, daycount)
    between = end.year * 12 + end.month - start.year * 12 - start.month - 1
    return (_month_part(dim - start.day + 1, dim, daycount) + between +
            _month_part(end.day, days_in_month(end.year, end.month), daycount))


def _thirty_360(start, end, daycount):
    """30/360 days from `start` to the day after `end`."""
    y1, m1, d1 = start.year, start.month, start.day
    y2, m2, d2 = end.year, end.month, end.day + 1
    if d2 > days_in_month(y2, m2):
        d2, m2 = 1, m2 + 1
        if m2 > 12:
            m2, y2 = 1, y2 + 1
    if daycount == "30_360_US":
        if m1 == 2 and d1 == days_in_month(y1, 2):
            if m2 == 2 and d2 == days_in_month(y2, 2):
                d2 = 30
            d1 = 30
        if d2 == 31 and d1 >= 30:
            d2 = 30
        if d1 == 31:
            d1 = 30
    elif daycount == "30_360_BOND":
        if d1 == 31:
            d1 = 30
        if d2 == 31 and d1 == 30:
            d2 = 30
    else:  # 30E_360
        d1 = min(d1, 30)
        d2 = min(d2, 30)
    return 360 * (y2 - y1) + 30 * (m2 - m1) + (d2 - d1)


def year_fraction(start, end, daycount):
    """The year fraction of start..end (inclusive) under `daycount`, as an
    int or a Fraction (iscg_year_fraction())."""
    if daycount in MONTH_DAYCOUNTS:
        return Fraction(months_covered(start, end, daycount)) / 12
    if daycount == "ACT_365F":
        return Fraction(end.toordinal() - start.toordinal() + 1, 365)
    if daycount == "ACT_ACT_ISDA":
        total = Fraction(0)
        for year in range(start.year, end.year + 1):
            first = max(start, date(year, 1, 1)).toordinal()
            last = min(end, date(year, 12, 31)).toordinal()
            total += Fraction(last - first + 1, 366 if days_in_month(year, 2) == 29 else 365)
        return total
    if daycount in ("30_360_US", "30_360_BOND", "30E_360"):
        return Fraction(_thirty_360(start, end, daycount), 360)
    raise FundingError("EINVAL", "day count %r is not known" % (daycount,))


def split_years(start, end):
    """The parts of start..end in each calendar year: (year, start, end) triples."""
    return [(y, max(start, date(y, 1, 1)), min(end, date(y, 12, 31))) for y in range(start.year, end.year + 1)]


# ---- the plan of a convention (SPLIT-1..6, PRO-1) ------------------------------

class Plan:
    """A convention's computed plan: ``rows`` are (party, side index, cents)
    in the order of the sides and of their funders; ``cost`` is the cost over
    the period (prorated when annual; None when not known); ``sides`` holds
    (amount, drift) per side, as iscg_funding_side_get() gives them."""

    __slots__ = ("convention", "rows", "cost", "sides")

    def __init__(self, convention, rows, cost, sides):
        self.convention, self.rows, self.cost, self.sides = convention, rows, cost, sides

    def shares(self):
        """{party: cents}, a party's rows summed."""
        return _shares_of(self.rows)


def _fail(c, status, message):
    raise FundingError(status, "convention %s: %s" % (c.id, message))


def _side_bases(c):
    """Each side's amount from the (annual or whole-period) cost: fixed and
    percentage sides, equal parts of what they leave, caps, and the
    remainder side (step 1 of funding.c)."""
    cost, rounding, sides = c.cost, c.rounding, c.sides
    base = [0] * len(sides)
    taken, nequal, remainder = 0, 0, None
    for i, s in enumerate(sides):
        if s.rule == FIXED:
            base[i] = s.value
        elif s.rule == REMAINDER:
            remainder = i
        elif cost is None:
            _fail(c, "EINVAL", "side %s is a share of the cost, and the cost is not known" % s.name)
        elif s.rule == PERCENT:
            base[i] = scale(cost, s.value, 10000, rounding.unit, rounding.mode)
        else:
            nequal += 1
        taken += base[i]
    if cost is None:
        return base
    pool = cost - taken
    if pool < 0 and (nequal or remainder is not None):
        _fail(c, "ERANGE", "fixed and percentage shares exceed the cost")
    if nequal:
        rule = rounding.with_(basis_points=False)
        parts = iter(allocate(pool, [1] * nequal, rule)[0])
        for i, s in enumerate(sides):
            if s.rule == EQUAL:
                base[i] = next(parts)
    for i, s in enumerate(sides):
        if s.cap is not None and s.rule != REMAINDER and base[i] > s.cap:
            base[i] = s.cap
    if remainder is not None:
        base[remainder] = cost - sum(base)  # its own base is still 0
        if base[remainder] < 0:
            _fail(c, "ERANGE", "the other shares exceed the cost, nothing is left for side %s"
                  % sides[remainder].name)
    return base


def plan(c):
    """The shares of convention `c` over its whole period (iscg_funding_compute()).
    Raises FundingError where libiscg fails."""
    if not c.sides:
        _fail(c, "ESTATE", "no funding plan (no side)")
    base = _side_bases(c)
    unit, mode = c.rounding.unit, c.rounding.mode
    cost, num, den = c.cost, 1, 1
    if c.annual:
        frac = year_fraction(c.start, c.end, c.daycount)
        num, den = frac.numerator, frac.denominator
        if cost is not None:
            cost = scale(cost, num, den, unit, mode)
    amounts, others, remainder = [], 0, None
    for i, s in enumerate(c.sides):
        amount, extra = base[i], s.extra
        if c.annual:  # PRO-1: every extra prorated, the remainder side's too
            extra = scale(extra, num, den, unit, mode)
        if s.rule == REMAINDER:
            remainder = i
        else:
            if c.annual:
                amount = scale(amount, num, den, unit, mode)
            others += amount
        amounts.append([amount, extra])
    if remainder is not None and cost is not None:
        amounts[remainder][0] = cost - others
        if amounts[remainder][0] < 0:  # prorated shares rounded up past the prorated cost
            _fail(c, "ERANGE", "the prorated shares exceed the prorated cost, nothing is left for side %s"
                  % c.sides[remainder].name)
    rows, sides = [], []
    for i, s in enumerate(c.sides):
        total = amounts[i][0] + amounts[i][1]
        if i == remainder and cost is None:  # "le reste à charge" of an unknown cost: no row
            sides.append((total, 0))
            continue
        sides.append((total, _split_side(c, i, s, total, rows)))
    return Plan(c.id, rows, cost, sides)


def _split_side(c, i, s, amount, rows):
    """Shares side `s` among its funders into `rows` (SPLIT-4..6); returns
    the side's drift."""
    n = len(s.funders)
    if n == 0:
        if s.required:
            _fail(c, "ETERMINATED", "required side %s has no funder left" % s.name)
        return amount  # nobody funds it
    rule = s.split
    if s.gone:  # percentages sum to 100 % only when every funder is there; TO_PARTY counts those left
        rule = rule.with_(basis_points=False)
        if rule.policy == TO_PARTY and rule.party >= n:
            rule = rule.with_(party=n - 1)
    shares, drift = allocate(amount, [w for _, w in s.funders], rule)
    rows.extend((party, i, share) for (party, _), share in zip(s.funders, shares))
    return drift


# ---- fiscal-year parts (PRO-3) ------------------------------------------------

def year_parts(c, daycount=None, whole=None):
    """The part of each share of convention `c` in each calendar year its
    period touches (iscg_funding_compute_year() for each of them), under
    `daycount` (the convention's own by default); `whole` is plan(c) when
    already computed. Returns {year: (cost, [(party, side, cents)])} where a
    year that fails holds its FundingError instead; raises FundingError when
    every year fails (the plan itself, or a period that counts for nothing)."""
    daycount = daycount or c.daycount
    whole = whole or plan(c)
    parts = split_years(c.start, c.end)
    total = year_fraction(c.start, c.end, daycount)
    if total == 0:
        _fail(c, "ERANGE", "its period counts for nothing under %s" % daycount)
    unit, mode = c.rounding.unit, c.rounding.mode
    amounts = [row[2] for row in whole.rows]
    if whole.cost is not None:
        amounts.append(whole.cost)
    out, earlier, failed = {}, [0] * len(amounts), None
    for t, (year, start, end) in enumerate(parts):
        if t + 1 < len(parts):
            ratio = year_fraction(start, end, daycount) / total
            num, den = ratio.numerator, ratio.denominator
            try:
                values = [scale(a, num, den, unit, mode) for a in amounts]
            except FundingError as e:
                out[year] = failed = failed or e
                continue
            earlier = [x + v for x, v in zip(earlier, values)]
        elif failed:  # the last part is the complement of every earlier one
            out[year] = failed
            continue
        else:
            values = [a - x for a, x in zip(amounts, earlier)]
            # earlier parts rounded away from zero past an amount would leave
            # the last year a part of the wrong sign: the year is refused
            if any((a >= 0 and v < 0) or (a <= 0 and v > 0) for a, v in zip(amounts, values)):
                out[year] = FundingError("ERANGE", "convention %s: the parts of the years before %d add up to "
                                         "more than an amount" % (c.id, year))
                continue
        rows = [(party, side, v) for (party, side, _), v in zip(whole.rows, values)]
        out[year] = (values[-1] if whole.cost is not None else None, rows)
    return out


# ---- receivables (RCV-1, PRO-4) -----------------------------------------------

def _units_covered(start, end, daycount):
    """The length of start..end (within one year) in the convention's own
    unit (RCV-4): months for the month counts, days otherwise (the year
    fraction times 360, 365, or the calendar year's days for ACT/ACT)."""
    if daycount in MONTH_DAYCOUNTS:
        return months_covered(start, end, daycount)
    basis = 365 if daycount == "ACT_365F" else (
        (366 if calendar.isleap(start.year) else 365) if daycount == "ACT_ACT_ISDA" else 360)
    return year_fraction(start, end, daycount) * basis


def _absent_months(c, start, end):
    """Months (or days, RCV-4) of absence or vacancy of the post of `c`
    within start..end, each event counted on its own."""
    absent = 0
    for a_start, a_end in c.absences:
        lo, hi = max(a_start, start), min(a_end, end)
        if lo <= hi:
            absent += _units_covered(lo, hi, c.daycount)
    return absent


def receivables(model, carrier, year, parts=None):
    """The claims `carrier` issues for calendar `year` (iscg_receivables_compute()):
    [(convention, debtor, cents)] in the order of the conventions and of
    their rows. `parts` caches year_parts() results by convention id.
    A convention that cannot be claimed is left out, as libiscg reports it
    on a failure line of its own while the other claims still come (RCV-4)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    claims = []
    for c in model.by_carrier.get(carrier, ()):
        if c.end < first or c.start > last:
            continue
        by_year = parts.get(c.id) if parts is not None else None
        if by_year is None:
            by_year = year_parts(c)
        part = by_year[year]
        if isinstance(part, FundingError):
            continue
        start, end = max(c.start, first), min(c.end, last)
        months = _units_covered(start, end, c.daycount)
        absent = _absent_months(c, start, end)
        unit, mode = c.rounding.unit, c.rounding.mode
        present = max(Fraction(months - absent) / months, 0) if months and absent else None
        mine = []
        try:
            for party, _, share in part[1]:
                if party == carrier:
                    continue  # the carrier does not bill itself
                if present is not None:
                    share = scale(share, present.numerator, present.denominator, unit, mode)
                mine.append((c.id, party, share))
        except FundingError:
            continue
        claims += mine
    return claims


# ---- everything at once -------------------------------------------------------

def _shares_of(rows):
    """{party: cents} of (party, side, cents) rows, a party's rows summed."""
    out = {}
    for party, _, amount in rows:
        out[party] = out.get(party, 0) + amount
    return out


def _convention_results(c, conventions, errors, parts):
    """Computes convention `c` into `conventions` and `errors` (the shapes of
    evaluate()), caching its year parts in `parts`."""
    years = [year for year, _, _ in split_years(c.start, c.end)]
    try:
        whole = plan(c)
    except FundingError as e:
        errors[("shares", c.id)] = e.status
        parts[c.id] = dict.fromkeys(years, e)
    else:
        try:
            parts[c.id] = year_parts(c, whole=whole)
        except FundingError as e:
            parts[c.id] = dict.fromkeys(years, e)
        conventions[c.id] = {"shares": whole.shares(), "years": {}}
    for year, part in parts[c.id].items():
        if isinstance(part, FundingError):
            errors[("year", c.id, year)] = part.status
        else:
            conventions[c.id]["years"][year] = _shares_of(part[1])


def evaluate_post(model, post):
    """The shares and yearly parts of the conventions of `post`, in the
    shape of evaluate()'s "conventions" and "errors"."""
    conventions, errors, parts = {}, {}, {}
    for c in model.by_post[post]:
        _convention_results(c, conventions, errors, parts)
    return {"conventions": conventions, "errors": errors}


def evaluate(dataset, withdrawals=None):
    """Every convention's shares and yearly parts, and every carrier's
    receivables for each year its conventions touch; the shape is described
    in the module's documentation."""
    return evaluate_model(load(dataset, withdrawals))


def evaluate_model(model):
    """evaluate() on a model load() has built: the rules alone, which the
    benchmark times without the building (the model is only read)."""
    conventions, errors, parts = {}, {}, {}
    for c in model.conventions:
        _convention_results(c, conventions, errors, parts)
    claims = {}
    for carrier in model.carriers:
        years = sorted({y for c in model.by_carrier.get(carrier, ())
                        for y in range(c.start.year, c.end.year + 1)})
        for year in years:
            try:
                found = receivables(model, carrier, year, parts)
            except FundingError as e:
                errors[("receivables", carrier, year)] = e.status
                continue
            out = claims[(carrier, year)] = {}
            for convention, debtor, amount in found:
                out[(convention, debtor)] = out.get((convention, debtor), 0) + amount
    return {"conventions": conventions, "receivables": claims, "errors": errors}
