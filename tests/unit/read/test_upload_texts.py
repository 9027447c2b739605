"""What reading an upload says, written in Dutch when shown; English stays as it was written."""

from __future__ import annotations

import pytest

from analysis.model import schema as S
from analysis.read.ingest import read_upload
from analysis.read.notes import (
    field_label,
    field_name,
    field_names,
    message,
    table_about,
    table_label,
    table_name,
)
from analysis.read.sheets import IngestError
from analysis.read.upload import read_files
from analysis.words.catalogue import t
from analysis.words.message import Say, fmt
from tests.builders import DEALS_HEADER, DEALS_ROWS, encrypted_xlsx, xlsx

GOOD = xlsx({"Deals": [DEALS_HEADER, *DEALS_ROWS]})


AMOUNT = field_name(S.DEALS, S.AMOUNT)


@pytest.mark.parametrize(
    ("said", "english", "dutch"),
    [
        # files that cannot be read
        (
            message("error.pdf", name="x.xlsx"),
            "x.xlsx is a PDF, not a spreadsheet. Export the report as Excel or CSV.",
            "x.xlsx is een pdf, geen spreadsheet. Exporteer het rapport naar Excel of CSV.",
        ),
        (
            message("error.empty", name="empty.csv"),
            "empty.csv is empty (0 bytes).",
            "empty.csv is leeg (0 bytes).",
        ),
        (
            message("error.too_big", name="big.csv", n_mb=fmt("number", 1250), n_limit=200),
            "big.csv is 1,250 MB; the limit is 200 MB. Export a shorter period or fewer columns.",
            "big.csv is 1.250 MB; de grens is 200 MB. Exporteer een kortere periode of minder "
            "kolommen.",
        ),
        # a file name that reads like a sentence is still only the name
        (
            message("error.empty", name="is empty (0 bytes).csv"),
            "is empty (0 bytes).csv is empty (0 bytes).",
            "is empty (0 bytes).csv is leeg (0 bytes).",
        ),
        # why a row is set aside: field names in Dutch, the cell value as it was
        (
            message("reason.unreadable", what=AMOUNT, value="n/a"),
            "amount 'n/a' could not be read",
            "bedrag 'n/a' kon niet gelezen worden",
        ),
        (
            message("reason.unreadable", what=field_name(S.DEALS, S.CLOSE_DATE), value="gisteren"),
            "close date 'gisteren' could not be read",
            "sluitdatum 'gisteren' kon niet gelezen worden",
        ),
        (
            message("reason.missing", what=field_name(S.DEALS, S.REP)),
            "missing sales rep",
            "verkoper ontbreekt",
        ),
        (
            message("reason.negative", what=field_name(S.MARKET, S.MARKET_REVENUE)),
            "negative market revenue",
            "marktomzet is negatief",
        ),
        (
            message("reason.no_column", fields=field_names(S.ACTIVITIES, ["rep or rep_id"])),
            "the sheet has no column for rep or rep_id",
            "het tabblad heeft geen kolom voor verkoper of verkoper-ID",
        ),
        (
            message("reason.other_currency", currency="USD", main="EUR"),
            "amount in USD, most deals are in EUR: not added up",
            "bedrag in USD, de meeste deals zijn in EUR: niet opgeteld",
        ),
        # notes: counts written the Dutch way (English writes 1500 ungrouped, as before)
        (
            message("note.empty_rows", n=1500),
            "Skipped 1500 empty row(s).",
            "1.500 lege rij(en) overgeslagen.",
        ),
        (
            message("note.title_lines", n=2, row=3),
            "Skipped 2 title line(s) above the header (header found on row 3).",
            "2 titelregel(s) boven de kolomnamen overgeslagen (kolomnamen gevonden op rij 3).",
        ),
        # a sentence inside a sentence is written in the same language
        (
            message("note.nothing_used", reason=message("reason.missing", what=AMOUNT)),
            "Nothing used: missing amount.",
            "Niets gebruikt: bedrag ontbreekt.",
        ),
        (
            message(
                "note.column",
                column="Amount",
                note=message("note.unreadable_amounts_many", n=3, examples="'x', 'y', 'z'"),
            ),
            "Amount: 3 values could not be read as amounts (e.g. 'x', 'y', 'z').",
            "Amount: 3 waarden konden niet als bedrag gelezen worden (bijv. 'x', 'y', 'z').",
        ),
        (
            message("note.no_field", table=table_name(S.DEALS), what=field_name(S.DEALS, S.REP)),
            "Deals: no sales rep column, so figures per sales rep are not available; "
            "team and company totals still are.",
            "Deals: geen kolom verkoper, dus cijfers per verkoper zijn er niet; "
            "totalen per team en voor het bedrijf wel.",
        ),
        # text of the file or of a library inside a message stays as it is
        (
            message("error.sheet", sheet="Anna de Vries", name="x.xlsx", detail="Owner: oops"),
            "Sheet 'Anna de Vries' of x.xlsx could not be read: Owner: oops.",
            "Tabblad 'Anna de Vries' van x.xlsx kon niet gelezen worden: Owner: oops.",
        ),
    ],
)
def test_messages_in_english_and_dutch(said: Say, english: str, dutch: str) -> None:
    assert said.text("en") == english
    assert said.text("nl") == dutch


