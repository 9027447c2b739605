"""What the Customers page shows, as tidy frames: satisfaction, retention, market share, accounts.

Satisfaction comes straight from the customer feedback rows, so that each rep's mix of high,
middle and low scores (promoters, passives and detractors for NPS) can be shown, and so that an
export holding only feedback (a call-centre log) still shows it. NPS and CSAT follow the
registry's definitions (`KPIS["nps"]`, `KPIS["csat"]`) and the scale choice of
`kpis.feedback_scales`. Retention, repeat purchases and market share are cut from the long KPI
table (`kpis.kpi_table`). Account concentration adds up the won deals of a window of periods.

Teams: a row counts for the team of its rep as the KPI table has it (the reps list first), and a
row without a known rep for its own team column, as in the KPI table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.kpis.registry import KPIS, format_value
from analysis.kpis.table import feedback_scales
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import (
    PeriodChoice,
    PeriodSpec,
    current_and_previous,
    last_working_day,
    period_labels,
    shift_period,
    window_periods,
)
from analysis.words import formats as F
from analysis.words.catalogue import t

MIN_ANSWERS = 10  # fewer answers than this in the window: shown, but not ranked
TOP_ACCOUNTS = 10
COMPANY = "Company"
RETENTION_KEYS = ("customer_retention", "repeat_purchase_share")
# The three groups of scores per scale: (label, lowest score, highest score), best first.
GROUPS = {
    "nps": (("Promoters (9–10)", 9, 10), ("Passives (7–8)", 7, 8), ("Detractors (0–6)", 0, 6)),
    "csat": (("Satisfied (4–5)", 4, 5), ("Neutral (3)", 3, 3), ("Dissatisfied (1–2)", 1, 2)),
}
SCORE_COLUMNS = ("top", "middle", "bottom")  # shares of the three groups, in GROUPS order
SHARE_COLUMNS = ["rank", "account", "revenue", "deals", "share", "cumulative"]


@dataclass(frozen=True)
class Headline:
    """This period's satisfaction, retention and top-accounts share, and the same a period ago."""

    period: str
    previous: str
    satisfaction_key: str | None  # "nps", "csat" or None without feedback
    satisfaction: float | None
    satisfaction_before: float | None
    retention: float | None
    retention_before: float | None
    top_share: float | None  # of the window ending with `period`
    top_share_before: float | None  # of the window ending with `previous`
    top_accounts: int  # how many accounts the top share counts (10, or fewer when there are fewer)


def satisfaction_kind(feedback: pd.DataFrame | None) -> str | None:
    """Return "nps" or "csat" (the scale most answers are on), or None without usable answers."""
    if feedback is None or feedback.empty or S.SCORE not in feedback:
        return None
    csat, nps = feedback_scales(feedback)
    if not (csat.any() or nps.any()):
        return None
    return "nps" if nps.sum() >= csat.sum() else "csat"


def rep_teams(table: pd.DataFrame) -> dict[str, str]:
    """Return the team of each rep as the KPI table has it (reps without a team are left out)."""
    reps = table.loc[table["scope"] == "rep", ["rep", "team"]].dropna().drop_duplicates("rep")
    return dict(zip(reps["rep"].astype(str), reps["team"].astype(str), strict=True))


def row_teams(frame: pd.DataFrame, teams: Mapping[str, str]) -> pd.Series:
    """Return each row's team: its rep's team, else the row's own team column (NA: none)."""
    own = frame[S.TEAM] if S.TEAM in frame else pd.Series(pd.NA, index=frame.index)
    if S.REP not in frame:
        return own.astype("string")
    by_rep = frame[S.REP].astype("string").map(dict(teams)).astype("string")
    return by_rep.fillna(own.astype("string"))


def window_label(periods: list[str]) -> str:
    """Return a window of periods as users read it: '2026-Q3' or '2025-Q4 – 2026-Q3'."""
    return periods[0] if len(periods) == 1 else f"{periods[0]} – {periods[-1]}"


