#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The command in French and in English: LANG=fr_FR.UTF-8 gives French
# headers, titles, messages, help and the library's error sentences, any
# other locale English; amounts keep the French form (14 333 €) in both, and
# the figures do not change.
set -u
iscg="$top_builddir/tools/iscg"
. "$top_srcdir/tests/locale.sh"
failed=0 passed=0
check() { # name, then a command that must succeed
  name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name" >&2; failed=$((failed + 1)); fi
}
has() { printf '%s' "$out" | grep -qF -- "$1"; }
hasnt() { ! printf '%s' "$out" | grep -qF -- "$1"; }
nnbsp=$(printf '\342\200\257') nbsp=$(printf '\302\240')
eur() { printf '%s\n' "$1" | sed "s/ /$nnbsp/g; s/\$/$nbsp€/"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset COLUMNS
if ! fr_setup "$tmp"; then
  echo "i18n: $why; skipping" >&2
  exit 77
fi
fr() { LANG=fr_FR.UTF-8 "$iscg" "$@"; }
en() { LANG=C.UTF-8 "$iscg" "$@"; }

# budget (BUD-1, BUD-2): the same figures under French names
out=$(fr budget); status=$?
check "fr budget exits 0" [ $status -eq 0 ]
check "fr budget: Solde" has "Solde"
check "fr budget: Crédits disponibles" has "Crédits disponibles"
check "fr budget: title" has "Lignes budgétaires de 2023"
check "fr budget: the balance 26 113 €" has "$(eur '26 113')"
check "fr budget: no English header" hasnt "available"
out=$(en budget); status=$?
check "en budget exits 0" [ $status -eq 0 ]
check "en budget: balance" has "balance"
check "en budget: available" has "available"
check "en budget: the balance 26 113 €, French form" has "$(eur '26 113')"
check "en budget: no French" hasnt "Solde"

# funding (SPLIT-2, PRO-3)
out=$(fr funding); status=$?
check "fr funding exits 0" [ $status -eq 0 ]
check "fr funding: title" has "Financement des postes : la part de chaque convention en 2023"
check "fr funding: headers" has "Type de financeur"
check "fr funding: totals" has "Totaux par type de financeur, 2023"
check "fr funding: Osartis 4 666 €" has "$(eur '4 666')"
check "fr funding: CCSA's remainder 14 670 €" has "$(eur '14 670')"
out=$(en funding); status=$?
check "en funding: title" has "Funding of the posts: each convention's part of 2023"
check "en funding: CCSA's remainder 14 670 €" has "$(eur '14 670')"
# the side that pays the remainder (SPLIT-2) is the documents' reste à charge
out=$(fr funding --format csv)
check "fr funding: Reste à charge (SPLIT-2)" has ";14670,00;14670,00;Reste à charge"
out=$(en funding --format csv)
check "en funding: remainder (SPLIT-2)" has ",14670.00,14670.00,remainder"
out=$(fr explain isg-osartis); status=$?
check "fr explain exits 0" [ $status -eq 0 ]
# the explanations are rendered in the reader's language (AUD-2, PRO-1,
# SPLIT-1, SPLIT-2): the same figures, the documents' words
check "fr explain: the plan" has "convention osartis-2023 (CP2023 annex 13, art. 6), 2023-09-01..2023-12-31 : coût $(eur '14 000'), prorata temporis du coût annuel de $(eur '42 000')"
check "fr explain: the prorata (PRO-1)" has "[PRO-1] $(eur '4 666') = $(eur '14 000') x 1/3 (MONTHS_WHOLE sur 2023-09-01..2023-12-31), arrondi DOWN à l’euro"
check "fr explain: the reste à charge (SPLIT-2)" has "volet Carrier : $(eur '14 000') = $(eur '42 000') moins les autres quotes-parts (le reste à charge)"
check "fr explain: the payer (SPLIT-1)" has "[SPLIT-1] CC Osartis Marquion finance le volet Carrier : $(eur '4 668')"
check "fr explain: no English" hasnt " pays side "
out=$(en explain isg-osartis); status=$?
check "en explain exits 0" [ $status -eq 0 ]
check "en explain: the plan" has "convention osartis-2023 (CP2023 annex 13, art. 6), 2023-09-01..2023-12-31: cost $(eur '14 000'), prorated from the annual $(eur '42 000')"
check "en explain: the prorata (PRO-1)" has "[PRO-1] $(eur '4 666') = $(eur '14 000') x 1/3 (MONTHS_WHOLE over 2023-09-01..2023-12-31), DOWN to the euro"
check "en explain: the remainder (SPLIT-2)" has "side Carrier: $(eur '14 000') = $(eur '42 000') minus the other shares (le reste à charge)"
check "en explain: no French" hasnt "volet"

# receivables (RCV-1, RCV-3)
out=$(fr receivables --year 2022 --carrier dept); status=$?
check "fr receivables exits 0" [ $status -eq 0 ]
check "fr receivables: title" has "Titres de recettes de 2022"
check "fr receivables: Débiteur" has "Débiteur"
check "fr receivables: Boulogne 8 352 €" has "$(eur '8 352')"
out=$(en receivables --year 2022 --carrier dept); status=$?
check "en receivables: debtor" has "debtor"
check "en receivables: Boulogne 8 352 €" has "$(eur '8 352')"

# audit (AUD-1, AUD-2)
out=$(fr audit); status=$?
check "fr audit exits 1 (findings)" [ $status -eq 1 ]
check "fr audit: 6 écarts" has "Audit : 6 écarts entre montants indiqués et calculés"
check "fr audit: Explications" has "Explications"
check "fr audit: the rule of each" has "[SPLIT-4]"
# a finding's explanation (SPLIT-4, SPLIT-5): the drift of le-portel-2023
check "fr audit: the equal split explained" has "(2) [SPLIT-1] volet EPCI : $(eur '19 348') = une part égale sur 3 de $(eur '58 044'), arrondi DOWN à l’euro, reliquat NONE"
check "fr audit: a share explained" has "[SPLIT-4] CA du Boulonnais : $(eur '6 449') = $(eur '19 348') x 1/3, arrondi DOWN à l’euro, reliquat NONE"
check "fr audit: the drift explained" has "[SPLIT-5] écart d’arrondi : $(eur '1') du volet EPCI n’est pas réparti"
out=$(fr audit --format json)
check "fr audit: a finding's sentence in French" has "dit le plan à parts égales"
check "fr audit: a difference in French" has "un écart de $(eur '6')"
out=$(en audit --format json)
check "en audit: a finding's sentence in English" has "calls the plan equal"
check "en audit: a difference in English" has "a difference of $(eur '6')"
out=$(en audit); status=$?
check "en audit exits 1" [ $status -eq 1 ]
check "en audit: 6 discrepancies" has "Audit: 6 discrepancies"
check "en audit: the equal split explained" has "(2) [SPLIT-1] side EPCI: $(eur '19 348') = an equal part of 3 of $(eur '58 044'), DOWN to the euro, remainder NONE"
check "en audit: the drift explained" has "[SPLIT-5] drift: $(eur '1') of side EPCI is not allocated"
check "en audit: no French explanation" hasnt "écart d’arrondi"

# stats (STAT-1..STAT-4)
out=$(fr stats); status=$?
check "fr stats exits 0" [ $status -eq 0 ]
check "fr stats: title" has "Activité 2022 par poste"
check "fr stats: Orientations" has "Orientations"
check "fr stats: 2 731 referrals" has "2731"
check "fr stats: VIF 64.03" has "64.03"
check "fr stats: non transmis" has "non transmis"
out=$(en stats); status=$?
check "en stats: title" has "Activity 2022 by post"
check "en stats: referrals" has "referrals"
check "en stats: not reported" has "not reported"

# list
out=$(fr list parties); status=$?
check "fr list exits 0" [ $status -eq 0 ]
check "fr list: title" has "Les parties du jeu de données"
check "fr list: Identifiant" has "Identifiant"
check "fr list: the true names" has "Département du Pas-de-Calais"
out=$(en list parties); status=$?
check "en list: title" has "The parties of the dataset"

# messages and help
out=$(fr funding --year 2019 2>&1); status=$?
check "fr: a year without data exits 1" [ $status -eq 1 ]
check "fr: says so in French" has "pas de convention en vigueur en 2019 dans ce jeu de données"
out=$(en funding --year 2019 2>&1)
check "en: says so in English" has "no convention in force in 2019 in this dataset"
out=$(fr nonsense 2>&1); status=$?
check "fr: unknown command exits 2" [ $status -eq 2 ]
check "fr: unknown command in French" has "commande inconnue « nonsense »"
out=$(fr --help)
check "fr --help" has "Options de sortie"
out=$(fr funding --help)
check "fr funding --help" has "usage : iscg funding"
out=$(en --help)
check "en --help" has "Output options"
# JSON keys are an interface: the same in every language
out=$(fr budget --format json)
check "fr json keys stay" has '"balance": "26113.00"'
# a locale the catalogue does not have: English
out=$(LANG=de_DE.UTF-8 "$iscg" budget 2>/dev/null)
check "another locale: English" has "balance"

# the library's error sentences: the caller's language, the same place
# (file:line:column: path) in both, and the identifiers untranslated
bad="$tmp/bad.json"
printf '{"format": "iscg-dataset", "version": 1,\n "parties": [{"id": "etat", "name": 3, "kind": "STATE"}]}\n' >"$bad"
out=$(fr validate "$bad" 2>&1); status=$?
check "fr validate: a bad file exits 1" [ $status -eq 1 ]
check "fr validate: the sentence in French" has "$bad:2:37: parties[0].name: attendu : une chaîne ; trouvé : un entier"
check "fr validate: no English" hasnt "was expected"
out=$(en validate "$bad" 2>&1); status=$?
check "en validate: a bad file exits 1" [ $status -eq 1 ]
check "en validate: the sentence in English" has "$bad:2:37: parties[0].name: a string was expected, found an integer"
out=$(fr funding --data "$bad" 2>&1); status=$?
check "fr funding: a load error exits 2" [ $status -eq 2 ]
check "fr funding: the load error in French" has "iscg: $bad:2:37: parties[0].name: attendu : une chaîne ; trouvé : un entier"
out=$(en funding --data "$bad" 2>&1)
check "en funding: the load error in English" has "$bad:2:37: parties[0].name: a string was expected, found an integer"
# a value that is not one of an enum's names: the names stay as they are
printf '{"format": "iscg-dataset", "version": 1,\n "parties": [{"id": "etat", "name": "État", "kind": "KING"}]}\n' >"$bad"
out=$(fr validate "$bad" 2>&1)
check "fr validate: not one of the names, in French" has "parties[0].kind: « KING » n’est pas l’une des valeurs STATE, DEPARTEMENT, EPCI"
out=$(en validate "$bad" 2>&1)
check "en validate: not one of the names, in English" has "parties[0].kind: \"KING\" is not one of STATE, DEPARTEMENT, EPCI"
# a file that cannot be read: the library's words, the system's reason
out=$(fr funding --data "$tmp/none.json" 2>&1); status=$?
check "fr funding: a missing file exits 2" [ $status -eq 2 ]
check "fr funding: a missing file in French" has "$tmp/none.json: illisible : "
out=$(en funding --data "$tmp/none.json" 2>&1)
check "en funding: a missing file in English" has "$tmp/none.json: cannot be read: "

echo "i18n: $passed passed, $failed failed"
[ $failed -eq 0 ]
