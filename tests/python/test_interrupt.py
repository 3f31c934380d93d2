# SPDX-License-Identifier: Apache-2.0
"""Ctrl-C interrupts the long calls that run without the GIL: a load, a
validation, an aggregation. They poll the signal handlers (iscg_py.h), stop
with ISCG_ECANCELED having freed what they built, and the wrapper raises the
handler's exception (KeyboardInterrupt) in the calling thread. The signal is
sent by a timer thread a moment after the call starts; the calls take
seconds, so the proof is that the call did not complete and that the
exception came out of the library's call. No duration is asserted."""

import array
import json
import os
import signal
import threading
import traceback

import pytest

import iscg

# the delay before the signal, in seconds: short beside the calls' seconds
SOON = 0.2
# records of the large dataset file: some 65 MB of JSON, seconds to load
RECORDS = 400000
# records of the large collection: seconds to aggregate by post and month
COLLECTION = 600000


def big_text(n):
    """The embedded dataset with n monthly activity records of n / 12
    generated posts, as JSON text (written piece by piece: quicker than
    json.dumps of a list of dicts)."""
    d = json.loads(iscg.load().to_json())
    posts = d.pop("posts")
    activity = d.pop("activity")
    post = ', {"id": "gen-%06d", "label": "ISC %d", "kind": "ISC", "carrier": "dept", "work_time": "100.00"}'
    record = (', {"post": "gen-%06d", "granularity": "MONTH", "start": "2022-%02d-01", "women": %d, "men": %d, '
              '"children": 1, "carrier": "DEPARTEMENT", "force": "POLICE"}')
    return "".join([json.dumps(d)[:-1], ', "posts": ', json.dumps(posts)[:-1],
                    "".join(post % (p, p) for p in range((n + 11) // 12)),
                    '], "activity": ', json.dumps(activity)[:-1],
                    "".join(record % (i // 12, i % 12 + 1, i % 50, i % 30) for i in range(n)), "]}"])


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("interrupt") / "big.json"
    path.write_text(big_text(RECORDS), encoding="utf-8")
    yield str(path)
    path.unlink()  # 65 MB: not left behind for pytest's next runs


@pytest.fixture(scope="module")
def big_stats():
    """A collection of COLLECTION monthly records of COLLECTION / 12 posts."""
    n = COLLECTION
    codes = array.array("q", (i // 12 for i in range(n)))
    months = array.array("q", (i % 12 + 1 for i in range(n)))
    women = array.array("q", (i % 50 for i in range(n)))
    return iscg.Stats.from_columns(post=(codes, ["p%06d" % p for p in range(n // 12)]), year=2022, month=months,
                                   granularity="MONTH", women=women, men=women)


@pytest.fixture(autouse=True)
def default_sigint():
    """Python's own SIGINT handler, which raises KeyboardInterrupt."""
    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, old)


def interrupt(call, signum=signal.SIGINT):
    """Runs call() in this (the main) thread while a timer sends `signum`
    to the process SOON after; returns the exception call() raised, or None
    when it completed (the timer is joined either way)."""
    timer = threading.Timer(SOON, os.kill, (os.getpid(), signum))
    timer.start()
    try:
        call()
    except BaseException as e:  # pylint: disable=broad-except
        return e
    finally:
        timer.join()
    return None


def raised_by(e, name, handler=None):
    """Whether the innermost frame of e's traceback (past the frames of the
    signal handler named `handler`) is the line that calls the library's
    function `name`: the exception came out of that call, not out of the
    Python code around it."""
    frames = traceback.extract_tb(e.__traceback__)
    while handler and frames and frames[-1].name == handler:
        frames.pop()
    return bool(frames) and name in (frames[-1].line or "")


def rss():
    """The resident memory of this process, in bytes (Linux)."""
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_ctrl_c_interrupts_a_long_load(big_file):
    e = interrupt(lambda: iscg.load(big_file))
    assert isinstance(e, KeyboardInterrupt)  # the load did not complete
    assert raised_by(e, "iscg_dataset_load_file_ext")
    # the interpreter goes on, and the same file loads in full
    loaded = iscg.load(big_file)
    assert len(iscg.Stats.from_dataset(loaded)) == len(iscg.Stats.from_dataset(iscg.load())) + RECORDS


def test_ctrl_c_interrupts_a_long_load_from_text(big_file):
    with open(big_file, encoding="utf-8") as f:
        text = f.read()
    e = interrupt(lambda: iscg.loads(text))
    assert isinstance(e, KeyboardInterrupt)
    assert raised_by(e, "iscg_dataset_load_string_ext")
    assert len(iscg.Stats.from_dataset(iscg.loads(text))) == len(iscg.Stats.from_dataset(iscg.load())) + RECORDS


def test_ctrl_c_interrupts_a_long_validation(big_file):
    e = interrupt(lambda: iscg.validate(big_file))
    assert isinstance(e, KeyboardInterrupt)
    assert raised_by(e, "iscg_dataset_validate_file_ext")
    assert len(iscg.validate(text=iscg.load().to_json())) == 0


def test_ctrl_c_interrupts_a_long_aggregation(big_stats):
    # STAT-3: the table per post and month of COLLECTION records
    e = interrupt(lambda: big_stats.aggregate(by="POST", per="MONTH", rounding="HALF_UP"))
    assert isinstance(e, KeyboardInterrupt)
    assert raised_by(e, "iscg_stats_aggregate_ext")
    # the collection is whole and still aggregates
    assert len(big_stats) == COLLECTION
    total = big_stats.aggregate(by="ALL", per="YEAR", rounding="HALF_UP")
    assert len(total) == 1
    # and a dataset's statistics too (STAT-3)
    assert len(iscg.stats(iscg.load(), by="ALL", per="YEAR", rounding="HALF_UP")) >= 1


def test_ctrl_c_interrupts_a_long_ingest_from_columns():
    """STAT-1: adding millions of records from columns (one call without
    the GIL) stops on Ctrl-C with nothing added, and the same columns then
    go in whole."""
    numpy = pytest.importorskip("numpy")
    n = 6000000  # about a second of ingest
    i = numpy.arange(n, dtype=numpy.int64)
    columns = dict(post=(i // 12, ["p%07d" % p for p in range(n // 12)]), year=2022, month=i % 12 + 1,
                   granularity="MONTH", women=i % 50, men=i % 30)
    stats = iscg.Stats()
    e = interrupt(lambda: stats.add_columns(**columns))
    if e is None:  # the ingest beat the timer on this machine: nothing to prove here
        pytest.skip("the ingest completed before the signal came")
    assert isinstance(e, KeyboardInterrupt)
    assert raised_by(e, "stats_add_columns")
    assert len(stats) == 0  # all or nothing
    stats.add_columns(**columns)
    assert len(stats) == n


def test_a_handler_s_own_exception_comes_out(big_file):
    """Whatever a signal handler raises stops the call and comes out of it;
    a handler that raises nothing lets it complete."""
    class Stop(Exception):
        pass

    def stop(signum, frame):
        raise Stop(signum)

    signal.signal(signal.SIGINT, stop)
    e = interrupt(lambda: iscg.load(big_file))
    assert isinstance(e, Stop) and not isinstance(e, iscg.Error)
    assert raised_by(e, "iscg_dataset_load_file_ext", handler="stop")

    seen = []
    signal.signal(signal.SIGINT, lambda signum, frame: seen.append(signum))
    loaded = []
    assert interrupt(lambda: loaded.append(iscg.load(big_file))) is None
    assert seen == [signal.SIGINT]
    assert len(iscg.Stats.from_dataset(loaded[0])) == len(iscg.Stats.from_dataset(iscg.load())) + RECORDS


def test_interrupted_loads_free_what_they_read(big_file):
    """Twenty interrupted loads of a 65 MB file: each read the whole text
    and built part of the dataset before it stopped. Had any kept its text
    or its records, memory would grow by some 65 MB a load, 1.3 GB in all;
    the bound allows 100 MB for the allocator's caches."""
    assert isinstance(interrupt(lambda: iscg.load(big_file)), KeyboardInterrupt)  # warms the allocator
    before = rss()
    for _ in range(20):
        assert isinstance(interrupt(lambda: iscg.load(big_file)), KeyboardInterrupt)
    assert rss() - before < 100 * 1024 * 1024


def test_canceled_is_an_error_of_its_own():
    """ISCG_ECANCELED with no exception pending (a cancel function of C
    code, not a signal's) is iscg.Canceled."""
    assert issubclass(iscg.Canceled, iscg.Error) and not issubclass(iscg.Canceled, ValueError)
    assert iscg.errors.Canceled is iscg.Canceled
    assert iscg.Canceled(1).__class__.__module__ == "iscg.errors"
