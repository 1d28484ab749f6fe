"""MkDocs hook: give Material's search dialog an accessible name.

Material renders search as `<div class="md-search" role="dialog">` with no name,
so a screen reader announces an unnamed dialog (axe: aria-dialog-name). The
dialog takes the label of its own search field ("搜索" / "Search"), which
Material already translates for each language.
"""

from __future__ import annotations

import re

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input"[^>]*\baria-label="([^"]+)"')


def on_post_page(output, page, config):
    if SEARCH_DIALOG not in output:
        return output
    label = SEARCH_LABEL.search(output)
    if label is None:
        return output
    named = SEARCH_DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{label.group(1)}"')
    return output.replace(SEARCH_DIALOG, named, 1)
