r"""Classification criteria for primary Sjögren's syndrome: AECG 2002 and ACR/EULAR 2016.

Every input may be ``None`` (not known). An item with missing data is unknown; the whole
outcome is unknown only when the unknown items could change it (for ACR/EULAR 2016, 4 points
already reached is met whatever is missing, provided the entry criterion and the exclusions
are decided). For an unknown outcome, ``missing`` lists only the inputs of the items that
could still change it: each unknown item is tried both ways against every completion of the
others (at most 2⁹ cases).

Measured values are compared with their cut-offs exactly: a number is read as the nearest
fraction with a denominator of at most 10⁶ (the value as typed), so 0.1 mL/min is
"<= 0.1 mL/min" and 1.5 mL/15 min is "<= 1.5 mL/15 min".
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from activity_scores import _validation as _v
from activity_scores._logic import all_of, any_of, at_least, points_reach
from activity_scores.results import Outcome, deferred_outcome

__all__ = ["acr_eular_2016_sjogren", "aecg_2002_sjogren"]

#: Plausible upper limits (documented on the docs page): larger values are entry errors.
_SCHIRMER_MAX = 35  # mm: the Schirmer strip is 35 mm long
_FOCUS_MAX = 20  # foci per 4 mm²: beyond ~12 foci coalesce and are scored as confluent
_FLOW_PER_MIN_MAX = 5  # mL/min: unstimulated whole saliva is normally 0.3-0.5 mL/min
_FLOW_PER_15_MIN_MAX = 75  # mL/15 min, the same limit
_VAN_BIJSTERVELD_MAX = 9
_OSS_MAX = 12
_DENOMINATOR = 10**6


def _exact(value: float) -> Fraction:
    return Fraction(value).limit_denominator(_DENOMINATOR)


#: A test's decision: (value used, met or present). Plain tuples (issue 8): the test's text
#: is built from them (by its ``_*_text`` function) only when the outcome's details are read.
_Test = tuple[object, bool | None]
#: A test's text: (its ``_*_text`` function, the test's constants), called as
#: ``function(value, met, constants)``.
_Text = tuple[Callable[[Any, Any, Any], str], Any]
#: A measured test's constants: (field, cut-off, upper limit, label, unit).
_Measured = tuple[str, "_Cut", float, str, str]
#: A score test's constants: (field, limit, upper limit, label).
_Scored = tuple[str, int, int, str]

_STATUS = {True: "met", False: "not met", None: "unknown"}
#: Exact cut-offs, built once (Fractions are immutable; perf2).
_ONE, _FIVE, _THREE_HALVES, _ONE_TENTH = Fraction(1), Fraction(5), Fraction(3, 2), Fraction(1, 10)


class _Cut:
    """A cut-off compared exactly with the value as typed (``_exact``), cheaply far from it.

    ``_exact(x)`` is the fraction closest to ``x`` with a denominator of at most 10⁶, and the
    cut-off ``c`` is such a fraction, so ``x <= c`` implies ``_exact(x) <= c`` and
    ``x >= c`` implies ``_exact(x) >= c``. The Farey neighbours of ``c`` lie within 10⁻⁶ of
    it, so ``x`` more than 10⁻⁵ above ``c`` has a closer fraction than ``c`` (and below,
    likewise): ``_exact(x) > c``. Only a value within 10⁻⁵ of the cut-off is converted.
    """

    __slots__ = ("above", "below", "limit", "shown")

    def __init__(self, limit: Fraction) -> None:
        self.limit = limit
        self.below = float(limit) - 1e-5
        self.above = float(limit) + 1e-5
        self.shown = f"{float(limit):g}"


_CUT_ONE, _CUT_FIVE = _Cut(_ONE), _Cut(_FIVE)
_CUT_THREE_HALVES, _CUT_ONE_TENTH = _Cut(_THREE_HALVES), _Cut(_ONE_TENTH)


def _texts(label: str) -> dict[bool | None, str]:
    """The text of a yes/no answer in each state, built once per question."""
    return {True: f"{label}: yes", False: f"{label}: no", None: f"{label}: unknown"}


def _flag(field: str, value: object) -> _Test:
    if value is None or value is True or value is False:
        return value, value
    answer = _v.flag(field, value)  # raises: not a bool
    return answer, answer  # pragma: no cover - flag() raised


def _flag_text(value: bool | None, _met: bool | None, texts: dict[bool | None, str]) -> str:  # noqa: FBT001 - a tri-state answer
    return texts[value]


def _real(field: str, value: object, hi: float, unit: str) -> float:
    if type(value) is float and 0.0 < value < hi:  # the common case, as _v.real tests it
        return value
    return _v.real(field, value, 0, hi, unit=unit)


def _at_most(test: _Measured, value: object) -> _Test:
    if value is None:
        return None, None
    field, cut, hi, _, unit = test
    number = _real(field, value, hi, unit)
    if number <= cut.below:
        met = True
    elif number >= cut.above:
        met = False
    else:
        met = _exact(number) <= cut.limit
    return number, met


def _at_most_text(number: float | None, met: bool | None, test: _Measured) -> str:  # noqa: FBT001 - the test's decision
    _, cut, _, label, unit = test
    if number is None:
        return f"{label} not recorded"
    return f"{label} {number:g} {unit} {'<=' if met else '>'} {cut.shown}"


def _at_least_value(test: _Measured, value: object) -> _Test:
    if value is None:
        return None, None
    field, cut, hi, _, unit = test
    number = _real(field, value, hi, unit)
    if number >= cut.above:
        met = True
    elif number <= cut.below:
        met = False
    else:
        met = _exact(number) >= cut.limit
    return number, met


def _at_least_text(number: float | None, met: bool | None, test: _Measured) -> str:  # noqa: FBT001 - the test's decision
    _, cut, _, label, unit = test
    if number is None:
        return f"{label} not recorded"
    shown = f"{number:g} {unit}".rstrip()
    return f"{label} {shown} {'>=' if met else '<'} {cut.shown}"


def _score_at_least(test: _Scored, value: object) -> _Test:
    if value is None:
        return None, None
    field, limit, hi, _ = test
    number = value if type(value) is int and 0 <= value <= hi else _v.count(field, value, 0, hi)
    return number, number >= limit


def _score_text(number: int | None, met: bool | None, test: _Scored) -> str:  # noqa: FBT001 - the test's decision
    _, limit, _, label = test
    if number is None:
        return f"{label} not recorded"
    return f"{label} {number} {'>=' if met else '<'} {limit}"


_SIALADENITIS = _texts("focal lymphocytic sialadenitis")
_FOCUS: _Measured = ("focus_score_per_4_mm2", _CUT_ONE, _FOCUS_MAX, "focus score", "foci/4 mm²")
_VAN_BIJSTERVELD: _Scored = (
    "van_bijsterveld_score",
    4,
    _VAN_BIJSTERVELD_MAX,
    "van Bijsterveld score",
)


def _biopsy_tests(sialadenitis: object, focus_score: object) -> tuple[_Test, _Test]:
    """The labial gland biopsy tests shared by both criteria sets.

    Focal lymphocytic sialadenitis with a focus score >= 1 per 4 mm² (Vitali 2002 item IV;
    Shiboski 2017, 3 points).
    """
    return (
        _flag("focal_lymphocytic_sialadenitis", sialadenitis),
        _at_least_value(_FOCUS, focus_score),
    )


_BIOPSY_FIELDS = ("focal_lymphocytic_sialadenitis", "focus_score_per_4_mm2")
_BIOPSY_TEXTS: tuple[_Text, ...] = ((_flag_text, _SIALADENITIS), (_at_least_text, _FOCUS))
_ANY, _ALL, _NONE_PRESENT = 0, 1, 2

#: An item of measured tests: (name, label, its tests' fields, their texts, how they
#: combine, weight or None).
_ItemSpec = tuple[str, str, tuple[str, ...], tuple[_Text, ...], int, int | None]
#: An item as decided: (met, missing inputs, its builder or None, the builder's arguments or,
#: with no builder, the item's shared Outcome). The criterion's decision reads met and
#: missing; its details builder builds the item (issue 8).
_Pending = tuple[bool | None, tuple[str, ...], Any, Any]


def _combined(seen: tuple[bool, bool, bool], combine: int) -> bool | None:
    """An item's state from (any test present, any absent, any unknown): ``combine`` them."""
    present, absent, unknown = seen
    if combine == _ALL:
        return False if absent else None if unknown else True
    met = True if present else None if unknown else False
    if combine == _NONE_PRESENT and met is not None:
        met = not met
    return met


