"""The ``enforcegraph`` command: one subcommand per job, each in ``enforcegraph/commands/``.

User errors (bad input, unreachable Neo4j, wrong settings) end as one line on stderr and a
non-zero exit status; only bugs show a traceback. A Neo4j server lost, busy or refusing logins
in the middle of a command is one such line too (never the driver's chained tracebacks), and no
message carries the credentials of a URI.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from neo4j.exceptions import DriverError, Neo4jError
from pydantic import ValidationError

from enforcegraph import __version__
from enforcegraph.commands import COMMANDS
from enforcegraph.db import translate
from enforcegraph.errors import EXIT_CODES, Neo4jUnavailable, exit_code_of, message_of
from enforcegraph.settings import get_settings, redact


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="enforcegraph",
        description="A knowledge graph of security-law enforcement events, built from news text.",
    )
    parser.add_argument("--version", action="version", version=f"enforcegraph {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = get_settings()
    except (ValidationError, ValueError) as exc:
        print(f"enforcegraph: invalid settings: {redact(_first_line(exc))}", file=sys.stderr)
        return 2
    try:
        code: int = args.run(args, settings)
    except (Neo4jError, DriverError) as exc:  # the server went away, is busy, or refuses us mid-command
        error = translate(exc, settings)
        if not isinstance(error, Neo4jUnavailable):
            raise
        print(f"enforcegraph {args.command}: {redact(str(error))}", file=sys.stderr)
        return EXIT_CODES[Neo4jUnavailable]
    except Exception as exc:
        status = exit_code_of(exc)
        if status is None:  # a bug: keep the traceback
            raise
        print(f"enforcegraph {args.command}: {redact(message_of(exc))}", file=sys.stderr)
        return status
    except KeyboardInterrupt:
        print(f"enforcegraph {args.command}: interrupted", file=sys.stderr)
        return 130
    return code


def _first_line(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"]) or "settings"
        return f"{where}: {err['msg']}"
    return str(exc).splitlines()[0]


if __name__ == "__main__":
    sys.exit(main())
