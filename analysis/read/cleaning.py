"""Cleaning rules for parsed rows and columns: which rows are set aside, what is unified.

The rules run on a sheet's parsed columns (deal outcome, one currency, close before created,
per-table checks, spelling variants, grouped-report fill-down, the sheet's day-first reading)
and on the combined deals (duplicate IDs, order lines). Rows they reject are collected in
`Rows` with their first reason; every rule returns plain-language notes of what it did.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from analysis.model import schema as S
from analysis.read.dates import parse_dates
from analysis.read.notes import field_name, message
from analysis.read.stages import status_from_flags
from analysis.words.message import Say, fmt, joined

BULK_EARLY_SHARE = 0.2
BULK_DAY_SHARE = 0.5
LINE_CONSISTENCY = 0.9


class Rows:
    """Collects the first reason each row is set aside for."""

    def __init__(self, index: pd.Index) -> None:
        self.index = index
        self._reason = np.full(len(index), None, dtype=object)
        self._flagged = np.zeros(len(index), dtype=bool)

    def flag(
        self, mask: pd.Series | np.ndarray, reason: Say | Callable[[np.ndarray], object]
    ) -> None:
        """Give rows in `mask` that have no reason yet this one (a message, or made per row)."""
        hit = np.asarray(pd.Series(mask, index=self.index).fillna(False), dtype=bool)
        new = hit & ~self._flagged
        if not new.any():
            return
        self._reason[new] = reason(new) if callable(reason) else reason
        self._flagged |= new

    @property
    def aside(self) -> np.ndarray:
        """Return a boolean array: True for rows set aside."""
        return self._flagged

    @property
    def reason(self) -> pd.Series:
        """Return the reason per row (None for rows kept)."""
        return pd.Series(self._reason, index=self.index)


def unify_spellings(names: pd.Series) -> tuple[pd.Series, int]:
    """Return (names with case/space variants set to their most common spelling, merged)."""
    codes, uniques = pd.factorize(names)
    if len(uniques) < 2:
        return names, 0
    spelled = pd.Series(uniques, dtype=object).astype(str)
    keys = spelled.str.casefold().str.split().str.join(" ")
    if keys.is_unique:
        return names, 0
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    best = (
        pd.DataFrame({"key": keys, "name": spelled, "n": counts})
        .sort_values("n", ascending=False, kind="stable")
        .drop_duplicates("key")
        .set_index("key")["name"]
    )
    canonical = keys.map(best).to_numpy(dtype=object)
    merged = int((canonical != spelled.to_numpy(dtype=object)).sum())
    out = pd.Series(canonical[codes], index=names.index, dtype="string").where(codes >= 0)
    return out, merged


def day_first_of_sheet(raw: pd.DataFrame, columns: list[str]) -> bool | None:
    """Return the day-first reading that the sheet's decided date columns agree on, if any."""
    votes = set()
    for column in columns:
        parsed = parse_dates(raw[column].head(5000))
        if parsed.day_first is not None and not parsed.ambiguous:
            votes.add(parsed.day_first)
    return votes.pop() if len(votes) == 1 else None


def grouped_report_column(values: pd.Series) -> bool:
    """Return True for a grouping column of a formatted report: each name once, blanks below."""
    filled = values.dropna()
    blanks = values.isna()
    return (
        len(filled) >= 1
        and bool(blanks.any())
        and pd.notna(values.iloc[0])
        and filled.is_unique
        and blanks.mean() >= 0.3
    )


def table_rules(table: str, out: pd.DataFrame, rows: Rows, cols: dict[str, str]) -> list[Say]:
    """Return the notes of the table's own checks; rejected rows are flagged in `rows`."""
    notes: list[Say] = []
    if table == S.DEALS:
        rows.flag(out[S.AMOUNT] < 0, message("reason.negative", what=field_name(S.DEALS, S.AMOUNT)))
        if S.CREATED_DATE in out:
            notes += _close_before_created(out, rows)
        if S.REP in out:
            rep = field_name(table, S.REP)
            rows.flag(out[S.REP].isna(), message("reason.missing", what=rep))
        notes += _one_currency(out, rows)
    elif table == S.ACTIVITIES:
        if S.TYPE not in out:
            out[S.TYPE] = "Activity"
            notes.append(message("note.no_activity_type"))
        out[S.TYPE] = out[S.TYPE].fillna("Other")
    elif table == S.LEADS and S.FIRST_RESPONSE_AT in out:
        early = out[S.FIRST_RESPONSE_AT] < out[S.CREATED_AT]
        if early.any():
            out.loc[early, S.FIRST_RESPONSE_AT] = pd.NaT
            notes.append(message("note.early_response", n=int(early.sum())))
    elif table in (S.TARGETS, S.MARKET):
        value = S.TARGET if table == S.TARGETS else S.MARKET_REVENUE
        if table == S.TARGETS and not ({S.REP, S.TEAM} & set(out)):
            notes.append(message("note.company_targets"))
        rows.flag(out[value] < 0, message("reason.negative", what=field_name(table, value)))
    elif table in (S.CUSTOMER_FEEDBACK, S.EMPLOYEE_SURVEY):
        rows.flag((out[S.SCORE] < 0) | (out[S.SCORE] > 10), message("reason.score_range"))
    return notes


