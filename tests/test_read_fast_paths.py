"""The issue-8 speed-ups of reading a record and screening it change nothing observable.

Each fast path is compared with the general code it short-cuts (an equivalence, not a
reference value), over varied inputs: every field missing, values at and around the
cut-offs, wrong types and invalid combinations, whose errors must stay the same.
"""

from __future__ import annotations

import calendar
import copy
import itertools
import json
import pickle
import weakref
from datetime import date, datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import pytest

from activity_scores import InvalidInputError, Outcome, TreatmentCourse
from activity_scores._logic import any_of
from activity_scores.criteria.myositis import (
    _ANTIBODY_ITEMS,
    _PANEL_ALL,
    myositis_antibodies_positive,
)
from activity_scores.criteria.rheumatoid import (
    DmardClass,
    Mechanism,
    StopReason,
    _course_from_valid,
    _entry_item,
    acr_eular_2010_ra,
)
from activity_scores.criteria.sclerosis import _SPECS as _SSC_SPECS
from activity_scores.criteria.sclerosis import _item as _ssc_item
from activity_scores.criteria.sclerosis import acr_eular_2013_ssc
from activity_scores.criteria.sjogren import (
    _ACR_EXCLUSIONS,
    _ACR_EXCLUSIONS_TABLE,
    _AECG_EXCLUSIONS,
    _AECG_EXCLUSIONS_TABLE,
    _ANTI_RO,
    _ANTI_RO_TABLE,
    _ANTIBODIES,
    _ANTIBODIES_TABLE,
    _ANY,
    _ENTRY,
    _ENTRY_TABLE,
    _NO_ASSOCIATED,
    _NO_ASSOCIATED_TABLE,
    _NONE_PRESENT,
    _OCULAR,
    _OCULAR_TABLE,
    _ORAL,
    _ORAL_TABLE,
    _bool_flags,
    _flags,
)
from activity_scores.rules import PatientRecord, ProtocolReading, common
from activity_scores.rules._base import add_months, combine, decided, flag_outcome
from activity_scores.rules._base import unknown as make_unknown
from activity_scores.rules._spec import SLOW, Lab, builder, fast_reader, parse_object, specs
from activity_scores.rules.common import (
    _HEMODYNAMIC,
    _OTHER_REASONS,
    Context,
    _allergy,
    _condition_outcome,
    _consent,
    _contraception,
    _csf,
    _hbv_item,
    _hcv_item,
    _hiv_item,
    _not_lactating,
    _pregnancy,
    _syphilis_item,
)
from activity_scores.rules.record import (
    ColonyStimulatingFactor,
    Conditions,
    Hcg,
    Investigator,
    Patient,
    Serology,
    Treatment,
    parse_record,
)
from activity_scores.rules.treatment import _cyclophosphamide

# --- a record's DMARD course read into a TreatmentCourse -------------------------------------

_START = date(2020, 1, 1)
_EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_course_from_valid_is_treatment_course_or_none() -> None:
    drugs: list[object] = ["methotrexate", " adalimumab ", "", "  ", "x" * 100, "x" * 101, 5, None]
    classes: list[object] = ["csDMARD", "bDMARD", "tsDMARD", "other", DmardClass.BDMARD, None]
    mechanisms: list[object] = [None, "tnf", "jak", "bogus", Mechanism.IL6, 3]
    starts: list[object] = [_START, datetime(2020, 1, 1), "2020-01-01", None]  # noqa: DTZ001
    stops: list[object] = [
        None,
        date(2019, 12, 31),
        _START,
        date(2021, 6, 1),
        datetime(2021, 6, 1),  # noqa: DTZ001
    ]
    reasons: list[object] = [None, "inefficacy", "other", "unknown", "bogus", StopReason.OTHER]
    fast_count = 0
    for fields in itertools.product(drugs, classes, mechanisms, starts, stops, reasons):
        drug, drug_class, mechanism, start, stop, reason = fields
        fast = _course_from_valid(*fields)
        try:
            general = TreatmentCourse(
                drug=drug,  # type: ignore[arg-type]
                drug_class=drug_class,  # type: ignore[arg-type]
                mechanism=mechanism,  # type: ignore[arg-type]
                start_date=start,  # type: ignore[arg-type]
                stop_date=stop,  # type: ignore[arg-type]
                reason_stopped=reason,  # type: ignore[arg-type]
            )
        except (InvalidInputError, TypeError):
            assert fast is None, fields
            continue
        if fast is None:
            continue
        fast_count += 1
        assert type(fast) is TreatmentCourse
        assert fast == general
        assert hash(fast) == hash(general)
        assert repr(fast) == repr(general)
        for field in attrs.fields(TreatmentCourse):
            mine: Any = getattr(fast, field.name)
            theirs: Any = getattr(general, field.name)
            assert mine is theirs or (type(mine) is type(theirs) and mine == theirs), field
    assert fast_count > 50  # the plain valid cases were taken by the fast path


