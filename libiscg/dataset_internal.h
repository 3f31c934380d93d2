/* SPDX-License-Identifier: Apache-2.0 */
/* The dataset's private layout, shared by its reader (dataset.c) and its
 * writer (dataset_save.c). */
#ifndef ISCG_DATASET_INTERNAL_H
#define ISCG_DATASET_INTERNAL_H

#include "model.h"

extern const char iscg__embedded_json[];

struct budget {
    char *operation, *imputation, *label, *payer, *source;
    iscg_cents credits, available, stated_proposed;
    int year, has_stated_proposed;
};

struct iscg_dataset {
    iscg_registry *r;  /* frozen once loaded */
    iscg_scenario *scenario; /* its what-ifs (AMD-3), which the caller may change */
    iscg_stats *s;
    char *title;
    char **notes; /* NULL-terminated */
    size_t nnotes, notes_capacity;
    struct budget *budgets;
    size_t nbudgets;
    iscg_stated *stated; /* STAT-7: totals then shares; strings owned (strdup) */
    size_t nstated, stated_capacity;
};

#endif
