"""The protocol's "conventional treatment" and "ineffective or relapse", from the record.

The protocol (pSS, SSc and IIM inclusion) defines conventional ("routine") treatment as "use
of glucocorticoids (above 1 mg/kg/d) and cyclophosphamide, as well as any of the following
immunomodulatory drugs for more than 6 months: antimalarials, methotrexate, leflunomide,
cyclophosphamide, azathioprine, mertiomate, tacrolimus, cyclosporine, and biologics,
including rituximab, belimumab and tetracycline". The reading (docs/protocol-notes.md) is a
:class:`~activity_scores.rules.ProtocolReading`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from activity_scores._logic import all_of, any_of
from activity_scores._rounding import _NOISE, _floor
from activity_scores.criteria.rheumatoid import prednisone_equivalent_mg
from activity_scores.errors import InvalidInputError
from activity_scores.results import EMPTY, Outcome, deferred_outcome
from activity_scores.rules._base import (
    IMMUNOMODULATOR_READING,
    ProtocolReading,
    add_months,
    combine,
    decided,
    fmt,
    shared,
    unknown,
)
from activity_scores.rules._spec import RecordError
from activity_scores.rules.common import Context
from activity_scores.rules.record import GLUCOCORTICOIDS, Treatment


def _prednisone_equivalent(drug: str, dose_mg: float, index: int) -> float:
    try:
        return prednisone_equivalent_mg(drug=drug, dose_mg=dose_mg).value
    except InvalidInputError as error:
        path = f"$.treatments[{index}]"
        raise RecordError(f"{path}.dose_mg_per_day", error.rule, error.value) from None


def _glucocorticoid(
    treatments: Sequence[Treatment], weight_kg: float | None, reading: ProtocolReading
) -> Outcome:
    name = "glucocorticoid_high_dose"
    threshold = reading.glucocorticoid_mg_per_kg_per_day
    inclusive = reading.glucocorticoid_threshold_inclusive
    results: list[bool | None] = []
    missing: list[str] = []
    # Each course's part of the reason: a text, or (drug, dose, mg/kg, reached) to format
    # when the reason is first read (issue 8).
    shown: list[str | tuple[str, float, float, bool]] = []
    index = -1
    for course in treatments:
        index += 1
        drug = course.drug
        if drug is None:
            results.append(None)
            missing.append(f"$.treatments[{index}].drug")
            shown.append("a course whose drug is not recorded")
            continue
        if drug not in _GLUCOCORTICOIDS:
            continue
        dose = course.dose_mg_per_day
        weight = course.weight_kg
        if weight is None:
            weight = weight_kg
        if dose is None or weight is None:
            results.append(None)
            if dose is None:
                missing.append(f"$.treatments[{index}].dose_mg_per_day")
            if weight is None:
                missing.append("$.patient.weight_kg")
            shown.append(f"{drug} dose or weight not recorded")
            continue
        per_kg = _prednisone_equivalent(drug, dose, index) / weight
        # Decide on 1/1000 mg/kg: a dose of exactly 1 mg/kg is not flipped by float noise
        # (units_of(per_kg, 3) and units_of(threshold, 3), their arithmetic inline).
        dose_units = _floor(per_kg * 1000.0 + 0.5 + _NOISE)
        limit_units = _floor(threshold * 1000.0 + 0.5 + _NOISE)
        reached = dose_units >= limit_units if inclusive else dose_units > limit_units
        results.append(reached)
        shown.append((drug, dose, per_kg, reached))
    if not results:
        return decided(name, False, "no glucocorticoid in the treatment history")  # noqa: FBT003
    met = any_of(results)
    state = (_glucocorticoid_details, shown, inclusive, threshold)
    # as unknown() / decided(): no values, no items; the reason built when first read
    return deferred_outcome(name, met, None, () if met is not None else tuple(missing), state)


def _glucocorticoid_details(state: tuple[Any, ...]) -> tuple[str, dict[str, object], tuple[()]]:
    """The reason, values and items of :func:`_glucocorticoid`, built when first read (issue 8)."""
    return _glucocorticoid_reason(state), {}, ()


def _glucocorticoid_reason(state: tuple[Any, ...]) -> str:
    """The reason of :func:`_glucocorticoid`."""
    _, shown, inclusive, threshold = state
    sign = ">=" if inclusive else ">"
    parts = []
    for part in shown:
        if type(part) is str:
            parts.append(part)
            continue
        drug, dose, per_kg, reached = part
        parts.append(
            f"{drug} {fmt(dose)} mg/day = {per_kg:.2f} mg/kg/day "
            f"prednisone equivalent ({'' if reached else 'not '}{sign} {fmt(threshold)})"
        )
    return "; ".join(parts)


def _duration_ok(course: Treatment, on: date, months: int) -> tuple[bool | None, str]:
    end = on if course.ongoing else course.end_date
    if course.start_date is None or end is None:
        return None, "dates not recorded"
    limit = add_months(course.start_date, months)
    more = end > limit
    return more, _duration_text(course.start_date, end, months, more)


def _duration_text(start: date, end: date, months: int, more: bool) -> str:  # noqa: FBT001
    return (
        f"{start.isoformat()} to {end.isoformat()} "
        f"({'more' if more else 'not more'} than {months} months)"
    )


def _immunomodulator(
    treatments: Sequence[Treatment], on: date, reading: ProtocolReading
) -> Outcome:
    name = "immunomodulator_over_6_months"
    months = reading.immunomodulator_months
    listed: tuple[str, ...] | frozenset[str] = reading.immunomodulators
    if listed is IMMUNOMODULATOR_READING:  # the default reading: its names as a set
        listed = _IMMUNOMODULATORS
    results: list[bool | None] = []
    missing: list[str] = []
    # Each course's part of the reason: a text, or (drug, start, end, more) to format when
    # the reason is first read (issue 8).
    shown: list[str | tuple[str, date, date, bool]] = []
    index = -1
    for course in treatments:
        index += 1
        drug = course.drug
        if drug is None:
            ok, text = _duration_ok(course, on, months)
            if ok is not False:
                results.append(None)
                missing.append(f"$.treatments[{index}].drug")
                shown.append(f"a course whose drug is not recorded, {text}")
            continue
        if drug not in listed:
            continue
        start = course.start_date
        end = on if course.ongoing else course.end_date
        if start is None or end is None:
            results.append(None)
            shown.append(f"{drug} dates not recorded")
            if start is None:
                missing.append(f"$.treatments[{index}].start_date")
            if course.end_date is None and not course.ongoing:
                missing.append(f"$.treatments[{index}].end_date")
            continue
        more = end > add_months(start, months)
        results.append(more)
        shown.append((drug, start, end, more))
    if not results:
        return decided(name, False, "no listed immunomodulator in the treatment history")  # noqa: FBT003
    met = any_of(results)
    state = (_immunomodulator_details, shown, months)
    # as unknown() / decided(): no values, no items; the reason built when first read
    return deferred_outcome(name, met, None, () if met is not None else tuple(missing), state)


def _immunomodulator_details(state: tuple[Any, ...]) -> tuple[str, dict[str, object], tuple[()]]:
    """The reason, values and items of :func:`_immunomodulator`, built when first read (issue 8)."""
    return _immunomodulator_reason(state), {}, ()


def _immunomodulator_reason(state: tuple[Any, ...]) -> str:
    """The reason of :func:`_immunomodulator`."""
    _, shown, months = state
    parts = []
    for part in shown:
        if type(part) is str:
            parts.append(part)
            continue
        drug, start, end, more = part
        parts.append(f"{drug} {_duration_text(start, end, months, more)}")
    return "; ".join(parts)


def _cyclophosphamide(treatments: Sequence[Treatment]) -> Outcome:
    drugs = [course.drug for course in treatments]
    if None not in drugs:  # every drug named, the common case (issue 8): a shared outcome
        return _CYCLOPHOSPHAMIDE_USED if "cyclophosphamide" in drugs else _NO_CYCLOPHOSPHAMIDE
    used = any(course.drug == "cyclophosphamide" for course in treatments)
    unnamed = [i for i, course in enumerate(treatments) if course.drug is None]
    if not used and unnamed:
        return unknown(
            "cyclophosphamide",
            "no cyclophosphamide among the named drugs; a course's drug is not recorded",
            [f"$.treatments[{i}].drug" for i in unnamed],
        )
    return decided(
        "cyclophosphamide",
        used,
        "cyclophosphamide in the treatment history"
        if used
        else "no cyclophosphamide in the treatment history",
    )


#: The glucocorticoids, and the default reading's immunomodulators, as sets (C-level
#: membership; issue 8).
_GLUCOCORTICOIDS = frozenset(GLUCOCORTICOIDS)
_IMMUNOMODULATORS = frozenset(IMMUNOMODULATOR_READING)

#: The cyclophosphamide item when every course names its drug (constants, shared: issue 8).
_CYCLOPHOSPHAMIDE_USED = shared(
    decided("cyclophosphamide", True, "cyclophosphamide in the treatment history")  # noqa: FBT003
)
_NO_CYCLOPHOSPHAMIDE = shared(
    decided("cyclophosphamide", False, "no cyclophosphamide in the treatment history")  # noqa: FBT003
)


def conventional_treatment(ctx: Context) -> Outcome:
    """Whether the treatment history meets the protocol's definition of conventional treatment."""
    outcome, items = _conventional(ctx)
    return _all_of(_CONVENTIONAL, items) if outcome is None else outcome


