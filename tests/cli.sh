#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The iscg command on the embedded dataset: the documents' figures, the exit
# statuses, CSV and JSON that parse, and the loader's messages on broken files.
set -u
iscg="$top_builddir/tools/iscg"
data="$top_srcdir/tests/data"
nnbsp=$(printf '\342\200\257')
nbsp=$(printf '\302\240')
eur() { printf '%s\n' "$1" | sed "s/ /$nnbsp/g; s/\$/$nbsp€/"; } # "123 687" -> "123 687 €" as printed
failed=0 passed=0
check() { # name, then a command that must succeed
  name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name" >&2; failed=$((failed + 1)); fi
}
has() { printf '%s' "$out" | grep -qF -- "$1"; }
py=$(command -v python3 || true)
unset COLUMNS # tables as wide as their text: the checks below match whole lines
LC_ALL=C; export LC_ALL

out=$("$iscg" funding); status=$?
check "funding exits 0" [ $status -eq 0 ]
check "funding: Osartis 4 666 €" has "$(eur '4 666')"
check "funding: CCSA's remainder 14 670 €" has "$(eur '14 670')"
check "funding: Le Portel's Departement 20 414 €" has "$(eur '20 414')"
out=$("$iscg" funding --format csv); status=$?
check "funding csv exits 0" [ $status -eq 0 ]
check "funding csv: plain amounts" has ",14670.00,14670.00,"
check "funding csv: header" has "post,carrier,convention,period,funder,funder_kind,side,amount,stated,note"
if [ -n "$py" ]; then
  check "funding csv parses: 10 columns, then the totals" "$py" -c 'import csv,sys; rows=list(csv.reader(sys.stdin)); b=rows.index([]); assert b > 30 and all(len(r) == 10 for r in rows[:b]) and rows[b+1] == ["funder_kind", "amount"]' <<EOF2
$out
EOF2
  out=$("$iscg" funding --format json)
  check "funding json parses" "$py" -c 'import json,sys; d=json.load(sys.stdin); assert "funding" in d and "totals" in d; assert any(r["amount"] == "14670.00" for r in d["funding"])' <<EOF2
$out
EOF2
fi

out=$("$iscg" budget); status=$?
check "budget exits 0" [ $status -eq 0 ]
check "budget: proposed 123 687 €" has "$(eur '123 687')"
check "budget: balance 26 113 €" has "$(eur '26 113')"

out=$("$iscg" audit); status=$?
check "audit exits 1 on findings" [ $status -eq 1 ]
check "audit: 6 discrepancies" has "Audit: 6 discrepancies"
check "audit: Calais-Saint-Omer" has "calais-stomer-2023"
check "audit: Le Portel's drift" has "le-portel-2023"
check "audit: Bethune's unequal thirds" has "UNEQUAL"
check "audit: explanations" has "[SPLIT-4]"
if [ -n "$py" ]; then
  out=$("$iscg" audit --format json)
  check "audit json parses, with explanations" "$py" -c 'import json,sys; d=json.load(sys.stdin)["findings"]; assert len(d) == 6 and all(f["explanation"] for f in d)' <<EOF2
$out
EOF2
fi

out=$("$iscg" receivables --year 2022 --carrier dept); status=$?
check "receivables exits 0" [ $status -eq 0 ]
check "receivables: Boulogne absent from June, 8 352 €" has "$(eur '8 352')"

out=$("$iscg" explain isg-osartis); status=$?
check "explain exits 0" [ $status -eq 0 ]
check "explain: the prorata" has "x 1/3 (MONTHS_WHOLE over 2023-09-01..2023-12-31), DOWN to the euro"
out=$("$iscg" explain nowhere 2>&1); status=$?
check "explain: unknown post is an error" [ $status -eq 2 ]
check "explain: names the post" has "post nowhere is not known"

out=$("$iscg" stats); status=$?
check "stats exits 0" [ $status -eq 0 ]
check "stats: 2 731 referrals" has "2731"
check "stats: weighted VIF 64.03" has "64.03"
check "stats: not reported listed" has "not reported"
out=$("$iscg" stats --by all --suppress 10 --format markdown); status=$?
check "stats --suppress exits 0" [ $status -eq 0 ]
check "stats --suppress: lists what it hid" has "Suppressed cells (threshold 10)"

