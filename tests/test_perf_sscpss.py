"""The SSc and pSS rules' fast paths (issue 8) against the general code they short-cut.

Each rule below now calls a private core of a public function (or builds its outcome
directly); these tests rebuild the rule's outcome the general way, through the public
function with the record's values, and compare every field, nested items included. Exact
decisions are also checked against ``Fraction`` arithmetic written here.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from activity_scores import lung_progression, mrss_progression, ssc_ild_ground_glass_and_low_pft
from activity_scores._logic import all_of, any_of, negate
from activity_scores.criteria import sclerosis as sclerosis_criteria
from activity_scores.criteria import sjogren
from activity_scores.criteria.sclerosis import acr_eular_2013_ssc
from activity_scores.errors import InvalidInputError
from activity_scores.results import Outcome
from activity_scores.rules import indications, parse_record
from activity_scores.rules._base import ProtocolReading, combine, unknown
from activity_scores.rules._spec import RecordError
from activity_scores.rules.common import Context
from activity_scores.rules.screening import _prepare
from activity_scores.rules.sections import ESSDAI_DOMAINS
from activity_scores.scores.sjogren import essdai, essdai_definitions

_EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _record(indication: str, section: dict[str, Any]) -> Any:
    data = json.loads((_EXAMPLES / f"{indication}-eligible.json").read_text())
    data[indication] = {key: value for key, value in section.items() if value is not None}
    return parse_record(data)


def _context(record: Any, reading: ProtocolReading | None = None) -> Context:
    return _prepare(record, None, None, reading)[4]


def _tree(outcome: Outcome) -> tuple[object, ...]:
    """Every field, nested items too, with each ``values`` as a plain dict, and its type."""
    return (
        outcome.name,
        outcome.met,
        outcome.reason,
        outcome.points,
        dict(outcome.values),
        type(outcome.values).__name__,
        outcome.missing,
        tuple(_tree(item) for item in outcome.items),
    )


# --- SSc inclusion 4: skin and lung progression ---------------------------------------------

_READINGS = (
    ProtocolReading(),
    ProtocolReading(lung_change="absolute", mrss_definition="eustar"),
)


def _general_skin(baseline: int, follow_up: int, definition: str) -> Outcome:
    """The rule's skin outcome as it was built: the public function, wrapped."""
    outcome = mrss_progression(baseline=baseline, follow_up=follow_up, definition=definition)
    return Outcome(
        "skin_progression", outcome.met, outcome.reason, None, outcome.values, (), (outcome,)
    )


@pytest.mark.parametrize("reading", _READINGS)
def test_skin_rule_equals_the_public_function_for_every_pair_of_totals(
    reading: ProtocolReading,
) -> None:
    section = json.loads((_EXAMPLES / "ssc-eligible.json").read_text())["ssc"]
    for baseline in range(1, 52):
        for follow_up in range(52):
            record = _record(
                "ssc", {**section, "mrss_baseline": baseline, "mrss_follow_up": follow_up}
            )
            got = indications._skin(_context(record, reading))  # noqa: SLF001
            want = _general_skin(baseline, follow_up, reading.mrss_definition)
            assert got == want
            assert _tree(got) == _tree(want)
            # the protocol's "> 10 %", decided exactly (written here independently)
            if reading.mrss_definition == "protocol":
                assert got.met == (Fraction(follow_up - baseline, baseline) * 100 > 10)


_PCT = st.sampled_from(
    [10, 10.0, 200, 200.0, 80, 72, 72.5, 75, 76, 64, 74, 60, 52, 51, 50, 33.3, 66.7, 90.1]
) | st.floats(min_value=10, max_value=200)
_DLCO = st.none() | st.sampled_from([5, 5.0, 200, 60, 51, 50, 42.5, 59.9]) | st.floats(5, 200)


