r"""EULAR/ACR 2017 IIM classification criteria and the protocol's myositis antibodies.

The criteria for idiopathic inflammatory myopathies (IIM), their subclassification tree,
and the protocol's "positive myositis antibodies".

Scores are sums of multiples of 0.1, so they are added and compared in integer tenths:
a score of exactly 5.5 is exactly 55 tenths, never 5.499999.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Mapping
from enum import Enum
from itertools import compress
from operator import getitem
from typing import Any, cast

from activity_scores import _validation as _v
from activity_scores._logic import any_of
from activity_scores.errors import InvalidInputError
from activity_scores.results import EMPTY, Outcome, deferred_outcome

__all__ = [
    "IimCategory",
    "IimCutoffs",
    "IimSubgroup",
    "MyositisAntibody",
    "eular_acr_2017_iim",
    "myositis_antibodies_positive",
]


class IimCategory(str, Enum):
    """EULAR/ACR 2017 IIM categories (Lundberg 2017)."""

    NOT_IIM = "not_iim"
    POSSIBLE = "possible"
    PROBABLE = "probable"
    DEFINITE = "definite"


class IimCutoffs(str, Enum):
    """How the category is decided.

    ``score`` (default): the published score cut-offs, possible >= 5.3, probable >= 5.5,
    definite >= 7.5 without biopsy (>= 6.5, 6.7, 8.7 with biopsy). ``probability``: the
    probability cut-offs 50 %, 55 %, 90 % applied to the probability formula; without biopsy
    these fall at 5.4, 5.6 and 7.6 (see the docs page).
    """

    SCORE = "score"
    PROBABILITY = "probability"


class IimSubgroup(str, Enum):
    """Subgroups of the EULAR/ACR 2017 classification tree."""

    PM = "pm"  # polymyositis, including immune-mediated necrotising myopathy
    IBM = "ibm"
    ADM = "adm"  # amyopathic dermatomyositis
    DM = "dm"
    JDM = "jdm"
    JUVENILE_OTHER = "juvenile_myositis_other_than_jdm"


#: (no biopsy, biopsy) weights in tenths (Lundberg 2017, Table 1).
_WEIGHTS: dict[str, tuple[int, int]] = {
    "proximal_upper_weakness": (7, 7),
    "proximal_lower_weakness": (8, 5),
    "neck_flexors_weaker_than_extensors": (19, 16),
    "legs_proximal_weaker_than_distal": (9, 12),
    "heliotrope_rash": (31, 32),
    "gottrons_papules": (21, 27),
    "gottrons_sign": (33, 37),
    "dysphagia": (7, 6),
    "anti_jo1": (39, 38),
    "elevated_muscle_enzymes": (13, 14),
}
_BIOPSY_WEIGHTS: dict[str, int] = {
    "endomysial_infiltrate": 17,
    "perimysial_or_perivascular_infiltrate": 12,
    "perifascicular_atrophy": 19,
    "rimmed_vacuoles": 31,
}
_AGE_MAX = 120  # years
#: Age at onset: 18 to < 40 years, >= 40 years, in tenths (no biopsy, biopsy).
#: (Audit: the item weights above match Bottai 2017 RMD Open Table 1; these age rows and the
#: constants below could not be checked against a stored primary text.)
_AGE_18_40 = (13, 15)
_AGE_40 = (21, 22)
#: Probability formula constants: P = 1 / (1 + exp(c - score)).
_CONSTANT = (5.33, 6.49)
#: Score cut-offs in tenths: possible, probable, definite (no biopsy, biopsy).
_SCORE_CUTS = ((53, 55, 75), (65, 67, 87))
_PROBABILITIES = (0.50, 0.55, 0.90)


def _probability(tenths: int, biopsy: int) -> float:
    return 1.0 / (1.0 + math.exp(_CONSTANT[biopsy] - tenths / 10))


def _prob_cuts(biopsy: int) -> tuple[int, int, int]:
    """The smallest score (tenths) whose probability reaches 50 %, 55 %, 90 %.

    ``c + logit(p)`` is irrational, so no score in tenths lies on it and the float test
    is exact in effect.
    """
    c = _CONSTANT[biopsy]
    return tuple(  # type: ignore[return-value]
        math.ceil((c + math.log(p / (1 - p))) * 10) for p in _PROBABILITIES
    )


# Members bound once: on Python 3.11 each ``Enum.MEMBER`` is a descriptor call (issue 8).
_NOT_IIM, _POSSIBLE = IimCategory.NOT_IIM, IimCategory.POSSIBLE
_PROBABLE, _DEFINITE = IimCategory.PROBABLE, IimCategory.DEFINITE
_PM, _IBM, _ADM, _DM = IimSubgroup.PM, IimSubgroup.IBM, IimSubgroup.ADM, IimSubgroup.DM
_JDM, _JUVENILE_OTHER = IimSubgroup.JDM, IimSubgroup.JUVENILE_OTHER
_BY_SCORE = IimCutoffs.SCORE
#: The readings by their string value, for the common case of ``cutoffs`` (plain strings).
_CUTOFFS: dict[str, IimCutoffs] = {member._value_: member for member in IimCutoffs}


#: The categories by the number of cut-offs (possible, probable, definite) reached.
_RANKED = (_NOT_IIM, _POSSIBLE, _PROBABLE, _DEFINITE)


def _cut_text(cuts: tuple[int, ...]) -> str:
    return "/".join(f"{c / 10:g}" for c in cuts)


#: Per reading (probability cut-offs, score cut-offs), per variant (no biopsy, biopsy): the
#: cut-offs in tenths and the end of the reason naming them, built once.
_CUTS = tuple(
    tuple((cuts, f" (possible/probable/definite from {_cut_text(cuts)})") for cuts in variants)
    for variants in ((_prob_cuts(0), _prob_cuts(1)), _SCORE_CUTS)
)
#: Per variant (no biopsy, biopsy), the age bands >= 40, 18 to < 40, < 18: points in tenths,
#: points, and the end of the reason, built once.
_AGE_BANDS = tuple(
    tuple(
        (pts, pts / 10, f"({band}): {pts / 10:g} points")
        for band, pts in (
            (">= 40", _AGE_40[biopsy]),
            ("18 to < 40", _AGE_18_40[biopsy]),
            ("< 18", 0),
        )
    )
    for biopsy in (0, 1)
)
#: The age item when the age at onset is not known (built once, shared: issue 8).
_AGE_NOT_KNOWN = Outcome(
    "age_at_onset", None, "age at onset not known", missing=("age_at_onset_years",)
)
#: The answers in the signature's order: the 10 items, then the 4 biopsy findings.
_ANSWERED = (*_WEIGHTS, *_BIOPSY_WEIGHTS)
_FINDINGS = tuple(_BIOPSY_WEIGHTS)
_NO_FINDINGS = (None, None, None, None)
_VARIANTS = ("without muscle biopsy", "with muscle biopsy")


def _item_row(name: str, weight: int) -> tuple[dict[bool | None, Outcome], int, str]:
    """An item's Outcome when present, absent and unknown (by answer), its weight (tenths)."""
    return (
        {
            True: Outcome(name, True, f"{name}: present, {weight / 10:g} points", weight / 10),  # noqa: FBT003 - met
            False: Outcome(name, False, f"{name}: absent, {0 / 10:g} points", 0 / 10),  # noqa: FBT003 - met
            None: Outcome(
                name, None, f"{name} not known (would score {weight / 10:g})", None, EMPTY, (name,)
            ),
        },
        weight,
        name,
    )


