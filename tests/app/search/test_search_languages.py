"""Turkish and Arabic in both search backends: the dotted and dotless i in both directions, Turkish suffixes, and
Arabic alef forms, ta marbuta, alef maqsura and vowel signs, with real words (the backend contract's fixtures)."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from test_backend_contract import backend, find, ids, rebuild  # noqa: F401 (the backend fixture)

from app.search.documents import Document

WHEN = datetime(2026, 12, 1, 9, tzinfo=UTC)
TURKISH = [
    Document("idea", 1, "İstanbul'da bisiklet yolları", "Her mahallede güvenli bisiklet yolları istiyoruz.", "tr",
             WHEN),
    Document("idea", 2, "IŞIK VE GÖLGE", "Parklarda akşamları daha fazla ışık olsun.", "tr", WHEN),
    Document("post", 3, "Kütüphaneler", "Şehirlerimizde daha fazla kütüphane açılmalı.", "tr", WHEN),
    Document("post", 4, "Isparta gülleri", "Isparta'dan gelen bir öneri.", "tr", WHEN),
    Document("idea", 5, "Belediyenin formları Türkçe de olsun", "Formlar internette açıklansın.", "tr", WHEN),
]
ARABIC = [
    Document("idea", 11, "مدرسة جديدة", "نحتاج إلى مدرسة جديدة في الحي.", "ar", WHEN),
    Document("idea", 12, "مُسْتَشْفَى المَدِينَة", "مواعيد المستشفى على الإنترنت.", "ar", WHEN),
    Document("post", 13, "اقتراح أحمد", "أحمد يقترح حديقة للأطفال.", "ar", WHEN),
    Document("post", 14, "إنارة الشوارع", "الشوارع مظلمة في الليل.", "ar", WHEN),
]


@pytest.fixture
def languages(backend):  # noqa: F811 (the fixture imported above)
    rebuild(backend, [TURKISH + ARABIC])
    return backend


@pytest.mark.parametrize(("text", "expected"), [
    ("istanbul", {1}), ("İSTANBUL", {1}), ("ISTANBUL", {1}), ("İstanbul", {1}),  # dotted İ and i
    ("ışık", {2}), ("IŞIK", {2}), ("Işık", {2}), ("isik", {2}),                  # dotless I and ı
    ("ısparta", {4}), ("ISPARTA", {4}), ("Isparta", {4}),
    ("bisikletler", {1}), ("şehir", {3}), ("SEHIR", {3}),                         # suffixes, no keyboard
    ("kütüphane", {3}), ("KÜTÜPHANELER", {3}), ("yol", {1}), ("güvenli", {1}),   # stems, and what they begin
    ("belediye", {5}), ("formları", {5}), ("formlar", {5}), ("FORMLAR", {5}),
    ("kutuphane", {3}), ("KUTUPHANELER", {3}),                                  # without Turkish letters
    ('"bisiklet yolları"', {1}),
])
def test_turkish_words_match_whatever_the_case_of_their_i(languages, text, expected):
    assert ids(find(languages, text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("المدرسة", {11}), ("مدرسه", {11}), ("مَدْرَسَة", {11}),  # article, ta marbuta as ha, vowel signs
    ("مستشفى", {12}), ("المستشفي", {12}),                      # alef maqsura and ya, with the marked title
    ("احمد", {13}), ("أحمد", {13}), ("إنارة", {14}), ("انارة", {14}), ("اناره", {14}),  # hamza forms
    ("حديقة الأطفال", {13}),
])
def test_arabic_words_match_whatever_their_alef_ta_marbuta_and_marks(languages, text, expected):
    assert ids(find(languages, text)) == expected
