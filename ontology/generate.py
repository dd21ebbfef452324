"""Write the files derived from ``schema.yaml``, or check that the committed ones match it.

    python -m ontology.generate          # rewrite enforcegraph.ttl, shapes.ttl, context.jsonld
    python -m ontology.generate --check  # exit 1 (and name the files) when one has drifted
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rdflib import Graph

from ontology import jsonld, owl, shacl
from ontology.model import Ontology, load
from ontology.rdf import RdfMapping

HERE = Path(__file__).resolve().parent
HEADER = "# Generated from ontology/schema.yaml by `python -m ontology.generate`. Do not edit.\n"


def _turtle(build: Callable[[Ontology, RdfMapping], Graph]) -> Callable[[Ontology], str]:
    def render(onto: Ontology) -> str:
        g = build(onto, RdfMapping(onto))
        return HEADER + g.serialize(format="turtle")

    return render


def _context(onto: Ontology) -> str:
    return json.dumps(jsonld.build(onto), indent=2, ensure_ascii=False) + "\n"


#: file name -> renderer
TARGETS: dict[str, Callable[[Ontology], str]] = {
    "enforcegraph.ttl": _turtle(owl.build),
    "shapes.ttl": _turtle(shacl.build),
    "context.jsonld": _context,
}


def render_all(onto: Ontology | None = None) -> dict[str, str]:
    onto = onto or load()
    return {name: render(onto) for name, render in TARGETS.items()}


def drifted(folder: Path = HERE, onto: Ontology | None = None) -> list[str]:
    """The generated files whose committed text differs from what the schema gives."""
    out = []
    for name, text in render_all(onto).items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            out.append(name)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ontology.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when a committed file drifts from the schema")
    args = parser.parse_args(argv)
    if args.check:
        stale = drifted()
        if stale:
            print(f"ontology: {', '.join(stale)} out of date with schema.yaml; run "
                  "`python -m ontology.generate`", file=sys.stderr)
            return 1
        print("ontology: generated files match schema.yaml")
        return 0
    for name, text in render_all().items():
        (HERE / name).write_text(text, encoding="utf-8")
        print(f"wrote ontology/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
