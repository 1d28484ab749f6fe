"""MkDocs hook for the register-screening page (docs/register.md, docs/register.en.md).

At build time it
- turns the marker `<!-- register-app -->` into the page's controls, in the page's
  language (wording: web/text/<lang>.json, "register");
- adds register.js and register.css, which live beside the assessment's modules
  and share its Python loader (python.js) and worker (worker.js);
- writes into the site the blank registers (build_scripts/register_template.py)
  and what only the register page loads (build_scripts/register_assets.py): two
  small standard-library zips and openpyxl's wheels, the latter only for an .xlsx.

The Python runtime and the assessor wheel are the assessment's own (same URLs),
so a visit to either page makes the other work offline too.
"""

from __future__ import annotations

import hashlib
import html
import json
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from build_scripts import register_assets, register_template  # noqa: E402
from build_scripts.hooks import assessment  # noqa: E402

MARKER = "<!-- register-app -->"
PAGES = {"register.md": "zh", "register.en.md": "en"}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _lang(page) -> str | None:
    return PAGES.get(page.file.src_uri)


@cache
def _templates() -> dict[str, bytes]:
    return register_template.templates()


@cache
def _template_dir() -> str:
    sha = hashlib.sha256()
    for name, data in sorted(_templates().items()):
        sha.update(name.encode() + data)
    return f"assets/register/templates-{sha.hexdigest()[:12]}/"


@cache
def _assets_dir() -> str:
    return f"assets/register/{register_assets.digest()}/"


def app_html(lang: str, root: str) -> str:
    words = register_template.wording(lang)
    extras = register_assets.manifest(f"{root}{_assets_dir()}")
    templates = f"{root}{_template_dir()}"
    page_words = {k: v for k, v in words.items() if k not in ("template", "template_download_name")}
    words_json = json.dumps(page_words, ensure_ascii=False).replace("</", "<\\/")
    download_name = words["template_download_name"]
    template_links = "".join(
        f'<a class="md-button" href="{templates}{register_template.file_name(lang, kind)}" '
        f'download="{download_name}.{kind}">{_e(words[f"template_{kind}"])}</a> '
        for kind in ("xlsx", "csv")
    )
    return (
        f'<div id="rg-app" class="rg" data-lang="{lang}" data-extras="{_e(json.dumps(extras))}">'
        f'<p class="rg-privacy"><strong>{_e(words["privacy"])}</strong></p>'
        f'<noscript><p class="rg-noscript">{_e(words["noscript"])}</p></noscript>'
        '<div id="rg-drop" class="rg-drop">'
        f"<p>{_e(words['drop'])}</p>"
        f'<label class="md-button md-button--primary rg-choose">{_e(words["choose"])}'
        '<input type="file" id="rg-file" accept=".xlsx,.csv,text/csv,'
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"></label>'
        f'<p class="rg-formats">{_e(words["formats"])}</p></div>'
        f'<p class="rg-templates">{_e(words["template_intro"])} {template_links}</p>'
        '<div id="rg-status" class="rg-status" role="status" aria-live="polite"></div>'
        '<div id="rg-progress" class="rg-progress" hidden>'
        '<progress id="rg-bar" max="1" value="0"></progress>'
        '<span id="rg-count" aria-live="polite"></span> '
        f'<button type="button" id="rg-cancel" class="md-button">{_e(words["cancel"])}</button></div>'
        '<div id="rg-error" class="rg-error" role="alert" hidden></div>'
        '<section id="rg-results" class="rg-results" hidden></section>'
        f'<script type="application/json" id="rg-words">{words_json}</script>'
        "</div>"
    )


def on_page_content(html_text, page, config, files):
    lang = _lang(page)
    if lang is None:
        return html_text
    if MARKER not in html_text:
        raise RuntimeError(f"{page.file.src_uri}: the marker {MARKER} is missing")
    return html_text.replace(MARKER, app_html(lang, assessment._to_root(page)))


def on_post_page(output, page, config):
    if _lang(page) is None:
        return output
    root = assessment._to_root(page)
    assets = f"{root}assets/assessment/{assessment._web_dir()}/"
    head = f'<link rel="stylesheet" href="{assets}register.css">'
    body = f'<script type="module" src="{assets}register.js"></script>'
    # The whole WebAssembly: the trimmed one holds only what the assessment runs, and
    # the register page screens files of every kind (a few hundred kB more, once).
    output = assessment.with_start_script(output, root, full=True)
    return output.replace("</head>", head + "</head>", 1).replace("</body>", body + "</body>", 1)


def on_post_build(config):
    # Called once per language build; writing is idempotent. The runtime, wheel and
    # scripts are written by the assessment hook.
    site = Path(config["site_dir"])
    for name, data in _templates().items():
        target = site / _template_dir() / name
        if not target.exists() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    made = register_assets.made()
    for path in made.iterdir():
        target = site / _assets_dir() / path.name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
