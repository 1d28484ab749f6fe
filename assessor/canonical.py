"""The canonical Chinese text of the plan, as the rest of the assessor reads it.

In the repository (and any CPython install) it is restored from the scraped copy
by assessor/restore.py, every time, from a file whose sha256 is checked. The
wheel the browser runs carries neither the scraped copy nor restore.py (the
scraped copy holds the gambling spam, and restore.py must name it): it carries
the text as restore.py made it at build time, in one JSON file with the sha256
of that text and of the source it came from. So the published wheel holds no
spam, and its Chinese is, byte for byte, what the restoration gives (checked
here at load time and by tests/test_pyodide_parity.py).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources

RESTORED_FILE = "baotou-2019-47-restored.json"


@dataclass(frozen=True)
class RestoredDocument:
    metadata: dict[str, str]
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        """The canonical text: one paragraph per line."""
        return "\n".join(self.paragraphs) + "\n"


def to_json(document: RestoredDocument, source_sha256: str) -> bytes:
    """The restored document as the wheel ships it (deterministic bytes)."""
    data = {
        "source_sha256": source_sha256,
        "text_sha256": _digest(document.text),
        "metadata": document.metadata,
        "paragraphs": list(document.paragraphs),
    }
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def from_json(raw: bytes) -> RestoredDocument:
    data = json.loads(raw.decode("utf-8"))
    document = RestoredDocument(metadata=dict(data["metadata"]), paragraphs=tuple(data["paragraphs"]))
    if _digest(document.text) != data["text_sha256"]:
        raise ValueError(f"{RESTORED_FILE}: the text does not match its sha256; rebuild the wheel")
    return document


def canonical_document() -> RestoredDocument:
    """The restored text: shipped as built (the wheel), or restored from the scraped copy."""
    shipped = resources.files("assessor.data.source").joinpath(RESTORED_FILE)
    if shipped.is_file():
        return from_json(shipped.read_bytes())
    from .restore import restored_document  # only where the scraped copy is: not in the wheel

    return restored_document()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
