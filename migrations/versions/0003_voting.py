"""voting: votes, likes on posts

Revision ID: 0003_voting
Revises: 0002_forums
Create Date: 2026-11-25 17:51:59

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_voting'
down_revision = '0002_forums'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('vote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('voter_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['subject_id'], ['subject.id'], name=op.f('fk_vote_subject_id_subject'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['voter_id'], ['user.id'], name=op.f('fk_vote_voter_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vote')),
    sa.UniqueConstraint('subject_id', 'voter_id', name='uq_vote_subject_voter')
    )
    with op.batch_alter_table('vote', schema=None) as batch_op:
        batch_op.create_index('ix_vote_created_at_subject_id', ['created_at', 'subject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vote_voter_id'), ['voter_id'], unique=False)

    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.add_column(sa.Column('like_count', sa.Integer(), nullable=False, server_default='0'))



def downgrade():
    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.drop_column('like_count')

    with op.batch_alter_table('vote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vote_voter_id'))
        batch_op.drop_index('ix_vote_created_at_subject_id')

    op.drop_table('vote')