def _points(weight: int | None, met: bool | None) -> int | None:  # noqa: FBT001 - an item's state
    """With a ``weight``: the weight if met, 0 if not met, ``None`` if unknown."""
    return None if weight is None else weight if met else 0 if met is False else None


def _pending(spec: _ItemSpec, tests: Sequence[_Test]) -> _Pending:
    """An item of measured tests, decided: any present, all present, or none present.

    With a ``weight``, the item's ``points`` are the weight if met, 0 if not met, ``None``
    if unknown.
    """
    fields = spec[2]
    unknown: list[str] = []
    present = absent = False
    for index, (_, state) in enumerate(tests):  # one pass (issue 8)
        if state is None:
            unknown.append(fields[index])
        elif state:
            present = True
        else:
            absent = True
    if spec[4] == _ALL:  # _combined((present, absent, bool(unknown)), spec[4]), inline
        met = False if absent else None if unknown else True
    else:
        met = _combined((present, absent, bool(unknown)), spec[4])
    missing = () if met is not None else tuple(unknown)
    return met, missing, _item, (spec, tests, met, missing)


def _item(
    spec: _ItemSpec,
    tests: Sequence[_Test],
    met: bool | None,  # noqa: FBT001 - the item's state
    missing: tuple[str, ...],
) -> Outcome:
    """The Outcome of an item decided by :func:`_pending`, from its tests' decisions."""
    name, label, fields, texts, _, weight = spec
    values: dict[str, object] = {}
    parts: list[str] = []
    for index, (value, state) in enumerate(tests):
        values[fields[index]] = value
        text, test = texts[index]
        parts.append(text(value, state, test))
    return Outcome(
        name,
        met,
        f"{label}: {_STATUS[met]} ({'; '.join(parts)})",
        _points(weight, met),
        values,
        missing,
    )


def _flags_pending(
    group: tuple[str, str, tuple[tuple[str, dict[bool | None, str]], ...]],
    given: tuple[object, ...],
    combine: int,
    weight: int | None = None,
) -> _Pending:
    """An item of yes/no answers only (``group``: name, label, (field, texts) per answer).

    As :func:`_pending` on :func:`_flag` tests, each answer checked in order, in one pass.
    """
    spec = group[2]
    unknown: list[str] = []
    present = absent = False
    for index, value in enumerate(given):
        if value is None:
            unknown.append(spec[index][0])
        elif value is True:
            present = True
        elif value is False:
            absent = True
        else:
            _v.flag(spec[index][0], value)  # raises: not a bool
    met = _combined((present, absent, bool(unknown)), combine)
    missing = () if met is not None else tuple(unknown)
    return met, missing, _flags_item, (group, given, met, missing, weight)


def _flags_item(
    group: tuple[str, str, tuple[tuple[str, dict[bool | None, str]], ...]],
    given: tuple[bool | None, ...],
    met: bool | None,  # noqa: FBT001 - the item's state
    missing: tuple[str, ...],
    weight: int | None,
) -> Outcome:
    """The Outcome of an item decided by :func:`_flags_pending`."""
    name, label, spec = group
    values: dict[str, object] = {}
    texts: list[str] = []
    for index, value in enumerate(given):
        field, text = spec[index]
        values[field] = value
        texts.append(text[value])
    return Outcome(
        name,
        met,
        f"{label}: {_STATUS[met]} ({'; '.join(texts)})",
        _points(weight, met),
        values,
        missing,
    )


def _flags(
    group: tuple[str, str, tuple[tuple[str, dict[bool | None, str]], ...]],
    given: tuple[object, ...],
    combine: int,
    weight: int | None = None,
) -> Outcome:
    """The Outcome of an item of yes/no answers (:func:`_flags_pending`, built)."""
    return _built(_flags_pending(group, given, combine, weight))


def _built(pending: _Pending) -> Outcome:
    """A decided item's Outcome: its shared one, or built by its builder."""
    build = pending[2]
    return pending[3] if build is None else build(*pending[3])  # type: ignore[no-any-return]


def _ready(item: Outcome) -> _Pending:
    """A shared item as decided."""
    return item.met, item.missing, None, item


