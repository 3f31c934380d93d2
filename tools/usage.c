/* SPDX-License-Identifier: Apache-2.0 */
/* The iscg command's help texts. */
#include <stddef.h>

#include "usage.h"

const char usage[] =
    "usage: iscg COMMAND [OPTIONS]\n"
    "\n"
    "Funding and activity rules of ISCG posts, computed by libiscg.\n"
    "\n"
    "Commands:\n"
    "  funding       each post's funders and shares (annex 2), totals by kind of funder\n"
    "  receivables   each carrier's claims on its co-funders, with absence prorata\n"
    "  budget        the Département's budget lines: credits, proposed, balance\n"
    "  audit         stated amounts that differ from their rules (exit status 1 if any)\n"
    "  explain POST  how the shares of a post are computed\n"
    "  stats         activity by post (annex 1): referrals, interviews, VIF share\n"
    "  calendar      deadlines and expiring conventions from a date\n"
    "  list WHAT     the identifiers of the dataset: parties, posts, conventions or lines\n"
    "  validate FILE check a dataset file and report every error\n"
    "\n"
    "Options (every command that reads a dataset):\n"
    "  -d, --dataset FILE   dataset file (default: the embedded Pas-de-Calais 2023 dataset)\n"
    "  -y, --year YEAR      the year (default: the latest year of the dataset)\n"
    "  -f, --format FORMAT  table (default), csv, json or markdown\n"
    "      --max-size SIZE  the largest dataset file read (default 1G; K, M, G: KiB, MiB, GiB)\n"
    "  -h, --help           this help, or a command's help with COMMAND --help\n"
    "  -V, --version        the library's version\n"
    "\n"
    "Exit status: 0 a complete report that flags nothing; 1 the report flags something\n"
    "(discrepancies, an exceeded credit, a plan that cannot be computed, an invalid file)\n"
    "or the year has no data; 2 the command could not run (usage, an unknown identifier,\n"
    "an unreadable dataset, a failed write).\n";

const struct command_help helps[] = {
    {"funding", "usage: iscg funding [-d FILE] [--year YEAR | --whole] [--format FORMAT]\n"
                "Lists, for each convention in force in YEAR, every funder's share of the year (PRO-3),\n"
                "with the amount the documents state beside it when the convention lies within the\n"
                "year, then the totals by kind of funder for the year. --whole gives each convention\n"
                "over its whole period instead.\n"},
    {"receivables", "usage: iscg receivables [-d FILE] [--year YEAR] [--carrier PARTY] [--format FORMAT]\n"
                    "Lists the claims (titres de recettes) each carrier issues to its co-funders for YEAR,\n"
                    "reduced by the months of absence or vacancy of the post.\n"},
    {"budget", "usage: iscg budget [-d FILE] [--year YEAR] [--format FORMAT]\n"
               "Shows each budget line's credits, the subsidies charged to it and the balance; exit\n"
               "status 1 when a proposal exceeds the available credit.\n"},
    {"audit", "usage: iscg audit [-d FILE] [--format FORMAT]\n"
              "Recomputes every stated amount and lists each discrepancy with the rule, the rounding,\n"
              "the stated and the computed figure and an explanation. Exit status 1 when there is any.\n"},
    {"explain", "usage: iscg explain POST [-d FILE] [--year YEAR] [--format FORMAT]\n"
                "Prints the explanation tree of the shares of POST's conventions.\n"},
    {"stats", "usage: iscg stats [-d FILE] [--year YEAR] [--by all|post|carrier|force|territory]\n"
              "                  [--suppress N] [--format FORMAT]\n"
              "Aggregates the activity records of YEAR; with --suppress N, counts from 1 to N-1 and\n"
              "the cells that would reveal them are hidden (\"x\") and listed.\n"},
    {"calendar", "usage: iscg calendar [-d FILE] [--date YYYY-MM-DD] [--days N] [--format FORMAT]\n"
                 "Lists the deadlines of every convention from DATE (default: today) for N days\n"
                 "(default 90), and the conventions that expire within them.\n"},
    {"list", "usage: iscg list parties|posts|conventions|lines [-d FILE] [--format FORMAT]\n"
             "Lists the identifiers that options and arguments take (--carrier, explain POST...),\n"
             "with what each names.\n"},
    {"validate", "usage: iscg validate [--max-size SIZE] FILE\n"
                 "Loads FILE as a dataset and reports every error (file:line:column: field: sentence).\n"},
};

const size_t command_count = sizeof helps / sizeof helps[0];
