"""The Python runtime the assessment page downloads: small, and small on any server.

From the pinned npm packages it makes, at build time and offline:

- `pyodide.asm.wasm.xz`: Pyodide's WebAssembly with only the functions the
  assessment runs (`wasm_trim.py`, `wasm_keep.txt`), xz-compressed (xz beats
  gzip by a quarter, and many servers send no compression at all). The page's
  worker decodes it with `xz.wasm`, the 12 kB decoder of the npm package
  `xz-decompress` (browsers' DecompressionStream knows only gzip and deflate).
- `pyodide.asm.full.wasm.xz`: the whole WebAssembly, downloaded only where the
  trimmed one is not enough: the register page, and a start again after the
  trimmed one broke.
- `pyodide.asm.js.xz`: the Emscripten glue code, xz-compressed, with two changes
  (`glue.py`: a shared memory made when first needed, not at start-up; the main
  module's exports not all entered in the dynamic linker's table as it starts).
- `python_stdlib.zip.xz`: the standard library trimmed to the files Pyodide and
  the assessor import (`stdlib_keep.txt`, made by `python -m build_scripts.runtime
  --trace`, which runs every scenario under Pyodide in Node and records the
  imports), compiled to bytecode by Pyodide's own Python (`compile_python.mjs`):
  Python then does not compile each module from source on every first start.
  Compiled without docstrings, asserts and column ranges (as `-OO -X
  no_debug_ranges`), which makes it 0.4 MB smaller with xz.
  Entries are stored, not deflated, so that xz compresses them.
- `pyodide-lock.json` with no packages (the site loads none; the full file is 119 kB).
- `pyodide.js`: Pyodide's loader module as is (18 kB), renamed from .mjs
  because many servers do not serve .mjs as JavaScript.

`made()` keeps its output under build/runtime/, keyed by the inputs, so a
rebuild does not spend seconds in xz again.

    python -m build_scripts.runtime --trace    # rewrite stdlib_keep.txt and wasm_keep.txt (runtime_trace.py)
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import lzma
import re
import subprocess
import sys
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from build_scripts import glue, wasm_trim

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"
XZ_PACKAGE = ROOT / "node_modules" / "xz-decompress"
KEEP = Path(__file__).with_name("stdlib_keep.txt")
WASM_KEEP = Path(__file__).with_name("wasm_keep.txt")
COMPILE = Path(__file__).with_name("compile_python.mjs")
GLUE = Path(__file__).with_name("glue.py")
CACHE = ROOT / "build" / "runtime"
FORMAT = "4"  # bump when the recipe below changes, so cached output is remade
XZ_FILTERS = [{"id": lzma.FILTER_LZMA2, "preset": 9 | lzma.PRESET_EXTREME}]
FIXED_TIME = (1980, 1, 1, 0, 0, 0)

WASM = "pyodide.asm.wasm.xz"  # trimmed
FULL_WASM = "pyodide.asm.full.wasm.xz"
FILES = (
    "pyodide.js",
    "pyodide.asm.js.xz",
    WASM,
    FULL_WASM,
    "python_stdlib.zip.xz",
    "pyodide-lock.json",
    "xz.wasm",
)


class RuntimeError_(Exception):  # noqa: N801 (not the builtin RuntimeError)
    pass


def version() -> str:
    manifest = PYODIDE / "package.json"
    if not manifest.exists():
        raise RuntimeError_(f"{PYODIDE} is missing: run `npm ci` (make build does)")
    return json.loads(manifest.read_text())["version"]


def _entries(text: str) -> list[str]:
    """The lines of a keep list that are neither blank nor comments."""
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def keep_list() -> list[str]:
    return _entries(KEEP.read_text())


def wasm_digest() -> str:
    """The sha256 of Pyodide's WebAssembly: wasm_keep.txt's indices hold for this module only."""
    return hashlib.sha256((PYODIDE / "pyodide.asm.wasm").read_bytes()).hexdigest()


def kept_functions() -> list[int]:
    """The functions wasm_keep.txt keeps; refused if it was traced on another module (a Pyodide upgrade)."""
    text = WASM_KEEP.read_text()
    traced_on = re.search(r"^# traced on pyodide\.asm\.wasm sha256 ([0-9a-f]{64})$", text, re.M)
    if not traced_on or traced_on.group(1) != wasm_digest():
        again = "run `python -m build_scripts.runtime --trace`"
        raise RuntimeError_(f"{WASM_KEEP.name} was traced on another pyodide.asm.wasm: {again}")
    return [int(line) for line in _entries(text)]


def _xz(data: bytes) -> bytes:
    # CRC32 rather than CRC64: the decoder (xz-embedded) checks both; CRC32 is the smaller check.
    return lzma.compress(data, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC32, filters=XZ_FILTERS)


def trimmed_stdlib(keep: list[str] | None = None) -> bytes:
    """Pyodide's standard-library zip with only the kept files, entries stored."""
    keep = keep_list() if keep is None else keep
    out = io.BytesIO()
    with zipfile.ZipFile(PYODIDE / "python_stdlib.zip") as source, zipfile.ZipFile(out, "w") as target:
        names = set(source.namelist())
        missing = [name for name in keep if name not in names]
        if missing:
            raise RuntimeError_(f"stdlib_keep.txt names files Pyodide does not have: {missing}")
        for name in sorted(keep):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


