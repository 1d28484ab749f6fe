"""A source as readers see it: publisher, title and date (never a link to a copy).

Shared by contacts.toml (hotlines, departments) and parameters.toml (the 低保
figure). A title that is not on record is left out, never made up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .datafile import DataError, Table

Text = dict[str, str]


@dataclass(frozen=True)
class Source:
    """A source as readers see it: publisher, title and date."""

    publisher: Text
    title: Text
    date: str

    def cited(self, lang: str) -> str:
        """Publisher, “Title”, date; a title not on record is left out, never made up."""
        parts = [self.publisher[lang]]
        if self.title[lang]:
            parts.append(f"《{self.title['zh']}》" if lang == "zh" else f"“{self.title['en']}”")
        parts.append(self.date)
        return ("，" if lang == "zh" else ", ").join(parts)

    def json(self) -> dict[str, Any]:
        return {"publisher": self.publisher, "title": self.title, "date": self.date}


def cite_all(sources: tuple[Source, ...]) -> Text:
    return {"zh": "；".join(s.cited("zh") for s in sources), "en": "; ".join(s.cited("en") for s in sources)}


def _pair(table: Table, key: str) -> Text:
    return {"zh": table.text(f"{key}_zh"), "en": table.text(f"{key}_en")}


def read_source(table: Table) -> Source:
    """publisher, title (zh and en; optional, as it may not be on record) and date: a TOML
    date or text ("2020", "2023-06")."""
    date = table.get("date", (str, dt.date))
    if isinstance(date, str) and not date.strip():
        raise DataError(f"{table.file}: {table.path('date')} is empty")
    title = {"zh": table.get("title_zh", str, "").strip(), "en": table.get("title_en", str, "").strip()}
    if bool(title["zh"]) != bool(title["en"]):
        raise DataError(f"{table.file}: {table.where}: title_zh and title_en go together (or neither)")
    source = Source(publisher=_pair(table, "publisher"), title=title, date=str(date))
    table.done()
    return source
