"""A click on a half-shown competency ticks it: the editor does not scroll under the pointer.

A new user clicked Theoretical Foundations while the competency tree was only partly on screen;
the editor scrolled the tree into view on the click's focus, the box moved away between press
and release, and the entry saved with no competency. Keyboard focus still scrolls into view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from reflectjournal.ui.main_window import MainWindow
from tests.helpers.gui import unlock


def test_a_click_on_a_half_shown_tick_ticks_it(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    window.resize(1008, 660)
    window.editing.new_entry("training")
    editor = window.journal_page.editor
    tree = editor.competencies.tree
    scroll = editor._scroll
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0)
    QApplication.processEvents()
    # Scroll so that only the tree's first rows show, at the bottom of the editor.
    first = tree.topLevelItem(0)
    row = tree.visualItemRect(first)
    top = tree.viewport().mapTo(scroll.widget(), row.topLeft()).y()
    bar = scroll.verticalScrollBar()
    bar.setValue(top + 2 * row.height() - scroll.viewport().height())
    QApplication.processEvents()
    before = bar.value()
    assert before < bar.maximum()  # the rest of the tree is below the fold
    option = QStyleOptionViewItem()
    option.initFrom(tree)
    option.rect = row
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option,
                                      tree)
    assert scroll.viewport().rect().contains(
        tree.viewport().mapTo(scroll.viewport(), box.center()))  # the box is on screen
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, box.center())
    assert bar.value() == before  # nothing moved under the pointer
    assert first.checkState(0) == Qt.CheckState.Checked
    assert editor.competencies.chosen()
    # From the keyboard the same focus scrolls the tree into sight.
    editor.title.setFocus()
    bar.setValue(0)
    editor.competencies.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
    QApplication.processEvents()
    assert bar.value() > 0
