"""Each deal as one export shows it: the columns two exports are compared on.

An export is a picture of one day: its date is the last day the data covers
(`periods.data_span`), the same day the Pipeline page calls "today".
"""

from __future__ import annotations

import pandas as pd

from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import data_span

STATE_COLUMNS = [
    "deal_id",
    "deal",
    "account",
    "product",
    "rep",
    "team",
    "created",
    "status",
    "stage",
    "amount",
    "close",
    "currency",
]


def _text(deals: pd.DataFrame, column: str) -> pd.Series:
    if column not in deals:
        return pd.Series(pd.NA, index=deals.index, dtype="string")
    values = deals[column]
    if isinstance(values.dtype, pd.StringDtype):  # ingestion has stripped and blanked it already
        return values
    return values.astype("string").str.strip().replace("", pd.NA)


def _day(deals: pd.DataFrame, column: str) -> pd.Series:
    if column not in deals:
        return pd.Series(pd.NaT, index=deals.index, dtype="datetime64[ns]")
    return pd.to_datetime(deals[column], errors="coerce").astype("datetime64[ns]").dt.normalize()


def _number(deals: pd.DataFrame, column: str) -> pd.Series:
    if column not in deals:
        return pd.Series(float("nan"), index=deals.index)
    return pd.to_numeric(deals[column], errors="coerce").astype(float)


def deal_states(data: Dataset) -> pd.DataFrame:
    """Return one row per deal of the export with `STATE_COLUMNS` (empty without deals).

    `close` is the close date of a closed deal and the expected close of an open one;
    `status` is open, won or lost.
    """
    deals = data.tables.get(S.DEALS)
    if deals is None:
        deals = pd.DataFrame(index=pd.RangeIndex(0))
    main = data.currency
    currency = _text(deals, S.CURRENCY).str.upper()
    frame = pd.DataFrame(
        {
            "deal_id": _text(deals, S.DEAL_ID),
            "deal": _text(deals, S.DEAL_NAME),
            "account": _text(deals, S.ACCOUNT),
            "product": _text(deals, S.PRODUCT),
            "rep": _text(deals, S.REP),
            "team": _text(deals, S.TEAM),
            "created": _day(deals, S.CREATED_DATE),
            "status": _text(deals, S.STATUS).fillna("open"),
            "stage": _text(deals, S.STAGE),
            "amount": _number(deals, S.AMOUNT),
            "close": _day(deals, S.CLOSE_DATE),
            "currency": currency.fillna(main) if main else currency,
        },
        index=deals.index,
    )
    return frame[STATE_COLUMNS].reset_index(drop=True)


def export_day(data: Dataset) -> pd.Timestamp | None:
    """Return the day an export shows: its export (snapshot) date when a column holds one, else
    the last day its data covers (None: no dates in it)."""
    deals = data.tables.get(S.DEALS)
    if deals is not None and S.SNAPSHOT_DATE in deals and deals[S.SNAPSHOT_DATE].notna().any():
        return pd.Timestamp(pd.to_datetime(deals[S.SNAPSHOT_DATE]).max()).normalize()
    span = data_span(data)
    return None if span is None else span[1]
