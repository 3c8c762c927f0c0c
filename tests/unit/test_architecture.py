"""The house rules of docs/ARCHITECTURE.md, Layers and the one-way data flow, checked on the source."""

from __future__ import annotations

import ast
import io
import re
import tokenize
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


# --- the import graph (issue 10, item 5) ------------------------------------------------------
PRODUCT = ("core", "ui", "pages")
CHART_PACKAGE = "ui.charts"
# Modules allowed to import inside functions, with the measured reason (README "Architecture").
# Measured with python -X importtime and wall time on the 2-core CI box (under load).
LAZY_IMPORTS = {
    "core.cli": "python -m core starts ~3x faster without the scoring/segmentation stack (22 s vs 72 s under load)",
    "core.cli_waves": "the waves command of core.cli, for the same reason: its parser loads with every command",
    "core.cli_methods": "the methods command and score's bootstrap options, for the same reason",
    "core.cli_files": "the file loader of the methods, waves and report commands, for the same reason",
    "core.cli_import": "the survey import of core.cli's commands, for the same reason; DuckDB and the "
    "workspace load while the reading child reads the file (0.1 s of a 2 s score, bench/import_bench.py)",
    "core.report.command": "python -m core loads the report command's parser; its renderers (vl-convert, fpdf2, "
    "python-pptx) and the scoring stack load only when a report is asked for, as core.cli's commands",
    "ui.report_downloads": "the report's renderers and the scoring/segmentation stack load on a report button's "
    "click, not with the Focus matrix or Export page (SciPy + scikit-learn alone ~1 s of a first visit)",
    "core.intake.importers.reading": "openpyxl serves only the fallback reader and is ~1/5 of importing the importers",
    "core.workspace.store": "psycopg (~0.2 s to import under load) loads only when a PostgreSQL store is configured; "
    "every app start imports the store choice",
    "core.analysis.segmentation": "scikit-learn (~0.7 s with SciPy's statistics) loads only to cluster, not to "
    "show saved segmentations: the Segments page's first view of a segmentation needs none of it",
    "core.analysis.need_clusters": "SciPy's clustering and scikit-learn load only when the need clusters are "
    "drawn, not with the Segments page",
    "ui.startup": "app.py imports it as the server starts; the app's own modules (0.5-0.8 s) load in its "
    "import_app, counted and with the component declarations' warnings filtered, not at app.py's import",
    "ui.warm_imports": "the router imports it on a first visit, which must not load Altair "
    "(tests/app/test_first_visit_imports.py); its warm-up thread imports Altair after the first page",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def product_modules() -> dict[str, Path]:
    return {module_name(p): p for folder in PRODUCT for p in (REPO / folder).rglob("*.py")}


def type_checking_nodes(tree: ast.Module) -> set[int]:
    """ids of the nodes under ``if TYPE_CHECKING:`` (never run, so no runtime import)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            found.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    return found


def imports_of(name: str, path: Path, modules: set[str]) -> list[tuple[str, str | None, ast.stmt, bool]]:
    """(imported module, imported name or None, node, at module top) for each runtime import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = type_checking_nodes(tree)
    top = {id(node) for node in tree.body}
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.append((full if full in modules else base, alias.name, node, id(node) in top))
    return found


def import_graph() -> dict[str, set[str]]:
    modules = product_modules()
    return {
        name: {
            target for target, _, _, _ in imports_of(name, path, set(modules)) if target in modules and target != name
        }
        for name, path in modules.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_in_product_code():
    found = cycles(import_graph())
    assert not found, f"import cycles (each group imports itself through the others): {found}"


def test_no_private_names_imported_across_modules():
    modules = product_modules()
    offenders = [
        f"{name}: {alias} from {target}"
        for name, path in modules.items()
        for target, alias, _, _ in imports_of(name, path, set(modules))
        if alias and alias.startswith("_") and target in modules and target != name
    ]
    assert not offenders, f"private names imported from another module; make them public or move them: {offenders}"


def test_imports_at_module_top_unless_measured():
    modules = product_modules()
    offenders = [
        f"{name}:{node.lineno} imports {target}"
        for name, path in modules.items()
        if name not in LAZY_IMPORTS
        for target, _, node, at_top in imports_of(name, path, set(modules))
        if not at_top
    ]
    assert not offenders, f"imports inside functions (move them to the top, or measure and list why): {offenders}"


def test_chart_builders_never_import_streamlit():
    """ui/charts/ holds pure builders (DataFrames in, Altair charts or specs out): neither they
    nor anything they import, transitively, imports streamlit."""
    modules = product_modules()
    graph = import_graph()
    charts = [m for m in modules if m == CHART_PACKAGE or m.startswith(CHART_PACKAGE + ".")]
    assert len(charts) > 1, "the chart builders live in ui/charts/"
    for chart in charts:
        seen, todo = set(), [chart]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            direct = {t for t, _, _, _ in imports_of(current, modules[current], set(modules))}
            assert "streamlit" not in {d.split(".")[0] for d in direct}, f"{chart} reaches streamlit through {current}"
            todo.extend(graph[current])


def _st_fragments(tree: ast.AST) -> list[ast.FunctionDef]:
    """Functions decorated ``st.fragment`` (called or not)."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and any(ast.unparse(d.func if isinstance(d, ast.Call) else d) == "st.fragment" for d in node.decorator_list)
    ]


def _fragment_bodies_taking_a_workspace(tree: ast.AST) -> list[str]:
    """Functions decorated ``st.fragment`` with a parameter annotated ``Workspace``."""
    found = []
    for node in _st_fragments(tree):
        params = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
        if any(p.annotation is not None and ast.unparse(p.annotation) == "Workspace" for p in params):
            found.append(node.name)
    return found


def _fragment_bodies_calling_current(tree: ast.AST) -> list[str]:
    """Functions decorated ``st.fragment`` that call ``current()`` or ``session.current()`` themselves."""
    return [
        node.name
        for node in _st_fragments(tree)
        if any(
            isinstance(call, ast.Call) and ast.unparse(call.func) in {"current", "session.current"}
            for call in ast.walk(node)
        )
    ]


def _ui_functions_found_by(rule) -> list[str]:
    """``path: name`` of every function ``rule(tree)`` names in pages/ and ui/."""
    return [
        f"{path.relative_to(REPO)}: {name}"
        for folder in ("pages", "ui")
        for path in (REPO / folder).rglob("*.py")
        for name in rule(ast.parse(path.read_text(encoding="utf-8")))
    ]


def test_the_rule_finds_a_fragment_that_keeps_a_workspace():
    source = "@st.fragment\ndef a(ws: Workspace): ...\n@st.fragment(run_every=1)\ndef b(x, ws: Workspace): ...\n"
    source += "@workspace_fragment\ndef c(ws: Workspace): ...\n@st.fragment\ndef d(kind: str): ...\n"
    assert _fragment_bodies_taking_a_workspace(ast.parse(source)) == ["a", "b"]


def test_the_rule_finds_a_fragment_that_opens_the_workspace_itself():
    source = "@st.fragment(run_every=3)\ndef a(k):\n    ws = current()\n"
    source += "@st.fragment\ndef b():\n    session.current().revision\n"
    source += "@st.fragment\ndef c():\n    ws = session_workspace()\ndef d():\n    current()\n"
    assert _fragment_bodies_calling_current(ast.parse(source)) == ["a", "b"]


def test_fragments_that_refresh_themselves_open_the_workspace_through_ui_fragments():
    """A fragment that looks the workspace up itself (one that refreshes every few seconds) must
    rerun the page when the workspace no longer opens (a link revoked meanwhile), not raise inside
    it: it calls ``ui.fragments.session_workspace``, never ``ui.session.current``."""
    offenders = _ui_functions_found_by(_fragment_bodies_calling_current)
    assert not offenders, f"use ui.fragments.session_workspace in these fragments: {offenders}"


def test_fragments_look_up_the_workspace_on_their_own_reruns():
    """A fragment rerun gets the arguments of the page's last full run, whose workspace handle may be
    closed by then: a body that takes one is a ``ui.fragments.workspace_fragment``."""
    offenders = _ui_functions_found_by(_fragment_bodies_taking_a_workspace)
    assert not offenders, f"use ui.fragments.workspace_fragment for these fragments: {offenders}"


# --- counted words (CONTRIBUTING, Conventions) -------------------------------------------------
BRACKETED = re.compile(r"[A-Za-z]\(s\)")  # outcome(s)
SUFFIXED = re.compile(r"""\{\s*['"]s['"]\s+if\b|else\s+['"]s['"]\s*\}""")  # outcome{'s' if n != 1 else ''}
EXPRESSION = re.compile(r"\{[^{}]*\}")  # an f-string's replacement field: int(s) there is code


def hand_built_plurals(source: str) -> list[str]:
    """The string literals (f-strings too, docstrings aside) in ``source`` that build a plural by
    hand: ``word(s)`` in the text, or an ``'s' if …`` suffix in a replacement field."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        text = token.string
        if token.type != tokenize.STRING or text.lstrip("rRbBuUfF").startswith(('"""', "'''")):
            continue
        if BRACKETED.search(EXPRESSION.sub("", text)) or SUFFIXED.search(text):
            found.append(text)
    return found


def test_the_rule_finds_hand_built_plurals_and_nothing_else():
    source = (
        'a = f"{n} outcome(s) reach"\n'
        "b = f\"{n} row{'s' if n != 1 else ''}\"\n"
        "c = f\"{n} row{'' if n == 1 else 's'}\"\n"
        'd = f"step:{int(s)} {literal(s)}"\n'
        'e = """Exports write ``Other word(s)::Question`` headers."""\n'
    )
    assert hand_built_plurals(source) == [
        'f"{n} outcome(s) reach"',
        "f\"{n} row{'s' if n != 1 else ''}\"",
        "f\"{n} row{'' if n == 1 else 's'}\"",
    ]


def test_no_message_builds_a_plural_by_hand():
    offenders = {
        str(path.relative_to(REPO)): hits
        for folder in PRODUCT
        for path in (REPO / folder).rglob("*.py")
        if (hits := hand_built_plurals(path.read_text(encoding="utf-8")))
    }
    assert not offenders, f"count with core.wording.plural / agree / named instead: {offenders}"
