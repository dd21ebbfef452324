"""Audit the locked requirements for known vulnerabilities (pip-audit, PyPI's advisory data).

Fails (exit 1) when a locked package has a known vulnerability with a fixed release: bump it
in ``requirements.lock`` (with hashes) and run again. Vulnerabilities without a fix are listed
but do not fail the run (there is nothing to upgrade to). When no vulnerability service can be
reached, nothing was audited: that is said on one line, and fails too when
``ENFORCEGRAPH_AUDIT_REQUIRED=1`` (set it where CI has the network to reach PyPI's JSON API).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    pip_audit = Path(sys.executable).parent / "pip-audit"
    proc = subprocess.run(
        [str(pip_audit), "-r", str(ROOT / "requirements.lock"), "--require-hashes", "--disable-pip",
         "--format", "json", "--progress-spinner", "off"],
        capture_output=True, text=True, check=False, timeout=900,
    )
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"audit: pip-audit failed (exit {proc.returncode}): {last}", file=sys.stderr)
        return 1
    deps = report.get("dependencies", [])
    skipped = [d for d in deps if d.get("skip_reason")]
    fixable, unfixed = [], []
    for dep in deps:
        for vuln in dep.get("vulns", []):
            entry = f"{dep['name']} {dep['version']}: {vuln['id']}"
            if vuln.get("fix_versions"):
                fixable.append(f"{entry} (fixed in {', '.join(vuln['fix_versions'])})")
            else:
                unfixed.append(entry)
    for line in unfixed:
        print(f"audit: known vulnerability without a fix: {line}", file=sys.stderr)
    for line in fixable:
        print(f"audit: upgrade needed: {line}", file=sys.stderr)
    if fixable:
        return 1
    if deps and len(skipped) == len(deps):
        print(f"audit: no vulnerability service reachable; {len(deps)} locked packages NOT audited "
              f"({skipped[0]['skip_reason']})", file=sys.stderr)
        return 1 if os.environ.get("ENFORCEGRAPH_AUDIT_REQUIRED") == "1" else 0
    print(f"audit: {len(deps) - len(skipped)} locked packages audited, {len(skipped)} skipped; "
          f"no vulnerability with a fix")
    return 0


if __name__ == "__main__":
    sys.exit(main())
