"""The common inclusion and exclusion criteria of CHEC2024-181 (every indication).

Each rule reads the record and returns an :class:`~activity_scores.results.Outcome` whose
``met`` is the protocol's statement: for an inclusion criterion, "the patient satisfies it";
for an exclusion criterion, "the excluding condition is present". The report turns that into
pass/fail. Thresholds are the protocol's (registry record CHEC2024-181, 2024-06-18).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache

import attrs

from activity_scores import units
from activity_scores._logic import all_of, any_of, negate
from activity_scores.errors import InvalidInputError
from activity_scores.results import EMPTY, Outcome
from activity_scores.rules._base import (
    MalignancyReading,
    ProtocolReading,
    add_months,
    add_years,
    at_least,
    at_most,
    below,
    combine,
    completed_years,
    decided,
    flag_outcome,
    fmt,
    not_applicable,
    unknown,
    with_missing,
)
from activity_scores.rules._spec import Lab, RecordError
from activity_scores.rules.record import (
    Conditions,
    Investigator,
    Patient,
    PatientRecord,
    Serology,
)
from activity_scores.scores.renal import cockcroft_gault

_NO_PATIENT = Patient()
_NO_CONDITIONS = Conditions()
_NO_INVESTIGATOR = Investigator()
_NO_SEROLOGY = Serology()

#: Common-criteria thresholds (protocol wording in the rule table below).
AGE_YEARS = (18, 65)
WBC_MIN = 3.0  # x 10^9/L
NEUTROPHILS_MIN = 1.0  # x 10^9/L
CSF_WINDOW_DAYS = 14  # "no colony-stimulating factor treatment within 2 weeks before examination"
HEMOGLOBIN_MIN_G_PER_L = 60.0
TRANSAMINASE_MAX_X_ULN = 3.0
BILIRUBIN_MAX_X_ULN = 1.5
BILIRUBIN_GILBERT_MAX_X_ULN = 3.0
CRCL_MIN_ML_PER_MIN = 60.0
COAGULATION_BELOW_X_ULN = 1.5
HCG_WINDOW_DAYS = 7
TRIAL_WINDOW_MONTHS = 3
DISEASE_FREE_YEARS = 5


@attrs.frozen
class Context:
    """What every rule reads: the record, the evaluation date and the protocol reading."""

    record: PatientRecord
    on: date
    reading: ProtocolReading
    cache: dict[str, Outcome] = attrs.field(factory=dict, eq=False)

    @property
    def patient(self) -> Patient:
        """The patient section (empty if absent)."""
        return self.record.patient or _NO_PATIENT

    @property
    def conditions(self) -> Conditions:
        """The conditions section (empty if absent)."""
        return self.record.conditions or _NO_CONDITIONS

    @property
    def investigator(self) -> Investigator:
        """The investigator's judgements (empty if absent)."""
        return self.record.investigator or _NO_INVESTIGATOR

    def lab(self, name: str) -> Lab | None:
        """A lab result by field name of :class:`Labs`."""
        labs = self.record.labs
        return None if labs is None else getattr(labs, name)

    def age(self) -> int | None:
        """Age in completed years at the evaluation date (``None`` if unknown)."""
        patient = self.patient
        if patient.date_of_birth is not None:
            years = completed_years(patient.date_of_birth, self.on)
            if patient.age_years is not None and patient.age_years != years:
                raise RecordError(
                    "$.patient.age_years",
                    f"must agree with date_of_birth ({years} at {self.on.isoformat()})",
                    patient.age_years,
                )
            if years < 0:
                raise RecordError(
                    "$.patient.date_of_birth",
                    "must be before the evaluation date",
                    patient.date_of_birth,
                )
            return years
        return patient.age_years


_AGE_PATHS = ("$.patient.date_of_birth", "$.patient.age_years")


def age(ctx: Context) -> Outcome:
    """Inclusion 1: age >= 18 and <= 65 years (completed years at the evaluation date)."""
    years = ctx.age()
    name = "age"
    lo, hi = AGE_YEARS
    if years is None:
        return unknown(name, "age not recorded (date of birth or age)", _AGE_PATHS)
    met = lo <= years <= hi
    sign = "within" if met else "outside"
    return decided(name, met, f"age {years} years, {sign} {lo}-{hi}", age_years=years)


