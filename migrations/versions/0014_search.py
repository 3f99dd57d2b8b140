"""search: the outbox of documents to index again, and the PostgreSQL backend's documents with their text-search
configurations (German and English stemming without accents; "simple" without accents for the rest)

Existing content is not indexed by this step: `flask search rebuild` builds the index (docs/search.md).

Revision ID: 0014_search
Revises: 0013_trust
Create Date: 2026-12-06 18:40:00

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '0014_search'
down_revision = '0013_trust'
branch_labels = None
depends_on = None

# name -> (the configuration it copies, its stemming dictionary)
CONFIGURATIONS = {
    'werkstadt_de': ('german', 'german_stem'),
    'werkstadt_en': ('english', 'english_stem'),
    'werkstadt_simple': ('simple', 'simple'),
}


def upgrade():
    op.create_table(
        'search_outbox',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('object_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_outbox')),
    )
    op.create_table(
        'search_document',
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('object_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('config', sa.String(length=40), nullable=False),
        sa.Column('tsv', postgresql.TSVECTOR().with_variant(sa.Text(), 'sqlite'), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('category', sa.String(length=120), nullable=True),
        sa.Column('status', sa.String(length=20), nullable=True),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('hidden', sa.Boolean(), nullable=False),
        sa.Column('visible_to', postgresql.ARRAY(sa.Integer()).with_variant(sa.Text(), 'sqlite'), nullable=True),
        sa.PrimaryKeyConstraint('kind', 'object_id', name=op.f('pk_search_document')),
    )
    op.create_index('ix_search_document_tsv', 'search_document', ['tsv'], unique=False, postgresql_using='gin')
    op.create_index('ix_search_document_created_at', 'search_document', ['created_at'], unique=False)
    if op.get_bind().dialect.name == 'postgresql':
        bind = op.get_bind()
        op.execute('CREATE EXTENSION IF NOT EXISTS unaccent')
        # Named with its schema: the extension may live outside this schema's search path (one per database).
        home = bind.execute(sa.text("SELECT extnamespace::regnamespace::text FROM pg_extension "
                                    "WHERE extname = 'unaccent'")).scalar_one()
        for name, (parent, stemmer) in CONFIGURATIONS.items():
            op.execute(f'DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}')
            op.execute(f'CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {parent})')
            op.execute(f'ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word '
                       f'WITH {home}.unaccent, {stemmer}')


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        for name in CONFIGURATIONS:
            op.execute(f'DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}')
    op.drop_index('ix_search_document_created_at', table_name='search_document')
    op.drop_index('ix_search_document_tsv', table_name='search_document', postgresql_using='gin')
    op.drop_table('search_document')
    op.drop_table('search_outbox')
