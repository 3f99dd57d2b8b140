"""notifications: in-app notifications, e-mail settings per kind, the e-mail outbox

Revision ID: 0007_notifications
Revises: 0006_follow_preferences
Create Date: 2026-12-04 19:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_notifications'
down_revision = '0006_follow_preferences'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('email_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=500), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('dropped_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("period IN ('immediately', 'daily', 'weekly')", name=op.f('ck_email_outbox_period_known')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_email_outbox_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_email_outbox'))
    )
    with op.batch_alter_table('email_outbox', schema=None) as batch_op:
        batch_op.create_index('ix_email_outbox_due', ['sent_at', 'next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_email_outbox_user_id'), ['user_id'], unique=False)

    op.create_table('notification_setting',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('delivery', sa.String(length=12), nullable=False),
    sa.CheckConstraint("delivery IN ('immediately', 'daily', 'weekly', 'never')", name=op.f('ck_notification_setting_delivery_known')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_notification_setting_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'kind', name=op.f('pk_notification_setting'))
    )
    op.create_table('notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('event', sa.String(length=80), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('target_subject_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('data', sa.String(length=80), nullable=True),
    sa.Column('delivery', sa.String(length=12), nullable=False),
    sa.Column('email_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_notification_actor_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['email_id'], ['email_outbox.id'], name=op.f('fk_notification_email_id_email_outbox'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subject_id'], ['subject.id'], name=op.f('fk_notification_subject_id_subject'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_subject_id'], ['subject.id'], name=op.f('fk_notification_target_subject_id_subject'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_notification_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification')),
    sa.UniqueConstraint('user_id', 'event', name='uq_notification_user_event')
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notification_email_id'), ['email_id'], unique=False)
        batch_op.create_index('ix_notification_pending_email', ['delivery', 'email_id', 'user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notification_subject_id'), ['subject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notification_target_subject_id'), ['target_subject_id'], unique=False)
        batch_op.create_index('ix_notification_user_created', ['user_id', 'created_at'], unique=False)
        batch_op.create_index('ix_notification_user_read', ['user_id', 'read_at'], unique=False)



def downgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_user_read')
        batch_op.drop_index('ix_notification_user_created')
        batch_op.drop_index(batch_op.f('ix_notification_target_subject_id'))
        batch_op.drop_index(batch_op.f('ix_notification_subject_id'))
        batch_op.drop_index('ix_notification_pending_email')
        batch_op.drop_index(batch_op.f('ix_notification_email_id'))
        batch_op.drop_index(batch_op.f('ix_notification_actor_id'))

    op.drop_table('notification')
    op.drop_table('notification_setting')
    with op.batch_alter_table('email_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_email_outbox_user_id'))
        batch_op.drop_index('ix_email_outbox_due')

    op.drop_table('email_outbox')
