"""Lead response and conversion: how fast reps answer, and whether faster answers convert better.

Response times per rep and period come from the KPI table (`lead_response_hours`: the median
hours to the first response of the leads that got one; `new_leads`: all leads), so the numbers
here are the ones every other screen shows. Conversion by response-time band and by source is
counted on the leads themselves, over every lead created up to the end of the period shown:
one quarter holds too few slow answers to tell anything.

A response dated before the lead came in is a data error: it counts as no usable answer in the
KPIs, and is left out of the bands (it belongs to none). Leads without a rep count for the
company only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import ndtr  # the normal CDF scipy.stats.norm calls; stats loads lazily

from analysis.kpis.overview import trend_frame
from analysis.kpis.query import COMPANY, REP, KpiTable
from analysis.kpis.shown import Shown, shown
from analysis.model import schema as S
from analysis.words.catalogue import t
from analysis.words.message import Joined, Say, fmt, joined

RESPONSE, CONVERSION, LEADS_KPI = "lead_response_hours", "lead_conversion", "new_leads"
Z95 = 1.959964  # the normal quantile of a two-sided 95% interval
SIGNIFICANT = 0.05  # below this p-value a difference is called unlikely to be chance
MIN_LEADS = 30  # answered leads with a known outcome needed before the bands say anything
MIN_BAND_LEADS = 20  # leads a band needs to be quoted in the sentence
MIN_ANSWERED = 5  # answered leads a rep needs in the period to be named the slowest
HISTORY = 6  # periods before the current one that make a rep's usual level
NEVER = t("leads.band.never.label")
NO_SOURCE = t("leads.no_source")
BAND_COLUMNS = ["band", "leads", "converted", "rate", "low", "high"]
SOURCE_COLUMNS = [*BAND_COLUMNS[1:], "median_hours", "answered"]
REP_COLUMNS = ["rep", "team", "median_hours", "answered", "unanswered", "leads"]


@dataclass(frozen=True)
class Band:
    """A response-time band: its label, hours from (inclusive) and to (exclusive), and a phrase."""

    label: str  # in English, as in the frames: a code; `band_label` gives its words
    low: float
    high: float
    phrase: str  # completes "leads answered …"
    key: str = ""  # its texts in the catalogue: leads.band.<key>.label / .phrase


def _band(key: str, low: float, high: float) -> Band:
    return Band(t(f"leads.band.{key}.label"), low, high, t(f"leads.band.{key}.phrase"), key)


BANDS = (
    _band("hour", 0.0, 1.0),
    _band("hours", 1.0, 4.0),
    _band("day", 4.0, 24.0),
    _band("days", 24.0, 72.0),
    _band("later", 72.0, np.inf),
)
BAND_LABELS = (*(b.label for b in BANDS), NEVER)
_BAND_KEYS = {**{b.label: b.key for b in BANDS}, NEVER: "never"}


def band_label(label: str) -> Say | str:
    """Return a band's label ('Within 1 hour', 'Never answered'); other text as it is."""
    key = _BAND_KEYS.get(label)
    return Say(f"leads.band.{key}.label") if key else label


def source_label(source: str) -> Say | str:
    """Return a lead source as shown: the data's own name, `NO_SOURCE` as a `Say`."""
    return Say("leads.no_source") if source == NO_SOURCE else source


@dataclass(frozen=True)
class Verdict:
    """The answer to "do faster answers convert better?": yes, no, unclear or too_few, and why."""

    answer: str
    sentence: Say
    z: float | None  # trend statistic: negative when conversion falls as answers get slower
    p_value: float | None


@dataclass(frozen=True)
class ResponsePoint:
    """The point of the response section: the team's median now and before, and the slowest rep."""

    team_hours: float | None
    team_previous: float | None
    slowest: str | None
    slowest_hours: float | None
    slowest_usual: float | None  # the slowest rep's median over the periods before
    team_text: Say  # "Median first answer 2.6 h in 2026-Q3, down from 2.8 h."
    rep_text: Say | None  # "Lucas Vos is slowest at 7.4 h, usually 2.3 h." (None: no rep named)

    @property
    def sentence(self) -> Say | Joined:
        """Return the whole point in one line."""
        return joined([self.team_text, self.rep_text], " ") if self.rep_text else self.team_text


def hours_shown(hours: float | None) -> Shown:
    """Return hours to be written as users read them: '2.5 h' / '2,5 u' ('—' when unknown)."""
    return shown(RESPONSE, hours)