def period_choice(data: Dataset, spec: PeriodSpec, lang: str = "en") -> PeriodChoice:
    """Return the period to show; from the feedback dates when nothing else in the data is dated.

    Feedback dates decide only for an export of customer feedback alone (a call-centre log):
    its last complete period, like `periods.current_and_previous` does for sales data. The
    note says which period is shown, in the language.
    """
    choice = current_and_previous(data, spec)
    feedback = data.tables.get(S.CUSTOMER_FEEDBACK)
    sales = any(len(data.tables.get(t, ())) for t in (S.DEALS, S.ACTIVITIES, S.LEADS))
    if sales or feedback is None or S.DATE not in feedback:
        return choice
    dates = pd.to_datetime(feedback[S.DATE]).dropna()
    if dates.empty:
        return choice
    first, last = dates.min(), dates.max()
    labels = period_labels(pd.Series([first, last]), spec)
    label = str(labels.iloc[1])
    # English keeps the ISO date of the sales data's note; Dutch writes '2 mrt 2021'.
    date = f"{last:%Y-%m-%d}" if lang == "en" else F.day(last, lang)
    note = t("customers.note.complete", lang, period=label, date=date)
    if last < last_working_day(label, spec) and label == labels.iloc[0]:
        note = t("customers.note.partial", lang, period=label, date=date)
    elif last < last_working_day(label, spec):
        partial, label = label, shift_period(label, spec)
        note = t("customers.note.skipped", lang, period=label, partial=partial, date=date)
    return PeriodChoice(label, shift_period(label, spec), False, last, note)


def _answers(
    feedback: pd.DataFrame,
    spec: PeriodSpec,
    periods: list[str],
    teams: Mapping[str, str],
    team: str | None,
) -> tuple[pd.DataFrame, str | None]:
    """Return the answers (rep, team, period, score) in the periods, on the scale most are on."""
    kind = satisfaction_kind(feedback)
    if kind is None:
        return pd.DataFrame(columns=[S.REP, S.TEAM, S.PERIOD, S.SCORE]), None
    csat, nps = feedback_scales(feedback)
    rows = feedback[nps if kind == "nps" else csat]
    rep = rows[S.REP].astype("string") if S.REP in rows else pd.Series(pd.NA, index=rows.index)
    out = pd.DataFrame(
        {
            S.REP: rep.astype("string"),
            S.TEAM: row_teams(rows, teams),
            S.PERIOD: period_labels(rows[S.DATE], spec),
            S.SCORE: rows[S.SCORE].astype(float),
        }
    )
    out = out[out[S.PERIOD].isin(periods).fillna(False).to_numpy(bool)]
    if team is not None:
        out = out[(out[S.TEAM] == team).fillna(False).to_numpy(bool)]
    return out, kind


def _score_mix(answers: pd.DataFrame, by: list[str], kind: str) -> pd.DataFrame:
    """Return per group: answers, the shares of the top, middle and bottom scores, and the value."""
    score = answers[S.SCORE]
    parts = {"answers": score.notna().astype(float)}
    for column, (_, low, high) in zip(SCORE_COLUMNS, GROUPS[kind], strict=True):
        parts[column] = ((score >= low) & (score <= high)).astype(float)
    parts["mean"] = score
    grouped = pd.DataFrame(parts | {c: answers[c] for c in by}).groupby(by, sort=False)
    sums = grouped[["answers", *SCORE_COLUMNS]].sum()
    out = sums[["answers"]].copy()
    for column in SCORE_COLUMNS:
        out[column] = sums[column] / sums["answers"]
    nps = 100 * (out["top"] - out["bottom"])
    out["value"] = nps if kind == "nps" else grouped["mean"].mean()
    out["answers"] = out["answers"].astype(np.int64)
    return out.reset_index()


