"""MkDocs hook: a Content-Security-Policy on every page, as a <meta> tag.

Scripts run only from the site itself, plus Material's two small inline
scripts, allowed by their sha256 hashes computed here from the final page (so
a Material upgrade that changes them changes the hashes, not the policy).
No 'unsafe-inline' and no 'unsafe-eval' for scripts; 'wasm-unsafe-eval' lets
the page's worker compile WebAssembly. Styles keep 'unsafe-inline' (Material
sets style attributes) and images allow data: (Material's icons).

A <meta> policy cannot forbid framing (`frame-ancestors` is ignored there):
the README's hosting section gives the server headers that do, and offline.js
covers pages against framing where a server sends none.
"""

from __future__ import annotations

import base64
import hashlib
import re

from mkdocs.plugins import event_priority

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
# Data blocks (JSON) are never run, so they need no hash.
DATA_BLOCK = re.compile(r'type="application/(ld\+)?json"')

POLICY = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval' {hashes}",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def script_hashes(html: str) -> list[str]:
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs or DATA_BLOCK.search(attrs):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode()).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return sorted(set(hashes))


def policy(html: str) -> str:
    return "; ".join(POLICY).format(hashes=" ".join(script_hashes(html)))


def with_policy(output: str, name: str) -> str:
    if 'http-equiv="Content-Security-Policy"' in output:
        return output  # a page with its own, stricter policy (404.html) keeps it alone
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(output)}">'
    # Right after <meta charset>: the policy covers only what follows it.
    head = re.search(r"<meta charset=[^>]*>", output)
    if head is None:
        raise RuntimeError(f"{name}: no <meta charset> to put the CSP after")
    return output[: head.end()] + meta + output[head.end() :]


@event_priority(-200)  # last: the hashes must be of the page as it is written
def on_post_page(output, page, config):
    return with_policy(output, page.file.src_uri)


@event_priority(-200)
def on_post_template(output_content, template_name, config):
    # 404.html is a template, not a page.
    return with_policy(output_content, template_name) if template_name.endswith(".html") else output_content
