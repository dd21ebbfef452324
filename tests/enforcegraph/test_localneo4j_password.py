"""The initial Neo4j password never appears in a process's arguments.

``/proc/<pid>/cmdline`` is readable by every local user, so the admin tool gets its arguments
from a Java argument file that only we can read and that is gone once the tool has run.
"""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from enforcegraph import localneo4j
from enforcegraph.errors import LocalServerError
from tests.conftest import local_settings

SECRET = 'pa"ss \\word #1'


def _fake_run(seen: dict[str, Any]) -> Any:
    def run(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        argfile = Path(argv[-1].removeprefix("@"))
        seen.update(argv=argv, env=kwargs.get("env", {}), argfile=argfile,
                    mode=stat.S_IMODE(argfile.stat().st_mode), text=argfile.read_text(encoding="utf-8"))
        return subprocess.CompletedProcess(argv, 0, "", "")

    return run


def test_localneo4j_initial_password_goes_through_a_private_argument_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = local_settings(tmp_path / "home", 7999).model_copy(update={"neo4j_password": SecretStr(SECRET)})
    layout = localneo4j.Layout.of(settings)
    localneo4j.write_conf(settings, layout)
    seen: dict[str, Any] = {}
    monkeypatch.setattr(localneo4j.subprocess, "run", _fake_run(seen))
    localneo4j._set_initial_password(settings, layout, "java")
    assert not any(SECRET in a or "#1" in a for a in seen["argv"])
    assert not any(SECRET in v for v in seen["env"].values())
    assert seen["argv"][-1].startswith("@")
    assert seen["mode"] == 0o600
    assert seen["text"].splitlines() == [localneo4j.ADMIN_TOOL, "dbms", "set-initial-password",
                                         '"pa\\"ss \\\\word #1"']
    assert not seen["argfile"].exists()


def test_localneo4j_initial_password_file_is_removed_when_the_tool_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = local_settings(tmp_path / "home", 7999).model_copy(update={"neo4j_password": SecretStr(SECRET)})
    layout = localneo4j.Layout.of(settings)
    localneo4j.write_conf(settings, layout)

    def fail(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(argv, 1, "", f"invalid password {SECRET}\nsecond line\n")

    monkeypatch.setattr(localneo4j.subprocess, "run", fail)
    with pytest.raises(LocalServerError) as caught:
        localneo4j._set_initial_password(settings, layout, "java")
    assert SECRET not in str(caught.value)
    assert not list(layout.pid_file.parent.glob(".initial-password-*"))


def test_localneo4j_initial_password_with_a_newline_is_refused(tmp_path: Path) -> None:
    settings = local_settings(tmp_path / "home", 7999).model_copy(update={"neo4j_password": SecretStr("a\nb")})
    layout = localneo4j.Layout.of(settings)
    localneo4j.write_conf(settings, layout)
    with pytest.raises(LocalServerError, match="control character"):
        localneo4j._set_initial_password(settings, layout, "java")
