"""Hypothesis strategies for whole CRM exports: tables, columns, spellings and files at random.

`exports()` draws one export as a new user might upload it: a random subset of the tables
(deals in most examples, not all), each with its required fields and a random subset of the
optional ones, headers spelled as `analysis.read.synonyms` knows them (English and Dutch, in several
cases), 0 to 500 rows, and the odd values real exports hold: one rep or one team, only won,
only lost or only open deals, every date on one day or spread over years, zero and negative
amounts, duplicate deal ids, unicode, emoji and very long names, blanks sprinkled, the outcome
as stage words, as won/lost/open or as flags, amounts as text with currency signs. It is
written as one workbook, or as one .xlsx or .csv file per table.

Bulk values come from a seeded `random.Random` (fast, and hypothesis still shrinks the seed and
every choice around it). `Export.deals` keeps what was written per deal row, so a test can work
out what the analysis should find with plain pandas.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import pandas as pd
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from analysis.model import schema as S
from analysis.read.synonyms import SYNONYMS
from tests.export_cells import (
    AMOUNT_STYLES,
    DATE_STYLES,
    FLAGS,
    LOST,
    NAMES,
    NUMBERED,
    OPEN,
    STATUS_WORDS,
    TEAMS,
    WON,
    amount_cell,
    date_cell,
    dates_read_one_way,
    spell,
    with_odd_cells,
)
from tests.export_files import Export, Sheet, csv_file, workbook

SHEET_NAMES = {
    S.DEALS: ("Deals", "Opportunities", "Kansen", "Verkoop"),
    S.ACTIVITIES: ("Activities", "Activiteiten", "Calls"),
    S.LEADS: ("Leads", "Aanvragen"),
    S.TARGETS: ("Targets", "Doelen", "Quota"),
    S.CUSTOMER_FEEDBACK: ("Customer feedback", "NPS", "Klanttevredenheid"),
    S.EMPLOYEE_SURVEY: ("Employee survey", "eNPS", "Medewerkers"),
    S.MARKET: ("Market", "Markt"),
    S.STAGE_HISTORY: ("Stage history", "OpportunityHistory", "Fasehistorie"),
    S.REPS: ("Reps", "Users", "Verkopers"),
}
OPTIONAL_TABLES = tuple(t for t in SHEET_NAMES if t != S.DEALS)


# Headers of CRMs no synonym list knows: only a word in them, or the values, say the field.
UNKNOWN_HEADERS: dict[tuple[str, str], list[str]] = {
    (S.DEALS, S.AMOUNT): ["close value", "Deal - Value", "Est. revenue", "SalesAmount"],
    (S.DEALS, S.REP): ["sales agent", "Potential Owner", "Verkäufer"],
    (S.DEALS, S.CREATED_DATE): ["engage date", "Erstellt"],
}


@st.composite
def _headers(draw: st.DrawFn, table: str, fields: list[str]) -> dict[str, str]:
    """Draw a distinct header per field from its known synonyms, now and then from headers
    no list knows; return header → field."""
    case = draw(st.sampled_from(("as_is", "title", "snake", "upper")))
    unknown = draw(st.integers(0, 3)) == 0
    out: dict[str, str] = {}
    for name in fields:
        known = SYNONYMS.get((table, name)) or SYNONYMS.get(("*", name)) or [name]
        if unknown and (table, name) in UNKNOWN_HEADERS:
            known = UNKNOWN_HEADERS[(table, name)]
        free = [h for h in known if spell(h, case) not in out] or [f"{name} {len(out)}"]
        out[spell(draw(st.sampled_from(free)), case)] = name
    return out


@dataclass
class World:
    """The people, teams and dates every table of one export shares."""

    rng: random.Random
    reps: list[str]
    teams: list[str]
    team_of: dict[str, str]
    start: datetime
    days: int  # dates fall in [start, start + days]
    blank: float  # share of optional cells left blank
    by_id: bool = False  # reps written as user ids (005001…), named only on the people sheet

    def day(self) -> datetime:
        """Return a random day (with a time of day when the span allows) in the world's span."""
        base = self.start + timedelta(days=self.rng.randint(0, self.days))
        return base if self.days == 0 else base + timedelta(hours=self.rng.choice((0, 0, 9, 14)))

    def rep(self) -> str:
        """Return a random rep."""
        return self.rng.choice(self.reps)

    def written(self, rep: str) -> str:
        """Return the rep as the tables other than the people sheet write it: name or id."""
        return self.rep_id(rep) if self.by_id else rep

    def rep_id(self, rep: str) -> str:
        """Return the rep's user id."""
        return f"005{self.reps.index(rep):03d}"

    def blanked(self, value: object) -> object:
        """Return the value, or None for the share of cells left blank."""
        return None if self.rng.random() < self.blank else value


