"""Browser-test harness: `streamlit run` on a free port, Playwright driving /usr/bin/chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from analysis.words.catalogue import LANGUAGES, t
from bench.load import server

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """Start the app with `streamlit run` on a free port and yield its URL once it answers."""
    with server() as (url, _):
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Yield Debian's Chromium driven by Playwright (never a downloaded browser)."""
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@contextmanager
def opened(browser: Browser, url: str) -> Iterator[Page]:
    """Yield a fresh tab on the app at `url`, once it is idle."""
    context = browser.new_context(viewport={"width": 1600, "height": 1500})
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    tab.goto(url)
    wait_idle(tab)
    yield tab
    context.close()


@pytest.fixture
def page(browser: Browser, app_url: str) -> Iterator[Page]:
    """Yield a fresh tab on the app, wait until it is idle."""
    with opened(browser, app_url) as tab:
        yield tab


def wait_idle(tab: Page) -> None:
    """Wait until the script finished running and every element has been drawn."""
    tab.wait_for_timeout(300)
    tab.wait_for_selector(IDLE, timeout=60_000)
    tab.wait_for_timeout(300)
    tab.wait_for_selector(IDLE, timeout=60_000)
    tab.wait_for_function(
        "document.querySelectorAll(\"[data-testid='stSkeleton']\").length === 0",
        timeout=60_000,
    )


def shot(tab: Page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


def no_exception(tab: Page) -> None:
    """Fail when the page shows a Python exception, or a part that could not be worked out."""
    assert tab.locator("[data-testid='stException']").count() == 0
    for lang in LANGUAGES:  # ui/sections.py's sentence: a part of the page failed
        assert tab.get_by_text(t("sections.failed", lang), exact=True).count() == 0


def go(tab: Page, name: str) -> None:
    """Open a page through the sidebar (a URL would start a new session) and wait for it."""
    tab.locator("[data-testid='stSidebarNav'] a", has_text=name).click()
    wait_idle(tab)
    no_exception(tab)


def open_tab(tab: Page, name: str) -> None:
    """Click one of the page's tabs and wait for it."""
    tab.get_by_role("tab", name=name).click()
    wait_idle(tab)
    no_exception(tab)


def drawn(tab: Page, key: str) -> None:
    """Wait until the chart inside the container with this key has drawn its marks."""
    chart = tab.locator(f".st-key-{key} [data-testid='stVegaLiteChart']")
    expect(chart.locator("svg.marks, canvas").first).to_be_visible()


def upload(tab: Page, *files: Path) -> None:
    """Put files into the Upload page's file picker and wait until they are read."""
    tab.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(
        [str(f) for f in files]
    )
    wait_idle(tab)
