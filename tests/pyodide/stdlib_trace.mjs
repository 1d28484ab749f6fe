// The standard-library files Python has imported so far, written to `path`, one per
// line as paths inside the zip (build_scripts/runtime.py keeps only the traced files in the site).
import { writeFileSync } from "node:fs";

export function writeStdlibTrace(pyodide, path) {
  const files = pyodide.runPython(`
import sys
prefix = "/lib/python%d%d.zip/" % sys.version_info[:2]
sorted({f[len(prefix):] for m in list(sys.modules.values())
        if (f := getattr(m, "__file__", None) or "").startswith(prefix)})
`);
  writeFileSync(path, files.toJs().join("\n") + "\n");
  files.destroy();
}
