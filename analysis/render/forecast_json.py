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


def _deal(deal: pd.Series, currency: str | None) -> dict[str, Any]:
    reasons = [
        {"factor": group, "points": round(float(points), 1),
         "text": text(said.reason(group, points, deal, currency), "en")}
        for group, points in deal["reasons"]
    ]  # fmt: skip
    return {
        "deal_id": name(deal["deal_id"]),
        "deal": name(deal["deal"]),
        "account": name(deal["account"]),
        "rep": name(deal["rep"]),
        "team": name(deal["team"]),
        "amount": money(deal["amount"]),
        "stage": name(deal["stage"]),
        "expected_close": day(deal["expected_close"]),
        "probability": ratio(deal["probability"]),
        "reasons": reasons,
    }


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
        "deals": [_deal(deal, currency) for _, deal in fc.deals.iterrows()],
        "backtest": _backtest(fc),
        "error": {
            "model": ratio(fc.backtest.mean_error("model")),
            "baseline": ratio(fc.backtest.mean_error("baseline")),
            "inside": f"{inside} of {n}",
        },
    }