def response_hours(leads: pd.DataFrame) -> pd.Series:
    """Return the hours from each lead coming in to its first response (NaN when none)."""
    if S.FIRST_RESPONSE_AT not in leads:
        return pd.Series(np.nan, index=leads.index, dtype=float)
    wait = (leads[S.FIRST_RESPONSE_AT] - leads[S.CREATED_AT]).dt.total_seconds() / 3600
    return wait.astype(float)


def outcomes(leads: pd.DataFrame) -> pd.Series:
    """Return per lead whether it converted into a deal (a nullable boolean; NA when unknown)."""
    if S.CONVERTED in leads and leads[S.CONVERTED].notna().any():
        return leads[S.CONVERTED].astype("boolean")
    if S.CONVERTED_AT in leads and leads[S.CONVERTED_AT].notna().any():
        return leads[S.CONVERTED_AT].notna().astype("boolean")
    return pd.Series(pd.NA, index=leads.index, dtype="boolean")


def bands(leads: pd.DataFrame) -> pd.Series:
    """Return each lead's response-time band label (NA for a response dated before the lead)."""
    hours = response_hours(leads).to_numpy(float)
    out = np.full(len(hours), None, dtype=object)
    out[np.isnan(hours)] = NEVER
    for band in BANDS:
        out[(hours >= band.low) & (hours < band.high)] = band.label
    return pd.Series(out, index=leads.index, dtype="string")


