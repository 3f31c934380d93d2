/* SPDX-License-Identifier: Apache-2.0 */
/* The CP2023 seed, built through the public API (see seed.h). */
#include <check.h>

#include "seed.h"
#include "suites.h"

static iscg_registry *R;

static void ok(int rc, const iscg_error *e)
{
    ck_assert_msg(rc == 0, "seed: %s (%d)", e->text, rc);
}

static void party(const char *id, iscg_party_kind kind, const char *name)
{
    iscg_error e;
    ok(iscg_party_add(R, id, kind, name, ISCG_UNKNOWN, &e), &e);
}

static void post(const char *id, const char *label, iscg_post_kind kind, const char *carrier, const char *sites,
                 int work_time_bp, int64_t hours)
{
    iscg_error e;
    iscg_post_spec p = ISCG_POST_SPEC_INIT;
    p.id = id;
    p.label = label;
    p.kind = kind;
    p.carrier = carrier;
    p.sites = sites;
    p.work_time_bp = work_time_bp;
    p.weekly_hours = hours;
    p.police_bp = kind == ISCG_POST_ISC ? 10000 : kind == ISCG_POST_ISG ? 0 : 5000;
    ok(iscg_post_add(R, &p, &e), &e);
}

static iscg_date D(int y, int m, int d)
{
    iscg_date x = {y, m, d};
    return x;
}

/* Every seed figure is truncated to the euro (ROUND-2). */
static const iscg_allocation_rule EURO_DOWN = {ISCG_EURO, ISCG_ROUND_DOWN, ISCG_REMAINDER_NONE, 0, ISCG_WEIGHTS_RAW};

static void convention(const char *id, const char *post_id, iscg_period p, iscg_cents cost, int annual,
                       const char *source)
{
    iscg_error e;
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = id;
    c.post = post_id;
    c.period = p;
    c.cost = cost;
    c.annual = annual;
    c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
    c.rounding = EURO_DOWN;
    c.source = source;
    ok(iscg_convention_add(R, &c, &e), &e);
}

static void side(const char *conv, const char *name, iscg_share_rule rule, int64_t value, iscg_cents extra,
                 int required)
{
    iscg_error e;
    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.name = name;
    s.rule = rule;
    s.value = value;
    s.extra = extra;
    s.required = required;
    s.split = EURO_DOWN;
    ok(iscg_convention_add_side(R, conv, &s, &e), &e);
}

/* An EPCI side shared by percentages: truncated, remainder to the largest
 * weight, the policy that reproduces annexes 16 and 17 (ROUND-3). */
static void epci_side_by_percent(const char *conv, iscg_share_rule rule, int64_t value)
{
    iscg_error e;
    iscg_allocation_rule split = ISCG_ALLOCATION_RULE_INIT;
    split.unit = ISCG_EURO;
    split.rounding = ISCG_ROUND_DOWN;
    split.policy = ISCG_REMAINDER_LARGEST_WEIGHT;
    split.weights = ISCG_WEIGHTS_BASIS_POINTS;
    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.name = "EPCI";
    s.rule = rule;
    s.value = value;
    s.split = split;
    ok(iscg_convention_add_side(R, conv, &s, &e), &e);
}

static void funder(const char *conv, const char *side_name, const char *party_id, int64_t weight)
{
    iscg_error e;
    ok(iscg_convention_add_funder(R, conv, side_name, party_id, weight, &e), &e);
}

static void stated(const char *conv, const char *party_id, iscg_cents amount, const char *source)
{
    iscg_error e;
    ok(iscg_convention_state(R, conv, party_id, amount, source, &e), &e);
}

static iscg_period one_year(iscg_date start)
{
    iscg_period p;
    iscg_error e;
    ok(iscg_period_from_months(&p, start, 12, &e), &e);
    return p;
}

static iscg_period year2023(void)
{
    iscg_period p;
    ck_assert_int_eq(iscg_period_year(&p, 2023), 0);
    return p;
}

