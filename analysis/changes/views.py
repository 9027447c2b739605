"""What the What changed page shows of the changes, worked out: its lines, pickers and tables.

The tables' cells are `Say`s and formatted values, to be written in the reader's language by
`written(frame, lang)`, which also names the columns from the catalogue
(`changes_page.col.<name>`); so the page only draws, and switching the language computes
nothing again.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.changes.compare import Changes
from analysis.changes.flow import END, START
from analysis.changes.moves import CATEGORIES
from analysis.changes.sentences import category, money
from analysis.changes.signals import rep_moves
from analysis.words.catalogue import DEFAULT, t
from analysis.words.formats import UNKNOWN
from analysis.words.message import Say, fmt, text

BY = ("company", "team", "rep")  # whose flow the chart shows
ROLES = ("earlier", "later", "trend")  # what an export became in the comparison
# The columns of the per-rep table: (column, category counted, money column of rep_moves).
REP_COLUMNS = (
    ("new", "new", "new_cents"),
    ("won", "won", "won_cents"),
    ("lost", "lost", "lost_cents"),
    ("pushed_out", "pushed_out", "pushed_cents"),
    ("pulled_in", "pulled_in", "pulled_in_cents"),
    ("amount_up", "amount_up", None),
    ("amount_down", "amount_down", None),
    ("stage_back", "stage_back", None),
    ("vanished", "vanished", None),
)
# What a deal's table shows before and after, per category (the rest as the deal is now).
CHANGED: dict[str, tuple[str, ...]] = {
    "won": ("stage", "close"),
    "lost": ("stage", "close"),
    "reopened": ("stage", "close"),
    "pushed_out": ("close",),
    "pulled_in": ("close",),
    "currency_changed": ("currency", "amount"),
    "amount_up": ("amount",),
    "amount_down": ("amount",),
    "stage_forward": ("stage",),
    "stage_back": ("stage",),
    "owner_changed": ("rep",),
}
FIELDS = ("rep", "stage", "amount", "close")  # shown once when unchanged, in this order


def roles(days: Sequence[pd.Timestamp | None]) -> list[str]:
    """Return what each export became, given in the order [earlier exports..., yours].

    The exports are put in date order as `compare` does (no date first, a tie kept in the
    given order): the last is the "later" export, the one before it the "earlier", and any
    older one only counts for the usual week ("trend").
    """
    order = sorted(range(len(days)), key=lambda i: (days[i] or pd.Timestamp.min, i))
    out = ["trend"] * len(days)
    if order:
        out[order[-1]] = "later"
    if len(order) > 1:
        out[order[-2]] = "earlier"
    return out


def export_line(name: str, day: pd.Timestamp | None, role: str) -> Say:
    """Return the line under the earlier-export slot: the file, its last day and what it became."""
    said = Say(f"changes_page.role.{role}")
    if day is None:
        return Say("changes_page.line.undated", name=name, role=said)
    return Say("changes_page.line.dated", name=name, day=fmt("day", day), role=said)


def main_line(day: pd.Timestamp | None, role: str) -> Say | None:
    """Return what your own export became when it is not the later one (None: it is)."""
    if role == "later":
        return None
    return Say("changes_page.main_earlier", day=fmt("day", day),
               role=Say(f"changes_page.main_role.{role}"))  # fmt: skip


def scopes(changes: Changes, by: str) -> list[str | None]:
    """Return the teams or reps that have a flow, by name (None: deals without one, last)."""
    names = changes.flows[by]["scope"]
    known = sorted({str(n) for n in names.dropna()})
    return [*known, None] if names.isna().any() else list(known)


def scope_name(by: str, name: str | None) -> Say | str:
    """Return a team or rep as the picker shows it ('Deals without a rep' for None)."""
    if name is not None:
        return name
    return Say("changes.no_rep" if by == "rep" else "changes_page.no_team")


def scope_flow(changes: Changes, by: str, name: str | None = None) -> pd.DataFrame:
    """Return the flow of the company, or of one team or rep (`flow.FLOW_COLUMNS`)."""
    flows = changes.flows[by]
    if by == "company":
        return flows.reset_index(drop=True)
    hit = flows["scope"].isna() if name is None else flows["scope"] == name
    return flows[hit.fillna(False).astype(bool)].reset_index(drop=True)


def flow_ends(flow: pd.DataFrame) -> tuple[int, int]:
    """Return a flow's pipeline at the earlier export and now, in cents."""
    cents = flow.set_index(flow["part"].astype(str))["cents"]
    return int(cents.get(START, 0)), int(cents.get(END, 0))


def _cell(count: int, cents: int, currency: str | None, again: int = 0) -> object:
    """Return '3 (€31.6k)' ('—' for none); with deals pushed before, '3 (€31.6k), 1 again'."""
    if not count:
        return UNKNOWN
    value = money(cents, currency)
    if again:
        return Say("changes_page.cell_again", count=fmt("number", count), value=value, again=again)
    return Say("changes_page.cell", count=fmt("number", count), value=value)


