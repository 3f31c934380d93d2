"""The driver of `make bench`: libiscg's costs at national scale, each as the
median of several runs and as a ratio to a reference measured in the same
run, against the targets of the project.

The C measurements are made by the bench program (bench/bench.c), which
prints one JSON object per line; this script runs it, makes the Python
measurements (the pure-Python reference of the funding rules in
bench/reference.py, pandas, the Python bindings), checks that each side
computed the same figures, and prints a report (Markdown with --markdown).

Sizes come from the options or the environment that `make bench` passes on:
BENCH_POSTS (100 000 posts), BENCH_RECORDS (10 000 000 monthly records),
BENCH_RUNS (5), BENCH_REF_POSTS (5 000 posts for the Python reference),
BENCH_SCALE (1 000, 10 000, 100 000, 1 000 000 posts), BENCH_SEED (1).
Timings are medians; machines are shared and noisy, so the ratios, measured
in the same run, are what to compare. No timing here is a test: the checks
that fail the run are the ones on the figures themselves.
"""

import argparse
import datetime
import decimal
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def env_int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def options():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bench", default=os.environ.get("BENCH_C", "bench/bench"), help="the C bench program")
    p.add_argument("--posts", type=int, default=env_int("BENCH_POSTS", 100000))
    p.add_argument("--records", type=int, default=env_int("BENCH_RECORDS", 10000000))
    p.add_argument("--runs", type=int, default=env_int("BENCH_RUNS", 5))
    p.add_argument("--ref-posts", type=int, default=env_int("BENCH_REF_POSTS", 5000))
    p.add_argument("--scale", default=os.environ.get("BENCH_SCALE") or "1000,10000,100000,1000000")
    p.add_argument("--seed", type=int, default=env_int("BENCH_SEED", 1))
    p.add_argument("--markdown", help="also write the report, in Markdown, to this file")
    return p.parse_args()


# ---- running the C side ------------------------------------------------------

