"""The demo in every language of the city: members who write Turkish and Arabic, their ideas and replies, community
translations of demo ideas into Turkish, Arabic and German, and summaries in plain language."""
from __future__ import annotations

from sqlalchemy import select

from app.content_translations import services as translations
from app.extensions import db
from app.users.services import find_by_username
from demo.ideas import DemoIdea, load_idea
from demo.users import add_accounts
from forums.models import Stance
from ideas.models import Idea
from ideas.plain_summaries import write_plain_summary

# (username, display name, locale, days since joining); e-mail <username>@example.org.
MEMBERS = (("emre", "Emre Yıldız", "tr", 150), ("selin", "Selin Aydın", "tr", 95),
           ("yasmin", "ياسمين حداد", "ar", 120), ("omar", "عمر خليل", "ar", 60))

IDEAS = (
    DemoIdea(
        "verwaltung-digital", "emre", "tr", "Belediyenin formları Türkçe de olsun",
        "Birçok komşum Almanca formları doldururken zorlanıyor ve yardım için haftalarca bekliyor.\n\n"
        "**Önerim:** En çok kullanılan formlar (ikamet kaydı, randevu, çocuk parası) internette **Türkçe** ve "
        "diğer sık konuşulan dillerde de açıklansın. Form yine Almanca gönderilebilir, ama her alanın yanında "
        "kısa bir açıklama olsun.",
        ("selin", "aylin", "lena", "yasmin"), 20, talked_until_days_ago=6,
        replies=(("selin", None, Stance.FOR, "Annem her seferinde benden yardım istiyor. Çok iyi bir fikir!"),
                 ("jonas", None, Stance.QUESTION, "Mit welchen Formularen sollte man anfangen?"),
                 ("emre", 1, None, "Önce ikamet kaydı ve randevu formlarıyla. Bunları herkes kullanıyor."))),
    DemoIdea(
        "mobilitaet", "yasmin", "ar", "مواعيد الحافلات على الشاشات بعدة لغات",
        "الشاشات في محطات الحافلات تعرض التأخيرات والتغييرات بالألمانية فقط.\n\n"
        "**اقتراحي:** أن تعرض الشاشات والتطبيق الرسائل المهمة بعدة لغات، مثل الإنجليزية والتركية والعربية، "
        "وأن يُقرأ النص بصوت عالٍ عند الضغط على زر.",
        ("omar", "emre", "sofia"), 14, talked_until_days_ago=3,
        replies=(("omar", None, Stance.FOR, "فكرة ممتازة. والدي لا يفهم الإعلانات عندما يتغير المسار."),
                 ("sofia", None, Stance.FOR, "Great idea – visitors to the city would understand the displays "
                                             "too."))),
    DemoIdea(
        "verwaltung-digital", "omar", "ar", "دورات مجانية في المهارات الرقمية لكبار السن",
        "كثير من كبار السن لا يستطيعون حجز موعد أو تعبئة نموذج عبر الإنترنت.\n\n"
        "أقترح **دورات قصيرة ومجانية** في المكتبات العامة، بعدة لغات، يقدّمها متطوعون.",
        ("yasmin", "tom"), 4, talked_until_days_ago=1,
        replies=(("yasmin", None, Stance.QUESTION, "هل يمكن أن تكون الدورات في المساء أيضًا؟"),)),
)

