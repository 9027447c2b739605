"""Keeping a PDF's headings with what follows them (reportlab), for `render.pdf`."""

from __future__ import annotations

from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.flowables import _listWrapOn


class Headed(Flowable):
    """A table or list with what heads it (the section title, notes, a bold line): the heads
    are never left alone at the foot of a page; they go to the page the first rows go to.

    `page` is the height of a page's text frame: a table that starts there cannot do better.
    """

    SLACK = 4.0  # points kept free: the frame measures the heads again when it places them

    def __init__(self, heads: list[Flowable], body: Flowable, page: float) -> None:
        super().__init__()
        self.heads, self.body, self.page = heads, body, page

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        """Return a height no page holds: the frame then calls `split` with the room left."""
        return aw, 0xFFFFFF

    def split(self, aw: float, ah: float) -> list[Flowable]:
        """Return the heads and the body, the rows that fit below the heads, or a page break
        first when not one row fits below them."""
        heads = _listWrapOn(self.heads, aw, self.canv)[1]
        room = ah - heads - self.SLACK
        if room > 0 and self.body.wrapOn(self.canv, aw, room)[1] <= room:
            return [*self.heads, self.body]  # all of it fits
        parts = self.body.split(aw, room) if room > 0 else []
        if parts:  # the heads, the rows that fit below them, the rest on the next page
            return [*self.heads, *parts]
        if ah >= self.page - 1:  # at the top of a page already: nothing better to do
            return [*self.heads, self.body]
        return [FrameBreak(), *self.heads, self.body]

    def draw(self) -> None:
        """Draw nothing: it is split into what it holds before it is drawn."""
