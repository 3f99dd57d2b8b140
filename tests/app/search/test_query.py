"""app.search.query.parse: every rule of its docstring, the limits and their truncation flags."""
from __future__ import annotations

import pytest

from app.search.query import (MAX_QUERY_LENGTH, MAX_WORD_LENGTH, MAX_WORDS, MIN_SIMILAR_WORD, Parsed, Term, clean,
                              parse)


def words(*clauses: str) -> tuple[tuple[Term, ...], ...]:
    """Clauses of single words: "a|b" is one clause with the alternatives a and b."""
    return tuple(tuple(Term((word,)) for word in clause.split("|")) for clause in clauses)


def test_every_word_is_a_clause_lower_case_in_any_script():
    parsed = parse("Bürger BÜRO 2024 Şehir حديقة Γειά 東京")
    assert parsed.clauses == words("bürger", "büro", "2024", "şehir", "حديقة", "γειά", "東京")
    assert parsed.excluded == ()
    assert not parsed.truncated


def test_a_quoted_phrase_is_one_term_and_an_unbalanced_quote_runs_to_the_end():
    assert parse('rad "sichere Radwege" kinder').clauses == (
        (Term(("rad",)),), (Term(("sichere", "radwege")),), (Term(("kinder",)),))
    assert parse('rad "sichere Radwege für').clauses == (
        (Term(("rad",)),), (Term(("sichere", "radwege", "für")),))
    assert parse('"one"').clauses == words("one")
    assert parse('""').is_empty


def test_a_minus_excludes_a_word_or_a_phrase():
    parsed = parse('rad -auto -"rote ampel"')
    assert parsed.clauses == words("rad")
    assert parsed.excluded == (Term(("auto",), negated=True), Term(("rote", "ampel"), negated=True))
    assert parsed.words() == ["rad"]
    assert parse("-auto").is_empty  # nothing to find: only exclusions
    assert parse("- -").is_empty


def test_or_between_two_terms_accepts_either():
    assert parse("rad or bus").clauses == words("rad|bus")
    assert parse("rad OR bus Or bahn tram").clauses == words("rad|bus|bahn", "tram")
    assert parse('rad or "grüne welle"').clauses == ((Term(("rad",)), Term(("grüne", "welle"))),)


@pytest.mark.parametrize("text", ["or", "or or", "or rad", "rad or", "or rad or"])
def test_or_is_never_a_word(text):
    parsed = parse(text)
    assert all(word != "or" for word in parsed.words())
    assert parsed.clauses in ((), words("rad"))


@pytest.mark.parametrize(("text", "expected"), [
    ("title:x", ("title", "x")),
    ("kind:idea AND status:new", ("kind", "idea", "and", "status", "new")),
    ("rad* bus? [bahn] (tram) {zug} <a> a&b|c !d ^e ~f", ("rad", "bus", "bahn", "tram", "zug", "a", "a", "b", "c",
                                                          "d", "e", "f")),
    ("rad\x00bus\x01\x7f tram\u200bzug", ("rad", "bus", "tram", "zug")),
    ("snake_case e-mail 3.14", ("snake", "case", "e", "mail", "3", "14")),
])
def test_everything_else_separates_words(text, expected):
    assert tuple(word for clause in parse(text).clauses for term in clause for word in term.words) == expected


@pytest.mark.parametrize("text", ["*", "?", "***", "!!! ??? ...", "\x00\x00", "", "   ", None, "\ue000\ue001",
                                  ":", "-", '"', '-"'])
def test_input_without_words_is_empty(text):
    parsed = parse(text)
    assert parsed.is_empty
    assert parsed.words() == []
    assert parsed.websearch() == ""


def test_at_most_max_words_and_the_cut_is_flagged():
    parsed = parse(" ".join(f"w{n}" for n in range(MAX_WORDS + 5)))
    assert len(parsed.clauses) == MAX_WORDS
    assert parsed.truncated
    exactly = parse(" ".join(f"w{n}" for n in range(MAX_WORDS)))
    assert len(exactly.clauses) == MAX_WORDS and not exactly.truncated
    phrase = parse("a b " + '"' + " ".join(f"p{n}" for n in range(MAX_WORDS)) + '"')
    assert sum(len(term.words) for clause in phrase.clauses for term in clause) == MAX_WORDS
    assert phrase.truncated


def test_words_are_cut_to_max_word_length_and_flagged():
    parsed = parse("x" * (MAX_WORD_LENGTH + 10))
    assert parsed.clauses == words("x" * MAX_WORD_LENGTH)
    assert parsed.truncated
    assert not parse("x" * MAX_WORD_LENGTH).truncated


def test_the_text_is_cut_to_max_query_length_and_flagged():
    parsed = parse("rad " * 5_000)
    assert parsed.truncated
    assert len(parsed.clauses) == MAX_WORDS
    assert len(clean("a" * 10_000)) == MAX_QUERY_LENGTH
    full = ("x" * (MAX_WORD_LENGTH - 1) + " ") * (MAX_QUERY_LENGTH // MAX_WORD_LENGTH)
    assert len(full) == MAX_QUERY_LENGTH
    assert not parse(full).truncated
    assert parse(full + "y").truncated


def test_clean_normalises_and_blanks_control_and_format_characters():
    assert clean("  ＲＡＤ\x00ﬁsch\u202e\ufeff ") == "RAD fisch"
    assert parse("ＲＡＤ ﬁsch").clauses == words("rad", "fisch")


def test_words_lists_the_searched_words_once_in_order():
    parsed = parse('bus "rote ampel" bus or tram -auto')
    assert parsed.words() == ["bus", "rote", "ampel", "tram"]


def test_websearch_renders_only_words_in_its_syntax():
    parsed = parse('rad or bus "rote ampel" -auto -"blaue welle" title:x \'; DROP')
    assert parsed.websearch() == 'rad or bus "rote ampel" title x drop -auto -"blaue welle"'


def test_match_any_makes_one_clause_of_every_long_enough_word():
    parsed = parse('Neue Radwege "an der" Hauptstraße -auto or so', match="any")
    assert parsed.clauses == (tuple(Term((word,)) for word in ("neue", "radwege", "der", "hauptstraße")),)
    assert parsed.excluded == ()
    assert all(len(term.words[0]) >= MIN_SIMILAR_WORD for term in parsed.clauses[0])
    assert parse("an so zu", match="any") == Parsed((), (), False)
