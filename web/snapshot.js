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
 * {memory: Promise<Uint8Array>, files: {wasm, stdlib, glue}}, the runtime files
 * already decoded, so a return visit neither downloads nor decodes them.
 */
export async function read(key) {
  try {
    const entry = await transact("readonly", (store) => store.get(ENTRY));
    if (!entry || entry.key !== key || !entry.files) return null;
    const bytes = async (blob) => new Uint8Array(await blob.arrayBuffer());
    const memory = (async () => {
      const stream = entry.gzip.stream().pipeThrough(new DecompressionStream("gzip"));
      const snapshot = await bytes(await new Response(stream).blob());
      if (snapshot.length !== entry.length) throw new Error("snapshot of the wrong length");
      return snapshot;
    })();
    memory.catch((error) => unusable(error));
    const [wasm, stdlib, glue] = await Promise.all(["wasm", "stdlib", "glue"].map((f) => bytes(entry.files[f])));
    return { memory, files: { wasm, stdlib, glue } };
  } catch (error) {
    await unusable(error);
    return null;
  }
}

async function unusable(error) {
  await drop();
  console.warn(`Stored snapshot not used: ${error?.message ?? error}`);
}

/** Keep `memory` (gzip: 31 MB become about 6 MB) and the decoded runtime files as this build's. */
export async function write(key, memory, files) {
  try {
    const stream = new Blob([memory]).stream().pipeThrough(new CompressionStream("gzip"));
    const gzip = await new Response(stream).blob();
    const blobs = Object.fromEntries(Object.entries(files).map(([name, data]) => [name, new Blob([data])]));
    await transact("readwrite", (store) => store.put({ key, length: memory.length, gzip, files: blobs }, ENTRY));
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

export const available = typeof indexedDB !== "undefined" && typeof CompressionStream !== "undefined";
