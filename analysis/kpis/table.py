"""Every KPI of the registry, per rep, team and the whole company, for every period at once.

Each table's KPIs are computed here from the stacked (reps + teams + company) × periods cells
of `analysis.kpis.cells`, with no Python loop over reps or periods. The result is a long table,
one row per (scope, team, rep, period, kpi) with the value (NaN where unknown) and the sample
size behind it.

Who and when. A row counts for its rep, for the rep's team (from the reps list, else the team
the rep appears with most often in the deals, then in the other tables) and for the company; a
row without a rep counts for its own team. A rep (or team) gets rows from the first to the last
period in which they have any deal, activity or lead (eNPS also where a team answered the
survey); in between, a period without any is a real zero for counts and revenue, while rates
without a denominator stay unknown. KPIs of a table are unknown outside the periods that table
covers. `kpis.query` turns unknown into None, never 0 and never NaN.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from analysis.kpis.cells import (
    SCOPES,
    Cells,
    Index,
    RowCells,
    build_index,
    company_window,
    ratio,
    row_spans,
    sorted_rows,
    stacked_labels,
)
from analysis.kpis.registry import KPIS
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import (
    MISSING,
    PeriodSpec,
    label_ordinal,
    month_share_so_far,
    period_ordinals,
)

COLUMNS = ["scope", "team", "rep", "period", "kpi", "value", "n"]
ACTIVITY_TYPES = {  # tried in this order: a "demo call" is a demo
    "demo": r"demo|presentat",
    "meeting": r"meet|afspraak|bezoek|visit|vergader|overleg",
    "email": r"mail",
    "call": r"call|phone|tel|bel",
}
REVENUE_METRIC = S.REVENUE_METRIC
STATUSES = ("won", "lost", "open")
Result = dict[str, tuple[Cells, Cells, np.ndarray]]  # key → (value, n, periods it may show)


def _floats(frame: pd.DataFrame, column: str) -> np.ndarray:
    return frame[column].to_numpy(dtype=float, na_value=np.nan)


def _deal_kpis(idx: Index, deals: pd.DataFrame) -> Result:
    """Return revenue, deal counts, win rate, deal size, cycle, pipeline, retention, repeat buys."""
    codes, uniques = pd.factorize(deals[S.STATUS])
    status = {name: (np.asarray(uniques, dtype=object) == name)[codes] for name in STATUSES}
    who, close, amount = (
        idx.who(S.DEALS, deals),
        idx.period(deals[S.CLOSE_DATE]),
        _floats(deals, S.AMOUNT),
    )
    won = status["won"] & ~np.isnan(amount)
    amount = np.nan_to_num(amount)
    guessed = deals.get(S.OUTCOME_GUESSED)
    outcome_known = guessed is None or not bool(guessed.fillna(False).astype(bool).all())
    closing = RowCells(idx, who, np.where(status["won"] | status["lost"], close, -1))
    won_n, closed, revenue = closing.sum(won), closing.sum(), closing.sum(amount * won)
    has_created = S.CREATED_DATE in deals and deals[S.CREATED_DATE].notna().any()
    created = idx.period(deals[S.CREATED_DATE]) if has_created else np.full(len(deals), -1)
    made = RowCells(idx, who, created).sum()
    window = company_window(made + closed)
    avg = ratio(revenue, won_n)
    size = closing.median(amount, sorted_rows(amount, won))
    out: Result = {
        "revenue": (revenue, won_n, window),
        "closed_deals": (closed, closed, window),
        "won_deals": (won_n, won_n, window),
        # Order data without any stage or status: every row is a sale, so no win rate.
        "win_rate": (ratio(won_n, closed) if outcome_known else won_n * np.nan, closed, window),
        "avg_deal_size": (avg, won_n, window),
        "median_deal_size": (size, won_n, window),
    }
    if has_created:
        days = (deals[S.CLOSE_DATE] - deals[S.CREATED_DATE]).dt.total_seconds() / 86400
        days = days.to_numpy(dtype=float, na_value=np.nan)
        cycle = closing.median(days, sorted_rows(days, won & (days >= 0)))
        out["new_deals"] = (made, made, window)
        out["cycle_days"] = (cycle, closing.sum(won & (days >= 0)), window)
        # Open at the start of period p: created before p, and not won or lost before p.
        P = len(idx.periods)
        start = np.where(created >= 0, created + 1, P)
        stop = np.where(status["open"], P, np.where(close >= 0, close + 1, 0))
        live = start < stop
        opened = RowCells(idx, who, np.where(live, start, -1), P + 1)
        ended = RowCells(idx, who, np.where(live, stop, -1), P + 1)
        open_n = np.cumsum(opened.sum() - ended.sum(), axis=1)[:, :-1].round()
        open_v = np.cumsum(opened.sum(amount) - ended.sum(amount), axis=1)[:, :-1]
        later = window & (np.arange(P) > np.argmax(window))  # earlier deals are unknown
        velocity = ratio(open_n * ratio(won_n, closed) * avg, cycle)
        out["pipeline_value"] = (open_v, open_n, later)
        out["pipeline_velocity"] = (velocity, open_n, later)
    if S.ACCOUNT in deals and deals[S.ACCOUNT].notna().any():
        base, again = _retention(closing, np.flatnonzero(won), deals[S.ACCOUNT])
        out["customer_retention"] = (ratio(again, base), base, window)
        known = won & deals[S.ACCOUNT].notna().to_numpy(bool)
        repeat = known & _bought_before(deals, known)
        with_history = window & (np.arange(len(idx.periods)) > np.argmax(window))
        share = ratio(closing.sum(amount * repeat), closing.sum(amount * known))
        out["repeat_purchase_share"] = (share, closing.sum(known), with_history)
    return out


def _bought_before(deals: pd.DataFrame, won: np.ndarray) -> np.ndarray:
    """Return per row whether its account had won a deal on an earlier day (for `won` rows)."""
    day = deals[S.CLOSE_DATE].dt.normalize().where(pd.Series(won, index=deals.index))
    first = day.groupby(deals[S.ACCOUNT], sort=False).transform("min")
    return (day > first).fillna(False).to_numpy(bool)


def _retention(closing: RowCells, won: np.ndarray, account: pd.Series) -> tuple[Cells, Cells]:
    """Return per cell the accounts that bought in the period before, and how many bought again."""
    acct, uniques = pd.factorize(account.iloc[won])
    A, P = max(len(uniques), 1), closing.width
    keys = np.concatenate(closing.keys(won))
    acct = np.tile(acct, 3)
    ok = (keys >= 0) & (acct >= 0)
    cell, acct = keys[ok], acct[ok]
    combo = np.sort((cell // P * A + acct) * P + cell % P)  # (who, account, period)
    combo = combo[np.append(True, combo[1:] != combo[:-1])] if len(combo) else combo
    per, who = combo % P, combo // P // A
    following = np.minimum(np.searchsorted(combo, combo + 1), max(len(combo) - 1, 0))
    again = (combo[following] == combo + 1) if len(combo) else combo > 0
    to = np.where(per < P - 1, who * P + per + 1, -1)  # counted in the following period
    size = closing.idx.rows * P
    base = np.bincount(to[to >= 0], minlength=size).reshape(-1, P)
    return base.astype(float), np.bincount(to[to >= 0], again[to >= 0], minlength=size).reshape(
        -1, P
    )


def _activity_kpis(idx: Index, acts: pd.DataFrame) -> Result:
    """Return the number of activities, in all and per type."""
    who, per = idx.who(S.ACTIVITIES, acts), idx.period(acts[S.DATE])
    kinds = len(ACTIVITY_TYPES)
    kind = np.full(len(acts), kinds)  # kinds: the position in ACTIVITY_TYPES, or "other"
    if S.TYPE in acts and acts[S.TYPE].notna().any():
        codes, uniques = pd.factorize(acts[S.TYPE])
        names = pd.Series(uniques, dtype="string").str.lower()
        lookup = np.full(len(uniques) + 1, kinds)
        for k, pattern in reversed(list(enumerate(ACTIVITY_TYPES.values()))):
            lookup[:-1][names.str.contains(pattern).fillna(False).to_numpy(bool)] = k
        kind = lookup[codes]
    # one count per (period, kind): the kind is folded into the period position
    folded = RowCells(
        idx, who, np.where(per >= 0, per * (kinds + 1) + kind, -1), (kinds + 1) * len(idx.periods)
    )
    counts = folded.sum().reshape(idx.rows, len(idx.periods), kinds + 1)
    total = counts.sum(axis=2)
    window = company_window(total)
    out: Result = {"activities": (total, total, window)}
    if S.TYPE in acts and acts[S.TYPE].notna().any():
        for k, name in enumerate(ACTIVITY_TYPES):
            out[f"activities_{name}"] = (counts[:, :, k], counts[:, :, k], window)
    return out


def _lead_kpis(idx: Index, leads: pd.DataFrame) -> Result:
    """Return new leads, lead conversion and response time."""
    cells = RowCells(idx, idx.who(S.LEADS, leads), idx.period(leads[S.CREATED_AT]))
    count = cells.sum()
    window = company_window(count)
    out: Result = {"new_leads": (count, count, window)}
    converted = None
    if S.CONVERTED in leads and leads[S.CONVERTED].notna().any():
        converted = leads[S.CONVERTED].astype("boolean").to_numpy(float, na_value=np.nan)
    elif S.CONVERTED_AT in leads and leads[S.CONVERTED_AT].notna().any():
        converted = leads[S.CONVERTED_AT].notna().to_numpy(float)
    if converted is not None:
        known = cells.sum(~np.isnan(converted))
        yes = cells.sum(np.nan_to_num(converted))
        out["lead_conversion"] = (ratio(yes, known), known, window)
    if S.FIRST_RESPONSE_AT in leads and leads[S.FIRST_RESPONSE_AT].notna().any():
        wait = (leads[S.FIRST_RESPONSE_AT] - leads[S.CREATED_AT]).dt.total_seconds() / 3600
        hours = wait.to_numpy(dtype=float, na_value=np.nan)
        hours = np.where(hours >= 0, hours, np.nan)
        median = cells.median(hours, sorted_rows(hours, np.ones(len(hours), bool)))
        out["lead_response_hours"] = (median, cells.sum(~np.isnan(hours)), window)
    return out


def _nps(cells: RowCells, score: np.ndarray, ok: np.ndarray) -> tuple[Cells, Cells]:
    """Return % promoters (9–10) − % detractors (≤ 6) per cell, and the number of answers."""
    n = cells.sum(ok)
    net = cells.sum(ok * ((score >= 9).astype(float) - (score <= 6)))
    return 100 * ratio(net, n), n


def feedback_scales(feedback: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Return which answers are CSAT scores (1–5) and which NPS scores (0–10), per row.

    Answers are CSAT when no score is above 5, NPS otherwise; a scale column saying "NPS" or
    "CSAT" decides per row. Scores outside their scale are neither.
    """
    score = _floats(feedback, S.SCORE)
    is_csat = np.full(len(score), np.nanmax(score, initial=0) <= 5)
    if S.SCALE in feedback:  # a scale column names it per row
        scale = feedback[S.SCALE].astype("string").str.lower()
        is_csat[scale.str.contains("nps").fillna(False).to_numpy(bool)] = False
        is_csat[scale.str.contains("csat").fillna(False).to_numpy(bool)] = True
    return is_csat & (score >= 1) & (score <= 5), ~is_csat & (score >= 0) & (score <= 10)


