"""The Pipeline & funnel page on the sample, checked against plain pandas on the workbook."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from sample_data.generate import CLOSE_RATE_REP, build_frames
from tests.app.conftest import SAMPLE, chart, open_page, upload_sheets

AS_OF = pd.Timestamp("2026-09-30")


def _open(app: AppTest) -> AppTest:
    return open_page(app, "pages/pipeline.py")


def _said(app: AppTest) -> str:
    return " ".join(m.value for m in app.markdown).replace("\\", "")


@pytest.fixture(scope="module")
def deals() -> pd.DataFrame:
    return pd.read_excel(SAMPLE, sheet_name="Deals", engine="openpyxl")


def test_open_pipeline_matches_the_workbook(app: AppTest, deals: pd.DataFrame) -> None:
    _open(app)
    open_ = deals[~deals["Stage"].isin(["Closed Won", "Closed Lost"])]
    slipped = open_[open_["Close Date"] < AS_OF]
    said = _said(app)
    assert (
        f"{len(open_)} open deals worth €{open_['Amount'].sum() / 1e6:.2f}M on 30 Sep 2026" in said
    )
    assert f"{len(slipped)} (€{slipped['Amount'].sum() / 1e3:.0f}k) are past" in said
    cards = {m.label: m for m in app.metric}
    assert cards["Past close date"].delta == f"{len(slipped)} deals"
    stages = chart(app, "pipeline_stage_chart")
    assert stages["layer"][0]["encoding"]["y"]["sort"] == [
        "Prospecting", "Qualification", "Proposal", "Negotiation",
    ]  # fmt: skip


def test_team_filter_narrows_the_pipeline(app: AppTest, deals: pd.DataFrame) -> None:
    _open(app)
    app.selectbox(key="pipeline_team").set_value("South").run()
    assert not app.exception
    south = deals[~deals["Stage"].isin(["Closed Won", "Closed Lost"]) & (deals["Team"] == "South")]
    assert f"{len(south)} open deals" in _said(app)
    reps = app.dataframe[1].value  # the table per rep
    assert set(reps["Rep"]) == set(south["Sales Rep"])


def test_funnel_names_where_emma_loses_her_deals(app: AppTest) -> None:
    _open(app)
    app.selectbox(key="funnel_rep").set_value(CLOSE_RATE_REP).run()
    assert not app.exception
    assert f"{CLOSE_RATE_REP} loses the most deals after Proposal" in _said(app)
    funnel = chart(app, "pipeline_funnel_chart")
    assert funnel["layer"][0]["encoding"]["color"]["scale"]["domain"] == [
        "Whole team", CLOSE_RATE_REP,
    ]  # fmt: skip
    captions = " ".join(c.value for c in app.caption).replace("\\", "")
    assert "Worked out from the stage history" in captions


def test_plan_uses_the_workbooks_targets(app: AppTest) -> None:
    _open(app)
    targets = pd.read_excel(SAMPLE, sheet_name="Targets", engine="openpyxl")
    # the plan for 2026-Q4 reads the workbook's own 2026-Q4 targets (Anna de Vries: 440,000)
    q4 = targets[targets["Quarter"] == "2026-Q4"].set_index("Sales Rep")["Target"]
    assert "reps are short for 2026-Q4" in _said(app)
    plan = next(d.value for d in app.dataframe if "New deals needed" in d.value.columns)
    shown = plan.set_index("Rep")["Target"]
    assert shown["Anna de Vries"] == f"€{q4['Anna de Vries']:,.0f}" == "€440,000"
    assert set(shown.index) == set(q4.index)
    assert (
        chart(app, "pipeline_plan_chart")["title"]["text"] == "What each rep still needs in 2026-Q4"
    )


def test_without_history_or_targets_it_says_what_would_switch_them_on(app: AppTest) -> None:
    frames = build_frames(7)
    upload_sheets(app, {"Deals": frames["Deals"], "Reps": frames["Reps"]})
    _open(app)
    captions = " ".join(c.value for c in app.caption).replace("\\", "")
    assert "Without a stage history" in captions
    infos = " ".join(i.value for i in app.info).replace("\\", "")
    assert "A targets sheet per rep and period switches planning on" in infos
    # no activities and no history: stalled only past the rep's whole usual cycle, and the
    # page says what would let stalled deals be judged by stage (issue 14)
    assert "Open for longer than the rep's usual sales cycle" in captions
    assert "add either to see the deals stuck in a stage" in captions


def test_deals_without_stages_or_created_dates_get_a_plain_message(app: AppTest) -> None:
    deals = pd.DataFrame(
        {
            "Opportunity Owner": ["Anna", "Bob"],
            "Amount": [1000, 2000],
            "Status": ["Won", "Open"],
            "Close Date": ["2026-03-02", "2026-05-01"],
        }
    )
    upload_sheets(app, {"Deals": deals})
    _open(app)
    infos = " ".join(i.value for i in app.info).replace("\\", "")
    assert "stage column" in infos
    captions = " ".join(c.value for c in app.caption).replace("\\", "")
    assert "Deals: Created date" in captions


def test_in_dutch_the_page_its_tabs_and_numbers_are_dutch(
    app: AppTest, deals: pd.DataFrame
) -> None:
    app.radio(key="ui_language").set_value("nl").run()
    _open(app)
    assert app.title[0].value == "Pipeline en funnel"
    assert [tab.label for tab in app.tabs] == [
        "Open pipeline",
        "Funnel",
        "Plan naar target",
        "Leads",
    ]
    open_ = deals[~deals["Stage"].isin(["Closed Won", "Closed Lost"])]
    slipped = open_[open_["Close Date"] < AS_OF]
    # 4,456,331 written in 3 figures with a decimal comma: '€ 4,46 mln' (a no-break space after €)
    millions = f"{open_['Amount'].sum() / 1e6:.2f}".replace(".", ",")
    said = _said(app)
    assert f"{len(open_)} open deals ter waarde van €\u00a0{millions} mln op 30 sep 2026" in said
    thousands = f"{slipped['Amount'].sum() / 1e3:.0f}"
    assert f"{len(slipped)} (€\u00a0{thousands}k) zijn over de verwachte sluitdatum" in said
    cards = {m.label: m for m in app.metric}
    assert cards["Over sluitdatum"].delta == f"{len(slipped)} deals"
    assert app.selectbox(key="pipeline_team").value == "All teams"  # shown as 'Alle teams'
    assert app.selectbox(key="pipeline_team").options[0] == "Alle teams"
    targets = pd.read_excel(SAMPLE, sheet_name="Targets", engine="openpyxl")
    q4 = targets[targets["Quarter"] == "2026-Q4"].set_index("Sales Rep")["Target"]
    plan = next(d.value for d in app.dataframe if "Benodigde nieuwe deals" in d.value.columns)
    anna = f"€\u00a0{q4['Anna de Vries']:,.0f}".replace(",", ".")  # Dutch groups with a dot
    assert plan.set_index("Verkoper").loc["Anna de Vries", "Target"] == anna
    assert "verkopers komen tekort voor 2026-Q4" in said
    assert "in een gewoon kwartaal" in said
    captions = " ".join(c.value for c in app.caption).replace("\\", "")
    assert "Bepaald uit de fasehistorie" in captions


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_an_open_deal_without_an_amount_is_unknown_and_in_no_total(app: AppTest, lang: str) -> None:
    sheets = pd.read_excel(SAMPLE, sheet_name=None, engine="calamine")
    planted = sheets["Deals"]
    planted.loc[planted["Deal ID"] == "D-001007", "Amount"] = None  # Lucas Vos, past its date
    upload_sheets(app, sheets)
    app.radio(key="ui_language").set_value(lang).run()
    _open(app)
    open_ = planted[~planted["Stage"].isin(["Closed Won", "Closed Lost"])]
    lucas = open_[open_["Sales Rep"] == "Lucas Vos"]
    talk = next(d.value for d in app.dataframe if d.value.columns[0] == "Deal")
    row = talk[talk["Deal"] == "Kempen Consulting - Implementation Services"].iloc[0]
    amount = "Amount" if lang == "en" else "Bedrag"
    assert row[amount] == "—"  # not '€0'
    reps = next(d.value for d in app.dataframe if d.value.columns[0] in ("Rep", "Verkoper"))
    value = reps.set_index(reps.columns[0]).iloc[:, 2]["Lucas Vos"]  # the open pipeline
    known = f"{lucas['Amount'].sum():,.0f}"  # the 21 other deals of Lucas
    if lang == "en":
        assert value == f"€{known} (1 without an amount)"
        assert f"{len(open_)} open deals worth" in _said(app)
        assert "1 of them has no amount: it counts as a deal, not in the amounts." in _said(app)
        cards = {m.label: m for m in app.metric}
        assert cards["Past close date"].delta.endswith("deals (1 without an amount)")
    else:
        assert value == f"€\u00a0{known.replace(',', '.')} (1 zonder bedrag)"
        assert "Daarvan heeft er 1 geen bedrag" in _said(app)
