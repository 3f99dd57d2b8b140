"""category subjects: forum and idea categories own a Subject (so they can be followed)

Revision ID: 0008_category_subjects
Revises: 0007_notifications
Create Date: 2026-12-05 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_category_subjects'
down_revision = '0007_notifications'
branch_labels = None
depends_on = None

KINDS = {'forum_category': 'forum_category', 'idea_category': 'idea_category'}  # table -> Subject kind

subject = sa.table('subject', sa.column('id', sa.Integer()), sa.column('kind', sa.String()),
                   sa.column('created_at'))  # untyped: the stored value goes back as it came (text on SQLite)


def _category(table):
    return sa.table(table, sa.column('id', sa.Integer()), sa.column('subject_id', sa.Integer()),
                    sa.column('created_at'))


def upgrade():
    for table in KINDS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('subject_id', sa.Integer(), nullable=True))

    # One Subject per existing category, created when the category was (categories are few: a row at a time).
    bind = op.get_bind()
    for table, kind in KINDS.items():
        category = _category(table)
        for category_id, created_at in bind.execute(
                sa.select(category.c.id, category.c.created_at).order_by(category.c.id)).all():
            subject_id = bind.execute(subject.insert().values(kind=kind, created_at=created_at)
                                      .returning(subject.c.id)).scalar_one()
            bind.execute(category.update().where(category.c.id == category_id).values(subject_id=subject_id))

    for table in KINDS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('subject_id', existing_type=sa.Integer(), nullable=False)
            batch_op.create_unique_constraint(batch_op.f(f'uq_{table}_subject_id'), ['subject_id'])
            batch_op.create_foreign_key(batch_op.f(f'fk_{table}_subject_id_subject'), 'subject',
                                        ['subject_id'], ['id'], ondelete='CASCADE')


def downgrade():
    for table in reversed(list(KINDS)):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_subject_id_subject'), type_='foreignkey')
            batch_op.drop_constraint(batch_op.f(f'uq_{table}_subject_id'), type_='unique')
            batch_op.drop_column('subject_id')

    # The categories' Subjects go, and with them what points at them: follows and notifications. SQLite runs
    # migrations with foreign keys off (migrations/env.py), so those cascades are done here by hand.
    category_subjects = sa.select(subject.c.id).where(subject.c.kind.in_(list(KINDS.values())))
    follow = sa.table('follow', sa.column('subject_id', sa.Integer()))
    notification = sa.table('notification', sa.column('subject_id', sa.Integer()),
                            sa.column('target_subject_id', sa.Integer()))
    op.execute(follow.delete().where(follow.c.subject_id.in_(category_subjects)))
    op.execute(notification.delete().where(sa.or_(notification.c.subject_id.in_(category_subjects),
                                                  notification.c.target_subject_id.in_(category_subjects))))
    op.execute(subject.delete().where(subject.c.kind.in_(list(KINDS.values()))))
