"""The period's sales review as one self-contained HTML page: works offline, prints cleanly.

Charts are drawn to SVG by vl-convert and put inline, so the page has no script and links to
nothing outside itself. Every user-provided string (rep, team, evidence) is HTML-escaped.
"""

from __future__ import annotations

import html
import re

import altair as alt
import pandas as pd
import vl_convert as vlc

from analysis import findings as F
from analysis import overview as O
from analysis import schema as S
from analysis.charts import attainment_chart, leaderboard_chart, waterfall_chart
from analysis.dataset import Dataset
from analysis.kpi_registry import KPIS, currency_symbol, format_value, missing_inputs
from analysis.periods import PeriodChoice, PeriodSpec

CARDS = ["revenue", "target_attainment", "win_rate", "new_deals", "avg_deal_size", "cycle_days"]
BOARD = "revenue"
CHART_WIDTH = 860  # pixels; the SVG scales down to the page width when printed
_NAMESPACES = re.compile(r'\s+xmlns(?::xlink)?="[^"]*"')  # inline SVG in HTML needs none

CSS = """
body { font-family: Helvetica, Arial, sans-serif; font-size: 18px; line-height: 1.45;
  color: #222; max-width: 960px; margin: 0 auto; padding: 24px; }
h1 { font-size: 32px; margin: 0 0 4px; }
h2 { font-size: 25px; margin: 0 0 12px; border-bottom: 2px solid #1f5fbf; padding-bottom: 4px; }
h3 { font-size: 20px; margin: 8px 0; }
section, figure, .card, tr { page-break-inside: avoid; break-inside: avoid; }
section { margin: 0 0 32px; }
figure { margin: 12px 0; }
figure svg { max-width: 100%; height: auto; }
.note { color: #555; font-size: 16px; }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; }
.card { border: 1px solid #ccc; border-radius: 8px; padding: 10px 14px; }
.card .label { font-size: 16px; color: #555; }
.card .value { font-size: 30px; font-weight: bold; }
.good { color: #1d7a6f; } .bad { color: #c23b1b; } .flat { color: #555; }
table { border-collapse: collapse; width: 100%; font-size: 16px; }
th, td { border-bottom: 1px solid #ddd; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f2f4f8; }
li { margin-bottom: 10px; }
@media print { body { padding: 0; max-width: none; } }
"""


def _e(text: object) -> str:
    """Return user or computed text escaped for HTML."""
    return html.escape(str(text), quote=True)


def svg(chart: alt.TopLevelMixin, width: int = CHART_WIDTH) -> str:
    """Return an Altair chart as an inline <svg> element (fixed width, no namespace URLs)."""
    with alt.data_transformers.disable_max_rows():
        spec = chart.properties(width=width).to_dict()
    return _NAMESPACES.sub("", vlc.vegalite_to_svg(spec), count=2)


def _section(title: str, body: str) -> str:
    return f"<section><h2>{_e(title)}</h2>\n{body}\n</section>"


def _figure(chart: alt.TopLevelMixin) -> str:
    return f"<figure>{svg(chart)}</figure>"


def _note(text: str) -> str:
    return f'<p class="note">{_e(text)}</p>'


def _needs(data: Dataset, key: str, fallback: str) -> str:
    lacks = missing_inputs(data.tables, key)
    return _note(f"Needs: {', '.join(lacks)}." if lacks else fallback)


def _cards(data: Dataset, table: pd.DataFrame, choice: PeriodChoice, currency: str | None) -> str:
    out = []
    for key in CARDS:
        entry = KPIS[key]
        moved = O.change(table, key, choice.current or "", choice.previous, entry.higher_is_better)
        lacks = missing_inputs(data.tables, key)
        if lacks:
            detail = f"Needs: {', '.join(lacks)}"
        else:
            delta = O.format_change(key, moved.delta, entry.unit, currency)
            before = format_value(key, moved.previous, currency)
            detail = f"{delta or 'no comparison'} vs {choice.previous} ({before})"
        tone = "flat" if moved.good is None else ("good" if moved.good else "bad")
        out.append(
            f'<div class="card"><div class="label">{_e(entry.label)}</div>'
            f'<div class="value">{_e(format_value(key, moved.current, currency))}</div>'
            f'<div class="{tone}">{_e(detail)}</div></div>'
        )
    return f'<div class="cards">{"".join(out)}</div>'


