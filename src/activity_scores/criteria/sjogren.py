r"""Classification criteria for primary Sjögren's syndrome: AECG 2002 and ACR/EULAR 2016.

Every input may be ``None`` (not known). An item with missing data is unknown; the whole
outcome is unknown only when the unknown items could change it (for ACR/EULAR 2016, 4 points
already reached is met whatever is missing, provided the entry criterion and the exclusions
are decided). For an unknown outcome, ``missing`` lists only the inputs of the items that
could still change it: each unknown item is tried both ways against every completion of the
others (at most 2⁹ cases).

Measured values are compared with their cut-offs exactly: a number is read as the nearest
fraction with a denominator of at most 10⁶ (the value as typed), so 0.1 mL/min is
"<= 0.1 mL/min" and 1.5 mL/15 min is "<= 1.5 mL/15 min".
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import NamedTuple

from activity_scores import _validation as _v
from activity_scores._logic import all_of, any_of, at_least, negate, points_reach
from activity_scores.results import Outcome

__all__ = ["acr_eular_2016_sjogren", "aecg_2002_sjogren"]

#: Plausible upper limits (documented on the docs page): larger values are entry errors.
_SCHIRMER_MAX = 35  # mm: the Schirmer strip is 35 mm long
_FOCUS_MAX = 20  # foci per 4 mm²: beyond ~12 foci coalesce and are scored as confluent
_FLOW_PER_MIN_MAX = 5  # mL/min: unstimulated whole saliva is normally 0.3-0.5 mL/min
_FLOW_PER_15_MIN_MAX = 75  # mL/15 min, the same limit
_VAN_BIJSTERVELD_MAX = 9
_OSS_MAX = 12
_DENOMINATOR = 10**6


def _exact(value: float) -> Fraction:
    return Fraction(value).limit_denominator(_DENOMINATOR)


def _g(value: float) -> str:
    return f"{value:g}"


class _Test(NamedTuple):
    """One test or answer within an item (a named tuple: built ~20 times a call, perf2)."""

    field: str
    value: object
    met: bool | None
    text: str


_SHOWN = {True: "yes", False: "no", None: "unknown"}
#: Exact cut-offs, built once (Fractions are immutable; perf2).
_ONE, _FIVE, _THREE_HALVES, _ONE_TENTH = Fraction(1), Fraction(5), Fraction(3, 2), Fraction(1, 10)


def _flag(field: str, value: object, label: str) -> _Test:
    answer = _v.optional_flag(field, value)
    shown = _SHOWN[answer]
    return _Test(field, answer, answer, f"{label}: {shown}")


def _at_most(  # noqa: PLR0917 - one measured test and its limits (private)
    field: str, value: object, limit: Fraction, hi: float, label: str, unit: str
) -> _Test:
    number = _v.optional_real(field, value, 0, hi, unit=unit)
    if number is None:
        return _Test(field, None, None, f"{label} not recorded")
    met = _exact(number) <= limit
    sign = "<=" if met else ">"
    return _Test(field, number, met, f"{label} {_g(number)} {unit} {sign} {_g(float(limit))}")


def _at_least_value(  # noqa: PLR0917 - one measured test and its limits (private)
    field: str, value: object, limit: Fraction, hi: float, label: str, unit: str
) -> _Test:
    number = _v.optional_real(field, value, 0, hi, unit=unit)
    if number is None:
        return _Test(field, None, None, f"{label} not recorded")
    met = _exact(number) >= limit
    sign = ">=" if met else "<"
    shown = f"{_g(number)} {unit}".rstrip()
    return _Test(field, number, met, f"{label} {shown} {sign} {_g(float(limit))}")


def _score_at_least(field: str, value: object, limit: int, hi: int, label: str) -> _Test:
    if value is None:
        return _Test(field, None, None, f"{label} not recorded")
    number = _v.count(field, value, 0, hi)
    met = number >= limit
    sign = ">=" if met else "<"
    return _Test(field, number, met, f"{label} {number} {sign} {limit}")


def _status(met: bool | None) -> str:  # noqa: FBT001 - a tri-state value
    return "unknown" if met is None else ("met" if met else "not met")


def _biopsy_tests(sialadenitis: object, focus_score: object) -> list[_Test]:
    """The labial gland biopsy tests shared by both criteria sets.

    Focal lymphocytic sialadenitis with a focus score >= 1 per 4 mm² (Vitali 2002 item IV;
    Shiboski 2017, 3 points).
    """
    return [
        _flag("focal_lymphocytic_sialadenitis", sialadenitis, "focal lymphocytic sialadenitis"),
        _at_least_value(
            "focus_score_per_4_mm2", focus_score, _ONE, _FOCUS_MAX, "focus score", "foci/4 mm²"
        ),
    ]


def _outcome(
    name: str,
    label: str,
    tests: Sequence[_Test],
    combine: Callable[[list[bool | None]], bool | None],
    points: float | None = None,
) -> Outcome:
    met = combine([test.met for test in tests])
    missing = tuple(test.field for test in tests if test.met is None) if met is None else ()
    return Outcome(
        name,
        met,
        f"{label}: {_status(met)} ({'; '.join(test.text for test in tests)})",
        points=points,
        values={test.field: test.value for test in tests},
        missing=missing,
    )


def _any(name: str, label: str, tests: Sequence[_Test]) -> Outcome:
    return _outcome(name, label, tests, any_of)


def _none_present(name: str, label: str, tests: Sequence[_Test]) -> Outcome:
    """Met when none of the conditions is present (each test's ``met`` is "present")."""
    return _outcome(name, label, tests, lambda values: negate(any_of(values)))


def _relevant_missing(
    items: Sequence[Outcome], decide: Callable[[Sequence[bool | None]], bool | None]
) -> tuple[str, ...]:
    """Inputs of the unknown items that could change ``decide`` (exhaustive over completions).

    An unknown item is relevant if some completion of the other unknown items makes
    ``decide`` differ between the item being True and False. ``decide`` must be a pure
    function of its argument, fixed by its code (every caller here passes a rule of the
    criteria, closing over nothing but other such rules): the relevant positions are then a
    function of the code and of the items' states, and are remembered per (code, states),
    at most 3**8 entries per rule (issue 8: this search dominated screening a pSS record).
    """
    states = tuple(item.met for item in items)
    key = (decide.__code__, states)
    positions = _RELEVANT.get(key)
    if positions is None:
        positions = _RELEVANT[key] = _relevant_positions(states, decide)
    relevant: list[str] = []
    for index in positions:
        relevant.extend(name for name in items[index].missing if name not in relevant)
    return tuple(relevant)


#: (rule's code, item states) -> positions of the unknown items that could change the rule.
_RELEVANT: dict[tuple[object, tuple[bool | None, ...]], tuple[int, ...]] = {}


def _relevant_positions(
    states: tuple[bool | None, ...], decide: Callable[[Sequence[bool | None]], bool | None]
) -> tuple[int, ...]:
    """Positions of the unknown states whose value can change ``decide``, in order.

    ``decide`` is evaluated once per completion of all the unknown states (2**u calls), and
    each position's pairs of completions (False vs True there) are compared in that table.
    """
    unknown = [i for i, state in enumerate(states) if state is None]
    values = list(states)
    table: dict[tuple[bool, ...], bool | None] = {}
    for completion in itertools.product((False, True), repeat=len(unknown)):
        for index, value in zip(unknown, completion, strict=True):
            values[index] = value
        table[completion] = decide(values)
    positions: list[int] = []
    for position, index in enumerate(unknown):
        for completion, when_false in table.items():
            if completion[position]:
                continue
            flipped = (*completion[:position], True, *completion[position + 1 :])
            if table[flipped] != when_false:
                positions.append(index)
                break
    return tuple(positions)


def aecg_2002_sjogren(
    *,
    dry_eyes_over_3_months: bool | None = None,
    sand_or_gravel_sensation_in_eyes: bool | None = None,
    tear_substitutes_over_3_times_daily: bool | None = None,
    dry_mouth_over_3_months: bool | None = None,
    swollen_salivary_glands_as_adult: bool | None = None,
    liquids_to_swallow_dry_food: bool | None = None,
    schirmer_mm_per_5_min: float | None = None,
    van_bijsterveld_score: int | None = None,
    focal_lymphocytic_sialadenitis: bool | None = None,
    focus_score_per_4_mm2: float | None = None,
    unstimulated_saliva_flow_ml_per_15_min: float | None = None,
    sialography_diffuse_sialectasias: bool | None = None,
    scintigraphy_abnormal: bool | None = None,
    anti_ro_ssa: bool | None = None,
    anti_la_ssb: bool | None = None,
    head_and_neck_radiation: bool | None = None,
    hepatitis_c: bool | None = None,
    aids: bool | None = None,
    pre_existing_lymphoma: bool | None = None,
    sarcoidosis: bool | None = None,
    graft_versus_host_disease: bool | None = None,
    anticholinergic_drugs_within_4_half_lives: bool | None = None,
    potentially_associated_disease: bool | None = None,
) -> Outcome:
    r"""American-European Consensus Group (AECG) 2002 classification of primary Sjögren's syndrome.

    Parameters
    ----------
    dry_eyes_over_3_months
        "Have you had daily, persistent, troublesome dry eyes for more than 3 months?"
        ``True``/``False``/``None`` (unknown), as every other flag.
    sand_or_gravel_sensation_in_eyes
        "Do you have a recurrent sensation of sand or gravel in the eyes?"
    tear_substitutes_over_3_times_daily
        "Do you use tear substitutes more than 3 times a day?"
    dry_mouth_over_3_months
        "Have you had a daily feeling of dry mouth for more than 3 months?"
    swollen_salivary_glands_as_adult
        "Have you had recurrently or persistently swollen salivary glands as an adult?"
    liquids_to_swallow_dry_food
        "Do you frequently drink liquids to aid in swallowing dry food?"
    schirmer_mm_per_5_min
        Schirmer I test without anaesthesia, the lower of the two eyes. [mm/5 min], 0-35.
    van_bijsterveld_score
        Rose bengal (or other ocular dye) score by van Bijsterveld, the higher of the two
        eyes. [points], integer 0-9.
    focal_lymphocytic_sialadenitis
        Minor salivary gland biopsy read by an expert histopathologist as focal lymphocytic
        sialadenitis.
    focus_score_per_4_mm2
        Focus score: lymphocytic foci (> 50 lymphocytes, next to normal-appearing acini) per
        4 mm² of glandular tissue. [foci/4 mm²], 0-20.
    unstimulated_saliva_flow_ml_per_15_min
        Unstimulated whole saliva collected over 15 minutes. [mL/15 min], 0-75.
    sialography_diffuse_sialectasias
        Parotid sialography showing diffuse sialectasias (punctate, cavitary or destructive
        pattern) without obstruction of the major ducts.
    scintigraphy_abnormal
        Salivary scintigraphy showing delayed uptake, reduced concentration and/or delayed
        excretion of tracer.
    anti_ro_ssa
        Serum antibodies to Ro (SSA) present.
    anti_la_ssb
        Serum antibodies to La (SSB) present.
    head_and_neck_radiation
        Exclusion: past head and neck radiation treatment.
    hepatitis_c
        Exclusion (AECG): hepatitis C infection.
    aids
        Exclusion: acquired immunodeficiency syndrome.
    pre_existing_lymphoma
        Exclusion (AECG): lymphoma that pre-existed.
    sarcoidosis
        Exclusion: sarcoidosis.
    graft_versus_host_disease
        Exclusion: graft-versus-host disease.
    anticholinergic_drugs_within_4_half_lives
        Exclusion (AECG): use of anticholinergic drugs within 4 half-lives of the drug.
    potentially_associated_disease
        A potentially associated disease, e.g. another well-defined connective tissue
        disease (then Sjögren's would be secondary, which this function does not classify).

    Returns
    -------
    Outcome
        ``met`` for primary SS; ``items`` in this order: ``ocular_symptoms`` (I),
        ``oral_symptoms`` (II), ``ocular_signs`` (III), ``histopathology`` (IV),
        ``salivary_gland_involvement`` (V), ``autoantibodies`` (VI), ``no_exclusion``,
        ``no_associated_disease``, ``rule_a`` (4 of 6 with IV or VI), ``rule_b``
        (3 of the 4 objective items). ``values`` the counts of positive items.

    Notes
    -----
    Items: I any ocular question; II any oral question; III Schirmer <= 5 mm/5 min or
    van Bijsterveld >= 4; IV focal lymphocytic sialadenitis with focus score >= 1;
    V unstimulated whole saliva flow <= 1.5 mL/15 min, or diffuse sialectasias on
    sialography, or abnormal scintigraphy; VI anti-Ro/SSA and/or anti-La/SSB.

    $$
    \text{pSS} = \big[(\textstyle\sum_{k=I}^{VI} x_k \ge 4 \land (x_{IV} \lor x_{VI}))
    \lor \sum_{k=III}^{VI} x_k \ge 3\big] \land \lnot\,\text{exclusion} \land
    \lnot\,\text{associated disease}
    $$

    The classification-tree procedure (rule c of Vitali 2002, meant for
    epidemiological surveys) is not implemented.

    References
    ----------
    1. Vitali C, Bombardieri S, Jonsson R, et al. Classification criteria for Sjögren's
       syndrome: a revised version of the European criteria proposed by the
       American-European Consensus Group. Ann Rheum Dis 2002;61:554-558.
       doi:10.1136/ard.61.6.554

    Examples
    --------
    >>> outcome = aecg_2002_sjogren(
    ...     schirmer_mm_per_5_min=3,
    ...     focal_lymphocytic_sialadenitis=True,
    ...     focus_score_per_4_mm2=2,
    ...     anti_ro_ssa=True,
    ...     head_and_neck_radiation=False,
    ...     hepatitis_c=False,
    ...     aids=False,
    ...     pre_existing_lymphoma=False,
    ...     sarcoidosis=False,
    ...     graft_versus_host_disease=False,
    ...     anticholinergic_drugs_within_4_half_lives=False,
    ...     potentially_associated_disease=False,
    ... )
    >>> outcome.met, outcome.item("rule_b").met
    (True, True)
    """
    ocular = _any(
        "ocular_symptoms",
        "I ocular symptoms (any question)",
        [
            _flag("dry_eyes_over_3_months", dry_eyes_over_3_months, "dry eyes > 3 months"),
            _flag(
                "sand_or_gravel_sensation_in_eyes",
                sand_or_gravel_sensation_in_eyes,
                "sand or gravel sensation",
            ),
            _flag(
                "tear_substitutes_over_3_times_daily",
                tear_substitutes_over_3_times_daily,
                "tear substitutes > 3 times a day",
            ),
        ],
    )
    oral = _any(
        "oral_symptoms",
        "II oral symptoms (any question)",
        [
            _flag("dry_mouth_over_3_months", dry_mouth_over_3_months, "dry mouth > 3 months"),
            _flag(
                "swollen_salivary_glands_as_adult",
                swollen_salivary_glands_as_adult,
                "swollen salivary glands as an adult",
            ),
            _flag(
                "liquids_to_swallow_dry_food",
                liquids_to_swallow_dry_food,
                "liquids to swallow dry food",
            ),
        ],
    )
    signs = _any(
        "ocular_signs",
        "III ocular signs (any test)",
        [
            _at_most(
                "schirmer_mm_per_5_min",
                schirmer_mm_per_5_min,
                _FIVE,
                _SCHIRMER_MAX,
                "Schirmer I",
                "mm/5 min",
            ),
            _score_at_least(
                "van_bijsterveld_score",
                van_bijsterveld_score,
                4,
                _VAN_BIJSTERVELD_MAX,
                "van Bijsterveld score",
            ),
        ],
    )
    histology = _outcome(
        "histopathology",
        "IV histopathology (focal lymphocytic sialadenitis and focus score >= 1)",
        _biopsy_tests(focal_lymphocytic_sialadenitis, focus_score_per_4_mm2),
        all_of,
    )
    salivary = _any(
        "salivary_gland_involvement",
        "V salivary gland involvement (any test)",
        [
            _at_most(
                "unstimulated_saliva_flow_ml_per_15_min",
                unstimulated_saliva_flow_ml_per_15_min,
                _THREE_HALVES,
                _FLOW_PER_15_MIN_MAX,
                "unstimulated whole saliva",
                "mL/15 min",
            ),
            _flag(
                "sialography_diffuse_sialectasias",
                sialography_diffuse_sialectasias,
                "diffuse sialectasias on sialography",
            ),
            _flag("scintigraphy_abnormal", scintigraphy_abnormal, "abnormal scintigraphy"),
        ],
    )
    antibodies = _any(
        "autoantibodies",
        "VI autoantibodies (anti-Ro/SSA and/or anti-La/SSB)",
        [
            _flag("anti_ro_ssa", anti_ro_ssa, "anti-Ro/SSA"),
            _flag("anti_la_ssb", anti_la_ssb, "anti-La/SSB"),
        ],
    )
    exclusion = _none_present(
        "no_exclusion",
        "no exclusion condition",
        [
            _flag("head_and_neck_radiation", head_and_neck_radiation, "head and neck radiation"),
            _flag("hepatitis_c", hepatitis_c, "hepatitis C"),
            _flag("aids", aids, "AIDS"),
            _flag("pre_existing_lymphoma", pre_existing_lymphoma, "pre-existing lymphoma"),
            _flag("sarcoidosis", sarcoidosis, "sarcoidosis"),
            _flag("graft_versus_host_disease", graft_versus_host_disease, "GVHD"),
            _flag(
                "anticholinergic_drugs_within_4_half_lives",
                anticholinergic_drugs_within_4_half_lives,
                "anticholinergic drugs within 4 half-lives",
            ),
        ],
    )
    associated = _none_present(
        "no_associated_disease",
        "no potentially associated disease",
        [
            _flag(
                "potentially_associated_disease",
                potentially_associated_disease,
                "potentially associated disease",
            )
        ],
    )
    base = [ocular, oral, signs, histology, salivary, antibodies, exclusion, associated]

    def rule_a(v: Sequence[bool | None]) -> bool | None:
        return all_of([at_least(4, v[0:6]), any_of([v[3], v[5]])])

    def rule_b(v: Sequence[bool | None]) -> bool | None:
        return at_least(3, v[2:6])

    def decide(v: Sequence[bool | None]) -> bool | None:
        return all_of([any_of([rule_a(v), rule_b(v)]), v[6], v[7]])

    states = [item.met for item in base]
    six = sum(1 for value in states[0:6] if value is True)
    objective = sum(1 for value in states[2:6] if value is True)
    a_met, b_met = rule_a(states), rule_b(states)
    rule_items = (
        Outcome(
            "rule_a",
            a_met,
            f"4 of the 6 items with IV or VI positive: {_status(a_met)} "
            f"({six} of 6 positive; IV {_status(states[3])}, VI {_status(states[5])})",
            values={"positive_items": six},
            missing=_relevant_missing(
                base[0:6], lambda v: all_of([at_least(4, v), any_of([v[3], v[5]])])
            )
            if a_met is None
            else (),
        ),
        Outcome(
            "rule_b",
            b_met,
            f"3 of the 4 objective items (III-VI): {_status(b_met)} ({objective} of 4 positive)",
            values={"positive_objective_items": objective},
            missing=_relevant_missing(base[2:6], lambda v: at_least(3, v)) if b_met is None else (),
        ),
    )
    met = decide(states)
    missing = _relevant_missing(base, decide) if met is None else ()
    return Outcome(
        "aecg_2002_sjogren",
        met,
        f"AECG 2002 primary SS: {_status(met)}: rule a {_status(a_met)}, rule b "
        f"{_status(b_met)}, no exclusion {_status(exclusion.met)}, no associated disease "
        f"{_status(associated.met)}",
        values={"positive_items": six, "positive_objective_items": objective},
        missing=missing,
        items=(*base, *rule_items),
    )


_THRESHOLD = 4
_WEIGHTS = (3, 3, 1, 1, 1)


def acr_eular_2016_sjogren(
    *,
    dry_eyes_over_3_months: bool | None = None,
    sand_or_gravel_sensation_in_eyes: bool | None = None,
    tear_substitutes_over_3_times_daily: bool | None = None,
    dry_mouth_over_3_months: bool | None = None,
    liquids_to_swallow_dry_food: bool | None = None,
    essdai_positive_domain: bool | None = None,
    focal_lymphocytic_sialadenitis: bool | None = None,
    focus_score_per_4_mm2: float | None = None,
    anti_ro_ssa: bool | None = None,
    ocular_staining_score: int | None = None,
    van_bijsterveld_score: int | None = None,
    schirmer_mm_per_5_min: float | None = None,
    unstimulated_saliva_flow_ml_per_min: float | None = None,
    head_and_neck_radiation: bool | None = None,
    active_hepatitis_c: bool | None = None,
    aids: bool | None = None,
    sarcoidosis: bool | None = None,
    amyloidosis: bool | None = None,
    graft_versus_host_disease: bool | None = None,
    igg4_related_disease: bool | None = None,
) -> Outcome:
    r"""2016 ACR/EULAR classification criteria for primary Sjögren's syndrome.

    Parameters
    ----------
    dry_eyes_over_3_months
        Entry question: "Have you had daily, persistent, troublesome dry eyes for more than
        3 months?" ``True``/``False``/``None`` (unknown), as every other flag.
    sand_or_gravel_sensation_in_eyes
        Entry question: "Do you have a recurrent sensation of sand or gravel in the eyes?"
    tear_substitutes_over_3_times_daily
        Entry question: "Do you use tear substitutes more than 3 times a day?"
    dry_mouth_over_3_months
        Entry question: "Have you had a daily feeling of dry mouth for more than 3 months?"
    liquids_to_swallow_dry_food
        Entry question: "Do you frequently drink liquids to aid in swallowing dry food?"
    essdai_positive_domain
        Entry alternative: suspicion of Sjögren's from the ESSDAI questionnaire, at least
        one domain with a positive item.
    focal_lymphocytic_sialadenitis
        Labial salivary gland biopsy read as focal lymphocytic sialadenitis.
    focus_score_per_4_mm2
        Focus score. [foci/4 mm²], 0-20.
    anti_ro_ssa
        Anti-SSA/Ro (anti-Ro60) antibodies present. Anti-La/SSB alone scores nothing.
    ocular_staining_score
        SICCA Ocular Staining Score, the higher of the two eyes. [points], integer 0-12.
    van_bijsterveld_score
        van Bijsterveld score, the higher of the two eyes. [points], integer 0-9.
    schirmer_mm_per_5_min
        Schirmer test, the lower of the two eyes. [mm/5 min], 0-35.
    unstimulated_saliva_flow_ml_per_min
        Unstimulated whole saliva flow rate. [mL/min], 0-5.
    head_and_neck_radiation
        Exclusion: history of head and neck radiation treatment.
    active_hepatitis_c
        Exclusion (2016): active hepatitis C infection, confirmed by PCR.
    aids
        Exclusion: acquired immunodeficiency syndrome.
    sarcoidosis
        Exclusion: sarcoidosis.
    amyloidosis
        Exclusion (2016): amyloidosis.
    graft_versus_host_disease
        Exclusion: graft-versus-host disease.
    igg4_related_disease
        Exclusion (2016): IgG4-related disease.

    Returns
    -------
    Outcome
        ``met`` for primary SS; ``points`` the known points (0-9); ``items`` in this order:
        ``entry``, ``focus_score`` (3), ``anti_ro_ssa`` (3), ``ocular_staining`` (1),
        ``schirmer`` (1), ``unstimulated_saliva_flow`` (1), ``no_exclusion``;
        ``values`` the known points and the most the unknown items could add.

    Notes
    -----
    ==================================================================  ======
    Item                                                                Weight
    ==================================================================  ======
    Labial salivary gland: focal lymphocytic sialadenitis, focus >= 1   3
    Anti-SSA/Ro positive                                                3
    Ocular Staining Score >= 5 (or van Bijsterveld >= 4), >= 1 eye      1
    Schirmer <= 5 mm/5 min, >= 1 eye                                    1
    Unstimulated whole saliva flow <= 0.1 mL/min                        1
    ==================================================================  ======

    $$
    \text{pSS} = \text{entry} \land \lnot\,\text{exclusion} \land \sum_k w_k x_k \ge 4
    $$

    Patients on anticholinergic drugs should be tested after a sufficient wash-out for
    the ocular and saliva tests to be valid (Shiboski 2017); that is not an exclusion.

    References
    ----------
    1. Shiboski CH, Shiboski SC, Seror R, et al. 2016 American College of
       Rheumatology/European League Against Rheumatism classification criteria for primary
       Sjögren's syndrome. Ann Rheum Dis 2017;76:9-16. doi:10.1136/annrheumdis-2016-210571
       (also Arthritis Rheumatol 2017;69:35-45, doi:10.1002/art.39859)

    Examples
    --------
    >>> outcome = acr_eular_2016_sjogren(
    ...     dry_mouth_over_3_months=True,
    ...     anti_ro_ssa=True,
    ...     schirmer_mm_per_5_min=4,
    ...     head_and_neck_radiation=False,
    ...     active_hepatitis_c=False,
    ...     aids=False,
    ...     sarcoidosis=False,
    ...     amyloidosis=False,
    ...     graft_versus_host_disease=False,
    ...     igg4_related_disease=False,
    ... )
    >>> outcome.met, outcome.points
    (True, 4)
    """
    entry = _any(
        "entry",
        "entry criterion (a dryness question or ESSDAI suspicion)",
        [
            _flag("dry_eyes_over_3_months", dry_eyes_over_3_months, "dry eyes > 3 months"),
            _flag(
                "sand_or_gravel_sensation_in_eyes",
                sand_or_gravel_sensation_in_eyes,
                "sand or gravel sensation",
            ),
            _flag(
                "tear_substitutes_over_3_times_daily",
                tear_substitutes_over_3_times_daily,
                "tear substitutes > 3 times a day",
            ),
            _flag("dry_mouth_over_3_months", dry_mouth_over_3_months, "dry mouth > 3 months"),
            _flag(
                "liquids_to_swallow_dry_food",
                liquids_to_swallow_dry_food,
                "liquids to swallow dry food",
            ),
            _flag(
                "essdai_positive_domain",
                essdai_positive_domain,
                "ESSDAI domain with a positive item",
            ),
        ],
    )
    weighted = [
        _outcome(
            "focus_score",
            "focal lymphocytic sialadenitis with focus score >= 1 (3 points)",
            _biopsy_tests(focal_lymphocytic_sialadenitis, focus_score_per_4_mm2),
            all_of,
        ),
        _any(
            "anti_ro_ssa",
            "anti-SSA/Ro (3 points)",
            [_flag("anti_ro_ssa", anti_ro_ssa, "anti-SSA/Ro")],
        ),
        _any(
            "ocular_staining",
            "Ocular Staining Score >= 5 or van Bijsterveld >= 4 (1 point)",
            [
                _score_at_least("ocular_staining_score", ocular_staining_score, 5, _OSS_MAX, "OSS"),
                _score_at_least(
                    "van_bijsterveld_score",
                    van_bijsterveld_score,
                    4,
                    _VAN_BIJSTERVELD_MAX,
                    "van Bijsterveld score",
                ),
            ],
        ),
        _any(
            "schirmer",
            "Schirmer <= 5 mm/5 min (1 point)",
            [
                _at_most(
                    "schirmer_mm_per_5_min",
                    schirmer_mm_per_5_min,
                    _FIVE,
                    _SCHIRMER_MAX,
                    "Schirmer",
                    "mm/5 min",
                )
            ],
        ),
        _any(
            "unstimulated_saliva_flow",
            "unstimulated whole saliva flow <= 0.1 mL/min (1 point)",
            [
                _at_most(
                    "unstimulated_saliva_flow_ml_per_min",
                    unstimulated_saliva_flow_ml_per_min,
                    _ONE_TENTH,
                    _FLOW_PER_MIN_MAX,
                    "unstimulated whole saliva",
                    "mL/min",
                )
            ],
        ),
    ]
    weighted = [
        Outcome(  # attrs.evolve without its per-call field introspection (perf2)
            item.name,
            item.met,
            item.reason,
            weight if item.met else 0 if item.met is False else None,
            item.values,
            item.missing,
            item.items,
        )
        for item, weight in zip(weighted, _WEIGHTS, strict=True)
    ]
    exclusion = _none_present(
        "no_exclusion",
        "no exclusion condition",
        [
            _flag("head_and_neck_radiation", head_and_neck_radiation, "head and neck radiation"),
            _flag("active_hepatitis_c", active_hepatitis_c, "active hepatitis C (PCR)"),
            _flag("aids", aids, "AIDS"),
            _flag("sarcoidosis", sarcoidosis, "sarcoidosis"),
            _flag("amyloidosis", amyloidosis, "amyloidosis"),
            _flag("graft_versus_host_disease", graft_versus_host_disease, "GVHD"),
            _flag("igg4_related_disease", igg4_related_disease, "IgG4-related disease"),
        ],
    )
    items = [entry, *weighted, exclusion]

    def score(v: Sequence[bool | None]) -> bool | None:
        known = sum(w for w, x in zip(_WEIGHTS, v, strict=True) if x is True)
        unknown = sum(w for w, x in zip(_WEIGHTS, v, strict=True) if x is None)
        return points_reach(known, unknown, _THRESHOLD)

    def decide(v: Sequence[bool | None]) -> bool | None:
        return all_of([v[0], v[6], score(v[1:6])])

    states = [item.met for item in items]
    known = sum(w for w, x in zip(_WEIGHTS, states[1:6], strict=True) if x is True)
    unknown = sum(w for w, x in zip(_WEIGHTS, states[1:6], strict=True) if x is None)
    reached = score(states[1:6])
    met = decide(states)
    missing = _relevant_missing(items, decide) if met is None else ()
    points_text = f"{known} points" + (f" (+ up to {unknown} unknown)" if unknown else "")
    return Outcome(
        "acr_eular_2016_sjogren",
        met,
        f"ACR/EULAR 2016 primary SS: {_status(met)}: {points_text}, threshold >= "
        f"{_THRESHOLD} {_status(reached)}; entry {_status(entry.met)}; no exclusion "
        f"{_status(exclusion.met)}",
        points=known,
        values={"points": known, "unknown_points_max": unknown},
        missing=missing,
        items=tuple(items),
    )
