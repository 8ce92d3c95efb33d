r"""The 2013 ACR/EULAR classification criteria for systemic sclerosis (van den Hoogen 2013).

Weights, sub-items and the exclusions are those of Table 1 of the simultaneous publications
in *Ann Rheum Dis* and *Arthritis Rheum*; the item definitions are those of their Table 2
(docs page ``docs/systemic-sclerosis.md``).
"""

from __future__ import annotations

import itertools
from types import MappingProxyType
from typing import Any

from activity_scores import _validation as _v
from activity_scores._logic import all_of, points_reach
from activity_scores.errors import InvalidInputError
from activity_scores.results import Outcome, deferred_outcome

__all__ = ["acr_eular_2013_ssc"]

_THRESHOLD = 9

#: Items in the published order: (item name, ((input, weight), ...)). Within an item only the
#: highest weight of the sub-items present counts.
_ITEMS: tuple[tuple[str, str, tuple[tuple[str, int], ...]], ...] = (
    (
        "skin_thickening_proximal_to_mcps",
        "skin thickening of the fingers of both hands proximal to the MCPs (sufficient)",
        (("skin_thickening_proximal_to_mcps", 9),),
    ),
    (
        "skin_thickening_of_fingers",
        "skin thickening of the fingers (puffy fingers 2, sclerodactyly 4)",
        (("puffy_fingers", 2), ("sclerodactyly", 4)),
    ),
    (
        "fingertip_lesions",
        "fingertip lesions (digital tip ulcers 2, pitting scars 3)",
        (("digital_tip_ulcers", 2), ("fingertip_pitting_scars", 3)),
    ),
    ("telangiectasia", "telangiectasia", (("telangiectasia", 2),)),
    (
        "abnormal_nailfold_capillaries",
        "abnormal nailfold capillaries",
        (("abnormal_nailfold_capillaries", 2),),
    ),
    (
        "pah_and_or_ild",
        "pulmonary arterial hypertension and/or interstitial lung disease (max 2)",
        (("pulmonary_arterial_hypertension", 2), ("interstitial_lung_disease", 2)),
    ),
    ("raynaud_phenomenon", "Raynaud's phenomenon", (("raynaud_phenomenon", 3),)),
    (
        "ssc_related_autoantibodies",
        "SSc-related autoantibodies (ACA, anti-topo I, anti-RNA pol III; max 3)",
        (("anticentromere", 3), ("anti_topoisomerase_i", 3), ("anti_rna_polymerase_iii", 3)),
    ),
)


#: Per item, built once: each sub-item with its text in a reason, and the reason when absent.
_SPECS = tuple(
    (
        name,
        label,
        tuple((key, weight, f"{key} ({weight})") for key, weight in subs),
        f"{label}: absent (0 points)",
    )
    for name, label, subs in _ITEMS
)


def _item(
    name: str,
    label: str,
    subs: tuple[tuple[str, int, str], ...],
    absent: str,
    given: dict[str, bool | None],
) -> tuple[Outcome, int, int, list[str]]:
    """One item: its outcome, known points, most points still possible, deciding inputs.

    Within the item only the highest weight present counts; an unknown sub-item decides
    only if it weighs more than the known points.
    """
    known = possible = 0
    present: list[str] = []
    values: dict[str, bool | None] = {}
    unknown = False
    for key, weight, shown in subs:  # plain loops over at most 3 sub-items (issue 8)
        value = given[key]
        values[key] = value
        if value is True:
            present.append(shown)
            known = max(known, weight)
            possible = max(possible, weight)
        elif value is None:
            unknown = True
            possible = max(possible, weight)
    deciding = (
        [key for key, weight, _ in subs if values[key] is None and weight > known]
        if unknown
        else []
    )
    met = True if present else None if unknown else False
    if known:
        reason = f"{label}: {known} points from {', '.join(present)}"
        if deciding:
            reason += f"; up to {possible} if {' or '.join(deciding)}"
    elif deciding:
        reason = f"{label}: 0 known points, up to {possible} ({', '.join(deciding)} unknown)"
    else:
        reason = absent
    outcome = Outcome(name, met, reason, known, values, tuple(deciding))
    return outcome, known, possible - known, deciding


