"""The findings are computed once for every language: switching the sidebar's language rewrites
the Root causes page in Dutch without running the diagnosis again."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analysis.review import findings
from analysis.review.findings import Findings
from tests.app.conftest import forget, no_failed_part, open_page

LANGUAGE = "ui_language"


def _flagged(app: AppTest) -> set[tuple[str, str]]:
    """Return the (rep, what changed) pairs of the flagged table, by its first and third column."""
    frame = app.main.get_by_key("rootcause_flagged").dataframe[0].value
    return set(zip(frame.iloc[:, 0], frame.iloc[:, 2], strict=True))


def test_switching_the_language_does_not_compute_the_findings_again(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def counting(*args: object, **kwargs: object) -> Findings:
        calls.append(str(args[2]))  # the period
        return findings.find(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("ui.loads.find", counting)
    forget()  # the app fixture's first run has cached them already

    open_page(app, "pages/root_causes.py")
    assert calls == ["2026-Q3"]
    assert app.title[0].value == "Root causes"
    assert ("Emma Smit", "Falling win rate") in _flagged(app)

    app.radio(key=LANGUAGE).set_value("nl").run()
    assert not app.exception
    no_failed_part(app)
    assert calls == ["2026-Q3"]  # the same findings, written in Dutch
    assert app.title[0].value == "Oorzaken"
    frame = app.main.get_by_key("rootcause_flagged").dataframe[0].value
    assert list(frame.columns)[:3] == ["Verkoper", "Team", "Wat veranderde"]
    assert ("Emma Smit", "Dalende winratio") in _flagged(app)
    early = " ".join(m.value for m in app.main.get_by_key("rootcause_early").markdown)
    assert "te vroeg om te beoordelen" in early
