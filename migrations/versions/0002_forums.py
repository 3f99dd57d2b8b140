"""forums: categories, threads, posts, revisions, mentions, read positions

Revision ID: 0002_forums
Revises: 0001_core
Create Date: 2026-11-25 15:44:25.342843

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002_forums'
down_revision = '0001_core'
branch_labels = None
depends_on = None


def upgrade():
    
    op.create_table('forum_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=60), nullable=False),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.Column('descriptions', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('color', sa.String(length=7), nullable=False),
    sa.Column('thread_count', sa.Integer(), nullable=False),
    sa.Column('post_count', sa.Integer(), nullable=False),
    sa.Column('last_posted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_category')),
    sa.UniqueConstraint('slug', name=op.f('uq_forum_category_slug'))
    )
    with op.batch_alter_table('forum_category', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_category_position'), ['position'], unique=False)

    op.create_table('thread',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('about_subject_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_posted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_poster_id', sa.Integer(), nullable=True),
    sa.Column('highest_post_number', sa.Integer(), nullable=False),
    sa.Column('reply_count', sa.Integer(), nullable=False),
    sa.Column('for_count', sa.Integer(), nullable=False),
    sa.Column('against_count', sa.Integer(), nullable=False),
    sa.Column('question_count', sa.Integer(), nullable=False),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('category_id IS NOT NULL OR about_subject_id IS NOT NULL', name=op.f('ck_thread_has_place')),
    sa.ForeignKeyConstraint(['about_subject_id'], ['subject.id'], name=op.f('fk_thread_about_subject_id_subject'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_thread_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['category_id'], ['forum_category.id'], name=op.f('fk_thread_category_id_forum_category'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['last_poster_id'], ['user.id'], name=op.f('fk_thread_last_poster_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subject_id'], ['subject.id'], name=op.f('fk_thread_subject_id_subject'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thread')),
    sa.UniqueConstraint('about_subject_id', name=op.f('uq_thread_about_subject_id')),
    sa.UniqueConstraint('subject_id', name=op.f('uq_thread_subject_id'))
    )
    with op.batch_alter_table('thread', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_thread_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_thread_category_listing', ['category_id', 'pinned', 'last_posted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_thread_last_posted_at'), ['last_posted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_thread_last_poster_id'), ['last_poster_id'], unique=False)

    op.create_table('post',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('reply_to_id', sa.Integer(), nullable=True),
    sa.Column('root_id', sa.Integer(), nullable=True),
    sa.Column('depth', sa.Integer(), nullable=False),
    sa.Column('sort_path', sa.String(length=40), nullable=False),
    sa.Column('body_md', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('cooked_version', sa.Integer(), nullable=False),
    sa.Column('stance', sa.String(length=10), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revision_count', sa.Integer(), nullable=False),
    sa.Column('child_count', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("stance IS NULL OR stance IN ('for', 'against', 'question')", name=op.f('ck_post_stance_known')),
    sa.CheckConstraint('depth BETWEEN 0 AND 3', name=op.f('ck_post_depth_range')),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_post_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['user.id'], name=op.f('fk_post_deleted_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['parent_id'], ['post.id'], name=op.f('fk_post_parent_id_post'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reply_to_id'], ['post.id'], name=op.f('fk_post_reply_to_id_post'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['root_id'], ['post.id'], name=op.f('fk_post_root_id_post'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subject_id'], ['subject.id'], name=op.f('fk_post_subject_id_subject'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['thread_id'], ['thread.id'], name=op.f('fk_post_thread_id_thread'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_post')),
    sa.UniqueConstraint('subject_id', name=op.f('uq_post_subject_id')),
    sa.UniqueConstraint('thread_id', 'number', name=op.f('uq_post_thread_id_number'))
    )
    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_post_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_post_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_post_deleted_by_id'), ['deleted_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_post_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_post_reply_to_id'), ['reply_to_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_post_root_id'), ['root_id'], unique=False)
        batch_op.create_index('ix_post_thread_depth_number', ['thread_id', 'depth', 'number'], unique=False)

    op.create_table('thread_read',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('last_read_number', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['thread_id'], ['thread.id'], name=op.f('fk_thread_read_thread_id_thread'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_thread_read_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'thread_id', name=op.f('pk_thread_read'))
    )
    with op.batch_alter_table('thread_read', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_thread_read_thread_id'), ['thread_id'], unique=False)

    op.create_table('post_mention',
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['post.id'], name=op.f('fk_post_mention_post_id_post'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_post_mention_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('post_id', 'user_id', name=op.f('pk_post_mention'))
    )
    with op.batch_alter_table('post_mention', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_post_mention_user_id'), ['user_id'], unique=False)

    op.create_table('post_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('body_md', sa.Text(), nullable=False),
    sa.Column('editor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['editor_id'], ['user.id'], name=op.f('fk_post_revision_editor_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['post.id'], name=op.f('fk_post_revision_post_id_post'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_post_revision')),
    sa.UniqueConstraint('post_id', 'number', name=op.f('uq_post_revision_post_id_number'))
    )
    with op.batch_alter_table('post_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_post_revision_editor_id'), ['editor_id'], unique=False)

    


def downgrade():
    
    with op.batch_alter_table('post_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_post_revision_editor_id'))

    op.drop_table('post_revision')
    with op.batch_alter_table('post_mention', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_post_mention_user_id'))

    op.drop_table('post_mention')
    with op.batch_alter_table('thread_read', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_thread_read_thread_id'))

    op.drop_table('thread_read')
    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.drop_index('ix_post_thread_depth_number')
        batch_op.drop_index(batch_op.f('ix_post_root_id'))
        batch_op.drop_index(batch_op.f('ix_post_reply_to_id'))
        batch_op.drop_index(batch_op.f('ix_post_parent_id'))
        batch_op.drop_index(batch_op.f('ix_post_deleted_by_id'))
        batch_op.drop_index(batch_op.f('ix_post_created_at'))
        batch_op.drop_index(batch_op.f('ix_post_author_id'))

    op.drop_table('post')
    with op.batch_alter_table('thread', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_thread_last_poster_id'))
        batch_op.drop_index(batch_op.f('ix_thread_last_posted_at'))
        batch_op.drop_index('ix_thread_category_listing')
        batch_op.drop_index(batch_op.f('ix_thread_author_id'))

    op.drop_table('thread')
    with op.batch_alter_table('forum_category', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_category_position'))

    op.drop_table('forum_category')
    
