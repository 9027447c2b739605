"""The analysis as an Excel workbook: summary, KPIs per rep and team, causes, coaching, set-aside,
and (when given) the forecast of the period ahead and its open deals, and what changed since an
earlier export and the deals that changed.

Every number is stored as a number with the format of its KPI (money with the currency
symbol, percentages, days); text from the data is defused so Excel never runs it as a formula.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable

import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from analysis.changes.compare import Changes
from analysis.diagnosis.causes import Cause
from analysis.forecast.outlook import Forecast
from analysis.kpis.labels import currency_symbol, kpi_label
from analysis.kpis.query import KpiTable, kpi_value
from analysis.kpis.registry import KPIS, missing_inputs
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodChoice, PeriodSpec, compared_with
from analysis.render import changes_sheet as CS
from analysis.render import forecast_sheet as FS
from analysis.render.data_quality import set_aside_table
from analysis.render.safe_export import defuse, safe_frame
from analysis.review.findings import Findings
from analysis.words.catalogue import t
from analysis.words.message import text

HEADLINE = ("revenue", "target", "target_attainment", "win_rate", "new_deals", "won_deals",
            "avg_deal_size", "cycle_days", "activities", "enps")  # fmt: skip
FORMATS = {"percent": "0%", "count": "#,##0", "days": "0", "hours": "0.0", "ratio": "0.0"}
MAX_WIDTH = 60  # characters; longer text wraps


def number_format(key: str, currency: str | None = None) -> str:
    """Return the Excel number format of a KPI: '"€"#,##0', '0%', '0', '0.0' or '+0;-0'."""
    entry = KPIS[key]
    if entry.unit == "money":
        symbol = currency_symbol(currency).replace('"', "")
        return f'"{symbol}"#,##0' if symbol else "#,##0"
    if entry.unit == "score":
        return "+0;-0;0" if "+" in entry.fmt else "0.0"
    if entry.unit == "percent" and entry.fmt == "{:.1%}":
        return "0.0%"
    return FORMATS.get(entry.unit, "General")


def _signed(fmt: str) -> str:
    return fmt if ";" in fmt else f"+{fmt};-{fmt};{fmt}"


def _blank(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _write(
    book: xlsxwriter.Workbook,
    sheet: Worksheet,
    frame: pd.DataFrame,
    style: Callable[[int, str], str | None] = lambda row, column: None,
    top: int = 0,
    freeze_columns: int = 0,
    first: bool = True,
) -> None:
    """Write a frame as a table from row `top`: header, number formats by `style`, widths; the
    `first` table of a sheet also gets the filter and the frozen header."""
    frame = safe_frame(frame)
    header = book.add_format({"bold": True, "bg_color": "#DCE6F1", "bottom": 1, "text_wrap": True})
    formats: dict[str | None, Format] = {None: book.add_format({"valign": "top"})}
    for col, name in enumerate(frame.columns):
        sheet.write_string(top, col, str(name), header)
        width = max([len(str(name)), *(len(str(v)) for v in frame[name] if not _blank(v))])
        wrap = book.add_format({"text_wrap": True, "valign": "top"}) if width > MAX_WIDTH else None
        sheet.set_column(col, col, min(max(width, 8), MAX_WIDTH) + 2, wrap)
        for row, value in enumerate(frame[name].tolist()):
            fmt = style(row, name)
            if fmt not in formats:
                formats[fmt] = book.add_format({"num_format": fmt, "valign": "top"})
            cell = (top + 1 + row, col)
            if _blank(value):
                continue
            if isinstance(value, int | float) and not isinstance(value, bool):
                sheet.write_number(*cell, float(value), formats[fmt])
            else:
                sheet.write_string(*cell, str(defuse(str(value))), wrap or formats[None])
    if first:
        sheet.freeze_panes(top + 1, freeze_columns)
        sheet.autofilter(top, 0, top + max(len(frame), 1), max(len(frame.columns) - 1, 0))


def _w(key: str, lang: str, **values: object) -> str:
    return t(f"workbook.{key}", lang, **values)


def change_header(choice: PeriodChoice, lang: str) -> str:
    """Return the Change column's header, naming what it is compared with: 'Change vs 2026-Q2',
    'Change vs 2026-Q2, first 51 days' (the quarter so far); 'Change' with nothing before."""
    versus = compared_with(choice)
    return _w("change_vs", lang, previous=text(versus, lang)) if versus else _w("change", lang)


def _summary(data: Dataset, table: pd.DataFrame, choice: PeriodChoice, lang: str) -> pd.DataFrame:
    now, before = choice.current, choice.previous
    versus = compared_with(choice)
    rows = []
    for key in HEADLINE:
        current = kpi_value(table, key, now) if now else None
        previous = kpi_value(table, key, before) if before else None
        lacks = [lack.text(lang) for lack in missing_inputs(data.tables, key)]
        rows.append(
            {
                _w("kpi", lang): kpi_label(key, lang),
                now or _w("current", lang): current,
                str(text(versus, lang)) if versus else _w("previous", lang): previous,
                change_header(choice, lang): None
                if current is None or previous is None
                else current - previous,
                _w("note", lang): _w("needs", lang, what=", ".join(lacks)) if lacks else "",
            }
        )
    return pd.DataFrame(rows)


def kpi_frame(table: pd.DataFrame, scope: str, lang: str = "en") -> pd.DataFrame:
    """Return one row per rep (or team) and period, one column per KPI of that scope, by label."""
    by = ["rep", "team", "period"] if scope == "rep" else ["team", "period"]
    keys = [k for k, e in KPIS.items() if scope in e.scopes]
    rows = KpiTable(table).rows(scope, kpi=keys)
    rows = rows.astype(dict.fromkeys([*by, "kpi"], object)).fillna({"team": ""})
    wide = rows.pivot_table(index=by, columns="kpi", values="value", aggfunc="first")
    present = [k for k in keys if k in wide.columns]
    wide = wide.reindex(columns=present).sort_index().reset_index()
    names = {c: _w(c, lang) for c in by} | {k: kpi_label(k, lang) for k in present}
    return wide.rename(columns=names)


def _effect_note(cause: Cause, lang: str) -> str:
    if cause.shared_label is not None:
        return t("diagnosis.effect.counted_under", lang, other=cause.shared_label.text(lang))
    if cause.contribution is None:
        return t("diagnosis.effect.not_measured", lang)
    return t("diagnosis.effect.no_loss", lang) if cause.contribution >= 0 else ""


def _causes(findings: Findings | None, lang: str) -> pd.DataFrame:
    columns = [_w(k, lang) for k in ("rep", "team", "period", "cause")] + [
        t(f"diagnosis.column.{k}", lang) for k in ("evidence", "effect", "sure")
    ]
    rows = [
        (d.name, d.team or "", d.period, c.label.text(lang), c.evidence.text(lang),
         None if c.shared_with else c.contribution, c.confidence, _effect_note(c, lang))
        for d in (findings.reps if findings else [])
        for c in d.causes
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=[*columns, _w("note", lang)])


def _plans(findings: Findings | None, lang: str) -> pd.DataFrame:
    plans = dict(sorted(findings.plans.items())) if findings else {}
    if findings and findings.team_plan:
        plans[_w("whole_team", lang)] = findings.team_plan
    rows = [
        (who, s.action.text(lang), s.because.text(lang), s.peer or "")
        for who, suggestions in plans.items()
        for s in suggestions
    ]
    columns = [_w(k, lang) for k in ("rep", "action", "because", "learn_from")]
    return pd.DataFrame(rows, columns=columns)


def report_workbook(
    data: Dataset,
    table: pd.DataFrame,
    spec: PeriodSpec,
    choice: PeriodChoice,
    findings: Findings | None,
    currency: str | None,
    lang: str = "en",
    forecast: Forecast | None = None,
    changes: Changes | None = None,
) -> bytes:
    """Return the analysis as .xlsx bytes: summary, KPIs per rep and team, causes, coaching,
    and the forecast's two sheets and what changed's two when they are given.

    Sheet names, headings, words and the findings' texts are written in `lang`.
    """
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(buffer, options)
    sheet = book.add_worksheet(_w("sheet.summary", lang))
    bold = book.add_format({"bold": True})
    grain = _w(f"grain.{'month' if spec.grain == 'month' else 'quarter'}", lang)
    facts = [(_w("period_shown", lang), choice.current or _w("no_period", lang, grain=grain)),
             (_w("compared_with", lang), text(compared_with(choice), lang) or _w("no_earlier", lang)),
             (_w("note", lang), text(choice.note, lang))]  # fmt: skip
    for row, (label, value) in enumerate(facts):
        sheet.write_string(row, 0, label, bold)
        sheet.write_string(row, 1, str(defuse(value)))
    summary = _summary(data, table, choice, lang)
    shown = [number_format(key, currency) for key in HEADLINE]
    numbers = set(summary.columns[1:3])

    def by_row(row: int, column: str) -> str | None:
        if column == change_header(choice, lang):
            return _signed(shown[row])
        return shown[row] if column in numbers else None

    _write(book, sheet, summary, by_row, top=len(facts) + 1)
    labels = {kpi_label(k, lang): number_format(k, currency) for k in KPIS}
    for scope, name in (("rep", "sheet.reps"), ("team", "sheet.teams")):
        frame = kpi_frame(table, scope, lang)
        keys = 3 if scope == "rep" else 2
        sheet = book.add_worksheet(_w(name, lang))
        _write(book, sheet, frame, lambda r, c: labels.get(c), 0, keys)
    money = _signed(number_format("revenue", currency))
    causes = {t("diagnosis.column.effect", lang): money, t("diagnosis.column.sure", lang): "0%"}
    root = book.add_worksheet(_w("sheet.causes", lang))
    _write(book, root, _causes(findings, lang), lambda r, c: causes.get(c), 0, 1)
    plan = book.add_worksheet(_w("sheet.plan", lang))
    _write(book, plan, _plans(findings, lang), freeze_columns=1)
    _write(book, book.add_worksheet(_w("sheet.set_aside", lang)), set_aside_table(data, lang))
    if forecast is not None:
        _forecast(book, forecast, currency, lang)
    if changes is not None:
        _changes(book, changes, currency, lang)
    book.close()
    return buffer.getvalue()


def _forecast(book: xlsxwriter.Workbook, fc: Forecast, currency: str | None, lang: str) -> None:
    """Add the forecast: its sentences and the table per company, team and rep; then its deals."""
    shown = FS.formats(lang, number_format("revenue", currency))
    sheet = book.add_worksheet(_w("sheet.forecast", lang))
    lines = FS.forecast_lines(fc, currency, lang)
    for row, line in enumerate(lines):
        sheet.write_string(row, 0, str(defuse(line)))
    _write(book, sheet, FS.scope_frame(fc, lang), lambda r, c: shown.get(c), len(lines) + 1, 2)
    deals = book.add_worksheet(_w("sheet.forecast_deals", lang))
    _write(book, deals, FS.deal_frame(fc, currency, lang), lambda r, c: shown.get(c), 0, 2)


def _changes(book: xlsxwriter.Workbook, ch: Changes, currency: str | None, lang: str) -> None:
    """Add what changed: its sentences, the flow per company, team and rep, the deals per rep
    by what happened to them; then every deal that changed."""
    money = number_format("revenue", currency)
    shown = dict.fromkeys(CS.money_columns(lang), _signed(money))
    shown |= {_w(f"changes.{c}", lang): money for c in CS.DEAL_MONEY}
    sheet = book.add_worksheet(_w("sheet.changes", lang))
    lines = CS.changes_lines(ch, currency, lang)
    for row, line in enumerate(lines):
        sheet.write_string(row, 0, str(defuse(line)))
    flows = CS.flow_frame(ch, lang)
    _write(book, sheet, flows, lambda r, c: shown.get(c), len(lines) + 1, 2)
    below = len(lines) + len(flows) + 3
    sheet.write_string(below, 0, _w("changes.moves", lang), book.add_format({"bold": True}))
    _write(book, sheet, CS.moves_frame(ch, lang), top=below + 1, first=False)
    deals = book.add_worksheet(_w("sheet.changed_deals", lang))
    _write(book, deals, CS.deal_frame(ch, lang), lambda r, c: shown.get(c), 0, 2)