# --- common criteria: outcomes of a few yes/no fields looked up in tables built at import ----


def _context(record: PatientRecord) -> Context:
    return Context(record, date(2026, 1, 1), ProtocolReading())


def _same(fast: Outcome, general: Outcome) -> None:
    """Equal field for field (values compared as mappings), the same JSON, values read-only."""
    assert fast == general
    assert fast.to_dict() == general.to_dict()
    assert repr(fast) == repr(general)
    for item in fast.walk():
        assert type(item.values) is MappingProxyType


_TRI = (True, False, None)
_SEXES = ("female", "male", None)


def test_patient_rules_equal_the_general_code() -> None:
    hcg_results = ("positive", "negative", None)
    for sex, potential, partner, agreed, lactating, pregnant, planning, result in itertools.product(
        _SEXES, _TRI, _TRI, _TRI, _TRI, _TRI, _TRI, hcg_results
    ):
        patient = Patient(
            sex=sex,
            childbearing_potential=potential,
            partner_childbearing_potential=partner,
            contraception_agreed=agreed,
            lactating=lactating,
            pregnant=pregnant,
            planning_pregnancy=planning,
        )
        ctx = _context(PatientRecord(patient=patient, hcg=Hcg(result=result)))
        _same(common.contraception(ctx), _contraception(sex, potential, partner, agreed))
        _same(common.not_lactating(ctx), _not_lactating(sex, potential, lactating))
        positive = result == "positive"
        _same(common.pregnancy(ctx), _pregnancy(sex, pregnant, planning, positive))
    empty = _context(PatientRecord())
    _same(common.contraception(empty), _contraception(None, None, None, None))
    _same(common.not_lactating(empty), _not_lactating(None, None, None))
    _same(common.pregnancy(empty), _pregnancy(None, None, None, False))


def test_yes_no_rules_equal_the_general_code() -> None:
    for drug, history, signed, compliance, stable, other in itertools.product(_TRI, repeat=6):
        ctx = _context(
            PatientRecord(
                conditions=Conditions(
                    trial_drug_allergy_or_contraindication=drug,
                    severe_allergic_reaction_history=history,
                    cns_disorder=other,
                ),
                investigator=Investigator(
                    consent_signed=signed,
                    compliance_expected=compliance,
                    hemodynamically_stable=stable,
                    other_reasons_to_exclude=other,
                ),
            )
        )
        _same(common.allergy(ctx), _allergy(drug, history))
        _same(common.consent(ctx), _consent(signed, compliance))
        _same(
            common.hemodynamic_stability(ctx),
            flag_outcome("hemodynamic_stability", stable, *_HEMODYNAMIC[1:]),
        )
        _same(
            common.other_reasons(ctx),
            flag_outcome("other_reasons", other, *_OTHER_REASONS[1:]),
        )
        rule = common.condition_rule("cns_disorder", "central nervous system disorder")
        _same(
            rule(ctx),
            _condition_outcome("cns_disorder", "central nervous system disorder", other),
        )
    empty = _context(PatientRecord())
    _same(common.allergy(empty), _allergy(None, None))
    _same(common.consent(empty), _consent(None, None))


def test_serology_items_equal_the_general_code() -> None:
    results = ("positive", "negative", None)
    for combo in itertools.product(results, repeat=7):
        hbsag, hbcab, dna, hcv_ab, hcv_rna, hiv, syphilis = combo
        outcome = common.infection_serology(_context(PatientRecord(serology=Serology(*combo))))
        general = (
            _hbv_item(hbsag, hbcab, dna),
            _hcv_item(hcv_ab, hcv_rna),
            _hiv_item(hiv),
            _syphilis_item(syphilis),
        )
        _same(outcome, combine("infection_serology", general, any_of))


def test_constant_outcomes_are_the_general_ones() -> None:
    empty = _context(PatientRecord(malignancies=(), clinical_trials=()))
    unknown = _context(PatientRecord())
    _same(common.malignancy(empty), decided("malignancy", False, "no malignancy in the history"))
    _same(
        common.malignancy(unknown),
        make_unknown("malignancy", "malignancy history not recorded", ("$.malignancies",)),
    )
    name = "other_trial_within_3_months"
    _same(common.other_trial(empty), decided(name, False, "no treatment in another clinical trial"))
    _same(
        common.other_trial(unknown),
        make_unknown(name, "other clinical trials not recorded", ("$.clinical_trials",)),
    )
    csf = "no_csf_within_2_weeks"
    path = "$.colony_stimulating_factor.received"
    not_given = _context(PatientRecord(colony_stimulating_factor=ColonyStimulatingFactor(False)))
    _same(
        _csf(not_given, None),
        decided(csf, True, "no colony-stimulating factor before the count"),
    )
    _same(
        _csf(unknown, None),
        make_unknown(csf, "colony-stimulating factor use not recorded", (path,)),
    )


