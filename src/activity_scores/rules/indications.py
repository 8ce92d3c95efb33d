"""The per-indication criteria of CHEC2024-181 (pSS, SSc, IIM, RA), built on the criteria.

Each rule calls the library's scores and criteria (no formula is written twice) and maps their
errors to the JSON path of the record value that caused them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from operator import itemgetter
from types import MappingProxyType
from typing import Any, Literal, TypeVar

from activity_scores import units
from activity_scores._logic import all_of, any_of, negate
from activity_scores._rounding import _NOISE, _floor, round_half_up, units_of
from activity_scores.criteria import myositis as _iim_criteria
from activity_scores.criteria.myositis import eular_acr_2017_iim, myositis_antibodies_positive
from activity_scores.criteria.rheumatoid import (
    _ACPA,
    _DURATION_DAYS_MAX,
    _DURATION_WEEKS_MAX,
    _ESR_MAX,
    _ESR_MIN,
    _GLOBAL_CM_MAX,
    _GLOBAL_MM_MAX,
    _JOINTS_28,
    _LARGE_JOINTS,
    _NO_TAPER,
    _OTHER_JOINTS,
    _RF,
    _SMALL_JOINTS,
    FunctionalClass,
    TreatmentCourse,
    _acr_eular_2010,
    _course_fields,
    _course_from_valid,
    _CourseRow,
    _d2t,
    _weeks,
    acr_1991_functional_class,
    acr_eular_2010_ra,
    eular_difficult_to_treat_ra,
)
from activity_scores.criteria.rheumatoid import (
    _CRP as _CRP_2010,
)
from activity_scores.criteria.rheumatoid import (
    _ESR as _ESR_2010,
)
from activity_scores.criteria.sclerosis import acr_eular_2013_ssc
from activity_scores.criteria.sjogren import acr_eular_2016_sjogren, aecg_2002_sjogren
from activity_scores.errors import InvalidInputError
from activity_scores.results import (
    EMPTY,
    DiseaseActivity,
    Outcome,
    deferred_outcome,
    lazy_outcome,
)
from activity_scores.rules import treatment
from activity_scores.rules._base import (
    add_months,
    add_years,
    combine,
    decided,
    flag_outcome,
    fmt,
    not_applicable,
    unknown,
    with_missing,
)
from activity_scores.rules._spec import Lab, RecordError
from activity_scores.rules.common import Context
from activity_scores.rules.screening import Indication, Rule, _rules
from activity_scores.rules.sections import (
    ESSDAI_DOMAINS,
    MMT8_MUSCLES,
    IimFindings,
    PssFindings,
    RaFindings,
    SscFindings,
)
from activity_scores.scores import myositis as _iim_scores
from activity_scores.scores.myositis import ImacsCoreSet, core_set_abnormalities, mmt8
from activity_scores.scores.rheumatoid import cdai, das28_esr
from activity_scores.scores.sclerosis import (
    _DEFAULT_THRESHOLD as _MRSS_DEFAULT_PERCENT,
)
from activity_scores.scores.sclerosis import (
    _DLCO_MISSING,
    LungChange,
    MrssProgressionDefinition,
    _lung_progression,
    _mrss_progression,
    _ssc_ild,
    lung_progression,
    mrss_progression,
)
from activity_scores.scores.sjogren import _common_total as _essdai_common_total
from activity_scores.scores.sjogren import essdai, essdai_definitions

T = TypeVar("T")


def call(path: str, func: Callable[..., T], *args: object, **kwargs: object) -> T:
    """Call a score or criterion; its input error is re-raised naming the record's JSON path."""
    try:
        return func(*args, **kwargs)
    except InvalidInputError as error:
        raise RecordError(f"{path}.{error.field}", error.rule, error.value) from None


def _from_criterion(name: str, outcome: Outcome, path: str) -> Outcome:
    """A criterion's outcome as a rule outcome (its missing inputs as JSON paths)."""
    return Outcome(
        name,
        outcome.met,
        outcome.reason,
        outcome.points,
        outcome.values,
        tuple([f"{path}.{m}" for m in outcome.missing]) if outcome.missing else (),
        (outcome,),
    )


def _wrapped(name: str, outcome: Outcome, path: str) -> Outcome:
    """:func:`_from_criterion`, deferred: the criterion's details are read when its are (issue 8).

    Its ``met``, ``points`` and ``missing`` (as JSON paths) now; its reason and values, those
    of ``outcome``, and ``outcome`` as its item when first read, without reading ``outcome``'s
    details before (a deferred criterion's outcome stays deferred).
    """
    missing = outcome.missing
    return deferred_outcome(
        name,
        outcome.met,
        outcome.points,
        tuple([f"{path}.{m}" for m in missing]) if missing else (),
        (_wrapped_details, outcome),
    )


def _wrapped_details(state: tuple[Any, ...]) -> tuple[str, Mapping[str, object], tuple[Outcome]]:
    """The reason, values and items of :func:`_wrapped`: its criterion's, and the criterion."""
    outcome = state[1]
    return outcome.reason, outcome.values, (outcome,)


def _params(section: object | None, field: str) -> Mapping[str, Any] | None:
    return None if section is None else getattr(section, field)


def _refractory(ctx: Context) -> Outcome:
    return treatment.refractory(ctx)


_REFRACTORY_WORDING = (
    "Ineffective conventional treatment or relapse of disease activity after remission "
    "(conventional treatment: glucocorticoids above 1 mg/kg/d and cyclophosphamide, and any "
    "listed immunomodulator for more than 6 months)"
)


def _flag(section: str, field: str, label: str) -> Callable[[Context], Outcome]:
    path, yes, no = f"$.{section}.{field}", f"{label}: present", f"no {label}"

    def rule(ctx: Context) -> Outcome:
        part = getattr(ctx.record, section)
        value = None if part is None else getattr(part, field)
        return flag_outcome(field, value, path, yes, no)

    return rule


# --- primary Sjögren's syndrome -----------------------------------------------------------

_NO_PSS = PssFindings()
ESSDAI_MIN = 5


#: The AECG item when the 2016 criteria are met (a constant, shared: issue 8).
_AECG_SKIPPED = Outcome("aecg_2002", None, "not evaluated: the 2016 ACR/EULAR criteria are met")


_READ_ONLY = type(EMPTY)  # MappingProxyType


def _copied(section: Mapping[str, Any] | None) -> dict[str, Any]:
    """A record section's mapping as a new dict (``{}`` for none), as ``dict(section)``.

    The record holds read-only mappings; ``dict(proxy)`` and ``f(**proxy)`` read one key by
    key (about 10k instructions for 12 keys), its ``copy()`` copies the dict it wraps at C
    level (issue 8). The same keys, values and order either way.
    """
    if section is None:
        return {}
    if type(section) is _READ_ONLY:
        copied = section.copy()  # type: ignore[attr-defined]
        if type(copied) is dict:
            return copied
    return dict(section)


def _classified_details(
    state: tuple[Any, ...],
) -> tuple[str, Mapping[str, object], tuple[Outcome, ...]]:
    """The details of :func:`pss_classification` when the 2016 criteria (``state[1]``) are met.

    Their outcome as the rule's item (:func:`_wrapped`), built here, when first read.
    """
    acr = _wrapped("acr_eular_2016", state[1], "$.pss.acr_eular_2016")
    return acr.reason, EMPTY, (acr, _AECG_SKIPPED)


def pss_classification(ctx: Context) -> Outcome:
    """PSS inclusion 1: the 2002 AECG criteria or the 2016 ACR/EULAR criteria.

    The 2016 criteria are evaluated first; when they are met the AECG criteria cannot change
    the answer and are not evaluated (the reason says so).
    """
    pss = ctx.record.pss or _NO_PSS
    aecg_path, acr_path = "$.pss.aecg_2002", "$.pss.acr_eular_2016"
    try:  # call(acr_path, acr_eular_2016_sjogren, ...), without its extra layer (issue 8)
        outcome = acr_eular_2016_sjogren(**_copied(pss.acr_eular_2016))
    except InvalidInputError as error:
        raise RecordError(f"{acr_path}.{error.field}", error.rule, error.value) from None
    if outcome.met is True:  # the wrapped criteria's reason, no values, (them, _AECG_SKIPPED)
        # on first read (issue 8)
        return deferred_outcome("classification", True, None, (), (_classified_details, outcome))  # noqa: FBT003
    acr = _wrapped("acr_eular_2016", outcome, acr_path)
    aecg = _wrapped(
        "aecg_2002", call(aecg_path, aecg_2002_sjogren, **_copied(pss.aecg_2002)), aecg_path
    )
    return combine("classification", (aecg, acr), any_of)


