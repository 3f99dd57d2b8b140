"""ideas: categories with their answer promise, ideas, status history

Revision ID: 0004_ideas
Revises: 0003_voting
Create Date: 2026-11-25 17:52:08

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_ideas'
down_revision = '0003_voting'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('idea_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=60), nullable=False),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.Column('descriptions', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('support_threshold', sa.Integer(), nullable=False),
    sa.Column('answer_days', sa.Integer(), nullable=False),
    sa.Column('authors_may_support', sa.Boolean(), nullable=False),
    sa.Column('idea_count', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('answer_days >= 1', name=op.f('ck_idea_category_answer_days_positive')),
    sa.CheckConstraint('support_threshold >= 1', name=op.f('ck_idea_category_threshold_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea_category')),
    sa.UniqueConstraint('slug', name=op.f('uq_idea_category_slug'))
    )
    with op.batch_alter_table('idea_category', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_category_position'), ['position'], unique=False)

    op.create_table('idea',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=150), nullable=False),
    sa.Column('body_md', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('cooked_version', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
    sa.Column('support_count', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status_changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('threshold_reached_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answer_due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answer_id', sa.Integer(), nullable=True),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'new', 'under_review', 'accepted', 'declined', 'duplicate', 'in_development', 'implemented', 'withdrawn')", name=op.f('ck_idea_status_known')),
    sa.CheckConstraint('support_count >= 0', name=op.f('ck_idea_support_count_not_negative')),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_idea_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['category_id'], ['idea_category.id'], name=op.f('fk_idea_category_id_idea_category'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['duplicate_of_id'], ['idea.id'], name=op.f('fk_idea_duplicate_of_id_idea'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subject_id'], ['subject.id'], name=op.f('fk_idea_subject_id_subject'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea')),
    sa.UniqueConstraint('subject_id', name=op.f('uq_idea_subject_id'))
    )
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.create_index('ix_idea_answer_due_at', ['answer_due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_answer_id'), ['answer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_answered_at'), ['answered_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_duplicate_of_id'), ['duplicate_of_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_published_at'), ['published_at'], unique=False)
        batch_op.create_index('ix_idea_status_published_at', ['status', 'published_at'], unique=False)
        batch_op.create_index('ix_idea_support_count_id', ['support_count', 'id'], unique=False)

    op.create_table('idea_status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('explanation_md', sa.Text(), nullable=False),
    sa.Column('explanation_html', sa.Text(), nullable=False),
    sa.Column('is_answer', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_idea_status_change_actor_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_idea_status_change_idea_id_idea'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea_status_change'))
    )
    with op.batch_alter_table('idea_status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_status_change_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index('ix_idea_status_change_idea_created', ['idea_id', 'created_at'], unique=False)

    # idea.answer_id and idea_status_change.idea_id point at each other: the second key comes once both exist
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_idea_answer_id_idea_status_change'), 'idea_status_change',
                                    ['answer_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_idea_answer_id_idea_status_change'), type_='foreignkey')

    with op.batch_alter_table('idea_status_change', schema=None) as batch_op:
        batch_op.drop_index('ix_idea_status_change_idea_created')
        batch_op.drop_index(batch_op.f('ix_idea_status_change_actor_id'))

    op.drop_table('idea_status_change')
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.drop_index('ix_idea_support_count_id')
        batch_op.drop_index('ix_idea_status_published_at')
        batch_op.drop_index(batch_op.f('ix_idea_published_at'))
        batch_op.drop_index(batch_op.f('ix_idea_duplicate_of_id'))
        batch_op.drop_index(batch_op.f('ix_idea_category_id'))
        batch_op.drop_index(batch_op.f('ix_idea_author_id'))
        batch_op.drop_index(batch_op.f('ix_idea_answered_at'))
        batch_op.drop_index(batch_op.f('ix_idea_answer_id'))
        batch_op.drop_index('ix_idea_answer_due_at')

    op.drop_table('idea')
    with op.batch_alter_table('idea_category', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_category_position'))

    op.drop_table('idea_category')
