"""The Root causes and Rep deep-dive pages on the sample data, driven through AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import chart, open_page


def _title(spec: dict) -> str:
    title = spec["title"]
    return title["text"] if isinstance(title, dict) else title


def test_root_causes_shows_the_bridge_and_the_flagged_reps(app: AppTest) -> None:
    open_page(app, "pages/root_causes.py")
    assert _title(chart(app, "rootcause_bridge")) == "What changed revenue"
    assert app.subheader[0].value.startswith("Revenue €")
    flagged = app.main.get_by_key("rootcause_flagged").dataframe[0].value
    pairs = set(zip(flagged["Rep"], flagged["What changed"], strict=True))
    assert ("Emma Smit", "Falling win rate") in pairs
    assert ("Sophie Bos", "Slower sales cycle") in pairs
    assert "Anna de Vries" not in set(flagged["Rep"])
    early = " ".join(m.value for m in app.main.get_by_key("rootcause_early").markdown)
    assert "Mila Peters" in early
    assert "too early to judge" in early


def test_root_causes_of_one_team(app: AppTest) -> None:
    open_page(app, "pages/root_causes.py")
    app.selectbox(key="rootcause_team").set_value("South").run()
    assert not app.exception
    flagged = app.main.get_by_key("rootcause_flagged").dataframe[0].value
    assert set(flagged["Team"]) == {"South"}
    assert set(flagged["Rep"]) == {"Emma Smit", "Noah Meijer", "Daan Visser"}
    # South's eNPS fell (planted): the people-side suggestions appear for the whole team
    advice = " ".join(i.value for i in app.info)
    assert "South: eNPS" in advice.replace("\\", "")


def test_deep_dive_opens_on_a_flagged_rep_and_shows_the_plan(app: AppTest) -> None:
    open_page(app, "pages/rep_deep_dive.py")
    assert app.selectbox(key="rep_pick").value == "Daan Visser"  # the first rep flagged
    app.selectbox(key="rep_pick").set_value("Emma Smit").run()
    assert not app.exception
    assert "falling win rate" in app.error[0].value
    assert _title(chart(app, "deepdive_vs_team")) == "Emma Smit against the team"
    plan = " ".join(m.value for m in app.main.get_by_key("deepdive_plan").markdown)
    assert "Anna de Vries" in plan  # the team's best closer, named as the peer
    assert "win rate" in plan


def test_deep_dive_of_the_new_hire_says_too_early(app: AppTest) -> None:
    open_page(app, "pages/rep_deep_dive.py")
    app.selectbox(key="rep_pick").set_value("Mila Peters").run()
    assert not app.exception
    assert "Too early to judge" in app.info[0].value
    assert not app.error  # never flagged


def test_deep_dive_trend_follows_the_kpi(app: AppTest) -> None:
    open_page(app, "pages/rep_deep_dive.py")
    app.selectbox(key="deepdive_trend_kpi").set_value("win_rate").run()
    assert not app.exception
    spec = chart(app, "deepdive_trend")
    assert _title(spec) == "Win rate per period"
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Team", "Daan Visser"]
