"""watched words: when a watched word was last changed (the per-process matchers are built again when it moves),
and an index on who added it

Revision ID: 0014_words
Revises: 0013_trust
Create Date: 2026-12-06 16:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_words'
down_revision = '0013_trust'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('watched_word', schema=None) as batch_op:
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True))
    op.execute('UPDATE watched_word SET updated_at = created_at')
    with op.batch_alter_table('watched_word', schema=None) as batch_op:
        batch_op.alter_column('updated_at', existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.create_index(batch_op.f('ix_watched_word_created_by_id'), ['created_by_id'], unique=False)


def downgrade():
    with op.batch_alter_table('watched_word', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_watched_word_created_by_id'))
        batch_op.drop_column('updated_at')
