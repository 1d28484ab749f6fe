// Pyodide's Emscripten glue (1.2 MB of JavaScript) kept in Cache Storage under
// its own URL, on pages a service worker controls, so that a return visit
// finds it already compiled.
//
// The runtime travels xz-compressed and is decoded in the worker, and code
// imported from bytes (a blob: URL) is parsed and compiled anew on every
// visit. A script the service worker serves from Cache Storage is different:
// the browser keeps its compiled code beside it, made the first time it runs.
// It does so only for a response that came through fetch() (one made with
// `new Response` and put there directly gets none, measured in Chromium 156),
// so the decoded text is put there under "?made" and fetched back through
// sw.js, which answers it as a new response. The URL exists only in Cache
// Storage: sw.js never asks the server for it, and a new build of the site
// deletes the cache. All this happens after a first start is ready, so that it
// does not slow that start down.

export const GLUE = "pyodide.asm.mjs"; // beside pyodide.asm.js.xz, whose decoded text it is
const CACHE = "runtime-kept"; // the same name in sw.js
// Compile every function at once, so the kept code covers the glue's whole start-up,
// not only what runs as the module loads (V8's explicit compile hints).
const HINT = "//# allFunctionsCalledOnLoad\n";

/**
 * Keep `text` (the decoded glue, bytes or a Blob) at `url` for the next visit;
 * with `compile`, import it from there once now, which makes its compiled code.
 */
export async function keep(url, text, { compile }) {
  try {
    const cache = await caches.open(CACHE);
    const made = `${url}?made`;
    await cache.put(made, new Response(new Blob([HINT, text], { type: "text/javascript" })));
    const fetched = await fetch(url);
    await cache.delete(made);
    if (!fetched.ok) throw new Error(`HTTP ${fetched.status}`);
    await cache.put(url, fetched);
    if (compile) await importGlue(url);
  } catch (error) {
    console.warn(`Glue code not kept: ${error?.message ?? error}`); // e.g. quota: the next visit compiles it again
  }
}

/** Pyodide's createPyodideModule, from a module URL. */
export async function importGlue(url) {
  return (await import(url)).default;
}

/** The same, from the decoded text (a blob: URL). */
export async function importText(text) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
  try {
    return await importGlue(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}