_CONVENTIONAL = "conventional_treatment"


def _conventional(ctx: Context) -> tuple[Outcome | None, tuple[Outcome, ...]]:
    """:func:`conventional_treatment`'s outcome when it has no items, else ``(None, items)``."""
    treatments = ctx.record.treatments
    if treatments is None:
        return unknown(_CONVENTIONAL, "treatment history not recorded", ("$.treatments",)), ()
    patient = ctx.record.patient
    reading = ctx.reading
    glucocorticoid = _glucocorticoid(
        treatments, None if patient is None else patient.weight_kg, reading
    )
    immunomodulator = _immunomodulator(treatments, ctx.on, reading)
    if reading.require_cyclophosphamide:
        return None, (glucocorticoid, _cyclophosphamide(treatments), immunomodulator)
    return None, (glucocorticoid, immunomodulator)


def refractory(ctx: Context) -> Outcome:
    """Ineffective conventional treatment, or relapse of disease activity after remission."""
    inv = ctx.investigator
    either = _EITHER[inv.conventional_treatment_ineffective, inv.relapse_after_remission]
    outcome, items = _conventional(ctx)
    if outcome is not None:
        return _all_of("refractory", (outcome, either))
    conventional = _decided_all(items)
    other = either.met
    met = (
        False
        if conventional is False or other is False
        else None
        if conventional is None or other is None
        else True
    )
    if met is None:
        return combine("refractory", (_all_of(_CONVENTIONAL, items), either), all_of)
    # decided: the conventional treatment item (_all_of of its items) built with the
    # details, when first read (issue 8)
    return deferred_outcome("refractory", met, None, (), (_refractory_details, items, either))


