"""What assessor/API.md promises, read from the document itself, so tests and docs cannot drift."""

import re
from pathlib import Path

API_MD = Path(__file__).resolve().parent.parent / "assessor" / "API.md"


def documented_error_codes() -> set[str]:
    """The codes listed after "Codes:" in API.md."""
    text = API_MD.read_text(encoding="utf-8")
    listing = re.search(r"^Codes: (.*?)\.\s", text, re.M | re.S)
    assert listing, "assessor/API.md no longer lists its error codes after 'Codes:'"
    return set(re.findall(r"`(\w+)`", listing.group(1)))
