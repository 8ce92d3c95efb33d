r"""The 2013 ACR/EULAR classification criteria for systemic sclerosis (van den Hoogen 2013).

Weights, sub-items and the exclusions are those of Table 1 of the simultaneous publications
in *Ann Rheum Dis* and *Arthritis Rheum*; the item definitions are those of their Table 2
(docs page ``docs/systemic-sclerosis.md``).
"""

from __future__ import annotations

from activity_scores import _validation as _v
from activity_scores._logic import all_of, any_of, negate, points_reach
from activity_scores.errors import InvalidInputError
from activity_scores.results import Outcome

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


def _item(
    name: str, label: str, subs: tuple[tuple[str, int], ...], given: dict[str, bool | None]
) -> tuple[Outcome, int, int, list[str]]:
    """One item: its outcome, known points, most points still possible, deciding inputs."""
    known = max((w for key, w in subs if given[key] is True), default=0)
    possible = max((w for key, w in subs if given[key] is not False), default=0)
    deciding = [key for key, w in subs if given[key] is None and w > known]
    met = any_of(given[key] for key, _ in subs)
    present = [f"{key} ({w})" for key, w in subs if given[key] is True]
    if known:
        reason = f"{label}: {known} points from {', '.join(present)}"
        if deciding:
            reason += f"; up to {possible} if {' or '.join(deciding)}"
    elif deciding:
        reason = f"{label}: 0 known points, up to {possible} ({', '.join(deciding)} unknown)"
    else:
        reason = f"{label}: absent (0 points)"
    outcome = Outcome(
        name,
        met,
        reason,
        points=known,
        values={key: given[key] for key, _ in subs},
        missing=tuple(deciding),
    )
    return outcome, known, possible - known, deciding


def _verdict(
    *,
    met: bool | None,
    reached: bool | None,
    known: int,
    unknown_max: int,
    deciding: list[str],
    exclusions: list[Outcome],
) -> tuple[list[str], str]:
    """The inputs that would decide an unknown, and the one-line reason."""
    missing: list[str] = []
    if met is None:
        if reached is None:
            missing += deciding
        if reached is not False:
            for item in exclusions:
                missing += item.missing
    total = f"{known} points" + (f" (up to {known + unknown_max})" if unknown_max else "")
    excluded = [item for item in exclusions if item.met is False]
    if excluded:
        return missing, f"not applicable: {excluded[0].reason}"
    if met is True:
        return missing, f"classified as SSc: {total} >= {_THRESHOLD}"
    if met is False:
        return missing, f"not classified as SSc: {total} < {_THRESHOLD}"
    if reached is True:
        return missing, f"{total} >= {_THRESHOLD}, but not known: {', '.join(missing)}"
    return missing, f"unknown: {total}, {_THRESHOLD} needed; undecided: {', '.join(missing)}"


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
    raw = {
        "skin_thickening_proximal_to_mcps": skin_thickening_proximal_to_mcps,
        "puffy_fingers": puffy_fingers,
        "sclerodactyly": sclerodactyly,
        "digital_tip_ulcers": digital_tip_ulcers,
        "fingertip_pitting_scars": fingertip_pitting_scars,
        "telangiectasia": telangiectasia,
        "abnormal_nailfold_capillaries": abnormal_nailfold_capillaries,
        "pulmonary_arterial_hypertension": pulmonary_arterial_hypertension,
        "interstitial_lung_disease": interstitial_lung_disease,
        "raynaud_phenomenon": raynaud_phenomenon,
        "anticentromere": anticentromere,
        "anti_topoisomerase_i": anti_topoisomerase_i,
        "anti_rna_polymerase_iii": anti_rna_polymerase_iii,
        "skin_thickening_sparing_fingers": skin_thickening_sparing_fingers,
        "better_explained_by_scleroderma_like_disorder": (
            better_explained_by_scleroderma_like_disorder
        ),
    }
    given = {key: _v.optional_flag(key, value) for key, value in raw.items()}
    fingers_thickened = any_of([given["skin_thickening_proximal_to_mcps"], given["sclerodactyly"]])
    sparing = given["skin_thickening_sparing_fingers"]
    if fingers_thickened is True:
        if sparing is True:
            raise InvalidInputError(
                "skin_thickening_sparing_fingers",
                "cannot be True when skin thickening of the fingers "
                "(skin_thickening_proximal_to_mcps or sclerodactyly) is present",
                value=True,
            )
        sparing = False  # the fingers are not spared: implied, not guessed

    items: list[Outcome] = []
    known = unknown_max = 0
    deciding: list[str] = []
    for name, label, subs in _ITEMS:
        outcome, points, more, keys = _item(name, label, subs, given)
        items.append(outcome)
        known += points
        unknown_max += more
        deciding += keys
    reached = points_reach(known, unknown_max, _THRESHOLD)

    explained = given["better_explained_by_scleroderma_like_disorder"]
    items.append(
        Outcome(
            "no_skin_thickening_sparing_fingers",
            negate(sparing),
            {
                True: "exclusion: skin thickening spares the fingers (criteria not applicable)",
                False: "fingers not spared"
                + (" (finger skin thickening present)" if fingers_thickened is True else ""),
                None: "not known whether skin thickening spares the fingers",
            }[sparing],
            values={"skin_thickening_sparing_fingers": sparing},
            missing=("skin_thickening_sparing_fingers",) if sparing is None else (),
        )
    )
    items.append(
        Outcome(
            "no_better_explaining_disorder",
            negate(explained),
            {
                True: "exclusion: a scleroderma-like disorder better explains the findings",
                False: "no scleroderma-like disorder better explains the findings",
                None: "not known whether a scleroderma-like disorder better explains the findings",
            }[explained],
            values={"better_explained_by_scleroderma_like_disorder": explained},
            missing=("better_explained_by_scleroderma_like_disorder",) if explained is None else (),
        )
    )
    met = all_of([reached, negate(sparing), negate(explained)])
    missing, reason = _verdict(
        met=met,
        reached=reached,
        known=known,
        unknown_max=unknown_max,
        deciding=deciding,
        exclusions=items[-2:],
    )
    return Outcome(
        "acr_eular_2013_ssc",
        met,
        reason,
        points=known,
        values=given,
        missing=tuple(missing),
        items=tuple(items),
    )
