"""ESSDAI, ESSPRI, their categories and MCII against Seror 2010/2011/2015/2016."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activity_scores import (
    DiseaseActivity,
    EssdaiDomain,
    EssdaiLevel,
    EsspriState,
    InvalidInputError,
    InvalidInputTypeError,
    das28_esr,
    essdai,
    essdai_category,
    essdai_definitions,
    essdai_mcii,
    esspri,
    esspri_mcii,
)
from tests.conftest import reference_rows

DOMAIN_ROWS = reference_rows("essdai_domains.csv")
ALLOWED = {
    row["domain"]: {
        level: int(row[level]) for level in ("no", "low", "moderate", "high") if row[level]
    }
    for row in DOMAIN_ROWS
}


def _levels(**changes: str) -> dict[str, str]:
    levels = dict.fromkeys((d.value for d in EssdaiDomain), "no")
    levels.update(changes)
    return levels


# ESSDAI ---------------------------------------------------------------------------------


def test_reference_table_covers_every_domain_in_order() -> None:
    assert [row["domain"] for row in DOMAIN_ROWS] == [d.value for d in EssdaiDomain]


@pytest.mark.parametrize("row", DOMAIN_ROWS, ids=lambda r: r["domain"])
def test_each_domain_level_scores_its_published_points(row: dict[str, str]) -> None:
    for level, points in ALLOWED[row["domain"]].items():
        score = essdai(_levels(**{row["domain"]: level}))
        assert score.value == points
        assert score.components[row["domain"]] == points
        assert points == int(row["weight"]) * ["no", "low", "moderate", "high"].index(level)


@pytest.mark.parametrize("row", DOMAIN_ROWS, ids=lambda r: r["domain"])
def test_every_disallowed_level_is_refused_naming_the_domain(row: dict[str, str]) -> None:
    domain = row["domain"]
    for level in ("no", "low", "moderate", "high"):
        if level in ALLOWED[domain]:
            continue
        with pytest.raises(InvalidInputError, match=rf"domains\['{domain}'\].*for this domain"):
            essdai(_levels(**{domain: level}))


def test_the_published_disallowed_levels() -> None:
    # Seror 2010 Table 3: no high level for constitutional, glandular, biological;
    # no low level for the central nervous system (Seror 2015: "No=0, Moderate=10, High=15").
    missing = {d: {"no", "low", "moderate", "high"} - set(levels) for d, levels in ALLOWED.items()}
    assert {d: m for d, m in missing.items() if m} == {
        "constitutional": {"high"},
        "glandular": {"high"},
        "biological": {"high"},
        "central_nervous_system": {"low"},
    }


def test_maximum_is_123_and_minimum_0() -> None:
    top = {domain: max(levels, key=levels.__getitem__) for domain, levels in ALLOWED.items()}
    highest = essdai(top)
    assert highest.value == 123  # Seror 2010: ESSDAI 0-123
    assert highest.category is DiseaseActivity.HIGH
    zero = essdai(_levels())
    assert zero.value == 0
    assert zero.category is DiseaseActivity.LOW


@pytest.mark.parametrize(
    ("changes", "value", "category"),
    [
        ({"articular": "moderate"}, 4, "low"),
        ({"articular": "moderate", "biological": "low"}, 5, "moderate"),
        ({"pulmonary": "moderate", "constitutional": "low"}, 13, "moderate"),
        ({"pulmonary": "moderate", "articular": "moderate"}, 14, "high"),
    ],
)
def test_activity_cut_offs(changes: dict[str, str], value: int, category: str) -> None:
    # Seror 2016: low < 5, moderate 5 <= ESSDAI <= 13, high >= 14.
    score = essdai(_levels(**changes))
    assert score.value == value
    assert score.category is DiseaseActivity(category)
    assert essdai_category(value) == category
    assert essdai_category(score) == category


def test_worked_example_and_members_as_keys() -> None:
    # Hand computation: articular moderate 2x2 + glandular low 2x1 + biological moderate 1x2 = 8.
    domains: dict[EssdaiDomain | str, EssdaiLevel | str] = dict.fromkeys(
        EssdaiDomain, EssdaiLevel.NO
    )
    domains[EssdaiDomain.ARTICULAR] = EssdaiLevel.MODERATE
    domains[EssdaiDomain.GLANDULAR] = "low"
    domains[EssdaiDomain.BIOLOGICAL] = "moderate"
    score = essdai(domains)
    assert score.value == 8
    assert score.category is DiseaseActivity.MODERATE
    assert score.inputs["articular"] is EssdaiLevel.MODERATE
    assert sum(score.components.values()) == 8
    assert score.to_dict()["inputs"]["glandular"] == "low"


def test_missing_domain() -> None:
    levels = _levels()
    del levels["renal"]
    with pytest.raises(InvalidInputError, match=r"domains\['renal'\].*missing"):
        essdai(levels)


def test_unknown_key() -> None:
    with pytest.raises(InvalidInputError, match=r"domains key.*'ocular'"):
        essdai({**_levels(), "ocular": "no"})


def test_unknown_level_and_wrong_types() -> None:
    with pytest.raises(InvalidInputError, match=r"domains\['renal'\].*must be one of"):
        essdai(_levels(renal="severe"))
    with pytest.raises(InvalidInputTypeError, match=r"domains\['renal'\]"):
        essdai({**_levels(), "renal": 2})  # type: ignore[dict-item]
    with pytest.raises(InvalidInputTypeError, match=r"domains\['renal'\]"):
        essdai({**_levels(), "renal": None})  # type: ignore[dict-item]
    with pytest.raises(InvalidInputTypeError, match="domains"):
        essdai([("renal", "no")])  # type: ignore[arg-type]


def test_category_validation() -> None:
    with pytest.raises(InvalidInputError, match="'value' must be an integer from 0 to 123"):
        essdai_category(124)
    with pytest.raises(InvalidInputTypeError, match="'value'"):
        essdai_category(True)
    with pytest.raises(InvalidInputTypeError, match="'value'"):
        essdai_category(4.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="ESSDAI"):
        essdai_category(das28_esr(tender_joints_28=1, swollen_joints_28=1, esr_mm_per_h=10))


def test_definitions_are_documented_data() -> None:
    definitions = essdai_definitions()
    assert [d.domain.value for d in definitions] == [row["domain"] for row in DOMAIN_ROWS]
    for definition, row in zip(definitions, DOMAIN_ROWS, strict=True):
        assert definition.weight == int(row["weight"])
        assert {d.level.value: d.points for d in definition.levels} == ALLOWED[row["domain"]]
        assert definition.max_points == max(ALLOWED[row["domain"]].values())
        assert all(d.description for d in definition.levels)
        assert definition.note
    articular = definitions[3]
    assert articular.levels[3].description.startswith(">= 6 synovitis")
    assert sum(d.max_points for d in definitions) == 123
    assert essdai_definitions(domain=EssdaiDomain.RENAL) == (definitions[6],)
    with pytest.raises(InvalidInputError, match="'domain' must be one of"):
        essdai_definitions(domain="ocular")


def test_docs_page_shows_every_definition() -> None:
    page = (Path(__file__).parent.parent / "docs" / "sjogren.md").read_text(encoding="utf-8")
    for definition in essdai_definitions():
        assert f"**{definition.title}** ({definition.weight}): {definition.note}" in page
        for level in definition.levels:
            assert f"| {level.level.value} | {level.points} | {level.description} |" in page


_level_choice = st.fixed_dictionaries(
    {
        domain: st.sampled_from(sorted(levels, key=levels.__getitem__))
        for domain, levels in ALLOWED.items()
    }
)


@given(levels=_level_choice, domain=st.sampled_from(sorted(ALLOWED)))
def test_raising_a_domain_never_lowers_essdai(levels: dict[str, str], domain: str) -> None:
    order = sorted(ALLOWED[domain], key=ALLOWED[domain].__getitem__)
    before = essdai(levels)
    position = order.index(levels[domain])
    for higher in order[position + 1 :]:
        after = essdai({**levels, domain: higher})
        assert after.value > before.value
        assert list(DiseaseActivity).index(after.category) >= list(DiseaseActivity).index(  # type: ignore[arg-type]
            before.category  # type: ignore[arg-type]
        )
    assert 0 <= before.value <= 123


# ESSPRI ---------------------------------------------------------------------------------


@pytest.mark.parametrize("row", reference_rows("esspri.csv"))
def test_esspri_reference(row: dict[str, str]) -> None:
    score = esspri(dryness=int(row["dryness"]), fatigue=int(row["fatigue"]), pain=int(row["pain"]))
    assert score.value == pytest.approx(int(row["expected_sum"]) / 3, abs=1e-12)
    assert score.category is EsspriState(row["state"])
    assert sum(score.components.values()) == pytest.approx(score.value)


def test_esspri_pass_cut_off_exactly_5() -> None:
    assert esspri(dryness=5, fatigue=5, pain=5).category is EsspriState.UNSATISFACTORY
    assert esspri(dryness=5, fatigue=5, pain=4).category is EsspriState.ACCEPTABLE


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("dryness", 11, InvalidInputError),
        ("fatigue", -1, InvalidInputError),
        ("pain", 5.5, InvalidInputTypeError),
        ("pain", True, InvalidInputTypeError),
        ("dryness", None, InvalidInputTypeError),
        ("fatigue", "5", InvalidInputTypeError),
        ("pain", math.nan, InvalidInputTypeError),
    ],
)
def test_esspri_validation(field: str, value: object, error: type[Exception]) -> None:
    ratings: dict[str, object] = {"dryness": 5, "fatigue": 5, "pain": 5, field: value}
    with pytest.raises(error, match=f"'{field}' must be an integer from 0 to 10"):
        esspri(**ratings)  # type: ignore[arg-type]


# MCII -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "follow_up", "met"),
    [
        (10, 7, True),  # exactly 3: "at least three points" (Seror 2016)
        (10, 8, False),
        (3, 0, True),
        (5, 6, False),
        (123, 120, True),
    ],
)
def test_essdai_mcii(baseline: int, follow_up: int, met: bool) -> None:
    outcome = essdai_mcii(baseline=baseline, follow_up=follow_up)
    assert outcome.met is met
    assert outcome.values["decrease"] == baseline - follow_up


def test_essdai_mcii_from_scores_and_validation() -> None:
    before = essdai(_levels(articular="high", biological="low"))  # 7
    after = essdai(_levels(articular="low"))  # 2
    assert essdai_mcii(baseline=before, follow_up=after).met is True
    with pytest.raises(InvalidInputError, match="'follow_up' must be an integer from 0 to 123"):
        essdai_mcii(baseline=5, follow_up=-1)
    with pytest.raises(InvalidInputTypeError, match="'baseline'"):
        essdai_mcii(baseline=5.0, follow_up=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="'baseline' must be an ESSDAI"):
        essdai_mcii(baseline=esspri(dryness=1, fatigue=1, pain=1), follow_up=1)


@pytest.mark.parametrize(
    ("baseline", "follow_up", "met"),
    [
        (5.3, 4.3, True),  # exactly 1 point; float difference 0.9999999999999996
        (6.0, 5.0, True),
        (6.0, 5.01, True),  # 0.99 point, but 0.99 / 6 = 16.5 % >= 15 %
        (8.0, 7.01, False),  # 0.99 point and 12.4 %
        (2.0, 1.7, True),  # exactly 15 %: float 0.3 / 2.0 = 0.1499999...
        (2.0, 1.71, False),  # 14.5 %
        (4.0, 3.4, True),  # exactly 15 %
        (4.0, 3.41, False),  # 14.75 %
        (0.0, 0.0, False),  # no improvement possible from 0
        (5.0, 6.0, False),
    ],
)
def test_esspri_mcii(baseline: float, follow_up: float, met: bool) -> None:
    # Hand computation: decrease >= 1 point or >= 15 % of baseline (Seror 2016), exact.
    assert esspri_mcii(baseline=baseline, follow_up=follow_up).met is met


def test_esspri_mcii_from_scores_is_exact() -> None:
    # 20/3 -> 17/3: exactly 1 point (and exactly 15 %).
    before = esspri(dryness=7, fatigue=7, pain=6)
    after = esspri(dryness=6, fatigue=6, pain=5)
    outcome = esspri_mcii(baseline=before, follow_up=after)
    assert outcome.met is True
    assert outcome.values["decrease"] == pytest.approx(1.0)
    # 10/3 -> 9/3: 1/3 point = 10 %: not met. 13/3 -> 11/3: 2/3 point = 15.4 %: met.
    assert esspri_mcii(baseline=esspri(dryness=4, fatigue=3, pain=3), follow_up=3.0).met is False
    assert (
        esspri_mcii(
            baseline=esspri(dryness=5, fatigue=4, pain=4),
            follow_up=esspri(dryness=4, fatigue=4, pain=3),
        ).met
        is True
    )
    assert esspri_mcii(baseline=Fraction(20, 3), follow_up=Fraction(17, 3)).met is True  # type: ignore[arg-type]


def test_esspri_mcii_validation() -> None:
    with pytest.raises(InvalidInputError, match="'baseline' must be >= 0 and <= 10"):
        esspri_mcii(baseline=10.5, follow_up=1)
    with pytest.raises(InvalidInputError, match="'follow_up' must be a finite number"):
        esspri_mcii(baseline=5, follow_up=math.nan)
    with pytest.raises(InvalidInputTypeError, match="'follow_up'"):
        esspri_mcii(baseline=5, follow_up=True)
    with pytest.raises(InvalidInputError, match="'baseline' must be an ESSPRI"):
        esspri_mcii(baseline=essdai(_levels()), follow_up=1)


@given(
    base=st.tuples(*[st.integers(0, 10)] * 3),
    follow=st.tuples(*[st.integers(0, 10)] * 3),
)
def test_esspri_mcii_matches_integer_arithmetic(
    base: tuple[int, int, int], follow: tuple[int, int, int]
) -> None:
    # Independent decision in integers: sums b, f (ESSPRI = sum / 3):
    # decrease >= 1 point  <=>  b - f >= 3;  decrease >= 15 %  <=>  20 (b - f) >= 3 b.
    b, f = sum(base), sum(follow)
    expected = (b - f >= 3) or (b > 0 and 20 * (b - f) >= 3 * b)
    scores = [esspri(dryness=x, fatigue=y, pain=z) for x, y, z in (base, follow)]
    assert esspri_mcii(baseline=scores[0], follow_up=scores[1]).met is expected
    assert esspri_mcii(baseline=scores[0].value, follow_up=scores[1].value).met is expected


def test_mcii_reasons_say_point_for_one() -> None:
    one = essdai_mcii(baseline=10, follow_up=9)
    assert one.reason == "ESSDAI 10 -> 9: decrease 1 point; MCII needs >= 3"
    three = essdai_mcii(baseline=10, follow_up=7)
    assert three.reason == "ESSDAI 10 -> 7: decrease 3 points; MCII needs >= 3"
    assert "decrease 1 point (" in esspri_mcii(baseline=6, follow_up=5).reason
    assert "decrease 2 points (" in esspri_mcii(baseline=6, follow_up=4).reason
