"""A review as one self-contained HTML page: works offline, prints cleanly.

Charts are drawn to SVG by vl-convert and put inline, so the page has no script and links to
nothing outside itself. Every string is HTML-escaped: rep and team names come from the data.
"""

from __future__ import annotations

import html
import re

import altair as alt
import vl_convert as vlc

from analysis.review.document import Block, Cards, Figure, Items, Review, Table, Text
from analysis.words.catalogue import t

CHART_WIDTH = 860  # pixels; the SVG scales down to the page width when printed
_NAMESPACES = re.compile(r'\s+xmlns(?::xlink)?="[^"]*"')  # inline SVG in HTML needs none

CSS = """
body { font-family: Helvetica, Arial, sans-serif; font-size: 18px; line-height: 1.45;
  color: #222; max-width: 960px; margin: 0 auto; padding: 24px; }
h1 { font-size: 32px; margin: 0 0 4px; }
h2 { font-size: 25px; margin: 0 0 12px; border-bottom: 2px solid #1f5fbf; padding-bottom: 4px; }
section, figure, .card, tr { page-break-inside: avoid; break-inside: avoid; }
section { margin: 0 0 32px; }
figure { margin: 12px 0; }
figure svg { max-width: 100%; height: auto; }
.lead { font-size: 22px; font-weight: bold; }
.note { color: #555; font-size: 16px; }
.footnote { color: #555; font-size: 14px; }
.sample { background: #fff3cd; border: 1px solid #c9a227; padding: 6px 10px; font-weight: bold; }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; margin-top: 12px; }
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
    """Return text escaped for HTML."""
    return html.escape(str(text), quote=True)


def svg(chart: alt.TopLevelMixin, width: int = CHART_WIDTH) -> str:
    """Return an Altair chart as SVG markup (fixed width, no namespace URLs for inline use)."""
    with alt.data_transformers.disable_max_rows():
        spec = chart.properties(width=width).to_dict()
    return _NAMESPACES.sub("", vlc.vegalite_to_svg(spec), count=2)


def _cards(block: Cards) -> str:
    cards = "".join(
        f'<div class="card"><div class="label">{_e(c.label)}</div>'
        f'<div class="value">{_e(c.value)}</div><div class="{c.tone}">{_e(c.detail)}</div></div>'
        for c in block.items
    )
    return f'<div class="cards">{cards}</div>'


def _text(block: Text) -> str:
    strong = f"<b>{_e(block.strong)}</b> " if block.strong else ""
    style = f' class="{block.style}"' if block.style != "body" else ""
    return f"<p{style}>{strong}{_e(block.text)}</p>"


def _table(block: Table) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in block.frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>"
        for row in block.frame.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _items(block: Items, lang: str) -> str:
    why = _e(t("report.why", lang))
    tag = "ol" if block.numbered else "ul"
    items = "".join(f"<li>{_e(a)}<br><i>{why}</i> {_e(b)}</li>" for a, b in block.items)
    return f"<{tag}>{items}</{tag}>"


def _block(block: Block, lang: str) -> str:
    if isinstance(block, Cards):
        return _cards(block)
    if isinstance(block, Figure):
        return f"<figure>{svg(block.chart)}</figure>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Items):
        return _items(block, lang)
    return _text(block)


def html_report(review: Review) -> str:
    """Return a review as one offline HTML page (inline SVG charts, no script, no links)."""
    head = (
        f'<!DOCTYPE html>\n<html lang="{_e(review.lang)}"><head><meta charset="utf-8">'
        f"<title>{_e(review.title)}</title><style>{CSS}</style></head><body>"
        f'<header><h1>{_e(review.title)}</h1><p class="note">{_e(review.subtitle)}</p></header>'
    )
    if review.sample:  # the sample can never pass for a real export
        head += f'<p class="sample">{_e(t("report.sample", review.lang))}</p>'
    sections = [
        f"<section><h2>{_e(s.title)}</h2>\n"
        + (f'<p class="note">{_e(s.baseline)}</p>\n' if s.baseline else "")
        + "\n".join(_block(b, review.lang) for b in s.blocks)
        + "\n</section>"
        for s in review.sections
    ]
    return head + "\n" + "\n".join(sections) + "\n</body></html>\n"
