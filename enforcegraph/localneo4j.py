"""Run Neo4j Community Edition from its jars on Maven Central, with no Docker and no installer.

The jars are fetched once by Maven (``neo4j-pom.xml``) into a cache folder git ignores; the
server is started through its own entry point (``org.neo4j.server.CommunityEntryPoint``)
with a generated ``neo4j.conf``, listening on 127.0.0.1 only. Its process id is kept in a
file so that ``stop`` and ``status`` find it again from another process.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from enforcegraph.errors import LocalServerError
from enforcegraph.maven import fetch_jars
from enforcegraph.settings import Settings

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"


@dataclass(frozen=True)
class Layout:
    """Where the local server keeps its jars, configuration, data, logs and pid file."""

    home: Path
    lib: Path

    @classmethod
    def of(cls, settings: Settings) -> Layout:
        home = settings.neo4j_home.resolve()
        return cls(home=home, lib=(settings.neo4j_jar_cache / settings.neo4j_version).resolve())

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def data(self) -> Path:
        return self.home / "data"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "enforcegraph-neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.logs / "console.log"


# -- jars ----------------------------------------------------------------------
def ensure_jars(settings: Settings) -> Path:
    """The folder of Neo4j jars, fetching them with Maven the first time."""
    return fetch_jars("neo4j-pom.xml", settings.neo4j_version, Layout.of(settings).lib, expect="neo4j-*.jar",
                      what="org.neo4j:neo4j")


# -- configuration -------------------------------------------------------------
def write_conf(settings: Settings, layout: Layout, extra: Mapping[str, str] | None = None) -> Path:
    """Write ``neo4j.conf``: loopback only, Bolt on the configured port, no HTTP; ``extra`` settings
    last (a test or benchmark server's own, e.g. a small memory pool)."""
    for d in (layout.conf_dir, layout.data, layout.logs, layout.pid_file.parent,
              layout.home / "plugins", layout.home / "import"):
        d.mkdir(parents=True, exist_ok=True)
    lines = {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f"127.0.0.1:{settings.neo4j_bolt_port}",
        "server.http.enabled": "false",
        "server.https.enabled": "false",
        "server.directories.data": str(layout.data),
        "server.directories.logs": str(layout.logs),
        "server.directories.run": str(layout.pid_file.parent),
        "server.directories.plugins": str(layout.home / "plugins"),
        "server.directories.import": str(layout.home / "import"),
        "server.memory.heap.initial_size": settings.neo4j_heap,
        "server.memory.heap.max_size": settings.neo4j_heap,
        "server.memory.pagecache.size": settings.neo4j_pagecache,
        "dbms.security.auth_enabled": "true",
        "dbms.usage_report.enabled": "false",
        "db.tx_log.rotation.retention_policy": "100M size",
    }
    if settings.neo4j_transaction_memory:  # one query over it fails alone instead of starving the others
        lines["db.memory.transaction.max"] = settings.neo4j_transaction_memory
    lines.update(extra or {})
    conf = layout.conf_dir / "neo4j.conf"
    conf.write_text("".join(f"{k}={v}\n" for k, v in lines.items()), encoding="utf-8")
    return conf


def _java(settings: Settings) -> str:
    java = shutil.which(settings.java_bin)
    if java is None:
        raise LocalServerError(f"cannot start Neo4j: Java ({settings.java_bin}) is not on PATH; Java 17+ is needed")
    return java


def _set_initial_password(settings: Settings, layout: Layout, java: str) -> None:
    """Set the password before the very first start (after that, Neo4j keeps its own).

    The password never appears in a process's arguments (which every local user can read in
    /proc): the admin tool's class name and arguments go in a Java argument file (``@file``),
    readable only by us and removed as soon as the tool has read it.
    """
    if (layout.data / "dbms" / "auth.ini").exists() or (layout.data / "databases").exists():
        return
    password = settings.neo4j_auth[1]
    if any(ord(c) < 32 or ord(c) == 127 for c in password):
        raise LocalServerError("the Neo4j password contains a control character; choose another")
    env = {**_child_env(), "NEO4J_HOME": str(layout.home), "NEO4J_CONF": str(layout.conf_dir)}
    argfile = layout.pid_file.parent / f".initial-password-{os.getpid()}"
    argfile.unlink(missing_ok=True)
    quoted = password.replace("\\", "\\\\").replace('"', '\\"')
    fd = os.open(argfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(f'{ADMIN_TOOL}\ndbms\nset-initial-password\n"{quoted}"\n')
        proc = subprocess.run(
            [java, "-cp", f"{layout.lib}/*", f"@{argfile}"],
            capture_output=True, text=True, env=env, check=False,
        )
    finally:
        argfile.unlink(missing_ok=True)
    if proc.returncode != 0:
        said = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ln.strip() and password not in ln]
        reason = said[0].strip()[:200] if said else f"exit status {proc.returncode}"
        raise LocalServerError(f"setting the initial Neo4j password failed: {reason}")


def _child_env() -> dict[str, str]:
    """The environment the server inherits: ours, minus our own secrets."""
    return {k: v for k, v in os.environ.items() if "PASSWORD" not in k and not k.startswith("ENFORCEGRAPH_")}


# -- process -------------------------------------------------------------------
def _read_pid(layout: Layout) -> int | None:
    try:
        pid = int(layout.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return None
    # Only a live Java process of ours counts; a recycled pid does not.
    return pid if ENTRY_POINT in cmdline and str(layout.home) in cmdline else None


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on now (for throwaway servers: tests and benchmarks)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        port: int = s.getsockname()[1]
        return port


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return True
    return False


def _bolt_answers(port: int) -> bool:
    """True once the Bolt port accepts a connection and completes the handshake."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0) as s:
            s.sendall(b"\x60\x60\xb0\x17" + b"\x00\x00\x04\x04" * 1 + b"\x00" * 12)
            return len(s.recv(4)) == 4
    except OSError:
        return False


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None
    uri: str
    home: Path

    def describe(self) -> str:
        if self.running:
            return f"local Neo4j is running (pid {self.pid}) at {self.uri}, data in {self.home / 'data'}"
        return f"local Neo4j is not running (would listen at {self.uri}, data in {self.home / 'data'})"


def status(settings: Settings) -> Status:
    layout = Layout.of(settings)
    pid = _read_pid(layout)
    return Status(running=pid is not None, pid=pid, uri=settings.bolt_uri, home=layout.home)


def start(settings: Settings, extra_conf: Mapping[str, str] | None = None) -> Status:
    """Start the local server unless it already runs; return once Bolt answers. ``extra_conf``:
    more ``neo4j.conf`` settings for this start (tests and benchmarks)."""
    layout = Layout.of(settings)
    current = status(settings)
    if current.running:
        return current
    port = settings.neo4j_bolt_port
    if port_in_use(port):
        raise LocalServerError(f"port {port} on 127.0.0.1 is already in use; set ENFORCEGRAPH_NEO4J_BOLT_PORT")
    java = _java(settings)
    ensure_jars(settings)
    write_conf(settings, layout, extra_conf)
    _set_initial_password(settings, layout, java)
    with layout.console_log.open("ab") as log:
        proc = subprocess.Popen(
            [java, f"-Xmx{settings.neo4j_heap}", "-XX:+UseG1GC", "-Dfile.encoding=UTF-8",
             "-cp", f"{layout.lib}/*", ENTRY_POINT,
             f"--home-dir={layout.home}", f"--config-dir={layout.conf_dir}"],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True, env=_child_env(), cwd=layout.home,
        )
    layout.pid_file.write_text(str(proc.pid), encoding="utf-8")
    deadline = time.monotonic() + settings.neo4j_start_timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            layout.pid_file.unlink(missing_ok=True)
            raise LocalServerError(
                f"Neo4j exited with status {proc.returncode} while starting; see {layout.console_log}"
            )
        if _bolt_answers(port):
            return status(settings)
        time.sleep(0.5)
    _terminate(proc.pid)
    layout.pid_file.unlink(missing_ok=True)
    raise LocalServerError(
        f"Neo4j did not answer on bolt://127.0.0.1:{port} within {settings.neo4j_start_timeout:.0f} s; "
        f"see {layout.console_log}"
    )


def _terminate(pid: int, timeout: float = 60.0) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def stop(settings: Settings) -> bool:
    """Shut the local server down cleanly; False when it was not running."""
    layout = Layout.of(settings)
    pid = _read_pid(layout)
    if pid is None:
        layout.pid_file.unlink(missing_ok=True)
        return False
    _terminate(pid)
    layout.pid_file.unlink(missing_ok=True)
    return True
