"""The Upload & mapping page, driven through AppTest."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import SAMPLE, XLSX_MIME, open_page, table
from tests.builders import DEALS_HEADER, DEALS_ROWS, csv_bytes, xlsx


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_opens_on_the_sample_data(app: AppTest) -> None:
    assert _metric(app, "Rows read") != "0"
    roles = {s.key: s.value for s in app.selectbox if s.key.startswith("upload_role_")}
    assert set(roles.values()) >= {"deals", "activities", "leads", "targets", "reps"}
    assert _metric(app, "Rows set aside") == "0"


def test_upload_sample_workbook_shows_tables_and_quality(app: AppTest) -> None:
    data = SAMPLE.read_bytes()
    app.file_uploader(key="upload_file").set_value(("mine.xlsx", data, XLSX_MIME)).run()
    assert not app.exception
    quality = table(app, "upload_quality")
    assert list(quality["File"].unique()) == ["mine.xlsx"]
    assert (quality["Rows read"] == quality["Rows used"] + quality["Rows set aside"]).all()
    assert "Deals" in set(quality["Used as"])


def test_bad_rows_are_counted_and_listed() -> None:
    rows = [DEALS_HEADER, *DEALS_ROWS, ["Bob", "TBD", "Closed Won", "2026-01-10", "2026-01-01"]]
    at = AppTest.from_file(str(SAMPLE.parents[1] / "streamlit_app.py"), default_timeout=60)
    at.run()
    at.file_uploader(key="upload_file").set_value(("deals.csv", csv_bytes(rows), "text/csv")).run()
    assert not at.exception
    assert _metric(at, "Rows read") == "4"
    assert _metric(at, "Rows set aside") == "1"
    aside = table(at, "upload_aside")
    assert aside["Reason"].tolist() == ["amount 'TBD' could not be read"]
    assert aside["Row"].tolist() == [5]


def test_changing_a_mapping_changes_the_result(app: AppTest) -> None:
    header = ["Owner", "Amount", "Discount", "Stage", "Close Date"]
    rows = [header, ["Anna", 1000, 10, "Won", "2026-01-05"], ["Bob", -5, 20, "Won", "2026-01-06"]]
    app.file_uploader(key="upload_file").set_value(("d.xlsx", xlsx({"Deals": rows}), XLSX_MIME))
    app.run()
    assert _metric(app, "Rows set aside") == "1"  # Bob's negative amount
    app.selectbox(key="upload_field_0_deals_amount").set_value("Discount").run()
    assert not app.exception
    assert _metric(app, "Rows set aside") == "0"
    app.selectbox(key="upload_role_0").set_value("ignore").run()
    assert not app.exception
    assert _metric(app, "Rows read") == "0"


def test_unreadable_file_gives_one_sentence_and_the_app_stays_usable(app: AppTest) -> None:
    app.file_uploader(key="upload_file").set_value(("x.xlsx", b"%PDF-1.4 junk", XLSX_MIME)).run()
    assert not app.exception
    assert [e.value for e in app.error] == [
        "x\\.xlsx is a PDF, not a spreadsheet\\. Export the report as Excel or CSV\\."
    ]
    app.button(key="upload_sample").click().run()
    assert not app.exception
    assert _metric(app, "Rows read") != "0"


def test_script_in_a_rep_name_is_shown_as_text(app: AppTest) -> None:
    rows = [
        DEALS_HEADER,
        ["<script>alert(1)</script>", 5, "Closed Won", "2026-01-15", "2026-01-01"],
        ['=HYPERLINK("http://x","y")', 6, "Closed Won", "2026-01-15", "2026-01-01"],
    ]
    app.file_uploader(key="upload_file").set_value(("<b>x</b>.csv", csv_bytes(rows), "text/csv"))
    app.run()
    assert not app.exception
    markdown = " ".join(m.value for m in app.markdown)
    assert "<b>" not in markdown.replace("\\<b\\>", "")


def test_saved_mapping_is_applied_to_next_months_export(app: AppTest) -> None:
    from analysis.read.mapping import set_column
    from analysis.read.upload import read_files

    header = ["Owner", "Amount", "Net amount", "Stage", "Close Date"]
    march = xlsx({"Deals": [header, ["Anna", 1000, 900, "Won", "2026-03-05"]]})
    april = xlsx({"Deals": [header, ["Anna", 2000, 1800, "Won", "2026-04-05"]]})
    upload = read_files([("march.xlsx", march)])
    key = upload.sheets[0].key
    mine = {key: set_column(upload.mappings[key], "Net amount", "amount")}
    saved = upload.mapping_json(mine).encode()

    app.file_uploader(key="upload_file").set_value(("april.xlsx", april, XLSX_MIME)).run()
    assert app.selectbox(key="upload_field_0_deals_amount").value == "Amount"
    app.file_uploader(key="upload_mapping").set_value(("m.json", saved, "application/json"))
    app.run()
    assert not app.exception
    assert app.selectbox(key="upload_field_0_deals_amount").value == "Net amount"
    assert "from your saved mapping" in " ".join(c.value for c in app.caption)


def test_a_new_upload_does_not_inherit_the_previous_sheet_roles(app: AppTest) -> None:
    # The sample's second sheet is Activities; this upload's second sheet is not recognised.
    book = xlsx(
        {
            "Deals": [["Owner", "Amount", "Stage", "Close Date"], ["Anna", 1, "Won", "2026-01-05"]],
            "Notes": [["Colour", "Shape"], ["red", "round"]],
        }
    )
    assert app.selectbox(key="upload_role_1").value == "activities"
    app.file_uploader(key="upload_file").set_value(("two.xlsx", book, XLSX_MIME)).run()
    assert not app.exception
    assert app.selectbox(key="upload_role_1").value == "ignore"


def _dutch(at: AppTest) -> AppTest:
    at.radio(key="ui_language").set_value("nl").run()
    assert not at.exception
    return at


def test_the_page_in_dutch(app: AppTest) -> None:
    _dutch(app)
    assert app.title[0].value == "Upload & mapping"  # the same words in Dutch
    assert app.caption[0].value.startswith("Sleep de export die je al hebt hierheen")
    assert app.button(key="upload_sample").label == "Probeer de voorbeeldgegevens"
    assert [s.value for s in app.main.subheader] == [
        "Wat we erin vonden",
        "Tabbladen en kolommen",
        "Datakwaliteit",
    ]
    assert {m.label for m in app.metric} == {
        "Rijen gelezen",
        "Rijen gebruikt",
        "Rijen apart gezet",
        "Tabellen gevonden",
    }
    assert [tab.label for tab in app.tabs] == [
        "Kwaliteitsrapport",
        "Apart gezette rijen",
        "Alle opmerkingen",
    ]
    role = app.selectbox(key="upload_role_0")
    assert role.label == "Gebruik dit tabblad als"
    assert role.value == "deals"  # the choice itself is the same in both languages
    assert {"Activiteiten", "Verkopers", "Niet gebruikt"} <= set(role.options)
    assert app.selectbox(key="upload_field_0_deals_amount").label == "Bedrag (verplicht)"
    assert app.selectbox(key="upload_field_0_deals_rep").label == "Verkoper"
    quality = table(app, "upload_quality")
    assert list(quality.columns[:3]) == ["Bestand", "Tabblad", "Gebruikt als"]
    assert "Activiteiten" in set(quality["Gebruikt als"])
    assert "Er is geen rij apart gezet" in app.success[0].value


def test_a_corrupt_file_says_why_in_dutch(app: AppTest) -> None:
    _dutch(app)
    app.file_uploader(key="upload_file").set_value(("x.xlsx", b"%PDF-1.4 junk", XLSX_MIME)).run()
    assert not app.exception
    assert [e.value for e in app.error] == [
        "x\\.xlsx is een pdf, geen spreadsheet\\. Exporteer het rapport naar Excel of CSV\\."
    ]
    assert app.info[0].value.startswith("Uit deze bestanden kon niets gelezen worden.")


def test_bad_rows_are_listed_in_dutch(app: AppTest) -> None:
    rows = [DEALS_HEADER, *DEALS_ROWS, ["Bob", "TBD", "Closed Won", "2026-01-10", "2026-01-01"]]
    _dutch(app)
    app.file_uploader(key="upload_file").set_value(("deals.csv", csv_bytes(rows), "text/csv"))
    app.run()
    assert not app.exception
    assert _metric(app, "Rijen gelezen") == "4"
    assert _metric(app, "Rijen apart gezet") == "1"
    aside = table(app, "upload_aside")
    assert aside["Reden"].tolist() == ["bedrag 'TBD' kon niet gelezen worden"]
    assert aside["Rij"].tolist() == [5]
    notes = app.main.markdown[-1].value
    assert "deals\\.csv\\: 1 rij\\(en\\) apart gezet\\: bedrag kon niet gelezen worden\\." in notes


def test_a_mapping_choice_stays_when_the_language_changes(app: AppTest) -> None:
    header = ["Owner", "Amount", "Discount", "Stage", "Close Date"]
    rows = [header, ["Anna", 1000, 10, "Won", "2026-01-05"]]
    app.file_uploader(key="upload_file").set_value(("d.xlsx", xlsx({"Deals": rows}), XLSX_MIME))
    app.run()
    app.selectbox(key="upload_field_0_deals_amount").set_value("Discount").run()
    _dutch(app)
    assert app.selectbox(key="upload_field_0_deals_amount").value == "Discount"
    assert "door jou gekozen" in " ".join(c.value for c in app.caption)
    assert app.metric[0].label == "Rijen gelezen"
    app.radio(key="ui_language").set_value("en").run()
    assert app.selectbox(key="upload_field_0_deals_amount").value == "Discount"
    assert _metric(app, "Rows read") == "1"


@pytest.mark.parametrize(
    "content", [b"not json", b"[1, 2]", b'{"sheets": [1]}', b'{"sheets": [{"columns": 3}]}']
)
def test_a_json_that_is_no_mapping_is_refused_and_nothing_breaks(
    app: AppTest, content: bytes
) -> None:
    open_page(app, "pages/upload.py")
    app.file_uploader(key="upload_mapping").set_value(("notes.json", content, "application/json"))
    app.run()
    assert not app.exception
    errors = [e.value for e in app.main.error]
    assert any(e.startswith("notes\\.json is not a mapping saved from Salescope") for e in errors)
    open_page(app, "pages/team_overview.py")  # every other page keeps working on the data
    assert not app.exception


def _shown(at: AppTest, key: str) -> pd.DataFrame:
    """Return a table as the page writes it (a styled table's display values)."""
    styler = at.main.get_by_key(key).dataframe[0].proto.arrow_data.styler
    return pa.ipc.open_stream(styler.display_values).read_pandas()


def test_counts_are_written_in_the_chosen_language(app: AppTest) -> None:
    # The sample's Deals sheet has 3,031 rows and its Activities sheet 24,988: the cards and
    # the quality table write them alike, with the language's digit grouping.
    app.switch_page("pages/upload.py").run()
    quality = _shown(app, "upload_quality")
    assert quality["Rows read"].tolist()[:2] == ["3,031", "24,988"]
    _dutch(app)
    quality = _shown(app, "upload_quality")
    assert quality["Rijen gelezen"].tolist()[:2] == ["3.031", "24.988"]
    assert quality["Rijen gebruikt"].tolist()[:2] == ["3.031", "24.988"]
    assert table(app, "upload_quality")["Rijen gelezen"].tolist()[:2] == [3031, 24988]  # numbers
    # every sheet of the sample: 3,031 + 24,988 + 3,917 + 102 + 899 + 108 + 12 + 11,369 + 8
    assert _metric(app, "Rijen gelezen") == "44.434"
