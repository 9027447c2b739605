"""The PDF report: a hand-built Dutch review with hostile names, and the bundled sample's review.

Read back with pypdf: pages, text per page (so a chart's title and its axis labels must be on
one page), fonts (only the bundled DejaVu Sans, also in the charts) and no raster images.
"""

from __future__ import annotations

import io
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from analysis.model.periods import PeriodSpec
from analysis.render.pdf import pdf_report
from analysis.review.document import (
    Card,
    Cards,
    Figure,
    Items,
    Review,
    Section,
    Table,
    Text,
)
from analysis.review.rep_pack import rep_pack
from analysis.review.team_review import team_review
from sample_data.generate import CLOSE_RATE_REP

SAMPLE = Path(__file__).parents[3] / "sample_data" / "salescope_sample.xlsx"
QUARTER = PeriodSpec("quarter")
BOLD_NAME = "<b>x</b>"
FONT_NAME = "Zoë <font size=40>&amp; Co"
BROKEN_NAME = "José </para> <br/>"
DUTCH = "Omzet steeg van €12.500 → €15.000; dat is −€2.500 onder plan voor café Zoë."
ROWS = 70  # table rows: more than fit on one page


def _chart() -> alt.Chart:
    """A bar chart of three reps, one of them named like markup."""
    frame = pd.DataFrame(
        {"rep": ["Anna de Vries", BOLD_NAME, "José Müller"], "omzet": [15000.0, 9000.0, 12500.0]}
    )
    return (
        alt.Chart(frame, title="Omzet per verkoper")
        .mark_bar()
        .encode(
            x=alt.X("omzet:Q", title="Omzet in euro", axis=alt.Axis(format=",.0f")),
            y=alt.Y("rep:N", title=None),
        )
        .properties(height=300)
    )


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Verkoper": [f"Verkoper {i:02d}" for i in range(1, ROWS + 1)],
            "Omzet": [f"€{1000 * i:,}" for i in range(1, ROWS + 1)],
            "Notitie": [FONT_NAME if i == ROWS else "geen → wijziging" for i in range(1, ROWS + 1)],
        }
    )


HAND = Review(
    title="Salesreview, 2026-Q3, vergeleken met 2026-Q2",
    subtitle="Gegevens tot 2026-09-30.",
    lang="nl",
    sections=(
        Section(
            "headline",
            "Hoe het team presteerde",
            (
                Text(DUTCH, "lead"),
                Cards(
                    (
                        Card("Omzet", "€15.000", "+€2.500 t.o.v. 2026-Q2", "good"),
                        Card("Winstkans", "35%", "−2 pnt t.o.v. 2026-Q2", "bad"),
                        Card("Nieuwe deals", "349", "geen verandering", "flat"),
                        Card("Cyclus", "40 dagen", "—", "flat"),
                    )
                ),
            ),
        ),
        Section(
            "board",
            "Ranglijst",
            (
                Figure(_chart()),
                Text("verkocht het meest: €15.000.", strong=BOLD_NAME),
                Text(BROKEN_NAME, "note"),
            ),
        ),
        Section("table", "Alle verkopers", (Table(_table()),)),
        Section(
            "plan",
            "Plan",
            (Items((("Bel " + BOLD_NAME, "winstkans 39% → 15%"), ("Oefen demo's", "—")), True),),
        ),
    ),
)