#: Per variant (no biopsy, biopsy): each counted item's outcomes, in the answers' order. An
#: item's outcome depends only on its answer, so each is built once and shared (issue 8);
#: its ``values`` is the read-only EMPTY.
_ITEM_ROWS = (
    tuple(_item_row(name, weights[0]) for name, weights in _WEIGHTS.items()),
    (
        *(_item_row(name, weights[1]) for name, weights in _WEIGHTS.items()),
        *(_item_row(name, weight) for name, weight in _BIOPSY_WEIGHTS.items()),
    ),
)


def _by_tenths(biopsy: int) -> tuple[tuple[float, float, str], ...]:
    """Per known score in tenths, 0 to the most a variant can score: score, probability, reason.

    The score, its probability and the reason's start, built once at import (issue 8).
    """
    most = _AGE_40[biopsy] + sum(weight for _, weight, _ in _ITEM_ROWS[biopsy])
    rows = []
    for tenths in range(most + 1):
        probability = _probability(tenths, biopsy)
        rows.append(
            (
                tenths / 10,
                probability,
                f"score {tenths / 10:g} {_VARIANTS[biopsy]} (P = {probability:.1%}); category ",
            )
        )
    return tuple(rows)


_BY_TENTHS = (_by_tenths(0), _by_tenths(1))
#: Per variant: the items' outcomes by answer, their weights and their names, in order.
_ITEM_TABLES = tuple(
    (
        tuple(row[0] for row in rows),
        tuple(row[1] for row in rows),
        tuple(row[2] for row in rows),
    )
    for rows in _ITEM_ROWS
)
#: Per variant: the items' weights (tenths) and their names, in order.
_ITEM_WEIGHTS = tuple(table[1] for table in _ITEM_TABLES)
_ITEM_NAMES = tuple(table[2] for table in _ITEM_TABLES)


