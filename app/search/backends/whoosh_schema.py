"""What the Whoosh backend stores and how it reads a query: the schema, one analyser per language, and the
translation of a Parsed query (app.search.query) into whoosh.query objects.

Each document fills the text fields of its own language: `title_de`/`body_de` (German), `title_en`/`body_en`,
`title_tr`/`body_tr`, `title_ar`/`body_ar`, `title_xx`/`body_xx` for every other language (whoosh_languages says
how each analyses), and beside each the field of its word pairs (`title_pairs_de`, ...: whoosh_analysis), which
answers phrases; the text fields keep no positions. A language is one more entry in whoosh_languages.STEPS (and
so one more field pair). User text never reaches a QueryParser: every word goes through the field's analyser
and becomes a Term, Prefix or Phrase object.
"""
from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from whoosh import columns, fields
from whoosh import query as wq

from app.search.backends import whoosh_analysis as analysis
from app.search.backends.whoosh_languages import ANALYSERS, prefix_of
from app.search.documents import Document
from app.search.query import Parsed, SearchRequest, Term

TITLE_BOOST = 2.0


def suffix_of(language: str | None) -> str:
    """The field-pair suffix of a content language: its own analyser, or "xx"."""
    return language if language in ANALYSERS else "xx"


def make_schema() -> fields.Schema:
    text_fields = {}
    for suffix in ANALYSERS:
        for part in ("title", "body"):
            text_fields[f"{part}_{suffix}"] = analysis.WordsField(suffix)
            text_fields[f"{part}_pairs_{suffix}"] = analysis.WordsField(suffix, pairs=True)
    return fields.Schema(
        key=fields.ID(stored=True, unique=True),
        kind=fields.ID(stored=True),
        category=fields.ID(stored=True),
        status=fields.ID(stored=True),
        author_id=fields.ID(stored=True),
        visible_to=fields.KEYWORD(),
        hidden=fields.BOOLEAN(stored=True),
        # A column only (no terms: a unique term per document costs the writer more than all the rest of it);
        # the date filter reads the column (date_bounds).
        created_at=fields.COLUMN(columns.NumericColumn("q")),
        language=fields.STORED(),
        title=fields.STORED(),
        body=fields.STORED(),
        **text_fields,
    )


def key_text(kind: str, object_id: int) -> str:
    return f"{kind}:{object_id}"


def epoch(moment: datetime) -> int:
    """Microseconds since 1970 in UTC (a naive datetime is read as UTC): things written in the same second keep
    their order, as in the database."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1_000_000)


def fields_of(document: Document, frequent: dict[str, analysis.Shares] | None = None) -> dict:
    """The Whoosh fields of `document` (its text NFKC-normalised, as queries are; each text analysed once, for
    its words and their pairs): the pairs `frequent` (suffix -> Shares) has indexed, every pair without it."""
    title = unicodedata.normalize("NFKC", document.title or "")
    body = unicodedata.normalize("NFKC", document.body or "")
    suffix = suffix_of(document.language)
    values = {
        "key": key_text(document.kind, document.id),
        "kind": document.kind,
        "hidden": bool(document.hidden),
        "created_at": epoch(document.created_at),
        "language": suffix,
        "title": title,
        "body": body,
    }
    for part, text in (("title", title), ("body", body)):
        terms = analysis.stems(suffix, text)
        values[f"{part}_{suffix}"] = terms
        values[f"{part}_pairs_{suffix}"] = analysis.pairs(
            terms, None if frequent is None else frequent.get(suffix, {}))
    if document.category is not None:
        values["category"] = document.category
    if document.status is not None:
        values["status"] = document.status
    if document.author_id is not None:
        values["author_id"] = str(document.author_id)
    if document.visible_to:
        values["visible_to"] = " ".join(str(account) for account in sorted(document.visible_to))
    return values


@lru_cache(maxsize=20_000)
def analyse(suffix: str, text: str) -> tuple[str, ...]:
    """The index terms of `text` in the language of `suffix` (stop words dropped)."""
    return tuple(token.text for token in ANALYSERS[suffix](text))


def term_stems(suffix: str, term: Term) -> list[str]:
    """The index terms of `term` (a word or a phrase) in the language of `suffix`; [] when only stop words."""
    return [stem for word in term.words for stem in analyse(suffix, word)]


def _term_query(suffix: str, term: Term) -> wq.Query | None:
    """`term` against the title and body of one language; None when nothing of it is left (stop words). A phrase
    is the conjunction of its words in the same field: a superset of the phrase, which whoosh_docsets.matching
    narrows (word pairs, the stored text) to the documents that have the words in a row."""
    stems = term_stems(suffix, term)
    if not stems:
        return None
    alternatives: list[wq.Query] = []
    for part, boost in (("title", TITLE_BOOST), ("body", 1.0)):
        field = f"{part}_{suffix}"
        if len(stems) > 1:
            alternatives.append(wq.And([wq.Term(field, stem) for stem in stems], boost=boost))
            continue
        alternatives.append(wq.Term(field, stems[0], boost=boost))
        prefix = prefix_of(suffix, stems[0])
        if prefix is not None:
            alternatives.append(wq.Prefix(field, prefix, boost=boost * 0.5))
    return wq.Or(alternatives)


def text_query(parsed: Parsed) -> wq.Query:
    """The documents that match `parsed` in their own language: every clause (one of its alternatives) and none
    of the excluded terms. A language in which no clause is left (only stop words) matches nothing."""
    per_language: list[wq.Query] = []
    for suffix in ANALYSERS:
        clauses = []
        for clause in parsed.clauses:
            alternatives = [q for q in (_term_query(suffix, term) for term in clause) if q is not None]
            if alternatives:
                clauses.append(alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives))
        if not clauses:
            continue
        positive = clauses[0] if len(clauses) == 1 else wq.And(clauses)
        negatives = [q for q in (_term_query(suffix, term) for term in parsed.excluded) if q is not None]
        per_language.append(wq.AndNot(positive, wq.Or(negatives)) if negatives else positive)
    if not per_language:
        return wq.NullQuery
    return per_language[0] if len(per_language) == 1 else wq.Or(per_language)


def filter_query(request: SearchRequest) -> wq.Query | None:
    """Every filter of `request` but the kind filter (that one splits the counts per kind) and the dates
    (date_bounds), or None."""
    parts: list[wq.Query] = []
    if request.category is not None:
        parts.append(wq.Term("category", request.category))
    if request.statuses:
        parts.append(wq.Or([wq.Term("status", status) for status in request.statuses]))
    if request.author_id is not None:
        parts.append(wq.Term("author_id", str(request.author_id)))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def date_bounds(request: SearchRequest) -> tuple[int, int] | None:
    """The first and last created_at value (microseconds, inclusive) the request's since/until let through, or
    None when it has neither."""
    if request.since is None and request.until is None:
        return None
    start = _day_start(request.since) if request.since is not None else -(2 ** 63)
    end = _day_start(request.until + timedelta(days=1)) - 1 if request.until is not None else 2 ** 63 - 1
    return start, end


def _day_start(day: date) -> int:
    return epoch(datetime.combine(day, time.min, tzinfo=UTC))


def marked_terms(parsed: Parsed, suffix: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The index terms a snippet marks in the language of `suffix`: exact terms, and the prefixes of compounds."""
    exact = {stem for word in parsed.words() for stem in analyse(suffix, word)}
    prefixes = tuple(sorted({prefix for stem in exact if (prefix := prefix_of(suffix, stem)) is not None}))
    return frozenset(exact), prefixes
