// The page's own words, and a small DOM builder.
// The words are in web/text/<lang>.json ("assessment"), one file per language for
// translators; the build writes this page's language into the page as a JSON data
// block (#as-words), so they cost no request. Policy text (clauses, measures,
// departments) never lives here: it comes from the assessor's JSON, from the data.

const block = globalThis.document?.getElementById("as-words");
export const UI = block ? { [block.dataset.lang]: JSON.parse(block.textContent) } : {};

/** fill("Step {n} of {total}", {n: 2, total: 5}): a text with its {placeholders} filled in. */
export function fill(text, fields) {
  return text.replace(/\{(\w+)\}/g, (_, key) => String(fields[key] ?? ""));
}

/** Bytes as megabytes with one decimal ("2.1"). */
export function megabytes(bytes) {
  return (bytes / 1e6).toFixed(1);
}

/** el("p", {class: "x"}, "text", child…): attributes are set as attributes, text as text nodes. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