def test_a_sheet_that_is_no_sales_table_says_why_in_dutch() -> None:
    data = xlsx({"Notes": [["Colour", "Shape"], ["red", "round"], ["blue", "square"]]})
    upload = read_files([("notes.xlsx", data)])
    reason = upload.mappings[upload.sheets[0].key].reason
    assert reason is not None
    assert reason.text("en") == (
        "Not recognised as a sales table: as deals it lacks amount, close date; "
        "as activities it lacks sales rep, date; as leads it lacks created."
    )
    assert reason.text("nl") == (
        "Niet herkend als verkooptabel: voor deals ontbreekt bedrag, sluitdatum; "
        "voor activiteiten ontbreekt verkoper, datum; voor leads ontbreekt datum binnengekomen."
    )
    (note,) = upload.notes
    assert note.text("nl").startswith("Geen van de tabbladen is herkend als verkoopgegevens.")


@pytest.mark.parametrize(
    ("name", "data", "dutch"),
    [
        ("leeg.xlsx", b"", "leeg.xlsx is leeg (0 bytes)."),
        (
            "kapot.xlsx",
            GOOD[: len(GOOD) // 2],
            "kapot.xlsx lijkt een Excel-bestand, maar is beschadigd of niet helemaal overgekomen.",
        ),
        (
            "slot.xlsx",
            encrypted_xlsx(GOOD),
            "slot.xlsx is beveiligd met een wachtwoord. Open het in Excel, haal het wachtwoord "
            "weg (Bestand › Info › Werkmap beveiligen) en upload het opnieuw.",
        ),
        (
            "kop.xlsx",
            xlsx({"Deals": [DEALS_HEADER]}),
            "kop.xlsx heeft geen rijen met gegevens: het is leeg of heeft alleen kolomnamen.",
        ),
    ],
)
def test_a_file_that_cannot_be_read_says_why_in_dutch(name: str, data: bytes, dutch: str) -> None:
    with pytest.raises(IngestError) as info:
        read_upload(name, data)
    assert info.value.said is not None
    assert info.value.said.text("nl") == dutch
    assert str(info.value) == info.value.said.text("en")


def test_tables_and_fields_in_english_are_the_schema_labels() -> None:
    for name, table in S.TABLES.items():
        assert table_label(name).text("en") == table.label
        assert table_about(name).text("en") == table.description
        for field in table.fields:
            assert field_label(name, field.name).text("en") == field.label, (name, field.name)
    assert table_label(S.IGNORE).text("en") == "Not used"


@pytest.mark.parametrize(
    ("table", "field", "dutch"),
    [
        (S.DEALS, S.CLOSE_DATE, "Sluitdatum"),
        (S.DEALS, S.REP, "Verkoper"),
        (S.CUSTOMER_FEEDBACK, S.DATE, "Datum"),
        (S.EMPLOYEE_SURVEY, S.DATE, "Datum van het onderzoek"),  # this table's own label
    ],
)
def test_field_labels_in_dutch(table: str, field: str, dutch: str) -> None:
    assert field_label(table, field).text("nl") == dutch


def test_names_keep_their_case_in_dutch() -> None:
    missing = field_names(S.DEALS, ["close_date", "rep or rep_id"])
    assert missing.text("nl") == "sluitdatum, verkoper of verkoper-ID"
    assert missing.text("en") == "close_date, rep or rep_id"
    assert table_name(S.REPS).text("nl") == "Verkopers"
    assert table_name(S.REPS, lower=True).text("nl") == "verkopers"
    assert field_name(S.DEALS, S.CLOSE_DATE, raw=True).text("en") == "close_date"
    assert table_label(S.IGNORE).text("nl") == t("upload.not_used", "nl") == "Niet gebruikt"
