"""Team health: eNPS per team and survey round, the mood behind it, and the sales results beside it.

The eNPS is the registry's (`KPIS["enps"]`, also computed by `analysis.kpis.table`): % promoters (9–10)
minus % detractors (0–6 on a 0–10 scale, 1–6 on a 1–10 scale), passives 7–8. Here it is split
into its three groups, so a chart can show how many are unhappy, not only the net score.

A survey round is a period (month or quarter) in which anyone answered. A team with fewer than
`coaching.MIN_ENPS_ANSWERS` answers in a round is marked as having few answers: its eNPS is
shown but not ranked and never triggers a suggestion. Rows without a team count only for the
whole company ("All teams").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.coaching import plan as coaching
from analysis.kpis.labels import format_value
from analysis.kpis.query import kpi_value
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec, label_ordinal, period_labels
from analysis.words.catalogue import DEFAULT
from analysis.words.formats import MINUS
from analysis.words.message import Say, fmt

EVERYONE = S.ALL_TEAMS  # the whole company's row; `team_name` shows it in a language
FEW_ANSWERS = coaching.MIN_ENPS_ANSWERS  # fewer answers than this: shown, not ranked
SCALE_0_10, SCALE_1_10 = "0–10", "1–10"
GROUPS = ("Detractors", "Passives", "Promoters")
RESULT_KPIS = ("revenue", "target_attainment", "win_rate")
COLUMNS = [
    "team", "period", "answers", "detractors", "passives", "promoters", "detractor_share",
    "passive_share", "promoter_share", "enps", "scale", "few_answers", "rank",
]  # fmt: skip


def survey_scale(scores: pd.Series) -> str | None:
    """Return "0–10" or "1–10" for a round's scores; None when they are no eNPS.

    1–10 only when nobody answered 0 and somebody answered 1: a small 0–10 round often has no
    0 at all, and 0–10 is the usual eNPS scale (both count the same way). Scores of at most 5
    are a 1–5 survey, which has no eNPS (as `analysis.kpis.table` decides).
    """
    valid = scores[(scores >= 0) & (scores <= 10)]
    if valid.empty or valid.max() <= 5:
        return None
    return SCALE_1_10 if not (valid == 0).any() and (valid == 1).any() else SCALE_0_10


def detractor_range(scale: str | None) -> str:
    """Return the detractors' scores in words for the scale: '0–6' or '1–6'."""
    return "1–6" if scale == SCALE_1_10 else "0–6"


def _counts(scores: pd.DataFrame) -> pd.DataFrame:
    """Return answers and detractors / passives / promoters per (team, period) group."""
    score = scores[S.SCORE]
    counted = scores.assign(
        detractors=(score <= 6).astype(int),
        passives=((score > 6) & (score < 9)).astype(int),
        promoters=(score >= 9).astype(int),
        answers=1,
    )
    sums = counted.groupby(["team", "period"], observed=True, dropna=True)
    return sums[["answers", "detractors", "passives", "promoters"]].sum().reset_index()


def enps_frame(survey: pd.DataFrame | None, spec: PeriodSpec) -> pd.DataFrame:
    """Return per team (and "All teams") × survey round the groups, their shares and the eNPS.

    Columns: team, period, answers, detractors, passives, promoters (counts), detractor_share,
    passive_share, promoter_share (0…1), enps (−100…+100), scale ("0–10" / "1–10"),
    few_answers, rank (1 = best eNPS among the teams of the round with enough answers; NA for
    "All teams" and teams with few answers). Rows are in period order, teams by name, "All
    teams" last. Empty without a usable survey (the employee-survey table, canonical columns).
    """
    if survey is None or survey.empty or S.SCORE not in survey or S.DATE not in survey:
        return pd.DataFrame(columns=COLUMNS)
    score = pd.to_numeric(survey[S.SCORE], errors="coerce")
    rows = pd.DataFrame({S.SCORE: score, "period": period_labels(survey[S.DATE], spec)})
    rows["team"] = survey[S.TEAM].astype("string").str.strip() if S.TEAM in survey else pd.NA
    rows = rows[rows["period"].notna() & score.between(0, 10)]
    scales = {p: survey_scale(g[S.SCORE]) for p, g in rows.groupby("period")}
    rows = rows[rows["period"].map(scales).notna()]
    if rows.empty:
        return pd.DataFrame(columns=COLUMNS)
    teams = _counts(rows[rows["team"].notna() & (rows["team"] != "")])
    everyone = _counts(rows.assign(team=EVERYONE))
    out = pd.concat([teams, everyone], ignore_index=True)
    out["detractor_share"] = out["detractors"] / out["answers"]
    out["passive_share"] = out["passives"] / out["answers"]
    out["promoter_share"] = out["promoters"] / out["answers"]
    out["enps"] = 100 * (out["promoter_share"] - out["detractor_share"])
    out["scale"] = out["period"].map(scales)
    out["few_answers"] = out["answers"] < FEW_ANSWERS
    ranked = ~out["few_answers"] & (out["team"] != EVERYONE)
    out["rank"] = (
        out["enps"].where(ranked).groupby(out["period"]).rank(ascending=False, method="min")
    ).astype("Int64")
    order = out["period"].map(lambda p: label_ordinal(p, spec))
    out = out.assign(_o=order, _last=out["team"] == EVERYONE)
    out = out.sort_values(["_o", "_last", "team"]).drop(columns=["_o", "_last"])
    return out[COLUMNS].reset_index(drop=True)


