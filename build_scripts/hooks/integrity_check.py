"""MkDocs hook: no built page may carry SEO/gambling spam.

Runs build_scripts/integrity.py on everything every page publishes (text,
attribute values such as href and src, comments, inline scripts), in both
languages, after the theme has rendered it, and at the end on the other things
the site publishes: the search index, the downloads and the assessor wheel
(every file in it). A finding stops the build.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
# MkDocs loads hooks by path; the repository root makes build_scripts importable.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from build_scripts.integrity import published_text, scan, scan_file  # noqa: E402

# What the site publishes besides its pages: what search shows, the downloads, and the
# wheel the browser runs (its text must be as clean as the pages').
OTHER_FILES = ("search/search_index.json", "downloads/*", "assets/assessor/*/*.whl")


# Last, so it sees the page exactly as it will be written.
@event_priority(-200)
def on_post_page(output, page, config):
    _refuse(page.file.dest_uri, scan(published_text(output)))
    return output


@event_priority(-200)
def on_post_build(config):
    site = Path(config.site_dir)
    for pattern in OTHER_FILES:
        for path in site.glob(pattern):
            found = scan_file(path)
            if found:
                listed = "\n  ".join(f"{where.removeprefix(f'{site}/')}:{f}" for where, f in found)
                raise PluginError(f"spam in {path.relative_to(site)} (file:line:column):\n  {listed}")


def _refuse(where: str, findings) -> None:
    if findings:
        listed = "\n  ".join(str(finding) for finding in findings)
        raise PluginError(f"spam in {where} (line:column of its text):\n  {listed}")