def eular_acr_2017_iim(
    *,
    age_at_onset_years: float | None,
    proximal_upper_weakness: bool | None,
    proximal_lower_weakness: bool | None,
    neck_flexors_weaker_than_extensors: bool | None,
    legs_proximal_weaker_than_distal: bool | None,
    heliotrope_rash: bool | None,
    gottrons_papules: bool | None,
    gottrons_sign: bool | None,
    dysphagia: bool | None,
    anti_jo1: bool | None,
    elevated_muscle_enzymes: bool | None,
    muscle_biopsy: bool = False,
    endomysial_infiltrate: bool | None = None,
    perimysial_or_perivascular_infiltrate: bool | None = None,
    perifascicular_atrophy: bool | None = None,
    rimmed_vacuoles: bool | None = None,
    finger_flexor_weakness_unresponsive: bool | None = None,
    cutoffs: IimCutoffs | str = IimCutoffs.SCORE,
) -> Outcome:
    r"""EULAR/ACR 2017 classification criteria for adult and juvenile IIM, with subgroups.

    Use only when no better explanation for the symptoms and signs exists.

    Parameters
    ----------
    age_at_onset_years
        Age at onset of the first symptom assumed related to the disease. [years], 0-120.
    proximal_upper_weakness
        Objective symmetric, usually progressive, weakness of the proximal upper extremities.
    proximal_lower_weakness
        Objective symmetric, usually progressive, weakness of the proximal lower extremities.
    neck_flexors_weaker_than_extensors
        Neck flexors relatively weaker than neck extensors.
    legs_proximal_weaker_than_distal
        In the legs, proximal muscles relatively weaker than distal muscles.
    heliotrope_rash
        Heliotrope rash.
    gottrons_papules
        Gottron's papules.
    gottrons_sign
        Gottron's sign.
    dysphagia
        Dysphagia or oesophageal dysmotility.
    anti_jo1
        Anti-Jo-1 (anti-histidyl-tRNA synthetase) autoantibody positive.
    elevated_muscle_enzymes
        Serum CK, LDH, AST or ALT above the upper limit of normal (the most abnormal value
        during the disease course).
    muscle_biopsy
        ``True`` if a muscle biopsy was done: then the with-biopsy weights and constant apply
        and the four biopsy findings below count (``None`` = not reported). ``False``
        (default): biopsy findings must be ``None``.
    endomysial_infiltrate
        Endomysial infiltration of mononuclear cells surrounding, but not invading, myofibres.
    perimysial_or_perivascular_infiltrate
        Perimysial and/or perivascular infiltration of mononuclear cells.
    perifascicular_atrophy
        Perifascicular atrophy.
    rimmed_vacuoles
        Rimmed vacuoles.
    finger_flexor_weakness_unresponsive
        Finger flexor weakness with no response to treatment (subclassification tree, IBM
        branch only; it scores no points).
    cutoffs
        ``"score"`` (default) or ``"probability"`` (:class:`IimCutoffs`).

    Returns
    -------
    Outcome
        ``met`` True for probable or definite IIM (the recommended minimum), False for
        possible or not IIM, None if unknown items could change that; ``points`` the known
        score; ``values`` with ``score``, ``score_max`` (if unknown items), ``probability``,
        ``category``, ``subgroup`` and ``variant``; one item per variable. ``missing`` names
        the unknown items whenever ``met`` **or** ``category`` is unknown, so it can be
        non-empty with a decided ``met`` (e.g. probable for sure, definite not yet decided).

    Notes
    -----
    $$
    P(\mathrm{IIM}) = \frac{1}{1 + e^{\,5.33 - S}} \text{ (no biopsy)},\qquad
    P(\mathrm{IIM}) = \frac{1}{1 + e^{\,6.49 - S}} \text{ (with biopsy)}
    $$

    Categories by score (default): not IIM < 5.3 (< 6.5 with biopsy); possible 5.3 to < 5.5
    (6.5 to < 6.7); probable 5.5 to < 7.5 (6.7 to < 8.7); definite >= 7.5 (>= 8.7).
    Subclassification (patients with probable or definite IIM): onset < 18 years: JDM with
    heliotrope rash, Gottron's papules or Gottron's sign, otherwise juvenile myositis other
    than JDM; onset >= 18: with a rash DM if any muscle weakness item is present, else ADM;
    without a rash IBM if finger flexor weakness unresponsive to treatment or rimmed
    vacuoles, else PM (which includes IMNM).

    References
    ----------
    1. Lundberg IE, Tjärnlund A, Bottai M, et al. 2017 European League Against
       Rheumatism/American College of Rheumatology classification criteria for adult and
       juvenile idiopathic inflammatory myopathies and their major subgroups.
       Ann Rheum Dis 2017;76:1955-1964. doi:10.1136/annrheumdis-2017-211468
       (also Arthritis Rheumatol 2017;69:2271-2282, doi:10.1002/art.40320)

    Examples
    --------
    >>> out = eular_acr_2017_iim(
    ...     age_at_onset_years=45,
    ...     proximal_upper_weakness=True,
    ...     proximal_lower_weakness=True,
    ...     neck_flexors_weaker_than_extensors=False,
    ...     legs_proximal_weaker_than_distal=False,
    ...     heliotrope_rash=True,
    ...     gottrons_papules=False,
    ...     gottrons_sign=False,
    ...     dysphagia=False,
    ...     anti_jo1=False,
    ...     elevated_muscle_enzymes=True,
    ... )
    >>> out.points, out.values["category"], out.values["subgroup"]
    (8.0, 'definite', 'dm')
    """
    biopsy = 1 if _v.flag("muscle_biopsy", muscle_biopsy) else 0
    # The common cases of _v.choice first: a member, or a plain string value (issue 8).
    mode: IimCutoffs | None = (
        cutoffs
        if type(cutoffs) is IimCutoffs
        else _CUTOFFS.get(cutoffs)
        if type(cutoffs) is str
        else None
    )
    if mode is None:  # anything else: the general check (and its messages)
        mode = _v.choice("cutoffs", cutoffs, IimCutoffs)
    answers: tuple[object, ...] = (
        proximal_upper_weakness,
        proximal_lower_weakness,
        neck_flexors_weaker_than_extensors,
        legs_proximal_weaker_than_distal,
        heliotrope_rash,
        gottrons_papules,
        gottrons_sign,
        dysphagia,
        anti_jo1,
        elevated_muscle_enzymes,
        endomysial_infiltrate,
        perimysial_or_perivascular_infiltrate,
        perifascicular_atrophy,
        rimmed_vacuoles,
    )
    for answer in answers:  # a bool or None is the common case (issue 8)
        if answer is not None and answer is not True and answer is not False:
            for name, value in zip(_ANSWERED, answers, strict=True):
                _v.optional_flag(name, value)  # raises for the first faulty answer, in order
    if not biopsy and answers[10:] != _NO_FINDINGS:
        for name, value in zip(_FINDINGS, answers[10:], strict=True):
            if value is not None:
                raise InvalidInputError(
                    name, "is a biopsy finding: set muscle_biopsy=True to count it", value
                )
    checked = cast("tuple[bool | None, ...]", answers)  # each a bool or None, checked above
    ffw = _v.optional_flag(
        "finger_flexor_weakness_unresponsive", finger_flexor_weakness_unresponsive
    )
    given: object = age_at_onset_years
    kind = type(given)
    age: float | None
    if (kind is int or kind is float) and 0 < given < _AGE_MAX:  # type: ignore[operator]
        age = float(given)  # type: ignore[arg-type]  # the common case of _v.real
    else:
        age = _v.optional_real("age_at_onset_years", given, 0, _AGE_MAX, unit="years")
    return _classify(age, checked, ffw, biopsy, mode)


