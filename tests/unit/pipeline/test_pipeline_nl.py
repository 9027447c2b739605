"""The Pipeline & funnel page's sentences and tables in Dutch, worked out by hand.

Dutch writes a no-break space between € and the amount ('€\u00a035k'), groups thousands with a
dot and uses a decimal comma ('€\u00a053,3k'); dates as '31 mrt 2026'.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.charts.pipeline_tables import attention_table
from analysis.diagnosis.weak_spots import WeakSpot
from analysis.kpis.table import kpi_table
from analysis.model.periods import current_and_previous
from analysis.pipeline import funnel as F
from analysis.pipeline import leads as L
from analysis.pipeline.planning import plan, plan_note
from analysis.pipeline.sentences import funnel_headline, headline, plan_headline
from analysis.pipeline.snapshot import snapshot
from analysis.pipeline.views import deals_to_talk_about
from analysis.words.message import text
from tests.tables import dataset
from tests.unit.pipeline.test_leads import TWO_QUARTERS
from tests.unit.pipeline.test_pipeline import DEALS, HISTORY, QUARTER, TARGETS

EURO = "€\u00a0"


def test_headline_and_the_deals_to_talk_about_in_dutch() -> None:
    snap = snapshot(dataset(deals=DEALS.assign(currency="EUR"), stage_history=HISTORY))
    # open: D1 €10,000, D2 €5,000 (slipped and stalled), D4 €20,000 (stalled); data ends 31 March
    assert headline(snap, "EUR").text("nl") == (
        f"3 open deals ter waarde van {EURO}35k op 31 mrt 2026. 1 ({EURO}5k) is over de "
        f"verwachte sluitdatum; 2 ({EURO}25k) hebben al langer dan gebruikelijk geen nieuws."
    )
    table = attention_table(deals_to_talk_about(snap.open), "EUR", "nl")
    assert list(table.columns) == [
        "Deal", "Account", "Verkoper", "Fase", "Bedrag", "Verwachte sluitdatum", "Waarom",
    ]  # fmt: skip
    assert table["Bedrag"].tolist() == [f"{EURO}20.000", f"{EURO}5.000"]
    assert table["Verwachte sluitdatum"].tolist() == ["30 jun 2026", "15 feb 2026"]
    assert table["Waarom"].tolist() == [
        "181 dagen geen nieuws (gaat meestal binnen 54 verder)",
        "44 dagen over de sluitdatum; 120 dagen geen nieuws (gaat meestal binnen 54 verder)",
    ]


def test_one_open_deal_is_singular() -> None:
    one = DEALS[DEALS["deal_id"].isin(["D1", "D3"])]
    snap = snapshot(dataset(deals=one.assign(currency="EUR")))
    assert headline(snap, "EUR").text().startswith("1 open deal worth €10k on 31 Mar 2026.")
    assert headline(snap, "EUR").text("nl").startswith(f"1 open deal ter waarde van {EURO}10k op")


def test_the_plan_in_dutch() -> None:
    data = dataset(deals=DEALS, targets=TARGETS)
    result = plan(
        data, kpi_table(data, QUARTER), QUARTER, current_and_previous(data, QUARTER),
        snapshot(data),
    )  # fmt: skip
    # short: Anna €20,000 + Bob €33,333 = €53.3k; Bob needs 15 new deals, 0 in a usual quarter
    assert plan_headline(result, "EUR", "quarter").text("nl") == (
        f"2 van de 2 verkopers komen tekort voor 2026-Q2: {EURO}53,3k niet gedekt door open "
        f"deals. Grootste tekort: Bob, {EURO}33,3k — ongeveer 15 nieuwe deals bij de eigen "
        "winratio, tegen 0 in een gewoon kwartaal."
    )
    assert plan_note(result) == result.note  # the English note of the JSON
    assert result.note.text("nl") == (
        "Open deals die naar verwachting uiterlijk eind 2026-Q2 sluiten tellen mee, ook als ze "
        "over hun datum zijn. Winratio en dealwaarde zijn die van elke verkoper over "
        "2025-Q2–2026-Q1, bijgetrokken naar die van het team als de verkoper weinig deals "
        "afsloot."
    )


def test_plan_notes_when_targets_fall_back_or_are_missing() -> None:
    targets = TARGETS.assign(
        period=pd.Timestamp("2026-01-01"), period_end=pd.Timestamp("2026-04-01")
    )
    data = dataset(deals=DEALS, targets=targets)
    choice = current_and_previous(data, QUARTER)
    result = plan(data, kpi_table(data, QUARTER), QUARTER, choice, snapshot(data))
    assert result.note.text().startswith(
        "The export has no targets for 2026-Q2; 2026-Q1's are used"
    )
    assert result.note.text("nl").startswith(
        "De export heeft geen targets voor 2026-Q2; die van 2026-Q1 worden gebruikt. Open deals"
    )
    bare = dataset(deals=DEALS)
    empty = plan(bare, kpi_table(bare, QUARTER), QUARTER, choice, snapshot(bare))
    assert empty.note.text("nl") == "De export heeft geen targets per verkoper om tegen te plannen."


FUNNEL_TEAM = pd.DataFrame(
    {"stage": ["Lead", "Demo", "Won"], "reached": [100, 60, 30], "conversion": [0.6, 0.5, None]}
)


def test_funnel_headline_in_dutch_names_won_in_dutch() -> None:
    # Lead → Demo 60%, Demo → Won 50%: the biggest drop is after Demo
    assert funnel_headline(FUNNEL_TEAM, "North", "North").text("nl") == (
        "De grootste uitval is na Demo: 50% van de 60 deals die deze fase bereikten, ging door "
        "naar Gewonnen."
    )
    spot = WeakSpot("stage_conversion", 0.2, 0.3, 0.5, 0.99, 30, None, "6 van 30 ging door", "Demo")
    assert funnel_headline(FUNNEL_TEAM, "Anna", "North", spot).text("nl") == (
        "Anna verliest de meeste deals na Demo: 6 van 30 ging door."
    )
    assert text(F.stage_name(F.WON_STAGE), "nl") == "Gewonnen"
    assert text(F.stage_name("Proposal"), "nl") == "Proposal"  # the data's own stage names stay


def test_funnel_notes_in_dutch() -> None:
    data = dataset(deals=DEALS, stage_history=HISTORY)
    assert F.method_note(data) == F.HISTORY_NOTE
    assert F.method_note(data).text("nl").startswith("Bepaald uit de fasehistorie:")
    assert F.method_note(dataset(deals=DEALS)).text("nl").startswith("Zonder fasehistorie")
    deals = DEALS.assign(stage=["Proposal", "Zeta", "Closed Won", "Demo", "Closed Lost"])
    order = F.stage_order(deals)
    assert order.stages == ("Demo", "Proposal", "Zeta")
    assert order.note.text("nl") == (
        "Fases in de gebruikelijke volgorde van een verkoopproces. Onbekend, dus achteraan "
        "gezet: Zeta. Nummer de fases in de export ('1. Lead', '2. Meeting', …) om de volgorde "
        "vast te leggen."
    )


# --- The Leads tab ------------------------------------------------------------------------


def _bands(counts: dict[str, tuple[int, int]]) -> pd.DataFrame:
    rows = [(b, *counts.get(b, (0, 0))) for b in L.BAND_LABELS]
    out = pd.DataFrame(rows, columns=["band", "leads", "converted"])
    out["rate"] = out["converted"] / out["leads"].where(out["leads"] > 0)
    return out


def test_the_verdict_in_dutch() -> None:
    # 6/10, 5/10, 4/10: the trend test gives p = 0.37 (tests/unit/pipeline/test_leads.py works it out)
    got = L.verdict(_bands({"Within 1 hour": (10, 6), "1–4 hours": (10, 5), "4–24 hours": (10, 4)}))
    assert got.answer == "unclear"
    assert got.sentence.text("nl") == (
        "Niet duidelijk: van de leads die binnen 1 uur zijn beantwoord, werd 60% een deal "
        "(10 leads), tegen 40% van de leads die in 4–24 uur zijn beantwoord (10). Zo'n verschil "
        "kan goed toeval zijn (trendtoets, p = 0,37)."
    )
    # 40/100 against 10/100: p ≈ 1.6e-6
    clear = _bands({"Within 1 hour": (100, 40), "1–4 hours": (100, 30), "4–24 hours": (100, 10)})
    assert L.verdict(clear).sentence.text("nl").endswith("(trendtoets, p < 0,001).")
    too_few = L.verdict(_bands({"Within 1 hour": (10, 5), "1–4 hours": (10, 1)}))
    assert too_few.sentence.text("nl").startswith(
        "Te weinig beantwoorde leads met een bekende uitkomst (20)"
    )


@pytest.mark.parametrize(
    ("label", "dutch"),
    [("Within 1 hour", "Binnen 1 uur"), ("Over 3 days", "Na meer dan 3 dagen"),
     (L.NEVER, "Nooit beantwoord"), ("Website", "Website")],
)  # fmt: skip
def test_band_labels_in_dutch(label: str, dutch: str) -> None:
    assert text(L.band_label(label), "nl") == dutch
    assert text(L.band_label(label)) == label


def test_the_response_point_in_dutch() -> None:
    # Q2 company median 1.5 h, Q3 8 h; A slowest at 8 h, usually 1 h (tests/unit/pipeline/test_leads.py)
    table = kpi_table(dataset(leads=TWO_QUARTERS), QUARTER)
    point = L.response_point(table, "2026-Q3", "2026-Q2", ["2026-Q2"])
    assert (
        point.team_text.text("nl")
        == "Mediaan tot het eerste antwoord 8,0 u in 2026-Q3, gestegen van 1,5 u."
    )
    assert point.rep_text.text("nl") == "A is het traagst met 8,0 u, normaal 1,0 u."
    # 11 leads in Q3, every one answered
    assert L.unanswered_note(table, "2026-Q3").text("nl") == (
        "Alle 11 leads uit 2026-Q3 hebben een antwoord gekregen."
    )


def test_the_stalled_rule_in_both_languages() -> None:
    from analysis.pipeline.snapshot import stalled_text

    assert stalled_text("history", ("stages", "activities")).text() == (
        "No news (stage changes or activities linked to the deal) for longer than the time "
        "within which 3 in 4 of the rep's deals moved on from that stage, and at least a week."
    )
    assert stalled_text("history", ("stages", "activities")).text("nl") == (
        "Geen nieuws (fasewissels of activiteiten gekoppeld aan de deal) voor langer dan de tijd "
        "waarbinnen 3 van de 4 deals van de verkoper uit die fase verder gingen, en minstens "
        "een week."
    )
    whole = stalled_text("whole_cycle", ())
    assert whole.text("nl").startswith("Langer open dan de gebruikelijke doorlooptijd")
    assert whole.text().endswith("add either to see the deals stuck in a stage.")
    assert stalled_text("", ()) is None
