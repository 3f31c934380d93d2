#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The example notebook runs from top to bottom against the module built in
# this tree: jupyter nbconvert --execute fails if any cell raises. Skipped
# when nbconvert, ipykernel, pandas or matplotlib are not installed (Debian:
# jupyter-nbconvert python3-ipykernel python3-pandas python3-matplotlib).
set -u
: "${PYTHON:=python3}" "${LIBTOOL:=libtool}"
if ! "$PYTHON" -c 'import nbconvert, ipykernel, pandas, matplotlib' >/dev/null 2>&1; then
  echo "notebook: nbconvert, ipykernel, pandas or matplotlib is not available to $PYTHON; skipping" >&2
  exit 77
fi
builddir=$(cd "$top_builddir" && pwd) && srcdir=$(cd "$top_srcdir" && pwd) || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/iscg-notebook.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
# The kernel inherits this environment; Jupyter and matplotlib keep their
# state in the temporary directory, not in the home or the source tree.
PYTHONPATH="$builddir/bindings/.libs:$srcdir/bindings${PYTHONPATH:+:$PYTHONPATH}"
PYTHONDONTWRITEBYTECODE=1 MPLCONFIGDIR="$tmp/matplotlib" PYDEVD_DISABLE_FILE_VALIDATION=1
JUPYTER_RUNTIME_DIR="$tmp/runtime" JUPYTER_DATA_DIR="$tmp/data" IPYTHONDIR="$tmp/ipython"
export PYTHONPATH PYTHONDONTWRITEBYTECODE PYDEVD_DISABLE_FILE_VALIDATION MPLCONFIGDIR JUPYTER_RUNTIME_DIR JUPYTER_DATA_DIR IPYTHONDIR
$LIBTOOL --mode=execute -dlopen "$builddir/libiscg/libiscg.la" \
  "$PYTHON" -m jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 \
  --output-dir "$tmp" --output executed "$srcdir/examples/pas-de-calais-2023.ipynb" || exit 1
echo "notebook: examples/pas-de-calais-2023.ipynb ran without error"