def deal_outcome(out: pd.DataFrame, cols: dict[str, str]) -> list[Say]:
    """Return notes; fills won / lost / open from status, then stage, then flags or probability."""
    outcome = pd.Series(None, index=out.index, dtype=object)
    for source in (S.STATUS, S.STAGE):
        if source in out:
            outcome = outcome.where(
                outcome.notna() & (outcome != "open"), out[source].fillna(outcome)
            )
    flags = [f for f in (S.IS_WON, S.IS_CLOSED) if f in out] or (
        [S.PROBABILITY] if S.PROBABILITY in out and outcome.isna().all() else []
    )
    if flags:
        from_flags = status_from_flags(
            out.get(S.IS_WON),
            out.get(S.IS_CLOSED),
            out.get(S.PROBABILITY) if S.PROBABILITY in flags else None,
        )
        outcome = outcome.where(outcome.notna(), from_flags)
    notes: list[Say] = []
    if not ({S.STATUS, S.STAGE, S.IS_WON, S.IS_CLOSED, S.PROBABILITY} & set(cols)):
        outcome = outcome.fillna("won")
        out[S.OUTCOME_GUESSED] = True
        notes.append(message("note.no_outcome"))
    out[S.STATUS] = outcome.fillna("open")
    if S.STAGE in out:
        out[S.STAGE] = out.pop(S.STAGE + "_raw")
    if S.STATUS + "_raw" in out:
        out.pop(S.STATUS + "_raw")
    return notes


def _close_before_created(out: pd.DataFrame, rows: Rows) -> list[Say]:
    """Set aside deals closed before they were created, unless created dates are import dates."""
    # By the day: a close date at midnight and a created time later that day is the same day.
    early = (out[S.CLOSE_DATE].dt.normalize() < out[S.CREATED_DATE].dt.normalize()).fillna(False)
    if not early.any():
        return []
    share = early.mean()
    top_day_share = out[S.CREATED_DATE].dt.normalize().value_counts(normalize=True).iloc[0]
    if share > BULK_EARLY_SHARE and top_day_share > BULK_DAY_SHARE:
        out.loc[early, S.CREATED_DATE] = pd.NaT
        return [message("note.import_dates", n=int(early.sum()))]
    rows.flag(early, message("reason.close_before_created"))
    return []


def _one_currency(out: pd.DataFrame, rows: Rows) -> list[Say]:
    if S.CURRENCY not in out:
        return []
    currency = out[S.CURRENCY].astype("string").str.upper().str.strip()
    counts = currency[~rows.aside].value_counts()
    if len(counts) <= 1:
        return []
    main = str(counts.index[0])
    other = currency.notna() & (currency != main)
    written = currency.fillna("")

    def reasons(hit: np.ndarray) -> object:
        said = [message("reason.other_currency", currency=c, main=main) for c in written[hit]]
        return np.array(said, dtype=object)

    rows.flag(other, reasons)
    currencies = joined(map(str, counts.index), ", ")
    return [
        message(
            "note.currencies",
            n=len(counts),
            currencies=currencies,
            main=main,
            n_other=int(other.sum()),
        )
    ]


def dedupe_deals(deals: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, list[Say]]:
    """Return (deals, duplicates set aside, notes); order lines sharing an id are combined."""
    if S.DEAL_ID not in deals or deals[S.DEAL_ID].isna().all():
        return deals, deals.iloc[0:0], []
    has_id = deals[S.DEAL_ID].notna()
    dup = has_id & deals.duplicated(S.DEAL_ID, keep="first")
    if not dup.any():
        return deals, deals.iloc[0:0], []
    if _look_like_order_lines(deals, dup):
        lines = deals[has_id]
        agg = {c: "first" for c in lines.columns if c != S.DEAL_ID}
        agg[S.AMOUNT] = "sum"
        combined = lines.groupby(S.DEAL_ID, sort=False, as_index=False).agg(agg)
        combined = pd.concat([combined, deals[~has_id]], ignore_index=True)
        n_ids = combined[S.DEAL_ID].nunique()
        note = message("note.order_lines", n=fmt("number", len(lines)), n_ids=fmt("number", n_ids))
        return combined[deals.columns], deals.iloc[0:0], [note]
    return deals[~dup], deals[dup], []


def _look_like_order_lines(deals: pd.DataFrame, dup: pd.Series) -> bool:
    """Return True when rows sharing an id agree on rep, date and account but not on all."""
    ids = deals.loc[dup, S.DEAL_ID].unique()
    group = deals[deals[S.DEAL_ID].isin(ids)]
    keys = [c for c in (S.REP, S.CLOSE_DATE, S.ACCOUNT) if c in deals]
    consistent = group.groupby(S.DEAL_ID)[keys].nunique(dropna=False).le(1).all(axis=1)
    content = [c for c in deals.columns if not c.startswith("_")]
    identical = group.duplicated(subset=content, keep="first")
    return bool(consistent.mean() >= LINE_CONSISTENCY) and not bool(identical[dup].all())
