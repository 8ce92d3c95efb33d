"""The visits JSON format and the ``activity-scores response`` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from activity_scores import InvalidInputError
from activity_scores.cli import main
from activity_scores.rules.visits import response_report_from_json

EXAMPLE = Path(__file__).parent.parent / "examples" / "visits" / "ra-visits.json"


def test_example_report() -> None:
    report = response_report_from_json(EXAMPLE.read_bytes())
    week24 = {o.name: o for o in report.visits[1].responses}
    assert week24["acr70"].met is True
    assert week24["eular_response"].values["response"] == "good"
    assert week24["sdai_remission"].met is None  # evaluator global not recorded


@pytest.mark.parametrize(
    ("document", "path"),
    [
        ({"schema": "x", "indication": "ra", "baseline": {}}, "$.schema"),
        ({"schema": "activity-scores-visits/1", "indication": "sle", "baseline": {}}, "$.indication"),
        ({"schema": "activity-scores-visits/1", "indication": "ra"}, "$.baseline"),
        ({"schema": "activity-scores-visits/1", "indication": "ra", "baseline": {"esr": 3}}, "$.baseline.esr"),
        ({"schema": "activity-scores-visits/1", "indication": "ra", "baseline": {"esr_mm_per_h": 0}}, "$.baseline.esr_mm_per_h"),
        ({"schema": "activity-scores-visits/1", "indication": "ra", "baseline": {"ra_core_set": {"haq_di": 4}}}, "$.baseline.ra_core_set.haq_di"),
        ({"schema": "activity-scores-visits/1", "indication": "ra", "baseline": {}, "follow_up": [{}, {"visit_date": "2025-13-01"}]}, "$.follow_up[1].visit_date"),
        ({"schema": "activity-scores-visits/1", "indication": "ra", "baseline": {}, "follow_up": {}}, "$.follow_up"),
        ({"schema": "activity-scores-visits/1", "indication": "iim", "tis_population": "child", "baseline": {}}, "$.tis_population"),
        ({"schema": "activity-scores-visits/1", "indication": "ssc", "baseline": {"ssc_core_set": {"mrss": 10.5}}}, "$.baseline.ssc_core_set.mrss"),
        ({"schema": "activity-scores-visits/1", "indication": "ra", "baseline": [], "extra": 1}, "$.extra"),
    ],
)  # fmt: skip
def test_bad_documents_name_the_json_path(document: dict[str, object], path: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        response_report_from_json(document)
    assert info.value.field == path


def test_cli_in_process(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["response", str(EXAMPLE), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["indication"] == "ra"
    assert [v["label"] for v in data["visits"]] == ["week 12", "week 24"]
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"schema": "activity-scores-visits/1", "indication": "ra", "baseline": {', "utf-8"
    )
    assert main(["response", str(bad)]) == 2
    assert "invalid visits: '$'" in capsys.readouterr().err


def test_cli_subprocess_text() -> None:
    done = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "activity_scores", "response", str(EXAMPLE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "[+] acr70" in done.stdout
    assert "Traceback" not in done.stderr
