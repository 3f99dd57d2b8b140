"""The demo's page in Leichte Sprache (BITV 2.0 § 4: what the site is, how to take part, how to find one's way,
and the accessibility statement, in easy German), and its easy-read versions in English, Turkish and Arabic."""
from __future__ import annotations

SLUG = "leichte-sprache"

EASY_READ: dict[tuple[str, str], tuple[str, str]] = {
    (SLUG, "de"): (
        "Die WerkSTADT in Leichter Sprache",
        """## Was ist die WerkSTADT?

Die WerkSTADT ist eine Internet·seite von der Stadt Musterstadt.

Die WerkSTADT ist auch ein Ort.
Dort können Sie Menschen treffen.

Auf der WerkSTADT arbeiten Bürger und Bürgerinnen mit der Stadt zusammen.
Es geht um digitale Dinge.

**Digital** heißt: mit Computer, Handy oder Internet.

Zum Beispiel:

- Termine im Internet ausmachen.
- Formulare im Internet ausfüllen.
- Freies Internet in der Bücherei.

## Wie kann ich mitmachen?

Sie können Ideen für die Stadt aufschreiben.
Eine **Idee** ist ein Vorschlag.
Zum Beispiel: „Die Bücherei soll Laptops verleihen.“

So machen Sie mit:

1. Sie melden sich an.
   Dafür brauchen Sie eine E-Mail-Adresse.
2. Sie schreiben Ihre Idee auf.
3. Andere Menschen lesen Ihre Idee.
   Sie können Ihre Idee **unterstützen**.
   Das heißt: Sie finden die Idee gut.
4. Viele Menschen unterstützen die Idee?
   Dann antwortet die Stadt.
   Die Antwort kommt bis zu einem festen Tag.
   Alle können die Antwort lesen.

Sie können auch über Ideen sprechen.
Das heißt: Sie schreiben eine Antwort unter eine Idee.

Bitte seien Sie freundlich zu allen.
Dafür gibt es **Haus·regeln**.

## Wie finde ich mich zurecht?

Oben auf jeder Seite ist ein **Menü**.
Dort finden Sie:

- **Ideen**: Hier stehen alle Ideen.
- **Foren**: Hier sprechen Menschen über Themen.
- **Lösungen**: Hier steht, was die Stadt und die Menschen bauen.

Oben rechts können Sie die **Sprache** ändern.
Es gibt: Deutsch, Englisch, Türkisch und Arabisch.

Oben gibt es auch eine **Suche**.
Dort schreiben Sie ein Wort.
Dann finden Sie Ideen zu dem Wort.

Ganz unten auf jeder Seite sind wichtige Links.
Zum Beispiel zu dieser Seite.

Sie können alles mit der **Tastatur** bedienen.
Mit der Taste **Tab** gehen Sie zum nächsten Link.
Mit der Taste **Enter** öffnen Sie den Link.

## Barriere·freiheit

**Barriere·frei** heißt:
Alle Menschen können die Seite gut benutzen.
Auch Menschen mit Behinderung.

Die Stadt prüft die WerkSTADT regelmäßig.
Die Seite soll die Regeln für Barriere·freiheit erfüllen.
Die Regeln heißen **WCAG 2.2** und **BITV 2.0**.

Etwas funktioniert nicht gut für Sie?
Dann sagen Sie es uns bitte.

So geht es:

- Sie benutzen das Formular „Barriere melden“.
  Den Link finden Sie unten auf jeder Seite.
- Oder Sie schreiben eine E-Mail an: barrierefreiheit@example.org

Wir antworten Ihnen.
Sie sind mit der Antwort nicht zufrieden?
Dann können Sie sich an die **Schlichtungs·stelle** wenden.
Die Schlichtungs·stelle hilft bei Streit um Barriere·freiheit.
Das kostet nichts.

*Das ist ein Demo-Text. Bitte schreiben Sie den Text für Ihre Stadt.*""",
    ),
    (SLUG, "en"): (
        "WerkSTADT in easy English",
        """## What is WerkSTADT?

WerkSTADT is a website of the City of Musterstadt.
WerkSTADT is also a place where you can meet people.

On WerkSTADT, people and the city work together on **digital** things.
Digital means: with a computer, a phone or the internet.

## How can I take part?

1. You register. You need an e-mail address.
2. You write down your idea for the city.
3. Other people read your idea. They can **support** it. That means: they like it.
4. Many people support the idea? Then the city answers by a fixed date. Everyone can read the answer.

You can also talk about ideas. Please be friendly to everyone.

## How do I find my way?

At the top of every page is a **menu** with Ideas, Solutions and Forums.
At the top you can change the **language** and **search**.
At the bottom of every page are important links, for example to this page.
You can use everything with the **keyboard**: **Tab** goes to the next link, **Enter** opens it.

## Accessibility

Something does not work well for you? Please tell us with the form "Report a barrier"
or write to barrierefreiheit@example.org. We will answer you.

*This is a demo text. Please write the text for your city.*""",
    ),
    (SLUG, "tr"): (
        "Kolay dilde WerkSTADT",
        """## WerkSTADT nedir?

WerkSTADT, Musterstadt belediyesinin bir internet sitesidir.
WerkSTADT aynı zamanda insanlarla buluşabileceğiniz bir yerdir.

WerkSTADT'ta halk ve belediye **dijital** konularda birlikte çalışır.
Dijital demek: bilgisayarla, telefonla ya da internetle.

## Nasıl katılabilirim?

1. Kaydolursunuz. Bunun için bir e-posta adresine ihtiyacınız var.
2. Şehir için fikrinizi yazarsınız.
3. Başka insanlar fikrinizi okur. Fikrinizi **destekleyebilirler**. Yani: fikri beğenirler.
4. Fikri çok kişi mi destekliyor? O zaman belediye belirli bir tarihe kadar yanıt verir. Herkes yanıtı okuyabilir.

Fikirler hakkında konuşabilirsiniz de. Lütfen herkese karşı nazik olun.

## Yolumu nasıl bulurum?

Her sayfanın üstünde bir **menü** var: Fikirler, Çözümler ve Forumlar.
Üstte **dili** değiştirebilir ve **arama** yapabilirsiniz.
Her sayfanın en altında önemli bağlantılar var, örneğin bu sayfaya.
Her şeyi **klavye** ile kullanabilirsiniz: **Tab** sonraki bağlantıya gider, **Enter** onu açar.

## Erişilebilirlik

Bir şey sizin için iyi çalışmıyor mu? Lütfen "Erişim engeli bildir" formuyla bize söyleyin
ya da barrierefreiheit@example.org adresine yazın. Size yanıt vereceğiz.

*Bu bir demo metnidir. Lütfen kendi şehriniz için metni yazın.*""",
    ),
    (SLUG, "ar"): (
        "WerkSTADT بلغة سهلة",
        """## ما هي WerkSTADT؟

WerkSTADT موقع إلكتروني لمدينة موسترشتات.
وWerkSTADT أيضًا مكان تلتقي فيه بالناس.

في WerkSTADT يعمل السكان والمدينة معًا على أمور **رقمية**.
رقمي يعني: بالحاسوب أو الهاتف أو الإنترنت.

## كيف أشارك؟

1. تنشئ حسابًا. تحتاج إلى عنوان بريد إلكتروني.
2. تكتب فكرتك للمدينة.
3. يقرأ الآخرون فكرتك. يمكنهم **دعمها**. هذا يعني: أعجبتهم الفكرة.
4. هل يدعم كثيرون الفكرة؟ عندها ترد المدينة قبل موعد محدد. يستطيع الجميع قراءة الرد.

يمكنك أيضًا التحدث عن الأفكار. كن لطيفًا مع الجميع من فضلك.

## كيف أجد طريقي؟

في أعلى كل صفحة **قائمة** فيها: الأفكار، والحلول، والمنتديات.
في الأعلى يمكنك تغيير **اللغة** و**البحث**.
في أسفل كل صفحة روابط مهمة، مثلًا إلى هذه الصفحة.
يمكنك استخدام كل شيء **بلوحة المفاتيح**: مفتاح **Tab** ينقلك إلى الرابط التالي، ومفتاح **Enter** يفتحه.

## إمكانية الوصول

هل هناك شيء لا يعمل جيدًا بالنسبة لك؟ أخبرنا من فضلك عبر نموذج «الإبلاغ عن عائق»
أو اكتب إلى barrierefreiheit@example.org. سنرد عليك.

*هذا نص تجريبي. يرجى كتابة النص الخاص بمدينتك.*""",
    ),
}