@st.composite
def worlds(draw: st.DrawFn) -> World:
    """Draw the reps, teams, date span and share of blanks of an export."""
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    reps = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=6, unique=True))
    teams = draw(st.lists(st.sampled_from(TEAMS), min_size=1, max_size=3, unique=True))
    team_of = {r: teams[i % len(teams)] for i, r in enumerate(reps)}
    start = datetime(draw(st.integers(2019, 2027)), draw(st.integers(1, 12)), 1)
    start += timedelta(days=draw(st.integers(0, 27)))
    days = draw(st.sampled_from((0, 0, 20, 80, 400, 1500)))  # one day … over four years
    blank = draw(st.sampled_from((0.0, 0.0, 0.05, 0.3)))
    by_id = draw(st.integers(0, 4)) == 2
    return World(rng, reps, teams, team_of, start, days, blank, by_id)


def _rows(draw: st.DrawFn) -> int:
    """Draw a row count: mostly small, sometimes up to 500."""
    return draw(
        st.one_of(st.integers(0, 3), st.integers(4, 60), st.integers(20, 120), st.integers(61, 500))
    )


@st.composite
def _deals(draw: st.DrawFn, w: World) -> tuple[Sheet, pd.DataFrame, bool]:
    """Draw the deals sheet; return it, the truth per written row and whether it reads exactly."""
    n = _rows(draw)
    outcome = draw(st.sampled_from(("mixed", "mixed", "won", "lost", "open")))
    form = draw(st.sampled_from(("stage", "status", "stage+status", "flags", "none")))
    amounts = draw(st.sampled_from(("normal", "normal", "zero", "with_negative", "huge")))
    amount_style = draw(st.sampled_from(AMOUNT_STYLES))
    date_style = draw(st.sampled_from(DATE_STYLES))
    duplicates = draw(st.integers(0, 5)) == 3  # (hypothesis favours the ends of a range)
    numbered = draw(st.booleans())
    optional = draw(
        st.sets(
            st.sampled_from(
                (
                    S.REP,
                    S.REP,
                    S.TEAM,
                    S.REGION,
                    S.CREATED_DATE,
                    S.DEAL_ID,
                    S.DEAL_NAME,
                    S.ACCOUNT,
                    S.SOURCE,
                    S.PRODUCT,
                    S.CURRENCY,
                    S.PROBABILITY,
                )
            )
        )
    )
    drop_required = draw(st.integers(0, 11)) == 5
    # Sometimes one optional column is there but holds nothing at all
    emptiable = sorted(optional - {S.REP})
    empty = draw(st.sampled_from(emptiable)) if emptiable and draw(st.booleans()) else None
    words = STATUS_WORDS[draw(st.sampled_from(sorted(STATUS_WORDS)))]
    yes, no = draw(st.sampled_from(FLAGS))
    rng = w.rng
    fields = [S.AMOUNT, S.CLOSE_DATE]
    if form in ("stage", "stage+status"):
        fields.append(S.STAGE)
    if form in ("status", "stage+status"):
        fields.append(S.STATUS)
    if form == "flags":
        fields += [S.IS_WON, S.IS_CLOSED]
    if form == "none":
        optional.discard(S.PROBABILITY)  # a probability alone would decide the outcome
    fields += sorted(optional)
    if drop_required:
        fields.remove(draw(st.sampled_from((S.AMOUNT, S.CLOSE_DATE))))
    headers = draw(_headers(S.DEALS, fields))
    column = {f: h for h, f in headers.items()}
    open_stages = NUMBERED if numbered else OPEN
    cells: dict[str, list[object]] = {h: [] for h in headers}
    truth: dict[str, list[object]] = {"rep": [], "won": [], "amount": [], "close": [], "id": []}
    for i in range(n):
        state = outcome if outcome != "mixed" else rng.choice(("won", "won", "lost", "open"))
        created = w.day()
        close = min(created + timedelta(days=rng.randint(0, 90)), w.start + timedelta(w.days))
        close = max(close, created)
        value = {"normal": rng.uniform(10, 50_000), "zero": 0.0, "huge": rng.uniform(1e6, 1e9)}
        amount = value.get(amounts, rng.uniform(-5_000, 20_000))
        rep = w.rep()
        deal_id = f"D-{rng.randint(0, max(1, n // 3)) if duplicates else i:05d}"
        row: dict[str, object] = {
            S.AMOUNT: w.blanked(amount),
            S.CLOSE_DATE: w.blanked(close) if state != "open" or rng.random() < 0.5 else None,
            S.STAGE: rng.choice(
                {"won": WON, "lost": LOST + open_stages[:1], "open": open_stages}[state]
            ),
            S.STATUS: words[state],
            S.IS_WON: yes if state == "won" else no,
            S.IS_CLOSED: yes if state != "open" else no,
            S.PROBABILITY: {"won": 100, "lost": 0, "open": rng.choice((10, 25, 50, 75))}[state],
            S.REP: w.blanked(w.written(rep)),
            S.TEAM: w.team_of[rep],
            S.REGION: rng.choice(("Noord", "South", "Île-de-France")),
            S.CREATED_DATE: w.blanked(created),
            S.DEAL_ID: deal_id,
            S.DEAL_NAME: f"{rng.choice(('Acme', 'Brouwerij ’t IJ', '株式会社'))} deal {i}",
            S.ACCOUNT: w.blanked(rng.choice(("Acme", "Globex", "Initech", "Bakkerij Bol"))),
            S.SOURCE: rng.choice(("Web", "Referral", "Beurs", "Cold call")),
            S.PRODUCT: rng.choice(("Basic", "Pro", "Enterprise")),
            S.CURRENCY: "EUR",
        }
        if form in ("stage", "status", "stage+status") and w.blank:
            for f in (S.STAGE, S.STATUS):
                row[f] = w.blanked(row[f])
        for f in optional - {S.REP}:
            kept = row[f] if f in (S.CREATED_DATE, S.ACCOUNT) else w.blanked(row[f])
            row[f] = None if f == empty else kept
        for h, f in headers.items():
            v = row[f]
            if f in (S.CLOSE_DATE, S.CREATED_DATE) and v is not None:
                v = date_cell(v, date_style)  # type: ignore[arg-type]
            elif f == S.AMOUNT and v is not None:
                v = amount_cell(v, amount_style)  # type: ignore[arg-type]
            cells[h].append(v)
        said_won = (
            state == "won"
            if form in ("flags", "none")
            else any(
                row[f] is not None and (row[f] in WON or row[f] == words["won"])
                for f in (S.STAGE, S.STATUS)
                if f in column
            )
        )
        truth["rep"].append(row[S.REP] if S.REP in column else "")
        truth["won"].append(said_won or form == "none")
        truth["amount"].append(float("nan") if row[S.AMOUNT] is None else round(amount, 2))
        truth["close"].append(row[S.CLOSE_DATE])
        truth["id"].append(row[S.DEAL_ID] if S.DEAL_ID in column else None)
    frame = pd.DataFrame(cells, columns=list(headers))
    odd = draw(st.integers(0, 3)) == 2 and n > 0
    if odd:
        frame = draw(with_odd_cells(frame, rng))
    facts = pd.DataFrame(truth)
    facts["close"] = pd.to_datetime(facts["close"])
    has_dups = facts["id"].dropna().duplicated().any()
    exact = not (odd or has_dups or drop_required) and dates_read_one_way(
        frame, [column.get(S.CLOSE_DATE), column.get(S.CREATED_DATE)], date_style
    )
    name = draw(st.sampled_from(SHEET_NAMES[S.DEALS]))
    return Sheet(S.DEALS, name, frame, headers), facts, exact


