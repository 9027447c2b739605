"""The navigation's page titles: one per page file, each the same as that page's own heading."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.words.catalogue import LANGUAGES, t

ROOT = Path(__file__).resolve().parents[3]
# Each page's heading (pages/<name>.py calls st.title with it).
HEADINGS = {
    "upload": "nav.upload",
    "team_overview": "overview.title",
    "rep_deep_dive": "deepdive.title",
    "root_causes": "rootcauses.title",
    "pipeline": "pipeline.title",
    "forecast": "forecast.title",
    "changes": "changes.title",
    "customers": "customers.title",
    "team_health": "health.title",
    "meeting": "meeting.title",
}


def test_every_page_file_has_a_title() -> None:
    assert {p.stem for p in (ROOT / "pages").glob("*.py")} == set(HEADINGS)


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize(("page", "heading"), HEADINGS.items())
def test_the_navigation_says_what_the_page_heading_says(page: str, heading: str, lang: str) -> None:
    assert t(f"nav.{page}", lang) == t(heading, lang)


@pytest.mark.parametrize(
    ("page", "english", "dutch"),
    [
        ("upload", "Upload & mapping", "Upload & mapping"),
        ("root_causes", "Root causes", "Oorzaken"),
        ("meeting", "Meeting mode & export", "Vergadermodus & export"),
    ],
)
def test_titles(page: str, english: str, dutch: str) -> None:
    assert (t(f"nav.{page}"), t(f"nav.{page}", "nl")) == (english, dutch)