def pss_essdai(ctx: Context) -> Outcome:
    """PSS inclusion 2: ESSDAI >= 5 (decided from the recorded domains when the rest cannot matter)."""
    recorded = (ctx.record.pss or _NO_PSS).essdai_domains
    path = "$.pss.essdai_domains"
    if recorded is not None and len(recorded) == len(ESSDAI_DOMAINS):
        # every domain rated (the record holds the 12 domains' names only): the general
        # code below with nothing missing, inline (issue 8)
        common = _essdai_common_total(recorded)  # essdai's fast path, on the record's mapping
        value = call(path, essdai, _copied(recorded)).value if common is None else common[1]
        reached = value >= ESSDAI_MIN
        return deferred_outcome("essdai", reached, None, (), (_essdai_details, value, reached))
    domains = dict(recorded or {})
    missing = [d for d in ESSDAI_DOMAINS if d not in domains]
    low = call(path, essdai, {**dict.fromkeys(missing, "no"), **domains})
    high = low
    if missing:
        highest = {d.domain.value: d.levels[-1].level.value for d in essdai_definitions()}
        high = call(path, essdai, {**{d: highest[d] for d in missing}, **domains})
    if low.value >= ESSDAI_MIN:
        met: bool | None = True
    elif high.value < ESSDAI_MIN:
        met = False
    else:
        met = None
    if not missing:
        reason = f"ESSDAI {fmt(low.value)} {'>=' if met else '<'} {ESSDAI_MIN}"
    else:
        reason = f"ESSDAI {fmt(low.value)} from {12 - len(missing)} domains (up to {fmt(high.value)} with {len(missing)} not rated)"
        if met is not None:
            reason += f": {'>=' if met else '<'} {ESSDAI_MIN}"
    return Outcome(
        "essdai",
        met,
        reason,
        values={"essdai_min": low.value, "essdai_max": high.value},
        missing=tuple(f"{path}.{d}" for d in missing) if met is None else (),
    )


def _essdai_details(state: tuple[Any, ...]) -> tuple[str, dict[str, object], tuple[()]]:
    """The details of :func:`pss_essdai` with every domain rated: ESSDAI and the cut-off."""
    _, value, reached = state
    return (
        f"ESSDAI {fmt(value)} {'>=' if reached else '<'} {ESSDAI_MIN}",
        {"essdai_min": value, "essdai_max": value},
        (),
    )


PSS = (
    _rules(
        "pss",
        "inclusion",
        (
            (
                "1",
                "Meets 2002 AECG criteria or 2016 ACR/EULAR classification criteria for primary Sjögren's syndrome",
                pss_classification,
            ),
            ("2", "Investigator-assessed ESSDAI score of 5 or higher", pss_essdai),
            ("3", _REFRACTORY_WORDING, _refractory),
        ),
    ),
    _rules(
        "pss",
        "exclusion",
        (
            (
                "1",
                "Combined cirrhosis of the liver",
                _flag("pss", "liver_cirrhosis", "liver cirrhosis"),
            ),
            (
                "2",
                "Combination of aplastic anemia (AA), myelodysplastic syndrome (MDS), or other myeloproliferative disease (MPD)",
                _flag("pss", "aplastic_anemia_mds_or_mpd", "aplastic anaemia, MDS or MPD"),
            ),
        ),
    ),
)

# --- systemic sclerosis -------------------------------------------------------------------

_NO_SSC = SscFindings()


def _ssc(ctx: Context) -> SscFindings:
    return ctx.record.ssc or _NO_SSC


def ssc_classification(ctx: Context) -> Outcome:
    """SSc inclusion 1: the 2013 ACR/EULAR classification criteria (>= 9 points)."""
    params = _params(ctx.record.ssc, "acr_eular_2013")
    path = "$.ssc.acr_eular_2013"
    try:  # call(path, acr_eular_2013_ssc, **params), without its extra layer (issue 8)
        outcome = acr_eular_2013_ssc(**_copied(params))
    except InvalidInputError as error:
        raise RecordError(f"{path}.{error.field}", error.rule, error.value) from None
    return _wrapped("classification", outcome, path)


def ssc_ild(ctx: Context) -> Outcome:
    """SSc inclusion 2: with ILD, ground-glass changes on HRCT and FVC or DLCO < 70 % predicted."""
    ssc = _ssc(ctx)
    ild = ssc.interstitial_lung_disease
    if ild is False:
        return not_applicable("ild", "no interstitial lung disease")
    path = "$.ssc"
    fvc, dlco = ssc.fvc_percent_predicted, ssc.dlco_percent_predicted
    # the record's values are numbers in the function's ranges (which its checks return as
    # floats) and a yes/no: its core is called directly (issue 8)
    outcome = _ssc_ild(
        None if fvc is None else float(fvc),
        None if dlco is None else float(dlco),
        ssc.ground_glass_on_hrct,
    )
    if ild is True and outcome.met is not None:
        # combine(..., all_of) of the one decided item, inline: the item (the criterion
        # wrapped) and its reason built when first read (issue 8)
        return deferred_outcome("ild", outcome.met, None, (), (_ild_details, outcome))
    severity = _wrapped("ild_ground_glass_and_low_pft", outcome, path)
    if ild is True:
        return combine("ild", (severity,), all_of)
    no_ild = unknown(
        "ild_present",
        "interstitial lung disease: not recorded",
        (f"{path}.interstitial_lung_disease",),
    )
    return combine("ild", (no_ild, severity), lambda v: any_of((negate(v[0]), v[1])))


def _ild_details(state: tuple[Any, ...]) -> tuple[str, Mapping[str, object], tuple[Outcome]]:
    """The details of a decided :func:`ssc_ild` with ILD: the criterion wrapped, its reason."""
    severity = _wrapped("ild_ground_glass_and_low_pft", state[1], "$.ssc")
    return severity.reason, EMPTY, (severity,)


#: The readings' definitions and lung changes as their members (ProtocolReading checked them).
_MRSS_DEFINITIONS = {member.value: member for member in MrssProgressionDefinition}
_LUNG_CHANGES = {member.value: member for member in LungChange}


def _skin(ctx: Context) -> Outcome:
    outcome, inner = _skin_parts(ctx)
    return _wrapped("skin_progression", outcome, "$.ssc") if inner else outcome


def _skin_parts(ctx: Context) -> tuple[Outcome, bool]:
    """The skin item, or mrss_progression's outcome to wrap as it: (outcome, to wrap)."""
    ssc = _ssc(ctx)
    baseline, follow_up = ssc.mrss_baseline, ssc.mrss_follow_up
    if baseline is None or follow_up is None:
        missing = [
            f"$.ssc.{f}" for f in ("mrss_baseline", "mrss_follow_up") if getattr(ssc, f) is None
        ]
        return unknown("skin_progression", "mRSS at both assessments not recorded", missing), False
    if baseline == 0:
        return unknown(
            "skin_progression",
            "relative mRSS change is undefined from a baseline of 0",
            ("$.ssc.mrss_baseline",),
        ), False
    definition = _MRSS_DEFINITIONS.get(ctx.reading.mrss_definition)
    if definition is None:  # pragma: no cover - ProtocolReading admits these two only
        outcome = call(
            "$.ssc",
            mrss_progression,
            baseline=baseline,
            follow_up=follow_up,
            definition=ctx.reading.mrss_definition,
        )
    else:
        # the record's totals are ints 0-51 (baseline not 0): mrss_progression's checks pass,
        # so its core is called directly with the default threshold (issue 8)
        outcome = _mrss_progression(baseline, follow_up, definition, _MRSS_DEFAULT_PERCENT)
    # _from_criterion: a decided outcome misses nothing; its points are None
    return outcome, True


#: lung_progression's missing inputs as the record's paths (its follow-up values are the
#: record's screening values), for each tuple it can return (built once).
_LUNG_RENAMED = {
    "fvc_follow_up_percent_predicted": "fvc_percent_predicted",
    "dlco_follow_up_percent_predicted": "dlco_percent_predicted",
}
_LUNG_PATHS = {
    missing: tuple([f"$.ssc.{_LUNG_RENAMED.get(m, m)}" for m in missing])
    for missing in ((), *_DLCO_MISSING.values())
}


def _lung(ctx: Context) -> Outcome:
    outcome, inner = _lung_parts(ctx)
    return _lung_item(outcome) if inner else outcome


def _lung_item(outcome: Outcome) -> Outcome:
    """lung_progression's outcome as the lung item (_from_criterion with the record's paths)."""
    # lung_progression's points are None
    return deferred_outcome(
        "lung_progression",
        outcome.met,
        None,
        _LUNG_PATHS[outcome.missing],
        (_wrapped_details, outcome),
    )


