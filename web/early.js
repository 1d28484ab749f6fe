// Starts the assessor's worker as soon as the page's <head> is read, before
// Material's bundle and the rest of the page's scripts load: on a return visit
// Python is ready a little sooner. app.js takes over the display (onState).
// The boot data is in <meta name="assessor-boot"> (written by the build, placed
// before this script); URLs are relative to the page, so any sub-path works.

import { pythonFor } from "./python.js";

const boot = document.querySelector('meta[name="assessor-boot"]').dataset;
let listener = null;
let last = null; // each state is shown whole: the last one is all app.js needs

export const python = pythonFor(boot, (state) => {
  last = state;
  listener?.(state);
});

/** Show every state from now on, starting with the current one. */
export function onState(show) {
  listener = show;
  if (last) show(last);
}
