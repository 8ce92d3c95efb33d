"""activity_scores: rheumatology disease-activity scores, classification criteria and the
CHEC2024-181 eligibility rules, each traced to its primary source.

Everything public is importable from the top level; ``__all__`` is the public API.

>>> from activity_scores import das28_esr
>>> das28_esr(tender_joints_28=6, swollen_joints_28=4, esr_mm_per_h=30, patient_global_mm=50)
Score(DAS28-ESR: 5.012... category='moderate', variant='4-variable')

This library supports screening and research. It is not a medical device and does not
replace the investigator's judgement.
"""  # noqa: D205

from activity_scores._version import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:  # read by type checkers and the docs; at run time, _LAZY below
    from activity_scores import (
        units,
    )
    from activity_scores.criteria.myositis import (
        IimCategory,
        IimCutoffs,
        IimSubgroup,
        MyositisAntibody,
        eular_acr_2017_iim,
        myositis_antibodies_positive,
    )
    from activity_scores.criteria.ra_response import (
        AcutePhaseReactant,
        BooleanRemissionVersion,
        RaCoreSet,
        acr_eular_boolean_remission,
        acr_eular_index_remission,
        acr_response,
    )
    from activity_scores.criteria.response import (
        ResponseReport,
        Visit,
        VisitResponses,
        response_report,
        responses_for,
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
    from activity_scores.criteria.sclerosis import (
        acr_eular_2013_ssc,
    )
    from activity_scores.criteria.sjogren import (
        acr_eular_2016_sjogren,
        aecg_2002_sjogren,
    )
    from activity_scores.criteria.ssc_response import (
        SscCoreSet,
        acr_criss,
    )
    from activity_scores.errors import (
        InvalidInputError,
        InvalidInputTypeError,
    )
    from activity_scores.results import (
        DiseaseActivity,
        EularResponse,
        Outcome,
        Score,
    )
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
    from activity_scores.scores.body import (
        BsaFormula,
        body_surface_area_m2,
    )
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
    "AcutePhaseReactant",
    "BetamethasoneEquivalence",
    "BodyWeight",
    "BooleanRemissionVersion",
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
    "RaCoreSet",
    "ResponseReport",
    "Score",
    "ScreeningLog",
    "ScreeningReport",
    "Sex",
    "SscCoreSet",
    "StopReason",
    "TisPopulation",
    "TreatmentCourse",
    "Visit",
    "VisitResponses",
    "__version__",
    "acr_1991_functional_class",
    "acr_criss",
    "acr_eular_2010_ra",
    "acr_eular_2013_ssc",
    "acr_eular_2016_sjogren",
    "acr_eular_boolean_remission",
    "acr_eular_index_remission",
    "acr_response",
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
    "response_report",
    "responses_for",
    "screen",
    "sdai",
    "sdai_category",
    "sharp_progression",
    "ssc_ild_ground_glass_and_low_pft",
    "total_improvement_score",
    "units",
]

