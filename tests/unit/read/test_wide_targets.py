"""Wide target sheets (one column per month or quarter) unpivoted, with hand-worked sums."""

from __future__ import annotations

import datetime

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.kpis.query import kpi_value
from analysis.kpis.table import kpi_table
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec
from analysis.read.ingest import read_upload
from analysis.read.mapping import guess_mapping
from analysis.read.notes import field_name, message
from analysis.read.sheets import RawSheet
from analysis.read.upload import read_files
from analysis.read.wide_targets import unpivot, unpivot_wide_targets
from analysis.words.message import Say, text
from tests.builders import csv_bytes, xlsx
from tests.said import en

MONTHS_2024 = [
    f"{m} 2024"
    for m in ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
]
DUTCH = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def _sheet(name: str, rows: list[list[object]], file: str = "targets.xlsx") -> RawSheet:
    """The one sheet of a workbook holding these rows, as reading an upload gives it."""
    return read_upload(file, xlsx({name: rows}))[0]


def _targets(long: RawSheet) -> dict[tuple[str, str], float]:
    """{(who, period): target} of a long sheet; who is its first column ('' without one)."""
    who = long.frame.iloc[:, 0] if long.frame.shape[1] == 3 else pd.Series("", long.frame.index)
    return dict(
        zip(
            zip(who.astype(str), long.frame["Period"].astype(str), strict=True),
            long.frame["Target"],
            strict=True,
        )
    )


def _sum(targets: dict[tuple[str, str], float], who: str) -> float:
    return sum(v for (w, _), v in targets.items() if w == who)


# (sheet name, rows, who, rows of that one, their hand sum)
CASES = [
    pytest.param(
        "Targets",
        [["Rep", *MONTHS_2024], ["Anna", *[100 * m for m in range(1, 13)]], ["Bob", *[500] * 12]],
        "Anna",
        12,
        7800.0,  # 100 × (1 + 2 + … + 12) = 100 × 78
        id="monthly per rep",
    ),
    pytest.param(
        "Targets",
        [["Rep", *MONTHS_2024], ["Anna", *[100 * m for m in range(1, 13)]], ["Bob", *[500] * 12]],
        "Bob",
        12,
        6000.0,  # 12 × 500
        id="monthly per rep, the second rep",
    ),
    pytest.param(
        "Quota",
        [["Owner", *[f"2024-{m:02d}" for m in range(1, 13)]], ["Anna", *[250] * 12]],
        "Anna",
        12,
        3000.0,  # 12 × 250
        id="headers 2024-01 … 2024-12",
    ),
    pytest.param(
        "Quota 2025",
        [["Rep", "Q1", "Q2", "Q3", "Q4"], ["Anna", 10000, 12000, 14000, 16000]],
        "Anna",
        4,
        52000.0,  # 10,000 + 12,000 + 14,000 + 16,000
        id="Q1..Q4, year from the sheet name",
    ),
    pytest.param(
        "Targets",
        [["Rep", *[f"{m} (k€)" for m in MONTHS_2024[:3]]], ["Anna", 10, 20, 30.5]],
        "Anna",
        3,
        60500.0,  # (10 + 20 + 30.5) × 1,000
        id="thousands marker in the headers",
    ),
    pytest.param(
        "Doelen 2025 in duizenden",
        [["Verkoper", *DUTCH], ["Anna", *[5] * 12]],
        "Anna",
        12,
        60000.0,  # 12 × 5 × 1,000
        id="Dutch yearless months, year and thousands from the sheet name",
    ),
    pytest.param(
        "Targets",
        [["Rep", *MONTHS_2024[:3], "Total", "FY"], ["Anna", 100, 200, 300, 600, 600]],
        "Anna",
        3,
        600.0,  # 100 + 200 + 300; Total and FY left out
        id="Total and FY columns ignored",
    ),
    pytest.param(
        "Targets",
        [
            ["Rep", "Jan 2025", "Feb 2025", "Mar 2025", "Q1 2025", "Apr 2025", "YTD"],
            ["Anna", 100, 200, 300, 600, 400, 1000],
        ],
        "Anna",
        4,
        1000.0,  # 100 + 200 + 300 + 400; the Q1 subtotal and YTD left out
        id="a quarter subtotal beside months is a total",
    ),
    pytest.param(
        "Targets",
        [["januari 2025", "februari 2025", "maart 2025"], [1000, 2000, 3000]],
        "",
        3,
        6000.0,  # 1,000 + 2,000 + 3,000 for the whole company
        id="company-level single row, Dutch month names",
    ),
    pytest.param(
        "Sales targets",
        [["Team", "Jan-24", "Feb-24"], ["North", 7000, 8000], ["South", 1, 2]],
        "North",
        2,
        15000.0,  # 7,000 + 8,000
        id="per team, headers Jan-24",
    ),
    pytest.param(
        "Targets",
        [
            ["Targets 2024 (in thousands)"],
            [None],
            ["Rep", datetime.datetime(2024, 1, 1), datetime.datetime(2024, 4, 1)],
            ["Anna", 12, 15],
        ],
        "Anna",
        2,
        27000.0,  # (12 + 15) × 1,000: quarters, the dates being three months apart
        id="Excel dates as headers under a title",
    ),
]


