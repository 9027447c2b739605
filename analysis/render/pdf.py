"""A review as a PDF: A4, the same sections, cards, charts, texts and tables as the HTML page.

Drawn with reportlab's Platypus. Charts go through vl-convert's SVG and svglib, so they stay
vector (sharp at any zoom, text selectable) and are scaled to the text width; a chart is never
cut by a page break. Text is set in DejaVu Sans (bundled in `analysis/render/fonts`), which has €, −
and → that the PDF's built-in Helvetica lacks; the chart text uses it too. Every string is
escaped before it reaches a Paragraph: rep and team names come from the data.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from functools import cache, partial
from pathlib import Path
from xml.sax.saxutils import escape

import altair as alt
import vl_convert as vlc
from lxml import etree
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.flowables import HRFlowable
from svglib.svglib import register_font, svg2rlg

from analysis.render.html import svg
from analysis.render.pdf_keep import Headed
from analysis.review.document import Block, Card, Cards, Figure, Items, Review, Section, Table, Text
from analysis.words.catalogue import t

FONTS = Path(__file__).with_name("fonts")
FAMILY, REGULAR, BOLD = "DejaVu Sans", "DejaVuSans", "DejaVuSans-Bold"
CHART_PX = 740  # chart width asked of vl-convert: its 15 px labels come out near 10 pt
MARGIN = 18 * mm
FOOT = 6 * mm  # the footer sits in the bottom margin, this much below the text
WIDTH = A4[0] - 2 * MARGIN  # the text width
HEIGHT = A4[1] - 2 * MARGIN - FOOT  # the text height
CHART_MAX_H = 0.8 * HEIGHT  # a tall chart shrinks so its section title fits on its page too
ROOM = 150  # points a table or list needs below its title before it may start on a page
CARD_GAP, CARD_PAD = 8.0, 8.0

INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#dddddd")
BLUE = colors.HexColor("#1f5fbf")
TONES = {"good": "#1d7a6f", "bad": "#c23b1b", "flat": "#555555"}


@cache
def _fonts() -> None:
    """Register DejaVu Sans with reportlab, svglib (chart text) and vl-convert (its layout)."""
    for weight, name, file in (
        ("normal", REGULAR, "DejaVuSans.ttf"),
        ("bold", BOLD, "DejaVuSans-Bold.ttf"),
    ):
        # svglib registers the TrueType font with reportlab too, under `name`.
        if register_font(FAMILY, str(FONTS / file), weight, rlgFontName=name)[0] is None:
            raise RuntimeError(f"the font {FONTS / file} could not be loaded")
    # No italic face is bundled: <i> falls back to the upright one rather than failing.
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    vlc.register_font_directory(str(FONTS))


def _style(
    name: str, size: float, bold: bool = False, color: colors.Color = INK, **kw: object
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=BOLD if bold else REGULAR,
        fontSize=size,
        leading=round(size * 1.35, 1),
        textColor=color,
        **kw,
    )


@cache
def _styles() -> dict[str, ParagraphStyle]:
    _fonts()
    return {
        "h1": _style("h1", 20, True, spaceAfter=4),
        "subtitle": _style("subtitle", 9.5, color=MUTED, spaceAfter=10),
        "h2": _style("h2", 15, True, spaceBefore=14, spaceAfter=2),
        "lead": _style("lead", 12.5, True, spaceBefore=4, spaceAfter=6),
        "body": _style("body", 10.5, spaceAfter=6),
        "note": _style("note", 9, color=MUTED, spaceAfter=6),
        "footnote": _style("footnote", 8, color=MUTED, spaceAfter=6),
        "item": _style("item", 10.5),
        "th": _style("th", 9, True),
        "td": _style("td", 9),
        "label": _style("label", 9, color=MUTED),
        "value": _style("value", 18, True, spaceBefore=2, spaceAfter=2),
        **{tone: _style(tone, 8.5, color=colors.HexColor(c)) for tone, c in TONES.items()},
    }


def _e(text: object) -> str:
    """Return text escaped for a reportlab Paragraph (which reads a little HTML)."""
    return escape(str(text))


class _CardRow(Flowable):
    """Up to three KPI cards side by side, in boxes of one height, like the HTML grid."""

    def __init__(self, cards: tuple[Card, ...]) -> None:
        super().__init__()
        styles = _styles()
        self.cards = [
            [
                Paragraph(_e(c.label), styles["label"]),
                Paragraph(_e(c.value), styles["value"]),
                Paragraph(_e(c.detail), styles[c.tone]),
            ]
            for c in cards
        ]
        self.box_w = self.box_h = 0.0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.box_w = (aw - 2 * CARD_GAP) / 3
        inner = self.box_w - 2 * CARD_PAD
        self.box_h = 2 * CARD_PAD + max(
            sum(p.wrap(inner, ah)[1] + p.getSpaceBefore() + p.getSpaceAfter() for p in card)
            for card in self.cards
        )
        self.width, self.height = aw, self.box_h
        return aw, self.box_h

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(colors.HexColor("#cccccc"))
        canvas.setLineWidth(0.75)
        for i, card in enumerate(self.cards):
            x = i * (self.box_w + CARD_GAP)
            canvas.roundRect(x, 0, self.box_w, self.box_h, 6, stroke=1, fill=0)
            y = self.box_h - CARD_PAD
            for p in card:
                _, h = p.wrap(self.box_w - 2 * CARD_PAD, self.box_h)
                y -= p.getSpaceBefore() + h
                p.drawOn(canvas, x + CARD_PAD, y)
                y -= p.getSpaceAfter()


def _cards(block: Cards) -> list[Flowable]:
    rows = [block.items[i : i + 3] for i in range(0, len(block.items), 3)]
    out: list[Flowable] = [Spacer(1, 4)]
    for row in rows:
        out += [_CardRow(row), Spacer(1, CARD_GAP)]
    return out


def _in_font(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Return a copy of the chart set in the PDF's font, so vl-convert measures what is drawn."""
    chart = chart.copy(deep=False)
    config = chart.config
    chart.config = config.copy(deep=True) if config is not alt.Undefined else alt.Config()
    chart.config.font = FAMILY
    return chart


