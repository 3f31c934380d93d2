# SPDX-License-Identifier: Apache-2.0
"""Long calls let go of the GIL: another Python thread keeps running while
one thread saves, computes, aggregates. The proof counts the turns a second
thread gets while the long call runs (each turn gives the GIL back at once):
a call that kept the GIL would let it have none, or one or two at its edges.
No clock is read."""

import json
import os
import threading
import time

import pytest

import iscg

# turns a thread that kept the GIL could leave to the other at its start and end
FEW = 20


def advances(call):
    """Runs call() in a thread and counts the turns the calling thread gets
    meanwhile; returns (turns, call's result)."""
    started, done = threading.Event(), threading.Event()
    out = {}

    def worker():
        started.set()
        try:
            out["result"] = call()
        except BaseException as e:  # pylint: disable=broad-except
            out["error"] = e
        finally:
            done.set()

    thread = threading.Thread(target=worker)
    thread.start()
    started.wait()
    turns = 0
    while not done.is_set():
        turns += 1
        time.sleep(0)  # gives the GIL back, takes it again
    thread.join()
    if "error" in out:
        raise out["error"]
    return turns, out["result"]


@pytest.fixture(scope="module")
def big():
    """The embedded dataset with 60 000 monthly activity records of 5 000
    generated posts: a file of a few megabytes."""
    d = json.loads(iscg.load().to_json())
    n = 60000
    d["posts"] += [{"id": "gen-%05d" % p, "label": "ISC %d" % p, "kind": "ISC", "carrier": "dept",
                    "work_time": "100.00"} for p in range(n // 12)]
    d["activity"] += [{"post": "gen-%05d" % (i // 12), "granularity": "MONTH", "start": "2022-%02d-01" % (i % 12 + 1),
                       "women": i % 50, "men": i % 30, "children": 1, "carrier": "DEPARTEMENT", "force": "POLICE"}
                      for i in range(n)]
    return iscg.loads(json.dumps(d))


def test_a_thread_advances_during_a_long_save(big, tmp_path):
    path = str(tmp_path / "big.json")
    turns, _ = advances(lambda: big.save(path))
    assert turns > FEW
    assert os.path.getsize(path) > 1000000
    assert len(iscg.load(path).activity) == len(big.activity)


def test_a_thread_advances_during_a_long_aggregation(big):
    # STAT-1: the same table as a call that the other thread does not share
    turns, table = advances(lambda: iscg.stats(big, rounding="HALF_UP", by="ALL", per="YEAR"))
    assert turns > FEW
    assert len(table) == len(iscg.stats(big, rounding="HALF_UP", by="ALL", per="YEAR")) >= 1


def test_a_thread_advances_during_a_long_load(big):
    text = big.to_json()
    turns, loaded = advances(lambda: iscg.loads(text))
    assert turns > FEW
    assert loaded.to_json() == text


def test_threads_compute_while_others_change_a_scenario(ds):
    """Computations without the GIL read the dataset's scenario under the
    binding's lock: what-ifs added and removed from another thread meanwhile
    give each computation either scenario, never a torn one (AMD-3)."""
    plain = ds.plan("ccca-2023").total

    def outcome():
        try:
            return ds.plan("ccca-2023").total
        except iscg.Terminated:  # SPLIT-6: the State's side has no funder from July
            return "terminated"
    stop = threading.Event()

    def change():
        while not stop.is_set():
            ds.withdraw("ccca-2023", "etat", since="2023-07-01")
            ds.restore("ccca-2023", "etat")

    changer = threading.Thread(target=change)
    changer.start()
    try:
        totals = {outcome() for _ in range(300)}
        reports = [ds.audit() for _ in range(20)]
    finally:
        stop.set()
        changer.join()
    assert totals <= {plain, "terminated"}
    assert all(len(r) >= 1 for r in reports)


def test_a_thread_advances_during_a_long_ingest_and_export():
    """Stats.from_columns() adds its records and StatsTable.to_columns()
    writes its numbers without the GIL (STAT-3)."""
    numpy = pytest.importorskip("numpy")
    n = 240000
    s = iscg.Stats.from_columns(post=(numpy.arange(n) // 12, ["isc-%05d" % i for i in range(n // 12)]), year=2022,
                                month=numpy.arange(n) % 12 + 1, granularity="MONTH", women=numpy.arange(n) % 7)
    table = s.aggregate(rounding="HALF_UP", by="POST", per="MONTH")
    names = list(table.to_columns(["records"]))
    # and the records are added without it, a batch at a time
    posts = ["isc-%05d" % (i // 12) for i in range(n)]  # str objects, held while the GIL is let go
    turns, again = advances(lambda: iscg.Stats.from_columns(post=posts, year=2022, month=numpy.arange(n) % 12 + 1,
                                                            granularity="MONTH", women=numpy.arange(n) % 7))
    assert turns > FEW and len(again) == len(s) == n
    assert again[n - 1].record() == s[n - 1].record()
    turns, columns = advances(lambda: table.to_columns())
    assert turns > FEW
    assert len(columns["records"]) == len(table) > n and names == ["records"]
    women = [int(w) for w, total in zip(columns["women"], columns["is_total"]) if not total]
    assert sum(women) == sum(i % 7 for i in range(n))  # the group rows, not the totals
