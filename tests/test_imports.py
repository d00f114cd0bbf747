"""The import graph stays a tree: no module of the package imports one that imports it back.

Every ``import`` counts, the ones inside functions too: a lazy import still ties two modules
together. The graph is read from the sources with :mod:`ast`.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "workreport"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(max(node.level - 1, 0)):
                    base = base.rpartition(".")[0]
                stem = f"{base}.{node.module}" if node.level and node.module else base
                stem = node.module or "" if not node.level else stem
                targets = [f"{stem}.{a.name}" for a in node.names] + [stem]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def _cycle_through(graph: dict[str, set[str]], start: str) -> list[str] | None:
    """A path start → … → start, if there is one."""
    stack = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, ()):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def _parent_package(module: str, other: str) -> bool:
    """A package imports its own submodules and they import siblings through it: not a cycle."""
    return other.startswith(module + ".") or module.startswith(other + ".")


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = _graph()
    # A package's __init__ re-exports its modules; edges between a package and its own
    # submodules are the package's structure, not a cycle between jobs.
    tree = {m: {t for t in ts if not _parent_package(m, t)} for m, ts in graph.items()}
    cycles = {m: _cycle_through(tree, m) for m in tree}
    assert {m: c for m, c in cycles.items() if c} == {}


def test_the_graph_sees_lazy_imports() -> None:
    graph = _graph()
    assert "workreport.lint" in graph["workreport.review"]  # imported inside a function
    assert "workreport.review" in graph["workreport.api"]
    assert not any(t.startswith("workreport.api") for t in graph["workreport.lint.readers"])
    assert "workreport.textfile" in graph["workreport.errors"]
    assert "workreport.load" not in graph["workreport.errors"]
