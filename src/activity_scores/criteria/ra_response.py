r"""Rheumatoid arthritis response and remission criteria (trial efficacy endpoints).

* ACR20/50/70 improvement criteria (Felson et al. 1995; 1998).
* ACR/EULAR Boolean remission, 2011 definition and the 2022 revision (patient global ≤ 2 cm).
* ACR/EULAR index-based remission: SDAI ≤ 3.3 (trials) or CDAI ≤ 2.8 (clinical practice).

The EULAR response (DAS28-based) is :func:`activity_scores.eular_response`.

Percent improvements are computed in exact decimal arithmetic on the values as written
(``Decimal(repr(x))``), so an improvement of exactly 20 % is 20 %, never 19.999999999999996 %.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

import attrs

from activity_scores import _validation as _v
from activity_scores._logic import all_of, at_least
from activity_scores.errors import InvalidInputError
from activity_scores.results import DiseaseActivity, Outcome, Score

__all__ = [
    "AcutePhaseReactant",
    "BooleanRemissionVersion",
    "RaCoreSet",
    "acr_eular_boolean_remission",
    "acr_eular_index_remission",
    "acr_response",
]


def _dec(value: float) -> Decimal:
    """The decimal a clinician wrote: shortest repr of the float, exactly."""
    return Decimal(value) if type(value) is int else Decimal(repr(float(value)))


def _opt_count(field: str, value: object, hi: int) -> int | None:
    if value is None:
        return None
    return _v.count(field, value, 0, hi, "joints")


def _opt_real(field: str, value: object, lo: float, hi: float, unit: str) -> float | None:
    return _v.optional_real(field, value, lo, hi, unit=unit)


class AcutePhaseReactant(str, Enum):
    """Which acute-phase reactant the ACR response uses: ``crp`` or ``esr``."""

    CRP = "crp"
    ESR = "esr"


@attrs.frozen
class RaCoreSet:
    """The ACR core set of RA disease-activity measures at one visit (Felson et al. 1993).

    Every measure is optional (``None`` = not measured). Validated on construction.

    Attributes
    ----------
    tender_joints_68
        Tender joint count of 68 joints. [count], 0-68.
    swollen_joints_66
        Swollen joint count of 66 joints. [count], 0-66.
    patient_pain_cm
        Patient's assessment of pain, 10 cm VAS. [cm], 0-10.
    patient_global_cm
        Patient's global assessment of disease activity, 10 cm VAS. [cm], 0-10.
    physician_global_cm
        Physician's global assessment of disease activity, 10 cm VAS. [cm], 0-10.
    haq_di
        Health Assessment Questionnaire Disability Index. [score], 0-3.
    crp_mg_per_dl
        C-reactive protein. [mg/dL], 0-100.
    esr_mm_per_h
        Erythrocyte sedimentation rate. [mm/h], 1-200.
    """

    tender_joints_68: int | None = None
    swollen_joints_66: int | None = None
    patient_pain_cm: float | None = None
    patient_global_cm: float | None = None
    physician_global_cm: float | None = None
    haq_di: float | None = None
    crp_mg_per_dl: float | None = None
    esr_mm_per_h: float | None = None

    def __attrs_post_init__(self) -> None:
        """Validate every measure (ranges and types), naming the field on error."""
        _opt_count("tender_joints_68", self.tender_joints_68, 68)
        _opt_count("swollen_joints_66", self.swollen_joints_66, 66)
        for name in ("patient_pain_cm", "patient_global_cm", "physician_global_cm"):
            _opt_real(name, getattr(self, name), 0, 10, "cm")
        _opt_real("haq_di", self.haq_di, 0, 3, "")
        _opt_real("crp_mg_per_dl", self.crp_mg_per_dl, 0, 100, "mg/dL")
        _opt_real("esr_mm_per_h", self.esr_mm_per_h, 1, 200, "mm/h")


_OTHER_MEASURES = ("patient_pain_cm", "patient_global_cm", "physician_global_cm", "haq_di")


def _improvement(
    name: str, base: float | None, follow: float | None, level: int
) -> tuple[Outcome, bool | None]:
    """One measure's percent improvement and whether it reaches ``level`` %."""
    if base is None or follow is None:
        missing = tuple(
            f"{visit}.{name}"
            for visit, value in (("baseline", base), ("follow_up", follow))
            if value is None
        )
        return Outcome(name, None, "not measured at both visits", missing=missing), None
    b, f = _dec(base), _dec(follow)
    if b == 0:
        reason = f"baseline {base} is 0: no improvement is possible"
        values = {"baseline": base, "follow_up": follow}
        return Outcome(name, met=False, reason=reason, values=values), False
    percent = (b - f) * 100 / b
    met = percent >= level
    sign = ">=" if met else "<"
    reason = f"{base} -> {follow}: {float(percent):.1f} % improvement {sign} {level} %"
    values = {"baseline": base, "follow_up": follow, "improvement_percent": float(percent)}
    return Outcome(name, met, reason, values=values), met


