/* SPDX-License-Identifier: Apache-2.0 */
/* Translatable text of the library: one text domain, "libiscg", shared with
 * the iscg command (po/). ISCG_TR(s) is the translation of s in the
 * caller's locale (LC_MESSAGES), or s itself when the library is built
 * without native language support or no catalogue has it; ISCG_N_(s) marks
 * s for extraction (xgettext --keyword=ISCG_N_) and is s itself, for tables
 * of texts translated where they are used. A program binds the domain to its
 * catalogues (bindtextdomain) as the iscg command does; nothing here calls
 * setlocale. */
#ifndef ISCG_I18N_H
#define ISCG_I18N_H

#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#define ISCG_TEXT_DOMAIN "libiscg"

#if defined(ENABLE_NLS) && ENABLE_NLS
#include <libintl.h>
#define ISCG_TR(s) dgettext(ISCG_TEXT_DOMAIN, s)
#else
#define ISCG_TR(s) (s)
#endif
#define ISCG_N_(s) s
/* s marked for translation in a context (xgettext --keyword=ISCG_NC_:1c,2),
 * for a word that translates apart from the same word elsewhere (the
 * granularity "year" of a sentence, not the "Year" of a column): the entry
 * is ctx, an EOT character and s, as gettext stores it, and is translated by
 * iscg__tr_context(). */
#define ISCG_NC_(ctx, s) ctx "\004" s

/* The translation of an entry made by ISCG_NC_(), or its s when there is
 * none (or no native language support). */
const char *iscg__tr_context(const char *entry);

#endif
