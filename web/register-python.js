// Python snippets the worker runs for the register page (and tests/pyodide/run_register.mjs,
// so that Node runs exactly what the browser runs). No Python is built from user data here:
// paths and package names come from the build.

/**
 * Put a zip of modules (a wheel, or standard-library files beyond the trimmed library) on
 * sys.path. `packages` are packages already loaded from the trimmed library that get more
 * modules from this zip (e.g. encodings): the zip's folder joins their __path__.
 */
export function addZip(path, packages = []) {
  const lines = ["import importlib, sys", `sys.path.append(${JSON.stringify(path)})`];
  for (const name of packages) {
    lines.push(`importlib.import_module(${JSON.stringify(name)}).__path__.append(${JSON.stringify(`${path}/${name}`)})`);
  }
  return lines.join("\n");
}
