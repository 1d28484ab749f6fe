"""MkDocs hook: a 404 page that works under any sub-path and at any depth.

A server shows 404.html for any missing address (nginx: `error_page 404
/policy/404.html;`), so the page cannot know where it is: MkDocs writes its
links and assets as absolute `/…` paths, which break under /policy/, and
relative ones would break one directory down. This page therefore needs no
asset at all (its few styles are inline), and one small inline script finds
the site's root by asking, from the deepest directory of the address up, for
the root's own 404.html: the first that answers 200 is the root. The links
then point there. Without scripts the page still says what happened, in both
languages, and its links lead to the server's root.
"""

from __future__ import annotations

import base64
import hashlib
import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# MkDocs loads hooks by path; the repository root makes build_scripts importable.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from build_scripts import wording  # noqa: E402

STYLE = """
body { margin: 0; font-family: system-ui, "Noto Sans CJK SC", sans-serif; color: #212121; line-height: 1.6; }
header { background: #c62828; color: #fff; padding: .75rem 1rem; font-weight: 700; }
main { max-width: 40rem; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 1rem 0 .25rem; }
a { color: #b71c1c; }
section + section { border-top: 1px solid #ddd; margin-top: 1.5rem; }
"""

# Deepest directory first; "404.html" exists at the site's root and nowhere else.
SCRIPT = """
(async () => {
  const parts = location.pathname.split("/").slice(0, -1);
  for (let n = parts.length; n > 0; n--) {
    const root = parts.slice(0, n).join("/") + "/";
    try {
      const reply = await fetch(root + "404.html", { method: "HEAD", cache: "no-store" });
      if (reply.status !== 200) continue;
      for (const link of document.querySelectorAll("a[data-path]")) {
        link.href = root + link.dataset.path;
      }
      return;
    } catch (error) {
      return;
    }
  }
})();
"""


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def page(site_name: str, site_name_en: str) -> str:
    # The page's own policy allows exactly its inline style and script (by hash) and
    # requests to its own origin; a stricter header from the server still applies.
    csp = (
        f"default-src 'none'; connect-src 'self'; style-src '{_hash(STYLE)}'; "
        f"script-src '{_hash(SCRIPT)}'; base-uri 'none'; form-action 'none'"
    )
    zh, en = (wording.words("not_found", lang) for lang in ("zh", "en"))
    explanation_en = wording.fill(html.escape(en["explanation"]), site=html.escape(site_name_en))
    return f"""<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="robots" content="noindex">
<title>{zh["title"]} · {en["title"]}</title>
<style>{STYLE}</style>
</head>
<body>
<header>{html.escape(site_name)}</header>
<main>
<section>
<h1>{zh["title"]}</h1>
<p>{html.escape(zh["explanation"])}</p>
<p><a data-path="index.html" href="/">{zh["home"]}</a> ·
<a data-path="fulltext.html" href="/">{zh["fulltext"]}</a></p>
</section>
<section lang="en">
<h1>{en["title"]}</h1>
<p>{explanation_en}</p>
<p><a data-path="en/index.html" href="/">{en["home"]}</a> ·
<a data-path="en/fulltext.html" href="/">{en["fulltext"]}</a></p>
</section>
</main>
<script>{SCRIPT}</script>
</body>
</html>
"""


_SITE_NAMES: dict[str, str] = {}


def on_config(config):
    # The first build is the default language's, with mkdocs.yml's own (Chinese) name;
    # mkdocs-static-i18n then rebuilds for English with the name overridden.
    _SITE_NAMES.setdefault("zh", config["site_name"])
    return config


def on_post_template(output_content, template_name, config):
    if template_name != "404.html":
        return output_content
    english = next(
        (
            lang.get("site_name")
            for plugin in [config["plugins"].get("i18n")]
            if plugin is not None
            for lang in plugin.config.get("languages", [])
            if lang.get("locale") == "en"
        ),
        None,
    )
    chinese = _SITE_NAMES.get("zh", config["site_name"])
    return page(chinese, english or chinese)
