"""What reading an upload says, turned into Dutch when shown; English stays as it was written."""

from __future__ import annotations

import re

import pytest

from analysis.model import schema as S
from analysis.read.ingest import read_upload
from analysis.read.notes import field_label, names, table_about, table_label, translate
from analysis.read.sheets import IngestError
from analysis.read.upload import read_files
from analysis.words.catalogue import catalogue, t
from tests.builders import DEALS_HEADER, DEALS_ROWS, encrypted_xlsx, xlsx

GOOD = xlsx({"Deals": [DEALS_HEADER, *DEALS_ROWS]})


@pytest.mark.parametrize(
    ("english", "dutch"),
    [
        # files that cannot be read
        (
            "x.xlsx is a PDF, not a spreadsheet. Export the report as Excel or CSV.",
            "x.xlsx is een pdf, geen spreadsheet. Exporteer het rapport naar Excel of CSV.",
        ),
        ("empty.csv is empty (0 bytes).", "empty.csv is leeg (0 bytes)."),
        (
            "big.csv is 1,250 MB; the limit is 200 MB. Export a shorter period or fewer columns.",
            "big.csv is 1.250 MB; de grens is 200 MB. Exporteer een kortere periode of minder "
            "kolommen.",
        ),
        # a file name that reads like a sentence is still only the name
        (
            "is empty (0 bytes).csv is empty (0 bytes).",
            "is empty (0 bytes).csv is leeg (0 bytes).",
        ),
        # why a row is set aside: field names in Dutch, the cell value as it was
        ("amount 'n/a' could not be read", "bedrag 'n/a' kon niet gelezen worden"),
        (
            "close date 'gisteren' could not be read",
            "sluitdatum 'gisteren' kon niet gelezen worden",
        ),
        ("missing sales rep", "verkoper ontbreekt"),
        ("negative market revenue", "marktomzet is negatief"),
        (
            "the sheet has no column for rep or rep_id",
            "het tabblad heeft geen kolom voor verkoper of verkoper-ID",
        ),
        (
            "amount in USD, most deals are in EUR: not added up",
            "bedrag in USD, de meeste deals zijn in EUR: niet opgeteld",
        ),
        # notes: counts written the Dutch way (English writes 1500 ungrouped, as before)
        ("Skipped 1500 empty row(s).", "1.500 lege rij(en) overgeslagen."),
        (
            "Skipped 2 title line(s) above the header (header found on row 3).",
            "2 titelregel(s) boven de kolomnamen overgeslagen (kolomnamen gevonden op rij 3).",
        ),
        # a sentence inside a sentence is translated too
        ("Nothing used: missing amount.", "Niets gebruikt: bedrag ontbreekt."),
        (
            "Amount: 3 values could not be read as amounts (e.g. 'x', 'y', 'z').",
            "Amount: 3 waarden konden niet als bedrag gelezen worden (bijv. 'x', 'y', 'z').",
        ),
        (
            "Deals: no sales rep column, so figures per sales rep are not available; "
            "team and company totals still are.",
            "Deals: geen kolom verkoper, dus cijfers per verkoper zijn er niet; "
            "totalen per team en voor het bedrijf wel.",
        ),
        # text no template made stays as it is
        ("Anna de Vries", "Anna de Vries"),
        ("Owner: something only a library says.", "Owner: something only a library says."),
    ],
)
def test_translate_into_dutch(english: str, dutch: str) -> None:
    assert translate(english, "nl") == dutch
    assert translate(english, "en") is english


def test_a_sheet_that_is_no_sales_table_says_why_in_dutch() -> None:
    data = xlsx({"Notes": [["Colour", "Shape"], ["red", "round"], ["blue", "square"]]})
    upload = read_files([("notes.xlsx", data)])
    reason = upload.mappings[upload.sheets[0].key].reason
    assert reason == (
        "Not recognised as a sales table: as deals it lacks amount, close date; "
        "as activities it lacks sales rep, date; as leads it lacks created."
    )
    assert translate(reason, "nl") == (
        "Niet herkend als verkooptabel: voor deals ontbreekt bedrag, sluitdatum; "
        "voor activiteiten ontbreekt verkoper, datum; voor leads ontbreekt datum binnengekomen."
    )
    (note,) = upload.notes
    assert translate(note, "nl").startswith("Geen van de tabbladen is herkend als verkoopgegevens.")


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
    assert translate(str(info.value), "nl") == dutch


# A value for each kind of placeholder, in English and in Dutch.
SAMPLES = {
    "count": ("3", "3"),
    "name": ("amount", "bedrag"),
    "sentence": ("missing amount", "bedrag ontbreekt"),
    "other": ("Owner", "Owner"),
}


def _kind(placeholder: str) -> str:
    if placeholder == "n" or placeholder.startswith("n_"):
        return "count"
    if placeholder in ("table", "what", "field", "fields"):
        return "name"
    return "sentence" if placeholder in ("reason", "note", "reasons") else "other"


SAID = [["upload", area] for area in ("error", "reason", "note")]


def test_every_sentence_reading_writes_is_read_back_as_itself() -> None:
    # No template may be taken for another one: each, filled in, comes back as its own Dutch.
    said = [k for k in catalogue() if k.split(".")[:2] in SAID]
    assert len(said) > 60
    for key in said:
        fields = set(re.findall(r"{(\w+)}", catalogue()[key]["en"]))
        english = {f: SAMPLES[_kind(f)][0] for f in fields}
        dutch = {f: SAMPLES[_kind(f)][1] for f in fields}
        assert translate(t(key, "en", **english), "nl") == t(key, "nl", **dutch), key


def test_tables_and_fields_in_english_are_the_schema_labels() -> None:
    for name, table in S.TABLES.items():
        assert table_label(name) == table.label
        assert table_about(name) == table.description
        for field in table.fields:
            assert field_label(name, field.name) == field.label, (name, field.name)
    assert table_label(S.IGNORE) == "Not used"


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
    assert field_label(table, field, "nl") == dutch


def test_names_keep_their_case_in_dutch() -> None:
    assert names("close_date, rep or rep_id", "nl") == "sluitdatum, verkoper of verkoper-ID"
    assert names("Sales reps", "nl") == "Verkopers"
    assert names("close_date", "en") == "close_date"
    assert table_label(S.IGNORE, "nl") == t("upload.not_used", "nl") == "Niet gebruikt"