def _feedback_kpis(idx: Index, feedback: pd.DataFrame) -> Result:
    """Return CSAT (1–5 scores) or NPS (0–10 scores) of customer feedback."""
    cells = RowCells(idx, idx.who(S.CUSTOMER_FEEDBACK, feedback), idx.period(feedback[S.DATE]))
    score = _floats(feedback, S.SCORE)
    csat_ok, nps_ok = feedback_scales(feedback)
    window = company_window(cells.sum())
    out: Result = {}
    if csat_ok.any():
        n = cells.sum(csat_ok)
        out["csat"] = (ratio(cells.sum(np.where(csat_ok, score, 0)), n), n, window)
    if nps_ok.any():
        out["nps"] = (*_nps(cells, score, nps_ok), window)
    return out


def _survey_kpis(idx: Index, survey: pd.DataFrame) -> Result:
    """Return eNPS per team and company (answers on 0–10 or 1–10; a 1–5 scale is no eNPS)."""
    cells = RowCells(idx, idx.who(S.EMPLOYEE_SURVEY, survey), idx.period(survey[S.DATE]))
    score = _floats(survey, S.SCORE)
    ok = (score >= 0) & (score <= 10)
    if np.nanmax(np.where(ok, score, np.nan), initial=0) <= 5:
        return {}
    value, n = _nps(cells, score, ok)
    return {"enps": (value, n, company_window(n))}


