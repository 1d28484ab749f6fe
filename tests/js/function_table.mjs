// web/function-table.js under Node, for tests/test_function_table.py.
//
//   node tests/js/function_table.mjs calls       what wrapped functions get and return, as JSON
//   node tests/js/function_table.mjs start [on]  how often Pyodide's start put a JavaScript
//                                                function in its table the glue's own way, by an
//                                                exception ("on": with the wrapping in force)
import { loadPyodide } from "pyodide";
import { wrapJavaScriptFunctions } from "../../web/function-table.js";

const [what, on] = process.argv.slice(2);

/** Each call goes through the table, as WebAssembly code's indirect calls do. */
function calls() {
  const unwrap = wrapJavaScriptFunctions();
  const table = new WebAssembly.Table({ element: "anyfunc", initial: 4 });
  const seen = [];
  const functions = {
    iii: Object.assign((a, b) => (seen.push([a, b]), a * b), { sig: "iii" }),
    vp: Object.assign((p) => void seen.push([p]), { sig: "vp" }),
    jj: Object.assign((x) => (seen.push([String(x)]), x + 1n), { sig: "jj" }),
    dfd: Object.assign((f, d) => (seen.push([f, d]), f + d), { sig: "dfd" }),
  };
  const results = {};
  Object.values(functions).forEach((f, index) => table.set(index, f));
  results.iii = table.get(0)(6, 7);
  results.vp = table.get(1)(4096);
  results.jj = String(table.get(2)(2n ** 40n));
  results.dfd = table.get(3)(0.5, 0.25);
  let plain;
  try {
    table.set(0, () => 1); // no signature: left to table.set, which refuses it as before
    plain = "accepted";
  } catch (error) {
    plain = error.constructor.name;
  }
  unwrap();
  let after;
  try {
    table.set(0, functions.iii); // the wrapping is gone
    after = "accepted";
  } catch (error) {
    after = error.constructor.name;
  }
  return { results, seen, plain, after };
}

/** Count the TypeErrors table.set throws while Pyodide starts. */
async function start(wrapped) {
  if (wrapped) wrapJavaScriptFunctions();
  const table = WebAssembly.Table.prototype;
  const set = table.set;
  let thrown = 0;
  table.set = function (...args) {
    try {
      return set.apply(this, args);
    } catch (error) {
      if (error instanceof TypeError) thrown++;
      throw error;
    }
  };
  const pyodide = await loadPyodide();
  return { thrown, python: pyodide.runPython("1 + 1") };
}

const out = what === "calls" ? calls() : await start(on === "on");
process.stdout.write(JSON.stringify(out));
