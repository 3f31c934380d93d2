# SPDX-License-Identifier: Apache-2.0
"""Checks bench/reference.py against libiscg: every share, yearly part and
receivable of a dataset computed by both, and every failure with the same
status, or a list of the differences and exit status 1.

The dataset (the seed data/pas-de-calais-2023.json by default) is read
with json for the reference and with the iscg bindings for the library;
then random variants of it are checked the same way (changed costs,
periods, day counts, rounding rules, share rules, caps, extras, weights,
funders, absences, and funders withdrawn with or without a replacement),
so that agreement on the seed is not an accident of its few features.
Yearly parts are compared under every day count, not only the
convention's own.

Run it against the built tree, from the top directory:

    PYTHONPATH=bindings/.libs:bindings ./libtool --mode=execute \\
        -dlopen libiscg/libiscg.la /usr/bin/python3 bench/check_reference.py

The arithmetic is also compared on its own, on random cases where the rare
paths are common (ties, negative amounts, month ends, 29 February):
scaling, allocation, year fractions, months covered, periods from months.

Options: --variants N (default 300), --primitives N random cases of each
primitive (default 3000), --seed S (default 1), and a dataset file in
place of the seed.
"""

import argparse
import copy
import datetime
import decimal
import json
import os
import random
import sys

import iscg

import reference

UNKNOWN = -(2 ** 63)  # ISCG_UNKNOWN (INT64_MIN): what iscg_funding_cost() gives for a cost no document states
HERE = os.path.dirname(os.path.abspath(__file__))
SEED_DATASET = os.path.join(HERE, os.pardir, "data", "pas-de-calais-2023.json")


# ---- the two sides, as flat {key: value} maps ---------------------------------
# Keys name what is compared; values are cents (or None for an unknown
# cost), a (amount, drift) pair for a side, or a status name for a failure.

def _add_rows(out, key, rows):
    """Adds (party, cents) rows under key + (party,), a party's rows summed."""
    for party, cents in rows:
        out[key + (party,)] = out.get(key + (party,), 0) + cents


def _touched_years(start, end):
    """The calendar years a period touches."""
    return range(start.year, end.year + 1)


def library_results(ds):
    """What libiscg computes for dataset `ds` (an iscg.Dataset)."""
    out = {}
    conventions = ds.conventions
    for c in conventions:
        try:
            f = ds.plan(c.id)
        except iscg.Error as e:
            out[("plan", c.id)] = iscg.Status(e.code).name
        else:
            out[("cost", c.id)] = None if f.cost_cents == UNKNOWN else f.cost_cents
            for i, s in enumerate(f.sides):
                out[("side", c.id, i)] = (s.amount_cents, s.drift_cents)
            _add_rows(out, ("share", c.id), ((r.funder, r.amount_cents) for r in f))
        for dc in reference.DAYCOUNTS:
            for year in _touched_years(*c.period):
                try:
                    f = ds.plan(c.id, year, dc)
                except iscg.Error as e:
                    out[("year", c.id, dc, year)] = iscg.Status(e.code).name
                    continue
                out[("year-cost", c.id, dc, year)] = None if f.cost_cents == UNKNOWN else f.cost_cents
                _add_rows(out, ("year", c.id, dc, year), ((r.funder, r.amount_cents) for r in f))
    posts = ds.posts
    carrier_of = {p.id: p.carrier for p in posts}
    for carrier in dict.fromkeys(p.carrier for p in posts):
        years = sorted({y for c in conventions if carrier_of[c.post] == carrier for y in _touched_years(*c.period)})
        for year in years:
            try:
                claims = ds.receivables(year, carrier)
            except iscg.Error as e:
                out[("receivables", carrier, year)] = iscg.Status(e.code).name
                continue
            out[("receivables", carrier, year)] = "ok"
            _add_rows(out, ("claim", carrier, year), (((r.convention, r.debtor), r.amount_cents) for r in claims))
    return out


