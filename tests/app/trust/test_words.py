"""app.trust.words: the normal form (NFKC, casefold, invisible characters, look-alike letters), whole-word matching
with spans in the text as typed, replacing, and a matcher of thousands of words that agrees with a plain search."""
from __future__ import annotations

import random
import re

import pytest

from app.trust.models import WordAction
from app.trust.words import Entry, Matcher, fold, normalise, normalise_word, replace


def matcher(*words: str, action: WordAction = WordAction.BLOCK) -> Matcher:
    return Matcher([Entry(normalise_word(word), word, action) for word in words])


def found(m: Matcher, text: str) -> list[str]:
    """The watched words' spans in `text` as typed."""
    return [text[hit.start:hit.end] for hit in m.find(text)]


# --- the normal form ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, expected", [
    ("Idiot", "idiot"),                          # upper case
    ("ＩＤＩＯＴ", "idiot"),                       # fullwidth letters (NFKC)
    ("Straße", "strasse"),                       # ß casefolds to ss
    ("ﬁnd", "find"),                             # a ligature (NFKC)
    ("id\u200biot", "idiot"),                    # zero-width space inside the word
    ("i\u200cd\u200di\u2060o\ufefft", "idiot"),  # every other invisible character
    ("idi\u00adot", "idiot"),                    # soft hyphen
    ("іdіоt", "idiot"),                          # Cyrillic і and о
    ("ΙDΙΟΤ", "idiot"),                          # Greek capitals: casefolded, then mapped
    ("рауРаl", "paypal"),                        # Cyrillic р а у
    ("cafe\u0301", "café"),                      # a combining accent composes (NFKC)
    ("CAFE\u0301", "café"),
])
def test_the_normal_form_undoes_unicode_tricks(typed, expected):
    assert normalise(typed) == expected


def test_a_watched_word_is_stored_with_single_spaces():
    assert normalise_word("  Foo \u00a0  BAR ") == "foo bar"
    assert normalise_word("\u200b\u200b") == ""


def test_the_map_leads_back_to_the_characters_as_typed():
    text = "Ａ Straße e\u0301! id\u200biot"
    folded = fold(text)
    assert folded.text == "a strasse é! idiot"

    def typed(part: str) -> str:
        begin = folded.text.index(part)
        return text[slice(*folded.span(begin, begin + len(part)))]

    assert typed("ss") == "ß"
    assert typed("é") == "e\u0301" and typed("é!") == "e\u0301!"
    assert typed("idiot") == "id\u200biot" and typed("d") == "d" and typed("a strasse") == "Ａ Straße"


def test_ascii_text_keeps_its_positions():
    folded = fold("Hello World")
    assert folded.text == "hello world" and folded.span(6, 11) == (6, 11)


# --- matching ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "What an IDIOT.", "What an ＩＤＩＯＴ.", "What an id\u200biot.", "What an іdіоt.", "What an idi\u00adot!",
    "(idiot)", "idiot", "«Idiot»",
])
def test_a_word_is_found_whatever_the_trick(text):
    assert len(matcher("idiot").find(text)) == 1


@pytest.mark.parametrize("text", ["class", "assistant", "bass guitar", "passé", "ass_ets", "ass2"])
def test_a_word_is_not_found_inside_another_word(text):
    assert matcher("ass").find(text) == []


def test_whole_words_next_to_punctuation_and_at_the_ends():
    assert found(matcher("ass"), "ass, class, ass. (ass) ass") == ["ass", "ass", "ass", "ass"]


def test_ss_and_eszett_meet_in_the_normal_form():
    m = matcher("Straße")
    assert found(m, "Die STRASSE ist gesperrt") == ["STRASSE"]
    assert found(m, "Die strasse") == ["strasse"]
    assert found(matcher("strasse"), "Die Straße") == ["Straße"]


def test_accents_written_apart_match_the_composed_word():
    assert found(matcher("café"), "Ein cafe\u0301 am Markt") == ["cafe\u0301"]
    assert found(matcher("cafe\u0301"), "Ein café am Markt") == ["café"]
    assert matcher("café").find("Ein cafe am Markt") == []  # accents are not dropped


def test_cyrillic_and_greek_look_alikes_match_latin_words():
    assert found(matcher("scam"), "a ѕсаm, a sϲam") == ["ѕсаm"]  # ϲ (lunate sigma) is not in the table
    assert found(matcher("poker"), "рокеr night") == ["рокеr"]
    assert found(matcher("taxi"), "ταχι") == ["ταχι"]


def test_a_cyrillic_watched_word_still_matches_itself():
    assert found(matcher("сука"), "ты сука!") == ["сука"]


def test_phrases_match_across_any_white_space_but_not_inside_words():
    m = matcher("free money")
    assert found(m, "Get FREE   money now") == ["FREE   money"]
    assert found(m, "free\nmoney") == ["free\nmoney"]
    assert m.find("freemoney") == [] and m.find("free moneys") == [] and m.find("carefree money") == []


def test_the_longest_watched_word_wins_where_two_start():
    m = matcher("free", "free money")
    assert found(m, "free money and free time") == ["free money", "free"]


def test_a_hit_knows_every_entry_of_its_form():
    m = Matcher([Entry("spam", "spam", WordAction.REPORT, locale=""),
                 Entry("spam", "SPAM", WordAction.HOLD, locale="de")])
    (hit,) = m.find("Spam!")
    assert {entry.action for entry in hit.entries} == {WordAction.REPORT, WordAction.HOLD}
    assert hit.has(WordAction.HOLD) and not hit.has(WordAction.BLOCK)


def test_an_empty_matcher_finds_nothing():
    m = Matcher([])
    assert not m and m.find("anything") == []


def test_the_hit_names_the_word_without_its_invisible_characters():
    (hit,) = matcher("idiot").find("you id\u200biot")
    assert hit.typed == "idiot" and (hit.start, hit.end) == (4, 10)


def test_special_characters_of_regular_expressions_are_plain_letters():
    m = matcher("a.b", "c+")
    assert found(m, "axb a.b") == ["a.b"]
    assert m.find("cc") == []


# --- replacing in the text as typed ----------------------------------------------------------------------------

def test_replacing_keeps_everything_around_the_word_as_typed():
    text = "Ｈｅｌｌｏ, du Id\u200biot und ΙDΙΟΤ! Straße."
    m = matcher("idiot")
    assert replace(text, m.find(text), lambda hit: "***") == "Ｈｅｌｌｏ, du *** und ***! Straße."


def test_replacing_only_where_asked():
    text = "one two one"
    m = matcher("one", "two")
    assert replace(text, m.find(text), lambda hit: "2" if hit.typed == "two" else None) == "one 2 one"


# --- thousands of words ----------------------------------------------------------------------------------------

def test_thousands_of_words_find_what_a_plain_search_finds():
    rng = random.Random(16)
    letters = "abcdefghijklmnopqrstuvwxyzäöß"
    vocabulary = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(5000)})
    watched = vocabulary[::2]
    m = matcher(*watched)
    text = " ".join(rng.choice(vocabulary) for _ in range(400)) + " " + watched[-1].upper()
    folded = normalise(text)
    watched_forms = {normalise_word(w) for w in watched}
    expected = [word for word in re.findall(r"\w+", folded) if word in watched_forms]
    assert [normalise(hit.typed) for hit in m.find(text)] == expected
    assert len(expected) > 100