out=$("$iscg" calendar --date 2023-09-01 --days 122); status=$?
check "calendar exits 0" [ $status -eq 0 ]
check "calendar: Osartis and the others expire" has "osartis-2023"
check "calendar: Ternois denunciation by 2023-09-30" has "2023-09-30  DENUNCIATION"

# AMD-1: an amendment extends vallee-2024 to 2025-06-30: it expires then, not on its recorded end
sed 's|"amendments": \[|"amendments": [ {"from": "2024-10-01", "end": "2025-06-30"},|' \
  "$top_srcdir/data/examples/amended-mid-year.json" >"${TMPDIR:-/tmp}/iscg-cli-amended.$$.json"
out=$("$iscg" calendar -d "${TMPDIR:-/tmp}/iscg-cli-amended.$$.json" --date 2025-06-01 --days 60 -f csv); status=$?
rm -f "${TMPDIR:-/tmp}/iscg-cli-amended.$$.json"
check "calendar: an amended convention exits 0" [ $status -eq 0 ]
check "calendar: it expires on its new end" has "2025-06-30,EXPIRY,vallee-2024"
check "calendar: listed as expiring on its new end" has "vallee-2024,isc-vallee,2025-06-30"

out=$("$iscg" validate "$top_srcdir/data/pas-de-calais-2023.json"); status=$?
check "validate the shipped dataset" [ $status -eq 0 ]
check "validate: counts" has "14 posts"
for f in "$data"/broken-*.json; do
  want=$(sed -n 's/.*"x-expect": "\(.*\)".*/\1/p' "$f" | head -n 1)
  out=$("$iscg" validate "$f" 2>&1); status=$?
  check "validate $(basename "$f") fails" [ $status -eq 1 ]
  check "validate $(basename "$f"): $want" has "$want"
done
# validate reads its file once: a pipe gives its content once, and a second
# open would wait for a writer that never comes (stopped by the timeout)
tmpd=$(mktemp -d)
mkfifo "$tmpd/fifo"
cat "$top_srcdir/data/pas-de-calais-2023.json" > "$tmpd/fifo" &
writer=$!
out=$(timeout 60 "$iscg" validate "$tmpd/fifo" 2>&1); status=$?
check "validate a pipe: valid, read once" [ $status -eq 0 ]
check "validate a pipe: counts" has "14 posts"
kill $writer 2>/dev/null # only if validate never opened the pipe
wait $writer 2>/dev/null
rm -rf "$tmpd"
# bounded reads: a size limit, NUL bytes, /dev/zero
out=$("$iscg" validate --max-size 1K "$top_srcdir/data/pas-de-calais-2023.json" 2>&1); status=$?
check "validate --max-size 1K fails" [ $status -eq 1 ]
check "validate --max-size: the limit" has "larger than the limit of 1024 bytes"
out=$("$iscg" validate --max-size 1M "$top_srcdir/data/pas-de-calais-2023.json" 2>&1); status=$?
check "validate --max-size 1M passes" [ $status -eq 0 ]
out=$("$iscg" funding --max-size 0 2>&1); status=$?
check "--max-size 0 is a usage error" [ $status -eq 2 ]
check "--max-size 0 is explained" has "--max-size 0 is not a size"
out=$("$iscg" validate /dev/zero 2>&1); status=$?
check "validate /dev/zero fails at once" [ $status -eq 1 ]
check "validate /dev/zero: a NUL byte" has "/dev/zero:1:1: a NUL byte"
out=$("$iscg" funding -d /dev/zero 2>&1); status=$?
check "funding -d /dev/zero stops with status 2" [ $status -eq 2 ]
out=$("$iscg" funding -d / --max-size 1G 2>&1); status=$?
check "a directory gives its reason" has "/: cannot be read as a dataset: Is a directory"

out=$("$iscg" funding -d "$data/broken-date.json" 2>&1); status=$?
check "a broken -d file stops with status 2" [ $status -eq 2 ]