def _truth_table(size: int, decide: Callable[[Sequence[bool]], bool | None]) -> tuple[bool, ...]:
    """``decide`` on every completion of ``size`` items, indexed by the mask of the met ones."""
    return tuple(
        bool(decide([bool(mask >> index & 1) for index in range(size)]))
        for mask in range(1 << size)
    )


def _relevant_missing(items: Sequence[Outcome], table: Sequence[bool]) -> tuple[str, ...]:
    """Inputs of the unknown items that could change the rule tabulated in ``table``.

    :func:`_relevant` on the items' states and missing inputs.
    """
    return _relevant([(item.met, item.missing) for item in items], table)


def _relevant(
    items: Sequence[tuple[bool | None, tuple[str, ...]] | _Pending], table: Sequence[bool]
) -> tuple[str, ...]:
    """Inputs of the unknown items (each ``(met, missing, ...)``) that could change the rule.

    An unknown item is relevant if some completion of the other unknown items makes the rule
    differ between the item being met and not met (exhaustive: every subset of the other
    unknown items is tried, in the rule's truth table ``table`` built once at import).
    """
    known = unknown = 0
    for index, item in enumerate(items):
        if item[0] is True:
            known |= 1 << index
        elif item[0] is None:
            unknown |= 1 << index
    relevant: list[str] = []
    for index, item in enumerate(items):
        bit = 1 << index
        if not unknown & bit:
            continue
        others = unknown ^ bit
        subset = others
        while True:  # every subset of the others, from all of them down to none
            base = known | subset
            if table[base] != table[base | bit]:
                relevant.extend(name for name in item[1] if name not in relevant)
                break
            if not subset:
                break
            subset = (subset - 1) & others
    return tuple(relevant)


# The questions and conditions: their fields and their texts in each state, built once.
_DRY_EYES = _texts("dry eyes > 3 months")
_SAND = _texts("sand or gravel sensation")
_TEARS = _texts("tear substitutes > 3 times a day")
_DRY_MOUTH = _texts("dry mouth > 3 months")
_SWOLLEN = _texts("swollen salivary glands as an adult")
_LIQUIDS = _texts("liquids to swallow dry food")
_ESSDAI = _texts("ESSDAI domain with a positive item")
_SIALOGRAPHY = _texts("diffuse sialectasias on sialography")
_SCINTIGRAPHY = _texts("abnormal scintigraphy")
_RO = _texts("anti-Ro/SSA")
_RO_2016 = _texts("anti-SSA/Ro")
_LA = _texts("anti-La/SSB")
_RADIATION = _texts("head and neck radiation")
_HEPATITIS_C = _texts("hepatitis C")
_ACTIVE_HEPATITIS_C = _texts("active hepatitis C (PCR)")
_AIDS = _texts("AIDS")
_LYMPHOMA = _texts("pre-existing lymphoma")
_SARCOIDOSIS = _texts("sarcoidosis")
_AMYLOIDOSIS = _texts("amyloidosis")
_GVHD = _texts("GVHD")
_IGG4 = _texts("IgG4-related disease")
_ANTICHOLINERGIC = _texts("anticholinergic drugs within 4 half-lives")
_ASSOCIATED = _texts("potentially associated disease")

_OCULAR = (
    "ocular_symptoms",
    "I ocular symptoms (any question)",
    (
        ("dry_eyes_over_3_months", _DRY_EYES),
        ("sand_or_gravel_sensation_in_eyes", _SAND),
        ("tear_substitutes_over_3_times_daily", _TEARS),
    ),
)
_ORAL = (
    "oral_symptoms",
    "II oral symptoms (any question)",
    (
        ("dry_mouth_over_3_months", _DRY_MOUTH),
        ("swollen_salivary_glands_as_adult", _SWOLLEN),
        ("liquids_to_swallow_dry_food", _LIQUIDS),
    ),
)
_SIGNS_FIELDS = ("schirmer_mm_per_5_min", "van_bijsterveld_score")
_SALIVARY_FIELDS = (
    "unstimulated_saliva_flow_ml_per_15_min",
    "sialography_diffuse_sialectasias",
    "scintigraphy_abnormal",
)
_SCHIRMER_I: _Measured = (
    "schirmer_mm_per_5_min",
    _CUT_FIVE,
    _SCHIRMER_MAX,
    "Schirmer I",
    "mm/5 min",
)
_FLOW_PER_15_MIN: _Measured = (
    "unstimulated_saliva_flow_ml_per_15_min",
    _CUT_THREE_HALVES,
    _FLOW_PER_15_MIN_MAX,
    "unstimulated whole saliva",
    "mL/15 min",
)
_OCULAR_SIGNS: _ItemSpec = (
    "ocular_signs",
    "III ocular signs (any test)",
    _SIGNS_FIELDS,
    ((_at_most_text, _SCHIRMER_I), (_score_text, _VAN_BIJSTERVELD)),
    _ANY,
    None,
)
_HISTOPATHOLOGY: _ItemSpec = (
    "histopathology",
    "IV histopathology (focal lymphocytic sialadenitis and focus score >= 1)",
    _BIOPSY_FIELDS,
    _BIOPSY_TEXTS,
    _ALL,
    None,
)
_SALIVARY: _ItemSpec = (
    "salivary_gland_involvement",
    "V salivary gland involvement (any test)",
    _SALIVARY_FIELDS,
    (
        (_at_most_text, _FLOW_PER_15_MIN),
        (_flag_text, _SIALOGRAPHY),
        (_flag_text, _SCINTIGRAPHY),
    ),
    _ANY,
    None,
)
_ANTIBODIES = (
    "autoantibodies",
    "VI autoantibodies (anti-Ro/SSA and/or anti-La/SSB)",
    (("anti_ro_ssa", _RO), ("anti_la_ssb", _LA)),
)
_AECG_EXCLUSIONS = (
    "no_exclusion",
    "no exclusion condition",
    (
        ("head_and_neck_radiation", _RADIATION),
        ("hepatitis_c", _HEPATITIS_C),
        ("aids", _AIDS),
        ("pre_existing_lymphoma", _LYMPHOMA),
        ("sarcoidosis", _SARCOIDOSIS),
        ("graft_versus_host_disease", _GVHD),
        ("anticholinergic_drugs_within_4_half_lives", _ANTICHOLINERGIC),
    ),
)
_NO_ASSOCIATED = (
    "no_associated_disease",
    "no potentially associated disease",
    (("potentially_associated_disease", _ASSOCIATED),),
)
_ENTRY = (
    "entry",
    "entry criterion (a dryness question or ESSDAI suspicion)",
    (
        ("dry_eyes_over_3_months", _DRY_EYES),
        ("sand_or_gravel_sensation_in_eyes", _SAND),
        ("tear_substitutes_over_3_times_daily", _TEARS),
        ("dry_mouth_over_3_months", _DRY_MOUTH),
        ("liquids_to_swallow_dry_food", _LIQUIDS),
        ("essdai_positive_domain", _ESSDAI),
    ),
)
_STAINING_FIELDS = ("ocular_staining_score", "van_bijsterveld_score")
_SCHIRMER_FIELDS = ("schirmer_mm_per_5_min",)
_FLOW_FIELDS = ("unstimulated_saliva_flow_ml_per_min",)
_ANTI_RO = ("anti_ro_ssa", "anti-SSA/Ro (3 points)", (("anti_ro_ssa", _RO_2016),))
_ACR_EXCLUSIONS = (
    "no_exclusion",
    "no exclusion condition",
    (
        ("head_and_neck_radiation", _RADIATION),
        ("active_hepatitis_c", _ACTIVE_HEPATITIS_C),
        ("aids", _AIDS),
        ("sarcoidosis", _SARCOIDOSIS),
        ("amyloidosis", _AMYLOIDOSIS),
        ("graft_versus_host_disease", _GVHD),
        ("igg4_related_disease", _IGG4),
    ),
)


