"""activity_scores: rheumatology disease-activity scores, classification criteria and the
CHEC2024-181 eligibility rules, each traced to its primary source.

Everything public is importable from the top level; ``__all__`` is the public API.

>>> from activity_scores import das28_esr
>>> das28_esr(tender_joints_28=6, swollen_joints_28=4, esr_mm_per_h=30, patient_global_mm=50)
Score(DAS28-ESR: 5.012... category='moderate', variant='4-variable')

This library supports screening and research. It is not a medical device and does not
replace the investigator's judgement.
"""  # noqa: D205

from activity_scores import units
from activity_scores._version import __version__
from activity_scores.criteria.myositis import (
    IimCategory,
    IimCutoffs,
    IimSubgroup,
    MyositisAntibody,
    eular_acr_2017_iim,
    myositis_antibodies_positive,
)
from activity_scores.criteria.rheumatoid import (
    BetamethasoneEquivalence,
    DmardClass,
    FunctionalClass,
    Glucocorticoid,
    Mechanism,
    NonHierarchical,
    StopReason,
    TreatmentCourse,
    acr_1991_functional_class,
    acr_eular_2010_ra,
    eular_difficult_to_treat_ra,
    prednisone_equivalent_mg,
    sharp_progression,
)
from activity_scores.criteria.sclerosis import acr_eular_2013_ssc
from activity_scores.criteria.sjogren import acr_eular_2016_sjogren, aecg_2002_sjogren
from activity_scores.errors import InvalidInputError, InvalidInputTypeError
from activity_scores.results import DiseaseActivity, EularResponse, Outcome, Score
from activity_scores.rules import (
    CriterionResult,
    Indication,
    LymphodepletionRegimen,
    MalignancyReading,
    Overall,
    PatientRecord,
    ProtocolReading,
    ScreeningLog,
    ScreeningReport,
    criteria_for,
    lymphodepletion_regimen,
    parse_record,
    record_schema,
    screen,
)
from activity_scores.scores.body import BsaFormula, body_surface_area_m2
from activity_scores.scores.myositis import (
    ImacsCoreSet,
    Mmt8Muscle,
    MyositisResponse,
    TisPopulation,
    core_set_abnormalities,
    imacs_improvement,
    mmt8,
    total_improvement_score,
)
from activity_scores.scores.renal import (
    BodyWeight,
    Sex,
    adjusted_body_weight_kg,
    cockcroft_gault,
    ideal_body_weight_kg,
)
from activity_scores.scores.rheumatoid import (
    Das28Convention,
    cdai,
    cdai_category,
    das28_category,
    das28_crp,
    das28_esr,
    eular_response,
    sdai,
    sdai_category,
)
from activity_scores.scores.sclerosis import (
    LungChange,
    MrssArea,
    MrssProgressionDefinition,
    lung_progression,
    mrss,
    mrss_progression,
    ssc_ild_ground_glass_and_low_pft,
)
from activity_scores.scores.sjogren import (
    EssdaiDomain,
    EssdaiDomainDefinition,
    EssdaiLevel,
    EssdaiLevelDefinition,
    EsspriState,
    essdai,
    essdai_category,
    essdai_definitions,
    essdai_mcii,
    esspri,
    esspri_mcii,
)

__all__ = [
    "BetamethasoneEquivalence",
    "BodyWeight",
    "BsaFormula",
    "CriterionResult",
    "Das28Convention",
    "DiseaseActivity",
    "DmardClass",
    "EssdaiDomain",
    "EssdaiDomainDefinition",
    "EssdaiLevel",
    "EssdaiLevelDefinition",
    "EsspriState",
    "EularResponse",
    "FunctionalClass",
    "Glucocorticoid",
    "IimCategory",
    "IimCutoffs",
    "IimSubgroup",
    "ImacsCoreSet",
    "Indication",
    "InvalidInputError",
    "InvalidInputTypeError",
    "LungChange",
    "LymphodepletionRegimen",
    "MalignancyReading",
    "Mechanism",
    "Mmt8Muscle",
    "MrssArea",
    "MrssProgressionDefinition",
    "MyositisAntibody",
    "MyositisResponse",
    "NonHierarchical",
    "Outcome",
    "Overall",
    "PatientRecord",
    "ProtocolReading",
    "Score",
    "ScreeningLog",
    "ScreeningReport",
    "Sex",
    "StopReason",
    "TisPopulation",
    "TreatmentCourse",
    "__version__",
    "acr_1991_functional_class",
    "acr_eular_2010_ra",
    "acr_eular_2013_ssc",
    "acr_eular_2016_sjogren",
    "adjusted_body_weight_kg",
    "aecg_2002_sjogren",
    "body_surface_area_m2",
    "cdai",
    "cdai_category",
    "cockcroft_gault",
    "core_set_abnormalities",
    "criteria_for",
    "das28_category",
    "das28_crp",
    "das28_esr",
    "essdai",
    "essdai_category",
    "essdai_definitions",
    "essdai_mcii",
    "esspri",
    "esspri_mcii",
    "eular_acr_2017_iim",
    "eular_difficult_to_treat_ra",
    "eular_response",
    "ideal_body_weight_kg",
    "imacs_improvement",
    "lung_progression",
    "lymphodepletion_regimen",
    "mmt8",
    "mrss",
    "mrss_progression",
    "myositis_antibodies_positive",
    "parse_record",
    "prednisone_equivalent_mg",
    "record_schema",
    "screen",
    "sdai",
    "sdai_category",
    "sharp_progression",
    "ssc_ild_ground_glass_and_low_pft",
    "total_improvement_score",
    "units",
]
