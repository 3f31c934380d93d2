# SPDX-License-Identifier: Apache-2.0
"""Builds the extension module iscg._iscg for pip (pyproject.toml holds the
rest of the package's description).

SWIG writes the wrapper from bindings/iscg.i and the public headers, as the
Makefile does, into the build directory (never into the sources). The
wrapper is linked against:
  - the libiscg that pkg-config finds, when its version is this tree's;
  - otherwise the library of this tree, compiled into the extension from
    libiscg/*.c (its generated files, include/iscg/version.h and the
    embedded dataset, are written into the build directory), with jansson
    found by pkg-config.
ISCG_LIBISCG=pkg-config or ISCG_LIBISCG=tree forces one of the two.
"""

import glob
import os
import re
import shutil
import subprocess

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))


def package_version():
    """The library's version, from AC_INIT in configure.ac."""
    with open(os.path.join(HERE, "configure.ac"), encoding="utf-8") as f:
        found = re.search(r"AC_INIT\(\[libiscg\],\s*\[([0-9]+)\.([0-9]+)\.([0-9]+)\]", f.read())
    if not found:
        raise SystemExit("setup.py: configure.ac has no AC_INIT([libiscg], [MAJOR.MINOR.PATCH])")
    return found.groups()


VERSION = package_version()


def pkg_config(*args):
    """pkg-config's output split into words, or None when it fails."""
    try:
        out = subprocess.run(["pkg-config", *args], check=True, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, universal_newlines=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.split()


def flags(words, prefix):
    return [w[len(prefix):] for w in words if w.startswith(prefix)]


def write_if_changed(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except OSError:
        pass
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


class BuildExt(build_ext):
    """Runs SWIG and chooses the libiscg to link before building."""

    def build_extension(self, ext):
        tmp = os.path.abspath(self.build_temp)
        generated = os.path.join(tmp, "generated")
        include = [os.path.join(generated, "include"), os.path.join(HERE, "include"), os.path.join(HERE, "bindings")]
        sources = [os.path.join(HERE, "bindings", "iscg_py.c")]
        libraries, library_dirs, extra = [], [], []

        mode = os.environ.get("ISCG_LIBISCG", "")
        version = ".".join(VERSION)
        if mode not in ("", "pkg-config", "tree"):
            raise SystemExit("setup.py: ISCG_LIBISCG is %r: pkg-config or tree is expected" % mode)
        installed = None
        # pkg-config prints nothing for a version check: flags come from a second call
        if mode != "tree" and pkg_config("--exact-version=" + version, "iscg") is not None:
            installed = pkg_config("--cflags", "--libs", "iscg")
        if installed is not None:
            print("setup.py: linking the libiscg %s that pkg-config finds" % version)
            # pkg-config leaves out -I/usr/include, which SWIG needs
            include = flags(installed, "-I") + pkg_config("--variable=includedir", "iscg") + \
                [os.path.join(HERE, "bindings")]
            libraries, library_dirs = flags(installed, "-l"), flags(installed, "-L")
            extra = [w for w in installed if not w.startswith(("-I", "-l", "-L"))]
        elif mode == "pkg-config":
            raise SystemExit("setup.py: pkg-config finds no libiscg %s (PKG_CONFIG_PATH?)" % version)
        else:
            print("setup.py: compiling the libiscg of this tree into the extension")
            self.write_generated(generated)
            sources += sorted(p for p in glob.glob(os.path.join(HERE, "libiscg", "*.c"))
                              if os.path.basename(p) != "embedded.c")
            sources.append(os.path.join(generated, "embedded.c"))
            jansson = pkg_config("--cflags", "--libs", "jansson") or ["-ljansson"]
            include += flags(jansson, "-I")
            libraries, library_dirs = flags(jansson, "-l"), flags(jansson, "-L")

        wrapper = os.path.join(generated, "iscg_wrap.c")
        self.run_swig(wrapper, include)
        ext.sources = [wrapper] + sources
        ext.include_dirs = include
        ext.libraries = libraries
        ext.library_dirs = library_dirs
        ext.extra_link_args = extra
        super().build_extension(ext)

    def write_generated(self, generated):
        """include/iscg/version.h and the embedded dataset, as configure and
        the Makefile write them."""
        with open(os.path.join(HERE, "include", "iscg", "version.h.in"), encoding="utf-8") as f:
            text = f.read()
        for name, value in (("ISCG_VERSION_MAJOR", VERSION[0]), ("ISCG_VERSION_MINOR", VERSION[1]),
                            ("ISCG_VERSION_PATCH", VERSION[2]), ("PACKAGE_VERSION", ".".join(VERSION))):
            text = text.replace("@%s@" % name, value)
        write_if_changed(os.path.join(generated, "include", "iscg", "version.h"), text)
        with open(os.path.join(HERE, "data", "pas-de-calais-2023.json"), "rb") as f:
            data = f.read()
        lines = ["/* Generated from data/pas-de-calais-2023.json: do not edit. */",
                 "extern const char iscg__embedded_json[];", "const char iscg__embedded_json[] = {"]
        lines += ["".join("0x%02x," % b for b in data[i:i + 16]) for i in range(0, len(data), 16)]
        lines.append("0x00};")
        write_if_changed(os.path.join(generated, "embedded.c"), "\n".join(lines) + "\n")

    def run_swig(self, wrapper, include):
        swig = shutil.which("swig4.0") or shutil.which("swig")
        if swig is None:
            raise SystemExit("setup.py: SWIG 4 is needed to build the extension module (Debian: swig)")
        outdir = os.path.dirname(wrapper)
        os.makedirs(outdir, exist_ok=True)
        command = [swig, "-python", "-builtin", "-doxygen"] + ["-I" + d for d in include] + \
            ["-outdir", outdir, "-o", wrapper, os.path.join(HERE, "bindings", "iscg.i")]
        self.spawn(command)


setup(
    version=".".join(VERSION),
    ext_modules=[Extension("iscg._iscg", sources=[])],
    cmdclass={"build_ext": BuildExt},
)
