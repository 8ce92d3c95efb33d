"""Each score function against its bare formula, in the same process and run.

For every case three statements are timed, interleaved repeat by repeat:

* the library call, with its validation, category and ``Score`` result;
* the bare formula written as a plain Python function with the same keyword arguments and
  no checks (what a caller would write instead of using the library), called the same way;
* the bare formula as an inline expression on local variables (no call at all).

The ratio is library / bare function (target <= 3x); the inline expression is printed for
reference. Run alone with ``python benchmarks/bench_scores.py``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field

from _harness import Row, calibrate, fmt_ns, median, median_ratio, paired, render

import activity_scores

TARGET_RATIO = 3.0

_DAS28_BAND = (
    "'remission' if {v} < 2.6 else 'low' if {v} <= 3.2 else 'moderate' if {v} <= 5.1 else 'high'"
)
_DAS28_ESR = (
    "0.56 * sqrt(tender_joints_28) + 0.28 * sqrt(swollen_joints_28) + 0.70 * log(esr_mm_per_h)"
)
_DAS28_CRP = (
    "0.56 * sqrt(tender_joints_28) + 0.28 * sqrt(swollen_joints_28) + 0.36 * log(crp_mg_per_l + 1)"
)
_DEVINE = "((50.0 if sex == 'male' else 45.5) + 2.3 * (height_cm / 2.54 - 60))"


#: Inputs of the mapping-based scores as a JSON record gives them (string keys and levels).
ESSDAI_WEIGHT = {
    "constitutional": 3,
    "lymphadenopathy": 4,
    "glandular": 2,
    "articular": 2,
    "cutaneous": 3,
    "pulmonary": 5,
    "renal": 5,
    "muscular": 6,
    "peripheral_nervous_system": 5,
    "central_nervous_system": 5,
    "hematological": 2,
    "biological": 1,
}
LEVEL_NUMBER = {"no": 0, "low": 1, "moderate": 2, "high": 3}
ESSDAI_DOMAINS = dict.fromkeys(ESSDAI_WEIGHT, "no") | {
    "articular": "moderate",
    "glandular": "low",
    "biological": "moderate",
    "hematological": "low",
}
MRSS_AREAS = {area.value: 1 for area in activity_scores.MrssArea} | {"face": 2, "abdomen": 0}
MMT8_GRADES = {muscle.value: 9 for muscle in activity_scores.Mmt8Muscle} | {"neck_flexors": 7}


@dataclass(frozen=True)
class Case:
    """A library function, the inputs it is timed on and its bare formula."""

    label: str
    function: str
    inputs: Mapping[str, object]
    formula: str
    positional: tuple[str, ...] = field(default=())  # leading positional parameters

    def call(self, callee: str) -> str:
        """The call statement with the case's arguments, as the library takes them."""
        args = [*self.positional]
        args += [f"{name}={name}" for name in self.inputs if name not in self.positional]
        return f"{callee}({', '.join(args)})"

    def bare_function(self) -> str:
        """Source of a plain function computing the formula, same signature, no checks."""
        keywords = [name for name in self.inputs if name not in self.positional]
        params = [*self.positional, *(["/"] if self.positional else [])]
        params += [*(["*"] if keywords else []), *keywords]
        return f"def bare({', '.join(params)}):\n    return {self.formula}\n"


