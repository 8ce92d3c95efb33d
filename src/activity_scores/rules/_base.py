"""Shared machinery of the rules (private): context, dates, exact comparisons, outcome builders."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import Enum
from types import MappingProxyType
from typing import Any

import attrs

from activity_scores._rounding import units_of
from activity_scores.errors import InvalidInputError
from activity_scores.results import EMPTY, Outcome, lazy_outcome
from activity_scores.rules._spec import Lab

Tri = bool | None


class MalignancyReading(str, Enum):
    """How the malignancy exception of common exclusion 6 is read.

    ``listed_and_disease_free`` (default): only non-melanoma skin cancer and in-situ cervical,
    bladder or breast cancer, disease-free for more than 5 years, are excepted. The relative
    clause "that have been disease-free for more than 5 years" is read as applying to every
    listed cancer. ``listed_or_disease_free``: the listed cancers are always excepted, and any
    other malignancy disease-free for more than 5 years is excepted too.
    """

    LISTED_AND_DISEASE_FREE = "listed_and_disease_free"
    LISTED_OR_DISEASE_FREE = "listed_or_disease_free"


IMMUNOMODULATOR_READING = (
    "hydroxychloroquine",
    "chloroquine",
    "methotrexate",
    "leflunomide",
    "cyclophosphamide",
    "azathioprine",
    "mycophenolate_mofetil",
    "mycophenolic_acid",
    "tacrolimus",
    "cyclosporine",
    "rituximab",
    "belimumab",
    "telitacicept",
)


@attrs.frozen
class ProtocolReading:
    """The readings of the protocol's ambiguous text that a site may choose otherwise.

    The defaults are the library's documented reading (docs/protocol-notes.md). A report
    records the reading it was computed with.

    Attributes
    ----------
    glucocorticoid_mg_per_kg_per_day
        "Glucocorticoids (above 1 mg/kg/d)": the prednisone-equivalent dose per kg. [mg/kg/day]
    glucocorticoid_threshold_inclusive
        ``True`` (default): a dose of exactly 1 mg/kg/day counts (the Chinese "以上" of the
        source text includes the number); ``False``: strictly above.
    require_cyclophosphamide
        ``True`` (default): conventional treatment needs glucocorticoids *and* cyclophosphamide
        *and* an immunomodulator for more than 6 months, as written; ``False``: the
        cyclophosphamide item is not required separately (it still counts as an immunomodulator).
    immunomodulator_months
        "For more than 6 months": the minimum duration of an immunomodulator course. [months]
    immunomodulators
        The drugs that count as the protocol's immunomodulators. Default: its list with
        "mertiomate" read as mycophenolate (mofetil or mycophenolic acid) and "tetracycline"
        (among the biologics) read as telitacicept; add ``"tetracycline"`` for the literal reading.
    malignancy
        The reading of the malignancy exception (:class:`MalignancyReading`).
    lung_change
        SSc lung progression: ``"relative"`` (default, OMERACT) or ``"absolute"`` declines of
        % predicted (``change`` of :func:`~activity_scores.lung_progression`).
    mrss_definition
        SSc skin progression: ``"protocol"`` (mRSS increase > 10 %, default) or ``"eustar"``
        (``definition`` of :func:`~activity_scores.mrss_progression`).
    myositis_associated_antibodies
        IIM inclusion 3: also count myositis-associated antibodies (``include_associated`` of
        :func:`~activity_scores.myositis_antibodies_positive`); default ``False``.
    iim_cutoffs
        IIM inclusion 1: ``"score"`` (default) or ``"probability"`` (``cutoffs`` of
        :func:`~activity_scores.eular_acr_2017_iim`).
    d2t_require_different_mechanisms
        RA inclusion 4: ``require_different_mechanisms`` of
        :func:`~activity_scores.eular_difficult_to_treat_ra` (default ``True``).
    d2t_require_both_perceive_problematic
        RA inclusion 4: ``require_both_perceive_problematic`` (default ``False``: the patient
        and/or the rheumatologist, as Nagy 2021; ``True`` for the protocol's literal "both").
    """

    glucocorticoid_mg_per_kg_per_day: float = 1.0
    glucocorticoid_threshold_inclusive: bool = True
    require_cyclophosphamide: bool = True
    immunomodulator_months: int = 6
    immunomodulators: tuple[str, ...] = IMMUNOMODULATOR_READING
    malignancy: MalignancyReading = MalignancyReading.LISTED_AND_DISEASE_FREE
    lung_change: str = "relative"
    mrss_definition: str = "protocol"
    myositis_associated_antibodies: bool = False
    iim_cutoffs: str = "score"
    d2t_require_different_mechanisms: bool = True
    d2t_require_both_perceive_problematic: bool = False

    def __attrs_post_init__(self) -> None:
        """Validate every reading (raises :class:`InvalidInputError` naming the field)."""
        from activity_scores import _validation as _v  # noqa: PLC0415 - light import
        from activity_scores.rules.record import DRUGS  # noqa: PLC0415 - import cycle

        _v.real(
            "glucocorticoid_mg_per_kg_per_day",
            self.glucocorticoid_mg_per_kg_per_day,
            0,
            10,
            lo_open=True,
            unit="mg/kg/day",
        )
        for name in (
            "glucocorticoid_threshold_inclusive",
            "require_cyclophosphamide",
            "myositis_associated_antibodies",
            "d2t_require_different_mechanisms",
            "d2t_require_both_perceive_problematic",
        ):
            _v.flag(name, getattr(self, name))
        _v.count("immunomodulator_months", self.immunomodulator_months, 1, 120, "months")
        drugs: object = self.immunomodulators
        if not isinstance(drugs, (list, tuple)) or not all(drug in DRUGS for drug in drugs):
            raise InvalidInputError(
                "immunomodulators",
                "must be drug names of the record's vocabulary",
                self.immunomodulators,
            )
        object.__setattr__(self, "immunomodulators", tuple(self.immunomodulators))
        object.__setattr__(
            self, "malignancy", _v.choice("malignancy", self.malignancy, MalignancyReading)
        )
        for name, allowed in (
            ("lung_change", ("relative", "absolute")),
            ("mrss_definition", ("protocol", "eustar")),
            ("iim_cutoffs", ("score", "probability")),
        ):
            if getattr(self, name) not in allowed:
                raise InvalidInputError(
                    name, f"must be one of {', '.join(map(repr, allowed))}", getattr(self, name)
                )

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "glucocorticoid_mg_per_kg_per_day": self.glucocorticoid_mg_per_kg_per_day,
            "glucocorticoid_threshold_inclusive": self.glucocorticoid_threshold_inclusive,
            "require_cyclophosphamide": self.require_cyclophosphamide,
            "immunomodulator_months": self.immunomodulator_months,
            "immunomodulators": list(self.immunomodulators),
            "malignancy": self.malignancy.value,
            "lung_change": self.lung_change,
            "mrss_definition": self.mrss_definition,
            "myositis_associated_antibodies": self.myositis_associated_antibodies,
            "iim_cutoffs": self.iim_cutoffs,
            "d2t_require_different_mechanisms": self.d2t_require_different_mechanisms,
            "d2t_require_both_perceive_problematic": self.d2t_require_both_perceive_problematic,
        }


def add_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later (earlier if negative), clamped to month end."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    day = start.day
    if day > 28:  # noqa: PLR2004 - every month has 28 days: only a later day may need clamping
        # calendar.monthrange(year, month + 1)[1], without its weekday (issue 8)
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)  # calendar.isleap
        last = 29 if month == 1 and leap else _MONTH_DAYS[month]
        day = min(day, last)
    return date(year, month + 1, day)


#: Days in each month of a common year (calendar.mdays without its leading 0).
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_years(start: date, years: int) -> date:
    """The same day ``years`` later (28 February for 29 February in a common year)."""
    return add_months(start, 12 * years)


def completed_years(born: date, on: date) -> int:
    """Age in completed years on ``on``."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def at_least(value: float, threshold: float, decimals: int) -> bool:
    """``value >= threshold`` decided on values rounded half-up to ``decimals`` (no float noise)."""
    return units_of(value, decimals) >= units_of(threshold, decimals)


def at_most(value: float, threshold: float, decimals: int) -> bool:
    """``value <= threshold`` decided on values rounded half-up to ``decimals``."""
    return units_of(value, decimals) <= units_of(threshold, decimals)


def below(value: float, threshold: float, decimals: int) -> bool:
    """``value < threshold`` decided on values rounded half-up to ``decimals``."""
    return units_of(value, decimals) < units_of(threshold, decimals)


def fmt(value: object) -> str:
    """Format a number for a reason (no spurious ``.0``, at most 4 significant decimals)."""
    if type(value) is int:  # the common case first (issue 8); str() as below
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.4g}" if abs(value) < 1000 else f"{value:.1f}"  # noqa: PLR2004
    return str(value)


