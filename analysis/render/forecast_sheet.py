"""The forecast in the Excel workbook: its sentences, the table per company, team and rep, and
the open deals with their chance of winning and why. Headers are words in the reader's language;
`MONEY` and `PERCENT` name the columns the workbook formats as money and as percentages.
"""

from __future__ import annotations

import pandas as pd

from analysis.forecast import sentences as said
from analysis.forecast.outlook import Forecast
from analysis.words.catalogue import t
from analysis.words.message import text

SCOPE_COLUMNS = ("won_so_far", "from_open", "from_new", "expected", "p10", "p50", "p90", "target",
                 "chance_of_target", "open_deals")  # fmt: skip
DEAL_COLUMNS = ("deal_id", "deal", "account", "rep", "team", "stage", "amount", "expected_close",
                "probability", "baseline", "reasons")  # fmt: skip
MONEY = {"won_so_far", "from_open", "from_new", "expected", "p10", "p50", "p90", "target",
         "amount"}  # fmt: skip
PERCENT = {"chance_of_target", "probability", "baseline"}


def header(column: str, lang: str) -> str:
    """Return the worded header of a forecast column ('Likely', 'Chance of winning')."""
    if column in ("rep", "team"):
        return t(f"workbook.{column}", lang)
    return t(f"workbook.forecast.{column}", lang)


def forecast_lines(fc: Forecast, currency: str | None, lang: str) -> list[str]:
    """Return the forecast's sentences: which period, the headline, the split, method, proof."""
    says = [said.as_of(fc), said.headline(fc, currency), said.split(fc, currency),
            said.method(fc), said.coverage(fc)]  # fmt: skip
    return [text(s, lang) for s in says]


def scope_frame(fc: Forecast, lang: str) -> pd.DataFrame:
    """Return the company, then each team, then each rep: the range, its parts and the target."""
    scopes = fc.scopes
    order = {"all": 0, "team": 1, "rep": 2}
    rows = scopes.iloc[scopes["scope"].map(order).argsort(kind="stable")]
    frame = rows[["team", "rep", *SCOPE_COLUMNS]].astype({"team": object, "rep": object})
    frame.loc[rows["scope"].to_numpy() == "all", "team"] = t("workbook.forecast.company", lang)
    frame = frame.fillna({"team": "", "rep": ""})
    return frame.rename(columns={c: header(c, lang) for c in frame.columns}).reset_index(drop=True)


def deal_frame(fc: Forecast, currency: str | None, lang: str) -> pd.DataFrame:
    """Return the open deals, largest expected value first, with their chance and its reasons."""
    deals = fc.deals
    frame = deals[list(DEAL_COLUMNS)].copy()
    close = pd.to_datetime(deals["expected_close"], errors="coerce")
    frame["expected_close"] = [None if pd.isna(d) else d.date().isoformat() for d in close]
    frame["reasons"] = [
        text(said.why(deal, currency, fc.method), lang) for _, deal in deals.iterrows()
    ]
    return frame.rename(columns={c: header(c, lang) for c in frame.columns})


def formats(lang: str, money: str) -> dict[str, str]:
    """Return the Excel number format of each worded header: money, percentages, counts."""
    out = {header(c, lang): money for c in MONEY}
    out |= {header(c, lang): "0%" for c in PERCENT}
    return out | {header("open_deals", lang): "#,##0"}
