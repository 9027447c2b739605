"""The tables and sentences of the Pipeline & funnel page, in the words and formats users read."""

from __future__ import annotations

import pandas as pd

from analysis.diagnosis.weak_spots import WeakSpot
from analysis.kpis.registry import currency_symbol, format_value
from analysis.pipeline.funnel import stage_name
from analysis.pipeline.planning import Plan, plan_note
from analysis.pipeline.snapshot import Snapshot
from analysis.words import formats as F
from analysis.words.catalogue import t
from analysis.words.formats import short_money
from analysis.words.message import text as written

VELOCITY = t("pipeline.velocity_help")  # in English; `t("pipeline.velocity_help", lang)`
COVERAGE = t("pipeline.coverage_help")


def _money(value: float, currency: str | None, lang: str) -> str:
    return format_value("revenue", value, currency, lang)


def _col(name: str, lang: str, **values: object) -> str:
    return t(f"pipeline.col.{name}", lang, **values)


def _count(key: str, n: int, lang: str, **values: object) -> str:
    """The text of `key` in the singular or plural form the count takes."""
    return t(f"{key}.{F.plural(n, lang)}", lang, n=F.number(n, lang), **values)


def attention_table(snap: Snapshot, currency: str | None, lang: str = "en") -> pd.DataFrame:
    """Return the slipped and stalled open deals, biggest first, with plain column names."""
    rows = snap.open[snap.open["slipped"] | snap.open["stalled"]]
    rows = rows.sort_values("amount", ascending=False, kind="stable")
    why = []
    for _, r in rows.iterrows():
        parts = []
        if r["slipped"]:
            parts.append(t("pipeline.why.overdue", lang, days=F.days(r["overdue_days"], lang)))
        if r["stalled"]:
            idle, usual = F.days(r["idle_days"], lang), F.number(r["usual_days"], lang)
            parts.append(t("pipeline.why.stalled", lang, days=idle, usual=usual))
        why.append("; ".join(parts))
    return pd.DataFrame(
        {
            _col("deal", lang): rows["deal"].fillna(rows["deal_id"]).fillna("—").to_numpy(),
            _col("account", lang): rows["account"].fillna("—").to_numpy(),
            _col("rep", lang): rows["rep"].fillna("—").to_numpy(),
            _col("stage", lang): rows["stage"].astype(str).to_numpy(),
            _col("amount", lang): [_money(v, currency, lang) for v in rows["amount"]],
            _col("expected_close", lang): [F.day(v, lang) for v in rows["expected_close"]],
            _col("why", lang): why,
        }
    )


def rep_table(snap: Snapshot, currency: str | None, lang: str = "en") -> pd.DataFrame:
    """Return per rep the open deals and value, and how many are past their date or stalled."""
    grouped = snap.open.groupby("rep", dropna=False)
    out = grouped.agg(
        team=("team", "first"),
        deals=("amount", "size"),
        value=("amount", "sum"),
        slipped=("slipped", "sum"),
        stalled=("stalled", "sum"),
        age=("age_days", "median"),
    ).sort_values("value", ascending=False)
    return pd.DataFrame(
        {
            _col("rep", lang): [("—" if pd.isna(r) else str(r)) for r in out.index],
            _col("team", lang): out["team"].fillna("—").to_numpy(),
            _col("open_deals", lang): out["deals"].to_numpy(),
            _col("open_pipeline", lang): [_money(v, currency, lang) for v in out["value"]],
            _col("slipped", lang): out["slipped"].astype(int).to_numpy(),
            _col("stalled", lang): out["stalled"].astype(int).to_numpy(),
            _col("age", lang): [F.number(v, lang) for v in out["age"]],
        }
    )


def plan_table(
    plan: Plan, currency: str | None, grain: str = "quarter", lang: str = "en"
) -> pd.DataFrame:
    """Return the reverse funnel per rep with plain column names and formatted numbers."""
    r = plan.reps
    own = r["won_deals"] / r["closed_deals"].where(r["closed_deals"] > 0)
    usual = t(f"pipeline.usual.{grain}", lang)
    return pd.DataFrame(
        {
            _col("rep", lang): r["rep"].to_numpy(),
            _col("target", lang): [_money(v, currency, lang) for v in r["target"]],
            _col("still_to_win", lang): [_money(v, currency, lang) for v in r["still_to_win"]],
            _col("open_deals", lang): r["open_deals"].astype(int).to_numpy(),
            _col("open_value", lang): [_money(v, currency, lang) for v in r["open_value"]],
            _col("own_win_rate", lang): [format_value("win_rate", v, lang=lang) for v in own],
            _col("planned_win_rate", lang): [
                format_value("win_rate", v, lang=lang) for v in r["win_rate"]
            ],
            _col("deal_size", lang): [_money(v, currency, lang) for v in r["deal_size"]],
            _col("expected", lang): [_money(v, currency, lang) for v in r["expected"]],
            _col("uncovered", lang): [_money(v, currency, lang) for v in r["gap"]],
            _col("wins_needed", lang): [F.number(v, lang) for v in r["won_needed"]],
            _col("new_needed", lang): [F.number(v, lang) for v in r["new_needed"]],
            _col("usual_new", lang, usual=usual): [F.number(v, lang) for v in r["usual_new"]],
        }
    )


