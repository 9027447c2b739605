"""Files named on the command line: the export to analyse, a saved mapping, earlier exports.

Every problem with them is an `InputError`: one sentence naming the file, exit code 2.
An earlier export (`--previous`) is one file, or a folder whose every file is one export
(hidden files and Office's `~$` lock files left out); each is read on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.input_error import InputError
from analysis.read.saved_mapping import apply_saved
from analysis.read.upload import Upload, read_files


def read_mapping(mapping: Path | None) -> str | None:
    """Return the text of a mapping saved from the app (InputError: unreadable, or not one)."""
    if mapping is None:
        return None
    try:
        saved = mapping.read_text(encoding="utf-8")
        apply_saved(saved, "", "", pd.DataFrame())  # raises when it is not a mapping
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        detail = exc.strerror if isinstance(exc, OSError) else exc
        raise InputError(f"--mapping {mapping} cannot be used: {detail or exc}") from exc
    return saved


def read_paths(paths: Sequence[Path], saved: str | None) -> Upload:
    """Return the upload of these files (InputError when none of them holds readable data)."""
    files = []
    for path in paths:
        try:
            files.append((path.name, path.read_bytes()))
        except OSError as exc:
            raise InputError(f"{path} cannot be opened: {exc.strerror or exc}.") from exc
    upload = read_files(files, saved)
    if not upload.sheets:
        errors = " ".join(error.text("en") for error in upload.errors)
        raise InputError(errors or "No readable data in the given files.")
    return upload


def _hidden(path: Path) -> bool:
    return path.name.startswith((".", "~$"))


def export_files(paths: Sequence[Path], leave_out: Sequence[Path] = ()) -> list[Path]:
    """Return the earlier exports named: each file, and every file of each folder (by name).

    Files also given as the export to analyse (`leave_out`) are left out of a folder.
    """
    skip = {p.resolve() for p in leave_out}
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        inside = sorted(p for p in path.iterdir() if p.is_file() and not _hidden(p))
        inside = [p for p in inside if p.resolve() not in skip]
        if not inside:
            raise InputError(f"--previous {path}: the folder holds no export.")
        out += inside
    return out


def read_exports(
    paths: Sequence[Path], saved: str | None, leave_out: Sequence[Path] = ()
) -> list[Dataset]:
    """Return each earlier export's data, read on its own (InputError: unreadable, no deals)."""
    out = []
    for path in export_files(paths, leave_out):
        try:
            data = read_paths([path], saved).dataset()
        except InputError as exc:
            raise InputError(f"--previous {path}: {exc}") from exc
        if S.DEALS not in data.tables:
            raise InputError(f"--previous {path}: no deals found in it to compare with.")
        out.append(data)
    return out
