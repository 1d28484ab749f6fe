// Starts the assessor's worker while the page is still being read. The build
// writes this file into <head> itself (see hooks/assessment.py): a script
// fetched from the server would start it later. python.js takes the worker
// over, with the messages it sent meanwhile, and starts any later one through
// `launch`. On a first visit under a service worker it waits for python.js,
// which starts it once the service worker controls the page (untilControlled).
(() => {
  const data = document.currentScript.dataset; // URLs relative to the page, so any sub-path works
  const at = (path) => new URL(path, location.href).href;
  const start = (window.assessorStart = {
    stallMs: Number(data.stall),
    /** A new worker, which starts loading at once: what to load is in its URL's fragment. */
    launch() {
      const boot = {
        wheelUrl: at(data.wheel),
        indexURL: at(data.pyodide),
        sizes: JSON.parse(data.sizes),
        controlled: !!navigator.serviceWorker?.controller, // the glue code can be kept (kept.js)
      };
      return new Worker(`${at(data.worker)}#${encodeURIComponent(JSON.stringify(boot))}`, { type: "module" });
    },
    early: null, // {worker, messages, error}: the one started here, until python.js takes it
  });
  const sw = navigator.serviceWorker;
  if (sw && isSecureContext && !sw.controller) return;
  const early = (start.early = { worker: start.launch(), messages: [], error: null });
  early.worker.onmessage = ({ data }) => early.messages.push(data);
  early.worker.onerror = (event) => {
    event.preventDefault();
    early.error = event.message || "worker error";
  };
})();