def status(value: Tri) -> str:
    """``met`` / ``not met`` / ``unknown``."""
    return "unknown" if value is None else ("met" if value else "not met")


def unknown(name: str, reason: str, missing: Sequence[str], **values: object) -> Outcome:
    """An unknown outcome."""
    return Outcome(name, None, reason, None, values, tuple(missing))  # positional: perf2


def decided(name: str, met: bool, reason: str, **values: object) -> Outcome:  # noqa: FBT001 - tri-state helper
    """A decided outcome."""
    return Outcome(name, met, reason, None, values)  # positional: perf2


def flag_outcome(
    name: str,
    value: bool | None,  # noqa: FBT001 - a tri-state field value
    path: str,
    yes: str,
    no: str,
    *,
    present_is_met: bool = True,
) -> Outcome:
    """An outcome read directly from a yes/no field (``path`` when missing).

    The outcome depends only on these arguments, which are constants of the calling rule
    but for the field's three possible values, so each is built once and shared (issue 8:
    about 15 of these per record). Its ``values`` mapping is read-only, as it is shared.
    """
    key = (name, value, path, yes, no, present_is_met)
    outcome = _FLAG_OUTCOMES.get(key)
    if outcome is None:
        if value is None:
            reason = f"{path.rsplit('.', 1)[-1].replace('_', ' ')}: not recorded"
            outcome = Outcome(name, None, reason, None, EMPTY, (path,))
        else:
            met = value if present_is_met else not value
            reason = yes if value else no
            outcome = Outcome(name, met, reason, None, MappingProxyType({path: value}))
        if value is None or value is True or value is False:  # the three values only
            _FLAG_OUTCOMES[key] = outcome
    return outcome