@pytest.mark.parametrize(("name", "rows", "who", "n", "total"), CASES)
def test_wide_sheet_becomes_one_row_per_period(
    name: str, rows: list[list[object]], who: str, n: int, total: float
) -> None:
    long = unpivot(_sheet(name, rows))
    assert long is not None
    targets = _targets(long)
    assert len([k for k in targets if k[0] == who]) == n
    assert _sum(targets, who) == pytest.approx(total)
    mapping = guess_mapping(long.key, name, long.frame)
    assert mapping.table == S.TARGETS
    assert {S.PERIOD, S.TARGET} <= set(mapping.field_to_column())


@pytest.mark.parametrize(
    ("name", "rows", "period", "target"),
    [
        ("Quota 2025", [["Rep", "Q1", "Q2"], ["Anna", 1, 2]], "2025-Q2", 2.0),
        ("Targets", [["Rep", "Jan-24", "Feb-24"], ["Anna", 1, 2]], "2024-02", 2.0),
        ("Targets", [["Rep", "Q1 2024", "Q2 2024"], ["Anna", 1, 2]], "2024-Q2", 2.0),
        ("Doelen 2026", [["Naam", "januari", "februari"], ["Anna", 1, 2]], "2026-02", 2.0),
    ],
)
def test_the_period_of_each_column(
    name: str, rows: list[list[object]], period: str, target: float
) -> None:
    long = unpivot(_sheet(name, rows))
    assert long is not None
    assert _targets(long)[("Anna", period)] == target


def test_a_cell_that_is_not_a_number_is_set_aside_with_its_row() -> None:
    rows = [
        ["Rep", *MONTHS_2024[:3]],
        ["Anna", 100, 200, 300],  # Excel row 2
        ["Bob", 100, "tbd", 300],  # Excel row 3
        ["Cas", 100, "abc", 300],  # Excel row 4
    ]
    long = unpivot(_sheet("Targets", rows))
    assert long is not None
    aside = long.set_aside.set_index("_row")
    assert en(aside["_reason"]).to_dict() == {
        3: "target 'tbd' could not be read",
        4: "target 'abc' could not be read",
    }
    assert aside.loc[3, "Period"] == "2024-02"
    # Bob keeps January and March (200 + 100 ... by hand: 100 + 300 = 400).
    assert _sum(_targets(long), "Bob") == 400.0
    assert long.frame.loc[3, "Rep"].tolist() == ["Bob", "Bob"]  # index = Excel row


