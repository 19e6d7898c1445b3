"""The look: palettes pass the contrast checks, icons load and follow the theme."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QImage, QPalette, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QToolTip,
)

from reflectjournal.resources import resource_path
from reflectjournal.ui.look import theme
from reflectjournal.ui.look.app_style import ClearIndicatorStyle, apply_theme
from reflectjournal.ui.look.icons import ICON_NAMES, icon
from reflectjournal.ui.look.theme import (
    contrast_ratio,
    dark_palette,
    light_palette,
    palette_problems,
)

Role = QPalette.ColorRole
Group = QPalette.ColorGroup
PALETTES = {"light": light_palette, "dark": dark_palette}


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """Return the app, with its style, palette and font put back afterwards."""
    style = qapp.style().name() or "Fusion"  # our proxy of Fusion has no name of its own
    palette = QPalette(qapp.palette())
    tooltip = QPalette(QToolTip.palette())
    font = QFont(qapp.font())
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)
    QToolTip.setPalette(tooltip)
    qapp.setFont(font)
    if hasattr(qapp.styleHints(), "unsetColorScheme"):
        qapp.styleHints().unsetColorScheme()


def _ink(pixmap: QPixmap) -> tuple[int, QColor | None]:
    """Return how many pixels are drawn on, and the colour of a fully opaque one."""
    image = pixmap.toImage()
    drawn, solid = 0, None
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            drawn += colour.alpha() > 0
            if solid is None and colour.alpha() == 255:
                solid = colour
    return drawn, solid


@pytest.mark.parametrize("theme", PALETTES)
def test_shipped_palettes_pass_the_contrast_checks(theme: str) -> None:
    assert palette_problems(PALETTES[theme]()) == []


@pytest.mark.parametrize("theme", PALETTES)
def test_shipped_palettes_set_every_role_in_every_group(theme: str) -> None:
    palette = PALETTES[theme]()
    unset = [(group.name, role.name)
             for group in (Group.Active, Group.Inactive, Group.Disabled)
             for role in Role if role not in (Role.NoRole, Role.NColorRoles)
             and not palette.isBrushSet(group, role)]
    assert unset == []


def test_a_low_contrast_palette_is_reported() -> None:
    palette = light_palette()
    palette.setColor(Group.Active, Role.Text, QColor("#b0b0b0"))
    palette.setColor(Group.Disabled, Role.ButtonText, palette.color(Group.Disabled, Role.Button))
    problems = palette_problems(palette)
    assert any(p.startswith("Active Text/Base:") for p in problems)
    assert any(p.startswith("Disabled ButtonText/Button:") for p in problems)
    assert not any(p.startswith("Inactive") for p in problems)


def test_contrast_ratio_spans_one_to_twenty_one() -> None:
    black, white = QColor("black"), QColor("white")
    assert contrast_ratio(black, white) == pytest.approx(21.0)
    assert contrast_ratio(white, black) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#777777")) == pytest.approx(1.0)
    # A fully transparent colour shows only the background.
    assert contrast_ratio(QColor(0, 0, 0, 0), white) == pytest.approx(1.0)
    # A known value: #767676 on white is the classic 4.54:1 AA grey.
    assert contrast_ratio(QColor("#767676"), white) == pytest.approx(4.54, abs=0.01)


def test_icon_names_match_the_shipped_files() -> None:
    shipped = {path.stem for path in resource_path("icons").glob("*.svg")}
    assert shipped == set(ICON_NAMES)


@pytest.mark.parametrize("theme", PALETTES)
def test_every_icon_draws_in_both_themes(app: QApplication, theme: str) -> None:
    apply_theme(app, theme, 0)
    for name in ICON_NAMES:
        image = icon(name)
        assert not image.isNull(), name
        drawn, _ = _ink(image.pixmap(24))
        assert drawn > 20, name


def test_icons_take_the_text_colour_of_the_current_palette(app: QApplication) -> None:
    star = icon("star-filled")
    apply_theme(app, "light", 0)
    _, light_ink = _ink(star.pixmap(24))
    apply_theme(app, "dark", 0)
    _, dark_ink = _ink(star.pixmap(24))
    _, disabled_ink = _ink(star.pixmap(24, QIcon.Mode.Disabled))
    assert light_ink == light_palette().color(Role.WindowText)
    assert dark_ink == dark_palette().color(Role.WindowText)
    assert light_ink != dark_ink
    assert disabled_ink == dark_palette().color(Group.Disabled, Role.WindowText)


def test_icons_draw_sharply_on_dense_screens(app: QApplication) -> None:
    pixmap = icon("lock").pixmap(QSize(24, 24), 2.0)
    assert pixmap.size() == QSize(48, 48)
    assert pixmap.devicePixelRatio() == 2.0


def test_a_copied_icon_survives_changes(app: QApplication) -> None:
    original = icon("star")
    copy = QIcon(original)
    copy.addPixmap(original.pixmap(24))  # detaches, so Qt clones the engine
    del original
    assert _ink(copy.pixmap(16))[0] > 0


def test_bad_icon_names_are_refused() -> None:
    with pytest.raises(ValueError, match="bad icon name"):
        icon("../competencies")
    with pytest.raises(FileNotFoundError):
        icon("no-such-icon")


def test_font_size_is_applied_and_zero_means_the_systems(app: QApplication) -> None:
    system = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).pointSize()
    apply_theme(app, "light", 14)
    assert app.font().pointSize() == 14
    apply_theme(app, "light", 0)
    assert app.font().pointSize() == system


def test_system_theme_uses_fusion_and_drops_a_chosen_palette(app: QApplication) -> None:
    apply_theme(app, "dark", 0)
    assert app.palette().color(Role.Window) == dark_palette().color(Role.Window)
    assert QToolTip.palette().color(Role.ToolTipBase) == dark_palette().color(Role.ToolTipBase)
    apply_theme(app, "system", 0)
    style = app.style()
    assert isinstance(style, ClearIndicatorStyle)
    assert style.baseStyle().name() == "fusion"
    assert app.palette().color(Role.Window) != dark_palette().color(Role.Window)


def test_unknown_theme_is_refused(app: QApplication) -> None:
    with pytest.raises(ValueError, match="unknown theme"):
        apply_theme(app, "neon", 0)


@pytest.mark.parametrize("points", [0, 32])
def test_check_boxes_grow_with_the_text(qapp: QApplication, points: int) -> None:
    font, palette = QFont(qapp.font()), QPalette(qapp.palette())
    apply_theme(qapp, "light", points)
    try:
        box = QCheckBox("I have written it down")
        radio = QRadioButton("Lock with six words")
        line = box.fontMetrics().height()
        for button, element in ((box, QStyle.SubElement.SE_CheckBoxIndicator),
                                (radio, QStyle.SubElement.SE_RadioButtonIndicator)):
            option = QStyleOptionButton()
            option.initFrom(button)
            indicator = button.style().subElementRect(element, option, button)
            # Fusion's 13 px at the usual size; three quarters of a line at 32 pt (was 13).
            assert indicator.height() >= min(13, line), points
            assert indicator.height() >= round(line * 0.75) - 1, points
    finally:
        qapp.setFont(font)
        qapp.setPalette(palette)


def test_a_combo_box_too_narrow_for_its_text_ends_it_with_an_ellipsis(
    app: QApplication,
) -> None:
    apply_theme(app, "light", 0)

    def drawn(text: str) -> QImage:
        box = QComboBox()
        box.addItem(text)
        box.resize(110, box.sizeHint().height())
        return box.grab().toImage()

    long = "Every supervisee of mine this year"
    box = QComboBox()
    box.addItem(long)
    box.resize(110, box.sizeHint().height())
    option = QStyleOptionComboBox()
    option.initFrom(box)
    room = box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                      QStyle.SubControl.SC_ComboBoxEditField, box)
    short = box.fontMetrics().elidedText(long, Qt.TextElideMode.ElideRight, room.width())
    assert short.endswith("…")
    # Drawn exactly as the shortened text with its ellipsis, not cut at the box's edge.
    assert drawn(long) == drawn(short)
    assert drawn(long) != drawn(long[:len(short) - 1])


def test_a_combo_deleted_while_the_text_size_changes_is_skipped(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A window freed while every combo box is told to measure again (the collector can run
    # in the middle) leaves a wrapper whose C++ box is gone: sending it an event raised.
    gone, kept = QComboBox(), QComboBox()
    shiboken6.delete(gone)
    monkeypatch.setattr(QApplication, "allWidgets", staticmethod(lambda: [gone, kept]))
    seen: list[QComboBox] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.StyleChange:
                seen.append(watched)  # type: ignore[arg-type]
            return False

    watch = Watch()
    kept.installEventFilter(watch)
    theme._forget_combo_sizes(qapp)
    assert seen == [kept]
