"""Seeded sample CRM export for Salescope, with planted and documented performance patterns.

`build_frames` returns the nine sheets of a realistic CRM export (deals, activities, leads,
targets, customer feedback, employee survey, reps, the deals' stage history and the market) for
2024-Q4 … 2026-Q3. `PLANTED` records
the patterns planted in it so that tests and demos can check the analysis finds them.
`python -m sample_data.generate` writes `sample_data/salescope_sample.xlsx`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd
from numpy.random import Generator

PERIOD_END = pd.Timestamp("2026-09-30")
QUARTERS = pd.period_range("2024Q4", "2026Q3", freq="Q")
QUARTER_LABELS = tuple(f"{q.year}-Q{q.quarter}" for q in QUARTERS)
NEXT_QUARTER = "2026Q4"  # targets only: a forecast made on PERIOD_END has a number to aim at
AFTER = QUARTER_LABELS[6:]  # 2026-Q2 and 2026-Q3: the quarters in which the patterns show
OUTPUT = Path(__file__).with_name("salescope_sample.xlsx")
BUSINESS_DAYS = [pd.bdate_range(q.start_time, q.end_time.normalize()) for q in QUARTERS]
SEASON = np.array([1.06, 0.97, 1.0, 0.96, 1.06, 0.97, 1.0, 0.96, 1.0])  # deal inflow by quarter
CYCLE_SIGMA, SIZE_SIGMA, RESPONSE_SIGMA, STALLED_SHARE = 0.4, 0.4, 0.8, 0.04
Levels = dict[str, np.ndarray]  # per-quarter levels of one rep: inflow, win, size, …
Labels, Pair = tuple[str, ...], tuple[float | None, float]


@dataclass(frozen=True)
class Rep:
    """A sales rep and the base levels the generator draws their numbers around."""

    name: str
    team: str
    region: str
    start: str
    inflow: float  # deals created per quarter
    win_rate: float  # won / (won + lost)
    deal_size: float  # mean deal amount, EUR
    cycle: float  # median days from created to close
    activities: float  # activities per quarter
    noise: float  # sd of the quarter-to-quarter multipliers
    nps: float = 8.3  # mean NPS score their customers give


# fmt: off
REPS = (
    Rep("Anna de Vries", "North", "Noord-Holland", "2017-03-01", 46, .46, 24000, 32, 340, .08, 8.9),
    Rep("Sem Jansen", "North", "Groningen", "2019-09-02", 40, .38, 18000, 34, 300, .04),
    Rep("Lotte Bakker", "North", "Friesland", "2018-01-08", 34, .36, 17000, 36, 280, .03),
    Rep("Finn Hendriks", "North", "Noord-Holland", "2021-05-03", 30, .33, 16000, 38, 270, .10),
    Rep("Emma Smit", "South", "Noord-Brabant", "2020-02-03", 38, .40, 17500, 35, 300, .04),
    Rep("Noah Meijer", "South", "Limburg", "2019-04-01", 36, .37, 21000, 36, 290, .04),
    Rep("Daan Visser", "South", "Noord-Brabant", "2022-01-10", 36, .35, 17000, 35, 320, .04),
    Rep("Julia de Boer", "South", "Zeeland", "2021-10-04", 28, .31, 14000, 40, 260, .10, 7.8),
    Rep("Sophie Bos", "West", "Zuid-Holland", "2018-06-04", 36, .37, 18500, 35, 290, .04),
    Rep("Lucas Vos", "West", "Utrecht", "2020-08-17", 32, .34, 16500, 37, 275, .10),
    Rep("Liam Mulder", "West", "Zuid-Holland", "2023-02-06", 30, .30, 14500, 40, 250, .22, 7.2),
    Rep("Mila Peters", "West", "Utrecht", "2026-04-13", 6, .30, 12500, 35, 220, .08),
)
# fmt: on
REP_BY_NAME = {rep.name: rep for rep in REPS}

INQUIRIES_REP, INQUIRY_FACTOR = "Sem Jansen", 0.5
CLOSE_RATE_REP, CLOSE_RATE_AFTER = "Emma Smit", 0.15
DEAL_SIZE_REP, SIZE_FACTOR = "Noah Meijer", 0.55
CYCLE_REP, SLOW_CYCLE_DAYS, SLOW_CYCLE_FROM = "Sophie Bos", 75, np.datetime64("2026-02-15")
ACTIVITY_REP, ACTIVITY_FACTOR, ACTIVITY_INFLOW_FACTOR = "Daan Visser", 0.4, 0.6
NEW_HIRE, NEW_HIRE_DEALS = "Mila Peters", (0, 0, 0, 0, 0, 0, 3, 6)  # deals created per quarter
SLOW_RESPONSE_REP, RESPONSE_HOURS, RESPONSE_FACTOR = "Lucas Vos", 2.5, 3.0
TOP_PERFORMER, LOW_ENPS_TEAM = "Anna de Vries", "South"
OPEN_STAGES = ("Prospecting", "Qualification", "Proposal", "Negotiation")
LOST_AT = (0.35, 0.3, 0.2, 0.15)  # where lost deals drop out of the funnel (share per stage)
# Emma's close rate falls because in 2026-Q2/Q3 most of her lost deals drop out after a proposal
LOST_AT_PROPOSAL_REP, LOST_AT_AFTER = CLOSE_RATE_REP, (0.1, 0.1, 0.6, 0.2)
# The planted win signal: log-odds of winning = a + the source's term
# + WIN_AMOUNT·log(amount / median amount of the rep's deals closing that quarter)
# + WIN_CYCLE·max(0, log(days created → close / (WIN_CYCLE_KNEE × the rep's planned median
# cycle for that deal))): a deal slower than usual wins less, a fast one no more than usual
# (a two-sided term pulled won cycles so far down that the slowing cycle no longer showed).
# `a` is solved per rep and close quarter so that the chances sum to the planted wins.
SOURCES = {"Inbound": 0.4, "Outbound": 0.3, "Referral": 0.15, "Partner": 0.15}  # share of deals
WIN_SOURCE = {"Referral": 0.9, "Partner": 0.4, "Outbound": -0.4}  # Inbound: 0
WIN_AMOUNT, WIN_CYCLE, WIN_CYCLE_KNEE = -0.2, -0.8, 1.0
TRUE_CHANCE, STALLED = "True Win Chance", "Stalled"  # only with build_frames(truth=True)
# Seed 7 only (the earlier exports of snapshots.py name its deals): Sophie Bos pushed this open
# deal into 2027 in the last week; it was due on 2026-10-26, then 2026-11-27. Set after every
# sheet is drawn, so only this one Close Date differs from what the draws gave (2026-10-26).
LAST_WEEK_PUSH = {7: ("D-003903", pd.Timestamp("2027-01-15"))}
MARKET_START, MARKET_GROWTH = 48_000_000.0, 0.012  # market revenue per quarter, EUR
# eNPS answers as shares of detractors (0-6), passives (7-8) and promoters (9-10)
ENPS_MIX = {"healthy": (0.1, 0.45, 0.45), "before": (0.2, 0.45, 0.35), "after": (0.7, 0.25, 0.05)}


@dataclass(frozen=True)
class Planted:
    """One planted pattern: who, which KPI, its planted level before → after, and when."""

    code: str
    rep: str | None  # None for a team-level pattern
    team: str
    metric: str
    before: float | None  # planted level in the first six quarters (None: no history)
    after: float  # planted level in `quarters`
    quarters: tuple[str, ...]


def _expected_revenue(rep: Rep) -> float:
    """Return a rep's expected revenue per quarter from their base levels."""
    return rep.inflow * (1 - STALLED_SHARE) * rep.win_rate * rep.deal_size