def test_a_blank_cell_is_no_target_not_zero() -> None:
    rows = [["Rep", *MONTHS_2024[:3]], ["Anna", 100, None, 300], ["Bob", 1, 2, 3]]
    long = unpivot(_sheet("Targets", rows))
    assert long is not None
    anna = {k: v for k, v in _targets(long).items() if k[0] == "Anna"}
    assert anna == {("Anna", "2024-01"): 100.0, ("Anna", "2024-03"): 300.0}
    assert long.set_aside.empty
    assert any("1 empty cell(s) mean no target" in note for note in en(long.notes))


@pytest.mark.parametrize(
    ("name", "rows", "says"),
    [
        (
            "Targets",
            [["Rep", *MONTHS_2024], ["Anna", *[1] * 12]],
            "Target amounts are used as written",
        ),
        (
            "Targets",
            [["Rep", *[f"{m} (k€)" for m in MONTHS_2024[:2]]], ["Anna", 1, 2]],
            "Target amounts are in thousands ('(k€)'): multiplied by 1,000.",
        ),
        (
            "Targets",
            [["Rep", *MONTHS_2024], ["Anna", *[1] * 12]],
            "one column per month (12 months, 2024-01 to 2024-12)",
        ),
        (
            "Quota 2025",
            [["Rep", "Q1", "Q2", "Q3", "Q4", "Totaal"], ["Anna", 1, 2, 3, 4, 10]],
            "Ignored the total column(s) 'Totaal'",
        ),
        (
            "Quota 2025",
            [["Rep", "Q1", "Q2"], ["Anna", 1, 2]],
            "The column headers name no year: 2025 was taken from 'Quota 2025'.",
        ),
    ],
)
def test_notes_say_what_was_done_and_which_unit(
    name: str, rows: list[list[object]], says: str
) -> None:
    long = unpivot(_sheet(name, rows))
    assert long is not None
    assert any(says in note for note in en(long.notes)), en(long.notes)


@pytest.mark.parametrize(
    ("name", "first_header", "target"),
    [
        ("Targets", "Jan 2024", 7.0),  # no marker: as written
        ("Targets", "Jan 2024 (k€)", 7000.0),
        ("Targets", "Jan 2024 (000)", 7000.0),
        ("Targets x 1000", "Jan 2024", 7000.0),
        ("Targets in thousands", "Jan 2024", 7000.0),
        ("Doelen in duizenden", "Jan 2024", 7000.0),
        ("Targets (in millions)", "Jan 2024", 7_000_000.0),
        ("Targets 2024", "Jan 2024", 7.0),  # a year is not a unit
    ],
)
def test_the_unit_is_taken_only_from_an_explicit_marker(
    name: str, first_header: str, target: float
) -> None:
    long = unpivot(_sheet(name, [["Rep", first_header, "Feb 2024"], ["Anna", 7, 8]]))
    assert long is not None
    assert _targets(long)[("Anna", "2024-01")] == target