def _classify(
    age: float | None,
    answers: tuple[bool | None, ...],
    ffw: bool | None,  # noqa: FBT001 - private core, a tri-state value
    biopsy: int,
    mode: IimCutoffs,
) -> Outcome:
    """The criteria's outcome from checked inputs (the core of :func:`eular_acr_2017_iim`).

    ``age`` a float in [0, 120] or None; ``answers`` the 14 answers in the signature's order
    (``_ANSWERED``), each a bool or None, the 4 biopsy findings None without a biopsy;
    ``ffw`` a bool or None; ``biopsy`` 0 or 1; ``mode`` a member. The screening rule calls
    it directly for a record whose inputs it has checked the same way (issue 8).
    """
    met, score, missing, _, state = _decide(age, answers, ffw, biopsy, mode)
    return deferred_outcome(_CLASSIFICATION, met, score, missing, state)


#: The outcomes' names (the screening rules build them from the decisions too).
_CLASSIFICATION = "eular_acr_2017_iim"
_ANTIBODIES = "myositis_antibodies_positive"


#: The decision of the criteria: ``(met, score, missing, subgroup, state)``, ``state`` the
#: details builder and its arguments for :func:`results.deferred_outcome`.
_Decision = tuple[bool | None, float, tuple[str, ...], IimSubgroup | None, tuple[Any, ...]]


