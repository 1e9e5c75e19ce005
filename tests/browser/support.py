"""Helpers for browser tests: the axe check and screenshots."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"

_axe = Axe()


def assert_no_axe_violations(page: Page) -> None:
    """Run axe-core (shipped inside axe-playwright-python, works offline) and fail on any violation."""
    violations = _axe.run(page).response["violations"]
    if violations:
        lines = []
        for violation in violations:
            targets = "; ".join(", ".join(node["target"]) for node in violation["nodes"])
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
        pytest.fail(f"{len(violations)} axe violations on {page.url}:\n" + "\n".join(lines))


def screenshot(page: Page, name: str) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    target = RESULTS_DIR / f"{re.sub(r'[^a-z0-9_-]+', '-', name.lower())}.png"
    page.screenshot(path=str(target), full_page=True)
    return target


def check_page(page: Page, name: str) -> None:
    """Screenshot the page (test-results/<name>.png), then fail on any axe violation."""
    screenshot(page, name)
    assert_no_axe_violations(page)
