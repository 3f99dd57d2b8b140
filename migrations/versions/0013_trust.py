"""trust and administration: trust levels, stored settings, watched words, pre-moderated categories, supports set
aside and their traces

Accounts that exist when this runs have taken part before the sandbox existed: they start as members (trust 1).

Revision ID: 0013_trust
Revises: 0012_mod_reports
Create Date: 2026-12-06 15:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_trust'
down_revision = '0012_mod_reports'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('trust_level', sa.SmallInteger(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('trust_locked', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('trust_changed_at', sa.DateTime(timezone=True), nullable=True))
    op.execute('UPDATE "user" SET trust_level = 1')

    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.add_column(sa.Column('automatic', sa.Boolean(), server_default=sa.false(), nullable=False))

    for table in ('forum_category', 'idea_category'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('premoderated', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('vote', schema=None) as batch_op:
        batch_op.add_column(sa.Column('set_aside_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('set_aside_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('set_aside_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_vote_set_aside_by_id_user'), 'user', ['set_aside_by_id'], ['id'],
                                    ondelete='SET NULL')
        batch_op.create_index(batch_op.f('ix_vote_set_aside_by_id'), ['set_aside_by_id'], unique=False)
        # Trending counts only counted votes: the (created_at, subject_id) index covers exactly those.
        batch_op.drop_index('ix_vote_created_at_subject_id')
        batch_op.create_index('ix_vote_counted_created_at_subject_id', ['created_at', 'subject_id'], unique=False,
                              sqlite_where=sa.text('set_aside_at IS NULL'),
                              postgresql_where=sa.text('set_aside_at IS NULL'))

    op.create_table(
        'support_trace',
        sa.Column('vote_id', sa.Integer(), nullable=False),
        sa.Column('network_hash', sa.String(length=64), nullable=False),
        sa.Column('agent_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['vote_id'], ['vote.id'], name=op.f('fk_support_trace_vote_id_vote'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('vote_id', name=op.f('pk_support_trace')),
    )
    with op.batch_alter_table('support_trace', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_trace_network_hash'), ['network_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_trace_created_at'), ['created_at'], unique=False)

    op.create_table(
        'setting',
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('value', sa.JSON(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_setting_updated_by_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_setting')),
    )
    with op.batch_alter_table('setting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_setting_updated_by_id'), ['updated_by_id'], unique=False)

    op.create_table(
        'watched_word',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('word', sa.String(length=100), nullable=False),
        sa.Column('normalised', sa.String(length=100), nullable=False),
        sa.Column('locale', sa.String(length=8), nullable=False),
        sa.Column('action', sa.String(length=10), nullable=False),
        sa.Column('replacement', sa.String(length=100), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_watched_word_created_by_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_watched_word')),
        sa.UniqueConstraint('locale', 'normalised', name='uq_watched_word_locale_normalised'),
    )
    with op.batch_alter_table('watched_word', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_watched_word_created_by_id'), ['created_by_id'], unique=False)


def downgrade():
    with op.batch_alter_table('watched_word', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_watched_word_created_by_id'))
    op.drop_table('watched_word')
    with op.batch_alter_table('setting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_setting_updated_by_id'))
    op.drop_table('setting')
    with op.batch_alter_table('support_trace', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_trace_created_at'))
        batch_op.drop_index(batch_op.f('ix_support_trace_network_hash'))
    op.drop_table('support_trace')
    with op.batch_alter_table('vote', schema=None) as batch_op:
        batch_op.drop_index('ix_vote_counted_created_at_subject_id')
        batch_op.create_index('ix_vote_created_at_subject_id', ['created_at', 'subject_id'], unique=False)
        batch_op.drop_index(batch_op.f('ix_vote_set_aside_by_id'))
        batch_op.drop_constraint(batch_op.f('fk_vote_set_aside_by_id_user'), type_='foreignkey')
        batch_op.drop_column('set_aside_by_id')
        batch_op.drop_column('set_aside_reason')
        batch_op.drop_column('set_aside_at')
    for table in ('idea_category', 'forum_category'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('premoderated')
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_column('automatic')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('trust_changed_at')
        batch_op.drop_column('trust_locked')
        batch_op.drop_column('trust_level')