@pytest.mark.parametrize(
    ("said", "english", "dutch"),
    [
        (
            message("note.wide_targets.thousands", marker="(k€)"),
            "Target amounts are in thousands ('(k€)'): multiplied by 1,000.",
            "De targetbedragen staan in duizenden ('(k€)'): vermenigvuldigd met 1.000.",
        ),
        (
            message("note.wide_targets.quarters", n=4, first="2025-Q1", last="2025-Q4"),
            "The targets had one column per quarter (4 quarters, 2025-Q1 to 2025-Q4); they were "
            "turned into one row per quarter.",
            "De targets stonden in één kolom per kwartaal (4 kwartalen, 2025-Q1 tot en met "
            "2025-Q4); ze zijn omgezet naar één rij per kwartaal.",
        ),
        (
            message("reason.unreadable", what=field_name(S.TARGETS, S.TARGET), value="tbd"),
            "target 'tbd' could not be read",
            "target 'tbd' kon niet gelezen worden",
        ),
    ],
)
def test_the_notes_in_dutch(said: Say, english: str, dutch: str) -> None:
    assert said.text("en") == english
    assert said.text("nl") == dutch


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        pytest.param(
            "Targets",
            [["Rep", "Period", "Target"], ["Anna", "2024-Q1", 100], ["Anna", "2024-Q2", 200]],
            id="a long targets sheet",
        ),
        pytest.param(
            "Deals",
            [
                ["Owner", "Amount", "Stage", "Created", "Closed"],
                ["Anna", 100, "Won", "2024-01-05", "2024-02-01"],
                ["Bob", 200, "Lost", "2024-02-05", "2024-03-01"],
            ],
            id="a deals sheet with two date columns",
        ),
        pytest.param(
            "Targets",
            [["Rep", "2019", "2020"], ["Anna", "good", "better"], ["Bob", "fine", "fine"]],
            id="year columns holding text",
        ),
        pytest.param(
            "Targets",
            [["Rep", "Jan 2024", "Feb 2024"], ["Anna", "high", "low"], ["Bob", "low", 3]],
            id="month columns holding words",
        ),
        pytest.param(
            "Revenue",
            [["Rep", *MONTHS_2024], ["Anna", *[1] * 12]],
            id="revenue per month, no word for targets",
        ),
        pytest.param(
            "Targets",
            [["Rep", *DUTCH], ["Anna", *[1] * 12]],
            id="months without a year anywhere",
        ),
        pytest.param(
            "Targets 2024 2025",
            [["Rep", *DUTCH], ["Anna", *[1] * 12]],
            id="months, two years in the sheet name",
        ),
        pytest.param(
            "Targets",
            [["Rep", "Mar 2024", "Jan 2024", "Feb 2024"], ["Anna", 1, 2, 3]],
            id="months out of order",
        ),
        pytest.param(
            "Targets",
            [["Rep", "Jan 2024"], ["Anna", 1]],
            id="one month only",
        ),
        pytest.param(
            "Targets",
            [["Rep", "Jan 2024", "Feb 2024", "Headcount"], ["Anna", 1, 2, 3]],
            id="a numeric column that is neither a period nor a name",
        ),
    ],
)
def test_other_sheets_are_left_as_they_are(name: str, rows: list[list[object]]) -> None:
    sheet = _sheet(name, rows)
    assert unpivot(sheet) is None
    assert unpivot_wide_targets(sheet) is sheet


