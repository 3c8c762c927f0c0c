"""The house rules of docs/ARCHITECTURE.md, Layers and the one-way data flow, checked on the source."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_core_never_imports_streamlit():
    offenders = [p.relative_to(REPO) for p in (REPO / "core").rglob("*.py") if "streamlit" in imported_modules(p)]
    assert not offenders, f"core/ must not import streamlit: {offenders}"


def test_pages_and_ui_do_not_open_duckdb_or_build_sql():
    for folder in ("pages", "ui"):
        for path in (REPO / folder).rglob("*.py"):
            assert "duckdb" not in imported_modules(path), f"{path} imports duckdb; go through core/"
            text = path.read_text(encoding="utf-8")
            assert ".execute(" not in text and "SELECT " not in text, f"{path} runs SQL; it belongs in core/sql/"


def test_core_modules_stay_small():
    for path in (REPO / "core").rglob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 400, f"{path.relative_to(REPO)} has {lines} lines; split it by what it holds"


def test_sql_lives_in_sql_files():
    for path in (REPO / "core").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for keyword in ("SELECT ", "INSERT INTO", "CREATE TABLE", "DELETE FROM"):
            assert keyword not in text or path.name == "sqlfiles.py", f"{path.relative_to(REPO)} has inline SQL"
