#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# True names: the embedded dataset carries the documents' names with their
# accents, as UTF-8 in NFC; the command's tables pad by display width, so a
# name written with decomposed accents lines up like its composed form; a
# file that is not UTF-8 is refused with its line and column.
set -u
iscg="$top_builddir/tools/iscg"
json="$top_srcdir/data/pas-de-calais-2023.json"
failed=0 passed=0
check() { # name, then a command that must succeed
  name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name" >&2; failed=$((failed + 1)); fi
}
has() { printf '%s' "$out" | grep -qF -- "$1"; }
py=$(command -v python3 || true)
unset COLUMNS
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

out=$("$iscg" funding); status=$?
check "funding exits 0" [ $status -eq 0 ]
for name in "État (FIPD)" "Département du Pas-de-Calais" "CA Béthune-Bruay Artois Lys Romane" \
            "Communauté Urbaine d’Arras" "CC de la Région d’Audruicq" "CC des 7 Vallées" \
            "CC du Haut Pays en Montreuillois"; do
  check "funding names $name" has "$name"
done
out=$("$iscg" audit); status=$?
check "audit exits 1 (findings)" [ $status -eq 1 ]
check "audit quotes the report with its accents" has "tripartite et égalitaire"

if [ -n "$py" ]; then
  check "the dataset is UTF-8 in NFC" "$py" -c '
import sys, unicodedata
t = open(sys.argv[1], encoding="utf-8").read()
assert unicodedata.is_normalized("NFC", t)' "$json"
  # The same dataset with the Département's name decomposed (e + U+0301):
  # once its output is composed again, it must equal the original's, byte
  # for byte, which holds only if padding counts columns, not characters.
  "$py" -c '
import sys, unicodedata
t = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(t.replace("Département du Pas-de-Calais", unicodedata.normalize("NFD", "Département du Pas-de-Calais")))' \
    "$json" "$tmp/nfd.json"
  "$iscg" funding -d "$json" >"$tmp/nfc.out"
  "$iscg" funding -d "$tmp/nfd.json" >"$tmp/nfd.out"
  check "decomposed accents take no column" "$py" -c '
import sys, unicodedata
a = open(sys.argv[1], encoding="utf-8").read()
b = open(sys.argv[2], encoding="utf-8").read()
assert a != b and unicodedata.normalize("NFC", b) == a' "$tmp/nfc.out" "$tmp/nfd.out"
  "$py" -c '
import sys
t = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(t.replace(b"CA du Boulonnais", b"CA du Boulonnais \xff", 1))' "$json" "$tmp/latin.json"
  out=$("$iscg" validate "$tmp/latin.json" 2>&1); status=$?
  check "a byte that is not UTF-8 is refused" [ $status -eq 1 ]
  check "with its line and column" has "latin.json:17:"
fi

echo "names: $passed passed, $failed failed"
[ $failed -eq 0 ]
