"""Pyodide's Emscripten glue code as the site ships it: Pyodide's own, with two changes.

**The wait memory.** As it starts, Pyodide's JavaScript makes a one-page *shared* WebAssembly memory.
Its only use is `Atomics.wait`, a pause of 100 ms before a read from standard
input that was not ready is tried again (`syncSleep` in Pyodide's
src/js/streams.ts). The assessment never reads standard input.

A shared memory made on a page that is not cross-origin isolated (ours are not:
that needs headers a static server may not send) is reported by Chromium as a
DevTools issue and a deprecation ("SharedArrayBufferConstructedWithoutIsolation").
Each report carries the JavaScript stack with line and column. To work out
those, V8 parses again every function on the stack, and here that includes the
function that holds the whole glue (1.2 MB). Where DevTools are attached (as
under Playwright), that took 30-55 ms of a return visit's 0.35-0.4 s
(`V8.CollectSourcePositions` in a trace); with nothing attached, 5-15 ms.

So the memory is made where it is first needed, not at start-up. Nothing else
changes: a read that must wait still waits (tests/test_runtime.py).

**The main module's exports, not all entered in the GOT at start-up.** Emscripten's
dynamic linker keeps a global offset table (GOT) for shared libraries loaded
later: the addresses of the symbols they need. As it starts, the glue enters
every export of the main module there (`updateGOT`): 8,554 entries, each a new
`WebAssembly.Global`, and for each of the 7,415 functions a new slot in the
function table. The site loads no shared library: the assessor and the
register's packages are pure Python. Under Node that took 18-23 ms of every
start, on the thread that starts Python. Without it, the entries the main module
itself asks for (280, of functions the glue provides) are filled as before, by
`reportUndefinedSymbols` just after; a shared library loaded later would have
its own entries filled the same way, when it asks for them.

Each change is found by its exact text. If a Pyodide upgrade changes that text,
the build stops with a message rather than shipping the glue unchanged.
"""

from __future__ import annotations

# Pyodide 314.0.7's minified text: the memory made at start-up, then syncSleep.
MADE_AT_START = (
    "var io=new Int32Array(new WebAssembly.Memory({shared:!0,initial:1,maximum:1}).buffer);"
    "function so(t){try{return Atomics.wait(io,0,0,t),!0}catch{return!1}}"
)
MADE_WHEN_FIRST_NEEDED = (
    "var io;"
    "function so(t){try{return "
    "io??=new Int32Array(new WebAssembly.Memory({shared:!0,initial:1,maximum:1}).buffer),"
    "Atomics.wait(io,0,0,t),!0}catch{return!1}}"
)


# Pyodide 314.0.7's minified text: the main module's instance received, its exports entered in the GOT.
EVERY_EXPORT_ENTERED = "assignWasmExports(wasmExports);updateGOT(origExports);LDSO.init();loadDylibs();"
ONLY_WHAT_IS_ASKED = "assignWasmExports(wasmExports);LDSO.init();loadDylibs();"

CHANGES = (
    ("the shared wait memory's set-up", MADE_AT_START, MADE_WHEN_FIRST_NEEDED),
    ("the main module's exports entered in the GOT", EVERY_EXPORT_ENTERED, ONLY_WHAT_IS_ASKED),
)


class GlueChanged(Exception):
    pass


def shipped(glue: str) -> str:
    """Pyodide's glue code `glue` with both changes."""
    for what, text, replacement in CHANGES:
        found = glue.count(text)
        if found != 1:
            raise GlueChanged(
                f"Pyodide's glue code holds {what} {found} times, not once: "
                "see build_scripts/glue.py (is this another Pyodide version?)"
            )
        glue = glue.replace(text, replacement)
    return glue
