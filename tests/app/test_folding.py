"""app.folding: the Turkish dotted and dotless i, Arabic marks and letter forms, and the comparison key."""
from __future__ import annotations

import pytest

from app.folding import arabic_fold, comparison_key, lower, turkish_lower


@pytest.mark.parametrize(("text", "lowered"), [
    ("IŞIK", "ışık"), ("İSTANBUL", "istanbul"), ("Iğdır", "ığdır"), ("İzmir", "izmir"), ("ılık", "ılık"),
])
def test_turkish_lower_keeps_the_dotted_and_the_dotless_i_apart(text, lowered):
    assert turkish_lower(text) == lowered


def test_lower_follows_the_language_and_never_leaves_a_combining_dot():
    assert lower("IŞIK", "tr") == lower("IŞIK", "tr-TR") == "ışık"
    assert lower("IŞIK", "de") == "işik"
    assert lower("İlker", "en") == "ilker" and "\u0307" not in lower("İlker")
    assert "İ".lower() == "i\u0307"  # what Python alone does, and why lower() exists


@pytest.mark.parametrize(("written", "folded"), [
    ("مُحَمَّد", "محمد"),        # harakat and shadda
    ("أحمد", "احمد"), ("إسلام", "اسلام"), ("آمنة", "امنة"),  # alef with hamza or madda
    ("مستشفى", "مستشفي"),        # alef maqsura; ta marbuta stays for the stemmer
    ("مـــدينة", "مدينة"),       # tatweel
    ("ٱلرَّحْمَٰن", "الرحمن"),    # wasla, dagger alef
])
def test_arabic_fold_drops_marks_and_writes_letter_forms_alike(written, folded):
    assert arabic_fold(written) == folded


def test_arabic_fold_leaves_other_scripts_alone():
    assert arabic_fold("Straße İstanbul ışık") == "Straße İstanbul ışık"


@pytest.mark.parametrize("names", [
    ("ılker", "İlker", "ILKER", "ilker"),
    ("أحمد", "احمد", "أَحْمَد", "إحمد"),
    ("فاطمة", "فاطمه"),
    ("straße", "STRASSE", "Strasse"),
    ("ｎｉｎａ", "nina", "NINA"),
])
def test_spellings_of_one_name_share_a_comparison_key(names):
    assert len({comparison_key(name) for name in names}) == 1


def test_different_names_keep_different_keys():
    assert comparison_key("ayşe") != comparison_key("ayse")
    assert comparison_key("محمد") != comparison_key("محمود")
