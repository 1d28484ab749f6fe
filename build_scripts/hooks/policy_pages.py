"""MkDocs hook: the policy pages, generated from the data at build time.

- adds the generated pages (full text, one page per measure, departments,
  matrix, glossary; see build_scripts/site_pages.py) in both languages;
- fills the `<!-- policy:NAME -->` markers of hand-written pages (home, about)
  with parts generated from the data. An unknown marker is an error;
- writes the canonical Chinese text (restored from the scraped copy) as a
  plain-text download, RESTORED_TEXT, for anyone who wants to check it.

Why after mkdocs-static-i18n (priority -110 < its -100): the i18n plugin
rebuilds the file list from files on disk in docs/, so a page generated before
it would be dropped. It runs the whole build once per language, so here we add
each page for the language being built, at its place in that language's tree
(`en/…` for English), and tell the language switch where the other language's
page is, as i18n does for pages on disk.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import SimpleNamespace

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]
# MkDocs loads hooks by path; the repository root makes build_scripts importable.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assessor.policy import policy  # noqa: E402
from assessor.restore import restored_document  # noqa: E402
from build_scripts.site_pages import LANGUAGES, MARKERS, RESTORED_TEXT, generated_pages  # noqa: E402

DEFAULT_LANGUAGE = "zh"
MARKER = re.compile(r"<!--\s*policy:([\w-]+)\s*-->")


def _language(config) -> str:
    """The language being built: mkdocs-static-i18n sets theme.language per build."""
    language = config.theme["language"]
    if language not in LANGUAGES:
        raise PluginError(f"policy_pages: unexpected theme.language {language!r}")
    return language


def _dest_prefix(language: str) -> str:
    return "" if language == DEFAULT_LANGUAGE else f"{language}/"


@event_priority(-110)
def on_files(files, config):
    language = _language(config)
    for src_uri, markdown in generated_pages(policy(), language).items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"docs/{src_uri} exists, but this page is generated from the data: remove the file"
            )
        file = File.generated(config, src_uri, content=markdown)
        dest = file.dest_uri
        file.dest_uri = _dest_prefix(language) + dest
        # What mkdocs-static-i18n's language switch reads (see its reconfigure_page_context).
        file.locale = file.locale_alternate_of = language
        file.alternates = {lang: SimpleNamespace(url=_dest_prefix(lang) + dest) for lang in LANGUAGES}
        files.append(file)
    return files


def on_page_markdown(markdown, page, config, files):
    language = _language(config)

    def fill(match: re.Match) -> str:
        name = match.group(1)
        if name not in MARKERS:
            raise PluginError(
                f"{page.file.src_uri}: unknown marker <!-- policy:{name} -->; known: {', '.join(MARKERS)}"
            )
        return MARKERS[name](policy(), language)

    return MARKER.sub(fill, markdown)


def on_post_build(config):
    path = Path(config.site_dir) / RESTORED_TEXT
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(restored_document().text, encoding="utf-8")
