"""What is worth saying about the changes: each rep's moves, and the findings among them.

- **Pushed:** a rep's deals pushed out of the period (with how many were pushed in an earlier
  pair of exports too). A rep with `PUSH_PLAY` such deals, or two pushed again, gets the
  coaching play on qualifying close dates.
- **New pipeline:** the value of new deals, per week, against the usual week of the earlier
  pairs (their median) when there are more than two exports.
- **Backwards:** a rep's deals that went back a stage.
- **Cuts:** deals whose amount fell by at least `CUT_SHARE`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.changes.compare import Changes
from analysis.changes.moves import CATEGORIES

CUT_SHARE = 0.25  # an amount cut by a quarter or more is a big cut
PUSH_PLAY = 3  # deals pushed out of the period that earn a rep the close-date play
PUSH_AGAIN_PLAY = 2  # ... or this many pushed for the second time
MIN_PUSHED = 2  # deals pushed out before a rep's pushes are a finding
MIN_BACK = 2  # deals gone back a stage before a rep's are a finding
WEEK = 7


@dataclass(frozen=True)
class Finding:
    """One thing that changed worth a sentence: a code and its numbers."""

    code: str  # "pushed", "new_pipeline", "backwards" or "cut"
    rep: str | None
    count: int
    cents: int  # the money it is about: pushed, new, gone backwards, or cut away
    again: int = 0  # pushed: of them, pushed in an earlier pair too
    share: float | None = None  # new_pipeline: against the usual week; cut: share cut
    deal: str | None = None  # cut: the deal
    before_cents: int = 0  # cut: its amount before
    after_cents: int = 0  # cut: its amount now


def _cents(amount: pd.Series) -> np.ndarray:
    return np.round(pd.to_numeric(amount, errors="coerce").fillna(0).to_numpy(float) * 100).astype(
        np.int64
    )


def _cuts(moves: pd.DataFrame) -> pd.DataFrame:
    """Return the deals whose amount fell by at least CUT_SHARE, biggest cut first."""
    down = moves[moves["category"] == "amount_down"].copy()
    down["before_c"], down["after_c"] = _cents(down["amount_before"]), _cents(down["amount_after"])
    down["cut_c"] = down["before_c"] - down["after_c"]
    big = down[(down["before_c"] > 0) & (down["cut_c"] >= CUT_SHARE * down["before_c"])]
    return big.sort_values("cut_c", ascending=False)


def rep_moves(changes: Changes) -> pd.DataFrame:
    """Return one row per rep (the later owner): deals per category and the money moved.

    Columns: rep (None: deals without a rep), team (of the rep's first deal), one count per
    category, pushed_cents (due before), pushed_again, pulled_in_cents, new_cents (every new
    deal), won_cents, lost_cents, cut_count, cut_cents.
    """
    moves = changes.moves
    codes, reps = pd.factorize(moves["rep"], use_na_sentinel=False)
    width = len(reps)
    category = moves["category"].cat.codes.to_numpy(np.int64)
    counts = np.bincount(codes * len(CATEGORIES) + category, minlength=width * len(CATEGORIES))
    out = pd.DataFrame(counts.reshape(width, len(CATEGORIES)), columns=list(CATEGORIES))
    out.insert(0, "rep", pd.array(list(reps), dtype="string"))
    first = pd.Series(np.arange(len(moves))).groupby(codes).first()
    out.insert(1, "team", moves["team"].to_numpy(object)[first.reindex(range(width)).to_numpy()])

    def total(name: str, cents: np.ndarray, only: np.ndarray | None = None) -> np.ndarray:
        hit = category == CATEGORIES.index(name)
        hit = hit & only if only is not None else hit
        sums = np.bincount(codes[hit], weights=cents[hit].astype(float), minlength=width)
        return np.round(sums).astype(np.int64)

    amount_b, amount_a = _cents(moves["amount_before"]), _cents(moves["amount_after"])
    out["pushed_cents"] = total("pushed_out", moves["cents_before"].to_numpy(np.int64))
    again = moves["pushed_before"].to_numpy(bool)
    out["pushed_again"] = total("pushed_out", np.ones(len(moves), np.int64), again)
    out["pulled_in_cents"] = total("pulled_in", moves["cents_after"].to_numpy(np.int64))
    out["new_cents"] = total("new", amount_a)
    out["won_cents"] = total("won", amount_a)
    out["lost_cents"] = total("lost", amount_b)
    cuts = _cuts(moves)
    cut_rows = codes[moves.index.get_indexer(cuts.index)]
    out["cut_count"] = np.bincount(cut_rows, minlength=width).astype(np.int64)
    cut_sum = np.bincount(cut_rows, weights=cuts["cut_c"].to_numpy(float), minlength=width)
    out["cut_cents"] = np.round(cut_sum).astype(np.int64)
    return out


def usual_new(changes: Changes) -> tuple[int, float | None]:
    """Return the new pipeline of the last pair (cents) and its change against the usual week.

    The usual week is the median over the earlier pairs of new pipeline per 7 days; None
    with only two exports, or when the pairs' days are unknown or the usual week is zero.
    """
    trend = changes.trend
    last = trend.iloc[-1]
    earlier = trend.iloc[:-1]
    known = earlier["days"].notna() & (earlier["days"] > 0)
    if earlier.empty or not known.all() or pd.isna(last["days"]) or last["days"] <= 0:
        return int(last["new_cents"]), None
    usual = float(np.median(earlier["new_cents"] / earlier["days"] * WEEK))
    now = float(last["new_cents"]) / float(last["days"]) * WEEK
    return int(last["new_cents"]), (now / usual - 1) if usual > 0 else None


def findings(changes: Changes, limit: int = 3) -> list[Finding]:
    """Return what changed worth a sentence: new pipeline, then pushes, backwards, cuts.

    At most `limit` of each kind of rep finding, the most money first.
    """
    reps = rep_moves(changes)
    new_cents, share = usual_new(changes)
    out = [
        Finding(
            "new_pipeline", None, int(changes.trend.iloc[-1]["new_count"]), new_cents, share=share
        )
    ]
    pushed = reps[reps["pushed_out"] >= MIN_PUSHED].sort_values("pushed_cents", ascending=False)
    out += [
        Finding("pushed", r.rep, int(r.pushed_out), int(r.pushed_cents), again=int(r.pushed_again))
        for r in pushed.head(limit).itertuples()
    ]
    back = changes.moves[changes.moves["category"] == "stage_back"]
    back_cents = pd.Series(_cents(back["amount_after"]), index=back.index)
    by_rep = back_cents.groupby(back["rep"].fillna("")).agg(["size", "sum"])
    by_rep = by_rep[by_rep["size"] >= MIN_BACK].sort_values("sum", ascending=False)
    out += [
        Finding("backwards", rep or None, int(row["size"]), int(row["sum"]))
        for rep, row in by_rep.head(limit).iterrows()
    ]
    out += [
        Finding(
            "cut",
            r.rep if pd.notna(r.rep) else None,
            1,
            int(r.cut_c),
            share=r.cut_c / r.before_c,
            deal=r.deal if pd.notna(r.deal) else r.deal_id,
            before_cents=int(r.before_c),
            after_cents=int(r.after_c),
        )
        for r in _cuts(changes.moves).head(limit).itertuples()
    ]
    return out


def pushers(changes: Changes) -> dict[str, Finding]:
    """Return the reps who keep pushing deals out of the period, with their push finding."""
    reps = rep_moves(changes)
    keep = (reps["pushed_out"] >= PUSH_PLAY) | (reps["pushed_again"] >= PUSH_AGAIN_PLAY)
    return {
        r.rep: Finding(
            "pushed", r.rep, int(r.pushed_out), int(r.pushed_cents), again=int(r.pushed_again)
        )
        for r in reps[keep & reps["rep"].notna()].itertuples()
    }