def survey_rounds(frame: pd.DataFrame, upto: str | None, spec: PeriodSpec) -> list[str]:
    """Return the survey rounds (periods with answers) up to and including `upto`, in order."""
    periods = list(dict.fromkeys(frame["period"]))
    if upto is None:
        return periods
    last = label_ordinal(upto, spec)
    return [p for p in periods if label_ordinal(p, spec) <= last]


def _previous(rounds: Sequence[str], period: str) -> str | None:
    """Return the round before `period` among `rounds`, or None for the first."""
    at = list(rounds).index(period) if period in rounds else 0
    return rounds[at - 1] if at > 0 else None


@dataclass(frozen=True)
class TeamMood:
    """One team's eNPS in a survey round, the round before, and what that says."""

    team: str
    period: str
    enps: float
    answers: int
    before: float | None  # eNPS in the round before (None: no answers then)
    previous: str | None  # that round's period
    rank: int | None  # None: few answers (or the whole company)
    few_answers: bool

    @property
    def change(self) -> float | None:
        """Return the eNPS change since the round before (points), None without one."""
        return None if self.before is None else self.enps - self.before


def moods(frame: pd.DataFrame, period: str, rounds: Sequence[str]) -> list[TeamMood]:
    """Return every team's mood in a round (lowest eNPS first, few-answer teams last, then all)."""
    previous = _previous(rounds, period)
    before = frame[frame["period"] == previous].set_index("team")["enps"] if previous else None
    out = []
    for row in frame[frame["period"] == period].itertuples(index=False):
        was = None if before is None or row.team not in before.index else float(before[row.team])
        rank = None if pd.isna(row.rank) else int(row.rank)
        out.append(
            TeamMood(
                str(row.team), period, float(row.enps), int(row.answers), was,
                previous, rank, bool(row.few_answers),
            )
        )  # fmt: skip
    return sorted(out, key=lambda m: (m.team == EVERYONE, m.few_answers, m.enps, m.team))


@dataclass(frozen=True)
class Enps:
    """An eNPS to be written where it is shown, with a real minus sign: '+14', '−62', '0'; '—'."""

    value: float | None

    def text(self, lang: str = DEFAULT) -> str:
        """Return the eNPS as users read it in `lang`."""
        text = format_value("enps", self.value, lang=lang)
        return "0" if text in ("+0", "-0") else text.replace("-", MINUS)


def team_words(team: str) -> Say | str:
    """Return a team as the page names it: its name, or 'All teams' in the reader's language."""
    return Say("overview.all_teams") if team == EVERYONE else team


def _change_words(mood: TeamMood) -> Say | str:
    """Return ', down from +14' / ', up from −10' / ', as in the round before'; '' for none."""
    if mood.before is None:
        return ""
    if round(mood.enps) == round(mood.before):
        return Say("health.change.same")
    moved = "down" if mood.enps < mood.before else "up"
    return Say(f"health.change.{moved}", before=Enps(mood.before))


def headline(teams: Sequence[TeamMood]) -> Say:
    """Return the point of the page: the lowest team with enough answers, its change and answers.

    'Team South: eNPS −62, down from +14 — lowest team, 5 answers'. Without a team with enough
    answers it says so; without teams at all it gives the company's eNPS.
    """
    ranked = [m for m in teams if m.team != EVERYONE and not m.few_answers]
    if ranked:
        low = min(ranked, key=lambda m: (m.enps, m.team))
        where = Say(f"health.headline.{'lowest' if len(ranked) > 1 else 'only'}")
        return Say(
            "health.headline.team", team=low.team, enps=Enps(low.enps), change=_change_words(low),
            where=where, answers=fmt("number", low.answers),
        )  # fmt: skip
    company = next((m for m in teams if m.team == EVERYONE), None)
    if company is None:
        return Say("health.headline.no_answers")
    enps, answers = Enps(company.enps), fmt("number", company.answers)
    if any(m.team != EVERYONE for m in teams):
        return Say("health.headline.too_few", n=FEW_ANSWERS, enps=enps, answers=answers)
    change = _change_words(company)
    return Say("health.headline.company", enps=enps, change=change, answers=answers)


def suggestions(teams: Sequence[TeamMood]) -> list[coaching.Suggestion]:
    """Return the coaching catalogue's people-side suggestions for low or falling teams."""
    enps = {m.team: (m.enps, m.before, m.answers) for m in teams if m.team != EVERYONE}
    return coaching.team_plan([], enps)


def results_frame(
    table: pd.DataFrame, periods: Sequence[str], teams: Sequence[str]
) -> pd.DataFrame:
    """Return the teams' eNPS and sales KPIs per period, from the long KPI table, as rows.

    Columns: team, period, kpi (eNPS plus `RESULT_KPIS`), value (None where unknown).
    """
    rows = [
        (team, period, key, kpi_value(table, key, period, team=None if team == EVERYONE else team))
        for team in teams
        for period in periods
        for key in ("enps", *RESULT_KPIS)
    ]
    return pd.DataFrame(rows, columns=["team", "period", "kpi", "value"])
