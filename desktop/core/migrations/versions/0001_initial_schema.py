"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-24 17:31:08.436445
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('verdict', sa.String(length=16), nullable=False),
    sa.Column('verdict_as_of', sa.Date(), nullable=True),
    sa.Column('verdict_note', sa.Text(), nullable=True),
    sa.Column('review_state', sa.String(length=16), nullable=False),
    sa.Column('attribution', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('n_sources', sa.Integer(), nullable=False),
    sa.Column('n_articles', sa.Integer(), nullable=False),
    sa.Column('n_origins', sa.Integer(), nullable=False),
    sa.Column('n_support', sa.Integer(), nullable=False),
    sa.Column('n_contradict', sa.Integer(), nullable=False),
    sa.Column('has_conflict', sa.Boolean(), nullable=False),
    sa.Column('conflict_values', sa.Text(), nullable=False),
    sa.Column('first_seen', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim'))
    )
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_has_conflict'), ['has_conflict'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_n_sources'), ['n_sources'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_verdict'), ['verdict'], unique=False)

    op.create_table('claim_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('author', sa.String(length=100), nullable=True),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=True),
    sa.Column('old', sa.Text(), nullable=True),
    sa.Column('new', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_event'))
    )
    with op.batch_alter_table('claim_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_event_claim_id'), ['claim_id'], unique=False)

    op.create_table('source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source')),
    sa.UniqueConstraint('name', name=op.f('uq_source_name'))
    )
    op.create_table('article',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=1000), nullable=False),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('external_id', sa.String(length=200), nullable=True),
    sa.Column('path', sa.String(length=2000), nullable=True),
    sa.Column('byline', sa.String(length=500), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('origin_id', sa.Integer(), nullable=True),
    sa.Column('copy_similarity', sa.Float(), nullable=True),
    sa.Column('fingerprint', sa.Text(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['origin_id'], ['article.id'], name=op.f('fk_article_origin_id_article')),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_article_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article')),
    sa.UniqueConstraint('content_hash', name=op.f('uq_article_content_hash'))
    )
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_external_id'), ['external_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_article_origin_id'), ['origin_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_article_source_id'), ['source_id'], unique=False)

    op.create_table('evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('author', sa.String(length=100), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_evidence_claim_id_claim')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_claim_id'), ['claim_id'], unique=False)

    op.create_table('sentence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('checkworthy', sa.Boolean(), nullable=False),
    sa.Column('attribution', sa.String(length=300), nullable=True),
    sa.Column('terms', sa.Text(), nullable=False),
    sa.Column('quantities', sa.Text(), nullable=False),
    sa.Column('when', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], name=op.f('fk_sentence_article_id_article'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sentence'))
    )
    with op.batch_alter_table('sentence', schema=None) as batch_op:
        batch_op.create_index('ix_sentence_article_ordinal', ['article_id', 'ordinal'], unique=False)

    op.create_table('mention',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('sentence_id', sa.Integer(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('stance', sa.String(length=16), nullable=False),
    sa.Column('hedged', sa.Boolean(), nullable=False),
    sa.Column('origin', sa.String(length=8), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], name=op.f('fk_mention_article_id_article')),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_mention_claim_id_claim')),
    sa.ForeignKeyConstraint(['sentence_id'], ['sentence.id'], name=op.f('fk_mention_sentence_id_sentence')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mention'))
    )
    with op.batch_alter_table('mention', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mention_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mention_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mention_sentence_id'), ['sentence_id'], unique=False)
    _create_text_search()


# The full-text index over the normalised sentence terms: an external-content FTS5 table
# kept in step by triggers on SQLite, a GIN expression index on PostgreSQL.
FTS_TRIGGERS = {
    "sentence_fts_ai": "AFTER INSERT ON sentence BEGIN INSERT INTO sentence_fts(rowid, terms) "
    "VALUES (new.id, new.terms); END",
    "sentence_fts_ad": "AFTER DELETE ON sentence BEGIN INSERT INTO sentence_fts(sentence_fts, "
    "rowid, terms) VALUES ('delete', old.id, old.terms); END",
    "sentence_fts_au": "AFTER UPDATE OF terms ON sentence BEGIN INSERT INTO sentence_fts("
    "sentence_fts, rowid, terms) VALUES ('delete', old.id, old.terms); INSERT INTO "
    "sentence_fts(rowid, terms) VALUES (new.id, new.terms); END",
}


def _create_text_search() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE sentence_fts USING fts5(terms, content='sentence', "
                   "content_rowid='id', tokenize='unicode61')")
        for name, body in FTS_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
    else:
        op.execute("CREATE INDEX ix_sentence_terms_tsv ON sentence "
                   "USING gin (to_tsvector('simple', terms))")


def _drop_text_search() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in FTS_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
        op.execute("DROP TABLE sentence_fts")
    else:
        op.execute("DROP INDEX ix_sentence_terms_tsv")


def downgrade() -> None:
    _drop_text_search()
    with op.batch_alter_table('mention', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mention_sentence_id'))
        batch_op.drop_index(batch_op.f('ix_mention_claim_id'))
        batch_op.drop_index(batch_op.f('ix_mention_article_id'))

    op.drop_table('mention')
    with op.batch_alter_table('sentence', schema=None) as batch_op:
        batch_op.drop_index('ix_sentence_article_ordinal')

    op.drop_table('sentence')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_claim_id'))

    op.drop_table('evidence')
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_source_id'))
        batch_op.drop_index(batch_op.f('ix_article_origin_id'))
        batch_op.drop_index(batch_op.f('ix_article_external_id'))

    op.drop_table('article')
    op.drop_table('source')
    with op.batch_alter_table('claim_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_event_claim_id'))

    op.drop_table('claim_event')
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_verdict'))
        batch_op.drop_index(batch_op.f('ix_claim_n_sources'))
        batch_op.drop_index(batch_op.f('ix_claim_has_conflict'))

    op.drop_table('claim')
