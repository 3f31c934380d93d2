#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Stated totals and shares of the activity (STAT-7) in the iscg command: iscg
# stats lists every check after the statistics and keeps exit status 0; iscg
# audit lists the disagreements and flags them; JSON output parses.
set -u
iscg="$top_builddir/tools/iscg"
file="$top_srcdir/tests/datasets/stated-figures.json"
failed=0 passed=0
check() { # name, then a command that must succeed
  name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name" >&2; failed=$((failed + 1)); fi
}
has() { printf '%s' "$out" | grep -qF -- "$1"; }
lacks() { ! has "$1"; }
py=${PYTHON:-$(command -v python3 || true)}
unset COLUMNS
LC_ALL=C; export LC_ALL

out=$("$iscg" stats -d "$file" --year 2022); status=$?
check "STAT-7 stats exits 0 despite disagreements" [ $status -eq 0 ]
check "STAT-7 stats: the statistics still come" has "Activity 2022 by post"
check "STAT-7 stats: the checks' title" has "Stated figures checked (STAT-7): 2 of 4 do not agree"
check "STAT-7 stats: annex 1's Bethune total agrees" \
  has "total  referrals of isc-bethune, YEAR records, 2022-01-01..2022-12-31  598     598       598              yes"
check "STAT-7 stats: a mistyped total does not" has "555     554       554              no"
check "STAT-7 stats: 61 of 98 is 62.2 HALF_UP" \
  has "share  61 of 98 situations                                             62.2    62.2      61/98  HALF_UP   yes"
check "STAT-7 stats: 2 of 3 is not 66.66 HALF_UP" has "66.66   66.67     2/3    HALF_UP   no"

out=$("$iscg" audit -d "$file"); status=$?
check "STAT-7 audit flags the disagreements" [ $status -eq 1 ]
check "STAT-7 audit: their count" has "Statistics: 2 stated figures that do not agree (STAT-7)"
check "STAT-7 audit: the mistyped total" has "women of all posts"
check "STAT-7 audit: an agreeing figure is not listed" lacks "61 of 98"

# the embedded dataset states no statistics: no such table, its audit unchanged
out=$("$iscg" stats)
check "STAT-7 embedded stats: no checks table" lacks "STAT-7"
out=$("$iscg" audit)
check "STAT-7 embedded audit: no statistics table" lacks "Statistics:"

if [ -n "$py" ]; then
  out=$("$iscg" stats -d "$file" --year 2022 --format json); status=$?
  check "STAT-7 stats json exits 0" [ $status -eq 0 ]
  check "STAT-7 stats json parses, 4 checks, 2 disagree" "$py" -c '
import json, sys
checks = json.loads(sys.argv[1])["stated"]
assert len(checks) == 4, checks
assert [r["agrees"] for r in checks] == ["yes", "no", "yes", "no"], checks
assert checks[2]["exact"] == "61/98" and checks[2]["computed"] == "62.2", checks
' "$out"
fi

# a bad stated figure stops the load with its place in the file
bad=$(mktemp)
sed 's/"percent": "62.2"/"percent": "62.245"/' "$file" >"$bad"
out=$("$iscg" stats -d "$bad" 2>&1); status=$?
rm -f "$bad"
check "STAT-7 a bad percentage exits 2" [ $status -eq 2 ]
check "STAT-7 a bad percentage is placed at line 15, column 38" has ":15:38: "
check "STAT-7 a bad percentage is named" has "stated_shares[0].percent"

echo "stated: $passed passed, $failed failed"
[ $failed -eq 0 ]