def _period_label(day: datetime, grain: str) -> object:
    """Return a target or market period: a quarter or month label, or the month's first day."""
    if grain == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if grain == "month":
        return f"{day.year}-{day.month:02d}"
    return datetime(day.year, day.month, 1)


@st.composite
def _side_table(
    draw: st.DrawFn, table: str, w: World, deal_ids: list[str], must: tuple[str, ...] = ()
) -> Sheet:
    """Draw one of the other tables (activities, leads, targets, …) sharing the world's people."""
    n = _rows(draw)
    rng = w.rng
    spec = S.TABLES[table]
    optional = [f for f in spec.field_names if f not in spec.required]
    chosen = draw(st.sets(st.sampled_from(optional))) if optional else set()
    if table == S.TARGETS:  # per rep or per team
        chosen.discard(S.REP if draw(st.booleans()) else S.TEAM)
    if table == S.REPS and not chosen & {S.REP, S.REP_ID}:
        chosen.add(S.REP)
    chosen |= set(must)
    fields = [*spec.required, *sorted(chosen)]
    emptiable = sorted(chosen - set(must))
    empty = draw(st.sampled_from(emptiable)) if emptiable and draw(st.booleans()) else None
    headers = draw(_headers(table, fields))
    grain = draw(st.sampled_from(("quarter", "month", "date")))
    date_style = draw(st.sampled_from(DATE_STYLES))
    scale = draw(st.sampled_from(((0, 10, "NPS"), (1, 5, "CSAT"))))
    yes, no = draw(st.sampled_from(FLAGS))
    cells: dict[str, list[object]] = {h: [] for h in headers}
    for i in range(n):
        day, rep = w.day(), w.rep()
        row: dict[str, object] = {
            S.REP: w.written(rep),
            S.REP_ID: w.rep_id(rep),
            S.TEAM: w.team_of[rep],
            S.REGION: rng.choice(("Noord", "South")),
            S.DATE: day,
            S.TYPE: rng.choice(("Call", "Email", "Meeting", "Bellen", "Afspraak")),
            S.DEAL_ID: rng.choice(deal_ids) if deal_ids else f"X{i}",
            S.OUTCOME: rng.choice(("Connected", "No answer", "Geen gehoor")),
            S.DURATION: rng.randint(0, 90),
            S.ACTIVITY_ID: f"A{i}",
            S.CREATED_AT: day,
            S.FIRST_RESPONSE_AT: day + timedelta(hours=rng.randint(0, 72)),
            S.CONVERTED: rng.choice((yes, no)),
            S.CONVERTED_AT: day + timedelta(days=rng.randint(0, 30)),
            S.LEAD_ID: f"L{i}",
            S.SOURCE: rng.choice(("Web", "Referral", "Beurs")),
            S.PERIOD: _period_label(day, grain),
            S.TARGET: rng.choice((0, 1000, 25_000.5, 1e6)),
            S.METRIC: "revenue",
            S.SCORE: rng.randint(scale[0], scale[1]),
            S.SCALE: scale[2],
            S.ACCOUNT: rng.choice(("Acme", "Globex")),
            S.RESPONDENT_ID: f"R{rng.randint(0, 40)}",
            S.MARKET_REVENUE: rng.uniform(1e5, 1e8),
            S.SEGMENT: rng.choice(("SMB", "Enterprise")),
            S.STAGE: rng.choice(OPEN + WON + LOST),
            S.CHANGED_AT: day,
            S.AMOUNT: rng.uniform(0, 50_000),
            S.CLOSE_DATE: day + timedelta(days=rng.randint(0, 60)),
            S.START_DATE: day - timedelta(days=900),
        }
        for h, f in headers.items():
            v = row[f]
            if isinstance(v, datetime) and f != S.PERIOD:
                v = date_cell(v, date_style)
            cells[h].append(v if f in spec.required else None if f == empty else w.blanked(v))
    if table == S.REPS:  # one row per rep, as a people sheet has
        cells = {h: [] for h in headers}
        for rep in w.reps:
            values = {
                S.REP: rep,
                S.REP_ID: w.rep_id(rep),
                S.TEAM: w.team_of[rep],
                S.REGION: "Noord",
                S.START_DATE: date_cell(w.start, date_style),
            }
            for h, f in headers.items():
                cells[h].append(None if f == empty else values[f])
    frame = pd.DataFrame(cells, columns=list(headers))
    if len(frame) and draw(st.integers(0, 3)) == 2:
        frame = draw(with_odd_cells(frame, rng))
    return Sheet(table, draw(st.sampled_from(SHEET_NAMES[table])), frame, headers)


