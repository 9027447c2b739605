"""The chance that an open deal is won by the end of the period: a calibrated scikit-learn model.

A gradient-boosted tree model (`HistGradientBoostingClassifier`: fast on 100k deals, takes
missing values as they come) learns from the older three quarters of the training examples of
`examples.py` (by cut day); isotonic regression on the newest quarter makes "30%" mean three in
ten as of late, and costs one fit where calibrating on folds costs three. The model is
trained only when the history is long enough (`MIN_CLOSED` closed deals and `MIN_PERIODS`
periods of examples); otherwise `fit` returns None and the forecast uses each rep's win rate.

Why a deal scores as it does: for each group of features (its amount, age, source, stage, …)
the deal's chance is worked out again with that group set to what is typical for the open
deals; the difference, in percentage points, is that factor's push up or down.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from threadpoolctl import threadpool_limits

from analysis.forecast.examples import CATEGORICAL, FEATURES, Examples

if TYPE_CHECKING:  # scikit-learn (about a second to import) loads only when a model is fitted
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.isotonic import IsotonicRegression

MIN_CLOSED = 100  # closed deals needed before a model is trained
MIN_PERIODS = 2  # periods of history needed before a model is trained
MAX_EXAMPLES = 20_000  # a seeded sample of the examples beyond this (speed; no loss of skill)
# the trees' settings: every open deal is scored once per factor of its reasons, so the
# number of trees is most of the forecast's time on a large export
TREES = {"max_iter": 40, "learning_rate": 0.15, "max_leaf_nodes": 15, "min_samples_leaf": 40,
         "l2_regularization": 1.0}  # fmt: skip
CALIBRATION_SHARE = 0.25  # the newest examples the chances are calibrated on
MIN_POINTS = 2.0  # a factor that moves the chance by less is not worth saying
REASONS = 3  # factors said per deal
# the groups of features a reason speaks of (days_left is the same for every deal of a period)
GROUPS: dict[str, tuple[str, ...]] = {
    "amount": ("amount",),
    "age": ("age",),
    "source": ("source",),
    "product": ("product",),
    "stage": ("stage", "days_in_stage"),
    "activity": ("activities_30", "days_since_activity"),
    "account": ("account_won", "account_lost"),
    "rep_rate": ("rep_rate",),
}


@dataclass(frozen=True)
class Chances:
    """A trained model: the chance of each deal being won by the end of its period."""

    trees: HistGradientBoostingClassifier
    calibration: IsotonicRegression
    usable: tuple[str, ...]  # the features the data tells (others are all unknown)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Return the chance of each row of features (in FEATURES order) being won in time."""
        if not len(x):
            return np.empty(0)
        with threadpool_limits(1, "openmp"):  # see `fit`
            raw = self.trees.predict_proba(x[:, self._columns])[:, 1]
        return self.calibration.predict(raw)

    @property
    def _columns(self) -> list[int]:
        return [FEATURES.index(f) for f in self.usable]


def trainable(train: Examples) -> bool:
    """Return whether the examples hold enough history to train a model."""
    periods = len(np.unique(train.ends))
    enough = train.closed_deals >= MIN_CLOSED and periods >= MIN_PERIODS
    return enough and 0 < train.y.mean() < 1


def _informative(values: np.ndarray) -> bool:
    """Return whether a feature is known often enough (5% of examples) and ever differs."""
    known = values[np.isfinite(values)]
    return len(known) >= 0.05 * len(values) and len(np.unique(known)) > 1


def _newest(cuts: np.ndarray) -> np.ndarray:
    """Return which examples are the newest `CALIBRATION_SHARE` of them, by cut day."""
    ranked = np.argsort(np.argsort(cuts, kind="stable"), kind="stable")
    return ranked >= (1 - CALIBRATION_SHARE) * len(cuts)


def fit(train: Examples, seed: int = 0) -> Chances | None:
    """Return a calibrated model trained on the examples, or None when there are too few."""
    if not trainable(train):
        return None
    x, y, cuts = train.x, train.y, train.cuts
    if len(y) > MAX_EXAMPLES:
        keep = np.random.default_rng(seed).choice(len(y), MAX_EXAMPLES, replace=False)
        x, y, cuts = x[keep], y[keep], cuts[keep]
    newest = _newest(cuts)
    learn = ~newest
    usable = tuple(f for i, f in enumerate(FEATURES) if _informative(x[learn, i]))
    if not usable or not 0 < y[learn].mean() < 1:
        return None
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.isotonic import IsotonicRegression

    columns = [FEATURES.index(f) for f in usable]
    trees = HistGradientBoostingClassifier(
        **TREES, categorical_features=[f in CATEGORICAL for f in usable], random_state=seed
    )
    # One thread: OpenMP threads that wait for a busy core (other sessions, other work) slow
    # the trees' fitting down a hundredfold; one thread is as fast on a quiet machine.
    with threadpool_limits(1, "openmp"):
        try:
            trees.fit(x[learn][:, columns], y[learn].astype(int))
        except ValueError:  # no value to split on: no model
            return None
        raw = trees.predict_proba(x[newest][:, columns])[:, 1]
    calibration = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    calibration.fit(raw, y[newest].astype(float))
    return Chances(trees, calibration, usable)


def typical(x: np.ndarray) -> np.ndarray:
    """Return the typical value of each feature: the median, or the most common category."""
    out = np.full(x.shape[1], np.nan)
    for i, name in enumerate(FEATURES):
        values = x[:, i][np.isfinite(x[:, i])]
        if not len(values):
            continue
        if name in CATEGORICAL:
            codes, counts = np.unique(values, return_counts=True)
            out[i] = codes[counts.argmax()]
        else:
            out[i] = np.median(values)
    return out


def reasons(chances: Chances, x: np.ndarray, reference: np.ndarray) -> list[list[tuple]]:
    """Return per row the factors that move its chance most: (group, points), largest first.

    A factor's points are the row's chance minus its chance with that group's features set to
    `reference` (what is typical), in percentage points.
    """
    if not len(x):
        return []
    base = chances.predict(x)
    groups = [g for g, names in GROUPS.items() if any(n in chances.usable for n in names)]
    moved = np.empty((len(x), len(groups)))
    for j, group in enumerate(groups):
        typical_x = x.copy()
        for name in GROUPS[group]:
            typical_x[:, FEATURES.index(name)] = reference[FEATURES.index(name)]
        moved[:, j] = 100 * (base - chances.predict(typical_x))
    order = np.argsort(-np.abs(moved), axis=1, kind="stable")[:, :REASONS]
    points = np.take_along_axis(moved, order, axis=1)
    said = np.abs(points) >= MIN_POINTS  # largest first: what is said is a leading run
    names = np.array(groups, dtype=object)[order]
    return [
        list(zip(n[:k], p[:k], strict=True))
        for n, p, k in zip(names.tolist(), points.tolist(), said.sum(axis=1).tolist(), strict=True)
    ]
