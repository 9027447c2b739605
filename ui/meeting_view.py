"""The meeting screens: a review section drawn large for the projector, and the controls to
step through it."""

from __future__ import annotations

import streamlit as st

from analysis.review.document import Block, Cards, Figure, Items, Review, Section, Table, Text
from analysis.words.catalogue import t
from ui.chart_view import show
from ui.metric_look import delta_look, falls
from ui.text import plain

DETAILS = r" \([^()]*\)"  # a detail in brackets, left out of a trimmed column on the projector
SLIDE = "meeting_slide"  # the screen on the projector; absent when not presenting
AUDIENCE = "meeting_audience"  # who the room sees: "named", "anonymous" (the default), "teams"
ROWS, ITEMS = 5, 3  # table rows and actions that fit one screen; the rest are in the report
BRIDGE_HEIGHT = 290  # pixels: the waterfall, its headline, what its parts mean and the controls fit
FLOW_HEIGHT = 120  # pixels: the pipeline flow, its headline, three findings and the controls fit
HEIGHTS = {"bridge": BRIDGE_HEIGHT, "changes": FLOW_HEIGHT}  # screens whose chart is made to fit
BIG_TYPE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"] { display: none; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; max-width: 1500px; }
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1.55rem; line-height: 1.45; }
[data-testid="stMain"] li, [data-testid="stMain"] li p { font-size: 1.4rem; line-height: 1.35; }
[data-testid="stMain"] h1 { font-size: 3rem; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: 3.2rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.5rem !important; }
[data-testid="stMetricDelta"] div { font-size: 1.25rem !important; }
[data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 1.25rem !important; }
.st-key-meeting_footnote p { font-size: 1rem !important; line-height: 1.3 !important; }
</style>"""


def presenting() -> bool:
    """Return True while the review is on the projector."""
    return SLIDE in st.session_state


def _go(to: int | None) -> None:
    if to is None:
        st.session_state.pop(SLIDE, None)
    else:
        st.session_state[SLIDE] = to


def start_button(lang: str) -> None:
    """Draw the button that puts the review on the projector, first screen first."""
    st.button(
        t("meeting.start", lang),
        type="primary",
        icon=":material/slideshow:",
        on_click=_go,
        args=(0,),
        key="meeting_start",
    )


def _delta_look(card_detail: str, tone: str) -> dict[str, str]:
    """Colour from the tone, arrow from the written sign (Streamlit reads only a leading '-')."""
    falling = falls(card_detail)
    moved = 0.0 if tone == "flat" or not card_detail else -1.0 if falling else 1.0
    return delta_look(moved, None if tone == "flat" else tone == "good")


def _cards(block: Cards) -> None:
    for start in range(0, len(block.items), 3):
        row = block.items[start : start + 3]
        for column, card in zip(st.columns(3), row, strict=False):
            column.metric(
                card.label,
                card.value,
                card.change or card.detail,  # what it is compared with is the screen's baseline
                **_delta_look(card.change, card.tone),  # type: ignore[arg-type]
                border=True,
            )


def _text(block: Text) -> None:
    strong = f"**{plain(block.strong)}** " if block.strong else ""
    if block.style == "lead":
        st.subheader(plain(block.text))
    elif block.style == "note":
        st.caption(strong + plain(block.text))
    elif block.style == "footnote":  # small type: what a chart's parts mean
        with st.container(key="meeting_footnote"):
            st.caption(strong + plain(block.text))
    else:
        st.markdown(strong + plain(block.text))


def _items(block: Items, lang: str) -> None:
    why = t("report.why", lang)
    lines = [
        f"{n}. {plain(action)}  \n   *{plain(why)}* {plain(because)}"
        if block.numbered
        else f"- {plain(action)}  \n  *{plain(why)}* {plain(because)}"
        for n, (action, because) in enumerate(block.items, 1)
    ]
    st.markdown("\n".join(lines))


def _table(block: Table, lang: str) -> None:
    frame = block.frame[list(block.brief)] if block.brief else block.frame
    for column in block.trim:  # '40 → 19 a quarter (in 2026-Q3; usual: …)' → '40 → 19 a quarter'
        frame = frame.assign(
            **{column: frame[column].astype(str).str.replace(DETAILS, "", regex=True)}
        )
    shown = frame.head(ROWS).map(plain)  # st.table renders Markdown: escape user text
    st.table(shown.style.hide(axis="index"))
    if len(block.frame) > ROWS:
        st.caption(t("meeting.more_rows", lang, n=len(block.frame) - ROWS))


def draw_block(block: Block, lang: str, height: int | None = None) -> None:
    """Draw one block of a review in Streamlit (a chart at `height` pixels when given)."""
    if isinstance(block, Cards):
        _cards(block)
    elif isinstance(block, Figure):
        show(block.chart.properties(height=height) if height else block.chart)
    elif isinstance(block, Table):
        _table(block, lang)
    elif isinstance(block, Items):
        more = len(block.items) - ITEMS
        _items(Items(block.items[:ITEMS], block.numbered), lang)
        if more > 0:
            st.caption(t("meeting.more_items", lang, n=more))
    else:
        _text(block)


def _names_switch(lang: str) -> None:
    """Draw the switch that shows the reps' names (hidden by default) or hides them again."""
    named = st.session_state.get(AUDIENCE) == "named"
    st.button(
        t("meeting.hide_names" if named else "meeting.show_names", lang),
        icon=":material/visibility_off:" if named else ":material/visibility:",
        on_click=st.session_state.__setitem__,
        args=(AUDIENCE, "anonymous" if named else "named"),
        key="meeting_names",
        width="stretch",
    )


