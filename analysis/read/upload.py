"""One upload: several files read, each sheet recognised, split tables joined.

This is the entry point the app and the command line share: `read_files` gives the raw
sheets and the guessed (or saved) mappings; `Upload.dataset` builds the canonical tables
from them with whatever mapping the user confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.read.build import build_dataset
from analysis.read.derived_columns import add_derived_columns
from analysis.read.ingest import read_upload
from analysis.read.joins import join_split_sheets
from analysis.read.mapping import SheetMapping, guess_mapping, remap
from analysis.read.notes import message
from analysis.read.saved_mapping import apply_saved, mappings_to_json
from analysis.read.sheets import IngestError, RawSheet
from analysis.read.wide_targets import unpivot_wide_targets
from analysis.words.message import Say


@dataclass
class Upload:
    """The raw sheets of an upload, their mappings, and the files that could not be read."""

    sheets: list[RawSheet]
    mappings: dict[str, SheetMapping]
    errors: list[Say] = field(default_factory=list)
    notes: list[Say] = field(default_factory=list)
    read: list[str] = field(default_factory=list)

    @property
    def file_names(self) -> list[str]:
        """Return the names of the files that were read, in upload order."""
        return self.read or list(dict.fromkeys(s.file for s in self.sheets))

    def sheet(self, key: str) -> RawSheet:
        """Return the sheet with this key."""
        return next(s for s in self.sheets if s.key == key)

    def dataset(self, mappings: dict[str, SheetMapping] | None = None) -> Dataset:
        """Return the canonical tables built with the given (or guessed) mappings."""
        data = build_dataset(self.sheets, mappings or self.mappings)
        data.notes = [*self.notes, *data.notes]
        return data

    def without_rows(self) -> Upload:
        """Return this upload with its sheets' data rows let go of (columns, rows set aside and
        notes kept; the rows read are counted in the Dataset's reports): what a run needs of it
        once its Dataset is built."""
        sheets = [replace(s, frame=s.frame.iloc[:0]) for s in self.sheets]
        return replace(self, sheets=sheets)

    def mapping_json(self, mappings: dict[str, SheetMapping] | None = None) -> str:
        """Return the mappings as JSON to apply to a later export."""
        chosen = mappings or self.mappings
        names = {s.key: s.sheet or s.file for s in self.sheets}
        return mappings_to_json([chosen[s.key] for s in self.sheets], names)


def read_files(files: list[tuple[str, bytes]], saved_mapping: str | None = None) -> Upload:
    """Return the upload made of these (name, bytes) files; unreadable files become errors."""
    sheets: list[RawSheet] = []
    errors: list[Say] = []
    read: list[str] = []
    seen: dict[str, int] = {}
    for name, data in files:
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:  # two uploads called export.csv must stay two files
            stem, dot, ext = name.rpartition(".")
            name = f"{stem} ({seen[name]}).{ext}" if dot else f"{name} ({seen[name]})"
        try:
            sheets += [add_derived_columns(s) for s in read_upload(name, data)]
            read.append(name)
        except IngestError as exc:
            errors.append(exc.said or message("error.cannot_open", name=name))
    # A target sheet with one column per month becomes long; its key stays file::sheet.
    sheets = [unpivot_wide_targets(sheet, saved_mapping) for sheet in sheets]
    mappings: dict[str, SheetMapping] = {}
    for sheet in sheets:
        saved = (
            apply_saved(saved_mapping, sheet.key, sheet.sheet or sheet.file, sheet.frame)
            if saved_mapping
            else None
        )
        mappings[sheet.key] = saved or guess_mapping(
            sheet.key, sheet.sheet or sheet.file, sheet.frame
        )
        if sheet.hidden and not saved:
            mappings[sheet.key] = remap(mappings[sheet.key], sheet.frame, S.IGNORE)
            mappings[sheet.key] = replace(mappings[sheet.key], reason=message("note.hidden_sheet"))
    sheets, mappings, notes = join_split_sheets(sheets, mappings)
    if sheets and all(m.table == S.IGNORE for m in mappings.values()):
        notes.append(message("note.none_recognised"))
    return Upload(sheets, mappings, errors, notes, read)
