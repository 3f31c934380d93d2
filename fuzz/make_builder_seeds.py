#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the seeds of fuzz_builder (fuzz/corpus/builder/seed-*.bin): builder
programs in the byte format fuzz/fuzz_builder.c reads, shaped like the
documents' plans (an equal tripartite plan, a fixed State share with the
remainder to the carrier, percentages, an annual convention, population
weights, a withdrawal, stated amounts that differ). Run from the source tree:

    python3 fuzz/make_builder_seeds.py
"""
import os
import struct

PARTIES = ["etat", "dep", "epci", "cias", "fv62", "caf", "ca2", "cc3"]
POSTS = ["isc-a", "isg-b", "iscg-c", "isc-d"]
CONVS = ["c0", "c1", "c2", "c3"]
SIDES = ["FIPD", "DEP", "EPCI", "CARRIER"]
KIND = {"STATE": 0, "DEPARTEMENT": 1, "EPCI": 2, "CIAS": 3, "ASSOCIATION": 4, "OTHER": 5}
RULE = {"EQUAL": 0, "PERCENT": 1, "FIXED": 2, "REMAINDER": 3}
ROUND = {"DOWN": 1, "HALF_UP": 5, "HALF_EVEN": 7}
POLICY = {"NONE": 1, "TO_FIRST": 2, "LARGEST_REMAINDER": 3, "LARGEST_WEIGHT": 4, "TO_PARTY": 5}
DAYCOUNT = {"MONTHS_WHOLE": 1, "MONTHS_PRORATED": 3, "ACT_365F": 7}


def amount(cents):
    return bytes([200]) + struct.pack(">q", cents)


def small(v):
    if 15 <= v < 250:
        return bytes([v])
    return bytes([250]) + struct.pack(">q", v)


def date(y, m, d):
    return bytes([y - 2020, m - 1, d - 1])


def months(start, n):
    return date(*start) + bytes([n - 1])


def rule(unit_euro, rounding, policy, party=0, basis_points=False):
    return bytes([1 if unit_euro else 0, ROUND[rounding], POLICY[policy], party, 1 if basis_points else 0])


def party(pid, kind, population=-1):
    return bytes([0, PARTIES.index(pid), KIND[kind], 0]) + (bytes([10]) if population == -1 else small(population))


def post(pid, carrier, kind=0):
    return bytes([1, POSTS.index(pid), 0, kind, PARTIES.index(carrier), 4, 0])


def convention(cid, pid, period, cost, daycount, rl, annual=False, unknown=False):
    flags = (1 if annual else 0) | (2 if unknown else 0)
    return bytes([3, CONVS.index(cid), POSTS.index(pid)]) + period + amount(cost) + bytes([flags, DAYCOUNT[daycount]]) + rl + bytes([0])


def side(cid, name, r, value=0, extra=None, required=True, split=None):
    b = bytes([4, CONVS.index(cid), SIDES.index(name), RULE[r]])
    b += small(value) if r == "PERCENT" else amount(value)
    flags = (1 if extra is not None else 0) | (0 if required else 4)
    b += bytes([flags]) + (amount(extra) if extra is not None else b"")
    return b + (split or rule(True, "DOWN", "TO_FIRST"))


def funder(cid, name, pid, weight=1):
    return bytes([5, CONVS.index(cid), SIDES.index(name), PARTIES.index(pid)]) + small(weight)


def state(cid, pid, cents):
    return bytes([6, CONVS.index(cid), PARTIES.index(pid)]) + amount(cents) + bytes([0])


def claim_equal(cid):
    return bytes([7, CONVS.index(cid)])


def withdraw_whatif(cid, pid, frm=None, replacement=None):
    b = bytes([10, 1, CONVS.index(cid), PARTIES.index(pid)])
    b += bytes([1, PARTIES.index(replacement)]) if replacement else bytes([0])
    b += bytes([1]) + date(*frm) if frm else bytes([0])
    return b + amount(0) + months((2023, 1, 1), 12)


def event(pid, kind, period):
    return bytes([2, POSTS.index(pid), kind]) + period


def budget(payer, credits, year):
    return bytes([12, PARTIES.index(payer)]) + amount(credits) + bytes([1, year - 2020])


def base_parties():
    return (party("etat", "STATE") + party("dep", "DEPARTEMENT") + party("epci", "EPCI", 38000) +
            party("cias", "CIAS") + party("fv62", "ASSOCIATION") + party("caf", "OTHER") + party("ca2", "EPCI", 62000) +
            party("cc3", "EPCI", 24000))


SEEDS = {
    # Béthune: equal thirds of 52 500 over 2022-12-03..2023-12-02, stated 17 510 for the EPCI
    "tripartite": base_parties() + post("isc-a", "epci") +
    convention("c0", "isc-a", months((2022, 12, 3), 12), 5250000, "ACT_365F", rule(True, "DOWN", "TO_FIRST")) +
    side("c0", "FIPD", "EQUAL") + side("c0", "DEP", "EQUAL") + side("c0", "EPCI", "EQUAL") +
    funder("c0", "FIPD", "etat") + funder("c0", "DEP", "dep") + funder("c0", "EPCI", "epci") +
    state("c0", "etat", 1750000) + state("c0", "epci", 1751000) + claim_equal("c0") + budget("dep", 12368700, 2023),
    # a fixed FIPD share, 30 % for the Département, the rest to the carrier, with travel costs
    "fixed-remainder": base_parties() + post("isg-b", "fv62") +
    convention("c1", "isg-b", months((2023, 1, 1), 12), 4200000, "MONTHS_WHOLE", rule(False, "HALF_UP", "NONE")) +
    side("c1", "FIPD", "FIXED", 1433300) + side("c1", "DEP", "PERCENT", 3000, extra=150000) +
    side("c1", "CARRIER", "REMAINDER") + funder("c1", "FIPD", "etat") + funder("c1", "DEP", "dep") +
    funder("c1", "CARRIER", "fv62") + state("c1", "dep", 1260000) +
    event("isg-b", 2, months((2023, 3, 1), 2)),
    # Le Portel: an EPCI side shared by population among three, remainder NONE (drift)
    "population-drift": base_parties() + post("isc-d", "epci") +
    convention("c2", "isc-d", months((2023, 1, 1), 12), 5804400, "MONTHS_PRORATED", rule(True, "DOWN", "TO_FIRST")) +
    side("c2", "FIPD", "EQUAL") + side("c2", "DEP", "EQUAL") +
    side("c2", "EPCI", "EQUAL", split=rule(True, "DOWN", "NONE")) + funder("c2", "FIPD", "etat") +
    funder("c2", "DEP", "dep") + funder("c2", "EPCI", "epci", 38000) + funder("c2", "EPCI", "ca2", 62000) +
    funder("c2", "EPCI", "cc3", 24000) + state("c2", "ca2", 644900),
    # Osartis Marquion: annual amounts over four months, a dated withdrawal in a scenario
    "annual-withdrawal": base_parties() + post("iscg-c", "dep") +
    convention("c3", "iscg-c", months((2023, 9, 1), 4), 4200000, "MONTHS_WHOLE", rule(True, "DOWN", "TO_FIRST"),
               annual=True) +
    side("c3", "FIPD", "PERCENT", 5000) + side("c3", "EPCI", "REMAINDER") + funder("c3", "FIPD", "etat") +
    funder("c3", "EPCI", "epci") + withdraw_whatif("c3", "etat", (2023, 11, 1), "caf"),
    # two conventions of one post over two years, the State withdrawn on a side that is not required
    "two-years": base_parties() + post("isc-a", "cias") +
    convention("c0", "isc-a", months((2022, 7, 1), 18), 7500000, "MONTHS_PRORATED", rule(True, "HALF_EVEN", "LARGEST_REMAINDER")) +
    side("c0", "FIPD", "EQUAL", required=False) + side("c0", "DEP", "EQUAL") + side("c0", "CARRIER", "EQUAL") +
    funder("c0", "FIPD", "etat") + funder("c0", "DEP", "dep") + funder("c0", "CARRIER", "cias") +
    bytes([9, 0, 0, 0]) +  # withdraw etat from c0 on the registry being built
    convention("c1", "isc-a", months((2024, 1, 1), 12), 5000000, "MONTHS_WHOLE", rule(True, "DOWN", "LARGEST_WEIGHT")) +
    side("c1", "DEP", "PERCENT", 5000) + side("c1", "CARRIER", "PERCENT", 5000) + funder("c1", "DEP", "dep") +
    funder("c1", "CARRIER", "cias") + budget("dep", 100000, 2024),
}


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "builder")
    os.makedirs(out, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(out, "seed-%s.bin" % name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
