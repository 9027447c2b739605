"""Everything the analysis says about the sample and the real exports has its Dutch.

The findings (diagnosis, weak spots, coaching), the chosen period, the pipeline, plan, funnel
and leads views, the customers' headline and retention, and the team health round are
computed once; every `Say` inside them (found by walking their fields) must have a Dutch text
that reads differently from the English, like reading's messages
(`test_every_message_dutch.check`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from analysis.customers.headline import headline, headline_sentence
from analysis.customers.views import retention_view
from analysis.health.team_health import enps_frame, survey_rounds
from analysis.health.views import round_view
from analysis.kpis.table import kpi_table
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec, current_and_previous
from analysis.pipeline.funnel import funnel_order, funnel_table
from analysis.pipeline.lead_views import leads_view
from analysis.pipeline.planning import plan
from analysis.pipeline.snapshot import snapshot
from analysis.pipeline.views import funnel_view, pipeline_view, plan_view
from analysis.read.upload import read_files
from analysis.review.findings import find
from analysis.words.catalogue import catalogue
from analysis.words.message import Joined, Say
from tests.unit.words.test_every_message_dutch import NAMES, _inner

ROOT = Path(__file__).resolve().parents[3]
QUARTER = PeriodSpec("quarter")
EXPORTS = {
    "sample": ROOT / "sample_data" / "salescope_sample.xlsx",
    **{p.parent.name: p for p in sorted((ROOT / "tests" / "data").glob("*/*.xlsx"))},
    **{p.parent.name: p for p in sorted((ROOT / "tests" / "data").glob("*/*.csv"))},
}


def said(value: object, seen: set[int] | None = None) -> Iterator[Say | Joined | str]:
    """Every message held anywhere inside a result (fields, lists, dicts and frame cells), and
    every plain text that reads like an English sentence rather than a name or a code."""
    seen = set() if seen is None else seen
    if isinstance(value, str):
        words = value.lower().split()
        if len(words) >= 4 and ENGLISH & set(words):
            yield value
        return
    if id(value) in seen or isinstance(value, int | float | bool | type(None)):
        return
    seen.add(id(value))
    if isinstance(value, Say | Joined):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from said(getattr(value, field.name), seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from said(item, seen)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from said(item, seen)
    elif isinstance(value, pd.DataFrame):
        for column in value.select_dtypes(include=[object, "str"]).columns:
            for item in value[column].dropna().unique():
                yield from said(item, seen)


def messages(found: list[object]) -> list[Say | str]:
    """The messages of the results (a Joined list opened into its parts) and English texts."""
    out: list[Say | str] = []
    for item in said(found):
        out += list(said(list(item.parts))) if isinstance(item, Joined) else [item]
    return out


ENGLISH = {"the", "of", "is", "are", "and", "with", "than", "from", "was", "were", "has", "this"}


def _a_name(message: Say) -> bool:
    """A name, or a text the catalogue writes alike in both languages ('Open pipeline', 'NPS')."""
    entry = catalogue()[message.key]
    return message.key.startswith(NAMES) or entry["en"] == entry["nl"]


def check(found: list[Say | str], where: str) -> int:
    """Assert every message (and each inside it) has a Dutch text reading unlike the English."""
    n = 0
    for item in found:
        assert not isinstance(item, str), f"{where}: a sentence left in English: {item!r}"
    for message in (inner for item in found for inner in _inner(item)):
        assert catalogue()[message.key].get("nl", "").strip(), f"{where}: {message.key} no Dutch"
        if not _a_name(message):
            dutch, english = message.text("nl"), message.text("en")
            assert dutch != english, f"{where}: {message.key} reads the same in Dutch: {dutch!r}"
            n += 1
    return n


@cache
def results(name: str) -> list[object]:
    """What the pages and the CLI compute from one export."""
    path = EXPORTS[name]
    data = read_files([(path.name, path.read_bytes())]).dataset()
    if S.DEALS not in data.tables:
        return []
    table = kpi_table(data, QUARTER)
    choice = current_and_previous(data, QUARTER)
    out: list[object] = [choice]
    if choice.current is None:
        return out
    out.append(find(data, QUARTER, choice.current, table, data.currency))
    snap = snapshot(data)
    planned = plan(data, table, QUARTER, choice, snap)
    out += [pipeline_view(snap, planned, table, choice.current, None, data.currency)]
    out += [plan_view(planned, None, data.currency, "quarter"), leads_view(data, table, QUARTER)]
    if (order := funnel_order(data)) is not None:
        rows = funnel_table(data, QUARTER, order)
        out.append(funnel_view(data, order, rows, QUARTER, choice.current, None, "Whole team", 2))
    if (h := headline(data, table, QUARTER, choice, None)) is not None:
        out += [
            h,
            headline_sentence(h, "2026"),
            retention_view(table, QUARTER, choice.current, None),
        ]
    frame = enps_frame(data.tables.get(S.EMPLOYEE_SURVEY), QUARTER)
    if len(frame) and (rounds := survey_rounds(frame, None, QUARTER)):
        out.append(round_view(frame, rounds[-1], rounds))
    return out


@pytest.mark.parametrize("name", list(EXPORTS))
def test_every_message_of_the_analysis_has_its_dutch(name: str) -> None:
    check(messages(results(name)), name)


def test_the_check_fails_on_a_sentence_left_in_english() -> None:
    said = Say("diagnosis.reason.sure", sure="98%")
    assert check(messages([said]), "planted") == 1
    planted = dataclasses.make_dataclass("Planted", ["note"])("The win rate fell from 40%.")
    with pytest.raises(AssertionError, match="left in English"):
        check(messages([said, planted]), "planted")
    assert check(messages([planted.__class__("Anna de Vries")]), "a name") == 0