def _reps(
    data: Dataset, table: pd.DataFrame, period: str, previous: str | None, currency: str | None
) -> str:
    frame = O.attainment_frame(table, period)
    parts = [
        _figure(attainment_chart(frame, period))
        if not frame.empty
        else _needs(data, "target_attainment", f"No targets for {period}: add a Targets sheet.")
    ]
    entry = KPIS[BOARD]
    board = O.leaderboard(table, BOARD, period, True, min_n=3)
    if board.empty:
        parts.append(_needs(data, BOARD, f"No rep has enough won deals in {period}."))
    else:
        symbol = currency_symbol(currency)
        parts.append(_figure(leaderboard_chart(board, entry.label, entry.unit, symbol)))
    for shout in O.recognition(table, BOARD, period, previous, True, min_n=3):
        now = format_value(BOARD, shout.value, currency)
        if shout.kind == "top":
            parts.append(f"<p>Top: <b>{_e(shout.rep)}</b>, {_e(now)}</p>")
        else:
            before = format_value(BOARD, shout.previous, currency)
            parts.append(f"<p>Most improved: <b>{_e(shout.rep)}</b>, {_e(before)} → {_e(now)}</p>")
    return "\n".join(parts)


def _bridge(data: Dataset, findings: F.Findings | None, grain: str, currency: str | None) -> str:
    company = findings.company if findings else None
    if company is None:
        return _needs(data, "revenue", "Nobody sold in this period, so nothing to explain.")
    parts = [f"<h3>{_e(F.headline(company, currency))}</h3>"]
    parts.append(_note(f"{company.period} compared with {company.reference}."))
    if company.bridge is None:
        parts.append(_note(company.note or "No earlier period to compare with."))
    else:
        chart = waterfall_chart(
            company.bridge, f"Average {grain}", company.period, currency_symbol(currency)
        )
        parts.append(_figure(chart))
    parts += [f"<p><b>{_e(c.label)}</b>: {_e(c.evidence)}</p>" for c in company.causes]
    return "\n".join(parts)


def _flagged(findings: F.Findings | None, currency: str | None) -> str:
    flagged = F.flagged_table(findings, currency) if findings else pd.DataFrame()
    if flagged.empty:
        return _note("No rep shows a change that is both big enough to matter and clearly real.")
    head = "".join(f"<th>{_e(c)}</th>" for c in flagged.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>"
        for row in flagged.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _coaching(findings: F.Findings | None) -> str:
    plan = findings.team_plan if findings else []
    if not plan:
        return _note("No suggestion for the whole team this period.")
    items = "".join(f"<li>{_e(s.action)}<br><i>Why:</i> {_e(s.because)}</li>" for s in plan)
    return f"<ul>{items}</ul>"


def html_report(
    data: Dataset,
    table: pd.DataFrame,
    spec: PeriodSpec,
    choice: PeriodChoice,
    findings: F.Findings | None,
    currency: str | None,
) -> str:
    """Return the sales review of the chosen period as one offline HTML page (inline SVG, no JS)."""
    period, previous = choice.current, choice.previous
    title = f"Sales review, {period}" + (f", compared with {previous}" if previous else "")
    head = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{_e(title)}</h1>{_note(choice.note)}</header>"
    )
    if period is None or S.DEALS not in data.tables:
        body = _needs(data, "revenue", "The data holds no dated deals, so there is no period.")
        return f"{head}\n{body}\n</body></html>\n"
    sections = [
        _section("How the team did", _cards(data, table, choice, currency)),
        _section("Reps against target", _reps(data, table, period, previous, currency)),
        _section("Why revenue moved", _bridge(data, findings, spec.grain, currency)),
        _section("Reps who need attention", _flagged(findings, currency)),
        _section("What to do as a team", _coaching(findings)),
    ]
    return head + "\n" + "\n".join(sections) + "\n</body></html>\n"
