"""follow preferences: which automatic follows a user wants

Revision ID: 0006_follow_preferences
Revises: 0005_follows
Create Date: 2026-11-25 19:52:44

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_follow_preferences'
down_revision = '0005_follows'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('follow_preference',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('on_create', sa.Boolean(), nullable=False),
    sa.Column('on_support', sa.Boolean(), nullable=False),
    sa.Column('on_reply', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_follow_preference_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_follow_preference'))
    )


def downgrade():
    op.drop_table('follow_preference')
