// Run assessor requests inside Pyodide under Node, from the same npm package the site ships.
//
//   node tests/pyodide/run_scenarios.mjs WHEEL [STDLIB_ZIP [TRACE_OUT]] < requests.json > responses.json
//
// stdin: a JSON array of request strings, passed to `assessor.api.handle` as
// they are (so malformed JSON can be tested too; the Python test parses the
// scenario TOML files, so Node needs no TOML parser). stdout: a JSON array of
// the strings `handle` returned, compared byte for byte with CPython's.
//
// The assessor is installed as the page's worker installs it: the wheel's bytes
// written into the file system and put on sys.path (no loadPackage, which would
// leave JS references that a memory snapshot cannot hold). STDLIB_ZIP is the
// trimmed standard library the site ships; with TRACE_OUT, the standard-library
// files Python imported are written there, one per line (build_scripts/runtime.py).
//
// RESTORED=1 (environment): Python is started as the page's worker starts it on a
// return visit, from a memory snapshot made with the assessor loaded, restored as
// web/snapshot.js restores it (its non-zero pages, written into the new module's
// memory); the restored memory must equal the snapshot byte for byte.
// INDEX_URL (environment): a folder with Pyodide's files to start from instead of
// the npm package's (the site's trimmed WebAssembly, decoded).
// GC_OFTEN=1 (environment): Python's garbage collector runs as often as it can (at
// every new container object, and a full collection every GC_FULL_EVERY requests),
// so that its C functions run on whatever the heap holds, not only where a normal
// run happens to collect (build_scripts/runtime_trace.py).
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { loadPyodide } from "pyodide";
import { wrapJavaScriptFunctions } from "../../web/function-table.js";
import { pack, restoreInto, restoring } from "../../web/snapshot.js";
import { writeStdlibTrace } from "./stdlib_trace.mjs";

const [wheel, stdlib, traceOut] = process.argv.slice(2);
if (!wheel) {
  console.error("usage: node run_scenarios.mjs WHEEL [STDLIB_ZIP [TRACE_OUT]] < requests.json");
  process.exit(64);
}
const requests = JSON.parse(readFileSync(0, "utf8"));

const options = { ...(stdlib ? { stdLibURL: stdlib } : {}), ...(process.env.INDEX_URL ? { indexURL: process.env.INDEX_URL } : {}) };
const target = `/home/pyodide/${basename(wheel)}`;
// As web/worker.js starts Python: the glue's functions put in its table by function-table.js.
wrapJavaScriptFunctions();
let pyodide = await loadPyodide({ ...options, _makeSnapshot: !!process.env.RESTORED });
pyodide.FS.writeFile(target, readFileSync(wheel));
pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(target)})`);
if (process.env.RESTORED) {
  // As web/worker.js: the assessor loaded, then the snapshot; the wheel's file is written again.
  pyodide.runPython(`import assessor.api; assessor.api.handle('{"action": "questions"}')`);
  pyodide = await loadPyodide({ ...options, ...restoreOptions(pyodide.makeMemorySnapshot()) });
  pyodide.FS.writeFile(target, readFileSync(wheel));
}
const GC_FULL_EVERY = 25;
if (process.env.GC_OFTEN) pyodide.runPython("import gc; gc.set_threshold(1)");
const api = pyodide.pyimport("assessor.api");
const responses = requests.map((request, i) => {
  const response = api.handle(request);
  if (process.env.GC_OFTEN && i % GC_FULL_EVERY === 0) pyodide.runPython("import gc; gc.collect()");
  return response;
});
api.destroy();
if (traceOut) writeStdlibTrace(pyodide, traceOut);
process.stdout.write(JSON.stringify(responses));

/** loadPyodide's options to restore `memory` as web/worker.js and web/snapshot.js do, checked. */
function restoreOptions(memory) {
  const { pages, index } = pack(memory);
  const folder = process.env.INDEX_URL ? pathToFileURL(resolve(process.env.INDEX_URL) + "/") : import.meta.resolve("pyodide");
  const glue = import(new URL("pyodide.asm.mjs", folder).href);
  const into = (heap, restoreSnapshot, untouchedFrom) => {
    const settings = restoreInto(heap, restoreSnapshot, { index, length: memory.length }, pages, untouchedFrom);
    const start = new DataView(memory.buffer, memory.byteOffset).getUint32(4, true); // the header's length
    const restored = new Uint8Array(heap.buffer, heap.byteOffset, heap.length);
    if (Buffer.compare(restored, memory.subarray(start)) !== 0) throw new Error("the restored memory differs from the snapshot");
    return settings;
  };
  const createPyodideModule = async (settings) => (await glue).default(settings);
  return { _loadSnapshot: new Uint8Array(0), createPyodideModule: restoring(createPyodideModule, into) };
}
