#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The Python tests of the bindings (tests/python/, pytest), run by the
# configured interpreter against the module built in this tree: the package
# from the sources, the extension module from bindings/.libs, libiscg from
# libiscg/.libs (libtool --mode=execute sets the library path).
set -u
: "${PYTHON:=python3}" "${LIBTOOL:=libtool}"
if ! "$PYTHON" -c 'import pytest' >/dev/null 2>&1; then
  echo "python: pytest is not available to $PYTHON (Debian: python3-pytest); skipping" >&2
  exit 77
fi
builddir=$(cd "$top_builddir" && pwd) && srcdir=$(cd "$top_srcdir" && pwd) || exit 1
PYTHONPATH="$builddir/bindings/.libs:$srcdir/bindings${PYTHONPATH:+:$PYTHONPATH}"
# nothing is written into the source tree, which distcheck makes read-only
PYTHONDONTWRITEBYTECODE=1
export PYTHONPATH PYTHONDONTWRITEBYTECODE
exec $LIBTOOL --mode=execute -dlopen "$builddir/libiscg/libiscg.la" \
  "$PYTHON" -m pytest -q -p no:cacheprovider "$srcdir/tests/python"
