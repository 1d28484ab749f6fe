// Hands the worker start.js started in <head> to python.js as soon as this
// module runs, before Material's bundle and the rest of the page's scripts:
// its messages are kept meanwhile. app.js takes over the display (onState).
// Material's bundle runs once Python is ready (material-later.js).

import { startMaterial } from "./material-later.js";
import { pythonFor } from "./python.js";

let listener = null;
let last = null; // each state is shown whole: the last one is all app.js needs

export const python = pythonFor((state) => {
  last = state;
  listener?.(state);
  if (state.stage === "ready") startMaterial();
});

/** Show every state from now on, starting with the current one. */
export function onState(show) {
  listener = show;
  if (last) show(last);
}
