"""From news text to the graph, in two systems that meet only at the records.

* ``extract/`` - Document -> Extraction: spaCy, rules, vocabulary data and the learned scorer. It
  knows no database and no settings; its fingerprint (``version.py``) hashes that folder alone.
* ``graph/`` - Extraction -> Neo4j: identity, resolution across documents, typed rows, the writer.
* ``run/`` - how extraction is run safely: worker processes with time and memory limits, or Dask.

At the top: ``records.py`` (the output contract both sides share), ``readers.py`` (files and
feeds to Documents), ``errors.py`` and ``service.py``, the one ingest entry the CLI and the HTTP
API both call.
"""