def _general_lung(values: dict[str, Any], change: str) -> Outcome:
    outcome = lung_progression(
        fvc_baseline_percent_predicted=values["fvc_baseline_percent_predicted"],
        fvc_follow_up_percent_predicted=values["fvc_percent_predicted"],
        dlco_baseline_percent_predicted=values["dlco_baseline_percent_predicted"],
        dlco_follow_up_percent_predicted=values["dlco_percent_predicted"],
        change=change,
    )
    renamed = {
        "fvc_follow_up_percent_predicted": "fvc_percent_predicted",
        "dlco_follow_up_percent_predicted": "dlco_percent_predicted",
    }
    paths = tuple(f"$.ssc.{renamed.get(m, m)}" for m in outcome.missing)
    return Outcome(
        "lung_progression", outcome.met, outcome.reason, None, outcome.values, paths, (outcome,)
    )


@given(_PCT, _PCT, _DLCO, _DLCO, st.sampled_from(_READINGS))
def test_lung_rule_equals_the_public_function(
    fvc_b: float, fvc: float, dlco_b: float | None, dlco: float | None, reading: ProtocolReading
) -> None:
    values = {
        "fvc_baseline_percent_predicted": fvc_b,
        "fvc_percent_predicted": fvc,
        "dlco_baseline_percent_predicted": dlco_b,
        "dlco_percent_predicted": dlco,
    }
    section = json.loads((_EXAMPLES / "ssc-eligible.json").read_text())["ssc"]
    record = _record("ssc", {**section, **values})
    got = indications._lung(_context(record, reading))  # noqa: SLF001
    want = _general_lung(values, reading.lung_change)
    assert got == want
    assert _tree(got) == _tree(want)


@pytest.mark.parametrize(
    ("fvc_b", "fvc", "dlco_b", "dlco", "met"),
    [
        (80, 72, None, None, True),  # exactly 10 %
        (80, 72.01, None, None, None),  # just under 10 %: DLCO decides
        (80, 76, 60, 51, True),  # 5 % and exactly 15 %
        (80, 76, 60, 51.01, False),  # 5 % and just under 15 %
        (80, 76.01, 60, 40, False),  # just under 5 %
        (80, 75, 60, None, None),
    ],
)
def test_lung_rule_at_the_cut_offs(
    fvc_b: float, fvc: float, dlco_b: float | None, dlco: float | None, met: bool | None
) -> None:
    values = {
        "fvc_baseline_percent_predicted": fvc_b,
        "fvc_percent_predicted": fvc,
        "dlco_baseline_percent_predicted": dlco_b,
        "dlco_percent_predicted": dlco,
    }
    section = json.loads((_EXAMPLES / "ssc-eligible.json").read_text())["ssc"]
    got = indications._lung(_context(_record("ssc", {**section, **values})))  # noqa: SLF001
    assert got.met is met
    assert _tree(got) == _tree(_general_lung(values, "relative"))


@pytest.mark.parametrize(
    "missing",
    [
        ("mrss_baseline",),
        ("mrss_follow_up",),
        ("mrss_baseline", "mrss_follow_up"),
        ("fvc_baseline_percent_predicted",),
        ("fvc_percent_predicted",),
    ],
)
def test_progression_with_missing_values(missing: tuple[str, ...]) -> None:
    section = json.loads((_EXAMPLES / "ssc-eligible.json").read_text())["ssc"]
    section.update(dict.fromkeys(missing))
    section.update({"mrss_follow_up": section["mrss_follow_up"] and 19})  # no skin progression
    record = _record("ssc", section)
    got = indications.ssc_progression(_context(record))
    skin = indications._skin(_context(record))  # noqa: SLF001
    lung = indications._lung(_context(record))  # noqa: SLF001
    want = combine("progression", (skin, lung), any_of)
    assert _tree(got) == _tree(want)
    for name in missing:
        assert any(name in m for m in (*skin.missing, *lung.missing))


