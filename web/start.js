// Starts the assessor's worker while the page is still being read. The build
// writes this file into <head> itself (see hooks/assessment.py): a script
// fetched from the server would start it later. python.js takes the worker
// over, with the messages it sent meanwhile, and starts any later one through
// `launch`.
//
// On a first visit under a service worker (https, localhost) the worker waits
// until that service worker controls the page: one started before would fetch
// past it, and the runtime would not be kept for offline use. The service
// worker is registered here, first thing, for that reason: offline.js, at the
// end of the page, registers it too (the same one), but on a slow line only
// seconds later (on an emulated phone, the worker then started after 4 s).
// Material's script runs later on the assessment page (material-later.js). The
// layout Material gives a page with scripts is set now, as Material would set
// it, so that nothing in the header moves (or sticks out sideways) when it runs.
document.documentElement.classList.replace("no-js", "js");
(() => {
  const data = document.currentScript.dataset; // URLs relative to the page, so any sub-path works
  const at = (path) => new URL(path, location.href).href;
  const start = (window.assessorStart = {
    stallMs: Number(data.stall),
    full: "full" in data, // this page always takes the whole WebAssembly, not the trimmed one
    /**
     * A new worker, which starts loading at once: what to load is its name.
     * `full`: on the whole WebAssembly, not the trimmed one (always where the page says data-full).
     */
    launch({ full = false } = {}) {
      const boot = {
        wheelUrl: at(data.wheel),
        indexURL: at(data.pyodide),
        sizes: JSON.parse(data.sizes),
        controlled: !!navigator.serviceWorker?.controller, // the glue code can be kept (kept.js)
        full: full || start.full,
      };
      return new Worker(at(data.worker), { type: "module", name: JSON.stringify(boot) });
    },
    early: null, // {worker, messages, error}: the one started here, until python.js takes it
    started: null, // resolves once `early` is started
  });
  const begin = () => {
    const early = (start.early = { worker: start.launch(), messages: [], error: null });
    early.worker.onmessage = ({ data }) => early.messages.push(data);
    early.worker.onerror = (event) => {
      event.preventDefault();
      early.error = event.message || "worker error";
    };
  };
  const sw = navigator.serviceWorker;
  if (!sw || !isSecureContext || sw.controller) {
    begin();
    start.started = Promise.resolve();
    return;
  }
  start.started = new Promise((resolve) => {
    sw.addEventListener("controllerchange", resolve, { once: true });
    setTimeout(resolve, Number(data.wait)); // a slow registration: go without it
    // No wait where no service worker will control this page: one already
    // activated (a hard reload), or none allowed (blocked, site data refused).
    const never = (registration) => !registration || registration.active?.state === "activated";
    sw.register(at(data.sw)).then((registration) => never(registration) && resolve(), resolve);
  }).then(begin);
})();
