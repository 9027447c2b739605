"""The What changed page and the earlier-export slot, on two exports with moves planted by hand
(tests/changed_exports.py): every figure is worked out with plain pandas on the planted sheets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.words import formats as F
from analysis.words.catalogue import t
from tests.app.conftest import XLSX_MIME, chart, open_page, table
from tests.changed_exports import (
    CUTTER,
    KEPT,
    PUSHED_TO,
    PUSHER,
    cents,
    due_q4_cents,
    pair,
    write_pair,
)

PAGE = "pages/changes.py"
LANGUAGE = "ui_language"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return write_pair(tmp_path_factory.mktemp("pair"))


def _put(app: AppTest, key: str, *paths: Path) -> None:
    """Put files into one of the Upload page's slots and run the app."""
    app.switch_page("pages/upload.py").run()
    value = [(p.name, p.read_bytes(), XLSX_MIME) for p in paths]
    app.file_uploader(key=key).set_value(value if key == "upload_earlier" else value[0])
    app.run()
    assert not app.exception


def _said(app: AppTest) -> str:
    return " ".join(m.value for m in [*app.markdown, *app.caption]).replace("\\", "")


def _due(deals: pd.DataFrame) -> pd.DataFrame:
    open_ = ~deals["Stage"].isin(["Closed Won", "Closed Lost"])
    return deals[open_ & deals["Close Date"].between("2026-10-01", "2026-12-31")]


def _money(cents_: int, signed: bool = False) -> str:
    return F.short_money(cents_ / 100, "€", signed=signed)


def test_without_an_earlier_export_the_page_says_where_to_add_one(
    app: AppTest, files: tuple[Path, Path]
) -> None:
    _put(app, "upload_file", files[0])  # your own export: the sample's earlier exports go
    open_page(app, PAGE)
    assert app.title[0].value == "What changed"
    (info,) = app.info
    assert "on the Upload & mapping page, in the slot “Compare with an earlier export”" in (
        info.value
    )


def test_the_page_agrees_with_the_planted_moves(app: AppTest, files: tuple[Path, Path]) -> None:
    later, earlier = files
    planted = pair()
    _put(app, "upload_file", later)
    _put(app, "upload_earlier", earlier)
    lines = [c.value.replace("\\", "") for c in app.main.get_by_key("upload_earlier_lines").caption]
    assert lines == [f"{earlier.name}: data up to 23 Sep 2026, compared as the earlier export."]
    open_page(app, PAGE)
    said = _said(app)
    # due in 2026-Q4: every open deal of each export with a close date in October–December
    start, end = due_q4_cents(planted.earlier), due_q4_cents(planted.later["Deals"])
    assert (
        f"Pipeline due in 2026-Q4: {_money(start)} at the earlier export, {_money(end)} now "
        f"({_money(end - start, signed=True)})." in said
    )
    assert (
        "The export of 23 Sep 2026 compared with the export of 30 Sep 2026, 7 days later." in said
    )
    pushed = planted.earlier[planted.earlier["Deal ID"].isin(planted.pushed)]
    assert (
        f"{PUSHER} pushed 3 deals worth {_money(cents(pushed['Amount']))} out of 2026-Q4." in said
    )
    cut = planted.earlier.set_index("Deal ID").loc[planted.cut]
    cut_to = round(cut["Amount"] * KEPT, 2)
    assert (
        f"{cut['Deal Name']} ({CUTTER}) was cut from {F.short_money(cut['Amount'], '€')} to "
        f"{F.short_money(cut_to, '€')}, 40% less." in said
    )
    reps = table(app, "changes_reps").set_index("Rep")
    assert reps.loc[PUSHER, "Pushed out"] == f"3 ({_money(cents(pushed['Amount']))})"
    new = planted.later["Deals"][
        planted.later["Deals"]["Created Date"] > pd.Timestamp("2026-09-23")
    ]
    assert reps["New"].ne("—").sum() == new["Sales Rep"].nunique()
    assert f"{_money(cents(new['Amount']))} of new pipeline since the earlier export " in said
    assert f"({len(new)} deals)." in said
    spec = chart(app, "changes_flow")
    assert spec["title"]["subtitle"] == (
        f"{_money(start)} on 23 Sep 2026 → {_money(end)} on 30 Sep 2026: "
        f"{_money(end - start, signed=True)}"
    )
    labels = spec["layer"][0]["encoding"]["x"]["sort"]
    assert labels[0].endswith(f"\n{len(_due(planted.earlier))} deals")  # Earlier export
    assert "Pushed out\n3 deals" in labels

    app.radio(key="changes_by").set_value("rep").run()
    app.selectbox(key="changes_rep").set_value(PUSHER).run()
    assert not app.exception
    spec = chart(app, "changes_flow")
    assert spec["title"]["text"].startswith(f"{PUSHER}: the pipeline due in 2026-Q4")
    mine = due_q4_cents(planted.earlier, PUSHER), due_q4_cents(planted.later["Deals"], PUSHER)
    assert spec["title"]["subtitle"].startswith(
        f"{_money(mine[0])} on 23 Sep 2026 → {_money(mine[1])}"
    )

    app.selectbox(key="changes_category").set_value("pushed_out").run()
    deals = table(app, "changes_deals")
    assert sorted(deals["Deal"]) == sorted(pushed["Deal Name"])
    assert set(deals["Close date now"]) == {F.day(PUSHED_TO)}
    assert app.get("download_button")  # the deals as a formula-safe CSV


