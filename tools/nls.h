/* SPDX-License-Identifier: Apache-2.0 */
/* The iscg command's messages in the user's language: _(s) translates s
 * with the "libiscg" text domain (po/), N_(s) marks s for translation where
 * it is used (xgettext --keyword=_ --keyword=N_). Without native language
 * support both are s itself. */
#ifndef ISCG_TOOL_NLS_H
#define ISCG_TOOL_NLS_H

#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#if defined(ENABLE_NLS) && ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s) /* NOLINT(bugprone-reserved-identifier): gettext's convention */
#else
#define _(s) ((const char *)(s)) /* NOLINT(bugprone-reserved-identifier) */
#define ngettext(one, many, n) ((n) == 1 ? (one) : (many))
#define bindtextdomain(domain, dir) ((const char *)(dir))
#define textdomain(domain) ((const char *)(domain))
#endif
#define N_(s) s
/* s marked for translation in a context (xgettext --keyword=NC_:1c,2), for
 * a word that translates apart from the same word elsewhere ("post" as a
 * grouping, not as a column); translated by nls_context(). */
#define NC_(context, s) s

/* The translation of s in context, or s. */
const char *nls_context(const char *context, const char *s);

/* Sets the locale from the environment and binds the text domain to its
 * catalogues: $ISCG_LOCALEDIR when set (the build tree's, for the tests),
 * else the installed ones. Reads the locale's decimal separator, then
 * leaves LC_NUMERIC as "C" so that nothing else changes. */
void nls_init(void);
/* 1 when the user's locale writes decimals with a comma (fr_FR and its like). */
int nls_decimal_comma(void);

#endif
