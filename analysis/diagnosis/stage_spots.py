"""The stage whose conversion is furthest below the team's: a rep's weak spot from stage data.

With stage data that keeps the stage a lost deal was lost in (as Pipedrive's exports do), the
stage whose conversion to the next is furthest below the team's is a weak spot too; each
stage's conversion is shrunk across reps like a win rate. A "Closed Lost" stage hides where
deals were lost, so then no stage is blamed (`stage_data_is_real`).
"""

from __future__ import annotations

import pandas as pd

from analysis.diagnosis.causes import periods_words
from analysis.diagnosis.gaps import MIN_SAMPLE
from analysis.diagnosis.shrinkage import shrink_rates
from analysis.diagnosis.weak_spots import MIN_CONFIDENCE, MIN_GAP, WeakSpot
from analysis.model import schema as S
from analysis.words.message import Say, fmt


def stage_data_is_real(deals: pd.DataFrame, stages: tuple[str, ...]) -> bool:
    """Return whether lost deals keep the stage they were lost in (most of them, at least)."""
    if S.STAGE not in deals or S.STATUS not in deals or not stages:
        return False
    lost = deals.loc[(deals[S.STATUS] == "lost").to_numpy(bool), S.STAGE].astype("string")
    return len(lost) > 0 and bool(lost.str.strip().isin(stages).mean() >= 0.5)


def stage_spots(
    funnel: pd.DataFrame,
    periods: list[str],
    skip: frozenset[str] = frozenset(),
) -> dict[str, WeakSpot]:
    """Return per rep the stage whose conversion to the next is furthest below the team's.

    `funnel` is `funnel.funnel_table` (deals created in the periods, by the furthest stage
    reached); each stage's conversion is shrunk across reps like a win rate. Only for exports
    whose lost deals keep their stage (`stage_data_is_real`).
    """
    rows = funnel[(funnel["scope"] == "rep") & funnel["period"].isin(periods)]
    if rows.empty:
        return {}
    reached = rows.pivot_table(
        index="rep", columns="step", values="reached", aggfunc="sum", observed=True
    ).fillna(0)
    names = dict(zip(rows["step"], rows["stage"].astype(str), strict=False))
    best: dict[str, WeakSpot] = {}
    behind: dict[str, float] = {}  # how far the best spot's shrunk conversion is below the team
    for step in reached.columns[:-1]:
        trials, success = reached[step].to_numpy(float), reached[step + 1].to_numpy(float)
        keep = trials >= MIN_SAMPLE["win_rate"]
        if keep.sum() < 2:
            continue
        shrunk, below = shrink_rates(success[keep], trials[keep])
        team = float(success[keep].sum() / trials[keep].sum())
        everyone = float(success.sum() / trials.sum())  # the team's conversion, as shown
        for rep, s, b, n, k in zip(
            reached.index[keep], shrunk, below, trials[keep], success[keep], strict=True
        ):
            rep = str(rep)
            if rep in skip or b < MIN_CONFIDENCE or team <= 0 or (team - s) / team < MIN_GAP:
                continue
            stage = names[step]
            evidence = Say(
                "diagnosis.spot.stage",
                share=fmt("percent", k / n),
                stage=stage,
                span=periods_words(periods),
                team=fmt("percent", everyone),
                n=fmt("number", n),
            )
            spot = WeakSpot("stage_conversion", k / n, float(s), everyone, float(b), int(n), None,
                            evidence, stage)  # fmt: skip
            if rep not in best or (team - s) > behind[rep]:
                best[rep], behind[rep] = spot, float(team - s)
    return best
