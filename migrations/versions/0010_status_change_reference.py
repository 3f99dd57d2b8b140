"""status change reference: an idea's history step points to its solution by reference, not by a path in its text

Until now, linking an idea to a solution wrote "[title](/solutions/<id>)" into the step's explanation (Markdown and
HTML). Now the step keeps `reference_subject_id` and pages build the link with url_for. Existing steps move their
trailing solution link into the reference; down again, the link goes back into the text.

Revision ID: 0010_status_change_reference
Revises: 0009_solutions
Create Date: 2026-12-06 06:20:00

"""
import re

from alembic import op
import sqlalchemy as sa
from markupsafe import escape


# revision identifiers, used by Alembic.
revision = '0010_status_change_reference'
down_revision = '0009_solutions'
branch_labels = None
depends_on = None

LINK_MD = re.compile(r"\s*\[[^\n]*\]\(/solutions/(\d+)\)\s*$")
LINK_HTML = re.compile(r'\s*<p><a href="/solutions/(\d+)"[^>]*>.*?</a></p>\s*$', re.S)

change = sa.table('idea_status_change', sa.column('id', sa.Integer()), sa.column('explanation_md', sa.Text()),
                  sa.column('explanation_html', sa.Text()), sa.column('reference_subject_id', sa.Integer()))
solution = sa.table('solution', sa.column('id', sa.Integer()), sa.column('subject_id', sa.Integer()),
                    sa.column('title', sa.String()))


def upgrade():
    with op.batch_alter_table('idea_status_change', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reference_subject_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_idea_status_change_reference_subject_id_subject'), 'subject',
                                    ['reference_subject_id'], ['id'], ondelete='SET NULL')
        batch_op.create_index(batch_op.f('ix_idea_status_change_reference_subject_id'), ['reference_subject_id'],
                              unique=False)

    bind = op.get_bind()
    subject_of = dict(bind.execute(sa.select(solution.c.id, solution.c.subject_id)).all())
    rows = bind.execute(sa.select(change.c.id, change.c.explanation_md, change.c.explanation_html)
                        .where(change.c.explanation_md.like('%](/solutions/%'))).all()
    for row_id, source, html in rows:
        found = LINK_MD.search(source or "")
        if found is None or int(found.group(1)) not in subject_of:
            continue
        bind.execute(change.update().where(change.c.id == row_id).values(
            explanation_md=source[:found.start()], explanation_html=LINK_HTML.sub("", html or ""),
            reference_subject_id=subject_of[int(found.group(1))]))


def downgrade():
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(change.c.id, change.c.explanation_md, change.c.explanation_html, solution.c.id, solution.c.title)
        .join(solution, solution.c.subject_id == change.c.reference_subject_id)).all()
    for row_id, source, html, solution_id, title in rows:
        bind.execute(change.update().where(change.c.id == row_id).values(
            explanation_md=f"{source}\n\n[{title}](/solutions/{solution_id})",
            explanation_html=f'{html}\n<p><a href="/solutions/{solution_id}">{escape(title)}</a></p>'))

    with op.batch_alter_table('idea_status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_status_change_reference_subject_id'))
        batch_op.drop_constraint(batch_op.f('fk_idea_status_change_reference_subject_id_subject'), type_='foreignkey')
        batch_op.drop_column('reference_subject_id')