def compiled_stdlib(zipped: bytes) -> bytes:
    """The standard-library zip `zipped` with every .py compiled to bytecode by Pyodide's Python, in Node."""
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp, "source.zip"), Path(tmp, "compiled.zip")
        source.write_bytes(zipped)
        subprocess.run(
            ["node", str(COMPILE), str(source), str(target)],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        return target.read_bytes()


def xz_decoder() -> bytes:
    """The decoder's WebAssembly, taken from the pinned npm package (it ships it as base64)."""
    bundle = XZ_PACKAGE / "dist" / "package" / "xz-decompress.min.js"
    if not bundle.exists():
        raise RuntimeError_(f"{bundle} is missing: run `npm ci` (make build does)")
    match = re.search(r"data:application/wasm;base64,([A-Za-z0-9+/=]+)", bundle.read_text())
    if not match:
        raise RuntimeError_(f"no WebAssembly found in {bundle}")
    return base64.b64decode(match.group(1))


def shipped_glue() -> bytes:
    """Pyodide's glue code as the site ships it (glue.py)."""
    try:
        return glue.shipped((PYODIDE / "pyodide.asm.mjs").read_bytes().decode()).encode()
    except glue.GlueChanged as error:
        raise RuntimeError_(str(error)) from None


def _lock() -> bytes:
    lock = json.loads((PYODIDE / "pyodide-lock.json").read_text())
    return json.dumps({"info": lock["info"], "packages": {}}, sort_keys=True).encode()


def _make(name: str) -> bytes:
    if name == "pyodide.js":
        return (PYODIDE / "pyodide.mjs").read_bytes()
    if name == "pyodide.asm.js.xz":
        return _xz(shipped_glue())
    if name == WASM:
        return _xz(wasm_trim.trimmed((PYODIDE / "pyodide.asm.wasm").read_bytes(), kept_functions()))
    if name == FULL_WASM:
        return _xz((PYODIDE / "pyodide.asm.wasm").read_bytes())
    if name == "python_stdlib.zip.xz":
        return _xz(compiled_stdlib(trimmed_stdlib()))
    if name == "pyodide-lock.json":
        return _lock()
    if name == "xz.wasm":
        return xz_decoder()
    raise KeyError(name)


@cache
def inputs_digest() -> str:
    """A digest of everything the runtime files are made from (names the site folder)."""
    sha = hashlib.sha256(FORMAT.encode())
    for path in (PYODIDE / "package.json", XZ_PACKAGE / "package.json", KEEP, WASM_KEEP, COMPILE, GLUE):
        sha.update(path.read_bytes())
    return sha.hexdigest()[:12]


def made() -> Path:
    """The folder under build/runtime/ holding every runtime file, made if missing."""
    version()  # a clear error if npm ci has not run
    cache_dir = CACHE / inputs_digest()
    cache_dir.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        cached = cache_dir / name
        if not cached.exists():
            tmp = cached.with_suffix(".tmp")
            tmp.write_bytes(_make(name))
            tmp.replace(cached)  # never leave a half-written file where the cache expects one
    return cache_dir


if __name__ == "__main__":
    if sys.argv[1:] == ["--trace"]:
        from build_scripts.runtime_trace import trace

        files, functions = trace()
        print(f"{len(files)} files → {KEEP.relative_to(ROOT)}")
        print(f"{len(functions)} functions → {WASM_KEEP.relative_to(ROOT)}")
    else:
        for path in sorted(made().iterdir()):
            print(f"{path.name:28} {path.stat().st_size:>10,} B")