def _lung_parts(ctx: Context) -> tuple[Outcome, bool]:
    """The lung item, or lung_progression's outcome to wrap as it: (outcome, to wrap)."""
    ssc = _ssc(ctx)
    fvc_baseline, fvc = ssc.fvc_baseline_percent_predicted, ssc.fvc_percent_predicted
    if fvc_baseline is None or fvc is None:
        missing = []
        if fvc_baseline is None:
            missing.append("$.ssc.fvc_baseline_percent_predicted")
        if fvc is None:
            missing.append("$.ssc.fvc_percent_predicted")
        return unknown("lung_progression", "FVC at both assessments not recorded", missing), False
    change = _LUNG_CHANGES.get(ctx.reading.lung_change)
    if change is None:  # pragma: no cover - ProtocolReading admits these two only
        outcome = call(
            "$.ssc",
            lung_progression,
            fvc_baseline_percent_predicted=fvc_baseline,
            fvc_follow_up_percent_predicted=fvc,
            dlco_baseline_percent_predicted=ssc.dlco_baseline_percent_predicted,
            dlco_follow_up_percent_predicted=ssc.dlco_percent_predicted,
            change=ctx.reading.lung_change,
        )
    else:
        # the record's values are numbers in lung_progression's ranges, which its checks
        # return as floats: its core is called directly (issue 8)
        dlco_baseline, dlco = ssc.dlco_baseline_percent_predicted, ssc.dlco_percent_predicted
        outcome = _lung_progression(
            float(fvc_baseline),
            float(fvc),
            None if dlco_baseline is None else float(dlco_baseline),
            None if dlco is None else float(dlco),
            change,
        )
    return outcome, True


def ssc_progression(ctx: Context) -> Outcome:
    """SSc inclusion 4: progressive skin (mRSS > 10 %) or lung (OMERACT) disease."""
    skin, skin_inner = _skin_parts(ctx)
    lung, lung_inner = _lung_parts(ctx)
    if skin.met is True or lung.met is True or (skin.met is False and lung.met is False):
        # combine(..., any_of) when decided, inline (issue 8): nothing missing; the items
        # (the criteria wrapped) and the reason built when first read
        met = skin.met is True or lung.met is True
        state = (_progression_details, skin, skin_inner, lung, lung_inner)
        return deferred_outcome("progression", met, None, (), state)
    return combine(
        "progression",
        (
            _wrapped("skin_progression", skin, "$.ssc") if skin_inner else skin,
            _lung_item(lung) if lung_inner else lung,
        ),
        any_of,
    )


def _progression_details(
    state: tuple[Any, ...],
) -> tuple[str, Mapping[str, object], tuple[Outcome, ...]]:
    """The details of a decided :func:`ssc_progression`: its items' reasons, them."""
    _, skin, skin_inner, lung, lung_inner = state
    items = (
        _wrapped("skin_progression", skin, "$.ssc") if skin_inner else skin,
        _lung_item(lung) if lung_inner else lung,
    )
    return f"{items[0].reason}; {items[1].reason}", EMPTY, items


SSC = (
    _rules(
        "ssc",
        "inclusion",
        (
            (
                "1",
                "Meets 2013 ACR/EULAR classification criteria for systemic sclerosis",
                ssc_classification,
            ),
            (
                "2",
                "If combined with interstitial pneumonia: ground-glass changes on chest HRCT and FVC or DLCO < 70 % predicted",
                ssc_ild,
            ),
            ("3", _REFRACTORY_WORDING, _refractory),
            (
                "4",
                "Progressive disease: skin (mRSS increase > 10 %) or lung (FVC decrease of 10 %, or of 5 % with a DLCO decrease of 15 %; OMERACT)",
                ssc_progression,
            ),
        ),
    ),
    (),
)

# --- idiopathic inflammatory myopathy -----------------------------------------------------

_NO_IIM = IimFindings()
MMT8_BELOW = 142


def _iim(ctx: Context) -> IimFindings:
    return ctx.record.iim or _NO_IIM


def iim_classification(ctx: Context) -> Outcome:
    """IIM inclusion 1: probable or definite IIM by the 2017 EULAR/ACR criteria."""
    cached = ctx.cache.get("iim_classification")
    if cached is not None:
        return cached
    outcome = _iim_classification(ctx)
    ctx.cache["iim_classification"] = outcome
    return outcome


def _criterion_built(state: tuple[Any, ...]) -> tuple[str, Mapping[str, Any], tuple[Outcome]]:
    """The reason, values and items of a rule's outcome over a criterion's decision.

    A rule that has the decision of a criterion's core, ``(met, points, missing, inner)``
    with ``inner`` the criterion's details builder and its arguments, returns
    ``deferred_outcome(name, met, points, paths, (_criterion_built, criterion, met, points,
    missing, inner))``, ``paths`` its missing inputs as record paths: once read, it is the
    outcome :func:`_wrapped` gives over ``deferred_outcome(criterion, met, points, missing,
    inner)``, without building the criterion's own outcome until then (issue 8). The
    criterion's outcome is built here, eagerly, from its decision.
    """
    _, criterion, met, points, missing, inner = state
    reason, values, items = inner[0](inner)
    built = Outcome(criterion, met, reason, points, values, missing, items)
    return reason, values, (built,)


# The core of eular_acr_2017_iim and the constants of its checks (issue 8: the rule below
# checks the common case inline, as the function does, then calls the same core).
_iim_decide = _iim_criteria._decide  # noqa: SLF001 - the criteria's own core, see above
_IIM_CLASSIFICATION = _iim_criteria._CLASSIFICATION  # noqa: SLF001 - its outcome's name
_IIM_ANSWERED = _iim_criteria._ANSWERED  # noqa: SLF001
_IIM_CUTOFFS = _iim_criteria._CUTOFFS  # noqa: SLF001
_IIM_AGE_MAX = _iim_criteria._AGE_MAX  # noqa: SLF001
_IIM_NO_FINDINGS = _iim_criteria._NO_FINDINGS  # noqa: SLF001
#: The inputs of the 2017 criteria that a record's section may hold (the reader's keys).
_IIM_INPUTS = frozenset(
    (
        "age_at_onset_years",
        *_IIM_ANSWERED,
        "muscle_biopsy",
        "finger_flexor_weakness_unresponsive",
    )
)
_BOOL_OR_NONE = frozenset({bool, type(None)})
_PLAIN_MAPS = (type(EMPTY), dict)  # the reader's read-only mapping (MappingProxyType), dict
_IIM_PATH = "$.iim.eular_acr_2017"
#: The key in ``ctx.cache`` of the subgroup's value (or None) of a classification decided
#: by the common case below; absent after the general code (then read from the values).
_IIM_SUBGROUP = "iim_classification.subgroup"


def _iim_classification(ctx: Context) -> Outcome:
    section = ctx.record.iim
    params = None if section is None else section.eular_acr_2017
    # A plain dict of the inputs (the reader's read-only mapping copied: one C call, where
    # each get of a mappingproxy is a method call by name).
    given: dict[str, Any] | None = (
        {}
        if params is None
        else params.copy()  # type: ignore[attr-defined]  # a MappingProxyType or dict
        if type(params) in _PLAIN_MAPS
        else None
    )
    cutoffs = ctx.reading.iim_cutoffs
    mode = _IIM_CUTOFFS.get(cutoffs) if type(cutoffs) is str else None
    # The common case (issue 8): the checks of eular_acr_2017_iim inline (each answer a bool
    # or None, the age a number strictly inside its range or None, no biopsy finding without
    # a biopsy), then its core. Anything else takes the call below, with its errors.
    if given is not None and mode is not None and _IIM_INPUTS.issuperset(given):
        get = given.get
        answers = tuple(map(get, _IIM_ANSWERED))
        biopsy = get("muscle_biopsy", False)
        ffw = get("finger_flexor_weakness_unresponsive")
        age = get("age_at_onset_years")
        kind = type(age)
        if (
            (age is None or ((kind is int or kind is float) and 0 < age < _IIM_AGE_MAX))
            and _BOOL_OR_NONE.issuperset(map(type, answers))
            and (ffw is None or type(ffw) is bool)
            and (biopsy is True or (biopsy is False and answers[10:] == _IIM_NO_FINDINGS))
        ):
            met, score, missing, subgroup, state = _iim_decide(
                None if age is None else float(age), answers, ffw, 1 if biopsy else 0, mode
            )
            # The subgroup for the IBM exclusion, which would otherwise read the values.
            ctx.cache[_IIM_SUBGROUP] = None if subgroup is None else subgroup._value_  # type: ignore[assignment]
            paths = tuple([f"{_IIM_PATH}.{m}" for m in missing]) if missing else ()
            details = (_criterion_built, _IIM_CLASSIFICATION, met, score, missing, state)
            return deferred_outcome("classification", met, score, paths, details)
    return _iim_classification_general(ctx)


def _iim_classification_general(ctx: Context) -> Outcome:
    """:func:`_iim_classification` through the public criteria function (any record)."""
    params = dict(_params(ctx.record.iim, "eular_acr_2017") or {})
    path = _IIM_PATH
    names = (
        "age_at_onset_years",
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
    )
    for key in names:
        params.setdefault(key, None)
    outcome = call(path, eular_acr_2017_iim, cutoffs=ctx.reading.iim_cutoffs, **params)
    return _wrapped("classification", outcome, path)