def _spread(idx: Index, frame: pd.DataFrame, value: str) -> tuple[np.ndarray, ...]:
    """Return (row, period position, value) with each row's value spread evenly by month."""
    month_spec = PeriodSpec("month")
    start = period_ordinals(frame[S.PERIOD], month_spec)
    end = period_ordinals(frame["period_end"], month_spec) if "period_end" in frame else start + 1
    ok = (start != MISSING) & (end != MISSING) & (end > start)
    months = np.where(ok, end - start, 0)
    row = np.repeat(np.arange(len(frame)), months)
    month = start[row] + np.arange(len(row)) - np.repeat(np.cumsum(months) - months, months)
    per = (month - idx.spec.fiscal_start_month + 1) // 3 if idx.spec.grain == "quarter" else month
    share = month_share_so_far(month, per, idx.spec)
    per = per - idx.first
    per = np.where((per >= 0) & (per < len(idx.periods)), per, -1)
    amount = _floats(frame, value)[row] / months[row] * share
    return row, per, np.nan_to_num(amount)


def _targets(idx: Index, targets: pd.DataFrame) -> tuple[Cells, Cells]:
    """Return the target per stacked cell (NaN: none) and the number of target rows behind it.

    Reps: their own targets. Teams: the team's own target where given, else the sum of its reps'
    targets. Company: a company target where given, else the sum of the team targets and of
    the targets of reps without a team.
    """
    if S.METRIC in targets and targets[S.METRIC].notna().any():
        metric = targets[S.METRIC].astype("string").str.lower()
        keep = metric.isna() | metric.str.contains(REVENUE_METRIC).fillna(False)
        targets = targets[keep.to_numpy(bool) | (metric.nunique() == 1)]
    row, per, amount = _spread(idx, targets, S.TARGET)
    rep, team = (a[row] for a in idx.who(S.TARGETS, targets))
    once = np.zeros(len(row))
    once[np.unique(row * len(idx.periods) + per, return_index=True)[1]] = 1  # count a row once

    def cells(mask: np.ndarray) -> tuple[Cells, Cells]:
        found = RowCells(idx, (rep, team), np.where(mask, per, -1))
        return found.sum(amount), found.sum(once)

    (of_reps, of_reps_n), (own, own_n) = cells(rep >= 0), cells((rep < 0) & (team >= 0))
    company, company_n = cells((rep < 0) & (team < 0))
    teams = slice(len(idx.reps), -1)
    value = np.where(own_n > 0, own, of_reps)
    n = np.where(own_n > 0, own_n, of_reps_n)
    loose = of_reps[-1] - of_reps[teams].sum(axis=0)  # reps without a team
    loose_n = of_reps_n[-1] - of_reps_n[teams].sum(axis=0)
    value[-1] = np.where(company_n[-1] > 0, company[-1], value[teams].sum(axis=0) + loose)
    n[-1] = np.where(company_n[-1] > 0, company_n[-1], n[teams].sum(axis=0) + loose_n)
    return np.where(n > 0, value, np.nan).round(2), n


