"""Trimming Pyodide's WebAssembly: a function not kept traps, the others run as before (in Node)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from build_scripts import wasm_trim


def module() -> bytes:
    """A module importing one function (env.log) and defining two, exported:
    "answer" (index 1) returns 42, "other" (index 2) returns 7."""
    types = bytes.fromhex("026000017f600000")  # () -> i32, () -> ()
    imports = bytes.fromhex("0103656e76036c6f670001")  # env.log: () -> ()
    functions = bytes.fromhex("020000")
    exports = bytes.fromhex("0206616e737765720001056f746865720002")
    code = bytes.fromhex("020400412a0b040041070b")

    def section(number: int, payload: bytes) -> bytes:
        return bytes([number, len(payload)]) + payload

    return bytes.fromhex("0061736d01000000") + b"".join(
        section(number, payload)
        for number, payload in [(1, types), (2, imports), (3, functions), (7, exports), (10, code)]
    )


def run(wasm: bytes) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed")
    script = """
const bytes = Buffer.from(process.argv[1], "hex");
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { log() {} } });
const call = (f) => { try { return f(); } catch (e) { return `${e.constructor.name}: ${e.message}`; } };
console.log(JSON.stringify({ answer: call(exports.answer), other: call(exports.other) }));
"""
    done = subprocess.run([node, "-e", script, wasm.hex()], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_functions_not_kept_trap_and_kept_ones_still_answer():
    whole = module()
    assert run(whole) == {"answer": 42, "other": 7}
    assert wasm_trim.imported_functions(whole) == 1
    assert wasm_trim.exported_function(whole, "other") == 2
    trimmed = wasm_trim.trimmed(whole, keep={wasm_trim.exported_function(whole, "answer")})
    assert run(trimmed) == {"answer": 42, "other": "RuntimeError: unreachable"}


def test_the_kept_functions_are_read_from_v8s_log():
    log = (
        "Compiled function 0x1c6d#5 using Liftoff, took 0 ms\n"  # a small module: the xz decoder, a wrapper
        "Compiled function 0x2a00#1500 using Liftoff, took 0 ms; bodysize 18\n"
        "Compiled function 0x2a00#7 using TurboFan, took 1 ms\n"
    )
    assert wasm_trim.traced_functions(log) == {1500, 7}