_bilateral_grades = _iim_scores._bilateral_grades  # noqa: SLF001 - mmt8's common case
_iim_abnormalities = _iim_scores._abnormality_decision  # noqa: SLF001 - its core's decision
_IIM_CORE_SET = _iim_scores._CORE_SET  # noqa: SLF001 - its outcome's name
_IIM_DEFAULT_LIMITS = _iim_scores._DEFAULT_LIMITS  # noqa: SLF001
_IIM_ENZYME_MAX = _iim_scores._ENZYME_MAX  # noqa: SLF001
_CM_MAX = _iim_scores._GLOBAL_MAX_CM  # noqa: SLF001 - ImacsCoreSet's ranges
_IIM_HAQ_MAX = _iim_scores._HAQ_DI_MAX  # noqa: SLF001
#: The reason for each bilateral MMT-8 total (0-150), built once (issue 8).
_MMT8_REASONS = tuple(
    f"MMT-8 {fmt(total)}/150 {'<' if total < MMT8_BELOW else '>='} {MMT8_BELOW}"
    for total in range(151)
)


def _mmt8(ctx: Context) -> Outcome:
    grades = _iim(ctx).mmt8_grades
    # The common case (issue 8): all 15 groups graded, each an int 0-10 (mmt8's own test);
    # the total is their sum, as mmt8 computes it. Anything else: the general code.
    values = None if grades is None or len(grades) != 15 else _bilateral_grades(grades)  # noqa: PLR2004
    if values is None:
        return _mmt8_general(ctx)
    total = sum(values)
    return Outcome(
        "mmt8_below_142",
        total < MMT8_BELOW,
        _MMT8_REASONS[total],
        None,
        {"mmt8_min": total, "mmt8_max": total},
    )


def _mmt8_general(ctx: Context) -> Outcome:
    """:func:`_mmt8` through the public score (any record)."""
    grades = _iim(ctx).mmt8_grades or {}
    path = "$.iim.mmt8_grades"
    missing = [m for m in MMT8_MUSCLES if m not in grades]
    low = call(path, mmt8, {m: grades.get(m, 0) for m in MMT8_MUSCLES})
    high = call(path, mmt8, {m: grades.get(m, 10) for m in MMT8_MUSCLES}) if missing else low
    if high.value < MMT8_BELOW:
        met: bool | None = True
    elif low.value >= MMT8_BELOW:
        met = False
    else:
        met = None
    if not missing:
        reason = f"MMT-8 {fmt(low.value)}/150 {'<' if met else '>='} {MMT8_BELOW}"
    else:
        reason = f"MMT-8 between {fmt(low.value)} and {fmt(high.value)}/150 ({len(missing)} muscle groups not graded)"
        reason += (
            f": {'<' if met else '>='} {MMT8_BELOW}"
            if met is not None
            else f"; {MMT8_BELOW} undecided"
        )
    paths = tuple(f"{path}.{m}" for m in missing) if met is None else ()
    return Outcome(
        "mmt8_below_142",
        met,
        reason,
        values={"mmt8_min": low.value, "mmt8_max": high.value},
        missing=paths,
    )


def _core_set(ctx: Context) -> Outcome:
    iim = _iim(ctx)
    enzyme = iim.muscle_enzyme
    value = None if enzyme is None else enzyme.value
    uln = None if enzyme is None else enzyme.uln
    if value is None or uln is None:  # unknown: the ULN is what is missing (see below)
        value = uln = None
    haq = iim.haq_di
    physician, patient, extramuscular = (
        iim.physician_global_cm,
        iim.patient_global_cm,
        iim.extramuscular_global_cm,
    )
    kinds = (type(haq), type(value), type(uln))
    # The common case (issue 8): every measure a plain number inside ImacsCoreSet's range
    # or None, then core_set_abnormalities' core with its default thresholds. Anything
    # else goes through ImacsCoreSet and the function, with their errors.
    if not (
        # each global None or a plain number on the 10 cm scale (ImacsCoreSet's check)
        (physician is None or (type(physician) in _PLAIN_NUMBERS and 0 <= physician <= _CM_MAX))
        and (patient is None or (type(patient) in _PLAIN_NUMBERS and 0 <= patient <= _CM_MAX))
        and (
            extramuscular is None
            or (type(extramuscular) in _PLAIN_NUMBERS and 0 <= extramuscular <= _CM_MAX)
        )
        and (haq is None or (kinds[0] in _PLAIN_NUMBERS and 0 <= haq <= _IIM_HAQ_MAX))
        and (
            value is None
            or (
                kinds[1] in _PLAIN_NUMBERS
                and kinds[2] in _PLAIN_NUMBERS
                and 0 < value <= _IIM_ENZYME_MAX
                and 0 < uln <= _IIM_ENZYME_MAX  # type: ignore[operator]
            )
        )
    ):
        return _core_set_general(ctx)
    met, abnormal, missing, state = _iim_abnormalities(
        physician, patient, extramuscular, haq, value, uln, _IIM_DEFAULT_LIMITS
    )
    paths = _core_set_paths(missing, enzyme) if missing else ()
    details = (_criterion_built, _IIM_CORE_SET, met, abnormal, missing, state)
    return deferred_outcome("core_set_abnormal", met, abnormal, paths, details)


def _core_set_outcome(outcome: Outcome, enzyme: Lab | None) -> Outcome:
    """The rule's outcome over the core set's, its missing inputs named by record path."""
    missing = outcome.missing
    return deferred_outcome(  # as _wrapped, its missing inputs named by record path
        "core_set_abnormal",
        outcome.met,
        outcome.points,
        _core_set_paths(missing, enzyme),
        (_wrapped_details, outcome),
    )


def _core_set_paths(names: tuple[str, ...], enzyme: Lab | None) -> tuple[str, ...]:
    """The core set's missing inputs ``names`` as record paths."""
    missing: tuple[str, ...] = ()
    if names:
        # An enzyme without its ULN cannot be judged: it is unknown (the ULN is what is missing).
        enzyme_path = (
            "$.iim.muscle_enzyme.uln"
            if enzyme is not None and enzyme.value is not None and enzyme.uln is None
            else None
        )
        paths = {
            "muscle_enzyme": enzyme_path or "$.iim.muscle_enzyme.value",
            "enzyme_x_uln": enzyme_path or "$.iim.muscle_enzyme.value",
            "muscle_enzyme_uln": "$.iim.muscle_enzyme.uln",
        }
        missing = tuple(paths.get(m, f"$.iim.{m}") for m in names)
    return missing


_PLAIN_NUMBERS = frozenset({int, float})


def _core_set_general(ctx: Context) -> Outcome:
    """:func:`_core_set` through ImacsCoreSet and the public function (any record)."""
    iim = _iim(ctx)
    enzyme = iim.muscle_enzyme
    value = None if enzyme is None else enzyme.value
    uln = None if enzyme is None else enzyme.uln
    if value is None or uln is None:  # unknown: the ULN is what is missing (see below)
        value = uln = None
    core = call(
        "$.iim",
        ImacsCoreSet,
        physician_global_cm=iim.physician_global_cm,
        patient_global_cm=iim.patient_global_cm,
        haq_di=iim.haq_di,
        muscle_enzyme=value,
        muscle_enzyme_uln=uln,
        extramuscular_global_cm=iim.extramuscular_global_cm,
    )
    outcome = call("$.iim", core_set_abnormalities, core)
    return _core_set_outcome(outcome, enzyme)


def _two_reasons(state: tuple[Any, ...]) -> str:
    """The reason of :func:`iim_muscle_activity`'s decided outcome: its two items'."""
    return f"{state[1].reason}; {state[2].reason}"


def iim_muscle_activity(ctx: Context) -> Outcome:
    """IIM inclusion 2: with muscle involvement, MMT-8 < 142 and >= 2 abnormal core set measures."""
    involvement = _iim(ctx).muscle_involvement
    if involvement is False:
        return not_applicable("muscle_activity", "no muscle involvement")
    mmt, core = _mmt8(ctx), _core_set(ctx)
    if involvement is True and mmt.met is not None and core.met is not None:
        # combine(..., all_of) of two decided items, inline (issue 8), its reason (theirs)
        # joined when first read.
        return lazy_outcome(
            "muscle_activity",
            mmt.met and core.met,
            (_two_reasons, mmt, core),
            None,
            EMPTY,
            (),
            (mmt, core),
        )
    active = combine("muscle_activity", (mmt, core), all_of)
    if involvement is True:
        return active
    asked = unknown(
        "muscle_involvement", "muscle involvement: not recorded", ("$.iim.muscle_involvement",)
    )
    return combine(
        "muscle_activity", (asked, *active.items), lambda v: any_of((negate(v[0]), all_of(v[1:])))
    )


