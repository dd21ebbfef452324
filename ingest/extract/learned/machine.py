"""Which processor and which matrix kernels a training run used, for its report and model card.

``make train`` rebuilds the learned NER byte for byte on one machine (two runs compared; a test
does it on a tiny corpus), but a run on 2026-12-07 did not rebuild the shipped weights with the
same code, data, seed and one-thread settings. spaCy's CNN multiplies its matrices with BLIS
(``blis`` wheel, through thinc), and BLIS picks its kernels when it loads, from the processor
model: "haswell" kernels where it cannot tell how many FMA units the processor has, "skx" where
it reads two, the "zen" family on AMD. Other kernels may add the same products in another order,
and floats summed in another order differ in their last bits, which training then carries on.
That is the likeliest cause found (the installed packages match the lock; two runs on this
machine are byte-identical), not a proven one: the machine of the shipped run was not recorded.
Recording the processor and the kernels with each run says whether a rebuild ran on the same
arithmetic as the model it is compared with.

BLIS says which kernels it chose only on its error stream, when ``BLIS_ARCH_DEBUG`` is set and
it first runs; a short child process asks it, so the trainer's own process is left as it was.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
from pathlib import Path

#: How long the child that asks BLIS may take (it loads numpy and blis, multiplies 2x2 matrices).
TIMEOUT = 60
_PROBE = "import numpy, blis.py; blis.py.gemm(numpy.ones((2, 2), 'f'), numpy.ones((2, 2), 'f'))"
_CHOSEN = re.compile(r"selecting sub-configuration '([^']+)'")


def cpu_model(cpuinfo: Path = Path("/proc/cpuinfo")) -> str | None:
    """The processor's model name as the kernel reports it ("Intel(R) Xeon(R) Processor"), else
    what ``platform`` knows, else None."""
    try:
        for line in cpuinfo.read_text(errors="replace").splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name" and value.strip():
                return value.strip()
    except OSError:
        pass
    return platform.processor() or None


def blis_kernels(python: str = sys.executable) -> str | None:
    """The BLIS sub-configuration (kernel set) this machine loads ("haswell", "skx", "zen3"), or
    None when BLIS does not say (not installed, an older build, the child failed)."""
    env = {**os.environ, "BLIS_ARCH_DEBUG": "1"}
    try:
        proc = subprocess.run([python, "-c", _PROBE], env=env, capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = _CHOSEN.findall(proc.stderr)
    return found[-1] if found else None


def describe() -> dict[str, str | None]:
    """What a training report records of the machine: processor, BLIS kernels, architecture."""
    return {"cpu": cpu_model(), "blis_kernels": blis_kernels(), "arch": platform.machine() or None}