def reference_results(data, withdrawals):
    """What bench/reference.py computes for the parsed dataset `data`:
    evaluate()'s result, and the plans' costs and sides and the yearly parts
    under every day count from its lower-level functions."""
    out = {}
    result = reference.evaluate(data, withdrawals)
    model = reference.load(data, withdrawals)
    for (what, *key), status in result["errors"].items():
        if what == "shares":
            out[("plan", key[0])] = status
        elif what == "year":
            out[("year", key[0], model.by_id[key[0]].daycount, key[1])] = status
        else:
            out[("receivables", key[0], key[1])] = status
    for cid, r in result["conventions"].items():
        _add_rows(out, ("share", cid), r["shares"].items())
        for year, shares in r["years"].items():
            _add_rows(out, ("year", cid, model.by_id[cid].daycount, year), shares.items())
    for (carrier, year), claims in result["receivables"].items():
        out[("receivables", carrier, year)] = "ok"
        _add_rows(out, ("claim", carrier, year), claims.items())
    for c in model.conventions:
        # evaluate() gave the yearly shares and failures under the convention's own day count
        others = [dc for dc in reference.DAYCOUNTS if dc != c.daycount]
        try:
            whole = reference.plan(c)
        except reference.FundingError as e:  # then every yearly part fails the same way
            for dc in others:
                for year in _touched_years(c.start, c.end):
                    out[("year", c.id, dc, year)] = e.status
            continue
        out[("cost", c.id)] = whole.cost
        for i, side in enumerate(whole.sides):
            out[("side", c.id, i)] = side
        for dc in reference.DAYCOUNTS:
            try:
                parts = reference.year_parts(c, dc, whole)
            except reference.FundingError as e:
                parts = dict.fromkeys(_touched_years(c.start, c.end), e)
            for year, part in parts.items():
                if not isinstance(part, reference.FundingError):
                    out[("year-cost", c.id, dc, year)] = part[0]
                if dc not in others:
                    continue
                if isinstance(part, reference.FundingError):
                    out[("year", c.id, dc, year)] = part.status
                else:
                    _add_rows(out, ("year", c.id, dc, year), ((p, cents) for p, _, cents in part[1]))
    return out


def compare(name, lib, ref):
    """The differences between the two maps, as printable lines."""
    lines = []
    for key in sorted(lib.keys() | ref.keys(), key=repr):
        a, b = lib.get(key, "(absent)"), ref.get(key, "(absent)")
        if a != b:
            lines.append("%s: %s: libiscg %r, reference %r" % (name, " ".join(map(str, key)), a, b))
    return lines


# ---- random variants of a dataset ----------------------------------------------

MODES = [mode for mode in reference.ROUNDING_MODES if mode != "UNNECESSARY"]
POLICIES = list(reference.REMAINDER_POLICIES)


def _rule(rng, weights="RAW"):
    # UNNECESSARY fails on most amounts: rare, so that it does not hide the rest
    mode = "UNNECESSARY" if rng.random() < 0.04 else rng.choice(MODES)
    return {"unit": rng.choice(("EURO", "CENT")), "mode": mode, "remainder": rng.choice(POLICIES),
            "weights": weights, "party": rng.randint(0, 4)}


def _amount(rng, low, high):
    """An amount in one of the dataset's spellings."""
    cents = rng.randint(low, high)
    if rng.random() < 0.5:
        cents -= cents % 100
    euros, rest = divmod(cents, 100)
    return rng.choice((cents, "%d.%02d" % (euros, rest), "{:,}".format(euros).replace(",", " ") + ",%02d €" % rest))


def _random_date(rng, first_year, last_year):
    start = datetime.date(first_year, 1, 1).toordinal()
    return datetime.date.fromordinal(rng.randint(start, datetime.date(last_year, 12, 31).toordinal()))


def _period(c):
    """The (start, end) dates of convention `c` of the dataset."""
    start = reference.parse_date(c["start"])
    end = (reference.parse_date(c["end"]) if c.get("end") is not None
           else reference.period_from_months(start, c["months"]))
    return start, end


def _cost(rng, c, d, withdrawals):
    c["cost"] = None if rng.random() < 0.1 else _amount(rng, 1_000_000, 9_000_000)


def _period_change(rng, c, d, withdrawals):
    c["start"] = _random_date(rng, 2021, 2024).isoformat()
    c.pop("end", None)
    c.pop("months", None)
    if rng.random() < 0.5:
        c["months"] = rng.randint(1, 30)
    else:
        c["end"] = (reference.parse_date(c["start"]) + datetime.timedelta(days=rng.randint(0, 1000))).isoformat()


def _annual(rng, c, d, withdrawals):
    c["annual"] = not c.get("annual")


def _daycount(rng, c, d, withdrawals):
    # mostly month counts: one convention of a carrier counting days fails all its receivables
    c["daycount"] = rng.choice(sorted(reference.MONTH_DAYCOUNTS) if rng.random() < 0.7 else reference.DAYCOUNTS)


def _rounding(rng, c, d, withdrawals):
    c["rounding"] = _rule(rng)


def _split(rng, c, d, withdrawals):
    side = rng.choice(c["sides"])
    percents = all("percent" in f for f in side.get("funders") or ())
    side["split"] = _rule(rng, "BASIS_POINTS" if percents and rng.random() < 0.7 else "RAW")