#: Public name -> (module, attribute; None for a submodule). Generated by
#: tools/lazy_init.py from the imports above: names load on first use (issue 8).
_LAZY: dict[str, tuple[str, str | None]] = {
    "AcutePhaseReactant": ("activity_scores.criteria.ra_response", "AcutePhaseReactant"),
    "BetamethasoneEquivalence": ("activity_scores.criteria.rheumatoid", "BetamethasoneEquivalence"),
    "BodyWeight": ("activity_scores.scores.renal", "BodyWeight"),
    "BooleanRemissionVersion": ("activity_scores.criteria.ra_response", "BooleanRemissionVersion"),
    "BsaFormula": ("activity_scores.scores.body", "BsaFormula"),
    "CriterionResult": ("activity_scores.rules", "CriterionResult"),
    "Das28Convention": ("activity_scores.scores.rheumatoid", "Das28Convention"),
    "DiseaseActivity": ("activity_scores.results", "DiseaseActivity"),
    "DmardClass": ("activity_scores.criteria.rheumatoid", "DmardClass"),
    "EssdaiDomain": ("activity_scores.scores.sjogren", "EssdaiDomain"),
    "EssdaiDomainDefinition": ("activity_scores.scores.sjogren", "EssdaiDomainDefinition"),
    "EssdaiLevel": ("activity_scores.scores.sjogren", "EssdaiLevel"),
    "EssdaiLevelDefinition": ("activity_scores.scores.sjogren", "EssdaiLevelDefinition"),
    "EsspriState": ("activity_scores.scores.sjogren", "EsspriState"),
    "EularResponse": ("activity_scores.results", "EularResponse"),
    "FunctionalClass": ("activity_scores.criteria.rheumatoid", "FunctionalClass"),
    "Glucocorticoid": ("activity_scores.criteria.rheumatoid", "Glucocorticoid"),
    "IimCategory": ("activity_scores.criteria.myositis", "IimCategory"),
    "IimCutoffs": ("activity_scores.criteria.myositis", "IimCutoffs"),
    "IimSubgroup": ("activity_scores.criteria.myositis", "IimSubgroup"),
    "ImacsCoreSet": ("activity_scores.scores.myositis", "ImacsCoreSet"),
    "Indication": ("activity_scores.rules", "Indication"),
    "InvalidInputError": ("activity_scores.errors", "InvalidInputError"),
    "InvalidInputTypeError": ("activity_scores.errors", "InvalidInputTypeError"),
    "LungChange": ("activity_scores.scores.sclerosis", "LungChange"),
    "LymphodepletionRegimen": ("activity_scores.rules", "LymphodepletionRegimen"),
    "MalignancyReading": ("activity_scores.rules", "MalignancyReading"),
    "Mechanism": ("activity_scores.criteria.rheumatoid", "Mechanism"),
    "Mmt8Muscle": ("activity_scores.scores.myositis", "Mmt8Muscle"),
    "MrssArea": ("activity_scores.scores.sclerosis", "MrssArea"),
    "MrssProgressionDefinition": ("activity_scores.scores.sclerosis", "MrssProgressionDefinition"),
    "MyositisAntibody": ("activity_scores.criteria.myositis", "MyositisAntibody"),
    "MyositisResponse": ("activity_scores.scores.myositis", "MyositisResponse"),
    "NonHierarchical": ("activity_scores.criteria.rheumatoid", "NonHierarchical"),
    "Outcome": ("activity_scores.results", "Outcome"),
    "Overall": ("activity_scores.rules", "Overall"),
    "PatientRecord": ("activity_scores.rules", "PatientRecord"),
    "ProtocolReading": ("activity_scores.rules", "ProtocolReading"),
    "RaCoreSet": ("activity_scores.criteria.ra_response", "RaCoreSet"),
    "ResponseReport": ("activity_scores.criteria.response", "ResponseReport"),
    "Score": ("activity_scores.results", "Score"),
    "ScreeningLog": ("activity_scores.rules", "ScreeningLog"),
    "ScreeningReport": ("activity_scores.rules", "ScreeningReport"),
    "Sex": ("activity_scores.scores.renal", "Sex"),
    "SscCoreSet": ("activity_scores.criteria.ssc_response", "SscCoreSet"),
    "StopReason": ("activity_scores.criteria.rheumatoid", "StopReason"),
    "TisPopulation": ("activity_scores.scores.myositis", "TisPopulation"),
    "TreatmentCourse": ("activity_scores.criteria.rheumatoid", "TreatmentCourse"),
    "Visit": ("activity_scores.criteria.response", "Visit"),
    "VisitResponses": ("activity_scores.criteria.response", "VisitResponses"),
    "acr_1991_functional_class": (
        "activity_scores.criteria.rheumatoid",
        "acr_1991_functional_class",
    ),
    "acr_criss": ("activity_scores.criteria.ssc_response", "acr_criss"),
    "acr_eular_2010_ra": ("activity_scores.criteria.rheumatoid", "acr_eular_2010_ra"),
    "acr_eular_2013_ssc": ("activity_scores.criteria.sclerosis", "acr_eular_2013_ssc"),
    "acr_eular_2016_sjogren": ("activity_scores.criteria.sjogren", "acr_eular_2016_sjogren"),
    "acr_eular_boolean_remission": (
        "activity_scores.criteria.ra_response",
        "acr_eular_boolean_remission",
    ),
    "acr_eular_index_remission": (
        "activity_scores.criteria.ra_response",
        "acr_eular_index_remission",
    ),
    "acr_response": ("activity_scores.criteria.ra_response", "acr_response"),
    "adjusted_body_weight_kg": ("activity_scores.scores.renal", "adjusted_body_weight_kg"),
    "aecg_2002_sjogren": ("activity_scores.criteria.sjogren", "aecg_2002_sjogren"),
    "body_surface_area_m2": ("activity_scores.scores.body", "body_surface_area_m2"),
    "cdai": ("activity_scores.scores.rheumatoid", "cdai"),
    "cdai_category": ("activity_scores.scores.rheumatoid", "cdai_category"),
    "cockcroft_gault": ("activity_scores.scores.renal", "cockcroft_gault"),
    "core_set_abnormalities": ("activity_scores.scores.myositis", "core_set_abnormalities"),
    "criteria_for": ("activity_scores.rules", "criteria_for"),
    "das28_category": ("activity_scores.scores.rheumatoid", "das28_category"),
    "das28_crp": ("activity_scores.scores.rheumatoid", "das28_crp"),
    "das28_esr": ("activity_scores.scores.rheumatoid", "das28_esr"),
    "essdai": ("activity_scores.scores.sjogren", "essdai"),
    "essdai_category": ("activity_scores.scores.sjogren", "essdai_category"),
    "essdai_definitions": ("activity_scores.scores.sjogren", "essdai_definitions"),
    "essdai_mcii": ("activity_scores.scores.sjogren", "essdai_mcii"),
    "esspri": ("activity_scores.scores.sjogren", "esspri"),
    "esspri_mcii": ("activity_scores.scores.sjogren", "esspri_mcii"),
    "eular_acr_2017_iim": ("activity_scores.criteria.myositis", "eular_acr_2017_iim"),
    "eular_difficult_to_treat_ra": (
        "activity_scores.criteria.rheumatoid",
        "eular_difficult_to_treat_ra",
    ),
    "eular_response": ("activity_scores.scores.rheumatoid", "eular_response"),
    "ideal_body_weight_kg": ("activity_scores.scores.renal", "ideal_body_weight_kg"),
    "imacs_improvement": ("activity_scores.scores.myositis", "imacs_improvement"),
    "lung_progression": ("activity_scores.scores.sclerosis", "lung_progression"),
    "lymphodepletion_regimen": ("activity_scores.rules", "lymphodepletion_regimen"),
    "mmt8": ("activity_scores.scores.myositis", "mmt8"),
    "mrss": ("activity_scores.scores.sclerosis", "mrss"),
    "mrss_progression": ("activity_scores.scores.sclerosis", "mrss_progression"),
    "myositis_antibodies_positive": (
        "activity_scores.criteria.myositis",
        "myositis_antibodies_positive",
    ),
    "parse_record": ("activity_scores.rules", "parse_record"),
    "prednisone_equivalent_mg": ("activity_scores.criteria.rheumatoid", "prednisone_equivalent_mg"),
    "record_schema": ("activity_scores.rules", "record_schema"),
    "response_report": ("activity_scores.criteria.response", "response_report"),
    "responses_for": ("activity_scores.criteria.response", "responses_for"),
    "screen": ("activity_scores.rules", "screen"),
    "sdai": ("activity_scores.scores.rheumatoid", "sdai"),
    "sdai_category": ("activity_scores.scores.rheumatoid", "sdai_category"),
    "sharp_progression": ("activity_scores.criteria.rheumatoid", "sharp_progression"),
    "ssc_ild_ground_glass_and_low_pft": (
        "activity_scores.scores.sclerosis",
        "ssc_ild_ground_glass_and_low_pft",
    ),
    "total_improvement_score": ("activity_scores.scores.myositis", "total_improvement_score"),
    "units": ("activity_scores.units", None),
}


def __getattr__(name: str) -> object:
    """Load a public name's module on first use (PEP 562).

    A subpackage or module (``activity_scores.rules``) loads on first access too, as
    it did when this file imported everything.
    """
    msg = f"module {__name__!r} has no attribute {name!r}"
    module, attribute = _LAZY.get(name, (f"{__name__}.{name}", None))
    if attribute is None and (name.startswith("__") or not name.isidentifier()):
        raise AttributeError(msg)
    from importlib import import_module  # noqa: PLC0415 - loaded on first use only

    try:
        loaded = import_module(module)
    except ModuleNotFoundError as error:
        if error.name != module:
            raise
        raise AttributeError(msg) from None
    value = loaded if attribute is None else getattr(loaded, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, the lazy ones included."""
    return sorted({*globals(), *__all__})
