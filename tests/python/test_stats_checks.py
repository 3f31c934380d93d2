# SPDX-License-Identifier: Apache-2.0
"""Stated totals and shares of the activity (STAT-7) from Python: the
checks of a dataset's stated figures, through the report layer."""

import os
from decimal import Decimal
from fractions import Fraction

import iscg


def stated(srcdir):
    return iscg.load(os.path.join(srcdir, "tests", "datasets", "stated-figures.json"))


def test_stat7_totals_checked_against_the_records(srcdir):
    with stated(srcdir) as ds:
        bethune, women = ds.stats_checks()[:2]
    # annex 1 (2022): Béthune's Total column, 598 referrals
    assert bethune.kind == "total" and bethune.agrees
    assert (bethune.stated, bethune.computed, bethune.exact) == (598, 598, Fraction(598))
    assert bethune.measure is iscg.ActivityField.REFERRALS and bethune.post == "isc-bethune"
    assert bethune.granularity is iscg.Granularity.YEAR and bethune.records == 1
    assert str(bethune.period) == str(iscg.Period("2022-01-01", "2022-12-31"))
    assert bethune.source == "annex 1, Total column"
    # a mistyped total: 427 + 127 women is 554, not 555
    assert (women.stated, women.computed, women.agrees, women.records) == (555, 554, False, 2)
    assert women.post is None and women.what == "women referred in 2022"


def test_stat7_shares_exact_and_rounded(srcdir):
    with stated(srcdir) as ds:
        good, bad = ds.stats_checks()[2:]
    assert good.kind == "share" and good.agrees
    assert (good.count, good.of, good.exact) == (61, 98, Fraction(61, 98))
    assert good.stated == Decimal("62.2") and good.computed == Decimal("62.2")
    assert good.rounding is iscg.Rounding.HALF_UP
    assert not bad.agrees and bad.stated == Decimal("66.66") and bad.computed == Decimal("66.67")
    for check in (good, bad):
        assert not isinstance(check.stated, float) and not isinstance(check.computed, float)


def test_stat7_embedded_dataset_states_nothing(ds):
    assert ds.stats_checks() == ()
