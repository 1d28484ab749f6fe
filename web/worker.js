// Python (Pyodide) in a module worker, behind a tiny message protocol.
//
// The worker starts loading Python and the assessor as soon as it runs: what
// to load is its name, JSON {indexURL, wheelUrl, sizes, controlled, full}
// (start.js). A message would wait until the page, busy loading, forwarded it:
// 15-20 ms on a return visit. Not the URL's fragment: a worker served by the
// service worker from its cache has the URL it was first stored under, with
// the first visit's fragment. Its answers about the start carry id 0.
//
// In:  {id, type: "handle", payload: "<request JSON>"} call assessor.api.handle
// Out: {id, type: "progress", payload: {stage, done?, total?}}   stage: download | start | rules
//      {id, type: "ready", payload: {restored}}  restored: started from this browser's snapshot
//      {id, type: "result", payload: "<response JSON>"}
//      {id, type: "error", payload: "<message>"}   a failed start
//      {id, type: "dead", payload: "<message>"}    Python broke after start-up; this worker is useless
//
// The register page (register.js) adds:
//      {id, type: "load",     payload: {zips: [url], packages: [name]}}   put zips on sys.path (xz decoded)
//      {id, type: "mount",    payload: {file: File, name}}   the chosen file at /register/<name>, read lazily
//      {id, type: "register", payload: "<request JSON>"}     call assessor.register.handle
//      {id, type: "read",     payload: "<path>"}              answered {type: "bytes", payload: Uint8Array}
//
// Only JSON strings cross the boundary: no Python proxy outlives a call.
//
// The runtime travels xz-compressed (see build_scripts/runtime.py) and is
// decoded here, so a server with no compression, or a wrong MIME type for
// .wasm, changes nothing. Pyodide fetches its WebAssembly and standard library
// itself: for those two URLs `fetch` answers with the decoded bytes.
//
// The WebAssembly is trimmed to the functions the assessment runs; `full` takes
// the whole one instead (the register page; a start after the trimmed one broke).

import { wrapJavaScriptFunctions } from "./function-table.js";
import * as kept from "./kept.js";
import * as snapshot from "./snapshot.js";
import { addZip } from "./register-python.js";
import { loadDecoder, xzTransform } from "./xz.js";

let handle = null;
let pyodide = null;
let unpack = null; // url → decoded bytes of an .xz file (the runtime's own decoder)
let registerHandle = null;

const PROGRESS_EVERY_MS = 200;
const WASM = { trimmed: "pyodide.asm.wasm.xz", full: "pyodide.asm.full.wasm.xz" }; // build_scripts/runtime.py
const LANES = 2; // downloads at a time (see Downloads)

/**
 * Downloads that report their bytes, all together, throttled. At most LANES at
 * a time, in the order asked: on a slow line the page's own files share it with
 * the runtime. Measured on an emulated phone (1.5 Mbit/s, 300 ms), first visit:
 * four at once, the form could be answered after 8.1 s and Python was ready
 * after 24.2 s; one at a time, 5.3 s and 25.5 s (a round trip per file); two
 * at a time, 6.2 s and 24.4 s.
 */
class Downloads {
  constructor(post, total) {
    Object.assign(this, { post, total, done: 0, last: 0, running: 0, waiting: [] });
  }

  /** The body of `url` as a stream, counted as it arrives; its lane is free once all of it has. */
  async stream(url) {
    if (this.running >= LANES) await new Promise((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await this.start(url);
    } catch (error) {
      this.next();
      throw error;
    }
  }

  next() {
    this.running--;
    this.waiting.shift()?.();
  }

  async start(url) {
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
      flush: () => this.next(),
    });
    return response.body.pipeThrough(counter);
  }

  report() {
    this.post({ stage: "download", done: Math.min(this.done, this.total), total: this.total });
  }
}

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

