"""The What changed page's lines and tables, on a pair of tiny exports worked out by hand.

The earlier export holds data up to 24 Mar 2026, the later one up to 31 Mar 2026, so both are
compared on the pipeline due in 2026-Q2 (1 Apr – 30 Jun):

    deal  rep   earlier                          later                            category
    D1    Anna  1000 Negotiation due 10 May      the same                         unchanged
    D2    Anna  2000 Proposal due 20 May         due 15 Jul (out of Q2)           pushed out
    D3    Bob    500 Negotiation due 30 Apr      won on 31 Mar                    won
    D4    Bob    800 Proposal due 1 Jun          600                              amount down
    D5    Anna   —                               300 Prospecting due 15 Jun       new

    due at the earlier export 1000 + 2000 + 500 + 800 = 4300
    + new 300 − pushed 2000 − won 500 − down 200     = 1900 due now (1000 + 600 + 300)
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.changes import views as V
from analysis.changes.compare import Changes, compare
from analysis.model.periods import PeriodSpec
from analysis.read.upload import read_files
from tests.builders import csv_bytes

HEAD = ["Deal ID", "Deal Name", "Account", "Owner", "Team", "Amount", "Stage", "Close Date",
        "Created Date"]  # fmt: skip
EARLIER = [
    HEAD,
    ["D1", "Alpha renewal", "Alpha", "Anna", "North", 1000, "Negotiation", "2026-05-10", "2026-01-05"],
    ["D2", "Beta new site", "Beta", "Anna", "North", 2000, "Proposal", "2026-05-20", "2026-02-01"],
    ["D3", "Gamma licences", "Gamma", "Bob", "South", 500, "Negotiation", "2026-04-30", "2026-02-10"],
    ["D4", "Delta upgrade", "Delta", "Bob", "South", 800, "Proposal", "2026-06-01", "2026-03-24"],
]  # fmt: skip
LATER = [
    HEAD,
    EARLIER[1],
    ["D2", "Beta new site", "Beta", "Anna", "North", 2000, "Proposal", "2026-07-15", "2026-02-01"],
    ["D3", "Gamma licences", "Gamma", "Bob", "South", 500, "Closed Won", "2026-03-31", "2026-02-10"],
    ["D4", "Delta upgrade", "Delta", "Bob", "South", 600, "Proposal", "2026-06-01", "2026-03-24"],
    ["D5", "Epsilon pilot", "Epsilon", "Anna", "North", 300, "Prospecting", "2026-06-15", "2026-03-28"],
]  # fmt: skip


def _export(name: str, rows: list[list[object]]):
    return read_files([(name, csv_bytes(rows))]).dataset()


@pytest.fixture(scope="module")
def changes() -> Changes:
    found = compare([_export("earlier.csv", EARLIER), _export("later.csv", LATER)],
                    PeriodSpec("quarter"))  # fmt: skip
    assert found is not None
    return found


def test_the_pair_is_compared_on_the_quarter_after_the_later_export(changes: Changes) -> None:
    assert (changes.before, changes.after) == (
        pd.Timestamp("2026-03-24"),
        pd.Timestamp("2026-03-31"),
    )
    assert changes.period == "2026-Q2"


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        # given as [earlier files..., yours]; the latest is "later", the one before "earlier"
        (["2026-03-24", "2026-03-31"], ["earlier", "later"]),
        (["2026-04-07", "2026-03-31"], ["later", "earlier"]),  # the "earlier" file is newer
        (["2026-03-17", "2026-03-24", "2026-03-31"], ["trend", "earlier", "later"]),
        (["2026-03-31", "2026-03-31"], ["earlier", "later"]),  # a tie keeps the given order
        ([None, "2026-03-31"], ["earlier", "later"]),  # no dates: oldest
    ],
)
def test_what_each_export_became(days: list[str | None], expected: list[str]) -> None:
    stamps = [pd.Timestamp(d) if d else None for d in days]
    assert V.roles(stamps) == expected


@pytest.mark.parametrize(
    ("lang", "role", "line"),
    [
        ("en", "earlier", "old.xlsx: data up to 24 Mar 2026, compared as the earlier export."),
        ("nl", "earlier", "old.xlsx: gegevens tot en met 24 mrt 2026, vergeleken als de eerdere export."),
        ("en", "later", "old.xlsx: data up to 24 Mar 2026, later than your export: compared as "
                        "the later export, yours as the earlier one."),
    ],
)  # fmt: skip
def test_the_line_of_an_earlier_export(lang: str, role: str, line: str) -> None:
    assert V.export_line("old.xlsx", pd.Timestamp("2026-03-24"), role).text(lang) == line


def test_your_own_export_is_named_only_when_it_is_not_the_later_one() -> None:
    day = pd.Timestamp("2026-03-31")
    assert V.main_line(day, "later") is None
    assert V.main_line(day, "earlier").text("en") == (
        "Your export (data up to 31 Mar 2026) is not the latest one: it is compared as the "
        "earlier export."
    )


def test_the_flow_of_the_company_and_of_one_rep(changes: Changes) -> None:
    company = V.scope_flow(changes, "company")
    assert V.flow_ends(company) == (430_000, 190_000)  # 4300 → 1900, in cents
    anna = V.scope_flow(changes, "rep", "Anna")
    # Anna: D1 1000 + D2 2000 due before; D1 1000 + D5 300 due now
    assert V.flow_ends(anna) == (300_000, 130_000)
    assert dict(zip(anna["part"].astype(str), anna["cents"], strict=True)) == {
        "start": 300_000, "new": 30_000, "pushed_out": -200_000, "end": 130_000,
    }  # fmt: skip
    assert V.scopes(changes, "rep") == ["Anna", "Bob"]
    assert V.scopes(changes, "team") == ["North", "South"]
    assert V.scope_name("rep", "Anna") == "Anna"
    assert V.scope_name("rep", None).text("nl") == "Deals zonder verkoper"
    assert V.scope_name("team", None).text("en") == "Deals without a team"


def test_the_moves_per_rep_in_english(changes: Changes) -> None:
    table = V.written(V.rep_table(changes, "EUR"), "en")
    assert list(table.columns) == ["Rep", "Team", "New", "Won", "Lost", "Pushed out",
                                   "Pulled in", "Amount up", "Amount down", "Stage back",
                                   "Gone"]  # fmt: skip
    anna, bob = table.to_dict("records")
    assert (anna["Rep"], anna["Team"], anna["New"], anna["Pushed out"]) == (
        "Anna", "North", "1 (€300)", "1 (€2k)",
    )  # fmt: skip
    assert anna["Won"] == anna["Amount down"] == "—"
    assert (bob["Won"], bob["Amount down"], bob["New"]) == ("1 (€500)", "1", "—")


def test_the_moves_per_rep_in_dutch(changes: Changes) -> None:
    table = V.written(V.rep_table(changes, "EUR"), "nl")
    assert list(table.columns)[:6] == ["Verkoper", "Team", "Nieuw", "Gewonnen", "Verloren",
                                       "Verschoven"]  # fmt: skip
    assert (
        table.loc[0, "Verschoven"] == "1 (€\u00a02k)"
    )  # a no-break space, as Dutch amounts have it


def test_the_categories_and_their_counts(changes: Changes) -> None:
    assert V.category_counts(changes) == [
        ("new", 1), ("won", 1), ("pushed_out", 1), ("amount_down", 1), ("unchanged", 1),
    ]  # fmt: skip
    assert V.category_option("pushed_out", 1).text("en") == "Pushed out of the period (1)"
    assert V.category_option("pushed_out", 1).text("nl") == "Uit de periode geschoven (1)"


@pytest.mark.parametrize(
    ("code", "columns", "row"),
    [
        ("pushed_out",
         ["Deal", "Account", "Rep", "Team", "Stage", "Amount", "Close date before", "Close date now"],
         ["Beta new site", "Beta", "Anna", "North", "Proposal", "€2,000", "20 May 2026", "15 Jul 2026"]),
        ("amount_down",
         ["Deal", "Account", "Rep", "Team", "Stage", "Amount before", "Amount now", "Close date"],
         ["Delta upgrade", "Delta", "Bob", "South", "Proposal", "€800", "€600", "1 Jun 2026"]),
        ("won",
         ["Deal", "Account", "Rep", "Team", "Stage before", "Stage now", "Amount",
          "Close date before", "Close date now"],
         ["Gamma licences", "Gamma", "Bob", "South", "Negotiation", "Closed Won", "€500",
          "30 Apr 2026", "31 Mar 2026"]),
        ("new",
         ["Deal", "Account", "Rep", "Team", "Stage", "Amount", "Close date"],
         ["Epsilon pilot", "Epsilon", "Anna", "North", "Prospecting", "€300", "15 Jun 2026"]),
    ],
)  # fmt: skip
def test_the_deals_of_a_category_show_what_changed(
    changes: Changes, code: str, columns: list[str], row: list[str]
) -> None:
    table = V.written(V.deals_table(changes, code, "EUR"), "en")
    assert list(table.columns) == columns
    assert table.iloc[0].tolist() == row


def test_the_deals_in_dutch(changes: Changes) -> None:
    table = V.written(V.deals_table(changes, "amount_down", "EUR"), "nl")
    assert list(table.columns)[-3:] == ["Bedrag eerst", "Bedrag nu", "Sluitdatum"]
    assert table.iloc[0].tolist()[-3:] == ["€\u00a0800", "€\u00a0600", "1 jun 2026"]


def test_the_download_is_named_after_the_later_day(changes: Changes) -> None:
    assert V.file_day(changes) == "2026-03-31"
