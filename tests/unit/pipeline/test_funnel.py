"""The funnel: stage order and deals reaching each stage, against counts worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.model import schema as S
from analysis.model.periods import PeriodSpec
from analysis.pipeline.funnel import (
    HISTORY_NOTE,
    WON_STAGE,
    conversion,
    funnel_of,
    funnel_order,
    funnel_table,
    method_note,
    rep_reached,
    stage_order,
)
from tests.tables import dataset, frame, text

QUARTER = PeriodSpec("quarter")


def stages(*names: str, probability: list[float] | None = None) -> pd.DataFrame:
    out = pd.DataFrame({S.STAGE: text(list(names))})
    if probability is not None:
        out[S.PROBABILITY] = probability
    return out


@pytest.mark.parametrize(
    ("deals", "expected", "unplaced"),
    [
        # Salesforce's stages, in the shuffled order an export lists them; closed ones drop out
        (
            stages("Negotiation/Review", "Closed Won", "Prospecting", "Proposal/Price Quote"),
            ("Prospecting", "Proposal/Price Quote", "Negotiation/Review"),
            (),
        ),
        # HubSpot's internal names and Dutch names
        (
            stages("contractsent", "appointmentscheduled", "qualifiedtobuy", "closedlost"),
            ("appointmentscheduled", "qualifiedtobuy", "contractsent"),
            (),
        ),
        (
            stages("Onderhandeling", "Offerte verstuurd", "Kwalificatie", "Gewonnen"),
            ("Kwalificatie", "Offerte verstuurd", "Onderhandeling"),
            (),
        ),
        # numbered stages keep their numbers' order, whatever the names say
        (
            stages("3. Negotiation", "1. Proposal", "2. Lead"),
            ("1. Proposal", "2. Lead", "3. Negotiation"),
            (),
        ),
        # a stage the vocabulary does not know goes last, A to Z
        (
            stages("Zeta", "Proposal", "Alpha", "Lead"),
            ("Lead", "Proposal", "Alpha", "Zeta"),
            ("Alpha", "Zeta"),
        ),
        # … unless its deals carry a probability: 50% sits between a demo (40) and a proposal (70)
        (
            stages("Proposal", "Tech review", "Demo", probability=[70.0, 50.0, 40.0]),
            ("Demo", "Tech review", "Proposal"),
            (),
        ),
        # probabilities written as fractions are read as percentages
        (
            stages("Tech review", "Proposal", probability=[0.9, 0.7]),
            ("Proposal", "Tech review"),
            (),
        ),
    ],
)
def test_stage_order(
    deals: pd.DataFrame, expected: tuple[str, ...], unplaced: tuple[str, ...]
) -> None:
    order = stage_order(deals)
    assert order.stages == expected
    assert order.unplaced == unplaced
    if unplaced:
        assert all(name in order.note.text() for name in unplaced)


@pytest.mark.parametrize(
    "deals",
    [pd.DataFrame({S.AMOUNT: [1.0]}), stages("Closed Won", "Closed Lost"), stages(None, None)],
    ids=["no stage column", "only closed stages", "blank stages"],
)
def test_no_funnel_without_open_stages(deals: pd.DataFrame) -> None:
    order = stage_order(deals)
    assert order.stages == ()
    assert order.note.text()
    assert funnel_table(dataset(deals=deals.assign(rep="Anna")), QUARTER).empty


# Anna and Bob in North, Cas in South. Stage order: Lead < Demo < Proposal, then Won.
DEALS = frame(
    "rep team stage status created_date close_date",
    [
        ("Anna", "North", "Lead", "open", "2026-01-05", "2026-06-30"),  # reached Lead
        ("Anna", "North", "Proposal", "open", "2026-01-06", "2026-06-30"),  # Lead, Demo, Proposal
        ("Anna", "North", "Closed Won", "won", "2026-01-07", "2026-02-01"),  # every step
        ("Anna", "North", "Closed Lost", "lost", "2026-02-07", "2026-03-01"),  # Lead only
        ("Anna", "North", "Demo", "lost", "2026-02-08", "2026-03-02"),  # lost at Demo: Lead, Demo
        ("Anna", "North", "Demo", "open", "2026-04-02", "2026-06-30"),  # created in Q2
        ("Bob", "North", "Closed Won", "won", "2026-03-01", "2026-03-20"),  # every step
        ("Cas", "South", "Lead", "open", "2026-02-01", "2026-06-30"),
    ],
    dates=(S.CREATED_DATE, S.CLOSE_DATE),
)
# reached per step, Q1:  Lead   Demo   Proposal   Won
#   Anna (5 deals)        5      3        2        1
#   Bob  (1)              1      1        1        1
#   North = Anna + Bob    6      4        3        2
#   company = + Cas (1)   7      4        3        2
FUNNEL_CASES = [
    ("Anna", None, ["2026-Q1"], [5, 3, 2, 1]),
    ("Bob", None, ["2026-Q1"], [1, 1, 1, 1]),
    (None, "North", ["2026-Q1"], [6, 4, 3, 2]),
    (None, None, ["2026-Q1"], [7, 4, 3, 2]),
    ("Anna", None, ["2026-Q2"], [1, 1, 0, 0]),  # the open Demo deal created in April
    ("Anna", None, ["2026-Q1", "2026-Q2"], [6, 4, 2, 1]),  # both quarters added up
]


@pytest.mark.parametrize(("rep", "team", "periods", "reached"), FUNNEL_CASES)
def test_funnel_reached(
    rep: str | None, team: str | None, periods: list[str], reached: list[int]
) -> None:
    funnel = funnel_of(funnel_table(dataset(deals=DEALS), QUARTER), periods, rep, team)
    assert funnel["stage"].tolist() == ["Lead", "Demo", "Proposal", WON_STAGE]
    assert funnel["reached"].tolist() == reached


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        (["2026-Q1"], {"Anna": [5, 3, 2, 1], "Bob": [1, 1, 1, 1], "Cas": [1, 0, 0, 0]}),
        (["2026-Q2"], {"Anna": [1, 1, 0, 0]}),  # only Anna has a deal created in April
        (["2026-Q1", "2026-Q2"], {"Anna": [6, 4, 2, 1], "Bob": [1, 1, 1, 1], "Cas": [1, 0, 0, 0]}),
        (["2019-Q1"], {}),
    ],
)
def test_every_reps_funnel_at_once(periods: list[str], expected: dict[str, list[int]]) -> None:
    # the table above, every rep in one pass (the JSON's reps[].funnel)
    reached = rep_reached(funnel_table(dataset(deals=DEALS), QUARTER), periods)
    assert {rep: steps.tolist() for rep, steps in reached.items()} == expected


def test_conversion_of_every_rep_at_once() -> None:
    # Anna 5 → 3 → 2 → 1: 3/5, 2/3, 1/2; Cas 1 → 0: 0, then nobody reached Demo: NaN
    out = conversion(np.array([[5, 3, 2, 1], [1, 0, 0, 0]]))
    assert out[0, :3].tolist() == pytest.approx([3 / 5, 2 / 3, 1 / 2])
    assert out[1, 0] == 0.0
    assert np.isnan(out[:, 3]).all()
    assert np.isnan(out[1, 1:]).all()


def test_stage_to_stage_conversion() -> None:
    # Anna in Q1: 3 of 5 reached Demo (60%), 2 of 3 Proposal, 1 of 2 won; none after Won
    funnel = funnel_of(funnel_table(dataset(deals=DEALS), QUARTER), ["2026-Q1"], "Anna")
    conversion = funnel["conversion"].tolist()
    assert conversion[:3] == pytest.approx([3 / 5, 2 / 3, 1 / 2])
    assert math.isnan(conversion[3])


def test_stopped_counts_each_deal_once() -> None:
    # Anna's Q1 deals stopped at: Lead 2 (open Lead, Closed Lost), Demo 1, Proposal 1, Won 1
    table = funnel_table(dataset(deals=DEALS), QUARTER)
    anna = table[(table["rep"] == "Anna") & (table["period"] == "2026-Q1")]
    assert anna["stopped"].tolist() == [2, 1, 1, 1]
    assert anna["stopped"].sum() == 5


def test_without_created_dates_deals_count_by_close_date() -> None:
    # The data ends with the last deal closed (20 March): open deals expected to close on
    # 30 June fall outside it, so Cas has no funnel at all.
    deals = DEALS.drop(columns=[S.CREATED_DATE])
    table = funnel_table(dataset(deals=deals), QUARTER)
    assert funnel_of(table, ["2026-Q1", "2026-Q2"], "Cas").empty
    # Anna, by close date, in Q1: won (1 Feb), Closed Lost (1 Mar), lost at Demo (2 Mar)
    assert funnel_of(table, ["2026-Q1"], "Anna")["reached"].tolist() == [3, 2, 1, 1]


def test_unknown_rep_or_period_gives_an_empty_funnel() -> None:
    table = funnel_table(dataset(deals=DEALS), QUARTER)
    assert funnel_of(table, ["2026-Q1"], "Nobody").empty
    assert funnel_of(table, ["2019-Q1"]).empty


def test_a_deal_without_created_date_counts_by_its_close_date() -> None:
    # Bob's won deal loses its created date: it still counts, in Q1 by its close (20 March)
    deals = DEALS.copy()
    deals.loc[6, S.CREATED_DATE] = pd.NaT
    table = funnel_table(dataset(deals=deals), QUARTER)
    assert funnel_of(table, ["2026-Q1"], "Bob")["reached"].tolist() == [1, 1, 1, 1]


# A stage history for DEALS with deal ids D1…D8 (D8, Cas's, missing from it: current stage).
IDS = [f"D{i}" for i in range(1, 9)]
HISTORY = frame(
    "deal_id stage changed_at",
    [
        ("D1", "Lead", "2026-01-05"),
        ("D2", "Lead", "2026-01-06"),
        ("D2", "Proposal", "2026-01-20"),  # skipped Demo: counts as having passed it
        ("D3", "Lead", "2026-01-07"),
        ("D3", "Closed Won", "2026-02-01"),
        ("D4", "Lead", "2026-02-07"),
        ("D4", "Demo", "2026-02-10"),
        ("D4", "Proposal", "2026-02-20"),  # 'Closed Lost' hid it: really lost after a proposal
        ("D4", "Closed Lost", "2026-03-01"),
        ("D5", "Lead", "2026-02-08"),
        ("D5", "Demo", "2026-02-12"),
        ("D6", "Lead", "2026-04-02"),
        ("D6", "Demo", "2026-04-09"),
        ("D7", "Closed Won", "2026-03-20"),
    ],
    dates=(S.CHANGED_AT,),
)
# reached per step, Q1 with the history:  Lead  Demo  Proposal  Won
#   Anna: D1 Lead, D2 Proposal, D3 Won, D4 Proposal (was Lead only), D5 Demo
#                                          5     4       3       1
#   company = Anna + Bob (Won) + Cas (Lead, no history)
#                                          7     5       4       2


def test_stage_history_shows_where_lost_deals_really_dropped_out() -> None:
    data = dataset(deals=DEALS.assign(deal_id=text(IDS)), stage_history=HISTORY)
    table = funnel_table(data, QUARTER)
    assert funnel_of(table, ["2026-Q1"], "Anna")["reached"].tolist() == [5, 4, 3, 1]
    assert funnel_of(table, ["2026-Q1"])["reached"].tolist() == [7, 5, 4, 2]
    conversion = funnel_of(table, ["2026-Q1"], "Anna")["conversion"].tolist()
    assert conversion[:3] == pytest.approx([4 / 5, 3 / 4, 1 / 3])
    assert method_note(data) == HISTORY_NOTE
    assert method_note(dataset(deals=DEALS)) != HISTORY_NOTE


def test_stages_only_in_the_history_join_the_order() -> None:
    # No deal sits in 'Demo' now, but the history shows deals went through it
    deals = DEALS[DEALS[S.STAGE] != "Demo"].assign(deal_id=lambda d: text(IDS[: len(d)]))
    data = dataset(deals=deals, stage_history=HISTORY)
    assert funnel_order(data).stages == ("Lead", "Demo", "Proposal")


def test_probabilities_place_stages_when_the_history_names_more_stages() -> None:
    # Regression: the history's stage names were grouped against the deals' probabilities
    # (5 names for 2 deals: "Grouper and axis must be same length"). By hand: 'Tech review'
    # (deal at 50 %) sits between Demo (40) and Proposal (70); 'Legal check', only in the
    # history and with no deal to carry a probability, goes last.
    deals = stages("Tech review", "Proposal", probability=[50.0, 70.0])
    deals[S.DEAL_ID] = text(["D1", "D2"])
    history = frame(
        "deal_id stage changed_at",
        [
            ("D1", "Demo", "2026-01-05"),
            ("D1", "Tech review", "2026-01-09"),
            ("D2", "Legal check", "2026-01-12"),
        ],
        dates=(S.CHANGED_AT,),
    )
    order = stage_order(deals, history)
    assert order.stages == ("Demo", "Tech review", "Proposal", "Legal check")
    assert order.unplaced == ("Legal check",)


def test_a_history_alone_orders_the_stages_of_deals_without_one() -> None:
    # Deals with a probability but no stage column: the history's names are placed by name.
    deals = pd.DataFrame({S.DEAL_ID: text(["D1"]), S.PROBABILITY: [30.0]})
    history = frame(
        "deal_id stage changed_at",
        [("D1", "Proposal", "2026-01-05"), ("D1", "Lead", "2026-01-02")],
        dates=(S.CHANGED_AT,),
    )
    assert stage_order(deals, history).stages == ("Lead", "Proposal")


def test_a_history_writing_stages_in_other_capitals_gives_the_same_funnel() -> None:
    # The same history as above with 'demo' and 'PROPOSAL ' for 'Demo' and 'Proposal': one
    # stage each, and every count as worked out by hand above (Anna 5 4 3 1, company 7 5 4 2).
    respelled = HISTORY.assign(
        stage=HISTORY[S.STAGE].replace({"Demo": "demo", "Proposal": "PROPOSAL "}).astype("string")
    )
    data = dataset(deals=DEALS.assign(deal_id=text(IDS)), stage_history=respelled)
    assert funnel_order(data).stages == ("Lead", "Demo", "Proposal")
    table = funnel_table(data, QUARTER)
    assert funnel_of(table, ["2026-Q1"], "Anna")["reached"].tolist() == [5, 4, 3, 1]
    assert funnel_of(table, ["2026-Q1"])["reached"].tolist() == [7, 5, 4, 2]
