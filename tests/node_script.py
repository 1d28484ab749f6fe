"""Run one of the tests' Node scripts and read the JSON it prints."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def node_json(
    script: Path, *args: str, stdin: str | None = None, env: dict[str, str] | None = None, timeout: int = 120
) -> Any:
    """What `node script args...` printed on stdout, as JSON; the test fails with its stderr if it failed."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (the README's prerequisites)")
    done = subprocess.run(
        [node, str(script), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, f"{script.name} failed:\n{done.stderr}"
    return json.loads(done.stdout)
