"""Registry of valid calls for the robustness properties (tests/test_robustness.py).

Every public callable (see :func:`tests.robustness.public_callables`) needs an entry here:
a Hypothesis strategy of *valid* arguments, by parameter name. A test fails when a public
callable has no entry (so nobody forgets) and when an entry names no public callable.
An entry may instead give a reason to skip (result types, built by the library).

Optional declarations drive further properties: ``increasing`` / ``decreasing`` name the
numeric arguments in which the value is documented to be monotone, ``value_range`` the
documented range of ``Score.value`` (or of a plain float result).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
from hypothesis import strategies as st

from activity_scores import (
    AcutePhaseReactant,
    BetamethasoneEquivalence,
    BodyWeight,
    BooleanRemissionVersion,
    BsaFormula,
    Das28Convention,
    DmardClass,
    EssdaiDomain,
    Glucocorticoid,
    IimCutoffs,
    ImacsCoreSet,
    Indication,
    LungChange,
    MalignancyReading,
    Mechanism,
    MrssArea,
    MrssProgressionDefinition,
    MyositisAntibody,
    NonHierarchical,
    ProtocolReading,
    RaCoreSet,
    Sex,
    SscCoreSet,
    StopReason,
    TreatmentCourse,
    Visit,
    cdai,
    essdai_definitions,
    parse_record,
)
from activity_scores.scores.myositis import Mmt8Muscle, TisPopulation

Values = Mapping[str, object]


@attrs.frozen
class Case:
    """How to call one public callable validly, and what is documented about it."""

    valid: st.SearchStrategy[Values] | None = None
    skip: str = ""
    increasing: frozenset[str] = frozenset()
    decreasing: frozenset[str] = frozenset()
    value_range: tuple[float, float] = (-math.inf, math.inf)
    free_keys: frozenset[str] = frozenset()  # mapping arguments that take any string key
    strict_keys: frozenset[str] = frozenset()  # str-keyed mappings that refuse unknown keys
    #: Other names an error may give an argument (a record's errors name JSON paths "$...").
    aliases: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)


def number(lo: float, hi: float) -> st.SearchStrategy[float]:
    """Ints and floats in ``[lo, hi]`` (both types reach the library).

    Floats are plausible measurements: 0 or at least 1e-6 in size (a baseline of 1e-308 cm
    is refused as too close to 0 for a relative change; the bad-value properties try it).
    """
    ints = st.integers(math.ceil(lo), math.floor(hi))
    floats = st.floats(lo, hi, allow_nan=False, allow_infinity=False, allow_subnormal=False)
    return st.one_of(ints, floats.filter(lambda x: x == 0 or abs(x) >= 1e-6))


def enum_or_value(enum: Any) -> st.SearchStrategy[object]:
    """A member of ``enum`` or its string value."""
    members = list(enum)
    return st.sampled_from([*members, *(m.value for m in members)])


def _fixed(**strategies: st.SearchStrategy[Any]) -> st.SearchStrategy[Values]:
    return st.fixed_dictionaries(strategies)


def _with_optional(
    required: Mapping[str, st.SearchStrategy[Any]], optional: Mapping[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[Values]:
    return st.fixed_dictionaries(dict(required), optional=dict(optional))


_COUNT28 = st.integers(0, 28)
_CONVENTION = enum_or_value(Das28Convention)
_SEX = enum_or_value(Sex)


@st.composite
def _cockcroft_gault(draw: st.DrawFn) -> Values:
    values: dict[str, object] = {
        "age_years": draw(number(18, 120)),
        "weight_kg": draw(number(20, 350)),
        "sex": draw(_SEX),
    }
    if draw(st.booleans()):
        values["serum_creatinine_mg_per_dl"] = draw(number(0.1, 25))
    else:
        values["serum_creatinine_umol_per_l"] = draw(number(8.84, 2210))
    basis = draw(st.sampled_from([None, *BodyWeight, *(b.value for b in BodyWeight)]))
    if basis is not None:
        values["body_weight"] = basis
    if basis not in {None, BodyWeight.ACTUAL, "actual"} or draw(st.booleans()):
        values["height_cm"] = draw(number(120, 250))
    return values


_TRI = st.none() | st.booleans()


def _tri(*names: str) -> dict[str, st.SearchStrategy[Any]]:
    return dict.fromkeys(names, _TRI)


def _opt(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


# --- Sjögren
_LEVELS = {d.domain: [lv.level for lv in d.levels] for d in essdai_definitions()}


@st.composite
def _essdai_domains(draw: st.DrawFn) -> Values:
    domains: dict[object, object] = {}
    for domain, levels in _LEVELS.items():
        key = draw(st.sampled_from([domain, domain.value]))
        level = draw(st.sampled_from(levels))
        domains[key] = draw(st.sampled_from([level, level.value]))
    return {"domains": domains}


# --- myositis
_SIDES = {side: [m for m in Mmt8Muscle if m.value.startswith(side)] for side in ("right", "left")}


@st.composite
def _mmt8(draw: st.DrawFn) -> Values:
    if draw(st.booleans()):
        muscles = list(Mmt8Muscle)
    else:
        muscles = [Mmt8Muscle("neck_flexors"), *_SIDES[draw(st.sampled_from(["right", "left"]))]]
    grade = st.integers(0, 10)
    return {"grades": {draw(st.sampled_from([m, m.value])): draw(grade) for m in muscles}}


@st.composite
def _core_set_kwargs(draw: st.DrawFn, *, scale: int | None = None, full: bool = False) -> Values:
    scale = draw(st.sampled_from([80, 150])) if scale is None else scale

    def maybe(strategy: st.SearchStrategy[Any]) -> Any:
        return draw(strategy if full else _opt(strategy))

    values: dict[str, object] = {
        "physician_global_cm": maybe(number(0, 10)),
        "patient_global_cm": maybe(number(0, 10)),
        "mmt8_total": maybe(st.integers(0, scale)),
        "mmt8_scale_max": scale,
        "haq_di": maybe(number(0, 3)),
        "extramuscular_global_cm": maybe(number(0, 10)),
    }
    enzyme = maybe(number(0.01, 1_000_000))
    if enzyme is not None:
        values["muscle_enzyme"] = enzyme
        values["muscle_enzyme_uln"] = draw(number(0.01, 1_000_000))
    elif not full and draw(st.booleans()):
        values["muscle_enzyme_uln"] = draw(number(0.01, 1_000_000))
    return values


@st.composite
def _core_set_pair(draw: st.DrawFn, *, full: bool = False) -> Values:
    scale = draw(st.sampled_from([80, 150]))
    values: dict[str, object] = {
        "baseline": ImacsCoreSet(**draw(_core_set_kwargs(scale=scale, full=full))),  # type: ignore[arg-type]
        "follow_up": ImacsCoreSet(**draw(_core_set_kwargs(scale=scale, full=full))),  # type: ignore[arg-type]
    }
    return values


@st.composite
def _core_set_abnormalities(draw: st.DrawFn) -> Values:
    values: dict[str, object] = {
        "core_set": ImacsCoreSet(**draw(_core_set_kwargs())),  # type: ignore[arg-type]
    }
    optional = {
        "global_threshold_cm": number(0.01, 10),
        "haq_di_threshold": number(0.01, 3),
        "enzyme_threshold_x_uln": number(0.01, 100),
        "abnormal_needed": st.integers(1, 5),
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            values[name] = draw(strategy)
    return values


@st.composite
def _iim(draw: st.DrawFn) -> Values:
    values: dict[str, object] = {"age_at_onset_years": draw(_opt(number(0, 120)))}
    for name in (
        "proximal_upper_weakness",
        "proximal_lower_weakness",
        "neck_flexors_weaker_than_extensors",
        "legs_proximal_weaker_than_distal",
        "heliotrope_rash",
        "gottrons_papules",
        "gottrons_sign",
        "dysphagia",
        "anti_jo1",
        "elevated_muscle_enzymes",
        "finger_flexor_weakness_unresponsive",
    ):
        values[name] = draw(_TRI)
    if draw(st.booleans()):
        values["muscle_biopsy"] = True
        for name in (
            "endomysial_infiltrate",
            "perimysial_or_perivascular_infiltrate",
            "perifascicular_atrophy",
            "rimmed_vacuoles",
        ):
            values[name] = draw(_TRI)
    values["cutoffs"] = draw(enum_or_value(IimCutoffs))
    return values


# --- rheumatoid arthritis classification and D2T
@st.composite
def _lab_pair(draw: st.DrawFn, value: str, uln: str, hi: float, uln_hi: float) -> Values:
    if draw(st.booleans()):
        return {}
    return {value: draw(number(0, hi)), uln: draw(number(0.01, uln_hi))}


@st.composite
def _acr_eular_2010_ra(draw: st.DrawFn) -> Values:
    values: dict[str, object] = {
        "definite_synovitis": draw(_TRI),
        "synovitis_better_explained_by_other_disease": draw(_TRI),
        "large_joints": draw(_opt(st.integers(0, 10))),
        "small_joints": draw(_opt(st.integers(0, 30))),
        "other_joints": draw(st.integers(0, 20)),
        "typical_erosions": draw(_TRI),
        "previously_fulfilled": draw(_TRI),
    }
    values |= draw(_lab_pair("rf_iu_per_ml", "rf_uln_iu_per_ml", 100_000, 1000))
    values |= draw(_lab_pair("acpa_u_per_ml", "acpa_uln_u_per_ml", 100_000, 1000))
    values |= draw(_lab_pair("crp_mg_per_l", "crp_uln_mg_per_l", 1000, 1000))
    values |= draw(_lab_pair("esr_mm_per_h", "esr_uln_mm_per_h", 200, 200))
    duration = draw(st.sampled_from(["weeks", "days", None]))
    if duration == "weeks":
        values["symptom_duration_weeks"] = draw(number(0, 5200))
    elif duration == "days":
        values["symptom_duration_days"] = draw(st.integers(0, 36500))
    return values


_DATES = st.dates(dt.date(1950, 1, 1), dt.date(2030, 12, 31))


@st.composite
def _treatment_kwargs(draw: st.DrawFn) -> Values:
    cls = draw(st.sampled_from(list(DmardClass)))
    values: dict[str, object] = {
        "drug": draw(st.sampled_from(["methotrexate", "adalimumab", "tofacitinib", "X"])),
        "drug_class": draw(st.sampled_from([cls, cls.value])),
        "start_date": draw(_DATES),
    }
    if cls is not DmardClass.CSDMARD:
        values["mechanism"] = draw(enum_or_value(Mechanism))
    if draw(st.booleans()):
        start = values["start_date"]
        assert isinstance(start, dt.date)
        values["stop_date"] = start + dt.timedelta(days=draw(st.integers(0, 3000)))
        values["reason_stopped"] = draw(enum_or_value(StopReason))
    return values


@st.composite
def _d2t(draw: st.DrawFn) -> Values:
    courses = draw(st.lists(_treatment_kwargs(), max_size=4))
    values: dict[str, object] = {
        "treatments": None
        if draw(st.booleans()) and not courses
        else tuple(TreatmentCourse(**c) for c in courses),  # type: ignore[arg-type]
    }
    optional: dict[str, st.SearchStrategy[Any]] = {
        **_tri(
            "csdmard_contraindicated",
            "access_restricted_by_socioeconomic_factors",
            "other_composite_at_least_moderate",
            "signs_or_symptoms_of_active_disease",
            "rapid_radiographic_progression",
            "well_controlled_but_reduced_quality_of_life",
            "problematic_for_rheumatologist",
            "problematic_for_patient",
        ),
        "require_different_mechanisms": st.booleans(),
        "require_both_perceive_problematic": st.booleans(),
        "tender_joints_28": _opt(_COUNT28),
        "swollen_joints_28": _opt(_COUNT28),
        "esr_mm_per_h": _opt(number(1, 200)),
        "evaluator_global_cm": _opt(number(0, 10)),
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            values[name] = draw(strategy)
    scale = draw(st.sampled_from(["mm", "cm", None]))
    if scale == "mm":
        values["patient_global_mm"] = draw(number(0, 100))
    elif scale == "cm":
        values["patient_global_cm"] = draw(number(0, 10))
    if draw(st.booleans()):
        values["glucocorticoid_drug"] = draw(enum_or_value(Glucocorticoid))
        values["lowest_glucocorticoid_dose_mg_per_day"] = draw(number(0, 2000))
    return values


@st.composite
def _sharp(draw: st.DrawFn) -> Values:
    start = draw(_DATES)
    return {
        "baseline_score": draw(number(0, 448)),
        "follow_up_score": draw(number(0, 448)),
        "baseline_date": start,
        "follow_up_date": start + dt.timedelta(days=draw(st.integers(1, 365 * 49))),
    }


@st.composite
def _functional_class(draw: st.DrawFn) -> Values:
    care, work, leisure = draw(st.booleans()), draw(st.booleans()), draw(st.booleans())
    values: dict[str, object] = {
        "self_care_limited": care,
        "vocational_limited": work,
        "avocational_limited": leisure,
    }
    hierarchical = (not care or work) and (not work or leisure)
    if not hierarchical or draw(st.booleans()):
        values["non_hierarchical"] = draw(
            st.sampled_from([NonHierarchical.MOST_LIMITED, "most_limited"])
        )
    return values


# --- systemic sclerosis
@st.composite
def _mrss_progression(draw: st.DrawFn) -> Values:
    values: dict[str, object] = {
        "baseline": draw(st.integers(1, 51)),
        "follow_up": draw(st.integers(0, 51)),
    }
    definition = draw(st.sampled_from([None, *MrssProgressionDefinition]))
    if definition is not None:
        values["definition"] = draw(st.sampled_from([definition, definition.value]))
    if definition in {None, MrssProgressionDefinition.PROTOCOL} and draw(st.booleans()):
        values["threshold_percent"] = draw(number(0.01, 100))
    return values


@st.composite
def _lung_progression(draw: st.DrawFn) -> Values:
    values: dict[str, object] = {
        "fvc_baseline_percent_predicted": draw(number(10, 200)),
        "fvc_follow_up_percent_predicted": draw(number(10, 200)),
        "change": draw(enum_or_value(LungChange)),
    }
    if draw(st.booleans()):
        values["dlco_baseline_percent_predicted"] = draw(number(5, 200))
        values["dlco_follow_up_percent_predicted"] = draw(number(5, 200))
    return values


# --- screening
_EXAMPLES = Path(__file__).parent.parent / "examples"
_RECORD_TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in sorted(_EXAMPLES.glob("*.json"))}


@st.composite
def _record_dict(draw: st.DrawFn) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(_RECORD_TEXTS[draw(st.sampled_from(sorted(_RECORD_TEXTS)))])
    return record


@st.composite
def _parse_record(draw: st.DrawFn) -> Values:
    record = draw(_record_dict())
    form = draw(st.sampled_from(["dict", "str", "bytes"]))
    text = json.dumps(record)
    data = record if form == "dict" else text if form == "str" else text.encode()
    return {"data": data}


@st.composite
def _screen(draw: st.DrawFn) -> Values:
    record = draw(_record_dict())
    values: dict[str, object] = {}
    form = draw(st.sampled_from(["dict", "str", "record"]))
    values["record"] = (
        record if form == "dict" else json.dumps(record) if form == "str" else parse_record(record)
    )
    if draw(st.booleans()):
        values["indication"] = draw(
            st.sampled_from([Indication(record["indication"]), record["indication"]])
        )
    if draw(st.booleans()):
        on = dt.date.fromisoformat(record["screening_date"])
        values["evaluation_date"] = draw(
            st.sampled_from([on, on.isoformat(), on + dt.timedelta(days=30)])
        )
    if draw(st.booleans()):
        values["reading"] = ProtocolReading(**draw(_reading()))  # type: ignore[arg-type]
    return values


def _reading() -> st.SearchStrategy[Values]:
    return _with_optional(
        {},
        {
            "glucocorticoid_mg_per_kg_per_day": number(0.01, 10),
            "glucocorticoid_threshold_inclusive": st.booleans(),
            "require_cyclophosphamide": st.booleans(),
            "immunomodulator_months": st.integers(1, 120),
            "malignancy": enum_or_value(MalignancyReading),
            "lung_change": st.sampled_from(["relative", "absolute"]),
            "mrss_definition": st.sampled_from(["protocol", "eustar"]),
            "myositis_associated_antibodies": st.booleans(),
            "iim_cutoffs": st.sampled_from(["score", "probability"]),
            "d2t_require_different_mechanisms": st.booleans(),
            "d2t_require_both_perceive_problematic": st.booleans(),
        },
    )


_RECORD_ALIASES = {"record": ("$",), "data": ("$",)}
_SKIP_RESULT = "a result type, built by the library; not an input"
_SKIP_DEFINITION = "a published definition returned by essdai_definitions; not an input"

CASES: dict[str, Case] = {
    "Outcome": Case(skip=_SKIP_RESULT),
    "Score": Case(skip=_SKIP_RESULT),
    # --- rheumatoid arthritis
    "das28_esr": Case(
        _with_optional(
            {
                "tender_joints_28": _COUNT28,
                "swollen_joints_28": _COUNT28,
                "esr_mm_per_h": number(1, 200),
            },
            {"patient_global_mm": st.none() | number(0, 100), "convention": _CONVENTION},
        ),
        increasing=frozenset(
            {"tender_joints_28", "swollen_joints_28", "esr_mm_per_h", "patient_global_mm"}
        ),
        value_range=(0, 10),
    ),
    "das28_crp": Case(
        _with_optional(
            {
                "tender_joints_28": _COUNT28,
                "swollen_joints_28": _COUNT28,
                "crp_mg_per_l": number(0, 1000),
            },
            {"patient_global_mm": st.none() | number(0, 100), "convention": _CONVENTION},
        ),
        increasing=frozenset(
            {"tender_joints_28", "swollen_joints_28", "crp_mg_per_l", "patient_global_mm"}
        ),
        value_range=(0.96, 10),
    ),
    "cdai": Case(
        _fixed(
            tender_joints_28=_COUNT28,
            swollen_joints_28=_COUNT28,
            patient_global_cm=number(0, 10),
            evaluator_global_cm=number(0, 10),
        ),
        increasing=frozenset(
            {"tender_joints_28", "swollen_joints_28", "patient_global_cm", "evaluator_global_cm"}
        ),
        value_range=(0, 76),
    ),
    "sdai": Case(
        _fixed(
            tender_joints_28=_COUNT28,
            swollen_joints_28=_COUNT28,
            patient_global_cm=number(0, 10),
            evaluator_global_cm=number(0, 10),
            crp_mg_per_dl=number(0, 100),
        ),
        increasing=frozenset(
            {
                "tender_joints_28",
                "swollen_joints_28",
                "patient_global_cm",
                "evaluator_global_cm",
                "crp_mg_per_dl",
            }
        ),
        value_range=(0, 176),
    ),
    "das28_category": Case(
        _with_optional({"value": number(0, 10)}, {"convention": _CONVENTION}),
    ),
    "cdai_category": Case(_fixed(value=number(0, 76))),
    "sdai_category": Case(_fixed(value=number(0, 176))),
    "eular_response": Case(
        _fixed(baseline=number(0, 10), follow_up=number(0, 10)),
        increasing=frozenset({"baseline"}),
        decreasing=frozenset({"follow_up"}),
        value_range=(-10, 10),
    ),
    # --- renal function
    "cockcroft_gault": Case(
        _cockcroft_gault(),
        increasing=frozenset({"weight_kg"}),
        decreasing=frozenset(
            {"age_years", "serum_creatinine_mg_per_dl", "serum_creatinine_umol_per_l"}
        ),
        value_range=(0, math.inf),
    ),
    "ideal_body_weight_kg": Case(
        _fixed(height_cm=number(120, 250), sex=_SEX),
        increasing=frozenset({"height_cm"}),
        value_range=(0, math.inf),
    ),
    "adjusted_body_weight_kg": Case(
        _fixed(weight_kg=number(20, 350), height_cm=number(120, 250), sex=_SEX),
        increasing=frozenset({"weight_kg", "height_cm"}),
        value_range=(0, math.inf),
    ),
    # --- rheumatoid arthritis: classification, D2T, functional class, glucocorticoids
    "TreatmentCourse": Case(_treatment_kwargs()),
    "acr_eular_2010_ra": Case(_acr_eular_2010_ra()),
    "eular_difficult_to_treat_ra": Case(_d2t()),
    "acr_1991_functional_class": Case(_functional_class(), value_range=(1, 4)),
    "prednisone_equivalent_mg": Case(
        _with_optional(
            {"drug": enum_or_value(Glucocorticoid), "dose_mg": number(0, 2000)},
            {"betamethasone": enum_or_value(BetamethasoneEquivalence)},
        ),
        increasing=frozenset({"dose_mg"}),
        value_range=(0, math.inf),
    ),
    "sharp_progression": Case(_sharp()),
    # --- Sjögren
    "EssdaiDomainDefinition": Case(skip=_SKIP_DEFINITION),
    "EssdaiLevelDefinition": Case(skip=_SKIP_DEFINITION),
    "essdai": Case(_essdai_domains(), value_range=(0, 123)),
    "essdai_category": Case(_fixed(value=st.integers(0, 123))),
    "essdai_definitions": Case(_with_optional({}, {"domain": _opt(enum_or_value(EssdaiDomain))})),
    "essdai_mcii": Case(_fixed(baseline=st.integers(0, 123), follow_up=st.integers(0, 123))),
    "esspri": Case(
        _fixed(dryness=st.integers(0, 10), fatigue=st.integers(0, 10), pain=st.integers(0, 10)),
        increasing=frozenset({"dryness", "fatigue", "pain"}),
        value_range=(0, 10),
    ),
    "esspri_mcii": Case(_fixed(baseline=number(0, 10), follow_up=number(0, 10))),
    "acr_eular_2016_sjogren": Case(
        _with_optional(
            {},
            {
                **_tri(
                    "dry_eyes_over_3_months",
                    "sand_or_gravel_sensation_in_eyes",
                    "tear_substitutes_over_3_times_daily",
                    "dry_mouth_over_3_months",
                    "liquids_to_swallow_dry_food",
                    "essdai_positive_domain",
                    "focal_lymphocytic_sialadenitis",
                    "anti_ro_ssa",
                    "head_and_neck_radiation",
                    "active_hepatitis_c",
                    "aids",
                    "sarcoidosis",
                    "amyloidosis",
                    "graft_versus_host_disease",
                    "igg4_related_disease",
                ),
                "focus_score_per_4_mm2": _opt(number(0, 20)),
                "ocular_staining_score": _opt(st.integers(0, 12)),
                "van_bijsterveld_score": _opt(st.integers(0, 9)),
                "schirmer_mm_per_5_min": _opt(number(0, 35)),
                "unstimulated_saliva_flow_ml_per_min": _opt(number(0, 5)),
            },
        )
    ),
    "aecg_2002_sjogren": Case(
        _with_optional(
            {},
            {
                **_tri(
                    "dry_eyes_over_3_months",
                    "sand_or_gravel_sensation_in_eyes",
                    "tear_substitutes_over_3_times_daily",
                    "dry_mouth_over_3_months",
                    "swollen_salivary_glands_as_adult",
                    "liquids_to_swallow_dry_food",
                    "focal_lymphocytic_sialadenitis",
                    "sialography_diffuse_sialectasias",
                    "scintigraphy_abnormal",
                    "anti_ro_ssa",
                    "anti_la_ssb",
                    "head_and_neck_radiation",
                    "hepatitis_c",
                    "aids",
                    "pre_existing_lymphoma",
                    "sarcoidosis",
                    "graft_versus_host_disease",
                    "anticholinergic_drugs_within_4_half_lives",
                    "potentially_associated_disease",
                ),
                "schirmer_mm_per_5_min": _opt(number(0, 35)),
                "van_bijsterveld_score": _opt(st.integers(0, 9)),
                "focus_score_per_4_mm2": _opt(number(0, 20)),
                "unstimulated_saliva_flow_ml_per_15_min": _opt(number(0, 75)),
            },
        )
    ),
    # --- systemic sclerosis
    "mrss": Case(
        st.fixed_dictionaries(
            {
                "areas": st.fixed_dictionaries({area: st.integers(0, 3) for area in MrssArea}).map(
                    lambda d: {k.value: v for k, v in d.items()} if len(d) % 2 else d
                )
            }
        ),
        value_range=(0, 51),
    ),
    "mrss_progression": Case(_mrss_progression()),
    "lung_progression": Case(_lung_progression()),
    "ssc_ild_ground_glass_and_low_pft": Case(
        _with_optional(
            {},
            {
                "fvc_percent_predicted": _opt(number(10, 200)),
                "dlco_percent_predicted": _opt(number(5, 200)),
                "ground_glass_on_hrct": _TRI,
            },
        )
    ),
    "acr_eular_2013_ssc": Case(
        _with_optional(
            {},
            _tri(
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
            ),
        ).filter(
            # Skin thickening sparing the fingers contradicts finger involvement (refused).
            lambda v: (
                not (
                    v.get("skin_thickening_sparing_fingers")
                    and (v.get("skin_thickening_proximal_to_mcps") or v.get("sclerodactyly"))
                )
            )
        )
    ),
    # --- myositis
    "ImacsCoreSet": Case(_core_set_kwargs()),
    "mmt8": Case(_mmt8(), value_range=(0, 150)),
    "core_set_abnormalities": Case(_core_set_abnormalities()),
    "imacs_improvement": Case(_core_set_pair()),
    "total_improvement_score": Case(
        _core_set_pair(full=True).flatmap(
            lambda v: st.fixed_dictionaries(
                {k: st.just(x) for k, x in v.items()},
                optional={"population": enum_or_value(TisPopulation)},
            )
        ),
        value_range=(0, 100),
    ),
    "eular_acr_2017_iim": Case(_iim()),
    "myositis_antibodies_positive": Case(
        _with_optional(
            {
                "results": st.dictionaries(
                    st.sampled_from([*MyositisAntibody, *(a.value for a in MyositisAntibody)]),
                    _TRI,
                    min_size=1,
                )
            },
            {"include_associated": st.booleans()},
        )
    ),
    # --- screening (records and the CLI have their own properties: test_robustness_screening)
    "CriterionResult": Case(skip=_SKIP_RESULT),
    "LymphodepletionRegimen": Case(skip=_SKIP_RESULT),
    "ScreeningReport": Case(skip=_SKIP_RESULT),
    "ScreeningLog": Case(skip="a collector of reports (filled by add); not an input"),
    "PatientRecord": Case(
        skip="its classes do not validate on construction: screen() and parse_record do "
        "(test_robustness_screening mutates every field of a PatientRecord through screen)"
    ),
    "ProtocolReading": Case(_reading()),
    "body_surface_area_m2": Case(
        _with_optional(
            {"weight_kg": number(20, 350), "height_cm": number(120, 250)},
            {"formula": enum_or_value(BsaFormula)},
        ),
        increasing=frozenset({"weight_kg", "height_cm"}),
        value_range=(0, math.inf),
    ),
    "lymphodepletion_regimen": Case(
        _with_optional(
            {"weight_kg": number(20, 350), "height_cm": number(120, 250)},
            {"bsa_formula": enum_or_value(BsaFormula)},
        )
    ),
    "criteria_for": Case(_fixed(indication=enum_or_value(Indication))),
    "parse_record": Case(_parse_record(), strict_keys=frozenset({"data"}), aliases=_RECORD_ALIASES),
    "screen": Case(_screen(), strict_keys=frozenset({"record"}), aliases=_RECORD_ALIASES),
    # --- unit converters (limits: the plausible ranges documented in units.py)
    "units.crp_mg_per_l_to_mg_per_dl": Case(
        _fixed(crp_mg_per_l=number(0, 1000)), increasing=frozenset({"crp_mg_per_l"})
    ),
    "units.crp_mg_per_dl_to_mg_per_l": Case(
        _fixed(crp_mg_per_dl=number(0, 100)), increasing=frozenset({"crp_mg_per_dl"})
    ),
    "units.creatinine_mg_per_dl_to_umol_per_l": Case(
        _fixed(serum_creatinine_mg_per_dl=number(0, 25)),
        increasing=frozenset({"serum_creatinine_mg_per_dl"}),
    ),
    "units.creatinine_umol_per_l_to_mg_per_dl": Case(
        _fixed(serum_creatinine_umol_per_l=number(0, 2210)),
        increasing=frozenset({"serum_creatinine_umol_per_l"}),
    ),
    "units.bilirubin_mg_per_dl_to_umol_per_l": Case(
        _fixed(bilirubin_mg_per_dl=number(0, 100)), increasing=frozenset({"bilirubin_mg_per_dl"})
    ),
    "units.bilirubin_umol_per_l_to_mg_per_dl": Case(
        _fixed(bilirubin_umol_per_l=number(0, 1710)),
        increasing=frozenset({"bilirubin_umol_per_l"}),
    ),
    "units.hemoglobin_g_per_dl_to_g_per_l": Case(
        _fixed(hemoglobin_g_per_dl=number(0, 30)), increasing=frozenset({"hemoglobin_g_per_dl"})
    ),
    "units.hemoglobin_g_per_l_to_g_per_dl": Case(
        _fixed(hemoglobin_g_per_l=number(0, 300)), increasing=frozenset({"hemoglobin_g_per_l"})
    ),
    "units.vas_mm_to_cm": Case(_fixed(vas_mm=number(0, 100)), increasing=frozenset({"vas_mm"})),
    "units.vas_cm_to_mm": Case(_fixed(vas_cm=number(0, 10)), increasing=frozenset({"vas_cm"})),
}


# --- efficacy response criteria (criteria/ra_response.py, ssc_response.py, response.py)
_VAS = number(0, 10)


def _ra_core_set_kwargs() -> st.SearchStrategy[Values]:
    optional = {
        "tender_joints_68": st.integers(0, 68),
        "swollen_joints_66": st.integers(0, 66),
        "patient_pain_cm": _VAS,
        "patient_global_cm": _VAS,
        "physician_global_cm": _VAS,
        "haq_di": number(0, 3),
        "crp_mg_per_dl": number(0, 100),
        "esr_mm_per_h": number(1, 200),
    }
    return st.fixed_dictionaries({}, optional=optional)


def _ssc_core_set_kwargs() -> st.SearchStrategy[Values]:
    optional = {
        "mrss": st.integers(0, 51),
        "fvc_percent_predicted": number(10, 200),
        "patient_global": _VAS,
        "physician_global": _VAS,
        "haq_di": number(0, 3),
    }
    return st.fixed_dictionaries({}, optional=optional)


_RA_CORE = _ra_core_set_kwargs().map(lambda kw: RaCoreSet(**kw))  # type: ignore[arg-type]
_SSC_CORE = _ssc_core_set_kwargs().map(lambda kw: SscCoreSet(**kw))  # type: ignore[arg-type]
_FLAG = st.sampled_from([True, False, None])
_CRISS_EVENTS = {
    "new_renal_crisis": _FLAG,
    "new_ild_or_fvc_decline": _FLAG,
    "new_left_ventricular_failure": _FLAG,
    "new_pulmonary_arterial_hypertension": _FLAG,
}


def _visit_kwargs() -> st.SearchStrategy[Values]:
    optional: dict[str, st.SearchStrategy[Any]] = {
        "label": st.text(max_size=20),
        "visit_date": st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
        "ra_core_set": _RA_CORE,
        "tender_joints_28": _COUNT28,
        "swollen_joints_28": _COUNT28,
        "esr_mm_per_h": number(1, 200),
        "crp_mg_per_dl": number(0, 100),
        "patient_global_cm": _VAS,
        "evaluator_global_cm": _VAS,
        "ssc_core_set": _SSC_CORE,
        "essdai": st.integers(0, 123),
        "esspri": number(0, 10),
        "imacs_core_set": _core_set_kwargs(scale=150).map(lambda kw: ImacsCoreSet(**kw)),  # type: ignore[arg-type]
        **_CRISS_EVENTS,
    }
    return st.fixed_dictionaries({}, optional=optional)


_VISIT = _visit_kwargs().map(lambda kw: Visit(**kw))  # type: ignore[arg-type]
_INDICATION_CODE = st.sampled_from(["pss", "ssc", "iim", "ra"])

RESPONSE_CASES: dict[str, Case] = {
    "RaCoreSet": Case(_ra_core_set_kwargs()),
    "SscCoreSet": Case(_ssc_core_set_kwargs()),
    "Visit": Case(_visit_kwargs()),
    "VisitResponses": Case(skip=_SKIP_RESULT),
    "ResponseReport": Case(skip=_SKIP_RESULT),
    "acr_response": Case(
        _with_optional(
            {"baseline": _RA_CORE, "follow_up": _RA_CORE},
            {
                "level": st.sampled_from([20, 50, 70]),
                "acute_phase_reactant": enum_or_value(AcutePhaseReactant),
            },
        )
    ),
    "acr_eular_boolean_remission": Case(
        _with_optional(
            {
                "tender_joints_28": st.none() | _COUNT28,
                "swollen_joints_28": st.none() | _COUNT28,
                "patient_global_cm": st.none() | _VAS,
            },
            {
                "crp_mg_per_dl": st.none() | number(0, 100),
                "version": enum_or_value(BooleanRemissionVersion),
                "clinical_practice": st.booleans(),
            },
        )
    ),
    "acr_eular_index_remission": Case(
        _fixed(
            score=st.builds(
                cdai,
                tender_joints_28=_COUNT28,
                swollen_joints_28=_COUNT28,
                patient_global_cm=_VAS,
                evaluator_global_cm=_VAS,
            )
        )
    ),
    "acr_criss": Case(
        _with_optional({"baseline": _SSC_CORE, "follow_up": _SSC_CORE}, _CRISS_EVENTS),
    ),
    "responses_for": Case(
        _with_optional(
            {"indication": _INDICATION_CODE, "baseline": _VISIT, "follow_up": _VISIT},
            {"tis_population": enum_or_value(TisPopulation)},
        )
    ),
    "response_report": Case(
        _with_optional(
            {
                "baseline_visit": _VISIT,
                "follow_up_visits": st.lists(_VISIT, max_size=3),
                "indication": _INDICATION_CODE,
            },
            {"tis_population": enum_or_value(TisPopulation)},
        )
    ),
}
CASES.update(RESPONSE_CASES)