_FlagGroup = tuple[str, str, tuple[tuple[str, dict[bool | None, str]], ...]]
_BoolTable = dict[tuple[bool | None, ...], Outcome]


def _bool_table(
    group: _FlagGroup, combine: int, weight: int | None = None, *, every: bool = True
) -> _BoolTable:
    """The :func:`_flags` item of a group for its usual answers, built at import.

    ``every``: each combination of true, false and unknown (3^n: at most 729, the entry
    criterion's six questions); else only every answer false (the usual answer to the
    exclusion questions). The outcomes are shared (issue 8), so their ``values`` are
    read-only.
    """
    count = len(group[2])
    combos = itertools.product(_TRI, repeat=count) if every else [(False,) * count]
    table: _BoolTable = {}
    for given in combos:
        item = _flags(group, given, combine, weight)
        table[given] = Outcome(
            item.name,
            item.met,
            item.reason,
            item.points,
            MappingProxyType(dict(item.values)),
            item.missing,
        )
    return table


#: The states of a yes/no answer.
_TRI = (True, False, None)
#: Whether every one of some types is bool or None's (C-level: ``issuperset`` of an iterable).
_ONLY_BOOLS = frozenset({bool, type(None)}).issuperset


def _bool_pending(
    table: _BoolTable,
    group: _FlagGroup,
    given: tuple[object, ...],
    combine: int,
    weight: int | None = None,
) -> _Pending:
    """``_flags_pending(group, given, combine, weight)``, from ``table`` when it has the answers."""
    if _ONLY_BOOLS(map(type, given)):
        item = table.get(given)  # type: ignore[arg-type]
        if item is not None:
            return item.met, item.missing, None, item
    return _flags_pending(group, given, combine, weight)


def _bool_flags(
    table: _BoolTable,
    group: _FlagGroup,
    given: tuple[object, ...],
    combine: int,
    weight: int | None = None,
) -> Outcome:
    """``_flags(group, given, combine, weight)``, from ``table`` when the answers are in it."""
    return _built(_bool_pending(table, group, given, combine, weight))


# The rules, on the items' states (True/False/None), and their truth tables for the search
# of the inputs that could decide an unknown outcome.
def _aecg_rule_a(v: Sequence[bool | None]) -> bool | None:
    """4 of the 6 items (I-VI) with IV or VI."""
    return all_of([at_least(4, v[0:6]), any_of([v[3], v[5]])])


def _aecg_rule_b(v: Sequence[bool | None]) -> bool | None:
    """3 of the 4 objective items (III-VI)."""
    return at_least(3, v[2:6])


def _aecg(v: Sequence[bool | None]) -> bool | None:
    """Rule a or b, no exclusion and no associated disease."""
    return all_of([any_of([_aecg_rule_a(v), _aecg_rule_b(v)]), v[6], v[7]])


_THRESHOLD = 4
_WEIGHTS = (3, 3, 1, 1, 1)


def _acr_2016(v: Sequence[bool | None]) -> bool | None:
    """Entry, no exclusion and >= 4 points (items: entry, the 5 weighted, exclusion)."""
    known = sum(w for w, x in zip(_WEIGHTS, v[1:6], strict=True) if x is True)
    unknown = sum(w for w, x in zip(_WEIGHTS, v[1:6], strict=True) if x is None)
    return all_of([v[0], v[6], points_reach(known, unknown, _THRESHOLD)])


_AECG_RULE_A = _truth_table(6, _aecg_rule_a)
_AECG_RULE_B = _truth_table(4, lambda v: at_least(3, v))
#: :func:`_aecg` on every completion, composed from the rules' tables (items III-VI are bits
#: 2-5, the exclusions bits 6 and 7): 256 look-ups instead of 256 calls at import
#: (tests/test_fast_paths.py checks it against ``_truth_table(8, _aecg)``).
_AECG = tuple(
    (_AECG_RULE_A[mask & 0b111111] or _AECG_RULE_B[mask >> 2 & 0b1111])
    and bool(mask & 0b1000000)
    and bool(mask & 0b10000000)
    for mask in range(1 << 8)
)
_ACR_2016 = _truth_table(7, _acr_2016)


#: The yes/no items' outcomes for plain bool answers, built once at import (issue 8).
_OCULAR_TABLE = _bool_table(_OCULAR, _ANY)
_ORAL_TABLE = _bool_table(_ORAL, _ANY)
_ANTIBODIES_TABLE = _bool_table(_ANTIBODIES, _ANY)
_AECG_EXCLUSIONS_TABLE = _bool_table(_AECG_EXCLUSIONS, _NONE_PRESENT, every=False)
_NO_ASSOCIATED_TABLE = _bool_table(_NO_ASSOCIATED, _NONE_PRESENT)
_ENTRY_TABLE = _bool_table(_ENTRY, _ANY)
_ANTI_RO_TABLE = _bool_table(_ANTI_RO, _ANY, 3)
_ACR_EXCLUSIONS_TABLE = _bool_table(_ACR_EXCLUSIONS, _NONE_PRESENT, every=False)
#: The same items as decided (``_ready``), by the answers: a look-up is the decision.
_ENTRY_READY = {given: _ready(item) for given, item in _ENTRY_TABLE.items()}
_ANTI_RO_READY = {given: _ready(item) for given, item in _ANTI_RO_TABLE.items()}
_ACR_EXCLUSIONS_READY = {given: _ready(item) for given, item in _ACR_EXCLUSIONS_TABLE.items()}


