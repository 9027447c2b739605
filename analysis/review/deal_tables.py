"""The deals behind a number as users read them: column names and values in their language.

`deals_table` writes a frame of `review.deals` (codes and raw values): money with its currency,
dates and days the language's way, kinds and statuses in words, never a code. `rep_sections`
gives the one-to-one pack its lost deals, its open deals due and the gap to the next target.
"""

from __future__ import annotations

import pandas as pd

from analysis.review.deals import RepDeals, plan_said
from analysis.review.document import Block, Section, Table, Text
from analysis.words import formats as F
from analysis.words.catalogue import t

PACK_ROWS = 10  # a pack lists this many deals of a kind; the app shows them all


def _col(name: str, lang: str) -> str:
    return t(f"deals.col.{name}", lang)


def _close_header(kinds: set[str], lang: str) -> str:
    if kinds <= {"won", "lost"}:
        return _col("closed", lang)
    if kinds <= {"open", "stalled", "slipped", "due"}:
        return _col("expected_close", lang)
    return _col("close_date", lang)


def _names(frame: pd.DataFrame) -> pd.Series:
    """Return each deal's name, else its id, else '—' (text as the data has it)."""
    return frame["deal"].fillna(frame["deal_id"]).fillna(F.UNKNOWN).astype(str)


def deals_table(
    frame: pd.DataFrame,
    currency: str | None,
    lang: str = "en",
    one_rep: bool = False,
    compact: bool = False,
) -> pd.DataFrame:
    """Return deals (`review.deals.COLUMNS`) with plain column names and values in `lang`.

    The kind shows when the frame holds several, the status for new deals, the rep and team
    unless `one_rep`, the id in the CRM when deals have both a name and an id, the stage
    unless every closed deal has the same ('Closed Lost'), the created date unless `compact`
    (a page of a report: the days open say it).
    """
    kinds = set(frame["kind"].astype(str))
    out: dict[str, object] = {}
    if len(kinds) > 1:
        out[_col("kind", lang)] = [t(f"deals.kind.{k}", lang) for k in frame["kind"]]
    out[_col("deal", lang)] = _names(frame).to_numpy()
    if frame["deal"].notna().any() and frame["deal_id"].notna().any():
        out[_col("deal_id", lang)] = frame["deal_id"].fillna(F.UNKNOWN).astype(str).to_numpy()
    out[_col("account", lang)] = frame["account"].fillna(F.UNKNOWN).astype(str).to_numpy()
    if not one_rep:
        out[_col("rep", lang)] = frame["rep"].fillna(F.UNKNOWN).astype(str).to_numpy()
        out[_col("team", lang)] = frame["team"].fillna(F.UNKNOWN).astype(str).to_numpy()
    stages = frame["stage"].fillna(F.UNKNOWN).astype(str)
    if not (kinds <= {"won", "lost"} and stages.nunique() == 1):
        out[_col("stage", lang)] = stages.to_numpy()
    if "new" in kinds:
        out[_col("status", lang)] = [t(f"deals.status.{s}", lang) for s in frame["status"]]
    out[_col("amount", lang)] = [F.money(v, currency, lang) for v in frame["amount"]]
    if not compact:
        out[_col("created", lang)] = [F.day(v, lang) for v in frame["created"]]
    out[_close_header(kinds, lang)] = [F.day(v, lang) for v in frame["close_date"]]
    out[_col("days_open", lang)] = [F.number(v, lang) for v in frame["days_open"]]
    return pd.DataFrame(out)


def deals_count(frame: pd.DataFrame, currency: str | None, lang: str = "en") -> str:
    """Return how many deals and their value: '3 deals, €12,500 in all.'; '' for none.

    Deals without an amount are in no total, and the count says how many there are: '3 deals,
    €12,500 in all; 1 has no amount.', '2 deals, none with an amount.'
    """
    if frame.empty:
        return t("deals.none", lang)
    n, unknown = len(frame), int(frame["amount"].isna().sum())
    many = F.plural(n, lang)
    if unknown == n:
        return t(f"deals.count_no_amount.{many}", lang, n=F.number(n, lang))
    money = F.money(float(frame["amount"].sum()), currency, lang)
    said = t(f"deals.count.{many}", lang, n=F.number(n, lang), money=money)
    if not unknown:
        return said
    missing = t(f"deals.no_amount.{F.plural(unknown, lang)}", lang, n=F.number(unknown, lang))
    return f"{said} {missing}"


def _listed(frame: pd.DataFrame, currency: str | None, lang: str) -> tuple[Block, ...]:
    """Return the first `PACK_ROWS` deals as a table, the count, and how many more there are."""
    shown: list[Block] = [Text(deals_count(frame, currency, lang), "note")]
    shown.append(Table(deals_table(frame.head(PACK_ROWS), currency, lang, True, True)))
    if len(frame) > PACK_ROWS:
        more = F.number(len(frame) - PACK_ROWS, lang)
        shown.append(Text(t("deals.rep.more", lang, n=more), "note"))
    return tuple(shown)


def rep_sections(deals: RepDeals, currency: str | None, lang: str = "en") -> tuple[Section, ...]:
    """Return the pack's sections on the rep's deals: lost this period, and the next target."""
    period, due = deals.period, deals.due_period
    lost: tuple[Block, ...] = (
        _listed(deals.lost, currency, lang)
        if len(deals.lost)
        else (Text(t("deals.rep.no_lost", lang, period=period), "note"),)
    )
    ahead: list[Block] = [Text(plan_said(deals, currency).text(lang))]
    ahead.append(Text("", strong=t("deals.rep.due", lang, period=due)))
    if len(deals.due):
        ahead.extend(_listed(deals.due, currency, lang))
    else:
        ahead.append(Text(t("deals.rep.no_due", lang, period=due), "note"))
    if len(deals.slipped):
        ahead.append(Text("", strong=t("deals.rep.slipped", lang)))
        ahead.extend(_listed(deals.slipped, currency, lang))
    return (
        Section("lost", t("deals.rep.lost", lang, period=period), lost),
        Section("ahead", t("deals.rep.gap", lang, period=due), tuple(ahead)),
    )
