"""plain-language summaries: an idea may carry a short summary in plain language (Einfache Sprache), written by
its author or by city staff, with who wrote it and when. Existing ideas have none. Down again, the columns go.

Revision ID: 0024_plain_summaries
Revises: 0023_content_translations
Create Date: 2026-12-07 06:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0024_plain_summaries'
down_revision = '0023_content_translations'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.add_column(sa.Column('plain_summary', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('plain_summary_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('plain_summary_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_idea_plain_summary_by_id'), ['plain_summary_by_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_idea_plain_summary_by_id_user'), 'user', ['plain_summary_by_id'],
                                    ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_idea_plain_summary_by_id_user'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_idea_plain_summary_by_id'))
        batch_op.drop_column('plain_summary_at')
        batch_op.drop_column('plain_summary_by_id')
        batch_op.drop_column('plain_summary')
