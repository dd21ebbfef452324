"""The errors of the ingest library: what stops a whole run, as opposed to one document.

One document's problem never raises: readers yield a ``ReadError`` and extraction yields a
``Failure`` for it. These exceptions are for what stops the work itself (no pipeline, no
graph); the command line prints them as one line with exit status 1, the API maps them to 503.
Messages name values (the model, the server), never command-line flags.
"""

from __future__ import annotations


class IngestError(Exception):
    """Base of the errors that stop an extraction or ingest run."""


class ExtractorUnavailable(IngestError):
    """The spaCy pipeline cannot be loaded or started."""


class GraphUnavailable(IngestError):
    """Neo4j went away during an ingest and did not come back within the retry time."""


class ModelUnavailable(ExtractorUnavailable):
    """A model file (the spaCy pipeline's, the learned components') cannot be loaded or is not one."""


class IngestInputError(IngestError):
    """A file the ingest reads besides the documents (judgements, a split manifest) cannot be used."""