def wilson_interval(converted: np.ndarray, leads: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the low and high ends of the 95% Wilson interval of converted / leads (NaN at 0)."""
    x, n = np.asarray(converted, float), np.asarray(leads, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = x / n
        z2 = Z95**2
        centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        half = Z95 * np.sqrt(p * (1 - p) / n + z2 / (4 * n**2)) / (1 + z2 / n)
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


def _rates(groups: pd.Series, converted: pd.Series, order: list[str]) -> pd.DataFrame:
    """Return leads, converted, rate and its interval per group, in this order."""
    known = converted.notna().to_numpy(bool)
    frame = pd.DataFrame({"group": groups[known], "yes": converted[known].astype(float)})
    counts = frame.groupby("group", observed=True)["yes"].agg(["size", "sum"])
    counts = counts.reindex(order, fill_value=0)
    n, x = counts["size"].to_numpy(float), counts["sum"].to_numpy(float)
    low, high = wilson_interval(x, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(n > 0, x / n, np.nan)
    return pd.DataFrame(
        {"leads": n.astype(int), "converted": x.astype(int), "rate": rate, "low": low, "high": high}
    )


def _until(leads: pd.DataFrame, end: pd.Timestamp | None) -> pd.DataFrame:
    """Return the leads created before `end` (all of them when None)."""
    created = leads[S.CREATED_AT]
    return leads[(created.notna() & (created < end if end is not None else True)).to_numpy(bool)]


def conversion_by_band(leads: pd.DataFrame, end: pd.Timestamp | None = None) -> pd.DataFrame:
    """Return per response-time band (fastest first, never answered last) the leads with a known
    outcome, how many converted, the rate and its 95% interval (low, high)."""
    leads = _until(leads, end)
    out = _rates(bands(leads), outcomes(leads), list(BAND_LABELS))
    out.insert(0, "band", list(BAND_LABELS))
    return out[BAND_COLUMNS]


def trend_test(leads: np.ndarray, converted: np.ndarray) -> tuple[float | None, float | None]:
    """Return the Cochran–Armitage trend statistic z and its two-sided p-value over ordered
    groups (scores 0, 1, 2, …); None when the groups cannot show a trend."""
    n, x = np.asarray(leads, float), np.asarray(converted, float)
    total, yes = n.sum(), x.sum()
    scores = np.arange(len(n), dtype=float)
    spread = (scores**2 * n).sum() - (scores * n).sum() ** 2 / total if total else 0.0
    if total == 0 or yes in (0, total) or spread <= 0:
        return None, None
    share = yes / total
    statistic = (scores * (x - n * share)).sum()
    z = float(statistic / np.sqrt(share * (1 - share) * spread))
    return z, float(2 * ndtr(-abs(z)))  # = 2 · norm.sf(|z|)


def _p_text(p: float) -> Say:
    """Return a p-value as a reader sees it: 'p < 0.001', 'p = 0.03' / 'p = 0,03'."""
    if p < 0.001:
        return Say("leads.p_below", p=fmt("number", 0.001, digits=3))
    rounded = f"{p:.2g}"  # two significant digits, never in exponent form from 0.001 on
    digits = len(rounded.partition(".")[2])
    return Say("leads.p_is", p=fmt("number", float(rounded), digits=digits))


def _percent(value: float) -> object:
    return fmt("percent", value)


def verdict(by_band: pd.DataFrame) -> Verdict:
    """Return whether faster answers converted better in these bands, and how sure."""
    answered = by_band[by_band["band"] != NEVER]
    answered = answered[answered["leads"] > 0]
    total = int(answered["leads"].sum())
    if total < MIN_LEADS or len(answered) < 2:
        sentence = Say("leads.verdict.too_few", n=fmt("number", total))
        return Verdict("too_few", sentence, None, None)
    z, p = trend_test(answered["leads"].to_numpy(), answered["converted"].to_numpy())
    quoted = answered[answered["leads"] >= MIN_BAND_LEADS]
    quoted = quoted if len(quoted) >= 2 else answered
    fast, slow = quoted.iloc[0], quoted.iloc[-1]
    phrase = {b.label: Say(f"leads.band.{b.key}.phrase") for b in BANDS}
    compare = Say(
        "leads.verdict.compare",
        fast=phrase[fast["band"]],
        fast_rate=_percent(fast["rate"]),
        fast_leads=fmt("number", fast["leads"]),
        slow=phrase[slow["band"]],
        slow_rate=_percent(slow["rate"]),
        slow_leads=fmt("number", slow["leads"]),
    )
    if z is None or p is None:
        return Verdict("unclear", Say("leads.verdict.unclear", compare=compare), z, p)
    answer = "unclear" if p >= SIGNIFICANT else "yes" if z < 0 else "no"
    key = "chance" if answer == "unclear" else answer
    sentence = Say(f"leads.verdict.{key}", compare=compare, p=_p_text(p))
    return Verdict(answer, sentence, z, p)


def conversion_by_source(leads: pd.DataFrame, end: pd.Timestamp | None = None) -> pd.DataFrame:
    """Return per lead source (best converting first) the leads with a known outcome, converted,
    rate and 95% interval, and the median response hours of its answered leads."""
    leads = _until(leads, end)
    if S.SOURCE not in leads:
        return pd.DataFrame(columns=["source", *SOURCE_COLUMNS])
    source = leads[S.SOURCE].astype("string").str.strip().replace("", pd.NA).fillna(NO_SOURCE)
    order = sorted(source.unique())
    out = _rates(source, outcomes(leads), order)
    hours = response_hours(leads)
    hours = hours.where(hours >= 0)
    grouped = hours.groupby(source.to_numpy(), observed=True)
    out["median_hours"] = grouped.median().reindex(order).to_numpy(float)
    out["answered"] = grouped.count().reindex(order, fill_value=0).to_numpy(int)
    out.insert(0, "source", order)
    out = out.sort_values(["rate", "leads"], ascending=False, na_position="last")
    return out.reset_index(drop=True)


def source_note(by_source: pd.DataFrame) -> Say:
    """Return one sentence on whether the sources differ in conversion more than chance would."""
    rows = by_source[by_source["leads"] > 0]
    if len(rows) < 2 or rows["leads"].sum() < MIN_LEADS:
        return Say("leads.source.too_few")
    table = np.column_stack([rows["converted"], rows["leads"] - rows["converted"]])
    if (table.sum(axis=0) == 0).any():
        return Say("leads.source.same")
    from scipy.stats import chi2_contingency  # about a second to import: only when it is asked

    p = float(chi2_contingency(table, correction=False).pvalue)
    best, worst = rows.iloc[0], rows.iloc[-1]
    span = Say(
        "leads.source.span",
        best=source_label(best["source"]),
        best_rate=_percent(best["rate"]),
        worst=source_label(worst["source"]),
        worst_rate=_percent(worst["rate"]),
    )
    key = "chance" if p >= SIGNIFICANT else "real"
    return Say(f"leads.source.{key}", span=span, p=_p_text(p))


def rep_response(table: pd.DataFrame, period: str) -> pd.DataFrame:
    """Return per rep with leads in the period the median response hours, leads answered and
    unanswered (or answered before they came in), and all leads; slowest first."""
    rows = KpiTable(table).rows(REP, period=period, kpi=[RESPONSE, LEADS_KPI])
    if rows.empty:
        return pd.DataFrame(columns=REP_COLUMNS)
    rows = rows.astype({"kpi": str, "team": object}).fillna({"team": ""})
    wide = rows.set_index(["rep", "team", "kpi"])[["value", "n"]].unstack("kpi")
    out = pd.DataFrame(index=wide.index)
    out["median_hours"] = wide.get(("value", RESPONSE), np.nan)
    out["answered"] = wide.get(("n", RESPONSE), 0)
    out["leads"] = wide.get(("value", LEADS_KPI), 0)
    out = out.fillna({"answered": 0, "leads": 0}).reset_index()
    out = out[out["leads"] > 0].astype({"answered": int, "leads": int, "rep": str})
    out["unanswered"] = out["leads"] - out["answered"]
    out = out.sort_values(["median_hours", "rep"], ascending=[False, True], na_position="last")
    return out[REP_COLUMNS].reset_index(drop=True)


def usual_hours(table: pd.DataFrame, rep: str, periods: list[str]) -> float | None:
    """Return a rep's usual response time: the median of their medians over these periods."""
    values = KpiTable(table).rows(REP, periods=periods, kpi=RESPONSE, rep=rep)["value"].dropna()
    return None if values.empty else float(values.median())


def team_hours(table: pd.DataFrame, period: str | None) -> float | None:
    """Return the company's median response hours in a period (all leads, with or without rep)."""
    if period is None:
        return None
    values = KpiTable(table).rows(COMPANY, period=period, kpi=RESPONSE)["value"].dropna()
    return None if values.empty else float(values.iloc[0])


def response_point(
    table: pd.DataFrame, period: str, previous: str | None, before: list[str]
) -> ResponsePoint:
    """Return the point of the section: the team's median now (and before) and the slowest rep
    with enough answered leads against their usual level over the periods `before`."""
    now, then = team_hours(table, period), team_hours(table, previous)
    if now is None:
        said = Say("leads.point.none", period=period)
        return ResponsePoint(now, then, None, None, None, said, None)
    key = (
        "team"
        if then is None
        else "team_up"
        if now > then
        else "team_down"
        if now < then
        else "team_same"
    )
    said = Say(f"leads.point.{key}", hours=hours_shown(now), period=period,
               before=hours_shown(then))  # fmt: skip
    reps = rep_response(table, period)
    judged = reps[(reps["answered"] >= MIN_ANSWERED) & reps["median_hours"].notna()]
    if judged.empty:
        return ResponsePoint(now, then, None, None, None, said, None)
    slow = judged.iloc[0]
    name, hours = str(slow["rep"]), float(slow["median_hours"])
    usual = usual_hours(table, name, before)
    key = "slowest" if usual is None else "slowest_usual"
    rep_said = Say(f"leads.point.{key}", rep=name, hours=hours_shown(hours),
                   usual=hours_shown(usual))  # fmt: skip
    return ResponsePoint(now, then, name, hours, usual, said, rep_said)


def response_trend(table: pd.DataFrame, periods: list[str], rep: str | None) -> pd.DataFrame:
    """Return period, series ("Team" or the rep) and median response hours over these periods."""
    return trend_frame(table, RESPONSE, periods, None, rep)


def unanswered_note(table: pd.DataFrame, period: str) -> Say:
    """Return how many of the period's leads got no (usable) answer, and whose they were."""
    rows = KpiTable(table).rows(COMPANY, period=period)
    total = rows.loc[rows["kpi"] == LEADS_KPI, "value"].sum()
    answered = rows.loc[rows["kpi"] == RESPONSE, "n"].sum()
    missing = round(float(total - answered))
    if total == 0:
        return Say("leads.unanswered.no_leads", period=period)
    count = fmt("number", int(total))
    if missing == 0:
        return Say("leads.unanswered.all", total=count, period=period)
    reps = rep_response(table, period)
    reps = reps[reps["unanswered"] > 0].sort_values(["unanswered", "rep"], ascending=[False, True])
    who = joined(
        (joined([r, fmt("number", n)], " ") for r, n in zip(reps["rep"], reps["unanswered"],
                                                            strict=True)), ", ",
    )  # fmt: skip
    key = "some_who" if who.parts else "some"
    missed = fmt("number", missing)
    return Say(f"leads.unanswered.{key}", missing=missed, total=count, period=period, who=who)
