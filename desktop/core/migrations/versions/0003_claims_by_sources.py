"""index claims in the table's default order

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 18:58:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_claim_sources_order', 'claim', [sa.text('n_sources DESC'), 'id'])


def downgrade() -> None:
    op.drop_index('ix_claim_sources_order', table_name='claim')
