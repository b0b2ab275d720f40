"""The exact-duplicate key: no row of a user's file is lost as "same text" when its text
differs, and migration 0005 brings the keys of older projects to the same form.

FNC-1 bodies 433 and 460 are bodies 54 and 236 with a headline line on top. Cleanup lifts
that line into the title, and a key over the body alone skipped them as "same text as
article N": two rows of the file became one, and their Body IDs were gone.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Sequence
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

from desktop.core.db import Database, alembic_config
from desktop.core.dto import ImportItem
from desktop.core.ingest.csv_reader import CsvOptions
from desktop.core.ingest.dedupe import content_hash
from desktop.core.service import Service
from desktop.core.service.editing import edit_article
from desktop.core.service.importing import import_paths
from tests.conftest import DATA

TWINS = DATA / "fnc1_titled_twins.csv"
"""Bodies 54, 433 (54 under a headline line), 236, 460 (236 likewise), 105, 373 (105 again)."""


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database that does not exist yet (SQLite) or is empty (PostgreSQL)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'project.sqlite'}"
    return str(request.getfixturevalue("pg_url"))


def _by_body_id(service: Service,
                report_items: Sequence[ImportItem]) -> dict[str, tuple[str, str | None]]:
    """Each row's Body ID -> (status, Body ID of the article it copies or duplicates)."""
    external = {row.id: row.external_id for row in service.articles(with_claims=False)}
    rows = [row["Body ID"] for row in csv.DictReader(TWINS.open(encoding="utf-8"))]
    out = {}
    for body_id, item in zip(rows, report_items, strict=True):
        other = item.copy_of if item.status == "imported" else item.article_id
        out[body_id] = (item.status, external[other] if other is not None else None)
    return out


def test_rows_under_a_headline_line_keep_their_ids(new_url: str) -> None:
    service = Service.open(new_url)
    try:
        report = service.import_paths([TWINS], source="FNC-1", id_column="Body ID")
        assert _by_body_id(service, report.items) == {
            "54": ("imported", None), "433": ("imported", "54"),
            "236": ("imported", None), "460": ("imported", "236"),
            "105": ("imported", None), "373": ("duplicate", "105"),
        }
        assert sorted(r.external_id for r in service.articles(with_claims=False)) == [
            "105", "236", "433", "460", "54"]
        again = service.import_paths([TWINS], source="FNC-1", id_column="Body ID")
        assert [i.status for i in again.items] == ["duplicate"] * 6
    finally:
        service.close()


def test_the_same_article_as_txt_and_html_is_one_article(service: Service,
                                                         tmp_path: Path) -> None:
    title = "Nun gives birth after stomach pains in Italian convent"
    body = ("A nun living in an Italian convent has given birth to a surprise baby after "
            "complaining of stomach pains, according to the Italian press. The nun was taken "
            "to hospital in Rieti on Wednesday.")
    (tmp_path / "nun.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    (tmp_path / "nun.html").write_text(
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{body}</p></article></body></html>", encoding="utf-8")
    report = service.import_paths([tmp_path / "nun.txt", tmp_path / "nun.html"])
    assert [(i.status, i.article_id) for i in report.items] == [("imported", 1),
                                                                ("duplicate", 1)]


def _body_only_key(body: str) -> str:
    """The key revision 0004 stored: the body alone, case and white space folded."""
    return hashlib.sha256(" ".join(body.casefold().split()).encode("utf-8")).hexdigest()


def _project_at_0004(url: str, tmp_path: Path) -> list[tuple[int, str]]:
    """A project as the previous FactDesk left it after importing the twins: the rows its
    key kept (54, 236, 105), their sentences and claims, keys over the body alone, and a
    title the user gave body 54 afterwards.
    Returns its (article id, Body ID) pairs."""
    kept = tmp_path / "kept.csv"
    with TWINS.open(encoding="utf-8") as src, kept.open("w", encoding="utf-8",
                                                        newline="") as dst:
        writer = csv.writer(dst)
        writer.writerow(["Body ID", "articleBody"])
        writer.writerows((r["Body ID"], r["articleBody"]) for r in csv.DictReader(src)
                         if r["Body ID"] in ("54", "236", "105", "373"))
    engine = create_engine(url)
    try:
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0004")
        db = Database(engine, sessionmaker(engine, expire_on_commit=False))
        report = import_paths(db, [kept], source="FNC-1",
                              csv_options=CsvOptions(id_column="Body ID"))
        assert [i.status for i in report.items] == ["imported"] * 3 + ["duplicate"]
        with db.write() as session:  # a title given since: the key stays the imported text's
            edit_article(session, 1, title="Nun gives birth in convent", by="ana")
        with engine.begin() as conn:
            for article_id, body in conn.execute(text("SELECT id, body FROM article")).all():
                conn.execute(text("UPDATE article SET content_hash = :key WHERE id = :id"),
                             {"key": _body_only_key(body), "id": article_id})
            stored = conn.execute(text("SELECT id, external_id FROM article"))
            return sorted((article_id, body_id) for article_id, body_id in stored)
    finally:
        engine.dispose()


def test_migration_rekeys_an_older_project_and_loses_nothing(new_url: str,
                                                             tmp_path: Path) -> None:
    before = _project_at_0004(new_url, tmp_path)
    service = Service.open(new_url)  # upgrades to head
    try:
        with service.db.read() as session:
            rows = session.execute(text("SELECT id, external_id, title, body, content_hash "
                                        "FROM article ORDER BY id")).all()
        assert [(r[0], r[1]) for r in rows] == before
        assert rows[0][2] == "Nun gives birth in convent"
        assert [r[4] for r in rows] == [content_hash("", rows[0][3]),
                                        *(content_hash(r[2], r[3]) for r in rows[1:])]
        assert service.check().ok

        report = service.import_paths([TWINS], source="FNC-1", id_column="Body ID")
        assert _by_body_id(service, report.items) == {
            "54": ("duplicate", "54"), "433": ("imported", "54"),
            "236": ("duplicate", "236"), "460": ("imported", "236"),
            "105": ("duplicate", "105"), "373": ("duplicate", "105"),
        }
        again = service.import_paths([TWINS], source="FNC-1", id_column="Body ID")
        assert [i.status for i in again.items] == ["duplicate"] * 6
        assert service.check().ok
    finally:
        service.close()
