"""ROBOT's checks of the generated OWL ontology: OWL 2 DL profile, a reasoner run, the QC report.

    python -m enforcegraph.robot [ONTOLOGY.ttl]   # exit 1 and one line per failed check

Partners load ``ontology/enforcegraph.ttl`` into OWL tools (Protégé, HermiT, ROBOT, OBO
pipelines) that refuse or misread a file outside OWL 2 DL, so the tests run the same checks
they would: ``validate-profile --profile DL``, ``reason`` with HermiT (a complete OWL 2 DL
reasoner: an inconsistent or unsatisfiable ontology fails) and ``report`` (labels,
definitions, licence...; any ERROR fails). ROBOT is fetched from Maven Central on first use.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from enforcegraph.errors import LocalServerError
from enforcegraph.maven import fetch_jars

ROBOT_VERSION = "1.9.8"
ROOT = Path(__file__).resolve().parent.parent
JARS = ROOT / "var" / "robot-jars"
ONTOLOGY = ROOT / "ontology" / "enforcegraph.ttl"
TIMEOUT = 300


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def ensure_robot(lib: Path = JARS) -> Path:
    return fetch_jars("robot-pom.xml", ROBOT_VERSION, lib, expect="robot-command-*.jar",
                      what="org.obolibrary.robot:robot-command")


def robot(lib: Path, *args: str) -> subprocess.CompletedProcess[str]:
    java = shutil.which("java")
    if java is None:
        raise LocalServerError("cannot run ROBOT: java is not on PATH")
    return subprocess.run([java, "-Xmx1g", "-cp", f"{lib}/*", "org.obolibrary.robot.CommandLineInterface", *args],
                          capture_output=True, text=True, timeout=TIMEOUT, check=False)


def _last(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def check(ontology: Path = ONTOLOGY, lib: Path | None = None) -> list[Check]:
    """The three checks of ``ontology``; ROBOT's own words for each failure."""
    lib = lib or ensure_robot()
    out: list[Check] = []
    with tempfile.TemporaryDirectory(prefix="robot-") as tmp:
        work = Path(tmp)
        dl = robot(lib, "validate-profile", "--profile", "DL", "--input", str(ontology),
                   "--output", str(work / "profile.txt"))
        report_text = (work / "profile.txt").read_text(encoding="utf-8") if (work / "profile.txt").exists() else ""
        violations = [line for line in report_text.splitlines()
                      if line.strip() and not line.startswith("OWL 2 DL Profile Report")]
        in_profile = "[Ontology and imports closure in profile]" in report_text
        out.append(Check("validate-profile DL", dl.returncode == 0 and in_profile and not violations,
                         f"{len(violations)} violations, first: {violations[0][:240]}" if violations
                         else _last(dl.stdout + dl.stderr)))
        reason = robot(lib, "reason", "--reasoner", "HermiT", "--input", str(ontology),
                       "--output", str(work / "reasoned.ttl"))
        out.append(Check("reason (HermiT)", reason.returncode == 0, _last(reason.stdout + reason.stderr)))
        report = robot(lib, "report", "--input", str(ontology), "--fail-on", "ERROR",
                       "--output", str(work / "report.tsv"))
        tsv = work / "report.tsv"
        rows = tsv.read_text(encoding="utf-8").splitlines()[1:] if tsv.exists() else []
        errors = [r for r in rows if r.startswith("ERROR")]
        out.append(Check("report", report.returncode == 0 and not errors,
                         f"{len(errors)} ERROR rows, first: {errors[0][:240]}" if errors
                         else _last(report.stdout + report.stderr)))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    target = Path(args[0]) if args else ONTOLOGY
    try:
        results = check(target)
    except LocalServerError as exc:
        print(f"robot: {exc}", file=sys.stderr)
        return 2
    for r in results:
        print(f"robot {r.name}: {'ok' if r.ok else 'FAILED'}{'' if r.ok else ' - ' + r.detail}",
              file=sys.stdout if r.ok else sys.stderr)
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
