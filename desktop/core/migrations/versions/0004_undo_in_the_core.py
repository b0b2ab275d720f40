"""undo steps in the database; versions on articles and history events

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 17:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('article', sa.Column('version', sa.Integer(), server_default=sa.text('1'),
                                       nullable=False))
    op.add_column('claim_event', sa.Column('version', sa.Integer(), nullable=True))
    op.add_column('claim_event', sa.Column('step_id', sa.Integer(), nullable=True))
    op.create_index(op.f('ix_claim_event_step_id'), 'claim_event', ['step_id'], unique=False)
    op.create_table(
        'undo_step',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('author', sa.String(length=100), nullable=True),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('state', sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_undo_step')),
    )
    op.create_table(
        'undo_row',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('step_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('row_id', sa.Integer(), nullable=False),
        sa.Column('before', sa.Text(), nullable=True),
        sa.Column('after', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['step_id'], ['undo_step.id'],
                                name=op.f('fk_undo_row_step_id_undo_step'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_undo_row')),
    )
    op.create_index(op.f('ix_undo_row_step_id'), 'undo_row', ['step_id'], unique=False)
    op.create_index('ix_undo_row_kind_row', 'undo_row', ['kind', 'row_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_undo_row_kind_row', table_name='undo_row')
    op.drop_index(op.f('ix_undo_row_step_id'), table_name='undo_row')
    op.drop_table('undo_row')
    op.drop_table('undo_step')
    op.drop_index(op.f('ix_claim_event_step_id'), table_name='claim_event')
    with op.batch_alter_table('claim_event') as batch_op:
        batch_op.drop_column('step_id')
        batch_op.drop_column('version')
    with op.batch_alter_table('article') as batch_op:
        batch_op.drop_column('version')
