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

#endif
