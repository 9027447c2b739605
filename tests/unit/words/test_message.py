"""Say, fmt, joined and counted: a sentence is written in a language only when it is shown."""

from __future__ import annotations

import pickle

import pytest

from analysis.words.message import Say, counted, fmt, joined, text

NB = "\u00a0"


def test_a_say_is_written_in_either_language_from_one_object() -> None:
    said = Say("diagnosis.reason.sure", sure=fmt("percent", 0.983, digits=1))
    assert said.text("en") == "98.3% sure"
    assert said.text("nl") == "98,3% zeker"
    assert said == Say("diagnosis.reason.sure", sure=fmt("percent", 0.983, digits=1))
    assert pickle.loads(pickle.dumps(said)) == said
    assert len({said, pickle.loads(pickle.dumps(said))}) == 1


def test_unknown_keys_and_formats_are_refused_when_made() -> None:
    with pytest.raises(KeyError):
        Say("no.such.key")
    with pytest.raises(ValueError, match="no function"):
        fmt("no_such_format", 1)


def test_joined_and_plain_values() -> None:
    part = Say("diagnosis.reason.sure", sure=fmt("percent", 0.5))
    assert joined([part, "Anna"], " · ").text("nl") == "50% zeker · Anna"
    assert text("Anna", "nl") == "Anna"  # names are never translated
    assert text(12, "nl") == 12


@pytest.mark.parametrize(
    ("n", "lang", "shown"),
    [
        (1, "en", "1 open deal worth €5k on 30 Sep 2026."),
        (2, "en", "2 open deals worth €5k on 30 Sep 2026."),
        (1_200, "nl", "1.200 open deals ter waarde van €5k op 30 sep 2026."),
    ],
)
def test_counted_takes_the_form_the_count_asks_for(n: int, lang: str, shown: str) -> None:
    said = counted("pipeline.headline.open", n, money="€5k", date=fmt("day", "2026-09-30"))
    assert said.text(lang) == shown