def _decide(
    age: float | None,
    answers: tuple[bool | None, ...],
    ffw: bool | None,  # noqa: FBT001 - private core, a tri-state value
    biopsy: int,
    mode: IimCutoffs,
) -> _Decision:
    """The decision of :func:`_classify` (its arguments): numbers only, no text (issue 8).

    The score in tenths known and still unknown, the category, ``met``, the subgroup and the
    unknown items' names; the reason, values and items are built by :func:`_details` from
    the state returned, when first read.
    """
    band: tuple[int, float, str] | None
    if age is None:
        band = None
        known = 0
        unknown = _AGE_40[biopsy]
        missing = ["age_at_onset_years"]
    else:
        bands = _AGE_BANDS[biopsy]
        band = bands[0] if age >= 40 else bands[1] if age >= 18 else bands[2]  # noqa: PLR2004
        known = band[0]
        unknown = 0
        missing = []
    # The items (with the biopsy findings if a biopsy was done).
    counted = answers if biopsy else answers[:10]
    weights = _ITEM_WEIGHTS[biopsy]
    known += sum(compress(weights, counted))  # the items present
    if None in counted:
        for value, weight, name in zip(counted, weights, _ITEM_NAMES[biopsy], strict=True):
            if value is None:
                unknown += weight
                missing.append(name)
    cuts = _CUTS[mode is _BY_SCORE][biopsy][0]
    # The category of the known score and of the most it can reach: the number of
    # cut-offs reached (each ``>=``; bisect, one C call) ranks it.
    low = _RANKED[bisect_right(cuts, known)]
    category = low if _RANKED[bisect_right(cuts, known + unknown)] is low else None
    met: bool | None
    if known >= cuts[1]:
        met = True
    elif known + unknown < cuts[1]:
        met = False
    else:
        met = None
    subgroup = _subgroup(age, answers, ffw, biopsy=bool(biopsy)) if met else None
    state = (_details, age, band, counted, biopsy, mode, known, unknown, category, subgroup)
    return (
        met,
        _BY_TENTHS[biopsy][known][0],
        tuple(missing) if category is None else (),
        subgroup,
        state,
    )