def test_the_page_in_dutch(app: AppTest, files: tuple[Path, Path]) -> None:
    later, earlier = files
    _put(app, "upload_file", later)
    _put(app, "upload_earlier", earlier)
    app.radio(key=LANGUAGE).set_value("nl").run()
    open_page(app, PAGE)
    assert app.title[0].value == "Wat is er veranderd"
    said = _said(app)
    assert "Pijplijn met sluitdatum in 2026-Q4:" in said
    assert f"{PUSHER} schoof 3 deals ter waarde van" in said
    assert list(table(app, "changes_reps").columns)[:3] == ["Verkoper", "Team", "Nieuw"]
    spec = chart(app, "changes_flow")
    assert spec["title"]["text"].startswith("De pijplijn met sluitdatum in 2026-Q4")


def test_a_corrupt_earlier_file_is_one_clear_sentence(
    app: AppTest, files: tuple[Path, Path]
) -> None:
    _put(app, "upload_file", files[0])
    app.switch_page("pages/upload.py").run()
    app.file_uploader(key="upload_earlier").set_value(
        [("last_week.xlsx", files[1].read_bytes()[:3000], XLSX_MIME)]  # cut off: a broken zip
    )
    app.run()
    assert not app.exception
    (warning,) = app.main.get_by_key("upload_earlier_lines").warning
    assert warning.value.replace("\\", "").startswith("last_week.xlsx ")
    open_page(app, PAGE)
    (warning,) = app.warning
    assert warning.value.startswith("None of the earlier exports could be compared")


def test_clearing_the_slot_clears_the_comparison(app: AppTest, files: tuple[Path, Path]) -> None:
    later, earlier = files
    _put(app, "upload_file", later)
    _put(app, "upload_earlier", earlier)
    open_page(app, PAGE)
    assert not app.info
    app.switch_page("pages/upload.py").run()  # back on the Upload page: the slot shows empty
    assert not app.main.get_by_key("upload_earlier_lines").warning
    open_page(app, PAGE)
    assert not app.info  # ... and the comparison stays, until it is stopped
    app.switch_page("pages/upload.py").run()
    app.button(key="upload_earlier_clear").click().run()
    assert not app.main.get_by_key("upload_earlier_lines").caption
    open_page(app, PAGE)
    assert "Compare with an earlier export" in app.info[0].value
    _put(app, "upload_earlier", earlier)
    app.file_uploader(key="upload_earlier").set_value([]).run()
    open_page(app, PAGE)
    assert "Compare with an earlier export" in app.info[0].value


def test_the_pushing_rep_s_coaching_starts_with_the_close_date_play(
    app: AppTest, files: tuple[Path, Path]
) -> None:
    later, earlier = files
    _put(app, "upload_file", later)
    _put(app, "upload_earlier", earlier)
    open_page(app, "pages/rep_deep_dive.py")
    app.selectbox(key="rep_pick").set_value(PUSHER).run()
    assert not app.exception
    since = " ".join(m.value for m in app.main.get_by_key("deepdive_changes").markdown)
    assert f"{PUSHER} pushed 3 deals worth" in since.replace("\\", "")
    plan = [m.value for m in app.main.get_by_key("deepdive_plan").markdown]
    steps = [m for m in plan if m.startswith("1. ")]
    play = t("coaching.play.pushing_close_dates.close_dates")
    assert steps
    assert steps[0].replace("\\", "").startswith(f"1. {play}")
    open_page(app, "pages/root_causes.py")
    since = " ".join(m.value for m in app.main.get_by_key("rootcauses_changes").markdown)
    assert "of new pipeline since the earlier export" in since.replace("\\", "")


def test_the_sample_data_brings_its_earlier_exports(
    app: AppTest, files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import state

    monkeypatch.setattr(state, "SAMPLE_EARLIER", (files[1],))
    _put(app, "upload_file", files[0])
    app.switch_page("pages/upload.py").run()
    app.button(key="upload_sample").click().run()
    assert not app.exception
    lines = [c.value.replace("\\", "") for c in app.main.get_by_key("upload_earlier_lines").caption]
    assert lines == [f"{files[1].name}: data up to 23 Sep 2026, compared as the earlier export."]
    open_page(app, PAGE)
    assert not app.info