def _pattern(code: str, name: str, metric: str, levels: Pair, quarters: Labels = AFTER) -> Planted:
    """Return the `Planted` record of a rep-level pattern with (before, after) levels."""
    before, after = (None if v is None else float(round(v, 2)) for v in levels)
    return Planted(code, name, REP_BY_NAME[name].team, metric, before, after, quarters)


_SEM, _NOAH, _DAAN = (REP_BY_NAME[n] for n in (INQUIRIES_REP, DEAL_SIZE_REP, ACTIVITY_REP))
_TOP = round(_expected_revenue(REP_BY_NAME[TOP_PERFORMER]))
_ENPS = {mix: round(100 * (pro - det)) for mix, (det, _, pro) in ENPS_MIX.items()}
# fmt: off
_PATTERNS = (
    _pattern("falling_inquiries", INQUIRIES_REP, "deals created per quarter",
             (_SEM.inflow, _SEM.inflow * INQUIRY_FACTOR)),
    _pattern("falling_close_rate", CLOSE_RATE_REP, "win rate",
             (REP_BY_NAME[CLOSE_RATE_REP].win_rate, CLOSE_RATE_AFTER)),
    _pattern("shrinking_deal_size", DEAL_SIZE_REP, "mean won deal size (EUR)",
             (_NOAH.deal_size, _NOAH.deal_size * SIZE_FACTOR)),
    _pattern("slowing_cycle", CYCLE_REP, "median days created → close, won deals",
             (REP_BY_NAME[CYCLE_REP].cycle, SLOW_CYCLE_DAYS)),
    _pattern("low_activity", ACTIVITY_REP, "activities per quarter",
             (_DAAN.activities, _DAAN.activities * ACTIVITY_FACTOR)),
    _pattern("low_activity_inflow", ACTIVITY_REP, "deals created per quarter",
             (_DAAN.inflow, _DAAN.inflow * ACTIVITY_INFLOW_FACTOR), AFTER[1:]),
    _pattern("new_hire", NEW_HIRE, "deals created (so fewer than 10 closed)",
             (None, sum(NEW_HIRE_DEALS))),
    _pattern("slow_lead_response", SLOW_RESPONSE_REP, "median hours to first response",
             (RESPONSE_HOURS, RESPONSE_HOURS * RESPONSE_FACTOR)),
    _pattern("top_performer", TOP_PERFORMER, "expected revenue per quarter (EUR)",
             (_TOP, _TOP), QUARTER_LABELS),
    Planted("low_enps", None, LOW_ENPS_TEAM, "eNPS", _ENPS["before"], _ENPS["after"], AFTER),
)
# fmt: on
PLANTED: dict[str, Planted] = {p.code: p for p in _PATTERNS}