def acr_response(
    *,
    baseline: RaCoreSet,
    follow_up: RaCoreSet,
    level: int = 20,
    acute_phase_reactant: AcutePhaseReactant | str = AcutePhaseReactant.CRP,
) -> Outcome:
    r"""ACR20, ACR50 or ACR70 improvement (Felson et al. 1995; 1998), tri-state.

    Parameters
    ----------
    baseline
        The core set at baseline (:class:`RaCoreSet`).
    follow_up
        The core set at follow-up.
    level
        20, 50 or 70 (percent).
    acute_phase_reactant
        ``"crp"`` (default) or ``"esr"``: the one acute-phase reactant to use, chosen before
        looking at the data (Felson 1995 allows either).

    Returns
    -------
    Outcome
        ``met`` when tender **and** swollen joint counts improve by ≥ ``level`` % **and** at
        least 3 of the 5 other measures (pain, patient global, physician global, HAQ-DI,
        acute-phase reactant) improve by ≥ ``level`` %; ``None`` when missing measures could
        change that. One item per measure with its percent improvement.

    Notes
    -----
    $$
    \text{improvement}_{\%} = 100 \times \frac{\text{baseline} - \text{follow-up}}{\text{baseline}}
    $$

    A measure with a baseline of 0 cannot improve and counts as not improved. Joint counts
    are the ACR core set's 68 tender and 66 swollen joints.

    References
    ----------
    1. Felson DT, Anderson JJ, Boers M, et al. American College of Rheumatology preliminary
       definition of improvement in rheumatoid arthritis. Arthritis Rheum 1995;38:727-735.
       doi:10.1002/art.1780380602
    2. Felson DT, Anderson JJ, Lange MLM, Wells G, LaValley MP. Should improvement in
       rheumatoid arthritis clinical trials be defined as fifty percent or seventy percent
       improvement in core set measures, rather than twenty percent? Arthritis Rheum
       1998;41:1564-1570. doi:10.1002/1529-0131(199809)41:9<1564::AID-ART6>3.0.CO;2-M

    Examples
    --------
    >>> before = RaCoreSet(
    ...     tender_joints_68=20,
    ...     swollen_joints_66=10,
    ...     patient_pain_cm=6,
    ...     patient_global_cm=6,
    ...     physician_global_cm=5,
    ...     haq_di=1.25,
    ...     crp_mg_per_dl=2.0,
    ... )
    >>> after = RaCoreSet(
    ...     tender_joints_68=16,
    ...     swollen_joints_66=8,
    ...     patient_pain_cm=4.8,
    ...     patient_global_cm=5,
    ...     physician_global_cm=4,
    ...     haq_di=1.0,
    ...     crp_mg_per_dl=1.9,
    ... )
    >>> result = acr_response(baseline=before, follow_up=after, level=20)
    >>> result.met, result.item("tender_joints_68").reason
    (True, '20 -> 16: 20.0 % improvement >= 20 %')
    """
    if not isinstance(baseline, RaCoreSet):
        raise InvalidInputError("baseline", "must be a RaCoreSet", baseline)
    if not isinstance(follow_up, RaCoreSet):
        raise InvalidInputError("follow_up", "must be a RaCoreSet", follow_up)
    if level not in (20, 50, 70) or type(level) is not int:
        raise InvalidInputError("level", "must be 20, 50 or 70", level)
    apr = _v.choice("acute_phase_reactant", acute_phase_reactant, AcutePhaseReactant)
    apr_field = "crp_mg_per_dl" if apr is AcutePhaseReactant.CRP else "esr_mm_per_h"
    joints = [
        _improvement(name, getattr(baseline, name), getattr(follow_up, name), level)
        for name in ("tender_joints_68", "swollen_joints_66")
    ]
    others = [
        _improvement(name, getattr(baseline, name), getattr(follow_up, name), level)
        for name in (*_OTHER_MEASURES, apr_field)
    ]
    three_of_five = at_least(3, [met for _, met in others])
    met = all_of([*(m for _, m in joints), three_of_five])
    items = tuple(item for item, _ in (*joints, *others))
    n_other = sum(1 for _, m in others if m is True)
    if met is True:
        reason = f"both joint counts and {n_other} of 5 other measures improved >= {level} %"
    elif met is False:
        failed = [i.name for i, m in joints if m is False]
        reason = (
            f"joint count(s) not improved >= {level} %: {', '.join(failed)}"
            if failed
            else f"only {n_other} of 5 other measures can reach >= {level} % (3 needed)"
        )
    else:
        reason = f"missing measures could change the ACR{level} outcome"
    missing = tuple(name for item in items if item.met is None for name in item.missing)
    return Outcome(
        f"acr{level}",
        met,
        reason,
        values={"level_percent": level, "acute_phase_reactant": apr.value},
        missing=missing if met is None else (),
        items=items,
    )


