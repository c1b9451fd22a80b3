"""The package tree reads as the pipeline: no import cycle, and arrows go down the stages.

Reads every module's imports (top-level and inside functions) with `ast`, so a lazy
import that hides a cycle counts too; imports for type checkers only (`if TYPE_CHECKING:`)
do not run and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node except those under `if TYPE_CHECKING:`."""
    nodes: list[ast.AST] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        nodes.append(node)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            pending.extend(node.orelse)
            continue
        pending.extend(ast.iter_child_nodes(node))
    return nodes


def _import_graph() -> dict[str, set[str]]:
    files = [*ROOT.joinpath("crawler").rglob("*.py"), *ROOT.joinpath("spiders").rglob("*.py")]
    modules = {_module_name(p): p for p in files if "migrations" not in p.parts}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                candidates = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            else:
                continue
            targets |= {c for c in candidates if c in modules and c != name}
        graph[name] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = _import_graph()
    assert "crawler.text.extract" in graph and "crawler.figures.mentions" in graph  # the walk found the tree
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def _imports_under(graph: dict[str, set[str]], package: str) -> set[str]:
    return {target for name, targets in graph.items() if name.startswith(package) for target in targets}


def test_arrows_go_down_the_pipeline() -> None:
    graph = _import_graph()
    text_imports = _imports_under(graph, "crawler.text")
    assert not {t for t in text_imports if t.startswith(("crawler.figures", "crawler.store", "crawler.digest"))}
    figures_imports = _imports_under(graph, "crawler.figures")
    assert not {t for t in figures_imports if t.startswith(("crawler.store", "crawler.digest", "crawler.daemon"))}
    assert "crawler.diff" in graph and not {t for t in graph["crawler.diff"] if t.startswith("crawler.store")}


def test_only_the_text_stage_imports_trafilatura() -> None:
    importers = []
    for path in ROOT.joinpath("crawler").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] == "trafilatura" for n in names):
                importers.append(_module_name(path))
    # extract reads pages with it; authors is trafilatura's own author finder, rewritten for speed
    assert sorted(set(importers)) == ["crawler.text.authors", "crawler.text.extract"]
