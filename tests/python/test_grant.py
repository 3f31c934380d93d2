# SPDX-License-Identifier: Apache-2.0
"""Grants for several posts (SPLIT-8) from Python: each post's part of the
plan, on the example of an association's three posts weighted 2/1/1."""

import os
from decimal import Decimal

import iscg


def example(srcdir):
    return iscg.load(os.path.join(srcdir, "data", "examples", "association-three-posts.json"))


def test_split8_posts_of_a_plan(srcdir):
    with example(srcdir) as ds:
        plan = ds.plan("asso-2024")
        assert plan.total == Decimal("70001")
        assert [p.post for p in plan.posts] == ["isc-nord", "isc-sud", "isg-est"]
        nord, sud, est = plan.posts
        # by hand: the State's 28 000 and the Departement's 42 001 by 2/1/1, the euro left to the weight 2
        assert nord.shares == {"etat": Decimal("14000"), "dept": Decimal("21001")}
        assert sud.shares_cents == {"etat": 700000, "dept": 1050000}
        assert est.amount == Decimal("17500") and est.cost == Decimal("17500") and est.value == 1
        assert nord.cost == Decimal("35001") and nord.value == 2
        assert sum(p.amount for p in plan.posts) == plan.total
        assert "SPLIT-8" in str(plan.explanation)
        # a convention of one post has no split
        assert "FundingPost" in repr(nord)


def test_split8_convention_posts(srcdir):
    with example(srcdir) as ds:
        c = ds.conventions["asso-2024"]
        assert c.post == "isc-nord" and c.post_split == "WEIGHTS"
        assert c.posts == (("isc-nord", 2), ("isc-sud", 1), ("isg-est", 1))
        assert [x.id for x in ds.conventions.of_post("isg-est")] == ["asso-2024"]


def test_split8_report_by_post(srcdir):
    with example(srcdir) as ds:
        table = ds.funding(2024)
        assert len(table) == 2
        rows = list(table.by_post)
        assert len(rows) == 6
        assert (rows[1].post, rows[1].funder, rows[1].share, rows[1].amount) == \
            ("isc-nord", "dept", Decimal("42001"), Decimal("21001"))
        assert "FundingPostRow" in repr(rows[1])


def test_split8_none_on_pas_de_calais(ds):
    assert all(not ds.plan(c.id).posts and c.posts == () and c.post_split == "NONE" for c in ds.conventions)
    assert len(ds.funding().by_post) == 0
