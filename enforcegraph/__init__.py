"""enforcegraph: a knowledge graph of security-law enforcement events, built from news text.

This package is the product shell, one of the two (with ``api``) that read ``Settings``: the
settings themselves (``settings.py``), the command line (``cli.py``, one module per subcommand
under ``commands/``), the one table of exit statuses for every library's errors (``errors.py``),
the project's own Neo4j server from Maven jars (``localneo4j.py``, ``maven.py``), backup and
restore, ROBOT and the demo. The libraries below it - ``ontology``, ``queries``, ``ingest`` -
never import it.
"""

__version__ = "0.1.0"
