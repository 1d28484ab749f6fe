// What a start of Pyodide does that build_scripts/glue.py changes, under Node,
// for tests/test_runtime.py.
//
//   node tests/js/glue_start.mjs [INDEX_URL]
//
// Starts Python (from INDEX_URL, a folder with the site's decoded runtime, or
// else from the npm package), then reads a line from standard input whose first
// read is not ready yet (EAGAIN), as Pyodide's syncSleep is there for.
// stdout, JSON: the shared memories made during the start and in all, the
// entries of Emscripten's global offset table (GOT) after the start and how many
// of them are unfilled, how long the read waited (ms) and the line Python read.
import { loadPyodide } from "pyodide";
import { wrapJavaScriptFunctions } from "../../web/function-table.js";

const [indexURL] = process.argv.slice(2);
let shared = 0;
const Memory = WebAssembly.Memory;
WebAssembly.Memory = function (descriptor, ...rest) {
  if (descriptor?.shared) shared++;
  return new Memory(descriptor, ...rest);
};
WebAssembly.Memory.prototype = Memory.prototype;

wrapJavaScriptFunctions(); // as web/worker.js starts Python
const pyodide = await loadPyodide(indexURL ? { indexURL } : {});
const atStart = shared;
const got = Object.values(pyodide._module.GOT);
const gotUnfilled = got.filter((entry) => entry.value === -1).length;

let reads = 0;
let waited = 0;
let notReadyAt = 0;
pyodide.setStdin({
  read(buffer) {
    reads++;
    if (reads === 1) {
      notReadyAt = Date.now();
      throw Object.assign(new Error("not ready"), { code: "EAGAIN" });
    }
    if (reads === 2) waited = Date.now() - notReadyAt;
    if (reads > 2) return 0; // end of input
    const line = new TextEncoder().encode("ready\n");
    buffer.set(line);
    return line.length;
  },
});
const line = pyodide.runPython("import sys; sys.stdin.readline()");
process.stdout.write(JSON.stringify({ atStart, inAll: shared, got: got.length, gotUnfilled, waited, line }));
