r"""ACR Composite Response Index in Systemic Sclerosis (ACR-CRISS), Khanna et al. 2016.

Step 1: a subject with new or worsening cardiopulmonary or renal involvement due to SSc is
not improved (probability 0), whatever the other measures do. Step 2: otherwise, the
predicted probability of improvement from the changes (follow-up minus baseline) in five
core set measures, with the published logistic-regression coefficients. Improvement is a
probability ≥ 0.60.
"""

from __future__ import annotations

import math

import attrs

from activity_scores import _validation as _v
from activity_scores._logic import any_of
from activity_scores.errors import InvalidInputError
from activity_scores.results import Outcome

__all__ = ["SscCoreSet", "acr_criss"]

#: Published coefficients (Khanna et al. 2016, Table 4 / equation of step 2).
_INTERCEPT = -5.54
_MRSS = -0.81
_FVC = 0.21
_PATIENT_GLOBAL = -0.40
_PHYSICIAN_GLOBAL = -0.44
_HAQ = -3.41
_IMPROVED = 0.60


@attrs.frozen
class SscCoreSet:
    """The five ACR-CRISS core set measures at one visit (each optional, validated).

    Attributes
    ----------
    mrss
        Modified Rodnan skin score. [points], integer 0-51.
    fvc_percent_predicted
        Forced vital capacity. [% predicted], 10-200.
    patient_global
        Patient global assessment, 0-10 scale. [0-10].
    physician_global
        Physician global assessment, 0-10 scale. [0-10].
    haq_di
        Health Assessment Questionnaire Disability Index. [score], 0-3.
    """

    mrss: int | None = None
    fvc_percent_predicted: float | None = None
    patient_global: float | None = None
    physician_global: float | None = None
    haq_di: float | None = None

    def __attrs_post_init__(self) -> None:
        """Validate every measure, naming the field on error."""
        if self.mrss is not None:
            _v.count("mrss", self.mrss, 0, 51, "points")
        _v.optional_real("fvc_percent_predicted", self.fvc_percent_predicted, 10, 200, unit="%")
        _v.optional_real("patient_global", self.patient_global, 0, 10)
        _v.optional_real("physician_global", self.physician_global, 0, 10)
        _v.optional_real("haq_di", self.haq_di, 0, 3)


_FIELDS = ("mrss", "fvc_percent_predicted", "patient_global", "physician_global", "haq_di")
_COEFFICIENTS = (_MRSS, _FVC, _PATIENT_GLOBAL, _PHYSICIAN_GLOBAL, _HAQ)


def _step1(events: dict[str, object]) -> Outcome:
    """Step 1: any new or worsening cardiopulmonary or renal involvement, tri-state."""
    items = []
    for name, value in events.items():
        flag = _v.optional_flag(name, value)
        if flag is None:
            items.append(Outcome(name, None, "not assessed", missing=(name,)))
        else:
            items.append(Outcome(name, met=flag, reason="occurred" if flag else "did not occur"))
    worsened = any_of(item.met for item in items)
    reasons = {
        True: "new or worsening organ involvement: probability 0",
        False: "no new or worsening organ involvement",
        None: "organ involvement not fully assessed",
    }
    return Outcome(
        "step1_worsening",
        worsened,
        reasons[worsened],
        missing=tuple(i.name for i in items if i.met is None) if worsened is None else (),
        items=tuple(items),
    )


