"""The layer check passes on the tree and catches the imports it exists to forbid."""

from __future__ import annotations

from pathlib import Path

from reflectjournal.devtools import layercheck


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "reflectjournal"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def test_the_package_respects_its_layers_and_has_no_circles() -> None:
    assert layercheck.violations() == []


def test_qt_outside_ui_and_upward_imports_are_caught(tmp_path: Path) -> None:
    package = _package(tmp_path, {
        "store/bad.py": "def later():\n    from PySide6.QtWidgets import QWidget\n"
                        "from reflectjournal.services.journal import Journal\n",
        "services/journal.py": "",
        "ui/fine.py": "import PySide6.QtCore\n",
    })
    problems = layercheck.violations(package)
    assert len(problems) == 2
    assert any("PySide6.QtWidgets imported outside" in p for p in problems)
    assert any("store layer may not import reflectjournal.services" in p for p in problems)


def test_ui_and_cli_may_not_reach_the_store(tmp_path: Path) -> None:
    package = _package(tmp_path, {
        "store/sharing.py": "",
        "store/__init__.py": "",
        "ui/journal/page.py": "from reflectjournal.store.sharing import EntryComment\n",
        "cli/commands.py": "def run():\n    from reflectjournal.store import sharing\n",
    })
    problems = layercheck.violations(package)
    assert problems == [
        "reflectjournal/cli/commands.py:2: the cli layer may not import reflectjournal.store",
        "reflectjournal/cli/commands.py:2: the cli layer may not import "
        "reflectjournal.store.sharing",
        "reflectjournal/ui/journal/page.py:1: the ui layer may not import "
        "reflectjournal.store.sharing",
    ]


def test_ui_features_import_only_the_floor(tmp_path: Path) -> None:
    package = _package(tmp_path, {
        "ui/widgets/wording.py": "",
        "ui/widgets/bad.py": "from reflectjournal.ui.journal import editor\n",
        "ui/journal/editor.py": "from reflectjournal.ui.widgets.wording import count_words\n",
        "ui/sharing/menu.py": "from reflectjournal.ui.journal.editor import Editor\n",
        "ui/main_window.py": "from reflectjournal.ui.journal import editor\n"
                             "from reflectjournal.ui.sharing import menu\n",
    })
    problems = layercheck.violations(package)
    assert problems == [
        "reflectjournal/ui/sharing/menu.py:1: the ui feature sharing may not import "
        "reflectjournal.ui.journal.editor (only the floor)",
        "reflectjournal/ui/widgets/bad.py:1: the ui floor (widgets) may not import "
        "reflectjournal.ui.journal.editor",
    ]


def test_a_circle_is_caught_even_through_a_lazy_or_relative_import(tmp_path: Path) -> None:
    package = _package(tmp_path, {
        "cli/__init__.py": "",
        "cli/commands.py": "from reflectjournal.cli import sharing_commands\n",
        "cli/sharing_commands.py": "def later():\n    from .commands import COMMANDS\n",
        "domain/a.py": "from reflectjournal.domain.b import B\n",
        "domain/b.py": "from reflectjournal.domain.c import C\n",
        "domain/c.py": "import reflectjournal.domain.a\n",
        "domain/d.py": "from reflectjournal.domain.a import A\n",
    })
    problems = layercheck.violations(package)
    assert problems == [
        "import circle: reflectjournal.cli.commands <-> reflectjournal.cli.sharing_commands",
        "import circle: reflectjournal.domain.a <-> reflectjournal.domain.b "
        "<-> reflectjournal.domain.c",
    ]


def test_circles_finds_each_strongly_connected_group_once() -> None:
    graph = {"a": {"b"}, "b": {"a", "c"}, "c": {"d"}, "d": {"c"}, "e": {"a"}, "f": set()}
    assert layercheck.circles(graph) == [["a", "b"], ["c", "d"]]
