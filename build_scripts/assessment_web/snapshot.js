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

/** The stored snapshot's bytes for this build, or null (none, another build, unreadable). */
export async function read(key) {
  try {
    const entry = await transact("readonly", (store) => store.get(ENTRY));
    if (!entry || entry.key !== key) return null;
    const stream = entry.gzip.stream().pipeThrough(new DecompressionStream("gzip"));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    if (bytes.length !== entry.length) throw new Error("snapshot of the wrong length");
    return bytes;
  } catch (error) {
    await drop();
    console.warn(`Stored snapshot not used: ${error?.message ?? error}`);
    return null;
  }
}

/** Keep `bytes` as this build's snapshot (gzip: 31 MB become about 6 MB). */
export async function write(key, bytes) {
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
    const gzip = await new Response(stream).blob();
    await transact("readwrite", (store) => store.put({ key, length: bytes.length, gzip }, ENTRY));
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
