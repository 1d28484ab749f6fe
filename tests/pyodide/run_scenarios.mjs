// Run assessor requests inside Pyodide under Node, from the same npm package the site ships.
//
//   node tests/pyodide/run_scenarios.mjs WHEEL < requests.json > responses.json
//
// stdin: a JSON array of request strings, passed to `assessor.api.handle` as
// they are (so malformed JSON can be tested too; the Python test parses the
// scenario TOML files, so Node needs no TOML parser). stdout: a JSON array of
// the strings `handle` returned, compared byte for byte with CPython's.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { loadPyodide } from "pyodide";

const wheel = process.argv[2];
if (!wheel) {
  console.error("usage: node run_scenarios.mjs WHEEL < requests.json");
  process.exit(64);
}
const requests = JSON.parse(readFileSync(0, "utf8"));

const pyodide = await loadPyodide();
// loadPackage takes the wheel's URL; its file name must be a valid wheel name.
await pyodide.loadPackage(pathToFileURL(resolve(wheel)).href, { messageCallback: () => {} });
const api = pyodide.pyimport("assessor.api");
const responses = requests.map((request) => api.handle(request));
api.destroy();
process.stdout.write(JSON.stringify(responses));
