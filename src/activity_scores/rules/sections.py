"""The per-indication sections of the patient record (pSS, SSc, IIM, RA).

Each section holds the findings its indication's criteria read. Classification inputs are
passed to the library's criteria functions under their own parameter names, so the record
and the criteria share one vocabulary (see docs/record-format.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import attrs

from activity_scores.criteria.myositis import MyositisAntibody, eular_acr_2017_iim
from activity_scores.criteria.rheumatoid import (
    DmardClass,
    Mechanism,
    StopReason,
    acr_1991_functional_class,
    acr_eular_2010_ra,
    eular_difficult_to_treat_ra,
)
from activity_scores.criteria.sclerosis import acr_eular_2013_ssc
from activity_scores.criteria.sjogren import acr_eular_2016_sjogren, aecg_2002_sjogren
from activity_scores.rules import _spec as s
from activity_scores.rules._spec import Lab, Unit, field, params_of

#: Method choices of the criteria functions: not patient data, so not in the record.
_METHOD = ("cutoffs", "require_different_mechanisms", "require_both_perceive_problematic")
#: D2T RA inputs that the RA section holds once for every rule.
_SHARED_RA = (
    "tender_joints_28",
    "swollen_joints_28",
    "esr_mm_per_h",
    "patient_global_mm",
    "patient_global_cm",
    "evaluator_global_cm",
)

__all__ = ["DmardCourse", "IimFindings", "PssFindings", "RaFindings", "SscFindings"]

ESSDAI_DOMAINS = (
    "constitutional",
    "lymphadenopathy",
    "glandular",
    "articular",
    "cutaneous",
    "pulmonary",
    "renal",
    "muscular",
    "peripheral_nervous_system",
    "central_nervous_system",
    "hematological",
    "biological",
)
ESSDAI_LEVELS = ("no", "low", "moderate", "high")

_SIDES = ("right_", "left_")
MMT8_MUSCLES = (
    "neck_flexors",
    *(
        side + muscle
        for muscle in (
            "deltoid",
            "biceps",
            "wrist_extensors",
            "gluteus_maximus",
            "gluteus_medius",
            "quadriceps",
            "ankle_dorsiflexors",
        )
        for side in _SIDES
    ),
)
MRSS_AREAS = (
    "face",
    "anterior_chest",
    "abdomen",
    *(
        side + area
        for area in (
            "fingers",
            "hands",
            "forearms",
            "upper_arms",
            "thighs",
            "lower_legs",
            "feet",
        )
        for side in _SIDES
    ),
)


@attrs.frozen
class PssFindings:
    """Primary Sjögren's syndrome: classification inputs, ESSDAI domains, excluding diseases."""

    essdai_domains: Mapping[str, str] | None = field(
        s.mapping(
            "ESSDAI activity level of each of the 12 domains",
            ESSDAI_DOMAINS,
            s.choice("activity level", ESSDAI_LEVELS),
        )
    )
    aecg_2002: Mapping[str, object] | None = field(
        s.params(
            "inputs of the 2002 AECG criteria (aecg_2002_sjogren)", params_of(aecg_2002_sjogren)
        )
    )
    acr_eular_2016: Mapping[str, object] | None = field(
        s.params(
            "inputs of the 2016 ACR/EULAR criteria (acr_eular_2016_sjogren)",
            params_of(acr_eular_2016_sjogren),
        )
    )
    liver_cirrhosis: bool | None = field(s.boolean("cirrhosis of the liver"))
    aplastic_anemia_mds_or_mpd: bool | None = field(
        s.boolean("aplastic anaemia, myelodysplastic syndrome or other myeloproliferative disease")
    )


@attrs.frozen
class SscFindings:
    """Systemic sclerosis: classification inputs, skin and lung progression, ILD."""

    acr_eular_2013: Mapping[str, object] | None = field(
        s.params(
            "inputs of the 2013 ACR/EULAR criteria (acr_eular_2013_ssc)",
            params_of(acr_eular_2013_ssc),
        )
    )
    mrss_baseline: int | None = field(s.integer("mRSS at the earlier assessment", 0, 51))
    mrss_follow_up: int | None = field(s.integer("mRSS at screening", 0, 51))
    interstitial_lung_disease: bool | None = field(s.boolean("interstitial lung disease present"))
    ground_glass_on_hrct: bool | None = field(
        s.boolean("interstitial changes suggestive of ground-glass exudates on chest HRCT")
    )
    fvc_percent_predicted: float | None = field(
        s.number("FVC at screening", 10, 200, "% predicted")
    )
    dlco_percent_predicted: float | None = field(
        s.number("DLCO at screening", 5, 200, "% predicted")
    )
    fvc_baseline_percent_predicted: float | None = field(
        s.number("FVC at the earlier assessment", 10, 200, "% predicted")
    )
    dlco_baseline_percent_predicted: float | None = field(
        s.number("DLCO at the earlier assessment", 5, 200, "% predicted")
    )