def _market(idx: Index, market: pd.DataFrame) -> Cells:
    """Return the market revenue per period in the company row (all segments added up)."""
    _, per, amount = _spread(idx, market, S.MARKET_REVENUE)
    out = np.full((idx.rows, len(idx.periods)), np.nan)
    known = np.bincount(per[per >= 0], minlength=len(idx.periods)) > 0
    total = np.bincount(per[per >= 0], amount[per >= 0], minlength=len(idx.periods))
    out[-1] = np.where(known, total.round(2), np.nan)
    return out


def _combined(idx: Index, res: Result, span: np.ndarray, data: Dataset) -> None:
    """Add the KPIs that combine tables: attainment, coverage, per activity, per rep, share."""
    if "revenue" not in res:
        return
    revenue, won, window = res["revenue"]
    if S.TARGETS in data.tables:
        target, target_n = _targets(idx, data.tables[S.TARGETS])
        res["target"] = (target, target_n, window)
        res["target_attainment"] = (ratio(revenue, target), won, window)
        if "pipeline_value" in res:
            pipe, open_n, later = res["pipeline_value"]
            res["pipeline_coverage"] = (ratio(pipe, target), open_n, later)
    if "activities" in res:
        acts, _, act_window = res["activities"]
        res["revenue_per_activity"] = (ratio(revenue, acts), acts, window & act_window)
        res["activities_per_won_deal"] = (ratio(acts, won), won, window & act_window)
    if S.MARKET in data.tables:
        res["market_share"] = (ratio(revenue, _market(idx, data.tables[S.MARKET])), won, window)
    active = idx.roll_up(span[: len(idx.reps)].astype(float))
    res["revenue_per_rep"] = (ratio(revenue, active), active, window)
    res["deals_per_rep"] = (ratio(won, active), active, window)