def _lab_threshold(
    ctx: Context,
    field: str,
    label: str,
    threshold: float,
    unit_text: str,
    *,
    convert: Callable[[float, str], float] | None = None,
) -> Outcome:
    labs = ctx.record.labs
    lab = None if labs is None else getattr(labs, field)
    if lab is None or lab.value is None:
        return unknown(field, f"{label} not recorded", (f"$.labs.{field}.value",))
    value = lab.value if convert is None else convert(lab.value, lab.unit or "")
    met = at_least(value, threshold, 3)
    shown = f"{fmt(lab.value)} {lab.unit}"
    if convert is not None and lab.unit != unit_text:
        shown += f" = {fmt(value)} {unit_text}"
    limit = _THRESHOLD_TEXT.get(threshold) or fmt(threshold)
    reason = f"{label} {shown} {'>=' if met else '<'} {limit} {unit_text}"
    return Outcome(field, met, reason, None, {field: value})  # as decided(), positionally


#: The thresholds' texts, formatted once (each rule's threshold is a constant).
_THRESHOLD_TEXT = {t: fmt(t) for t in (WBC_MIN, NEUTROPHILS_MIN, HEMOGLOBIN_MIN_G_PER_L)}


def wbc(ctx: Context) -> Outcome:
    """Inclusion 2.1a: white blood cell count >= 3 x 10^9/L."""
    return _lab_threshold(ctx, "wbc", "WBC", WBC_MIN, "x10^9/L")


def _csf(ctx: Context, count_date: date | None) -> Outcome:
    name = "no_csf_within_2_weeks"
    csf = ctx.record.colony_stimulating_factor
    path = "$.colony_stimulating_factor"
    if csf is None or csf.received is None:
        return unknown(name, "colony-stimulating factor use not recorded", (f"{path}.received",))
    if not csf.received:
        return decided(name, True, "no colony-stimulating factor before the count")  # noqa: FBT003
    missing = []
    if csf.last_dose_date is None:
        missing.append(f"{path}.last_dose_date")
    if count_date is None:
        missing.append("$.labs.neutrophils.date")
    if missing or csf.last_dose_date is None or count_date is None:
        return unknown(
            name, "colony-stimulating factor given: dates needed for the window", missing
        )
    days = (count_date - csf.last_dose_date).days
    within = 0 <= days <= CSF_WINDOW_DAYS
    if within:
        reason = (
            f"colony-stimulating factor {days} days before the count (within {CSF_WINDOW_DAYS})"
        )
    elif days < 0:
        reason = f"colony-stimulating factor {-days} days after the count (not before it)"
    else:
        reason = (
            f"last colony-stimulating factor {days} days before the count (> {CSF_WINDOW_DAYS})"
        )
    return decided(name, not within, reason, days_before_count=days)


def neutrophils(ctx: Context) -> Outcome:
    """Inclusion 2.1b: neutrophils >= 1 x 10^9/L without colony-stimulating factor in the 2 weeks before."""
    count = _lab_threshold(ctx, "neutrophils", "neutrophils", NEUTROPHILS_MIN, "x10^9/L")
    lab = ctx.lab("neutrophils")
    csf = _csf(ctx, None if lab is None else lab.date)
    return combine("neutrophils", (count, csf), all_of)


def _hemoglobin_g_per_l(value: float, unit: str) -> float:
    if unit == "g/dL":
        return units.hemoglobin_g_per_dl_to_g_per_l(value)
    return value


def hemoglobin(ctx: Context) -> Outcome:
    """Inclusion 2.1c: haemoglobin >= 60 g/L (g/dL converted with ``units``)."""
    return _lab_threshold(
        ctx, "hemoglobin", "haemoglobin", HEMOGLOBIN_MIN_G_PER_L, "g/L", convert=_hemoglobin_g_per_l
    )


