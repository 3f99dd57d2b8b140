"""solutions: solutions from ideas, milestones, progress updates, contributions, closure ratings

Revision ID: 0009_solutions
Revises: 0008_category_subjects
Create Date: 2026-12-04 20:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_solutions'
down_revision = '0008_category_subjects'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('solution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=150), nullable=False),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.Column('description_md', sa.Text(), nullable=False),
    sa.Column('description_html', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('progress_manual', sa.Integer(), nullable=True),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('milestone_count', sa.Integer(), nullable=False),
    sa.Column('milestones_done', sa.Integer(), nullable=False),
    sa.Column('rating_count', sa.Integer(), nullable=False),
    sa.Column('rating_sum', sa.Integer(), nullable=False),
    sa.Column('went_live_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('planned', 'in_development', 'piloting', 'live', 'discontinued')", name=op.f('ck_solution_status_known')),
    sa.CheckConstraint('progress_manual IS NULL OR progress_manual BETWEEN 0 AND 100', name=op.f('ck_solution_progress_range')),
    sa.ForeignKeyConstraint(['category_id'], ['idea_category.id'], name=op.f('fk_solution_category_id_idea_category'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_solution_owner_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subject_id'], ['subject.id'], name=op.f('fk_solution_subject_id_subject'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_solution')),
    sa.UniqueConstraint('subject_id', name=op.f('uq_solution_subject_id'))
    )
    with op.batch_alter_table('solution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_solution_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_solution_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index('ix_solution_status_updated', ['status', 'updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_solution_updated_at'), ['updated_at'], unique=False)

    op.create_table('contribution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('solution_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role IN ('testing', 'design', 'development', 'domain', 'other')", name=op.f('ck_contribution_role_known')),
    sa.CheckConstraint("state IN ('pending', 'accepted', 'declined')", name=op.f('ck_contribution_state_known')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_contribution_decided_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['solution_id'], ['solution.id'], name=op.f('fk_contribution_solution_id_solution'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_contribution_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contribution')),
    sa.UniqueConstraint('solution_id', 'user_id', name=op.f('uq_contribution_solution_id_user_id'))
    )
    with op.batch_alter_table('contribution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contribution_decided_by_id'), ['decided_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contribution_user_id'), ['user_id'], unique=False)

    op.create_table('milestone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('solution_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=150), nullable=False),
    sa.Column('description_md', sa.Text(), nullable=False),
    sa.Column('description_html', sa.Text(), nullable=False),
    sa.Column('planned_on', sa.Date(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['done_by_id'], ['user.id'], name=op.f('fk_milestone_done_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['solution_id'], ['solution.id'], name=op.f('fk_milestone_solution_id_solution'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone'))
    )
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestone_done_by_id'), ['done_by_id'], unique=False)
        batch_op.create_index('ix_milestone_solution_planned', ['solution_id', 'planned_on'], unique=False)

    op.create_table('progress_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('solution_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body_md', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_progress_update_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['solution_id'], ['solution.id'], name=op.f('fk_progress_update_solution_id_solution'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_update'))
    )
    with op.batch_alter_table('progress_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_update_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_progress_update_solution_created', ['solution_id', 'created_at'], unique=False)

    op.create_table('solution_idea',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('solution_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('linked_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_solution_idea_idea_id_idea'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['linked_by_id'], ['user.id'], name=op.f('fk_solution_idea_linked_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['solution_id'], ['solution.id'], name=op.f('fk_solution_idea_solution_id_solution'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_solution_idea')),
    sa.UniqueConstraint('solution_id', 'idea_id', name=op.f('uq_solution_idea_solution_id_idea_id'))
    )
    with op.batch_alter_table('solution_idea', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_solution_idea_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_solution_idea_linked_by_id'), ['linked_by_id'], unique=False)

    op.create_table('solution_rating',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('solution_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('comment_md', sa.Text(), nullable=False),
    sa.Column('comment_html', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('score BETWEEN 1 AND 5', name=op.f('ck_solution_rating_score_range')),
    sa.ForeignKeyConstraint(['solution_id'], ['solution.id'], name=op.f('fk_solution_rating_solution_id_solution'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_solution_rating_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_solution_rating')),
    sa.UniqueConstraint('solution_id', 'user_id', name=op.f('uq_solution_rating_solution_id_user_id'))
    )
    with op.batch_alter_table('solution_rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_solution_rating_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('solution_rating', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_solution_rating_user_id'))

    op.drop_table('solution_rating')
    with op.batch_alter_table('solution_idea', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_solution_idea_linked_by_id'))
        batch_op.drop_index(batch_op.f('ix_solution_idea_idea_id'))

    op.drop_table('solution_idea')
    with op.batch_alter_table('progress_update', schema=None) as batch_op:
        batch_op.drop_index('ix_progress_update_solution_created')
        batch_op.drop_index(batch_op.f('ix_progress_update_author_id'))

    op.drop_table('progress_update')
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.drop_index('ix_milestone_solution_planned')
        batch_op.drop_index(batch_op.f('ix_milestone_done_by_id'))

    op.drop_table('milestone')
    with op.batch_alter_table('contribution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contribution_user_id'))
        batch_op.drop_index(batch_op.f('ix_contribution_decided_by_id'))

    op.drop_table('contribution')
    with op.batch_alter_table('solution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_solution_updated_at'))
        batch_op.drop_index('ix_solution_status_updated')
        batch_op.drop_index(batch_op.f('ix_solution_owner_id'))
        batch_op.drop_index(batch_op.f('ix_solution_category_id'))

    op.drop_table('solution')
