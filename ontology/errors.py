"""The errors of the ontology library: a schema that does not hold together, an export option
that cannot be used, an output that cannot be written.

The library never knows who called it: the CLI maps these classes to exit statuses in one table
(``enforcegraph/errors.py``), the API to HTTP statuses in another (``api/exc.py``). Messages name
the value at fault, never a command-line flag; :class:`OptionError` carries the option's name so
that a shell can say which of its own flags or parameters that was.
"""

from __future__ import annotations


class OntologyError(Exception):
    """Base of the errors the ontology library raises on purpose."""


class SchemaError(OntologyError, ValueError):
    """``schema.yaml`` (or a schema built in a test) is inconsistent."""


class OptionError(OntologyError):
    """An export option that cannot be used: ``option`` names it (``since``, ``type``,
    ``changed_since``, ``format``, ``out``), the message names the value and the reason."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option
