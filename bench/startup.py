"""Start-up: the CPU of `manage.py check` in a new process, and what importing WeasyPrint
costs of it (`python -X importtime`), against a process that only imports WeasyPrint."""

import os
import re
import resource
import statistics
import subprocess
import sys
from pathlib import Path

from .common import RUNS, Row, ms

ROOT = Path(__file__).resolve().parent.parent
# -X importtime: "import time: <self us> | <cumulative us> | <indented module name>"
IMPORT_LINE = re.compile(r"import time:\s+\d+ \|\s+(\d+) \|(\s*)(\S+)")


def child_cpu(arguments: list[str], env: dict) -> tuple[float, str]:
    """CPU seconds (user + system) of a child process, and what it wrote to stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, *arguments], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, done.stderr


def weasyprint_import(stderr: str) -> float | None:
    """Seconds the top-level `import weasyprint` took, None if it was not imported."""
    for match in IMPORT_LINE.finditer(stderr):
        if match.group(3) == "weasyprint":
            return int(match.group(1)) / 1e6
    return None


def startup_rows(env: dict | None = None, runs: int = RUNS) -> list[Row]:
    env = {**os.environ, **(env or {})}
    check = statistics.median(child_cpu(["manage.py", "check"], env)[0] for _ in range(runs))
    _cpu, stderr = child_cpu(["-X", "importtime", "manage.py", "check"], env)
    during_check = weasyprint_import(stderr)
    bare = statistics.median(child_cpu(["-c", "pass"], env)[0] for _ in range(runs))
    alone = statistics.median(child_cpu(["-c", "import weasyprint"], env)[0]
                              for _ in range(runs)) - bare
    if during_check is None:
        share = "WeasyPrint not imported"
    else:
        # -X importtime counts wall time: a figure beside the CPU, not a share of it.
        share = f"imports WeasyPrint ({during_check * 1000:,.0f} ms by -X importtime)"
    return [
        Row("start-up: manage.py check", ms(check), share, "WeasyPrint not imported"),
        Row("  anchor: a process that only imports WeasyPrint", f"+{ms(alone)}",
            f"check without it ≈ {ms(check - (alone if during_check is not None else 0))}"),
    ]
