#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# iscg stops cleanly on Ctrl-C: a validation of a dataset that keeps coming
# (a pipe fed at a slow pace, so that the test does not depend on the
# machine's speed) ends at SIGINT, at the load's next poll, with exit status
# 130 and a sentence saying that it was canceled.
set -u
iscg="$top_builddir/tools/iscg"
# a command started in the background by a script ignores SIGINT: start it
# with the default action, which iscg then replaces with its handler
env --default-signal=INT true 2>/dev/null || { echo "interrupt: env --default-signal is missing; skipping" >&2; exit 77; }
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
fifo="$dir/endless.json"
mkfifo "$fifo" || exit 77
chunk=$(for i in $(seq 1 512); do printf '"a note about nothing much", '; done)
# a dataset that never ends: 14 KiB of notes every 20 ms, until the reader goes
{
  printf '{"format": "iscg-dataset", "version": 1, "notes": ['
  while printf '%s\n' "$chunk"; do sleep 0.02; done
} >"$fifo" 2>/dev/null &
writer=$!
env --default-signal=INT "$iscg" validate "$fifo" >"$dir/out" 2>"$dir/err" &
pid=$!
( sleep 60; kill -KILL "$pid" 2>/dev/null ) &
watchdog=$!
sleep 1
kill -INT "$pid"
wait "$pid"
status=$?
kill "$watchdog" "$writer" 2>/dev/null
failed=0
[ "$status" -eq 130 ] || { echo "FAIL: iscg validate exited $status on SIGINT, not 130" >&2; failed=1; }
# a process killed by the signal would also give 130: the sentence tells a clean stop
grep -q 'canceled' "$dir/err" || { echo "FAIL: no sentence saying the read was canceled:" >&2; cat "$dir/err" >&2; failed=1; }
[ -s "$dir/out" ] && { echo "FAIL: a canceled validation printed a result" >&2; failed=1; }
[ $failed -eq 0 ] && echo "PASS: iscg validate stops on SIGINT with 130 and says so"
exit $failed
