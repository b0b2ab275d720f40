"""Typed access to the window's preferences (QSettings, an INI file per user)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class Settings:
    """Each key declared once, with its type and default."""

    def __init__(self) -> None:
        self._qs = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                             "FactDesk", "FactDesk")

    def _get(self, key: str, default: str = "") -> str:
        value = self._qs.value(key, default)
        return str(value) if value is not None else default

    @property
    def reviewer(self) -> str:
        """Name recorded in the audit trail for this user's edits."""
        return self._get("reviewer")

    @reviewer.setter
    def reviewer(self, name: str) -> None:
        self._qs.setValue("reviewer", name.strip())

    @property
    def default_folder(self) -> str:
        """Where import and export dialogs start."""
        return self._get("default_folder")

    @default_folder.setter
    def default_folder(self, folder: str) -> None:
        self._qs.setValue("default_folder", folder)

    @property
    def recent_projects(self) -> list[str]:
        """Most recent first."""
        value = self._qs.value("recent_projects", [])
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value] if isinstance(value, list) else []

    def add_recent(self, project: str) -> None:
        """Put a project first in the recent list."""
        recent = [p for p in self.recent_projects if p != project]
        self._qs.setValue("recent_projects", [project, *recent][:MAX_RECENT])

    def save_state(self, key: str, state: QByteArray) -> None:
        """Window geometry, splitter or header state."""
        self._qs.setValue(f"state/{key}", state)

    def state(self, key: str) -> QByteArray | None:
        """A saved state, if any."""
        value = self._qs.value(f"state/{key}")
        return value if isinstance(value, QByteArray) else None

    def sync(self) -> None:
        """Write to disk now."""
        self._qs.sync()
