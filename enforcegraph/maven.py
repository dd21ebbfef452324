"""Java tools from Maven Central, fetched once into a project folder with ``mvn``.

Neo4j (the local server) and ROBOT (the ontology checks) are not on PyPI; Maven's own
``dependency:copy-dependencies`` on a small pom fetches a tool with everything it needs. A
marker file says the folder is complete, so an interrupted fetch is redone, not half-used.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from importlib import resources
from pathlib import Path

from enforcegraph.errors import LocalServerError

MARKER = ".complete"


def fetch_jars(pom_resource: str, version: str, lib: Path, *, expect: str, what: str) -> Path:
    """The folder ``lib`` of the jars of the pom ``enforcegraph/<pom_resource>`` at ``version``.

    The pom's ``@VERSION@`` is replaced by ``version``; after the fetch a jar matching the glob
    ``expect`` must be there. ``LocalServerError`` (one line) when Maven is missing or fails."""
    if (lib / MARKER).exists() and (lib / MARKER).read_text(encoding="utf-8") == version:
        return lib
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LocalServerError(f"cannot fetch {what}: Maven (mvn) is not on PATH")
    lib.parent.mkdir(parents=True, exist_ok=True)
    pom = resources.files("enforcegraph").joinpath(pom_resource).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(dir=lib.parent, prefix=".fetch-") as tmp:
        work = Path(tmp)
        (work / "pom.xml").write_text(pom.replace("@VERSION@", version), encoding="utf-8")
        out = work / "lib"
        proc = subprocess.run(
            [mvn, "-B", "-q", "-f", str(work / "pom.xml"), "dependency:copy-dependencies",
             f"-DoutputDirectory={out}", "-DincludeScope=runtime"],
            capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0 or not any(out.glob(expect)):
            last = (proc.stdout + proc.stderr).strip().splitlines()[-1:] or ["no output"]
            raise LocalServerError(f"Maven could not fetch {what} {version}: {last[0][:300]}")
        (out / MARKER).write_text(version, encoding="utf-8")
        if lib.exists():
            shutil.rmtree(lib)
        out.rename(lib)
    return lib
