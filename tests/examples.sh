#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The example programs run and print the documents' figures.
set -eu
nnbsp=$(printf '\342\200\257') # U+202F, between thousands
nbsp=$(printf '\302\240')      # U+00A0, before the euro sign
out=$("$top_builddir"/examples/osartis)
echo "$out"
check() {
  echo "$out" | grep -q "$1" || { echo "examples: expected a line matching: $1" >&2; exit 1; }
}
check "MONTHS_WHOLE .*fraction 1/3: FIPD 4${nnbsp}666${nbsp}€, Departement 4${nnbsp}666${nbsp}€, CC Osartis Marquion (remainder) 4${nnbsp}668${nbsp}€"
check "ACT_365F .*fraction 122/365: FIPD 4${nnbsp}679${nbsp}€"