def test_progression_decided_equals_combine() -> None:
    section = json.loads((_EXAMPLES / "ssc-eligible.json").read_text())["ssc"]
    for follow_up in (18, 19, 22, 23):
        for fvc in (74, 70, 66.6, 60):
            record = _record(
                "ssc", {**section, "mrss_follow_up": follow_up, "fvc_percent_predicted": fvc}
            )
            got = indications.ssc_progression(_context(record))
            skin = indications._skin(_context(record))  # noqa: SLF001
            lung = indications._lung(_context(record))  # noqa: SLF001
            want = combine("progression", (skin, lung), any_of)
            assert _tree(got) == _tree(want)
            assert attrs.asdict(got) == attrs.asdict(want)


# --- pSS inclusion 1: the 2016 ACR/EULAR criteria's shared items -----------------------------

_FLAG = st.sampled_from([True, False, None])
_MEASURED = st.none() | st.sampled_from([0, 1, 1.0, 0.99999, 1.00001, 0.1, 0.10001, 5, 5.0, 4.99])


@given(
    st.tuples(*[_FLAG] * 6),
    _FLAG,
    _MEASURED,
    _FLAG,
    st.none() | st.integers(0, 12),
    st.none() | st.integers(0, 9),
    _MEASURED,
    _MEASURED,
)
def test_acr_2016_items_equal_their_general_builders(
    entry: tuple[bool | None, ...],
    sialadenitis: bool | None,
    focus: float | None,
    anti_ro: bool | None,
    oss: int | None,
    van_bijsterveld: int | None,
    schirmer: float | None,
    flow: float | None,
) -> None:
    names = [name for name, _ in sjogren._ENTRY[2]]  # noqa: SLF001
    out = sjogren.acr_eular_2016_sjogren(
        **dict(zip(names, entry, strict=True)),
        focal_lymphocytic_sialadenitis=sialadenitis,
        focus_score_per_4_mm2=focus,
        anti_ro_ssa=anti_ro,
        ocular_staining_score=oss,
        van_bijsterveld_score=van_bijsterveld,
        schirmer_mm_per_5_min=schirmer,
        unstimulated_saliva_flow_ml_per_min=flow,
    )
    want = (
        sjogren._flags(sjogren._ENTRY, entry, sjogren._ANY),  # noqa: SLF001
        sjogren._acr_focus(sialadenitis, focus),  # noqa: SLF001
        sjogren._flags(sjogren._ANTI_RO, (anti_ro,), sjogren._ANY, 3),  # noqa: SLF001
        sjogren._acr_staining(oss, van_bijsterveld),  # noqa: SLF001
        sjogren._acr_schirmer(schirmer),  # noqa: SLF001
        sjogren._acr_flow(flow),  # noqa: SLF001
    )
    for got_item, want_item in zip(out.items, want, strict=False):
        assert got_item == want_item
        assert _tree(got_item)[:5] == _tree(want_item)[:5]
        assert type(got_item.values) in {dict, MappingProxyType}


def test_shared_sjogren_items_are_read_only() -> None:
    for item in (
        sjogren._ACR_FOCUS_UNKNOWN,  # noqa: SLF001
        sjogren._ACR_STAINING_UNKNOWN,  # noqa: SLF001
        sjogren._ACR_SCHIRMER_UNKNOWN,  # noqa: SLF001
        sjogren._ACR_FLOW_UNKNOWN,  # noqa: SLF001
        *sjogren._ENTRY_TABLE.values(),  # noqa: SLF001
    ):
        assert type(item.values) is MappingProxyType
        with pytest.raises(TypeError):
            item.values["x"] = 1  # type: ignore[index]
    assert len(sjogren._ENTRY_TABLE) == 3**6  # noqa: SLF001


# --- SSc inclusion 2: ILD with ground-glass and low FVC or DLCO -------------------------------


