#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Spreadsheets: CSV with every table of the report, in the locale's form
# (";" and "14670,00" in French, "," and "14670.00" elsewhere, or as asked),
# with a byte order mark on demand, read back by Python's csv; and xlsx
# workbooks read back by openpyxl, whose numbers must equal the CSV's.
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
if [ -z "$py" ] || ! "$py" -c 'import openpyxl' >/dev/null 2>&1; then
  echo "spreadsheet: openpyxl is not available to ${py:-python3} (Debian: python3-openpyxl); skipping" >&2
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset COLUMNS LANGUAGE LC_ALL LC_NUMERIC LC_MESSAGES
export LANG=C.UTF-8

# CSV holds every table of the report, an empty line between them
"$iscg" funding --format csv >"$tmp/funding.csv"; status=$?
check "funding csv exits 0" [ $status -eq 0 ]
check "funding csv: the funding and the totals, amounts with a point" "$py" - "$tmp/funding.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
blank = rows.index([])
funding, totals = rows[:blank], rows[blank + 1:]
assert funding[0][:2] == ["post", "carrier"] and all(len(r) == 10 for r in funding), funding[0]
assert totals[0] == ["funder_kind", "amount"], totals[0]
kinds = {r[0]: r[1] for r in totals[1:]}
assert kinds["STATE"] == "181077.00" and kinds["DEPARTEMENT"] == "182992.00", kinds
# the totals are the sums of the rows (SPLIT-1): in cents, exactly
for kind, total in kinds.items():
    cents = sum(int(r[7].replace(".", "")) for r in funding[1:] if r[5] == kind and r[7])
    assert cents == int(total.replace(".", "")), (kind, cents, total)
PY
# the budget's two tables (BUD-1): ";" and decimal commas, with a BOM
"$iscg" budget --format csv --csv-separator ';' --decimal-comma --bom >"$tmp/budget.csv"; status=$?
check "budget csv exits 0" [ $status -eq 0 ]
check "budget csv: BOM, ';', '26113,00', two tables" "$py" - "$tmp/budget.csv" <<'PY'
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), raw[:8]
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""), delimiter=";"))
blank = rows.index([])
lines, items = rows[:blank], rows[blank + 1:]
head = lines[0]
line = dict(zip(head, lines[1]))
assert line["balance"] == "26113,00" and line["proposed"] == "123687,00" and line["available"] == "149800,00", line
assert items[0] == ["operation", "convention", "carrier", "amount"], items[0]
# the proposal is the sum of the subsidies charged to the line (BUD-2)
assert sum(int(r[3].replace(",", "")) for r in items[1:]) == int(line["proposed"].replace(",", ""))
PY
# French locale: ";" and "," by default, French headers; --decimal-point and
# --csv-separator override them
if fr_setup "$tmp"; then
  out=$(LANG=fr_FR.UTF-8 "$iscg" budget --format csv); status=$?
  check "fr csv exits 0" [ $status -eq 0 ]
  check "fr csv: ';' and '26113,00' by default" has "Solde"
  check "fr csv: decimal comma" has ";26113,00;"
  out=$(LANG=fr_FR.UTF-8 "$iscg" budget --format csv --decimal-point --csv-separator ,)
  check "fr csv: --decimal-point and ','" has ",26113.00,"
else
  echo "spreadsheet: $why: the French defaults are not checked" >&2
fi
out=$("$iscg" budget --format csv --decimal-comma --csv-separator ,)
check "a comma in a field is quoted" has ',"26113,00",'
out=$("$iscg" budget --format csv --csv-separator tab)
check "--csv-separator tab" has "$(printf '\t26113.00\t')"
out=$("$iscg" budget --format csv --csv-separator ';;' 2>&1); status=$?
check "--csv-separator ';;' exits 2" [ $status -eq 2 ]
check "--csv-separator ';;' is explained" has "give one character"

# xlsx: one sheet per table, numbers as numbers, dates as dates, header frozen
for c in "funding" "budget" "audit" "stats" "receivables --year 2022" "calendar --date 2023-09-01 --days 122" \
         "explain isg-osartis" "list conventions"; do
  base=$(echo "$c" | cut -d' ' -f1)
  "$iscg" $c --format xlsx -o "$tmp/$base.xlsx"; status=$?
  check "$c xlsx exits as its report does" [ $status -le 1 ]
  "$iscg" $c --format csv --decimal-point --csv-separator , >"$tmp/$base.csv"
  check "$c xlsx equals its csv" "$py" - "$tmp/$base.xlsx" "$tmp/$base.csv" <<'PY'
