"""From a number to the deals behind it: the Team overview cards, a root cause, the deep-dive."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from tests.app.conftest import SAMPLE, open_page, table

LANGUAGE = "ui_language"
LINK = '=HYPERLINK("http://evil.example","Click")'
SHEET = pd.read_excel(SAMPLE, sheet_name="Deals", engine="calamine")
CLOSE = pd.to_datetime(SHEET["Close Date"])
IN_Q3 = (CLOSE >= "2026-07-01") & (CLOSE < "2026-10-01")


def _sheet(stage: str, rep: str | None = None, team: str | None = None) -> pd.DataFrame:
    """The sample's deals of 2026-Q3 at a closed stage, as the workbook has them."""
    rows = SHEET[IN_Q3 & (SHEET["Stage"] == stage)]
    if rep is not None:
        rows = rows[rows["Sales Rep"] == rep]
    return rows if team is None else rows[rows["Team"] == team]


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Every file a download button offers, by its file name."""
    files: dict[str, bytes] = {}
    keep = MemoryMediaFileStorage.load_and_get_id

    def load(self, data, mimetype, kind, filename=None):  # type: ignore[no-untyped-def]
        if isinstance(data, bytes) and filename:
            files[filename] = data
        return keep(self, data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", load)
    return files


def test_the_lost_deals_behind_the_team_overview_cards(app: AppTest) -> None:
    open_page(app, "pages/team_overview.py")
    assert app.expander[0].label == "Deals behind these numbers"
    assert app.selectbox(key="overview_deals_kind").value == "won"
    won = table(app, "overview_deals_won_table")
    assert len(won) == len(_sheet("Closed Won"))
    app.selectbox(key="overview_deals_kind").set_value("lost").run()
    assert not app.exception
    lost = table(app, "overview_deals_lost_table")
    assert sorted(lost["ID in the CRM"]) == sorted(_sheet("Closed Lost")["Deal ID"])
    assert list(lost.columns) == ["Deal", "ID in the CRM", "Account", "Rep", "Team", "Amount",
                                  "Created", "Closed", "Days open"]  # every stage 'Closed Lost'  # fmt: skip
    assert lost["Amount"].str.startswith("€").all()
    assert any("Deals lost in 2026-Q3" in m.value.replace("\\", "") for m in app.markdown)


def test_the_deals_behind_the_cards_in_dutch_for_one_team(app: AppTest) -> None:
    app.radio(key=LANGUAGE).set_value("nl").run()
    open_page(app, "pages/team_overview.py")
    app.selectbox(key="overview_team").set_value("South").run()
    app.selectbox(key="overview_deals_kind").set_value("lost").run()
    assert not app.exception
    assert "Deals achter deze cijfers" in [e.label for e in app.expander]
    lost = table(app, "overview_deals_lost_table")
    assert list(lost.columns)[:5] == ["Deal", "ID in het CRM", "Account", "Verkoper", "Team"]
    assert "Gesloten" in lost.columns
    assert sorted(lost["ID in het CRM"]) == sorted(_sheet("Closed Lost", team="South")["Deal ID"])
    assert lost["Bedrag"].str.startswith("€\u00a0").all()  # '€ 12.500', Dutch grouping


@pytest.mark.parametrize(("lang", "title"), [("en", "Deals behind “Slower sales cycle”"),
                                             ("nl", "Deals achter “Langere doorlooptijd”")])  # fmt: skip
def test_the_won_deals_behind_a_teams_slower_cycle(app: AppTest, lang: str, title: str) -> None:
    app.radio(key=LANGUAGE).set_value(lang).run()
    open_page(app, "pages/root_causes.py")
    app.selectbox(key="rootcause_team").set_value("West").run()
    assert not app.exception
    assert title in [e.label for e in app.expander]
    key = "rootcause_deals_slowing_cycle"
    assert app.selectbox(key=f"{key}_kind").value == "won"  # the cycle is read from won deals
    won = table(app, f"{key}_won_table")
    assert len(won) == len(_sheet("Closed Won", team="West"))


def test_the_lost_deals_behind_emmas_falling_win_rate(app: AppTest) -> None:
    open_page(app, "pages/root_causes.py")
    app.selectbox(key="rootcause_rep_deals_rep").set_value("Emma Smit").run()
    assert not app.exception
    kinds = [s for s in app.selectbox if s.key.endswith("_kind")]
    assert kinds[-1].value == "lost"  # her cause: a falling win rate
    lost = table(app, "rootcause_rep_deals_rep_lost_table")
    assert sorted(lost["ID in the CRM"]) == sorted(_sheet("Closed Lost", "Emma Smit")["Deal ID"])


def test_the_deep_dive_lists_the_lost_deals_to_go_through(app: AppTest) -> None:
    open_page(app, "pages/rep_deep_dive.py")
    app.selectbox(key="rep_pick").set_value("Emma Smit").run()
    assert not app.exception
    plan = " ".join(m.value for m in app.main.get_by_key("deepdive_plan").markdown)
    assert "lost deals" in plan  # the coaching action …
    lost = table(app, "deepdive_lost_table")  # … and the deals it is about
    assert sorted(lost["ID in the CRM"]) == sorted(_sheet("Closed Lost", "Emma Smit")["Deal ID"])
    assert "Rep" not in lost.columns  # one rep: no column repeating her name
    gap = " ".join(m.value for m in app.main.get_by_key("deepdive_gap").markdown)
    assert "Target of 2026\\-Q4" in gap
    assert len(table(app, "deepdive_due_table")) > 0


def test_a_deal_named_like_a_formula_downloads_as_text(
    app: AppTest, downloads: dict[str, bytes]
) -> None:
    deals = pd.DataFrame(
        {
            "Deal Name": [LINK, "Plain deal", "Lost one"],
            "Owner": ["Anna", "Anna", "Bob"],
            "Amount": [1000, 2000, 500],
            "Stage": ["Closed Won", "Closed Won", "Closed Lost"],
            "Created Date": ["2026-01-05", "2026-02-01", "2026-01-10"],
            "Close Date": ["2026-02-15", "2026-03-31", "2026-03-01"],
        }
    )
    app.switch_page("pages/upload.py").run()  # a CSV: a workbook would store it as a formula
    csv_file = deals.to_csv(index=False).encode("utf-8")
    app.file_uploader(key="upload_file").set_value(("deals.csv", csv_file, "text/csv"))
    app.run()
    assert not app.exception
    open_page(app, "pages/team_overview.py")
    won = table(app, "overview_deals_won_table")
    assert LINK in won["Deal"].tolist()  # shown as the data has it
    csv = downloads["salescope_won_deals_2026-Q1.csv"].decode("utf-8-sig")
    assert "'" + LINK.replace('"', '""') in csv  # quoted: a spreadsheet reads it as text
    assert "\n=" not in csv
    assert ",=" not in csv


def _sheet_of(rep: str, stages: tuple[str, ...]) -> pd.DataFrame:
    rows = SHEET[IN_Q3 & SHEET["Stage"].isin(stages) & (SHEET["Sales Rep"] == rep)]
    return rows.sort_values(["Close Date", "Amount"], ascending=False, kind="stable")


# A click on a rep's bar stores (chart key, rep) under "overview_bar" (ui/chart_view.show_pickable;
# the browser test tests/e2e/test_bar_deals_flow.py clicks); AppTest cannot click a chart.
def test_a_bar_of_the_win_rate_board_lists_the_reps_won_and_lost_deals(app: AppTest) -> None:
    open_page(app, "pages/team_overview.py")
    assert not app.get("subheader") or all("deals behind" not in s.value for s in app.subheader)
    app.session_state["overview_bar"] = ("overview_board_chart", "Emma Smit")
    app.selectbox(key="overview_board_kpi").set_value("win_rate").run()
    assert not app.exception
    assert "Emma Smit\\: the deals behind “Win rate”, 2026\\-Q3" in [s.value for s in app.subheader]
    deals = table(app, "overview_bar_deals_table")
    closed = _sheet_of("Emma Smit", ("Closed Won", "Closed Lost"))
    assert sorted(deals["ID in the CRM"]) == sorted(closed["Deal ID"])
    assert set(deals["Which"]) == {"Won deals", "Lost deals"}
    assert "Rep" not in deals.columns  # one rep's deals


@pytest.mark.parametrize(("lang", "title"), [
    ("en", "Liam Mulder\\: the deals behind “Target attainment”, 2026\\-Q3"),
    ("nl", "Liam Mulder\\: de deals achter “Targetrealisatie”, 2026\\-Q3"),
])  # fmt: skip
def test_a_bar_of_the_attainment_chart_lists_the_reps_won_deals(
    app: AppTest, lang: str, title: str
) -> None:
    app.radio(key=LANGUAGE).set_value(lang).run()
    open_page(app, "pages/team_overview.py")
    app.session_state["overview_bar"] = ("overview_attainment_chart", "Liam Mulder")
    app.run()
    assert not app.exception
    assert title in [s.value for s in app.subheader]
    won = table(app, "overview_bar_deals_table")
    assert list(won.iloc[:, 1]) == list(_sheet_of("Liam Mulder", ("Closed Won",))["Deal ID"])


def test_a_bar_of_a_rep_of_another_team_or_a_kpi_without_deals_shows_nothing(
    app: AppTest,
) -> None:
    open_page(app, "pages/team_overview.py")
    app.session_state["overview_bar"] = ("overview_board_chart", "Emma Smit")
    app.selectbox(key="overview_board_kpi").set_value("nps").run()
    assert all("deals behind" not in s.value for s in app.subheader)
    team = SHEET.loc[SHEET["Sales Rep"] != "Emma Smit", "Team"].iloc[0]
    emma = SHEET.loc[SHEET["Sales Rep"] == "Emma Smit", "Team"].iloc[0]
    other = next(t for t in SHEET["Team"].unique() if t != emma) if team == emma else team
    app.selectbox(key="overview_board_kpi").set_value("revenue").run()
    app.selectbox(key="overview_team").set_value(other).run()
    assert not app.exception
    assert all("deals behind" not in s.value for s in app.subheader)
