"""The pickers several pages share: a team, with the whole company first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import streamlit as st

from analysis.kpis.labels import team_name
from analysis.model import schema as S
from analysis.words.catalogue import t
from ui import state


def team_pick(
    label: str, teams: Iterable[str], key: str, where: Any = st, **options: Any
) -> str | None:
    """Show a team picker (label: a catalogue key) with "All teams" first; None means all teams."""
    lang = state.lang()
    picked = where.selectbox(
        t(label, lang), [S.ALL_TEAMS, *teams], key=key,
        format_func=lambda name: team_name(name, lang), **options,
    )  # fmt: skip
    return None if picked == S.ALL_TEAMS else picked
