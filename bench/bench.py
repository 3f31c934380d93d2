# SPDX-License-Identifier: Apache-2.0
"""The driver of `make bench`: libiscg's costs at national scale, each as the
median of several runs and as a ratio to a reference measured in the same
run, against the targets of the project. Every side, libiscg's and the
reference's, is warmed up once and then timed over the same number of runs
(BENCH_RUNS), and every figure and ratio is printed with its spread (the
fastest and slowest runs), so that a ratio that hangs on one lucky run shows.

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
    p.add_argument("--bench-traced", default=os.environ.get("BENCH_C_TRACED", "bench/bench-traced"),
                   help="the C bench program with the library's sources compiled in")
    p.add_argument("--bench-bare", default=os.environ.get("BENCH_C_BARE", "bench/bench-bare"),
                   help="the same, built without a trace (ISCG__TRACE_BARE)")
    p.add_argument("--posts", type=int, default=env_int("BENCH_POSTS", 100000))
    p.add_argument("--records", type=int, default=env_int("BENCH_RECORDS", 10000000))
    p.add_argument("--runs", type=int, default=env_int("BENCH_RUNS", 5))
    p.add_argument("--ref-posts", type=int, default=env_int("BENCH_REF_POSTS", 5000))
    p.add_argument("--scale", default=os.environ.get("BENCH_SCALE") or "1000,10000,100000,1000000")
    p.add_argument("--seed", type=int, default=env_int("BENCH_SEED", 1))
    p.add_argument("--markdown", help="also write the report, in Markdown, to this file")
    return p.parse_args()


# ---- running the C side ------------------------------------------------------

def run_c(args, *argv, program=None, env=None):
    """Runs the bench program (or `program`), with `env` added to the
    environment; returns its JSON lines."""
    out = subprocess.run([program or args.bench] + [str(a) for a in argv], check=True, stdout=subprocess.PIPE,
                         text=True, env=dict(os.environ, **env) if env else None).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


_LOADS = {}


def c_load(args, path):
    """The bench program's load measure of a file (jansson's bare parse,
    then iscg's load, each over the runs), measured once per file: the
    loading rows and the Python rows' floor read the same figures."""
    if path not in _LOADS:
        (_LOADS[path],) = run_c(args, "load", path, args.runs)
    return _LOADS[path]


def generate(args, posts, workdir):
    path = os.path.join(workdir, "national-%d.json" % posts)
    if not os.path.exists(path):
        run_c(args, "gen", posts, args.seed, path)
    return path


class Timing:
    """The times of the runs of one measurement: its median and its spread."""

    def __init__(self, times):
        self.times = list(times)
        self.median = statistics.median(self.times)
        self.lo, self.hi = min(self.times), max(self.times)

    def __add__(self, other):  # two steps of the same runs, run by run
        return Timing(a + b for a, b in zip(self.times, other.times))

    def text(self, digits=3):
        return "%.*f s (%.*f-%.*f)" % (digits, self.median, digits, self.lo, digits, self.hi)


def timed(fn, runs):
    """Times fn() as the C side times its work: one run to warm up (caches,
    allocator, lazy imports), not counted, then `runs` timed runs."""
    result = fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return Timing(times), result


def c_timing(obj, name):
    """A figure of the bench program, with its runs (bench.c's print_runs())."""
    return Timing(obj.get(name + "_runs") or [obj[name]])