class BooleanRemissionVersion(str, Enum):
    """ACR/EULAR Boolean remission: ``2011`` (patient global ≤ 1) or ``2022`` (≤ 2)."""

    V2011 = "2011"
    V2022 = "2022"


def acr_eular_boolean_remission(
    *,
    tender_joints_28: int | None,
    swollen_joints_28: int | None,
    patient_global_cm: float | None,
    crp_mg_per_dl: float | None = None,
    version: BooleanRemissionVersion | str = BooleanRemissionVersion.V2022,
    clinical_practice: bool = False,
) -> Outcome:
    r"""ACR/EULAR Boolean remission (2011 definition or 2022 revision), tri-state.

    Parameters
    ----------
    tender_joints_28
        Tender joints of 28. [count], 0-28, or ``None``.
    swollen_joints_28
        Swollen joints of 28. [count], 0-28, or ``None``.
    patient_global_cm
        Patient global assessment, 10 cm scale. [cm], 0-10, or ``None``.
    crp_mg_per_dl
        C-reactive protein. [mg/dL], 0-100, or ``None``.
    version
        ``"2022"`` (default; patient global ≤ 2 cm, Studenic 2023) or ``"2011"`` (≤ 1 cm,
        Felson 2011).
    clinical_practice
        ``True`` drops the CRP item, as Felson 2011 allows for clinical practice.

    Returns
    -------
    Outcome
        ``met`` when every item holds: TJC28 ≤ 1, SJC28 ≤ 1, CRP ≤ 1 mg/dL, patient global
        ≤ 1 cm (2011) or ≤ 2 cm (2022); ``None`` when a missing item could change that.

    Notes
    -----
    $$
    TJC_{28} \le 1 \;\wedge\; SJC_{28} \le 1 \;\wedge\; \mathrm{CRP} \le 1\,\mathrm{mg/dL}
    \;\wedge\; PtGA \le 1\ (2011)\ \text{or}\ \le 2\ (2022)\ \mathrm{cm}
    $$

    References
    ----------
    1. Felson DT, Smolen JS, Wells G, et al. American College of Rheumatology/European League
       Against Rheumatism provisional definition of remission in rheumatoid arthritis for
       clinical trials. Arthritis Rheum 2011;63:573-586. doi:10.1002/art.30129
    2. Studenic P, Aletaha D, de Wit M, et al. American College of Rheumatology/EULAR
       remission criteria for rheumatoid arthritis: 2022 revision. Ann Rheum Dis
       2023;82:74-80. doi:10.1136/ard-2022-223413

    Examples
    --------
    >>> r = acr_eular_boolean_remission(
    ...     tender_joints_28=1, swollen_joints_28=0, patient_global_cm=2.0, crp_mg_per_dl=0.4
    ... )
    >>> (
    ...     r.met,
    ...     acr_eular_boolean_remission(
    ...         tender_joints_28=1,
    ...         swollen_joints_28=0,
    ...         patient_global_cm=2.0,
    ...         crp_mg_per_dl=0.4,
    ...         version="2011",
    ...     ).met,
    ... )
    (True, False)
    """
    ver = _v.choice("version", version, BooleanRemissionVersion)
    practice = _v.flag("clinical_practice", clinical_practice)
    tjc = _opt_count("tender_joints_28", tender_joints_28, 28)
    sjc = _opt_count("swollen_joints_28", swollen_joints_28, 28)
    pga = _opt_real("patient_global_cm", patient_global_cm, 0, 10, "cm")
    crp = _opt_real("crp_mg_per_dl", crp_mg_per_dl, 0, 100, "mg/dL")
    pga_limit = Decimal(2) if ver is BooleanRemissionVersion.V2022 else Decimal(1)
    checks: list[tuple[str, float | None, Decimal, str]] = [
        ("tender_joints_28", tjc, Decimal(1), "joints"),
        ("swollen_joints_28", sjc, Decimal(1), "joints"),
        ("patient_global_cm", pga, pga_limit, "cm"),
    ]
    if not practice:
        checks.append(("crp_mg_per_dl", crp, Decimal(1), "mg/dL"))
    items = []
    for name, value, limit, unit in checks:
        if value is None:
            items.append(Outcome(name, None, "not measured", missing=(name,)))
            continue
        ok = _dec(value) <= limit
        reason = f"{value} {unit} {'<=' if ok else '>'} {limit} {unit}"
        items.append(Outcome(name, ok, reason, values={name: value, "limit": float(limit)}))
    met = all_of(item.met for item in items)
    label = f"ACR/EULAR Boolean remission ({ver.value})"
    if met is True:
        reason = f"{label}: every item met"
    elif met is False:
        reason = f"{label}: not met ({', '.join(i.name for i in items if i.met is False)})"
    else:
        reason = f"{label}: undetermined, items missing"
    missing = tuple(n for i in items if i.met is None for n in i.missing)
    return Outcome(
        f"boolean_remission_{ver.value}",
        met,
        reason,
        values={"version": ver.value, "clinical_practice": practice},
        missing=missing if met is None else (),
        items=tuple(items),
    )


