"""MkDocs hook: no built page may carry SEO/gambling spam.

Runs build_scripts/integrity.py on the readable text of every page, in both
languages, after the theme has rendered it; a finding stops the build.
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

from build_scripts.integrity import readable_text, scan  # noqa: E402


# Last, so it sees the page exactly as it will be written.
@event_priority(-200)
def on_post_page(output, page, config):
    findings = scan(readable_text(output))
    if findings:
        listed = "\n  ".join(str(finding) for finding in findings)
        raise PluginError(f"spam in {page.file.dest_uri} (line:column of its text):\n  {listed}")
    return output
