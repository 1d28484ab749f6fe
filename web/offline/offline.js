// On every page: register the service worker (which keeps the site working
// offline), and fetch the assessment's files ahead only on a sign of intent.
// Written into the site by build_scripts/hooks/offline.py, which fills in the
// runtime's files.

// Framed by another page: a server sending the README's headers refuses that
// outright (a <meta> policy cannot). Where it does not, show nothing that could
// be pre-filled or clicked through from outside, only a way out of the frame.
if (window.top !== window.self) {
  const link = Object.assign(document.createElement("a"), { href: location.href, target: "_top" });
  link.textContent = document.title;
  const notice = document.createElement("p");
  notice.className = "framed-notice";
  notice.append(link);
  document.body.replaceChildren(notice);
}

// The files the assessment page downloads, relative to this script.
const RUNTIME = __RUNTIME__;
const here = import.meta.url;
// The register page loads the same runtime: treated alike (no background page caching meanwhile).
const isAssessment = !!document.getElementById("as-app") || !!document.getElementById("rg-app");

// Service workers run on https and localhost only; on a plain-http intranet
// the site works the same, without offline use.
if ("serviceWorker" in navigator && window.isSecureContext) {
  navigator.serviceWorker
    .register(new URL("sw.js", here))
    .then(async (registration) => {
      await navigator.serviceWorker.ready;
      const sw = registration.active ?? navigator.serviceWorker.controller;
      // This page and what it loaded before the service worker took over.
      const loaded = performance.getEntriesByType("resource").map((entry) => entry.name);
      sw?.postMessage({ type: "keep", urls: [location.href.split("#")[0], ...loaded] });
      // The rest of the site in the reader's language, in the background; not
      // during a visit to the assessment, whose download is big enough.
      if (isAssessment) return;
      sw?.postMessage({ type: "cache-pages", lang: document.documentElement.lang === "en" ? "en" : "zh" });
    })
    .catch(() => {}); // no offline use, nothing else changes
}

// Fetch ahead when the pointer or focus reaches a link to the assessment.
let fetched = false;
function fetchAhead(event) {
  const link = event.target.closest?.('a[href$="assessment.html"]');
  if (!link || fetched || isAssessment || navigator.connection?.saveData) return;
  fetched = true;
  for (const path of RUNTIME) {
    fetch(new URL(path, here), { priority: "low" })
      .then((response) => response.arrayBuffer())
      .catch(() => {});
  }
}
for (const type of ["pointerover", "focusin", "touchstart"]) {
  document.addEventListener(type, fetchAhead, { passive: true });
}
