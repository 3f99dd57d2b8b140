"""threads get the language they are written in: existing discussions of an idea or a solution take its language,
every other thread the site's (German)

Revision ID: 0015_thread_language
Revises: 0014_search
Create Date: 2026-12-06 22:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_thread_language'
down_revision = '0014_search'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('thread', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), server_default='de', nullable=False))
    for table in ('idea', 'solution'):
        op.execute(f"UPDATE thread SET language = (SELECT {table}.language FROM {table}"
                   f" WHERE {table}.subject_id = thread.about_subject_id)"
                   f" WHERE about_subject_id IN (SELECT subject_id FROM {table})")


def downgrade():
    with op.batch_alter_table('thread', schema=None) as batch_op:
        batch_op.drop_column('language')
