"""The errors a user can cause or fix, each with the exit status the CLI gives it.

The CLI prints ``str(error)`` as one line and exits with ``exit_code``; the API maps the same
classes to HTTP statuses in one table. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class EnforcegraphError(Exception):
    """Base of every user-facing error."""

    exit_code = 1


class UsageError(EnforcegraphError):
    """A command was called with arguments it cannot work with."""

    exit_code = 2


class NotBuiltYet(UsageError):
    """A subcommand whose feature does not exist yet."""


class ConfigError(EnforcegraphError):
    """Settings are missing, contradictory or insecure."""


class InputError(EnforcegraphError):
    """An input file or document cannot be used."""


class Neo4jUnavailable(EnforcegraphError):
    """Neo4j cannot be reached, or refuses our credentials."""


class LocalServerError(EnforcegraphError):
    """The project's own Neo4j server cannot be installed, started or stopped."""


class NotFound(EnforcegraphError):
    """A requested id does not exist in the graph."""
