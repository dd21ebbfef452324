"""Stable choice of a learned judge's decision (a threshold, or a set of them) on the tune split.

Why this exists: each judge (event scorer, trigger proposer, argument attacher) picks its
decisions among a small grid of settings by an F1 measured on tune, 86 articles. The plain
argmax of that F1 follows noise: settings a few thousandths apart trade places when the
training data change a little (docs/LEARNED.md, "Eighth step"), and a setting that wins because
of one or two articles (a lone spike) is chosen over a plateau of settings that do well on
every subset. Each such flip moved end-to-end figures by 2-4 points, so sound rule changes
could not land.

The rule here, one for all three judges: the caller gives, per setting and per tune article,
the counts its F1 is made of (true positives, system, gold ...), the function that turns summed
counts into the score, and an order of caution over the settings (for a threshold grid, the
grid order). Articles are resampled with replacement (a bootstrap by article, since errors
cluster by article; ``RESAMPLES`` resamples from a fixed seed, the same resamples for every
setting, so the comparison is paired and the choice deterministic). Then

1. a setting is *tied* with the best (the full-tune argmax) when, paired against it, it scores
   at least as well in ``SHARE`` of the resamples or more: tune cannot tell the two apart;
2. of the tied settings, ordered by caution, the middle one is chosen (of two middles, the
   more cautious): the centre of the plateau, not its edge or a lone spike on it.

Why the centre: retraining moves the judges' probabilities a little, which shifts the whole
score curve along the grid; the edges of the tied set move with it, the argmax jumps anywhere
on the plateau, but the centre moves by at most a step. Where one setting is clearly best,
nothing is tied with it and it is kept. A lone spike that one or two articles make is tied
with the plateau (the resamples without those articles prefer the plateau), so the plateau's
centre wins over it.

**Off by default.** Measured in docs/LEARNED.md ("Ninth step: stable decisions"): under three
perturbations of train it narrowed the spread of tune event F1 but not of agent F1 nor the
number of decisions that change, and the unperturbed retrain lost 0.005 of tune event F1 and
of agent F1 against the argmax, more than the landing condition allows. So the trainers take
the plain argmax (``choose`` then returns it, with the same ties as before) unless
``--stable-choice`` is given (``use``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

RESAMPLES = 500
SEED = 0
#: Paired share of resamples in which a setting must score at least as well as the argmax to be
#: tied with it (a setting as good in expectation scores so in about half of them).
SHARE = 0.3
_ENABLED: list[bool] = [False]


def use(enabled: bool) -> None:
    """Choose the plateau's centre (True) or the plain argmax (False, the default) in this process."""
    _ENABLED[:] = [enabled]


@dataclass(frozen=True)
class Choice:
    """The chosen setting's index, the plain argmax's, and per setting the full-tune score and
    the share of resamples in which it is not worse than the argmax."""

    index: int
    argmax: int
    scores: list[float]
    tied: list[float]

    def report(self, names: Sequence[str]) -> dict[str, Any]:
        return {"chosen": names[self.index], "argmax": names[self.argmax],
                "settings": {n: {"score": round(s, 4), "tied": round(t, 3)}
                             for n, s, t in zip(names, self.scores, self.tied, strict=True)}}


def f1(tp: np.ndarray, system: np.ndarray, gold: np.ndarray) -> np.ndarray:
    """F1 from summed counts, element-wise (0 where there is neither system nor gold)."""
    total = system + gold
    return np.where(total > 0, 2 * tp / np.maximum(total, 1), 0.0)


def choose(counts: np.ndarray | Sequence[Sequence[Sequence[float]]],
           objective: Callable[[np.ndarray], np.ndarray], caution: Sequence[Any],
           share: float = SHARE, resamples: int = RESAMPLES, seed: int = SEED,
           enabled: bool | None = None) -> Choice:
    """The stable setting (see the module doc). ``counts[s][a]`` holds setting ``s``'s counts on
    article ``a``; ``objective`` maps summed counts (last axis) to scores; ``caution[s]`` orders
    settings, higher meaning more cautious (it also breaks ties of the argmax). With ``enabled``
    False (default: as ``use`` set it) the argmax is chosen; the table is the same."""
    c = np.asarray(counts, dtype=float)
    if c.ndim != 3 or c.shape[0] != len(caution) or c.shape[0] == 0:
        raise ValueError("counts must be settings x articles x counts, one caution key per setting")
    n_settings, n_articles, _ = c.shape
    full = [float(x) for x in objective(c.sum(axis=1))]
    argmax = max(range(n_settings), key=lambda s: (round(full[s], 4), caution[s]))
    if n_articles == 0:
        return Choice(argmax, argmax, full, [1.0] * n_settings)
    draws = np.random.default_rng(seed).integers(0, n_articles, size=(resamples, n_articles))
    weights = np.stack([np.bincount(d, minlength=n_articles) for d in draws]).astype(float)
    boot = objective(np.einsum("ra,sak->rsk", weights, c))  # resamples x settings
    tied = [float(x) for x in (boot >= boot[:, [argmax]] - 1e-12).mean(axis=0)]
    plateau = sorted((s for s in range(n_settings) if tied[s] >= share or s == argmax), key=lambda s: caution[s])
    stable = _ENABLED[0] if enabled is None else enabled
    return Choice(plateau[len(plateau) // 2] if stable else argmax, argmax, full, tied)