class Ratio:
    """How many times faster `mine` is than `ref`: the ratio of the medians,
    and its spread, from the slowest of one side against the fastest of the
    other and the other way round."""

    def __init__(self, ref, mine):
        self.value = ref.median / mine.median
        self.lo, self.hi = ref.lo / mine.hi, ref.hi / mine.lo

    def text(self, digits=1):
        return "%.*fx (%.*f-%.*fx)" % (digits, self.value, digits, self.lo, digits, self.hi)


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
    import reference  # bench/reference.py

    load = c_load(args, path)
    parse_t, load_t = c_timing(load, "parse_s"), c_timing(load, "load_s")

    def python_model():  # what a notebook user would otherwise do: json.load, then a model of the plans
        with open(path) as f:
            return reference.load(json.load(f))

    py_t, _ = timed(python_model, args.runs)
    rep.say("Loading %d posts (%.1f MB), warmed up, %d runs each: iscg load %s; Python's json.load building the "
            "reference's model %s; jansson's bare parse %s" % (load["posts"], load["bytes"] / 1e6, args.runs,
                                                               load_t.text(), py_t.text(), parse_t.text()))
    ratio = Ratio(py_t, load_t)
    rep.result("load %d posts vs json.load building the same model" % load["posts"], load_t.text(), py_t.text(),
               ratio.text(), "faster (above 1x)", ratio.value > 1)
    ratio = Ratio(load_t, parse_t)
    rep.result("the same load vs jansson's bare parse (its own dependency)", load_t.text(), parse_t.text(),
               ratio.text(2).replace("x", "x slower", 1), "none (information)", None)
    samples = {mode: [run_c(args, "peak", mode, path)[0]["peak_kb"] for _ in range(max(1, min(args.runs, 3)))]
               for mode in ("none", "load")}
    peak = statistics.median(samples["load"])
    size_kb = load["bytes"] / 1024
    rep.say("Peak resident memory of a fresh process that only loads the file (VmHWM): %.0f MB (samples %s kB); "
            "of one that loads nothing: %.1f MB" % (peak / 1024, ", ".join(str(k) for k in samples["load"]),
                                                   statistics.median(samples["none"]) / 1024))
    ratio = peak / size_kb
    rep.result("peak memory of a process that loads vs file size", "%.0f MB" % (peak / 1024),
               "%.0f MB" % (size_kb / 1024), "%.2fx" % ratio, "under 3x", ratio < 3)


# ---- 2. funding ---------------------------------------------------------------

def reference_totals(result):
    """The sum of every whole-period share, as bench.c's total_cents."""
    return sum(sum(c["shares"].values()) for c in result["conventions"].values())


def bench_funding(args, rep, path, label):
    """libiscg's funding from C against the Python reference's rules, on the
    same parsed dataset, both warmed up and timed over the same runs."""
    import reference  # bench/reference.py

    (c,) = run_c(args, "funding", path, args.runs)
    c_t = c_timing(c, "seconds")
    with open(path) as f:
        data = json.load(f)
    model = reference.load(data)  # the C side is timed after its load too
    ref_t, result = timed(lambda: reference.evaluate_model(model), args.runs)
    if result["errors"]:
        raise SystemExit("bench: the reference failed on %d computations" % len(result["errors"]))
    if reference_totals(result) != c["total_cents"]:
        raise SystemExit("bench: the reference's shares sum to %d cents, libiscg's to %d"
                         % (reference_totals(result), c["total_cents"]))
    rep.say("Funding of %d posts (%s: shares, fiscal-year parts, receivables), %d runs each: libiscg %s, %s, "
            "with their traces; the Python reference (fractions, integers) %s after building its model, %s; "
            "shares agree (%d cents)" % (c["posts"], label, args.runs, c_t.text(4),
                                         fmt_rate(c["posts"], c_t.median, "posts"),
                                         ref_t.text(), fmt_rate(c["posts"], ref_t.median, "posts"),
                                         c["total_cents"]))
    ratio = Ratio(ref_t, c_t)
    rep.result("funding, %d posts (%s), vs the Python reference" % (c["posts"], label),
               fmt_rate(c["posts"], c_t.median, "posts"), fmt_rate(c["posts"], ref_t.median, "posts"),
               ratio.text(), "at least 30x", ratio.value >= 30)


def bench_trace(args, rep, path, label):
    """The cost of the trace (AUD-2): the same funding by two builds of the
    bench that compile the library's sources alike, one as it is, one with
    ISCG__TRACE_BARE (each record written to one scratch slot and dropped:
    the bare amounts), run alternately so that both see the same machine."""
    if not (os.path.exists(args.bench_traced) and os.path.exists(args.bench_bare)):
        rep.say("bench-traced or bench-bare not built: the cost of the trace is not measured")
        return
    traced, bare = [], []
    for _ in range(5):  # alternated: both builds see the same machine, five times
        (t,) = run_c(args, "funding", path, args.runs, program=args.bench_traced)
        (b,) = run_c(args, "funding", path, args.runs, program=args.bench_bare)
        if t["total_cents"] != b["total_cents"] or t["traced"] != 1 or b["traced"] != 0:
            raise SystemExit("bench: the builds with and without a trace disagree (%d and %d cents)"
                             % (t["total_cents"], b["total_cents"]))
        traced += t["seconds_runs"]
        bare += b["seconds_runs"]
    traced_t, bare_t = Timing(traced), Timing(bare)
    rep.say("Funding of %d posts (%s) with the trace every computation records %s; the same computation with "
            "its records dropped (ISCG__TRACE_BARE) %s; %d runs of each, alternated"
            % (t["posts"], label, traced_t.text(4), bare_t.text(4), len(traced)))
    ratio = Ratio(traced_t, bare_t)
    rep.result("funding with the trace vs the bare amounts (%d posts)" % t["posts"], traced_t.text(4),
               bare_t.text(4), ratio.text(2).replace("x", "x the cost", 1), "at most 1.5x", ratio.value <= 1.5)


