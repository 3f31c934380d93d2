# SPDX-License-Identifier: Apache-2.0
"""The library's enumerations as Python enums.

Each member is an int equal to its C value (taken from the low-level module,
so the two cannot drift apart), prints as the name the library gives it
("DOWN", "30_360_US", "women"), and can be read back from that name with
parse(), which every function of the package applies to its arguments: a
member, its int value or its name are all accepted.
"""

import enum
from typing import Type, TypeVar, Union

from . import _iscg as _c

from ._util import error


E = TypeVar("E", bound="CEnum")

class CEnum(enum.IntEnum):
    """An enumeration of libiscg: an int equal to the C value."""

    def __str__(self):
        return self.label

    def __format__(self, spec):
        return format(str(self), spec)

    def __repr__(self):
        return "%s.%s" % (type(self).__name__, self.name)

    @property
    def label(self) -> str:
        """The library's name for the member ("DOWN", "30_360_US", "women")."""
        name_of = _NAME_OF.get(type(self))
        return name_of(int(self)) if name_of else self.name

    @classmethod
    def parse(cls: Type[E], value: Union[int, str]) -> E:
        """The member for `value`: a member, its int value, or its name
        (case-insensitive; the C library's spellings and aliases are
        accepted, e.g. "TRUNCATE" for Rounding.DOWN, "MENSUEL" for
        Cadence.MONTHLY)."""
        if isinstance(value, cls):
            return value
        if isinstance(value, bool):
            raise TypeError("%s: a member, an int or a name is expected, not a bool" % cls.__name__)
        if isinstance(value, int):
            try:
                return cls(value)
            except ValueError:
                raise error(_c.InvalidInput, _c.ISCG_EINVAL,
                            "%d is not a %s value" % (value, cls.__name__)) from None
        if isinstance(value, str):
            from_name = _FROM_NAME.get(cls)
            if from_name is not None:
                try:
                    return cls(from_name(value))
                except _c.Error:
                    pass
            wanted = value.strip().upper()
            for member in cls:
                if wanted in (member.name, member.label.upper()):
                    return member
            raise error(_c.ParseError, _c.ISCG_EPARSE, "%r is not a %s: give one of %s" % (
                value, cls.__name__, ", ".join(m.label for m in cls)))
        raise TypeError("%s: a member, an int or a name is expected, not %s" % (cls.__name__, type(value).__name__))


_NAME_OF = {}    # enum -> the C function naming its members
_FROM_NAME = {}  # enum -> the C function reading a name


def _bind(cls, name_of=None, from_name=None, count=None):
    """Records the C functions that name the members, and checks that the
    enum has as many members as the C one."""
    if name_of is not None:
        _NAME_OF[cls] = name_of
    if from_name is not None:
        _FROM_NAME[cls] = from_name
    if count is not None and len(cls) != count:
        raise ImportError("iscg.%s has %d members, the C library %d" % (cls.__name__, len(cls), count))
    return cls


class Status(CEnum):
    """Status codes: 0 is success, every failure is negative (iscg/error.h)."""
    OK = _c.ISCG_OK
    EINVAL = _c.ISCG_EINVAL
    ENOMEM = _c.ISCG_ENOMEM
    EOVERFLOW = _c.ISCG_EOVERFLOW
    ERANGE = _c.ISCG_ERANGE
    EDATE = _c.ISCG_EDATE
    EPARSE = _c.ISCG_EPARSE
    EROUNDING = _c.ISCG_EROUNDING
    EWEIGHTS = _c.ISCG_EWEIGHTS
    ENOTFOUND = _c.ISCG_ENOTFOUND
    EDUPLICATE = _c.ISCG_EDUPLICATE
    ECREDIT = _c.ISCG_ECREDIT
    ETERMINATED = _c.ISCG_ETERMINATED
    ESTATE = _c.ISCG_ESTATE
    EIO = _c.ISCG_EIO
    ETOTAL = _c.ISCG_ETOTAL
    ECANCELED = _c.ISCG_ECANCELED

    @property
    def text(self) -> str:
        """The library's description of the status (iscg_strerror())."""
        return _c.iscg_strerror(int(self))


class Rounding(CEnum):
    """Rounding modes, named as in mpdecimal and Python's decimal module
    (ROUND-1, ROUND-2). UNNECESSARY fails when rounding would be needed."""
    DOWN = _c.ISCG_ROUND_DOWN
    UP = _c.ISCG_ROUND_UP
    FLOOR = _c.ISCG_ROUND_FLOOR
    CEILING = _c.ISCG_ROUND_CEILING
    HALF_UP = _c.ISCG_ROUND_HALF_UP
    HALF_DOWN = _c.ISCG_ROUND_HALF_DOWN
    HALF_EVEN = _c.ISCG_ROUND_HALF_EVEN
    UNNECESSARY = _c.ISCG_ROUND_UNNECESSARY