def _disease_exception(ctx: Context, failed: Outcome) -> Outcome:
    """'No requirements for conditions caused by the disease itself' (investigator's judgement)."""
    judged = ctx.investigator.liver_abnormality_due_to_disease
    path = "$.investigator.liver_abnormality_due_to_disease"
    if judged is None:
        return Outcome(
            failed.name,
            None,
            f"{failed.reason}; caused by the disease itself? not recorded",
            values=failed.values,
            missing=(path,),
        )
    if judged:
        return Outcome(
            failed.name,
            True,  # noqa: FBT003
            f"{failed.reason}, but caused by the disease itself (investigator): no requirement",
            values={**failed.values, path: True},
        )
    return Outcome(
        failed.name,
        False,  # noqa: FBT003
        f"{failed.reason}, not caused by the disease itself (investigator)",
        values={**failed.values, path: False},
    )


def _lab_with_uln(
    ctx: Context, field: str, label: str
) -> tuple[float, float, str | None] | Outcome:
    """The lab's (value, ULN, unit), or the unknown outcome naming what is missing."""
    labs = ctx.record.labs
    lab = None if labs is None else getattr(labs, field)
    if lab is not None and lab.value is not None and lab.uln is not None:
        return lab.value, lab.uln, lab.unit  # the common case first (issue 8)
    path = f"$.labs.{field}"
    missing = []
    if lab is None or lab.value is None:
        missing.append(f"{path}.value")
    if lab is None or lab.uln is None:
        missing.append(f"{path}.uln")
    if missing or lab is None or lab.value is None or lab.uln is None:
        return unknown(field, f"{label} or its ULN not recorded", missing)
    return lab.value, lab.uln, lab.unit


def _ratio_check(ctx: Context, field: str, label: str, limit_x_uln: float) -> Outcome:
    """``value <= limit x ULN`` without the disease exception."""
    found = _lab_with_uln(ctx, field, label)
    if isinstance(found, Outcome):
        return found
    value, uln, unit = found
    limit = limit_x_uln * uln
    met = at_most(value, limit, 4)
    reason = (
        f"{label} {fmt(value)} {unit} {'<=' if met else '>'} {fmt(limit_x_uln)} x ULN "
        f"({fmt(limit)} {unit}; ULN {fmt(uln)})"
    )
    return Outcome(field, met, reason, None, {field: value, f"{field}_uln": uln})


def _ratio_rule(ctx: Context, field: str, label: str, limit_x_uln: float) -> Outcome:
    outcome = _ratio_check(ctx, field, label, limit_x_uln)
    return _disease_exception(ctx, outcome) if outcome.met is False else outcome


def alt(ctx: Context) -> Outcome:
    """Inclusion 2.2a: ALT <= 3 x ULN (no requirement if caused by the disease itself)."""
    return _ratio_rule(ctx, "alt", "ALT", TRANSAMINASE_MAX_X_ULN)


def ast(ctx: Context) -> Outcome:
    """Inclusion 2.2b: AST <= 3 x ULN (no requirement if caused by the disease itself)."""
    return _ratio_rule(ctx, "ast", "AST", TRANSAMINASE_MAX_X_ULN)


def bilirubin(ctx: Context) -> Outcome:
    """Inclusion 2.2c: total bilirubin <= 1.5 x ULN (<= 3.0 x ULN with Gilbert syndrome)."""
    field, label = "total_bilirubin", "total bilirubin"
    gilbert = ctx.patient.gilbert_syndrome
    if gilbert is True:
        return _ratio_rule(ctx, field, f"{label} (Gilbert syndrome)", BILIRUBIN_GILBERT_MAX_X_ULN)
    strict = _ratio_check(ctx, field, label, BILIRUBIN_MAX_X_ULN)
    if gilbert is False or strict.met is not False:
        return _disease_exception(ctx, strict) if strict.met is False else strict
    # Above 1.5 x ULN, Gilbert syndrome not recorded: the 3.0 x ULN limit may apply.
    lenient = _ratio_check(ctx, field, label, BILIRUBIN_GILBERT_MAX_X_ULN)
    if lenient.met is False:
        return _disease_exception(ctx, lenient)
    undecided = Outcome(
        field,
        None,
        f"{strict.reason}; <= 3.0 x ULN if Gilbert syndrome (not recorded)",
        values=strict.values,
        missing=("$.patient.gilbert_syndrome",),
    )
    if ctx.investigator.liver_abnormality_due_to_disease is True:
        return _disease_exception(ctx, strict)
    return undecided