def run_c(args, *argv):
    """Runs the bench program; returns its JSON lines."""
    out = subprocess.run([args.bench] + [str(a) for a in argv], check=True, stdout=subprocess.PIPE, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def generate(args, posts, workdir):
    path = os.path.join(workdir, "national-%d.json" % posts)
    if not os.path.exists(path):
        run_c(args, "gen", posts, args.seed, path)
    return path


def median_time(fn, runs):
    times = []
    result = None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


# ---- the report --------------------------------------------------------------

class Report:
    def __init__(self):
        self.lines = []
        self.rows = []  # (measure, figure, reference, ratio, target, met)

    def say(self, text=""):
        print(text, flush=True)
        self.lines.append(text)

    def result(self, measure, figure, reference, ratio, target, met):
        """One figure; met is None for a figure shown for information, with no target."""
        self.rows.append((measure, figure, reference, ratio, target, met))
        verdict = "" if met is None else ": met" if met else ": NOT met"
        self.say("  %s: %s | %s | %s | target %s%s" % (measure, figure, reference, ratio, target, verdict))

    def markdown(self, header):
        out = ["# Benchmark results", "",
               "Written by `make bench BENCH_MARKDOWN=bench/RESULTS.md` (bench/bench.py). Each figure is the median",
               "of several runs; each ratio compares two figures measured in the same run, which is what to",
               "compare across machines (these are shared and noisy). The full output follows the table.", "",
               header, "", "| measure | libiscg | reference | ratio | target | |", "|---|---|---|---|---|---|"]
        for m, f, r, ratio, t, met in self.rows:
            verdict = "" if met is None else "met" if met else "**not met**"
            out.append("| %s | %s | %s | %s | %s | %s |" % (m, f, r, ratio, t, verdict))
        out += ["", "```"] + self.lines + ["```", ""]
        return "\n".join(out)


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            mem = "%.0f GiB" % (int(f.readline().split()[1]) / 1048576)
    except (OSError, ValueError, IndexError):
        pass
    load = ", load average %.2f" % os.getloadavg()[0] if hasattr(os, "getloadavg") else ""
    return "%s, %d cores, %s%s; %s; Python %s" % (cpu, os.cpu_count() or 0, mem, load, platform.platform(),
                                                 platform.python_version())


def fmt_rate(n, seconds, unit):
    rate = n / seconds if seconds > 0 else float("inf")
    if rate >= 1e6:
        return "%.2f M %s/s" % (rate / 1e6, unit)
    if rate >= 1e3:
        return "%.1f k %s/s" % (rate / 1e3, unit)
    return "%.0f %s/s" % (rate, unit)


# ---- 1. loading --------------------------------------------------------------

def bench_load(args, rep, path):
    (load,) = run_c(args, "load", path, args.runs)
    ratio = load["load_s"] / load["parse_s"]
    rep.say("Loading %d posts (%.1f MB): jansson parse %.3f s, iscg load %.3f s (median of %d)"
            % (load["posts"], load["bytes"] / 1e6, load["parse_s"], load["load_s"], args.runs))
    rep.result("load %d posts vs jansson's bare parse" % load["posts"], "%.3f s" % load["load_s"],
               "%.3f s" % load["parse_s"], "%.2fx" % ratio, "under 1.5x (building adds < 50 %)", ratio < 1.5)
    peaks = {}
    for mode in ("none", "parse", "load"):
        samples = [run_c(args, "peak", mode, path)[0] for _ in range(min(args.runs, 3))]
        peaks[mode] = statistics.median(s["peak_kb"] for s in samples)
    size_kb = load["bytes"] / 1024
    grown = peaks["load"] - peaks["none"]
    ratio = grown / size_kb
    rep.say("Peak resident memory: %.0f MB for the process alone, +%.0f MB for jansson's parse, "
            "+%.0f MB for iscg's load" % (peaks["none"] / 1024, (peaks["parse"] - peaks["none"]) / 1024,
                                          grown / 1024))
    rep.result("peak memory of the load vs file size", "%.0f MB" % (grown / 1024), "%.0f MB" % (size_kb / 1024),
               "%.2fx" % ratio, "under 3x", ratio < 3)


# ---- 2. funding ---------------------------------------------------------------

def reference_totals(result):
    """The sum of every whole-period share, as bench.c's total_cents."""
    return sum(sum(c["shares"].values()) for c in result["conventions"].values())


def bench_funding(args, rep, national, refpath):
    import reference  # bench/reference.py

    (full,) = run_c(args, "funding", national, args.runs)
    rep.say("Funding of %d posts (shares, fiscal-year parts, receivables): %.3f s, %s; with explanation "
            "trees %.3f s" % (full["posts"], full["seconds"], fmt_rate(full["posts"], full["seconds"], "posts"),
                              full["seconds_explained"]))
    (small,) = run_c(args, "funding", refpath, args.runs)
    with open(refpath) as f:
        data = json.load(f)
    runs = max(1, min(args.runs, 3))
    load_s, _ = median_time(lambda: reference.load(data), runs)
    total_s, result = median_time(lambda: reference.evaluate(data), runs)
    ref_s = max(total_s - load_s, 1e-9)  # evaluate() reads the dataset too: the C side is timed after its load
    if result["errors"]:
        raise SystemExit("bench: the reference failed on %d computations" % len(result["errors"]))
    if reference_totals(result) != small["total_cents"]:
        raise SystemExit("bench: the reference's shares sum to %d cents, libiscg's to %d"
                         % (reference_totals(result), small["total_cents"]))
    rep.say("Python reference (fractions, integers) on %d posts: %.3f s after a %.3f s read, %s; libiscg on the "
            "same posts %.4f s, %s; shares agree (%d cents)" % (small["posts"], ref_s, load_s,
                                                                fmt_rate(small["posts"], ref_s, "posts"),
                                                                small["seconds"],
                                                                fmt_rate(small["posts"], small["seconds"], "posts"),
                                                                small["total_cents"]))
    ratio = ref_s / small["seconds"]
    rep.result("funding, %d posts, vs the Python reference" % small["posts"],
               fmt_rate(small["posts"], small["seconds"], "posts"), fmt_rate(small["posts"], ref_s, "posts"),
               "%.1fx" % ratio, "at least 30x", ratio >= 30)
    ratio = ref_s / small["seconds_explained"]
    rep.result("the same, with explanation trees", fmt_rate(small["posts"], small["seconds_explained"], "posts"),
               fmt_rate(small["posts"], ref_s, "posts"), "%.1fx" % ratio, "none (the reference explains nothing)",
               None)


# ---- 3. statistics --------------------------------------------------------------

COUNTS = ("women", "men", "children", "referrals", "interviews_physical", "interviews_telephone", "interviews",
          "epci", "communes", "population")


def records(np, posts, months):
    """The bench's records as numpy columns: record m of post p is
    mix64(p * months + m) cut into figures, as record_of() in bench.c."""
    p = np.repeat(np.arange(posts, dtype=np.uint64), months)
    m = np.tile(np.arange(months, dtype=np.uint64), posts)
    with np.errstate(over="ignore"):
        z = p * np.uint64(months) + m + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        h = z ^ (z >> np.uint64(31))
    reported = (h >> np.uint64(57)) != 0
    cols = {"post": p.astype(np.int64), "year": (2016 + m // np.uint64(12)).astype(np.int64),
            "month": (1 + m % np.uint64(12)).astype(np.int64), "not_reported": (~reported).astype(np.int64)}

    def bits(shift, mask):
        return ((h >> np.uint64(shift)) & np.uint64(mask)).astype(np.int64)

    cols["women"], cols["men"], cols["children"] = bits(0, 63), bits(6, 15), bits(10, 31)
    cols["interviews_physical"], cols["interviews_telephone"] = bits(15, 63), bits(21, 63)
    cols["vif_basis_points"] = ((h >> np.uint64(27)) % np.uint64(10001)).astype(np.int64)
    pi = cols["post"]
    cols["epci"], cols["communes"], cols["population"] = 1 + pi % 4, 10 + pi % 64, 20000 + (pi % 1000) * 100
    cols["referrals"] = cols["women"] + cols["men"] + cols["children"]
    cols["interviews"] = cols["interviews_physical"] + cols["interviews_telephone"]
    for name in COUNTS + ("vif_basis_points",):  # a record never reported has no figure
        cols[name] = np.where(reported, cols[name], 0)
    return cols


def bench_stats(args, rep):
    months = args.records // args.posts
    (c,) = run_c(args, "stats", args.posts, args.records, args.runs)
    rep.say("Statistics, %d monthly records of %d posts, by post and year: libiscg adds them in %.3f s (%s); "
            "sums them (iscg_stats_sums_compute(), %d rows of counts) in %.3f s (%s); aggregates them into the "
            "full table (iscg_stats_aggregate(), %d rows with shares, rates, gaps and totals) in %.3f s (%s)"
            % (c["records"], c["posts"], c["add_s"], fmt_rate(c["records"], c["add_s"], "records"), c["sum_rows"],
               c["sum_s"], fmt_rate(c["records"], c["sum_s"], "records"), c["rows"], c["aggregate_s"],
               fmt_rate(c["records"], c["aggregate_s"], "records")))
    try:
        import numpy as np
        import pandas as pd
    except ImportError as e:
        rep.say("pandas comparison skipped: %s (Debian: python3-pandas)" % e)
        return
    cols = records(np, args.posts, months)
    df = pd.DataFrame({k: cols[k] for k in ("post", "year") + COUNTS})
    runs = max(1, min(args.runs, 3))
    pd_s, table = median_time(lambda: df.groupby(["post", "year"]).sum(), runs)
    referrals = int(table["referrals"].sum())
    if referrals != c["referrals"]:
        raise SystemExit("bench: pandas sums %d referrals, libiscg %d" % (referrals, c["referrals"]))
    if len(table) != c["sum_rows"]:
        raise SystemExit("bench: pandas makes %d groups, libiscg %d rows of sums" % (len(table), c["sum_rows"]))
    rep.say("pandas groupby([post, year]).sum() on the same records in memory: %.3f s (%s), %d groups; "
            "both count %d referrals" % (pd_s, fmt_rate(c["records"], pd_s, "records"), len(table), referrals))
    ratio = pd_s / c["sum_s"]
    rep.result("sums by post and year (C API) vs pandas groupby().sum()", fmt_rate(c["records"], c["sum_s"], "records"),
               fmt_rate(c["records"], pd_s, "records"), "%.1fx" % ratio, "at least 5x", ratio >= 5)
    ratio = pd_s / c["aggregate_s"]
    rep.result("the full table (C API) vs pandas groupby().sum()",
               fmt_rate(c["records"], c["aggregate_s"], "records"), fmt_rate(c["records"], pd_s, "records"),
               "%.1fx" % ratio, "none (pandas computes sums only)", None)
    bench_stats_python(args, rep, np, cols, pd_s, c)


def bench_stats_python(args, rep, np, cols, pd_s, c):
    try:
        import iscg
    except ImportError as e:
        rep.say("Python bindings not available (%s): their bulk aggregation is not measured" % e)
        return
    if not hasattr(iscg, "Stats") or not hasattr(iscg.Stats, "sums"):
        rep.say("these bindings have no bulk statistics call: not measured")
        return
    names = ["post-%06d" % i for i in range(args.posts)]
    unknown = np.iinfo(np.int64).min
    nr = cols["not_reported"].astype(bool)
    figures = {k: np.where(nr, unknown, cols[k]) for k in COUNTS + ("vif_basis_points",)}
    kinds = cols["post"] % 3 + 1  # the carrier and force kinds of bench.c
    build_s, stats = median_time(lambda: iscg.Stats.from_columns(
        post=(cols["post"], names), year=cols["year"], month=cols["month"], granularity="MONTH",
        not_reported=cols["not_reported"], carrier=kinds, force=kinds, **figures), 1)
    runs = max(1, min(args.runs, 3))
    sums_s, sums = median_time(lambda: stats.sums(by="POST", per="YEAR").to_columns(), runs)
    referrals = int(np.asarray(sums["referrals"]).sum())
    if referrals != c["referrals"]:
        raise SystemExit("bench: the bindings sum %d referrals, C %d" % (referrals, c["referrals"]))
    agg_s, table = median_time(lambda: stats.aggregate(rounding="HALF_UP", by="POST", per="YEAR").to_columns(), runs)
    is_total = np.asarray(table["is_total"]).astype(bool)
    if int(np.asarray(table["referrals"])[is_total].sum()) != c["referrals"]:
        raise SystemExit("bench: the bindings' table does not count the %d referrals" % c["referrals"])
    rep.say("Python bindings: the %d records built from numpy columns in one call in %.3f s; summed by post and "
            "year and returned as %d numpy columns in %.3f s; aggregated into the full table and returned as %d "
            "columns in %.3f s" % (len(cols["post"]), build_s, len(sums), sums_s, len(table), agg_s))
    ratio = pd_s / sums_s
    rep.result("sums through Python (bulk call) vs pandas", fmt_rate(c["records"], sums_s, "records"),
               fmt_rate(c["records"], pd_s, "records"), "%.1fx" % ratio, "at least 2x", ratio >= 2)
    ratio = pd_s / agg_s
    rep.result("the full table through Python vs pandas", fmt_rate(c["records"], agg_s, "records"),
               fmt_rate(c["records"], pd_s, "records"), "%.1fx" % ratio, "none (pandas computes sums only)", None)


# ---- 4. one Python call ---------------------------------------------------------

def bench_call(args, rep):
    try:
        import iscg
        from iscg import _c
    except ImportError as e:
        rep.say("Python bindings not available (%s): the cost of a call is not measured" % e)
        return
    import timeit

    def call():
        return iscg.allocate(1000, [1, 2, 3], unit=iscg.CENT, rounding="DOWN", policy="LARGEST_REMAINDER")

    amount = decimal.Decimal("1000.00")

    def call_decimal():
        return iscg.allocate(amount, [1, 2, 3], unit=iscg.CENT, rounding="DOWN", policy="LARGEST_REMAINDER")

    rule = iscg.AllocationRule(iscg.CENT, "DOWN", "LARGEST_REMAINDER", 0, "RAW").to_c()

    def raw():
        return _c.iscg_allocate(100000, [1, 2, 3], rule)

    if not call().shares_cents == call_decimal().shares_cents == tuple(raw()[0]):
        raise SystemExit("bench: iscg.allocate and the wrapped C function disagree")
    n = 100000
    repeat = max(3, min(args.runs, 5))

    def per_call(f):
        return statistics.median(timeit.repeat(f, number=n, repeat=repeat)) / n

    per, per_decimal, per_raw, floor = (per_call(f) for f in (call, call_decimal, raw, _c.iscg_version))
    rep.say("One Python call to allocate 1 000 EUR by [1, 2, 3] to the cent: iscg.allocate() %.2f us with an int "
            "of euros, %.2f us with Decimal('1000.00') (shares as Decimal euros, named rules); the wrapped C function "
            "%.2f us (cents, a rule dict); a bare wrapped call %.2f us"
            % (per * 1e6, per_decimal * 1e6, per_raw * 1e6, floor * 1e6))
    worst = max(per, per_decimal)
    rep.result("one Python call to iscg.allocate() (int or Decimal amount, the slower)", "%.2f us" % (worst * 1e6),
               "-", "-", "under 2 us", worst < 2e-6)
    rep.result("one call to the wrapped iscg_allocate()", "%.2f us" % (per_raw * 1e6), "-", "-", "under 2 us",
               per_raw < 2e-6)


def check_reference(rep):
    """Runs check_reference.py: the reference must agree with libiscg before it is timed."""
    out = subprocess.run([sys.executable, os.path.join(HERE, "check_reference.py")], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    last = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else "(no output)"
    rep.say(last)
    if out.returncode != 0:
        raise SystemExit("bench: the Python reference does not agree with libiscg")


# ---- 5. scaling --------------------------------------------------------------------

def bench_scale(args, rep, workdir):
    sizes = [int(s) for s in args.scale.replace(" ", "").split(",") if s]
    if not sizes:
        return
    rep.say("How each cost grows (per post; 12 monthly records per post):")
    rep.say("  %10s %14s %14s %14s %14s" % ("posts", "load us/post", "funding us/post", "stats add ns/rec",
                                           "aggregate ns/rec"))
    base = None
    for n in sizes:
        path = generate(args, n, workdir)
        runs = max(1, min(args.runs, 3))
        (load,) = run_c(args, "load", path, runs)
        (fund,) = run_c(args, "funding", path, runs)
        (st,) = run_c(args, "stats", n, 12 * n, runs)
        row = (load["load_s"] / n * 1e6, fund["seconds"] / n * 1e6, st["add_s"] / st["records"] * 1e9,
               st["aggregate_s"] / st["records"] * 1e9)
        rep.say("  %10d %14.2f %14.2f %14.1f %14.1f" % ((n,) + row))
        os.unlink(path)
        if base is None:
            base = row
        last = row
    growth = max(l / b for l, b in zip(last, base))
    rep.result("per-post cost, %d to %d posts" % (sizes[0], sizes[-1]), "x%.2f at most" % growth, "-", "-",
               "flat (linear total): within 2x", growth <= 2)


def main():
    args = options()
    if args.records % args.posts:
        raise SystemExit("bench: the records must be a whole number of months per post")
    rep = Report()
    started = datetime.datetime.now(datetime.timezone.utc)
    rep.say("libiscg benchmark, %s" % started.strftime("%Y-%m-%d %H:%M UTC"))
    rep.say("Machine: %s" % machine())
    rep.say("Sizes: %d posts, %d records, %d runs (medians), reference on %d posts, scaling %s"
            % (args.posts, args.records, args.runs, args.ref_posts, args.scale))
    with tempfile.TemporaryDirectory(prefix="iscg-bench.") as workdir:
        national = generate(args, args.posts, workdir)
        refpath = generate(args, args.ref_posts, workdir)
        rep.say()
        check_reference(rep)
        rep.say()
        bench_load(args, rep, national)
        rep.say()
        bench_funding(args, rep, national, refpath)
        rep.say()
        bench_stats(args, rep)
        rep.say()
        bench_call(args, rep)
        rep.say()
        bench_scale(args, rep, workdir)
    rep.say()
    targets = [r for r in rep.rows if r[5] is not None]
    rep.say("Targets met: %d of %d (%.0f s in all)" % (sum(bool(r[5]) for r in targets), len(targets),
                                                        (datetime.datetime.now(datetime.timezone.utc) -
                                                         started).total_seconds()))
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(rep.markdown("## %s" % started.strftime("%Y-%m-%d")))


if __name__ == "__main__":
    main()