def aecg_2002_sjogren(
    *,
    dry_eyes_over_3_months: bool | None = None,
    sand_or_gravel_sensation_in_eyes: bool | None = None,
    tear_substitutes_over_3_times_daily: bool | None = None,
    dry_mouth_over_3_months: bool | None = None,
    swollen_salivary_glands_as_adult: bool | None = None,
    liquids_to_swallow_dry_food: bool | None = None,
    schirmer_mm_per_5_min: float | None = None,
    van_bijsterveld_score: int | None = None,
    focal_lymphocytic_sialadenitis: bool | None = None,
    focus_score_per_4_mm2: float | None = None,
    unstimulated_saliva_flow_ml_per_15_min: float | None = None,
    sialography_diffuse_sialectasias: bool | None = None,
    scintigraphy_abnormal: bool | None = None,
    anti_ro_ssa: bool | None = None,
    anti_la_ssb: bool | None = None,
    head_and_neck_radiation: bool | None = None,
    hepatitis_c: bool | None = None,
    aids: bool | None = None,
    pre_existing_lymphoma: bool | None = None,
    sarcoidosis: bool | None = None,
    graft_versus_host_disease: bool | None = None,
    anticholinergic_drugs_within_4_half_lives: bool | None = None,
    potentially_associated_disease: bool | None = None,
) -> Outcome:
    r"""American-European Consensus Group (AECG) 2002 classification of primary Sjögren's syndrome.

    Parameters
    ----------
    dry_eyes_over_3_months
        "Have you had daily, persistent, troublesome dry eyes for more than 3 months?"
        ``True``/``False``/``None`` (unknown), as every other flag.
    sand_or_gravel_sensation_in_eyes
        "Do you have a recurrent sensation of sand or gravel in the eyes?"
    tear_substitutes_over_3_times_daily
        "Do you use tear substitutes more than 3 times a day?"
    dry_mouth_over_3_months
        "Have you had a daily feeling of dry mouth for more than 3 months?"
    swollen_salivary_glands_as_adult
        "Have you had recurrently or persistently swollen salivary glands as an adult?"
    liquids_to_swallow_dry_food
        "Do you frequently drink liquids to aid in swallowing dry food?"
    schirmer_mm_per_5_min
        Schirmer I test without anaesthesia, the lower of the two eyes. [mm/5 min], 0-35.
    van_bijsterveld_score
        Rose bengal (or other ocular dye) score by van Bijsterveld, the higher of the two
        eyes. [points], integer 0-9.
    focal_lymphocytic_sialadenitis
        Minor salivary gland biopsy read by an expert histopathologist as focal lymphocytic
        sialadenitis.
    focus_score_per_4_mm2
        Focus score: lymphocytic foci (> 50 lymphocytes, next to normal-appearing acini) per
        4 mm² of glandular tissue. [foci/4 mm²], 0-20.
    unstimulated_saliva_flow_ml_per_15_min
        Unstimulated whole saliva collected over 15 minutes. [mL/15 min], 0-75.
    sialography_diffuse_sialectasias
        Parotid sialography showing diffuse sialectasias (punctate, cavitary or destructive
        pattern) without obstruction of the major ducts.
    scintigraphy_abnormal
        Salivary scintigraphy showing delayed uptake, reduced concentration and/or delayed
        excretion of tracer.
    anti_ro_ssa
        Serum antibodies to Ro (SSA) present.
    anti_la_ssb
        Serum antibodies to La (SSB) present.
    head_and_neck_radiation
        Exclusion: past head and neck radiation treatment.
    hepatitis_c
        Exclusion (AECG): hepatitis C infection.
    aids
        Exclusion: acquired immunodeficiency syndrome.
    pre_existing_lymphoma
        Exclusion (AECG): lymphoma that pre-existed.
    sarcoidosis
        Exclusion: sarcoidosis.
    graft_versus_host_disease
        Exclusion: graft-versus-host disease.
    anticholinergic_drugs_within_4_half_lives
        Exclusion (AECG): use of anticholinergic drugs within 4 half-lives of the drug.
    potentially_associated_disease
        A potentially associated disease, e.g. another well-defined connective tissue
        disease (then Sjögren's would be secondary, which this function does not classify).

    Returns
    -------
    Outcome
        ``met`` for primary SS; ``items`` in this order: ``ocular_symptoms`` (I),
        ``oral_symptoms`` (II), ``ocular_signs`` (III), ``histopathology`` (IV),
        ``salivary_gland_involvement`` (V), ``autoantibodies`` (VI), ``no_exclusion``,
        ``no_associated_disease``, ``rule_a`` (4 of 6 with IV or VI), ``rule_b``
        (3 of the 4 objective items). ``values`` the counts of positive items.

    Notes
    -----
    Items: I any ocular question; II any oral question; III Schirmer <= 5 mm/5 min or
    van Bijsterveld >= 4; IV focal lymphocytic sialadenitis with focus score >= 1;
    V unstimulated whole saliva flow <= 1.5 mL/15 min, or diffuse sialectasias on
    sialography, or abnormal scintigraphy; VI anti-Ro/SSA and/or anti-La/SSB.

    $$
    \text{pSS} = \big[(\textstyle\sum_{k=I}^{VI} x_k \ge 4 \land (x_{IV} \lor x_{VI}))
    \lor \sum_{k=III}^{VI} x_k \ge 3\big] \land \lnot\,\text{exclusion} \land
    \lnot\,\text{associated disease}
    $$

    The classification-tree procedure (rule c of Vitali 2002, meant for
    epidemiological surveys) is not implemented.

    References
    ----------
    1. Vitali C, Bombardieri S, Jonsson R, et al. Classification criteria for Sjögren's
       syndrome: a revised version of the European criteria proposed by the
       American-European Consensus Group. Ann Rheum Dis 2002;61:554-558.
       doi:10.1136/ard.61.6.554

    Examples
    --------
    >>> outcome = aecg_2002_sjogren(
    ...     schirmer_mm_per_5_min=3,
    ...     focal_lymphocytic_sialadenitis=True,
    ...     focus_score_per_4_mm2=2,
    ...     anti_ro_ssa=True,
    ...     head_and_neck_radiation=False,
    ...     hepatitis_c=False,
    ...     aids=False,
    ...     pre_existing_lymphoma=False,
    ...     sarcoidosis=False,
    ...     graft_versus_host_disease=False,
    ...     anticholinergic_drugs_within_4_half_lives=False,
    ...     potentially_associated_disease=False,
    ... )
    >>> outcome.met, outcome.item("rule_b").met
    (True, True)
    """
    ocular = _bool_pending(
        _OCULAR_TABLE,
        _OCULAR,
        (
            dry_eyes_over_3_months,
            sand_or_gravel_sensation_in_eyes,
            tear_substitutes_over_3_times_daily,
        ),
        _ANY,
    )
    oral = _bool_pending(
        _ORAL_TABLE,
        _ORAL,
        (dry_mouth_over_3_months, swollen_salivary_glands_as_adult, liquids_to_swallow_dry_food),
        _ANY,
    )
    signs = _pending(
        _OCULAR_SIGNS,
        (
            _at_most(_SCHIRMER_I, schirmer_mm_per_5_min),
            _score_at_least(_VAN_BIJSTERVELD, van_bijsterveld_score),
        ),
    )
    histology = _pending(
        _HISTOPATHOLOGY, _biopsy_tests(focal_lymphocytic_sialadenitis, focus_score_per_4_mm2)
    )
    salivary = _pending(
        _SALIVARY,
        (
            _at_most(_FLOW_PER_15_MIN, unstimulated_saliva_flow_ml_per_15_min),
            _flag("sialography_diffuse_sialectasias", sialography_diffuse_sialectasias),
            _flag("scintigraphy_abnormal", scintigraphy_abnormal),
        ),
    )
    antibodies = _bool_pending(_ANTIBODIES_TABLE, _ANTIBODIES, (anti_ro_ssa, anti_la_ssb), _ANY)
    exclusion = _bool_pending(
        _AECG_EXCLUSIONS_TABLE,
        _AECG_EXCLUSIONS,
        (
            head_and_neck_radiation,
            hepatitis_c,
            aids,
            pre_existing_lymphoma,
            sarcoidosis,
            graft_versus_host_disease,
            anticholinergic_drugs_within_4_half_lives,
        ),
        _NONE_PRESENT,
    )
    associated = _bool_pending(
        _NO_ASSOCIATED_TABLE, _NO_ASSOCIATED, (potentially_associated_disease,), _NONE_PRESENT
    )
    base = (ocular, oral, signs, histology, salivary, antibodies, exclusion, associated)
    states = [item[0] for item in base]
    a_met = _aecg_rule_a(states)
    b_met = _aecg_rule_b(states)
    met = all_of([any_of([a_met, b_met]), states[6], states[7]])
    return deferred_outcome(
        "aecg_2002_sjogren",
        met,
        None,
        _relevant(base, _AECG) if met is None else (),
        (_aecg_details, base, states, a_met, b_met, met),
    )