# Python's funding(year) and load() + funding(year) against the reference:
# bench/bench_funding.py, python_funding().


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
    add_t, sum_t, agg_t = c_timing(c, "add_s"), c_timing(c, "sum_s"), c_timing(c, "aggregate_s")
    records_t, touch_t = c_timing(c, "add_records_s"), c_timing(c, "touch_s")
    rep.say("Statistics, %d monthly records of %d posts, by post and year, %d runs each: libiscg adds them from "
            "columns in memory (iscg_stats_add_columns()) in %s (%s), record by record (iscg_stats_add()) in %s (%s); "
            "the first touch of as much fresh memory as the collection keeps (64 bytes a record: the kernel's page "
            "faults, which an ingest into memory the process has not used yet pays) takes %s; it sums them (iscg_stats_sums_compute(), %d rows "
            "of counts) in %s (%s); aggregates them into the full table (iscg_stats_aggregate(), %d rows with "
            "shares, rates, gaps and totals) in %s (%s)"
            % (c["records"], c["posts"], args.runs, add_t.text(), fmt_rate(c["records"], add_t.median, "records"),
               records_t.text(), fmt_rate(c["records"], records_t.median, "records"), touch_t.text(),
               c["sum_rows"], sum_t.text(), fmt_rate(c["records"], sum_t.median, "records"), c["rows"],
               agg_t.text(), fmt_rate(c["records"], agg_t.median, "records")))
    rep.result("ingest from columns, C (iscg_stats_add_columns())", fmt_rate(c["records"], add_t.median, "records"),
               "-", "-", "at least 50 M records/s", c["records"] / add_t.median >= 50e6)
    if "read_s" in c:
        # Not a floor: on 2026-12-06 it read 5.45 M records/s where the timed
        # ingest read 19.6.
        fresh_t = c_timing(c, "read_s") + touch_t
        rep.say("The cost of an ingest into fresh memory: reading the %d columns once takes %s, touching as much fresh "
                "memory as the store keeps %s; together %s, %s (information, not a floor: the timed ingest above "
                "runs back to back, each run reusing the memory the one before freed)" % (c["read_columns"], c_timing(c, "read_s").text(), touch_t.text(),
                                          fresh_t.text(), fmt_rate(c["records"], fresh_t.median, "records")))
        rep.result("reading the columns once and first touching 64 bytes a record of fresh memory",
                   fmt_rate(c["records"], fresh_t.median, "records"), "-", "-", "none (information)", None)
    ratio = Ratio(records_t, add_t)
    rep.result("ingest from columns vs record by record (iscg_stats_add()), C", add_t.text(), records_t.text(),
               ratio.text(), "none (information)", None)
    try:
        import numpy as np
        import pandas as pd
    except ImportError as e:
        rep.say("pandas comparison skipped: %s (Debian: python3-pandas)" % e)
        return
    cols = records(np, args.posts, months)
    names = ("post", "year") + COUNTS
    df = pd.DataFrame({k: cols[k] for k in names})
    pd_t, table = timed(lambda: df.groupby(["post", "year"]).sum(), args.runs)
    # end to end, as the user meets it: from the same columns in memory to the sums
    pd_all_t, _ = timed(lambda: pd.DataFrame({k: cols[k] for k in names}).groupby(["post", "year"]).sum(),
                        args.runs)
    referrals = int(table["referrals"].sum())
    if referrals != c["referrals"]:
        raise SystemExit("bench: pandas sums %d referrals, libiscg %d" % (referrals, c["referrals"]))
    if len(table) != c["sum_rows"]:
        raise SystemExit("bench: pandas makes %d groups, libiscg %d rows of sums" % (len(table), c["sum_rows"]))
    rep.say("pandas groupby([post, year]).sum() on the same records in memory: %s (%s), %d groups; from the "
            "columns (DataFrame built, then summed) %s; both count %d referrals"
            % (pd_t.text(), fmt_rate(c["records"], pd_t.median, "records"), len(table), pd_all_t.text(), referrals))
    ratio = Ratio(pd_t, sum_t)
    rep.result("sums by post and year (C API) vs pandas groupby().sum()",
               fmt_rate(c["records"], sum_t.median, "records"), fmt_rate(c["records"], pd_t.median, "records"),
               ratio.text(), "at least 5x", ratio.value >= 5)
    ratio = Ratio(pd_all_t, add_t + sum_t)
    rep.result("end to end from columns: C ingest + sums vs pandas DataFrame + groupby().sum()",
               (add_t + sum_t).text(), pd_all_t.text(), ratio.text(), "at least 2x", ratio.value >= 2)
    ratio = Ratio(pd_t, agg_t)
    rep.result("the full table (C API) vs pandas groupby().sum()",
               fmt_rate(c["records"], agg_t.median, "records"), fmt_rate(c["records"], pd_t.median, "records"),
               ratio.text(), "none (pandas computes sums only)", None)
    bench_stats_python(args, rep, np, cols, pd_t, pd_all_t, c)


