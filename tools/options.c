/* SPDX-License-Identifier: Apache-2.0 */
/* The iscg command's arguments: the subcommand, its options, how its tables
 * are rendered, and Ctrl-C, which stops a long read cleanly. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscg.h>

#include "format.h"
#include "usage.h"

/* Ctrl-C: the handler only sets a flag, which the load's cancel function
 * reads; the load then frees what it built and the command exits 130. */
static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

static int interrupt_requested(void *ctx)
{
    (void)ctx;
    return interrupted != 0;
}

/* Catches SIGINT, unless it was ignored when the command started. */
static void catch_interrupt(iscg_load_options *load)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGINT, NULL, &old) == 0 && old.sa_handler != SIG_IGN && sigaction(SIGINT, &sa, NULL) == 0) {
        load->cancel = interrupt_requested;
        load->cancel_ctx = NULL;
    }
}

int parse_options(struct options *o, const char **cmd, const char **arg, int argc, char **argv)
{
    nls_init();
    if (atexit(close_stdout) != 0)
        die(EXIT_TROUBLE, "%s", _("cannot check the report's output"));
    static const struct option longopts[] = {
        {"dataset", required_argument, NULL, 'd'}, {"year", required_argument, NULL, 'y'},
        {"format", required_argument, NULL, 'f'},  {"carrier", required_argument, NULL, 'c'},
        {"suppress", required_argument, NULL, 's'}, {"by", required_argument, NULL, 'b'},
        {"date", required_argument, NULL, 't'},    {"days", required_argument, NULL, 'n'},
        {"whole", no_argument, NULL, 'w'},         {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},       {"max-size", required_argument, NULL, 'M'},
        {"columns", required_argument, NULL, 'C'}, {"wide", no_argument, NULL, 'W'},
        {"output", required_argument, NULL, 'o'},  {"csv-separator", required_argument, NULL, 'S'},
        {"decimal-comma", no_argument, NULL, 'D'}, {"decimal-point", no_argument, NULL, 'P'},
        {"bom", no_argument, NULL, 'B'},           {NULL, 0, NULL, 0}};
    *o = (struct options){NULL, 0, 0, FORMAT_TABLE, {FORMAT_TABLE, 0, ',', 0, 0, NULL}, NULL, NULL, NULL, 0, NULL,
                        NULL, 90, ISCG_LOAD_OPTIONS_INIT};
    int wide = 0, decimal = -1;
    const char *separator = NULL;
    if (argc < 2) {
        fputs(_(usage), stderr);
        return EXIT_TROUBLE;
    }
    *cmd = argv[1];
    if (strcmp(*cmd, "-h") == 0 || strcmp(*cmd, "--help") == 0) {
        fputs(_(usage), stdout);
        return 0;
    }
    if (strcmp(*cmd, "-V") == 0 || strcmp(*cmd, "--version") == 0) {
        printf("iscg (libiscg) %s\n", iscg_version());
        return 0;
    }
    const char *help = NULL;
    for (size_t i = 0; i < command_count; i++)
        if (strcmp(*cmd, helps[i].name) == 0)
            help = helps[i].help;
    if (!help)
        die(EXIT_TROUBLE, _("unknown command \"%s\" (iscg --help lists them)"), *cmd);
    argv++;
    argc--;
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "d:y:f:o:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': o->dataset = optarg; break;
        case 'y':
            o->year = (int)strtol(optarg, &end, 10);
            if (*end || o->year < 1 || o->year > 9999)
                die(EXIT_TROUBLE, _("--year %s is not a year from 1 to 9999"), optarg);
            break;
        case 'f':
            o->format = parse_format(optarg);
            break;
        case 'c': o->carrier = optarg; break;
        case 'w': o->whole = 1; break;
        case 'M': o->load.max_size = parse_size(optarg); break;
        case 's':
            o->suppress = strtol(optarg, &end, 10);
            if (*end || o->suppress < 1)
                die(EXIT_TROUBLE, _("--suppress %s is not a positive threshold"), optarg);
            break;
        case 'b': o->by = optarg; break;
        case 'C': o->columns = optarg; break;
        case 'W': wide = 1; break;
        case 'o': o->output = optarg; break;
        case 'S': separator = optarg; break;
        case 'D': decimal = 1; break;
        case 'P': decimal = 0; break;
        case 'B': o->render.bom = 1; break;
        case 't': o->date = optarg; break;
        case 'n':
            o->days = strtol(optarg, &end, 10);
            if (*end || o->days < 0 || o->days > 3660000)
                die(EXIT_TROUBLE, _("--days %s is not a number of days"), optarg);
            break;
        case 'h': fputs(_(help), stdout); return 0;
        case 'V': printf("iscg (libiscg) %s\n", iscg_version()); return 0;
        default: fputs(_(help), stderr); return EXIT_TROUBLE;
        }
    }
    /* CSV as the locale's spreadsheets read it: "14670,00" and ";" where
     * decimals take a comma (fr_FR), "14670.00" and "," elsewhere */
    o->render.format = o->format;
    o->render.decimal_comma = decimal >= 0 ? decimal : nls_decimal_comma();
    o->render.separator = o->render.decimal_comma ? ';' : ',';
    if (separator)
        o->render.separator = parse_separator(separator);
    o->render.width = wide ? 0 : output_width();
    o->render.output = o->output;
    if (o->format == FORMAT_XLSX && !o->output)
        die(EXIT_TROUBLE, "%s", _("--format xlsx writes a workbook: give its file with -o FILE"));
    if (o->output && o->format != FORMAT_XLSX && !freopen(o->output, "w", stdout))
        die(EXIT_TROUBLE, _("-o %s: %s"), o->output, strerror(errno));
    *arg = optind < argc ? argv[optind] : NULL;
    int needs_arg = strcmp(*cmd, "explain") == 0 || strcmp(*cmd, "validate") == 0 || strcmp(*cmd, "list") == 0;
    if (needs_arg ? !*arg || optind + 1 < argc : *arg != NULL) {
        fputs(_(help), stderr);
        return EXIT_TROUBLE;
    }
    catch_interrupt(&o->load);
    return -1;
}
