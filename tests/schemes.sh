#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The example datasets of data/examples validate, and every iscg command
# runs on each (RULES.md section 10: SPLIT-7, PARTY-2, BUD-3, RCV-4, AMD-1).
set -eu
iscg="$top_builddir/tools/iscg"
dir="$top_srcdir/data/examples"
nnbsp=$(printf '\342\200\257') # U+202F, between thousands
nbsp=$(printf '\302\240')      # U+00A0, before the euro sign
fail() { echo "schemes: $*" >&2; exit 1; }

for name in state80-communautes state-departement-5050 caf-communes association-three-posts amended-mid-year; do
  file="$dir/$name.json"
  "$iscg" validate "$file" >/dev/null || fail "$name does not validate"
  post=$("$iscg" list posts -d "$file" -f csv | sed -n 2p | cut -d, -f1)
  for cmd in funding receivables budget audit stats calendar "list parties" "list conventions" "explain $post"; do
    # shellcheck disable=SC2086 # the command and its argument are two words
    "$iscg" $cmd -d "$file" >/dev/null 2>&1 || fail "iscg $cmd -d $name.json exits with $?"
  done
  "$iscg" funding -d "$file" -f json >/dev/null || fail "iscg funding -f json on $name"
done

expect() { # FILE COMMAND PATTERN
  out=$("$iscg" $2 -d "$dir/$1.json")
  echo "$out" | grep -q "$3" || { echo "$out" >&2; fail "$1, iscg $2: expected a line matching: $3"; }
}
expect state80-communautes funding "CC des Trois Vallées .* 3${nnbsp}667${nbsp}€"
expect state80-communautes funding "^EPCI  *9${nnbsp}000${nbsp}€"
expect state-departement-5050 receivables "Etat (FIPD) .* 366 .* 30 .* 18${nnbsp}361,11${nbsp}€"
expect caf-communes funding "^CAF  *9${nnbsp}600${nbsp}€"
expect caf-communes funding "^COMMUNE  *13${nnbsp}400${nbsp}€"
expect caf-communes funding "^REGION  *2${nnbsp}000${nbsp}€"
expect caf-communes budget "Ville-sur-Mer  *8${nnbsp}000${nbsp}€"
# SPLIT-8: each post's part of each funder's share, 2/1/1
expect association-three-posts funding "^ISC Nord (full time)  *asso-2024  *Département .* 42${nnbsp}001${nbsp}€  *21${nnbsp}001${nbsp}€"
expect association-three-posts funding "^ISG Est (half time)  *asso-2024  *Etat (FIPD) .* 7${nnbsp}000${nbsp}€"
expect association-three-posts receivables "asso-2024  *isc-sud  *Département .* 12  *1  *9${nnbsp}625${nbsp}€"
expect association-three-posts "list conventions" "asso-2024 .* isc-nord, isc-sud, isg-est$"
expect association-three-posts "explain isg-est" "for post isg-est: 10${nnbsp}500${nbsp}€"
# SPLIT-8: validate refuses a grant whose fixed amounts miss the cost, with the file's line and column
bad=${TMPDIR:-/tmp}/iscg-schemes.$$.json
trap 'rm -f "$bad"' EXIT
sed 's/"post_split": "WEIGHTS"/"post_split": "FIXED"/' "$dir/association-three-posts.json" >"$bad"
if out=$("$iscg" validate "$bad" 2>&1); then fail "a grant of fixed amounts off its cost validates"; fi
echo "$out" | grep -q "iscg-schemes.$$.json:[0-9][0-9]*:[0-9][0-9]*: .*fixed amounts per post (0,04.*fall short of the cost (70${nnbsp}001${nbsp}€)" ||
  { echo "$out" >&2; fail "validate does not say where the fixed amounts miss the cost"; }
# AMD-1: the amended convention's rows add its two segments up
expect amended-mid-year funding "Département .* EPCI .* 4${nnbsp}500,10${nbsp}€ .*replaces cc-vallee"
expect amended-mid-year funding "^DEPARTEMENT  *17${nnbsp}250,25${nbsp}€"
expect amended-mid-year "explain isc-vallee" "segment 2024-07-01..2024-12-31: cost 22${nnbsp}500,50${nbsp}€"
expect amended-mid-year budget "EX-VIF-2024 .* 17${nnbsp}250,25${nbsp}€"
echo "schemes: every example validates and computes"
