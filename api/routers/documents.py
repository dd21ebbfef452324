"""``POST /documents``: ingest submitted articles through the same runner as the command line.

Each submitted article is checked on its own: one the graph cannot take (an empty text, an id
with control characters, a text over the size limit) is listed in ``failed`` with the reason,
and the others are ingested. The rest goes through :mod:`api.extraction`: unchanged documents
are skipped, judgements respected, extraction guarded per document in worker processes, and
the work runs off the event loop, so reads are served while a long article is extracted. No
lock is held across requests: concurrent ingests wait only for a free extraction worker and
for each other's group transactions. Needs a write key.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request
from pydantic import ValidationError

from api.deps import SettingsDep, driver_of, require_write
from api.exc import ERROR_RESPONSES
from api.extraction import ExtractionPool
from api.models import Failure, IngestReport, Submission, SubmittedDocument
from ingest.errors import ExtractorUnavailable
from ingest.records import Document, clean_text

router = APIRouter(tags=["ingest"], dependencies=[Depends(require_write)], responses=ERROR_RESPONSES)


def _pool(request: Request, settings: SettingsDep) -> ExtractionPool:
    pool: ExtractionPool | None = getattr(request.app.state, "extraction_pool", None)
    if pool is None:  # the app was not started through its lifespan (which closes the pool)
        pool = request.app.state.extraction_pool = ExtractionPool(settings)
    return pool


def _checked(i: int, item: Any) -> Document | Failure:
    if not isinstance(item, SubmittedDocument | dict):
        return Failure(id=f"documents[{i}]", reason="a document must be a JSON object")
    raw = item.model_dump() if isinstance(item, SubmittedDocument) else dict(item)
    for field in ("text", "title", "source", "url"):  # control characters and lone surrogates, cleaned as on read
        if isinstance(raw.get(field), str):
            raw[field] = clean_text(raw[field])
    given = raw.get("id")
    name = given if isinstance(given, str) and given.isprintable() and given else f"documents[{i}]"
    try:
        SubmittedDocument.model_validate(raw)
        return Document(**raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"]) or "document"
        return Failure(id=name[:300], reason=f"{where}: {err['msg']}")


@router.post("/documents", response_model=IngestReport, summary="Ingest articles")
async def ingest_documents(request: Request, settings: SettingsDep,
                           submission: Annotated[Submission, Body()]) -> IngestReport:
    """Extract entities and events from each article and write them to the graph (documents already
    ingested with the same id are replaced; unchanged ones are skipped). Needs a write key."""
    checked = [_checked(i, item) for i, item in enumerate(submission.documents)]
    documents = [c for c in checked if isinstance(c, Document)]
    refused = [c for c in checked if isinstance(c, Failure)]
    if not documents:
        return IngestReport(written=[], failed=refused, entities=0, events=0)
    try:
        summary = await _pool(request, settings).ingest(driver_of(request), documents)
    except ExtractorUnavailable as exc:
        return IngestReport(written=[], failed=refused + [Failure(id=d.id, reason=str(exc)) for d in documents],
                            entities=0, events=0)
    failed = refused + [Failure(id=f.id, reason=f.reason) for f in summary.failed] + [
        Failure(id=i, reason=r) for i, r in summary.report.failed]
    return IngestReport(written=summary.report.written, unchanged=summary.unchanged, failed=failed,
                        entities=summary.report.entities, events=summary.report.events)