def _aecg_details(state: tuple[Any, ...]) -> tuple[str, dict[str, object], tuple[Outcome, ...]]:
    """The reason, values and items of :func:`aecg_2002_sjogren`, from its decision (issue 8)."""
    _, base, states, a_met, b_met, met = state
    six = states[0:6].count(True)
    objective = states[2:6].count(True)
    rule_items = (
        Outcome(
            "rule_a",
            a_met,
            f"4 of the 6 items with IV or VI positive: {_STATUS[a_met]} "
            f"({six} of 6 positive; IV {_STATUS[states[3]]}, VI {_STATUS[states[5]]})",
            None,
            {"positive_items": six},
            _relevant(base[0:6], _AECG_RULE_A) if a_met is None else (),
        ),
        Outcome(
            "rule_b",
            b_met,
            f"3 of the 4 objective items (III-VI): {_STATUS[b_met]} ({objective} of 4 positive)",
            None,
            {"positive_objective_items": objective},
            _relevant(base[2:6], _AECG_RULE_B) if b_met is None else (),
        ),
    )
    reason = (
        f"AECG 2002 primary SS: {_STATUS[met]}: rule a {_STATUS[a_met]}, rule b "
        f"{_STATUS[b_met]}, no exclusion {_STATUS[states[6]]}, no associated disease "
        f"{_STATUS[states[7]]}"
    )
    return (
        reason,
        {"positive_items": six, "positive_objective_items": objective},
        (*[_built(item) for item in base], *rule_items),
    )


# The weighted items of the 2016 criteria, each from its inputs (one definition each).
_ACR_FOCUS: _ItemSpec = (
    "focus_score",
    "focal lymphocytic sialadenitis with focus score >= 1 (3 points)",
    _BIOPSY_FIELDS,
    _BIOPSY_TEXTS,
    _ALL,
    3,
)
_OSS: _Scored = ("ocular_staining_score", 5, _OSS_MAX, "OSS")
_ACR_STAINING: _ItemSpec = (
    "ocular_staining",
    "Ocular Staining Score >= 5 or van Bijsterveld >= 4 (1 point)",
    _STAINING_FIELDS,
    ((_score_text, _OSS), (_score_text, _VAN_BIJSTERVELD)),
    _ANY,
    1,
)
_SCHIRMER: _Measured = (
    "schirmer_mm_per_5_min",
    _CUT_FIVE,
    _SCHIRMER_MAX,
    "Schirmer",
    "mm/5 min",
)
_ACR_SCHIRMER: _ItemSpec = (
    "schirmer",
    "Schirmer <= 5 mm/5 min (1 point)",
    _SCHIRMER_FIELDS,
    ((_at_most_text, _SCHIRMER),),
    _ANY,
    1,
)
_FLOW_PER_MIN: _Measured = (
    "unstimulated_saliva_flow_ml_per_min",
    _CUT_ONE_TENTH,
    _FLOW_PER_MIN_MAX,
    "unstimulated whole saliva",
    "mL/min",
)
_ACR_FLOW: _ItemSpec = (
    "unstimulated_saliva_flow",
    "unstimulated whole saliva flow <= 0.1 mL/min (1 point)",
    _FLOW_FIELDS,
    ((_at_most_text, _FLOW_PER_MIN),),
    _ANY,
    1,
)


