"""Property test of `--previous`: the command line compares generated exports and never crashes.

The later export comes from `tests.exports`; the earlier one is the same export, the same with
deal rows dropped and amounts, stages and close dates shuffled between rows, or another
generated export, written as one workbook. The exit code is 0, or 2 only when one of them
holds nothing usable. The invariants are stated without the code under test: every flow
(company, team, rep) adds up to the cent, the reps' and the teams' pipelines at both exports
add up to the company's, and moving between owners adds nothing for the company.
"""

from __future__ import annotations

import json
import random
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from analysis.cli import main
from analysis.model import schema as S
from analysis.read.upload import read_files
from tests.export_files import Export, Sheet, workbook, write_files
from tests.exports import exports, settled
from tests.unit.cli.test_property_analysis import assert_clean_run, nothing_usable

SHUFFLED = (S.AMOUNT, S.STAGE, S.CLOSE_DATE, S.STATUS, S.IS_WON)


def _earlier_deals(sheet: Sheet, rng: random.Random) -> Sheet:
    """Return the deals sheet as an earlier export might have held it: a few rows not there
    yet, and some amounts, stages and close dates different (shuffled between rows)."""
    frame = sheet.frame
    keep = [i for i in range(len(frame)) if rng.random() > 0.2]
    frame = frame.iloc[keep].reset_index(drop=True)
    for header, field in sheet.fields.items():
        if field in SHUFFLED and len(frame) > 1 and rng.random() < 0.6:
            rows = [i for i in range(len(frame)) if rng.random() < 0.3]
            moved = rows[1:] + rows[:1]
            frame.loc[rows, header] = frame.loc[moved, header].to_numpy()
    return replace(sheet, frame=frame)


@st.composite
def pairs(draw: st.DrawFn) -> tuple[Export, bytes]:
    """Draw a later export and the earlier one (a workbook) to compare it with."""
    later = draw(exports())
    how = draw(st.sampled_from(("same", "changed", "changed", "other")))
    sheets = list(later.sheets)
    if how == "other":
        sheets = list(draw(exports()).sheets)
    elif how == "changed":
        rng = random.Random(draw(st.integers(0, 2**16)))
        sheets = [_earlier_deals(s, rng) if s.table == S.DEALS else s for s in sheets]
    if not sheets:
        sheets = [Sheet(S.IGNORE, "Sheet1", pd.DataFrame({"Note": ["nothing here"]}), {})]
    return later, workbook(sheets)


def _cents(flow: list[dict]) -> dict[str, int]:
    return {p["part"]: round(p["value"] * 100) for p in flow}


def check_flows(changes: dict) -> None:
    """Every flow adds up; the reps' and the teams' pipelines then and now are the company's."""
    company = _cents(changes["flow"])
    for scope in [{"flow": changes["flow"]}, *changes["teams"], *changes["reps"]]:
        cents = [round(p["value"] * 100) for p in scope["flow"]]
        assert (scope["flow"][0]["part"], scope["flow"][-1]["part"]) == ("start", "end")
        assert cents[0] + sum(cents[1:-1]) == cents[-1], scope
    for owners in ("teams", "reps"):
        summed: Counter[str] = Counter()
        for scope in changes[owners]:
            summed.update(_cents(scope["flow"]))
        assert (summed["start"], summed["end"]) == (company["start"], company["end"]), owners
    assert company.get("reassigned", 0) == 0  # moving between owners adds nothing overall


def compare_pair(later: Export, earlier: bytes, folder: Path) -> None:
    """Run the command line on the pair; check its exit code and, when written, the flows."""
    paths = write_files(later, folder)
    old = folder / "earlier" / "export.xlsx"
    old.parent.mkdir()
    old.write_bytes(earlier)
    out = folder / "out.json"
    code = main(["analyze", *map(str, paths), "--previous", str(old), "--json", str(out)])
    assert code in (0, 2)
    if code == 2:
        earlier_data = read_files([(old.name, earlier)]).dataset()
        assert nothing_usable(later, None) or S.DEALS not in earlier_data.tables
        return
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert_clean_run(doc)
    changes = doc["changes"]
    assert changes is not None
    check_flows(changes)
    assert all(d["category"] != "unchanged" for d in changes["deals"])


@settled(examples=8)
@given(pairs())
def test_generated_pairs_are_compared_and_every_flow_adds_up(pair: tuple[Export, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        compare_pair(*pair, Path(tmp))
