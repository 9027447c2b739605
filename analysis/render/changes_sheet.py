"""What changed since the earlier export, in the Excel workbook: its sentences, the pipeline
flow of the whole company, each team and each rep (one column per part), the deals per rep by
what happened to them, and every deal that changed. Headers are words in the reader's
language; `money_columns` names the columns the workbook formats as money.
"""

from __future__ import annotations

import pandas as pd

from analysis.changes import sentences as said
from analysis.changes.compare import Changes
from analysis.changes.flow import END, FLOW_PARTS, START
from analysis.changes.moves import CATEGORIES
from analysis.changes.signals import findings, rep_moves
from analysis.words.catalogue import t
from analysis.words.message import text

PARTS = (START, *FLOW_PARTS, END)
SIDES = ("status", "stage", "amount", "close")  # each deal before and now
DEAL_MONEY = ("amount_before", "amount_after")


def _name(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)  # type: ignore[arg-type]


def _part(code: str, lang: str) -> str:
    return t(f"changes.part.{code}", lang)


def changes_lines(changes: Changes, currency: str | None, lang: str) -> list[str]:
    """Return the sentences: which exports, how matched, the pipeline then and now, findings."""
    says = [said.compared(changes), said.matched(changes), said.flow_line(changes, currency),
            said.currency_note(changes)]  # fmt: skip
    says += [said.finding(f, changes, currency) for f in findings(changes)]
    return [str(text(s, lang)) for s in says if s is not None]


def flow_frame(changes: Changes, lang: str) -> pd.DataFrame:
    """Return the flow of the company, then each team, then each rep: money per part."""
    team, rep = t("workbook.team", lang), t("workbook.rep", lang)
    no_rep = t("changes.no_rep", lang)
    teams = rep_moves(changes).set_index("rep")["team"]  # each rep's team (later owner)
    rows = []
    for scope in ("company", "team", "rep"):
        frame = changes.flows[scope]
        for owner, parts in frame.groupby("scope", dropna=False, sort=False, observed=True):
            values = dict(zip(parts["part"].astype(str), parts["value"], strict=True))
            named = None if pd.isna(owner) else str(owner)
            who = {
                "company": {team: t("workbook.forecast.company", lang), rep: ""},
                "team": {team: named or "", rep: ""},
                "rep": {team: _name(teams.get(named)) if named else "", rep: named or no_rep},
            }[scope]
            rows.append({**who, **{_part(p, lang): float(values.get(p, 0.0)) for p in PARTS}})
    return pd.DataFrame(rows, columns=[team, rep, *(_part(p, lang) for p in PARTS)])


def moves_frame(changes: Changes, lang: str) -> pd.DataFrame:
    """Return one row per rep: the deals in each category, and how many were pushed before."""
    reps = rep_moves(changes)
    frame = reps[["rep", "team", *CATEGORIES, "pushed_again"]].astype({"rep": object})
    frame = frame.fillna({"rep": t("changes.no_rep", lang), "team": ""})
    names = {"rep": t("workbook.rep", lang), "team": t("workbook.team", lang),
             "pushed_again": t("workbook.changes.pushed_again", lang)}  # fmt: skip
    names |= {c: t(f"changes.category.{c}", lang) for c in CATEGORIES}
    return frame.rename(columns=names).reset_index(drop=True)


def _days(values: pd.Series) -> list[str | None]:
    stamps = pd.to_datetime(values, errors="coerce")
    return [None if pd.isna(d) else d.date().isoformat() for d in stamps]


def _status(values: pd.Series, lang: str) -> list[str | None]:
    return [None if pd.isna(v) else t(f"deals.status.{v}", lang) for v in values]


def deal_frame(changes: Changes, lang: str) -> pd.DataFrame:
    """Return every deal that did not stay unchanged, in the order of the categories."""
    moves = changes.moves[changes.moves["category"] != "unchanged"]
    moves = moves.sort_values(["category", "amount_after"], ascending=[True, False], kind="stable")
    w = {key: t(f"workbook.changes.{key}", lang) for key in
         ("category", *(f"{s}_{w}" for s in SIDES for w in ("before", "after")), "rep_before",
          "currency_before", "currency_after", "pushed_again")}  # fmt: skip
    yes = t("workbook.changes.yes", lang)
    frame = pd.DataFrame(
        {
            t("workbook.forecast.deal_id", lang): moves["deal_id"].astype(object),
            t("workbook.forecast.deal", lang): moves["deal"].astype(object),
            t("workbook.forecast.account", lang): moves["account"].astype(object),
            t("workbook.rep", lang): moves["rep"].astype(object),
            t("workbook.team", lang): moves["team"].astype(object),
            w["category"]: [t(f"changes.category.{c}", lang) for c in moves["category"]],
            w["status_before"]: _status(moves["status_before"], lang),
            w["status_after"]: _status(moves["status_after"], lang),
            w["stage_before"]: moves["stage_before"].astype(object),
            w["stage_after"]: moves["stage_after"].astype(object),
            w["amount_before"]: moves["amount_before"].astype(float),
            w["amount_after"]: moves["amount_after"].astype(float),
            w["close_before"]: _days(moves["close_before"]),
            w["close_after"]: _days(moves["close_after"]),
            w["rep_before"]: moves["rep_before"].astype(object),
            w["currency_before"]: moves["currency_before"].astype(object),
            w["currency_after"]: moves["currency_after"].astype(object),
            w["pushed_again"]: [yes if p else "" for p in moves["pushed_before"]],
        }
    )
    return frame.where(frame.notna(), None).reset_index(drop=True)


def money_columns(lang: str) -> set[str]:
    """Return the worded headers of the columns that hold money (parts, amounts)."""
    return {_part(p, lang) for p in PARTS} | {t(f"workbook.changes.{c}", lang) for c in DEAL_MONEY}