class MoneyStyle(CEnum):
    """Styles of format_money(): PLAIN "-14333.00", FRENCH "14 333 €",
    FRENCH_CENTS "14 333,00 €"."""
    PLAIN = _c.ISCG_MONEY_PLAIN
    FRENCH = _c.ISCG_MONEY_FRENCH
    FRENCH_CENTS = _c.ISCG_MONEY_FRENCH_CENTS


class RemainderPolicy(CEnum):
    """Where the remainder left by rounding each share goes (ROUND-3)."""
    NONE = _c.ISCG_REMAINDER_NONE
    TO_FIRST = _c.ISCG_REMAINDER_TO_FIRST
    LARGEST_REMAINDER = _c.ISCG_REMAINDER_LARGEST_REMAINDER
    LARGEST_WEIGHT = _c.ISCG_REMAINDER_LARGEST_WEIGHT
    TO_PARTY = _c.ISCG_REMAINDER_TO_PARTY
    ROUND_ROBIN = _c.ISCG_REMAINDER_ROUND_ROBIN


class WeightsKind(CEnum):
    """How weights are read: RAW integers, or BASIS_POINTS that must sum to
    10 000 (SPLIT-4)."""
    RAW = _c.ISCG_WEIGHTS_RAW
    BASIS_POINTS = _c.ISCG_WEIGHTS_BASIS_POINTS


class DayCount(CEnum):
    """Day-count conventions for year fractions (PRO-1, PRO-2); the 30/360
    and Actual ones follow QuantLib. Their library names ("30_360_US") are
    not identifiers, so the members spell the digits out."""
    MONTHS_WHOLE = _c.ISCG_DAYCOUNT_MONTHS_WHOLE
    MONTHS_STARTED = _c.ISCG_DAYCOUNT_MONTHS_STARTED
    MONTHS_PRORATED = _c.ISCG_DAYCOUNT_MONTHS_PRORATED
    THIRTY_360_US = _c.ISCG_DAYCOUNT_30_360_US
    THIRTY_360_BOND = _c.ISCG_DAYCOUNT_30_360_BOND
    THIRTY_E_360 = _c.ISCG_DAYCOUNT_30E_360
    ACT_365F = _c.ISCG_DAYCOUNT_ACT_365F
    ACT_ACT_ISDA = _c.ISCG_DAYCOUNT_ACT_ACT_ISDA


class PeriodKind(CEnum):
    """The kind of a calendar period (CAL-3, STAT-1). How often a report is
    due (a cadence) and what an activity record or a statistics row covers
    (a granularity) are one concept: Cadence and Granularity are other names
    of this class. A member prints as the statistics name it ("MONTH"); its
    cadence is how dataset files spell it ("MONTHLY"); parse() reads both,
    and the conventions' French ("mensuel"). NONE is a cadence (nothing is
    due), not a granularity: the statistics refuse it."""
    NONE = _c.ISCG_PERIOD_NONE
    MONTH = _c.ISCG_PERIOD_MONTH
    QUARTER = _c.ISCG_PERIOD_QUARTER
    HALF_YEAR = _c.ISCG_PERIOD_HALF_YEAR
    YEAR = _c.ISCG_PERIOD_YEAR
    # the cadence spellings: other names of the same members
    MONTHLY = _c.ISCG_PERIOD_MONTH
    QUARTERLY = _c.ISCG_PERIOD_QUARTER
    SEMESTRIAL = _c.ISCG_PERIOD_HALF_YEAR
    ANNUAL = _c.ISCG_PERIOD_YEAR

    @property
    def cadence(self) -> str:
        """How a dataset file spells the member as a cadence ("MONTHLY", "NONE")."""
        return _c.iscg_cadence_name(int(self))

    @property
    def months(self) -> int:
        """The months of one period of this kind: 1, 3, 6, 12 (0 for NONE)."""
        return _c.iscg_period_kind_months(int(self))


#: How often a report is due (CAL-3): another name of PeriodKind.
Cadence = PeriodKind
#: The kind of period an activity record or a statistics row covers (STAT-1): another name of PeriodKind.
Granularity = PeriodKind


class DeadlineKind(CEnum):
    """What a deadline of a convention is for (CAL-2, CAL-3, RCV-2)."""
    DENUNCIATION = _c.ISCG_DEADLINE_DENUNCIATION
    REQUEST = _c.ISCG_DEADLINE_REQUEST
    PAYMENT = _c.ISCG_DEADLINE_PAYMENT
    REPORT_ACTIVITY = _c.ISCG_DEADLINE_REPORT_ACTIVITY
    REPORT_INTERIM = _c.ISCG_DEADLINE_REPORT_INTERIM
    REPORT_ANNUAL = _c.ISCG_DEADLINE_REPORT_ANNUAL
    STEERING = _c.ISCG_DEADLINE_STEERING
    EXPIRY = _c.ISCG_DEADLINE_EXPIRY


