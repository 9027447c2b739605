"""Customer satisfaction per rep and over time, straight from the customer feedback rows.

Satisfaction comes from the feedback rows, so that each rep's mix of high, middle and low
scores (promoters, passives and detractors for NPS) can be shown, and so that an export holding
only feedback (a call-centre log) still shows it. NPS and CSAT follow the registry's
definitions (`KPIS["nps"]`, `KPIS["csat"]`) and the scale choice of `kpis.feedback_scales`.
Retention and market share are in `customers.retention`, revenue per account in
`customers.accounts`, the page's headline and view models in `customers.headline` and
`customers.views`.

Teams: a row counts for the team of its rep as the KPI table has it (the reps list first), and a
row without a known rep for its own team column, as in the KPI table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from analysis.kpis.query import REP, KpiTable
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
)
from analysis.words.message import Say, fmt

MIN_ANSWERS = 10  # fewer answers than this in the window: shown, but not ranked
COMPANY = "Company"
# The three groups of scores per scale: (label, lowest score, highest score), best first.
GROUPS = {
    "nps": (("Promoters (9–10)", 9, 10), ("Passives (7–8)", 7, 8), ("Detractors (0–6)", 0, 6)),
    "csat": (("Satisfied (4–5)", 4, 5), ("Neutral (3)", 3, 3), ("Dissatisfied (1–2)", 1, 2)),
}
SCORE_COLUMNS = ("top", "middle", "bottom")  # shares of the three groups, in GROUPS order


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
    reps = KpiTable(table).rows(REP)[["rep", "team"]].dropna().drop_duplicates("rep")
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


def period_choice(data: Dataset, spec: PeriodSpec) -> PeriodChoice:
    """Return the period to show; from the feedback dates when nothing else in the data is dated.

    Feedback dates decide only for an export of customer feedback alone (a call-centre log):
    its last complete period, like `periods.current_and_previous` does for sales data. The
    note says which period is shown.
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
    date = fmt("data_day", last)  # ISO in English, as the sales data's note; '2 mrt 2021' in Dutch
    note = Say("customers.note.complete", period=label, date=date)
    if last < last_working_day(label, spec) and label == labels.iloc[0]:
        note = Say("customers.note.partial", period=label, date=date)
    elif last < last_working_day(label, spec):
        partial, label = label, shift_period(label, spec)
        note = Say("customers.note.skipped", period=label, partial=partial, date=date)
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
