"""The errors of the product shell, and the one table of exit statuses for every user error.

Each library owns its errors (``queries.errors``, ``ontology.errors``, ``ingest.errors``) and knows
nothing of exit statuses or flags. The CLI prints one line for any class in :data:`EXIT_CODES`
(the most specific row wins) and exits with its status; anything else is a bug and keeps its
traceback. The API maps the same classes to HTTP statuses in its own table (``api/exc.py``).
"""

from __future__ import annotations

from ingest.errors import IngestError
from ontology.errors import OntologyError, OptionError, SchemaError
from queries.errors import Neo4jUnavailable, QueriesError, QueryError

__all__ = ["EXIT_CODES", "ConfigError", "EnforcegraphError", "InputError", "LocalServerError", "Neo4jUnavailable",
           "NotBuiltYet", "NotFound", "UsageError", "exit_code_of", "message_of"]


class EnforcegraphError(Exception):
    """Base of the shell's own user-facing errors."""


class UsageError(EnforcegraphError):
    """A command was called with arguments it cannot work with."""


class NotBuiltYet(UsageError):
    """A subcommand whose feature does not exist yet."""


class ConfigError(EnforcegraphError):
    """Settings are missing, contradictory or insecure."""


class InputError(EnforcegraphError):
    """An input file or document cannot be used."""


class LocalServerError(EnforcegraphError):
    """The project's own Neo4j server cannot be installed, started or stopped."""


class NotFound(EnforcegraphError):
    """A requested id does not exist in the graph."""


#: Exit status per error class; the most specific class of an error that has a row decides.
EXIT_CODES: dict[type[Exception], int] = {
    EnforcegraphError: 1,
    UsageError: 2,
    QueriesError: 1,
    QueryError: 2,
    Neo4jUnavailable: 1,
    OntologyError: 1,
    SchemaError: 1,
    OptionError: 2,
    IngestError: 1,
}

#: The command-line flag of each library option, for messages that name the value only.
FLAGS = {"since": "--since", "changed_since": "--changed-since", "type": "--type", "out": "--out"}


def exit_code_of(exc: BaseException) -> int | None:
    """The exit status of a user error, or ``None`` for anything else (a bug)."""
    for cls in type(exc).__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls]
    return None


def message_of(exc: BaseException) -> str:
    """The one line the CLI prints: the error's message, led by the flag a library option came from."""
    flag = FLAGS.get(exc.option) if isinstance(exc, OptionError) else None
    return f"{flag} {exc}" if flag else str(exc)