def creatinine_clearance(ctx: Context) -> Outcome:
    """Inclusion 2.3: creatinine clearance >= 60 mL/min by Cockcroft-Gault (actual weight)."""
    name = "creatinine_clearance"
    patient = ctx.patient
    lab = ctx.lab("creatinine")
    years = ctx.age()
    missing: list[str] = []
    if years is None:
        missing.extend(_AGE_PATHS)
    if patient.weight_kg is None:
        missing.append("$.patient.weight_kg")
    if patient.sex is None:
        missing.append("$.patient.sex")
    if lab is None or lab.value is None:
        missing.append("$.labs.creatinine.value")
    if (
        missing
        or years is None
        or patient.weight_kg is None
        or patient.sex is None
        or lab is None
        or lab.value is None
    ):
        return unknown(name, "Cockcroft-Gault inputs not recorded", missing)
    if years < AGE_YEARS[0]:
        return unknown(name, f"Cockcroft-Gault is for adults (age {years})", _AGE_PATHS)
    mg_per_dl = lab.unit == "mg/dL"
    try:
        score = cockcroft_gault(
            age_years=years,
            weight_kg=patient.weight_kg,
            sex=patient.sex,
            serum_creatinine_mg_per_dl=lab.value if mg_per_dl else None,
            serum_creatinine_umol_per_l=None if mg_per_dl else lab.value,
        )
    except InvalidInputError as error:  # pragma: no cover - record ranges match the formula's
        raise RecordError("$.labs.creatinine.value", error.rule, error.value) from None
    met = at_least(score.value, CRCL_MIN_ML_PER_MIN, 2)
    reason = (
        f"CrCl {score.value:.1f} mL/min {'>=' if met else '<'} {fmt(CRCL_MIN_ML_PER_MIN)} "
        f"(Cockcroft-Gault: age {years}, {fmt(patient.weight_kg)} kg, {patient.sex}, "
        f"creatinine {fmt(lab.value)} {lab.unit})"
    )
    return decided(name, met, reason, creatinine_clearance_ml_per_min=score.value)


def _below_uln(ctx: Context, field: str, label: str) -> Outcome:
    found = _lab_with_uln(ctx, field, label)
    if isinstance(found, Outcome):
        return found
    value, uln, unit = found
    limit = COAGULATION_BELOW_X_ULN * uln
    met = below(value, limit, 4)
    reason = (
        f"{label} {fmt(value)} {'<' if met else '>='} 1.5 x ULN "
        f"({fmt(limit)}; ULN {fmt(uln)} {unit})"
    )
    return Outcome(field, met, reason, None, {field: value, f"{field}_uln": uln})


def inr(ctx: Context) -> Outcome:
    """Inclusion 2.4a: INR < 1.5 x ULN."""
    return _below_uln(ctx, "inr", "INR")


def pt(ctx: Context) -> Outcome:
    """Inclusion 2.4b: prothrombin time < 1.5 x ULN."""
    return _below_uln(ctx, "pt", "PT")


def hemodynamic_stability(ctx: Context) -> Outcome:
    """Inclusion 2.5: good haemodynamic stability (investigator)."""
    return flag_outcome(
        "hemodynamic_stability",
        ctx.investigator.hemodynamically_stable,
        "$.investigator.hemodynamically_stable",
        "haemodynamically stable (investigator)",
        "not haemodynamically stable (investigator)",
    )


def _sex_is(ctx: Context, sex: str) -> bool | None:
    value = ctx.patient.sex
    return None if value is None else value == sex


def _woman_of_childbearing_potential(ctx: Context) -> tuple[bool | None, list[str]]:
    female = _sex_is(ctx, "female")
    potential = ctx.patient.childbearing_potential
    applies = all_of((female, potential))
    missing = []
    if female is None:
        missing.append("$.patient.sex")
    if potential is None and female is not False:
        missing.append("$.patient.childbearing_potential")
    return applies, missing