def _details(state: tuple[Any, ...]) -> tuple[str, dict[str, object], tuple[Outcome, ...]]:
    """The reason, values and items of :func:`_classify`'s outcome, from its decision."""
    _, age, band, counted, biopsy, mode, known, unknown, category, subgroup = state
    age_item: Outcome
    if band is None:
        age_item = _AGE_NOT_KNOWN
    else:
        points, text = band[0], band[2]
        age_item = Outcome(
            "age_at_onset", points > 0, f"age at onset {age:g} years {text}", band[1], {"age": age}
        )
    # Each item's Outcome built once at import and shared (issue 8: it depends on nothing
    # else).
    outcomes: tuple[dict[bool | None, Outcome], ...] = _ITEM_TABLES[biopsy][0]
    items = (age_item, *map(getitem, outcomes, counted))
    suffix = _CUTS[mode is _BY_SCORE][biopsy][1]
    score, probability, prefix = _BY_TENTHS[biopsy][known]
    values: dict[str, object] = {
        "score": score,
        "probability": probability,
        "category": None if category is None else category._value_,
        "subgroup": None if subgroup is None else subgroup._value_,
        "variant": _VARIANTS[biopsy],
        "cutoffs": mode._value_,
    }
    if unknown:
        values["score_max"] = (known + unknown) / 10
    reason = prefix + ("unknown" if category is None else category._value_) + suffix
    if unknown:
        reason += f"; up to {(known + unknown) / 10:g} if unknown items are present"
    if subgroup is not None:
        reason += f"; subgroup {subgroup._value_}"
    return reason, values, items


def _subgroup(  # noqa: PLR0911 - one return per leaf of the published tree
    age: float | None,
    answers: tuple[bool | None, ...],
    ffw: bool | None,  # noqa: FBT001 - private helper, a tri-state value
    *,
    biopsy: bool,
) -> IimSubgroup | None:
    """The classification tree; ``None`` when an unknown input decides the branch.

    ``answers`` are the checked answers in the signature's order (``_ANSWERED``).
    """
    if age is None:
        return None
    # any_of of checked answers (each a bool or None) by C-level containment (issue 8).
    rash = answers[4:7]  # heliotrope rash, Gottron's papules, Gottron's sign
    is_rash = True if True in rash else None if None in rash else False
    if age < 18:  # noqa: PLR2004
        if is_rash is None:
            return None
        return _JDM if is_rash else _JUVENILE_OTHER
    if is_rash is None:
        return None
    if is_rash:
        weak = answers[0:4]  # the four muscle weakness items
        if True in weak:
            return _DM
        return None if None in weak else _ADM
    # Without a biopsy the rimmed-vacuole branch is not available (it is absent, not unknown).
    ibm = any_of((ffw, answers[13] if biopsy else False))
    if ibm is None:
        return None
    return _IBM if ibm else _PM