def may_fill_down(sheet: Sheet) -> bool:
    """Return whether the reading may fill blanks of this sheet from the row above.

    A grouped report shows each name or stage once with blanks below: the reading fills those
    down (dataset.py), so in a rep, team, region, stage or status column 3 in 10 blank, a
    blank may mean "as above".
    """
    grouping = (S.REP, S.TEAM, S.REGION, S.STAGE, S.STATUS)
    return any(
        sheet.frame[h].isna().mean() >= 0.3 for h, f in sheet.fields.items() if f in grouping
    )


@st.composite
def _maybe_split(draw: st.DrawFn, sheet: Sheet) -> list[Sheet]:
    """Return the sheet, maybe under a report title, maybe split in two (one per year, say)."""
    if draw(st.integers(0, 5)) == 2:
        title = draw(st.sampled_from(("Opportunities report", "Rapport: verkoopkansen 2026")))
        sheet = replace(sheet, preamble=(title, "Generated 2026-12-01 09:00"))
    if len(sheet.frame) < 2 or draw(st.integers(0, 3)) != 2:
        return [sheet]
    cut = draw(st.integers(1, len(sheet.frame) - 1))
    first = replace(sheet, frame=sheet.frame.iloc[:cut].reset_index(drop=True))
    second = replace(sheet, name=sheet.name + " (2)", frame=sheet.frame.iloc[cut:])
    return [first, replace(second, frame=second.frame.reset_index(drop=True))]


