"""MkDocs hook: no built page may carry SEO/gambling spam.

Runs build_scripts/integrity.py on the readable text of every page, in both
languages, after the theme has rendered it, and at the end on the other text
the site publishes (the search index, the restored text download); a finding
stops the build.
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

from build_scripts.integrity import readable_text, scan, scan_file  # noqa: E402

# Published text that is not a page: what search shows, and the text download.
OTHER_TEXT = ("search/search_index.json", "downloads/*.txt")


# Last, so it sees the page exactly as it will be written.
@event_priority(-200)
def on_post_page(output, page, config):
    _refuse(page.file.dest_uri, scan(readable_text(output)))
    return output


@event_priority(-200)
def on_post_build(config):
    site = Path(config.site_dir)
    for pattern in OTHER_TEXT:
        for path in site.glob(pattern):
            _refuse(str(path.relative_to(site)), scan_file(path))


def _refuse(where: str, findings) -> None:
    if findings:
        listed = "\n  ".join(str(finding) for finding in findings)
        raise PluginError(f"spam in {where} (line:column of its text):\n  {listed}")
