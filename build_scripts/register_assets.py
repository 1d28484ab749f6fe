"""What the register page loads beyond the assessment's runtime, made at build time, offline.

- `stdlib-register.zip.xz`: the few standard-library files the batch needs and the
  assessment does not (csv, the GBK and UTF-8-with-BOM codecs), loaded when a
  register is opened.
- `stdlib-xlsx.zip.xz`: those openpyxl needs on top (xml.etree, decimal, …), loaded
  only when an .xlsx is read or written, with
- openpyxl's and et_xmlfile's wheels, vendored in `register_wheels/` and checked
  against the sha256 hashes of the same releases in requirements.lock (which pins
  them for the build and the CLI), so the site serves exactly the locked files.

The assessment page never loads any of these. The lists of files are made by
tracing real screenings under Pyodide in Node and committed, as for the
assessment's own trimmed library (build_scripts/runtime.py):

    python -m build_scripts.register_assets --trace   # rewrite stdlib_register.txt
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

from build_scripts import runtime

ROOT = Path(__file__).resolve().parent.parent
WHEELS = Path(__file__).with_name("register_wheels")
LIST = Path(__file__).with_name("stdlib_register.txt")
LOCK = ROOT / "requirements.lock"
CACHE = ROOT / "build" / "register-assets"
PARTS = ("register", "xlsx")


class AssetError(Exception):
    pass


def wheels() -> list[Path]:
    return sorted(WHEELS.glob("*.whl"))


def check_wheels() -> None:
    """Every vendored wheel is a release requirements.lock pins, with one of its hashes."""
    lock = LOCK.read_text("utf-8")
    for wheel in wheels():
        name, version = wheel.name.split("-")[:2]
        release = re.escape(f"{name.replace('_', '-')}=={version}")
        hashes = r"((?:\s+--hash=sha256:\w+ ?\\?\n)+)"
        pinned = re.search(rf"^{release} \\\n{hashes}", lock, re.MULTILINE | re.IGNORECASE)
        if not pinned:
            raise AssetError(f"{wheel.name}: requirements.lock does not pin {name}=={version}")
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if f"sha256:{digest}" not in pinned.group(1):
            raise AssetError(f"{wheel.name}: its sha256 {digest} is not one requirements.lock lists")


def lists() -> dict[str, list[str]]:
    """The standard-library files of each part, from stdlib_register.txt."""
    parts: dict[str, list[str]] = {part: [] for part in PARTS}
    current = None
    for line in (line.strip() for line in LIST.read_text().splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = line.strip("[]")
        else:
            parts[current].append(line)
    return parts


def split_packages(files: list[str]) -> list[str]:
    """Packages whose __init__ is in the assessment's library but that get modules here:
    the worker adds the extra zip to their __path__ (e.g. encodings)."""
    kept = set(runtime.keep_list())
    tops = {name.split("/")[0] for name in files if "/" in name}
    return sorted(top for top in tops if f"{top}/__init__.py" in kept)


@cache
def digest() -> str:
    sha = hashlib.sha256(runtime.inputs_digest().encode() + LIST.read_bytes())
    for wheel in wheels():
        sha.update(wheel.name.encode() + wheel.read_bytes())
    return sha.hexdigest()[:12]


def made() -> Path:
    """build/register-assets/<digest>/ with the two zips and the wheels, made if missing."""
    check_wheels()
    folder = CACHE / digest()
    folder.mkdir(parents=True, exist_ok=True)
    for part, files in lists().items():
        target = folder / f"stdlib-{part}.zip.xz"
        if not target.exists():
            tmp = target.with_suffix(".tmp")
            tmp.write_bytes(runtime._xz(runtime.trimmed_stdlib(files)))
            tmp.replace(target)
    for wheel in wheels():
        target = folder / wheel.name
        if not target.exists():
            target.write_bytes(wheel.read_bytes())
    return folder


def manifest(base: str) -> dict:
    """What the page passes to the worker for each part: zips to load and split packages."""
    parts = lists()
    return {
        "register": {
            "zips": [f"{base}stdlib-register.zip.xz"],
            "packages": split_packages(parts["register"]),
        },
        "xlsx": {
            "zips": [f"{base}stdlib-xlsx.zip.xz", *(f"{base}{w.name}" for w in wheels())],
            "packages": split_packages(parts["xlsx"]),
        },
    }


def trace() -> dict[str, list[str]]:
    """Screen sample registers (UTF-8 and GBK CSV, .xlsx, with an .xlsx export) under Pyodide
    in Node with the full standard library; record what is imported beyond the kept files."""
    from build_scripts.register_sample import rows, write_csv, write_xlsx
    from build_scripts.wheel import build_wheel

    kept = set(runtime.keep_list())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        wheel = build_wheel(folder / "wheel")
        table = rows(40, bad_every=7)
        registers = {
            "register": [write_csv(folder / "a.csv", table), write_csv(folder / "b.csv", table, "gbk")],
            "xlsx": [write_xlsx(folder / "c.xlsx", table)],
        }
        found: dict[str, set[str]] = {}
        for part, paths in registers.items():
            extra = [str(w) for w in wheels()] if part == "xlsx" else []
            found[part] = set()
            for path in paths:
                traced = folder / f"{path.name}.trace"
                script = ROOT / "tests" / "pyodide" / "run_register.mjs"
                command = [
                    "node",
                    str(script),
                    str(wheel),
                    "-",
                    "-",
                    str(path),
                    str(folder / "out"),
                    str(traced),
                ]
                subprocess.run([*command, *extra], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
                found[part] |= set(traced.read_text().split()) - kept
    found["xlsx"] -= found["register"]
    header = (
        "# Standard-library files the register page loads beyond the assessment's (stdlib_keep.txt):\n"
        "# [register] for any register, [xlsx] only for an .xlsx. Made by\n"
        "# `python -m build_scripts.register_assets --trace`; do not edit by hand.\n"
    )
    body = "".join(f"[{part}]\n" + "".join(f"{name}\n" for name in sorted(found[part])) for part in PARTS)
    LIST.write_text(header + body)
    return {part: sorted(found[part]) for part in PARTS}


if __name__ == "__main__":
    if sys.argv[1:] == ["--trace"]:
        for part, files in trace().items():
            print(f"[{part}] {len(files)} files")
    else:
        for path in sorted(made().iterdir()):
            print(f"{path.name:40} {path.stat().st_size:>10,} B")
