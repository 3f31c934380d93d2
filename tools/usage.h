/* SPDX-License-Identifier: Apache-2.0 */
/* The iscg command's help: the overview and each subcommand's usage. */
#ifndef ISCG_TOOL_USAGE_H
#define ISCG_TOOL_USAGE_H

#include <stddef.h>

struct command_help {
    const char *name, *help;
};

extern const char *const usage; /* translated where it is printed */
extern const struct command_help helps[];
extern const size_t command_count;

#endif
