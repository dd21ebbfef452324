"""Which RDF syntax a request asks for: ``?format=``, else ``Accept``; and whether it wants HTML.

The ontology endpoints and the dereferenced data IRIs speak the same four syntaxes; this module
is their one list of media types, so a syntax added here is served by both.
"""

from __future__ import annotations

from typing import Literal

from fastapi import Request

RdfFormat = Literal["turtle", "ntriples", "jsonld", "xml"]
MEDIA_TYPES: dict[str, str] = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "xml": "application/rdf+xml",
}
_HTML = ("text/html", "application/xhtml+xml")


def negotiate(request: Request, explicit: str | None) -> str:
    """The explicit ``format`` wins; else the first Accept media type we serve; else Turtle."""
    if explicit:
        return explicit
    for part in request.headers.get("accept", "").split(","):
        media = part.split(";")[0].strip().lower()
        for fmt, served in MEDIA_TYPES.items():
            if media == served:
                return fmt
    return "turtle"


def _quality(fields: list[str]) -> float:
    for f in fields:
        if f.startswith("q="):
            try:
                return float(f[2:])
            except ValueError:
                return 0.0
    return 1.0


def wants_html(request: Request) -> bool:
    """True when ``Accept`` prefers a web page to every RDF syntax we serve (by order, then q)."""
    best: tuple[float, int, str] | None = None
    for i, part in enumerate(request.headers.get("accept", "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if media not in (*_HTML, *MEDIA_TYPES.values()):
            continue
        q = _quality(fields[1:])
        if best is None or (q, -i) > (best[0], best[1]):
            best = (q, -i, media)
    return best is not None and best[2] in _HTML
