"""The `forecast` key of the JSON: the period ahead per company, team and rep, its deals, its proof.

Money is rounded to cents, chances to four decimals, unknown numbers are null (never NaN).
`team` is the whole company, `teams[]` and `reps[]` the same figures per team and rep.
`backtest[]` holds the model's forecast of each past period from its start, with the
baseline's beside it; `error` sums both up (mean absolute error as a share of the actual
revenue, and in how many periods the method in use had the actual inside P10–P90).
Every text is written in English, the JSON's language.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.forecast import sentences as said
from analysis.forecast.outlook import Forecast
from analysis.model.json_values import day, money, name, ratio
from analysis.words.message import text

SCOPE_KEYS = {
    "won_so_far": "won_so_far", "p10": "p10", "p50": "p50", "p90": "p90",
    "expected": "expected", "target": "target", "from_open_deals": "from_open",
    "from_new_deals": "from_new",
}  # fmt: skip  # JSON key: column of Forecast.scopes (all money)


def _scope(row: pd.Series) -> dict[str, Any]:
    out: dict[str, Any] = {key: money(row[column]) for key, column in SCOPE_KEYS.items()}
    out["chance_of_target"] = ratio(row["chance_of_target"])
    out["open_deals"] = int(row["open_deals"])
    return out


DEAL_TEXTS = ("deal_id", "deal", "account", "rep", "team", "stage")  # written by `name`
# what `sentences.reason` reads of a deal
REASON_FACTS = ("amount", "age", "source", "product", "stage", "days_in_stage",
                "days_since_activity", "account_won", "rep_rate")  # fmt: skip


def _names(values: pd.Series) -> list[str | None]:
    """Return `name` of each value of a column (its missing values: as `pd.isna` finds them)."""
    missing = values.isna().to_numpy(bool)
    return [None if gone else str(v) for v, gone in zip(values.tolist(), missing, strict=True)]


def _deals(deals: pd.DataFrame, currency: str | None) -> list[dict[str, Any]]:
    """Return every deal as the JSON writes it, column by column rather than a Series per deal
    (a million open deals: seconds less); each distinct close day is written once."""
    deal_id, deal, account, rep, team, stage = (_names(deals[c]) for c in DEAL_TEXTS)
    codes, closes = pd.factorize(deals["expected_close"])
    close = [*(day(c) for c in closes), None]  # code -1 (no date): the last slot
    amounts = [money(v) for v in deals["amount"].tolist()]
    chances = [ratio(v) for v in deals["probability"].tolist()]
    out = [
        {"deal_id": i, "deal": d, "account": a, "rep": r, "team": t, "amount": m, "stage": s,
         "expected_close": close[c], "probability": p, "reasons": []}
        for i, d, a, r, t, m, s, c, p in zip(
            deal_id, deal, account, rep, team, amounts, stage, codes, chances, strict=True
        )
    ]  # fmt: skip
    reasons = deals["reasons"].tolist()
    if said_of := [i for i, factors in enumerate(reasons) if factors]:
        facts = {c: deals[c].tolist() for c in REASON_FACTS}
        for i in said_of:
            row = {c: facts[c][i] for c in REASON_FACTS}
            out[i]["reasons"] = _reasons(reasons[i], row, currency)
    return out


def _reasons(
    reasons: list[tuple[str, float]], facts: dict[str, Any], currency: str | None
) -> list[dict[str, Any]]:
    """Return a deal's factors: group, points and the sentence, in English."""
    return [
        {
            "factor": group,
            "points": round(float(points), 1),
            "text": text(said.reason(group, points, facts, currency), "en"),
        }
        for group, points in reasons
    ]


def _backtest(fc: Forecast) -> list[dict[str, Any]]:
    periods = fc.backtest.periods
    base = periods[periods["method"] == "baseline"].set_index("period")
    out = []
    for _, row in periods[periods["method"] == "model"].iterrows():
        other = base.loc[row["period"]] if row["period"] in base.index else None
        out.append(
            {
                "period": row["period"],
                **{q: money(row[q]) for q in ("p10", "p50", "p90", "actual")},
                "error": ratio(row["error"]),
                "inside": bool(row["inside"]),
                "baseline": {
                    "p50": money(other["p50"]) if other is not None else None,
                    "error": ratio(other["error"]) if other is not None else None,
                },
            }
        )
    return out


def forecast_json(fc: Forecast | None, currency: str | None) -> dict[str, Any] | None:
    """Return the `forecast` part of the JSON (None: the data has no deals to forecast)."""
    if fc is None:
        return None
    scopes = fc.scopes
    company = scopes[scopes["scope"] == "all"].iloc[0]
    teams = scopes[scopes["scope"] == "team"]
    reps = scopes[scopes["scope"] == "rep"]
    inside, n = fc.backtest.inside(fc.method)
    return {
        "period": fc.period,
        "as_of": day(fc.as_of),
        "method": {"name": fc.method, "why": fc.why, "text": text(said.method(fc), "en")},
        "headline": text(said.headline(fc, currency), "en"),
        "team": _scope(company),
        "teams": [{"team": name(r["team"]), **_scope(r)} for _, r in teams.iterrows()],
        "reps": [
            {"rep": name(r["rep"]), "team": name(r["team"]), **_scope(r)}
            for _, r in reps.iterrows()
        ],
        "deals": _deals(fc.deals, currency),
        "backtest": _backtest(fc),
        "error": {
            "model": ratio(fc.backtest.mean_error("model")),
            "baseline": ratio(fc.backtest.mean_error("baseline")),
            "inside": f"{inside} of {n}",
        },
    }
