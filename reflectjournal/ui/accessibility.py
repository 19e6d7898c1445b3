"""Walk the accessibility tree as a screen reader (Orca through AT-SPI) sees it.

Qt hands assistive technology QAccessibleInterface objects, not widgets; a control is usable
with a screen reader only if its interface has a name. `unnamed_controls` walks those
interfaces from a window down and returns every visible control without one, so a test (and
`python -m reflectjournal.ui.accessibility`, over the demo journal) fails on them.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QWidget

Role = QAccessible.Role
# What a person operates. Static text, panes, scroll bars and the like need no name.
CONTROLS = {
    Role.PushButton, Role.CheckBox, Role.RadioButton, Role.ComboBox, Role.EditableText,
    Role.SpinBox, Role.List, Role.Tree, Role.Table, Role.Slider, Role.PageTab,
    Role.ButtonMenu, Role.ButtonDropDown, Role.ProgressBar, Role.Dial,
}
# Their children are items named by the model's own text (rows, cells, tree nodes).
_ITEM_HOLDERS = {Role.List, Role.Tree, Role.Table, Role.ComboBox, Role.PageTabList,
                 Role.MenuBar, Role.PopupMenu, Role.SpinBox}


def _where(interface: QAccessibleInterface) -> str:
    widget = interface.object()
    name = widget.objectName() if widget is not None else ""
    path: list[str] = []
    parent = interface.parent()
    while parent is not None and parent.isValid() and len(path) < 4:
        if parent.text(QAccessible.Text.Name):
            path.append(parent.text(QAccessible.Text.Name))
        parent = parent.parent()
    kind = type(widget).__name__ if widget is not None else "?"
    return (f"{interface.role().name} ({kind}{' ' + name if name else ''})"
            + (f" in {' / '.join(path)}" if path else ""))


@dataclass(slots=True)
class Report:
    """How many visible controls were checked, and a line for each one without a name."""

    checked: int = 0
    unnamed: list[str] = field(default_factory=list)


def check_names(root: QWidget) -> Report:
    """Walk the accessibility interfaces under root; report visible controls without a name."""
    report = Report()
    stack = [QAccessible.queryAccessibleInterface(root)]
    seen: set[int] = set()
    while stack:
        interface = stack.pop()
        if interface is None or not interface.isValid():
            continue
        widget = interface.object()
        # The C++ object's address: Python wrappers come and go, and id() is reused.
        key = shiboken6.getCppPointer(widget)[0] if widget is not None else None
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        if interface.state().invisible:
            continue
        role = interface.role()
        if role in CONTROLS:
            report.checked += 1
            if not interface.text(QAccessible.Text.Name).strip():
                report.unnamed.append(_where(interface))
        if role in _ITEM_HOLDERS:
            continue
        stack.extend(interface.child(i) for i in range(interface.childCount()))
    return report


def unnamed_controls(root: QWidget) -> list[str]:
    """Return a line for each visible control under root that has no accessible name."""
    return check_names(root).unnamed


def main() -> int:
    """Open the demo journal, its editor and dialogs, and list every unnamed control."""
    import os
    import tempfile
    from pathlib import Path

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from reflectjournal.services.journal import JournalOptions
    from reflectjournal.ui.app import build_window
    from reflectjournal.ui.background.tasks import SyncTasks
    from reflectjournal.ui.demo import start_demo
    from reflectjournal.ui.settings.options import Settings

    app = QApplication(sys.argv[:1])
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="reflectjournal-a11y-") as place:
        window = build_window(Path(place) / "demo", Settings(Path(place) / "s.ini"),
                              options=JournalOptions(), tasks=SyncTasks())
        window.show()
        problems += [f"start: {line}" for line in unnamed_controls(window)]
        start_demo(window, window.session)
        app.processEvents()
        problems += [f"journal: {line}" for line in unnamed_controls(window)]
        for kind in window.catalog.kinds:
            window.editing.new_entry(kind.id)
            app.processEvents()
            problems += [f"editor ({kind.id}): {line}" for line in unnamed_controls(window)]
            window.journal_page.editor.clear()
        window.journal_actions.help_action.trigger()
        app.processEvents()
        for dialog in window.findChildren(QWidget):
            if dialog.isWindow() and dialog is not window and dialog.isVisible():
                problems += [f"{dialog.windowTitle()}: {line}"
                             for line in unnamed_controls(dialog)]
        window.session.shutdown()
    for line in problems:
        print(line)
    print(f"{len(problems)} unnamed controls")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
