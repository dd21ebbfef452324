"""The encoder typer's child process: the tokenizer and the ONNX session on one thread, texts in
and probabilities out over its standard input and output (``encoder_typer.py`` says why it runs
apart from the extraction). Light on purpose: it imports neither spaCy nor the extraction.

    python -m ingest.extract.learned.encoder_process FOLDER CLASSES

Messages are a 4-byte little-endian length and a body: a JSON list of texts in, the float32
probabilities (texts x classes) out; a length with its top bit set carries an error message
instead, after which the child ends. It also ends when its input closes.
"""

from __future__ import annotations

import json
import os
import select
import struct
import sys
from pathlib import Path
from typing import IO

import numpy as np

from ingest.errors import ModelUnavailable

#: Word pieces read of one text at most (a name and 12 words either side fit well within it).
MAX_PIECES = 128
#: Texts run through the network at once, sorted by length so that padding costs little.
BATCH = 16
_HEADER = struct.Struct("<I")
_ERROR = 0x80000000


class Network:
    """The tokenizer and the ONNX session, on one thread: what the child process runs."""

    def __init__(self, folder: Path, classes: int) -> None:
        try:
            import onnxruntime as ort
            import tokenizers

            opts = ort.SessionOptions()
            opts.intra_op_num_threads = opts.inter_op_num_threads = 1
            self.session = ort.InferenceSession(str(folder / "typer.onnx"), opts,
                                                providers=["CPUExecutionProvider"])
            self.tokenizer = tokenizers.Tokenizer.from_file(str(folder / "tokenizer.json"))
        except Exception as exc:  # ONNX Runtime's own errors (a corrupt model) derive from nothing narrower
            raise ModelUnavailable(f"{folder}: the encoder typer cannot be loaded ({exc})") from exc
        self.tokenizer.enable_truncation(MAX_PIECES)
        self.tokenizer.no_padding()
        self.classes = classes

    def proba(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.classes), dtype=np.float32)
        pieces = [self.tokenizer.encode(t).ids for t in texts]
        order = sorted(range(len(texts)), key=lambda i: len(pieces[i]))
        for start in range(0, len(order), BATCH):
            rows = order[start:start + BATCH]
            ids = np.zeros((len(rows), max(len(pieces[i]) for i in rows)), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, i in enumerate(rows):
                ids[row, :len(pieces[i])] = pieces[i]
                mask[row, :len(pieces[i])] = 1
            out[rows] = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        return out


def send(pipe: IO[bytes], data: bytes) -> None:
    pipe.write(_HEADER.pack(len(data)) + data)
    pipe.flush()


def receive(pipe: IO[bytes], timeout: float) -> bytes:
    """One message; ModelUnavailable with the child's own message when it sent an error."""
    head = _read(pipe, _HEADER.size, timeout)
    size = _HEADER.unpack(head)[0]
    if size & _ERROR:
        raise ModelUnavailable(_read(pipe, size & ~_ERROR, timeout).decode(errors="replace"))
    return _read(pipe, size, timeout)


def _read(pipe: IO[bytes], size: int, timeout: float) -> bytes:
    data = b""
    while len(data) < size:
        ready, _, _ = select.select([pipe], [], [], timeout)
        if not ready:
            raise ModelUnavailable(f"no answer in {timeout:.0f} s")
        chunk = os.read(pipe.fileno(), size - len(data))
        if not chunk:
            raise ModelUnavailable("the process ended")
        data += chunk
    return data


def serve(folder: Path, classes: int, source: IO[bytes], sink: IO[bytes]) -> None:
    """The child's loop: texts in, probabilities out, until the pipe closes; an error is sent back
    (flagged in the length's top bit) and ends the loop."""
    try:
        network = Network(folder, classes)
        while head := source.read(_HEADER.size):
            texts = json.loads(source.read(_HEADER.unpack(head)[0]))
            send(sink, network.proba(texts).astype(np.float32).tobytes())
    except Exception as exc:  # reported to the extraction process, which names the model folder
        message = f"{type(exc).__name__}: {exc}".encode()[:4096]
        sink.write(_HEADER.pack(len(message) | _ERROR) + message)
        sink.flush()


def main() -> None:
    """Answer on a private copy of standard output; anything a library prints goes to stderr."""
    sink = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    serve(Path(sys.argv[1]), int(sys.argv[2]), sys.stdin.buffer, sink)


if __name__ == "__main__":
    main()
