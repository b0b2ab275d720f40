"""Typed access to the window's preferences: an INI file in FactDesk's data folder.

The data folder is the one FACTDESK_HOME moves, so a portable copy (or a test) keeps its
preferences with its data. The window's layout is kept per project: a server project with
a wide claims table and a small local one do not fight over one layout.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QByteArray, QSettings

from desktop.core.paths import data_dir

MAX_RECENT = 8


class Settings:
    """Each key declared once, with its type and default; ``project`` scopes the layout."""

    def __init__(self, project: str = "") -> None:
        self._qs = QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)
        self.project = project

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
    def last_folder(self) -> str:
        """The folder of the last file chosen in a file dialog, where the next one starts."""
        return self._get("last_folder")

    @last_folder.setter
    def last_folder(self, folder: str) -> None:
        self._qs.setValue("last_folder", folder)

    @property
    def review_url(self) -> str:
        """Where the team publishes its reviews, for ClaimReview export."""
        return self._get("export/review_url")

    @review_url.setter
    def review_url(self, url: str) -> None:
        self._qs.setValue("export/review_url", url.strip())

    @property
    def author(self) -> str:
        """The organisation named as the reviews' author in ClaimReview export."""
        return self._get("export/author")

    @author.setter
    def author(self, name: str) -> None:
        self._qs.setValue("export/author", name.strip())

    @property
    def author_url(self) -> str:
        """Its web site."""
        return self._get("export/author_url")

    @author_url.setter
    def author_url(self, url: str) -> None:
        self._qs.setValue("export/author_url", url.strip())

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

    def _state_key(self, key: str) -> str:
        project = hashlib.sha1(self.project.encode()).hexdigest()[:12]
        return f"state-{project}/{key}"

    def save_state(self, key: str, state: QByteArray) -> None:
        """The project's window geometry, splitter or header state."""
        self._qs.setValue(self._state_key(key), state)

    def state(self, key: str) -> QByteArray | None:
        """A state saved for the project, if any."""
        value = self._qs.value(self._state_key(key))
        return value if isinstance(value, QByteArray) else None

    def sync(self) -> None:
        """Write to disk now."""
        self._qs.sync()
