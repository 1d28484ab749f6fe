// Python (Pyodide) in a module worker, behind a tiny message protocol.
//
// In:  {id, type: "init",   payload: {indexURL, wheelUrl}}  load Python and the assessor
//      {id, type: "handle", payload: "<request JSON>"} call assessor.api.handle
// Out: {id, type: "progress", payload: "<stage>"}
//      {id, type: "ready"} | {id, type: "result", payload: "<response JSON>"}
//      {id, type: "error", payload: "<message>"}
//
// Only JSON strings cross the boundary: no Python proxy outlives a call.

let handle = null;

// The page passes absolute URLs it resolved against its own address. The
// runtime's modules are copied under .js names: many static servers (Debian's
// nginx among them) do not know .mjs, and browsers refuse module scripts
// served with a non-JavaScript MIME type.
async function boot(id, { indexURL, wheelUrl }) {
  const post = (stage) => self.postMessage({ id, type: "progress", payload: stage });
  post("runtime");
  const { loadPyodide } = await import(new URL("pyodide.js", indexURL).href);
  // `createPyodideModule` (experimental, hence the pinned version) lets us load
  // the renamed pyodide.asm.js ourselves.
  const { default: createPyodideModule } = await import(new URL("pyodide.asm.js", indexURL).href);
  post("python");
  const pyodide = await loadPyodide({ indexURL, createPyodideModule });
  post("rules");
  // A wheel URL (absolute, with a valid wheel file name) installs without micropip.
  await pyodide.loadPackage(wheelUrl, { messageCallback: () => {} });
  const api = pyodide.pyimport("assessor.api");
  handle = api.handle; // the one function we keep; it takes and returns str
  self.postMessage({ id, type: "ready" });
}

self.onmessage = async ({ data: { id, type, payload } }) => {
  try {
    if (type === "init") {
      await boot(id, payload);
    } else if (type === "handle") {
      if (!handle) throw new Error("Python is not ready");
      self.postMessage({ id, type: "result", payload: handle(payload) });
    }
  } catch (error) {
    self.postMessage({ id, type: "error", payload: String(error?.message ?? error) });
  }
};
