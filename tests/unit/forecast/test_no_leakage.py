"""No peeking at the answer: a deal on a past day is described only with what was known that day.

The strongest check: the features of every deal open on a cut day, computed from the whole
export, equal the features computed from the export as it was on that day (later deals gone,
later wins and losses still open, later activities and stage changes not there). A feature
built from the outcome is caught by the same comparison; and a model trained on shuffled
labels has no skill on later periods, while the real one has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score

from analysis.forecast.chances import fit
from analysis.forecast.examples import (
    CATEGORICAL,
    FEATURES,
    DealFacts,
    Examples,
    days_of,
    deal_facts,
    examples,
    features,
    open_on,
)
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec

QUARTER = PeriodSpec("quarter")
CUTS = ("2025-06-30", "2026-02-15")
Features = Callable[[DealFacts, np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def _as_of(data: Dataset, day: pd.Timestamp) -> Dataset:
    """The export as it was on `day`: later rows gone, deals closed later still open."""
    deals = data.tables[S.DEALS]
    deals = deals[deals[S.CREATED_DATE] <= day].copy()
    later = deals[S.CLOSE_DATE] > day
    deals.loc[later, S.STATUS] = "open"
    deals.loc[later, S.STAGE] = "Negotiation"
    acts = data.tables[S.ACTIVITIES]
    history = data.tables[S.STAGE_HISTORY]
    tables = dict(data.tables) | {
        S.DEALS: deals,
        S.ACTIVITIES: acts[acts[S.DATE] <= day],
        S.STAGE_HISTORY: history[history[S.CHANGED_AT] <= day],
    }
    return replace(data, tables=tables)


def _described(data: Dataset, day: pd.Timestamp, describe: Features) -> pd.DataFrame:
    facts = deal_facts(data, QUARTER)
    cut = float(days_of(pd.Series([day]))[0])
    rows = open_on(facts, cut)
    x = describe(facts, rows, np.full(len(rows), cut), np.full(len(rows), cut + 90))
    out = pd.DataFrame(x, index=facts.deals[S.DEAL_ID].iloc[rows].astype(str))
    for name in CATEGORICAL:  # codes follow how common a value is: compare the names
        i = FEATURES.index(name)
        out[i] = facts.deals[name].iloc[rows].astype(str).to_numpy()
    return out.sort_index()


def _same_on_every_cut(data: Dataset, describe: Features) -> bool:
    for text in CUTS:
        day = pd.Timestamp(text)
        whole = _described(data, day, describe)
        then = _described(_as_of(data, day), day, describe)
        if not whole.index.equals(then.index) or not whole.equals(then):
            return False
    return True


def _leaky(facts: DealFacts, rows: np.ndarray, cuts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The honest features plus one built from the outcome: the days until the deal closed."""
    return np.column_stack([features(facts, rows, cuts, ends), facts.closed[rows] - cuts])


def test_features_on_a_past_day_use_only_what_was_known_then(sample_data: Dataset) -> None:
    assert _same_on_every_cut(sample_data, features)


def test_a_feature_built_from_the_outcome_is_caught(sample_data: Dataset) -> None:
    assert not _same_on_every_cut(sample_data, _leaky)


def _split(train: Examples, before: float) -> tuple[Examples, Examples]:
    early, late = train.cuts < before, train.cuts >= before

    def pick(m: np.ndarray) -> Examples:
        return replace(train, x=train.x[m], y=train.y[m], rows=train.rows[m], cuts=train.cuts[m],
                       ends=train.ends[m])  # fmt: skip

    return pick(early), pick(late)


def test_shuffled_labels_give_no_skill(sample_data: Dataset) -> None:
    facts = deal_facts(sample_data, QUARTER)
    everything = examples(
        facts, QUARTER, float(days_of(pd.Series([pd.Timestamp("2026-09-30")]))[0])
    )
    early, late = _split(everything, float(days_of(pd.Series([pd.Timestamp("2026-01-01")]))[0]))
    model = fit(early)
    shuffled = replace(early, y=np.random.default_rng(3).permutation(early.y))
    blind = fit(shuffled)
    assert model is not None
    assert blind is not None
    assert roc_auc_score(late.y, model.predict(late.x)) > 0.75
    assert roc_auc_score(late.y, blind.predict(late.x)) == pytest.approx(0.5, abs=0.07)