def acr_eular_index_remission(score: Score) -> Outcome:
    """ACR/EULAR index-based remission: SDAI ≤ 3.3 (trials) or CDAI ≤ 2.8 (practice).

    Parameters
    ----------
    score
        An SDAI or CDAI :class:`~activity_scores.Score` (from :func:`~activity_scores.sdai`
        or :func:`~activity_scores.cdai`); its category was decided at 2 decimals.

    References
    ----------
    1. Felson DT, Smolen JS, Wells G, et al. Arthritis Rheum 2011;63:573-586.
       doi:10.1002/art.30129
    2. Aletaha D, Smolen JS. Clin Exp Rheumatol 2005;23(S39):S100-S108. PMID 16273793

    Examples
    --------
    >>> from activity_scores import sdai
    >>> s = sdai(
    ...     tender_joints_28=1,
    ...     swollen_joints_28=1,
    ...     patient_global_cm=0.7,
    ...     evaluator_global_cm=0.6,
    ...     crp_mg_per_dl=0.0,
    ... )
    >>> acr_eular_index_remission(s).met
    True
    """
    given: object = score
    if not isinstance(given, Score) or given.instrument not in ("SDAI", "CDAI"):
        shown = given.instrument if isinstance(given, Score) else given
        raise InvalidInputError("score", "must be an SDAI or CDAI Score", shown)
    limit = "3.3" if score.instrument == "SDAI" else "2.8"
    met = score.category is DiseaseActivity.REMISSION
    reason = f"{score.instrument} {score.rounded(2)} {'<=' if met else '>'} {limit}"
    return Outcome(
        f"{score.instrument.lower()}_remission",
        met,
        reason,
        values={score.instrument: score.value},
    )
