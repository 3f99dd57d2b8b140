"""Demo texts of the site's pages in German and English, the welcome text in every language, and the page in
Leichte Sprache in every language (demo.easy_read); operators replace them on the pages' edit forms."""
from __future__ import annotations

from app.pages.services import exact_page, save_page
from demo.easy_read import EASY_READ

DEMO_PAGES: dict[tuple[str, str], tuple[str, str]] = {
    ("welcome", "de"): (
        "Willkommen in der WerkSTADT",
        """Die WerkSTADT ist die digitale Werkstatt unserer Stadt: ein virtueller Raum und ein echter Ort,
an dem Stadtverwaltung und Bürgerinnen und Bürger gemeinsam an der Digitalisierung arbeiten.

- **Ideen vorschlagen**: Was sollte in unserer Stadt digital einfacher werden?
- **Mitdiskutieren und unterstützen**: Gute Ideen sammeln Unterstützung, und die Stadt antwortet öffentlich und rechtzeitig.
- **Gemeinsam umsetzen**: Aus Ideen werden Lösungen, deren Fortschritt alle verfolgen können.

Mitmachen kann jede und jeder – in der eigenen Sprache und barrierefrei.""",
    ),
    ("welcome", "en"): (
        "Welcome to the WerkSTADT",
        """WerkSTADT is our city's digital workshop: a virtual space and a real place where the city
administration and its citizens work on digitalisation together.

- **Propose ideas**: what should become digitally easier in our city?
- **Discuss and support**: good ideas gather support, and the city answers in public and on time.
- **Build together**: ideas become solutions whose progress everyone can follow.

Everyone can take part, in their own language and without barriers.""",
    ),
    ("welcome", "tr"): (
        "WerkSTADT'a hoş geldiniz",
        """WerkSTADT, şehrimizin dijital atölyesidir: belediye ile halkın dijitalleşme üzerinde birlikte çalıştığı
sanal bir alan ve gerçek bir mekân.

- **Fikir önerin**: Şehrimizde dijital olarak ne kolaylaşmalı?
- **Tartışın ve destekleyin**: İyi fikirler destek toplar, belediye de zamanında ve herkesin önünde yanıt verir.
- **Birlikte hayata geçirin**: Fikirler çözümlere dönüşür; ilerlemesini herkes takip edebilir.

Herkes kendi dilinde ve engelsiz katılabilir.""",
    ),
    ("welcome", "ar"): (
        "مرحبًا بكم في WerkSTADT",
        """WerkSTADT هي الورشة الرقمية لمدينتنا: فضاء افتراضي ومكان حقيقي تعمل فيه إدارة المدينة والسكان معًا
على التحول الرقمي.

- **اقترح أفكارًا**: ما الذي يجب أن يصبح أسهل رقميًا في مدينتنا؟
- **ناقش وادعم**: تجمع الأفكار الجيدة الدعم، وترد المدينة علنًا وفي الوقت المحدد.
- **ننفذ معًا**: تتحول الأفكار إلى حلول يستطيع الجميع متابعة تقدمها.

يستطيع الجميع المشاركة بلغتهم ومن دون عوائق.""",
    ),
    ("imprint", "de"): (
        "Impressum",
        """**Angaben gemäß § 5 DDG**

Stadt Musterstadt, vertreten durch den Oberbürgermeister
Rathausplatz 1, 12345 Musterstadt

Telefon: 01234 567-0
E-Mail: werkstadt@example.org

**Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV:** Amt für Digitalisierung, Rathausplatz 1, 12345 Musterstadt

*Dies ist ein Demo-Text. Bitte ersetzen Sie ihn durch die Angaben Ihrer Stadt.*""",
    ),
    ("imprint", "en"): (
        "Imprint",
        """**Information according to § 5 DDG (German Digital Services Act)**

City of Musterstadt, represented by the Lord Mayor
Rathausplatz 1, 12345 Musterstadt, Germany

Phone: +49 1234 567-0
E-mail: werkstadt@example.org

**Responsible for the content:** Office for Digitalisation, Rathausplatz 1, 12345 Musterstadt

*This is a demo text. Please replace it with your city's details.*""",
    ),
    ("privacy", "de"): (
        "Datenschutzerklärung",
        """Wir verarbeiten personenbezogene Daten nur, soweit es für die Beteiligung nötig ist (Art. 6 Abs. 1 lit. e DSGVO).

- **Konto**: Benutzername, Anzeigename, E-Mail-Adresse und ein Passwort-Hash. Die E-Mail-Adresse ist für andere nicht sichtbar.
- **Beiträge**: Was Sie veröffentlichen, ist öffentlich und trägt Ihren Anzeigenamen.
- **Cookies**: Nur technisch notwendige Cookies für die Anmeldung und die Sprachwahl. Kein Tracking, keine Inhalte von Dritten.
- **Unterstützungen**: Wenn Sie eine Idee unterstützen, speichern wir zur Unterstützung zwei Prüfwerte, um gesteuerte Massen-Unterstützungen zu erkennen (Art. 6 Abs. 1 lit. e DSGVO): einen mit einem geheimen Schlüssel gebildeten Hash (HMAC-SHA256) des Netzbereichs Ihrer IP-Adresse (IPv4 /24, IPv6 /48) und einen ebenso gebildeten Hash der Browser-Kennung (User-Agent). Ihre IP-Adresse selbst speichern wir nicht, und die Hashes lassen sich nicht zurückrechnen. Nach 30 Tagen werden sie gelöscht. Nur Mitarbeitende der Stadt, Moderation und Administration sehen eine Kurzform davon; legen sie eine Unterstützung beiseite, zählt sie nicht mehr, und Sie erfahren den Grund.
- **Anmeldungen**: Für jede Anmeldung speichern wir den Namen, den Ihr Browser sich gibt (z. B. „Firefox unter Linux“), und das Netz, aus dem Sie sich angemeldet haben (nur IPv4 /24 bzw. IPv6 /48, nie die ganze Adresse), dazu wann Sie sich angemeldet haben und zuletzt aktiv waren. Unter *Einstellungen → Sitzungen* sehen Sie alle Anmeldungen und können jede beenden. Eine Sitzung wird 30 Tage nach ihrer letzten Nutzung gelöscht.
- **Wie lange**: Kontodaten, Beiträge, Unterstützungen, Abonnements und Benachrichtigungen so lange, wie Ihr Konto besteht; die Prüfwerte der Unterstützungen 30 Tage; Sitzungen 30 Tage nach der letzten Nutzung; eine Datenkopie 7 Tage.
- **Ihre Daten herunterladen** (Art. 15 und 20 DSGVO): Unter *Einstellungen → Ihre Daten* stellen wir alles, was Sie hier geschrieben und getan haben, in einer ZIP-Datei zusammen: Profil, Ideen, Beiträge mit früheren Fassungen, Unterstützungen, Likes, Abonnements, Benachrichtigungseinstellungen, Ihre Meldungen und Moderationsentscheidungen über Sie mit Ihren Einsprüchen, jeweils als JSON und CSV mit einer Erklärung jeder Datei. Wir sagen Ihnen in der App und per E-Mail Bescheid, wenn sie bereit ist. Nur Sie können sie herunterladen, 7 Tage lang; danach wird sie gelöscht.
- **Ihr Konto löschen** (Art. 17 DSGVO): Unter *Einstellungen → Konto löschen* löschen Sie Ihr Konto mit Ihrem Passwort, sofort und endgültig. Profil, E-Mail-Adresse, Passwort, Sitzungen, Abonnements und Benachrichtigungen werden gelöscht; Ihre Unterstützungen und Likes werden entfernt und alle Zähler im selben Schritt neu berechnet. Was Sie geschrieben haben, bleibt lesbar, erscheint aber als von „Gelöschte Person“, auch in Feeds, E-Mails und der Suche. Konten der Stadtverwaltung, Moderation und Administration muss zuerst die Administration von diesen Rollen befreien. Ist Ihr Konto gesperrt, schreiben Sie uns über den Kontakt im Impressum.
- **Ihre Rechte**: Auskunft, Berichtigung, Löschung, Einschränkung, Widerspruch und Beschwerde bei der Aufsichtsbehörde.

Verantwortlich: Stadt Musterstadt, Datenschutzbeauftragte: datenschutz@example.org

*Dies ist ein Demo-Text. Bitte ersetzen Sie ihn durch die Datenschutzerklärung Ihrer Stadt.*""",
    ),
    ("privacy", "en"): (
        "Privacy notice",
        """We process personal data only as far as taking part requires it (Art. 6(1)(e) GDPR).

- **Account**: username, display name, e-mail address and a password hash. Your e-mail address is not shown to others.
- **Contributions**: what you publish is public and carries your display name.
- **Cookies**: only the cookies needed for logging in and for your choice of language. No tracking, no third-party content.
- **Supports**: when you support an idea, we keep two check values with the support to detect arranged mass supports (Art. 6(1)(e) GDPR): a keyed hash (HMAC-SHA256 with a secret key) of the network range of your IP address (IPv4 /24, IPv6 /48) and a keyed hash of your browser's signature (User-Agent). We do not store your IP address itself, and the hashes cannot be turned back. They are deleted after 30 days. Only city staff, moderators and administrators see a short form of them; if they set a support aside, it no longer counts and you are told why.
- **Logins**: for each login we keep the name your browser gives itself (e.g. "Firefox on Linux") and the network you logged in from (IPv4 /24 or IPv6 /48 only, never the whole address), and when you logged in and were last seen. Under *Settings → Sessions* you see every login and can end each one. A session is deleted 30 days after it was last used.
- **How long**: account data, contributions, supports, follows and notifications as long as your account exists; the check values of supports 30 days; sessions 30 days after their last use; a copy of your data 7 days.
- **Download your data** (Art. 15 and 20 GDPR): under *Settings → Your data* we put everything you wrote and did here into one ZIP file: profile, ideas, posts with their earlier versions, supports, likes, follows, notification settings, the reports you made and moderation decisions about you with your appeals, each as JSON and CSV with a file that explains each one. We tell you in the app and by e-mail when it is ready. Only you can download it, for 7 days; then it is deleted.
- **Delete your account** (Art. 17 GDPR): under *Settings → Delete account* you delete your account with your password, at once and for good. Your profile, e-mail address, password, sessions, follows and notifications are deleted; your supports and likes are removed and every counter is recomputed in the same step. What you wrote stays readable but is shown as by "Deleted participant", in feeds, e-mails and search too. Accounts of city staff, moderators and administrators must first be freed of those roles by an administrator. If your account is suspended, write to us through the contact in the imprint.
- **Your rights**: access, rectification, erasure, restriction, objection, and complaint to the supervisory authority.

Controller: City of Musterstadt, data protection officer: datenschutz@example.org

*This is a demo text. Please replace it with your city's privacy notice.*""",
    ),
    ("accessibility", "de"): (
        "Erklärung zur Barrierefreiheit",
        """Die Stadt Musterstadt ist bemüht, die WerkSTADT im Einklang mit der Barrierefreie-Informationstechnik-Verordnung
(BITV 2.0) und der Norm EN 301 549 barrierefrei zugänglich zu machen.

**Stand der Vereinbarkeit**: Die WerkSTADT soll die Anforderungen der WCAG 2.2 auf Stufe AA erfüllen. Jede Seite wird
automatisch mit axe-core geprüft und ist ohne JavaScript und allein mit der Tastatur bedienbar.

**Barriere melden**: Wenn Ihnen eine Barriere auffällt, nutzen Sie bitte das Formular „Barriere melden“ oder schreiben
Sie an barrierefreiheit@example.org.

**Schlichtungsverfahren**: Wenn Sie keine zufriedenstellende Antwort erhalten, können Sie sich an die Schlichtungsstelle
nach § 16 BGG wenden.

*Dies ist ein Demo-Text. Bitte ersetzen Sie ihn durch die Erklärung Ihrer Stadt.*""",
    ),
    ("accessibility", "en"): (
        "Accessibility statement",
        """The City of Musterstadt strives to make WerkSTADT accessible in accordance with the German accessibility
regulation (BITV 2.0) and the standard EN 301 549.

**Compliance status**: WerkSTADT aims to meet WCAG 2.2 at level AA. Every page is checked automatically with axe-core
and can be used without JavaScript and by keyboard alone.

**Report a barrier**: if you come across a barrier, please use the "Report a barrier" form or write to
barrierefreiheit@example.org.

**Enforcement procedure**: if you do not receive a satisfactory answer, you can contact the conciliation body under
§ 16 BGG.

*This is a demo text. Please replace it with your city's statement.*""",
    ),
    # Moderation quotes these rules by number (app/moderation/rules.py): plain text, one list item per rule.
    ("house-rules", "de"): (
        "Hausregeln",
        """In der WerkSTADT sprechen Bürgerinnen und Bürger und die Stadtverwaltung offen miteinander. Damit das so bleibt,
gelten für alle Beiträge – Ideen, Antworten, Lösungen und Profile – diese Regeln:

1. Respektvoll bleiben: Kritisieren Sie Ideen, nicht Menschen. Keine Beleidigungen, Drohungen oder abwertenden Bemerkungen über andere.
2. Keine Werbung und kein Spam: keine Verkaufsangebote, keine Werbelinks, nicht denselben Text immer wieder.
3. Beim Thema bleiben: Schreiben Sie dort, wo es um Ihr Anliegen geht. Für ein neues Anliegen gibt es eine neue Idee oder ein neues Thema.
4. Keine persönlichen Daten anderer: keine Adressen, Telefonnummern, Fotos oder privaten Details über andere ohne deren Zustimmung.
5. Nichts Rechtswidriges: keine Hetze, keine Aufrufe zu Straftaten, keine fremden Texte oder Bilder ohne Erlaubnis.
6. Ehrlich auftreten: ein Konto pro Person, und niemand gibt sich als jemand anderes aus, auch nicht als Stadtverwaltung.

## So wird moderiert

Wenn Ihnen ein Beitrag gegen diese Regeln zu verstoßen scheint, nutzen Sie „Melden“ unter dem Beitrag. Rechtswidrige
Inhalte kann jede und jeder auch ohne Konto über „Rechtswidrige Inhalte melden“ mitteilen. Unser Moderationsteam prüft
jede Meldung. Melden mehrere erfahrene Mitglieder denselben Beitrag, wird er vorläufig ausgeblendet, bis jemand ihn prüft.

Blendet das Team einen Beitrag aus, kürzt oder löscht ihn oder schränkt es ein Konto ein, erhalten Sie eine
**Begründung der Entscheidung**, in der WerkSTADT und per E-Mail: was entschieden wurde und wie lange, welche Tatsachen
dazu geführt haben, welche Regel betroffen ist und wie Sie widersprechen können. Ein ausgeblendeter Beitrag bleibt in
seinem Thema als Hinweis „Von der Moderation ausgeblendet“ stehen, damit die Antworten darauf lesbar bleiben.

## Einspruch

Sie können **sechs Monate lang** Einspruch gegen eine Entscheidung erheben, mit dem Knopf „Einspruch erheben“ in der
Begründung. Über Ihren Einspruch entscheidet eine andere Moderatorin oder ein anderer Moderator als die Person, die
entschieden hat. Wird die Entscheidung aufgehoben, wird alles wiederhergestellt, und beide Seiten erfahren es. Auch wer
etwas gemeldet hat, kann Einspruch erheben, wenn die Meldung abgelehnt wurde.

*Dies ist ein Demo-Text. Bitte passen Sie die Hausregeln an Ihre Stadt an.*""",
    ),
    ("house-rules", "en"): (
        "House rules",
        """In WerkSTADT, citizens and the city administration talk to each other openly. To keep it that way, these rules
apply to everything posted here – ideas, replies, solutions and profiles:

1. Be respectful: criticise ideas, not people. No insults, threats or belittling remarks about others.
2. No advertising and no spam: no sales offers, no advertising links, not the same text again and again.
3. Stay on topic: post where your point belongs. A new concern gets a new idea or a new thread.
4. No personal data of others: no addresses, phone numbers, photos or private details about others without their consent.
5. Nothing illegal: no incitement to hatred, no calls to commit crimes, no texts or pictures of others without permission.
6. Be honest about who you are: one account per person, and nobody poses as someone else, the city administration included.

## How moderation works

If a contribution seems to break these rules, use "Report" below it. Anyone, with or without an account, can also tell
us about illegal content with "Report illegal content". Our moderation team reviews every report. When several
established members report the same contribution, it is hidden for the time being until someone has reviewed it.

When the team hides, edits or deletes a contribution or restricts an account, you receive a **statement of reasons**,
in WerkSTADT and by e-mail: what was decided and for how long, the facts that led to it, which rule applies and how to
contest it. A hidden reply stays in its thread as "Hidden by moderation", so the replies to it remain readable.

## Appeals

You can appeal against a decision **for six months**, with the "Appeal this decision" button on the statement of
reasons. A moderator other than the one who decided reviews your appeal. If the decision is reversed, everything is
restored and both sides are told. Members whose report was rejected can appeal in the same way.

*This is a demo text. Please adapt the house rules to your city.*""",
    ),
}


def load() -> list[str]:
    """Save the demo text of every page that has none in that language (an operator's text is kept)."""
    created = 0
    for (slug, locale), (title, body) in {**DEMO_PAGES, **EASY_READ}.items():
        if exact_page(slug, locale) is None:
            save_page(slug, locale, title=title, body_md=body, editor=None)
            created += 1
    total = len(DEMO_PAGES) + len(EASY_READ)
    return ["Pages:", f"  {created} page texts added ({total - created} were there already)"]
