"""MkDocs hook for the self-assessment page (docs/assessment.md, docs/assessment.en.md).

At build time it
- turns the marker `<!-- assessment-form -->` into the question form, generated
  from the assessor's questions data, so the form is readable and answerable
  before Python has loaded in the browser;
- adds the page's script and stylesheet, on the assessment pages only;
- writes the assessor wheel and the Pyodide runtime files into the site, once
  for both languages (nothing is ever fetched from a CDN); the runtime is
  trimmed and xz-compressed by build_scripts/runtime.py.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# MkDocs loads hooks by path; the repository root makes build_scripts importable.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from build_scripts import runtime, wording  # noqa: E402
from build_scripts.wheel import ROOT as SRC_ROOT  # noqa: E402
from build_scripts.wheel import build_wheel, runtime_files, wheel_name  # noqa: E402

WEB = ROOT / "web"
MARKER = "<!-- assessment-form -->"
PAGES = {"assessment.md": "zh", "assessment.en.md": "en"}
# The files the worker downloads with a progress bar (the others are a few kB):
# one of the two WebAssembly files (see web/worker.js).
DOWNLOADS = (runtime.WASM, runtime.FULL_WASM, "pyodide.asm.js.xz", "python_stdlib.zip.xz")
START = WEB / "start.js"  # written into the pages themselves (with_start_script), not copied
WEB_FILES = tuple(sorted(p.name for p in WEB.iterdir() if p.suffix in (".js", ".css") and p != START))
# Asked on the result (the user may change the 低保 figure there), not in the steps.
RESULT_ONLY = {"dibao_standard"}
# A help text longer than this (in Chinese characters; English runs about 2.5 times
# longer) is folded under "How to tell", so that every step fits one phone screen.
HELP_FOLD_CHARS = {"zh": 80, "en": 200}
# No deadline for loading: it fails only when nothing has moved for this long
# (a slow line that keeps delivering bytes is fine).
LOAD_STALL_MS = 30_000
# On a first visit the worker waits at most this long for the service worker to
# control the page (web/start.js): on an emulated phone line that took about 1 s.
CONTROL_WAIT_MS = 3_000

# The form's own words, written into the page (web/text/<lang>.json, "assessment_form").
UI = wording.by_language("assessment_form")


def _questions() -> dict:
    # The same schema `{"action": "questions"}` serves, so the form and the engine agree.
    from assessor.questions import schema

    return schema()


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _question_html(question: dict, lang: str) -> str:
    ui = UI[lang]
    qid = question["id"]
    kind = question["type"]
    text = _e(question["text"][lang])
    if not question.get("required", True):
        text += f' <span class="as-optional">{ui["optional"]}</span>'
    help_id, error_id = f"as-help-{qid}", f"as-error-{qid}"
    help_html = ""
    if question.get("help"):
        help_text = question["help"][lang]
        help_html = f'<p class="as-help" id="{help_id}">{_e(help_text)}</p>'
        if len(help_text) > HELP_FOLD_CHARS[lang]:
            help_html = (
                f'<details class="as-more-help"><summary>{_e(ui["more_help"])}</summary>{help_html}</details>'
            )
    error_html = f'<p class="as-error" id="{error_id}" hidden></p>'
    described = f'aria-describedby="{help_id} {error_id}"' if help_html else f'aria-describedby="{error_id}"'
    attrs = f'class="as-q" id="as-q-{qid}" data-q="{qid}" data-type="{kind}"'

    if kind in ("integer", "number"):
        unit = question.get("unit")
        unit_html = f'<span class="as-unit">{_e(unit[lang])}</span>' if unit else ""
        bounds = ""
        for key in ("min", "max"):
            if question.get(key) is not None:
                bounds += f' {key}="{question[key]}"'
        step = "1" if kind == "integer" else "any"
        mode = "numeric" if kind == "integer" else "decimal"
        # "Not sure" beside the number, for someone who cannot know it (app.js reads it first).
        not_sure = question.get("not_sure")
        unsure_html = (
            f'<label class="as-option as-not-sure"><input type="checkbox" name="{qid}" '
            f'value="{_e(not_sure["value"])}"> <span>{_e(not_sure[lang])}</span></label>'
            if not_sure
            else ""
        )
        return (
            f"<div {attrs}>"
            f'<label class="as-label" for="as-in-{qid}">{text}</label>{help_html}{error_html}'
            f'<div class="as-number"><input type="number" id="as-in-{qid}" name="{qid}" '
            f'step="{step}" inputmode="{mode}"{bounds} {described}>{unit_html}</div>{unsure_html}</div>'
        )

    if kind == "boolean":
        options = [("true", ui["yes"]), ("false", ui["no"])]
    else:
        options = [(o["value"], o[lang]) for o in question["options"]]
    control = "checkbox" if kind == "multichoice" else "radio"
    items = "".join(
        f'<label class="as-option"><input type="{control}" name="{qid}" value="{_e(value)}"> '
        f"<span>{_e(label)}</span></label>"
        for value, label in options
    )
    return (
        f'<div {attrs}><fieldset {described}><legend class="as-label">{text}</legend>'
        f'{help_html}{error_html}<div class="as-options">{items}</div></fieldset></div>'
    )


def form_html(data: dict, lang: str) -> str:
    """The whole assessment block for one language: status, form steps, result area."""
    ui = UI[lang]
    steps = []
    for step in data["steps"]:
        questions = [q for q in data["questions"] if q["step"] == step["id"] and q["id"] not in RESULT_ONLY]
        if not questions:
            continue
        body = "".join(_question_html(q, lang) for q in questions)
        steps.append(
            f'<section class="as-step" data-step="{_e(step["id"])}">'
            f'<h2 class="as-step-title" tabindex="-1">{_e(step["title"][lang])}</h2>{body}</section>'
        )
    questions_json = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    # The scripts' words in this page's language (text.js reads them): data, not a script.
    words_json = json.dumps(wording.words("assessment", lang), ensure_ascii=False).replace("</", "<\\/")
    return (
        f'<div id="as-app" class="as" data-lang="{lang}">'
        f'<noscript><p class="as-noscript">{_e(ui["noscript"])}</p></noscript>'
        '<div id="as-loading" class="as-loading" role="status" aria-live="polite" hidden></div>'
        # method="dialog" outside a <dialog> never submits: even without
        # JavaScript the answers cannot be sent to the server.
        f'<form id="as-form" class="as-form" method="dialog" novalidate>'
        f'<p id="as-progress" class="as-progress" hidden></p>'
        f"{''.join(steps)}"
        f'<section class="as-step as-summary" data-step="summary" hidden>'
        f'<h2 class="as-step-title" tabindex="-1">{_e(ui["summary"])}</h2>'
        '<div id="as-form-errors" class="as-error" role="alert" hidden></div>'
        '<dl id="as-summary-list" class="as-summary-list"></dl></section>'
        # Waiting for Python is news, not an error: its own polite status, never red.
        '<p id="as-waiting" class="as-waiting" role="status" hidden></p>'
        '<div class="as-nav" hidden>'
        f'<button type="button" id="as-back" class="md-button">{_e(ui["back"])}</button>'
        f'<button type="submit" id="as-next" class="md-button md-button--primary">{_e(ui["next"])}</button>'
        "</div></form>"
        '<section id="as-result" class="as-result" hidden></section>'
        '<section id="as-tools" class="as-tools" hidden></section>'
        f'<script type="application/json" id="as-questions">{questions_json}</script>'
        f'<script type="application/json" id="as-words" data-lang="{lang}">{words_json}</script>'
        "</div>"
    )


def _digest(*paths: Path) -> str:
    sha = hashlib.sha256()
    for path in paths:
        sha.update(path.read_bytes())
    return sha.hexdigest()[:12]


def _lang(page) -> str | None:
    return PAGES.get(page.file.src_uri)


def _to_root(page) -> str:
    """The relative path from the page to the site root ("" or "../")."""
    return "../" * page.url.count("/")


def on_page_content(html_text, page, config, files):
    lang = _lang(page)
    if lang is None:
        return html_text
    if MARKER not in html_text:
        raise RuntimeError(f"{page.file.src_uri}: the marker {MARKER} is missing")
    return html_text.replace(MARKER, form_html(_questions(), lang))


def on_post_page(output, page, config):
    if _lang(page) is None:
        return output
    root = _to_root(page)
    assets = f"{root}assets/assessment/{_web_dir()}/"
    head = f'<link rel="stylesheet" href="{assets}app.css">'
    head += f'<script type="module" async src="{assets}early.js"></script>'
    for module in ("python.js", "material-later.js"):  # early.js's imports, fetched alongside
        head += f'<link rel="modulepreload" href="{assets}{module}">'
    output = with_start_script(output, root)
    body = f'<script type="module" src="{assets}app.js"></script>'
    body += f'<script type="module" src="{assets}search-elsewhere.js"></script>'
    output = output.replace("</head>", head + "</head>", 1).replace("</body>", body + "</body>", 1)
    return _search_elsewhere(_material_later(output))


def _material_later(output: str) -> str:
    """Material's script is fetched with the page but run once Python is ready
    (web/material-later.js), not while Python starts."""
    tag = r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)"></script>'
    bundle = re.search(tag, output)
    if bundle is None:
        raise PluginError("Material's script tag has changed: update _material_later")
    preload = f'<link rel="preload" as="script" id="as-material" href="{bundle.group(1)}">'
    return output[: bundle.start()] + preload + output[bundle.end() :]


def with_start_script(output: str, root: str, full: bool = False) -> str:
    """web/start.js, written into <head> right after <meta charset>, so the
    worker starts before anything else loads; the boot data is on its tag.
    `full`: the worker always takes the whole WebAssembly, not the trimmed one."""
    wheel = f"{root}assets/assessor/{_wheel_dir()}/{wheel_name()}"
    attrs = (
        f'data-worker="{_e(f"{root}assets/assessment/{_web_dir()}/worker.js")}" data-wheel="{_e(wheel)}" '
        f'data-pyodide="{_e(root + _pyodide_dir())}" data-sizes="{_e(json.dumps(_download_sizes()))}" '
        f'data-stall="{LOAD_STALL_MS}" data-wait="{CONTROL_WAIT_MS}" '
        f'data-sw="{_e(root)}sw.js"' + (" data-full" if full else "")  # written there by hooks/offline.py
    )
    charset = re.search(r"<meta charset=[^>]*>", output)
    if charset is None:
        raise PluginError("no <meta charset> to put the start script after")
    code = re.sub(r"^\s*//.*\n", "", START.read_text(encoding="utf-8"), flags=re.M)  # its comments stay here
    script = f"<script {attrs}>{code}</script>"
    return output[: charset.end()] + script + output[charset.end() :]


def _search_elsewhere(output: str) -> str:
    """No search index on the assessment page: Enter searches on the home page.

    Material loads its 213 kB index and 40 kB worker on every page that has a
    form named "search", about 6% of a first visit here. Renamed, the form is a
    plain GET to the home page, whose search opens with `?q=`.
    """
    form = '<form class="md-search__form" name="search">'
    if form not in output:
        raise PluginError("Material's search form has changed: update _search_elsewhere")
    # index.html beside the page: the home page in the page's own language.
    later = '<form class="md-search__form" name="search-elsewhere" action="index.html" method="get">'
    output = output.replace(form, later, 1)
    # An idle stand-in for the search worker (40 kB), which would wait for the index.
    idle = f"assets/assessment/{_web_dir()}/search-idle.js"  # relative to the site root, as Material's
    output = re.sub(r'"search": "[^"]*"', f'"search": "{idle}"', output, count=1)
    return output.replace('class="md-search__input" name="query"', 'class="md-search__input" name="q"', 1)


# The three folder names below are worked out once per build (MkDocs reloads this
# module for each rebuild of `mkdocs serve`), not once per page and language.
@cache
def _pyodide_dir() -> str:
    # Named by Pyodide's version and what the files are made from (the trimmed
    # standard library among them): no browser mixes cached old files with new ones.
    try:
        return f"assets/pyodide/{runtime.version()}-{runtime.inputs_digest()}/"
    except runtime.RuntimeError_ as error:
        raise PluginError(str(error)) from error


@cache
def _runtime_files() -> Path:
    """The runtime files, made (or taken from build/runtime/) once per build."""
    return runtime.made()


@cache
def _wheel_file() -> Path:
    target = ROOT / "build" / "wheel" / _wheel_dir() / wheel_name()
    return target if target.exists() else build_wheel(target.parent)


def _download_sizes() -> dict[str, int]:
    sizes = {name: (_runtime_files() / name).stat().st_size for name in DOWNLOADS}
    sizes[wheel_name()] = _wheel_file().stat().st_size
    return sizes


@cache
def _wheel_dir() -> str:
    # A directory named by the source's digest: a changed assessor gets a new
    # URL, so no browser keeps running a cached old wheel.
    return _digest(*(SRC_ROOT / path for path in runtime_files()))


@cache
def _web_dir() -> str:
    # Named by the scripts' digest, so a rebuilt page never runs with cached old
    # modules (the modules import each other by relative URL inside it).
    return _digest(*(WEB / name for name in WEB_FILES))


def _copy(source: Path, target: Path) -> None:
    if target.exists() and target.read_bytes() == source.read_bytes():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def on_post_build(config):
    # Called once per language build (mkdocs-static-i18n); copying is idempotent.
    site = Path(config["site_dir"])
    for name in runtime.FILES:
        _copy(_runtime_files() / name, site / _pyodide_dir() / name)
    for name in WEB_FILES:
        _copy(WEB / name, site / "assets" / "assessment" / _web_dir() / name)
    _copy(_wheel_file(), site / "assets" / "assessor" / _wheel_dir() / wheel_name())


def on_serve(server, config, builder):
    server.watch(str(WEB))
    return server