def _acr_focus_pending(sialadenitis: object, focus_score: object) -> _Pending:
    return _pending(
        _ACR_FOCUS,
        (
            _flag("focal_lymphocytic_sialadenitis", sialadenitis),
            _at_least_value(_FOCUS, focus_score),
        ),
    )  # _biopsy_tests(sialadenitis, focus_score), inline (issue 8)


def _acr_staining_pending(ocular_staining_score: object, van_bijsterveld_score: object) -> _Pending:
    return _pending(
        _ACR_STAINING,
        (
            _score_at_least(_OSS, ocular_staining_score),
            _score_at_least(_VAN_BIJSTERVELD, van_bijsterveld_score),
        ),
    )


def _acr_schirmer_pending(schirmer_mm_per_5_min: object) -> _Pending:
    return _pending(_ACR_SCHIRMER, (_at_most(_SCHIRMER, schirmer_mm_per_5_min),))


def _acr_flow_pending(unstimulated_saliva_flow_ml_per_min: object) -> _Pending:
    return _pending(_ACR_FLOW, (_at_most(_FLOW_PER_MIN, unstimulated_saliva_flow_ml_per_min),))


def _acr_focus(sialadenitis: object, focus_score: object) -> Outcome:
    return _built(_acr_focus_pending(sialadenitis, focus_score))


def _acr_staining(ocular_staining_score: object, van_bijsterveld_score: object) -> Outcome:
    return _built(_acr_staining_pending(ocular_staining_score, van_bijsterveld_score))


def _acr_schirmer(schirmer_mm_per_5_min: object) -> Outcome:
    return _built(_acr_schirmer_pending(schirmer_mm_per_5_min))


def _acr_flow(unstimulated_saliva_flow_ml_per_min: object) -> Outcome:
    return _built(_acr_flow_pending(unstimulated_saliva_flow_ml_per_min))


def _shared(item: Outcome) -> Outcome:
    """``item`` with read-only ``values``, to be shared by every call (issue 8)."""
    return Outcome(
        item.name,
        item.met,
        item.reason,
        item.points,
        MappingProxyType(dict(item.values)),
        item.missing,
    )


#: Each weighted item when its inputs are all unknown, built once by its builder above.
_ACR_FOCUS_UNKNOWN = _shared(_acr_focus(None, None))
_ACR_STAINING_UNKNOWN = _shared(_acr_staining(None, None))
_ACR_SCHIRMER_UNKNOWN = _shared(_acr_schirmer(None))
_ACR_FLOW_UNKNOWN = _shared(_acr_flow(None))
#: The same, as decided items.
_ACR_FOCUS_UNKNOWN_READY = _ready(_ACR_FOCUS_UNKNOWN)
_ACR_STAINING_UNKNOWN_READY = _ready(_ACR_STAINING_UNKNOWN)
_ACR_SCHIRMER_UNKNOWN_READY = _ready(_ACR_SCHIRMER_UNKNOWN)
_ACR_FLOW_UNKNOWN_READY = _ready(_ACR_FLOW_UNKNOWN)