def _read(pdf: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, [page.extract_text() for page in reader.pages]


@pytest.fixture(scope="module")
def hand() -> tuple[PdfReader, list[str]]:
    return _read(pdf_report(HAND))


@pytest.fixture(scope="module")
def sample_data(sample_analysis):
    return sample_analysis


@pytest.fixture(scope="module")
def sample(sample_data) -> tuple[PdfReader, list[str]]:
    data, table, choice, found = sample_data
    return _read(pdf_report(team_review(data, table, QUARTER, choice, found, "EUR")))


def _fonts(reader: PdfReader) -> set[str]:
    """Return the base names of every font the pages use ('DejaVuSans-Bold', …)."""
    names = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def _images(reader: PdfReader) -> int:
    count = 0
    for page in reader.pages:
        for xobject in page["/Resources"].get("/XObject", {}).values():
            count += xobject.get_object().get("/Subtype") == "/Image"
    return count


def _page_of(pages: list[str], text: str) -> int:
    """Return the one page (0-based) a text is on; fail when it is on none or on several."""
    found = [i for i, page in enumerate(pages) if text in page]
    assert len(found) == 1, (text, found)
    return found[0]


def test_hand_review_pages(hand) -> None:
    reader, pages = hand
    # Page 1: title, lead, the 4 cards (two rows of the grid), the chart and its two texts,
    # which leave less than the 150 pt a table needs to start. The table: 70 rows of one line
    # at 21.2 pt (9 pt type at 1.35 leading, 4 + 5 pt padding), a page of text is 722.8 pt:
    # page 2 has the section title and 31 rows under the header, page 3 the header and 33
    # (34 x 21.2 = 720.8), page 4 the last 6 and the plan.
    assert len(reader.pages) == 4
    assert reader.metadata.title == HAND.title
    for number, page in enumerate(pages, start=1):
        assert page.rstrip().endswith(f"{number} / 4\n{HAND.title}")  # the footer


def test_hand_review_text_is_literal_unicode(hand) -> None:
    _, pages = hand
    text = "\n".join(pages)
    assert DUTCH in text.replace("\n", " ")
    for word in ("€15.000", "−2 pnt t.o.v. 2026-Q2", "40 dagen", "José Müller", "Waarom:"):
        assert word in text, word
    # Markup in the data is printed as it is, never read as markup.
    assert f"{BOLD_NAME} verkocht het meest: €15.000." in text
    assert "Bel <b>x</b>" in text
    assert FONT_NAME in text
    assert BROKEN_NAME.strip() in text


def test_hand_table_crosses_pages_with_its_header(hand) -> None:
    _, pages = hand
    rows = [_page_of(pages, f"Verkoper {i:02d}") for i in range(1, ROWS + 1)]
    assert rows == sorted(rows)  # in order
    table_pages = sorted(set(rows))
    assert [rows.count(p) for p in table_pages] == [31, 33, 6]
    for p in table_pages:  # the header row is repeated on each page of the table
        assert "Verkoper Omzet Notitie" in pages[p].replace("\n", " "), p
    assert "€70,000" in pages[rows[-1]]


def test_hand_chart_is_whole_on_one_page(hand) -> None:
    _, pages = hand
    page = _page_of(pages, "Omzet per verkoper")
    for label in ("Omzet in euro", "Anna de Vries", "José Müller", "12,000"):
        assert label in pages[page], label


def test_only_the_bundled_font_and_no_images(hand, sample) -> None:
    for reader, _ in (hand, sample):
        # Chart text too: svglib's fallback would be Helvetica, which has no − or →.
        assert _fonts(reader) == {"DejaVuSans", "DejaVuSans-Bold"}
        assert _images(reader) == 0  # charts are vector drawings, not pictures


def test_sample_review(sample) -> None:
    reader, pages = sample
    # 1: title, headline, cards; 2: the section title, who to thank, attainment chart (kept
    # together, so they move on as one); 3: revenue leaderboard; 4: the bridge and the start of
    # the flagged table; 5: the rest of it; 6: the pipeline and plan, and the team's focus.
    assert len(reader.pages) == 6
    assert pages[0].startswith("Sales review, 2026-Q3\n")
    assert "Changes against 2026-Q2, the period before." in pages[0]
    deals = pd.read_excel(SAMPLE, sheet_name="Deals", engine="calamine")
    close = pd.to_datetime(deals["Close Date"])
    won = deals[(deals["Stage"] == "Closed Won") & (close >= "2026-07-01") & (close < "2026-10-01")]
    revenue = f"€{won['Amount'].sum():,.0f}"
    assert f"Revenue\n{revenue}\n" in pages[0]
    assert CLOSE_RATE_REP in "".join(pages[2:])


@pytest.mark.parametrize(
    ("title", "labels"),
    [
        ("Target attainment, 2026-Q3", ("Revenue as share of target", "Emma Smit", "100%")),
        ("Leaderboard: Revenue", ("Anna de Vries", "€400k")),
        ("What changed revenue", ("Revenue (axis does not start at 0)", "Win rate", "Deal size")),
    ],
)
def test_sample_charts_are_whole(sample, title: str, labels: tuple[str, ...]) -> None:
    _, pages = sample
    page = _page_of(pages, title)
    for label in labels:
        assert label in pages[page], label


def test_sample_chart_leaves_out_the_labels_vega_hid(sample) -> None:
    _, pages = sample
    page = pages[_page_of(pages, "Leaderboard: Revenue")]
    # Ticks every €20k; Vega hides every other label so they do not overlap (opacity 0).
    assert "€40k" in page
    assert "€80k" in page
    assert "€20k" not in page
    assert "€60k" not in page


def test_sample_table_repeats_its_header(sample) -> None:
    _, pages = sample
    flagged = [p for p, text in enumerate(pages) if "Evidence" in text]
    assert flagged == [3, 4]
    for p in flagged:
        assert "Rep\nTeam\nWhat\nchanged\nEvidence" in pages[p]


def test_dutch_sample_and_rep_pack(sample_data) -> None:
    data, table, choice, found = sample_data
    _, pages = _read(pdf_report(team_review(data, table, QUARTER, choice, found, "EUR", lang="nl")))
    text = "\n".join(pages)
    assert "Salesreview, 2026-Q3\n" in text
    assert "Pipeline en plan voor 2026-Q4" in text
    assert "Ranglijst en erkenning" in text
    _, pages = _read(pdf_report(rep_pack(table, found, CLOSE_RATE_REP, "EUR")))
    text = "\n".join(pages)
    assert f"One-to-one: {CLOSE_RATE_REP}, 2026-Q3" in text
    assert "1.\n" in text  # the plan is numbered


def test_empty_blocks_and_a_long_title_still_give_a_pdf() -> None:
    title = "Eén-op-één: " + "Anna de Vries " * 30
    review = Review(
        title,
        "",
        (Section("x", "Niets", (Cards(()), Table(pd.DataFrame({"A": []})), Items(()))),),
    )
    reader, pages = _read(pdf_report(review))
    assert len(reader.pages) == 1
    assert "Niets" in pages[0]
    footer = pages[0].rstrip().rsplit("\n", 1)[-1]  # cut short to fit beside the page number
    assert footer.startswith("Eén-op-één: Anna de Vries Anna")
    assert footer.endswith("…")
    # A4's 210 mm less two 18 mm margins is 493.2 pt; the page number '1 / 1' takes ~20 pt.
    assert 400 < stringWidth(footer, "DejaVuSans", 8.5) < 493.2 - 20


def _pages_of(review: Review) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf_report(review))).pages]


