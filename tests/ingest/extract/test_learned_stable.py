"""The stable choice of a judge's decision on tune (``learned/stable.py``)."""

from __future__ import annotations

import numpy as np
import pytest

from ingest.extract.learned import stable


def _f1(c: np.ndarray) -> np.ndarray:
    return stable.f1(c[..., 0], c[..., 1], c[..., 2])


def _curve() -> np.ndarray:
    """Seven thresholds over 60 articles of two gold events each. Thresholds 2, 3 and 4 find one
    of the two in every article (a plateau); 5 finds both in three articles but misses an extra
    one in two others (a spike: best on the whole set, made by a handful of articles); 0, 1 and
    6 find one event in a third of the articles only."""
    counts = np.zeros((7, 60, 3))
    counts[:, :, 2] = 2
    counts[:, :, 1] = 2
    for s in (2, 3, 4, 5):
        counts[s, :, 0] = 1
    counts[5, :3, 0] = 2
    counts[5, 3:5, 0] = 0
    for s in (0, 1, 6):
        counts[s, ::3, 0] = 1
    return counts


def test_stable_choose_prefers_the_plateau_centre_to_a_lone_spike() -> None:
    counts = _curve()
    choice = stable.choose(counts, _f1, list(range(7)), enabled=True)
    assert choice.argmax == 5  # the plain argmax takes the spike
    assert choice.scores[5] > choice.scores[3]
    assert choice.index == 4  # tied: 2..5; of the middles 3 and 4, the more cautious (on the plateau)
    assert choice.tied[0] == 0.0 and min(choice.tied[2:6]) >= stable.SHARE


def test_stable_choose_is_off_by_default_and_switched_by_use() -> None:
    assert stable.choose(_curve(), _f1, list(range(7))).index == 5  # the argmax, as the trainers chose before
    try:
        stable.use(True)
        assert stable.choose(_curve(), _f1, list(range(7))).index == 4
    finally:
        stable.use(False)


def test_stable_choose_keeps_a_setting_that_is_clearly_best() -> None:
    counts = _curve()
    counts[5, :, 0] = 2  # threshold 5 now finds both events in every article
    choice = stable.choose(counts, _f1, list(range(7)), enabled=True)
    assert choice.index == choice.argmax == 5
    assert max(t for s, t in enumerate(choice.tied) if s != 5) < stable.SHARE


def test_stable_choose_is_deterministic_and_takes_the_cautious_middle() -> None:
    rng = np.random.default_rng(7)
    counts = np.zeros((4, 30, 3))
    counts[:, :, 0] = rng.integers(0, 2, size=(1, 30))  # four settings, the same outcome
    counts[:, :, 1] = 1
    counts[:, :, 2] = 1
    first = stable.choose(counts, _f1, [0, 1, 2, 3], enabled=True)
    assert first == stable.choose(counts.copy(), _f1, [0, 1, 2, 3], enabled=True)
    assert first.tied == [1.0] * 4
    assert first.index == 2  # of the middles 1 and 2, the more cautious
    assert stable.choose(counts, _f1, [3, 2, 1, 0], enabled=True).index == 1


def test_stable_choose_rejects_counts_of_the_wrong_shape() -> None:
    with pytest.raises(ValueError, match="settings x articles x counts"):
        stable.choose(np.zeros((3, 4)), _f1, [0, 1, 2])
    with pytest.raises(ValueError, match="one caution key per setting"):
        stable.choose(np.zeros((3, 4, 3)), _f1, [0, 1])