def _item_table(
    name: str, label: str, subs: tuple[tuple[str, int, str], ...], absent: str
) -> dict[tuple[bool | None, ...], tuple[int, int, tuple[str, ...], Outcome]]:
    """An item's outcome for every combination of its sub-items' states, by :func:`_item`.

    (known points, most points still possible beyond them, deciding inputs, the item's
    Outcome), keyed by the states in the sub-items' order: at most 3**3 combinations per
    item, 66 in all, built once at import so that a call looks its items up (issue 8). The
    Outcome is shared by every call, so its ``values`` (the states by input) are read-only.
    """
    keys = [key for key, _, _ in subs]
    table = {}
    for states in itertools.product((True, False, None), repeat=len(subs)):
        values = dict(zip(keys, states, strict=True))
        outcome, known, more, deciding = _item(name, label, subs, absent, values)
        item = Outcome(
            name,
            outcome.met,
            outcome.reason,
            known,
            MappingProxyType(values),
            tuple(deciding),
        )
        table[states] = (known, more, tuple(deciding), item)
    return table


#: Per item: its name, its inputs and its table.
_TABLES = tuple(
    (name, tuple(key for key, _, _ in subs), _item_table(name, label, subs, absent))
    for name, label, subs, absent in _SPECS
)


def _group_table(
    tables: tuple[tuple[str, tuple[str, ...], dict[Any, Any]], ...],
) -> dict[tuple[object, ...], tuple[int, int, tuple[str, ...], tuple[Outcome, ...]]]:
    """Consecutive items' (known points, more possible, deciding inputs, outcomes) together.

    Keyed by the states of all their inputs in order, from the items' own tables, for
    every combination (at most 3**5), built once at import (issue 8).
    """
    sizes = [len(keys) for _, keys, _ in tables]
    out: dict[tuple[object, ...], tuple[int, int, tuple[str, ...], tuple[Outcome, ...]]] = {}
    for states in itertools.product((True, False, None), repeat=sum(sizes)):
        known = more = 0
        deciding: list[str] = []
        items: list[Outcome] = []
        start = 0
        for (_, _, table), size in zip(tables, sizes, strict=True):
            points, extra, keys_deciding, item = table[states[start : start + size]]
            start += size
            known += points
            more += extra
            deciding += keys_deciding
            items.append(item)
        out[states] = (known, more, tuple(deciding), tuple(items))
    return out


#: The items in three groups: inputs 0-4 (3 items), 5-8 (3 items) and 9-12 (2 items).
_GROUP_1 = _group_table(_TABLES[0:3])
_GROUP_2 = _group_table(_TABLES[3:6])
_GROUP_3 = _group_table(_TABLES[6:8])
#: The inputs in the signature's order (the order in which they are checked).
_INPUTS = (
    "skin_thickening_proximal_to_mcps",
    "puffy_fingers",
    "sclerodactyly",
    "digital_tip_ulcers",
    "fingertip_pitting_scars",
    "telangiectasia",
    "abnormal_nailfold_capillaries",
    "pulmonary_arterial_hypertension",
    "interstitial_lung_disease",
    "raynaud_phenomenon",
    "anticentromere",
    "anti_topoisomerase_i",
    "anti_rna_polymerase_iii",
    "skin_thickening_sparing_fingers",
    "better_explained_by_scleroderma_like_disorder",
)


#: The exclusions' reasons, by the input's state (built once).
_SPARED = {
    True: "exclusion: skin thickening spares the fingers (criteria not applicable)",
    False: "fingers not spared",
    None: "not known whether skin thickening spares the fingers",
}
_SPARED_FINGERS_THICKENED = "fingers not spared (finger skin thickening present)"
_EXPLAINED = {
    True: "exclusion: a scleroderma-like disorder better explains the findings",
    False: "no scleroderma-like disorder better explains the findings",
    None: "not known whether a scleroderma-like disorder better explains the findings",
}