@st.composite
def exports(draw: st.DrawFn) -> Export:
    """Draw a whole CRM export: its sheets, written as one workbook or as several files."""
    w = draw(worlds())
    with_deals = draw(st.integers(0, 7)) != 3
    sheets: list[Sheet] = []
    facts, exact = None, False
    if with_deals:
        deals, facts, exact = draw(_deals(w))
        sheets += draw(_maybe_split(deals))
        exact = exact and not any(may_fill_down(s) for s in sheets)
    ids = [str(x) for x in facts["id"].dropna().unique()] if facts is not None else []
    tables = draw(st.lists(st.sampled_from(OPTIONAL_TABLES), unique=True, max_size=5))
    if w.by_id and S.REPS not in tables:  # ids need the people sheet that names them
        tables.append(S.REPS)
    for table in tables:
        must = (S.REP, S.REP_ID) if table == S.REPS and w.by_id else ()
        sheets.append(draw(_side_table(table, w, ids, must)))
    layout = draw(st.sampled_from(("workbook", "workbook", "files")))
    files: list[tuple[str, bytes]] = []
    if layout == "workbook" or not sheets:
        files.append(
            (
                "export.xlsx",
                workbook(
                    sheets
                    or [Sheet(S.IGNORE, "Sheet1", pd.DataFrame({"Note": ["nothing here"]}), {})]
                ),
            )
        )
    else:
        for sheet in sheets:
            kind = draw(st.sampled_from(("xlsx", "csv", "csv_nl", "csv_windows")))
            stem = sheet.name.replace(" ", "_")
            if kind == "xlsx":
                files.append((f"{stem}.xlsx", workbook([sheet])))
            elif kind == "csv":
                files.append((f"{stem}.csv", csv_file(sheet, ",", "utf-8")))
            elif kind == "csv_nl":
                files.append((f"{stem}.csv", csv_file(sheet, ";", "utf-8-sig")))
            else:
                files.append((f"{stem}.csv", csv_file(sheet, ";", "cp1252")))
    return Export(tuple(files), tuple(sheets), facts, exact)


def settled(examples: int, suppress: tuple[HealthCheck, ...] = ()) -> settings:
    """Return the settings of a property test: its examples, times SALESCOPE_PROPERTY_SCALE.

    The rest comes from the loaded profile (tests/conftest.py: derandomized in `make test`);
    `suppress` adds health checks to the profile's.
    """
    scale = int(os.environ.get("SALESCOPE_PROPERTY_SCALE", "1"))
    checks = [*settings.default.suppress_health_check, *suppress]
    return settings(max_examples=examples * scale, suppress_health_check=checks)
