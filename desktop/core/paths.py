"""Where FactDesk keeps its data, and how a ``--db`` argument becomes a database URL."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from platformdirs import PlatformDirs

DB_ENV = "FACTDESK_DB"
HOME_ENV = "FACTDESK_HOME"


def data_dir() -> Path:
    """The user's FactDesk data folder; FACTDESK_HOME overrides it (tests, portable use)."""
    home = os.environ.get(HOME_ENV)
    path = Path(home) if home else Path(PlatformDirs("FactDesk", appauthor=False).user_data_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def backups_dir() -> Path:
    """Folder for the copies taken before a database is migrated."""
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> Path:
    """The database used when neither --db nor FACTDESK_DB names one."""
    return data_dir() / "factdesk.sqlite"


def database_url(db: str | os.PathLike[str] | None = None) -> str:
    """Resolve --db, then FACTDESK_DB, then the default file into a SQLAlchemy URL.

    Anything containing ``://`` is taken as a URL as is; anything else is a file path.
    """
    raw = os.fspath(db) if db is not None else os.environ.get(DB_ENV) or str(default_database())
    if "://" in raw:
        return raw
    path = Path(raw).expanduser().resolve()
    return f"sqlite:///{path}"


def seeds_dir() -> Path:
    """The bundled demo articles: inside an installed wheel, else in the source checkout."""
    packaged = resources.files("desktop") / "seeds"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "seeds"
