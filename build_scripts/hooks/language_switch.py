"""MkDocs hook: keep the language switch from fetching sitemaps, and ship no broken sitemap.

Material's script fetches `sitemap.xml` next to the target of every
`<link rel="alternate" hreflang>` in the page head, to find the same page in
the other language. Those targets are pages (e.g. ../en/measures/housing.html),
so under a sub-path it asks for …/measures/sitemap.xml and gets 404s. The
switch does not need it: mkdocs-static-i18n already points each language link
at the same page in the other language. So the head links go; the visible
language menu stays.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import event_priority

HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


@event_priority(-150)
def on_post_page(output, page, config):
    head, separator, body = output.partition("</head>")
    return HEAD_ALTERNATE.sub("", head) + separator + body


@event_priority(-150)
def on_post_build(config):
    """Drop MkDocs' sitemaps: with no site_url (the site may live under any path)
    every URL in them would read "None…", which search engines reject, and
    nothing on the site uses them once the head links above are gone."""
    if config.get("site_url"):
        return
    site = Path(config.site_dir)
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        for path in (site / name, site / "en" / name):
            path.unlink(missing_ok=True)
