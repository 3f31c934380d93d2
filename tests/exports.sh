#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The shared library exports exactly the functions the public headers declare,
# all under the iscg_ prefix: nothing private leaks, nothing public is missing.
set -eu
lib=$top_builddir/libiscg/.libs/libiscg.so
if [ ! -f "$lib" ]; then
  echo "exports: $lib not built (static-only build?); skipping" >&2
  exit 77
fi
tmp=${TMPDIR:-/tmp}/iscg-exports.$$
trap 'rm -f "$tmp".*' EXIT
${NM:-nm} -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sort -u >"$tmp.exported"
cat "$top_srcdir"/include/iscg/*.h "$top_builddir"/include/iscg/version.h 2>/dev/null |
  grep -o '\biscg_[a-z][a-z0-9_]*(' | tr -d '(' | sort -u >"$tmp.declared"
status=0
if grep -v '^iscg_[a-z]' "$tmp.exported"; then
  echo "exports: the symbols above do not carry the public prefix iscg_" >&2
  status=1
fi
if ! diff -u "$tmp.declared" "$tmp.exported"; then
  echo "exports: exported symbols differ from the functions the headers declare (- declared, + exported)" >&2
  status=1
fi
[ $status -eq 0 ] && echo "exports: $(wc -l <"$tmp.exported") symbols, all declared in include/iscg/"
exit $status