_iim_antibodies = _iim_criteria._antibody_decision  # noqa: SLF001 - its core's decision
_IIM_ANTIBODIES = _iim_criteria._ANTIBODIES  # noqa: SLF001 - its outcome's name
_ANTIBODY_PANELS = _iim_criteria._PANEL_NAMES  # noqa: SLF001 - (specific, all) names
_ANTIBODY_NAMES = frozenset(_ANTIBODY_PANELS[1])


def iim_antibodies(ctx: Context) -> Outcome:
    """IIM inclusion 3: positive myositis antibodies."""
    results = _iim(ctx).antibodies
    path = "$.iim.antibodies"
    if not results:
        return unknown("antibodies", "myositis antibodies not recorded", (path,))
    include: object = ctx.reading.myositis_associated_antibodies
    given: dict[str, Any] | None = (
        results.copy()  # type: ignore[attr-defined]  # a MappingProxyType or dict
        if type(results) in _PLAIN_MAPS
        else None
    )
    # The common case (issue 8): known antibody names, each result a bool or None (the
    # function's checks), then its core. Anything else: the call below, with its errors.
    if (
        given is not None
        and type(include) is bool
        and _ANTIBODY_NAMES.issuperset(given)
        and _BOOL_OR_NONE.issuperset(map(type, given.values()))
    ):
        values = tuple(map(given.get, _ANTIBODY_PANELS[include]))
        met, missing, state = _iim_antibodies(values, include)
        paths = tuple([f"{path}.{m}" for m in missing]) if missing else ()
        details = (_criterion_built, _IIM_ANTIBODIES, met, None, missing, state)
        return deferred_outcome("antibodies", met, None, paths, details)
    return _iim_antibodies_general(ctx)


def _iim_antibodies_general(ctx: Context) -> Outcome:
    """:func:`iim_antibodies` through the public function (any record)."""
    results = _iim(ctx).antibodies
    path = "$.iim.antibodies"
    if not results:
        return unknown("antibodies", "myositis antibodies not recorded", (path,))
    outcome = call(
        path,
        myositis_antibodies_positive,
        dict(results),
        include_associated=ctx.reading.myositis_associated_antibodies,
    )
    return _wrapped("antibodies", outcome, path)


_UNSET = object()
#: The recorded IBM flag's rule, built once (issue 8: it was rebuilt on every call).
_IBM_RECORDED = _flag("iim", "inclusion_body_myositis", "inclusion body myositis")


def iim_inclusion_body(ctx: Context) -> Outcome:
    """IIM exclusion 2: inclusion body myositis (recorded, or the 2017 subgroup ``ibm``)."""
    recorded = _IBM_RECORDED(ctx)
    if recorded.met is True:
        return recorded
    classification = iim_classification(ctx)
    # The subgroup as the classification's common case decided it, else from its values
    # (issue 8: reading them builds its reason, values and items).
    subgroup = ctx.cache.get(_IIM_SUBGROUP, _UNSET)
    if subgroup is _UNSET:
        subgroup = classification.values.get("subgroup")
    if subgroup == "ibm":
        return decided(
            "inclusion_body_myositis",
            met=True,
            reason="2017 EULAR/ACR subgroup: inclusion body myositis",
        )
    return recorded


TUMOUR_WINDOW_YEARS = 2


def iim_tumour_associated(ctx: Context) -> Outcome:
    """IIM exclusion 3: myositis within 2 years of a tumour diagnosis (before or after)."""
    name = "tumour_associated"
    tumours = ctx.record.malignancies
    if tumours is None:
        return unknown(name, "malignancy history not recorded", ("$.malignancies",))
    if not tumours:  # decided(name, False, ...), inline (issue 8): values a new empty dict
        return Outcome(name, False, "no malignancy in the history", None, {})  # noqa: FBT003
    onset = _iim(ctx).myositis_diagnosis_date
    if onset is None:
        return unknown(
            name, "myositis diagnosis date not recorded", ("$.iim.myositis_diagnosis_date",)
        )
    start, end = add_years(onset, -TUMOUR_WINDOW_YEARS), add_years(onset, TUMOUR_WINDOW_YEARS)
    items = []
    for index, tumour in enumerate(tumours):
        when = tumour.diagnosis_date
        if when is None:
            items.append(
                unknown(
                    f"tumour_{index}",
                    "tumour diagnosis date not recorded",
                    (f"$.malignancies[{index}].diagnosis_date",),
                )
            )
            continue
        within = start <= when <= end
        items.append(
            decided(
                f"tumour_{index}",
                within,
                f"tumour diagnosed {when.isoformat()}, myositis {onset.isoformat()}: "
                f"{'within' if within else 'more than'} {TUMOUR_WINDOW_YEARS} years",
            )
        )
    return combine(name, items, any_of)


IIM = (
    _rules(
        "iim",
        "inclusion",
        (
            (
                "1",
                "Meets the 2017 EULAR/ACR classification criteria for inflammatory myopathy (including DM, PM, ASS and NM)",
                iim_classification,
            ),
            (
                "2",
                "With muscle involvement: MMT-8 < 142 and at least two abnormal core set measures (PhGA, PtGA or extramuscular activity ≥ 2; HAQ ≥ 0.25; muscle enzyme ≥ 1.5 x ULN)",
                iim_muscle_activity,
            ),
            ("3", "Positive myositis antibodies", iim_antibodies),
            ("4", _REFRACTORY_WORDING, _refractory),
        ),
    ),
    _rules(
        "iim",
        "exclusion",
        (
            (
                "1",
                "Drug-induced myositis",
                _flag("iim", "drug_induced_myositis", "drug-induced myositis"),
            ),
            ("2", "Inclusion body myositis", iim_inclusion_body),
            (
                "3",
                "Tumor-associated myositis (myositis occurring within 2 years of tumor diagnosis)",
                iim_tumour_associated,
            ),
        ),
    ),
)

# --- rheumatoid arthritis -----------------------------------------------------------------

_NO_RA = RaFindings()
RA_DURATION_MONTHS = 6
JOINTS_MIN = 6
CRP_MIN_MG_PER_L = 10.0
ESR_MIN_MM_PER_H = 28.0


def _ra(ctx: Context) -> RaFindings:
    return ctx.record.ra or _NO_RA


def ra_classification(ctx: Context) -> Outcome:
    """RA inclusion 1a: the 2010 ACR/EULAR classification criteria (>= 6 of 10)."""
    outcome = _classification_common(ctx.record.ra)
    if outcome is None:
        return _classification_general(ctx)
    return _wrapped("classification", outcome, "$.ra.acr_eular_2010")


#: The inputs of ``acr_eular_2010_ra`` (the keys of ``$.ra.acr_eular_2010``), in the order
#: :func:`_classification_common` reads them.
_ACR_2010_KEYS = (
    "definite_synovitis",
    "synovitis_better_explained_by_other_disease",
    "typical_erosions",
    "previously_fulfilled",
    "large_joints",
    "small_joints",
    "other_joints",
    "rf_iu_per_ml",
    "rf_uln_iu_per_ml",
    "acpa_u_per_ml",
    "acpa_uln_u_per_ml",
    "crp_mg_per_l",
    "crp_uln_mg_per_l",
    "esr_mm_per_h",
    "esr_uln_mm_per_h",
    "symptom_duration_weeks",
    "symptom_duration_days",
)
_ACR_2010_NONE = dict.fromkeys(_ACR_2010_KEYS)
_ACR_2010_VALUES = itemgetter(*_ACR_2010_KEYS)
_NO_ACR_2010 = (None,) * len(_ACR_2010_KEYS)
#: (value upper limit, ULN upper limit) of RF, ACPA, CRP and ESR, as ``acr_eular_2010_ra``.
_ACR_2010_LIMITS = (
    (_RF[2], _RF[3]),
    (_ACPA[2], _ACPA[3]),
    (_CRP_2010[2], _CRP_2010[3]),
    (_ESR_2010[2], _ESR_2010[3]),
)