def _share_rule(rng, c, d, withdrawals):
    side = rng.choice(c["sides"])
    for key in ("amount", "percent"):
        side.pop(key, None)
    rules = ["EQUAL", "PERCENT", "FIXED"]
    if side["rule"] == "REMAINDER" or all(s["rule"] != "REMAINDER" for s in c["sides"]):
        rules.append("REMAINDER")
    side["rule"] = rng.choice(rules)
    if side["rule"] == "FIXED":
        side["amount"] = _amount(rng, 0, 2_500_000)
    elif side["rule"] == "PERCENT":
        bp = rng.randint(0, 5000)
        side["percent"] = rng.choice((bp, "%d.%02d" % divmod(bp, 100), "%d,%02d %%" % divmod(bp, 100)))


def _cap_extra(rng, c, d, withdrawals):
    side = rng.choice(c["sides"])
    side["cap"] = _amount(rng, 0, 2_000_000) if rng.random() < 0.6 else None
    side["extra"] = _amount(rng, 0, 300_000) if rng.random() < 0.6 else None


def _optional(rng, c, d, withdrawals):
    rng.choice(c["sides"])["required"] = False


def _funders(rng, c, d, withdrawals):
    side = rng.choice(c["sides"])
    taken = {f["party"] for s in c["sides"] for f in s.get("funders") or ()}
    free = [p["id"] for p in d["parties"] if p["id"] not in taken]
    funders = side.setdefault("funders", [])
    if free and rng.random() < 0.6:
        funders.append({"party": rng.choice(free)})
    for f in funders:
        f.pop("percent", None)
        f["weight"] = 0 if rng.random() < 0.05 else rng.choice((1, rng.randint(1, 100), rng.randint(1000, 90000)))


def _withdraw(rng, c, d, withdrawals):
    funders = [f["party"] for s in c["sides"] for f in s.get("funders") or ()]
    if not funders:
        return
    free = [p["id"] for p in d["parties"] if p["id"] not in funders]
    replacement = rng.choice(free) if free and rng.random() < 0.5 else None
    withdrawals.setdefault(c["id"], {})[rng.choice(funders)] = replacement


def _absence(rng, c, d, withdrawals):
    start, end = _period(c)
    a = rng.randint(start.toordinal(), end.toordinal())
    b = rng.randint(a, end.toordinal())
    post = next(p for p in d["posts"] if p["id"] == c["post"])
    post.setdefault("events", []).append({
        "kind": rng.choice(("ABSENCE", "VACANCY")), "start": datetime.date.fromordinal(a).isoformat(),
        "end": datetime.date.fromordinal(b).isoformat()})


MUTATIONS = (_cost, _period_change, _annual, _daycount, _rounding, _split, _share_rule, _cap_extra, _optional,
             _funders, _withdraw, _absence)


def variant(data, rng):
    """A random variant of `data` and its withdrawals: each convention has,
    with even odds, one to four random changes."""
    d = copy.deepcopy(data)
    withdrawals = {}
    for c in d["conventions"]:
        if rng.random() < 0.5:
            for _ in range(rng.randint(1, 4)):
                rng.choice(MUTATIONS)(rng, c, d, withdrawals)
    return d, withdrawals


# ---- the arithmetic on its own -------------------------------------------------
# Random cases where the rare paths are common: ties of the half modes,
# negative amounts, every remainder policy, month ends and 29 February.

def _status(call):
    """The result of `call`, or the status name of its failure."""
    try:
        return call()
    except iscg.Error as e:
        return iscg.Status(e.code).name
    except reference.FundingError as e:
        return e.status


def _euros(cents):
    """Cents as Decimal euros, the bindings' money."""
    return decimal.Decimal(cents).scaleb(-2)


def _cents(euros):
    """Decimal euros as cents."""
    return int(euros.scaleb(2))


def _edge_date(rng):
    """A random date, often at the start or end of a month."""
    year, month = rng.randint(2019, 2025), rng.randint(1, 12)
    dim = reference.days_in_month(year, month)
    return datetime.date(year, month, rng.choice((1, 2, 15, 28, dim - 1, dim, rng.randint(1, dim))))


