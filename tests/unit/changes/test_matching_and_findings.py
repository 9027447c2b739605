"""Matching without ids, several exports (pushed again, the usual week) and the findings' words."""

from __future__ import annotations

import pandas as pd

from analysis.changes import sentences as W
from analysis.changes.compare import compare
from analysis.changes.matching import match
from analysis.changes.signals import findings, pushers, rep_moves, usual_new
from analysis.changes.states import STATE_COLUMNS
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec
from tests.unit.changes.test_categories import COLUMNS, _export, _row

NOV, DEC, Y27, Y27B = "2026-11-15", "2026-12-10", "2027-02-15", "2027-03-20"


def _states(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["deal_id", "deal", "account", "created", "amount"])
    frame = frame.reindex(columns=STATE_COLUMNS)
    frame["created"] = pd.to_datetime(frame["created"])
    return frame.assign(status="open")


def test_without_ids_deals_match_on_account_name_and_created_day() -> None:
    before = _states(
        [
            (None, "Renewal", "Acme", "2026-03-01", 1.0),
            (None, "Renewal", "Acme", "2026-03-01", 2.0),  # same key: matched in turn
            (None, "New site", "Acme", "2026-03-02", 3.0),
            (None, "Upsell", None, "2026-03-02", 4.0),
        ]
    )  # no account: no key
    after = _states([(None, " renewal", "ACME ", "2026-03-01", 5.0),
                     (None, "Renewal", "Acme", "2026-03-01", 6.0),
                     (None, "New site", "Acme", "2026-03-05", 7.0)])  # fmt: skip
    got = match(before, after)
    assert got.by == "fields"
    both = got.pairs[got.pairs["side"] == "both"]
    assert sorted(zip(both["amount_b"], both["amount_a"], strict=True)) == [(1.0, 5.0), (2.0, 6.0)]
    assert (got.matched, got.unkeyed_before, got.unkeyed_after) == (2, 1, 0)
    assert sorted(got.pairs["side"]) == ["after", "before", "before", "both", "both"]


def test_ids_are_used_when_half_the_deals_of_both_exports_have_one() -> None:
    before = _states([("A1", "x", "a", "2026-01-01", 1.0), (None, "y", "b", "2026-01-01", 2.0)])
    after = _states([("A1", "x", "z", "2026-02-01", 1.0), (None, "y", "b", "2026-01-01", 2.0)])
    got = match(before, after)
    assert got.by == "id"  # 1 of 2 has an id on both sides
    assert (got.matched, got.unkeyed_before, got.unkeyed_after) == (1, 1, 1)


def _three() -> list:
    """Three weekly exports: Cas pushes D1 twice, D2 and D3 once; new pipeline each week."""

    def rows(close: dict[str, str], extra: list[tuple]) -> list[dict]:
        base = [_row(d, "Cas", "North", ("open", "Proposal", 1000.0 * (i + 1), c))
                for i, (d, c) in enumerate(close.items())]  # fmt: skip
        return base + [_row(d, "Ann", "North", ("open", "Proposal", a, NOV)) for d, a in extra]

    one = rows({"D1": NOV, "D2": NOV, "D3": DEC}, [])
    two = rows({"D1": DEC, "D2": NOV, "D3": DEC}, [("N1", 4000.0), ("N2", 6000.0)])
    three = rows({"D1": Y27, "D2": Y27, "D3": Y27B}, [("N1", 4000.0), ("N2", 6000.0),
                                                      ("N3", 2500.0)])  # fmt: skip
    return [_export(one, "2026-09-16"), _export(two, "2026-09-23"), _export(three, "2026-09-30")]


def test_a_deal_pushed_in_an_earlier_pair_counts_as_pushed_again() -> None:
    ch = compare(_three(), PeriodSpec("quarter"))
    pushed = ch.moves[ch.moves["category"] == "pushed_out"].set_index("deal_id")
    assert sorted(pushed.index) == ["D1", "D2", "D3"]
    assert pushed["pushed_before"].to_dict() == {"D1": True, "D2": False, "D3": False}
    cas = rep_moves(ch).set_index("rep").loc["Cas"]
    assert (cas["pushed_out"], cas["pushed_cents"], cas["pushed_again"]) == (3, 600000, 1)
    assert list(pushers(ch)) == ["Cas"]  # 3 pushed: the close-date play


def test_new_pipeline_is_measured_against_the_usual_week() -> None:
    ch = compare(_three(), PeriodSpec("quarter"))
    # week 1: N1 + N2 = 10,000 (+ the day-marker deal, 0); week 2: N3 = 2,500 → 75% below
    cents, share = usual_new(ch)
    assert cents == 250000
    assert share == -0.75
    said = [W.finding(f, ch, "EUR").text("en") for f in findings(ch)]
    assert said[0] == "€2.5k of new pipeline (2 deals), 75% below the usual week."
    assert said[1] == ("Cas pushed 3 deals worth €6k out of 2026-Q4; "
                       "1 of them for the second time.")  # fmt: skip
    dutch = W.finding(findings(ch)[1], ch, "EUR").text("nl")
    assert (
        dutch
        == "Cas schoof 3 deals ter waarde van €\u00a06k uit 2026-Q4; 1 daarvan voor de tweede keer."
    )


def test_two_exports_give_new_pipeline_without_a_usual_week() -> None:
    ch = compare(_three()[1:], PeriodSpec("quarter"))
    assert usual_new(ch) == (250000, None)
    assert W.finding(findings(ch)[0], ch, "EUR").text("en") == (
        "€2.5k of new pipeline since the earlier export (2 deals)."
    )
    assert W.compared(ch).text("en") == (
        "The export of 23 Sep 2026 compared with the export of 30 Sep 2026, 7 days later."
    )


def test_a_big_cut_and_deals_gone_back_are_findings() -> None:
    before = [
        _row("C1", "Ann", "North", ("open", "Negotiation", 80000.0, NOV)),
        _row("B1", "Bob", "South", ("open", "Negotiation", 1000.0, NOV)),
        _row("B2", "Bob", "South", ("open", "Proposal", 2000.0, NOV)),
    ]
    after = [_row("C1", "Ann", "North", ("open", "Negotiation", 50000.0, NOV)),
             _row("B1", "Bob", "South", ("open", "Proposal", 1000.0, NOV)),
             _row("B2", "Bob", "South", ("open", "Qualification", 2000.0, NOV))]  # fmt: skip
    ch = compare(
        [_export(before, "2026-09-23"), _export(after, "2026-09-30")], PeriodSpec("quarter")
    )
    said = {f.code: W.finding(f, ch, "EUR").text("en") for f in findings(ch)}
    assert said["cut"] == "Deal C1 (Ann) was cut from €80k to €50k, 38% less."
    assert said["backwards"] == "2 of Bob's deals went back a stage (€3k)."
    assert pushers(ch) == {}


def test_a_change_of_currency_is_reported_not_converted() -> None:
    before = [_row("C1", "Ann", "North", ("open", "Proposal", 100.0, NOV))]
    after = [_row("C1", "Ann", "North", ("open", "Proposal", 110.0, NOV))]
    one, two = _export(before, "2026-09-23"), _export(after, "2026-09-30")
    two.tables[S.DEALS][S.CURRENCY] = "USD"
    ch = compare([one, two], PeriodSpec("quarter"))
    assert ch.currency_changed
    assert ch.moves.set_index("deal_id").loc["C1", "category"] == "currency_changed"
    assert W.currency_note(ch).text("en").startswith("The exports are in different currencies (EUR")
    assert list(COLUMNS)  # the columns the exports were built with
