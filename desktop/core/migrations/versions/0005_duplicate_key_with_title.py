"""the exact-duplicate key hashes the title with the body

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 16:00:00

Until 0004 article.content_hash hashed the body alone, so a row whose first line cleanup
lifted into the title was skipped as "same text" as the row without that line (FNC-1
bodies 433 and 460). Every stored key is recomputed the way dedupe.content_hash now
computes it, so a reimport of what a project holds is still skipped as a duplicate.

The key is that of the article as imported, as an import computes it: a title corrected
since (edit_article, which leaves the key alone) is read back from the first undo step
that changed it, so the original file is still skipped as a duplicate.

The hash is written out here, not imported: a migration must keep doing what it did when
it was written, whatever later becomes of the importer's key. Rows are read by id in
batches, so memory stays flat on a project of any size.
"""
import hashlib
import json
from collections.abc import Callable

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

BATCH = 1000
TITLE_MAX = 1000

_ARTICLE = sa.table('article', sa.column('id', sa.Integer()), sa.column('title', sa.String()),
                    sa.column('body', sa.Text()), sa.column('content_hash', sa.String()))
_UNDO_ROW = sa.table('undo_row', sa.column('id', sa.Integer()), sa.column('kind', sa.String()),
                     sa.column('row_id', sa.Integer()), sa.column('before', sa.Text()))


def _folded(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _title_and_body(title: str | None, body: str | None) -> str:
    folded = _folded((title or "")[:TITLE_MAX]) + "\n" + _folded(body)
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def _body_only(_title: str | None, body: str | None) -> str:
    return hashlib.sha256(_folded(body).encode("utf-8")).hexdigest()


def _rehash(key: Callable[[str | None, str | None], str]) -> None:
    """Set every article's content_hash to ``key(title, body)``, BATCH rows at a time."""
    conn = op.get_bind()
    read = (sa.select(_ARTICLE.c.id, _ARTICLE.c.title, _ARTICLE.c.body)
            .where(_ARTICLE.c.id > sa.bindparam('after')).order_by(_ARTICLE.c.id).limit(BATCH))
    write = (sa.update(_ARTICLE).where(_ARTICLE.c.id == sa.bindparam('row_id'))
             .values(content_hash=sa.bindparam('digest')))
    first_edits = (sa.select(_UNDO_ROW.c.row_id, _UNDO_ROW.c.before)
                   .where(_UNDO_ROW.c.kind == 'article',
                          _UNDO_ROW.c.row_id.in_(sa.bindparam('ids', expanding=True)))
                   .order_by(_UNDO_ROW.c.id.desc()))
    after = 0
    while rows := conn.execute(read, {'after': after}).all():
        imported = {row_id: title for row_id, title, _ in rows}
        # Newest first, so the first edit's image of each article is written last.
        for row_id, before in conn.execute(first_edits, {'ids': list(imported)}):
            image = json.loads(before) if before else {}
            if 'title' in image:
                imported[row_id] = image['title']
        conn.execute(write, [{'row_id': row_id, 'digest': key(imported[row_id], body)}
                             for row_id, _, body in rows])
        after = rows[-1][0]


def upgrade() -> None:
    # No new key can equal an old one: a new key's text holds a line break, an old one's
    # (folded) never does, so the unique index holds at every row of the way.
    _rehash(_title_and_body)


def downgrade() -> None:
    # Fails on the unique index if the project holds two articles with one body and
    # different titles: the old key cannot tell them apart, which was the bug.
    _rehash(_body_only)