def _drawing(chart: alt.TopLevelMixin) -> Drawing:
    """Return a chart as a vector reportlab Drawing, scaled to the text width."""
    root = etree.fromstring(svg(_in_font(chart), CHART_PX).encode("utf-8"))
    # Vega hides overlapping axis labels with opacity 0, which svglib would draw anyway.
    for hidden in root.xpath("//*[@opacity='0']"):
        hidden.getparent().remove(hidden)
    drawing = svg2rlg(io.BytesIO(etree.tostring(root)))
    if drawing is None:
        raise ValueError("a chart of the review could not be drawn")
    scale = min(WIDTH / drawing.width, CHART_MAX_H / drawing.height)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    drawing.hAlign = "LEFT"
    drawing.initialFontName = REGULAR  # else the drawing starts out in Helvetica
    return drawing


def _figure(block: Figure) -> list[Flowable]:
    return [Spacer(1, 6), _drawing(block.chart), Spacer(1, 8)]


_BREAKS = re.compile(r"[^\S\u00a0]+")  # the spaces a line may break at: not the no-break one


def _widths(rows: list[list[str]], width: float) -> list[float]:
    """Return column widths the way a browser lays out an auto table: to the full width."""
    styles = _styles()
    pad = 13.0  # the cell's left and right padding, and a point to spare

    def measure(text: str, row: int) -> float:
        style = styles["th" if row == 0 else "td"]
        return pdfmetrics.stringWidth(text, style.fontName, style.fontSize) + pad

    low = [0.0] * len(rows[0])  # the longest word: a column never gets narrower
    high = [0.0] * len(rows[0])  # the longest cell on one line
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            words = _BREAKS.split(cell.strip()) or [""]  # '€ 12.500' (no-break space) is one
            low[c] = max(low[c], *(measure(w, r) for w in words))
            high[c] = max(high[c], measure(" ".join(cell.split()), r))
    if sum(high) <= width:  # everything fits on one line: share out what is left over
        return [h * width / sum(high) for h in high]
    if sum(low) >= width:
        return [w * width / sum(low) for w in low]
    # Columns that need less than an even share get all they need, so short ones (names,
    # teams) stay on one line; the long texts share what is left by how long they are.
    need = [h - w for h, w in zip(high, low, strict=True)]
    widths, spare, open_ = list(low), width - sum(low), set(range(len(low)))
    while short := [c for c in open_ if need[c] <= spare / len(open_)]:
        for c in short:
            widths[c] += need[c]
            spare -= need[c]
            open_.discard(c)
    for c in open_:
        widths[c] += spare * need[c] / sum(need[o] for o in open_)
    return widths


