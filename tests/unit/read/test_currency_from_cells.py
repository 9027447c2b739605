"""The currency of the deals comes from the amount cells when the export has no currency column:
'€ 17.280,00' → EUR, '$1,200.00' → USD (issue 14, item 8)."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.read.upload import read_files
from tests.builders import dutch_amount, dutch_crm_xlsx, xlsx

DAY = dt.date(2026, 3, 1)


def _currency_of(*amounts: object) -> tuple[str | None, list[float]]:
    """The dataset's currency and amounts of a deals sheet with these amount cells."""
    rows = [["Owner", "Amount", "Stage", "Close Date"]]
    rows += [["Anna", amount, "Closed Won", DAY] for amount in amounts]
    upload = read_files([("deals.xlsx", xlsx({"Deals": rows}))])
    data = upload.dataset()
    return data.currency, data.tables["deals"]["amount"].tolist()


@pytest.mark.parametrize(
    ("cells", "currency", "amounts"),
    [
        (["€ 17.280,00", "€ 1.250,50"], "EUR", [17280.0, 1250.5]),
        (["$1,200.00", "$300"], "USD", [1200.0, 300.0]),
        (["EUR 300", "EUR 1.200"], "EUR", [300.0, 1200.0]),
        (["1.200 €", "45 €"], "EUR", [1200.0, 45.0]),
        (["£5,000", "£250.75"], "GBP", [5000.0, 250.75]),
        (["€ 100", 250], "EUR", [100.0, 250.0]),  # a plain number beside does not hide it
    ],
)
def test_currency_is_read_from_the_amount_cells(
    cells: list[object], currency: str, amounts: list[float]
) -> None:
    assert _currency_of(*cells) == (currency, amounts)


def test_plain_numbers_say_no_currency() -> None:
    assert _currency_of(1200, 300.5) == (None, [1200.0, 300.5])


def test_the_most_common_currency_wins_and_the_others_are_set_aside() -> None:
    rows = [["Owner", "Amount", "Stage", "Close Date"]]
    rows += [["Anna", a, "Closed Won", DAY] for a in ("€ 100", "€ 200", "$ 300")]
    data = read_files([("deals.xlsx", xlsx({"Deals": rows}))]).dataset()
    assert data.currency == "EUR"
    assert data.tables["deals"]["amount"].tolist() == [100.0, 200.0]
    assert data.rows_set_aside == 1


def test_a_currency_column_still_decides() -> None:
    rows = [["Owner", "Amount", "Currency", "Stage", "Close Date"]]
    rows += [["Anna", "€ 100", "USD", "Closed Won", DAY]]
    data = read_files([("deals.xlsx", xlsx({"Deals": rows}))]).dataset()
    assert data.currency == "USD"


def test_dutch_amount_is_written_as_a_dutch_crm_does() -> None:
    assert dutch_amount(17280.0) == "€ 17.280,00"
    assert dutch_amount(1234567.891) == "€ 1.234.567,89"
    assert dutch_amount(5.5) == "€ 5,50"


def test_dutch_crm_workbook_reads_in_euros() -> None:
    # The sample's first three deals, as in sample_data/salescope_sample.xlsx (Deals, rows 2-4):
    # 22,605.61 / 27,665.52 / 13,352.48 EUR, written '€ 22.605,61' and so on.
    data = read_files([("crm.xlsx", dutch_crm_xlsx(deals=3, targets=False))]).dataset()
    assert data.currency == "EUR"
    assert data.tables["deals"]["amount"].tolist() == [22605.61, 27665.52, 13352.48]
    assert data.tables["deals"]["rep"].tolist() == ["Anna de Vries", "Anna de Vries", "Emma Smit"]
    assert data.rows_set_aside == 0


def test_whole_dutch_crm_workbook_keeps_every_deal_and_target() -> None:
    data = read_files([("crm.xlsx", dutch_crm_xlsx())]).dataset()
    assert data.currency == "EUR"
    assert len(data.tables["deals"]) == 3031  # every deal of the sample
    assert len(data.tables["targets"]) == 102  # 12 reps × 8 quarters − Mila's 6 + 12 for 2026-Q4
    assert data.tables["targets"]["target"].iloc[0] == 430000.0  # '€ 430.000,00'