DEALS = [
    ["Opportunity Owner", "Amount", "Stage", "Close Date", "Created Date"],
    ["Anna", 1000, "Closed Won", "2025-01-15", "2024-12-01"],
    ["Anna", 2000, "Closed Won", "2025-03-10", "2025-01-01"],
    ["Anna", 5000, "Closed Lost", "2025-02-15", "2025-01-01"],
    ["Anna", 4000, "Closed Won", "2025-04-15", "2025-02-01"],  # Q2
    ["Bob", 3000, "Closed Won", "2025-02-20", "2025-01-05"],
    ["Bob", 1000, "Closed Won", "2025-05-20", "2025-04-05"],  # Q2
]
WIDE = [
    ["Rep", *[f"{m} 2025" for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun")], "Total"],
    ["Anna", 1, 1, 2, 2, 2, 2, 10],  # in thousands: Q1 4,000, Q2 6,000
    ["Bob", 2, 2, "tbd", 1, 1, 1, 7],  # March unreadable: Q1 4,000 (Jan + Feb), Q2 3,000
]


def _upload() -> bytes:
    return xlsx({"Deals": DEALS, "Targets (k€)": WIDE})


def test_end_to_end_target_attainment_from_a_wide_sheet() -> None:
    upload = read_files([("export.xlsx", _upload())])
    assert upload.mappings["export.xlsx::Targets (k€)"].table == S.TARGETS
    data = upload.dataset()
    targets = data.tables[S.TARGETS]
    assert len(targets) == 11  # 12 cells, one set aside
    # Anna 1 + 1 + 2 + 2 + 2 + 2 = 10, Bob 2 + 2 + 1 + 1 + 1 = 7 (March set aside), × 1,000.
    assert targets["target"].sum() == 17000.0
    table = kpi_table(data, PeriodSpec("quarter"))
    # Anna Q1: won 1,000 + 2,000 = 3,000 against (1 + 1 + 2) × 1,000 = 4,000 → 75 %.
    assert kpi_value(table, "target_attainment", "2025-Q1", rep="Anna") == pytest.approx(0.75)
    # Bob Q1: won 3,000 against Jan + Feb = 4,000 (March set aside) → 75 %.
    assert kpi_value(table, "target_attainment", "2025-Q1", rep="Bob") == pytest.approx(0.75)
    # Anna Q2: won 4,000 against 6,000 → 66.7 %.
    assert kpi_value(table, "target_attainment", "2025-Q2", rep="Anna") == pytest.approx(4 / 6)
    aside = data.set_aside
    bad = aside[aside["Sheet"] == "Targets (k€)"]
    assert bad["Row"].tolist() == [3]  # Bob's line in the workbook
    assert en(bad["Reason"]).tolist() == ["target 'tbd' could not be read"]


def test_a_saved_mapping_of_the_long_form_applies_next_month() -> None:
    first = read_files([("export.xlsx", _upload())])
    saved = first.mapping_json()
    again = read_files([("export.xlsx", _upload())], saved_mapping=saved)
    mapping = again.mappings["export.xlsx::Targets (k€)"]
    assert mapping.table == S.TARGETS
    assert en(mapping.reason) == "saved mapping"
    assert again.dataset().tables[S.TARGETS]["target"].sum() == 17000.0  # as above


FAMILIES = [
    ["jan", "feb", "mrt", "apr"],
    ["Q1", "Q2", "Q3", "Q4"],
    ["Jan 2025", "Feb 2025", "Mar 2025", "Q1 2025"],
    ["2025-01", "2025-02", "2025-13", "2025-04"],
    ["2024-01-01 00:00:00", "2024-04-01 00:00:00", "2026-13-45", "2024-10-01 00:00:00"],
    ["45292", "45323", "45352", "45383"],
]
EXTRA = st.lists(st.sampled_from(["Team", "Total", "FY", "2019", "Headcount"]), max_size=2)
NAME = st.sampled_from([None, "Anna", "Bob", "Total", "12"])
CELL = st.one_of(
    st.integers(-1000, 100000).map(str),
    st.none(),
    st.sampled_from(["", "abc", "-5", "1.000,50", "12,500.00", "n/a", "Totaal", "Anna"]),
)


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(FAMILIES),
    st.integers(1, 4),
    EXTRA,
    st.lists(st.tuples(NAME, st.lists(CELL, min_size=6, max_size=6)), min_size=1, max_size=8),
)
def test_any_sheet_is_read_without_error_and_keeps_every_row(
    family: list[str], n: int, extra: list[str], rows: list[tuple[object, list[object]]]
) -> None:
    headers = list(dict.fromkeys(["Rep", *family[:n], *extra]))
    body = [[name, *cells[: len(headers) - 1]] for name, cells in rows]
    data = csv_bytes([headers, *body])
    upload = read_files([("targets 2025.csv", data)])
    data_set = upload.dataset()
    # Every row read is used or set aside, whether or not the sheet was unpivoted.
    for report in data_set.reports:
        if report.table != S.IGNORE:
            assert report.rows_read == report.rows_used + report.rows_set_aside
    assert len(data_set.set_aside) == data_set.rows_set_aside


# One row per rep and year, the months or quarters without a year: (sheet name, rows,
# {(who, period): target} expected; '-', '–' and blanks are no target, so not in the dict).
YEAR_COLUMN_CASES = [
    pytest.param(
        "Targets",
        [
            ["Year", "EmployeeID", "M01", "M02", "M03"],
            [2024, "E1", 1, 2, 3],
            [2025, "E1", 4, "-", 6],
        ],
        {
            ("E1", "2024-01"): 1.0,
            ("E1", "2024-02"): 2.0,
            ("E1", "2024-03"): 3.0,
            ("E1", "2025-01"): 4.0,
            ("E1", "2025-03"): 6.0,
        },
        id="Year and M01..M03, a dash is no target",
    ),
    pytest.param(
        "Doelen",
        [
            ["Jaar", "Verkoper", "jan", "feb", "mrt"],
            [2026, "Anna", 10, "–", None],
            [2026, "Bram", 5, 6, 7],  # columns left wholly empty would be dropped on reading
        ],
        {
            ("Anna", "2026-01"): 10.0,
            ("Bram", "2026-01"): 5.0,
            ("Bram", "2026-02"): 6.0,
            ("Bram", "2026-03"): 7.0,
        },
        id="Jaar and Dutch months, an en dash and a blank are no target",
    ),
    pytest.param(
        "Budget",
        [["Jahr", "Verkäufer", "Januar", "Februar", "März"], [2023, "Jonas", 7, 8, 9]],
        {("Jonas", "2023-01"): 7.0, ("Jonas", "2023-02"): 8.0, ("Jonas", "2023-03"): 9.0},
        id="Jahr and German months",
    ),
    pytest.param(
        "Quota",
        [["Année", "Commercial", "janvier", "février", "mars"], [2022, "Léa", 5, 6, 7]],
        {("Léa", "2022-01"): 5.0, ("Léa", "2022-02"): 6.0, ("Léa", "2022-03"): 7.0},
        id="Année and French months",
    ),
    pytest.param(
        "Targets",
        [["FY", "Team", "Q1", "Q2", "Q3", "Q4"], [2025, "North", 100, 200, 300, 400]],
        {
            ("North", "2025-Q1"): 100.0,
            ("North", "2025-Q2"): 200.0,
            ("North", "2025-Q3"): 300.0,
            ("North", "2025-Q4"): 400.0,
        },
        id="FY and Q1..Q4 per team",
    ),
    pytest.param(
        "Sales targets",
        [
            ["Rep", "Year", *[m[:3] for m in MONTHS_2024]],
            ["Anna", 2024, *[1] * 12],
            ["Anna", 2025, *[2] * 12],
        ],
        {
            **{("Anna", f"2024-{m:02d}"): 1.0 for m in range(1, 13)},
            **{("Anna", f"2025-{m:02d}"): 2.0 for m in range(1, 13)},
        },
        id="Jan..Dec, the year column after the rep",
    ),
]


@pytest.mark.parametrize(("name", "rows", "expected"), YEAR_COLUMN_CASES)
def test_the_year_of_each_row_comes_from_its_year_column(
    name: str, rows: list[list[object]], expected: dict[tuple[str, str], float]
) -> None:
    long = unpivot(_sheet(name, rows))
    assert long is not None
    assert _targets(long) == expected
    assert long.set_aside.empty
    assert guess_mapping(long.key, name, long.frame).table == S.TARGETS


def test_a_row_without_a_year_is_set_aside_with_its_reason() -> None:
    rows = [
        ["Year", "Rep", "M01", "M02"],
        [2024, "Anna", 1, 2],  # Excel row 2
        [None, "Bob", 3, 4],  # Excel row 3: no year, so no period for 3 and 4
    ]
    long = unpivot(_sheet("Targets", rows))
    assert long is not None
    assert _targets(long) == {("Anna", "2024-01"): 1.0, ("Anna", "2024-02"): 2.0}
    aside = long.set_aside.set_index("_row")
    assert en(aside["_reason"]).map(text).to_dict() == {
        3: "no year in the column 'Year', so the targets of this row have no period"
    }
    assert aside.loc[3, "_reason"].text("nl") == (
        "geen jaar in de kolom 'Year', dus de targets van deze rij hebben geen periode"
    )


def test_the_notes_of_a_year_column() -> None:
    rows = [["Year", "Rep", "M01", "M02"], [2024, "Anna", 1, "-"], [2025, "Anna", None, 4]]
    long = unpivot(_sheet("Targets", rows))
    assert long is not None
    assert [note.text("en") for note in long.notes] == [
        # Reading made the '-' blank and said so; then the unpivot's own notes.
        "Read 1 cell(s) holding NULL, N/A, a dash or an Excel error as blank (e.g. '-').",
        # 2024-01, 2024-02, 2025-01, 2025-02: four months over both rows
        "The targets had one column per month (4 months, 2024-01 to 2025-02); they were turned "
        "into one row per month.",
        "The column headers name no year: each row's year was taken from its column 'Year'.",
        "Target amounts are used as written: the sheet does not say they are in thousands or "
        "millions.",
        "2 empty cell(s) mean no target for that period (not a target of 0).",  # '-' and blank
    ]
    assert long.notes[2].text("nl") == (
        "De kolomkoppen noemen geen jaar: het jaar van elke rij is overgenomen uit de kolom 'Year'."
    )


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        pytest.param(
            "Targets",
            [["Rep", "jan", "feb", "Year"], ["Anna", 1, 2, 3]],
            id="a Year column holding a total, not a year",
        ),
        pytest.param(
            "Targets",
            [["Jaar", "Rep", "M01", "M02"], ["2024", "Anna", 1, 2], ["soon", "Bob", 1, 2]],
            id="a year column holding a word",
        ),
        pytest.param(
            "Targets",
            [["Cohort", "Rep", "M01", "M02"], [2024, "Anna", 1, 2]],
            id="years under a header that is not a word for year",
        ),
    ],
)
def test_no_year_column_and_no_year_elsewhere_is_no_wide_sheet(
    name: str, rows: list[list[object]]
) -> None:
    assert unpivot(_sheet(name, rows)) is None