def _exclusion(name: str, key: str, state: bool | None, reason: str) -> Outcome:  # noqa: FBT001 - a tri-state input
    """An exclusion's outcome (met when it does not apply), shared: read-only ``values``."""
    return Outcome(
        name,
        None if state is None else not state,
        reason,
        None,
        MappingProxyType({key: state}),
        (key,) if state is None else (),
    )


#: ``no_skin_thickening_sparing_fingers`` by (the input, implied False when the fingers are
#: thickened; the fingers thickened), and ``no_better_explaining_disorder`` by the input.
_SPARED_ITEMS = {
    (state, thickened): _exclusion(
        "no_skin_thickening_sparing_fingers",
        "skin_thickening_sparing_fingers",
        state,
        _SPARED_FINGERS_THICKENED if state is False and thickened else _SPARED[state],
    )
    for state in (True, False, None)
    for thickened in (True, False)
}
_EXPLAINED_ITEMS = {
    state: _exclusion(
        "no_better_explaining_disorder",
        "better_explained_by_scleroderma_like_disorder",
        state,
        _EXPLAINED[state],
    )
    for state in (True, False, None)
}


def _missing(
    met: bool | None,  # noqa: FBT001 - the criteria's state
    reached: bool | None,  # noqa: FBT001 - whether the points reach the threshold
    deciding: list[str],
    exclusions: tuple[Outcome, Outcome],
) -> tuple[str, ...]:
    """The inputs that would decide an unknown outcome (none for a decided one)."""
    missing: list[str] = []
    if met is None:
        if reached is None:
            missing += deciding
        if reached is not False:
            for item in exclusions:
                missing += item.missing
    return tuple(missing)


def _reason(  # noqa: PLR0917 - the decision's numbers (private)
    met: bool | None,  # noqa: FBT001 - the criteria's state
    reached: bool | None,  # noqa: FBT001 - whether the points reach the threshold
    known: int,
    unknown_max: int,
    missing: tuple[str, ...],
    exclusions: tuple[Outcome, Outcome],
) -> str:
    """The one-line reason."""
    total = f"{known} points" + (f" (up to {known + unknown_max})" if unknown_max else "")
    excluded = [item for item in exclusions if item.met is False]
    if excluded:
        return f"not applicable: {excluded[0].reason}"
    if met is True:
        return f"classified as SSc: {total} >= {_THRESHOLD}"
    if met is False:
        return f"not classified as SSc: {total} < {_THRESHOLD}"
    if reached is True:
        return f"{total} >= {_THRESHOLD}, but not known: {', '.join(missing)}"
    return f"unknown: {total}, {_THRESHOLD} needed; undecided: {', '.join(missing)}"


def _details(state: tuple[Any, ...]) -> tuple[str, dict[str, bool | None], tuple[Outcome, ...]]:
    """The reason, values (the inputs by name) and items of :func:`acr_eular_2013_ssc`.

    From its decision (issue 8): ``(_details, answers, the three groups' items, exclusions,
    known, unknown_max, met, reached, missing)``.
    """
    _, answers, items_1, items_2, items_3, exclusions, known, unknown_max, met, reached, missing = (
        state
    )
    return (
        _reason(met, reached, known, unknown_max, missing, exclusions),
        dict(zip(_INPUTS, answers, strict=True)),
        (*items_1, *items_2, *items_3, *exclusions),
    )


