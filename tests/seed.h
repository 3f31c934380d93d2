/* SPDX-License-Identifier: Apache-2.0 */
/* The Pas-de-Calais 2023 posts and conventions (CP2023 and CABBALR2023),
 * built through the public API for the tests. Only the documents' inputs
 * are typed here (costs, fixed participations, percentages, dates); every
 * other figure is computed by the library and checked by the tests. */
#ifndef ISCG_TEST_SEED_H
#define ISCG_TEST_SEED_H

#include <iscg.h>

/* A new registry holding the 14 posts, their parties and the conventions;
 * aborts the test on any error. Free with iscg_registry_free(). */
iscg_registry *seed_cp2023(void);

/* The amount party pays in result f; fails the test when it pays nothing. */
iscg_cents amount_of(const iscg_funding *f, const char *party);

/* The embedded Pas-de-Calais dataset and its registry, loaded by
 * seed_embedded_setup() and freed by seed_embedded_teardown(): a Check
 * fixture (tcase_add_checked_fixture) for the tests that read it. */
extern iscg_dataset *seed_ds;
extern const iscg_registry *seed_reg;
void seed_embedded_setup(void);
void seed_embedded_teardown(void);

#endif
