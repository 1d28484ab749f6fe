// Material's own script (its header, search box and tooltips) runs once Python
// is ready, or AT_MOST_MS after the page started at the latest, instead of
// while the page loads. On a return visit Python is ready in about 0.3 s, and
// the 30-40 ms Material spends on the page's main thread would fall in that
// time, on a machine whose cores the page, the browser and the worker all
// need: Python was ready 294 → 273 ms later under Playwright without it there.
// On a first visit, Python takes seconds: Material then runs after AT_MOST_MS.
// Without it the page still works: the menu, the search box and the language
// switch are Material's CSS.
//
// build_scripts/hooks/assessment.py turns Material's <script> into
// <link rel="preload" id="as-material">: the file still arrives with the page.

const AT_MOST_MS = 1000;

let started = false;

/** Run Material's script now (once; later calls do nothing). */
export function startMaterial() {
  if (started) return;
  if (document.readyState === "loading") {
    // Material mounts on DOMContentLoaded: before it, the page is not all there.
    document.addEventListener("DOMContentLoaded", startMaterial, { once: true });
    return;
  }
  started = true;
  const preload = document.getElementById("as-material");
  if (!preload) return;
  const script = document.createElement("script");
  script.src = preload.href;
  // Material waits for DOMContentLoaded, which has passed: it is sent again.
  // No other script of this page listens for it.
  script.onload = () => document.dispatchEvent(new Event("DOMContentLoaded"));
  document.body.append(script);
}

setTimeout(startMaterial, AT_MOST_MS);
