"""Where extraction runs: local supervised processes, or the workers of a Dask cluster.

The runner only needs an :class:`Executor`: something that turns a stream of documents into a
stream of :class:`Extraction` or :class:`Failure`, in input order, with bounded memory, and can
be closed. Writing stays in the caller (one logical writer), so the graph never depends on
where the extraction ran.

``local`` is :class:`ingest.run.isolation.GuardedExtractor`. ``dask`` sends each document to a Dask
worker as one task. Every Dask worker holds one :class:`GuardedExtractor` with a single child
process (set up once per worker by a worker plugin), so the per-document guard is the same as
locally: a document that raises, overruns its time budget or its memory cap is killed in that
child and fails alone, while the Dask worker stays up. A document that takes the whole worker
down is retried by Dask a few times and then fails alone too. The parent keeps a bounded
window of submitted documents and a reorder buffer, so results reach the writer in input
order and at most ``window`` documents (and their extractions) are held at once.

Dask is an optional extra (``pip install enforcegraph[distributed]``); :mod:`ingest.run.dask_executor`
is imported only when the ``dask`` executor is asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal, Protocol

from ingest.errors import ExtractorUnavailable
from ingest.records import Document, Extraction
from ingest.run.isolation import Failure, GuardedExtractor, Limits

ExecutorKind = Literal["local", "dask"]
EXECUTORS: tuple[ExecutorKind, ...] = ("local", "dask")


class Executor(Protocol):
    """Extraction of a stream of documents, results in input order; close ends its workers."""

    def extract_many(self, documents: Iterable[Document]) -> Iterator[Extraction | Failure]: ...

    def close(self) -> None: ...


def open_executor(kind: ExecutorKind, model: str, *, workers: int = 1, address: str | None = None,
                  limits: Limits | None = None) -> Executor:
    """The executor of ``kind``; the caller closes it."""
    if kind == "dask":
        try:
            from ingest.run.dask_executor import DaskExecutor
        except ImportError:
            raise ExtractorUnavailable("the dask executor needs Dask: pip install 'enforcegraph[distributed]'") \
                from None
        return DaskExecutor(model, workers=workers, address=address, limits=limits)
    if address is not None:
        raise ValueError("an address is only for the dask executor")
    return GuardedExtractor(model, workers=workers, limits=limits)
