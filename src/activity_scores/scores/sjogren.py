r"""Primary Sjögren's syndrome: ESSDAI, ESSPRI, activity levels and minimal important improvement.

* :func:`essdai`: the EULAR Sjögren's Syndrome Disease Activity Index (Seror 2010), with the
  level definitions of the EULAR user guide (Seror 2015) available as data
  (:func:`essdai_definitions`) for a screening form, and the activity levels of Seror 2016.
* :func:`esspri`: the EULAR Sjögren's Syndrome Patient Reported Index (Seror 2011), with the
  patient-acceptable symptom state of Seror 2016.
* :func:`essdai_mcii`, :func:`esspri_mcii`: minimal clinically important improvement
  (Seror 2016).

ESSDAI and ESSPRI are computed exactly: ESSDAI is a sum of integers, ESSPRI a mean of three
integer 0-10 ratings, whose cut-offs (ESSPRI < 5) are decided on the integer sum (< 15).
Improvement is decided on exact fractions (see :func:`esspri_mcii`), so that a decrease of
exactly 1 point or exactly 15 % counts whatever binary floating point makes of it.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from enum import Enum
from fractions import Fraction
from operator import itemgetter
from types import MappingProxyType
from typing import Any

import attrs

from activity_scores import _fast
from activity_scores import _validation as _v
from activity_scores.errors import InvalidInputError
from activity_scores.results import _DEFERRED, DiseaseActivity, Outcome, Score, _new

__all__ = [
    "EssdaiDomain",
    "EssdaiDomainDefinition",
    "EssdaiLevel",
    "EssdaiLevelDefinition",
    "EsspriState",
    "essdai",
    "essdai_category",
    "essdai_definitions",
    "essdai_mcii",
    "esspri",
    "esspri_mcii",
]


class EssdaiDomain(str, Enum):
    """The 12 ESSDAI domains (Seror 2010, Table 3), in the published order."""

    CONSTITUTIONAL = "constitutional"
    LYMPHADENOPATHY = "lymphadenopathy"
    GLANDULAR = "glandular"
    ARTICULAR = "articular"
    CUTANEOUS = "cutaneous"
    PULMONARY = "pulmonary"
    RENAL = "renal"
    MUSCULAR = "muscular"
    PERIPHERAL_NERVOUS_SYSTEM = "peripheral_nervous_system"
    CENTRAL_NERVOUS_SYSTEM = "central_nervous_system"
    HEMATOLOGICAL = "hematological"
    BIOLOGICAL = "biological"


class EssdaiLevel(str, Enum):
    """ESSDAI activity level of a domain: no (0), low (1), moderate (2), high (3).

    The level is multiplied by the domain's weight (Seror 2010). Not every domain allows
    every level: constitutional, glandular and biological have no high level, the central
    nervous system has no low level (see :func:`essdai_definitions`).
    """

    NO = "no"
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


_LEVEL_NUMBER = {
    EssdaiLevel.NO: 0,
    EssdaiLevel.LOW: 1,
    EssdaiLevel.MODERATE: 2,
    EssdaiLevel.HIGH: 3,
}


class EsspriState(str, Enum):
    """ESSPRI symptom state (Seror 2016): ``acceptable`` (ESSPRI < 5) or ``unsatisfactory``."""

    ACCEPTABLE = "acceptable"
    UNSATISFACTORY = "unsatisfactory"


@attrs.frozen
class EssdaiLevelDefinition:
    """One activity level of one ESSDAI domain, as a screening form shows it.

    Attributes
    ----------
    level
        The :class:`EssdaiLevel`.
    points
        Its contribution to ESSDAI: the domain weight times the level number (0-3), as
        printed in the EULAR user guide (Seror 2015).
    description
        What makes the domain's activity this level (summary of Seror 2010 Table 3 with
        the wording changes of the 2015 user guide; read the guide before rating).
    """

    level: EssdaiLevel
    points: int
    description: str


@attrs.frozen
class EssdaiDomainDefinition:
    """An ESSDAI domain: its weight, the levels it allows and their definitions.

    Attributes
    ----------
    domain
        The :class:`EssdaiDomain`.
    title
        Display name of the domain.
    weight
        The domain weight (Seror 2010 Table 3).
    note
        The rating rule that applies to the whole domain (what to exclude, how damage
        is rated).
    levels
        The allowed levels, lowest first, each with its points and definition.
    """

    domain: EssdaiDomain
    title: str
    weight: int
    note: str
    levels: tuple[EssdaiLevelDefinition, ...]

    @property
    def allowed_levels(self) -> tuple[EssdaiLevel, ...]:
        """The levels this domain allows, lowest first."""
        return tuple(level.level for level in self.levels)

    @property
    def max_points(self) -> int:
        """The most this domain can contribute."""
        return self.levels[-1].points


_N, _L, _M, _H = EssdaiLevel.NO, EssdaiLevel.LOW, EssdaiLevel.MODERATE, EssdaiLevel.HIGH

# (domain, title, weight, note, ((level, description), ...)). Descriptions summarise Seror
# 2010 Table 3 (doi:10.1136/ard.2009.110619) as revised by the user guide, Seror 2015
# (doi:10.1136/rmdopen-2014-000022). Audit: the renal, peripheral nervous system,
# haematological and biological rows could not be checked against a stored copy of either
# source, and the PNS "moderate" wording differs from an independent calculator ("no motor
# deficit"); see the verification note on docs/sjogren.md.
_TABLE: tuple[tuple[EssdaiDomain, str, int, str, tuple[tuple[EssdaiLevel, str], ...]], ...] = (
    (
        EssdaiDomain.CONSTITUTIONAL,
        "Constitutional",
        3,
        "Exclude fever of infectious origin and voluntary weight loss.",
        (
            (_N, "None of the following."),
            (
                _L,
                (
                    "Mild or intermittent fever (37.5-38.5 °C) / night sweats and/or involuntary "
                    "weight loss of 5-10 % of body weight."
                ),
            ),
            (
                _M,
                (
                    "Severe fever (> 38.5 °C) / night sweats and/or involuntary weight loss of "
                    "> 10 % of body weight."
                ),
            ),
        ),
    ),
    (
        EssdaiDomain.LYMPHADENOPATHY,
        "Lymphadenopathy and lymphoma",
        4,
        "Exclude infection.",
        (
            (_N, "None of the following."),
            (_L, "Lymphadenopathy >= 1 cm in any nodal region or >= 2 cm in the inguinal region."),
            (
                _M,
                (
                    "Lymphadenopathy >= 2 cm in any nodal region or >= 3 cm in the inguinal region, "
                    "and/or splenomegaly (palpable or on imaging)."
                ),
            ),
            (_H, "Current malignant B-cell proliferative disorder."),
        ),
    ),
    (
        EssdaiDomain.GLANDULAR,
        "Glandular",
        2,
        "Exclude stone or infection.",
        (
            (_N, "No glandular swelling."),
            (
                _L,
                (
                    "Small glandular swelling: enlarged parotid <= 3 cm, or limited submandibular "
                    "or lachrymal swelling."
                ),
            ),
            (
                _M,
                (
                    "Major glandular swelling: enlarged parotid > 3 cm, or important submandibular "
                    "or lachrymal swelling."
                ),
            ),
        ),
    ),
    (
        EssdaiDomain.ARTICULAR,
        "Articular",
        2,
        "Exclude osteoarthritis.",
        (
            (_N, "No currently active articular involvement."),
            (_L, "Arthralgias in hands, wrists, ankles and feet with morning stiffness > 30 min."),
            (_M, "1-5 synovitis (of the 28-joint count)."),
            (_H, ">= 6 synovitis (of the 28-joint count)."),
        ),
    ),
    (
        EssdaiDomain.CUTANEOUS,
        "Cutaneous",
        3,
        "Rate stable long-lasting features due to damage as no activity.",
        (
            (_N, "No currently active cutaneous involvement."),
            (_L, "Erythema multiforme."),
            (
                _M,
                (
                    "Limited cutaneous vasculitis (including urticarial vasculitis), or purpura "
                    "limited to feet and ankles, or subacute cutaneous lupus."
                ),
            ),
            (
                _H,
                (
                    "Diffuse cutaneous vasculitis (including urticarial vasculitis), or diffuse "
                    "purpura, or ulcers due to vasculitis."
                ),
            ),
        ),
    ),
    (
        EssdaiDomain.PULMONARY,
        "Pulmonary",
        5,
        (
            "Rate stable long-lasting features due to damage, and respiratory involvement not "
            "due to the disease (tobacco use, ...), as no activity."
        ),
        (
            (_N, "No currently active pulmonary involvement."),
            (
                _L,
                (
                    "Persistent cough due to bronchial involvement with no radiographic "
                    "abnormality, or interstitial lung disease on radiograph or HRCT with no "
                    "breathlessness and normal lung function tests."
                ),
            ),
            (
                _M,
                (
                    "Moderately active involvement, e.g. interstitial lung disease on HRCT with "
                    "breathlessness on exercise (NYHA II) or abnormal lung function restricted to "
                    "40 % <= DLCO < 70 % or 60 % <= FVC < 80 % predicted."
                ),
            ),
            (
                _H,
                (
                    "Highly active involvement, e.g. interstitial lung disease on HRCT with "
                    "breathlessness at rest (NYHA III-IV) or DLCO < 40 % or FVC < 60 % predicted."
                ),
            ),
        ),
    ),
    (
        EssdaiDomain.RENAL,
        "Renal",
        5,
        (
            "Rate stable long-lasting proteinuria due to damage, and renal involvement not due "
            "to the disease, as no activity; with a biopsy, rate on histology first."
        ),
        (
            (
                _N,
                (
                    "No currently active renal involvement: proteinuria < 0.5 g/day, no "
                    "haematuria, no leucocyturia, no acidosis."
                ),
            ),
            (
                _L,
                (
                    "Mild activity: tubular acidosis without renal failure (GFR >= 60 mL/min), or "
                    "glomerular involvement with proteinuria 0.5-1 g/day without haematuria or "
                    "renal failure."
                ),
            ),
            (
                _M,
                (
                    "Moderate activity: tubular acidosis with renal failure (GFR < 60 mL/min), or "
                    "glomerular involvement with proteinuria 1-1.5 g/day without haematuria or "
                    "renal failure, or histological extra-membranous glomerulonephritis or "
                    "important interstitial lymphoid infiltrate."
                ),
            ),
            (
                _H,
                (
                    "High activity: glomerular involvement with proteinuria > 1.5 g/day, or "
                    "haematuria, or renal failure (GFR < 60 mL/min), or histological proliferative "
                    "glomerulonephritis or cryoglobulinaemia-related renal involvement."
                ),
            ),
        ),
    ),
    (
        EssdaiDomain.MUSCULAR,
        "Muscular",
        6,
        "Exclude weakness due to corticosteroids.",
        (
            (_N, "No currently active muscular involvement."),
            (
                _L,
                (
                    "Mild active myositis on abnormal EMG, MRI or biopsy, with no weakness and "
                    "creatine kinase N < CK <= 2N."
                ),
            ),
            (
                _M,
                (
                    "Moderately active myositis on abnormal EMG, MRI or biopsy, with weakness "
                    "(maximal deficit 4/5) or creatine kinase 2N < CK <= 4N."
                ),
            ),
            (
                _H,
                (
                    "Highly active myositis on abnormal EMG, MRI or biopsy, with weakness "
                    "(deficit <= 3/5) or creatine kinase > 4N."
                ),
            ),
        ),
    ),
    (
        EssdaiDomain.PERIPHERAL_NERVOUS_SYSTEM,
        "Peripheral nervous system",
        5,
        (
            "Rate stable long-lasting features due to damage, and involvement not due to the "
            "disease, as no activity."
        ),
        (
            (_N, "No currently active peripheral nervous system involvement."),
            (
                _L,
                (
                    "Mild activity: pure sensory axonal polyneuropathy on nerve conduction studies, "
                    "or trigeminal (V) neuralgia."
                ),
            ),
            (
                _M,
                (
                    "Moderate activity on nerve conduction studies: axonal sensorimotor neuropathy "
                    "with maximal motor deficit 4/5, pure sensory neuropathy with cryoglobulinaemic "
                    "vasculitis, ganglionopathy with mild/moderate ataxia only, CIDP with mild "
                    "functional impairment (maximal motor deficit 4/5 or mild ataxia), or cranial "
                    "nerve involvement of peripheral origin (except trigeminal neuralgia)."
                ),
            ),
            (
                _H,
                (
                    "High activity on nerve conduction studies: axonal sensorimotor neuropathy with "
                    "motor deficit <= 3/5, peripheral nerve involvement due to vasculitis "
                    "(mononeuritis multiplex, ...), severe ataxia due to ganglionopathy, or CIDP "
                    "with severe functional impairment (motor deficit <= 3/5 or severe ataxia)."
                ),
            ),
        ),
    ),
    (
        EssdaiDomain.CENTRAL_NERVOUS_SYSTEM,
        "Central nervous system",
        5,
        (
            "Rate stable long-lasting features due to damage, and involvement not due to the "
            "disease, as no activity. This domain has no low level."
        ),
        (
            (_N, "No currently active central nervous system involvement."),
            (
                _M,
                (
                    "Moderate activity: cranial nerve involvement of central origin, optic "
                    "neuritis, or multiple-sclerosis-like syndrome with pure sensory impairment "
                    "or proven cognitive impairment."
                ),
            ),
            (
                _H,
                (
                    "High activity: cerebral vasculitis with stroke or transient ischaemic attack, "
                    "seizures, transverse myelitis, lymphocytic meningitis, or "
                    "multiple-sclerosis-like syndrome with motor deficit."
                ),
            ),
        ),
    ),
    (
        EssdaiDomain.HEMATOLOGICAL,
        "Haematological",
        2,
        (
            "Only autoimmune cytopenia counts; exclude vitamin or iron deficiency and "
            "drug-induced cytopenia."
        ),
        (
            (_N, "No autoimmune cytopenia."),
            (
                _L,
                (
                    "Autoimmune cytopenia: neutrophils 1000-1500/mm³, and/or haemoglobin "
                    "10-12 g/dL, and/or platelets 100 000-150 000/mm³, or lymphocytes "
                    "500-1000/mm³."
                ),
            ),
            (
                _M,
                (
                    "Autoimmune cytopenia: neutrophils 500-1000/mm³, and/or haemoglobin "
                    "8-10 g/dL, and/or platelets 50 000-100 000/mm³, or lymphocytes <= 500/mm³."
                ),
            ),
            (
                _H,
                (
                    "Autoimmune cytopenia: neutrophils < 500/mm³, and/or haemoglobin < 8 g/dL, "
                    "and/or platelets < 50 000/mm³."
                ),
            ),
        ),
    ),
    (
        EssdaiDomain.BIOLOGICAL,
        "Biological",
        1,
        "Laboratory features of the disease.",
        (
            (_N, "None of the following."),
            (
                _L,
                (
                    "Clonal component, and/or hypocomplementaemia (low C4, C3 or CH50), and/or "
                    "hypergammaglobulinaemia or IgG 16-20 g/L."
                ),
            ),
            (
                _M,
                (
                    "Cryoglobulinaemia, and/or hypergammaglobulinaemia or IgG > 20 g/L, and/or "
                    "recent-onset hypogammaglobulinaemia or recent fall of IgG (< 5 g/L)."
                ),
            ),
        ),
    ),
)

_DEFINITIONS: Mapping[EssdaiDomain, EssdaiDomainDefinition] = MappingProxyType(
    {
        domain: EssdaiDomainDefinition(
            domain,
            title,
            weight,
            note,
            tuple(
                EssdaiLevelDefinition(level, weight * _LEVEL_NUMBER[level], text)
                for level, text in levels
            ),
        )
        for domain, title, weight, note, levels in _TABLE
    }
)

#: Points of every allowed (domain, level); a missing pair is a level the domain does not allow.
_POINTS: Mapping[EssdaiDomain, Mapping[EssdaiLevel, int]] = MappingProxyType(
    {
        domain: MappingProxyType({item.level: item.points for item in definition.levels})
        for domain, definition in _DEFINITIONS.items()
    }
)

ESSDAI_MAX = 123
_ESSPRI_MAX = 10
#: ESSPRI >= 5 is unsatisfactory (Seror 2016): the sum of the three items >= 15.
_UNSATISFACTORY_TOTAL = 15

# Hot-path tables (issue 8): on Python 3.11 every ``Enum.MEMBER`` and ``member.value`` runs
# a Python-level descriptor, so the loops below read names, labels and members from here.
_DOMAIN_ROWS = tuple(
    (domain, domain.value, f"domains[{domain.value!r}]", points_of)
    for domain, points_of in _POINTS.items()
)
_LEVELS_BY_VALUE = {level.value: level for level in EssdaiLevel}
#: essdai's fast path: per domain, its name and its points by allowed level *value* (a
#: member, a str Enum, hashes and compares as its value, so it finds its row too).
_FAST_POINTS = tuple(
    {level.value: points for level, points in points_of.items()} for points_of in _POINTS.values()
)
#: The levels of a mapping in domain order, in one C call (KeyError for a missing domain).
_DOMAIN_LEVELS = itemgetter(*(name for _, name, _, _ in _DOMAIN_ROWS))
_points_of = operator.getitem
_N_DOMAINS = len(_DOMAIN_ROWS)
_LOW = DiseaseActivity.LOW
_MODERATE = DiseaseActivity.MODERATE
_HIGH = DiseaseActivity.HIGH
_ACCEPTABLE = EsspriState.ACCEPTABLE
_UNSATISFACTORY = EsspriState.UNSATISFACTORY


def essdai_definitions(
    *, domain: EssdaiDomain | str | None = None
) -> tuple[EssdaiDomainDefinition, ...]:
    """Return the ESSDAI domains with their weights, allowed levels and definitions.

    The data a screening form shows next to each domain: the weight (Seror 2010, Table 3),
    the levels the domain allows, the points of each level (weight x level, as the EULAR
    user guide prints them) and a summary of each level's definition.

    Parameters
    ----------
    domain
        One domain (an :class:`EssdaiDomain` or its string value), or ``None`` (default)
        for all 12.

    Returns
    -------
    tuple of EssdaiDomainDefinition
        All 12 in the published order (constitutional first, biological last), or the
        one asked for.

    References
    ----------
    1. Seror R, Ravaud P, Bowman SJ, et al. EULAR Sjögren's syndrome disease activity index:
       development of a consensus systemic disease activity index for primary Sjögren's
       syndrome. Ann Rheum Dis 2010;69:1103-1109. doi:10.1136/ard.2009.110619
    2. Seror R, Bowman SJ, Brito-Zeron P, et al. EULAR Sjögren's syndrome disease activity
       index (ESSDAI): a user guide. RMD Open 2015;1:e000022. doi:10.1136/rmdopen-2014-000022

    Examples
    --------
    >>> articular = essdai_definitions()[3]
    >>> articular.title, articular.weight, [d.points for d in articular.levels]
    ('Articular', 2, [0, 2, 4, 6])
    >>> articular.levels[2].description
    '1-5 synovitis (of the 28-joint count).'
    >>> (cns,) = essdai_definitions(domain="central_nervous_system")
    >>> [level.value for level in cns.allowed_levels]
    ['no', 'moderate', 'high']
    """
    if domain is None:
        return tuple(_DEFINITIONS.values())
    return (_DEFINITIONS[_v.choice("domain", domain, EssdaiDomain)],)


def _band(value: int) -> DiseaseActivity:
    if value < 5:  # noqa: PLR2004 - low activity: ESSDAI < 5 (Seror 2016)
        return _LOW
    if value <= 13:  # noqa: PLR2004 - moderate: 5 <= ESSDAI <= 13
        return _MODERATE
    return _HIGH


def _essdai_value(field: str, value: object) -> int:
    """An ESSDAI value: an integer 0-123 or an ESSDAI :class:`Score`."""
    if isinstance(value, Score):
        if value.instrument != "ESSDAI":
            raise InvalidInputError(field, "must be an ESSDAI value or ESSDAI Score", value)
        return int(value.value)
    return _v.count(field, value, 0, ESSDAI_MAX)


def essdai_category(value: int | Score) -> DiseaseActivity:
    """Return the ESSDAI activity level: low (< 5), moderate (5-13) or high (>= 14).

    Parameters
    ----------
    value
        An ESSDAI value, an integer 0-123, or an ESSDAI :class:`Score`.

    Notes
    -----
    Seror 2016: low activity ESSDAI < 5, moderate 5 <= ESSDAI <= 13, high ESSDAI >= 14.
    ESSDAI is an integer, so the bands leave no gap. There is no "remission" band.

    References
    ----------
    1. Seror R, Bootsma H, Saraux A, et al. Defining disease activity states and clinically
       meaningful improvement in primary Sjögren's syndrome with EULAR primary Sjögren's
       syndrome disease activity (ESSDAI) and patient-reported indexes (ESSPRI).
       Ann Rheum Dis 2016;75:382-389. doi:10.1136/annrheumdis-2014-206008

    Examples
    --------
    >>> [essdai_category(v).value for v in (4, 5, 13, 14)]
    ['low', 'moderate', 'moderate', 'high']
    """
    if type(value) is int and 0 <= value <= ESSDAI_MAX:  # the common case: _band, inlined
        if value < 5:  # noqa: PLR2004 - low activity: ESSDAI < 5
            return _LOW
        return _MODERATE if value <= 13 else _HIGH  # noqa: PLR2004 - moderate: 5-13
    return _band(_essdai_value("value", value))


def essdai(domains: Mapping[EssdaiDomain | str, EssdaiLevel | str]) -> Score:
    r"""EULAR Sjögren's Syndrome Disease Activity Index (ESSDAI).

    Parameters
    ----------
    domains
        Every one of the 12 domains (:class:`EssdaiDomain` members or their string values:
        ``constitutional``, ``lymphadenopathy``, ``glandular``, ``articular``,
        ``cutaneous``, ``pulmonary``, ``renal``, ``muscular``,
        ``peripheral_nervous_system``, ``central_nervous_system``, ``hematological``,
        ``biological``) mapped to its activity level (:class:`EssdaiLevel` or ``"no"``,
        ``"low"``, ``"moderate"``, ``"high"``). Levels, not pre-multiplied points, are
        taken: the weights are applied here. A domain left out is an error, not "no".

    Returns
    -------
    Score
        ``value`` the integer ESSDAI, 0-123; ``category`` a :class:`DiseaseActivity`
        (``low``, ``moderate`` or ``high``, see :func:`essdai_category`); ``components``
        each domain's points; ``inputs`` each domain's level.

    Raises
    ------
    InvalidInputError
        A missing domain, an unknown key, a key given twice, an unknown level, or a level
        the domain does not allow (``high`` for constitutional, glandular or biological;
        ``low`` for the central nervous system). The message names the domain.

    Notes
    -----
    $$
    \mathrm{ESSDAI} = \sum_{d=1}^{12} w_d \, \ell_d, \qquad
    \ell_d \in \{0, 1, 2, 3\} \text{ (no, low, moderate, high)}
    $$

    ==========================  ======  ===============================
    Domain                      Weight  Levels allowed
    ==========================  ======  ===============================
    constitutional              3       no, low, moderate
    lymphadenopathy             4       no, low, moderate, high
    glandular                   2       no, low, moderate
    articular                   2       no, low, moderate, high
    cutaneous                   3       no, low, moderate, high
    pulmonary                   5       no, low, moderate, high
    renal                       5       no, low, moderate, high
    muscular                    6       no, low, moderate, high
    peripheral_nervous_system   5       no, low, moderate, high
    central_nervous_system      5       no, moderate, high
    hematological               2       no, low, moderate, high
    biological                  1       no, low, moderate
    ==========================  ======  ===============================

    Maximum 6 + 12 + 4 + 6 + 9 + 15 + 15 + 18 + 15 + 15 + 6 + 2 = 123. Definitions of each
    level: :func:`essdai_definitions`. Activity levels (Seror 2016): low < 5,
    moderate 5-13, high >= 14.

    References
    ----------
    1. Seror R et al. Ann Rheum Dis 2010;69:1103-1109. doi:10.1136/ard.2009.110619
    2. Seror R et al. RMD Open 2015;1:e000022. doi:10.1136/rmdopen-2014-000022
    3. Seror R et al. Ann Rheum Dis 2016;75:382-389. doi:10.1136/annrheumdis-2014-206008

    Examples
    --------
    >>> levels = dict.fromkeys(EssdaiDomain, "no")
    >>> levels.update(articular="moderate", glandular="low", biological="moderate")
    >>> s = essdai(levels)
    >>> s.value, s.category.value, s.components["articular"]
    (8, 'moderate', 4)
    """
    if type(domains) is dict and len(domains) == _N_DOMAINS:
        # The common case: a plain dict of the 12 domains, each at an allowed level, in
        # two C-level passes (the levels in domain order, their points); anything else (a
        # missing or unknown key, a level not allowed, an unhashable level) goes to the
        # general code below, which names the first fault.
        common = _common_total(domains)
        if common is not None:
            levels, total = common
            # lazy_score(total, band, state), inlined; the state holds the levels (a later
            # change to the caller's dict must not change this Score).
            score = _new(Score)
            fields = score.__dict__
            fields["value"] = total
            fields["category"] = _LOW if total < 5 else _MODERATE if total <= 13 else _HIGH  # noqa: PLR2004 - _band
            fields[_DEFERRED] = (_essdai_score, levels)
            return score
    given = _v.keyed("domains", domains, EssdaiDomain)
    components: dict[str, int] = {}
    inputs: dict[str, object] = {}
    for domain, name, field, points_of in _DOMAIN_ROWS:
        if domain not in given:
            raise InvalidInputError(field, "is missing: every ESSDAI domain needs a level", None)
        raw = given[domain]
        level = _LEVELS_BY_VALUE.get(raw) if type(raw) is str else None
        if level is None:
            level = raw if isinstance(raw, EssdaiLevel) else _v.choice(field, raw, EssdaiLevel)
        if level not in points_of:
            allowed = ", ".join(repr(item.value) for item in points_of)
            raise InvalidInputError(field, f"must be one of {allowed} for this domain", raw)
        components[name] = points_of[level]
        inputs[name] = level
    value = sum(components.values())
    return Score(
        "ESSDAI",
        value,
        _band(value),
        "",
        MappingProxyType(inputs),
        MappingProxyType(components),
    )


def _common_total(domains: Mapping[Any, Any]) -> tuple[tuple[Any, ...], int] | None:
    """The levels in domain order and the ESSDAI of ``domains``, in the common case.

    Every domain at one of its allowed levels, by value (or member), in two C-level passes
    (the levels in domain order, their points); ``None`` for anything else (a missing
    domain, a level not allowed, an unhashable level), which :func:`essdai`'s general code
    names. :func:`essdai`'s fast path, and the screening's pSS rule with the record's
    read-only mapping of the 12 domains (issue 8).
    """
    try:
        levels = _DOMAIN_LEVELS(domains)
        return levels, sum(map(_points_of, _FAST_POINTS, levels))
    except (KeyError, TypeError):
        return None


def _essdai_score(value: int, category: DiseaseActivity, state: tuple[Any, ...]) -> dict[str, Any]:
    """The fields of the complete ESSDAI Score (see ``lazy_score`` in results.py)."""
    _, levels = state
    components: dict[str, int] = {}
    inputs: dict[str, object] = {}
    for (_, name, _, points_of), given in zip(_DOMAIN_ROWS, levels, strict=True):
        level = _LEVELS_BY_VALUE[given]  # checked: a level (a member finds its value)
        components[name] = points_of[level]
        inputs[name] = level
    return {
        "instrument": "ESSDAI",
        "value": value,
        "category": category,
        "unit": "",
        "inputs": MappingProxyType(inputs),
        "components": MappingProxyType(components),
        "variant": None,
        "precision": None,
    }


def esspri(*, dryness: int, fatigue: int, pain: int) -> Score:
    r"""EULAR Sjögren's Syndrome Patient Reported Index (ESSPRI).

    Parameters
    ----------
    dryness
        Severity of dryness over the last 2 weeks on the ESSPRI 0-10 numerical scale.
        [points], integer 0-10.
    fatigue
        Severity of fatigue over the last 2 weeks. [points], integer 0-10.
    pain
        Severity of pain (joint or muscular pains in arms or legs) over the last 2 weeks.
        [points], integer 0-10.

    Returns
    -------
    Score
        ``value`` the mean of the three ratings, 0-10 (unrounded: 14/3 is 4.666...);
        ``category`` an :class:`EsspriState`: ``acceptable`` (the patient-acceptable
        symptom state, ESSPRI < 5) or ``unsatisfactory`` (ESSPRI >= 5); ``components``
        each rating's share of the mean.

    Notes
    -----
    $$
    \mathrm{ESSPRI} = \frac{\text{dryness} + \text{fatigue} + \text{pain}}{3}
    $$

    The ratings are whole numbers (0-10 numerical scales, Seror 2011), so the state is
    decided exactly on the sum: ESSPRI < 5 exactly when the sum is < 15. The index is not
    defined with a missing rating: all three are required.

    References
    ----------
    1. Seror R, Ravaud P, Mariette X, et al. EULAR Sjögren's Syndrome Patient Reported Index
       (ESSPRI): development of a consensus patient index for primary Sjögren's syndrome.
       Ann Rheum Dis 2011;70:968-972. doi:10.1136/ard.2010.143743
    2. Seror R et al. Ann Rheum Dis 2016;75:382-389. doi:10.1136/annrheumdis-2014-206008
       (patient-acceptable symptom state: ESSPRI < 5).

    Examples
    --------
    >>> s = esspri(dryness=7, fatigue=5, pain=3)
    >>> s.value, s.category.value
    (5.0, 'unsatisfactory')
    >>> esspri(dryness=6, fatigue=5, pain=3).category.value
    'acceptable'
    """
    if not (type(dryness) is int and 0 <= dryness <= _ESSPRI_MAX):
        dryness = _v.count("dryness", dryness, 0, _ESSPRI_MAX, "points")
    if not (type(fatigue) is int and 0 <= fatigue <= _ESSPRI_MAX):
        fatigue = _v.count("fatigue", fatigue, 0, _ESSPRI_MAX, "points")
    if not (type(pain) is int and 0 <= pain <= _ESSPRI_MAX):
        pain = _v.count("pain", pain, 0, _ESSPRI_MAX, "points")
    total = dryness + fatigue + pain
    state = _ACCEPTABLE if total < _UNSATISFACTORY_TOTAL else _UNSATISFACTORY
    # lazy_score(total / 3, state, ...), inlined: the other fields are built on demand.
    score = _new(Score)
    fields = score.__dict__
    fields["value"] = total / 3
    fields["category"] = state
    fields[_DEFERRED] = (_esspri_score, dryness, fatigue, pain)
    return score


def _esspri_score(value: float, category: EsspriState, state: tuple[Any, ...]) -> dict[str, Any]:
    """The fields of the complete ESSPRI Score (see ``lazy_score`` in results.py)."""
    _, dryness, fatigue, pain = state
    return {
        "instrument": "ESSPRI",
        "value": value,
        "category": category,
        "unit": "",
        "inputs": MappingProxyType({"dryness": dryness, "fatigue": fatigue, "pain": pain}),
        "components": MappingProxyType(
            {"dryness": dryness / 3, "fatigue": fatigue / 3, "pain": pain / 3}
        ),
        "variant": None,
        "precision": None,
    }


#: Denominator bound used to read a float as the exact value a person typed (see esspri_mcii).
_DENOMINATOR = 10**6


def _esspri_exact(field: str, value: object) -> Fraction:
    """An ESSPRI value as an exact fraction (an ESSPRI Score: its integer sum / 3)."""
    if isinstance(value, Score):
        if value.instrument != "ESSPRI":
            raise InvalidInputError(field, "must be an ESSPRI value or ESSPRI Score", value)
        total = sum(int(v) for v in value.inputs.values() if isinstance(v, int))
        return Fraction(total, 3)
    if isinstance(value, Fraction):
        _v.real(field, value, 0, _ESSPRI_MAX)
        return value
    number = _v.real(field, value, 0, _ESSPRI_MAX)
    return Fraction(number).limit_denominator(_DENOMINATOR)


def _show(number: Fraction) -> str:
    return f"{float(number):.4g}"


def esspri_mcii(*, baseline: float | Score, follow_up: float | Score) -> Outcome:
    r"""Minimal clinically important improvement (MCII) of ESSPRI.

    Parameters
    ----------
    baseline
        ESSPRI at baseline, 0-10 (a number or an ESSPRI :class:`Score`).
    follow_up
        ESSPRI at follow-up, 0-10.

    Returns
    -------
    Outcome
        ``met`` ``True`` when ESSPRI fell by at least 1 point or by at least 15 % of the
        baseline value (both inclusive), else ``False``; ``values`` the decrease in points
        and in percent of baseline.

    Notes
    -----
    $$
    \text{MCII} \iff \Delta \ge 1 \;\lor\; \Delta \ge 0.15 \times \text{ESSPRI}_0,
    \qquad \Delta = \text{ESSPRI}_0 - \text{ESSPRI}_1
    $$

    The comparison is exact: an ESSPRI :class:`Score` is read as its integer sum / 3, and a
    number as the nearest fraction with a denominator of at most 10⁶, which is the value as
    typed (5.3, 4.3, 14/3 printed as 4.666666666666667). So 5.3 -> 4.3 (a float difference
    of 0.9999999999999996) is a decrease of exactly 1 point and counts, as does 2.0 -> 1.7
    (exactly 15 %). A baseline of 0 cannot improve.

    References
    ----------
    1. Seror R et al. Ann Rheum Dis 2016;75:382-389. doi:10.1136/annrheumdis-2014-206008
       ("a decrease of at least one point or 15 %").

    Examples
    --------
    >>> esspri_mcii(baseline=5.3, follow_up=4.3).met
    True
    >>> esspri_mcii(baseline=2.0, follow_up=1.7).met, esspri_mcii(baseline=2.0, follow_up=1.75).met
    (True, False)
    """
    base = _esspri_exact("baseline", baseline)
    follow = _esspri_exact("follow_up", follow_up)
    decrease = base - follow
    by_points = decrease >= 1
    by_percent = base > 0 and decrease * 100 >= base * 15
    met = by_points or by_percent
    percent = decrease * 100 / base if base > 0 else None
    shown = "undefined (baseline 0)" if percent is None else f"{_show(percent)} %"
    return Outcome(
        "esspri_mcii",
        met,
        f"ESSPRI {_show(base)} -> {_show(follow)}: decrease {_show(decrease)} "
        f"{'point' if abs(decrease) == 1 else 'points'} "
        f"({shown}); MCII needs >= 1 point or >= 15 %",
        values={
            "baseline": float(base),
            "follow_up": float(follow),
            "decrease": float(decrease),
            "decrease_percent": None if percent is None else float(percent),
        },
    )


def essdai_mcii(*, baseline: int | Score, follow_up: int | Score) -> Outcome:
    r"""Minimal clinically important improvement (MCII) of ESSDAI: a decrease of >= 3 points.

    Parameters
    ----------
    baseline
        ESSDAI at baseline, an integer 0-123 or an ESSDAI :class:`Score`.
    follow_up
        ESSDAI at follow-up, an integer 0-123 or an ESSDAI :class:`Score`.

    Returns
    -------
    Outcome
        ``met`` ``True`` when ESSDAI fell by at least 3 points, else ``False``;
        ``values`` the decrease.

    Notes
    -----
    $$
    \text{MCII} \iff \mathrm{ESSDAI}_0 - \mathrm{ESSDAI}_1 \ge 3
    $$

    Seror 2016 proposes including patients with ESSDAI >= 5 (moderate activity) in trials
    of systemic treatment and defining response as an improvement of at least 3 points.

    References
    ----------
    1. Seror R et al. Ann Rheum Dis 2016;75:382-389. doi:10.1136/annrheumdis-2014-206008

    Examples
    --------
    >>> essdai_mcii(baseline=10, follow_up=7).met, essdai_mcii(baseline=10, follow_up=8).met
    (True, False)
    """
    base = _essdai_value("baseline", baseline)
    follow = _essdai_value("follow_up", follow_up)
    decrease = base - follow
    met = decrease >= 3  # noqa: PLR2004 - MCII: improvement of at least 3 points
    return Outcome(
        "essdai_mcii",
        met,
        f"ESSDAI {base} -> {follow}: decrease {decrease} "
        f"{'point' if abs(decrease) == 1 else 'points'}; MCII needs >= 3",
        values={"baseline": base, "follow_up": follow, "decrease": decrease},
    )


# The compiled fast path of the common case (activity_scores/_fast.py, _speedups.c): the same
# value and lazily built Score; every other call runs the function above.
_fast.bind(
    globals(),
    "essdai_category",
    "band",
    names=("value",),
    required=1,
    positional=1,
    # ints only: low < 5, moderate 5-13 (below 13.5), high
    config=(1, 0, ESSDAI_MAX, (5.0, 13.5), (_LOW, _MODERATE, _HIGH)),
)
_fast.bind(
    globals(),
    "esspri",
    "esspri",
    names=("dryness", "fatigue", "pain"),
    required=3,
    config=(Score, _esspri_score, _ACCEPTABLE, _UNSATISFACTORY, _ESSPRI_MAX, _UNSATISFACTORY_TOTAL),
)
