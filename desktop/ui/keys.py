"""The window's commands win over a text field's emacs-style key bindings.

Before a key reaches a shortcut, Qt offers it to the field with focus (a ShortcutOverride
event), and a field that accepts it keeps the key. On X11 a line edit accepts Ctrl+E
(``QKeySequence.MoveToEndOfLine`` binds End and Ctrl+E there), so File > Export did
nothing while the claims search, a note or the article search had focus. The keys a user
types to edit text (select all, the field's own undo and redo, copy, cut, paste, plain
keys, Home/End, Ctrl+arrows) stay the field's; a key that one of the window's menu
commands carries (Ctrl+E, Ctrl+M, F5...) does what the menu says.

The same keys pressed in a notice over the window ("Export finished", which takes the
keyboard when it opens) went nowhere: Ctrl+Shift+F opened no search and the query typed
after it was lost, or set verdicts once the notice was closed. The notice now steps aside
and the window does what the key says, with the keyboard where that command puts it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

FIELD_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo,
              QKeySequence.StandardKey.SelectAll, QKeySequence.StandardKey.Copy,
              QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Paste)
"""Keys that edit the text in a field even where a window command carries them too: Ctrl+Z
in a field undoes the typing, not the last verdict."""

WINDOW_WIDE = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
"""Only commands meant to work anywhere in the window; the verdict letters act only in the
claims table and are typed as letters in a field."""


class WindowKeysFirst(QObject):
    """Watches the focused widget of ``window`` and declines, on its behalf, the window's
    command keys that are not text-editing keys, so that the shortcut fires."""

    def __init__(self, window: QWidget, actions: Sequence[QAction]) -> None:
        super().__init__(window)
        self.window = window
        self.actions = actions
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._watch)

    def _watch(self, _old: QWidget | None, new: QWidget | None) -> None:
        # Installed again on each focus: it then runs before any filter installed since.
        if new is not None and (new.window() is self.window or self._notice(new.window())):
            new.installEventFilter(self)

    def _notice(self, top: QWidget) -> bool:
        """A message over the window that leaves the window working (``Notices``)."""
        return (isinstance(top, QMessageBox) and top.parentWidget() is self.window
                and top.windowModality() == Qt.WindowModality.NonModal)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Consume (without accepting) the override of a window command's key: Qt then
        gives the key to the shortcut instead of the field. In a notice, the key is the
        window's command."""
        if not isinstance(event, QKeyEvent):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            return self.window_takes(event)
        if (event.type() == QEvent.Type.KeyPress and isinstance(watched, QWidget)
                and self._notice(watched.window())):
            return self._past_notice(watched.window(), event)
        return False

    def _past_notice(self, notice: QWidget, event: QKeyEvent) -> bool:
        """Close the notice, back to the window, and run the command the key carries."""
        action = self.command(event)
        if action is None:
            return False
        notice.close()
        self.window.activateWindow()
        self.window.raise_()
        action.trigger()
        return True

    def window_takes(self, event: QKeyEvent) -> bool:
        """Whether the key is an enabled window command's and not a text-editing key."""
        return self.command(event) is not None

    def command(self, event: QKeyEvent) -> QAction | None:
        """The enabled window-wide command the key carries, unless it edits text."""
        if any(event.matches(key) for key in FIELD_KEYS):
            return None
        pressed = QKeySequence(event.keyCombination())
        return next((action for action in self.actions
                     if action.isEnabled() and action.shortcutContext() in WINDOW_WIDE
                     and pressed in action.shortcuts()), None)