@pytest.mark.parametrize("ild", [True, None])
@pytest.mark.parametrize("ggo", [True, False, None])
def test_ild_rule_equals_the_public_function(ild: bool | None, ggo: bool | None) -> None:
    section = json.loads((_EXAMPLES / "ssc-eligible.json").read_text())["ssc"]
    for fvc in (None, 10, 69.9, 69.99999, 70, 70.0, 64, 200):
        for dlco in (None, 5, 5.0, 69.99, 70, 52, 200.0):
            values = {
                "interstitial_lung_disease": ild,
                "ground_glass_on_hrct": ggo,
                "fvc_percent_predicted": fvc,
                "dlco_percent_predicted": dlco,
            }
            got = indications.ssc_ild(_context(_record("ssc", {**section, **values})))
            outcome = ssc_ild_ground_glass_and_low_pft(
                fvc_percent_predicted=fvc, dlco_percent_predicted=dlco, ground_glass_on_hrct=ggo
            )
            severity = indications._from_criterion(  # noqa: SLF001
                "ild_ground_glass_and_low_pft", outcome, "$.ssc"
            )
            if ild:
                want = combine("ild", (severity,), all_of)
            else:
                no_ild = unknown(
                    "ild_present",
                    "interstitial lung disease: not recorded",
                    ("$.ssc.interstitial_lung_disease",),
                )
                want = combine("ild", (no_ild, severity), lambda v: any_of((negate(v[0]), v[1])))
            assert got == want
            assert _tree(got)[:5] == _tree(want)[:5]
            # strictly below 70 % predicted, written here independently
            low = [v is not None and Fraction(str(v)) < 70 for v in (fvc, dlco)]
            if ggo is True and any(low):
                assert outcome.met is True
            if ggo is False or (fvc is not None and dlco is not None and not any(low)):
                assert outcome.met is False


# --- SSc inclusion 1: the 2013 ACR/EULAR criteria from grouped tables --------------------------

_WEIGHTS_2013 = (  # written here from Table 1 of van den Hoogen 2013, independently
    (("skin_thickening_proximal_to_mcps", 9),),
    (("puffy_fingers", 2), ("sclerodactyly", 4)),
    (("digital_tip_ulcers", 2), ("fingertip_pitting_scars", 3)),
    (("telangiectasia", 2),),
    (("abnormal_nailfold_capillaries", 2),),
    (("pulmonary_arterial_hypertension", 2), ("interstitial_lung_disease", 2)),
    (("raynaud_phenomenon", 3),),
    (("anticentromere", 3), ("anti_topoisomerase_i", 3), ("anti_rna_polymerase_iii", 3)),
)


def test_group_tables_equal_the_item_tables() -> None:
    groups = (
        (sclerosis_criteria._GROUP_1, sclerosis_criteria._TABLES[0:3]),  # noqa: SLF001
        (sclerosis_criteria._GROUP_2, sclerosis_criteria._TABLES[3:6]),  # noqa: SLF001
        (sclerosis_criteria._GROUP_3, sclerosis_criteria._TABLES[6:8]),  # noqa: SLF001
    )
    for group, tables in groups:
        size = sum(len(keys) for _, keys, _ in tables)
        assert len(group) == 3**size
        for states, (known, more, deciding, items) in group.items():
            start, want_known, want_more = 0, 0, 0
            want_deciding: tuple[str, ...] = ()
            want_items: tuple[Outcome, ...] = ()
            for _, keys, table in tables:
                part: Any = states[start : start + len(keys)]
                points, extra, keys_deciding, item = table[part]
                start += len(keys)
                want_known += points
                want_more += extra
                want_deciding += keys_deciding
                want_items += (item,)
            assert (known, more, deciding) == (want_known, want_more, want_deciding)
            assert all(a is b for a, b in zip(items, want_items, strict=True))