# --- record objects built by the reader's builder ------------------------------------------


def _record_classes() -> list[type]:
    seen: list[type] = []
    todo: list[type] = [PatientRecord]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.append(cls)
        for spec in specs(cls).values():
            inner = spec.item if spec.kind == "array" else spec
            if inner is not None and inner.kind == "object" and inner.cls is not None:
                todo.append(inner.cls)
    return [*seen, Lab]


def test_builder_equals_the_class_constructor() -> None:
    classes = _record_classes()
    assert len(classes) > 10
    for cls in classes:
        build = builder(cls)
        assert build is not cls, cls  # every record class takes the builder
        names = [field.name for field in attrs.fields(cls)]
        for values in (
            [None] * len(names),
            [f"value {i}" for i in range(len(names))],
            [i if i % 2 else None for i in range(len(names))],
        ):
            got: Any = build(*values)
            want: Any = cls(*values)
            assert got == want
            assert hash(got) == hash(want)
            assert repr(got) == repr(want)
            assert attrs.asdict(got, recurse=False) == attrs.asdict(want, recurse=False)
            assert attrs.evolve(got) == want
            assert copy.copy(got) == want
            assert pickle.loads(pickle.dumps(got)) == want  # noqa: S301 - our own bytes
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                got.x = 1
            assert type(got) is cls
    first = builder(Lab)(1.0, "g/L", date(2026, 1, 1), None)
    assert weakref.ref(first)() is first  # the slotted classes keep their __weakref__ slot