def _draw_section(section: Section, lang: str) -> None:
    st.header(plain(section.title), divider="blue")
    switch = section.key == "flagged" and st.session_state.get(AUDIENCE) != "teams"
    said, names = st.columns([4, 1], vertical_alignment="center") if switch else (st, None)
    if section.baseline:  # what every change on this screen is compared with
        said.caption(plain(section.baseline))
    if names is not None:  # names are hidden by default: the switch shows them
        with names:
            _names_switch(lang)
    charts = [b for b in section.blocks if isinstance(b, Figure)]
    if len(charts) == 2:  # two charts side by side fit one screen, the words above them
        words = [b for b in section.blocks if not isinstance(b, Figure)]
        for block in words:
            draw_block(block, lang)
        for column, chart in zip(st.columns(2), charts, strict=True):
            with column:
                draw_block(chart, lang)
        return
    height = HEIGHTS.get(section.key)
    for block in section.blocks:
        draw_block(block, lang, height)


def present(review: Review) -> None:
    """Draw the current screen of the review large, with previous / next / leave controls."""
    lang = review.lang
    st.html(BIG_TYPE)
    count = len(review.sections)
    at = min(max(int(st.session_state.get(SLIDE, 0)), 0), count - 1)
    section = review.sections[at]
    back, where, forward, leave = st.columns([2, 6, 2, 2], vertical_alignment="center")
    back.button(
        t("meeting.previous", lang),
        icon=":material/arrow_back:",
        disabled=at == 0,
        on_click=_go,
        args=(at - 1,),
        shortcut="Left",
        key="meeting_previous",
        width="stretch",
    )
    badge = f":orange-badge[{t('report.sample_badge', lang)}] " if review.sample else ""
    where.markdown(
        badge + t("meeting.where", lang, at=at + 1, count=count, title=plain(review.title)),
        text_alignment="center",
    )
    forward.button(
        t("meeting.next", lang),
        icon=":material/arrow_forward:",
        type="primary",
        disabled=at == count - 1,
        on_click=_go,
        args=(at + 1,),
        shortcut="Right",
        key="meeting_next",
        width="stretch",
    )
    leave.button(
        t("meeting.leave", lang),
        icon=":material/close:",
        on_click=_go,
        args=(None,),
        shortcut="Esc",
        key="meeting_leave",
        width="stretch",
    )
    with st.container(key=f"meeting_screen_{section.key}"):
        _draw_section(section, lang)
