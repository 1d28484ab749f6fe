// The site's service worker: the site keeps working offline once visited.
// Written into the site by build_scripts/hooks/offline.py, which fills in the
// build's version and file list.
//
// One cache per build ("site-<version>"). A new build brings a new sw.js; it
// takes over at once and deletes every older cache, so a reader never gets a
// mix of two builds: pages come from the network first (the cache is only the
// fallback when offline), and files whose names carry a digest, like the
// runtime, the wheel and Material's bundles, cannot differ between builds.

const VERSION = "__VERSION__";
const CACHE = `site-${VERSION}`;
// Pages and shared files per language (paths relative to this file), cached in
// the background when a page asks (see offline.js), never on install.
const PAGES = __PAGES__;
// Paths with a digest in their name: the same path always holds the same bytes.
const IMMUTABLE = /\/assets\/(pyodide|assessor|assessment|register)\/|\.[0-9a-f]{8}\.min\.(js|css)$/;
// Pyodide's glue code as the assessor's worker decoded it (see kept.js): in a
// cache of its own, never on the server.
const KEPT = { cache: "runtime-kept", path: /\/assets\/pyodide\/[^/]+\/pyodide\.asm\.mjs$/ };

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        const older = name !== CACHE && (name.startsWith("site-") || name.startsWith("snapshot-"));
        if (older || name === KEPT.cache) await caches.delete(name);
      }
      // A page is asked for as the navigation starts, while this worker is
      // still starting (see networkFirst): after the browser was closed, that
      // start took 80 ms of a return visit on this machine, more on a phone.
      await self.registration.navigationPreload?.enable();
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  const { type, urls, lang } = event.data ?? {};
  // The page, and what it loaded before this worker controlled it: from the
  // HTTP cache, so no byte is downloaded twice.
  if (type === "keep") event.waitUntil(keep(urls ?? [], "force-cache"));
  if (type === "cache-pages") event.waitUntil(keep((PAGES[lang] ?? []).map((p) => new URL(p, self.registration.scope).href)));
});

async function keep(urls, mode = "default") {
  const cache = await caches.open(CACHE);
  for (const url of urls) {
    if (!url.startsWith(self.registration.scope) || (await cache.match(url))) continue;
    try {
      const response = await fetch(url, { cache: mode });
      if (response.ok && response.status === 200) await cache.put(url, response);
    } catch {
      return; // offline or gone: try again on a later page
    }
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (!url.href.startsWith(self.registration.scope)) return;
  if (KEPT.path.test(url.pathname)) return event.respondWith(kept(request));
  event.respondWith(IMMUTABLE.test(url.pathname) ? cacheFirst(event) : networkFirst(event));
});

// The response goes to the page at once and into the cache alongside: waiting
// for the cache first would hold back every byte until the last one arrived,
// and the page's progress (and its stall watch) would see nothing moving.
function store(event, cache, key, response) {
  // Only whole, plain answers are kept (not 404s, not partial content).
  if (response.ok && response.status === 200) event.waitUntil(cache.put(key, response.clone()));
  return response;
}

async function cacheFirst(event) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(event.request);
  if (hit) return hit;
  return store(event, cache, event.request, await fetch(event.request));
}

async function networkFirst(event) {
  const { request } = event;
  const cache = await caches.open(CACHE);
  try {
    // A navigation's page was asked for already (navigation preload): one request, not two.
    const response = (await event.preloadResponse) ?? (await fetch(request));
    return store(event, cache, stripSearch(request), response);
  } catch (error) {
    const hit = await cache.match(stripSearch(request));
    if (hit) return hit;
    throw error;
  }
}

// The kept glue code, or 404 (never the server). Just made by the worker, it
// is under "?made" and answered as a new response, which the worker keeps:
// only a response that came through fetch() gets its compiled code kept.
async function kept(request) {
  const cache = await caches.open(KEPT.cache);
  const hit = await cache.match(request);
  if (hit) return hit;
  const made = await cache.match(`${request.url}?made`);
  if (made) return new Response(await made.arrayBuffer(), { headers: { "Content-Type": "text/javascript" } });
  return new Response("", { status: 404 });
}

// index.html?q=… (a search) is the same page as index.html.
function stripSearch(request) {
  const url = new URL(request.url);
  if (!url.search) return request;
  url.search = "";
  return url.href;
}