@attrs.frozen
class IimFindings:
    """Idiopathic inflammatory myopathy: classification, MMT-8, core set, antibodies, exclusions."""

    eular_acr_2017: Mapping[str, object] | None = field(
        s.params(
            "inputs of the 2017 EULAR/ACR criteria (eular_acr_2017_iim)",
            params_of(eular_acr_2017_iim, exclude=_METHOD),
        )
    )
    myositis_diagnosis_date: date | None = field(
        s.day("date of the myositis diagnosis (tumour-associated myositis window)")
    )
    muscle_involvement: bool | None = field(s.boolean("the disease involves muscle"))
    mmt8_grades: Mapping[str, int] | None = field(
        s.mapping("MMT-8 grades (Kendall 0-10)", MMT8_MUSCLES, s.integer("grade", 0, 10))
    )
    physician_global_cm: float | None = field(
        s.number("physician global disease activity", 0, 10, "cm")
    )
    patient_global_cm: float | None = field(
        s.number("patient global disease activity", 0, 10, "cm")
    )
    extramuscular_global_cm: float | None = field(
        s.number("extramuscular disease activity", 0, 10, "cm")
    )
    haq_di: float | None = field(s.number("HAQ disability index", 0, 3))
    muscle_enzyme: Lab | None = field(
        s.lab(
            "the most abnormal muscle enzyme (CK, aldolase, LDH, AST or ALT)",
            (Unit("U/L", 0, 1000000),),
            uln=True,
        )
    )
    antibodies: Mapping[str, bool] | None = field(
        s.mapping(
            "myositis antibody results, true = positive (myositis_antibodies_positive)",
            tuple(a.value for a in MyositisAntibody),
            s.boolean("antibody positive"),
        )
    )
    drug_induced_myositis: bool | None = field(s.boolean("drug-induced myositis"))
    inclusion_body_myositis: bool | None = field(s.boolean("inclusion body myositis"))


@attrs.frozen
class DmardCourse:
    """One DMARD course (read into a ``TreatmentCourse`` for the D2T RA definition)."""

    drug: str | None = field(s.text("drug name"))
    drug_class: str | None = field(
        s.choice("csDMARD, bDMARD or tsDMARD", tuple(c.value for c in DmardClass))
    )
    mechanism: str | None = field(
        s.choice("mechanism of action (b/tsDMARDs)", tuple(m.value for m in Mechanism))
    )
    start_date: date | None = field(s.day("first dose"))
    stop_date: date | None = field(s.day("last dose (leave out while ongoing)"))
    reason_stopped: str | None = field(
        s.choice("why it stopped", tuple(r.value for r in StopReason))
    )


@attrs.frozen
class RaFindings:
    """Rheumatoid arthritis: classification, diagnosis date, joint counts, D2T RA, function."""

    acr_eular_2010: Mapping[str, object] | None = field(
        s.params(
            "inputs of the 2010 ACR/EULAR criteria (acr_eular_2010_ra)",
            params_of(acr_eular_2010_ra),
        )
    )
    diagnosis_date: date | None = field(s.day("date of the RA diagnosis"))
    swollen_joints_66: int | None = field(s.integer("swollen joints of 66", 0, 66))
    tender_joints_68: int | None = field(s.integer("tender joints of 68", 0, 68))
    swollen_joints_28: int | None = field(s.integer("swollen joints of 28", 0, 28))
    tender_joints_28: int | None = field(s.integer("tender joints of 28", 0, 28))
    patient_global_mm: float | None = field(s.number("patient global, 100 mm VAS", 0, 100, "mm"))
    evaluator_global_cm: float | None = field(s.number("evaluator global, 10 cm VAS", 0, 10, "cm"))
    dmard_courses: tuple[DmardCourse, ...] | None = field(
        s.array(
            "csDMARD, bDMARD and tsDMARD courses for the D2T definition ([] = none)",
            s.obj("a DMARD course", DmardCourse),
        )
    )
    difficult_to_treat: Mapping[str, object] | None = field(
        s.params(
            "other inputs of the EULAR D2T RA definition (eular_difficult_to_treat_ra)",
            params_of(eular_difficult_to_treat_ra, exclude=_METHOD + _SHARED_RA),
        )
    )
    functional_class: Mapping[str, object] | None = field(
        s.params(
            "inputs of the ACR 1991 functional class (acr_1991_functional_class)",
            params_of(acr_1991_functional_class, exclude=("non_hierarchical",)),
        )
    )
