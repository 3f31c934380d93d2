/* SPDX-License-Identifier: Apache-2.0 */
/* The iscg command's tables as an xlsx workbook (libxlsxwriter). */
#ifndef ISCG_TOOL_XLSX_H
#define ISCG_TOOL_XLSX_H

#include "table.h"

/* Writes the tables to the workbook path, one sheet per table named after
 * the table (translated), its header row frozen: amounts as numbers of euros
 * formatted "# ##0 €" (with cents when they have some), integers and
 * decimals as numbers, dates as dates, a period as two dates, the rest as
 * text. Returns 0, or -1 with a sentence in *why (static, or owned by the
 * caller when *why_owned is set). */
int xlsx_write(const char *path, struct table **tables, size_t n, char **why, int *why_owned);

#endif
