"""Property tests: the flow adds up to the cent for any pair of exports, and generated exports
(tests/exports.py) compared with a changed copy of themselves never break the comparison.

The expected start and end of the flow are worked out from each export on its own with plain
pandas (open deals with an expected close in the period, in cents), not from the moves.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from analysis.changes import sentences as W
from analysis.changes.compare import compare
from analysis.changes.flow import END, FLOW_PARTS, START
from analysis.changes.signals import findings, rep_moves
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec
from analysis.read.upload import read_files
from tests.export_files import Export
from tests.exports import exports, settled

FIRST, LAST = pd.Timestamp("2026-10-01"), pd.Timestamp("2026-12-31")
CLOSES = ["2026-08-20", "2026-10-01", "2026-11-15", "2026-12-31", "2027-01-01", None]
FIELDS = (S.REP, S.TEAM, S.STATUS, S.STAGE, S.AMOUNT, S.CLOSE_DATE)
deal = st.fixed_dictionaries(
    {
        S.REP: st.sampled_from(["Ann", "Bob", "Cas", None]),
        S.TEAM: st.sampled_from(["North", "South", None]),
        S.STATUS: st.sampled_from(["open", "open", "won", "lost"]),
        S.STAGE: st.sampled_from(["Prospecting", "Proposal", "Negotiation", "Odd", None]),
        S.AMOUNT: st.one_of(st.none(), st.decimals(-500, 10**7, places=2).map(float)),
        S.CLOSE_DATE: st.sampled_from(CLOSES).map(pd.Timestamp),
    }
)


def _export(ids: list[str | None], rows: list[dict], last: str) -> Dataset:
    deals = pd.DataFrame([{S.DEAL_ID: i, **r} for i, r in zip(ids, rows, strict=True)])
    deals = deals.reindex(columns=[S.DEAL_ID, *FIELDS])
    closed = deals[S.STATUS] != "open"  # closed before the export's last day
    deals.loc[closed, S.CLOSE_DATE] = pd.Timestamp("2026-09-10")
    marker = {S.DEAL_ID: None, S.STATUS: "won", S.CLOSE_DATE: pd.Timestamp(last), S.AMOUNT: 0.0}
    deals = pd.concat([deals, pd.DataFrame([marker])], ignore_index=True)
    deals[S.CREATED_DATE] = pd.Timestamp("2026-01-01")
    return Dataset({S.DEALS: deals}, pd.DataFrame(), [], [])


def _due_cents(data: Dataset, by: str | None) -> pd.Series:
    deals = data.tables[S.DEALS]
    due = (deals[S.STATUS] == "open") & deals[S.CLOSE_DATE].between(FIRST, LAST)
    cents = (pd.to_numeric(deals[S.AMOUNT]).fillna(0) * 100).round().astype("int64")[due]
    owner = deals[by].astype("string").fillna("?")[due] if by else pd.Series("", index=cents.index)
    return cents.groupby(owner).sum()


@settled(30)
@given(
    before=st.lists(deal, max_size=25),
    after=st.lists(deal, max_size=25),
    ids=st.lists(st.sampled_from(["A", "B", "C", "D", "E", "F", None]), min_size=50, max_size=50),
)
def test_the_flow_adds_up_to_the_cent(before: list[dict], after: list[dict], ids: list) -> None:
    one = _export(ids[: len(before)], before, "2026-09-23")
    two = _export(ids[25 : 25 + len(after)], after, "2026-09-30")
    ch = compare([one, two], PeriodSpec("quarter"))
    assert ch.period == "2026-Q4"
    for by, scope in ((None, "company"), ("team", "team"), ("rep", "rep")):
        flow = ch.flows[scope]
        flow = flow.assign(scope=flow["scope"].fillna("?"))
        if flow.empty:  # no rep or team has a deal
            assert not _due_cents(one, by).any()
            assert not _due_cents(two, by).any()
            continue
        wide = flow.pivot_table(index="scope", columns="part", values="cents", aggfunc="sum",
                                observed=True, fill_value=0)  # fmt: skip
        parts = [p for p in FLOW_PARTS if p in wide]
        assert (wide[START] + wide[parts].sum(axis=1) == wide[END]).all()
        for side, data in ((START, one), (END, two)):
            want = _due_cents(data, by)
            got = wide[side][wide[side] != 0]
            assert got.sort_index().to_dict() == want[want != 0].sort_index().to_dict()
    moved = ch.flows["company"].set_index("part")["cents"]
    assert moved.get("reassigned", 0) == 0
    for part, sign in (("new", 1), ("pulled_in", 1), ("pushed_out", -1), ("won", -1)):
        if part in moved:
            assert sign * moved[part] >= 0 or part in ("new", "won")  # negative amounts exist


def _changed_copy(data: Dataset) -> Dataset:
    """Return the export a week on: the last third of its deals gone, amounts up 10%, the rest
    pushed a month."""
    deals = data.tables[S.DEALS]
    keep = deals.iloc[: max(1, 2 * len(deals) // 3)].copy()
    keep[S.AMOUNT] = pd.to_numeric(keep[S.AMOUNT], errors="coerce") * 1.1
    keep[S.CLOSE_DATE] = pd.to_datetime(keep[S.CLOSE_DATE]) + pd.DateOffset(months=1)
    return Dataset({**data.tables, S.DEALS: keep}, data.set_aside, data.reports, data.notes)


@settled(10)
@given(export=exports(), grain=st.sampled_from(("quarter", "month")))
def test_every_generated_export_compares_with_a_changed_copy(export: Export, grain: str) -> None:
    data = read_files(list(export.files)).dataset()
    if S.DEALS not in data.tables:
        return
    ch = compare([_changed_copy(data), data], PeriodSpec(grain))
    company = ch.flows["company"].set_index("part")["cents"]
    assert company[START] + company.drop([START, END]).sum() == company[END]
    assert len(ch.moves) >= ch.matched
    assert np.isfinite(rep_moves(ch).select_dtypes("number").to_numpy(float)).all()
    currency = data.currency
    for lang in ("en", "nl"):
        said = [W.compared(ch), W.matched(ch), W.flow_line(ch, currency)]
        said += [W.finding(f, ch, currency) for f in findings(ch)]
        assert all(s.text(lang).strip() for s in said)
