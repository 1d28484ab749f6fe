// JavaScript functions into WebAssembly's function table, without the
// exceptions Emscripten's glue takes to get them there.
//
// On every start the glue puts about 260 of its JavaScript functions (file
// system calls, Pyodide's own, graphics stubs) into the module's function
// table (addFunction). For each it first calls `table.set(index, function)`,
// which throws a TypeError for a function that is not a WebAssembly one; it
// catches that and wraps the function in a small module of its own, compiled
// anew each time. Every one of those exceptions builds an error with its stack
// trace, and where DevTools are attached each one is reported as well.
//
// While `wrapJavaScriptFunctions` is in force, `table.set` does that wrapping
// first, as the glue's convertJsFunctionToWasm would: one small module per
// signature, compiled once, and no exception. A function the glue gave a
// signature (`.sig`, such as "iip") is one of its JavaScript functions; any
// other value goes to `table.set` unchanged, so whatever this does not know
// is left to the glue's own way. tests/test_function_table.py checks that a
// Pyodide start takes this way for all of them, and that the wrapped
// functions get and return what they should.

// WebAssembly value types by Emscripten's signature letters (32-bit WebAssembly:
// a pointer, "p", is an i32).
const TYPES = { i: 0x7f, p: 0x7f, j: 0x7e, f: 0x7d, d: 0x7c, e: 0x6f };
// The result, then the parameters ("v": no result); at most 100 of them, so that every
// length below fits in one byte.
const SIGNATURE = /^[vipjfde][ipjfde]{0,100}$/;

/** A module that imports a function of `signature` as e.f and exports it as f. */
function wrapperModule(signature) {
  const types = (letters) => [letters.length, ...Array.from(letters, (letter) => TYPES[letter])];
  const type = [1, 0x60, ...types(signature.slice(1)), ...types(signature[0] === "v" ? "" : signature[0])];
  // prettier-ignore
  return new WebAssembly.Module(Uint8Array.of(
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, // "\0asm", version 1
    1, type.length, ...type, // type section: the one function type
    2, 7, 1, 1, 0x65, 1, 0x66, 0, 0, // import section: "e" "f", a function of type 0
    7, 5, 1, 1, 0x66, 0, 0, // export section: "f", function 0
  ));
}

/** Until the returned function is called, `table.set` wraps a JavaScript function with a signature itself. */
export function wrapJavaScriptFunctions() {
  const table = WebAssembly.Table.prototype;
  const set = table.set;
  const modules = new Map(); // signature → its wrapper module
  table.set = function (index, value, ...rest) {
    const signature = typeof value === "function" ? value.sig : undefined;
    if (typeof signature === "string" && SIGNATURE.test(signature)) {
      if (!modules.has(signature)) modules.set(signature, wrapperModule(signature));
      value = new WebAssembly.Instance(modules.get(signature), { e: { f: value } }).exports.f;
    }
    return set.call(this, index, value, ...rest);
  };
  return () => {
    table.set = set;
  };
}
