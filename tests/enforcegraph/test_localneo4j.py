"""The project's own Neo4j: start, stop, status, and the errors a user can run into."""

from __future__ import annotations

import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from enforcegraph import localneo4j
from enforcegraph.errors import LocalServerError
from tests.helpers import ROOT, cli, cli_env, free_port, local_settings

pytestmark = pytest.mark.neo4j


def _java_processes_in(home: Path) -> list[int]:
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if localneo4j.ENTRY_POINT in cmdline and str(home) in cmdline:
            pids.append(int(proc.name))
    return pids


def test_localneo4j_cli_start_twice_then_stop_leaves_no_java(tmp_path: Path) -> None:
    home = ROOT / "var" / "test-runs" / f"cli-{tmp_path.name}"
    shutil.rmtree(home, ignore_errors=True)
    settings = local_settings(home, free_port())
    env = cli_env(settings)
    try:
        first = subprocess.run(cli("neo4j", "start"), env=env, capture_output=True, text=True, timeout=300)
        assert first.returncode == 0, first.stderr
        assert "started" in first.stdout
        second = subprocess.run(cli("neo4j", "start"), env=env, capture_output=True, text=True, timeout=120)
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stdout
        assert len(_java_processes_in(home.resolve())) == 1
        status = subprocess.run(cli("neo4j", "status"), env=env, capture_output=True, text=True, timeout=60)
        assert status.returncode == 0
        assert f"bolt://127.0.0.1:{settings.neo4j_bolt_port}" in status.stdout
        stop = subprocess.run(cli("neo4j", "stop"), env=env, capture_output=True, text=True, timeout=120)
        assert stop.returncode == 0, stop.stderr
        assert _java_processes_in(home.resolve()) == []
        after = subprocess.run(cli("neo4j", "status"), env=env, capture_output=True, text=True, timeout=60)
        assert after.returncode == 3
        assert "not running" in after.stdout
    finally:
        localneo4j.stop(settings)
        shutil.rmtree(home, ignore_errors=True)


def test_localneo4j_port_taken_is_one_line_and_exit_1(tmp_path: Path) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        settings = local_settings(tmp_path / "home", port)
        with pytest.raises(LocalServerError, match=f"port {port}"):
            localneo4j.start(settings)
        proc = subprocess.run(cli("neo4j", "start"), env=cli_env(settings), capture_output=True, text=True,
                              timeout=60)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(port) in lines[0]
    assert "Traceback" not in proc.stderr


def test_localneo4j_status_of_session_server(neo4j_settings: object) -> None:
    from enforcegraph.settings import Settings

    assert isinstance(neo4j_settings, Settings)
    st = localneo4j.status(neo4j_settings)
    assert st.running and st.pid is not None
    # Starting again is harmless: the same process answers.
    assert localneo4j.start(neo4j_settings).pid == st.pid


def test_localneo4j_conf_listens_on_loopback_only(tmp_path: Path) -> None:
    settings = local_settings(tmp_path / "home", 17999)
    conf = localneo4j.write_conf(settings, localneo4j.Layout.of(settings)).read_text()
    assert "server.default_listen_address=127.0.0.1" in conf
    assert "server.bolt.listen_address=127.0.0.1:17999" in conf
    assert "dbms.security.auth_enabled=true" in conf
    assert "0.0.0.0" not in conf


def test_localneo4j_conf_caps_transaction_memory_and_takes_extra_settings(tmp_path: Path) -> None:
    settings = local_settings(tmp_path / "home", 17999)
    layout = localneo4j.Layout.of(settings)
    assert "db.memory.transaction.max" not in localneo4j.write_conf(settings, layout).read_text()  # Neo4j's default
    capped = settings.model_copy(update={"neo4j_transaction_memory": "256m"})
    conf = localneo4j.write_conf(capped, layout, {"dbms.memory.transaction.total.max": "16m"}).read_text()
    assert "db.memory.transaction.max=256m\n" in conf and "dbms.memory.transaction.total.max=16m\n" in conf


def test_localneo4j_transaction_memory_setting_refuses_a_non_size() -> None:
    import pydantic

    from enforcegraph.settings import Settings

    with pytest.raises(pydantic.ValidationError, match="neo4j_transaction_memory"):
        Settings(_env_file=None, neo4j_transaction_memory="lots")  # type: ignore[call-arg]