def test_parsed_example_records_equal_the_general_reader() -> None:
    for path in sorted(_EXAMPLES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "indication" not in data:
            continue
        fast = parse_record(data)
        general = parse_object(PatientRecord, data, "$")
        assert fast == general
        assert fast.to_dict() == general.to_dict() == data | {}


# --- dates: add_months without calendar.monthrange -----------------------------------------


def _add_months_by_calendar(start: date, months: int) -> date:
    """The former add_months, on calendar.monthrange."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


def test_add_months_equals_the_calendar_version() -> None:
    days = [date(1999, 12, 1) + timedelta(days=n) for n in range(0, 3 * 366 + 400, 1)]
    days += [date(1900, 2, 28), date(2100, 2, 28), date(2000, 2, 29), date(1, 1, 31)]
    days += [date(9999, 12, 31), date(1900, 1, 31), date(2096, 1, 30)]
    for start in days:
        for months in (-1200, -61, -36, -12, -6, -3, -1, 0, 1, 2, 3, 6, 11, 12, 13, 60, 1200):
            try:
                expected = _add_months_by_calendar(start, months)
            except ValueError as error:
                with pytest.raises(ValueError, match=str(error)):
                    add_months(start, months)
                continue
            assert add_months(start, months) == expected, (start, months)


# --- Sjögren criteria: yes/no items for plain bool answers from tables -----------------------


def test_sjogren_bool_tables_equal_the_general_items() -> None:
    groups = (
        (_OCULAR_TABLE, _OCULAR, _ANY, None),
        (_ORAL_TABLE, _ORAL, _ANY, None),
        (_ANTIBODIES_TABLE, _ANTIBODIES, _ANY, None),
        (_AECG_EXCLUSIONS_TABLE, _AECG_EXCLUSIONS, _NONE_PRESENT, None),
        (_NO_ASSOCIATED_TABLE, _NO_ASSOCIATED, _NONE_PRESENT, None),
        (_ENTRY_TABLE, _ENTRY, _ANY, None),
        (_ANTI_RO_TABLE, _ANTI_RO, _ANY, 3),
        (_ACR_EXCLUSIONS_TABLE, _ACR_EXCLUSIONS, _NONE_PRESENT, None),
    )
    for table, group, how, weight in groups:
        size = len(group[2])
        answers: list[object] = [True, False, None]
        combos = list(itertools.product(answers, repeat=min(size, 4)))
        combos = [(*c, *(False,) * (size - len(c))) for c in combos]
        combos += [(True,) * size, (False,) * size, (None,) * size]
        for given in combos:
            fast = _bool_flags(table, group, given, how, weight)
            assert fast == _flags(group, given, how, weight), given
            assert fast.to_dict() == _flags(group, given, how, weight).to_dict()
        for odd in (1, 0, 1.0, 0.0, "yes"):  # not bools: the general code refuses them
            given = (odd, *(False,) * (size - 1))
            with pytest.raises(InvalidInputError, match=group[2][0][0]):
                _flags(group, given, how, weight)
            with pytest.raises(InvalidInputError, match=group[2][0][0]):
                _bool_flags(table, group, given, how, weight)


# --- record classes of yes/no or choice fields: the fast reader equals the general one ------


def test_flat_readers_equal_the_general_reader() -> None:
    samples: list[object] = [True, False, None, 1, 0, 1.0, "positive", "negative", "yes", [], {}]
    for cls in (Conditions, Investigator, Serology):
        reader = fast_reader(cls)
        names = list(specs(cls))
        keys = [*names[:3], "unknown_key"]
        fast_count = 0
        for combo in itertools.product(samples, repeat=3):
            for extra in (None, "unknown_key"):
                data: dict[str, object] = dict(zip(keys[:3], combo, strict=True))
                if extra is not None:
                    data[extra] = False
                data[names[-1]] = combo[0]
                fast = reader(data)
                try:
                    general = parse_object(cls, data, "$")
                except InvalidInputError:
                    assert fast is SLOW, data
                    continue
                if fast is SLOW:
                    continue
                fast_count += 1
                assert fast == general, data
                assert [type(getattr(fast, n)) for n in names] == [
                    type(getattr(general, n)) for n in names
                ]
        assert fast_count > 5, cls
        assert reader([]) is SLOW
        assert reader({1: True}) is SLOW


# --- the cyclophosphamide item: shared outcomes when every course names its drug ----------


def test_cyclophosphamide_item_in_every_combination_of_drugs() -> None:
    # The item as the protocol reads (an independent statement, not the code): met if any
    # course is cyclophosphamide; unknown if none is but a course's drug is not recorded,
    # naming those courses; otherwise not met.
    drugs = ("cyclophosphamide", "methotrexate", "prednisone", None)
    for size in range(4):
        for names in itertools.product(drugs, repeat=size):
            outcome = _cyclophosphamide(tuple(Treatment(drug=name) for name in names))
            unnamed = tuple(f"$.treatments[{i}].drug" for i, n in enumerate(names) if n is None)
            assert outcome.name == "cyclophosphamide"
            if "cyclophosphamide" in names:
                assert (outcome.met, outcome.missing) == (True, ()), names
                assert outcome.reason == "cyclophosphamide in the treatment history"
            elif unnamed:
                assert (outcome.met, outcome.missing) == (None, unnamed), names
            else:
                assert (outcome.met, outcome.missing) == (False, ()), names
                assert outcome.reason == "no cyclophosphamide in the treatment history"


# --- SSc 2013 and myositis antibodies: items shared from tables built at import -----------


def test_ssc_items_equal_the_general_items() -> None:
    answers = (True, False, None)
    for name, label, subs, absent in _SSC_SPECS:
        keys = [key for key, _, _ in subs]
        for states in itertools.product(answers, repeat=len(keys)):
            given = dict(zip(keys, states, strict=True))
            outcome, known, _, deciding = _ssc_item(name, label, subs, absent, dict(given))
            general = Outcome(name, outcome.met, outcome.reason, known, given, tuple(deciding))
            result = acr_eular_2013_ssc(**given)
            shared = result.item(name)
            assert shared == general, (name, states)
            assert shared.to_dict() == general.to_dict()
            assert type(shared.values) is MappingProxyType


def test_antibody_items_equal_the_general_items() -> None:
    for _, name in _PANEL_ALL:
        for value in (True, False, None):
            text = "not tested" if value is None else "positive" if value else "negative"
            general = Outcome(
                f"anti_{name}",
                value,
                f"anti-{name}: {text}",
                None,
                {},
                (name,) if value is None else (),
            )
            assert _ANTIBODY_ITEMS[name][value] == general
            outcome = myositis_antibodies_positive({name: value}, include_associated=True)
            assert outcome.item(f"anti_{name}") == general


# --- RA 2010 criteria: the entry, erosions and previously-fulfilled items shared ----------


def test_ra_2010_answer_items_equal_the_general_items() -> None:
    answers = (True, False, None)
    for synovitis, explained, erosions, previous in itertools.product(answers, repeat=4):
        outcome = acr_eular_2010_ra(
            definite_synovitis=synovitis,
            synovitis_better_explained_by_other_disease=explained,
            large_joints=2,
            small_joints=None,
            typical_erosions=erosions,
            previously_fulfilled=previous,
        )
        entry = outcome.item("entry")
        assert entry == _entry_item(synovitis, explained)
        assert entry.to_dict() == _entry_item(synovitis, explained).to_dict()
        assert type(entry.values) is MappingProxyType
        for name, value, text in (
            (
                "typical_erosions",
                erosions,
                "erosive disease typical of RA with a compatible history",
            ),
            (
                "previously_fulfilled",
                previous,
                "long-standing disease that previously fulfilled the 2010 criteria",
            ),
        ):
            general = Outcome(
                name, value, f"{text}: {value}", None, {}, (name,) if value is None else ()
            )
            assert outcome.item(name) == general
            assert outcome.item(name).to_dict() == general.to_dict()
