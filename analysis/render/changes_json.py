"""The `changes` key of the JSON: what changed between the earlier export and this one.

`from` and `to` are the two exports' days, `period` the period whose pipeline flows,
`matched_by` how deals were paired ("id" or "fields"), `matched` and `unmatched` how many
were and could not be. `flow` is the company's pipeline flow, part by part from `start` (due
in the period at the earlier export) to `end` (due now), each with the deals and the money
(outflows negative, so start + the parts = end); `teams[]` and `reps[]` the same per team and
rep (a deal that changed owner leaves one flow and joins the other as `reassigned`), each
rep with `moves` (deals per category). `deals[]` lists every deal that did not stay unchanged,
`before` and `after` (null when it was not in that export). `findings[]` are the sentences
worth saying, `trend[]` the new and pushed pipeline of each neighbouring pair of exports.
Money is rounded to cents and is in the exports' own currencies (never converted).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.changes import sentences as said
from analysis.changes.compare import Changes
from analysis.changes.flow import END, START
from analysis.changes.moves import CATEGORIES
from analysis.changes.signals import Finding, findings, rep_moves
from analysis.model.json_values import day, money, name, ratio
from analysis.words.message import text

SIDES = ("stage", "amount", "close", "status", "rep", "currency")  # each deal before and after
EMPTY_FLOW = [{"part": START, "count": 0, "value": 0.0}, {"part": END, "count": 0, "value": 0.0}]


def _flow(rows: pd.DataFrame) -> list[dict[str, Any]]:
    """Return a flow's parts in order: part, deals, money."""
    return [
        {"part": str(part), "count": int(n), "value": money(cents / 100)}
        for part, n, cents in zip(rows["part"], rows["count"], rows["cents"], strict=True)
    ]


def _flows(frame: pd.DataFrame) -> dict[str | None, list[dict[str, Any]]]:
    """Return each owner's flow (None: deals without a team or rep)."""
    return {
        name(scope): _flow(rows)
        for scope, rows in frame.groupby("scope", dropna=False, sort=False, observed=True)
    }


def _reps(changes: Changes) -> list[dict[str, Any]]:
    """Return each rep (and earlier owner) with team, flow and deals per category."""
    moves = rep_moves(changes)
    flows = _flows(changes.flows["rep"])
    known = {name(r["rep"]): r for r in moves.to_dict("records")}
    earlier = changes.moves.dropna(subset=["rep_before"]).drop_duplicates("rep_before")
    teams = dict(zip(earlier["rep_before"], earlier["team_before"], strict=True))
    reps = sorted(set(known) | set(flows), key=lambda r: (r is None, r or ""))
    out = []
    for rep in reps:
        row = known.get(rep)
        team = row["team"] if row is not None else teams.get(rep)
        counts = {c: int(row[c]) if row is not None else 0 for c in CATEGORIES}
        out.append(
            {"rep": rep, "team": name(team), "flow": flows.get(rep, EMPTY_FLOW), "moves": counts}
        )
    return out


def _side(moves: pd.DataFrame, suffix: str) -> list[dict[str, Any]]:
    columns = {key: moves[f"{key}_{suffix}"].tolist() for key in SIDES}
    return [
        {"stage": name(stage), "amount": money(amount), "close": day(close),
         "status": name(status), "rep": name(rep), "currency": name(currency)}
        for stage, amount, close, status, rep, currency in zip(*columns.values(), strict=True)
    ]  # fmt: skip


def _deals(changes: Changes) -> list[dict[str, Any]]:
    """Return the deals that moved, in the order of the categories: ids, owner, category, and
    each export's view of them."""
    moves = changes.moves[changes.moves["category"] != "unchanged"]
    moves = moves.assign(rep_after=moves["rep"]).sort_values("category", kind="stable")
    before, after = _side(moves, "before"), _side(moves, "after")
    category = moves["category"].astype(str).tolist()
    out = []
    for i, row in enumerate(moves[["deal_id", "deal", "account", "rep", "team",
                                   "pushed_before"]].itertuples(index=False)):  # fmt: skip
        out.append(
            {"deal_id": name(row[0]), "deal": name(row[1]), "account": name(row[2]),
             "rep": name(row[3]), "team": name(row[4]), "category": category[i],
             "before": None if category[i] == "new" else before[i],
             "after": None if category[i] == "vanished" else after[i],
             "pushed_before": bool(row[5])}
        )  # fmt: skip
    return out


def _finding(found: Finding, changes: Changes, currency: str | None) -> dict[str, Any]:
    """Return one finding: its code and numbers, and its sentence in English."""
    cut = found.code == "cut"
    return {
        "code": found.code,
        "rep": found.rep,
        "count": found.count,
        "value": money(found.cents / 100),
        "again": found.again,
        "share": ratio(found.share),
        "deal": found.deal,
        "before": money(found.before_cents / 100) if cut else None,
        "after": money(found.after_cents / 100) if cut else None,
        "text": text(said.finding(found, changes, currency), "en"),
    }


def _trend(trend: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {"from": day(row["from"]), "to": day(row["to"]),
         "days": None if pd.isna(row["days"]) else int(row["days"]),
         "new_count": int(row["new_count"]), "new_value": money(row["new_cents"] / 100),
         "pushed_count": int(row["pushed_count"]),
         "pushed_value": money(row["pushed_cents"] / 100)}
        for row in trend.to_dict("records")
    ]  # fmt: skip


def changes_json(changes: Changes | None, currency: str | None) -> dict[str, Any] | None:
    """Return the `changes` part of the JSON (None: no earlier export was given)."""
    if changes is None:
        return None
    company = changes.flows["company"]
    teams = _flows(changes.flows["team"])
    return {
        "from": day(changes.before),
        "to": day(changes.after),
        "period": changes.period,
        "matched_by": changes.by,
        "matched": int(changes.matched),
        "unmatched": int(changes.unmatched),
        "currency_changed": bool(changes.currency_changed),
        "currencies": {"before": changes.currencies[0], "after": changes.currencies[1]},
        "flow": _flow(company) if len(company) else EMPTY_FLOW,
        "teams": [{"team": team, "flow": flow} for team, flow in teams.items()],
        "reps": _reps(changes),
        "deals": _deals(changes),
        "findings": [_finding(f, changes, currency) for f in findings(changes)],
        "trend": _trend(changes.trend),
    }
