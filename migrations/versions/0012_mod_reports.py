"""moderation reports: a review item remembers when its author edited the hidden content (it went back to the queue)

Revision ID: 0012_mod_reports
Revises: 0011_moderation
Create Date: 2026-12-07 10:02:11

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_mod_reports'
down_revision = '0011_moderation'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('review_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('review_item', schema=None) as batch_op:
        batch_op.drop_column('edited_at')
