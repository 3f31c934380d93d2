# SPDX-License-Identifier: Apache-2.0
"""The library's sentences in the caller's language: the extension binds
the "libiscg" text domain on import ($ISCG_LOCALEDIR, else the installed
catalogues), so that after locale.setlocale() an exception carries the
sentence of LC_MESSAGES, and the C locale keeps the English one. Each case
runs in a fresh interpreter, where the module is imported with the
catalogue compiled from po/fr.po; skipped only when the fr_FR.UTF-8 locale
is missing and cannot be built."""

import os
import shutil
import subprocess
import sys

import pytest

SRCDIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# the calls, each printing its exception's sentence (and its field, which
# is an identifier: the same in every language)
SCRIPT = r"""
import locale, sys
import iscg
locale.setlocale(locale.LC_ALL, sys.argv[1])
calls = [
    lambda: iscg.to_date("2023-02-30"),
    lambda: iscg.parse_money("12,3,4"),
    lambda: iscg.load(sys.argv[2]),
]
for call in calls:
    try:
        call()
    except iscg.Error as e:
        print("%s|%s" % (e.field, e))
"""

BAD = '{"format": "iscg-dataset", "version": 1,\n "parties": [{"id": "etat", "name": 3, "kind": "STATE"}]}\n'


def fr_locale(tmp):
    """The environment that gives fr_FR.UTF-8 to a child process, or None."""
    env = {}
    try:
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout
    except OSError:
        out = ""
    if not any(name.lower().replace("-", "") == "fr_fr.utf8" for name in out.split()):
        if not shutil.which("localedef"):
            return None
        locales = os.path.join(tmp, "locales")
        os.makedirs(locales)
        built = subprocess.run(["localedef", "-i", "fr_FR", "-f", "UTF-8", os.path.join(locales, "fr_FR.UTF-8")],
                               capture_output=True, check=False)
        if built.returncode != 0:
            return None
        env["LOCPATH"] = locales
    return env


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp = str(tmp_path_factory.mktemp("french"))
    env = fr_locale(tmp)
    if env is None:
        pytest.skip("the fr_FR.UTF-8 locale is not installed and localedef cannot build it")
    messages = os.path.join(tmp, "locale", "fr", "LC_MESSAGES")
    os.makedirs(messages)
    if not shutil.which("msgfmt"):
        pytest.skip("no msgfmt (Debian: gettext) to compile po/fr.po")
    subprocess.run(["msgfmt", "-o", os.path.join(messages, "libiscg.mo"), os.path.join(SRCDIR, "po", "fr.po")],
                   check=True)
    bad = os.path.join(tmp, "bad.json")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(BAD)
    base = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    base.update(env, ISCG_LOCALEDIR=os.path.join(tmp, "locale"))

    def run(name):
        out = subprocess.run([sys.executable, "-c", SCRIPT, name, bad], env=base, capture_output=True,
                             encoding="utf-8", check=True).stdout
        return out.splitlines(), bad
    return run


def test_french_sentences(run):
    lines, bad = run("fr_FR.UTF-8")
    assert lines == [
        "date|2023-02-30 n’est pas une date",
        "amount|« 12,3,4 » n’est pas un montant : caractère inattendu (colonne 5)",
        "parties[0].name|%s:2:37: parties[0].name: attendu : une chaîne ; trouvé : un entier" % bad,
    ]


def test_english_in_the_c_locale(run):
    lines, bad = run("C.UTF-8")
    assert lines == [
        "date|2023-02-30 is not a date",
        "amount|\"12,3,4\" is not an amount: unexpected character (column 5)",
        "parties[0].name|%s:2:37: parties[0].name: a string was expected, found an integer" % bad,
    ]
