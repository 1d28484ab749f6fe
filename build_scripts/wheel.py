"""Build the assessor as a pure-Python wheel for Pyodide, with the standard library only.

Why not pip or `python -m build`: they need network or build isolation, and a
pure-Python package needs neither. The wheel is made from the same `assessor/`
source that the CPython tests import, so the browser runs exactly that code.

The wheel carries the plan's text as restored at build time, not the scraped
copy (which holds the gambling spam) nor restore.py (which must name it): see
assessor/canonical.py. So the published wheel holds no spam, and the build's
integrity check scans every file in it.

The output is deterministic: files in sorted order, a fixed timestamp and
fixed permissions, so the same source always gives the same bytes.

    python -m build_scripts.wheel [OUT_DIR]     # prints the wheel's path
"""

from __future__ import annotations

import base64
import hashlib
import sys
import tomllib
import zipfile
from pathlib import Path

from assessor.canonical import RESTORED_FILE

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "assessor"
# Only what runs: code, policy data and the scraped source the text is restored from.
RUNTIME_SUFFIXES = {".py", ".toml", ".txt"}
FIXED_TIME = (2019, 11, 15, 0, 0, 0)  # the day the plan was signed; any fixed date would do
TAG = "py3-none-any"
# Sources the wheel is made from but does not ship: the scraped copy and its restorer.
# In their place it ships the restored text (GENERATED).
BUILD_ONLY = {"assessor/restore.py", "assessor/data/source/baotou-2019-47-scraped.txt"}
GENERATED = f"assessor/data/source/{RESTORED_FILE}"


def project() -> tuple[str, str]:
    """The distribution name (normalised for file names) and version from pyproject.toml."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return meta["name"].replace("-", "_").lower(), meta["version"]


def wheel_name() -> str:
    name, version = project()
    return f"{name}-{version}-{TAG}.whl"


def runtime_files(root: Path = ROOT) -> list[Path]:
    """The package files the wheel is made from, relative to the repository root, sorted
    (BUILD_ONLY among them: they make GENERATED)."""
    files = []
    for path in sorted((root / PACKAGE).rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or path.suffix not in RUNTIME_SUFFIXES:
            continue
        if "__pycache__" in relative.parts:
            continue
        files.append(relative)
    return files


def restored_text() -> bytes:
    """The canonical text as the wheel ships it, restored now from the hash-checked source."""
    from assessor.canonical import to_json
    from assessor.restore import SCRAPED_SHA256, restored_document

    return to_json(restored_document(), SCRAPED_SHA256)


def _record_line(arcname: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{arcname},sha256={digest},{len(data)}"


def _metadata() -> dict[str, bytes]:
    name, version = project()
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    dist_info = f"{name}-{version}.dist-info"
    metadata = (
        "Metadata-Version: 2.1\n"
        f"Name: {meta['name']}\n"
        f"Version: {version}\n"
        f"Summary: {meta.get('description', '')}\n"
        f"Requires-Python: {meta.get('requires-python', '>=3.11')}\n"
    )
    wheel = f"Wheel-Version: 1.0\nGenerator: build_scripts/wheel.py\nRoot-Is-Purelib: true\nTag: {TAG}\n"
    return {
        f"{dist_info}/METADATA": metadata.encode(),
        f"{dist_info}/WHEEL": wheel.encode(),
        f"{dist_info}/top_level.txt": f"{PACKAGE}\n".encode(),
    }


def _add(archive: zipfile.ZipFile, arcname: str, data: bytes) -> None:
    info = zipfile.ZipInfo(arcname, date_time=FIXED_TIME)
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data, compresslevel=9)


def build_wheel(out_dir: Path) -> Path:
    """Write the wheel into `out_dir` and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / wheel_name()
    entries = {
        path.as_posix(): (ROOT / path).read_bytes()
        for path in runtime_files()
        if path.as_posix() not in BUILD_ONLY
    }
    entries[GENERATED] = restored_text()
    entries = dict(sorted(entries.items()))
    entries.update(_metadata())
    record_name = next(n for n in entries if n.endswith("/WHEEL")).replace("/WHEEL", "/RECORD")
    record = [_record_line(name, data) for name, data in entries.items()]
    record.append(f"{record_name},,")
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        for name, data in entries.items():
            _add(archive, name, data)
        _add(archive, record_name, ("\n".join(record) + "\n").encode())
    tmp.replace(target)  # never leave a half-written wheel where the site expects one
    return target


if __name__ == "__main__":
    print(build_wheel(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist"))