def _table(block: Table) -> list[Flowable]:
    styles = _styles()
    frame = block.frame
    if frame.columns.empty:
        return []
    rows = [[str(c) for c in frame.columns]]
    rows += [[str(v) for v in row] for row in frame.itertuples(index=False)]
    cells = [
        [Paragraph(_e(v), styles["th" if r == 0 else "td"]) for v in row]
        for r, row in enumerate(rows)
    ]
    table = PdfTable(cells, colWidths=_widths(rows, WIDTH), repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # the cells are Paragraphs; not Helvetica
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f2f4f8")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return [Spacer(1, 4), table, Spacer(1, 8)]


def _items(block: Items, lang: str) -> list[Flowable]:
    if not block.items:
        return []
    styles = _styles()
    why = _e(t("report.why", lang))
    items = [
        ListItem(
            Paragraph(f'{_e(a)}<br/><font color="#555555">{why}</font> {_e(b)}', styles["item"]),
            spaceAfter=8,
        )
        for a, b in block.items
    ]
    kind = (
        {"bulletType": "1", "bulletFormat": "%s."}
        if block.numbered
        else {"bulletType": "bullet", "start": "•"}
    )
    plan = ListFlowable(
        items,
        bulletFontName=BOLD if block.numbered else REGULAR,
        bulletFontSize=10.5,
        leftIndent=18,
        **kind,
    )
    return [Spacer(1, 2), plan]


def _text(block: Text) -> list[Flowable]:
    strong = f"<b>{_e(block.strong)}</b> " if block.strong else ""
    return [Paragraph(strong + _e(block.text), _styles()[block.style])]


def _block(block: Block, lang: str) -> list[Flowable]:
    if isinstance(block, Cards):
        return _cards(block)
    if isinstance(block, Figure):
        return _figure(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Items):
        return _items(block, lang)
    return _text(block)


def _section(section: Section, lang: str) -> Iterator[Flowable]:
    """Yield a section's flowables; texts stay on the page of what follows them, and a table
    or list keeps its title and notes on the page of its first rows (`pdf_keep.Headed`)."""
    styles = _styles()
    pending: list[Flowable] = [
        Paragraph(_e(section.title), styles["h2"]),
        HRFlowable(width="100%", thickness=1.5, color=BLUE, spaceBefore=0, spaceAfter=8),
    ]
    if section.baseline:  # what every change in the section is compared with
        pending += _text(Text(section.baseline, "note"))
    for block in section.blocks:
        pending += _block(block, lang)
        if isinstance(block, Text):
            continue
        at = [i for i, f in enumerate(pending) if isinstance(f, PdfTable | ListFlowable)]
        if at:  # these may cross pages: they need room to start, and take their heads along
            yield CondPageBreak(ROOM)
            yield Headed(pending[: at[-1]], pending[at[-1]], HEIGHT)
        yield from pending[at[-1] + 1 :] if at else [KeepTogether(pending)]
        pending = []
    if pending:
        yield KeepTogether(pending)


class _FooterCanvas(Canvas):
    """A canvas that writes '<title>' and 'page / pages' at the foot of every page."""

    def __init__(self, *args: object, footer: str = "", **kw: object) -> None:
        super().__init__(*args, **kw)
        self._footer = footer
        self._pages: list[dict[str, object]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, page in enumerate(self._pages, start=1):
            self.__dict__.update(page)
            self._draw_footer(f"{number} / {total}")
            super().showPage()
        super().save()

    def _draw_footer(self, pages: str) -> None:
        self.setFont(REGULAR, 8.5)
        self.setFillColor(MUTED)
        y = MARGIN - 8 * mm
        self.drawRightString(A4[0] - MARGIN, y, pages)
        room = WIDTH - self.stringWidth(pages, REGULAR, 8.5) - 12
        title = self._footer
        while len(title) > 1 and self.stringWidth(title, REGULAR, 8.5) > room:
            title = title[:-2] + "…"
        self.drawString(MARGIN, y, title)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, y + 11, A4[0] - MARGIN, y + 11)


def pdf_report(review: Review) -> bytes:
    """Return a review as an A4 PDF (vector charts, page numbers, the title in the footer)."""
    styles = _styles()
    out = io.BytesIO()
    # One frame of exactly the text width and height (no inner padding), so what is measured
    # against WIDTH and HEIGHT fits.
    frame = Frame(MARGIN, MARGIN + FOOT, WIDTH, HEIGHT, 0, 0, 0, 0, id="text")
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        pageTemplates=[PageTemplate("page", [frame])],
        title=review.title,
        subject=review.subtitle,
        author="Salescope",
        creator="Salescope",
        lang=review.lang,
        initialFontName=REGULAR,  # else each page names Helvetica, unused
    )
    story: list[Flowable] = [Paragraph(_e(review.title), styles["h1"])]
    if review.subtitle:
        story.append(Paragraph(_e(review.subtitle), styles["subtitle"]))
    for section in review.sections:
        story += _section(section, review.lang)
    footer = review.title
    if review.sample:  # on every page: the sample can never pass for a real export
        footer = f"{t('report.sample_badge', review.lang)} · {footer}"
    doc.build(story, canvasmaker=partial(_FooterCanvas, footer=footer))
    return out.getvalue()