@given(st.tuples(*[_FLAG] * 15))
def test_2013_criteria_against_an_independent_count(states: tuple[bool | None, ...]) -> None:
    given_ = dict(zip(sclerosis_criteria._INPUTS, states, strict=True))  # noqa: SLF001
    thickened = given_["skin_thickening_proximal_to_mcps"] or given_["sclerodactyly"]
    if thickened and given_["skin_thickening_sparing_fingers"]:
        with pytest.raises(InvalidInputError, match="cannot be True when skin thickening"):
            acr_eular_2013_ssc(**given_)
        return
    out = acr_eular_2013_ssc(**given_)
    known = sum(max([w for k, w in item if given_[k] is True], default=0) for item in _WEIGHTS_2013)
    best = sum(
        max([w for k, w in item if given_[k] is not False], default=0) for item in _WEIGHTS_2013
    )
    sparing = False if thickened else given_["skin_thickening_sparing_fingers"]
    explained = given_["better_explained_by_scleroderma_like_disorder"]
    assert out.points == known
    assert out.values == given_
    assert type(out.values) is dict
    if sparing or explained or best < 9:
        assert out.met is False
    elif known >= 9 and sparing is False and explained is False:
        assert out.met is True
        assert out.missing == ()
        assert out.reason.startswith(f"classified as SSc: {known} points")
    else:
        assert out.met is None
        assert out.missing
    assert [item.name for item in out.items][-2:] == [
        "no_skin_thickening_sparing_fingers",
        "no_better_explaining_disorder",
    ]
    spared = out.items[-2]
    assert spared.values == {"skin_thickening_sparing_fingers": sparing}
    assert spared.met == (None if sparing is None else not sparing)
    assert spared.missing == (("skin_thickening_sparing_fingers",) if sparing is None else ())


# --- pSS inclusion 2: ESSDAI with every domain rated ------------------------------------------

_LEVELS = st.sampled_from(["no", "low", "moderate", "high"])


@given(st.lists(_LEVELS, min_size=12, max_size=12), st.randoms(use_true_random=False))
def test_essdai_rule_with_every_domain_rated(levels: list[str], rng: Any) -> None:
    names = list(ESSDAI_DOMAINS)
    rng.shuffle(names)  # the record's order
    pss = json.loads((_EXAMPLES / "pss-eligible.json").read_text())["pss"]
    domains = dict(zip(names, levels, strict=True))
    levels_allowed = {d.domain.value: d for d in essdai_definitions()}
    for name, level in domains.items():  # a level a domain does not have is refused
        if level not in {row.level.value for row in levels_allowed[name].levels}:
            domains[name] = "no"
    got = indications.pss_essdai(_context(_record("pss", {**pss, "essdai_domains": domains})))
    value = essdai(domains).value
    want = Outcome(
        "essdai",
        value >= 5,
        f"ESSDAI {value} {'>=' if value >= 5 else '<'} 5",
        None,
        {"essdai_min": value, "essdai_max": value},
    )
    assert _tree(got) == _tree(want)


def test_essdai_rule_with_domains_missing_is_unchanged() -> None:
    pss = json.loads((_EXAMPLES / "pss-eligible.json").read_text())["pss"]
    domains = dict(pss["essdai_domains"])
    del domains["biological"]
    got = indications.pss_essdai(_context(_record("pss", {**pss, "essdai_domains": domains})))
    assert got.met is None or got.missing == ()
    assert "from 11 domains" in got.reason
    with pytest.raises(RecordError):  # a 12th key that is not a domain is refused by the reader
        _record("pss", {**pss, "essdai_domains": {**domains, "other": "no"}})


# --- the classification rules' errors name the record's JSON path, as call() did --------------


def test_classification_rules_report_criterion_errors_with_their_path() -> None:
    ssc = json.loads((_EXAMPLES / "ssc-eligible.json").read_text())["ssc"]
    params = {**ssc["acr_eular_2013"], "skin_thickening_sparing_fingers": True}
    record = _record("ssc", {**ssc, "acr_eular_2013": params})
    with pytest.raises(RecordError) as caught:
        indications.ssc_classification(_context(record))
    assert caught.value.field == "$.ssc.acr_eular_2013.skin_thickening_sparing_fingers"
    assert caught.value.rule.startswith("cannot be True when skin thickening of the fingers")
    pss = json.loads((_EXAMPLES / "pss-eligible.json").read_text())["pss"]
    params = {**pss["acr_eular_2016"], "focus_score_per_4_mm2": 25}
    record = _record("pss", {**pss, "acr_eular_2016": params})
    with pytest.raises(RecordError) as caught:
        indications.pss_classification(_context(record))
    assert caught.value.field == "$.pss.acr_eular_2016.focus_score_per_4_mm2"
    assert caught.value.value == 25
