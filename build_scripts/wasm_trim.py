"""Pyodide's WebAssembly with only the functions that run: the rest are emptied.

Of the 16,958 functions in `pyodide.asm.wasm`, the assessment runs about 2,700
(CPython's whole C library is in it, from sockets to sqlite glue). Each other
function keeps its place, type and index but its body becomes a single
`unreachable`: the module's layout, tables, exports and memory are unchanged
(so a memory snapshot fits either module), it is 4.3 MB smaller, and the
browser has that much less to decompress and compile.

Which functions run is traced, not guessed (`wasm_keep.txt`, made by `python -m
build_scripts.runtime --trace`). A function that was not traced traps if it is
ever called; the page then starts again on the whole module
(`pyodide.asm.full.wasm.xz`, see web/worker.js), so the cost of a gap in the
trace is a slower start, never a wrong answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

IMPORT_SECTION = 2
EXPORT_SECTION = 7
CODE_SECTION = 10
# An emptied body: no locals, `unreachable`, `end`, preceded by its size.
EMPTY_BODY = b"\x03\x00\x00\x0b"
# A line of V8's --trace-wasm-compilation-times: the module (its address) and the function index.
TRACE_LINE = re.compile(r"Compiled function (0x[0-9a-f]+)#(\d+) using")


def _leb(data: bytes, at: int) -> tuple[int, int]:
    """The unsigned LEB128 number at `at`, and where it ends."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def _encode_leb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _sections(wasm: bytes) -> Iterator[tuple[int, bytes]]:
    at = 8  # magic number and version
    while at < len(wasm):
        size, start = _leb(wasm, at + 1)
        yield wasm[at], wasm[start : start + size]
        at = start + size


def _skip_limits(data: bytes, at: int) -> int:
    flags, at = _leb(data, at)
    _, at = _leb(data, at)
    if flags & 1:
        _, at = _leb(data, at)
    return at


def imported_functions(wasm: bytes) -> int:
    """How many functions the module imports: a defined function's index starts after them."""
    for section, payload in _sections(wasm):
        if section != IMPORT_SECTION:
            continue
        count, at = _leb(payload, 0)
        functions = 0
        for _ in range(count):
            for _ in range(2):  # module name, field name
                length, at = _leb(payload, at)
                at += length
            kind = payload[at]
            at += 1
            if kind == 0:  # function: its type index
                _, at = _leb(payload, at)
                functions += 1
            elif kind == 1:  # table: element type, limits
                at = _skip_limits(payload, at + 1)
            elif kind == 2:  # memory: limits
                at = _skip_limits(payload, at)
            elif kind == 3:  # global: value type, mutability
                at += 2
            elif kind == 4:  # tag: attribute, type index
                _, at = _leb(payload, at + 1)
            else:
                raise ValueError(f"unknown import kind {kind}")
        return functions
    return 0


def exported_function(wasm: bytes, name: str) -> int:
    """The index of the function exported as `name`."""
    for section, payload in _sections(wasm):
        if section != EXPORT_SECTION:
            continue
        count, at = _leb(payload, 0)
        for _ in range(count):
            length, at = _leb(payload, at)
            export, kind = payload[at : at + length].decode(), payload[at + length]
            index, at = _leb(payload, at + length + 1)
            if export == name and kind == 0:
                return index
    raise KeyError(name)


def trimmed(wasm: bytes, keep: Iterable[int]) -> bytes:
    """`wasm` with the body of every defined function not in `keep` (function indices) emptied."""
    keep = set(keep)
    first = imported_functions(wasm)
    out = bytearray(wasm[:8])
    for section, payload in _sections(wasm):
        if section == CODE_SECTION:
            count, at = _leb(payload, 0)
            code = bytearray(_encode_leb(count))
            for i in range(count):
                size, body = _leb(payload, at)
                code += payload[at : body + size] if first + i in keep else EMPTY_BODY
                at = body + size
            payload = bytes(code)
        out += bytes([section]) + _encode_leb(len(payload)) + payload
    return bytes(out)


def traced_functions(v8_trace: str) -> set[int]:
    """The indices of Pyodide's functions in V8's `--trace-wasm-compilation-times` output.

    Other modules appear there too (the xz decoder, Emscripten's one-function
    wrappers); they have few functions, so only indices of modules that have
    more than a thousand are taken.
    """
    by_module: dict[str, set[int]] = {}
    for line in v8_trace.splitlines():
        match = TRACE_LINE.search(line)
        if match:
            by_module.setdefault(match.group(1), set()).add(int(match.group(2)))
    return {i for indices in by_module.values() if max(indices) > 1000 for i in indices}
