"""Sizes that fit in a head (issue 13): modules, pages and functions a newcomer can read.

No module in analysis/ or ui/ over 400 lines, no page over 150 lines, and no function anywhere
in analysis/, ui/ or pages/ over 60 lines (counted from its ``def`` to its last line, as
``ast`` gives them), unless the function is a table of data listed in ``DATA_TABLES``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULE_LINES = 400
PAGE_LINES = 150
FUNCTION_LINES = 60

# Functions allowed over FUNCTION_LINES because their body is a table of data, not steps:
# {"path/inside/the/repo.py:function_name": "why it is a table"}. Keep it short.
DATA_TABLES: dict[str, str] = {}


def _files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _long_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            where = f"{_name(path)}:{node.name}"
            if lines > FUNCTION_LINES and where not in DATA_TABLES:
                found.append(f"{where} ({lines} lines, from line {node.lineno})")
    return found


def _line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_the_folders_are_there() -> None:
    for folder in ("analysis", "ui", "pages"):
        assert _files(folder), f"no Python files found in {folder}/"


@pytest.mark.parametrize("folder", ["analysis", "ui"])
def test_no_module_over_400_lines(folder: str) -> None:
    too_long = [
        f"{_name(p)} ({n} lines)" for p in _files(folder) if (n := _line_count(p)) > MODULE_LINES
    ]
    assert not too_long, f"modules over {MODULE_LINES} lines: split them by what they do\n" + (
        "\n".join(too_long)
    )


def test_no_page_over_150_lines() -> None:
    too_long = [
        f"{_name(p)} ({n} lines)" for p in _files("pages") if (n := _line_count(p)) > PAGE_LINES
    ]
    assert not too_long, f"pages over {PAGE_LINES} lines: move the work into ui/\n" + (
        "\n".join(too_long)
    )


@pytest.mark.parametrize("folder", ["analysis", "ui", "pages"])
def test_no_function_over_60_lines(folder: str) -> None:
    too_long = [found for p in _files(folder) for found in _long_functions(p)]
    assert not too_long, (
        f"functions over {FUNCTION_LINES} lines: split them into named steps\n"
        + "\n".join(too_long)
    )


def test_the_data_tables_allowed_still_exist() -> None:
    known = {
        f"{_name(p)}:{node.name}"
        for folder in ("analysis", "ui", "pages")
        for p in _files(folder)
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }
    assert not set(DATA_TABLES) - known, "remove allowances for functions that are gone"