def _headed_review(filler: int, strong: bool) -> Review:
    """A page of `filler` lines, then a section whose title and notes (about 160 pt) head a
    table of 40 rows: for some fillers the title would end a page with the rows on the next."""
    lines = tuple(Text(f"Filler line {i}.") for i in range(filler))
    notes = tuple(Text(f"Note {i} on the deals below.", "note") for i in range(5))
    head = (Text("", strong="Lost deals this quarter"),) if strong else ()
    frame = pd.DataFrame({"Deal": [f"ROW-{i:02d}" for i in range(40)], "Amount": ["€1"] * 40})
    return Review(
        "Headings",
        "",
        (
            Section("filler", "Filler", lines),
            Section("deals", "Deals to win back", (*notes, *head, Table(frame))),
        ),
    )


@pytest.mark.parametrize("strong", [False, True])
def test_a_heading_is_never_alone_at_the_foot_of_a_page(strong: bool) -> None:
    # A filler line is about 20 pt: 0 to 44 lines move the section down a whole page in steps
    # smaller than its heads, so one of them puts the title at the foot of page 1.
    breaks = 0
    for filler in range(45):
        pages = _pages_of(_headed_review(filler, strong))
        title = _page_of(pages, "Deals to win back")
        assert "ROW-00" in pages[title], filler  # the title's page holds the first row
        assert "Note 4 on the deals below." in pages[title], filler
        if strong:
            assert "Lost deals this quarter" in pages[title], filler
        breaks += title == 1  # the whole section went to page 2
    assert 0 < breaks < 45  # some fillers pushed it over, others did not
