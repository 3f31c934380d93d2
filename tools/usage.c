/* SPDX-License-Identifier: Apache-2.0 */
/* The iscg command's help texts, marked for translation (N_) and
 * translated where they are printed. Lines stay within 79 columns, in every
 * language: a help fits an 80-column terminal. */
#include <stddef.h>

#include "nls.h"
#include "usage.h"

const char *const usage = N_(
    "usage: iscg COMMAND [OPTIONS]\n"
    "\n"
    "Funding and activity rules of ISCG posts, computed by libiscg.\n"
    "\n"
    "Commands:\n"
    "  funding       each post's funders and shares (annex 2), totals by kind\n"
    "  receivables   each carrier's claims on its co-funders, absences prorated\n"
    "  budget        the Département's budget lines: credits, proposed, balance\n"
    "  audit         stated amounts that differ from their rules (status 1 if any)\n"
    "  explain POST  how the shares of a post are computed\n"
    "  stats         activity by post (annex 1): referrals, interviews, VIF share\n"
    "  calendar      deadlines and expiring conventions from a date\n"
    "  list WHAT     the dataset's identifiers: parties, posts, conventions, lines\n"
    "  validate FILE check a dataset file and report every error\n"
    "\n"
    "Options (every command that reads a dataset):\n"
    "  -d, --dataset FILE   dataset file (default: the embedded Pas-de-Calais\n"
    "                       2023 dataset)\n"
    "  -y, --year YEAR      the year (default: the latest year of the dataset)\n"
    "      --max-size SIZE  the largest dataset file read (default 1G; K, M, G:\n"
    "                       KiB, MiB, GiB)\n"
    "  -h, --help           this help, or a command's help with COMMAND --help\n"
    "  -V, --version        the library's version\n"
    "\n"
    "Output options:\n"
    "  -f, --format FORMAT  table (default), csv, json, markdown or xlsx\n"
    "  -o, --output FILE    write to FILE (xlsx needs one: a workbook, one sheet\n"
    "                       per table)\n"
    "      --columns A,B,C  only these columns, in this order\n"
    "      --wide           tables as wide as their text (by default they fit\n"
    "                       $COLUMNS or the terminal)\n"
    "      --csv-separator C  CSV field separator (default \";\" where decimals\n"
    "                       take a comma, as in French, else \",\"; \"tab\")\n"
    "      --decimal-comma, --decimal-point\n"
    "                       CSV amounts as 14670,00 or 14670.00 (default: as\n"
    "                       the locale writes decimals)\n"
    "      --bom            CSV starts with a UTF-8 byte order mark\n"
    "\n"
    "Exit status: 0 a complete report that flags nothing; 1 the report flags\n"
    "something (discrepancies, an exceeded credit, a plan that cannot be\n"
    "computed, an invalid file) or the year has no data; 2 the command could not\n"
    "run (usage, an unknown identifier, an unreadable dataset, a failed write).\n");

const struct command_help helps[] = {
    {"funding", N_("usage: iscg funding [-d FILE] [--year YEAR | --whole] [OUTPUT OPTIONS]\n"
                   "Lists, for each convention in force in YEAR, every funder's share of the\n"
                   "year (PRO-3), with the amount the documents state beside it when the\n"
                   "convention lies within the year, then the totals by kind of funder for\n"
                   "the year. --whole gives each convention over its whole period instead.\n"
                   "iscg --help lists the output options.\n")},
    {"receivables", N_("usage: iscg receivables [-d FILE] [--year YEAR] [--carrier PARTY]\n"
                       "                        [OUTPUT OPTIONS]\n"
                       "Lists the claims (titres de recettes) each carrier issues to its\n"
                       "co-funders for YEAR, reduced by the months of absence or vacancy of\n"
                       "the post.\n")},
    {"budget", N_("usage: iscg budget [-d FILE] [--year YEAR] [OUTPUT OPTIONS]\n"
                  "Shows each budget line's credits, the subsidies charged to it and the\n"
                  "balance; exit status 1 when a proposal exceeds the available credit.\n")},
    {"audit", N_("usage: iscg audit [-d FILE] [OUTPUT OPTIONS]\n"
                 "Recomputes every stated amount and lists each discrepancy with the rule,\n"
                 "the rounding, the stated and the computed figure and an explanation.\n"
                 "Exit status 1 when there is any.\n")},
    {"explain", N_("usage: iscg explain POST [-d FILE] [--year YEAR] [OUTPUT OPTIONS]\n"
                   "Prints the explanation tree of the shares of POST's conventions.\n")},
    {"stats", N_("usage: iscg stats [-d FILE] [--year YEAR] [--suppress N]\n"
                 "                  [--by all|post|carrier|force|territory] [OUTPUT OPTIONS]\n"
                 "Aggregates the activity records of YEAR; with --suppress N, counts from 1\n"
                 "to N-1 and the cells that would reveal them are hidden (\"x\") and listed.\n")},
    {"calendar", N_("usage: iscg calendar [-d FILE] [--date YYYY-MM-DD] [--days N]\n"
                    "                     [OUTPUT OPTIONS]\n"
                    "Lists the deadlines of every convention from DATE (default: today) for\n"
                    "N days (default 90), and the conventions that expire within them.\n")},
    {"list", N_("usage: iscg list parties|posts|conventions|lines [-d FILE]\n"
                "                 [OUTPUT OPTIONS]\n"
                "Lists the identifiers that options and arguments take (--carrier,\n"
                "explain POST...), with what each names.\n")},
    {"validate", N_("usage: iscg validate [--max-size SIZE] FILE\n"
                    "Loads FILE as a dataset and reports every error\n"
                    "(file:line:column: field: sentence).\n")},
};

const size_t command_count = sizeof helps / sizeof helps[0];
