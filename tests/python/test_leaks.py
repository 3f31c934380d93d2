# SPDX-License-Identifier: Apache-2.0
"""No leak across 100 000 calls: after a warm-up, the memory Python traces
(tracemalloc) and the process's resident set (and, with glibc, the bytes
malloc has in use) stay flat while every kind of call is repeated: results
built and dropped, handles created and freed, errors raised and caught."""

import ctypes
import ctypes.util
import gc
import json
import os
import subprocess
import sys
import tracemalloc
from decimal import Decimal

import _iscg
import iscg

CALLS = 100_000
RULE = {"unit": 100, "rounding": _iscg.ISCG_ROUND_DOWN, "policy": _iscg.ISCG_REMAINDER_LARGEST_WEIGHT,
        "weights": _iscg.ISCG_WEIGHTS_BASIS_POINTS}
OSARTIS = iscg.Period("2023-09-01", "2023-12-31")


def workload(ds, target):
    """At least `target` calls, of every kind, in rounds of 118."""
    calls = 0
    while calls < target:
        for _ in range(20):  # the low-level layer: outputs, struct dicts, sequences
            _iscg.iscg_allocate(1237500, [2120, 1534, 6346], RULE)
            _iscg.iscg_prorate(1400000, OSARTIS, _iscg.ISCG_DAYCOUNT_MONTHS_WHOLE, 100, _iscg.ISCG_ROUND_DOWN)
            _iscg.iscg_money_format(1433350, _iscg.ISCG_MONEY_FRENCH)
            calls += 3
        for _ in range(10):  # statuses raised as exceptions, with their reports
            for bad in (lambda: _iscg.iscg_money_add(2 ** 63 - 1, 1), lambda: _iscg.iscg_date_parse("2023-02-30"),
                        lambda: _iscg.iscg_money_add(2 ** 64, 1), lambda: _iscg.iscg_post_get(ds._handle, "x")):
                try:
                    bad()
                except iscg.Error:
                    pass
                calls += 1
        for _ in range(4):  # handles created and freed, with explanation trees
            f = _iscg.iscg_funding_compute(ds._handle, "le-portel-2023")
            _iscg.iscg_funding_row_get(f, 0)
            del f
            calls += 2
        for _ in range(2):  # the Pythonic layer
            iscg.allocate(Decimal("12375"), [2120, 1534, 6346], unit=iscg.EURO, rounding="DOWN",
                          policy="LARGEST_WEIGHT", weights_kind="BASIS_POINTS")
            iscg.prorate(14000, OSARTIS, daycount="ACT_365F", unit=iscg.EURO, rounding="DOWN")
            # the fast path of allocate(): a result, on the heap past 16 parties, and a refusal
            iscg.allocate(-19348, [1, 1, 1], unit=iscg.EURO, rounding="DOWN", policy="NONE")
            iscg.allocate(12375, [1] * 20, unit=iscg.EURO, rounding="DOWN", policy="NONE")
            try:
                iscg.allocate(12375, [0, 0], unit=iscg.EURO, rounding="DOWN", policy="NONE")
            except iscg.WeightsError:
                pass
            calls += 5
        ds.plan("osartis-2023")
        ds.audit()
        calls += 2
        try:  # dataset errors with file, line and column
            iscg.loads("{", "broken.json")
        except iscg.DatasetError:
            pass
        calls += 1
        for _ in range(3):
            _iscg.iscg_version()
            calls += 1
    return calls


def rss_bytes():
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]


def malloc_in_use():
    """Bytes malloc has handed out and not had back (glibc >= 2.33), or None."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        mallinfo2 = libc.mallinfo2
    except (OSError, AttributeError, TypeError):
        return None
    mallinfo2.restype = _MallInfo2
    info = mallinfo2()
    return info.uordblks + info.hblkhd


def measure(ds, calls):
    gc.collect()
    traced = tracemalloc.get_traced_memory()[0]
    rss, heap = rss_bytes(), malloc_in_use()
    done = workload(ds, calls)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    grew = {"traced": after - traced}
    if rss is not None:
        grew["rss"] = rss_bytes() - rss
    if heap is not None:
        grew["malloc"] = malloc_in_use() - heap
    return done, grew


def main():
    """Measures in this process and prints the growth as JSON."""
    with iscg.load() as ds:
        tracemalloc.start()
        measure(ds, 50_000)  # warm-up: caches, interned strings, allocator pools
        done, grew = measure(ds, CALLS)
        tracemalloc.stop()
    print(json.dumps({"calls": done, "grew": grew}))


def test_no_leak_over_100000_calls():
    # in a child interpreter, so that nothing else the tests did moves the figures
    result = subprocess.run([sys.executable, __file__], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.splitlines()[-1])
    grew = report["grew"]
    print("\n%d calls: memory growth %s" % (report["calls"], ", ".join(
        "%s %+d bytes" % kv for kv in sorted(grew.items()))))
    assert report["calls"] >= CALLS
    # After the warm-up a few kilobytes move either way, and malloc's figure
    # sometimes steps once by some 70 KB (a table growing); a leak of one small
    # object or allocation per call would be megabytes, one per handle as much.
    assert grew["traced"] < 64 * 1024, grew
    if "malloc" in grew:
        assert grew["malloc"] < 256 * 1024, grew
    if "rss" in grew:
        assert grew["rss"] < 1024 * 1024, grew


if __name__ == "__main__":
    main()
