"""links without a scheme in stored user texts: a link to another host written as "//host/path" becomes
"https://host/path" in the HTML the text pipeline stored (pipeline version 3 writes it so), so no page, e-mail or
feed carries a protocol-relative link. Down again nothing changes back: the https:// links are what the pipeline
writes now, and which were written without a scheme is not recorded.

Revision ID: 0017_scheme_links
Revises: 0016_search_speed
Create Date: 2026-12-07 03:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0017_scheme_links'
down_revision = '0016_search_speed'
branch_labels = None
depends_on = None

# Every column holding HTML of the text pipeline (app.text.render_markdown), which writes href="..." quoted so.
COOKED = (("post", "body_html"), ("idea", "body_html"), ("idea_status_change", "explanation_html"),
          ("solution", "description_html"), ("milestone", "description_html"), ("progress_update", "body_html"),
          ("solution_rating", "comment_html"))


def upgrade():
    for table, column in COOKED:
        op.execute(f"UPDATE {table} SET {column} = replace({column}, 'href=\"//', 'href=\"https://')"
                   f" WHERE {column} LIKE '%href=\"//%'")


def downgrade():
    pass  # see the docstring: the links stay explicit
