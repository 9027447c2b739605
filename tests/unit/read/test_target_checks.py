"""Targets set beside the deals: thousands told from the revenue, targets of unknown reps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.kpis.query import kpi_value
from analysis.kpis.table import kpi_table, targets_of
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec
from analysis.read.notes import message
from analysis.read.upload import read_files
from tests.builders import xlsx
from tests.said import en

MONTH, QUARTER = PeriodSpec("month"), PeriodSpec("quarter")
HEAD = ["Opportunity Owner", "Amount", "Stage", "Close Date", "Created Date"]
THOUSANDS = "The targets look like thousands next to the revenue: multiplied by 1,000."
NO_REVENUE = (
    "Target amounts are used as written: the sheet does not say they are in thousands or "
    "millions, and there is too little won revenue in the same months to tell."
)
AS_WRITTEN = (
    "Target amounts are used as written: the sheet does not say they are in thousands or millions."
)


def _won(rep: str, amount: float, day: str) -> list[object]:
    return [rep, amount, "Closed Won", day, "2024-12-01"]


# January 2025: Anna 120,000, Bob 90,000, Cas 150,000 won.
JANUARY = [
    _won("Anna", 100_000, "2025-01-10"),
    _won("Anna", 20_000, "2025-01-20"),
    _won("Bob", 90_000, "2025-01-15"),
    _won("Cas", 150_000, "2025-01-25"),
    ["Cas", 999_000, "Closed Lost", "2025-01-26", "2024-12-01"],  # lost: no revenue
]


def _data(sheets: dict[str, list[list[object]]]) -> Dataset:
    """The dataset of one workbook holding these sheets, read as an upload."""
    return read_files([("export.xlsx", xlsx(sheets))]).dataset()


def _target(data: Dataset, spec: PeriodSpec, period: str, rep: str | None = None) -> float:
    """The target of a rep (or the company) in a period, as targets_of gives it."""
    found = targets_of(data, spec, period)
    rows = found[found["rep"] == rep] if rep else found[found["scope"] == "all"]
    assert len(rows) == 1
    return float(rows["target"].iloc[0])


def _notes(data: Dataset, sheet: str) -> list[str]:
    return en(next(r.notes for r in data.reports if r.sheet == sheet))


# (targets sheet name, its rows, deals, rep (None: company), month, target expected, note)
CASES = [
    pytest.param(
        "Targets",
        [["Rep", "Jan 2025", "Feb 2025"], ["Anna", 100, 110], ["Bob", 80, 90], ["Cas", 150, 160]],
        JANUARY,
        "Anna",
        "2025-01",
        100_000.0,
        THOUSANDS,
        # January, the month both cover: targets 80, 100, 150 (median 100), revenue 90,000,
        # 120,000, 150,000 (median 120,000): 1,200 times more, so thousands: 100 × 1,000.
        id="per rep, a thousand times smaller than the revenue",
    ),
    pytest.param(
        "Targets",
        [["Rep", "Jan 2025", "Feb 2025"], ["Anna", 100, 110], ["Bob", 80, 90], ["Cas", 150, 160]],
        JANUARY,
        None,
        "2025-02",
        360_000.0,  # (110 + 90 + 160) × 1,000: February, though no deal is in it
        THOUSANDS,
        id="per rep, the company target of a later month",
    ),
    pytest.param(
        "Targets",
        [["Rep", "Jan 2025", "Feb 2025"], ["Anna", 800, 900], ["Bob", 700, 700], ["Cas", 900, 1]],
        [
            _won("Anna", 700, "2025-01-10"),
            _won("Bob", 650, "2025-01-15"),
            _won("Cas", 900, "2025-01-25"),
        ],
        "Anna",
        "2025-01",
        800.0,  # targets 700, 800, 900 (median 800), revenue 650, 700, 900 (median 700): 0.875
        AS_WRITTEN,
        id="a small business: targets of the size of the revenue stay as written",
    ),
    pytest.param(
        "Targets",
        [["Rep", "Jan 2025", "Feb 2025"], ["Anna", 2000, 1], ["Bob", 1800, 1], ["Cas", 3000, 1]],
        JANUARY,
        "Anna",
        "2025-01",
        2000.0,  # targets median 2,000 against revenue median 120,000: 60 times, under 100
        AS_WRITTEN,
        id="sixty times smaller is not clearly thousands",
    ),
    pytest.param(
        "Targets",
        [["Rep", "Jan 2026", "Feb 2026"], ["Anna", 100, 110], ["Bob", 80, 90], ["Cas", 150, 1]],
        JANUARY,
        "Anna",
        "2026-01",
        100.0,  # deals of 2025 only: nothing to compare 2026's targets with
        NO_REVENUE,
        id="no revenue in the targets' months",
    ),
    pytest.param(
        "Targets",
        [["Rep", "Jan 2025", "Feb 2025"], ["Anna", 100, 110]],
        [_won("Anna", 100_000, "2025-01-10")],
        "Anna",
        "2025-01",
        100.0,  # one rep in one month: one cell each, fewer than three
        NO_REVENUE,
        id="too few cells to tell",
    ),
    pytest.param(
        "Targets (k€)",
        [["Rep", "Jan 2025", "Feb 2025"], ["Anna", 0.1, 1], ["Bob", 0.08, 1], ["Cas", 0.15, 1]],
        JANUARY,
        "Anna",
        "2025-01",
        100.0,  # 0.1 k€ as the sheet says: the marker wins, though 100 against 120,000 is 1,200
        "Target amounts are in thousands ('(k€)'): multiplied by 1,000.",
        id="a stated unit wins",
    ),
    pytest.param(
        "Targets",
        [["Jan 2025", "Feb 2025", "Mar 2025"], [300, 300, 400]],
        [
            _won("Anna", 310_000, "2025-01-10"),
            _won("Bob", 280_000, "2025-02-15"),
            _won("Cas", 420_000, "2025-03-25"),
        ],
        None,
        "2025-03",
        400_000.0,  # company targets 300, 300, 400 (median 300), revenue median 310,000: 1,033
        THOUSANDS,
        id="company targets against the company's revenue per month",
    ),
    pytest.param(
        "Targets",
        [
            ["Rep", "Period", "Target"],
            ["Anna", "2025-01", 100],
            ["Bob", "2025-01", 80],
            ["Cas", "2025-01", 150],
        ],
        JANUARY,
        "Cas",
        "2025-01",
        150_000.0,  # as the first case: 1,200 times smaller, so 150 × 1,000
        THOUSANDS,
        id="a long targets sheet",
    ),
    pytest.param(
        "Targets",
        [
            ["Rep", "Period", "Target (k€)"],
            ["Anna", "2025-01", 100],
            ["Bob", "2025-01", 80],
            ["Cas", "2025-01", 150],
        ],
        [_won("Anna", 1_000, "2025-01-10")],
        "Cas",
        "2025-01",
        150_000.0,  # the header says k€: 150 × 1,000, with too little revenue to compare
        "Target amounts are in thousands ('(k€)'): multiplied by 1,000.",
        id="a long targets sheet whose header says k€",
    ),
    pytest.param(
        "Targets",
        [
            ["Rep", "Period", "Target"],
            ["Anna", "2025-Q1", 300],
            ["Bob", "2025-Q1", 240],
            ["Cas", "2025-Q1", 450],
        ],
        JANUARY,
        "Bob",
        "2025-02",
        80_000.0,  # a quarter's 240 is 80 a month: 80, 100, 150 against January as above
        THOUSANDS,
        id="quarterly targets spread over their months",
    ),
]


@pytest.mark.parametrize(("name", "rows", "deals", "rep", "month", "target", "note"), CASES)
def test_targets_in_thousands_are_told_from_the_revenue(
    name: str,
    rows: list[list[object]],
    deals: list[list[object]],
    rep: str | None,
    month: str,
    target: float,
    note: str,
) -> None:
    data = _data({"Deals": [HEAD, *deals], name: rows})
    assert _target(data, MONTH, month, rep) == target
    assert note in _notes(data, name)


def test_only_revenue_targets_are_multiplied() -> None:
    targets = [
        ["Rep", "Period", "Metric", "Target"],
        ["Anna", "2025-01", "Revenue", 100],
        ["Bob", "2025-01", "Revenue", 80],
        ["Cas", "2025-01", "Revenue", 150],
        ["Anna", "2025-01", "Deals won", 5],
    ]
    table = _data({"Deals": [HEAD, *JANUARY], "Targets": targets}).tables["targets"]
    got = dict(zip(table["metric"] + " " + table["rep"], table["target"], strict=True))
    # Revenue 80, 100, 150 against 90,000, 120,000, 150,000 as in the first case: × 1,000;
    # the count of deals is no amount and stays 5.
    assert got == {
        "Revenue Anna": 100_000.0,
        "Revenue Bob": 80_000.0,
        "Revenue Cas": 150_000.0,
        "Deals won Anna": 5.0,
    }


def test_the_unit_notes_in_dutch() -> None:
    assert message("note.target_units.thousands").text("en") == THOUSANDS
    assert message("note.target_units.thousands").text("nl") == (
        "De targets lijken naast de omzet in duizenden te staan: vermenigvuldigd met 1.000."
    )
    assert message("note.target_units.no_revenue").text("en") == NO_REVENUE
    assert (
        message("note.target_units.no_revenue")
        .text("nl")
        .startswith("De targetbedragen zijn gebruikt zoals")
    )


def test_the_note_replaces_used_as_written() -> None:
    wide = [["Rep", "Jan 2025", "Feb 2025"], ["Anna", 100, 1], ["Bob", 80, 1], ["Cas", 150, 1]]
    notes = _notes(_data({"Deals": [HEAD, *JANUARY], "Targets": wide}), "Targets")
    assert THOUSANDS in notes
    assert AS_WRITTEN not in notes


def test_attainment_uses_the_multiplied_targets() -> None:
    wide = [["Rep", "Jan 2025", "Feb 2025"], ["Anna", 100, 1], ["Bob", 80, 1], ["Cas", 150, 1]]
    table = kpi_table(_data({"Deals": [HEAD, *JANUARY], "Targets": wide}), MONTH)
    # Anna: 120,000 won against 100 × 1,000 = 100,000 → 120 %.
    assert kpi_value(table, "target_attainment", "2025-01", rep="Anna") == pytest.approx(1.2)
    # Company: 360,000 won against (100 + 80 + 150) × 1,000 = 330,000.
    assert kpi_value(table, "target_attainment", "2025-01") == pytest.approx(360 / 330)


# Targets keyed by ids that name no rep of the deals (a national id against a name).
UNMATCHED = [
    ["Rep", "Period", "Target"],
    ["61161660", "2025-Q1", 3000],
    ["90836195", "2025-Q1", 4000],
    ["90836195", "2025-Q2", 500],
]


def test_targets_of_unknown_reps_add_up_to_the_company_target() -> None:
    data = _data({"Deals": [HEAD, *JANUARY], "Targets": UNMATCHED})
    # Q1: 3,000 + 4,000 = 7,000 (too few cells to compare with the revenue: as written).
    assert _target(data, QUARTER, "2025-Q1") == 7000.0
    assert _target(data, QUARTER, "2025-Q2") == 500.0
    table = kpi_table(data, QUARTER)
    assert kpi_value(table, "target", "2025-Q1") == 7000.0
    # Company attainment: 360,000 won (Anna 120,000 + Bob 90,000 + Cas 150,000) / 7,000.
    assert kpi_value(table, "target_attainment", "2025-Q1") == pytest.approx(360_000 / 7000)
    assert kpi_value(table, "target", "2025-Q1", rep="Anna") is None
    assert en(data.notes)[-1] == (
        "None of the 2 people in the targets ('61161660', '90836195') appear in the deals, so "
        "their targets could not be matched to reps: they only count towards the company target."
    )


def test_targets_of_unknown_reps_add_up_to_their_team_target() -> None:
    head = [*HEAD, "Team"]
    deals = [
        [*_won("Anna", 1000, "2025-01-10"), "North"],
        [*_won("Bob", 2000, "2025-02-10"), "South"],
    ]
    targets = [
        ["Rep", "Team", "Period", "Target"],
        ["E1", "North", "2025-Q1", 3000],
        ["E2", "North", "2025-Q1", 4000],
        ["E3", "South", "2025-Q1", 1000],
    ]
    data = _data({"Deals": [head, *deals], "Targets": targets})
    found = targets_of(data, QUARTER, "2025-Q1")
    teams = found[found["scope"] == "team"].set_index("team")["target"].to_dict()
    assert teams == {"North": 7000.0, "South": 1000.0}  # 3,000 + 4,000; 1,000
    assert _target(data, QUARTER, "2025-Q1") == 8000.0  # 7,000 + 1,000
    assert "their team's target and the company target" in data.notes[-1].text("en")
    nl = data.notes[-1].text("nl")
    assert nl.startswith("Geen van de 3 personen in de targets ('E1', 'E2', 'E3') komt voor")


def test_no_note_when_some_target_reps_sell() -> None:
    targets = [
        ["Rep", "Period", "Target"],
        ["61161660", "2025-Q1", 30_000],
        ["Anna", "2025-Q1", 90_000],
    ]
    data = _data({"Deals": [HEAD, *JANUARY], "Targets": targets})
    assert not any("could not be matched to reps" in note for note in en(data.notes))
    assert _target(data, QUARTER, "2025-Q1") == 120_000.0  # 30,000 + 90,000


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["Anna", "Bob", "E1"]), st.integers(1, 6), st.integers(0, 10**6)),
        max_size=12,
    ),
    st.lists(
        st.tuples(
            st.sampled_from(["Anna", "Bob", "Cas"]),
            st.integers(1, 6),
            st.integers(-100, 10**6),
            st.sampled_from(["Closed Won", "Closed Lost", "Open"]),
        ),
        max_size=12,
    ),
)
def test_any_targets_are_kept_or_multiplied_by_a_thousand_as_a_whole(
    targets: list[tuple[str, int, int]], deals: list[tuple[str, int, int, str]]
) -> None:
    rows = [["Rep", "Period", "Target"], *[[r, f"2025-{m:02d}", v] for r, m, v in targets]]
    sales = [[r, a, s, f"2025-{m:02d}-15", "2025-01-01"] for r, m, a, s in deals]
    data = _data({"Deals": [HEAD, *sales], "Targets": rows})
    read = data.tables.get("targets")
    if read is None or read.empty:
        return
    written = [float(v) for _, _, v in targets]
    # Every target of the sheet is as written, or every one is 1,000 times that.
    assert read["target"].tolist() in (written, [v * 1000 for v in written])