def acr_criss(
    *,
    baseline: SscCoreSet,
    follow_up: SscCoreSet,
    new_renal_crisis: bool | None = None,
    new_ild_or_fvc_decline: bool | None = None,
    new_left_ventricular_failure: bool | None = None,
    new_pulmonary_arterial_hypertension: bool | None = None,
) -> Outcome:
    r"""ACR-CRISS: probability of improvement in diffuse cutaneous SSc (Khanna et al. 2016).

    Parameters
    ----------
    baseline
        Core set at baseline (:class:`SscCoreSet`).
    follow_up
        Core set at follow-up (typically 12 months).
    new_renal_crisis
        Step 1: new scleroderma renal crisis. ``None`` = not assessed.
    new_ild_or_fvc_decline
        Step 1: decline in FVC % predicted ≥ 15 % (relative) confirmed within a month, with
        HRCT-confirmed ILD and FVC < 80 % predicted, attributable to SSc.
    new_left_ventricular_failure
        Step 1: new left ventricular failure (LVEF ≤ 45 %) requiring treatment.
    new_pulmonary_arterial_hypertension
        Step 1: new PAH on right heart catheterisation requiring treatment.

    Returns
    -------
    Outcome
        ``met`` (improved) when no step-1 event occurred and the step-2 probability is
        ≥ 0.60; ``values["probability"]`` is the probability (0 after a step-1 event, or
        ``None`` when undetermined). Unknown when a missing measure or an unassessed step-1
        event could change the answer.

    Notes
    -----
    $$
    L = -5.54 - 0.81\,\Delta\mathrm{mRSS} + 0.21\,\Delta\mathrm{FVC\%} - 0.40\,\Delta\mathrm{PtGlob}
        - 0.44\,\Delta\mathrm{MDGlob} - 3.41\,\Delta\mathrm{HAQ\text{-}DI},
    \qquad P = \frac{e^{L}}{1 + e^{L}}
    $$

    where each $\Delta$ is follow-up minus baseline. Improved when $P \ge 0.60$.

    References
    ----------
    1. Khanna D, Berrocal VJ, Giannini EH, et al. The American College of Rheumatology
       Provisional Composite Response Index for Clinical Trials in Early Diffuse Cutaneous
       Systemic Sclerosis. Arthritis Rheumatol 2016;68:299-311. doi:10.1002/art.39501;
       Arthritis Care Res 2016;68:167-178. doi:10.1002/acr.22804

    Examples
    --------
    >>> before = SscCoreSet(
    ...     mrss=25, fvc_percent_predicted=80, patient_global=5, physician_global=5, haq_di=1.0
    ... )
    >>> after = SscCoreSet(
    ...     mrss=15, fvc_percent_predicted=82, patient_global=3, physician_global=3, haq_di=0.75
    ... )
    >>> r = acr_criss(
    ...     baseline=before,
    ...     follow_up=after,
    ...     new_renal_crisis=False,
    ...     new_ild_or_fvc_decline=False,
    ...     new_left_ventricular_failure=False,
    ...     new_pulmonary_arterial_hypertension=False,
    ... )
    >>> r.met, round(r.values["probability"], 3)
    (True, 0.996)
    """
    if not isinstance(baseline, SscCoreSet):
        raise InvalidInputError("baseline", "must be an SscCoreSet", baseline)
    if not isinstance(follow_up, SscCoreSet):
        raise InvalidInputError("follow_up", "must be an SscCoreSet", follow_up)
    step1 = _step1(
        {
            "new_renal_crisis": new_renal_crisis,
            "new_ild_or_fvc_decline": new_ild_or_fvc_decline,
            "new_left_ventricular_failure": new_left_ventricular_failure,
            "new_pulmonary_arterial_hypertension": new_pulmonary_arterial_hypertension,
        }
    )
    worsened = step1.met
    deltas: dict[str, float] = {}
    missing: list[str] = []
    for name in _FIELDS:
        b, f = getattr(baseline, name), getattr(follow_up, name)
        if b is None or f is None:
            missing += [f"{v}.{name}" for v, x in (("baseline", b), ("follow_up", f)) if x is None]
        else:
            deltas[name] = float(f) - float(b)
    if worsened is True:
        return Outcome(
            "acr_criss",
            met=False,
            reason="step 1: new or worsening cardiopulmonary or renal involvement: not improved",
            values={"probability": 0.0},
            items=(step1,),
        )
    if missing:
        step2 = Outcome("step2_probability", None, "core set incomplete", missing=tuple(missing))
        return Outcome(
            "acr_criss",
            None,
            "core set measures missing: probability cannot be computed",
            values={"probability": None},
            missing=tuple(missing) + step1.missing,
            items=(step1, step2),
        )
    linear = _INTERCEPT + sum(
        coefficient * deltas[name] for name, coefficient in zip(_FIELDS, _COEFFICIENTS, strict=True)
    )
    probability = 0.5 * (1.0 + math.tanh(linear / 2))  # = e^L / (1 + e^L), overflow-free
    improved = probability >= _IMPROVED
    step2 = Outcome(
        "step2_probability",
        improved,
        f"P = {probability:.3f} {'>=' if improved else '<'} 0.60",
        values={"probability": probability, "linear_predictor": linear, **deltas},
    )
    if not improved:
        met: bool | None = False
        reason = f"probability {probability:.3f} < 0.60: not improved"
    elif worsened is None:
        met = None
        reason = f"probability {probability:.3f} >= 0.60, but step 1 not fully assessed"
    else:
        met = True
        reason = f"probability {probability:.3f} >= 0.60: improved"
    return Outcome(
        "acr_criss",
        met,
        reason,
        values={"probability": probability if worsened is False else None},
        missing=step1.missing if met is None else (),
        items=(step1, step2),
    )
