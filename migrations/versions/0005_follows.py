"""follows: who follows which Subject

Revision ID: 0005_follows
Revises: 0004_ideas
Create Date: 2026-11-25 19:25:31

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_follows'
down_revision = '0004_ideas'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('follow',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['subject_id'], ['subject.id'], name=op.f('fk_follow_subject_id_subject'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_follow_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow')),
    sa.UniqueConstraint('user_id', 'subject_id', name='uq_follow_user_subject')
    )
    with op.batch_alter_table('follow', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_subject_id'), ['subject_id'], unique=False)
        batch_op.create_index('ix_follow_user_created', ['user_id', 'created_at'], unique=False)



def downgrade():
    with op.batch_alter_table('follow', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_user_created')
        batch_op.drop_index(batch_op.f('ix_follow_subject_id'))

    op.drop_table('follow')
