"""What the Forecast page shows, worked out: cards, ranges, the deals that matter and the proof.

`forecast_view` builds one plain dataclass from a `Forecast`; its sentences are `Say`s and its
table cells wait to be written in the reader's language (`written(frame, lang)` names the
columns from the catalogue, `outlook.col.<name>`, and writes every cell), so the page only draws.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.forecast import sentences as W
from analysis.forecast.outlook import Forecast
from analysis.kpis.labels import currency_symbol
from analysis.pipeline.views import Card
from analysis.words import formats as F
from analysis.words.catalogue import DEFAULT, t
from analysis.words.message import Say, counted, fmt, text

TOP_DEALS = 10  # the deals that matter most: where a coach's attention moves the number
BY = ("team", "rep")  # what the range chart shows a bar for


@dataclass(frozen=True)
class ForecastView:
    """The Forecast page of one forecast: sentences, cards, frames for the charts and tables."""

    as_of: Say
    headline: Say
    split: Say
    cards: tuple[Card, ...]
    symbol: str  # the currency symbol charts put before amounts
    ranges: dict[str, pd.DataFrame]  # "team"/"rep": name, p10, p50, p90, target, chance, ...
    deals: pd.DataFrame  # the deals that matter most, cells to be written (`written`)
    reps: pd.DataFrame  # per rep: won so far, likely, range, target, chance (`written`)
    method: Say
    coverage: Say
    backtest: pd.DataFrame  # per past period: actual, model and baseline (`written`)
    backtest_chart: pd.DataFrame  # the backtest's periods as numbers, for its chart
    reliability: pd.DataFrame  # band, predicted, actual, deals
    reliability_table: pd.DataFrame  # the same in words (`written`)


def _money(value: float, currency: str | None) -> object:
    return fmt("short_money", value, currency=currency_symbol(currency))


def _range(low: float, high: float, currency: str | None) -> Say:
    return Say("outlook.range", low=_money(low, currency), high=_money(high, currency))


def _has_target(row: pd.Series) -> bool:
    return bool(pd.notna(row["target"]) and row["target"] > 0)


@dataclass(frozen=True)
class Span:
    """A range of two amounts written short, their shared unit once: '€1.86–2.35M' / '€ 98k–1,2 mln'."""

    low: float
    high: float
    symbol: str

    def text(self, lang: str = DEFAULT) -> str:
        """Return the range written in `lang`, as narrow as a card needs it."""
        low, high = (F.short_money(v, self.symbol, lang) for v in (self.low, self.high))
        if F.unknown(self.low) or F.unknown(self.high):
            return t("outlook.range", lang, low=low, high=high)
        head, tail = _figures(low), _figures(high)
        if head[0] == tail[0] and head[2] == tail[2]:  # same symbol before and unit after
            return f"{tail[0]}{head[1]}–{tail[1]}{tail[2]}"
        return t("outlook.range", lang, low=low, high=high)


def _figures(written: str) -> tuple[str, str, str]:
    """Return what comes before the figures, the figures, and what comes after them."""
    digits = [i for i, c in enumerate(written) if c.isdigit()]
    first, last = digits[0], digits[-1] + 1
    return written[:first], written[first:last], written[last:]


def _cards(fc: Forecast, currency: str | None) -> tuple[Card, ...]:
    """Return six cards: likely, range, chance of target; won so far, from open and new deals.

    The first three carry a line under them; the last three do not, so both rows fit a
    projector's screen with the range chart below them.
    """
    row = fc.company
    aimed = _has_target(row)
    likely_under = (
        Say("outlook.card.of_target", share=fmt("percent", row["p50"] / row["target"]),
            target=_money(row["target"], currency))
        if aimed else Say("outlook.card.no_target")
    )  # fmt: skip
    chance = fmt("percent", row["chance_of_target"]) if aimed else fmt("percent", None)
    return (
        Card(Say("outlook.card.likely"), _money(row["p50"], currency), likely_under,
             Say("outlook.help.likely")),
        Card(Say("outlook.card.range"), Span(row["p10"], row["p90"], currency_symbol(currency)),
             Say("outlook.card.range_under"), Say("outlook.help.range")),
        Card(Say("outlook.card.chance"), chance,
             Say("outlook.card.chance_under" if aimed else "outlook.card.no_target"),
             Say("outlook.help.chance")),
        Card(Say("outlook.card.won", period=fc.period), _money(row["won_so_far"], currency),
             help=Say("outlook.help.won")),
        Card(counted("outlook.card.open", int(row["open_deals"])),
             _money(row["from_open"], currency), help=Say("outlook.help.open")),
        Card(Say("outlook.card.new"), _money(row["from_new"], currency),
             help=Say("outlook.help.new")),
    )  # fmt: skip


def range_frame(scopes: pd.DataFrame, by: str) -> pd.DataFrame:
    """Return a bar per team or rep: name, team, p10, p50, p90, target, chance; likely first."""
    rows = scopes[scopes["scope"] == by]
    out = pd.DataFrame(
        {
            "name": rows[by].fillna("—").astype(str).to_numpy(),
            "team": rows["team"].to_numpy(object),
            **{c: rows[c].to_numpy(float) for c in ("won_so_far", "p10", "p50", "p90", "target")},
            "chance": rows["chance_of_target"].to_numpy(float),
        }
    )
    return out.sort_values("p50", ascending=False, kind="stable").reset_index(drop=True)


def variance_share(deals: pd.DataFrame) -> np.ndarray:
    """Return each open deal's share of the variance of the open deals' revenue.

    A deal of amount a won with chance p adds a²·p·(1−p) to the variance: large and uncertain
    deals are where the range comes from, and where a coach's attention moves the number.
    """
    amount = np.nan_to_num(deals["amount"].to_numpy(float))
    p = deals["probability"].to_numpy(float)
    spread = amount**2 * p * (1 - p)
    total = spread.sum()
    return spread / total if total > 0 else np.zeros(len(deals))


def deals_that_matter(fc: Forecast, currency: str | None, top: int = TOP_DEALS) -> pd.DataFrame:
    """Return the `top` deals with the largest share of the uncertainty, their chance and why."""
    deals = fc.deals.assign(share=variance_share(fc.deals))
    deals = deals.sort_values("share", ascending=False, kind="stable").head(top)
    return pd.DataFrame(
        {
            "deal": [_name(r) for _, r in deals.iterrows()],
            "rep": deals["rep"].fillna("—").to_numpy(object),
            "amount": [fmt("money", a, currency=currency) for a in deals["amount"]],
            "chance": [fmt("percent", p) for p in deals["probability"]],
            "why": [W.why(r, currency, fc.method) for _, r in deals.iterrows()],
            "stage": deals["stage"].fillna("—").astype(str).to_numpy(object),
            "expected_close": [fmt("day", d) if pd.notna(d) else "—"
                               for d in deals["expected_close"]],
            "share": [fmt("percent", s) for s in deals["share"]],
            "account": deals["account"].fillna("—").to_numpy(object),
        }
    )  # fmt: skip


def _name(deal: pd.Series) -> object:
    for column in ("deal", "deal_id"):
        if pd.notna(deal.get(column)):
            return deal[column]
    return "—"


def rep_table(fc: Forecast, currency: str | None) -> pd.DataFrame:
    """Return per rep: team, won so far, likely, 8-in-10 range, target and chance of target."""
    reps = range_frame(fc.scopes, "rep")
    return pd.DataFrame(
        {
            "rep": reps["name"].to_numpy(object),
            "team": reps["team"].fillna("—").to_numpy(object),
            "won": [_money(v, currency) for v in reps["won_so_far"]],
            "likely": [_money(v, currency) for v in reps["p50"]],
            "range": [_range(lo, hi, currency) for lo, hi in zip(reps["p10"], reps["p90"],
                                                                  strict=True)],
            "target": [_money(v, currency) if v > 0 else "—" for v in reps["target"]],
            "chance_of_target": [fmt("percent", c) for c in reps["chance"]],
        }
    )  # fmt: skip


def backtest_frame(fc: Forecast) -> pd.DataFrame:
    """Return per past period: actual, the model's p10/p50/p90 and error, the baseline's p50."""
    periods = fc.backtest.periods
    model = periods[periods["method"] == "model"].set_index("period")
    base = periods[periods["method"] == "baseline"].set_index("period")
    order = list(dict.fromkeys(periods["period"]))
    out = pd.DataFrame({"period": order})
    for name, rows in (("model", model), ("baseline", base)):
        for column in ("p10", "p50", "p90", "error", "inside"):
            out[f"{name}_{column}"] = out["period"].map(rows[column]) if len(rows) else np.nan
    actual = periods.drop_duplicates("period").set_index("period")["actual"]
    out["actual"] = out["period"].map(actual) if len(periods) else np.nan
    return out


def backtest_table(frame: pd.DataFrame, currency: str | None) -> pd.DataFrame:
    """Return the backtest per period in words: actual, likely, range, off by, inside, baseline."""
    f = frame
    return pd.DataFrame(
        {
            "period": f["period"].to_numpy(object),
            "actual": [_money(v, currency) for v in f["actual"]],
            "likely": [_money(v, currency) for v in f["model_p50"]],
            "range": [_range(lo, hi, currency) for lo, hi in zip(f["model_p10"], f["model_p90"],
                                                                  strict=True)],
            "off_by": [fmt("percent", abs(e)) if pd.notna(e) else "—" for e in f["model_error"]],
            "inside": [Say("outlook.yes" if i is True or i == 1 else "outlook.no")
                       for i in f["model_inside"]],
            "baseline": [_money(v, currency) for v in f["baseline_p50"]],
            "baseline_off_by": [fmt("percent", abs(e)) if pd.notna(e) else "—"
                                for e in f["baseline_error"]],
        }
    )  # fmt: skip


def reliability_table(reliability: pd.DataFrame) -> pd.DataFrame:
    """Return per band of predicted chance: the chance given, the share won and the deals."""
    r = reliability
    return pd.DataFrame(
        {
            "band": [Say("outlook.band", low=fmt("number", 100 * b),
                         high=fmt("percent", min(b + 0.1, 1.0))) for b in r["band"]],
            "predicted": [fmt("percent", v) for v in r["predicted"]],
            "won_share": [fmt("percent", v) for v in r["actual"]],
            "deals": [fmt("number", v) for v in r["deals"]],
        }
    )  # fmt: skip


def forecast_view(fc: Forecast, currency: str | None) -> ForecastView:
    """Return what the Forecast page shows of a forecast, its words still to be written."""
    tested = backtest_frame(fc)
    return ForecastView(
        as_of=W.as_of(fc),
        headline=W.headline(fc, currency),
        split=W.split(fc, currency),
        cards=_cards(fc, currency),
        symbol=currency_symbol(currency),
        ranges={by: range_frame(fc.scopes, by) for by in BY},
        deals=deals_that_matter(fc, currency),
        reps=rep_table(fc, currency),
        method=W.method(fc),
        coverage=W.coverage(fc),
        backtest=backtest_table(tested, currency),
        backtest_chart=tested,
        reliability=fc.reliability,
        reliability_table=reliability_table(fc.reliability),
    )


def written(frame: pd.DataFrame, lang: str = DEFAULT) -> pd.DataFrame:
    """Return a view's table in `lang`: columns named `outlook.col.<name>`, every cell written."""
    return pd.DataFrame(
        {t(f"outlook.col.{c}", lang): [str(text(v, lang)) for v in frame[c]] for c in frame.columns}
    )