def test_a_year_column_beside_dated_months_is_ignored_as_a_total() -> None:
    rows = [["Year", "Rep", "Jan 2024", "Feb 2024"], [2024, "Anna", 1, 2]]
    long = unpivot(_sheet("Targets", rows))
    assert long is not None
    assert _targets(long) == {("Anna", "2024-01"): 1.0, ("Anna", "2024-02"): 2.0}


@pytest.mark.parametrize(
    ("header", "names"),
    [
        (
            ["Rep", datetime.datetime(2024, 1, 1), datetime.datetime(2024, 2, 1)],
            ["Rep", "2024-01-01", "2024-02-01"],
        ),
        (["Rep", 2019, 2020.5], ["Rep", "2019", "2020.5"]),
        (["Rep", None, "Total"], ["Rep", "Column 2", "Total"]),  # a blank header stays blank
    ],
)
def test_header_cells_that_are_dates_or_numbers_keep_their_value(
    header: list[object], names: list[str]
) -> None:
    sheet = _sheet("Sheet1", [header, ["Anna", 1, 2]])
    assert sheet.frame.columns.tolist() == names


def test_excel_dates_heading_the_first_row_are_months() -> None:
    rows = [
        ["Rep", datetime.datetime(2025, 1, 1), datetime.datetime(2025, 2, 1), "Total"],
        ["Anna", 10, 20, 30],
        ["Bob", 5, 5, 10],
    ]
    long = unpivot(_sheet("Targets", rows))
    assert long is not None
    # Anna 10 + 20 = 30, Bob 5 + 5 = 10; the Total column left out.
    assert _targets(long) == {
        ("Anna", "2025-01"): 10.0,
        ("Anna", "2025-02"): 20.0,
        ("Bob", "2025-01"): 5.0,
        ("Bob", "2025-02"): 5.0,
    }
