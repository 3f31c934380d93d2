/* SPDX-License-Identifier: Apache-2.0 */
/* The translation hook of the library's sentences. Every wording template
 * the library renders (explain.c) is wrapped in ISCG_TR(), which translates
 * it where it is used, or in ISCG_N_(), which only marks it for extraction
 * where a static table needs a constant. Both are the identity for now:
 * another change wires gettext (text domain "libiscg") into them, and
 * xgettext then finds the templates by these two keywords. */
#ifndef ISCG_I18N_H
#define ISCG_I18N_H

/* A template translated where it is read. */
#define ISCG_TR(s) (s)
/* A template marked for translation, left as it is (a static initializer). */
#define ISCG_N_(s) (s)

#endif
