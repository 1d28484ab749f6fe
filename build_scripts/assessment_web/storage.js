// Where answers may be kept: this browser's localStorage (only with consent)
// and the URL fragment of a share link. Nothing here talks to the network.

const KEY = "baotou-assessment:answers";
const FRAGMENT = "answers=";

/** Stored or shared answers are only trusted to be an object of answers. */
function asAnswers(value) {
  return value && typeof value === "object" && !Array.isArray(value) ? value : null;
}

export const saved = {
  read() {
    try {
      return asAnswers(JSON.parse(localStorage.getItem(KEY)));
    } catch {
      return null;
    }
  },
  write(answers) {
    try {
      localStorage.setItem(KEY, JSON.stringify(answers));
    } catch {
      // Storage may be disabled (private mode); saving is a convenience only.
    }
  },
  clear() {
    try {
      localStorage.removeItem(KEY);
    } catch {
      // as above
    }
  },
};

function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** A link to this page with the answers in the fragment (#…), which browsers never send to a server. */
export function shareLink(answers) {
  const url = new URL(location.href);
  url.hash = FRAGMENT + toBase64Url(JSON.stringify(answers));
  return url.href;
}

/** The answers of a share link opened on this page, or null. */
export function answersFromFragment() {
  if (!location.hash.startsWith(`#${FRAGMENT}`)) return null;
  try {
    return asAnswers(JSON.parse(fromBase64Url(location.hash.slice(FRAGMENT.length + 1))));
  } catch {
    return null;
  }
}

export function clearFragment() {
  history.replaceState(null, "", location.pathname + location.search);
}