def _refractory_details(
    state: tuple[Any, ...],
) -> tuple[str, Mapping[str, object], tuple[Outcome, ...]]:
    """The details of a decided :func:`refractory`: as :func:`_all_of` of its two items."""
    _, items, either = state
    return _joined_details((None, (_all_of(_CONVENTIONAL, items), either)))


def _decided_all(items: tuple[Outcome, ...]) -> bool | None:
    """``all_of`` on the items' states."""
    met: bool | None = True
    for item in items:
        state = item.met
        if state is False:
            return False
        if state is None:
            met = None
    return met


def _all_of(name: str, items: tuple[Outcome, ...]) -> Outcome:
    """``combine(name, items, all_of)``: a decided outcome deferred, its details on first read.

    Decided (the common case), its items' reasons joined, no values, the items, as
    :func:`combine` gives them, built when first read (issue 8); unknown, :func:`combine`.
    """
    met = _decided_all(items)
    if met is None:
        return combine(name, items, all_of)
    return deferred_outcome(name, met, None, (), (_joined_details, items))


def _joined_details(
    state: tuple[Any, ...],
) -> tuple[str, Mapping[str, object], tuple[Outcome, ...]]:
    """The details of a decided :func:`_all_of`: the items' reasons joined, no values, them."""
    items = state[1]
    return "; ".join([item.reason for item in items]), EMPTY, items


def _judged(field: str, yes: str, no: str, value: bool | None) -> Outcome:  # noqa: FBT001
    """The investigator's yes/no judgement ``field`` as an outcome."""
    if value is None:  # EMPTY values: the outcome is shared (read-only)
        path = f"$.investigator.{field}"
        return Outcome(
            field, None, f"{field.replace('_', ' ')}: not recorded", None, EMPTY, (path,)
        )
    return Outcome(field, value, yes if value else no, None, EMPTY)


def _either(ineffective: bool | None, relapse: bool | None) -> Outcome:  # noqa: FBT001
    """'Ineffective conventional treatment or relapse after remission', from the two fields."""
    judged = (
        _judged(
            "conventional_treatment_ineffective",
            "ineffective (investigator)",
            "not ineffective (investigator)",
            ineffective,
        ),
        _judged(
            "relapse_after_remission",
            "relapse after remission (investigator)",
            "no relapse after remission (investigator)",
            relapse,
        ),
    )
    return combine("ineffective_or_relapse", judged, any_of)


#: The outcome for each pair of the two judgements (3 x 3 values), built once at import:
#: it depends on nothing else (issue 8).
_EITHER = {
    (ineffective, relapse): _either(ineffective, relapse)
    for ineffective in (True, False, None)
    for relapse in (True, False, None)
}
