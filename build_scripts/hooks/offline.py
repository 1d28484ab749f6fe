"""MkDocs hook: offline use after one visit, and fetching ahead only on intent.

Every page gets offline.js (from web/offline/), which registers the
service worker sw.js at the site's root. Both are written at the end of the
build with what only the build knows: a version (a digest of every file of the
site, so any change makes a new service worker, which replaces the old cache
whole), the pages of each language, and the files of the assessment's runtime.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# MkDocs loads hooks by path; the repository root makes build_scripts importable.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from build_scripts.runtime import FULL_WASM  # noqa: E402

SOURCE = ROOT / "web" / "offline"
GENERATED = ("sw.js", "offline.js")
# Shared by the pages of both languages (relative to the site root; globbed).
SHARED = (
    "search/search_index.json",
    "assets/javascripts/bundle.*.min.js",
    "assets/javascripts/workers/search.*.min.js",
    "assets/stylesheets/*.min.css",
    "stylesheets/*.css",
    "assets/images/favicon.png",
)


def _to_root(page) -> str:
    return "../" * page.url.count("/")


def on_post_page(output, page, config):
    script = f'<script type="module" src="{_to_root(page)}offline.js"></script>'
    return output.replace("</body>", script + "</body>", 1)


def _version(site: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and relative not in GENERATED and not relative.endswith(".map"):
            sha.update(relative.encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()[:16]


def _pages(site: Path) -> dict[str, list[str]]:
    shared = sorted(p.relative_to(site).as_posix() for pattern in SHARED for p in site.glob(pattern))
    pages: dict[str, list[str]] = {"zh": [], "en": []}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.endswith("404.html"):
            continue
        pages["en" if relative.startswith("en/") else "zh"].append(relative)
    return {lang: names + shared for lang, names in pages.items()}


def _runtime(site: Path) -> list[str]:
    """What the assessment page loads for Python, read from the page itself."""
    page = (site / "assessment.html").read_text("utf-8")
    attrs = {k: html.unescape(v) for k, v in re.findall(r'data-(pyodide|wheel|sizes)="([^"]*)"', page)}
    app = re.search(r'<script type="module" src="(assets/assessment/[^"]+/)app\.js"', page)
    if not attrs.get("pyodide") or not app:
        raise RuntimeError("assessment.html no longer names its runtime: update hooks/offline.py")
    folder = attrs["pyodide"]
    # What a first visit downloads: the whole WebAssembly only where the trimmed one broke.
    downloads = [name for name in json.loads(attrs["sizes"]) if name.endswith(".xz") and name != FULL_WASM]
    files = [folder + name for name in downloads]
    files += [folder + name for name in ("pyodide.js", "xz.wasm", "pyodide-lock.json")]
    files += [attrs["wheel"]]
    files += [app.group(1) + name for name in ("worker.js", *_worker_imports())]
    return files


def _worker_imports() -> list[str]:
    """The modules web/worker.js imports (fetched before it can start)."""
    worker = (ROOT / "web" / "worker.js").read_text("utf-8")
    return re.findall(r'^import .* from "\./([\w-]+\.js)";$', worker, re.M)


def on_post_build(config):
    # Called once per language build (mkdocs-static-i18n); the last call sees the whole site.
    site = Path(config["site_dir"])
    if not (site / "assessment.html").exists():
        return
    values = {
        "__VERSION__": _version(site),
        "__PAGES__": json.dumps(_pages(site), indent=2),
        "__RUNTIME__": json.dumps(_runtime(site), indent=2),
    }
    for name in GENERATED:
        text = (SOURCE / name).read_text("utf-8")
        for key, value in values.items():
            text = text.replace(key, value)
        (site / name).write_text(text, "utf-8")
