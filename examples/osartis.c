/* SPDX-License-Identifier: Apache-2.0 */
/* Osartis Marquion's 2023 funding (CP2023 report, art. 17, annex 13): a post
 * costing 42 000 euros a year, FIPD and Département 14 000 each, recruited
 * from 1 September 2023. Prints each party's prorated 2023 share by whole
 * months and, for comparison, by actual days. */
#include <stdio.h>

#include <iscg.h>

int main(void)
{
    iscg_error err;
    iscg_period covered;
    iscg_date start, end;
    const iscg_cents annual_cost = 42000 * ISCG_EURO, fixed_share = 14000 * ISCG_EURO;
    char a[48], b[48];

    if (iscg_date_parse(&start, "2023-09-01", &err) != 0 ||
        iscg_date_parse(&end, "2023-12-31", &err) != 0 ||
        iscg_period_make(&covered, start, end, &err) != 0) {
        fprintf(stderr, "osartis: %s\n", err.text);
        return 1;
    }
    printf("libiscg %s - CC Osartis Marquion, 2023-09-01..2023-12-31\n", iscg_version());
    static const iscg_daycount conventions[] = {ISCG_DAYCOUNT_MONTHS_WHOLE, ISCG_DAYCOUNT_ACT_365F};
    for (size_t i = 0; i < 2; i++) {
        iscg_cents share, cost, carrier;
        iscg_ratio f;
        if (iscg_prorate(&share, &f, fixed_share, covered, conventions[i], ISCG_EURO, ISCG_ROUND_DOWN,
                         &err) != 0 ||
            iscg_prorate(&cost, NULL, annual_cost, covered, conventions[i], ISCG_EURO, ISCG_ROUND_DOWN,
                         &err) != 0 ||
            iscg_money_sub(&carrier, cost, 2 * share) != 0) {
            fprintf(stderr, "osartis: %s\n", err.text);
            return 1;
        }
        if (iscg_money_format(a, sizeof a, share, ISCG_MONEY_FRENCH) < 0 ||
            iscg_money_format(b, sizeof b, carrier, ISCG_MONEY_FRENCH) < 0) {
            fprintf(stderr, "osartis: an amount could not be formatted\n");
            return 1;
        }
        printf("%-14s fraction %lld/%lld: FIPD %s, Departement %s, CC Osartis Marquion (remainder) %s\n",
               iscg_daycount_name(conventions[i]), (long long)f.num, (long long)f.den, a, a, b);
    }
    return 0;
}