# the year's funding: each convention's part of the year (PRO-3), not its
# whole period under the year's heading; the whole periods on demand
out=$("$iscg" funding --year 2022 --format csv); status=$?
check "funding --year 2022 exits 0" [ $status -eq 0 ]
check "funding 2022: Bethune's days of 2022" has ",bethune-2023,2022-12-03..2022-12-31,"
check "funding 2022: not its whole period" sh -c '! printf "%s" "$1" | grep -q "2022-12-03..2023-12-02"' - "$out"
out=$("$iscg" funding); status=$?
check "funding: the latest year of the conventions by default" has "each convention's part of 2023"
out=$("$iscg" funding --whole --format csv); status=$?
check "funding --whole: Le Portel over its whole period, stated beside" has ",le-portel-2023,2023-01-05..2024-01-04,Département du Pas-de-Calais,DEPARTEMENT,Département,20414.00,20414.00,"
# a total that does not fit in 64-bit cents stops the command (it used to
# print a wrong total and exit 0)
out=$("$iscg" funding -d "$top_srcdir/tests/datasets/overflow-totals.json" 2>&1); status=$?
check "funding: an overflowing total exits 2" [ $status -eq 2 ]
check "funding: the overflow is named" has "the total paid by funders of kind STATE overflows"
# stats: the latest year reported, not the first record's
out=$("$iscg" stats -d "$top_srcdir/tests/datasets/activity-two-years.json"); status=$?
check "stats: the latest year by default" has "Activity 2022 by post"
# a year with no data says so and exits 1, in every subcommand that takes one
for c in funding receivables budget stats "explain isg-osartis"; do
  out=$("$iscg" $c --year 2019 2>&1 >/dev/null); status=$?
  check "$c --year 2019 exits 1" [ $status -eq 1 ]
  check "$c --year 2019 says so" has "2019"
done
# an unknown identifier exits 2 everywhere
out=$("$iscg" receivables --carrier nobody 2>&1); status=$?
check "receivables: an unknown carrier exits 2" [ $status -eq 2 ]
check "receivables: names it" has "nobody"
# RCV-4: a convention that cannot be claimed is a line and exits 1, whatever
# the length of its identifier (once "not found": it was cut to fit a report)
out=$("$iscg" receivables --year 2023 --format csv \
  -d "$top_srcdir/fuzz/corpus/dataset/finding-long-convention-id.json" 2>&1); status=$?
check "receivables: a convention that cannot be claimed exits 1" [ $status -eq 1 ]
check "receivables: its line names it in full" has "cabbalr-isg-2QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ023,"
check "receivables: and says why" has "all 1 weights are zero"
# the identifiers options take
out=$("$iscg" list parties); status=$?
check "list parties exits 0" [ $status -eq 0 ]
check "list parties: the State" has "etat"
check "list parties: the names" has "Département du Pas-de-Calais"
out=$("$iscg" list posts --format csv); status=$?
check "list posts: id, kind, label, carrier" has "isg-osartis,ISG,"
out=$("$iscg" list conventions --format csv); status=$?
check "list conventions" has "le-portel-2023,2023-01-05..2024-01-04,"
out=$("$iscg" list lines --format csv); status=$?
check "list lines" has "C02-421K01,2023,"
out=$("$iscg" list nonsense 2>&1); status=$?
check "list: an unknown list exits 2" [ $status -eq 2 ]
out=$("$iscg" list 2>&1); status=$?
check "list: needs what to list" [ $status -eq 2 ]

out=$("$iscg" nonsense 2>&1); status=$?
check "unknown command" [ $status -eq 2 ]
out=$("$iscg" funding --format xml 2>&1); status=$?
check "unknown format" [ $status -eq 2 ]
out=$("$iscg" funding --help); status=$?
check "per-command help" has "usage: iscg funding"

if [ -w /dev/full ]; then # a report that cannot be written is a failure
  out=$("$iscg" funding 2>&1 >/dev/full); status=$?
  check "a full disk stops with status 2" [ $status -eq 2 ]
  check "a full disk is reported" has "iscg: cannot write the report: No space left on device"
  out=$("$iscg" --version 2>&1 >/dev/full); status=$?
  check "so is a failed --version" [ $status -eq 2 ]
fi

echo "cli: $passed passed, $failed failed"
[ $failed -eq 0 ]