class MyositisAntibody(str, Enum):
    """Myositis-specific (MSA) and myositis-associated (MAA) autoantibodies."""

    # Myositis-specific: anti-aminoacyl-tRNA synthetases
    JO1 = "jo1"
    PL7 = "pl7"
    PL12 = "pl12"
    EJ = "ej"
    OJ = "oj"
    KS = "ks"
    ZO = "zo"
    HA = "ha"
    # Myositis-specific: dermatomyositis
    MI2 = "mi2"
    MDA5 = "mda5"
    TIF1_GAMMA = "tif1_gamma"
    NXP2 = "nxp2"
    SAE = "sae"
    # Myositis-specific: immune-mediated necrotising myopathy
    SRP = "srp"
    HMGCR = "hmgcr"
    # Myositis-associated
    RO52 = "ro52"
    PM_SCL = "pm_scl"
    KU = "ku"
    U1_RNP = "u1_rnp"


_ASSOCIATED = frozenset(
    {MyositisAntibody.RO52, MyositisAntibody.PM_SCL, MyositisAntibody.KU, MyositisAntibody.U1_RNP}
)
#: (member, value) of the counted antibodies, in declaration order, bound once: iterating
#: the Enum and reading ``.value`` cost a descriptor call each on Python 3.11 (perf2).
_PANEL_ALL = tuple((a, a._value_) for a in MyositisAntibody)
_PANEL_SPECIFIC = tuple((a, value) for a, value in _PANEL_ALL if a not in _ASSOCIATED)


def _antibody_item(name: str, value: bool | None) -> Outcome:  # noqa: FBT001 - a tri-state result
    """One antibody's item: its result (``None``: not tested)."""
    text = "not tested" if value is None else "positive" if value else "negative"
    return Outcome(
        f"anti_{name}", value, f"anti-{name}: {text}", None, EMPTY, (name,) if value is None else ()
    )


#: Each antibody's item for each result, built once at import and shared (issue 8): it
#: depends on nothing else, and its ``values`` is the read-only EMPTY.
_ANTIBODY_ITEMS = {
    name: {value: _antibody_item(name, value) for value in (True, False, None)}
    for _, name in _PANEL_ALL
}


def myositis_antibodies_positive(
    results: Mapping[MyositisAntibody | str, bool | None],
    *,
    include_associated: bool = False,
) -> Outcome:
    """The protocol's "positive myositis antibodies": any myositis-specific antibody positive.

    Parameters
    ----------
    results
        Antibody results keyed by :class:`MyositisAntibody` (or its string value): ``True``
        positive, ``False`` negative, ``None`` not tested. Antibodies not listed are not
        tested.
    include_associated
        Also count the myositis-associated antibodies (anti-Ro52, anti-PM-Scl, anti-Ku,
        anti-U1-RNP). Default ``False``: only myositis-specific antibodies count.

    Returns
    -------
    Outcome
        ``met`` True if any counted antibody is positive; False if every counted antibody
        was tested and negative; None otherwise (untested ones could be positive).

    Notes
    -----
    Myositis-specific: anti-synthetases (Jo-1, PL-7, PL-12, EJ, OJ, KS, Zo, Ha), DM
    (Mi-2, MDA5, TIF1-γ, NXP2, SAE), IMNM (SRP, HMGCR). Myositis-associated: Ro52, PM-Scl,
    Ku, U1-RNP. Anti-cN1A (IBM) is not listed: the protocol excludes IBM.

    References
    ----------
    1. Betteridge Z, McHugh N. Myositis-specific autoantibodies: an important tool to
       support diagnosis of myositis. J Intern Med 2016;280:8-23. doi:10.1111/joim.12451
    2. CHEC2024-181 protocol, myositis inclusion criterion 3.

    Examples
    --------
    >>> myositis_antibodies_positive({"mda5": True, "jo1": False}).met
    True
    >>> myositis_antibodies_positive({"ro52": True}).met is None
    True
    """
    checked = _v.keyed("results", results, MyositisAntibody)
    include = _v.flag("include_associated", include_associated)
    values: list[bool | None] = []
    for antibody, name in _PANEL_ALL if include else _PANEL_SPECIFIC:
        given = checked.get(antibody)
        values.append(
            given
            if given is None or given is True or given is False
            else _v.optional_flag(f"results[{name!r}]", given)
        )
    counted = _COUNTED[include]
    for antibody, given in checked.items():
        if antibody not in counted:
            _v.optional_flag(f"results[{antibody.value!r}]", given)
    return _antibodies(tuple(values), include)


