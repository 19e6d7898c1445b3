"""The layer check passes on the tree and catches the imports it exists to forbid."""

from __future__ import annotations

from pathlib import Path

from reflectjournal.devtools import layercheck


def test_the_package_respects_its_layers() -> None:
    assert layercheck.violations() == []


def test_qt_outside_ui_and_upward_imports_are_caught(tmp_path: Path) -> None:
    package = tmp_path / "reflectjournal"
    (package / "store").mkdir(parents=True)
    (package / "ui").mkdir()
    (package / "store" / "bad.py").write_text(
        "def later():\n    from PySide6.QtWidgets import QWidget\n"
        "from reflectjournal.services.journal import Journal\n"
    )
    (package / "ui" / "fine.py").write_text("import PySide6.QtCore\n")
    problems = layercheck.violations(package)
    assert len(problems) == 2
    assert any("PySide6.QtWidgets imported outside" in p for p in problems)
    assert any("store layer may not import reflectjournal.services" in p for p in problems)
