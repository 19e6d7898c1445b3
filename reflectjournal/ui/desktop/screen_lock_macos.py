"""macOS: lock when the screen locks or the Mac goes to sleep (NSWorkspace notifications).

UNTESTED HERE (these machines run Linux). It needs PyObjC (`pip install pyobjc-framework-Cocoa`),
which is not a dependency: without it this does nothing, and the idle timer and Ctrl+L still
lock. Written from Apple's documentation: NSWorkspaceWillSleepNotification and
NSWorkspaceScreensDidSleepNotification on the workspace's notification centre, and the
"com.apple.screenIsLocked" distributed notification that the login window posts.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

_KEEP: list[object] = []  # the observer must outlive this call


def watch(on_lock: Callable[[], None]) -> bool:
    """Start calling on_lock on screen lock and sleep; return whether it could."""
    if sys.platform == "darwin":
        return _watch_darwin(on_lock)
    return False


def _watch_darwin(on_lock: Callable[[], None]) -> bool:
    try:
        from AppKit import (  # type: ignore[import-not-found,unused-ignore]
            NSWorkspace,
            NSWorkspaceScreensDidSleepNotification,
            NSWorkspaceWillSleepNotification,
        )
        from Foundation import (  # type: ignore[import-not-found,unused-ignore]
            NSDistributedNotificationCenter,
            NSObject,
        )
    except ImportError:
        return False

    class Observer(NSObject):  # type: ignore[misc,unused-ignore]
        def locked_(self, _notification: object) -> None:
            on_lock()

    observer = Observer.new()
    _KEEP.append(observer)
    centre = NSWorkspace.sharedWorkspace().notificationCenter()
    for name in (NSWorkspaceWillSleepNotification, NSWorkspaceScreensDidSleepNotification):
        centre.addObserver_selector_name_object_(observer, "locked:", name, None)
    NSDistributedNotificationCenter.defaultCenter().addObserver_selector_name_object_(
        observer, "locked:", "com.apple.screenIsLocked", None)
    return True
