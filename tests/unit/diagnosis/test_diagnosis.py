"""Root causes on a small table worked out by hand, and on the sample data's planted truth."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from scipy.stats import t as t_dist

from analysis.diagnosis.bridge import Bridge, Part
from analysis.diagnosis.causes import CAUSE_BY_CODE, CAUSES, cause_label, split_contributions
from analysis.diagnosis.diagnose import diagnose
from analysis.diagnosis.period_stats import period_stats
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec
from analysis.read.upload import read_files
from tests.tables import dataset

QUARTER = PeriodSpec("quarter")
QUARTERS = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
STARTS = pd.PeriodIndex(QUARTERS, freq="Q").start_time


def deals_of(rep: str, won: list[int], closed: int = 20, first: int = 0) -> list[tuple]:
    """Deals of €1,000 each: `closed` a quarter from QUARTERS[first], `won[i]` of them won."""
    rows = []
    for i, wins in enumerate(won):
        day = STARTS[first + i] + pd.Timedelta(days=20)
        rows += [(rep, 1000.0, "won" if k < wins else "lost", day) for k in range(closed)]
    return rows


# Anna wins 10, 11, 9, 10, 11, 9 of 20 (50%, 55%, 45%, 50%, 55%, 45%) and then 3 (15%);
# Bram the same six quarters and then 10 again; Cas starts in 2026-Q2.
ROWS = (
    deals_of("Anna", [10, 11, 9, 10, 11, 9, 3])
    + deals_of("Bram", [10, 11, 9, 10, 11, 9, 10])
    + deals_of("Cas", [4, 1], closed=10, first=5)
)
DEALS = pd.DataFrame(ROWS, columns=[S.REP, S.AMOUNT, S.STATUS, S.CLOSE_DATE])
DEALS[S.REP] = DEALS[S.REP].astype("string")


@pytest.fixture(scope="module")
def found() -> dict[str, object]:
    return {d.name: d for d in diagnose(period_stats(dataset(deals=DEALS), QUARTER), "2026-Q3")}


def test_a_collapsed_win_rate_is_flagged_with_its_evidence(found) -> None:
    anna = found["Anna"]
    assert anna.status == "flagged"
    (cause,) = anna.causes
    assert cause.code == "falling_close_rate"
    # usual level: the median of 50, 55, 45, 50, 55, 45 = 50%; now 3 of 20 = 15%
    assert (cause.before, cause.after) == (0.5, 0.15)
    assert cause.evidence.text("en") == (
        "win rate 50% → 15% (20 closed deals in 2026-Q3; usual: the median of 2025-Q1 … 2026-Q2, 120 "
        "closed deals)"
    )


def test_the_confidence_by_hand(found) -> None:
    # Steps between the six usual rates: +5, -10, +5, +5, -10 points; without the largest,
    # squares .0025 ×3 and .01: mean .004375, half .0021875, × 1.651 (six values) = .0036116,
    # worth .66 × 4 = 2.64 df. The prior is the larger of Bram's swing (the same .0036116)
    # and the binomial noise of 20 deals at 50%: .5 × .5 / 20 = .0125, worth 4 df:
    # τ² = (4 × .0125 + 2.64 × .0036116) / 6.64 = .0089662 on 6.64 df. The same sample size
    # now as usual: no extra noise. var = .0089662 × (1 + π/12) = .011314;
    # z = (.15 - .5) / √.011314 = -3.2905
    shift = found["Anna"].causes[0].shift
    own = 1.651 * (0.0025 * 3 + 0.01) / 4 / 2
    tau2 = (4 * 0.0125 + 2.64 * own) / 6.64
    var = tau2 * (1 + math.pi / 2 / 6)
    assert shift.z == pytest.approx(-0.35 / math.sqrt(var), abs=1e-3)
    assert shift.z == pytest.approx(-3.2905, abs=1e-3)
    assert shift.confidence == pytest.approx(float(t_dist.cdf(3.2905, 6.64)), abs=1e-3)


def test_a_flat_history_is_not_certainty() -> None:
    # The review's case: 10 of 20 won in each of six quarters, then 7 of 20. The history does
    # not move at all, but 20 deals cannot be that steady: binomial noise is the least swing.
    # τ² = 4 × .0125 / 6.64 = .00753 (own 0 on 2.64 df): z = -.15 / √(.00753 × 1.26) = -1.54
    rows = deals_of("Ann", [10] * 6 + [7]) + deals_of("Ben", [10] * 7)
    deals = pd.DataFrame(rows, columns=[S.REP, S.AMOUNT, S.STATUS, S.CLOSE_DATE])
    deals[S.REP] = deals[S.REP].astype("string")
    ann = {d.name: d for d in diagnose(period_stats(dataset(deals=deals), QUARTER), "2026-Q3")}
    check = next(c for c in ann["Ann"].checks if c.code == "falling_close_rate")
    assert check.verdict == "not flagged"
    assert 0.5 < check.shift.confidence < 0.98


def test_the_contribution_is_the_win_rate_part_of_the_bridge(found) -> None:
    # typical quarter: 20 closed × 50% × €1,000 = €10,000; now 20 × 15% × €1,000 = €3,000.
    # Only the win rate moved, so it carries the whole -€7,000.
    anna = found["Anna"]
    assert (anna.bridge.before, anna.bridge.after) == (10000.0, 3000.0)
    parts = {p.factor: p.contribution for p in anna.bridge.parts}
    assert parts == pytest.approx({"closed_deals": 0.0, "win_rate": -7000.0, "avg_deal_size": 0.0})
    assert anna.causes[0].contribution == pytest.approx(-7000.0)


def test_a_steady_rep_is_ok_and_says_why_each_cause_is_not_flagged(found) -> None:
    bram = found["Bram"]
    assert bram.status == "ok"
    verdicts = {c.code: (c.verdict, c.reason.text("en")) for c in bram.checks}
    assert verdicts["falling_close_rate"] == ("not flagged", "the change is too small to matter")
    # no created dates, no activities, no leads: those causes cannot be tested
    assert verdicts["slowing_cycle"] == ("not tested", "the data has no column for it")
    assert verdicts["low_activity"][0] == "not tested"
    assert {c.code for c in bram.checks} == {c.code for c in CAUSES}


def test_a_new_rep_is_too_early_to_judge(found) -> None:
    # Cas has one quarter before 2026-Q3 and went from 4 to 1 win of 10: never flagged
    cas = found["Cas"]
    assert cas.status == "insufficient_data"
    assert cas.causes == ()
    assert cas.note.text("en") == "Only 1 quarter of data before 2026-Q3: too early to judge."


def test_few_closed_deals_are_not_tested(found) -> None:
    few = DEALS[~((DEALS[S.REP] == "Bram") & (DEALS[S.CLOSE_DATE] >= "2026-07-01"))]
    few = pd.concat(
        [few, DEALS[(DEALS[S.REP] == "Bram") & (DEALS[S.CLOSE_DATE] >= "2026-07-01")][:6]]
    )
    bram = {d.name: d for d in diagnose(period_stats(dataset(deals=few), QUARTER), "2026-Q3")}[
        "Bram"
    ]
    check = next(c for c in bram.checks if c.code == "falling_close_rate")
    reason = check.reason.text("en")
    assert (check.verdict, reason) == ("not tested", "too few in this period (6, needs 10)")
    # his six deals were all won: deal size can still be tested, so he is judged (ok)
    size = next(c for c in bram.checks if c.code == "shrinking_deal_size")
    assert size.verdict == "not flagged"
    assert bram.status == "ok"


# --- planted truth: the bundled sample (seed 7) through the real ingestion ------------------

SAMPLE = Path(__file__).resolve().parents[3] / "sample_data" / "salescope_sample.xlsx"
PLANTED = {
    "Sem Jansen": {"falling_inquiries"},
    "Emma Smit": {"falling_close_rate"},
    "Noah Meijer": {"shrinking_deal_size"},
    "Sophie Bos": {"slowing_cycle"},
    "Daan Visser": {"low_activity", "falling_inquiries"},  # inflow follows the activity drop
    "Lucas Vos": {"slow_lead_response"},
    "Anna de Vries": set(),
    "Lotte Bakker": set(),
    "Finn Hendriks": set(),
    "Julia de Boer": set(),
    "Liam Mulder": set(),
}


@pytest.fixture(scope="module")
def sample() -> dict[str, object]:
    upload = read_files([(SAMPLE.name, SAMPLE.read_bytes())])
    stats = period_stats(upload.dataset(), QUARTER)
    return {d.name: d for d in diagnose(stats, "2026-Q3", "EUR")}


@pytest.mark.parametrize(("rep", "causes"), PLANTED.items())
def test_planted_causes_are_found_and_nothing_else(sample, rep: str, causes: set[str]) -> None:
    diagnosis = sample[rep]
    assert {c.code for c in diagnosis.causes} == causes
    assert diagnosis.status == ("flagged" if causes else "ok")


def test_the_new_hire_is_never_flagged(sample) -> None:
    mila = sample["Mila Peters"]
    assert mila.status == "insufficient_data"
    assert mila.causes == ()


def test_planted_levels_show_in_the_evidence(sample) -> None:
    # README of the sample: Emma 38.8% → 14.5% over the planted quarters; in 2026-Q3 alone
    # 5 of 34 closed deals were won (14.7%)
    emma = sample["Emma Smit"].causes[0]
    assert emma.after == pytest.approx(5 / 34)
    assert 0.35 < emma.before < 0.42
    assert "34 closed deals in 2026-Q3" in emma.evidence.text("en")
    # Lucas: planted 2.5 h → 7.5 h
    lucas = sample["Lucas Vos"].causes[0]
    assert 2.0 < lucas.before < 3.0
    assert 6.5 < lucas.after < 8.5
    assert lucas.contribution is None  # acts outside the revenue bridge


def test_every_bridge_adds_up(sample) -> None:
    for diagnosis in sample.values():
        if diagnosis.bridge is not None:
            total = math.fsum(p.contribution for p in diagnosis.bridge.parts)
            assert total == pytest.approx(diagnosis.bridge.change, abs=0.01)


def test_falling_customer_scores_are_flagged_outside_the_bridge() -> None:
    # Bram's customers: six quarters of 30 answers, 15 promoters (10), 7 passives (8) and
    # 8 detractors (3): NPS (15 - 8) / 30 = +23; then 5, 7 and 18: NPS (5 - 18) / 30 = -43
    rows = []
    for i, start in enumerate(STARTS):
        mix = (15, 7, 8) if i < 6 else (5, 7, 18)
        for score, count in zip((10.0, 8.0, 3.0), mix, strict=True):
            rows += [("Bram", start + pd.Timedelta(days=30), score)] * count
    feedback = pd.DataFrame(rows, columns=[S.REP, S.DATE, S.SCORE])
    feedback[S.REP] = feedback[S.REP].astype("string")
    stats = period_stats(dataset(deals=DEALS, customer_feedback=feedback), QUARTER)
    bram = {d.name: d for d in diagnose(stats, "2026-Q3")}["Bram"]
    (cause,) = bram.causes
    assert cause.code == "low_satisfaction"
    assert cause.before == pytest.approx(100 * 7 / 30)
    assert cause.after == pytest.approx(-100 * 13 / 30)
    assert cause.evidence.text("en") == (
        "NPS +23 → −43 (30 answers in 2026-Q3; usual: the median of 2025-Q1 … 2026-Q2, 180 answers)"
    )
    assert cause.contribution is None  # it does not act through this period's revenue
    assert cause.confidence >= 0.99
    # in Dutch: the same cause, the catalogue's words
    assert cause.label.text("nl") == "Lagere klanttevredenheid"
    assert cause.evidence.text("nl") == (
        "NPS +23 → −43 (30 antwoorden in 2026-Q3; normaal: de mediaan van 2025-Q1 … 2026-Q2, 180 antwoorden)"
    )


def _flow(rep: str, closed_now: int) -> list[tuple]:
    """20 deals created each quarter, all closing in it (half won), but in 2026-Q3 only
    `closed_now` close; the rest stay open."""
    rows = []
    for i, start in enumerate(STARTS):
        created, closes = start + pd.Timedelta(days=5), start + pd.Timedelta(days=40)
        for k in range(20):
            done = i < 6 or k < closed_now
            status = ("won" if k % 2 == 0 else "lost") if done else "open"
            close = closes if done else start + pd.Timedelta(days=150)
            rows.append((rep, 1000.0, status, created, close))
    return rows


def test_deals_that_stop_closing_are_a_slower_cycle() -> None:
    # Eva keeps getting 20 new deals a quarter, but only 3 of 2026-Q3's close (the usual 20)
    rows = _flow("Eva", 3) + _flow("Fay", 20) + _flow("Gus", 20)
    deals = pd.DataFrame(rows, columns=[S.REP, S.AMOUNT, S.STATUS, S.CREATED_DATE, S.CLOSE_DATE])
    deals[S.REP] = deals[S.REP].astype("string")
    found = {d.name: d for d in diagnose(period_stats(dataset(deals=deals), QUARTER), "2026-Q3")}
    eva = found["Eva"]
    assert [c.code for c in eva.causes] == ["slowing_cycle"]
    cause = eva.causes[0]
    assert (cause.before, cause.after) == (20.0, 3.0)
    assert cause.evidence.text("en").startswith("closed deals 20 → 3 a quarter")
    assert cause.evidence.text("en").endswith("while new deals held at 20")
    # the part of the bridge it works through: closing pace (closed ÷ new, 1.0 → 0.15)
    pace = eva.bridge.part("pace")
    assert cause.contribution == pytest.approx(pace.contribution)
    assert found["Fay"].status == "ok"
    # in Dutch: the same cause, the catalogue's words
    assert cause.label.text("nl") == "Langere doorlooptijd"
    assert cause.evidence.text("nl") == (
        "afgeronde deals 20 → 3 per kwartaal (in 2026-Q3; normaal: de mediaan van de 6 kwartalen "
        "2025-Q1 … 2026-Q2), "
        "terwijl de nieuwe deals op 20 bleven"
    )
    assert pace.label.text("nl") == "Afrondingstempo"


def test_less_activity_shares_the_part_of_fewer_new_deals() -> None:
    bridge = Bridge(100.0, 60.0, (Part("new_deals", 10, 6, -40.0), Part("pace", 1, 1, 0.0)))
    specs = [CAUSE_BY_CODE["low_activity"], CAUSE_BY_CODE["falling_inquiries"]]
    # fewer new deals claims its part first; what is left (pace, no loss) is not a loss of
    # activity's own: it is counted under fewer new deals
    assert split_contributions(specs, bridge) == [(None, "falling_inquiries"), (-40.0, None)]
    lower_pace = Bridge(100.0, 50.0, (Part("new_deals", 10, 6, -40.0), Part("pace", 1, 0.8, -10.0)))
    assert split_contributions(specs, lower_pace) == [(-10.0, None), (-40.0, None)]
    both = [*specs, CAUSE_BY_CODE["slowing_cycle"]]
    assert split_contributions(both, bridge)[0] == (None, "falling_inquiries")


# --- in Dutch: the same numbers, the catalogue's words ---------------------------------------


def test_a_collapsed_win_rate_in_dutch(found) -> None:
    # Anna: usual 50% on 6 × 20 = 120 closed deals, now 3 of 20 = 15%
    (cause,) = found["Anna"].causes
    assert (cause.code, cause.label.text("nl")) == ("falling_close_rate", "Dalende winratio")
    assert (
        cause.evidence.text("nl")
        == "winratio 50% → 15% (20 afgeronde deals in 2026-Q3; normaal: de mediaan van 2025-Q1 … 2026-Q2, "
        "120 afgeronde deals)"
    )
    assert found["Anna"].reference.text("nl") == "een gemiddeld kwartaal van 2025-Q1 … 2026-Q2"
    assert [p.label.text("nl") for p in found["Anna"].bridge.parts] == [
        "Afgeronde deals", "Winratio", "Dealwaarde"
    ]  # fmt: skip


def test_why_a_cause_is_not_flagged_in_dutch(found) -> None:
    verdicts = {c.code: (c.verdict, c.reason.text("nl")) for c in found["Bram"].checks}
    assert verdicts["falling_close_rate"] == (
        "not flagged",
        "de verandering is te klein om ertoe te doen",
    )
    assert verdicts["slowing_cycle"] == ("not tested", "de data heeft er geen kolom voor")


def test_a_new_rep_is_too_early_to_judge_in_dutch(found) -> None:
    note = found["Cas"].note.text("nl")
    assert note == "Maar 1 kwartaal aan data vóór 2026-Q3: te vroeg om te beoordelen."
    assert found["Cas"].status == "insufficient_data"


def test_the_shared_part_is_named_in_dutch() -> None:
    bridge = Bridge(100.0, 60.0, (Part("new_deals", 10, 6, -40.0), Part("pace", 1, 1, 0.0)))
    specs = [CAUSE_BY_CODE["low_activity"], CAUSE_BY_CODE["falling_inquiries"]]
    (_, shared), mine = split_contributions(specs, bridge)
    assert (cause_label(shared).text("nl"), mine) == ("Minder nieuwe deals", (-40.0, None))


@pytest.mark.parametrize(
    ("code", "english", "dutch"),
    [
        ("falling_inquiries", "Fewer new deals", "Minder nieuwe deals"),
        ("falling_close_rate", "Falling win rate", "Dalende winratio"),
        ("shrinking_deal_size", "Smaller deals", "Kleinere deals"),
        ("slowing_cycle", "Slower sales cycle", "Langere doorlooptijd"),
        ("low_activity", "Less activity", "Minder activiteit"),
        ("slow_lead_response", "Slower lead response", "Tragere reactie op leads"),
        ("low_satisfaction", "Lower customer satisfaction", "Lagere klanttevredenheid"),
    ],
)
def test_every_cause_has_an_english_and_a_dutch_label(code: str, english: str, dutch: str) -> None:
    assert CAUSE_BY_CODE[code].label.text("en") == english
    assert cause_label(code).text("en") == english
    assert cause_label(code).text("nl") == dutch


def test_the_label_table_covers_every_cause() -> None:
    assert {c.code for c in CAUSES} == {
        "falling_inquiries", "falling_close_rate", "shrinking_deal_size", "slowing_cycle",
        "low_activity", "slow_lead_response", "low_satisfaction",
    }  # fmt: skip