def satisfaction_by_rep(
    feedback: pd.DataFrame,
    spec: PeriodSpec,
    periods: list[str],
    teams: Mapping[str, str],
    team: str | None = None,
    reps: Iterable[str] = (),
    min_answers: int = MIN_ANSWERS,
) -> pd.DataFrame:
    """Return each rep's satisfaction over the periods, ranked reps first (best first).

    Columns: rep, team, answers, top, middle, bottom (shares of promoters, passives and
    detractors for NPS; satisfied, neutral and dissatisfied for CSAT), value (NPS points or the
    CSAT mean; NaN without answers), ranked (at least `min_answers` answers) and rank (1 = best;
    0 when not ranked). `reps` (e.g. the reps active in the window) are listed even without
    answers.
    """
    answers, kind = _answers(feedback, spec, periods, teams, team)
    answers = answers[answers[S.REP].notna().to_numpy(bool)]
    columns = ["rep", "team", "answers", *SCORE_COLUMNS, "value", "ranked", "rank"]
    if kind is None:
        return pd.DataFrame(columns=columns)
    out = _score_mix(answers, [S.REP], kind).rename(columns={S.REP: "rep"})
    wanted = [r for r in dict.fromkeys(map(str, reps)) if r not in set(out["rep"])]
    if team is not None:
        wanted = [r for r in wanted if teams.get(r) == team]
    if wanted:
        none = pd.DataFrame({"rep": wanted, "answers": 0})
        # With no answer in the window, `none` still needs the score columns (value, …)
        out = (
            pd.concat([out, none], ignore_index=True)
            if len(out)
            else none.reindex(columns=out.columns)
        )
    out["rep"] = out["rep"].astype(str)
    out["team"] = out["rep"].map(dict(teams))
    out["answers"] = out["answers"].astype(np.int64)
    out["ranked"] = (out["answers"] >= min_answers) & out["value"].notna()
    out = out.assign(_v=out["value"].where(out["ranked"]))
    out = out.sort_values(["ranked", "_v", "rep"], ascending=[False, False, True])
    out = out.drop(columns="_v").reset_index(drop=True)
    out["rank"] = np.where(out["ranked"], np.arange(1, len(out) + 1), 0)
    return out[columns]


def satisfaction_over_time(
    feedback: pd.DataFrame,
    spec: PeriodSpec,
    periods: list[str],
    teams: Mapping[str, str],
    team: str | None = None,
) -> pd.DataFrame:
    """Return satisfaction per period of the company and of each team (or of one team).

    Columns: period, series ("Company" or the team), answers, top, middle, bottom, value.
    Periods without answers are left out; with `team`, the series are that team and the company.
    """
    columns = ["period", "series", "answers", *SCORE_COLUMNS, "value"]
    answers, kind = _answers(feedback, spec, periods, teams, None)
    if kind is None or answers.empty:
        return pd.DataFrame(columns=columns)
    company = _score_mix(answers, [S.PERIOD], kind).assign(series=COMPANY)
    with_team = answers[answers[S.TEAM].notna().to_numpy(bool)]
    if team is not None:
        with_team = with_team[(with_team[S.TEAM] == team).to_numpy(bool)]
    by_team = _score_mix(with_team, [S.PERIOD, S.TEAM], kind) if len(with_team) else None
    frames = [company] + (
        [by_team.rename(columns={S.TEAM: "series"})] if by_team is not None else []
    )
    out = pd.concat(frames, ignore_index=True).rename(columns={S.PERIOD: "period"})
    out = out.astype({"period": str, "series": str})
    out["_o"] = out["period"].map({p: i for i, p in enumerate(periods)})
    out = out.sort_values(["series", "_o"])
    return out[columns].reset_index(drop=True)


def _scope_rows(table: pd.DataFrame, team: str | None) -> pd.DataFrame:
    """Return the KPI rows of one team, or of the company when team is None."""
    if team is None:
        return table[(table["scope"] == "all").to_numpy(bool)]
    return table[((table["scope"] == "team") & (table["team"] == team)).to_numpy(bool)]


def retention_over_time(
    table: pd.DataFrame, periods: list[str], team: str | None = None
) -> pd.DataFrame:
    """Return customer retention and repeat-purchase share per period of a team or the company.

    Columns: period, key, label (from the registry), value (a fraction) and n (the accounts
    that bought the period before, for retention; the won deals with an account, for repeat
    purchases). Unknown values are left out.
    """
    rows = _scope_rows(table, team)
    rows = rows[(rows["kpi"].isin(RETENTION_KEYS) & rows["period"].isin(periods)).to_numpy(bool)]
    rows = rows.dropna(subset=["value"])
    out = pd.DataFrame(
        {
            "period": rows["period"].astype(str).to_numpy(),
            "key": rows["kpi"].astype(str).to_numpy(),
            "value": rows["value"].astype(float).to_numpy(),
            "n": rows["n"].astype(np.int64).to_numpy(),
        }
    )
    out.insert(2, "label", out["key"].map(lambda k: KPIS[k].label))
    order = {p: i for i, p in enumerate(periods)}
    out = out.assign(_o=out["period"].map(order)).sort_values(["key", "_o"])
    return out.drop(columns="_o").reset_index(drop=True)