class PartyKind(CEnum):
    """What kind of body a party (a funder or a carrier) is (PARTY-1, PARTY-2)."""
    STATE = _c.ISCG_PARTY_STATE
    DEPARTEMENT = _c.ISCG_PARTY_DEPARTEMENT
    EPCI = _c.ISCG_PARTY_EPCI
    CIAS = _c.ISCG_PARTY_CIAS
    ASSOCIATION = _c.ISCG_PARTY_ASSOCIATION
    OTHER = _c.ISCG_PARTY_OTHER
    COMMUNE = _c.ISCG_PARTY_COMMUNE
    CAF = _c.ISCG_PARTY_CAF
    REGION = _c.ISCG_PARTY_REGION


class PostKind(CEnum):
    """What kind of post (POST-1): police station, gendarmerie, or both."""
    ISC = _c.ISCG_POST_ISC
    ISG = _c.ISCG_POST_ISG
    ISCG = _c.ISCG_POST_ISCG


class StaffingKind(CEnum):
    """Staffing events of a post (POST-3)."""
    HIRE = _c.ISCG_STAFF_HIRE
    DEPARTURE = _c.ISCG_STAFF_DEPARTURE
    ABSENCE = _c.ISCG_STAFF_ABSENCE
    VACANCY = _c.ISCG_STAFF_VACANCY


class ShareRule(CEnum):
    """How a side's amount follows from the cost (SPLIT-1, SPLIT-2)."""
    EQUAL = _c.ISCG_SHARE_EQUAL
    PERCENT = _c.ISCG_SHARE_PERCENT
    FIXED = _c.ISCG_SHARE_FIXED
    REMAINDER = _c.ISCG_SHARE_REMAINDER


class FindingKind(CEnum):
    """What an audit finding is about (AUD-1)."""
    MISMATCH = _c.ISCG_FINDING_MISMATCH
    DRIFT = _c.ISCG_FINDING_DRIFT
    SIDE_SUM = _c.ISCG_FINDING_SIDE_SUM
    UNEXPECTED = _c.ISCG_FINDING_UNEXPECTED
    UNCOMPUTABLE = _c.ISCG_FINDING_UNCOMPUTABLE
    UNEQUAL = _c.ISCG_FINDING_UNEQUAL
    BUDGET = _c.ISCG_FINDING_BUDGET


class GroupBy(CEnum):
    """How activity records are grouped into rows (STAT-3)."""
    ALL = _c.ISCG_STATS_BY_ALL
    POST = _c.ISCG_STATS_BY_POST
    CARRIER = _c.ISCG_STATS_BY_CARRIER
    FORCE = _c.ISCG_STATS_BY_FORCE
    TERRITORY = _c.ISCG_STATS_BY_TERRITORY


class ActivityCarrier(CEnum):
    """The kind of body that carries the worker, for grouping (POST-2)."""
    UNSPECIFIED = _c.ISCG_ACTIVITY_CARRIER_UNSPECIFIED
    DEPARTEMENT = _c.ISCG_ACTIVITY_CARRIER_DEPARTEMENT
    EPCI = _c.ISCG_ACTIVITY_CARRIER_EPCI
    ASSOCIATION = _c.ISCG_ACTIVITY_CARRIER_ASSOCIATION


class ActivityForce(CEnum):
    """Whom a record's activity was done with, for grouping."""
    UNSPECIFIED = _c.ISCG_ACTIVITY_FORCE_UNSPECIFIED
    POLICE = _c.ISCG_ACTIVITY_POLICE
    GENDARMERIE = _c.ISCG_ACTIVITY_GENDARMERIE
    BOTH = _c.ISCG_ACTIVITY_BOTH


class ActivityField(CEnum):
    """The figures of an activity record, in the order of a row's counts."""
    WOMEN = _c.ISCG_ACTIVITY_WOMEN
    MEN = _c.ISCG_ACTIVITY_MEN
    CHILDREN = _c.ISCG_ACTIVITY_CHILDREN
    REFERRALS = _c.ISCG_ACTIVITY_REFERRALS
    INTERVIEWS = _c.ISCG_ACTIVITY_INTERVIEWS
    INTERVIEWS_PHYSICAL = _c.ISCG_ACTIVITY_INTERVIEWS_PHYSICAL
    INTERVIEWS_TELEPHONE = _c.ISCG_ACTIVITY_INTERVIEWS_TELEPHONE
    INTERVIEWS_PARTNERS = _c.ISCG_ACTIVITY_INTERVIEWS_PARTNERS
    EPCI = _c.ISCG_ACTIVITY_EPCI
    COMMUNES = _c.ISCG_ACTIVITY_COMMUNES
    POPULATION = _c.ISCG_ACTIVITY_POPULATION
    VIF = _c.ISCG_ACTIVITY_VIF


