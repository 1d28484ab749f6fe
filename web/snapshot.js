// A memory snapshot of Python with the assessor loaded, made in this browser
// after its first normal start and kept in IndexedDB (which, unlike Cache
// Storage, works on plain http too). Restoring it skips Python's start-up.
//
// Snapshots are private Pyodide API (`_makeSnapshot`, `makeMemorySnapshot`,
// `_loadSnapshot`): the version is pinned in package.json, a browser test fails
// if an upgrade breaks them, and any snapshot that cannot be used (corrupt,
// from another build, storage refused) is dropped and the start is a normal one.

const DB = "assessor-snapshot";
const STORE = "snapshot";
const ENTRY = "current"; // one snapshot only: a new build's replaces the old one's

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The database, with its store (made on first use, also if something else made an empty database). */
async function open() {
  const db = await request(indexedDB.open(DB));
  if (db.objectStoreNames.contains(STORE)) return db;
  db.close();
  const upgrade = indexedDB.open(DB, db.version + 1);
  upgrade.onupgradeneeded = () => upgrade.result.createObjectStore(STORE);
  return request(upgrade);
}

async function transact(mode, action) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request?.result);
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/**
 * What is stored for this build, or null (nothing, another build, unreadable):
 * {files: {wasm, stdlib, glue}, restore}.
 * The runtime files are stored decoded, so a return visit neither downloads
 * nor decodes them; each is a promise of its bytes, read one after the other in
 * the order they are needed (the glue code only when asked for: kept.js usually
 * has it).
 * `restore` resolves, once the memory's stored pages are read and checked (it
 * rejects if they are damaged), to `(heap, restoreSnapshot, untouchedFrom) => settings`,
 * which writes them straight into the new module's memory (see restoreInto).
 * `found()` is called as soon as it is known that there is something to read.
 * `full`: only a snapshot made on the whole WebAssembly will do (one made on
 * the trimmed one would lack what the whole one was wanted for).
 */
export async function read(key, found = () => {}, { full = false } = {}) {
  try {
    const entry = await transact("readonly", (store) => store.get(ENTRY));
    if (!entry || entry.key !== key || !entry.files || !entry.pages || (full && !entry.full)) return null;
    found();
    const bytes = async (blob) => new Uint8Array(await blob.arrayBuffer());
    const wasm = bytes(entry.files.wasm);
    const stdlib = wasm.then(() => bytes(entry.files.stdlib));
    const restore = stdlib.then(() => bytes(entry.pages)).then((pages) => {
      checkPages(pages, entry);
      return (heap, restoreSnapshot, untouchedFrom) => restoreInto(heap, restoreSnapshot, entry, pages, untouchedFrom);
    });
    restore.catch((error) => unusable(error));
    let glue = null;
    const files = {
      wasm,
      stdlib,
      get glue() {
        return (glue ??= bytes(entry.files.glue));
      },
    };
    return { files, restore };
  } catch (error) {
    await unusable(error);
    return null;
  }
}

/**
 * Pyodide's `createPyodideModule`, made to restore a snapshot through `into`
 * (`read`'s `restore`: the function, or a promise of it, awaited once the
 * module is made). Pass `_loadSnapshot` too, for Pyodide to restore at all.
 */
export function restoring(createPyodideModule, into) {
  return async (settings) => {
    const module = await createPyodideModule(settings);
    const write = await into;
    const restoreSnapshot = module.API.restoreSnapshot;
    // Above the module's break (sbrk(0)) nothing has written its memory yet.
    module.API.restoreSnapshot = () => write(module.HEAP8, restoreSnapshot, module._sbrk(0));
    return module;
  };
}

// The memory is kept as its non-zero pages: about half of it is zeros, and
// copying the rest back is several times faster than gunzipping the whole
// (a return visit waits for it). A checksum stands in for gzip's CRC.
const PAGE = 4096;

/** A 32-bit checksum of `bytes` (a multiple of 16 long) and the page index. */
function checksum(bytes, index) {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  // Four sums side by side, which the processor runs in parallel: twice as fast as one.
  let a = index.length;
  let b = 0;
  let c = 0;
  let d = 0;
  for (let i = 0; i < words.length; i += 4) {
    a = (Math.imul(a, 31) + words[i]) | 0;
    b = (Math.imul(b, 31) + words[i + 1]) | 0;
    c = (Math.imul(c, 31) + words[i + 2]) | 0;
    d = (Math.imul(d, 31) + words[i + 3]) | 0;
  }
  for (let i = 0; i < index.length; i++) a = (Math.imul(a, 31) + index[i]) | 0;
  return (a ^ Math.imul(b, 3) ^ Math.imul(c, 5) ^ Math.imul(d, 7)) | 0;
}

