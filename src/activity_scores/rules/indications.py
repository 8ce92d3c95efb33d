"""The per-indication criteria of CHEC2024-181 (pSS, SSc, IIM, RA)."""

from __future__ import annotations

from collections.abc import Callable

from activity_scores.results import Outcome
from activity_scores.rules import treatment
from activity_scores.rules._base import flag_outcome, unknown
from activity_scores.rules.common import Context
from activity_scores.rules.screening import Indication, Rule, _rules

NOT_IMPLEMENTED = "criteria not yet implemented"


def _pending(name: str) -> Callable[[Context], Outcome]:
    def rule(ctx: Context) -> Outcome:  # noqa: ARG001 - same signature as every rule
        return unknown(name, NOT_IMPLEMENTED, ())

    return rule


def _refractory(ctx: Context) -> Outcome:
    return treatment.refractory(ctx)


_REFRACTORY_WORDING = (
    "Ineffective conventional treatment or relapse of disease activity after remission "
    "(conventional treatment: glucocorticoids above 1 mg/kg/d and cyclophosphamide, and any "
    "listed immunomodulator for more than 6 months)"
)


def _pss_flag(field: str, label: str) -> Callable[[Context], Outcome]:
    def rule(ctx: Context) -> Outcome:
        section = ctx.record.pss
        value = None if section is None else getattr(section, field)
        return flag_outcome(field, value, f"$.pss.{field}", f"{label}: present", f"no {label}")

    return rule


PSS = (
    _rules(
        "pss",
        "inclusion",
        (
            (
                "1",
                "Meets 2002 AECG criteria or 2016 ACR/EULAR classification criteria for primary Sjögren's syndrome",
                _pending("classification"),
            ),
            ("2", "Investigator-assessed ESSDAI score of 5 or higher", _pending("essdai")),
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
                _pss_flag("liver_cirrhosis", "liver cirrhosis"),
            ),
            (
                "2",
                "Combination of aplastic anemia (AA), myelodysplastic syndrome (MDS), or other myeloproliferative disease (MPD)",
                _pss_flag("aplastic_anemia_mds_or_mpd", "aplastic anaemia, MDS or MPD"),
            ),
        ),
    ),
)

SSC = (
    _rules(
        "ssc",
        "inclusion",
        (
            (
                "1",
                "Meets 2013 ACR/EULAR classification criteria for systemic sclerosis",
                _pending("classification"),
            ),
            (
                "2",
                "If combined with interstitial pneumonia: ground-glass changes on chest HRCT and FVC or DLCO < 70 % predicted",
                _pending("ild"),
            ),
            ("3", _REFRACTORY_WORDING, _refractory),
            (
                "4",
                "Progressive disease: skin (mRSS increase > 10 %) or lung (FVC decrease of 10 %, or 5 % with DLCO decrease of 15 %; OMERACT)",
                _pending("progression"),
            ),
        ),
    ),
    (),
)


def _iim_flag(field: str, label: str) -> Callable[[Context], Outcome]:
    def rule(ctx: Context) -> Outcome:
        section = ctx.record.iim
        value = None if section is None else getattr(section, field)
        return flag_outcome(field, value, f"$.iim.{field}", f"{label}: present", f"no {label}")

    return rule


IIM = (
    _rules(
        "iim",
        "inclusion",
        (
            (
                "1",
                "Meets the 2017 EULAR/ACR classification criteria for inflammatory myopathy (DM, PM, ASS, NM)",
                _pending("classification"),
            ),
            (
                "2",
                "With muscle involvement: MMT-8 < 142 and at least two abnormal core set measures (PhGA, PtGA or extramuscular activity ≥ 2; HAQ ≥ 0.25; muscle enzyme ≥ 1.5 x ULN)",
                _pending("muscle_activity"),
            ),
            ("3", "Positive myositis antibodies", _pending("antibodies")),
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
                _iim_flag("drug_induced_myositis", "drug-induced myositis"),
            ),
            (
                "2",
                "Inclusion body myositis",
                _iim_flag("inclusion_body_myositis", "inclusion body myositis"),
            ),
            (
                "3",
                "Tumor-associated myositis (myositis occurring within 2 years of tumor diagnosis)",
                _pending("tumour_associated"),
            ),
        ),
    ),
)

RA = (
    _rules(
        "ra",
        "inclusion",
        (
            (
                "1a",
                "Meets the 2010 ACR/EULAR classification criteria for rheumatoid arthritis",
                _pending("classification"),
            ),
            ("1b", "Previous diagnosis of rheumatoid arthritis ≥ 6 months", _pending("duration")),
            ("1c", "Moderately or severely active rheumatoid arthritis", _pending("activity")),
            (
                "2",
                "Swollen joint count ≥ 6 (66 joints) and tender joint count ≥ 6 (68 joints) at screening",
                _pending("joint_counts"),
            ),
            ("3", "CRP ≥ 10 mg/L or ESR ≥ 28 mm/h at screening", _pending("acute_phase")),
            (
                "4",
                "EULAR definition of refractory (difficult-to-treat) rheumatoid arthritis",
                _pending("difficult_to_treat"),
            ),
        ),
    ),
    _rules(
        "ra",
        "exclusion",
        (
            (
                "1",
                "Functional status graded at level 4 according to ACR",
                _pending("functional_class_4"),
            ),
        ),
    ),
)

RULES: dict[Indication, tuple[tuple[Rule, ...], tuple[Rule, ...]]] = {
    Indication.PSS: PSS,
    Indication.SSC: SSC,
    Indication.IIM: IIM,
    Indication.RA: RA,
}
