"""The extraction of every evaluation set is pinned: a refactor must leave it byte-identical.

``tests/fixtures/golden/extraction.json`` holds, for each set and document, the SHA-256 of the
canonical JSON of its extraction (sorted keys, UTF-8). Hashes rather than the output itself, so that
no text of ``../shared`` is copied into the project. A change that is meant to change extraction
(new rules, a retrained model) rewrites the file on purpose, in the same commit:

    python -m tests.test_extraction_golden --write
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "fixtures" / "golden" / "extraction.json"
SETS = {
    "sample": ROOT / "corpus" / "sample",
    "validation": ROOT / "tests" / "fixtures" / "validation",
    "validation2": ROOT / "tests" / "fixtures" / "validation2",
    "dev": ROOT.parent / "shared" / "eval" / "dev",
}
#: The sets tests/ingest/extract/test_pipeline_eval.py scores: their golden check reads that test's
#: one run of the command line; validation2 (never scored by the suite) is extracted in-process.
SCORED = {"sample", "validation", "dev"}


def digests(folder: Path) -> dict[str, str]:
    """Each document id in ``folder`` with the SHA-256 of its extraction's canonical JSON."""
    from ingest.readers import ReadError, read_paths
    from tests.helpers import shared_extractor

    documents = [d for d in read_paths([folder], None) if not isinstance(d, ReadError)]
    out = {}
    for result in shared_extractor().extract_many(documents):
        canonical = json.dumps(result.to_schema(), sort_keys=True, ensure_ascii=False)
        out[result.document.id] = hashlib.sha256(canonical.encode()).hexdigest()
    return dict(sorted(out.items()))


def cli_digests(folder: Path) -> dict[str, str]:
    """The same digests, of ``enforcegraph extract``'s output over ``folder`` (the session's one run
    of the CLI per set, ``tests.helpers.cli_extraction``, which the scored evaluation also reads)."""
    from tests.helpers import cli_extraction

    out = {}
    for line in cli_extraction(folder).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        canonical = json.dumps(record, sort_keys=True, ensure_ascii=False)
        out[record["doc_id"]] = hashlib.sha256(canonical.encode()).hexdigest()
    return dict(sorted(out.items()))


@pytest.mark.parametrize("name", sorted(SETS))
def test_extraction_golden_is_byte_identical(name: str) -> None:
    """The output is pinned: the command line's for the scored sets, the library's for the others
    (the file is written from the library's; the two agree)."""
    folder = SETS[name]
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    expected = json.loads(GOLDEN.read_text())[name]
    actual = cli_digests(folder) if name in SCORED else digests(folder)
    changed = sorted(k for k in expected.keys() | actual.keys() if expected.get(k) != actual.get(k))
    assert not changed, f"extraction changed for {len(changed)} document(s) of {name}: {changed[:10]}"


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.test_extraction_golden --write")
    golden = {name: digests(folder) for name, folder in sorted(SETS.items()) if folder.is_dir()}
    if set(golden) != set(SETS):
        sys.exit("every set must be present to write the golden file (../shared/eval/dev too)")
    GOLDEN.write_text(json.dumps(golden, indent=1, sort_keys=True) + "\n")
    print(f"wrote {GOLDEN}: " + ", ".join(f"{k} {len(v)}" for k, v in golden.items()))
