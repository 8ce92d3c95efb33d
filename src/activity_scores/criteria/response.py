"""Per-visit efficacy responses for each indication, against a baseline visit.

A :class:`Visit` holds whatever was measured at one visit (every field optional). The
functions here apply every published response definition of an indication to a baseline
and a follow-up visit, reusing the scores and criteria of the library (no formula is written
twice), and return one tri-state :class:`~activity_scores.Outcome` per definition. A
response whose inputs are missing is unknown and names the data that would decide it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import attrs

from activity_scores import _validation as _v
from activity_scores.criteria.ra_response import (
    RaCoreSet,
    acr_eular_boolean_remission,
    acr_eular_index_remission,
    acr_response,
)
from activity_scores.criteria.ssc_response import SscCoreSet, acr_criss
from activity_scores.errors import InvalidInputError, InvalidInputTypeError
from activity_scores.results import EularResponse, Outcome, Score
from activity_scores.scores.myositis import (
    ImacsCoreSet,
    MyositisResponse,
    TisPopulation,
    imacs_improvement,
    total_improvement_score,
)
from activity_scores.scores.rheumatoid import cdai, das28_crp, das28_esr, eular_response, sdai
from activity_scores.scores.sjogren import essdai_mcii, esspri_mcii

__all__ = ["ResponseReport", "Visit", "VisitResponses", "response_report", "responses_for"]


def _opt_count(field: str, value: object, hi: int) -> None:
    if value is not None:
        _v.count(field, value, 0, hi)


@attrs.frozen
class Visit:
    """What was measured at one visit; every field is optional (``None`` = not measured).

    Attributes
    ----------
    label
        A name for the visit (``"baseline"``, ``"week 12"``, ...).
    visit_date
        The visit's date, for the report.
    ra_core_set
        RA: the ACR core set (68/66 joint counts, pain, globals, HAQ-DI, CRP, ESR) for
        ACR20/50/70.
    tender_joints_28, swollen_joints_28
        RA: 28-joint counts for DAS28, SDAI, CDAI and Boolean remission. [count], 0-28.
    esr_mm_per_h
        RA: ESR for DAS28-ESR. [mm/h], 1-200.
    crp_mg_per_dl
        RA: CRP for SDAI, Boolean remission and (x 10, in mg/L) DAS28-CRP. [mg/dL], 0-100.
    patient_global_cm, evaluator_global_cm
        RA: patient's and evaluator's global assessments, 10 cm VAS. [cm], 0-10
        (DAS28 uses the patient's, x 10 in mm).
    ssc_core_set
        SSc: the ACR-CRISS core set.
    new_renal_crisis, new_ild_or_fvc_decline, new_left_ventricular_failure, new_pulmonary_arterial_hypertension
        SSc: ACR-CRISS step 1 events since baseline (read at follow-up visits).
    essdai
        pSS: ESSDAI total (an ``int`` 0-123 or an ESSDAI :class:`~activity_scores.Score`).
    esspri
        pSS: ESSPRI (a number 0-10 or an ESSPRI :class:`~activity_scores.Score`).
    imacs_core_set
        IIM: the IMACS core set.
    """

    label: str = "visit"
    visit_date: dt.date | None = None
    ra_core_set: RaCoreSet | None = None
    tender_joints_28: int | None = None
    swollen_joints_28: int | None = None
    esr_mm_per_h: float | None = None
    crp_mg_per_dl: float | None = None
    patient_global_cm: float | None = None
    evaluator_global_cm: float | None = None
    ssc_core_set: SscCoreSet | None = None
    new_renal_crisis: bool | None = None
    new_ild_or_fvc_decline: bool | None = None
    new_left_ventricular_failure: bool | None = None
    new_pulmonary_arterial_hypertension: bool | None = None
    essdai: int | Score | None = None
    esspri: float | Score | None = None
    imacs_core_set: ImacsCoreSet | None = None

    def __attrs_post_init__(self) -> None:
        """Validate every field, naming it on error."""
        if not isinstance(self.label, str):
            raise InvalidInputError("label", "must be a string", self.label)
        if self.visit_date is not None and not isinstance(self.visit_date, dt.date):
            raise InvalidInputError("visit_date", "must be a date", self.visit_date)
        for name, kind in (
            ("ra_core_set", RaCoreSet),
            ("ssc_core_set", SscCoreSet),
            ("imacs_core_set", ImacsCoreSet),
        ):
            value = getattr(self, name)
            if value is not None and not isinstance(value, kind):
                raise InvalidInputError(name, f"must be a {kind.__name__}", value)
        _opt_count("tender_joints_28", self.tender_joints_28, 28)
        _opt_count("swollen_joints_28", self.swollen_joints_28, 28)
        _v.optional_real("esr_mm_per_h", self.esr_mm_per_h, 1, 200, unit="mm/h")
        _v.optional_real("crp_mg_per_dl", self.crp_mg_per_dl, 0, 100, unit="mg/dL")
        _v.optional_real("patient_global_cm", self.patient_global_cm, 0, 10, unit="cm")
        _v.optional_real("evaluator_global_cm", self.evaluator_global_cm, 0, 10, unit="cm")
        for name in (
            "new_renal_crisis",
            "new_ild_or_fvc_decline",
            "new_left_ventricular_failure",
            "new_pulmonary_arterial_hypertension",
        ):
            _v.optional_flag(name, getattr(self, name))
        for name, instrument in (("essdai", "ESSDAI"), ("esspri", "ESSPRI")):
            value = getattr(self, name)
            if isinstance(value, Score) and value.instrument != instrument:
                raise InvalidInputError(name, f"must be an {instrument} Score", value.instrument)
        if self.essdai is not None and not isinstance(self.essdai, Score):
            _v.count("essdai", self.essdai, 0, 123)
        if self.esspri is not None and not isinstance(self.esspri, Score):
            _v.real("esspri", self.esspri, 0, 10)


def _unknown(name: str, missing: tuple[str, ...], what: str) -> Outcome:
    return Outcome(name, None, f"{what}: not measured", missing=missing)


def _need(base: Visit, follow: Visit, *fields: str) -> tuple[str, ...]:
    """The ``baseline.x`` / ``follow_up.x`` names of the fields that are missing."""
    return tuple(
        f"{visit}.{field}"
        for field in fields
        for visit, record in (("baseline", base), ("follow_up", follow))
        if getattr(record, field) is None
    )


def _need_one(visit: Visit, prefix: str, *fields: str) -> tuple[str, ...]:
    return tuple(f"{prefix}.{field}" for field in fields if getattr(visit, field) is None)


def _das28(visit: Visit, version: str) -> Score | None:
    """DAS28 (4-variable) of a visit, or ``None`` when a needed field is missing."""
    tjc, sjc, pga = visit.tender_joints_28, visit.swollen_joints_28, visit.patient_global_cm
    esr, crp = visit.esr_mm_per_h, visit.crp_mg_per_dl
    if tjc is None or sjc is None or pga is None:
        return None
    if version == "esr":
        if esr is None:
            return None
        return das28_esr(
            tender_joints_28=tjc,
            swollen_joints_28=sjc,
            esr_mm_per_h=esr,
            patient_global_mm=pga * 10,
        )
    if crp is None:
        return None
    return das28_crp(
        tender_joints_28=tjc,
        swollen_joints_28=sjc,
        crp_mg_per_l=crp * 10,
        patient_global_mm=pga * 10,
    )


def _eular(base: Visit, follow: Visit) -> Outcome:
    joints = ("tender_joints_28", "swollen_joints_28", "patient_global_cm")
    for version in ("esr", "crp"):
        before, after = _das28(base, version), _das28(follow, version)
        if before is not None and after is not None:
            response = eular_response(baseline=before, follow_up=after)
            category = response.category
            return Outcome(
                "eular_response",
                met=category is not EularResponse.NONE,
                reason=(
                    f"{before.instrument} {before.rounded():.2f} -> {after.rounded():.2f}: "
                    f"improvement {response.value:.2f}, {category.value if category else ''} "
                    "response"
                ),
                values={
                    "response": category,
                    "baseline": before.value,
                    "follow_up": after.value,
                    "improvement": response.value,
                },
            )
    missing = _need(base, follow, *joints, "esr_mm_per_h")
    return _unknown("eular_response", missing, "DAS28 at both visits")


def _index_remission(follow: Visit, index: str) -> Outcome:
    fields = ["tender_joints_28", "swollen_joints_28", "patient_global_cm", "evaluator_global_cm"]
    if index == "sdai":
        fields.append("crp_mg_per_dl")
    missing = _need_one(follow, "follow_up", *fields)
    if missing:
        return _unknown(f"{index}_remission", missing, index.upper())
    kwargs = {name: getattr(follow, name) for name in fields}
    score = sdai(**kwargs) if index == "sdai" else cdai(**kwargs)
    return acr_eular_index_remission(score)


def _ra(base: Visit, follow: Visit) -> tuple[Outcome, ...]:
    out: list[Outcome] = []
    for level in (20, 50, 70):
        if base.ra_core_set is None or follow.ra_core_set is None:
            missing = _need(base, follow, "ra_core_set")
            out.append(_unknown(f"acr{level}", missing, "ACR core set at both visits"))
        else:
            out.append(
                acr_response(baseline=base.ra_core_set, follow_up=follow.ra_core_set, level=level)
            )
    out.append(_eular(base, follow))
    for version in ("2011", "2022"):
        result = acr_eular_boolean_remission(
            tender_joints_28=follow.tender_joints_28,
            swollen_joints_28=follow.swollen_joints_28,
            patient_global_cm=follow.patient_global_cm,
            crp_mg_per_dl=follow.crp_mg_per_dl,
            version=version,
        )
        out.append(
            attrs.evolve(result, missing=tuple(f"follow_up.{name}" for name in result.missing))
        )
    out.append(_index_remission(follow, "sdai"))
    out.append(_index_remission(follow, "cdai"))
    return tuple(out)


def _ssc(base: Visit, follow: Visit) -> tuple[Outcome, ...]:
    if base.ssc_core_set is None or follow.ssc_core_set is None:
        return (_unknown("acr_criss", _need(base, follow, "ssc_core_set"), "CRISS core set"),)
    result = acr_criss(
        baseline=base.ssc_core_set,
        follow_up=follow.ssc_core_set,
        new_renal_crisis=follow.new_renal_crisis,
        new_ild_or_fvc_decline=follow.new_ild_or_fvc_decline,
        new_left_ventricular_failure=follow.new_left_ventricular_failure,
        new_pulmonary_arterial_hypertension=follow.new_pulmonary_arterial_hypertension,
    )
    step1 = {
        "new_renal_crisis",
        "new_ild_or_fvc_decline",
        "new_left_ventricular_failure",
        "new_pulmonary_arterial_hypertension",
    }
    missing = tuple(
        f"follow_up.{name}"
        if name in step1
        else f"{name.split('.')[0]}.ssc_core_set.{name.split('.')[1]}"
        for name in result.missing
    )
    return (attrs.evolve(result, missing=missing),)


def _pss(base: Visit, follow: Visit) -> tuple[Outcome, ...]:
    out: list[Outcome] = []
    b_essdai, f_essdai = base.essdai, follow.essdai
    if b_essdai is None or f_essdai is None:
        missing = _need(base, follow, "essdai")
        out.append(_unknown("essdai_mcii", missing, "ESSDAI at both visits"))
    else:
        out.append(essdai_mcii(baseline=b_essdai, follow_up=f_essdai))
    b_esspri, f_esspri = base.esspri, follow.esspri
    if b_esspri is None or f_esspri is None:
        missing = _need(base, follow, "esspri")
        out.append(_unknown("esspri_mcii", missing, "ESSPRI at both visits"))
    else:
        out.append(esspri_mcii(baseline=b_esspri, follow_up=f_esspri))
    return tuple(out)


_TIS_MEASURES = (
    "physician_global_cm",
    "patient_global_cm",
    "mmt8_total",
    "haq_di",
    "muscle_enzyme",
    "muscle_enzyme_uln",
    "extramuscular_global_cm",
)


def _iim(base: Visit, follow: Visit, population: TisPopulation | str) -> tuple[Outcome, ...]:
    if base.imacs_core_set is None or follow.imacs_core_set is None:
        missing = _need(base, follow, "imacs_core_set")
        return (
            _unknown("total_improvement_score", missing, "IMACS core set"),
            _unknown("imacs_improvement", missing, "IMACS core set"),
        )
    before, after = base.imacs_core_set, follow.imacs_core_set
    missing = tuple(
        f"{visit}.imacs_core_set.{name}"
        for name in _TIS_MEASURES
        for visit, record in (("baseline", before), ("follow_up", after))
        if getattr(record, name) is None
    )
    if missing:
        tis = _unknown("total_improvement_score", missing, "every core set measure at both visits")
    else:
        score = total_improvement_score(baseline=before, follow_up=after, population=population)
        category = score.category
        tis = Outcome(
            "total_improvement_score",
            met=category is not MyositisResponse.NONE,
            reason=f"TIS {score.value:g}: {category.value if category else ''} improvement",
            points=score.value,
            values={"tis": score.value, "improvement": category, "population": score.variant},
        )
    return (tis, imacs_improvement(baseline=before, follow_up=after))


_BY_INDICATION: Mapping[str, Callable[[Visit, Visit], tuple[Outcome, ...]]] = {
    "ra": _ra,
    "ssc": _ssc,
    "pss": _pss,
}


def responses_for(
    indication: str,
    *,
    baseline: Visit,
    follow_up: Visit,
    tis_population: TisPopulation | str = TisPopulation.ADULT,
) -> tuple[Outcome, ...]:
    """Every published response definition of ``indication`` at one follow-up visit.

    Parameters
    ----------
    indication
        ``"ra"``, ``"ssc"``, ``"pss"`` or ``"iim"``.
    baseline
        The baseline :class:`Visit`.
    follow_up
        The follow-up :class:`Visit`.
    tis_population
        Myositis only: ``"adult"`` (default) or ``"juvenile"`` TIS thresholds.

    Returns
    -------
    tuple of Outcome
        RA: ACR20, ACR50, ACR70, EULAR response, Boolean remission 2011 and 2022, SDAI and
        CDAI remission. SSc: ACR-CRISS. pSS: ESSDAI and ESSPRI MCII. IIM: Total Improvement
        Score (met = at least minimal improvement) and the IMACS definition of improvement.

    Examples
    --------
    >>> base = Visit(label="baseline", essdai=12, esspri=6.0)
    >>> week24 = Visit(label="week 24", essdai=8, esspri=5.5)
    >>> [(o.name, o.met) for o in responses_for("pss", baseline=base, follow_up=week24)]
    [('essdai_mcii', True), ('esspri_mcii', False)]
    """
    if not isinstance(baseline, Visit):
        raise InvalidInputError("baseline", "must be a Visit", baseline)
    if not isinstance(follow_up, Visit):
        raise InvalidInputError("follow_up", "must be a Visit", follow_up)
    key = _indication(indication)
    population = _v.choice("tis_population", tis_population, TisPopulation)
    if key == "iim":
        return _iim(baseline, follow_up, population)
    return _BY_INDICATION[key](baseline, follow_up)


def _indication(indication: object) -> str:
    """The indication's code, from a string or a ``str`` Enum member (``Indication.RA``)."""
    rule = "must be one of 'pss', 'ssc', 'iim', 'ra'"
    if not isinstance(indication, str):
        raise InvalidInputTypeError("indication", rule, indication)
    key = str(getattr(indication, "value", indication))
    if key != "iim" and key not in _BY_INDICATION:
        raise InvalidInputError("indication", rule, indication)
    return key


@attrs.frozen
class VisitResponses:
    """The responses at one follow-up visit.

    Attributes
    ----------
    label
        The follow-up visit's label.
    visit_date
        Its date, if given.
    responses
        One :class:`~activity_scores.Outcome` per response definition, in a stable order.
    """

    label: str
    visit_date: dt.date | None
    responses: tuple[Outcome, ...]

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict."""
        return {
            "label": self.label,
            "visit_date": None if self.visit_date is None else self.visit_date.isoformat(),
            "responses": [outcome.to_dict() for outcome in self.responses],
        }


@attrs.frozen
class ResponseReport:
    """Every response definition of an indication at every follow-up visit.

    Attributes
    ----------
    indication
        ``"ra"``, ``"ssc"``, ``"pss"`` or ``"iim"``.
    baseline_label
        The baseline visit's label.
    baseline_date
        The baseline visit's date, if given.
    visits
        One :class:`VisitResponses` per follow-up visit, in the order given.
    """

    indication: str
    baseline_label: str
    baseline_date: dt.date | None
    visits: tuple[VisitResponses, ...]

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict."""
        return {
            "indication": self.indication,
            "baseline": {
                "label": self.baseline_label,
                "visit_date": None
                if self.baseline_date is None
                else self.baseline_date.isoformat(),
            },
            "visits": [visit.to_dict() for visit in self.visits],
        }

    def to_text(self) -> str:
        """Render for reading at a glance: one line per response, with its mark and reason."""
        marks = {True: "[+]", False: "[-]", None: "[?]"}
        lines = [f"Efficacy responses ({self.indication}) against {self.baseline_label}"]
        for visit in self.visits:
            when = f" ({visit.visit_date.isoformat()})" if visit.visit_date else ""
            lines.append(f"  {visit.label}{when}")
            for outcome in visit.responses:
                extra = f" [needs: {', '.join(outcome.missing)}]" if outcome.missing else ""
                lines.append(f"    {marks[outcome.met]} {outcome.name}: {outcome.reason}{extra}")
        return "\n".join(lines)


def response_report(
    *,
    baseline_visit: Visit,
    follow_up_visits: tuple[Visit, ...] | list[Visit],
    indication: str,
    tis_population: TisPopulation | str = TisPopulation.ADULT,
) -> ResponseReport:
    """Every applicable response at every follow-up visit, against the baseline visit.

    Parameters
    ----------
    baseline_visit
        The baseline :class:`Visit`.
    follow_up_visits
        The follow-up visits, in order (a list or tuple of :class:`Visit`).
    indication
        ``"ra"``, ``"ssc"``, ``"pss"`` or ``"iim"`` (or the screening ``Indication`` enum).
    tis_population
        Myositis only: ``"adult"`` (default) or ``"juvenile"`` TIS thresholds.

    Returns
    -------
    ResponseReport
        Per visit, the tri-state outcome of every definition (see :func:`responses_for`).

    Examples
    --------
    >>> base = Visit(label="baseline", essdai=12, esspri=6.0)
    >>> visits = [Visit(label="week 12", essdai=10, esspri=5.0), Visit(label="week 24", essdai=8)]
    >>> print(
    ...     response_report(
    ...         baseline_visit=base, follow_up_visits=visits, indication="pss"
    ...     ).to_text()
    ... )
    Efficacy responses (pss) against baseline
      week 12
        [-] essdai_mcii: ESSDAI 12 -> 10: decrease 2 points; MCII needs >= 3
        [+] esspri_mcii: ESSPRI 6 -> 5: decrease 1 point (16.67 %); MCII needs >= 1 point or >= 15 %
      week 24
        [+] essdai_mcii: ESSDAI 12 -> 8: decrease 4 points; MCII needs >= 3
        [?] esspri_mcii: ESSPRI at both visits: not measured [needs: follow_up.esspri]
    """
    given_baseline: object = baseline_visit
    if not isinstance(given_baseline, Visit):
        raise InvalidInputError("baseline_visit", "must be a Visit", given_baseline)
    if not isinstance(follow_up_visits, (list, tuple)):
        raise InvalidInputError("follow_up_visits", "must be a list of Visit", follow_up_visits)
    key = _indication(indication)
    _v.choice("tis_population", tis_population, TisPopulation)
    for index, visit in enumerate(follow_up_visits):
        given: object = visit
        if not isinstance(given, Visit):
            raise InvalidInputError(f"follow_up_visits[{index}]", "must be a Visit", given)
    visits = tuple(
        VisitResponses(
            visit.label,
            visit.visit_date,
            responses_for(
                key, baseline=baseline_visit, follow_up=visit, tis_population=tis_population
            ),
        )
        for visit in follow_up_visits
    )
    return ResponseReport(key, baseline_visit.label, baseline_visit.visit_date, visits)