def _classification_common(ra: RaFindings | None) -> Outcome | None:  # noqa: C901, PLR0911, PLR0912 - one test per input
    """``acr_eular_2010_ra`` of the record's inputs when each passes its check inline.

    Every input is tested as the function's own common case tests it (a bool or None, an
    ``int`` count in range, each lab with its ULN as numbers strictly inside their ranges,
    or neither, a duration strictly inside its range); then the function's core
    (``_acr_eular_2010``) is called with the values as the function converts them, so the
    outcome is the one the function returns. ``None`` for anything else (a value without
    its ULN, a value at a range's end, a hand-built record's odd value): the rule then takes
    its general path (:func:`_classification_general`), as before (issue 8).
    """
    params = None if ra is None else ra.acr_eular_2010
    if params is None:
        values: tuple[object, ...] = _NO_ACR_2010
    elif type(params) is MappingProxyType:
        merged = {**_ACR_2010_NONE, **params}  # each input, None where not given
        if len(merged) != len(_ACR_2010_KEYS):  # an unknown key: the general path names it
            return None
        values = _ACR_2010_VALUES(merged)
    else:
        return None
    (
        synovitis,
        explained,
        erosions,
        previous,
        large,
        small,
        other,
        rf_value,
        rf_uln,
        acpa_value,
        acpa_uln,
        crp_value,
        crp_uln,
        esr_value,
        esr_uln,
        weeks,
        days,
    ) = values
    if not _FLAG_TYPES.issuperset(map(type, values[:4])):  # each a bool or None
        return None
    if large is not None and not (type(large) is int and 0 <= large <= _LARGE_JOINTS):
        return None
    if small is not None and not (type(small) is int and 0 <= small <= _SMALL_JOINTS):
        return None
    if other is None:
        if params is not None and "other_joints" in params:  # None given: the function refuses it
            return None
        other = 0
    elif not (type(other) is int and 0 <= other <= _OTHER_JOINTS):
        return None
    rf_limits, acpa_limits, crp_limits, esr_limits = _ACR_2010_LIMITS
    rf = _lab_pair(rf_value, rf_uln, rf_limits)
    acpa = _lab_pair(acpa_value, acpa_uln, acpa_limits)
    crp = _lab_pair(crp_value, crp_uln, crp_limits)
    esr = _lab_pair(esr_value, esr_uln, esr_limits)
    if rf is False or acpa is False or crp is False or esr is False:
        return None
    duration_days: float | None = None
    long_enough = False
    if weeks is not None:
        if days is not None:
            return None
        if type(weeks) is int and 0 < weeks < _DURATION_WEEKS_MAX:
            weeks = float(weeks)
        elif not (type(weeks) is float and 0 < weeks < _DURATION_WEEKS_MAX):
            return None
        duration_days, long_enough = _weeks(weeks)
    elif days is not None:
        if not (type(days) is int and 0 <= days <= _DURATION_DAYS_MAX):
            return None
        duration_days, long_enough = float(days), days >= 42  # noqa: PLR2004 - 6 weeks
    return _acr_eular_2010(
        synovitis,  # type: ignore[arg-type]  # each checked above
        explained,  # type: ignore[arg-type]
        erosions,  # type: ignore[arg-type]
        previous,  # type: ignore[arg-type]
        large,
        small,
        other,
        rf,
        acpa,
        crp,
        esr,
        duration_days,
        long_enough,
    )


def _lab_pair(
    value: object, uln: object, limits: tuple[float, float]
) -> tuple[float, float] | Literal[False] | None:
    """A lab of :func:`_classification_common` as ``(value, ULN)`` floats.

    ``None`` if neither is given, ``False`` (the common path declines) for anything but both
    numbers strictly inside their ranges (``limits``: the value's and the ULN's upper
    limits), as ``acr_eular_2010_ra``'s own common case tests them.
    """
    if value is None and uln is None:
        return None
    hi, uln_hi = limits
    if (
        (type(value) is float or type(value) is int)
        and 0 < value < hi
        and (type(uln) is float or type(uln) is int)
        and 0 < uln < uln_hi
    ):
        return float(value), float(uln)
    return False


def _classification_general(ctx: Context) -> Outcome:
    """RA inclusion 1a by the public call (every input the common path declines)."""
    params = dict(_params(ctx.record.ra, "acr_eular_2010") or {})
    for key in (
        "definite_synovitis",
        "synovitis_better_explained_by_other_disease",
        "large_joints",
        "small_joints",
    ):
        params.setdefault(key, None)
    path = "$.ra.acr_eular_2010"
    # A titre without its ULN (or a ULN without its titre) is incomplete data: the domain is
    # unknown and the missing half is what the report asks for.
    absent: dict[str, str] = {}
    for value_key, uln_key in _RA_PAIRS:
        given = (params.get(value_key) is not None, params.get(uln_key) is not None)
        if given[0] != given[1]:
            absent[value_key] = uln_key if given[0] else value_key
            params.pop(value_key, None)
            params.pop(uln_key, None)
    outcome = _from_criterion("classification", call(path, acr_eular_2010_ra, **params), path)
    if not absent:
        return outcome
    missing = tuple(
        dict.fromkeys(
            f"{path}.{absent.get(m.rsplit('.', 1)[1], m.rsplit('.', 1)[1])}"
            for m in outcome.missing
        )
    )
    return with_missing(outcome, missing)


_RA_PAIRS = (
    ("rf_iu_per_ml", "rf_uln_iu_per_ml"),
    ("acpa_u_per_ml", "acpa_uln_u_per_ml"),
    ("crp_mg_per_l", "crp_uln_mg_per_l"),
    ("esr_mm_per_h", "esr_uln_mm_per_h"),
)


def ra_duration(ctx: Context) -> Outcome:
    """RA inclusion 1b: RA diagnosed at least 6 months before the evaluation date."""
    diagnosed = _ra(ctx).diagnosis_date
    if diagnosed is None:
        return unknown("duration", "RA diagnosis date not recorded", ("$.ra.diagnosis_date",))
    since = add_months(diagnosed, RA_DURATION_MONTHS)
    on = ctx.on
    met = since <= on
    # decided(...), positionally, its reason written when first read (issue 8)
    return lazy_outcome("duration", met, (_duration_reason, diagnosed, on, since, met), None, {})


def _duration_reason(state: tuple[Any, ...]) -> str:
    """The reason of a decided RA inclusion 1b (:func:`ra_duration`)."""
    _, diagnosed, on, since, met = state
    return (
        f"diagnosed {diagnosed.isoformat()}: {'at least' if met else 'less than'} "
        f"{RA_DURATION_MONTHS} months before {on.isoformat()} (6 months on {since.isoformat()})"
    )


def _esr(ctx: Context) -> float | None:
    lab = ctx.lab("esr")
    return None if lab is None else lab.value


def _crp_mg_per_l(ctx: Context) -> float | None:
    lab = ctx.lab("crp")
    if lab is None or lab.value is None:
        return None
    return units.crp_mg_per_dl_to_mg_per_l(lab.value) if lab.unit == "mg/dL" else lab.value


def ra_activity(ctx: Context) -> Outcome:
    """RA inclusion 1c: moderately or severely active RA (DAS28-ESR > 3.2 or CDAI > 10).

    Decided here (``combine`` of the two items with ``any_of``, inline); the items and the
    reason are written when first read (:func:`_activity_details`, issue 8).
    """
    ra = _ra(ctx)
    esr = _esr(ctx)
    tjc, sjc = ra.tender_joints_28, ra.swollen_joints_28
    patient, evaluator = ra.patient_global_mm, ra.evaluator_global_cm
    das: float | None = None
    das_category: object = None
    das_met: bool | None = None
    das_missing: tuple[str, ...] = ()
    if tjc is None or sjc is None or esr is None or patient is None:
        das_inputs = {
            "$.ra.tender_joints_28": tjc,
            "$.ra.swollen_joints_28": sjc,
            "$.labs.esr.value": esr,
            "$.ra.patient_global_mm": patient,
        }
        das_missing = tuple([k for k, v in das_inputs.items() if v is None])
    else:
        try:  # call("$.ra", das28_esr, ...), inline (issue 8)
            score = das28_esr(
                tender_joints_28=tjc,
                swollen_joints_28=sjc,
                esr_mm_per_h=esr,
                patient_global_mm=patient,
            )
        except InvalidInputError as error:
            raise RecordError(f"$.ra.{error.field}", error.rule, error.value) from None
        das, das_category = score.value, score.category
        das_met = das_category in _MODERATE_OR_HIGH
    cdai_value: float | None = None
    cdai_category: object = None
    cdai_met: bool | None = None
    cdai_missing: tuple[str, ...] = ()
    if tjc is None or sjc is None or patient is None or evaluator is None:
        cdai_inputs = {
            "$.ra.tender_joints_28": tjc,
            "$.ra.swollen_joints_28": sjc,
            "$.ra.patient_global_mm": patient,
            "$.ra.evaluator_global_cm": evaluator,
        }
        cdai_missing = tuple([k for k, v in cdai_inputs.items() if v is None])
    else:
        # units.vas_mm_to_cm(patient), its common case inline
        patient_cm = (
            patient / 10
            if (type(patient) is float or type(patient) is int) and 0 <= patient <= 100  # noqa: PLR2004
            else units.vas_mm_to_cm(patient)
        )
        try:
            score = cdai(
                tender_joints_28=tjc,
                swollen_joints_28=sjc,
                patient_global_cm=patient_cm,
                evaluator_global_cm=evaluator,
            )
        except InvalidInputError as error:
            raise RecordError(f"$.ra.{error.field}", error.rule, error.value) from None
        cdai_value, cdai_category = score.value, score.category
        cdai_met = cdai_category in _MODERATE_OR_HIGH
    # combine("activity", items, any_of), inline: an unknown item's inputs when unknown
    met = True if das_met or cdai_met else None if das_met is None or cdai_met is None else False
    return deferred_outcome(
        "activity",
        met,
        None,
        tuple(dict.fromkeys(das_missing + cdai_missing)) if met is None else (),
        (
            _activity_details,
            met,
            das,
            das_category,
            das_met,
            das_missing,
            cdai_value,
            cdai_category,
            cdai_met,
            cdai_missing,
        ),
    )


