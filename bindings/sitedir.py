# SPDX-License-Identifier: Apache-2.0
"""Prints where a Python package goes under a prefix, relative to it: a
directory the running interpreter searches (site.getsitepackages(); on
Debian, lib/python3.X/dist-packages for /usr/local), or, for a prefix it
does not search (a staging directory, /opt/...), the "posix_prefix" layout
(lib/python3.X/site-packages), to be put on PYTHONPATH.

Usage: python3 sitedir.py PREFIX (configure runs it)."""

import site
import sys
import sysconfig


def main(argv):
    prefix = argv[1].rstrip("/")
    found = [d for d in site.getsitepackages() if d.startswith(prefix + "/")]
    path = found[0] if found else sysconfig.get_path("purelib", "posix_prefix",
                                                     vars={"base": prefix, "platbase": prefix})
    print(path[len(prefix):].lstrip("/"))


if __name__ == "__main__":
    main(sys.argv)
