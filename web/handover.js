// Answers handed to the same page in the other language when the reader switches
// language mid-way. Kept in sessionStorage (this tab only, never sent anywhere)
// and removed as soon as the other page has read them; unlike saving in
// localStorage, this needs no consent: nothing outlives the switch.

const KEY = "baotou-assessment:handover";
const FRESH_MS = 5 * 60 * 1000; // an old hand-over (the switch was abandoned) is ignored

export function handOver(state) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ ...state, at: Date.now() }));
  } catch {
    // Storage may be disabled; the other page then opens empty, as before.
  }
}

/** The state handed over by the other language's page, or null; read once. */
export function takeHandover() {
  try {
    const raw = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    const state = JSON.parse(raw);
    const fresh = state && typeof state.at === "number" && Date.now() - state.at < FRESH_MS;
    return fresh && state.answers && typeof state.answers === "object" ? state : null;
  } catch {
    return null;
  }
}

export function dropHandover() {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // as above
  }
}
