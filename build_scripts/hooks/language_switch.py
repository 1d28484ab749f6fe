"""MkDocs hook: keep the language switch from fetching sitemaps that are not there.

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

from mkdocs.plugins import event_priority

HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


@event_priority(-150)
def on_post_page(output, page, config):
    head, separator, body = output.partition("</head>")
    return HEAD_ALTERNATE.sub("", head) + separator + body