import csv, datetime, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
tables, cur = [], []
for r in rows:
    if r == []:
        tables.append(cur); cur = []
    else:
        cur.append(r)
tables.append(cur)
assert len(wb.worksheets) == len(tables), (wb.sheetnames, len(tables))
for ws, t in zip(wb.worksheets, tables):
    assert ws.freeze_panes == "A2", ws.freeze_panes
    head = [c.value for c in ws[1]]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert len(values) == len(t) - 1, (ws.title, len(values), len(t))
    for c, name in enumerate(t[0]):
        # a period is two dates in the workbook
        x = head.index(name) if name in head else head.index(name + " (start)")
        for row, want in zip(values, (r[c] for r in t[1:])):
            got = row[x]
            if want == "":
                assert got is None, (ws.title, name, got)
            elif isinstance(got, datetime.datetime):
                end = row[x + 1] if head[x].endswith(" (start)") else None
                text = got.date().isoformat() + (".." + end.date().isoformat() if end else "")
                assert text == want, (ws.title, name, text, want)
            elif isinstance(got, (int, float)):
                # amounts: the number of euros whose cents the CSV gives
                assert round(got * 100) == round(float(want) * 100), (ws.title, name, got, want)
                cell = ws.cell(row=values.index(row) + 2, column=x + 1)
                if name in ("amount", "stated", "computed", "share", "credits", "balance"):
                    assert "€" in cell.number_format and "#,##0" in cell.number_format, cell.number_format
            else:
                assert got == want, (ws.title, name, got, want)
PY
done
check "funding xlsx: an amount is a number, a period two dates" "$py" - "$tmp/funding.xlsx" <<'PY'
import datetime, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["funding", "totals"], wb.sheetnames
ws = wb["funding"]
head = [c.value for c in ws[1]]
row = [c.value for c in ws[2]]
assert isinstance(row[head.index("amount")], (int, float))
assert isinstance(row[head.index("period (start)")], datetime.datetime)
totals = {r[0].value: r[1].value for r in wb["totals"].iter_rows(min_row=2)}
assert totals["STATE"] == 181077, totals
PY
if [ -n "${ISCG_LOCALEDIR:-}" ]; then
  LANG=fr_FR.UTF-8 "$iscg" budget --format xlsx -o "$tmp/fr.xlsx"
  check "fr xlsx: French sheets and headers" "$py" - "$tmp/fr.xlsx" <<'PY'
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["Budget", "Subventions"], wb.sheetnames
head = [c.value for c in wb["Budget"][1]]
assert "Solde" in head and "Crédits disponibles" in head, head
assert wb["Budget"].cell(row=2, column=head.index("Solde") + 1).value == 26113
PY
  LANG=fr_FR.UTF-8 "$iscg" list lines --format xlsx -o "$tmp/fr-lines.xlsx"
  check "fr xlsx: a list's sheet" "$py" -c 'import openpyxl, sys; assert openpyxl.load_workbook(sys.argv[1]).sheetnames == ["Lignes budgétaires"]' "$tmp/fr-lines.xlsx"
fi
out=$("$iscg" funding --format xlsx 2>&1); status=$?
check "xlsx without -o exits 2" [ $status -eq 2 ]
check "xlsx without -o is explained" has "-o FILE"
out=$("$iscg" funding --format xlsx -o "$tmp/no/such/dir/x.xlsx" 2>&1); status=$?
check "an xlsx that cannot be written exits 2" [ $status -eq 2 ]
check "an xlsx that cannot be written names the file" has "$tmp/no/such/dir/x.xlsx"
# -o for the other formats
"$iscg" budget --format csv -o "$tmp/o.csv"; status=$?
check "-o FILE for csv" [ $status -eq 0 ]
check "-o FILE holds the report" grep -q "26113.00" "$tmp/o.csv"
out=$("$iscg" budget -o "$tmp/no/such/file" 2>&1); status=$?
check "-o into a missing folder exits 2" [ $status -eq 2 ]

echo "spreadsheet: $passed passed, $failed failed"
[ $failed -eq 0 ]