#: Per panel (specific; specific and associated): the counted antibodies, their names,
#: their items by result, and the reason when all are negative, built once (issue 8).
_COUNTED = (
    frozenset(a for a, _ in _PANEL_SPECIFIC),
    frozenset(a for a, _ in _PANEL_ALL),
)
_PANEL_NAMES = (
    tuple(name for _, name in _PANEL_SPECIFIC),
    tuple(name for _, name in _PANEL_ALL),
)
_PANEL_ITEMS = tuple(tuple(_ANTIBODY_ITEMS[name] for name in names) for names in _PANEL_NAMES)
_PANEL_TEXT = ("specific", "specific and associated")
_ALL_NEGATIVE = tuple(
    f"all {len(names)} myositis-{panel} antibodies negative"
    for names, panel in zip(_PANEL_NAMES, _PANEL_TEXT, strict=True)
)


def _antibodies(values: tuple[bool | None, ...], include: bool) -> Outcome:  # noqa: FBT001 - private core
    """The outcome of :func:`myositis_antibodies_positive` from checked results.

    ``values`` holds the counted antibodies' results (each a bool or None) in the panel's
    order; ``include`` the checked ``include_associated``. The screening rule calls it
    directly for a record's results checked the same way (issue 8). It decides ``met`` and
    ``missing`` (:func:`_antibody_decision`); the reason, values and items are built when
    first read.
    """
    met, missing, state = _antibody_decision(values, include)
    return deferred_outcome(_ANTIBODIES, met, None, missing, state)


def _antibody_decision(
    values: tuple[bool | None, ...],
    include: bool,  # noqa: FBT001 - private core
) -> tuple[bool | None, tuple[str, ...], tuple[Any, ...]]:
    """The decision of :func:`_antibodies`: ``(met, missing, state)``, no text (issue 8)."""
    missing: tuple[str, ...] = ()
    if True in values:
        met: bool | None = True
    elif None in values:
        met = None
        missing = tuple(
            [
                name
                for name, value in zip(_PANEL_NAMES[include], values, strict=True)
                if value is None
            ]
        )
    else:
        met = False
    return met, missing, (_antibody_details, values, include, met, missing)


def _antibody_details(
    state: tuple[Any, ...],
) -> tuple[str, dict[str, object], tuple[Outcome, ...]]:
    """The reason, values and items of :func:`_antibodies`' outcome, from its decision."""
    _, values, include, met, missing = state
    names = _PANEL_NAMES[include]
    by_result: tuple[dict[bool | None, Outcome], ...] = _PANEL_ITEMS[include]
    items = tuple(map(getitem, by_result, values))
    panel = _PANEL_TEXT[include]
    if met:
        positive = tuple(compress(names, values))  # the True ones (None and False are falsy)
        reason = f"positive myositis-{panel} antibody: {', '.join(positive)}"
    elif met is None:
        positive = ()
        reason = f"no positive result; untested: {', '.join(missing)}"
    else:
        positive = ()
        reason = _ALL_NEGATIVE[include]
    return reason, {"positive": positive, "include_associated": include}, items
