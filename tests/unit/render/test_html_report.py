"""The offline HTML report: on the bundled sample (planted truth) and on a hostile rep name."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.kpis.table import kpi_table
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec, current_and_previous
from analysis.read.upload import read_files
from analysis.render.html import html_report
from analysis.review.findings import find
from analysis.review.team_review import team_review
from sample_data.generate import CLOSE_RATE_REP
from tests.tables import dataset, frame

SAMPLE = Path(__file__).parents[3] / "sample_data" / "salescope_sample.xlsx"
QUARTER = PeriodSpec("quarter")
HOSTILE = "<script>alert(1)</script>"


def _report(data, currency: str | None) -> str:
    choice = current_and_previous(data, QUARTER)
    table = kpi_table(data, QUARTER)
    assert choice.current is not None
    found = find(data, QUARTER, choice.current, table, currency)
    return html_report(team_review(data, table, QUARTER, choice, found, currency))


@pytest.fixture(scope="module")
def sample_html() -> str:
    data = read_files([(SAMPLE.name, SAMPLE.read_bytes())]).dataset()
    return _report(data, "EUR")


def test_nothing_outside_the_file(sample_html: str) -> None:
    assert "http://" not in sample_html
    assert "https://" not in sample_html
    assert "<script" not in sample_html.lower()
    sources = re.findall(r"""(?:src|href)\s*=\s*["']?([^"' >]+)""", sample_html, re.IGNORECASE)
    assert all(s.startswith("data:") for s in sources), sources


def test_every_chart_is_inline_svg(sample_html: str) -> None:
    # Attainment, revenue leaderboard, the team's revenue bridge and the teams' forecast ranges.
    assert sample_html.count("<svg") == 4
    assert "Target attainment, 2026-Q3" in sample_html
    assert "What changed revenue" in sample_html


def test_names_the_period(sample_html: str) -> None:
    assert "<h1>Sales review, 2026-Q3</h1>" in sample_html


def test_each_section_says_what_it_is_compared_with(sample_html: str) -> None:
    # One baseline per section, under its title: the period before for the cards, the usual
    # quarter of 2025-Q1 … 2026-Q2 for the bridge (never both under one header).
    headline = sample_html.split("<h2>How the team did</h2>", 1)[1].split("</section>")[0]
    assert headline.startswith('\n<p class="note">Changes against 2026-Q2, the period before.</p>')
    assert "average quarter" not in headline
    bridge = sample_html.split("<h2>Why revenue moved</h2>", 1)[1].split("</section>")[0]
    assert bridge.startswith(
        '\n<p class="note">2026-Q3 compared with an average quarter of 2025-Q1 … 2026-Q2.</p>'
    )
    assert "2026-Q2, the period before" not in bridge


def test_lists_the_planted_rep_among_the_flagged(sample_html: str) -> None:
    flagged = sample_html.split("Reps who need attention", 1)[1]
    assert f"<td>{CLOSE_RATE_REP}</td>" in flagged.split("</table>", 1)[0]


def test_team_revenue_in_euro(sample_html: str) -> None:
    deals = pd.read_excel(SAMPLE, sheet_name="Deals", engine="calamine")
    close = pd.to_datetime(deals["Close Date"])
    won = deals[(deals["Stage"] == "Closed Won") & (close >= "2026-07-01") & (close < "2026-10-01")]
    revenue = f"€{won['Amount'].sum():,.0f}"
    cards = sample_html.split("How the team did", 1)[1].split("</section>", 1)[0]
    assert f'<div class="label">Revenue</div><div class="value">{revenue}</div>' in cards


def test_user_text_is_escaped() -> None:
    deals = frame(
        "rep team amount status created_date close_date account",
        [
            (HOSTILE, "<b>North</b>", 1000.0, "won", "2026-04-02", "2026-05-10", "<i>X</i>"),
            (HOSTILE, "<b>North</b>", 2000.0, "won", "2026-07-01", "2026-08-03", "<i>X</i>"),
            (HOSTILE, "<b>North</b>", 3000.0, "won", "2026-07-06", "2026-09-01", "Y"),
            (HOSTILE, "<b>North</b>", 4000.0, "won", "2026-07-07", "2026-09-30", "Y"),
            (HOSTILE, "<b>North</b>", 500.0, "lost", "2026-07-08", "2026-09-15", "Z"),
        ],
        dates=(S.CREATED_DATE, S.CLOSE_DATE),
    )
    targets = frame(
        "rep team period period_end period_grain target",
        [(HOSTILE, "<b>North</b>", "2026-07-01", "2026-10-01", "quarter", 18000.0)],
        dates=(S.PERIOD, "period_end"),
    )
    # One promoter, two detractors: the team's eNPS is -33, so the team plan names the team.
    survey = frame(
        "team date score",
        [("<b>North</b>", "2026-08-15", s) for s in (2.0, 3.0, 9.0)],
        dates=(S.DATE,),
    )
    data = dataset(deals=deals, targets=targets, employee_survey=survey)
    text = _report(data, "EUR")
    assert "<script" not in text.lower()
    assert "<b>North" not in text
    assert "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b> is the top seller" in text
    # the focus names the team (3 answers: too few to show the eNPS itself)
    assert "eNPS not shown for &lt;b&gt;North&lt;/b&gt; (3 answers)" in text
    # 2,000 + 3,000 + 4,000 won in Q3 against a target of 18,000.
    assert "€9,000" in text
    assert "50%" in text


def test_the_bridge_says_what_its_parts_mean(sample_html: str) -> None:
    bridge = sample_html.split("<svg")[3]  # the team's revenue bridge is the third chart
    assert '<p class="footnote">Each bar is what one part added to revenue or took from it' in (
        bridge
    )
    assert "closing pace, deals closed (won or lost) per new deal" in bridge
