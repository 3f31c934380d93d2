# SPDX-License-Identifier: Apache-2.0
"""Fixtures of the Python tests. tests/python.sh puts the built extension
module and the package sources on the path; the seed figures are those of
the C tests (tests/check_*.c), reached through Python."""

import os

import pytest

import iscg

SRCDIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


@pytest.fixture
def ds():
    """The embedded Pas-de-Calais 2023 dataset, fresh for each test (what-if
    tests change it)."""
    with iscg.load() as dataset:
        yield dataset


@pytest.fixture
def srcdir():
    return SRCDIR


def eur(euros):
    """Cents of a whole number of euros, as the C tests' EUR()."""
    return euros * 100
