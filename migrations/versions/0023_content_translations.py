"""community translations: a member's translation of an idea's or a solution's title and description into
another language of the site (one per original and language, with a Subject of its own so it can be reported
and hidden), and the versions edits replaced. Down again, both tables and the translations' Subjects go.

Revision ID: 0023_content_translations
Revises: 0022_search_languages
Create Date: 2026-12-07 06:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0023_content_translations'
down_revision = '0022_search_languages'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'content_translation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('original_subject_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('from_language', sa.String(length=8), nullable=False),
        sa.Column('title', sa.String(length=150), nullable=False),
        sa.Column('body_md', sa.Text(), nullable=False),
        sa.Column('body_html', sa.Text(), nullable=False),
        sa.Column('cooked_version', sa.Integer(), nullable=False),
        sa.Column('translator_id', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('removed_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['original_subject_id'], ['subject.id'],
                                name=op.f('fk_content_translation_original_subject_id_subject'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['removed_by_id'], ['user.id'],
                                name=op.f('fk_content_translation_removed_by_id_user'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['subject_id'], ['subject.id'], name=op.f('fk_content_translation_subject_id_subject'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['translator_id'], ['user.id'],
                                name=op.f('fk_content_translation_translator_id_user'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_content_translation')),
        sa.UniqueConstraint('original_subject_id', 'language',
                            name=op.f('uq_content_translation_original_subject_id_language')),
        sa.UniqueConstraint('subject_id', name=op.f('uq_content_translation_subject_id')),
    )
    with op.batch_alter_table('content_translation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_content_translation_removed_by_id'), ['removed_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_content_translation_translator_id'), ['translator_id'], unique=False)
    op.create_table(
        'translation_revision',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('translation_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=150), nullable=False),
        sa.Column('body_md', sa.Text(), nullable=False),
        sa.Column('translator_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['translation_id'], ['content_translation.id'],
                                name=op.f('fk_translation_revision_translation_id_content_translation'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['translator_id'], ['user.id'],
                                name=op.f('fk_translation_revision_translator_id_user'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_translation_revision')),
        sa.UniqueConstraint('translation_id', 'number', name=op.f('uq_translation_revision_translation_id_number')),
    )
    with op.batch_alter_table('translation_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_translation_revision_translator_id'), ['translator_id'], unique=False)


def downgrade():
    subject = sa.table('subject', sa.column('id', sa.Integer), sa.column('kind', sa.String))
    with op.batch_alter_table('translation_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_translation_revision_translator_id'))
    op.drop_table('translation_revision')
    with op.batch_alter_table('content_translation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_content_translation_translator_id'))
        batch_op.drop_index(batch_op.f('ix_content_translation_removed_by_id'))
    op.drop_table('content_translation')
    op.execute(subject.delete().where(subject.c.kind == 'translation'))