def market_over_time(table: pd.DataFrame, periods: list[str]) -> pd.DataFrame:
    """Return the company's market share per period, with its revenue and the market's.

    Columns: period, share, revenue, market_revenue (revenue ÷ share; NaN when the share is 0).
    Periods without a known share are left out.
    """
    rows = _scope_rows(table, None)
    rows = rows[rows["period"].isin(periods).to_numpy(bool)]
    wide = rows.pivot_table(
        index="period", columns="kpi", values="value", aggfunc="first", observed=True
    )
    if "market_share" not in wide:
        return pd.DataFrame(columns=["period", "share", "revenue", "market_revenue"])
    wide = wide.dropna(subset=["market_share"])
    share, revenue = wide["market_share"], wide.get("revenue", pd.Series(np.nan, wide.index))
    out = pd.DataFrame(
        {
            "period": wide.index.astype(str),
            "share": share.to_numpy(float),
            "revenue": revenue.to_numpy(float),
            "market_revenue": (revenue / share.where(share > 0)).to_numpy(float),
        }
    )
    order = {p: i for i, p in enumerate(periods)}
    return out.sort_values("period", key=lambda s: s.map(order)).reset_index(drop=True)


def account_revenue(
    deals: pd.DataFrame,
    spec: PeriodSpec,
    periods: list[str],
    teams: Mapping[str, str],
    team: str | None = None,
) -> tuple[pd.DataFrame, float]:
    """Return the won revenue per account over the periods, biggest first, and the total.

    Columns: rank, account, revenue, deals (won), share (of the total) and cumulative (share of
    this account and every bigger one). The total is all revenue won in the periods, including
    deals without an account (which are in no row).
    """
    won = (deals[S.STATUS] == "won").to_numpy(bool) & deals[S.AMOUNT].notna().to_numpy(bool)
    rows = deals[won]
    rows = rows[period_labels(rows[S.CLOSE_DATE], spec).isin(periods).fillna(False).to_numpy(bool)]
    if team is not None:
        rows = rows[(row_teams(rows, teams) == team).fillna(False).to_numpy(bool)]
    total = float(rows[S.AMOUNT].astype(float).sum())
    if S.ACCOUNT not in rows or total <= 0:
        return pd.DataFrame(columns=SHARE_COLUMNS), total
    known = rows[rows[S.ACCOUNT].notna().to_numpy(bool)]
    grouped = known.groupby(known[S.ACCOUNT].astype(str), sort=False)[S.AMOUNT]
    out = pd.DataFrame({"revenue": grouped.sum().astype(float), "deals": grouped.size()})
    out = out.rename_axis("account").reset_index()
    out = out.sort_values(["revenue", "account"], ascending=[False, True]).reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    out["share"] = out["revenue"] / total
    out["cumulative"] = out["share"].cumsum()
    return out[SHARE_COLUMNS], total


def top_share(accounts: pd.DataFrame, top: int = TOP_ACCOUNTS) -> float | None:
    """Return the share of revenue the `top` biggest accounts bring (None without accounts)."""
    if accounts.empty:
        return None
    return float(accounts["cumulative"].iloc[min(top, len(accounts)) - 1])


def accounts_for_share(accounts: pd.DataFrame, share: float = 0.5) -> int | None:
    """Return how many of the biggest accounts bring at least `share` of revenue (None: never)."""
    reached = np.flatnonzero(accounts["cumulative"].to_numpy(float) >= share - 1e-12)
    return int(reached[0]) + 1 if len(reached) else None


