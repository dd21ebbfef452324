"""Multinomial logistic regression over hashed binary features, in numpy alone.

Small, deterministic (zero start, full-batch Adam, no sampling) and quick on two cores: the
corpus gives a few thousand examples. Probabilities from a log-loss model with L2 are close to
calibrated; ``reliability`` measures how close on held-out data.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ingest.errors import ModelUnavailable
from ingest.extract.learned.features import DIM

Matrix = NDArray[np.float32]


def design(rows: Sequence[Sequence[int]]) -> Matrix:
    """A dense 0/1 design matrix from lists of column indices."""
    x = np.zeros((len(rows), DIM), dtype=np.float32)
    for i, cols in enumerate(rows):
        x[i, list(cols)] = 1.0
    return x


def softmax(z: Matrix) -> Matrix:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: Matrix = e / e.sum(axis=1, keepdims=True)
    return out


@dataclass
class LogReg:
    """Weights (``DIM`` x classes) and the class names."""

    weights: Matrix
    classes: list[str]

    def proba(self, rows: Sequence[Sequence[int]]) -> Matrix:
        if not rows:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        return softmax(design(rows) @ self.weights)


def fit(rows: Sequence[Sequence[int]], labels: Sequence[str], classes: list[str], *, l2: float = 1e-3,
        epochs: int = 300, rate: float = 0.05) -> LogReg:
    """Fit on hashed features (see ``fit_matrix``)."""
    return fit_matrix(design(rows), labels, classes, l2=l2, epochs=epochs, rate=rate)


def fit_matrix(x: Matrix, labels: Sequence[str], classes: list[str], *, l2: float = 1e-3,
               epochs: int = 300, rate: float = 0.05) -> LogReg:
    """Fit by full-batch Adam on the mean log loss plus ``l2`` times the squared weights."""
    y = np.zeros((len(x), len(classes)), dtype=np.float32)
    for i, lab in enumerate(labels):
        y[i, classes.index(lab)] = 1.0
    w = np.zeros((x.shape[1], len(classes)), dtype=np.float32)
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    b1, b2, eps = np.float32(0.9), np.float32(0.999), np.float32(1e-8)
    n = max(len(x), 1)
    for step in range(1, epochs + 1):
        grad = x.T @ (softmax(x @ w) - y) / np.float32(n) + np.float32(2 * l2) * w
        m = (b1 * m + (1 - b1) * grad).astype(np.float32)
        v = (b2 * v + (1 - b2) * grad * grad).astype(np.float32)
        w -= rate * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + eps)
    return LogReg(w.astype(np.float32), list(classes))


Bin = tuple[str, int, float, float]


def reliability(probs: Sequence[float], outcomes: Sequence[bool], bins: int = 10) -> list[Bin]:
    """Per probability bin: (range, examples, mean predicted probability, observed frequency)."""
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, p in enumerate(probs) if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if idx:
            out.append((f"{lo:.1f}-{hi:.1f}", len(idx), float(np.mean([probs[i] for i in idx])),
                        float(np.mean([outcomes[i] for i in idx]))))
    return out


def expected_calibration_error(probs: Sequence[float], outcomes: Sequence[bool], bins: int = 10) -> float:
    """Mean |predicted - observed| over bins, weighted by examples."""
    table = reliability(probs, outcomes, bins)
    total = sum(n for _, n, _, _ in table) or 1
    return sum(n * abs(p - o) for _, n, p, o in table) / total


def save_weights(path: Path, head: dict[str, Any], **weights: Matrix) -> None:
    """Weight matrices (stored as float16) and a JSON head in one compressed ``.npz`` file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, Any] = {name: w.astype(np.float16) for name, w in weights.items()}
    arrays["head"] = np.frombuffer(json.dumps(head, sort_keys=True).encode(), dtype=np.uint8)
    with path.open("wb") as fh:
        np.savez_compressed(fh, **arrays)


def load_weights(path: Path, names: Sequence[str], what: str, fmt: int) -> tuple[dict[str, Any], dict[str, Matrix]]:
    """The head and the named weight matrices of a file ``save_weights`` wrote; ``ModelUnavailable``
    when it is not one, or of another format or hash width."""
    try:
        with np.load(path) as z:
            head: dict[str, Any] = json.loads(bytes(z["head"]).decode())
            weights = {name: z[name].astype(np.float32) for name in names}
    except (OSError, KeyError, ValueError) as exc:
        raise ModelUnavailable(f"{path}: not a {what} file ({exc})") from exc
    if head.get("format") != fmt or head.get("dim") != DIM:
        raise ModelUnavailable(f"{path}: {what} format {head.get('format')}/{head.get('dim')} is not "
                               f"{fmt}/{DIM}: rebuild it with `make train`")
    return head, weights