CASES: list[Case] = [
    Case(
        "das28_esr (4-variable)",
        "das28_esr",
        {
            "tender_joints_28": 6,
            "swollen_joints_28": 4,
            "esr_mm_per_h": 30,
            "patient_global_mm": 50,
        },
        f"{_DAS28_ESR} + 0.014 * patient_global_mm",
    ),
    Case(
        "das28_esr (3-variable)",
        "das28_esr",
        {"tender_joints_28": 6, "swollen_joints_28": 4, "esr_mm_per_h": 30},
        f"({_DAS28_ESR}) * 1.08 + 0.16",
    ),
    Case(
        "das28_crp (4-variable)",
        "das28_crp",
        {
            "tender_joints_28": 6,
            "swollen_joints_28": 4,
            "crp_mg_per_l": 12.0,
            "patient_global_mm": 50,
        },
        f"{_DAS28_CRP} + 0.014 * patient_global_mm + 0.96",
    ),
    Case(
        "cdai",
        "cdai",
        {
            "tender_joints_28": 6,
            "swollen_joints_28": 4,
            "patient_global_cm": 4.5,
            "evaluator_global_cm": 3.0,
        },
        "tender_joints_28 + swollen_joints_28 + patient_global_cm + evaluator_global_cm",
    ),
    Case(
        "sdai",
        "sdai",
        {
            "tender_joints_28": 6,
            "swollen_joints_28": 4,
            "patient_global_cm": 4.5,
            "evaluator_global_cm": 3.0,
            "crp_mg_per_dl": 1.2,
        },
        "tender_joints_28 + swollen_joints_28 + patient_global_cm + evaluator_global_cm"
        " + crp_mg_per_dl",
    ),
    Case(
        "das28_category",
        "das28_category",
        {"value": 4.21},
        _DAS28_BAND.format(v="value"),
        positional=("value",),
    ),
    Case(
        "cdai_category",
        "cdai_category",
        {"value": 12.5},
        "'remission' if value <= 2.8 else 'low' if value <= 10 else"
        " 'moderate' if value <= 22 else 'high'",
        positional=("value",),
    ),
    Case(
        "sdai_category",
        "sdai_category",
        {"value": 12.5},
        "'remission' if value <= 3.3 else 'low' if value <= 11 else"
        " 'moderate' if value <= 26 else 'high'",
        positional=("value",),
    ),
    Case(
        "eular_response",
        "eular_response",
        {"baseline": 5.4, "follow_up": 3.1},
        "baseline - follow_up",
    ),
    Case(
        "cockcroft_gault (actual weight)",
        "cockcroft_gault",
        {"age_years": 40, "weight_kg": 72.0, "sex": "female", "serum_creatinine_mg_per_dl": 1.1},
        "(140 - age_years) * weight_kg / (72 * serum_creatinine_mg_per_dl)"
        " * (0.85 if sex == 'female' else 1.0)",
    ),
    Case(
        "cockcroft_gault (adjusted, umol/L)",
        "cockcroft_gault",
        {
            "age_years": 40,
            "weight_kg": 110.0,
            "sex": "male",
            "serum_creatinine_umol_per_l": 90.0,
            "height_cm": 175.0,
            "body_weight": "adjusted",
        },
        f"(140 - age_years) * ({_DEVINE} + 0.4 * (weight_kg - {_DEVINE}))"
        " / (72 * serum_creatinine_umol_per_l / 88.4) * (0.85 if sex == 'female' else 1.0)",
    ),
    Case(
        "essdai (12 domains, string keys)",
        "essdai",
        {"domains": ESSDAI_DOMAINS},
        "sum(ESSDAI_WEIGHT[d] * LEVEL_NUMBER[level] for d, level in domains.items())",
        positional=("domains",),
    ),
    Case(
        "essdai_category",
        "essdai_category",
        {"value": 9},
        "'low' if value < 5 else 'moderate' if value <= 13 else 'high'",
        positional=("value",),
    ),
    Case(
        "esspri",
        "esspri",
        {"dryness": 6, "fatigue": 7, "pain": 4},
        "(dryness + fatigue + pain) / 3",
    ),
    Case(
        "mrss (17 areas, string keys)",
        "mrss",
        {"areas": MRSS_AREAS},
        "sum(areas.values())",
        positional=("areas",),
    ),
    Case(
        "mmt8 (15 muscle groups, string keys)",
        "mmt8",
        {"grades": MMT8_GRADES},
        "sum(grades.values())",
        positional=("grades",),
    ),
    Case(
        "prednisone_equivalent_mg",
        "prednisone_equivalent_mg",
        {"drug": "methylprednisolone", "dose_mg": 16.0},
        "dose_mg * 5 / 4",
    ),
    Case(
        "acr_1991_functional_class",
        "acr_1991_functional_class",
        {"self_care_limited": False, "vocational_limited": True, "avocational_limited": True},
        "4.0 if self_care_limited else 3.0 if vocational_limited else"
        " 2.0 if avocational_limited else 1.0",
    ),
    Case(
        "ideal_body_weight_kg",
        "ideal_body_weight_kg",
        {"height_cm": 175.0, "sex": "male"},
        _DEVINE,
    ),
    Case(
        "adjusted_body_weight_kg",
        "adjusted_body_weight_kg",
        {"weight_kg": 110.0, "height_cm": 175.0, "sex": "male"},
        f"{_DEVINE} + 0.4 * (weight_kg - {_DEVINE})",
    ),
]


def _namespace(case: Case) -> dict[str, object]:
    namespace: dict[str, object] = {
        "sqrt": math.sqrt,
        "log": math.log,
        "ESSDAI_WEIGHT": ESSDAI_WEIGHT,
        "LEVEL_NUMBER": LEVEL_NUMBER,
    }
    exec(case.bare_function(), namespace)
    namespace["library"] = getattr(activity_scores, case.function)
    namespace.update(case.inputs)
    return namespace


def check(case: Case) -> None:
    """Refuse a case whose bare formula does not give the library's value."""
    namespace = _namespace(case)
    library = eval(case.call("library"), namespace)
    bare = eval(case.call("bare"), namespace)
    got = getattr(library, "value", library)
    if isinstance(got, str) or isinstance(bare, str):
        same = str(got) == str(bare)
    else:
        same = math.isclose(float(got), float(bare), rel_tol=1e-12, abs_tol=1e-12)
    if not same:
        msg = f"{case.label}: bare formula gives {bare!r}, library {got!r}"
        raise AssertionError(msg)