def primitive_cases(rng, n):
    """Yields (what, libiscg's value, the reference's value) for `n` random
    cases of each primitive: scaling, allocation, year fractions, months
    covered and periods from months."""
    units = {1: iscg.CENT, 5: decimal.Decimal("0.05"), 100: iscg.EURO}
    for _ in range(n):
        amount = rng.choice((rng.randint(-10**7, 10**7), 50 * rng.randint(-9999, 9999), rng.randint(-300, 300)))
        num, den = rng.randint(0, 30), rng.randint(1, 24)
        unit, mode = rng.choice(list(units)), rng.choice(list(reference.ROUNDING_MODES))
        yield (("scale", amount, num, den, unit, mode),
               _status(lambda: _cents(iscg.scale_money(_euros(amount), (num, den), unit=units[unit], rounding=mode))),
               _status(lambda: reference.scale(amount, num, den, unit, reference.ROUNDING_MODES[mode])))

        size = rng.randint(1, 5)
        weights = [rng.choice((0, 1, 1, 2, 3, rng.randint(1, 10**5))) for _ in range(size)]
        kind = "RAW"
        if rng.random() < 0.3:
            cuts = sorted(rng.randint(0, 10000) for _ in range(size - 1))
            weights = [b - a for a, b in zip([0] + cuts, cuts + [10000])]
            kind = "BASIS_POINTS" if rng.random() < 0.8 else "RAW"
        policy, party = rng.choice(list(reference.REMAINDER_POLICIES)), rng.randrange(size)
        rule = reference.Rule(unit, reference.ROUNDING_MODES[mode], reference.REMAINDER_POLICIES[policy],
                              kind == "BASIS_POINTS", party)
        lib = _status(lambda: iscg.allocate(_euros(amount), weights, unit=units[unit], rounding=mode, policy=policy,
                                            weights_kind=kind, party=party))
        yield (("allocate", amount, tuple(weights), unit, mode, policy, kind, party),
               lib if isinstance(lib, str) else (list(lib.shares_cents), lib.drift_cents),
               _status(lambda: reference.allocate(amount, weights, rule)))

        start = _edge_date(rng)
        end = max(start, rng.choice((_edge_date(rng), start + datetime.timedelta(days=rng.randint(0, 800)))))
        for dc in reference.DAYCOUNTS:
            yield (("year_fraction", start, end, dc), iscg.year_fraction((start, end), dc),
                   reference.year_fraction(start, end, dc))
            if dc in reference.MONTH_DAYCOUNTS:
                yield (("months_covered", start, end, dc), iscg.months_covered((start, end), dc),
                       reference.months_covered(start, end, dc))
        months = rng.randint(1, 30)
        yield (("period_from_months", start, months), iscg.Period.from_months(start, months).end,
               reference.period_from_months(start, months))


# ---- main ----------------------------------------------------------------------

def check(name, data, ds, withdrawals, totals):
    """Compares the two on one dataset (`ds` is `data` loaded by libiscg,
    with `withdrawals` made); returns the differences."""
    lib = library_results(ds)
    ref = reference_results(data, withdrawals)
    totals["datasets"] += 1
    totals["conventions"] += len(data["conventions"])
    totals["amounts"] += sum(1 for v in lib.values() if isinstance(v, int) or v is None)
    totals["amounts"] += sum(2 for v in lib.values() if isinstance(v, tuple))
    totals["failures"] += sum(1 for v in lib.values() if isinstance(v, str) and v != "ok")
    return compare(name, lib, ref)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", nargs="?", default=SEED_DATASET)
    parser.add_argument("--variants", type=int, default=300, help="random variants to check (default 300)")
    parser.add_argument("--primitives", type=int, default=3000,
                        help="random cases of each arithmetic primitive (default 3000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random cases (default 1)")
    args = parser.parse_args(argv)
    with open(args.dataset, encoding="utf-8") as f:
        data = json.load(f)
    totals = dict.fromkeys(("datasets", "conventions", "amounts", "failures", "refused"), 0)
    differences = []
    primitives = 0
    for what, lib, ref in primitive_cases(random.Random(args.seed), args.primitives):
        primitives += 1
        if lib != ref:
            differences.append("%s: libiscg %r, reference %r" % (" ".join(map(str, what)), lib, ref))
    differences += check(os.path.basename(args.dataset), data, iscg.load(args.dataset), {}, totals)
    rng = random.Random(args.seed)
    done = 0
    while done < args.variants:
        d, withdrawals = variant(data, rng)
        try:
            ds = iscg.loads(json.dumps(d, ensure_ascii=False), "variant")
            for cid, parties in withdrawals.items():
                for party, replacement in parties.items():
                    ds.withdraw(cid, party, replacement)
        except (iscg.DatasetError, iscg.DuplicateError):
            # an absence left outside a moved period, a replacement that became a funder...
            totals["refused"] += 1
            continue
        done += 1
        differences += check("variant %d" % done, d, ds, withdrawals, totals)
    for line in differences:
        print(line)
    print("check_reference: %(datasets)d datasets (the dataset and %(variants)d variants; %(refused)d refused by the "
          "loader and redrawn), %(conventions)d conventions, %(amounts)d amounts and %(failures)d failures compared, "
          "and %(primitives)d arithmetic cases: %(differences)d differences"
          % dict(totals, variants=args.variants, primitives=primitives, differences=len(differences)))
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
