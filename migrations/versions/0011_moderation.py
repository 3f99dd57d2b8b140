"""moderation: reports, notices, the review queue, decisions, sanctions, appeals, the audit log; hidden Subjects,
account sanctions on the user row, and versioned content pages (the house rules are quoted as they were)

Existing pages get their current text as revision 1. The audit log is append-only: triggers refuse UPDATE and
DELETE on both databases.

Revision ID: 0011_moderation
Revises: 0010_status_change_reference
Create Date: 2026-12-06 09:14:51

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_moderation'
down_revision = '0010_status_change_reference'
branch_labels = None
depends_on = None

page = sa.table('page', sa.column('id', sa.Integer()), sa.column('title', sa.String()), sa.column('body_md', sa.Text()),
                sa.column('updated_by_id', sa.Integer()), sa.column('updated_at', sa.DateTime(timezone=True)))
revision_table = sa.table('page_revision', sa.column('page_id', sa.Integer()), sa.column('version', sa.Integer()),
                          sa.column('title', sa.String()), sa.column('body_md', sa.Text()),
                          sa.column('editor_id', sa.Integer()), sa.column('created_at', sa.DateTime(timezone=True)))

# The audit log refuses changes: a row, once written, stays as it is (tests/conftest.py empties it around them).
APPEND_ONLY = {
    'sqlite': [
        "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
        "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END",
        "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
        "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END",
    ],
    'postgresql': [
        "CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'audit_entry is append-only'; END $$",
        "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
        "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
    ],
}
DROP_APPEND_ONLY = {
    'sqlite': ["DROP TRIGGER audit_entry_no_update", "DROP TRIGGER audit_entry_no_delete"],
    'postgresql': ["DROP TRIGGER audit_entry_append_only ON audit_entry", "DROP FUNCTION audit_entry_append_only()"],
}


def upgrade():
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=30), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('object_kind', sa.String(length=40), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=True),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('before', sa.JSON(), nullable=False),
    sa.Column('after', sa.JSON(), nullable=False),
    sa.Column('refused', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_subject_id'), ['subject_id'], unique=False)
    for statement in APPEND_ONLY.get(op.get_bind().dialect.name, []):
        op.execute(statement)

    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('affected_id', sa.Integer(), nullable=True),
    sa.Column('moderator_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('automated', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=True),
    sa.Column('facts', sa.Text(), nullable=False),
    sa.Column('rule_number', sa.Integer(), nullable=True),
    sa.Column('legal_ground', sa.Text(), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('content_before', sa.JSON(), nullable=False),
    sa.Column('content_after', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reversed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("action IN ('hide', 'keep', 'ignore', 'redact', 'delete', 'silence', 'suspend')", name=op.f('ck_decision_action_known')),
    sa.CheckConstraint("source IN ('report', 'notice', 'own_initiative', 'automatic')", name=op.f('ck_decision_source_known')),
    sa.ForeignKeyConstraint(['affected_id'], ['user.id'], name=op.f('fk_decision_affected_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['moderator_id'], ['user.id'], name=op.f('fk_decision_moderator_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subject_id'], ['subject.id'], name=op.f('fk_decision_subject_id_subject'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision'))
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_affected_id'), ['affected_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_moderator_id'), ['moderator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_subject_id'), ['subject_id'], unique=False)

    op.create_table('notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('location', sa.String(length=500), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('good_faith', sa.Boolean(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('notifier_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('open', 'acted', 'rejected')", name=op.f('ck_notice_status_known')),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_notice_decision_id_decision'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['notifier_id'], ['user.id'], name=op.f('fk_notice_notifier_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subject_id'], ['subject.id'], name=op.f('fk_notice_subject_id_subject'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice')),
    sa.UniqueConstraint('token', name=op.f('uq_notice_token'))
    )
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_decision_id'), ['decision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_notifier_id'), ['notifier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_subject_id'), ['subject_id'], unique=False)

    op.create_table('page_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('page_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=150), nullable=False),
    sa.Column('body_md', sa.Text(), nullable=False),
    sa.Column('editor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['editor_id'], ['user.id'], name=op.f('fk_page_revision_editor_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['page_id'], ['page.id'], name=op.f('fk_page_revision_page_id_page'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_page_revision')),
    sa.UniqueConstraint('page_id', 'version', name=op.f('uq_page_revision_page_id_version'))
    )
    with op.batch_alter_table('page_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_page_revision_editor_id'), ['editor_id'], unique=False)

    op.create_table('report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("reason IN ('spam', 'insulting', 'off_topic', 'illegal', 'other')", name=op.f('ck_report_reason_known')),
    sa.CheckConstraint("status IN ('open', 'upheld', 'rejected', 'ignored')", name=op.f('ck_report_status_known')),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_report_decision_id_decision'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reporter_id'], ['user.id'], name=op.f('fk_report_reporter_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subject_id'], ['subject.id'], name=op.f('fk_report_subject_id_subject'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report'))
    )
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_decision_id'), ['decision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_reporter_id'), ['reporter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_subject_id'), ['subject_id'], unique=False)
        batch_op.create_index('uq_report_open_per_reporter', ['reporter_id', 'subject_id'], unique=True, sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))

    op.create_table('review_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('category', sa.String(length=80), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('score', sa.Double(), nullable=False),
    sa.Column('report_count', sa.Integer(), nullable=False),
    sa.Column('notice_count', sa.Integer(), nullable=False),
    sa.Column('top_reason', sa.String(length=20), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('pending', 'resolved')", name=op.f('ck_review_item_status_known')),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_review_item_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_review_item_decision_id_decision'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subject_id'], ['subject.id'], name=op.f('fk_review_item_subject_id_subject'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_item'))
    )
    with op.batch_alter_table('review_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_item_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_item_decision_id'), ['decision_id'], unique=False)
        batch_op.create_index('ix_review_item_queue', ['status', 'score'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_item_subject_id'), ['subject_id'], unique=False)
        batch_op.create_index('uq_review_item_pending', ['subject_id'], unique=True, sqlite_where=sa.text("status = 'pending'"), postgresql_where=sa.text("status = 'pending'"))

    op.create_table('sanction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('lifted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('silence', 'suspend')", name=op.f('ck_sanction_kind_known')),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_sanction_decision_id_decision'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_sanction_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sanction'))
    )
    with op.batch_alter_table('sanction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sanction_decision_id'), ['decision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sanction_user_id'), ['user_id'], unique=False)

    op.create_table('appeal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('appellant_id', sa.Integer(), nullable=True),
    sa.Column('notice_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('handler_id', sa.Integer(), nullable=True),
    sa.Column('response', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('open', 'upheld', 'reversed')", name=op.f('ck_appeal_status_known')),
    sa.ForeignKeyConstraint(['appellant_id'], ['user.id'], name=op.f('fk_appeal_appellant_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_appeal_decision_id_decision'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['handler_id'], ['user.id'], name=op.f('fk_appeal_handler_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['notice_id'], ['notice.id'], name=op.f('fk_appeal_notice_id_notice'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appeal'))
    )
    with op.batch_alter_table('appeal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appeal_appellant_id'), ['appellant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appeal_decision_id'), ['decision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appeal_handler_id'), ['handler_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appeal_notice_id'), ['notice_id'], unique=False)

    with op.batch_alter_table('page', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
    bind = op.get_bind()
    for row in bind.execute(sa.select(page.c.id, page.c.title, page.c.body_md, page.c.updated_by_id,
                                      page.c.updated_at)).all():
        bind.execute(revision_table.insert().values(page_id=row.id, version=1, title=row.title, body_md=row.body_md,
                                                    editor_id=row.updated_by_id, created_at=row.updated_at))

    with op.batch_alter_table('subject', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hidden_reason', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('hidden_automatically', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_subject_hidden_reason'), ['hidden_reason'], unique=False)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('silenced_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('suspended_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_user_subject_id'), ['subject_id'])
        batch_op.create_foreign_key(batch_op.f('fk_user_subject_id_subject'), 'subject', ['subject_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_user_subject_id_subject'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_user_subject_id'), type_='unique')
        batch_op.drop_column('suspended_until')
        batch_op.drop_column('silenced_until')
        batch_op.drop_column('subject_id')

    with op.batch_alter_table('subject', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subject_hidden_reason'))
        batch_op.drop_column('hidden_at')
        batch_op.drop_column('hidden_automatically')
        batch_op.drop_column('hidden_reason')

    with op.batch_alter_table('page', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('appeal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appeal_notice_id'))
        batch_op.drop_index(batch_op.f('ix_appeal_handler_id'))
        batch_op.drop_index(batch_op.f('ix_appeal_decision_id'))
        batch_op.drop_index(batch_op.f('ix_appeal_appellant_id'))

    op.drop_table('appeal')
    with op.batch_alter_table('sanction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sanction_user_id'))
        batch_op.drop_index(batch_op.f('ix_sanction_decision_id'))

    op.drop_table('sanction')
    with op.batch_alter_table('review_item', schema=None) as batch_op:
        batch_op.drop_index('uq_review_item_pending', sqlite_where=sa.text("status = 'pending'"), postgresql_where=sa.text("status = 'pending'"))
        batch_op.drop_index(batch_op.f('ix_review_item_subject_id'))
        batch_op.drop_index('ix_review_item_queue')
        batch_op.drop_index(batch_op.f('ix_review_item_decision_id'))
        batch_op.drop_index(batch_op.f('ix_review_item_author_id'))

    op.drop_table('review_item')
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_index('uq_report_open_per_reporter', sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))
        batch_op.drop_index(batch_op.f('ix_report_subject_id'))
        batch_op.drop_index(batch_op.f('ix_report_reporter_id'))
        batch_op.drop_index(batch_op.f('ix_report_decision_id'))

    op.drop_table('report')
    with op.batch_alter_table('page_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_page_revision_editor_id'))

    op.drop_table('page_revision')
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_subject_id'))
        batch_op.drop_index(batch_op.f('ix_notice_notifier_id'))
        batch_op.drop_index(batch_op.f('ix_notice_decision_id'))

    op.drop_table('notice')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_subject_id'))
        batch_op.drop_index(batch_op.f('ix_decision_moderator_id'))
        batch_op.drop_index(batch_op.f('ix_decision_created_at'))
        batch_op.drop_index(batch_op.f('ix_decision_affected_id'))

    op.drop_table('decision')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_subject_id'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_created_at'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_actor_id'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_action'))
    for statement in DROP_APPEND_ONLY.get(op.get_bind().dialect.name, []):
        op.execute(statement)
    op.drop_table('audit_entry')