class GapKind(CEnum):
    """What a gap in the activity data is (STAT-4)."""
    NOT_REPORTED = _c.ISCG_STATS_GAP_NOT_REPORTED
    UNKNOWN = _c.ISCG_STATS_GAP_UNKNOWN
    INCOMPLETE = _c.ISCG_STATS_GAP_INCOMPLETE


class CellState(CEnum):
    """The state of a cell of a table prepared for publication (PRIV-1)."""
    PUBLISHED = _c.ISCG_STATS_CELL_PUBLISHED
    UNKNOWN = _c.ISCG_STATS_CELL_UNKNOWN
    SUPPRESSED = _c.ISCG_STATS_CELL_SUPPRESSED
    COMPLEMENTARY = _c.ISCG_STATS_CELL_COMPLEMENTARY


def _period_kind_name(value):
    """The statistics name of a period kind, or its cadence for NONE."""
    return _c.iscg_period_kind_name(value) or _c.iscg_cadence_name(value)


def _period_kind_parse(name):
    """A period kind from its statistics name, or else from its cadence."""
    try:
        return _c.iscg_period_kind_parse(name)
    except _c.Error:
        return _c.iscg_cadence_parse(name)


_bind(Rounding, _c.iscg_rounding_name, _c.iscg_rounding_parse, _c.ISCG_ROUNDING_COUNT)
_bind(MoneyStyle, _c.iscg_money_style_name, _c.iscg_money_style_parse, _c.ISCG_MONEY_STYLE_COUNT)
_bind(RemainderPolicy, _c.iscg_remainder_policy_name, _c.iscg_remainder_policy_parse,
      _c.ISCG_REMAINDER_POLICY_COUNT)
_bind(WeightsKind, _c.iscg_weights_kind_name, _c.iscg_weights_kind_parse, _c.ISCG_WEIGHTS_KIND_COUNT)
_bind(DayCount, _c.iscg_daycount_name, _c.iscg_daycount_parse, _c.ISCG_DAYCOUNT_COUNT)
_bind(PeriodKind, _period_kind_name, _period_kind_parse, _c.ISCG_PERIOD_KIND_COUNT)
_bind(DeadlineKind, _c.iscg_deadline_kind_name, _c.iscg_deadline_kind_parse, _c.ISCG_DEADLINE_KIND_COUNT)
_bind(PartyKind, _c.iscg_party_kind_name, _c.iscg_party_kind_parse, _c.ISCG_PARTY_KIND_COUNT)
_bind(PostKind, _c.iscg_post_kind_name, _c.iscg_post_kind_parse, _c.ISCG_POST_KIND_COUNT)
_bind(StaffingKind, _c.iscg_staffing_kind_name, _c.iscg_staffing_kind_parse, _c.ISCG_STAFFING_KIND_COUNT)
_bind(ShareRule, _c.iscg_share_rule_name, _c.iscg_share_rule_parse, _c.ISCG_SHARE_RULE_COUNT)
_bind(FindingKind, _c.iscg_finding_kind_name, _c.iscg_finding_kind_parse, _c.ISCG_FINDING_KIND_COUNT)
_bind(GroupBy, _c.iscg_stats_key_name, _c.iscg_stats_key_parse, _c.ISCG_STATS_KEY_COUNT)
_bind(ActivityCarrier, _c.iscg_activity_carrier_name, _c.iscg_activity_carrier_parse,
      _c.ISCG_ACTIVITY_CARRIER_COUNT)
_bind(ActivityForce, _c.iscg_activity_force_name, _c.iscg_activity_force_parse, _c.ISCG_ACTIVITY_FORCE_COUNT)
_bind(ActivityField, _c.iscg_activity_field_name, _c.iscg_activity_field_parse, _c.ISCG_ACTIVITY_FIELD_COUNT)
_bind(GapKind, _c.iscg_stats_gap_kind_name, _c.iscg_stats_gap_kind_parse, _c.ISCG_STATS_GAP_KIND_COUNT)
_bind(CellState, _c.iscg_stats_cell_state_name, _c.iscg_stats_cell_state_parse, _c.ISCG_STATS_CELL_STATE_COUNT)

ENUMS = (Status, Rounding, MoneyStyle, RemainderPolicy, WeightsKind, DayCount, PeriodKind, DeadlineKind, PartyKind,
         PostKind, StaffingKind, ShareRule, FindingKind, GroupBy, ActivityCarrier, ActivityForce, ActivityField,
         GapKind, CellState)
