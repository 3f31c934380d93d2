#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Tables that fit: under COLUMNS=80 no line of any report is wider than 80
# display columns (measured by Python's unicodedata: wide characters two,
# combining accents none), in English and in French; --wide keeps the
# tables as wide as their text; the terminal's width counts when COLUMNS
# is not set; --columns picks and orders the columns.
set -u
iscg="$top_builddir/tools/iscg"
. "$top_srcdir/tests/locale.sh"
failed=0 passed=0
check() { # name, then a command that must succeed
  name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name" >&2; failed=$((failed + 1)); fi
}
has() { printf '%s' "$out" | grep -qF -- "$1"; }
py=${PYTHON:-}
[ -n "$py" ] && [ "$py" != ":" ] || py=$(command -v python3 || true)
if [ -z "$py" ]; then
  echo "fit: no python3 to measure display widths; skipping" >&2
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset COLUMNS LANGUAGE LC_ALL LC_MESSAGES
# the widest line of standard input, in display columns
widest() {
  "$py" -c '
import sys, unicodedata
def width(line):
    return sum(0 if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf")
               else 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)
print(max((width(l.rstrip("\n")) for l in sys.stdin.buffer.read().decode("utf-8").splitlines()), default=0))'
}
langs="C.UTF-8"
if fr_setup "$tmp"; then langs="C.UTF-8 fr_FR.UTF-8"; else echo "fit: $why: French is not measured" >&2; fi
for lang in $langs; do
  for c in funding "funding --whole" "receivables --year 2022" budget audit stats "stats --suppress 10" \
           "explain isg-le-portel" "calendar --date 2023-09-01 --days 122" "list parties" "list posts" \
           "list conventions" "list lines" "--help" "funding --help"; do
    w=$(LANG=$lang COLUMNS=80 "$iscg" $c 2>/dev/null | widest)
    check "$lang $c: $w columns, at most 80 under COLUMNS=80" [ "$w" -le 80 ]
  done
  w=$(LANG=$lang COLUMNS=40 "$iscg" audit 2>/dev/null | widest)
  check "$lang audit: $w columns, at most 40 under COLUMNS=40" [ "$w" -le 40 ]
done
# today's output: --wide, or a pipe without COLUMNS
out=$(COLUMNS=80 "$iscg" funding --wide | widest)
check "--wide keeps the wide table ($out columns)" [ "$out" -gt 150 ]
check "--wide is what a pipe gets" sh -c '[ "$(COLUMNS=80 "$1" audit --wide)" = "$("$1" audit)" ]' - "$iscg"
out=$(COLUMNS=80 "$iscg" funding)
check "a long table is laid out one record at a time" has "-[ 1 ]---"
check "a record names each column" has "funder_kind  STATE"
out=$(COLUMNS=80 "$iscg" list posts)
check "a table that fits stays a table" has "isg-osartis         ISG   ISG Osartis Marquion"
out=$(COLUMNS=60 "$iscg" budget --columns operation,label,balance)
check "a long text wraps within its column" sh -c 'printf "%s\n" "$1" | grep -q "^ \{12\}intrafamiliales"' - "$out"
check "wrapped: the label's words kept whole" has "intrafamiliales"
# the terminal's width when COLUMNS is not set (script gives a terminal)
if command -v script >/dev/null 2>&1 && command -v stty >/dev/null 2>&1; then
  script -qec "stty cols 70 rows 50; '$iscg' audit" /dev/null </dev/null >"$tmp/tty" 2>&1
  w=$(tr -d '\r' <"$tmp/tty" | widest)
  check "a terminal of 70 columns: $w" [ "$w" -le 70 ]
  check "a terminal: the findings are there" grep -q "calais-stomer-2023" "$tmp/tty"
fi
# --columns picks and orders the columns of every table of the report
out=$("$iscg" funding --columns funder,amount,convention --format csv)
check "--columns: the order asked" has "funder,amount,convention"
check "--columns: the rows" has "CC du Sud-Artois,14670.00,ccsa-2023"
check "--columns: the totals keep their amount" has "$(printf '\namount\n')181077.00"
out=$("$iscg" funding --columns convention,nonsense 2>&1); status=$?
check "--columns: an unknown column exits 2" [ $status -eq 2 ]
check "--columns: names it" has 'has a column "nonsense"'
out=$("$iscg" budget --columns balance --format json)
check "--columns in json" has '"balance": "26113.00"'
check "--columns in json: the subsidies' table has no balance: left out" sh -c '! printf "%s" "$1" | grep -q subsidies' - "$out"
if [ -n "${ISCG_LOCALEDIR:-}" ]; then
  out=$(LANG=fr_FR.UTF-8 "$iscg" budget --columns Solde,operation)
  check "--columns takes the names shown too" has "Solde"
fi

echo "fit: $passed passed, $failed failed"
[ $failed -eq 0 ]
