"""Fail if the layering in docs/architecture.md is broken.

domain <- store <- services <- (ui, cli); PySide6 only under reflectjournal/ui/. Checked
on the source (every import statement, including ones inside functions), so it needs
no import of the package and catches lazy imports too.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
# What each layer may import from the package; anything else in it is a violation.
ALLOWED: dict[str, set[str]] = {
    "domain": {"domain"},
    "store": {"domain", "store", "__init__"},
    "resources": {"domain"},
    "services": {"domain", "store", "services", "resources", "__init__"},
    "cli": {"domain", "store", "services", "resources", "cli", "hardening", "app_launcher",
            "__init__"},
    "ui": {"domain", "store", "services", "resources", "ui", "hardening", "__init__"},
}


def _layer(path: Path, package: Path) -> str:
    rel = path.relative_to(package)
    return rel.parts[0].removesuffix(".py") if rel.parts else ""


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def violations(package: Path = PACKAGE) -> list[str]:
    """Return one line per forbidden import in the package folder."""
    problems = []
    for path in sorted(package.rglob("*.py")):
        layer = _layer(path, package)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for lineno, module in _imports(tree):
            where = f"{path.relative_to(package.parent)}:{lineno}"
            top = module.split(".")[0]
            if top in ("PySide6", "shiboken6") and layer != "ui":
                problems.append(f"{where}: {module} imported outside reflectjournal/ui/")
            if top == "reflectjournal" and layer in ALLOWED:
                target = module.split(".")[1] if "." in module else "__init__"
                if target not in ALLOWED[layer]:
                    problems.append(f"{where}: the {layer} layer may not import {module}")
    return problems


def main() -> int:
    """Print violations; return 1 if there are any."""
    problems = violations()
    for line in problems:
        print(line, file=sys.stderr)
    if not problems:
        print("layer check: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