_FLAG_OUTCOMES: dict[tuple[object, ...], Outcome] = {}

#: The three values of a yes/no field: true, false, null (unknown).
TRI: tuple[bool | None, ...] = (True, False, None)


def flag_outcomes(
    name: str, path: str, yes: str, no: str, *, present_is_met: bool = True
) -> dict[bool | None, Outcome]:
    """The :func:`flag_outcome` of each of the three values of a yes/no field, by value.

    A rule built once looks its outcome up in this table (issue 8); a read record holds
    only these three values in a yes/no field.
    """
    return {
        value: flag_outcome(name, value, path, yes, no, present_is_met=present_is_met)
        for value in TRI
    }


def combine(
    name: str,
    items: Sequence[Outcome],
    decide: Callable[[list[Tri]], Tri],
    reason: str | None = None,
) -> Outcome:
    """Combine item outcomes with a tri-state rule; missing fields are those of unknown items."""
    met = decide([item.met for item in items])
    parts = tuple(items)
    if met is not None:  # the common case first (issue 8): nothing missing
        if reason is None:  # the items' reasons joined when first read (issue 8)
            return lazy_outcome(name, met, (_joined, parts), None, EMPTY, (), parts)
        return Outcome(name, met, reason, None, EMPTY, (), parts)
    missing: list[str] = []
    for item in items:
        if item.met is None:
            missing.extend(m for m in item.missing if m not in missing)
    if reason is None:
        return lazy_outcome(name, met, (_joined_unknown, parts), None, EMPTY, tuple(missing), parts)
    return Outcome(name, met, reason, None, EMPTY, tuple(missing), parts)


def _joined(state: tuple[Any, ...]) -> str:
    """The reason :func:`combine` gives a decided outcome: its items' reasons."""
    return "; ".join([item.reason for item in state[1]])


def _joined_unknown(state: tuple[Any, ...]) -> str:
    """The reason :func:`combine` gives an unknown outcome: its unknown items' reasons."""
    return "; ".join([item.reason for item in state[1] if item.met is None])


def shared(outcome: Outcome) -> Outcome:
    """``outcome`` with read-only ``values`` (its items' too), to be shared by every report.

    Equal to ``outcome`` field for field; an outcome built once and returned to many
    callers must not hold a dict one of them could change (issue 8).
    """
    values = outcome.values
    if type(values) is dict:
        values = MappingProxyType(values) if values else EMPTY
    return Outcome(
        outcome.name,
        outcome.met,
        outcome.reason,
        outcome.points,
        values,
        outcome.missing,
        tuple([shared(item) for item in outcome.items]),
    )


def lab_value(lab: Lab | None, path: str) -> tuple[float | None, list[str]]:
    """The value of a lab and the list of missing paths."""
    if lab is None or lab.value is None:
        return None, [f"{path}.value"]
    return lab.value, []


def not_applicable(name: str, reason: str) -> Outcome:
    """A criterion that does not apply to this patient (met: nothing to satisfy)."""
    return Outcome(name, True, f"not applicable: {reason}")  # noqa: FBT003 - met


def with_missing(outcome: Outcome, missing: tuple[str, ...]) -> Outcome:
    """``attrs.evolve(outcome, missing=missing)`` without its field introspection (perf2)."""
    return Outcome(
        outcome.name,
        outcome.met,
        outcome.reason,
        outcome.points,
        outcome.values,
        missing,
        outcome.items,
    )
