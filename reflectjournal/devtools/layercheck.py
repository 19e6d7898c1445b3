"""Fail if the layering in docs/architecture.md is broken, or if any import circle exists.

domain <- store <- services <- (ui, cli); PySide6 only under reflectjournal/ui/. Inside ui/,
the shared floor (widgets, look, desktop, background) imports no feature package, feature
packages (start, journal, sharing, copies, settings, progress) import only the floor, and the shell
(app, main_window, demo) assembles them. Checked on the source (every import statement,
including ones inside functions), so it needs no import of the package and catches lazy
imports too: a lazy import still ties two modules together, and a circle through one is still
a circle a reader has to hold in their head.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
# What each layer may import from the package; anything else in it is a violation. ui and
# cli reach storage only through services, so a change of storage stays behind one seam.
ALLOWED: dict[str, set[str]] = {
    "domain": {"domain"},
    "store": {"domain", "store", "__init__"},
    "resources": {"domain"},
    "services": {"domain", "store", "services", "resources", "__init__"},
    "cli": {"domain", "services", "resources", "cli", "hardening", "app_launcher", "__init__"},
    "ui": {"domain", "services", "resources", "ui", "hardening", "__init__"},
}
UI_FLOOR = {"widgets", "look", "desktop", "background"}
UI_FEATURES = {"start", "journal", "sharing", "copies", "settings", "progress"}
UI_SHELL = {"app", "main_window", "demo", "__init__"}


def _module_name(path: Path, package: Path) -> str:
    rel = path.relative_to(package.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(
    tree: ast.AST, module: str, is_package: bool
) -> Iterator[tuple[int, str, bool]]:
    """Every module an import statement may name, relative imports resolved.

    The flag says the name is only a guess (`from pkg import name`, where name may be a
    module or a function).
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, False
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            yield node.lineno, stem, False
            # `from pkg import mod` names a module too when mod is one; the graph below
            # keeps only names that turn out to be modules of the package.
            for alias in node.names:
                yield node.lineno, f"{stem}.{alias.name}", True


def _ui_part(module: str) -> str:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 else "__init__"


def _ui_problem(source: str, target: str) -> str | None:
    here, there = _ui_part(source), _ui_part(target)
    if here == there or there in UI_FLOOR:
        return None
    if here in UI_FLOOR:
        return f"the ui floor ({here}) may not import {target}"
    if here in UI_FEATURES and there not in UI_FLOOR:
        return f"the ui feature {here} may not import {target} (only the floor)"
    return None


def _scan(package: Path) -> tuple[list[str], dict[str, set[str]]]:
    """Layer violations, and the package's import graph (module -> modules it imports)."""
    paths = sorted(package.rglob("*.py"))
    modules = {_module_name(path, package): path for path in paths}
    root = package.name
    problems: list[str] = []
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        rel = path.relative_to(package)
        layer = rel.parts[0].removesuffix(".py")
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        seen: set[tuple[int, str]] = set()
        for lineno, target, guess in _imports(tree, name, path.name == "__init__.py"):
            where = f"{path.relative_to(package.parent)}:{lineno}"
            top = target.split(".")[0]
            if top in ("PySide6", "shiboken6") and layer != "ui" and not guess:
                problems.append(f"{where}: {target} imported outside {root}/ui/")
            if target not in modules or target == name or (lineno, target) in seen:
                continue
            seen.add((lineno, target))
            graph[name].add(target)
            target_layer = target.split(".")[1] if "." in target else "__init__"
            if layer in ALLOWED and target_layer not in ALLOWED[layer]:
                problems.append(f"{where}: the {layer} layer may not import {target}")
            elif layer == "ui" and target_layer == "ui":
                problem = _ui_problem(name, target)
                if problem:
                    problems.append(f"{where}: {problem}")
    return sorted(problems), graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        # Iterative, so a deep package cannot hit the recursion limit.
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return sorted(found)


def violations(package: Path = PACKAGE) -> list[str]:
    """Return one line per forbidden import and per import circle in the package folder."""
    problems, graph = _scan(package)
    for group in circles(graph):
        problems.append("import circle: " + " <-> ".join(group))
    return problems


def main() -> int:
    """Print violations; return 1 if there are any."""
    problems = violations()
    for line in problems:
        print(line, file=sys.stderr)
    if not problems:
        print("layer check: ok (no forbidden imports, no import circles)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