async function bytesOf(stream) {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function boot(id, { indexURL, wheelUrl, sizes, controlled, full }) {
  const post = (payload) => self.postMessage({ id, type: "progress", payload });
  const url = (name) => new URL(name, indexURL).href;
  const key = `${indexURL}|${wheelUrl}`; // both folders are named by digests: one key per build
  // Pyodide's loader starts loading at once, alongside reading what is stored.
  const loader = import(url("pyodide.js"));
  loader.catch(() => {}); // a failure surfaces where it is awaited
  // A return visit: the snapshot, and the runtime already decoded, from this
  // browser; under a service worker the glue code is kept compiled (kept.js),
  // and imported from there when something is stored.
  const glueUrl = url(kept.GLUE);
  let keptGlue = null;
  // Where the whole WebAssembly is wanted, only what was stored with it will do.
  const stored = snapshot.available
    ? await snapshot.read(
        key,
        () => {
          if (controlled) (keptGlue = kept.importGlue(glueUrl)).catch(() => {});
        },
        { full },
      )
    : null;
  const wheelName = wheelUrl.split("/").pop();
  // In this order: the glue code is small and needed first, the WebAssembly is compiled while the rest arrives.
  const names = { glue: "pyodide.asm.js.xz", wasm: full ? WASM.full : WASM.trimmed, stdlib: "python_stdlib.zip.xz" };
  const wanted = stored ? [wheelName] : [...Object.values(names), wheelName];
  const downloads = new Downloads(post, wanted.reduce((sum, name) => sum + (sizes[name] ?? 0), 0));
  downloads.report();
  let decoder = stored ? null : loadDecoder(url("xz.wasm"));
  const unpacked = async (name) => (await downloads.stream(url(name))).pipeThrough(await xzTransform(await decoder));
  // The register page's extra .xz files; after a restore the decoder is loaded only then.
  unpack = async (href) => {
    decoder ??= loadDecoder(url("xz.wasm"));
    return bytesOf((await fetchOk(href)).body.pipeThrough(await xzTransform(await decoder)));
  };

  // Everything starts downloading at once; a failure anywhere fails the start
  // at once (Pyodide itself would only log a failed WebAssembly compile and wait).
  let failed;
  const failure = new Promise((_, reject) => (failed = reject));
  const guard = (promise) => {
    promise.catch((error) => failed(error));
    return promise;
  };
  const runtime =
    stored?.files ?? Object.fromEntries(Object.entries(names).map(([file, name]) => [file, unpacked(name).then(bytesOf)]));
  const wasm = guard(runtime.wasm);
  const stdlib = guard(runtime.stdlib);
  const glue = () => guard(runtime.glue); // stored: read only if asked for
  if (!stored) glue(); // downloading: a failure fails the start at once
  const wheel = guard(downloads.stream(wheelUrl).then(bytesOf));

  // Compiling starts as soon as the bytes are here, alongside everything else;
  // Pyodide's own instantiateStreaming call then gets the compiled module.
  const compiled = guard(wasm.then((bytes) => WebAssembly.compile(bytes)));
  const ours = new WeakSet();
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await source;
    if (!ours.has(response)) return instantiateStreaming(response, imports);
    const module = await compiled;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  // The glue's JavaScript functions go into the function table without an
  // exception each (function-table.js).
  const unwrap = wrapJavaScriptFunctions();
  const served = {
    [url("pyodide.asm.wasm")]: async () => {
      await wasm; // its failure, if any, is Pyodide's too
      // Never read (the instantiateStreaming above takes `compiled`): no copy of 9.6 MB.
      const response = new Response(null, { headers: { "Content-Type": "application/wasm" } });
      ours.add(response);
      return response;
    },
    [url("python_stdlib.zip")]: async () => new Response(await stdlib),
  };
  const networkFetch = self.fetch.bind(self);
  self.fetch = (input, init) => {
    // Pyodide passes a URL object; anything else goes to the network as usual.
    const make = served[input instanceof Request ? input.url : String(input)];
    return make ? make() : networkFetch(input, init);
  };

  const wheelPath = `/home/pyodide/${wheelName}`;

  async function start(createPyodideModule, stored) {
    const options = { indexURL, createPyodideModule, stdLibURL: url("python_stdlib.zip") };
    if (stored) {
      // Pyodide restores a snapshot once the module is made: the stored pages are
      // read (and checked) meanwhile, then written straight into the module's
      // memory (snapshot.js). Pyodide's own copy of the whole is never made.
      options._loadSnapshot = new Uint8Array(0); // tells Pyodide to restore; the pages take its place
      options.createPyodideModule = snapshot.restoring(createPyodideModule, stored.restore);
    } else if (snapshot.available) options._makeSnapshot = true;
    const pyodide = await loadPyodide(options);
    post({ stage: "rules" });
    // The wheel goes on sys.path as a zip (no loadPackage: its JS references
    // would make a memory snapshot impossible). Files live outside the memory
    // a snapshot holds, so after a restore it is written again.
    pyodide.FS.writeFile(wheelPath, await wheel);
    // After a restore, sys.path and the loaded assessor are in the snapshot already.
    if (!stored) {
      pyodide.runPython(`
import sys
sys.path.insert(0, ${JSON.stringify(wheelPath)})
import assessor.api
assessor.api.handle('{"action": "questions"}')  # loads the policy data, so a snapshot holds it
`);
    }
    return pyodide;
  }

  let loadPyodide;
  let fromKept = null; // createPyodideModule, if the kept glue was used
  const started = (async () => {
    ({ loadPyodide } = await loader);
    // `createPyodideModule` (experimental, hence the pinned version) lets us
    // hand Pyodide its decoded Emscripten glue: kept, or from its bytes.
    fromKept = await keptGlue?.catch(() => null);
    const createPyodideModule = fromKept ?? (await kept.importText(await glue()));
    await Promise.all([wasm, stdlib, wheel]);
    downloads.report();
    post({ stage: "start" });
    if (stored) {
      try {
        return { pyodide: await start(createPyodideModule, stored), restored: true };
      } catch (error) {
        console.warn(`Stored snapshot did not start: ${error?.message ?? error}`);
        await glue(); // read before it goes: the new snapshot keeps it again
        await snapshot.drop();
      }
    }
    return { pyodide: await start(createPyodideModule, null), restored: false };
  })();
  let restored;
  ({ pyodide, restored } = await Promise.race([started, failure]));
  // "ready" goes first: the page may show it while the snapshot is made, in
  // this same task, so no request can run Python before it (requests wait).
  self.postMessage({ id, type: "ready", payload: { restored } });
  const made = !restored && snapshot.available ? memorySnapshot(pyodide) : null;
  const api = pyodide.pyimport("assessor.api"); // after the snapshot: it must hold no live JS reference
  handle = api.handle; // the one function we keep; it takes and returns str
  // After "ready", so that a first start is not slowed by it: the glue kept for
  // the next visit, compiled now unless this worker already failed to import
  // that URL (which would fail again).
  if (controlled && !fromKept) await kept.keep(glueUrl, await glue(), { compile: !keptGlue });
  if (made) await snapshot.write(key, made, { wasm: await wasm, stdlib: await stdlib, glue: await glue() }, { full });
  // Let go of the decoded files (about 14 MB a phone can use better).
  self.fetch = networkFetch;
  WebAssembly.instantiateStreaming = instantiateStreaming;
  unwrap();
}

/** A snapshot of Python's memory, or null: a return visit then starts Python as this one did. */
function memorySnapshot(pyodide) {
  try {
    return pyodide.makeMemorySnapshot();
  } catch (error) {
    console.warn(`No snapshot made: ${error?.message ?? error}`);
    return null;
  }
}

self.onmessage = async ({ data: { id, type, payload } }) => {
  if (type in REGISTER) {
    // The register page's messages: a failure is an error answer, the worker stays usable.
    try {
      if (!pyodide) throw new Error("not started");
      const answer = await REGISTER[type](payload);
      if (answer instanceof Uint8Array) self.postMessage({ id, type: "bytes", payload: answer }, [answer.buffer]);
      else self.postMessage({ id, type: "result", payload: answer });
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

// The register page's side of the protocol (see the header).
const REGISTER = {
  async load({ zips, packages }) {
    for (const href of zips) {
      const name = href.split("/").pop().replace(/\.xz$/, "");
      const target = `/home/pyodide/${name}`;
      const bytes = href.endsWith(".xz") ? await unpack(href) : new Uint8Array(await (await fetchOk(href)).arrayBuffer());
      pyodide.FS.writeFile(target, bytes);
      // Standard-library zips may add modules to packages already loaded (encodings).
      pyodide.runPython(addZip(target, name.startsWith("stdlib-") ? packages : []));
    }
    return "{}";
  },
  mount({ file, name }) {
    // WORKERFS reads the file in place, slice by slice: the register is never copied whole.
    const { FS } = pyodide;
    if (FS.analyzePath("/register").exists) FS.unmount("/register");
    else FS.mkdir("/register");
    FS.mount(FS.filesystems.WORKERFS, { blobs: [{ name, data: file }] }, "/register");
    return "{}";
  },
  register(request) {
    registerHandle ??= pyodide.pyimport("assessor.register").handle;
    return registerHandle(request);
  },
  read(path) {
    return pyodide.FS.readFile(path);
  },
};

(async () => {
  try {
    await boot(0, JSON.parse(self.name));
  } catch (error) {
    // Whatever was stored may be what failed: the retry starts from the network.
    if (snapshot.available) await snapshot.drop();
    self.postMessage({ id: 0, type: "error", payload: String(error?.message ?? error) });
  }
})();
