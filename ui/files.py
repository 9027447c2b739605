"""Uploaded files known by their content: a sha256 worked out once per upload, not per run.

The cached loads of `ui/loads.py` are keyed on `Files.digest` (through `digest_of`), so a
cache hit hashes 64 characters instead of the megabytes of the export, and two exports with
the same names and sizes but different contents are never taken for each other.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, eq=False)
class Files:
    """Files as uploaded, (name, bytes) each, with the sha256 of their names and contents, and
    whether they are the bundled sample (whose results all sessions share, `ui/loads.py`)."""

    items: tuple[tuple[str, bytes], ...]
    digest: str
    shared: bool = False

    @classmethod
    def of(cls, items: Iterable[tuple[str, bytes]], shared: bool = False) -> Files:
        """Return the files with their digest (the only place the bytes are hashed)."""
        items = tuple((str(name), bytes(data)) for name, data in items)
        sha = hashlib.sha256()
        for name, data in items:
            encoded = name.encode("utf-8")
            sha.update(len(encoded).to_bytes(8, "big") + encoded)
            sha.update(len(data).to_bytes(8, "big") + data)
        return cls(items, sha.hexdigest(), shared)

    def __iter__(self) -> Iterator[tuple[str, bytes]]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Files) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    def __repr__(self) -> str:
        return f"Files({[name for name, _ in self.items]}, {self.digest[:12]})"

    @property
    def names(self) -> tuple[str, ...]:
        """Return the file names, in order."""
        return tuple(name for name, _ in self.items)


def as_files(value: Any) -> Files:
    """Return `value` as `Files` (a plain tuple of (name, bytes) is hashed once here)."""
    return value if isinstance(value, Files) else Files.of(value or ())


def digest_of(value: Any) -> str:
    """Return what st.cache_* hashes a value with a `digest` by (hash_funcs): its digest."""
    return value.digest
