/* SPDX-License-Identifier: Apache-2.0 */
/* Run-time version. */
#include "internal.h"

const char *iscg_version(void)
{
    return ISCG_VERSION;
}

int iscg_version_hex(void)
{
    return ISCG_VERSION_HEX;
}
