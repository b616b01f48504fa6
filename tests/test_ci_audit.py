"""The CI's dependency audit: fails on a known vulnerability, never passes silently."""

import importlib.util
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location(
    "ci_audit", Path(__file__).resolve().parents[1] / ".ci" / "audit.py"
)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

CLEAN = {"name": "django", "version": "6.1.3", "vulns": []}
VULNERABLE = {
    "name": "django",
    "version": "6.1.0",
    "vulns": [{"id": "PYSEC-2026-1", "fix_versions": ["6.1.1"], "description": "…"}],
}
SKIPPED = {"name": "celery", "skip_reason": "Dependency not found on PyPI and could not be audited"}


def test_a_known_vulnerability_fails_the_run():
    code, lines = audit.verdict({"dependencies": [VULNERABLE, CLEAN]})

    assert code == 1
    assert lines[0] == "VULNERABLE django 6.1.0: PYSEC-2026-1 (fixed in 6.1.1)"


def test_a_clean_report_passes():
    code, lines = audit.verdict({"dependencies": [CLEAN]})

    assert code == 0
    assert lines == ["1 of 1 pinned packages audited: no known vulnerabilities."]


def test_an_unreachable_advisory_service_is_said_out_loud(monkeypatch):
    monkeypatch.delenv("AUDIT_REQUIRED", raising=False)

    code, lines = audit.verdict({"dependencies": [CLEAN, SKIPPED]})

    assert code == 0
    assert lines[0].startswith("AUDIT NOT DONE for 1 of 2 packages")


@pytest.mark.parametrize("report", [{"dependencies": [SKIPPED]}])
def test_an_audit_that_must_be_done_fails_when_it_could_not_be(monkeypatch, report):
    monkeypatch.setenv("AUDIT_REQUIRED", "1")

    assert audit.verdict(report)[0] == 1