/* The three sides "tripartite et égalitaire", each required (SPLIT-6). */
static void thirds(const char *conv, const char *epci, iscg_cents dept_extra)
{
    side(conv, "FIPD", ISCG_SHARE_EQUAL, 0, 0, 1);
    side(conv, "Departement", ISCG_SHARE_EQUAL, 0, dept_extra, 1);
    if (epci)
        side(conv, "EPCI", ISCG_SHARE_EQUAL, 0, 0, 1);
    funder(conv, "FIPD", "etat", 1);
    funder(conv, "Departement", "dept", 1);
    if (epci)
        funder(conv, "EPCI", epci, 1);
}

/* FIPD and Département fixed, the carrier pays the rest (SPLIT-2). */
static void fixed_pair(const char *conv, iscg_cents each, const char *carrier)
{
    side(conv, "FIPD", ISCG_SHARE_FIXED, each, 0, 1);
    side(conv, "Departement", ISCG_SHARE_FIXED, each, 0, 1);
    side(conv, "Carrier", ISCG_SHARE_REMAINDER, 0, 0, 1);
    funder(conv, "FIPD", "etat", 1);
    funder(conv, "Departement", "dept", 1);
    funder(conv, "Carrier", carrier, 1);
}

iscg_registry *seed_cp2023(void)
{
    iscg_error e;
    ok(iscg_registry_new(&R), &e);

    /* PARTY-1 */
    party("etat", ISCG_PARTY_STATE, "Etat (FIPD)");
    party("dept", ISCG_PARTY_DEPARTEMENT, "Departement du Pas-de-Calais");
    party("cabbalr", ISCG_PARTY_EPCI, "CA Bethune-Bruay Artois Lys Romane");
    party("cab", ISCG_PARTY_EPCI, "CA du Boulonnais");
    party("cias-desvres", ISCG_PARTY_CIAS, "CIAS de la CC de Desvres-Samer");
    party("cc-2caps", ISCG_PARTY_EPCI, "CC de la Terre des Deux Caps");
    party("cc-ternois", ISCG_PARTY_EPCI, "CC du Ternois");
    party("cua", ISCG_PARTY_EPCI, "Communaute Urbaine d'Arras");
    party("ccca", ISCG_PARTY_EPCI, "CC des Campagnes de l'Artois");
    party("ccsa", ISCG_PARTY_EPCI, "CC du Sud-Artois");
    party("osartis", ISCG_PARTY_EPCI, "CC Osartis Marquion");
    party("fv62", ISCG_PARTY_ASSOCIATION, "France Victimes 62");
    party("ca-calais", ISCG_PARTY_EPCI, "CA Grand Calais Terres et Mers");
    party("cc-opale", ISCG_PARTY_EPCI, "CC du Pays d'Opale");
    party("cc-audruicq", ISCG_PARTY_EPCI, "CC de la Region d'Audruicq");
    party("ca-stomer", ISCG_PARTY_EPCI, "CA du Pays de Saint-Omer");
    party("cc-lumbres", ISCG_PARTY_EPCI, "CC du Pays de Lumbres");
    party("cc-7vallees", ISCG_PARTY_EPCI, "CC des 7 Vallees");
    party("cc-hautpays", ISCG_PARTY_EPCI, "CC du Haut Pays du Montreuillois");
    party("ca-2baies", ISCG_PARTY_EPCI, "CA des 2 Baies en Montreuillois");

    /* POST-1, POST-2: the report's 13 deployed posts and the 13th co-funded one */
    post("isc-bethune", "ISC Artois", ISCG_POST_ISC, "dept", "Commissariat de Bethune", 8000, ISCG_UNKNOWN);
    post("isg-bethune", "ISG Artois", ISCG_POST_ISG, "cabbalr", "Gendarmerie de Bethune", 10000, ISCG_UNKNOWN);
    post("isc-boulogne", "ISC Boulonnais", ISCG_POST_ISC, "dept", "Commissariat de Boulogne-sur-Mer", 10000, ISCG_UNKNOWN);
    post("isg-le-portel", "ISG Boulonnais", ISCG_POST_ISG, "dept", "Gendarmerie de Le Portel", 10000, ISCG_UNKNOWN);
    post("isg-ternois", "ISG Ternois", ISCG_POST_ISG, "cc-ternois", "Gendarmerie de Saint-Pol-sur-Ternoise", 10000, 36);
    post("iscg-arras", "ISCG Arrageois", ISCG_POST_ISCG, "cua", "Commissariat et gendarmerie d'Arras", 10000, 38);
    post("isg-avesnes", "ISG Arrageois (Avesnes-le-Comte)", ISCG_POST_ISG, "ccca", "Gendarmerie d'Avesnes-le-Comte", 10000, 35);
    post("isg-bapaume", "ISG Arrageois (Bapaume)", ISCG_POST_ISG, "ccsa", "Gendarmeries de Bapaume, Vis-en-Artois, Beaumetz-les-Loges", 10000, 35);
    post("isg-osartis", "ISG Osartis Marquion", ISCG_POST_ISG, "osartis", "Brigades de Vitry-en-Artois, Marquion, Vis-en-Artois", 10000, 35);
    post("isc-calais", "ISC Calaisis", ISCG_POST_ISC, "fv62", "Commissariat de Calais", 10000, 35);
    post("isg-calais", "ISG Calaisis", ISCG_POST_ISG, "fv62", "Gendarmerie de Guines (compagnies de Calais et Saint-Omer)", 10000, 35);
    post("iscg-audomarois", "ISCG Audomarois", ISCG_POST_ISCG, "fv62", "Commissariat de Saint-Omer, gendarmerie de Longuenesse", 10000, 35);
    post("iscg-montreuillois", "ISCG Montreuillois", ISCG_POST_ISCG, "fv62", "Commissariats de Berck et Le Touquet, gendarmerie d'Ecuires", 10000, 35);
    post("isc-lens", "ISC Lensois", ISCG_POST_ISC, "fv62", "Commissariat de Lens", 10000, ISCG_UNKNOWN);

    /* POST-3: staffing history */
    iscg_period p;
    ck_assert_int_eq(iscg_period_make(&p, D(2022, 6, 1), D(2022, 12, 31), NULL), 0);
    ok(iscg_post_add_event(R, "isc-boulogne", ISCG_STAFF_ABSENCE, p, "CP2023 report: absent from June 2022", &e), &e);
    ck_assert_int_eq(iscg_period_make(&p, D(2022, 8, 1), D(2022, 12, 31), NULL), 0);
    ok(iscg_post_add_event(R, "isg-le-portel", ISCG_STAFF_ABSENCE, p, "CP2023 report: absent from August 2022", &e), &e);
    ck_assert_int_eq(iscg_period_make(&p, D(2022, 10, 1), D(2022, 10, 1), NULL), 0);
    ok(iscg_post_add_event(R, "isg-ternois", ISCG_STAFF_HIRE, p, "annex 8: new hire in October 2022 (day not given)", &e), &e);
    ck_assert_int_eq(iscg_period_make(&p, D(2023, 3, 15), D(2023, 3, 15), NULL), 0);
    ok(iscg_post_add_event(R, "isg-ternois", ISCG_STAFF_HIRE, p, "annex 8: filled again from 15 March 2023", &e), &e);
    ck_assert_int_eq(iscg_period_make(&p, D(2023, 9, 1), D(2023, 9, 1), NULL), 0);
    ok(iscg_post_add_event(R, "isg-osartis", ISCG_STAFF_HIRE, p, "annex 13: recruited from 1 September 2023", &e), &e);

    /* Annex 3 (and CABBALR2023): Béthune police station, 52 510 on 3 Dec 2022
     * + 1 year; the convention fixes FIPD and CABBALR at 17 500 and the
     * Département, carrier, pays the rest, travel included. */
    convention("bethune-2023", "isc-bethune", one_year(D(2022, 12, 3)), EUR(52510), 0, "CP2023 annex 3, art. 7");
    side("bethune-2023", "FIPD", ISCG_SHARE_FIXED, EUR(17500), 0, 1);
    side("bethune-2023", "EPCI", ISCG_SHARE_FIXED, EUR(17500), 0, 1);
    side("bethune-2023", "Departement", ISCG_SHARE_REMAINDER, 0, 0, 1);
    funder("bethune-2023", "FIPD", "etat", 1);
    funder("bethune-2023", "EPCI", "cabbalr", 1);
    funder("bethune-2023", "Departement", "dept", 1);
    stated("bethune-2023", "etat", EUR(17500), "CP2023 annex 2");
    stated("bethune-2023", "dept", EUR(17510), "CP2023 annex 2");
    stated("bethune-2023", "cabbalr", EUR(17500), "CP2023 annex 2");
    ok(iscg_convention_claim_equal(R, "bethune-2023", "CP2023 report: tripartite et egalitaire", &e), &e);

    /* Annex 4: Boulogne police station, 67 227 in thirds, travel on top */
    convention("boulogne-2023", "isc-boulogne", one_year(D(2022, 12, 1)), EUR(67227), 0, "CP2023 annex 4, art. 7");
    thirds("boulogne-2023", "cab", EUR(915));
    stated("boulogne-2023", "etat", EUR(22409), "CP2023 annex 2");
    stated("boulogne-2023", "dept", EUR(23324), "CP2023 annex 2");
    stated("boulogne-2023", "cab", EUR(22409), "CP2023 annex 2");
    /* The same post in 2022 (annex 4 gives the 2022 shares: 20 045 x 2 and
     * 20 960 with travel; the 2022 period is not printed, the calendar year is
     * taken, as the report prorates "sur l'année"). */
    convention("boulogne-2022", "isc-boulogne", (iscg_period){D(2022, 1, 1), D(2022, 12, 31)}, EUR(60135), 0,
               "CP2023 annex 4, art. 7 (2022)");
    thirds("boulogne-2022", "cab", EUR(915));
    stated("boulogne-2022", "dept", EUR(20960), "CP2023 annex 4");

    /* Annex 5: Le Portel, 58 044 in thirds, travel on top, the EPCI third
     * shared equally by three bodies, truncated, remainder dropped */
    convention("le-portel-2023", "isg-le-portel", one_year(D(2023, 1, 5)), EUR(58044), 0, "CP2023 annex 5, art. 7");
    side("le-portel-2023", "FIPD", ISCG_SHARE_EQUAL, 0, 0, 1);
    side("le-portel-2023", "Departement", ISCG_SHARE_EQUAL, 0, EUR(1066), 1);
    side("le-portel-2023", "EPCI", ISCG_SHARE_EQUAL, 0, 0, 1);
    funder("le-portel-2023", "FIPD", "etat", 1);
    funder("le-portel-2023", "Departement", "dept", 1);
    funder("le-portel-2023", "EPCI", "cab", 1);
    funder("le-portel-2023", "EPCI", "cias-desvres", 1);
    funder("le-portel-2023", "EPCI", "cc-2caps", 1);
    stated("le-portel-2023", "etat", EUR(19348), "CP2023 annex 2");
    stated("le-portel-2023", "dept", EUR(20414), "CP2023 annex 2");
    stated("le-portel-2023", "cab", EUR(6449), "CP2023 annex 2");
    stated("le-portel-2023", "cias-desvres", EUR(6449), "CP2023 annex 2");
    stated("le-portel-2023", "cc-2caps", EUR(6449), "CP2023 annex 2");

    /* Annex 8: Ternois, 14 333 each, the CC the rest; no cost is printed */
    convention("ternois-2023", "isg-ternois", year2023(), ISCG_UNKNOWN, 0, "CP2023 annex 8, art. 6");
    fixed_pair("ternois-2023", EUR(14333), "cc-ternois");
    stated("ternois-2023", "dept", EUR(14333), "CP2023 art. 7");

    /* Annex 9: CABBALR gendarmerie, 44 403 in thirds */
    convention("cabbalr-isg-2023", "isg-bethune", year2023(), EUR(44403), 0, "CP2023 annex 9, art. 6");
    thirds("cabbalr-isg-2023", "cabbalr", 0);
    stated("cabbalr-isg-2023", "dept", EUR(14801), "CP2023 art. 9");
    stated("cabbalr-isg-2023", "etat", EUR(14801), "CP2023 annex 2");
    stated("cabbalr-isg-2023", "cabbalr", EUR(14801), "CP2023 annex 2");

    /* Annex 10: CUA, 12 000 each, the CUA the rest; no cost is printed */
    convention("cua-2023", "iscg-arras", year2023(), ISCG_UNKNOWN, 0, "CP2023 annex 10, art. 5");
    fixed_pair("cua-2023", EUR(12000), "cua");
    stated("cua-2023", "dept", EUR(12000), "CP2023 art. 11");

    /* Annex 11: CCCA, 15 553 each on 46 659 */
    convention("ccca-2023", "isg-avesnes", year2023(), EUR(46659), 0, "CP2023 annex 11, art. 6");
    fixed_pair("ccca-2023", EUR(15553), "ccca");
    stated("ccca-2023", "dept", EUR(15553), "CP2023 art. 13");
    ok(iscg_convention_claim_equal(R, "ccca-2023", "CP2023 annex 11: financement egalitaire", &e), &e);

    /* Annex 12: CCSA, 14 665 each on 44 000 */
    convention("ccsa-2023", "isg-bapaume", year2023(), EUR(44000), 0, "CP2023 annex 12, art. 5");
    fixed_pair("ccsa-2023", EUR(14665), "ccsa");
    stated("ccsa-2023", "dept", EUR(14665), "CP2023 art. 15");
    stated("ccsa-2023", "ccsa", EUR(14670), "CP2023 annex 12");

    /* Annex 13: Osartis Marquion, 14 000 a year each on 42 000, 1 Sept - 31 Dec 2023 */
    convention("osartis-2023", "isg-osartis", (iscg_period){D(2023, 9, 1), D(2023, 12, 31)}, EUR(42000), 1,
               "CP2023 annex 13, art. 6");
    fixed_pair("osartis-2023", EUR(14000), "osartis");
    stated("osartis-2023", "dept", EUR(4666), "CP2023 art. 17");
    stated("osartis-2023", "etat", EUR(4666), "CP2023 annex 2");

    /* Annexes 14-17, France Victimes 62: "budget réparti par 1/3"; the
     * conventions print no budget, the deliberation grants the Département's
     * third (art. 19, 21, 23, 25), so the budget is three of them. */
    convention("calais-2023", "isc-calais", year2023(), 3 * EUR(11221), 0, "CP2023 annex 14, art. 7");
    thirds("calais-2023", "ca-calais", 0);
    stated("calais-2023", "dept", EUR(11221), "CP2023 art. 19");
    stated("calais-2023", "ca-calais", EUR(11221), "CP2023 annex 2");

    convention("calais-stomer-2023", "isg-calais", year2023(), 3 * EUR(12220), 0, "CP2023 annex 15, art. 7");
    side("calais-stomer-2023", "FIPD", ISCG_SHARE_EQUAL, 0, 0, 1);
    side("calais-stomer-2023", "Departement", ISCG_SHARE_EQUAL, 0, 0, 1);
    epci_side_by_percent("calais-stomer-2023", ISCG_SHARE_EQUAL, 0);
    funder("calais-stomer-2023", "FIPD", "etat", 1);
    funder("calais-stomer-2023", "Departement", "dept", 1);
    funder("calais-stomer-2023", "EPCI", "cc-opale", 4178);
    funder("calais-stomer-2023", "EPCI", "cc-audruicq", 4527);
    funder("calais-stomer-2023", "EPCI", "ca-calais", 1295);
    stated("calais-stomer-2023", "dept", EUR(12220), "CP2023 art. 21");
    stated("calais-stomer-2023", "ca-calais", EUR(1588), "CP2023 annex 2");
    stated("calais-stomer-2023", "cc-opale", EUR(5095), "CP2023 annex 2");
    stated("calais-stomer-2023", "cc-audruicq", EUR(5536), "CP2023 annex 2");

    convention("audomarois-2023", "iscg-audomarois", year2023(), 3 * EUR(11853), 0, "CP2023 annex 16, art. 7");
    side("audomarois-2023", "FIPD", ISCG_SHARE_EQUAL, 0, 0, 1);
    side("audomarois-2023", "Departement", ISCG_SHARE_EQUAL, 0, 0, 1);
    epci_side_by_percent("audomarois-2023", ISCG_SHARE_EQUAL, 0);
    funder("audomarois-2023", "FIPD", "etat", 1);
    funder("audomarois-2023", "Departement", "dept", 1);
    funder("audomarois-2023", "EPCI", "ca-stomer", 8132);
    funder("audomarois-2023", "EPCI", "cc-lumbres", 1868);
    stated("audomarois-2023", "dept", EUR(11853), "CP2023 art. 23");
    stated("audomarois-2023", "ca-stomer", EUR(9639), "CP2023 annex 2");
    stated("audomarois-2023", "cc-lumbres", EUR(2214), "CP2023 annex 2");

    convention("montreuillois-2023", "iscg-montreuillois", year2023(), 3 * EUR(12375), 0, "CP2023 annex 17, art. 7");
    side("montreuillois-2023", "FIPD", ISCG_SHARE_EQUAL, 0, 0, 1);
    side("montreuillois-2023", "Departement", ISCG_SHARE_EQUAL, 0, 0, 1);
    epci_side_by_percent("montreuillois-2023", ISCG_SHARE_EQUAL, 0);
    funder("montreuillois-2023", "FIPD", "etat", 1);
    funder("montreuillois-2023", "Departement", "dept", 1);
    funder("montreuillois-2023", "EPCI", "cc-7vallees", 2120);
    funder("montreuillois-2023", "EPCI", "cc-hautpays", 1534);
    funder("montreuillois-2023", "EPCI", "ca-2baies", 6346);
    stated("montreuillois-2023", "dept", EUR(12375), "CP2023 art. 25");
    stated("montreuillois-2023", "cc-7vallees", EUR(2623), "CP2023 annex 2");
    stated("montreuillois-2023", "cc-hautpays", EUR(1898), "CP2023 annex 2");
    stated("montreuillois-2023", "ca-2baies", EUR(7854), "CP2023 annex 2");
    return R;
}

iscg_cents amount_of(const iscg_funding *f, const char *party)
{
    iscg_funding_row row;
    int i = iscg_funding_find(f, party);
    ck_assert_msg(i >= 0, "%s has no share", party);
    ck_assert_int_eq(iscg_funding_row_get(&row, f, (size_t)i), 0);
    return row.amount;
}

iscg_dataset *seed_ds;
const iscg_registry *seed_reg;

void seed_embedded_setup(void)
{
    iscg_error e;
    ck_assert_int_eq(iscg_dataset_load_embedded(&seed_ds, &e), 0);
    seed_reg = iscg_dataset_registry(seed_ds);
}

void seed_embedded_teardown(void)
{
    iscg_dataset_free(seed_ds);
    seed_ds = NULL;
    seed_reg = NULL;
}
