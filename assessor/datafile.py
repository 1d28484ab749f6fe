"""Strict reading of the TOML data files: fail loudly, naming the file and key.

TOML already rejects duplicate keys; on top of that every table is checked for
unknown keys, missing keys, wrong types and empty strings, so a typo in the data
is an error at load time rather than a silently missing line on the site.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any


class DataError(ValueError):
    """Invalid policy data. The message names the file and the key."""


def read_toml(name: str, folder: Any = None) -> dict[str, Any]:
    """Parse data file `name` from `folder` (default: the package's data folder)."""
    folder = folder if folder is not None else resources.files("assessor.data")
    try:
        text = folder.joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{name}: file not found") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib reports a duplicate key as "Cannot overwrite a value"; say it plainly.
        duplicate = "overwrite" in str(error) or "twice" in str(error)
        problem = "a key or table is defined twice" if duplicate else "invalid TOML"
        raise DataError(f"{name}: {problem} ({error})") from None


class Table:
    """One TOML table being read; `where` is its path for error messages."""

    def __init__(self, data: Any, file: str, where: str):
        if not isinstance(data, dict):
            raise DataError(f"{file}: {where or 'the file'} must be a table")
        self.data, self.file, self.where = data, file, where
        self._read: set[str] = set()

    def path(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def _fail(self, key: str, problem: str) -> DataError:
        return DataError(f"{self.file}: {self.path(key)} {problem}")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        self._read.add(key)
        if key not in self.data:
            if default is ...:
                raise self._fail(key, "is missing")
            return default
        value = self.data[key]
        # bool is an int in Python; never accept one for the other.
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise self._fail(key, f"must be {getattr(kind, '__name__', kind)}, got {value!r}")
        return value

    def text(self, key: str, default: Any = ...) -> str:
        value = self.get(key, str, default)
        if key in self.data and not value.strip():
            raise self._fail(key, "is empty")
        return value

    def texts(self, key: str, default: Any = ...) -> list[str]:
        values = self.get(key, list, default)
        for i, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                raise self._fail(f"{key}[{i}]", "must be a non-empty string")
        return values

    def tables(self, key: str, default: Any = ...) -> list[Table]:
        values = self.get(key, list, default)
        return [Table(value, self.file, f"{self.path(key)}[{i}]") for i, value in enumerate(values)]

    def table(self, key: str) -> Table:
        return Table(self.get(key, dict), self.file, self.path(key))

    def done(self) -> None:
        """Reject keys the reader did not ask for (typos, stale fields)."""
        unknown = sorted(set(self.data) - self._read)
        if unknown:
            raise self._fail(unknown[0], "is not a known key")


def unique_ids(items: list[Any], file: str, what: str) -> dict[str, Any]:
    """Index items by `.id`, rejecting duplicates."""
    index: dict[str, Any] = {}
    for item in items:
        if item.id in index:
            raise DataError(f"{file}: duplicate {what} id {item.id!r}")
        index[item.id] = item
    return index
