"""Where FactDesk keeps its data, and how a ``--db`` argument becomes a database URL."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from platformdirs import PlatformDirs
from sqlalchemy.engine import URL, make_url

DB_ENV = "FACTDESK_DB"
HOME_ENV = "FACTDESK_HOME"
SERVER_DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_S = 10
"""An unreachable server is reported after this long instead of the system's minutes."""


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


def server_url(host: str, port: int, database: str, user: str, password: str = "") -> str:
    """The URL of a project on a shared PostgreSQL server.

    An empty password is left out, so that libpq's own sources (~/.pgpass, PGPASSWORD)
    apply: a team can keep passwords out of FactDesk's settings altogether.
    """
    return URL.create(SERVER_DRIVER, username=user or None, password=password or None,
                      host=host or None, port=port or None, database=database,
                      query={"connect_timeout": str(CONNECT_TIMEOUT_S)},
                      ).render_as_string(hide_password=False)


@dataclass(frozen=True)
class ServerAddress:
    """Where a shared project lives, as the connect dialog shows it (no password)."""

    host: str
    port: int
    database: str
    user: str


def server_address(url: str) -> ServerAddress:
    """The parts of a server URL the connect dialog fills in again."""
    parsed = make_url(url)
    return ServerAddress(parsed.host or "localhost", parsed.port or 5432,
                         parsed.database or "", parsed.username or "")


def project_name(db: str | os.PathLike[str]) -> str:
    """How a project is named in titles and the recent list: a file's name, or a server
    URL without its password (settings files are not a place for passwords)."""
    raw = os.fspath(db)
    if "://" not in raw:
        return Path(raw).name
    url = make_url(raw)
    return URL.create(url.drivername, username=url.username, host=url.host, port=url.port,
                      database=url.database).render_as_string()


def seeds_dir() -> Path:
    """The bundled demo articles: inside an installed wheel, else in the source checkout."""
    packaged = resources.files("desktop") / "seeds"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "seeds"
