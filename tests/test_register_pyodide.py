"""The register screened inside Pyodide (Node, the npm package the site ships) with the files
the page loads: the trimmed standard library plus the register's extra zips and, for an .xlsx,
openpyxl's wheels. Its results file is byte for byte the one CPython writes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from assessor import register
from build_scripts import register_assets, runtime
from build_scripts.register_sample import rows, write_csv, write_xlsx
from build_scripts.wheel import build_wheel

ROOT = register_assets.ROOT
pytestmark = pytest.mark.skipif(not shutil.which("node"), reason="needs Node")


@pytest.fixture(scope="module")
def runtime_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pyodide-register")
    (folder / "stdlib.zip").write_bytes(runtime.trimmed_stdlib())
    for part, files in register_assets.lists().items():
        (folder / f"stdlib-{part}.zip").write_bytes(runtime.trimmed_stdlib(files))
    return folder, build_wheel(folder / "wheel")


def cpython_results(path, work) -> bytes:
    request = {"action": "open", "path": str(path), "work": str(work), "as_of": "2026-01-01"}
    register.handle(json.dumps(request))
    while not json.loads(register.handle('{"action": "step", "ms": 1000}'))["finished"]:
        pass
    data = (work / "results.csv").read_bytes()
    register.handle('{"action": "close"}')
    return data


@pytest.mark.parametrize("kind", ["gbk.csv", "xlsx"])
def test_pyodide_with_the_trimmed_library_screens_like_cpython(runtime_files, tmp_path, kind):
    folder, wheel = runtime_files
    table = rows(40, bad_every=6)
    path = tmp_path / f"register.{kind}"
    if kind == "xlsx":
        write_xlsx(path, table)
        zips = [folder / "stdlib-register.zip", folder / "stdlib-xlsx.zip"]
        wheels = [str(w) for w in register_assets.wheels()]
    else:
        write_csv(path, table, "gbk")
        zips, wheels = [folder / "stdlib-register.zip"], []
    packages = register_assets.split_packages(sum(register_assets.lists().values(), []))
    script = ROOT / "tests" / "pyodide" / "run_register.mjs"
    command = ["node", str(script), str(wheel), str(folder / "stdlib.zip"), ",".join(map(str, zips))]
    done = subprocess.run(
        [*command, str(path), str(tmp_path / "out"), "-", *wheels],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=180,
        env={**os.environ, "REGISTER_SPLIT": ",".join(packages)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    answer = json.loads(done.stdout)
    assert answer["finished"] and answer["summary"]["rows"] == 40
    assert (tmp_path / "out" / "results.csv").read_bytes() == cpython_results(path, tmp_path / "cpython")
    if kind == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(tmp_path / "out" / "results.xlsx", read_only=True)
        assert sum(1 for _ in book.worksheets[0].iter_rows()) == 41
