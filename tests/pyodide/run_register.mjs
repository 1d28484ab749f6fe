// Screen a register inside Pyodide under Node, as the register page's worker does.
//
//   node tests/pyodide/run_register.mjs WHEEL STDLIB_ZIP EXTRA_ZIP_OR_- REGISTER OUT_DIR [TRACE_OUT] [WHEEL...]
//
// The assessor wheel and any further wheels (openpyxl, et_xmlfile) go on sys.path
// as zips, and EXTRA_ZIP (the standard-library files only an .xlsx needs) is
// appended to it with the worker's own code (register-python.js). The register is screened with
// assessor.register.handle in small steps, then exported as CSV (and .xlsx when
// wheels are given) into OUT_DIR (copied out of Pyodide's file system). stdout: the last step's answer.
// With TRACE_OUT, the standard-library files Python imported are written there.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { loadPyodide } from "pyodide";
import { addZip } from "../../web/register-python.js";
import { writeStdlibTrace } from "./stdlib_trace.mjs";

const [wheel, stdlib, extra, registerPath, outDir, traceOut, ...wheels] = process.argv.slice(2);
const pyodide = await loadPyodide(stdlib && stdlib !== "-" ? { stdLibURL: stdlib } : {});
const put = (path) => {
  const target = `/home/pyodide/${basename(path)}`;
  pyodide.FS.writeFile(target, readFileSync(path));
  return target;
};
const paths = [wheel, ...wheels].filter((w) => w && w !== "-").map(put);
pyodide.runPython(`import sys; sys.path[0:0] = ${JSON.stringify(paths)}`);
// EXTRA: zips of standard-library files, comma-separated; REGISTER_SPLIT (environment):
// packages that have modules in them too, as worker.js is told by the page.
for (const zip of extra && extra !== "-" ? extra.split(",") : []) {
  const packages = (process.env.REGISTER_SPLIT ?? "").split(",").filter(Boolean);
  pyodide.runPython(addZip(put(zip), packages));
}
pyodide.FS.mkdirTree("/register");
pyodide.FS.writeFile(`/register/${basename(registerPath)}`, readFileSync(registerPath));
const register = pyodide.pyimport("assessor.register");
const call = (request) => JSON.parse(register.handle(JSON.stringify(request)));
let answer = call({ action: "open", path: `/register/${basename(registerPath)}`, work: "/tmp/work", as_of: "2026-01-01" });
while (answer.ok && !answer.finished) answer = call({ action: "step", ms: 20 });
if (answer.ok) {
  mkdirSync(outDir, { recursive: true });
  for (const format of wheels.length ? ["csv", "xlsx"] : ["csv"]) {
    const exported = call({ action: "export", format });
    if (!exported.ok) throw new Error(JSON.stringify(exported));
    writeFileSync(join(outDir, basename(exported.path)), pyodide.FS.readFile(exported.path));
  }
}
if (traceOut && traceOut !== "-") writeStdlibTrace(pyodide, traceOut);
process.stdout.write(JSON.stringify(answer));