def contraception(ctx: Context) -> Outcome:
    """Inclusion 3a: contraception or abstinence where the patient or partner may conceive."""
    name = "contraception"
    woman, missing = _woman_of_childbearing_potential(ctx)
    male = _sex_is(ctx, "male")
    partner = ctx.patient.partner_childbearing_potential
    man = all_of((male, partner))
    if partner is None and male is not False:
        missing.append("$.patient.partner_childbearing_potential")
    applies = any_of((woman, man))
    agreed = ctx.patient.contraception_agreed
    if applies is False:
        return not_applicable(name, "neither the patient nor the partner can conceive")
    if agreed is True:
        return decided(
            name,
            True,  # noqa: FBT003 - met
            "agrees to contraception or abstinence",
            contraception_agreed=True,
        )
    if applies is True and agreed is False:
        return decided(
            name,
            False,  # noqa: FBT003 - not met
            "does not agree to contraception or abstinence",
            contraception_agreed=False,
        )
    if applies is True:
        return unknown(
            name, "contraception agreement not recorded", ("$.patient.contraception_agreed",)
        )
    return unknown(
        name,
        "whether contraception is needed is not recorded",
        [*missing, *(["$.patient.contraception_agreed"] if agreed is None else [])],
    )


def hcg(ctx: Context) -> Outcome:
    """Inclusion 3b: a woman of childbearing potential has a negative serum HCG within 7 days."""
    name = "negative_serum_hcg"
    applies, missing = _woman_of_childbearing_potential(ctx)
    if applies is False:
        return not_applicable(name, "not a woman of childbearing potential")
    test = ctx.record.hcg
    path = "$.hcg"
    result = None if test is None else test.result
    when = None if test is None else test.date
    ok: bool | None
    if result == "positive":
        ok, reason = False, "serum HCG positive"
    elif result is None or when is None:
        ok, reason = None, "serum HCG result or date not recorded"
        missing += [f"{path}.result"] if result is None else []
        missing += [f"{path}.date"] if when is None else []
    else:
        days = (ctx.on - when).days
        ok = 0 <= days <= HCG_WINDOW_DAYS
        if days < 0:
            reason = f"serum HCG dated {-days} days after the evaluation date, not before it"
        else:
            reason = (
                f"serum HCG negative {days} days before enrolment "
                f"({'within' if ok else 'outside'} {HCG_WINDOW_DAYS} days)"
            )
    if applies is None and ok is not True:
        return unknown(name, f"childbearing potential not recorded; {reason}", missing)
    if ok is None:
        return unknown(name, reason, missing)
    return decided(name, ok, reason, hcg_result=result)


def not_lactating(ctx: Context) -> Outcome:
    """Inclusion 3c: a woman of childbearing potential is not lactating."""
    name = "not_lactating"
    applies, missing = _woman_of_childbearing_potential(ctx)
    if applies is False:
        return not_applicable(name, "not a woman of childbearing potential")
    lactating = ctx.patient.lactating
    if lactating is False:
        return decided(name, True, "not lactating", lactating=False)  # noqa: FBT003
    if lactating is None:
        return unknown(name, "lactation not recorded", [*missing, "$.patient.lactating"])
    if applies is None:
        return unknown(name, "lactating; childbearing potential not recorded", missing)
    return decided(name, False, "lactating", lactating=True)  # noqa: FBT003


def consent(ctx: Context) -> Outcome:
    """Inclusion 4: voluntary informed consent, good compliance and follow-up."""
    inv = ctx.investigator
    items = (
        flag_outcome(
            "consent_signed",
            inv.consent_signed,
            "$.investigator.consent_signed",
            "informed consent signed",
            "informed consent not signed",
        ),
        flag_outcome(
            "compliance_expected",
            inv.compliance_expected,
            "$.investigator.compliance_expected",
            "good compliance expected",
            "good compliance not expected",
        ),
    )
    return combine("consent_and_compliance", items, all_of)


# --- exclusions (met = the excluding condition is present) ---------------------------------


def _condition(ctx: Context, field: str, label: str) -> Outcome:
    path, yes, no = _condition_texts(field, label)
    return flag_outcome(field, getattr(ctx.conditions, field), path, yes, no)


@cache
def _condition_texts(field: str, label: str) -> tuple[str, str, str]:
    """The JSON path and the two reasons of a condition rule (constants of the rule)."""
    return f"$.conditions.{field}", f"{label}: present", f"no {label}"


