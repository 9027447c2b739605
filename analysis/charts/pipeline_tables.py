"""The tables of the Pipeline & funnel page, with column names and values in the reader's language.

They take the frames of `analysis.pipeline.views` (numbers and `Say`s) and only write them.
"""

from __future__ import annotations

import pandas as pd

from analysis.kpis.labels import format_value
from analysis.pipeline.funnel import stage_name
from analysis.words import formats as F
from analysis.words.catalogue import DEFAULT, t
from analysis.words.message import text


def _money(value: float, currency: str | None, lang: str) -> str:
    return format_value("revenue", value, currency, lang)


def _col(name: str, lang: str, **values: object) -> str:
    return t(f"pipeline.col.{name}", lang, **values)


def attention_table(
    attention: pd.DataFrame, currency: str | None, lang: str = DEFAULT
) -> pd.DataFrame:
    """Return the deals to talk about (`PipelineView.attention`) with plain column names."""
    rows = attention
    return pd.DataFrame(
        {
            _col("deal", lang): rows["deal"].fillna(rows["deal_id"]).fillna("—").to_numpy(),
            _col("account", lang): rows["account"].fillna("—").to_numpy(),
            _col("rep", lang): rows["rep"].fillna("—").to_numpy(),
            _col("stage", lang): rows["stage"].astype(str).to_numpy(),
            _col("amount", lang): [_money(v, currency, lang) for v in rows["amount"]],
            _col("expected_close", lang): [F.day(v, lang) for v in rows["expected_close"]],
            _col("why", lang): [text(why, lang) for why in rows["why"]],
        }
    )


def _value(value: float, unknown: int, currency: str | None, lang: str) -> str:
    """Return the value of a rep's open deals, and how many have no amount (not in it)."""
    money = _money(value, currency, lang)
    if not unknown:
        return money
    return t(f"pipeline.value_unknown.{F.plural(unknown, lang)}", lang, money=money,
             n=F.number(unknown, lang))  # fmt: skip


def rep_table(reps: pd.DataFrame, currency: str | None, lang: str = DEFAULT) -> pd.DataFrame:
    """Return per rep the open deals and value, slipped, stalled and age (`PipelineView.reps`).

    A rep's value is of the deals with an amount: '€12,000 (2 without an amount)', '—' for none.
    """
    unknown = reps["no_amount"] if "no_amount" in reps else pd.Series(0, index=reps.index)
    return pd.DataFrame(
        {
            _col("rep", lang): [("—" if pd.isna(r) else str(r)) for r in reps.index],
            _col("team", lang): reps["team"].fillna("—").to_numpy(),
            _col("open_deals", lang): reps["deals"].to_numpy(),
            _col("open_pipeline", lang): [
                _value(v, int(n), currency, lang)
                for v, n in zip(reps["value"], unknown, strict=True)
            ],
            _col("slipped", lang): reps["slipped"].astype(int).to_numpy(),
            _col("stalled", lang): reps["stalled"].astype(int).to_numpy(),
            _col("age", lang): [F.number(v, lang) for v in reps["age"]],
        }
    )


def plan_table(
    reps: pd.DataFrame, currency: str | None, grain: str = "quarter", lang: str = DEFAULT
) -> pd.DataFrame:
    """Return the reverse funnel per rep (`Plan.reps`) with plain column names and numbers."""
    r = reps
    own = r["won_deals"] / r["closed_deals"].where(r["closed_deals"] > 0)
    usual = t(f"pipeline.usual.{grain}", lang)

    def money(column: str) -> list[str]:
        return [_money(v, currency, lang) for v in r[column]]

    def rate(values: pd.Series) -> list[str]:
        return [format_value("win_rate", v, lang=lang) for v in values]

    def planned() -> list[str]:  # the rate with its window (`planning.rate_said`)
        if "win_rate_said" not in r:
            return rate(r["win_rate"])
        return [text(s, lang) if s is not None else rate(pd.Series([v]))[0]
                for s, v in zip(r["win_rate_said"], r["win_rate"], strict=True)]  # fmt: skip

    return pd.DataFrame(
        {
            _col("rep", lang): r["rep"].to_numpy(),
            _col("target", lang): money("target"),
            _col("still_to_win", lang): money("still_to_win"),
            _col("open_deals", lang): r["open_deals"].astype(int).to_numpy(),
            _col("open_value", lang): money("open_value"),
            _col("own_win_rate", lang): rate(own),
            _col("planned_win_rate", lang): planned(),
            _col("deal_size", lang): money("deal_size"),
            _col("expected", lang): money("expected"),
            _col("uncovered", lang): money("gap"),
            _col("wins_needed", lang): [F.number(v, lang) for v in r["won_needed"]],
            _col("new_needed", lang): [F.number(v, lang) for v in r["new_needed"]],
            _col("usual_new", lang, usual=usual): [F.number(v, lang) for v in r["usual_new"]],
        }
    )


def funnel_counts(steps: pd.DataFrame, lang: str = DEFAULT) -> pd.DataFrame:
    """Return per stage of a `funnel_of` frame the deals reaching it and the share that went on."""
    return pd.DataFrame(
        {
            _col("stage", lang): [text(stage_name(s), lang) for s in steps["stage"]],
            _col("reached", lang): steps["reached"].to_numpy(),
            _col("went_on", lang): [
                format_value("win_rate", v, lang=lang) for v in steps["conversion"]
            ],
        }
    )