def _activity_details(
    state: tuple[Any, ...],
) -> tuple[str, Mapping[str, object], tuple[Outcome, ...]]:
    """The reason, values and items of RA inclusion 1c (:func:`ra_activity`), from its decision."""
    (
        _,
        met,
        das,
        das_category,
        das_met,
        das_missing,
        cdai_value,
        cdai_category,
        cdai_met,
        cdai_missing,
    ) = state
    first = (
        Outcome("das28_esr", None, "DAS28-ESR inputs not recorded", None, {}, das_missing)
        if das_met is None
        else Outcome(  # decided(...) with round_half_up(value, 2), positionally
            "das28_esr",
            das_met,
            f"DAS28-ESR {round_half_up(das, 2):.2f} ({_ACTIVITY_TEXT.get(das_category, '')})",
            None,
            {},
        )
    )
    second = (
        Outcome("cdai", None, "CDAI inputs not recorded", None, {}, cdai_missing)
        if cdai_met is None
        else Outcome(
            "cdai",
            cdai_met,
            f"CDAI {round_half_up(cdai_value, 2):g} ({_ACTIVITY_TEXT.get(cdai_category, '')})",
            None,
            {},
        )
    )
    return _combined_details(met, first, second)


def _combined_details(
    met: bool | None,  # noqa: FBT001 - a tri-state decision
    first: Outcome,
    second: Outcome,
) -> tuple[str, Mapping[str, object], tuple[Outcome, ...]]:
    """The reason, values and items ``combine`` gives two items (its reasons, joined)."""
    if met is not None:
        reason = f"{first.reason}; {second.reason}"
    else:
        reason = "; ".join([item.reason for item in (first, second) if item.met is None])
    return reason, EMPTY, (first, second)


#: At least moderate activity (the members bound once: issue 8).
_MODERATE_OR_HIGH = (DiseaseActivity.MODERATE, DiseaseActivity.HIGH)
#: ``getattr(category, "value", "")`` of each category, without the enum's descriptor.
_ACTIVITY_TEXT: dict[object, str] = {member: member.value for member in DiseaseActivity}


def _absent(first: object, second: object, first_path: str, second_path: str) -> tuple[str, ...]:
    """The paths of whichever of two inputs is None (an "either met" rule left unknown)."""
    if first is None:
        return (first_path, second_path) if second is None else (first_path,)
    return (second_path,)


def ra_joint_counts(ctx: Context) -> Outcome:
    """RA inclusion 2: SJC66 >= 6 and TJC68 >= 6.

    Decided here (``combine`` of the two items with ``all_of``, inline); the items and the
    reason are written when first read (:func:`_joint_counts_details`, issue 8).
    """
    ra = _ra(ctx)
    sjc, tjc = ra.swollen_joints_66, ra.tender_joints_68
    sjc_met = None if sjc is None else sjc >= JOINTS_MIN
    tjc_met = None if tjc is None else tjc >= JOINTS_MIN
    met = (
        False
        if sjc_met is False or tjc_met is False
        else None
        if sjc_met is None or tjc_met is None
        else True
    )
    missing = (
        _absent(sjc, tjc, "$.ra.swollen_joints_66", "$.ra.tender_joints_68") if met is None else ()
    )
    return deferred_outcome(
        "joint_counts", met, None, missing, (_joint_counts_details, met, sjc, sjc_met, tjc, tjc_met)
    )


def _joint_counts_details(
    state: tuple[Any, ...],
) -> tuple[str, Mapping[str, object], tuple[Outcome, ...]]:
    """The reason, values and items of RA inclusion 2 (:func:`ra_joint_counts`)."""
    _, met, sjc, sjc_met, tjc, tjc_met = state
    first = (
        Outcome(
            "swollen_joints_66", None, "SJC66 not recorded", None, {}, ("$.ra.swollen_joints_66",)
        )
        if sjc is None
        else Outcome(
            "swollen_joints_66",
            sjc_met,
            f"SJC66 {sjc} {'>=' if sjc_met else '<'} {JOINTS_MIN}",
            None,
            {},
        )
    )
    second = (
        Outcome(
            "tender_joints_68", None, "TJC68 not recorded", None, {}, ("$.ra.tender_joints_68",)
        )
        if tjc is None
        else Outcome(
            "tender_joints_68",
            tjc_met,
            f"TJC68 {tjc} {'>=' if tjc_met else '<'} {JOINTS_MIN}",
            None,
            {},
        )
    )
    return _combined_details(met, first, second)


def ra_acute_phase(ctx: Context) -> Outcome:
    """RA inclusion 3: CRP >= 10 mg/L or ESR >= 28 mm/h at screening.

    Decided here (``combine`` of the two items with ``any_of``, inline); the items and the
    reason are written when first read (:func:`_acute_phase_details`, issue 8).
    """
    crp = _crp_mg_per_l(ctx)
    # at_least(crp, CRP_MIN_MG_PER_L, 3) with the limit's units computed once and
    # units_of(crp, 3)'s arithmetic inline (issue 8)
    crp_met = None if crp is None else _floor(crp * 1000.0 + 0.5 + _NOISE) >= _CRP_MIN_UNITS
    esr = _esr(ctx)
    esr_met = None if esr is None else _floor(esr * 1000.0 + 0.5 + _NOISE) >= _ESR_MIN_UNITS
    met = True if crp_met or esr_met else None if crp_met is None or esr_met is None else False
    missing = _absent(crp, esr, "$.labs.crp.value", "$.labs.esr.value") if met is None else ()
    return deferred_outcome(
        "acute_phase", met, None, missing, (_acute_phase_details, met, crp, crp_met, esr, esr_met)
    )


def _acute_phase_details(
    state: tuple[Any, ...],
) -> tuple[str, Mapping[str, object], tuple[Outcome, ...]]:
    """The reason, values and items of RA inclusion 3 (:func:`ra_acute_phase`)."""
    _, met, crp, crp_met, esr, esr_met = state
    first = (
        Outcome("crp", None, "CRP not recorded", None, {}, ("$.labs.crp.value",))
        if crp is None
        else Outcome(  # decided(...), positionally
            "crp",
            crp_met,
            f"CRP {fmt(crp)} mg/L {'>=' if crp_met else '<'} {_CRP_MIN_TEXT}",
            None,
            {},
        )
    )
    second = (
        Outcome("esr", None, "ESR not recorded", None, {}, ("$.labs.esr.value",))
        if esr is None
        else Outcome(
            "esr",
            esr_met,
            f"ESR {fmt(esr)} mm/h {'>=' if esr_met else '<'} {_ESR_MIN_TEXT}",
            None,
            {},
        )
    )
    return _combined_details(met, first, second)


_CRP_MIN_UNITS, _CRP_MIN_TEXT = units_of(CRP_MIN_MG_PER_L, 3), fmt(CRP_MIN_MG_PER_L)
_ESR_MIN_UNITS, _ESR_MIN_TEXT = units_of(ESR_MIN_MM_PER_H, 3), fmt(ESR_MIN_MM_PER_H)


def _courses(ra: RaFindings) -> tuple[TreatmentCourse, ...] | None:
    if ra.dmard_courses is None:
        return None
    out = []
    for index, course in enumerate(ra.dmard_courses):
        # The plain valid case built directly (issue 8); anything else, and every error,
        # through the checks below and TreatmentCourse(...), as ever.
        built = _course_from_valid(
            course.drug,
            course.drug_class,
            course.mechanism,
            course.start_date,
            course.stop_date,
            course.reason_stopped,
        )
        if built is not None:
            out.append(built)
            continue
        path = f"$.ra.dmard_courses[{index}]"
        for required in ("drug", "drug_class", "start_date"):
            if getattr(course, required) is None:
                raise RecordError(f"{path}.{required}", "is required in a DMARD course", None)
        out.append(
            call(
                path,
                TreatmentCourse,
                drug=course.drug,
                drug_class=course.drug_class,
                mechanism=course.mechanism,
                start_date=course.start_date,
                stop_date=course.stop_date,
                reason_stopped=course.reason_stopped,
            )
        )
    return tuple(out)


def ra_difficult_to_treat(ctx: Context) -> Outcome:
    """RA inclusion 4: the EULAR definition of difficult-to-treat RA (Nagy 2021)."""
    ra = _ra(ctx)
    outcome = _d2t_common(ctx, ra)
    if outcome is None:
        outcome = _d2t_general(ctx, ra)
    missing = (
        tuple(
            dict.fromkeys(
                _D2T_SHARED.get(m, f"$.ra.difficult_to_treat.{m}") for m in outcome.missing
            )
        )
        if outcome.missing
        else ()
    )
    return deferred_outcome(  # the criterion's details read when first read (issue 8)
        "difficult_to_treat", outcome.met, outcome.points, missing, (_wrapped_details, outcome)
    )


