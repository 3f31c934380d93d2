# SPDX-License-Identifier: Apache-2.0
# Sourced by the command's tests that run it in French: makes the
# fr_FR.UTF-8 locale and the French catalogue available without installing
# anything. The catalogue is compiled from po/fr.po into DIR/locale and
# given to the command by ISCG_LOCALEDIR; when the system lacks the locale,
# it is built by localedef into DIR/locales (LOCPATH). fr_setup DIR returns
# 1 with the reason in $why when neither can be done.
fr_setup() {
  why=
  mkdir -p "$1/locale/fr/LC_MESSAGES" || { why="cannot create $1"; return 1; }
  mo="$1/locale/fr/LC_MESSAGES/libiscg.mo"
  if command -v msgfmt >/dev/null 2>&1; then
    msgfmt -o "$mo" "$top_srcdir/po/fr.po" || { why="msgfmt cannot compile po/fr.po"; return 1; }
  elif [ -f "$top_builddir/po/fr.gmo" ]; then
    cp "$top_builddir/po/fr.gmo" "$mo"
  elif [ -f "$top_srcdir/po/fr.gmo" ]; then
    cp "$top_srcdir/po/fr.gmo" "$mo"
  else
    why="no msgfmt (Debian: gettext) and no compiled po/fr.gmo"; return 1
  fi
  ISCG_LOCALEDIR="$1/locale"; export ISCG_LOCALEDIR
  if ! locale -a 2>/dev/null | grep -qix 'fr_FR\.utf-\{0,1\}8'; then
    mkdir -p "$1/locales"
    if ! localedef -i fr_FR -f UTF-8 "$1/locales/fr_FR.UTF-8" >/dev/null 2>&1; then
      why="the fr_FR.UTF-8 locale is not installed and localedef cannot build it (Debian: locales)"
      return 1
    fi
    LOCPATH="$1/locales"; export LOCPATH
  fi
  unset LANGUAGE LC_ALL LC_MESSAGES LC_NUMERIC
  return 0
}
