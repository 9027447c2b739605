"""The catalogue of user-facing texts: every text in both languages with the same placeholders."""

from __future__ import annotations

import pytest

from analysis.kpis.registry import KPIS
from analysis.model import schema as S
from analysis.words import catalogue as texts
from analysis.words.catalogue import LANGUAGES, catalogue, gaps, language, t


def test_every_text_has_english_and_dutch_with_the_same_placeholders() -> None:
    missing = gaps()
    assert not missing, "texts to fix in analysis/words/sentences:\n" + "\n".join(missing)


def test_the_check_names_the_keys_that_miss_a_language_or_a_placeholder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = {
        "a.fine": {"en": "{n} days", "nl": "{n} dagen"},
        "a.no_dutch": {"en": "Period", "nl": " "},
        "a.lost_field": {"en": "{won} won in {period}", "nl": "{won} gewonnen"},
    }
    monkeypatch.setattr(texts, "catalogue", lambda: fake)
    found = gaps()
    assert [line.split(":")[0] for line in found] == ["a.no_dutch", "a.lost_field"]
    assert found[0] == "a.no_dutch: no nl"


def test_the_languages_offered() -> None:
    assert LANGUAGES == {"en": "English", "nl": "Nederlands"}
    assert language("nl") == "nl"
    assert language("de") == "en"  # an unknown language falls back to English
    assert language(None) == "en"


@pytest.mark.parametrize(
    ("key", "lang", "values", "shown"),
    [
        ("formats.days.other", "en", {"n": "12"}, "12 days"),
        ("formats.days.other", "nl", {"n": "12"}, "12 dagen"),
        ("formats.no_change", "nl", {}, "ongewijzigd"),
        ("sidebar.period_shown", "nl", {}, "Periode"),
        ("kpis.win_rate.label", "nl", {}, "Winratio"),
        ("kpis.win_rate.label", "fr", {}, "Win rate"),  # unknown language: English
    ],
)
def test_t_fills_the_text_of_a_language(
    key: str, lang: str, values: dict[str, str], shown: str
) -> None:
    assert t(key, lang, **values) == shown


def test_every_kpi_has_a_label_and_a_definition_in_the_catalogue() -> None:
    texts_ = catalogue()
    lacking = [
        f"kpis.{key}.{what}"
        for key in KPIS
        for what in ("label", "definition")
        if f"kpis.{key}.{what}" not in texts_
    ]
    assert not lacking, lacking
    # and no catalogue entry for a KPI the registry does not have
    stray = {k.split(".")[1] for k in texts_ if k.startswith("kpis.")} - set(KPIS)
    assert not stray, stray


def test_the_table_names_are_the_schema_labels_in_english() -> None:
    assert {name: t(f"tables.{name}") for name in S.TABLES} == {
        name: table.label for name, table in S.TABLES.items()
    }
    assert t("tables.activities", "nl") == "Activiteiten"
