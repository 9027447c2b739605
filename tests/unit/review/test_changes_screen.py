"""The "Since last meeting" screen and section: the two exports of tests/export_pair.py (one
deal in each category), its sentences worked out by hand, names hidden as the audience asks,
its place in the deck, and a comparison that failed."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.changes.compare import Changes, compare
from analysis.kpis.table import kpi_table
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec, current_and_previous
from analysis.read.upload import read_files
from analysis.render.html import html_report
from analysis.render.pdf import pdf_report
from analysis.review.changes_screen import TOP, changes_blocks, changes_section, top_findings
from analysis.review.document import Figure, Review, Section, Text
from analysis.review.team_review import team_review
from tests import export_pair as P
from tests.builders import csv_bytes

QUARTER = PeriodSpec("quarter")
BASELINE = "The export of 10 Jul 2026 compared with the export of 17 Jul 2026, 7 days later."


@pytest.fixture(scope="module")
def pair() -> tuple[Dataset, Dataset]:
    return P.datasets()


@pytest.fixture(scope="module")
def changes(pair: tuple[Dataset, Dataset]) -> Changes:
    found = compare(list(pair), QUARTER)
    assert found is not None
    return found


def _texts(blocks: tuple) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Text)]


def test_the_screen_says_what_changed(changes: Changes) -> None:
    blocks, baseline = changes_blocks(changes, "EUR", {}, False, "en")
    assert baseline == BASELINE
    lead, chart, *lines = blocks
    assert (lead.style, lead.text) == ("lead", "Pipeline due in 2026-Q3: €12.8k at the earlier "
                                       "export, €8.55k now (−€4.25k).")  # fmt: skip
    assert isinstance(chart, Figure)
    assert [b.text for b in lines] == [
        "€1k of new pipeline since the earlier export (1 deal).",
        "Deal 9 (Bram) was cut from €901 to €450, 50% less.",
    ]
    # every deal had an id: no footnote (the What changed page says how deals were matched)
    assert all(b.style != "footnote" for b in lines)


def test_the_waterfall_holds_the_flow(changes: Changes) -> None:
    blocks, _ = changes_blocks(changes, "EUR", {}, False, "en")
    chart = next(b for b in blocks if isinstance(b, Figure)).chart.to_dict()
    (rows,) = chart["datasets"].values()
    bars = [(r["part"], round(r["start"], 2), round(r["end"], 2)) for r in rows]
    assert bars == [("start", 0, 12801.29), ("new", 12801.29, 13801.39),
                    ("reopened", 13801.39, 14201.79), ("pulled_in", 14201.79, 14902.49),
                    ("amount_up", 14902.49, 15102.74), ("amount_down", 15102.74, 14652.24),
                    ("pushed_out", 14652.24, 14052.24), ("won", 14052.24, 12052.24),
                    ("lost", 12052.24, 9052.24), ("vanished", 9052.24, 8552.19),
                    ("end", 0, 8552.19)]  # fmt: skip
    assert rows[0]["label"].startswith("Earlier export")


def test_names_hidden_and_teams_only(changes: Changes) -> None:
    hidden, _ = changes_blocks(changes, "EUR", {"Anna": "Rep A", "Bram": "Rep B"}, False, "en")
    assert "Deal 9 (Rep B) was cut from €901 to €450, 50% less." in _texts(hidden)
    # A rep the rest of the deck does not know gets the next stand-in, never the real name.
    other, _ = changes_blocks(changes, "EUR", {"Anna": "Rep A"}, False, "en")
    assert "Deal 9 (Rep B) was cut from €901 to €450, 50% less." in _texts(other)
    assert not [s for s in _texts(other) if "Bram" in s]
    teams, _ = changes_blocks(changes, "EUR", {"Anna": "Rep A", "Bram": "Rep B"}, True, "en")
    assert [s for s in _texts(teams) if "Deal 9" in s or "Rep " in s] == []


def test_the_screen_in_dutch(changes: Changes) -> None:
    blocks, baseline = changes_blocks(changes, "EUR", {}, False, "nl")
    assert baseline == ("De export van 10 jul 2026 vergeleken met de export van 17 jul 2026, "
                        "7 dagen later.")  # fmt: skip
    assert blocks[0].text == ("Pijplijn met sluitdatum in 2026-Q3: €\u00a012,8k bij de eerdere "
                              "export, nu €\u00a08,55k (€\u00a0−4,25k).")  # fmt: skip
    section = changes_section(changes, "EUR", ({}, False), "nl")
    assert section is not None
    assert section.title == "Sinds de vorige vergadering"


def test_at_most_the_top_findings_most_money_first() -> None:
    # Five deals cut by half since the earlier export: D8 2,001 → 1,000.50, D10 2,200 → 1,100,
    # D11 2,400 → 1,200, D12 2,600 → 1,300, D13 2,800 → 1,400. The screen shows the new
    # pipeline and the two biggest cuts.
    later = pd.DataFrame(P.LATER, columns=P.HEADER)
    earlier = later.copy()
    cut = earlier["Deal ID"].isin(["D8", "D10", "D11", "D12", "D13"])
    earlier.loc[cut, "Amount"] = earlier.loc[cut, "Amount"] * 2
    exports = [read_files([(f"{n}.csv", csv_bytes(P.rows(f.values.tolist())))]).dataset()
               for n, f in (("earlier", earlier), ("later", later))]  # fmt: skip
    found = compare(exports, QUARTER)
    assert found is not None
    chosen = top_findings(found, {}, False, "en")
    assert len(chosen) == TOP
    assert chosen[0].code == "new_pipeline"
    assert [(f.code, f.deal, f.cents) for f in chosen[1:]] == [
        ("cut", "Deal 13", 140000),
        ("cut", "Deal 12", 130000),
    ]


def _review(pair: tuple[Dataset, Dataset], changes: object, audience: str = "named") -> Review:
    data = pair[1]
    table = kpi_table(data, QUARTER)
    choice = current_and_previous(data, QUARTER)
    return team_review(data, table, QUARTER, choice, None, None, audience, "en",  # type: ignore[arg-type]
                       changes=changes)  # fmt: skip


def _section(review: Review, key: str) -> Section:
    return next(s for s in review.sections if s.key == key)


def test_the_deck_has_the_screen_after_the_pipeline(
    pair: tuple[Dataset, Dataset], changes: Changes
) -> None:
    keys = [s.key for s in _review(pair, changes).sections]
    assert keys == ["headline", "board", "bridge", "flagged", "pipeline", "changes", "focus",
                    "forecast"]  # fmt: skip
    assert "changes" not in [s.key for s in _review(pair, None).sections]
    section = _section(_review(pair, changes, "anonymous"), "changes")
    assert section.title == "Since last meeting"
    assert section.baseline == BASELINE
    words = " ".join(b.text for b in section.blocks if isinstance(b, Text))
    assert "Bram" not in words
    assert "(Rep " in words


def test_a_failed_comparison_says_so_and_the_deck_stands(pair: tuple[Dataset, Dataset]) -> None:
    review = _review(pair, ValueError("no"))
    section = _section(review, "changes")
    assert [b.text for b in section.blocks] == [
        "This part could not be worked out from this export."
    ]
    assert [s.key for s in review.sections][-2:] == ["focus", "forecast"]


def test_the_reports_have_the_section(pair: tuple[Dataset, Dataset], changes: Changes) -> None:
    review = _review(pair, changes)
    page = html_report(review)
    start = page.index("<h2>Since last meeting</h2>")
    section = page[start : page.index("</section>", start)]
    assert BASELINE in section
    assert "<svg" in section  # the waterfall, drawn inline
    assert "Deal 9 (Bram) was cut from 901 to 450, 50% less." in section
    assert pdf_report(review)[:4] == b"%PDF"