def bench_stats_python(args, rep, np, cols, pd_t, pd_all_t, c):
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

    def ingest():
        return iscg.Stats.from_columns(
            post=(cols["post"], names), year=cols["year"], month=cols["month"], granularity="MONTH",
            not_reported=cols["not_reported"], carrier=kinds, force=kinds, **figures)

    build_t, stats = timed(ingest, args.runs)
    sums_t, sums = timed(lambda: stats.sums(by="POST", per="YEAR").to_columns(), args.runs)
    referrals = int(np.asarray(sums["referrals"]).sum())
    if referrals != c["referrals"]:
        raise SystemExit("bench: the bindings sum %d referrals, C %d" % (referrals, c["referrals"]))
    both_t, _ = timed(lambda: ingest().sums(by="POST", per="YEAR").to_columns(), args.runs)
    agg_t, table = timed(lambda: stats.aggregate(rounding="HALF_UP", by="POST", per="YEAR").to_columns(), args.runs)
    is_total = np.asarray(table["is_total"]).astype(bool)
    if int(np.asarray(table["referrals"])[is_total].sum()) != c["referrals"]:
        raise SystemExit("bench: the bindings' table does not count the %d referrals" % c["referrals"])
    rep.say("Python bindings, %d runs each: the %d records built from numpy columns in one call in %s (%s); summed "
            "by post and year and returned as %d numpy columns in %s; both in one go %s; aggregated into the full "
            "table and returned as %d columns in %s" % (args.runs, len(cols["post"]), build_t.text(),
                                                       fmt_rate(c["records"], build_t.median, "records"),
                                                       len(sums), sums_t.text(), both_t.text(), len(table),
                                                       agg_t.text()))
    rep.result("ingest from numpy columns (Stats.from_columns())", fmt_rate(c["records"], build_t.median, "records"),
               "-", "-", "at least 50 M records/s", c["records"] / build_t.median >= 50e6)
    ratio = Ratio(pd_t, sums_t)
    rep.result("sums through Python (bulk call) vs pandas", fmt_rate(c["records"], sums_t.median, "records"),
               fmt_rate(c["records"], pd_t.median, "records"), ratio.text(), "at least 2x", ratio.value >= 2)
    ratio = Ratio(pd_all_t, both_t)
    rep.result("end to end from columns through Python (ingest, sums, export) vs pandas", both_t.text(),
               pd_all_t.text(), ratio.text(), "at least 2x", ratio.value >= 2)
    ratio = Ratio(pd_t, agg_t)
    rep.result("the full table through Python vs pandas", fmt_rate(c["records"], agg_t.median, "records"),
               fmt_rate(c["records"], pd_t.median, "records"), ratio.text(), "none (pandas computes sums only)", None)