# (title of the original, language, translator, title, description)
TRANSLATIONS = (
    ("Termine im Bürgerbüro online buchen", "tr", "selin", "Vatandaşlık bürosunda randevuyu internetten almak",
     "Vatandaşlık bürosundan randevu almak için çoğu zaman haftalarca beklemek ya da sabah erkenden aramak "
     "gerekiyor.\n\n**Öneri:** Tüm boş randevular internette gösterilsin ve doğrudan alınabilsin:\n\n"
     "- e-posta ile onay ve takvim kaydı,\n- boşalan yerleri otomatik dolduran bir bekleme listesi,\n"
     "- interneti kullanmayanlar için telefonla randevu."),
    ("Termine im Bürgerbüro online buchen", "ar", "yasmin", "حجز مواعيد مكتب المواطنين عبر الإنترنت",
     "للحصول على موعد في مكتب المواطنين يجب غالبًا الانتظار أسابيع أو الاتصال في الصباح الباكر.\n\n"
     "**الاقتراح:** عرض كل المواعيد المتاحة على الإنترنت وإمكانية حجزها مباشرة، مع:\n\n"
     "- تأكيد بالبريد الإلكتروني وإدخال في التقويم،\n- قائمة انتظار تتقدم تلقائيًا،\n"
     "- الحجز بالهاتف لمن لا يستخدم الإنترنت."),
    ("Belediyenin formları Türkçe de olsun", "de", "aylin", "Formulare der Stadt auch auf Türkisch",
     "Viele meiner Nachbarinnen und Nachbarn tun sich mit deutschen Formularen schwer und warten wochenlang auf "
     "Hilfe.\n\n**Mein Vorschlag:** Die meistgenutzten Formulare (Anmeldung, Termine, Kindergeld) werden online "
     "auch auf **Türkisch** und in anderen häufig gesprochenen Sprachen erklärt. Abgeschickt wird weiter auf "
     "Deutsch, aber neben jedem Feld steht eine kurze Erklärung."),
    ("مواعيد الحافلات على الشاشات بعدة لغات", "de", "omar", "Busanzeigen in mehreren Sprachen",
     "Die Anzeigen an den Haltestellen zeigen Verspätungen und Änderungen nur auf Deutsch.\n\n**Mein Vorschlag:** "
     "Anzeigen und App zeigen wichtige Meldungen in mehreren Sprachen, etwa Englisch, Türkisch und Arabisch, und "
     "lesen den Text auf Knopfdruck vor."),
)

# (title of the idea, writer, the summary in plain language)
PLAIN_SUMMARIES = (
    ("Eine barrierefreie Website der Stadt", "aylin",
     "Die Website der Stadt ist schwer zu benutzen.\nZum Beispiel ohne Maus.\nAylin wünscht sich: "
     "Alle Menschen können die Website gut benutzen.\nUnd es gibt Texte in Leichter Sprache."),
    ("Termine im Bürgerbüro online buchen", "stadt",
     "Termine im Bürgerbüro kann man bald im Internet buchen.\nMan bekommt eine E-Mail.\n"
     "Wer kein Internet hat, kann weiter anrufen."),
)


def load() -> list[str]:
    """Add the multilingual demo content that is not there yet (a second run changes nothing)."""
    if find_by_username("stadt") is None:
        return ["Languages:", "  skipped: the demo users are missing"]
    accounts = add_accounts(MEMBERS)
    ideas = sum(load_idea(item) for item in IDEAS)
    added = sum(_translate(*item) for item in TRANSLATIONS)
    summaries = sum(_summarise(*item) for item in PLAIN_SUMMARIES)
    return ["Languages:", f"  {accounts} accounts, {ideas} Turkish and Arabic ideas, {added} community "
                          f"translations and {summaries} summaries in plain language added"]


def _idea(title: str) -> Idea | None:
    return db.session.execute(select(Idea).where(Idea.title == title)).scalar_one_or_none()


def _translate(original_title: str, language: str, translator: str, title: str, body: str) -> int:
    idea = _idea(original_title)
    if idea is None or translations.find(idea, language) is not None:
        return 0
    translations.translate(find_by_username(translator), idea, translations.TranslationInput(language, title, body))
    return 1


def _summarise(title: str, writer: str, text: str) -> int:
    idea = _idea(title)
    if idea is None or idea.plain_summary:
        return 0
    write_plain_summary(find_by_username(writer), idea, text)
    return 1