/** The non-zero pages of `memory`, one after the other, with their page numbers. */
export function pack(memory) {
  const padded = new Uint8Array(Math.ceil(memory.length / PAGE) * PAGE);
  padded.set(memory);
  const words = new Uint32Array(padded.buffer);
  const kept = [];
  for (let page = 0; page < padded.length / PAGE; page++) {
    const first = (page * PAGE) / 4;
    for (let i = first; i < first + PAGE / 4; i++) {
      if (words[i]) {
        kept.push(page);
        break;
      }
    }
  }
  const index = Uint32Array.from(kept);
  const pages = new Uint8Array(index.length * PAGE);
  index.forEach((page, i) => pages.set(padded.subarray(page * PAGE, (page + 1) * PAGE), i * PAGE));
  return { pages, index, sum: checksum(pages, index) };
}

/** Throws unless the stored pages prove whole. */
function checkPages(pages, { index, sum }) {
  if (!(index instanceof Uint32Array) || pages.length !== index.length * PAGE) throw new Error("snapshot of the wrong size");
  if (checksum(pages, index) !== sum) throw new Error("snapshot damaged");
}

/**
 * Restore the snapshot into `heap` (the new module's HEAP8), as Pyodide's
 * `restoreSnapshot(snapshot)` would, and return what that returns. A snapshot
 * is a header (magic number, build id, Pyodide's settings; its length is the
 * header's second word) followed by the memory. Pyodide checks the header,
 * given alone, and so copies no memory; the stored pages are then written
 * straight into `heap`: no 31 MB copy of the whole is ever made.
 * `untouchedFrom`: where the new module has not written its memory yet (its
 * break), so that it holds zeros; the snapshot's zeros are not written there
 * again (about 10 of 30 MB, which the system would otherwise have to hand out
 * only to be filled with zeros).
 */
export function restoreInto(heap, restoreSnapshot, { index, length }, pages, untouchedFrom = Infinity) {
  const stored = { index, pages };
  const first = new Uint8Array(8);
  copyOut(first, stored, 0, first.length);
  const start = new DataView(first.buffer).getUint32(4, true);
  if (start < first.length || start % 16 || start > length) throw new Error("snapshot without a header");
  const header = new Uint8Array(start);
  copyOut(header, stored, 0, start);
  const settings = restoreSnapshot(header);
  copyOut(heap, stored, start, length, untouchedFrom);
  return settings;
}

/**
 * Write the snapshot's bytes from `from` to `to` into `target` at 0: the stored
 * pages, zeros between them; from `untouchedFrom` on, `target` holds zeros already.
 */
function copyOut(target, { index, pages }, from, to, untouchedFrom = Infinity) {
  const zeros = (a, b) => {
    if (a < untouchedFrom) target.fill(0, a, Math.min(b, untouchedFrom));
  };
  let done = from;
  // Pages numbered one after the other are copied at once: 3,053 pages make 13 such runs.
  for (let first = 0, next = 1; first < index.length; first = next++) {
    while (next < index.length && index[next] === index[next - 1] + 1) next++;
    const a = Math.max(index[first] * PAGE, from);
    const b = Math.min((index[next - 1] + 1) * PAGE, to); // the last page may be cut short
    if (b <= a) continue;
    const at = first * PAGE - index[first] * PAGE; // where the run's bytes are in `pages`, less its offset
    zeros(done - from, a - from);
    target.set(pages.subarray(at + a, at + b), a - from);
    done = b;
  }
  zeros(done - from, to - from);
}

async function unusable(error) {
  await drop();
  console.warn(`Stored snapshot not used: ${error?.message ?? error}`);
}

/**
 * Keep `memory` (its non-zero pages: 31 MB become about 13 MB) and the decoded runtime files as this
 * build's; `full`: made on the whole WebAssembly, which every page can restore.
 */
export async function write(key, memory, files, { full = false } = {}) {
  try {
    const { pages, index, sum } = pack(memory);
    const blobs = Object.fromEntries(Object.entries(files).map(([name, data]) => [name, new Blob([data])]));
    const entry = { key, full, length: memory.length, pages: new Blob([pages]), index, sum, files: blobs };
    await transact("readwrite", (store) => store.put(entry, ENTRY));
  } catch (error) {
    console.warn(`Snapshot not stored: ${error?.message ?? error}`); // e.g. quota: the next start is a normal one
  }
}

export async function drop() {
  try {
    await transact("readwrite", (store) => store.delete(ENTRY));
  } catch {
    // nothing stored, or storage unavailable
  }
}

export const available = typeof indexedDB !== "undefined";