def run(*, quick: bool = False) -> list[Row]:
    """Time every case; return one row each."""
    repeat = 5 if quick else 15
    rows = []
    over_inline: list[str] = []  # rows beyond 3x the inline expression
    for case in CASES:
        check(case)
        namespace = _namespace(case)
        statements = [case.call("library"), case.call("bare"), case.formula]
        number = calibrate(statements[0], namespace, seconds=0.01 if quick else 0.02)
        lib, bare, inline = paired(statements, namespace, repeat=repeat, number=number)
        ratio = median_ratio(lib, bare)
        inline_ratio = median_ratio(lib, inline)
        if inline_ratio > TARGET_RATIO:
            over_inline.append(f"{case.label} {inline_ratio:.1f}x")
        rows.append(
            Row(
                "scores: library call vs bare formula (median per call)",
                case.label,
                fmt_ns(median(lib)),
                f"{fmt_ns(median(bare))} (expr {fmt_ns(median(inline))})",
                f"{ratio:.2f}x",
                f"<= {TARGET_RATIO:g}x",
                ratio <= TARGET_RATIO,
            )
        )
    rows.append(
        Row(
            "scores: library call vs bare formula (median per call)",
            "rows within 3x of the inline expression instead of the bare function",
            f"{len(CASES) - len(over_inline)} of {len(CASES)}",
            "; ".join(over_inline) or "none beyond",
            "",
            "(information)",
            None,
        )
    )
    rows.append(_floor_row(repeat=repeat, quick=quick))
    rows.append(_lazy_floor_row(repeat=repeat, quick=quick))
    rows.append(_materialised_row(repeat=repeat, quick=quick))
    return rows


def _floor_row(*, repeat: int, quick: bool) -> Row:
    """What any score pays for its result: a Score with an inputs dict, and a keyword call."""
    namespace: dict[str, object] = {"Score": activity_scores.Score, "a": 6, "b": 4, "c": 30}
    namespace["EMPTY"] = activity_scores.Score("x", 0.0, None).inputs
    exec("def bare(*, a, b, c):\n    return a\n", namespace)
    statements = [
        "Score('DAS28-ESR', 1.0, None, '', {'a': a, 'b': b, 'c': c}, EMPTY, '4-variable', 2)",
        "bare(a=a, b=b, c=c)",
    ]
    number = calibrate(statements[0], namespace, seconds=0.01 if quick else 0.02)
    score, call = paired(statements, namespace, repeat=repeat, number=number)
    return Row(
        "scores: library call vs bare formula (median per call)",
        "floor: building a Score (3 inputs), no formula",
        fmt_ns(median(score)),
        f"{fmt_ns(median(call))} (a 3-keyword call)",
        f"{median_ratio(score, call):.2f}x",
        "(information)",
        None,
    )


def _lazy_floor_row(*, repeat: int, quick: bool) -> Row:
    """What the score functions pay for their result: a lazily built Score (results.py)."""
    from activity_scores import results  # noqa: PLC0415 - private names, this row only

    namespace: dict[str, object] = {
        "new": results._new,  # noqa: SLF001 - the hot paths' own statement
        "KEY": results._DEFERRED,  # noqa: SLF001
        "Score": activity_scores.Score,
        "build": len,  # never called: the fields are not read
        "a": 6,
        "b": 4,
        "c": 30,
    }
    exec("def bare(*, a, b, c):\n    return a\n", namespace)
    statements = [
        (
            "s = new(Score); f = s.__dict__; f['value'] = 1.0; f['category'] = None;"
            " f[KEY] = (build, a, b, c)"
        ),
        "bare(a=a, b=b, c=c)",
    ]
    number = calibrate(statements[0], namespace, seconds=0.01 if quick else 0.02)
    score, call = paired(statements, namespace, repeat=repeat, number=number)
    return Row(
        "scores: library call vs bare formula (median per call)",
        "floor: a lazily built Score (3 inputs), no formula",
        fmt_ns(median(score)),
        f"{fmt_ns(median(call))} (a 3-keyword call)",
        f"{median_ratio(score, call):.2f}x",
        "(information)",
        None,
    )


def _materialised_row(*, repeat: int, quick: bool) -> Row:
    """The deferred cost: a call that also reads a field the lazy Score builds on demand."""
    case = CASES[0]
    namespace = _namespace(case)
    statements = [f"{case.call('library')}.inputs", case.call("bare")]
    number = calibrate(statements[0], namespace, seconds=0.01 if quick else 0.02)
    lib, bare = paired(statements, namespace, repeat=repeat, number=number)
    return Row(
        "scores: library call vs bare formula (median per call)",
        f"{case.label} + reading .inputs (built on first read)",
        fmt_ns(median(lib)),
        fmt_ns(median(bare)),
        f"{median_ratio(lib, bare):.2f}x",
        "(information)",
        None,
    )


if __name__ == "__main__":
    print(render(run(quick="--quick" in sys.argv)))
