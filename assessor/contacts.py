"""Where a worker can turn (assessor/data/contacts.toml), read strictly.

Two kinds of entry: the sourced national hotlines (12345, 12351), and each
department's own address, phone, hours and website, which the site's operator
fills in. An empty field means "not on record": readers then see the fallback
line and the hotlines, never an invented detail. Every phone number must carry
its source (publisher, title, date), which is what readers are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from .datafile import DataError, Table, read_toml, unique_ids
from .policy import policy
from .sources import Source, cite_all, read_source

FILE = "contacts.toml"
Text = dict[str, str]
# Department fields the operator fills in; "" until known.
FIELDS = ("address_zh", "address_en", "phone", "hours_zh", "hours_en", "website", "bring_zh", "bring_en")


@dataclass(frozen=True)
class Hotline:
    id: str
    number: str
    name: Text
    short: Text  # the name in a few words, for the first screen
    what: Text
    hours: Text
    sources: tuple[Source, ...]

    def json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "name": self.name,
            "short": self.short,
            "what": self.what,
            "hours": self.hours,
            "sources": [s.json() for s in self.sources],
            "cited": cite_all(self.sources),
        }


@dataclass(frozen=True)
class DepartmentContact:
    id: str
    address: Text
    phone: str
    hours: Text
    website: str
    bring: Text
    sources: tuple[Source, ...]

    @property
    def is_empty(self) -> bool:
        return not (
            self.address["zh"]
            or self.address["en"]
            or self.phone
            or self.hours["zh"]
            or self.hours["en"]
            or self.website
        )

    def json(self) -> dict[str, Any] | None:
        """The details on record, or None when nothing is (readers then see the fallback)."""
        if self.is_empty and not (self.bring["zh"] or self.bring["en"]):
            return None
        return {
            "address": self.address,
            "phone": self.phone,
            "hours": self.hours,
            "website": self.website,
            "bring": self.bring,
            "sources": [s.json() for s in self.sources],
            "cited": cite_all(self.sources),
        }


@dataclass(frozen=True)
class Contacts:
    hotlines: tuple[Hotline, ...]
    departments: dict[str, DepartmentContact]


def _pair(table: Table, key: str) -> Text:
    return {"zh": table.text(f"{key}_zh"), "en": table.text(f"{key}_en")}


def load_contacts(folder: Any = None, department_ids: Any = None) -> Contacts:
    root = Table(read_toml(FILE, folder), FILE, "")
    hotlines = []
    for table in root.tables("hotlines"):
        sources = tuple(read_source(s) for s in table.tables("sources"))
        if not sources:
            raise DataError(
                f"{FILE}: {table.where}.sources: the number {table.data.get('number')!r} "
                "needs a source (publisher, title, date)"
            )
        hotlines.append(
            Hotline(
                id=table.text("id"),
                number=table.text("number"),
                name=_pair(table, "name"),
                short=_pair(table, "short"),
                what=_pair(table, "what"),
                hours=_pair(table, "hours"),
                sources=sources,
            )
        )
        table.done()
    departments = []
    for table in root.tables("departments"):
        values = {key: table.get(key, str).strip() for key in FIELDS}
        sources = tuple(read_source(s) for s in table.tables("sources"))
        contact = DepartmentContact(
            id=table.text("id"),
            address={"zh": values["address_zh"], "en": values["address_en"]},
            phone=values["phone"],
            hours={"zh": values["hours_zh"], "en": values["hours_en"]},
            website=values["website"],
            bring={"zh": values["bring_zh"], "en": values["bring_en"]},
            sources=sources,
        )
        filled = [key for key in FIELDS if values[key]]
        if filled and not sources:
            raise DataError(
                f"{FILE}: {table.where}.{filled[0]} is filled in but has no source: "
                "add a [[departments.sources]] entry (publisher, title, date)"
            )
        for key in ("address", "hours", "bring"):
            if bool(values[f"{key}_zh"]) != bool(values[f"{key}_en"]):
                raise DataError(f"{FILE}: {table.where}.{key}_zh and {key}_en must be filled in together")
        if values["website"] and not values["website"].startswith(("https://", "http://")):
            raise DataError(f"{FILE}: {table.where}.website must start with https:// or http://")
        departments.append(contact)
        table.done()
    root.done()
    by_id = unique_ids(departments, FILE, "department")
    known = set(department_ids if department_ids is not None else policy().departments)
    if set(by_id) != known:
        missing, unknown = sorted(known - set(by_id)), sorted(set(by_id) - known)
        raise DataError(
            f"{FILE}: departments must match departments.toml; missing {missing}, unknown {unknown}"
        )
    return Contacts(hotlines=tuple(unique_ids(hotlines, FILE, "hotline").values()), departments=by_id)


@cache
def contacts() -> Contacts:
    """The shipped contacts, read once."""
    return load_contacts()