# ---- 4. one Python call ---------------------------------------------------------

# iscg.allocate() from the first call with a rule: bench/bench_funding.py, allocate_calls().


def check_reference(rep):
    """Runs check_reference.py: the reference must agree with libiscg before it is timed."""
    out = subprocess.run([sys.executable, os.path.join(HERE, "check_reference.py")], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    last = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else "(no output)"
    rep.say(last)
    if out.returncode != 0:
        raise SystemExit("bench: the Python reference does not agree with libiscg")


# ---- 5. scaling --------------------------------------------------------------------

PHASES = ("whole", "parts", "claims", "free")  # bench.c's phase_name
# glibc's malloc keeps what is freed instead of giving it back to the kernel:
# never trims the heap, and serves blocks under 4 GiB from it, not from mmap
KEEP_HEAP = {"GLIBC_TUNABLES": "glibc.malloc.trim_threshold=68719476736:glibc.malloc.mmap_threshold=4294967296"}


def bench_scale(args, rep, workdir):
    sizes = [int(s) for s in args.scale.replace(" ", "").split(",") if s]
    if not sizes:
        return
    rep.say("How each cost grows (per post; 12 monthly records per post):")
    rep.say("  %10s %14s %14s %14s %14s" % ("posts", "load us/post", "funding us/post", "stats add ns/rec",
                                           "aggregate ns/rec"))
    base = None
    phases = []
    for n in sizes:
        path = generate(args, n, workdir)
        runs = args.runs
        (load,) = run_c(args, "load", path, runs)
        (fund,) = run_c(args, "funding", path, runs)
        (kept,) = run_c(args, "funding", path, runs, env=KEEP_HEAP)
        (st,) = run_c(args, "stats", n, 12 * n, runs)
        row = (load["load_s"] / n * 1e6, fund["seconds"] / n * 1e6, st["add_s"] / st["records"] * 1e9,
               st["aggregate_s"] / st["records"] * 1e9)
        rep.say("  %10d %14.2f %14.2f %14.1f %14.1f" % ((n,) + row))
        phases.append((n, [fund["walk"] / n * 1e6] + [fund["phase_" + k] / n * 1e6 for k in PHASES]
                       + [kept["seconds"] / n * 1e6]))
        os.unlink(path)
        if base is None:
            base = row
        last = row
    growth = max(l / b for l, b in zip(last, base))
    rep.say("Where funding's time goes, us/post (one more run after the timed ones, each call's phase timed "
            "apart: whole computes the whole-period results, parts the fiscal-year parts, claims adds them to "
            "the receivables, free frees those; walk, before the timed runs and not in them, is the bench's own "
            "finding of the conventions and carriers by id, as the reference builds its model before its timed "
            "runs); and the timed "
            "runs' median again with glibc's malloc keeping the heap between runs (GLIBC_TUNABLES trim and mmap "
            "thresholds: information, the target above is judged without):")
    rep.say("  %10s" % "posts" + "".join(" %10s" % k for k in ("walk",) + PHASES) + " %12s" % "heap kept")
    for n, per_post in phases:
        rep.say("  %10d" % n + "".join(" %10.2f" % v for v in per_post[:-1]) + " %12.2f" % per_post[-1])
    rep.result("per-post cost, %d to %d posts" % (sizes[0], sizes[-1]), "x%.2f at most" % growth, "-", "-",
               "flat (linear total): within 2x", growth <= 2)


def main():
    import bench_funding as python_rows  # bench/bench_funding.py: funding and allocate() from Python

    this = sys.modules[__name__]  # the timing helpers python_rows uses
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
        bench_funding(args, rep, refpath, "the reference's size")
        rep.say()
        bench_funding(args, rep, national, "national")
        rep.say()
        bench_trace(args, rep, national, "national")
        rep.say()
        embedded = os.path.join(os.path.dirname(HERE), "data", "pas-de-calais-2023.json")
        python_rows.python_funding(args, rep, this, embedded, "the embedded dataset", 2023, national=False)
        rep.say()
        python_rows.python_funding(args, rep, this, national, "national", 2023, national=True)
        rep.say()
        bench_stats(args, rep)
        rep.say()
        python_rows.allocate_calls(args, rep, this)
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