def rep_table(changes: Changes, currency: str | None) -> pd.DataFrame:
    """Return one row per rep (the later owner): team, and per kind of move the deals and
    their value ('3 (€31.6k)'), or only the deals for amounts and stages; '—' for none."""
    reps = rep_moves(changes)
    out = pd.DataFrame(
        {
            "rep": [r if isinstance(r, str) else Say("changes.no_rep") for r in reps["rep"]],
            "team": reps["team"].fillna(UNKNOWN).to_numpy(object),
        }
    )
    for column, kind, cents in REP_COLUMNS:
        counts = reps[kind].to_numpy(np.int64)
        if cents is None:
            out[column] = [_count(int(n)) for n in counts]
            continue
        again = reps["pushed_again"] if kind == "pushed_out" else pd.Series(0, index=reps.index)
        out[column] = [
            _cell(int(n), int(c), currency, int(a))
            for n, c, a in zip(counts, reps[cents], again, strict=True)
        ]
    order = np.argsort(reps["rep"].fillna("\uffff").str.casefold().to_numpy(str), kind="stable")
    return out.iloc[order].reset_index(drop=True)


def _count(n: int) -> object:
    return fmt("number", n) if n else UNKNOWN


def category_counts(changes: Changes) -> list[tuple[str, int]]:
    """Return each category with deals in it and how many, in the order of `CATEGORIES`."""
    counts = changes.moves["category"].astype(str).value_counts()
    return [(code, int(counts[code])) for code in CATEGORIES if counts.get(code, 0)]


def category_option(code: str, count: int) -> Say:
    """Return a category as the picker shows it: 'Pushed out of the period (3)'."""
    return Say("changes_page.which_option", category=category(code), count=fmt("number", count))


def _amount(value: float, currency: object, main: str | None) -> object:
    """Return an amount in the deal's own currency (the main one when it has none)."""
    own = currency if isinstance(currency, str) and currency else main
    return fmt("money", value, currency=own)


def _value(field: str, side: str, row: pd.Series, main: str | None) -> object:
    """Return one field of a deal on one side ("before"/"after"), ready to be written."""
    if field == "amount":
        value = row[f"amount_{side}"]
        return UNKNOWN if pd.isna(value) else _amount(value, row[f"currency_{side}"], main)
    if field == "close":
        value = row[f"close_{side}"]
        return UNKNOWN if pd.isna(value) else fmt("day", value)
    if field == "rep":
        value = row["rep_before"] if side == "before" else row["rep"]
    else:
        value = row[f"{field}_{side}"]
    return UNKNOWN if pd.isna(value) else str(value)


def deals_table(changes: Changes, code: str, currency: str | None) -> pd.DataFrame:
    """Return the deals of one category, the largest first: deal, account, rep, team, and what
    changed as '<field> before' and '<field> now' columns (the rest as the deal stands now)."""
    rows = changes.moves[changes.moves["category"].astype(str) == code]
    size = rows[["amount_before", "amount_after"]].abs().max(axis=1).fillna(0)
    rows = rows.loc[size.sort_values(ascending=False, kind="stable").index]
    changed = CHANGED.get(code, ())
    side = "before" if code == "vanished" else "after"
    out = pd.DataFrame(
        {
            "deal": [_name(r) for _, r in rows.iterrows()],
            "account": rows["account"].fillna(UNKNOWN).to_numpy(object),
        }
    )
    for field in (*FIELDS, "currency"):
        if field in changed:
            for when in ("before", "after"):
                out[f"{field}_{when}"] = [
                    _value(field, when, r, currency) for _, r in rows.iterrows()
                ]
        elif field != "currency":
            out[field] = [_value(field, side, r, currency) for _, r in rows.iterrows()]
        if field == "rep":
            out["team"] = rows["team"].fillna(UNKNOWN).to_numpy(object)
    return out


def _name(row: pd.Series) -> object:
    for column in ("deal", "deal_id"):
        if pd.notna(row[column]):
            return str(row[column])
    return Say("changes.no_name")


def file_day(changes: Changes) -> str:
    """Return the later export's day as a download's name holds it: '2026-09-30' ('' unknown)."""
    return "" if changes.after is None else f"{changes.after:%Y-%m-%d}"


def written(frame: pd.DataFrame, lang: str = DEFAULT) -> pd.DataFrame:
    """Return a view's table in `lang`: columns named `changes_page.col.<name>`, cells written."""
    return pd.DataFrame(
        {
            t(f"changes_page.col.{c}", lang): [str(text(v, lang)) for v in frame[c]]
            for c in frame.columns
        }
    )