def allergy(ctx: Context) -> Outcome:
    """Exclusion 1: severe allergy/contraindication to a trial drug, or severe allergic history."""
    items = (
        _condition(
            ctx,
            "trial_drug_allergy_or_contraindication",
            "allergy or contraindication to a trial drug",
        ),
        _condition(ctx, "severe_allergic_reaction_history", "history of severe allergic reactions"),
    )
    return combine("allergy", items, any_of)


def condition_rule(field: str, label: str) -> Callable[[Context], Outcome]:
    """An exclusion read from one field of ``conditions``."""

    def rule(ctx: Context) -> Outcome:
        return _condition(ctx, field, label)

    rule.__doc__ = f"Exclusion: {label}."
    return rule


def _excepted(ctx: Context, index: int) -> Outcome:
    """Whether malignancy ``index`` falls under the protocol's exception."""
    entry = (ctx.record.malignancies or ())[index]
    path = f"$.malignancies[{index}]"
    name = f"malignancy_{index}"
    listed = None if entry.kind is None else entry.kind != "other"
    free: bool | None
    if entry.disease_free_since is None:
        free = None
        years = "disease-free since: not recorded"
    else:
        limit = add_years(entry.disease_free_since, DISEASE_FREE_YEARS)
        free = limit < ctx.on
        years = (
            f"disease-free since {entry.disease_free_since.isoformat()} "
            f"({'more' if free else 'not more'} than {DISEASE_FREE_YEARS} years)"
        )
    if ctx.reading.malignancy is MalignancyReading.LISTED_AND_DISEASE_FREE:
        excepted = all_of((listed, free))
    else:
        excepted = any_of((listed, free))
    kind = entry.kind or "type not recorded"
    excludes = negate(excepted)
    missing = []
    if excludes is None:
        if listed is None:
            missing.append(f"{path}.kind")
        if free is None:
            missing.append(f"{path}.disease_free_since")
    verdict = {True: "excludes", False: "excepted", None: "undecided"}[excludes]
    return Outcome(name, excludes, f"{kind}, {years}: {verdict}", missing=tuple(missing))


def malignancy(ctx: Context) -> Outcome:
    """Exclusion 6: malignant tumour, except the listed cancers disease-free for > 5 years."""
    entries = ctx.record.malignancies
    if entries is None:
        return unknown("malignancy", "malignancy history not recorded", ("$.malignancies",))
    if not entries:
        return decided("malignancy", False, "no malignancy in the history")  # noqa: FBT003
    items = tuple(_excepted(ctx, i) for i in range(len(entries)))
    return combine("malignancy", items, any_of)


def _positive(value: str | None) -> bool | None:
    return None if value is None else value == "positive"


_VERDICT = {True: "active infection", False: "no", None: "undecided"}
_HBSAG, _HBCAB, _HBV_DNA = "$.serology.hbsag", "$.serology.hbcab", "$.serology.hbv_dna"
_HCV_AB, _HCV_RNA = "$.serology.hcv_antibody", "$.serology.hcv_rna"
_HIV, _SYPHILIS = "$.serology.hiv_antibody", "$.serology.syphilis"


def _shown(label: str, value: str | None) -> str:
    return f"{label} {value or 'not recorded'}"