def headline(
    data: Dataset,
    table: pd.DataFrame,
    spec: PeriodSpec,
    choice: PeriodChoice,
    team: str | None = None,
) -> Headline | None:
    """Return the numbers of the page's headline for the chosen period (None without one)."""
    if choice.current is None:
        return None
    now, before = choice.current, choice.previous or shift_period(choice.current, spec)
    teams = rep_teams(table)
    feedback = data.tables.get(S.CUSTOMER_FEEDBACK)
    kind = satisfaction_kind(feedback)
    sat: dict[str, float] = {}
    if feedback is not None and kind is not None:
        trend = satisfaction_over_time(feedback, spec, [before, now], teams, team)
        trend = trend[trend["series"] == (team or COMPANY)]
        sat = dict(zip(trend["period"], trend["value"].astype(float), strict=True))
    kept = retention_over_time(table, [before, now], team)
    kept = kept[kept["key"] == "customer_retention"]
    retention = dict(zip(kept["period"], kept["value"], strict=True))
    deals = data.tables.get(S.DEALS)
    shares: list[float | None] = [None, None]
    count = 0
    if deals is not None and S.ACCOUNT in deals:
        for i, end in enumerate((now, before)):
            accounts, _ = account_revenue(deals, spec, window_periods(end, spec), teams, team)
            shares[i] = top_share(accounts)
            count = count or min(TOP_ACCOUNTS, len(accounts))
    return Headline(
        now,
        before,
        kind,
        sat.get(now),
        sat.get(before),
        retention.get(now),
        retention.get(before),
        shares[0],
        shares[1],
        count,
    )


def _size(size: float, digits: int, words: str | None, lang: str) -> str:
    """A size of change written the language's way, with its unit ('5 pts', '1 punt', '0,2')."""
    text = F.number(size, lang, digits)
    if words is None:
        return text
    return t(f"customers.{words}.{F.plural(size, lang)}", lang, n=text)


def _moved(key: str, now: float, before: float | None, lang: str = "en") -> str:
    """Return the change as words: 'up 5 points', 'down 3 pts', 'no change'; '' when unknown."""
    if before is None:
        return ""
    delta = now - before
    unit = KPIS[key].unit
    digits = 0 if unit != "score" or key == "nps" else 1
    size = round(abs(delta) * 100 if unit == "percent" else abs(delta), digits)
    if size == 0:
        return t("formats.no_change", lang)
    words = "points" if key == "nps" else "pts" if unit == "percent" else None
    direction = "up" if delta > 0 else "down"
    return t(f"customers.{direction}", lang, size=_size(size, digits, words, lang))


def headline_text(h: Headline, window: str, lang: str = "en") -> str:
    """Return the headline as one sentence: this period's numbers, each with its change."""
    parts: list[tuple[str, str]] = []  # (part, its change in words)
    if h.satisfaction_key and h.satisfaction is not None:
        moved = _moved(h.satisfaction_key, h.satisfaction, h.satisfaction_before, lang)
        value = format_value(h.satisfaction_key, h.satisfaction, lang=lang)
        parts.append((t(f"customers.headline.{h.satisfaction_key}", lang, value=value), moved))
    if h.retention is not None:
        moved = _moved("customer_retention", h.retention, h.retention_before, lang)
        value = format_value("customer_retention", h.retention, lang=lang)
        parts.append((t("customers.headline.retention", lang, value=value), moved))
    if h.top_share is not None:
        moved = _moved("customer_retention", h.top_share, h.top_share_before, lang)
        many = "top_many" if h.top_accounts > 1 else "top_one"
        share = F.percent(h.top_share, lang)
        text = t(f"customers.headline.{many}", lang, n=h.top_accounts, share=share, window=window)
        parts.append((text, moved))
    if not parts:
        return t("customers.headline.none", lang, period=h.period)
    texts = [
        t("customers.headline.moved", lang, part=part, moved=moved) if moved else part
        for part, moved in parts
    ]
    last = t("customers.headline.and", lang)
    body = texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + last + texts[-1]
    return t("customers.headline.sentence", lang, period=h.period, body=body)


def format_delta(key: str, now: float | None, before: float | None, lang: str = "en") -> str | None:
    """Return a change for a card: '+5 pts' for shares, '+11' NPS points, '+0.2' CSAT; None."""
    if now is None or before is None:
        return None
    delta = now - before
    percent = KPIS[key].unit == "percent"
    # as many decimals as the value shows: 4.3% moves by tenths, 43% and NPS +37 by units
    decimals = 1 if (percent and ".1%" in KPIS[key].fmt) or key == "csat" else 0
    size = round(abs(delta) * 100 if percent else abs(delta), decimals)
    if size == 0:
        return t("formats.no_change", lang)
    return ("+" if delta > 0 else "-") + _size(size, decimals, "pts" if percent else None, lang)