#: The keys of ``$.ra.difficult_to_treat`` that :func:`_d2t_common` reads (the yes/no ones).
_D2T_FLAGS = (
    "csdmard_contraindicated",
    "access_restricted_by_socioeconomic_factors",
    "other_composite_at_least_moderate",
    "signs_or_symptoms_of_active_disease",
    "rapid_radiographic_progression",
    "well_controlled_but_reduced_quality_of_life",
    "problematic_for_rheumatologist",
    "problematic_for_patient",
)
_D2T_FLAG_KEYS = frozenset(_D2T_FLAGS)
_NO_D2T_FLAGS = (None,) * len(_D2T_FLAGS)
#: The types of a yes/no value (bool cannot be subclassed: ``type(x) is bool`` is x True or False).
_FLAG_TYPES = frozenset({bool, type(None)})
_COURSE_START = itemgetter(3)


def _d2t_common(ctx: Context, ra: RaFindings) -> Outcome | None:  # noqa: C901, PLR0911, PLR0912 - one test per input
    """``eular_difficult_to_treat_ra`` of the rule's inputs when each passes its check inline.

    Every input is tested as the function's own common case tests it (a bool or None, an
    ``int`` count in range, a number strictly inside its range, a plain valid DMARD course,
    no glucocorticoid taper given); then the function's core (``_d2t``) is called with the
    values as the function converts them, so the outcome is the one the function returns.
    ``None`` for anything else: the rule then calls the function (:func:`_d2t_general`),
    which gives the same outcome or raises its error (issue 8).
    """
    params = ra.difficult_to_treat
    if params is None:
        flags: tuple[object, ...] = _NO_D2T_FLAGS
    elif type(params) is MappingProxyType and params.keys() <= _D2T_FLAG_KEYS:
        flags = tuple(map(params.get, _D2T_FLAGS))
    else:
        return None
    if not _FLAG_TYPES.issuperset(map(type, flags)):  # each a bool or None
        return None
    tjc, sjc = ra.tender_joints_28, ra.swollen_joints_28
    # eular_difficult_to_treat_ra's ranges (the ends themselves go to the general path)
    if tjc is not None and not (type(tjc) is int and 0 <= tjc <= _JOINTS_28):
        return None
    if sjc is not None and not (type(sjc) is int and 0 <= sjc <= _JOINTS_28):
        return None
    esr = _esr(ctx)
    if esr is not None:
        if (type(esr) is float or type(esr) is int) and _ESR_MIN < esr < _ESR_MAX:
            esr = float(esr)
        else:
            return None
    gh = ra.patient_global_mm
    if gh is not None:
        if (type(gh) is float or type(gh) is int) and 0 < gh < _GLOBAL_MM_MAX:
            gh = float(gh)
        else:
            return None
    ega = ra.evaluator_global_cm
    if ega is not None:
        if (type(ega) is float or type(ega) is int) and 0 < ega < _GLOBAL_CM_MAX:
            ega = float(ega)
        else:
            return None
    reading = ctx.reading
    distinct: object = reading.d2t_require_different_mechanisms
    both: object = reading.d2t_require_both_perceive_problematic
    if type(distinct) is not bool or type(both) is not bool:  # as _v.flag
        return None
    courses = ra.dmard_courses
    rows: list[_CourseRow] | None = None
    if courses is not None:
        if type(courses) is not tuple or len(courses) > 200:  # noqa: PLR2004 - as _treatments
            return None
        rows = []
        for course in courses:
            row = _course_fields(
                course.drug,
                course.drug_class,
                course.mechanism,
                course.start_date,
                course.stop_date,
                course.reason_stopped,
            )
            if row is None:
                return None
            rows.append(row)
        rows.sort(key=_COURSE_START)  # stable, as _treatments sorts the courses
    cs_contra, restricted, *answers = flags
    return _d2t(
        rows,
        cs_contra,  # type: ignore[arg-type]  # each checked above
        restricted,  # type: ignore[arg-type]
        distinct,
        both,
        (tjc, sjc, esr, gh, None, ega),
        tuple(answers),  # type: ignore[arg-type]
        _NO_TAPER,
    )


def _d2t_general(ctx: Context, ra: RaFindings) -> Outcome:
    """``eular_difficult_to_treat_ra`` of the rule's inputs, by its public call."""
    params = dict(_params(ctx.record.ra, "difficult_to_treat") or {})
    return call(
        "$.ra.difficult_to_treat",
        eular_difficult_to_treat_ra,
        treatments=_courses(ra),
        tender_joints_28=ra.tender_joints_28,
        swollen_joints_28=ra.swollen_joints_28,
        esr_mm_per_h=_esr(ctx),
        patient_global_mm=ra.patient_global_mm,
        evaluator_global_cm=ra.evaluator_global_cm,
        require_different_mechanisms=ctx.reading.d2t_require_different_mechanisms,
        require_both_perceive_problematic=ctx.reading.d2t_require_both_perceive_problematic,
        **params,
    )


#: The D2T inputs that the record holds outside ``difficult_to_treat``, by JSON path.
_D2T_SHARED = {
    "treatments": "$.ra.dmard_courses",
    "tender_joints_28": "$.ra.tender_joints_28",
    "swollen_joints_28": "$.ra.swollen_joints_28",
    "esr_mm_per_h": "$.labs.esr.value",
    "patient_global_mm": "$.ra.patient_global_mm",
    "patient_global_cm": "$.ra.patient_global_mm",
    "evaluator_global_cm": "$.ra.evaluator_global_cm",
}


def ra_functional_class_4(ctx: Context) -> Outcome:
    """RA exclusion 1: ACR (1991) functional class IV."""
    params = _params(ctx.record.ra, "functional_class") or {}
    path = "$.ra.functional_class"
    care = params.get("self_care_limited")
    work = params.get("vocational_limited")
    leisure = params.get("avocational_limited")
    answers = (care, work, leisure)
    if None in answers:
        if False in answers:
            return decided(
                "functional_class_4",
                met=False,
                reason="class IV needs every activity limited; one is not",
            )
        keys = ("self_care_limited", "vocational_limited", "avocational_limited")
        return unknown(
            "functional_class_4",
            "functional status not recorded",
            [f"{path}.{k}" for k, v in zip(keys, answers, strict=True) if v is None],
        )
    try:  # call(path, acr_1991_functional_class, **known), inline, by keyword (issue 8)
        score = acr_1991_functional_class(
            self_care_limited=care,  # type: ignore[arg-type]  # bools: None handled above
            vocational_limited=work,  # type: ignore[arg-type]
            avocational_limited=leisure,  # type: ignore[arg-type]
        )
    except InvalidInputError as error:
        raise RecordError(f"{path}.{error.field}", error.rule, error.value) from None
    category = _CLASS_TEXT.get(score.category, "")  # getattr(category, "value", "")
    return lazy_outcome(  # decided(...), positionally, its reason written when first read
        "functional_class_4",
        category == "IV",
        (_functional_class_reason, category),
        None,
        {"functional_class": category},
    )


def _functional_class_reason(state: tuple[Any, ...]) -> str:
    """The reason of a decided RA exclusion 1 (:func:`ra_functional_class_4`)."""
    return f"ACR functional class {state[1]}"


#: ``getattr(member, "value", "")`` of each functional class, without the enum's descriptor.
_CLASS_TEXT: dict[object, str] = {member: member.value for member in FunctionalClass}


RA = (
    _rules(
        "ra",
        "inclusion",
        (
            (
                "1a",
                "Meets the 2010 ACR/EULAR classification criteria for rheumatoid arthritis",
                ra_classification,
            ),
            ("1b", "Previous diagnosis of rheumatoid arthritis ≥ 6 months", ra_duration),
            (
                "1c",
                "Moderately or severely active rheumatoid arthritis (DAS28-ESR > 3.2 or CDAI > 10)",
                ra_activity,
            ),
            (
                "2",
                "Swollen joint count ≥ 6 (66 joints) and tender joint count ≥ 6 (68 joints) at screening",
                ra_joint_counts,
            ),
            ("3", "CRP ≥ 10 mg/L or ESR ≥ 28 mm/h at screening", ra_acute_phase),
            (
                "4",
                "EULAR definition of refractory (difficult-to-treat) rheumatoid arthritis",
                ra_difficult_to_treat,
            ),
        ),
    ),
    _rules(
        "ra",
        "exclusion",
        (("1", "Functional status graded at level 4 according to ACR", ra_functional_class_4),),
    ),
)

RULES: dict[Indication, tuple[tuple[Rule, ...], tuple[Rule, ...]]] = {
    Indication.PSS: PSS,
    Indication.SSC: SSC,
    Indication.IIM: IIM,
    Indication.RA: RA,
}