def headline(snap: Snapshot, currency: str | None, lang: str = "en") -> str:
    """Return the page's first sentence: what is open, and how much of it needs attention."""
    open_ = snap.open
    if open_.empty:
        return t("pipeline.headline.none", lang)
    symbol = currency_symbol(currency)
    slipped, stalled = open_[open_["slipped"]], open_[open_["stalled"]]
    money = short_money(open_["amount"].sum(), symbol, lang=lang)
    date = F.day(snap.as_of, lang)
    text = _count("pipeline.headline.open", len(open_), lang, money=money, date=date)
    parts = [
        _count(f"pipeline.headline.{key}", len(rows), lang,
               money=short_money(rows["amount"].sum(), symbol, lang=lang))
        for key, rows in (("slipped", slipped), ("stalled", stalled))
        if len(rows)
    ]  # fmt: skip
    if parts:
        text += " " + "; ".join(parts) + "."
    return text


def plan_headline(
    plan: Plan, currency: str | None, grain: str = "quarter", lang: str = "en"
) -> str:
    """Return one sentence on the plan: how many reps are short and by how much in total."""
    reps = plan.reps
    if reps.empty:
        return plan_note(plan, lang)
    symbol = currency_symbol(currency)
    short = reps[reps["status"] == "short"]
    if short.empty:
        return t("pipeline.plan.covered", lang, period=plan.period)
    worst = short.iloc[0]
    return t(
        "pipeline.plan.short",
        lang,
        short=F.number(len(short), lang),
        reps=F.number(len(reps), lang),
        period=plan.period,
        gap=short_money(short["gap"].sum(), symbol, lang=lang),
        rep=worst["rep"],
        rep_gap=short_money(worst["gap"], symbol, lang=lang),
        new=F.number(worst["new_needed"], lang),
        usual_new=F.number(worst["usual_new"], lang),
        usual=t(f"pipeline.usual.{grain}", lang),
    )


MIN_FUNNEL_DEALS = 10  # deals reaching a stage before its conversion is worth a sentence


def funnel_headline(
    group: pd.DataFrame, who: str, group_name: str, spot: WeakSpot | None = None, lang: str = "en"
) -> str:
    """Return where the funnel loses most deals, in one sentence.

    For a rep, `spot` is their stage weak spot (`weak_spots.stage_spots`: the step furthest
    below the other reps once the sample size is allowed for); without one the rep keeps up.
    For the whole group, the step with the lowest conversion (`group` is a `funnel_of` frame).
    """
    if who != group_name:
        if spot is None:
            return t("pipeline.funnel.rep_keeps_up", lang, who=who)
        stage = stage_name(str(spot.stage), lang)
        evidence = written(spot.evidence, lang)
        return t("pipeline.funnel.rep_spot", lang, who=who, stage=stage, evidence=evidence)
    steps = group.iloc[:-1].assign(next=list(group["stage"].iloc[1:]))
    steps = steps[steps["reached"] >= MIN_FUNNEL_DEALS].dropna(subset=["conversion"])
    if steps.empty:
        return t("pipeline.funnel.too_few", lang)
    low = steps.loc[steps["conversion"].idxmin()]
    return t(
        "pipeline.funnel.drop",
        lang,
        stage=stage_name(str(low["stage"]), lang),
        share=F.percent(low["conversion"], lang),
        n=F.number(low["reached"], lang),
        next=stage_name(str(low["next"]), lang),
    )


def coverage(plan: Plan, team: str | None = None) -> float | None:
    """Return the open pipeline due in the planned period ÷ what is still to win (None: no plan)."""
    reps = plan.reps if team is None else plan.reps[plan.reps["team"] == team]
    still = float(reps["still_to_win"].sum()) if len(reps) else 0.0
    return float(reps["open_value"].sum()) / still if still > 0 else None
