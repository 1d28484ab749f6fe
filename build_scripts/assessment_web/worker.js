// Python (Pyodide) in a module worker, behind a tiny message protocol.
//
// In:  {id, type: "init",   payload: {indexURL, wheelUrl, sizes}}  load Python and the assessor
//      {id, type: "handle", payload: "<request JSON>"} call assessor.api.handle
// Out: {id, type: "progress", payload: {stage, done?, total?}}   stage: download | start | rules
//      {id, type: "ready"} | {id, type: "result", payload: "<response JSON>"}
//      {id, type: "error", payload: "<message>"}   a failed start
//      {id, type: "dead", payload: "<message>"}    Python broke after start-up; this worker is useless
//
// Only JSON strings cross the boundary: no Python proxy outlives a call.
//
// The runtime travels xz-compressed (see build_scripts/runtime.py) and is
// decoded here, so a server with no compression, or a wrong MIME type for
// .wasm, changes nothing. Pyodide fetches its WebAssembly and standard library
// itself: for those two URLs `fetch` answers with the decoded bytes.

import { loadDecoder, xzTransform } from "./xz.js";

let handle = null;

const PROGRESS_EVERY_MS = 200;

/** Downloads that report their bytes, all together, throttled. */
class Downloads {
  constructor(post, total) {
    Object.assign(this, { post, total, done: 0, last: 0 });
  }

  /** The body of `url` as a stream, counted as it arrives. */
  async stream(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const counter = new TransformStream({
      transform: (chunk, controller) => {
        this.done += chunk.byteLength;
        const now = Date.now();
        if (now - this.last >= PROGRESS_EVERY_MS) {
          this.last = now;
          this.report();
        }
        controller.enqueue(chunk);
      },
    });
    return response.body.pipeThrough(counter);
  }

  report() {
    this.post({ stage: "download", done: Math.min(this.done, this.total), total: this.total });
  }
}

async function bytesOf(stream) {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function boot(id, { indexURL, wheelUrl, sizes }) {
  const post = (payload) => self.postMessage({ id, type: "progress", payload });
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  const downloads = new Downloads(post, total);
  downloads.report();
  const url = (name) => new URL(name, indexURL).href;
  const decoder = loadDecoder(url("xz.wasm"));
  const unpacked = async (name) => (await downloads.stream(url(name))).pipeThrough(await xzTransform(await decoder));

  // Everything starts downloading at once; a failure anywhere fails the start
  // at once (Pyodide itself would only log a failed WebAssembly compile and wait).
  let failed;
  const failure = new Promise((_, reject) => (failed = reject));
  const guard = (promise) => {
    promise.catch((error) => failed(error));
    return promise;
  };
  const wasm = guard(unpacked("pyodide.asm.wasm.xz").then(bytesOf));
  const stdlib = guard(unpacked("python_stdlib.zip.xz").then(bytesOf));
  const wheel = guard(downloads.stream(wheelUrl).then(bytesOf));
  const glue = guard(unpacked("pyodide.asm.js.xz").then(async (stream) => new Blob([await bytesOf(stream)], { type: "text/javascript" })));

  const served = {
    [url("pyodide.asm.wasm")]: async () => new Response(await wasm, { headers: { "Content-Type": "application/wasm" } }),
    [url("python_stdlib.zip")]: async () => new Response(await stdlib),
  };
  const networkFetch = self.fetch.bind(self);
  self.fetch = (input, init) => {
    // Pyodide passes a URL object; anything else goes to the network as usual.
    const make = served[input instanceof Request ? input.url : String(input)];
    return make ? make() : networkFetch(input, init);
  };

  const started = (async () => {
    const { loadPyodide } = await import(url("pyodide.js"));
    const blobUrl = URL.createObjectURL(await glue);
    // `createPyodideModule` (experimental, hence the pinned version) lets us
    // hand Pyodide its decoded Emscripten glue.
    const { default: createPyodideModule } = await import(blobUrl);
    URL.revokeObjectURL(blobUrl);
    await Promise.all([wasm, stdlib, wheel]);
    downloads.report();
    post({ stage: "start" });
    const pyodide = await loadPyodide({ indexURL, createPyodideModule, stdLibURL: url("python_stdlib.zip") });
    post({ stage: "rules" });
    // The wheel goes on sys.path as a zip (no loadPackage: its JS references
    // would make a memory snapshot impossible).
    const target = `/home/pyodide/${wheelUrl.split("/").pop()}`;
    pyodide.FS.writeFile(target, await wheel);
    pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(target)})`);
    return pyodide;
  })();
  const pyodide = await Promise.race([started, failure]);
  const api = pyodide.pyimport("assessor.api");
  handle = api.handle; // the one function we keep; it takes and returns str
  self.postMessage({ id, type: "ready" });
}

self.onmessage = async ({ data: { id, type, payload } }) => {
  if (type === "init") {
    try {
      await boot(id, payload);
    } catch (error) {
      self.postMessage({ id, type: "error", payload: String(error?.message ?? error) });
    }
  } else if (type === "handle") {
    let result;
    try {
      if (!handle) throw new Error("not started");
      result = handle(payload);
    } catch (error) {
      // handle() never raises: an exception means the runtime itself broke
      // (a fatal error, out of memory). The page starts a new worker.
      handle = null;
      self.postMessage({ id, type: "dead", payload: String(error?.message ?? error) });
      return;
    }
    self.postMessage({ id, type: "result", payload: result });
  }
};