def infection_serology(ctx: Context) -> Outcome:
    """Exclusion 8: HBV (HBsAg or HBcAb positive with HBV DNA above detection), HCV, HIV, syphilis.

    Truth table (Kleene logic): HBV = (HBsAg+ or HBcAb+) and HBV DNA+; HCV = HCV antibody+ and
    HCV RNA+; HIV = HIV antibody+; syphilis = syphilis test+. Excluded if any is present.
    An undecided item lists as missing only the tests that could still change it.
    """
    sero = ctx.record.serology or _NO_SEROLOGY
    hbsag, hbcab, dna = sero.hbsag, sero.hbcab, sero.hbv_dna
    hcv_ab, hcv_rna, hiv, syphilis = (
        sero.hcv_antibody,
        sero.hcv_rna,
        sero.hiv_antibody,
        sero.syphilis,
    )
    antigen = any_of((_positive(hbsag), _positive(hbcab)))
    hbv = all_of((antigen, _positive(dna)))
    hcv = all_of((_positive(hcv_ab), _positive(hcv_rna)))
    hiv_met, syphilis_met = _positive(hiv), _positive(syphilis)
    hbv_missing: tuple[str, ...] = ()
    if hbv is None:
        hbv_missing = ((_HBV_DNA,) if dna is None else ()) + (
            tuple(p for p, v in ((_HBSAG, hbsag), (_HBCAB, hbcab)) if v is None)
            if antigen is None
            else ()
        )
    hcv_missing: tuple[str, ...] = ()
    if hcv is None:
        hcv_missing = tuple(p for p, v in ((_HCV_AB, hcv_ab), (_HCV_RNA, hcv_rna)) if v is None)
    items = (
        Outcome(
            "hbv",
            hbv,
            f"hepatitis B: {_VERDICT[hbv]} ({_shown('HBsAg', hbsag)}, "
            f"{_shown('HBcAb', hbcab)}, {_shown('HBV DNA', dna)})",
            None,
            EMPTY,
            hbv_missing,
        ),
        Outcome(
            "hcv",
            hcv,
            f"hepatitis C: {_VERDICT[hcv]} ({_shown('HCV antibody', hcv_ab)}, "
            f"{_shown('HCV RNA', hcv_rna)})",
            None,
            EMPTY,
            hcv_missing,
        ),
        Outcome(
            "hiv",
            hiv_met,
            f"HIV: {_VERDICT[hiv_met]} ({_shown('HIV antibody', hiv)})",
            None,
            EMPTY,
            (_HIV,) if hiv_met is None else (),
        ),
        Outcome(
            "syphilis",
            syphilis_met,
            f"syphilis: {_VERDICT[syphilis_met]} ({_shown('syphilis', syphilis)})",
            None,
            EMPTY,
            (_SYPHILIS,) if syphilis_met is None else (),
        ),
    )
    return combine("infection_serology", items, any_of)


def other_trial(ctx: Context) -> Outcome:
    """Exclusion 10: treatment in another clinical trial within 3 months."""
    name = "other_trial_within_3_months"
    trials = ctx.record.clinical_trials
    if trials is None:
        return unknown(name, "other clinical trials not recorded", ("$.clinical_trials",))
    if not trials:
        return decided(name, False, "no treatment in another clinical trial")  # noqa: FBT003
    start = add_months(ctx.on, -TRIAL_WINDOW_MONTHS)
    items = []
    for index, trial in enumerate(trials):
        path = f"$.clinical_trials[{index}].last_treatment_date"
        when = trial.last_treatment_date
        if when is None:
            items.append(
                unknown(f"trial_{index}", "last trial treatment date not recorded", (path,))
            )
            continue
        within = when >= start
        items.append(
            decided(
                f"trial_{index}",
                within,
                f"last trial treatment {when.isoformat()} "
                f"({'within' if within else 'before'} the 3 months from {start.isoformat()})",
            )
        )
    return combine(name, items, any_of)


def pregnancy(ctx: Context) -> Outcome:
    """Exclusion 11: pregnant or intending to conceive (women)."""
    name = "pregnant_or_planning"
    female = _sex_is(ctx, "female")
    if female is False:
        return decided(name, False, "not applicable: male")  # noqa: FBT003
    patient = ctx.patient
    test = ctx.record.hcg
    hcg_positive = True if test is not None and test.result == "positive" else None
    items: tuple[Outcome, ...] = (
        flag_outcome(
            "pregnant", patient.pregnant, "$.patient.pregnant", "pregnant", "not pregnant"
        ),
        flag_outcome(
            "planning_pregnancy",
            patient.planning_pregnancy,
            "$.patient.planning_pregnancy",
            "intends to conceive",
            "does not intend to conceive",
        ),
    )
    if hcg_positive:
        items = (*items, decided("hcg_positive", True, "serum HCG positive"))  # noqa: FBT003
    outcome = combine(name, items, any_of)
    if female is None and outcome.met is not False:
        present = outcome.met
        if present is True:
            return outcome
        return with_missing(outcome, ("$.patient.sex", *outcome.missing))
    return outcome


def other_reasons(ctx: Context) -> Outcome:
    """Exclusion 12: other reasons, in the investigator's opinion."""
    return flag_outcome(
        "other_reasons",
        ctx.investigator.other_reasons_to_exclude,
        "$.investigator.other_reasons_to_exclude",
        "other reasons to exclude (investigator)",
        "no other reasons to exclude (investigator)",
    )
