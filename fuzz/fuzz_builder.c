/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: registries built through the builder API (registry.h)
 * from the fuzzer's bytes, then computed on (compute.h).
 *
 * The input is a little program: each step is an opcode byte followed by its
 * operands, read from the bytes that follow (0 once they run out). Names come
 * from small pools, so that steps meet each other's parties, posts,
 * conventions and sides; amounts, dates and enum values are drawn from tables
 * of the documents' usual values or taken raw, invalid ones included. Every
 * builder call's status is read: a bad call must fail with a sentence, never
 * crash. The registry is then frozen (a frozen registry refuses every
 * change), and every plan, part of year, receivable, audit finding, budget
 * line and report is computed and checked as compute.h describes, with and
 * without a scenario of what-ifs; the results are read again after the
 * registry is freed.
 *
 * Seeds: fuzz/corpus/builder/ (fuzz/make_builder_seeds.py writes them); no
 * dictionary (the input is binary). */
#include "compute.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct reader {
    const uint8_t *p;
    size_t n;
} reader;

static uint8_t u8(reader *r)
{
    if (r->n == 0)
        return 0;
    r->n--;
    return *r->p++;
}

static int64_t raw64(reader *r)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | u8(r);
    return (int64_t)v;
}

#define NPARTIES 8
#define NPOSTS 4
#define NCONVS 4
#define NSIDES 4
#define NSOURCES 3
static const char *const party_ids[NPARTIES + 1] = {"etat", "dep", "epci", "cias", "fv62", "caf", "ca2", "cc3", ""};
static const char *const post_ids[NPOSTS + 1] = {"isc-a", "isg-b", "iscg-c", "isc-d", ""};
static const char *const conv_ids[NCONVS + 1] = {"c0", "c1", "c2", "c3", ""};
static const char *const side_names[NSIDES + 1] = {"FIPD", "DEP", "EPCI", "CARRIER", ""};
static const char *const sources[NSOURCES + 1] = {"CP2023 annex 2", "CP2023 annex 13", NULL, ""};

/* A name of a pool of n, or (rarely) NULL or an unknown one. */
static const char *pick(reader *r, const char *const *pool, size_t n)
{
    uint8_t b = u8(r);
    if (b == 0xff)
        return NULL;
    if (b == 0xfe)
        return "unknown";
    return pool[b % (n + 1)];
}

/* An amount in cents: the documents' figures, small ones, or raw. */
static int64_t amount(reader *r)
{
    static const int64_t table[] = {0,       1,         99,          100,       1433300,  1750000,  1751000,
                                    5250000, 4200000,   1934800,     644900,    3000000,  2800000,  1400000,
                                    -1,      -100,      INT64_MAX,   INT64_MIN, 999999999, 12368700};
    uint8_t b = u8(r);
    if (b < 20)
        return table[b];
    if (b < 200)
        return (int64_t)b * 10000 + u8(r);
    return raw64(r);
}

static int64_t small(reader *r)
{
    static const int64_t table[] = {0, 1, 2, 3, 10000, 5000, 3333, 4178, 2500, 8000, -1, 10001, 35, 65000, INT64_MAX};
    uint8_t b = u8(r);
    if (b < 15)
        return table[b];
    if (b < 250)
        return b;
    return raw64(r);
}

static iscg_date date(reader *r)
{
    uint8_t b = u8(r);
    if (b >= 0xf0)
        return (iscg_date){(int)raw64(r), u8(r), u8(r)};
    iscg_date d = {2020 + b % 8, 1 + u8(r) % 12, 1 + u8(r) % 31};
    if (b & 0x80)
        d.day = d.day > 28 ? 28 : d.day; /* mostly valid */
    if (b & 0x40)
        d.day = 1;
    return d;
}

static iscg_period period(reader *r)
{
    iscg_period p;
    p.start = date(r);
    uint8_t b = u8(r);
    if (b < 0x80) { /* whole months or years after the start */
        if (iscg_period_from_months(&p, p.start, 1 + b % 36, NULL) != 0)
            p.end = p.start;
    } else
        p.end = date(r);
    return p;
}

