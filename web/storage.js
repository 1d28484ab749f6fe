// Where answers may be kept: this browser's localStorage (only with consent)
// and the URL fragment of a share link. Nothing here talks to the network.

const KEY = "baotou-assessment:answers";

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

// ── share links: the answers, packed by the questions schema ──
//
// A link carries one short token per question, in the schema's order:
//   ""            not answered
//   boolean       "1" yes, "0" no
//   choice        the option's index in base 36
//   multichoice   a bit mask of the chosen options' indexes, in base 36 ("0": none of these)
//   integer, number  the number as JavaScript writes it, or "x" for "not sure"
// joined by "_" (trailing empty tokens dropped), after a version: a hash of the
// schema's ids, types and option values. Adding an option or a question changes
// the version, so a link made by another version of the page is refused with a
// message, never read wrongly. The fragment (#…) never reaches the server.

const FRAGMENT = "a=";
const FORMAT = 1;
const NOT_SURE_TOKEN = "x"; // a numeric question's "not sure" (never a number's spelling)

/** A 32-bit FNV-1a hash of the schema's shape, in base 36. */
export function schemaVersion(questions) {
  const shape = JSON.stringify([FORMAT, questions.map((q) => [q.id, q.type, (q.options ?? []).map((o) => o.value), q.not_sure?.value ?? null])]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < shape.length; i++) {
    hash ^= shape.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

function encodeOne(q, value) {
  if (value === undefined || value === null) return "";
  const index = (v) => (q.options ?? []).findIndex((o) => o.value === v);
  switch (q.type) {
    case "boolean":
      return value ? "1" : "0";
    case "choice":
      return index(value) < 0 ? "" : index(value).toString(36);
    case "multichoice":
      return value.reduce((mask, v) => (index(v) < 0 ? mask : mask | (1 << index(v))), 0).toString(36);
    default:
      if (q.not_sure && value === q.not_sure.value) return NOT_SURE_TOKEN;
      return Number.isFinite(value) ? String(value) : "";
  }
}

function decodeOne(q, token) {
  const options = q.options ?? [];
  switch (q.type) {
    case "boolean":
      if (token !== "0" && token !== "1") throw new Error(q.id);
      return token === "1";
    case "choice": {
      const option = options[parseInt(token, 36)];
      if (!/^[0-9a-z]+$/.test(token) || !option) throw new Error(q.id);
      return option.value;
    }
    case "multichoice": {
      const mask = parseInt(token, 36);
      if (!/^[0-9a-z]+$/.test(token) || mask >= 2 ** options.length) throw new Error(q.id);
      return options.filter((_, i) => mask & (1 << i)).map((o) => o.value);
    }
    default: {
      if (q.not_sure && token === NOT_SURE_TOKEN) return q.not_sure.value;
      const number = Number(token);
      if (!/^[-0-9.e+]+$/.test(token) || !Number.isFinite(number)) throw new Error(q.id);
      return number;
    }
  }
}

export function encodeAnswers(questions, answers) {
  const tokens = questions.map((q) => encodeOne(q, answers[q.id]));
  while (tokens.length && tokens[tokens.length - 1] === "") tokens.pop();
  return `${schemaVersion(questions)}~${tokens.join("_")}`;
}

/** {answers} from an encoded text, or {error: "version" | "broken"}. */
export function decodeAnswers(questions, text) {
  const [version, body, ...rest] = text.split("~");
  if (version !== schemaVersion(questions)) return { error: "version" };
  const tokens = body ? body.split("_") : [];
  if (rest.length || tokens.length > questions.length) return { error: "broken" };
  const answers = {};
  try {
    tokens.forEach((token, i) => {
      if (token !== "") answers[questions[i].id] = decodeOne(questions[i], token);
    });
  } catch {
    return { error: "broken" };
  }
  return { answers };
}

/** A link to this page with the answers in the fragment (#…), which browsers never send to a server. */
export function shareLink(questions, answers) {
  const url = new URL(location.href);
  url.hash = FRAGMENT + encodeAnswers(questions, answers);
  return url.href;
}

/** What a share link opened on this page carries: null (no link), {answers} or {error}. */
export function answersFromFragment(questions) {
  const hash = decodeURIComponent(location.hash.slice(1));
  if (!hash) return null;
  if (!hash.startsWith(FRAGMENT)) return hash.startsWith("answers=") ? { error: "version" } : null;
  return decodeAnswers(questions, hash.slice(FRAGMENT.length));
}

export function clearFragment() {
  history.replaceState(null, "", location.pathname + location.search);
}