# fmt: off
ACCOUNT_STEMS = (
    "Van Dijk", "De Graaf", "Hollands", "Noordzee", "Amstel", "Rijnmond", "Delta", "Polder",
    "Zeeland", "Brabant", "Veluwe", "Maas", "Kempen", "Oranje", "Tulip", "Windmill", "Northwind",
    "Bluewater", "Greenfield", "Brightline", "Silverline", "Redwood", "Oakridge", "Summit",
    "Harbor", "Lighthouse", "Copperleaf", "Ironbridge", "Keystone", "Horizon", "Atlas", "Nova",
    "Vega", "Meridian", "Pioneer", "Crown",
)
ACCOUNT_SECTORS = (
    "Logistiek", "Techniek", "Bouw", "Zorg", "Installatie", "Retail", "Foods", "Solutions",
    "Systems", "Energy", "Consulting", "Metaal", "Media", "Transport",
)
# fmt: on
ACTIVITY_KINDS = {  # type: (share of all activities, minutes from-to, possible outcomes)
    "Call": (0.4, (3, 25), ("Connected", "No answer", "Left voicemail")),
    "Meeting": (0.2, (30, 61), ("Held", "Held", "Rescheduled")),
    "Email": (0.3, (2, 9), ("Sent", "Replied")),
    "Demo": (0.1, (45, 91), ("Completed", "Follow-up scheduled")),
}
LEAD_SOURCES = ("Website", "Webinar", "Trade fair", "LinkedIn", "Referral", "Partner")


