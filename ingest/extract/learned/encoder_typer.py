"""The entity typer that reads text: a pretrained encoder fine-tuned on our corpus, run with ONNX
Runtime in a helper process (issue 11, item 4: of the two learners compared on tune, the better one
for entity types).

The hashed-feature typer (``model.py``) sees words and rule signals through hashed features; this
one reads the name and the words around its first mention (``features.typer_text``) with the
lower three layers of all-MiniLM-L6-v2, fine-tuned on the train split with PyTorch
(``bench/compare_finetuned.py``, the ``train`` extra; ``make train-encoder``) and exported to int8
ONNX. Three layers and a window of 12 words, not six layers and the whole sentence, because the
extraction must keep half of bare spaCy's speed on one core: both shapes are measured in
docs/LEARNED.md. Only the typer's probabilities change; ``LearnedModel.retype`` decides on them
with the two thresholds chosen on tune for this typer.

**Why a helper process.** Loading ONNX Runtime starts native threads, and once a process has a
second thread, single-threaded Python and spaCy code run 6-18% slower (the C library leaves its
single-thread fast paths; a sleeping thread does the same). Run in the extraction process, the
typer took the extraction from 0.60 to 0.48 of bare spaCy's speed. So each extraction process
starts one child (``encoder_process.py``) on first use, which tokenises and runs the model on one
thread; the extraction process sends it a document's texts and reads back their probabilities
over pipes, and keeps one thread. The child ends when the pipe
closes (its parent ended or closed it); a forked process starts its own child; a child that dies
or exceeds ``TIMEOUT`` is named in the error, and the next document starts a new one.

**Overlap.** ``LearnedModel.ask`` sends the names right after linking (``submit``), and the
child reads them while this process finds the document's events; ``retype`` then takes the
answer (``collect``) when it asks for those very names, the same batch and so the same numbers,
and otherwise asks again. An answer left unread is read and dropped before the next request.

The model folder (``ingest/extract/data/learned/typer-encoder/``) holds ``typer.onnx``, the
encoder's ``tokenizer.json``, ``typer.json`` (classes, window, the ``drop`` / ``margin``
thresholds) and ``cascade.json``: the encoder reads only the names the hashed typer is unsure of
(top probability below ``cascade``; ``LearnedModel.decisions``), which costs less and, on tune,
typed better than sending it every name. Without the folder the hashed typer types, as before.
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from ingest.errors import ModelUnavailable
from ingest.extract.learned import encoder_process
from ingest.extract.learned.encoder_process import receive, send
from ingest.extract.learned.features import typer_text
from ingest.extract.learned.logreg import Matrix
from ingest.extract.stage_records import Cluster

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "learned" / "typer-encoder"
ROOT = Path(__file__).resolve().parents[3]
#: Seconds one document's names may take in the child (they take milliseconds), and its start.
TIMEOUT = 120.0


class EncoderTyper:
    """The extraction process's side: the model's settings, and its child process."""

    def __init__(self, folder: Path) -> None:
        try:
            config = json.loads((folder / "typer.json").read_text())
            self.classes: list[str] = [str(k) for k in config["classes"]]
            self.window, self.drop, self.margin = int(config["window"]), float(config["drop"]), float(config["margin"])
            #: names whose hashed top probability is below this are read by the encoder (1.01: all);
            #: ``cascade.json`` beside the model, chosen on tune (``make train-encoder`` keeps it)
            cascade = folder / "cascade.json"
            self.cascade = float(json.loads(cascade.read_text())["cascade"]) if cascade.exists() else 1.01
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelUnavailable(f"{folder}: the encoder typer cannot be loaded ({exc})") from exc
        self.folder = folder
        self._child: subprocess.Popen[bytes] | None = None
        self._pid = 0  # the process that started the child (a forked copy starts its own)
        #: the texts of the request whose answer is still unread (at most one); a list kept in
        #: place, so a shallow copy sharing the child shares it too
        self._unread: list[list[str]] = []
        atexit.register(self.close)

    @classmethod
    def load(cls, folder: Path) -> EncoderTyper:
        """The typer of ``folder``, its child started and answering (so a broken model fails here)."""
        typer = cls(folder)
        typer.proba([])
        return typer

    def proba(self, texts: list[str]) -> Matrix:
        """Class probabilities of each text, columns ``classes`` (an empty list too is sent: the
        child then answers that it runs)."""
        self._send(texts)
        return self._receive(texts)

    def submit(self, texts: list[str]) -> None:
        """Send ``texts`` to the child to read while this process goes on with the document
        (``LearnedModel.ask``); ``collect`` reads the answer. Nothing is sent for no texts."""
        if texts:
            self._send(texts)

    def collect(self, texts: list[str]) -> Matrix:
        """The probabilities of ``texts``: the answer to the last ``submit`` when it sent these
        very texts (the same batch, so the same numbers as asking now), else asked now."""
        if self._unread != [texts] or self._child is None or self._pid != os.getpid():
            self._send(texts)
        return self._receive(texts)

    def probabilities(self, doc: Doc, clusters: list[Cluster], classes: list[str]) -> Matrix:
        """Each cluster's probabilities, in the column order ``classes`` (the hashed typer's)."""
        probs = self.collect([typer_text(doc, c, self.window) for c in clusters])
        return probs[:, [self.classes.index(k) for k in classes]]

    def _send(self, texts: list[str]) -> None:
        """Send one request; an answer still unread (its document failed before collecting it,
        or chose other names) is read and dropped first, so answers never go to the wrong
        request."""
        if self._unread and self._child is not None and self._pid == os.getpid():
            self._receive(self._unread[0])
        self._unread.clear()
        child = self._running()
        assert child.stdin is not None
        try:
            send(child.stdin, json.dumps(texts).encode())
        except OSError as exc:
            self.close()
            raise ModelUnavailable(f"{self.folder}: the encoder typer's process failed ({exc})") from exc
        self._unread.append(texts)

    def _receive(self, texts: list[str]) -> Matrix:
        child = self._child
        assert child is not None and child.stdout is not None
        self._unread.clear()
        try:
            found = np.frombuffer(receive(child.stdout, TIMEOUT), dtype=np.float32)
        except (OSError, ModelUnavailable) as exc:
            self.close()
            raise ModelUnavailable(f"{self.folder}: the encoder typer's process failed ({exc})") from exc
        return found.reshape(len(texts), len(self.classes)).copy()

    def close(self) -> None:
        child, self._child = self._child, None
        self._unread.clear()
        if child is None or self._pid != os.getpid():
            return  # a forked copy leaves its parent's child alone
        for pipe in (child.stdin, child.stdout):
            if pipe is not None:
                pipe.close()
        try:
            child.wait(5)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()

    def _running(self) -> subprocess.Popen[bytes]:
        if self._child is not None and self._pid == os.getpid() and self._child.poll() is None:
            return self._child
        self._child = None
        self._unread.clear()
        path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, "PYTHONPATH": path,  # the child imports this very copy of the project
               "OMP_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false", "RAYON_NUM_THREADS": "1"}
        child = subprocess.Popen([sys.executable, "-m", encoder_process.__name__, str(self.folder),
                                  str(len(self.classes))],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self._child, self._pid = child, os.getpid()
        return child


@cache
def load_shipped(folder: Path = SHIPPED) -> EncoderTyper | None:
    """The shipped encoder typer, or None when its folder is absent (the hashed typer types). Its
    child process starts on first use."""
    return EncoderTyper(folder) if (folder / "typer.onnx").exists() else None