static iscg_allocation_rule rule(reader *r)
{
    iscg_allocation_rule a = ISCG_ALLOCATION_RULE_INIT;
    uint8_t b = u8(r);
    a.unit = b & 1 ? ISCG_EURO : ISCG_CENT;
    if (b & 2)
        a.unit = small(r);
    a.rounding = (iscg_rounding)(u8(r) % (ISCG_ROUNDING_COUNT + 2));
    a.policy = (iscg_remainder_policy)(u8(r) % (ISCG_REMAINDER_POLICY_COUNT + 2));
    a.party = u8(r) % 5;
    a.weights = (iscg_weights_kind)(u8(r) % (ISCG_WEIGHTS_KIND_COUNT + 1));
    return a;
}

/* -DFUZZ_TRACE prints each builder call and its status (to read what an
 * input builds: see fuzz/README.md). */
#ifdef FUZZ_TRACE
#define TRACE(call, rc) fprintf(stderr, "%d <- %s%s%s\n", rc, #call, rc ? ": " : "", rc ? e.text : "")
#else
#define TRACE(call, rc) ((void)0)
#endif

/* A call's status: 0, or a failure with a sentence naming it. */
#define STATUS(call)                                                                                        \
    do {                                                                                                    \
        fuzz_err_reset(&e);                                                                                 \
        int rc_ = (call);                                                                                   \
        TRACE(call, rc_);                                                                                   \
        FUZZ_CHECK(rc_ <= 0, "%s gave %d", #call, rc_);                                                     \
        FUZZ_STATUS(rc_, e, #call);                                                                         \
        last = rc_;                                                                                         \
    } while (0)

static fuzz_plan *plan_of(fuzz_plan *plans, const char *id)
{
    for (size_t i = 0; id && i < NCONVS; i++)
        if (strcmp(plans[i].id, id) == 0)
            return &plans[i];
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    reader in = {data, size};
    iscg_registry *reg = NULL;
    iscg_scenario *scen = NULL;
    iscg_error e;
    int last = 0;
    fuzz_plan plans[NCONVS];
    memset(plans, 0, sizeof plans);
    for (size_t i = 0; i < NCONVS; i++)
        plans[i].id = conv_ids[i];
    iscg_budget_line line = ISCG_BUDGET_LINE_INIT;
    int budget_year = 0;

    FUZZ_CHECK(iscg_registry_new(&reg) == 0 && reg, "registry_new");
    FUZZ_CHECK(iscg_scenario_new(&scen) == 0 && scen, "scenario_new");

    for (int steps = 0; in.n > 0 && steps < 64; steps++) {
        uint8_t op = u8(&in);
        switch (op % 14) {
        case 0: { /* a party of each kind, and bad kinds */
            const char *id = pick(&in, party_ids, NPARTIES);
            iscg_party_kind kind = (iscg_party_kind)(u8(&in) % (ISCG_PARTY_KIND_COUNT + 1));
            STATUS(iscg_party_add(reg, id, kind, u8(&in) & 1 ? "Partie" : id, small(&in), &e));
            break;
        }
        case 1: { /* a post */
            iscg_post_spec p = ISCG_POST_SPEC_INIT;
            p.id = pick(&in, post_ids, NPOSTS);
            p.label = u8(&in) == 1 ? NULL : "Poste";
            p.kind = (iscg_post_kind)(u8(&in) % (ISCG_POST_KIND_COUNT + 1));
            p.carrier = pick(&in, party_ids, NPARTIES);
            p.work_time_bp = (int)small(&in);
            p.police_bp = p.kind == ISCG_POST_ISC ? 10000 : p.kind == ISCG_POST_ISG ? 0 : (int)small(&in);
            p.weekly_hours = u8(&in) & 1 ? 35 : ISCG_UNKNOWN;
            STATUS(iscg_post_add(reg, &p, &e));
            break;
        }
        case 2: { /* staffing */
            const char *post = pick(&in, post_ids, NPOSTS);
            iscg_staffing_kind kind = (iscg_staffing_kind)(u8(&in) % (ISCG_STAFFING_KIND_COUNT + 1));
            iscg_period p = period(&in);
            if (kind == ISCG_STAFF_HIRE || kind == ISCG_STAFF_DEPARTURE)
                p.end = p.start;
            STATUS(iscg_post_add_event(reg, post, kind, p, NULL, &e));
            break;
        }
        case 3: { /* a convention */
            iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
            c.id = pick(&in, conv_ids, NCONVS);
            c.post = pick(&in, post_ids, NPOSTS);
            c.period = period(&in);
            c.cost = amount(&in);
            uint8_t b = u8(&in);
            c.annual = b & 1;
            if (b & 2)
                c.cost = ISCG_UNKNOWN;
            c.daycount = (iscg_daycount)(u8(&in) % (ISCG_DAYCOUNT_COUNT + 2));
            c.rounding = rule(&in);
            c.source = sources[u8(&in) % NSOURCES];
            STATUS(iscg_convention_add(reg, &c, &e));
            fuzz_plan *p = plan_of(plans, c.id);
            if (last == 0 && p) {
                memset(p, 0, sizeof *p);
                p->id = c.id;
                p->known = 1;
                p->annual = c.annual;
                p->unit = c.rounding.unit;
                p->policy = c.rounding.policy;
            }
            break;
        }
        case 4: { /* a side of each share rule */
            const char *conv = pick(&in, conv_ids, NCONVS);
            iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
            s.name = pick(&in, side_names, NSIDES);
            s.rule = (iscg_share_rule)(u8(&in) % (ISCG_SHARE_RULE_COUNT + 1));
            s.value = s.rule == ISCG_SHARE_PERCENT ? small(&in) : amount(&in);
            uint8_t b = u8(&in);
            s.extra = b & 1 ? amount(&in) : 0;
            s.cap = b & 2 ? amount(&in) : ISCG_NO_CAP;
            s.required = !(b & 4);
            s.split = rule(&in);
            STATUS(iscg_convention_add_side(reg, conv, &s, &e));
            fuzz_plan *p = plan_of(plans, conv);
            if (last == 0 && p) {
                p->remainder |= s.rule == ISCG_SHARE_REMAINDER;
                p->nequal += s.rule == ISCG_SHARE_EQUAL;
                p->capped |= s.cap != ISCG_NO_CAP;
                if (__builtin_add_overflow(p->extras, s.extra, &p->extras))
                    p->known = 0;
            }
            break;
        }
        case 5: { /* a funder */
            const char *conv = pick(&in, conv_ids, NCONVS);
            const char *side = pick(&in, side_names, NSIDES);
            const char *party = pick(&in, party_ids, NPARTIES);
            STATUS(iscg_convention_add_funder(reg, conv, side, party, small(&in), &e));
            break;
        }
        case 6: { /* a stated amount */
            const char *conv = pick(&in, conv_ids, NCONVS);
            const char *party = pick(&in, party_ids, NPARTIES);
            iscg_cents a = amount(&in);
            STATUS(iscg_convention_state(reg, conv, party, a, sources[u8(&in) % (NSOURCES + 1)], &e));
            break;
        }
        case 7:
            STATUS(iscg_convention_claim_equal(reg, pick(&in, conv_ids, NCONVS), NULL, &e));
            break;
        case 8: { /* clauses */
            iscg_clauses c = ISCG_CLAUSES_INIT;
            const char *conv = pick(&in, conv_ids, NCONVS);
            uint8_t b = u8(&in);
            c.notice_months = b & 1 ? 3 : (int)(int8_t)u8(&in);
            c.denunciation_months = b & 2 ? 3 : 0;
            c.has_request_deadline = (b >> 2) & 1;
            c.request_deadline = date(&in);
            c.has_payment_deadline = (b >> 3) & 1;
            c.payment_deadline = date(&in);
            c.instalments = 1;
            c.activity_reports = (iscg_cadence)(u8(&in) % 6);
            c.interim_summaries = (iscg_cadence)(u8(&in) % 6);
            c.annual_report = (b >> 4) & 1;
            c.steering_committee = (b >> 5) & 1;
            c.first_steering_months = (b >> 6) & 1 ? 6 : 0;
            STATUS(iscg_convention_set_clauses(reg, conv, &c, &e));
            if (last == 0) {
                iscg_clauses back;
                STATUS(iscg_convention_get_clauses(&back, reg, conv, &e));
                FUZZ_CHECK(last == 0 && back.notice_months == c.notice_months, "clauses read back");
            }
            break;
        }
        case 9: { /* what-ifs on the registry being built */
            const char *conv = pick(&in, conv_ids, NCONVS);
            uint8_t b = u8(&in);
            if (b % 4 == 0)
                STATUS(iscg_convention_withdraw(reg, conv, pick(&in, party_ids, NPARTIES),
                                                b & 4 ? pick(&in, party_ids, NPARTIES) : NULL, &e));
            else if (b % 4 == 1)
                STATUS(iscg_convention_restore(reg, conv, pick(&in, party_ids, NPARTIES), &e));
            else if (b % 4 == 2) {
                iscg_cents cost = amount(&in);
                STATUS(iscg_convention_set_cost(reg, conv, cost, &e));
            } else
                STATUS(iscg_convention_set_period(reg, conv, period(&in), &e));
            break;
        }
        case 10: { /* a what-if of the scenario */
            iscg_whatif w = ISCG_WHATIF_INIT;
            w.kind = (iscg_whatif_kind)(u8(&in) % (ISCG_WHATIF_KIND_COUNT + 1));
            w.convention = pick(&in, conv_ids, NCONVS);
            w.party = pick(&in, party_ids, NPARTIES);
            w.replacement = u8(&in) & 1 ? pick(&in, party_ids, NPARTIES) : NULL;
            if (u8(&in) & 1)
                w.from = date(&in);
            w.cost = amount(&in);
            w.period = period(&in);
            size_t before = iscg_scenario_count(scen);
            STATUS(iscg_scenario_add(scen, &w, &e));
            FUZZ_CHECK(iscg_scenario_count(scen) == before + (last == 0), "a failed add changed the scenario");
            break;
        }
        case 11: /* was the explanations switch, gone since every result
                  * carries its trace: its byte is read so that the corpus
                  * keeps its meaning */
            (void)u8(&in);
            break;
        case 12: /* the budget line checked after freezing */
            line.operation = "C02-421K01";
            line.payer = pick(&in, party_ids, NPARTIES);
            line.credits = amount(&in);
            line.available = u8(&in) & 1 ? line.credits : amount(&in);
            budget_year = 2020 + u8(&in) % 8;
            break;
        case 13: /* a what-if removed */
            if (iscg_scenario_count(scen) > 0)
                FUZZ_CHECK(iscg_scenario_remove(scen, u8(&in) % iscg_scenario_count(scen)) == 0, "remove");
            else
                FUZZ_CHECK(iscg_scenario_remove(scen, 0) == ISCG_EINVAL, "remove from nothing");
            break;
        }
    }

    /* what was withdrawn or changed on the registry changes the plans it describes */
    fuzz_err_reset(&e);
    int valid = iscg_registry_validate(reg, &e);
    FUZZ_STATUS(valid, e, "validate");
    FUZZ_CHECK(iscg_registry_freeze(reg) == 0 && iscg_registry_frozen(reg), "freeze");
    {
        iscg_party_kind k = ISCG_PARTY_STATE;
        fuzz_err_reset(&e);
        int rc = iscg_party_add(reg, "late", k, "Late", 1, &e);
        FUZZ_CHECK(rc == ISCG_ESTATE && e.text[0], "a frozen registry took a party (%d)", rc);
        rc = iscg_convention_set_cost(reg, conv_ids[0], 1, &e);
        FUZZ_CHECK(rc == ISCG_ESTATE || rc == ISCG_ENOTFOUND, "a frozen registry took a cost (%d)", rc);
    }

    fuzz_kept kept;
    fuzz_compute_all(&kept, reg, scen, plans, NCONVS);
    if (line.payer)
        fuzz_check_budget(reg, &line, budget_year);
    iscg_registry_free(reg); /* the results hold it */
    iscg_scenario_free(scen);
    fuzz_release(&kept);
    return 0;
}