def _quarter_index(dates: np.ndarray) -> np.ndarray:
    """Return the period quarter (0 = 2024-Q4 … 7 = 2026-Q3, 8 = later) of each date."""
    d = pd.DatetimeIndex(dates)
    return np.clip(np.asarray((d.year - 2024) * 4 + (d.month - 1) // 3 - 3), 0, 8)


def _days(rng: Generator, expected: np.ndarray, first: pd.Timestamp) -> np.ndarray:
    """Return round(expected[q]) random business days in each quarter q, none before `first`."""
    counts = np.round(expected[:8]).astype(int)
    usable = [days[days >= first].to_numpy() for days in BUSINESS_DAYS]
    parts = [rng.choice(d, n if len(d) else 0) for d, n in zip(usable, counts, strict=True)]
    return np.concatenate(parts).astype("datetime64[D]")


def _multipliers(rep: Rep, rng: Generator) -> Levels:
    """Return per-quarter levels (index 8 = after the period) with noise and planted patterns."""

    def noisy() -> np.ndarray:
        return 1 + rep.noise * np.clip(rng.standard_normal(9), -2, 2)

    after = np.arange(9) >= 6
    m = {"inflow": noisy() * SEASON, "leads": noisy() * SEASON, "size": noisy()}
    m |= {"win": rep.win_rate * noisy(), "activity": noisy(), "response": np.ones(9)}
    if rep.name == INQUIRIES_REP:
        m["inflow"][after] *= INQUIRY_FACTOR
        m["leads"][after] *= INQUIRY_FACTOR
    if rep.name == CLOSE_RATE_REP:
        m["win"][after] = CLOSE_RATE_AFTER
    if rep.name == DEAL_SIZE_REP:
        m["size"][after] *= SIZE_FACTOR
    if rep.name == ACTIVITY_REP:
        m["activity"][after] *= ACTIVITY_FACTOR
        m["inflow"][7] *= ACTIVITY_INFLOW_FACTOR  # fewer new deals one quarter later
    if rep.name == SLOW_RESPONSE_REP:
        m["response"][after] = RESPONSE_FACTOR
    return m


def _logit(p: np.ndarray) -> np.ndarray:
    """Return log(p / (1 − p)), element-wise."""
    return np.log(p) - np.log1p(-p)


def _solve_base(x: np.ndarray, total: float) -> np.ndarray:
    """Return sigmoid(a + x) with the base `a` solved by bisection so that the chances sum to
    `total` (0 and len(x) give chances of exactly 0 and 1)."""
    if total <= 0 or total >= len(x):
        return np.full(len(x), 1.0 if total >= len(x) > 0 else 0.0)
    low, high = -30.0 - x.max(), 30.0 - x.min()  # Σ sigmoid is below `total` at low, above at high
    for _ in range(100):
        mid = (low + high) / 2
        low, high = (mid, high) if (1 / (1 + np.exp(-(mid + x)))).sum() < total else (low, mid)
    return 1 / (1 + np.exp(-((low + high) / 2 + x)))


def _win_chance(
    x: np.ndarray, quarter: np.ndarray, closed: np.ndarray, m: Levels
) -> tuple[np.ndarray, np.ndarray]:
    """Return each deal's true chance of winning and the planted number of wins per deal's group.

    Closed deals of a close quarter: chances summing to round(win level × closed deals) (the
    wins planted). Open deals (stalled or closing after the period): mean chance = the win level.
    """
    chance, wins = np.zeros(len(x)), np.zeros(len(x))
    for q in np.unique(quarter):
        for is_closed in (True, False):
            group = (quarter == q) & (closed == is_closed)
            total = m["win"][q] * group.sum()
            wins[group] = np.round(total) if is_closed else 0
            chance[group] = _solve_base(x[group], np.round(total) if is_closed else total)
    return chance, wins


def _signal(
    amount: np.ndarray, days: np.ndarray, cycle: np.ndarray, source: np.ndarray, group: np.ndarray
) -> np.ndarray:
    """Return each deal's log-odds of winning relative to its group (the planted win signal)."""
    median = pd.Series(amount).groupby(group).transform("median").to_numpy()
    x = np.select([source == s for s in WIN_SOURCE], list(WIN_SOURCE.values()), 0.0)
    late = np.maximum(0.0, np.log(days / (WIN_CYCLE_KNEE * cycle)))  # only a slow deal loses
    return x + WIN_AMOUNT * np.log(amount / median) + WIN_CYCLE * late


def _rep_deals(rep: Rep, m: Levels, accounts: list[str], rng: Generator) -> pd.DataFrame:
    """Return one rep's deals; win rate and amount follow the quarter the deal closes in.

    Which closed deals win follows each deal's true chance (`_win_chance`, kept in the
    `True Win Chance` column): Pareto sampling plants exactly the wins of each close quarter.
    """
    expected = np.asarray(NEW_HIRE_DEALS) if rep.name == NEW_HIRE else rep.inflow * m["inflow"]
    created = _days(rng, expected, pd.Timestamp(rep.start) + pd.Timedelta(days=14))
    n, end = len(created), np.datetime64(PERIOD_END.date())
    median = np.full(n, float(rep.cycle))
    if rep.name == CYCLE_REP:
        median[created >= SLOW_CYCLE_FROM] = SLOW_CYCLE_DAYS
    days = np.maximum(1, np.ceil(rng.lognormal(np.log(median), CYCLE_SIGMA))).astype(int)
    close = np.busday_offset(created + days, 0, roll="forward")
    stalled = rng.random(n) < STALLED_SHARE  # open deals whose expected close keeps moving
    close = np.where(stalled, np.maximum(created + 1, end + rng.integers(-30, 75, n)), close)
    quarter, closed = _quarter_index(close), (close <= end) & ~stalled
    u = rng.random(n)  # the draw that picks the winners (Pareto sampling, below)
    median_amount = rep.deal_size * np.exp(-(SIZE_SIGMA**2) / 2)  # lognormal with that mean
    amount = rng.lognormal(np.log(median_amount), SIZE_SIGMA, n) * m["size"][quarter]
    weights = 1 / np.arange(1, len(accounts) + 1) ** 0.8  # a few accounts buy again and again
    account = rng.choice(accounts, n, p=weights / weights.sum())
    source = rng.choice(list(SOURCES), n, p=list(SOURCES.values()))
    services = rng.random(n) < 0.1
    cycle_days = (close - created).astype(int)
    x = _signal(amount, cycle_days, median, source, quarter * 2 + closed)
    chance, wins = _win_chance(x, quarter, closed, m)
    # Pareto sampling (Rosén): the `wins` closed deals of each close quarter with the smallest
    # key (odds of u) / (odds of the chance) are won; each is won with about its chance
    with np.errstate(divide="ignore"):
        key = np.exp(_logit(np.clip(u, 1e-12, 1 - 1e-12)) - _logit(chance))
    rank = pd.Series(key).where(closed).groupby(quarter).rank(method="first")
    won = closed & (rank <= wins).to_numpy()
    progress = (end - created).astype(float) / (close - created).astype(float)
    stage = np.select(
        [won, closed, progress < 0.3, progress < 0.6, progress < 0.85],
        ["Closed Won", "Closed Lost", "Prospecting", "Qualification", "Proposal"],
        "Negotiation",
    )
    product = np.select([amount < 8000, amount < 25000], ["Starter", "Professional"], "Enterprise")
    return pd.DataFrame(
        {
            "Account": account,
            "Sales Rep": rep.name,
            "Team": rep.team,
            "Region": rep.region,
            "Stage": stage,
            "Amount": np.round(amount, 2),
            "Currency": "EUR",
            "Created Date": pd.to_datetime(created),
            "Close Date": pd.to_datetime(close),
            "Source": source,
            "Product": np.where(services, "Implementation Services", product),
            TRUE_CHANCE: chance,
            STALLED: stalled,
        }
    )


def _deals(multipliers: dict[str, Levels], rng: Generator) -> pd.DataFrame:
    """Return the Deals sheet: every rep's deals in order of creation, with IDs."""
    names = [f"{stem} {sector}" for stem in ACCOUNT_STEMS for sector in ACCOUNT_SECTORS]
    names = [f"{a} B.V." if i % 2 else a for i, a in enumerate(rng.permutation(names))]
    frames = [
        _rep_deals(rep, multipliers[rep.name], names[40 * i : 40 * (i + 1)], rng)
        for i, rep in enumerate(REPS)
    ]
    deals = pd.concat(frames).sort_values(["Created Date", "Sales Rep"], kind="stable")
    deals.insert(0, "Deal ID", [f"D-{i:06d}" for i in range(1001, 1001 + len(deals))])
    deals.insert(1, "Deal Name", deals["Account"] + " - " + deals["Product"])
    return deals.reset_index(drop=True)


def _activities(
    multipliers: dict[str, Levels], deals: pd.DataFrame, rng: Generator
) -> pd.DataFrame:
    """Return the Activities sheet; most meetings and demos are linked to a live deal."""
    frames = []
    for rep in REPS:
        expected = rep.activities * multipliers[rep.name]["activity"]
        dates = _days(rng, expected, pd.Timestamp(rep.start))
        shares = [share for share, _, _ in ACTIVITY_KINDS.values()]
        kind = rng.choice(list(ACTIVITY_KINDS), len(dates), p=shares)
        own = deals[deals["Sales Rep"] == rep.name]
        start, stop = (own[c].to_numpy("datetime64[D]") for c in ("Created Date", "Close Date"))
        live = (start <= dates[:, None]) & (dates[:, None] <= stop)
        # a weighted pick among the live deals (Efraimidis–Spirakis: the largest u^(1/w), in
        # logs), weight = odds of the deal's true chance: likely wins get more activity
        odds = np.exp(_logit(np.clip(own[TRUE_CHANCE].to_numpy(), 1e-9, 1 - 1e-9)))
        with np.errstate(divide="ignore"):
            pick = np.where(live, np.log(rng.random(live.shape)) / odds, -np.inf).argmax(axis=1)
        link_share = np.where(np.isin(kind, ["Meeting", "Demo"]), 0.9, 0.55)
        linked = live.any(axis=1) & (rng.random(len(dates)) < link_share)
        outcome, minutes = np.empty(len(dates), dtype=object), np.zeros(len(dates), dtype=int)
        for k, (_, duration, outcomes) in ACTIVITY_KINDS.items():
            outcome[kind == k] = rng.choice(outcomes, (kind == k).sum())
            minutes[kind == k] = rng.integers(*duration, (kind == k).sum())
        deal_ids = own["Deal ID"].to_numpy()[pick] if len(own) else np.full(len(dates), "")
        columns = {"Sales Rep": rep.name, "Date": pd.to_datetime(dates), "Type": kind}
        columns |= {"Deal ID": np.where(linked, deal_ids, None), "Outcome": outcome}
        frames.append(pd.DataFrame(columns | {"Duration (min)": minutes}))
    activities = pd.concat(frames).sort_values(["Date", "Sales Rep"], kind="stable")
    activities.insert(0, "Activity ID", [f"A-{i:06d}" for i in range(1, len(activities) + 1)])
    return activities.reset_index(drop=True)


def _leads(multipliers: dict[str, Levels], rng: Generator) -> pd.DataFrame:
    """Return the Leads sheet with lognormal hours to the first response."""
    frames = []
    for rep in REPS:
        m = multipliers[rep.name]
        days = _days(rng, rep.inflow * 1.3 * m["leads"], pd.Timestamp(rep.start))
        minutes = rng.integers(8 * 60, 18 * 60, len(days))  # created during office hours
        created = pd.Series(pd.to_datetime(days) + pd.to_timedelta(minutes, "m"))
        median = RESPONSE_HOURS * m["response"][_quarter_index(days)]
        hours = rng.lognormal(np.log(median), RESPONSE_SIGMA)
        response = created + pd.to_timedelta(np.round(hours * 60), "m")
        unanswered = (rng.random(len(days)) < 0.02) | (response > PERIOD_END + pd.Timedelta("1D"))
        converted = rng.random(len(days)) < np.select([hours < 4, hours < 24], [0.3, 0.2], 0.1)
        columns = {"Created On": created, "Lead Owner": rep.name}
        columns |= {"Lead Source": rng.choice(LEAD_SOURCES, len(days))}
        columns |= {"First Response At": response.mask(unanswered)}
        frames.append(pd.DataFrame(columns | {"Converted": np.where(converted, "Yes", "No")}))
    leads = pd.concat(frames).sort_values(["Created On", "Lead Owner"], kind="stable")
    leads.insert(0, "Lead ID", [f"L-{i:06d}" for i in range(1, len(leads) + 1)])
    return leads.reset_index(drop=True)


def _targets(rng: Generator, quarters: pd.PeriodIndex = QUARTERS) -> pd.DataFrame:
    """Return the Targets sheet: a revenue target per rep for each quarter they were employed."""
    rows = [
        (rep.name, rep.team, f"{q.year}-Q{q.quarter}", _target(rep, rng))
        for rep in REPS
        for q in quarters
        if q.end_time >= pd.Timestamp(rep.start)
    ]
    return pd.DataFrame(rows, columns=["Sales Rep", "Team", "Quarter", "Target"])


def _target(rep: Rep, rng: Generator) -> float:
    """Return one quarter's revenue target: a little around what the rep normally sells."""
    return round(_expected_revenue(rep) * rng.uniform(0.85, 1.05), -4)


def _with_next_targets(targets: pd.DataFrame, rng: Generator) -> pd.DataFrame:
    """Return the targets with the quarter after the period (2026-Q4) added after each rep's own."""
    ahead = _targets(rng, pd.period_range(NEXT_QUARTER, NEXT_QUARTER, freq="Q"))
    order = {rep.name: i for i, rep in enumerate(REPS)}
    both = pd.concat([targets, ahead])
    both = both.sort_values("Sales Rep", key=lambda s: s.map(order), kind="stable")
    return both.reset_index(drop=True)  # stable sort: each rep's quarters stay in order


def _feedback(deals: pd.DataFrame, rng: Generator) -> pd.DataFrame:
    """Return the Customer Feedback sheet: an NPS answer some weeks after most won deals."""
    won = deals[deals["Stage"] == "Closed Won"]
    date = won["Close Date"] + pd.to_timedelta(rng.integers(7, 45, len(won)), "D")
    mean = won["Sales Rep"].map(lambda name: REP_BY_NAME[name].nps).to_numpy()
    # stratified per rep and close quarter (the draws only set who gets which quantile), so each
    # rep's answers follow their planted mean closely in any window, whichever deals were won
    group = [won["Sales Rep"].to_numpy(), _quarter_index(won["Close Date"].to_numpy())]
    order = pd.Series(rng.normal(0, 1, len(won))).groupby(group)
    share = (order.rank(method="first") - 0.5) / order.transform("size")
    spread = np.array([NormalDist().inv_cdf(v) for v in share])
    score = np.clip(np.round(mean + 1.6 * spread), 0, 10).astype(int)
    keep = (rng.random(len(won)) < 0.95) & (date <= PERIOD_END).to_numpy()
    columns = {"Date": date, "Account": won["Account"], "Sales Rep": won["Sales Rep"]}
    feedback = pd.DataFrame(columns | {"NPS Score": score})[keep]
    return feedback.sort_values(["Date", "Sales Rep"], kind="stable").reset_index(drop=True)


def _survey(rng: Generator) -> pd.DataFrame:
    """Return the Employee Survey sheet: a quarterly eNPS round among reps and team managers."""
    people = [(f"EMP-{101 + i}", r.team, pd.Timestamp(r.start)) for i, r in enumerate(REPS)]
    teams = sorted({r.team for r in REPS})
    people += [(f"EMP-{201 + i}", t, pd.Timestamp("2015-01-05")) for i, t in enumerate(teams)]
    shape = np.zeros((3, 11))  # how each answer group spreads over the scores 0-10
    shape[0, 3:7], shape[1, 7:9], shape[2, 9:] = [0.1, 0.2, 0.3, 0.4], [0.5, 0.5], [0.6, 0.4]
    rows = []
    for q, quarter in enumerate(QUARTERS):
        last_month = quarter.asfreq("M", "end").start_time.date()
        date = pd.Timestamp(np.busday_offset(last_month, 10, roll="forward"))
        for team in teams:
            mix = "healthy" if team != LOW_ENPS_TEAM else ("after" if q >= 6 else "before")
            cumulative = np.cumsum(np.asarray(ENPS_MIX[mix]) @ shape)
            answers = [p for p in people if p[1] == team and p[2] <= date and rng.random() < 0.92]
            # stratified draws, so that even a small team's answers follow its mix closely
            u = (rng.permutation(len(answers)) + rng.random(len(answers))) / len(answers)
            scores = np.minimum(np.searchsorted(cumulative, u, side="right"), 10)
            rows += [(date, team, p[0], int(s)) for p, s in zip(answers, scores, strict=True)]
    return pd.DataFrame(rows, columns=["Survey Date", "Team", "Respondent", "Score"])


def _stage_history(deals: pd.DataFrame, rng: Generator) -> pd.DataFrame:
    """Return the Stage History sheet: the day each deal entered each stage, in order.

    Won deals pass every open stage; lost deals drop out at a stage drawn from `LOST_AT`; open
    deals end at their current stage. Stalled deals (open, expected close moved) stopped changing
    early in their life.
    """
    stage = deals["Stage"].to_numpy()
    created = deals["Created Date"].to_numpy("datetime64[D]")
    close = deals["Close Date"].to_numpy("datetime64[D]")
    end = np.datetime64(PERIOD_END.date())
    is_open = ~np.isin(stage, ["Closed Won", "Closed Lost"])
    lost_mix = np.where(
        (deals["Sales Rep"] == LOST_AT_PROPOSAL_REP).to_numpy()
        & (close >= np.datetime64("2026-04-01")),
        1,
        0,
    )
    mixes = np.cumsum([LOST_AT, LOST_AT_AFTER], axis=1)
    drop = (rng.random(len(deals))[:, None] > mixes[lost_mix]).sum(axis=1)  # 0 … 3
    current = np.select(
        [stage == "Closed Won", stage == "Closed Lost"],
        [len(OPEN_STAGES), drop + 1],
        0,
    )
    for k, name in enumerate(OPEN_STAGES):
        current[stage == name] = k + 1  # open deals: stages passed, the current one included
    last = np.where(is_open, np.minimum(close, end), close)
    stalled = is_open & (close <= end + 75) & (rng.random(len(deals)) < 0.5)
    span = (last - created).astype(int)
    span = np.where(stalled, span // 3, span)
    rows: list[tuple[str, str, np.datetime64]] = []
    ids = deals["Deal ID"].to_numpy()
    for i in range(len(deals)):
        steps = int(current[i])
        fracs = np.sort(rng.random(max(steps - 1, 0)))
        days = np.concatenate([[0], np.floor(fracs * max(span[i], 0)).astype(int)])
        for k in range(steps):
            rows.append((ids[i], OPEN_STAGES[k], created[i] + days[k]))
        if not is_open[i]:
            rows.append((ids[i], stage[i], close[i]))
    history = pd.DataFrame(rows, columns=["Opportunity ID", "Stage", "Changed On"])
    history["Changed On"] = pd.to_datetime(history["Changed On"])
    return history


def _market(deals: pd.DataFrame, rng: Generator) -> pd.DataFrame:
    """Return the Market sheet: total market revenue per quarter, growing a little each quarter."""
    growth = (1 + MARKET_GROWTH) ** np.arange(len(QUARTERS))
    revenue = MARKET_START * growth * SEASON[: len(QUARTERS)] * rng.normal(1, 0.02, len(QUARTERS))
    return pd.DataFrame({"Quarter": QUARTER_LABELS, "Market Revenue": np.round(revenue, -3)})


def build_frames(seed: int = 7, truth: bool = False) -> dict[str, pd.DataFrame]:
    """Return the sample workbook's sheets (sheet name → frame), deterministic for `seed`.

    With `truth`, the Deals frame also holds each deal's true chance of winning
    (`True Win Chance`) and whether it is a stalled open deal (`Stalled`): the planted answer,
    never written to the workbook.
    """
    rng = np.random.default_rng(seed)
    multipliers = {rep.name: _multipliers(rep, rng) for rep in REPS}
    deals = _deals(multipliers, rng)
    reps = pd.DataFrame(
        [(r.name, r.team, r.region, pd.Timestamp(r.start)) for r in REPS],
        columns=["Sales Rep", "Team", "Region", "Start Date"],
    )
    frames = {
        "Deals": deals,
        "Activities": _activities(multipliers, deals, rng),
        "Leads": _leads(multipliers, rng),
        "Targets": _targets(rng),
        "Customer Feedback": _feedback(deals, rng),
        "Employee Survey": _survey(rng),
        "Reps": reps,
    }
    extra = np.random.default_rng([seed, 1])  # its own stream: the sheets above stay as they were
    frames["Stage History"] = _stage_history(deals, extra)
    frames["Market"] = _market(deals, extra)
    ahead = np.random.default_rng([seed, 2])  # its own stream: the win signal cannot move it
    frames["Targets"] = _with_next_targets(frames["Targets"], ahead)
    if seed in LAST_WEEK_PUSH:
        deal_id, day = LAST_WEEK_PUSH[seed]
        deals.loc[deals["Deal ID"] == deal_id, "Close Date"] = day
    if not truth:
        frames["Deals"] = deals.drop(columns=[TRUE_CHANCE, STALLED])
    for frame in frames.values():  # one datetime resolution everywhere
        for column in frame.select_dtypes("datetime").columns:
            frame[column] = frame[column].astype("datetime64[us]")
    return frames


def write_workbook(path: Path = OUTPUT, seed: int = 7) -> Path:
    """Write the sample sheets to an .xlsx at `path` and return that path."""
    return write_sheets(path, build_frames(seed, truth=False))


def write_sheets(path: Path, frames: dict[str, pd.DataFrame]) -> Path:
    """Write sheets (name → frame) to an .xlsx in the sample's style, same bytes each run."""
    formats = {"date_format": "yyyy-mm-dd", "datetime_format": "yyyy-mm-dd hh:mm"}
    with pd.ExcelWriter(path, engine="xlsxwriter", **formats) as writer:
        writer.book.set_properties({"created": PERIOD_END.to_pydatetime()})  # same bytes each run
        money = writer.book.add_format({"num_format": "#,##0.00"})
        for name, frame in frames.items():
            out = frame.copy()
            for column in out.select_dtypes("datetime").columns:
                values = out[column].dropna()
                if (values == values.dt.normalize()).all():  # date-only: write with date format
                    out[column] = out[column].dt.date.astype(object)
            out.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes(1, 0)
            sheet.autofilter(0, 0, len(out), len(out.columns) - 1)
            for i, column in enumerate(out.columns):
                width = 40 if column == "Deal Name" else max(len(column) + 2, 14)
                sheet.set_column(i, i, width, money if column in ("Amount", "Target") else None)
    return path


def main() -> None:
    """Write the sample workbook and its two earlier exports, and print where they went."""
    from sample_data.snapshots import write_snapshots  # it builds on this module

    for path in (write_workbook(OUTPUT), *write_snapshots()):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
