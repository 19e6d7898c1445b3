"""The cheap KDF for tests and benchmarks: far below the floor, and out of the app's reach."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import reflectjournal
from reflectjournal.domain.errors import JournalDamagedError
from reflectjournal.store.envelope import PRODUCTION_KDF
from reflectjournal.store.testing import FAST_KDF

PACKAGE = Path(reflectjournal.__file__).parent


def test_the_production_policy_refuses_the_fast_parameters() -> None:
    assert FAST_KDF.fixed is not None
    FAST_KDF.check(FAST_KDF.fixed)
    with pytest.raises(JournalDamagedError):
        PRODUCTION_KDF.check(FAST_KDF.fixed)


def test_no_module_of_the_app_imports_the_testing_kdf() -> None:
    importers = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            imported = [*names, *(f"{n}.{a.name}" for n in names
                                  for a in getattr(node, "names", []))]
            if "reflectjournal.store.testing" in imported:
                importers.append(path.relative_to(PACKAGE.parent))
    assert importers == []