def kpi_table(data: Dataset, spec: PeriodSpec) -> pd.DataFrame:
    """Return every KPI per rep, team and company and period: one row per value (long table)."""
    idx = build_index(data, spec)
    scope = np.repeat(np.arange(3), [len(idx.reps), len(idx.teams), 1])
    if not idx.periods:
        return _frame(idx, [])
    res: Result = {}
    for table, compute in (
        (S.DEALS, _deal_kpis),
        (S.ACTIVITIES, _activity_kpis),
        (S.LEADS, _lead_kpis),
        (S.CUSTOMER_FEEDBACK, _feedback_kpis),
        (S.EMPLOYEE_SURVEY, _survey_kpis),
    ):
        if table in data.tables and len(data.tables[table]):
            res |= compute(idx, data.tables[table])
    shape = (idx.rows, len(idx.periods))
    seen = [k for k in ("closed_deals", "new_deals", "activities", "new_leads") if k in res]
    # A log of customer scores alone (a call centre's) still has its periods: those answered.
    seen = seen or [k for k in ("csat", "nps") if k in res]
    span = row_spans(shape, [res[k][1] for k in seen])
    spans = {"enps": span | row_spans(shape, [res["enps"][1]])} if "enps" in res else {}
    _combined(idx, res, span, data)
    keys = list(KPIS)
    parts = []
    for key, (value, n, window) in res.items():
        allowed = np.isin(scope, [SCOPES.index(s) for s in KPIS[key].scopes])
        row, per = np.nonzero(spans.get(key, span) & window[None, :] & allowed[:, None])
        parts.append((row, per, np.full(len(row), keys.index(key)), value[row, per], n[row, per]))
    return _frame(idx, parts)


def _frame(idx: Index, parts: list[tuple[np.ndarray, ...]]) -> pd.DataFrame:
    """Return the long KPI table from (stacked row, period, kpi, value, n) parts."""
    row, per, kpi, value, n = (
        np.concatenate([p[i] for p in parts]) if parts else np.zeros(0, np.int64) for i in range(5)
    )
    return pd.DataFrame(
        {
            **stacked_labels(idx, row),
            "period": pd.Categorical.from_codes(per, idx.periods, ordered=True),
            "kpi": pd.Categorical.from_codes(kpi, list(KPIS)),
            "value": value.astype(float),
            "n": n.round().astype(np.int64),
        },
        columns=COLUMNS,
    )


def targets_of(data: Dataset, spec: PeriodSpec, period: str) -> pd.DataFrame:
    """Return scope, team, rep and target of every rep, team and the company for one period.

    Unlike the KPI table this works for a period the data does not reach yet (next quarter's
    targets are often in the export before any deal of it is); NaN where there is no target.
    """
    columns = ["scope", "team", "rep", "target"]
    if S.TARGETS not in data.tables or not len(data.tables[S.TARGETS]):
        return pd.DataFrame(columns=columns)
    idx = replace(build_index(data, spec), periods=[period], first=label_ordinal(period, spec))
    target, _ = _targets(idx, data.tables[S.TARGETS])
    rows = np.arange(idx.rows)
    return pd.DataFrame({**stacked_labels(idx, rows), "target": target[:, 0]}, columns=columns)