def acr_eular_2016_sjogren(
    *,
    dry_eyes_over_3_months: bool | None = None,
    sand_or_gravel_sensation_in_eyes: bool | None = None,
    tear_substitutes_over_3_times_daily: bool | None = None,
    dry_mouth_over_3_months: bool | None = None,
    liquids_to_swallow_dry_food: bool | None = None,
    essdai_positive_domain: bool | None = None,
    focal_lymphocytic_sialadenitis: bool | None = None,
    focus_score_per_4_mm2: float | None = None,
    anti_ro_ssa: bool | None = None,
    ocular_staining_score: int | None = None,
    van_bijsterveld_score: int | None = None,
    schirmer_mm_per_5_min: float | None = None,
    unstimulated_saliva_flow_ml_per_min: float | None = None,
    head_and_neck_radiation: bool | None = None,
    active_hepatitis_c: bool | None = None,
    aids: bool | None = None,
    sarcoidosis: bool | None = None,
    amyloidosis: bool | None = None,
    graft_versus_host_disease: bool | None = None,
    igg4_related_disease: bool | None = None,
) -> Outcome:
    r"""2016 ACR/EULAR classification criteria for primary Sjögren's syndrome.

    Parameters
    ----------
    dry_eyes_over_3_months
        Entry question: "Have you had daily, persistent, troublesome dry eyes for more than
        3 months?" ``True``/``False``/``None`` (unknown), as every other flag.
    sand_or_gravel_sensation_in_eyes
        Entry question: "Do you have a recurrent sensation of sand or gravel in the eyes?"
    tear_substitutes_over_3_times_daily
        Entry question: "Do you use tear substitutes more than 3 times a day?"
    dry_mouth_over_3_months
        Entry question: "Have you had a daily feeling of dry mouth for more than 3 months?"
    liquids_to_swallow_dry_food
        Entry question: "Do you frequently drink liquids to aid in swallowing dry food?"
    essdai_positive_domain
        Entry alternative: suspicion of Sjögren's from the ESSDAI questionnaire, at least
        one domain with a positive item.
    focal_lymphocytic_sialadenitis
        Labial salivary gland biopsy read as focal lymphocytic sialadenitis.
    focus_score_per_4_mm2
        Focus score. [foci/4 mm²], 0-20.
    anti_ro_ssa
        Anti-SSA/Ro (anti-Ro60) antibodies present. Anti-La/SSB alone scores nothing.
    ocular_staining_score
        SICCA Ocular Staining Score, the higher of the two eyes. [points], integer 0-12.
    van_bijsterveld_score
        van Bijsterveld score, the higher of the two eyes. [points], integer 0-9.
    schirmer_mm_per_5_min
        Schirmer test, the lower of the two eyes. [mm/5 min], 0-35.
    unstimulated_saliva_flow_ml_per_min
        Unstimulated whole saliva flow rate. [mL/min], 0-5.
    head_and_neck_radiation
        Exclusion: history of head and neck radiation treatment.
    active_hepatitis_c
        Exclusion (2016): active hepatitis C infection, confirmed by PCR.
    aids
        Exclusion: acquired immunodeficiency syndrome.
    sarcoidosis
        Exclusion: sarcoidosis.
    amyloidosis
        Exclusion (2016): amyloidosis.
    graft_versus_host_disease
        Exclusion: graft-versus-host disease.
    igg4_related_disease
        Exclusion (2016): IgG4-related disease.

    Returns
    -------
    Outcome
        ``met`` for primary SS; ``points`` the known points (0-9); ``items`` in this order:
        ``entry``, ``focus_score`` (3), ``anti_ro_ssa`` (3), ``ocular_staining`` (1),
        ``schirmer`` (1), ``unstimulated_saliva_flow`` (1), ``no_exclusion``;
        ``values`` the known points and the most the unknown items could add.

    Notes
    -----
    ==================================================================  ======
    Item                                                                Weight
    ==================================================================  ======
    Labial salivary gland: focal lymphocytic sialadenitis, focus >= 1   3
    Anti-SSA/Ro positive                                                3
    Ocular Staining Score >= 5 (or van Bijsterveld >= 4), >= 1 eye      1
    Schirmer <= 5 mm/5 min, >= 1 eye                                    1
    Unstimulated whole saliva flow <= 0.1 mL/min                        1
    ==================================================================  ======

    $$
    \text{pSS} = \text{entry} \land \lnot\,\text{exclusion} \land \sum_k w_k x_k \ge 4
    $$

    Patients on anticholinergic drugs should be tested after a sufficient wash-out for
    the ocular and saliva tests to be valid (Shiboski 2017); that is not an exclusion.

    References
    ----------
    1. Shiboski CH, Shiboski SC, Seror R, et al. 2016 American College of
       Rheumatology/European League Against Rheumatism classification criteria for primary
       Sjögren's syndrome. Ann Rheum Dis 2017;76:9-16. doi:10.1136/annrheumdis-2016-210571
       (also Arthritis Rheumatol 2017;69:35-45, doi:10.1002/art.39859)

    Examples
    --------
    >>> outcome = acr_eular_2016_sjogren(
    ...     dry_mouth_over_3_months=True,
    ...     anti_ro_ssa=True,
    ...     schirmer_mm_per_5_min=4,
    ...     head_and_neck_radiation=False,
    ...     active_hepatitis_c=False,
    ...     aids=False,
    ...     sarcoidosis=False,
    ...     amyloidosis=False,
    ...     graft_versus_host_disease=False,
    ...     igg4_related_disease=False,
    ... )
    >>> outcome.met, outcome.points
    (True, 4)
    """
    entry_given = (
        dry_eyes_over_3_months,
        sand_or_gravel_sensation_in_eyes,
        tear_substitutes_over_3_times_daily,
        dry_mouth_over_3_months,
        liquids_to_swallow_dry_food,
        essdai_positive_domain,
    )
    exclusion_given = (
        head_and_neck_radiation,
        active_hepatitis_c,
        aids,
        sarcoidosis,
        amyloidosis,
        graft_versus_host_disease,
        igg4_related_disease,
    )
    # Every yes/no answer a bool or None (the common case): the entry and anti-Ro items are
    # in their tables, and none of them can raise, so the measured tests below raise in the
    # same order as the general code (issue 8).
    flags_only = _ONLY_BOOLS(map(type, (*entry_given, anti_ro_ssa, *exclusion_given)))
    entry = (
        _ENTRY_READY[entry_given]
        if flags_only
        else _bool_pending(_ENTRY_TABLE, _ENTRY, entry_given, _ANY)
    )
    # The weighted items; ``points`` is the weight if met, 0 if not, None if unknown. An
    # item whose inputs are all unknown is the same every time: built once (issue 8).
    weighted = (
        _ACR_FOCUS_UNKNOWN_READY
        if focal_lymphocytic_sialadenitis is None and focus_score_per_4_mm2 is None
        else _acr_focus_pending(focal_lymphocytic_sialadenitis, focus_score_per_4_mm2),
        _ANTI_RO_READY[anti_ro_ssa,]
        if flags_only
        else _bool_pending(_ANTI_RO_TABLE, _ANTI_RO, (anti_ro_ssa,), _ANY, 3),
        _ACR_STAINING_UNKNOWN_READY
        if ocular_staining_score is None and van_bijsterveld_score is None
        else _acr_staining_pending(ocular_staining_score, van_bijsterveld_score),
        _ACR_SCHIRMER_UNKNOWN_READY
        if schirmer_mm_per_5_min is None
        else _acr_schirmer_pending(schirmer_mm_per_5_min),
        _ACR_FLOW_UNKNOWN_READY
        if unstimulated_saliva_flow_ml_per_min is None
        else _acr_flow_pending(unstimulated_saliva_flow_ml_per_min),
    )
    exclusion = (_ACR_EXCLUSIONS_READY.get(exclusion_given) if flags_only else None) or (
        _bool_pending(_ACR_EXCLUSIONS_TABLE, _ACR_EXCLUSIONS, exclusion_given, _NONE_PRESENT)
    )
    known = unknown = 0
    for item, weight in zip(weighted, _WEIGHTS, strict=True):
        if item[0]:
            known += weight
        elif item[0] is None:
            unknown += weight
    items = (entry, *weighted, exclusion)
    reached = points_reach(known, unknown, _THRESHOLD)
    met = all_of([entry[0], exclusion[0], reached])
    return deferred_outcome(
        "acr_eular_2016_sjogren",
        met,
        known,
        _relevant(items, _ACR_2016) if met is None else (),
        (_acr_2016_details, items, known, unknown, reached, met),
    )


def _acr_2016_details(
    state: tuple[Any, ...],
) -> tuple[str, dict[str, object], tuple[Outcome, ...]]:
    """The reason, values and items of :func:`acr_eular_2016_sjogren`, from its decision."""
    _, items, known, unknown, reached, met = state
    points_text = f"{known} points" + (f" (+ up to {unknown} unknown)" if unknown else "")
    reason = (
        f"ACR/EULAR 2016 primary SS: {_STATUS[met]}: {points_text}, threshold >= "
        f"{_THRESHOLD} {_STATUS[reached]}; entry {_STATUS[items[0][0]]}; no exclusion "
        f"{_STATUS[items[6][0]]}"
    )
    return (
        reason,
        {"points": known, "unknown_points_max": unknown},
        tuple([_built(item) for item in items]),
    )
