"""What the Team overview shows, as tidy frames cut from the long KPI table.

The KPI table (see `kpis.kpi_table`) has one row per scope ("rep" / "team" / "all"), team,
rep, period and KPI, with the value and the sample size behind it. The functions here pick
the slices a page needs: cards for the current period, a trend, target attainment per rep,
and a leaderboard with recognition.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.kpis.query import REP, KpiTable
from analysis.kpis.registry import KPIS
from analysis.model.schema import ALL_TEAMS

CARDS = ["revenue", "target_attainment", "win_rate", "new_deals", "avg_deal_size", "cycle_days"]
BOARD = [
    "revenue",
    "target_attainment",
    "win_rate",
    "won_deals",
    "new_deals",
    "avg_deal_size",
    "activities",
    "nps",
    "lead_response_hours",
]
BOARD_MIN_N = 3  # a rep needs this many deals (or answers…) behind a value to be ranked


@dataclass(frozen=True)
class Change:
    """A KPI in the current period against the previous one, and whether that is good news."""

    key: str
    current: float | None
    previous: float | None
    delta: float | None
    good: bool | None


@dataclass(frozen=True)
class Recognition:
    """A rep worth naming in the meeting, and why."""

    rep: str
    kind: str  # "top" or "improved"
    value: float
    previous: float | None


def _scope(table: pd.DataFrame, team: str | None) -> pd.DataFrame:
    """Return the team rows of one team, or the company rows when team is None."""
    return KpiTable(table).of_team(team)


def _reps(table: pd.DataFrame, team: str | None) -> pd.DataFrame:
    return KpiTable(table).rows(REP, team=team)


def value_of(table: pd.DataFrame, key: str, period: str, team: str | None = None) -> float | None:
    """Return a team's (or the company's) KPI value in a period, or None when unknown."""
    return KpiTable(table).value(key, period, team=team)


def change(
    table: pd.DataFrame,
    key: str,
    current: str,
    previous: str | None,
    higher_is_better: bool,
    team: str | None = None,
) -> Change:
    """Return the KPI now, before, the difference and whether the move is good."""
    now = value_of(table, key, current, team)
    before = value_of(table, key, previous, team) if previous else None
    delta = None if now is None or before is None else now - before
    good = None if not delta else (delta > 0) == higher_is_better
    return Change(key, now, before, delta, good)


def trend_frame(
    table: pd.DataFrame,
    key: str,
    periods: list[str],
    team: str | None = None,
    highlight: str | None = None,
) -> pd.DataFrame:
    """Return period, series ("Team" or the rep) and value of a KPI over the given periods."""
    query = KpiTable(table)
    frames = [query.of_team(team, kpi=key, periods=periods).assign(series="Team")]
    if highlight:
        rep_rows = query.rows(REP, rep=highlight, kpi=key, periods=periods)
        frames.append(rep_rows.assign(series=highlight))
    out = pd.concat(frames, ignore_index=True)[["period", "series", "value"]]
    out = out.astype({"period": str, "series": str, "value": float})
    out = out.dropna(subset=["value"])
    order = {p: i for i, p in enumerate(periods)}
    return out.sort_values("period", key=lambda s: s.map(order)).reset_index(drop=True)


MEDIAN = "Median rep"  # the series of the team's middle rep in `rep_trend_frame`


def rep_trend_frame(
    table: pd.DataFrame, key: str, periods: list[str], rep: str, team: str | None = None
) -> pd.DataFrame:
    """Return period, series (the rep, or `MEDIAN`) and value of a KPI: one rep against the
    median of the reps of `team` (the rep's own team when None) with a value in each period.

    A rep's revenue set against the team's total is a flat line at zero; against the middle
    rep of the team it reads as 'above or below a usual rep'. The rep counts in the median.
    """
    query = KpiTable(table)
    own = query.rows(REP, rep=rep, kpi=key, periods=periods)
    if team in (None, ALL_TEAMS):
        known = own["team"].dropna()
        team = str(known.mode().iloc[0]) if len(known) else None
    peers = query.rows(REP, team=team, kpi=key, periods=periods).dropna(subset=["value"])
    median = peers.groupby("period", as_index=False)["value"].median().assign(series=MEDIAN)
    frames = [median, own.assign(series=rep)]
    out = pd.concat(frames, ignore_index=True)[["period", "series", "value"]]
    out = out.astype({"period": str, "series": str, "value": float}).dropna(subset=["value"])
    rank = out["period"].map({p: i for i, p in enumerate(periods)}) * 2 + (out["series"] != MEDIAN)
    return out.loc[rank.sort_values(kind="stable").index].reset_index(drop=True)


def attainment_frame(table: pd.DataFrame, period: str, team: str | None = None) -> pd.DataFrame:
    """Return rep, attainment, revenue and target for reps that have a target in the period."""
    reps = _reps(table, team)
    reps = reps[reps["period"] == period]
    wide = reps.pivot_table(index="rep", columns="kpi", values="value", aggfunc="first")
    if "target_attainment" not in wide:
        return pd.DataFrame(columns=["rep", "attainment", "revenue", "target"])
    wide = wide.dropna(subset=["target_attainment"])
    revenue = wide["revenue"] if "revenue" in wide else pd.Series(float("nan"), index=wide.index)
    out = pd.DataFrame(
        {
            "rep": wide.index.astype(str),
            "attainment": wide["target_attainment"].to_numpy(),
            "revenue": revenue.to_numpy(),
        }
    )
    out["target"] = out["revenue"] / out["attainment"]
    return out.reset_index(drop=True)


def leaderboard(
    table: pd.DataFrame,
    key: str,
    period: str,
    higher_is_better: bool,
    team: str | None = None,
    min_n: int = 1,
) -> pd.DataFrame:
    """Return rep, value, n and rank (1 = best) of reps with a known value in the period."""
    reps = _reps(table, team)
    rows = reps[(reps["kpi"] == key) & (reps["period"] == period)].dropna(subset=["value"])
    rows = rows[rows["n"].fillna(0) >= min_n]
    rows = rows.sort_values(["value", "rep"], ascending=[not higher_is_better, True])
    out = pd.DataFrame(
        {
            "rep": rows["rep"].astype(str).to_numpy(),
            "value": rows["value"].astype(float).to_numpy(),
            "n": rows["n"].astype(float).to_numpy(),
        }
    )
    out["rank"] = range(1, len(out) + 1)
    return out


def recognition(
    table: pd.DataFrame,
    key: str,
    current: str,
    previous: str | None,
    higher_is_better: bool,
    team: str | None = None,
    min_n: int = 1,
) -> list[Recognition]:
    """Return the top performer and the most improved rep on a KPI (who to thank by name)."""
    now = leaderboard(table, key, current, higher_is_better, team, min_n)
    out: list[Recognition] = []
    if now.empty:
        return out
    top = now.iloc[0]
    before = leaderboard(table, key, previous, higher_is_better, team, min_n) if previous else None
    previous_of = (
        dict(zip(before["rep"], before["value"], strict=True)) if before is not None else {}
    )
    out.append(
        Recognition(str(top["rep"]), "top", float(top["value"]), previous_of.get(top["rep"]))
    )
    if previous_of:
        both = now[now["rep"].isin(previous_of)].copy()
        # astype: with no rep in both periods, mapping the (text) names gives text, not numbers
        both["gain"] = both["value"] - both["rep"].map(previous_of).astype(float)
        if not higher_is_better:
            both["gain"] = -both["gain"]
        both = both[both["gain"] > 0].sort_values(["gain", "rep"], ascending=[False, True])
        others = both[both["rep"] != top["rep"]]
        both = others if len(others) else both  # thank a second person when there is one
        if len(both):
            best = both.iloc[0]
            out.append(
                Recognition(
                    str(best["rep"]), "improved", float(best["value"]), previous_of[best["rep"]]
                )
            )
    return out


@dataclass(frozen=True)
class Card:
    """A headline KPI card: the KPI against the previous period and its trend over the periods."""

    change: Change
    trend: list[float]


@dataclass(frozen=True)
class Board:
    """The leaderboard of one KPI and who to thank by name."""

    key: str
    ranked: pd.DataFrame  # rep, value, n, rank
    shouts: list[Recognition]


def headline_cards(
    table: pd.DataFrame, current: str, previous: str | None, periods: list[str], team: str | None
) -> list[Card]:
    """Return a card per headline KPI (`CARDS`) of a team, or of the company when team is None."""
    return [
        Card(
            change(table, key, current, previous, KPIS[key].higher_is_better, team),
            trend_frame(table, key, periods, team)["value"].tolist(),
        )
        for key in CARDS
    ]


def board(
    table: pd.DataFrame, key: str, current: str, previous: str | None, team: str | None
) -> Board:
    """Return the leaderboard of a KPI in the current period, the top performer and most improved."""
    higher = KPIS[key].higher_is_better is not False
    ranked = leaderboard(table, key, current, higher, team, min_n=BOARD_MIN_N)
    return Board(key, ranked, recognition(table, key, current, previous, higher, team, 3))
