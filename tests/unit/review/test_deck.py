"""The Monday deck: team focus from the revenue bridge, ramping reps, eNPS only from 5 answers,
the pipeline-and-plan screen, and one baseline per section. Numbers are worked out by hand."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.diagnosis.bridge import revenue_bridge
from analysis.diagnosis.causes import Cause
from analysis.diagnosis.diagnose import Diagnosis
from analysis.kpis.table import kpi_table
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec, current_and_previous
from analysis.review.document import Cards, Figure, Table, Text
from analysis.review.findings import Findings, find
from analysis.review.ramping import ramping
from analysis.review.team_focus import MIN_ENPS_SHOWN, team_focus
from analysis.review.team_review import team_review
from analysis.words.message import Say
from sample_data.generate import REPS
from tests.tables import dataset, frame

QUARTER = PeriodSpec("quarter")
FACTORS = ["new_deals", "pace", "win_rate", "avg_deal_size"]


def _cause(code: str) -> Cause:
    return Cause(code, "win_rate", None, 0.5, 0.4, -1.0, Say("report.why"))  # type: ignore[arg-type]


def _rep(name: str, team: str, *codes: str) -> Diagnosis:
    causes = tuple(_cause(c) for c in codes)
    return Diagnosis("rep", name, team, "flagged" if causes else "ok", "2026-Q3",
                     "an average quarter", None, causes, (), None)  # fmt: skip


def _findings(before: list[float], after: list[float], reps: list[Diagnosis]) -> Findings:
    bridge = revenue_bridge(FACTORS, before, after)
    company = Diagnosis("all", None, None, "flagged", "2026-Q3", "an average quarter", bridge,
                        (), (), None)  # fmt: skip
    return Findings("2026-Q3", None, (company, *reps), {}, {}, {}, [], "2026-Q2")  # type: ignore[arg-type]


NO_ENPS = pd.DataFrame({"kpi": pd.Series([], dtype="string")})


def test_focus_leads_with_the_bridges_largest_drag() -> None:
    # New deals 20 → 10 and win rate 50% → 40% at a closing pace of 1 and deals of 1,000:
    # revenue 10,000 → 4,000. Shapley, by hand: new deals ((10-20)·0.5 + (10-20)·0.4)/2·1,000
    # = -4,500; win rate ((0.4-0.5)·20 + (0.4-0.5)·10)/2·1,000 = -1,500; together -6,000.
    reps = [_rep("Ann", "North", "falling_close_rate"), _rep("Bob", "South", "falling_close_rate"),
            _rep("Cas", "South")]  # fmt: skip
    found = _findings([20, 1, 0.5, 1000], [10, 1, 0.4, 1000], reps)
    focus = team_focus(found, NO_ENPS, QUARTER, "EUR")
    first, second = focus.items
    assert first.source == "falling_inquiries"
    assert first.because.text("en") == (
        "New deals −€4.5k against an average quarter: the largest drag on revenue (−€6k in all)."
    )
    assert first.action.text("en").startswith("Plan new leads with marketing for the whole team")
    # The win rate fell for two reps of different teams: a cause they share, team-wide.
    assert second.source == "falling_close_rate"
    assert second.because.text("en") == (
        "2 of 3 reps in the whole team: Ann, Bob (falling win rate)"
    )
    assert first.because.text("nl").startswith("Nieuwe deals €\u00a0−4,5k vergeleken met")


def test_the_drag_takes_the_cause_most_reps_show() -> None:
    # Fewer new deals again, but two reps did less and only one had fewer inquiries: the
    # team's first action is about activity, not marketing.
    reps = [_rep("Ann", "North", "low_activity", "falling_inquiries"),
            _rep("Bob", "North", "low_activity")]  # fmt: skip
    found = _findings([20, 1, 0.5, 1000], [10, 1, 0.5, 1000], reps)
    focus = team_focus(found, NO_ENPS, QUARTER)
    assert focus.items[0].source == "low_activity"
    assert "New deals −5k" in focus.items[0].because.text("en")  # 10 fewer × 0.5 × 1,000


def test_a_fall_always_gives_a_focus() -> None:
    found = _findings([20, 1, 0.5, 1000], [20, 1, 0.5, 900], [])  # deals 10% smaller: -1,000
    focus = team_focus(found, NO_ENPS, QUARTER, "EUR")
    assert [s.source for s in focus.items] == ["shrinking_deal_size"]
    assert "Deal size −€1k" in focus.items[0].because.text("en")


def _survey(answers: int) -> pd.DataFrame:
    # One promoter (9), the rest detractors (3): eNPS = (1 - (n-1)) / n · 100.
    scores = [9.0] + [3.0] * (answers - 1)
    return frame("team date score", [("North", "2026-08-15", s) for s in scores], dates=(S.DATE,))


@pytest.mark.parametrize(("answers", "shown"), [(4, False), (5, True)])
def test_enps_shown_only_from_five_answers(answers: int, shown: bool) -> None:
    table = kpi_table(dataset(employee_survey=_survey(answers)), QUARTER)
    found = _findings([1, 1, 1, 1], [1, 1, 1, 1], [])
    focus = team_focus(found, table, QUARTER)
    plays = [s for s in focus.items if s.source == "team_enps"]
    assert MIN_ENPS_SHOWN == 5
    if shown:  # 1 promoter, 4 detractors: (1 - 4) / 5 = -60
        assert plays
        assert plays[0].because.text("en") == "North: eNPS −60, 5 answers"
        assert focus.notes == ()
    else:  # 4 answers: the score (-50) is not shown, only why not
        assert plays == []
        assert [n.text("en") for n in focus.notes] == [
            "eNPS not shown for North (4 answers): too few answers to show without identifying "
            "people (at least 5 needed)."
        ]


def _deals(rows: list[tuple]) -> pd.DataFrame:
    return frame("deal_id rep team amount status created_date close_date", rows,
                 dates=(S.CREATED_DATE, S.CLOSE_DATE))  # fmt: skip


def test_new_rep_is_ramping() -> None:
    # Ann sells from 2025-Q1; Bob's first deal is created in 2026-Q2.
    rows = [(f"A{i}", "Ann", "N", 1000.0, "won", f"2025-0{m}-02", f"2025-0{m}-20")
            for i, m in enumerate((1, 4, 7))]  # fmt: skip
    rows += [("A9", "Ann", "N", 1000.0, "won", "2026-07-02", "2026-07-20"),
             ("B1", "Bob", "N", 500.0, "won", "2026-05-04", "2026-08-10"),
             ("B2", "Bob", "N", 500.0, "lost", "2026-07-04", "2026-09-10")]  # fmt: skip
    table = kpi_table(dataset(deals=_deals(rows)), QUARTER)
    assert ramping(table, QUARTER, "2026-Q3") == {"Bob"}  # first seen the quarter before
    assert ramping(table, QUARTER, "2026-Q2") == {"Bob"}  # first seen this quarter
    assert ramping(table, QUARTER, "2026-Q4") == set()  # two quarters in: no longer new


@pytest.fixture(scope="module")
def sample_review(sample_analysis):
    data, table, choice, found = sample_analysis
    return team_review(data, table, QUARTER, choice, found, "EUR", "anonymous",
                       files=["salescope_sample.xlsx"], sample=True)  # fmt: skip


def test_the_sample_new_hire_is_ramping_on_the_board(sample_review) -> None:
    # The sample's Mila Peters starts on 2026-04-13 (sample_data/generate.py).
    assert next(r for r in REPS if r.name == "Mila Peters").start == "2026-04-13"
    stand_in = sample_review.names["Mila Peters"]
    board = sample_review.sections[1]
    notes = [b.text for b in board.blocks if isinstance(b, Text)]
    assert (
        f"Ramping: {stand_in}. No deals before 2026-Q2, so too new to judge against the others yet."
        in notes
    )
    attainment = next(b for b in board.blocks if isinstance(b, Figure))
    spec = json.dumps(attainment.chart.to_dict(), ensure_ascii=False)
    assert f'"{stand_in} (ramping)"' in spec  # the bar's label says why it is short
    assert "Mila Peters" not in spec


def test_the_title_screen_names_the_sample(sample_review) -> None:
    first = sample_review.sections[0].blocks[0]
    assert isinstance(first, Text)
    assert first.text == (
        "Sample data: made-up names and numbers, not a real export. "
        "Data: salescope_sample.xlsx, from 1 Oct 2024 to 30 Sep 2026."
    )
    assert sample_review.sample


def test_one_baseline_per_section(sample_review) -> None:
    base = {s.key: s.baseline for s in sample_review.sections}
    assert base["headline"] == "Changes against 2026-Q2, the period before."
    assert (
        base["bridge"]
        == base["focus"]
        == ("2026-Q3 compared with an average quarter of 2025-Q1 … 2026-Q2.")
    )
    for section in sample_review.sections:
        words = " ".join(b.text for b in section.blocks if isinstance(b, Text))
        if section.key == "headline":  # the cards' changes are against the period before …
            assert "average quarter" not in words
            cards = next(b for b in section.blocks if isinstance(b, Cards))
            assert all("vs 2026-Q2" in c.detail for c in cards.items if c.change)
        if section.key == "bridge":  # … the bridge's against the usual quarter, only
            assert "2026-Q2, the period before" not in words


def test_sample_focus_is_the_new_deals_drag_not_the_enps(sample_review) -> None:
    focus = next(s for s in sample_review.sections if s.key == "focus")
    items = next(b for b in focus.blocks if not isinstance(b, Text)).items  # type: ignore[union-attr]
    # plain pandas on the Deals sheet: new deals a quarter × closed/new × won/closed × revenue/won,
    # 2025-Q1 … 2026-Q2 averaged against 2026-Q3, split with Shapley values: new deals −178,837
    assert items[0][1].startswith("New deals −€179k against an average quarter")
    notes = [b.text for b in focus.blocks if isinstance(b, Text)]
    # South's eNPS comes from 4 answers: not shown, and the room is told why.
    assert notes == ["eNPS not shown for South (4 answers): too few answers to show without "
                     "identifying people (at least 5 needed)."]  # fmt: skip
    assert all("eNPS −75" not in because for _, because in items)


def _pipeline_data():
    # Ann: won 4 of 8 closed deals of 2,000 in 2025-Q4 … 2026-Q3; open on 2026-09-30 (the
    # last day of the data): three deals due in 2026-Q4 (2,000 + 3,000 + 5,000) and one past
    # its expected close date (1,000, due 2026-09-01); one due in 2027 (not counted).
    rows = []
    for i, month in enumerate(("2025-10", "2025-11", "2026-01", "2026-02", "2026-04", "2026-05",
                               "2026-07", "2026-09")):  # fmt: skip
        status = "won" if i % 2 == 0 else "lost"
        rows.append((f"C{i}", "Ann", "N", 2000.0, status, f"{month}-01", f"{month}-20"))
    rows += [("O1", "Ann", "N", 2000.0, "open", "2026-08-01", "2026-10-15"),
             ("O2", "Ann", "N", 3000.0, "open", "2026-08-02", "2026-11-15"),
             ("O3", "Ann", "N", 5000.0, "open", "2026-08-03", "2026-12-15"),
             ("O4", "Ann", "N", 1000.0, "open", "2026-06-03", "2026-09-01"),
             ("O5", "Ann", "N", 9000.0, "open", "2026-09-30", "2027-02-01")]  # fmt: skip
    targets = frame("rep team period period_end period_grain target",
                    [("Ann", "N", "2026-10-01", "2027-01-01", "quarter", 20000.0),
                     ("Ann", "N", "2026-07-01", "2026-10-01", "quarter", 8000.0)],
                    dates=(S.PERIOD, "period_end"))  # fmt: skip
    return dataset(deals=_deals(rows), targets=targets)


def test_pipeline_screen_from_the_plan_and_the_snapshot() -> None:
    data = _pipeline_data()
    table = kpi_table(data, QUARTER)
    choice = current_and_previous(data, QUARTER)
    assert choice.current == "2026-Q3"
    found = find(data, QUARTER, "2026-Q3", table, "EUR")
    review = team_review(data, table, QUARTER, choice, found, "EUR")
    pipe = next(s for s in review.sections if s.key == "pipeline")
    assert pipe.title == "Pipeline and plan for 2026-Q4"
    assert pipe.baseline == (
        "Open deals on 2026-09-30, the last day of the data, against the targets of 2026-Q4."
    )
    lead, cards, table_ = pipe.blocks[:3]
    assert isinstance(lead, Text)
    assert (
        lead.text
        == "4 open deals due by the end of 2026-Q4 (€11k); 1 of them (€1k) already overdue."
    )
    assert isinstance(cards, Cards)
    values = {c.label: c.value for c in cards.items}
    assert values["Still to win in 2026-Q4"] == "€20k"  # nothing won in 2026-Q4 yet
    assert values["Coverage"] == "0.6×"  # 11,000 due ÷ 20,000 still to win = 0.55
    assert isinstance(table_, Table)
    row = table_.frame.iloc[0]
    assert row["Rep"] == "Ann"
    assert row["Due in 2026-Q4"] == "4 · €11k"
    assert row["Past close date"] == "1 · €1k"
    assert row["Target 2026-Q4"] == "€20k"
