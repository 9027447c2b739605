"""The sidebar's language switch: Nederlands turns the sidebar Dutch, on every page."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_page

LANGUAGE = "ui_language"


def _sidebar_text(at: AppTest) -> str:
    parts = [*at.sidebar.subheader, *at.sidebar.markdown, *at.sidebar.caption]
    return "\n".join(part.value for part in parts)


def test_the_sidebar_opens_in_english(app: AppTest) -> None:
    switch = app.radio(key=LANGUAGE)
    assert switch.label == "Language / Taal"
    assert switch.value == "en"
    assert switch.options == ["English", "Nederlands"]
    assert app.radio(key="period_grain").label == "Report by"
    assert app.radio(key="period_grain").options == ["Quarter", "Month"]
    text = _sidebar_text(app)
    assert "Data" in text
    assert "Deals: 3,031 rows" in text
    assert "**sample data**" in text


def test_nederlands_turns_the_sidebar_dutch_and_stays_across_pages(app: AppTest) -> None:
    app.radio(key=LANGUAGE).set_value("nl").run()
    assert not app.exception
    period = app.radio(key="period_grain")
    assert period.label == "Rapporteer per"
    assert period.options == ["Kwartaal", "Maand"]
    assert period.value == "Quarter"  # the value stays the same word in both languages
    text = _sidebar_text(app)
    assert "Gegevens" in text
    assert "Deals: 3.031 rijen" in text  # Dutch digit grouping
    assert "Activiteiten:" in text
    assert "**voorbeeldgegevens**" in text
    assert "Deals gesloten van" in text
    assert "rows" not in text

    open_page(app, "pages/team_overview.py")
    assert app.radio(key=LANGUAGE).value == "nl"
    assert app.radio(key="period_grain").label == "Rapporteer per"
    assert "Gegevens" in _sidebar_text(app)


def test_the_period_picked_survives_a_change_of_language(app: AppTest) -> None:
    app.radio(key="period_grain").set_value("Month").run()
    app.radio(key=LANGUAGE).set_value("nl").run()
    assert not app.exception
    assert app.radio(key="period_grain").value == "Month"
    app.radio(key=LANGUAGE).set_value("en").run()
    assert app.radio(key="period_grain").label == "Report by"
    assert "Deals: 3,031 rows" in _sidebar_text(app)
