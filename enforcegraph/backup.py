"""Back up the graph to a JSON-lines file and restore it, through the driver.

Why our own format rather than ``neo4j-admin database dump``: Community Edition dumps only a
stopped database, and only on the machine that holds its files; this works against any server
``NEO4J_URI`` names (Docker, a remote host) while it keeps running, and the file is plain text
a partner can read. The file holds, one JSON object a line:

    {"format": "enforcegraph-backup", "version": 1, "created": ..., "database": ...}
    {"node": {"key": <element id>, "labels": [...], "props": {...}}}           (every node)
    {"rel": {"start": <key>, "end": <key>, "type": ..., "props": {...}}}       (every relationship)
    {"end": {"nodes": N, "relationships": M}}

Temporal values (and bytes) are written as one-key objects such as ``{"$date": "2024-05-02"}``
(a property value can never be a map, so this is unambiguous). The trailer makes a truncated
file detectable. Reads stream record by record and writes go in batches of ``UNWIND`` rows, so
memory stays bounded by the batch size (plus one id per node while relationships are linked).
Restoring checks every label and relationship type against the ontology, applies the schema
first, and refuses a graph that is not empty unless told to replace it; after loading it runs the
schema's migrations, so a backup written before the ``NameKey`` nodes existed gets them.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import neo4j
from neo4j.exceptions import Neo4jError
from neo4j.time import Date, DateTime, Duration, Time

from enforcegraph.errors import InputError, UsageError
from ontology import load as load_ontology
from queries import run, schema, stream

FORMAT = "enforcegraph-backup"
VERSION = 1
BATCH = 1000

#: Tag -> (Neo4j type, to text, from text), for the property values JSON cannot hold.
_TYPES: dict[str, tuple[type, Callable[[Any], str], Callable[[str], Any]]] = {
    "$datetime": (DateTime, lambda v: v.iso_format(), DateTime.from_iso_format),
    "$date": (Date, lambda v: v.iso_format(), Date.from_iso_format),
    "$time": (Time, lambda v: v.iso_format(), Time.from_iso_format),
    "$duration": (Duration, lambda v: v.iso_format(), Duration.from_iso_format),
    "$bytes": (bytes, lambda v: base64.b64encode(v).decode("ascii"), base64.b64decode),
}


def encode(value: Any) -> Any:
    if isinstance(value, list):
        return [encode(v) for v in value]
    for tag, (kind, to_text, _) in _TYPES.items():
        if isinstance(value, kind):
            return {tag: to_text(value)}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise UsageError(f"cannot back up a property value of type {type(value).__name__}")


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if len(value) != 1 or next(iter(value)) not in _TYPES:
            raise ValueError(f"unknown tagged value {sorted(value)}")
        tag, text = next(iter(value.items()))
        return _TYPES[tag][2](text)
    return value


def _open(path: Path, mode: str) -> IO[str]:
    if path.suffix == ".gz":
        text: IO[str] = gzip.open(path, mode + "t", encoding="utf-8")  # type: ignore[assignment]  # noqa: SIM115
        return text
    return path.open(mode, encoding="utf-8")


def backup(driver: neo4j.Driver, path: Path, *, database: str, overwrite: bool = False) -> tuple[int, int]:
    """Write every node and relationship to ``path``; returns (nodes, relationships).

    The file appears only once complete (written beside it, then renamed into place), with the
    permissions the umask gives; an existing file is kept unless ``overwrite``.
    """
    if path.exists() and not overwrite:
        raise UsageError(f"{path} exists; pass --force to replace it")
    if not path.parent.is_dir():
        raise UsageError(f"{path.parent} is not a folder")
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with _open(tmp, "w") as out, driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as s, \
                s.begin_transaction() as tx:
            header = {"format": FORMAT, "version": VERSION, "database": database,
                      "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
            out.write(json.dumps(header) + "\n")
            nodes = rels = 0
            for row in stream(tx, "backup-nodes"):
                out.write(json.dumps({"node": {**row, "props": encode_props(row["props"])}}, ensure_ascii=False) + "\n")
                nodes += 1
            for row in stream(tx, "backup-relationships"):
                out.write(json.dumps({"rel": {**row, "props": encode_props(row["props"])}}, ensure_ascii=False) + "\n")
                rels += 1
            out.write(json.dumps({"end": {"nodes": nodes, "relationships": rels}}) + "\n")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return nodes, rels


def encode_props(props: dict[str, Any]) -> dict[str, Any]:
    return {k: encode(v) for k, v in props.items()}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with _open(path, "r") as f:
            for number, line in enumerate(f, start=1):
                try:
                    item = json.loads(line)
                except ValueError:
                    raise InputError(f"{path} line {number}: not JSON") from None
                if not isinstance(item, dict):
                    raise InputError(f"{path} line {number}: expected a JSON object") from None
                yield number, item
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from None


def restore(driver: neo4j.Driver, path: Path, *, database: str, replace: bool = False) -> tuple[int, int]:
    """Load a backup into the graph; returns (nodes, relationships) created."""
    if not path.is_file():
        raise UsageError(f"{path} is not a file")
    items = _lines(path)
    first = next(items, None)
    if first is None or first[1].get("format") != FORMAT:
        raise InputError(f"{path} is not an enforcegraph backup (no header line)")
    if first[1].get("version") != VERSION:
        raise InputError(f"{path}: backup version {first[1].get('version')!r}; this version reads {VERSION}")
    existing = run(driver, "graph-counts", database=database)
    if existing and not replace:
        raise UsageError("the graph is not empty; restore into an empty graph or pass --replace to clear it first")
    if existing:
        run(driver, "graph-clear", database=database)
    schema.apply(driver, database=database)
    loaded = _load(driver, path, items, database)
    # a backup from before the name key nodes, the events' eventType or join keys: bring it up to date
    schema.migrate_event_types(driver, database=database)
    schema.migrate(driver, database=database, full=True)
    schema.migrate_join_keys(driver, database=database, full=True)
    schema.migrate_recent_events(driver, database=database, full=True)
    return loaded


def _load(driver: neo4j.Driver, path: Path, items: Iterator[tuple[int, dict[str, Any]]],
          database: str) -> tuple[int, int]:
    onto = load_ontology()
    labels = set(onto.classes) | set(onto.internal_nodes)
    types = set(onto.relation_types()) | set(onto.internal_relationships)
    new_id: dict[str, str] = {}
    batch: list[dict[str, Any]] = []
    kind = "node"
    nodes = rels = 0
    trailer: dict[str, Any] | None = None
    number = 1

    def flush() -> None:
        nonlocal nodes, rels
        if not batch:
            return
        try:
            if kind == "node":
                for row in run(driver, "restore-nodes", database=database, rows=batch):
                    new_id[row["key"]] = row["id"]
                nodes += len(batch)
            else:
                created = run(driver, "restore-relationships", database=database, rows=batch)[0]["created"]
                if created != len(batch):
                    raise InputError(f"{path} near line {number}: a relationship names a node the backup lacks")
                rels += created
        except Neo4jError as exc:
            raise InputError(f"{path} near line {number}: {exc.code}; the graph is partly restored ({nodes} "
                             f"nodes, {rels} relationships): fix the file and restore with --replace") from None
        batch.clear()

    for number, item in items:
        if trailer is not None:
            raise InputError(f"{path} line {number}: data after the end line")
        try:
            kind = _add(item, kind, batch, flush, new_id, labels, types, path, number)
        except (KeyError, TypeError, AttributeError) as exc:
            raise InputError(f"{path} line {number}: a record without the field {exc}") from None
        if "end" in item:
            trailer = item["end"]
        if len(batch) >= BATCH:
            flush()
    flush()
    if trailer is None:
        raise InputError(f"{path} is truncated (no end line); restored {nodes} nodes, {rels} relationships")
    if (trailer.get("nodes"), trailer.get("relationships")) != (nodes, rels):
        raise InputError(f"{path}: the end line counts {trailer}, but the file holds {nodes} nodes and "
                         f"{rels} relationships")
    return nodes, rels


def _add(item: dict[str, Any], kind: str, batch: list[dict[str, Any]], flush: Callable[[], None],
         new_id: dict[str, str], labels: set[str], types: set[str], path: Path, number: int) -> str:
    """Add one record to the batch; returns the kind of records now being read."""
    if "node" in item:
        node = item["node"]
        if kind != "node":
            raise InputError(f"{path} line {number}: a node after the relationships")
        bad = [lb for lb in node["labels"] if lb not in labels]
        if bad or not node["labels"]:
            raise InputError(f"{path} line {number}: label(s) {bad} not in the ontology")
        batch.append({"key": node["key"], "labels": node["labels"], "props": _props(path, number, node)})
    elif "rel" in item:
        rel = item["rel"]
        if kind == "node":
            flush()
            kind = "rel"
        if rel["type"] not in types:
            raise InputError(f"{path} line {number}: relationship type {rel['type']!r} not in the ontology")
        try:
            ends = {"start": new_id[rel["start"]], "end": new_id[rel["end"]]}
        except KeyError:
            raise InputError(f"{path} line {number}: a relationship names a node the backup lacks") from None
        batch.append({**ends, "type": rel["type"], "props": _props(path, number, rel)})
    elif "end" not in item:
        raise InputError(f"{path} line {number}: unknown record {sorted(item)}")
    return kind


def _props(path: Path, number: int, record: dict[str, Any]) -> dict[str, Any]:
    try:
        return {str(k): decode(v) for k, v in record.get("props", {}).items()}
    except (ValueError, TypeError, AttributeError) as exc:
        raise InputError(f"{path} line {number}: {exc}") from None