def acr_eular_2013_ssc(
    *,
    skin_thickening_proximal_to_mcps: bool | None = None,
    puffy_fingers: bool | None = None,
    sclerodactyly: bool | None = None,
    digital_tip_ulcers: bool | None = None,
    fingertip_pitting_scars: bool | None = None,
    telangiectasia: bool | None = None,
    abnormal_nailfold_capillaries: bool | None = None,
    pulmonary_arterial_hypertension: bool | None = None,
    interstitial_lung_disease: bool | None = None,
    raynaud_phenomenon: bool | None = None,
    anticentromere: bool | None = None,
    anti_topoisomerase_i: bool | None = None,
    anti_rna_polymerase_iii: bool | None = None,
    skin_thickening_sparing_fingers: bool | None = None,
    better_explained_by_scleroderma_like_disorder: bool | None = None,
) -> Outcome:
    r"""2013 ACR/EULAR classification criteria for systemic sclerosis (SSc).

    Every input is ``True`` (present), ``False`` (absent) or ``None`` (not known, the
    default). Items may be present at any time in the patient's history.

    Parameters
    ----------
    skin_thickening_proximal_to_mcps
        Skin thickening of the fingers of both hands extending proximal to the
        metacarpophalangeal joints. Sufficient criterion, 9 points.
    puffy_fingers
        Puffy fingers (swollen digits, a diffuse, usually non-pitting increase in soft tissue
        mass). 2 points.
    sclerodactyly
        Sclerodactyly of the fingers: skin thickening distal to the MCPs but proximal to the
        proximal interphalangeal joints. 4 points (with puffy fingers, only the higher counts).
    digital_tip_ulcers
        Digital tip ulcers (distal to or at the PIP, not due to trauma). 2 points.
    fingertip_pitting_scars
        Fingertip pitting scars (ischaemic). 3 points (with ulcers, only the higher counts).
    telangiectasia
        Telangiectasia in a scleroderma-like pattern. 2 points.
    abnormal_nailfold_capillaries
        Abnormal nailfold capillary pattern consistent with SSc. 2 points.
    pulmonary_arterial_hypertension
        Pulmonary arterial hypertension diagnosed by right-heart catheterisation. 2 points.
    interstitial_lung_disease
        Interstitial lung disease (pulmonary fibrosis on HRCT or chest radiograph, or
        "Velcro" crackles, not due to another cause). 2 points (PAH and/or ILD: max 2).
    raynaud_phenomenon
        Raynaud's phenomenon (self-reported or reported by a physician). 3 points.
    anticentromere
        Anticentromere antibody (or centromere pattern ANA). 3 points.
    anti_topoisomerase_i
        Anti-topoisomerase I (anti-Scl-70) antibody. 3 points.
    anti_rna_polymerase_iii
        Anti-RNA polymerase III antibody. 3 points (the antibodies together: max 3).
    skin_thickening_sparing_fingers
        Exclusion: skin thickening that spares the fingers. The criteria do not apply.
        Necessarily ``False`` when finger skin thickening (the sufficient criterion or
        sclerodactyly) is present; ``True`` together with either is refused.
    better_explained_by_scleroderma_like_disorder
        Exclusion: a scleroderma-like disorder better explains the manifestations
        (nephrogenic sclerosing fibrosis, generalised morphea, eosinophilic fasciitis,
        scleredema diabeticorum, scleromyxedema, erythromyalgia, porphyria, lichen sclerosis,
        graft-versus-host disease, diabetic cheiroarthropathy). The criteria do not apply.

    Returns
    -------
    Outcome
        ``met`` ``True`` (classified as definite SSc: total ≥ 9 and no exclusion), ``False``
        (total < 9 even if every unknown item were present, or an exclusion applies) or
        ``None`` (unknown; ``missing`` lists the inputs that would decide it). ``points`` the
        known total (0-28 with the sufficient criterion). ``items`` the 8 scored items in the
        published order, then ``no_skin_thickening_sparing_fingers`` and
        ``no_better_explaining_disorder``.

    Raises
    ------
    InvalidInputError
        An input that is not ``True``, ``False`` or ``None``, or contradictory inputs.

    Notes
    -----
    $$
    \text{total} = \sum_{\text{items}} \max_{\text{sub-items present}} w, \qquad
    \text{SSc if total} \ge 9
    $$

    | Item | Sub-item | Weight |
    |---|---|---|
    | Skin thickening of the fingers of both hands extending proximal to the MCPs | (sufficient criterion) | 9 |
    | Skin thickening of the fingers (higher only) | puffy fingers | 2 |
    | | sclerodactyly | 4 |
    | Fingertip lesions (higher only) | digital tip ulcers | 2 |
    | | fingertip pitting scars | 3 |
    | Telangiectasia | | 2 |
    | Abnormal nailfold capillaries | | 2 |
    | PAH and/or ILD (max 2) | PAH; ILD | 2 |
    | Raynaud's phenomenon | | 3 |
    | SSc-related autoantibodies (max 3) | ACA; anti-topo I; anti-RNA pol III | 3 |

    References
    ----------
    1. van den Hoogen F, Khanna D, Fransen J, et al. 2013 classification criteria for
       systemic sclerosis: an American College of Rheumatology/European League Against
       Rheumatism collaborative initiative. Ann Rheum Dis 2013;72:1747-1755.
       doi:10.1136/annrheumdis-2013-204424
    2. The same, Arthritis Rheum 2013;65:2737-2747. doi:10.1002/art.38098

    Examples
    --------
    Raynaud's (3), sclerodactyly (4) and anticentromere (3) make 10:

    >>> r = acr_eular_2013_ssc(
    ...     raynaud_phenomenon=True,
    ...     sclerodactyly=True,
    ...     anticentromere=True,
    ...     better_explained_by_scleroderma_like_disorder=False,
    ... )
    >>> r.met, r.points
    (True, 10)

    The sufficient criterion alone is enough, once the exclusions are settled:

    >>> r = acr_eular_2013_ssc(skin_thickening_proximal_to_mcps=True)
    >>> r.met, r.missing
    (None, ('better_explained_by_scleroderma_like_disorder',))
    """
    answers: tuple[object, ...] = (
        skin_thickening_proximal_to_mcps,
        puffy_fingers,
        sclerodactyly,
        digital_tip_ulcers,
        fingertip_pitting_scars,
        telangiectasia,
        abnormal_nailfold_capillaries,
        pulmonary_arterial_hypertension,
        interstitial_lung_disease,
        raynaud_phenomenon,
        anticentromere,
        anti_topoisomerase_i,
        anti_rna_polymerase_iii,
        skin_thickening_sparing_fingers,
        better_explained_by_scleroderma_like_disorder,
    )
    for answer in answers:  # a bool or None is the common case (issue 8)
        if answer is not None and answer is not True and answer is not False:
            for key, value in zip(_INPUTS, answers, strict=True):
                _v.optional_flag(key, value)  # raises for the first faulty input, in order
    mcps = skin_thickening_proximal_to_mcps
    fingers_thickened = (
        True
        if mcps is True or sclerodactyly is True
        else None
        if mcps is None or sclerodactyly is None
        else False
    )
    sparing = skin_thickening_sparing_fingers
    if fingers_thickened is True:
        if sparing is True:
            raise InvalidInputError(
                "skin_thickening_sparing_fingers",
                "cannot be True when skin thickening of the fingers "
                "(skin_thickening_proximal_to_mcps or sclerodactyly) is present",
                value=True,
            )
        sparing = False  # the fingers are not spared: implied, not guessed

    # the 8 items, from the tables of their three groups (inputs 0-4, 5-8, 9-12; issue 8)
    known_1, more_1, deciding_1, items_1 = _GROUP_1[answers[0:5]]
    known_2, more_2, deciding_2, items_2 = _GROUP_2[answers[5:9]]
    known_3, more_3, deciding_3, items_3 = _GROUP_3[answers[9:13]]
    known = known_1 + known_2 + known_3
    unknown_max = more_1 + more_2 + more_3
    reached = points_reach(known, unknown_max, _THRESHOLD)

    spared = _SPARED_ITEMS[sparing, fingers_thickened is True]
    better = _EXPLAINED_ITEMS[better_explained_by_scleroderma_like_disorder]
    met = all_of([reached, spared.met, better.met])
    exclusions = (spared, better)
    missing = (
        ()
        if met is not None  # the common case: nothing missing
        else _missing(met, reached, [*deciding_1, *deciding_2, *deciding_3], exclusions)
    )
    return deferred_outcome(
        "acr_eular_2013_ssc",
        met,
        known,
        missing,
        (
            _details,
            answers,
            items_1,
            items_2,
            items_3,
            exclusions,
            known,
            unknown_max,
            met,
            reached,
            missing,
        ),
    )
