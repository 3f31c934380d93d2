# SPDX-License-Identifier: Apache-2.0
"""Files as an unlucky user meets them (tests/check_files.c for the C side):
failed saves leave the old file, FileError is the OSError of its errno,
reads are bounded, long file names survive in the errors."""

import errno
import json
import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest

import iscg

MINI = ('{"format": "iscg-dataset", "version": 1,\n'
        ' "parties": [{"id": "etat", "kind": "STATE", "name": "Etat"}]}\n')


def test_missing_file_is_file_not_found(tmp_path):
    path = str(tmp_path / "missing.json")
    with pytest.raises(FileNotFoundError) as e:
        iscg.load(path)
    err = e.value
    assert isinstance(err, iscg.FileError) and isinstance(err, iscg.DatasetError)
    assert err.errno == errno.ENOENT and err.filename == path and err.file == path
    assert err.strerror == os.strerror(errno.ENOENT)
    assert str(err) == path + ": cannot be read: No such file or directory"  # the library's sentence
    with pytest.raises(FileNotFoundError) as e:
        iscg.load().save(tmp_path / "no" / "dir.json")
    assert e.value.errno == errno.ENOENT and e.value.filename == str(tmp_path / "no" / "dir.json")


def test_directory_is_a_directory(tmp_path):
    with pytest.raises(IsADirectoryError) as e:
        iscg.load(tmp_path)
    assert e.value.errno == errno.EISDIR and "Is a directory" in str(e.value)
    with pytest.raises(IsADirectoryError):
        iscg.load().save(tmp_path)
    assert os.listdir(tmp_path) == []


def test_permission_denied(tmp_path):
    if os.geteuid() == 0:  # root writes anywhere but where the kernel refuses
        target = "/sys/iscg-test.json"
        if not os.path.isdir("/sys"):
            pytest.skip("no /sys to be refused by")
    else:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o500)
        target = str(folder / "x.json")
    with pytest.raises(PermissionError) as e:
        iscg.load().save(target)
    assert e.value.errno in (errno.EACCES, errno.EPERM) and e.value.filename == target
    assert isinstance(e.value, iscg.FileError)


def test_other_errnos_stay_file_error():
    if not os.access("/dev/full", os.W_OK):
        pytest.skip("no /dev/full")
    with pytest.raises(iscg.FileError) as e:
        iscg.load().save("/dev/full")
    assert e.value.errno == errno.ENOSPC and str(e.value).endswith("No space left on device")
    assert not isinstance(e.value, (FileNotFoundError, PermissionError))


def test_failed_save_keeps_the_old_file(tmp_path, srcdir):
    """Under a file-size limit smaller than the dataset, in a child process."""
    path = tmp_path / "data.json"
    path.write_text(MINI)
    code = textwrap.dedent(f"""
        import resource, signal, sys
        import iscg
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))
        try:
            iscg.load().save({str(path)!r})
        except iscg.FileError as e:
            sys.exit(0 if e.errno == 27 and "File too large" in str(e) else 3)
        sys.exit(4)
        """)
    done = subprocess.run([sys.executable, "-c", code], env=os.environ, timeout=60)
    assert done.returncode == 0
    assert path.read_text() == MINI and os.listdir(tmp_path) == ["data.json"]


def test_bounded_reads(tmp_path):
    path = tmp_path / "mini.json"
    path.write_text(MINI)
    with pytest.raises(iscg.RangeError) as e:
        iscg.load(path, max_size=10)
    assert "larger than the limit of 10 bytes" in str(e.value)
    assert iscg.load(path, max_size=len(MINI)).party("etat")
    problems = iscg.validate(path, max_size=10)
    assert len(problems) == 1 and "larger than the limit" in problems[0].text
    assert len(iscg.validate(path, max_size=1000)) == 0
    with pytest.raises(OverflowError):
        iscg.load(path, max_size=-1)
    # the same from a text
    with pytest.raises(iscg.RangeError) as e:
        iscg.loads(MINI, "mini", max_size=10)
    assert "mini: larger than the limit of 10 bytes" in str(e.value)
    assert iscg.loads(MINI, max_size=len(MINI)).party("etat")
    # /dev/zero ends at its first byte, a NUL (not when memory runs out)
    with pytest.raises(iscg.ParseError) as e:
        iscg.load("/dev/zero")
    assert (e.value.line, e.value.column) == (1, 1) and "a NUL byte" in str(e.value)
    path.write_bytes(b'{"format":"iscg-dataset","version":1}\0 garbage {{{')
    with pytest.raises(iscg.ParseError) as e:
        iscg.load(path)
    assert (e.value.line, e.value.column) == (1, 38)


def test_long_file_names_survive(tmp_path):
    folder = tmp_path
    while len(str(folder)) < 300:
        folder = folder / ("d" * 60)
    folder.mkdir(parents=True)
    path = str(folder / "broken.json")
    with open(path, "w") as f:
        f.write('{"format": "iscg-dataset", "version": 1,\n "parties": [{"id": 12}]}')
    with pytest.raises(iscg.ParseError) as e:
        iscg.load(path)
    err = e.value
    assert err.file == path and (err.line, err.column) == (2, 21) and err.field == "parties[0].id"
    assert str(err).endswith("broken.json:2:21: parties[0].id: a string was expected, found an integer")
    problems = iscg.validate(path)
    assert problems[0].text == str(err)


def _big_dataset(posts, months):
    doc = {"format": "iscg-dataset", "version": 1,
           "parties": [{"id": "dept", "kind": "DEPARTEMENT", "name": "D"}],
           "posts": [{"id": f"p{i}", "label": f"P{i}", "kind": "ISC", "carrier": "dept"} for i in range(posts)],
           "activity": [{"post": f"p{i}", "granularity": "MONTH", "start": f"{2000 + m // 12}-{m % 12 + 1:02d}-01",
                         "referrals": m} for i in range(posts) for m in range(months)]}
    return json.dumps(doc)


def _ticks_during(call):
    """How many times another Python thread went round its loop while call()
    ran in this one: none when the call holds the GIL throughout."""
    ticks, stop = [], threading.Event()

    def count():
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.001)

    thread = threading.Thread(target=count)
    thread.start()
    while not ticks:
        time.sleep(0.001)
    start = time.monotonic()
    call()
    end = time.monotonic()
    stop.set()
    thread.join()
    return sum(start < t < end for t in ticks), end - start


def test_long_loads_let_other_threads_run(tmp_path):
    text = _big_dataset(2000, 60)  # about 10 MB, 120 000 activity records
    path = tmp_path / "big.json"
    path.write_text(text)
    for call in (lambda: iscg.loads(text), lambda: iscg.load(path), lambda: iscg.validate(path)):
        ticks, seconds = _ticks_during(call)
        assert ticks >= 10, f"{ticks} ticks in {seconds:.2f} s"
    assert len(iscg.load(path).posts) == 2000
