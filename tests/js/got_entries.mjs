// Emscripten's global offset table (GOT) once Pyodide has started under Node, for
// tests/test_runtime.py (see build_scripts/glue.py).
//
//   node tests/js/got_entries.mjs [INDEX_URL]
//
// Starts Python (from INDEX_URL, a folder with the site's decoded runtime, or
// else from the npm package). stdout, JSON: the table's entries, how many of
// them are still unfilled, and what Python answers to 1 + 1.
import { loadPyodide } from "pyodide";
import { wrapJavaScriptFunctions } from "../../web/function-table.js";

const [indexURL] = process.argv.slice(2);
wrapJavaScriptFunctions(); // as web/worker.js starts Python
const pyodide = await loadPyodide(indexURL ? { indexURL } : {});
const entries = Object.values(pyodide._module.GOT);
const unfilled = entries.filter((entry) => entry.value === -1).length;
process.stdout.write(JSON.stringify({ entries: entries.length, unfilled, answer: pyodide.runPython("1 + 1") }));
