"""neosemantics (n10s), the Neo4j plugin partners load our RDF with, as a plugin of a local server.

Partners who run Neo4j import the export with n10s (``n10s.rdf.import.*``); the tests do the
same into a second local server, so a change that n10s cannot read fails here and not at a
partner's. The plugin is not on PyPI: Maven fetches it (``n10s-pom.xml``; the published jar is
shaded, its runtime dependencies inside) into a cache folder, and :func:`install_plugin`
copies the jars into a server's ``plugins`` folder before it starts.

n10s is built per Neo4j minor version; 5.1.0.0, the build on Maven Central, loads and imports
on Neo4j 5.26 (its 51 procedures register; checked by ``tests/queries/test_export_n10s.py``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from enforcegraph.maven import MARKER, fetch_jars

N10S_VERSION = "5.1.0.0"
ROOT = Path(__file__).resolve().parent.parent
JARS = ROOT / "var" / "n10s-jars"


def ensure_n10s(lib: Path = JARS) -> Path:
    """The folder of the plugin's jars, fetched with Maven the first time."""
    return fetch_jars("n10s-pom.xml", N10S_VERSION, lib, expect="neosemantics-*.jar", what="org.neo4j:neosemantics")


def install_plugin(plugins: Path, lib: Path | None = None) -> list[Path]:
    """Copy the plugin's jars into a (stopped) server's ``plugins`` folder; the copied files."""
    lib = lib or ensure_n10s()
    plugins.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy2(jar, plugins / jar.name)) for jar in sorted(lib.glob("*.jar")) if jar.name != MARKER]
