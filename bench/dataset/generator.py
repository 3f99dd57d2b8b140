"""The benchmark data set, generated from `spec.json`: users, categories, topics, posts and idea supports.

Deterministic: the same spec (seed) gives the same records on every run and machine. The structure (users,
categories, topics, when each post is written and by whom) is built at once; post bodies are generated while
iterating, so 100,000 posts never sit in memory together. Standard library only; it knows nothing of our tables
(bench/dataset/forums.py and ideas.py load the records).

    data = Dataset.from_file()                  # bench/dataset/spec.json
    data.users, data.categories, data.topics    # lists; a record's `index` is its position
    for post in data.posts(): ...               # in time order (with_body=False: the same posts, no text)
    for support in data.supports(): ...         # idea topics only; one per (topic, user)
    data.targets()                              # counts and the pages worth measuring

`python -m bench.dataset.generator [spec.json]` prints the shape and the targets.
"""
from __future__ import annotations

import heapq
import itertools
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

SPEC = Path(__file__).with_name("spec.json")

WORDS = """the a of and to in is for on with that this we it our be are as at by from or not can
city town district street square park bus tram bike lane path stop station parking bridge river school library
pool playground office appointment form application permit online website app portal data map open service
council budget plan project idea proposal support answer question meeting neighbours residents citizens people
children families seniors youth volunteers staff department mayor ward garden tree bench light noise traffic
safety crossing sidewalk ramp barrier access accessible language translation digital paper queue waiting
week month year morning evening weekend summer winter spring autumn festival market concert museum theatre
energy heat solar water waste recycling clean green climate flood air quality wifi internet phone email letter
time money cost price fee free cheap fair simple clear quick slow better new old local public shared small large
good bad important useful needed possible difficult easy first last next every many few more less most
think know want need like help ask answer agree suggest wonder hope try find use make give take see show
""".split()
SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "ta", "ve", "zo", "bri", "dan", "fel", "gor", "hin", "jus", "kel", "lun",
             "mar", "nor", "pel", "quin", "ros", "sen", "tor", "ul", "vin", "wes", "yar", "zel", "au", "ei")
NAMES = """amira bastian carla deniz elif finn greta hamza ida jakob kira linus mara nils olga pia quirin rania
simon tilda umut vivien wanja xaver yara zeno anton berit cem dora emil frieda gustav hedi ilse jale konrad
luisa mats nele ole paulina rieke sami thea""".split()


@dataclass(frozen=True)
class User:
    index: int
    username: str
    joined: datetime


@dataclass(frozen=True)
class Category:
    index: int
    title: str
    description: str


@dataclass(frozen=True)
class Topic:
    index: int
    category: int   # index into categories
    author: int     # index into users
    title: str
    created: datetime
    posts: int      # how many posts it gets, its first included
    is_idea: bool


@dataclass(frozen=True)
class Post:
    index: int      # position in time order
    topic: int
    author: int
    created: datetime
    first: bool     # the topic's opening post
    body: str


@dataclass(frozen=True)
class Support:
    topic: int
    user: int
    created: datetime


class Text:
    """Pseudo-English: real words and made-up ones, drawn with Zipf weights, in sentences and paragraphs."""

    def __init__(self, spec: dict, rng: random.Random):
        made_up = set()
        while len(WORDS) + len(made_up) < spec["vocabulary"]:
            made_up.add("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
        self.words = WORDS + sorted(made_up)
        self.weights = list(itertools.accumulate(1 / rank ** spec["word_zipf"]
                                                 for rank in range(1, len(self.words) + 1)))
        self.sentence_words, self.paragraph_sentences = spec["sentence_words"], spec["paragraph_sentences"]

    def phrase(self, rng: random.Random, low: int, high: int) -> str:
        text = " ".join(rng.choices(self.words, cum_weights=self.weights, k=rng.randint(low, high)))
        return text[0].upper() + text[1:]

    def body(self, rng: random.Random, length: int) -> str:
        """Paragraphs of sentences, about `length` characters (cut at a word if it ran far over)."""
        paragraphs, size = [], 0
        while size < length:
            paragraph = " ".join(self.phrase(rng, *self.sentence_words) + rng.choice("....?!")
                                 for _ in range(rng.randint(*self.paragraph_sentences)))
            paragraphs.append(paragraph)
            size += len(paragraph) + 2
        text = "\n\n".join(paragraphs)
        if len(text) > length * 1.5:
            cut = text.rfind(" ", 0, length)
            text = text[:cut if cut > 0 else length].rstrip(".?!") + "."
        return text


def zipf_weights(n: int, exponent: float) -> list[float]:
    """Cumulative weights of ranks 1..n with P(rank r) ~ 1/r^exponent (for random.choices)."""
    return list(itertools.accumulate(1 / rank ** exponent for rank in range(1, n + 1)))


class Dataset:
    """The data set of one spec (a dict shaped like spec.json)."""

    def __init__(self, spec: dict):
        self.spec = spec
        self.seed = spec["seed"]
        self.end = datetime.fromisoformat(spec["end"])
        self.start = self.end - timedelta(days=spec["days"])
        self.language = spec["text"]["language"]
        rng = random.Random(self.seed)
        self.text = Text(spec["text"], rng)
        self.users = self._users(rng)
        writers = list(range(1, len(self.users)))  # user 0, the administrator, writes nothing
        rng.shuffle(writers)
        self._writers = writers
        self._activity = [1 / rank ** spec["users"]["activity_zipf"] for rank in range(1, len(writers) + 1)]
        self._writer_weights = list(itertools.accumulate(self._activity))
        self.categories = [Category(i, f"{self.text.phrase(rng, 2, 4)} ({i + 1})", self.text.phrase(rng, 6, 14) + ".")
                           for i in range(spec["categories"]["count"])]
        self.topics = self._topics(rng)
        self._schedule = self._post_schedule(rng)

    @classmethod
    def from_file(cls, path: str | Path | None = None, *, end: datetime | None = None) -> Dataset:
        """The data set of the spec at `path` (default: spec.json here); `end` moves its time line to end then."""
        spec = json.loads(Path(path or SPEC).read_text(encoding="utf-8"))
        if end is not None:
            spec["end"] = end.isoformat()
        return cls(spec)

    # --- the structure ----------------------------------------------------------------------------------------

    def _moment(self, rng: random.Random, share: float) -> datetime:
        """A random moment in the first `share` of the time span."""
        return self.start + (self.end - self.start) * (share * rng.random())

    def _users(self, rng: random.Random) -> list[User]:
        users = []
        for i in range(self.spec["users"]["count"]):
            name = "admin" if i == 0 else f"{NAMES[i % len(NAMES)]}{i:04d}"
            users.append(User(i, name, self.start - timedelta(days=30) + (self.end - self.start) * 0.8 * rng.random()))
        return users

    def _author(self, rng: random.Random) -> int:
        return rng.choices(self._writers, cum_weights=self._writer_weights)[0]

    def _post_counts(self, rng: random.Random) -> list[int]:
        """Posts per topic: the long topics' figures, then the rest spread by lognormal weights (at least 1)."""
        posts, topics = self.spec["posts"], self.spec["topics"]["count"]
        long = list(posts["long_topics"])
        others = topics - len(long)
        spare = posts["count"] - sum(long) - others
        if spare < 0:
            raise ValueError("the spec has fewer posts than topics")
        weights = [rng.lognormvariate(0, posts["spread_sigma"]) for _ in range(others)]
        total = sum(weights)
        counts = [1 + int(spare * w / total) for w in weights]
        heaviest = sorted(range(others), key=lambda j: -weights[j])
        for j in range(spare - (sum(counts) - others)):  # what rounding down left over, to the heaviest
            counts[heaviest[j % others]] += 1
        return long + counts

    def _topics(self, rng: random.Random) -> list[Topic]:
        counts = self._post_counts(rng)
        n_long, n_categories = len(self.spec["posts"]["long_topics"]), len(self.categories)
        category_weights = zipf_weights(n_categories, self.spec["categories"]["topic_zipf"])
        categories = [i % min(3, n_categories) for i in range(n_long)]
        categories += rng.choices(range(n_categories), cum_weights=category_weights, k=len(counts) - n_long)
        n_ideas = int((len(counts) - n_long) * self.spec["ideas"]["share_of_topics"])
        ideas = set(rng.sample(range(n_long, len(counts)), n_ideas))
        low, high = self.spec["topics"]["title_words"]
        return [Topic(i, categories[i], self._author(rng), self.text.phrase(rng, low, high),
                      self._moment(rng, 0.05 if i < n_long else 0.9), counts[i], i in ideas)
                for i in range(len(counts))]

    def _post_schedule(self, rng: random.Random) -> list[tuple[datetime, int, int, bool]]:
        """(time, topic, author, first) of every post, in time order (a topic's opening post first)."""
        skew = self.spec["posts"]["reply_skew"]
        schedule = []
        for topic in self.topics:
            schedule.append((topic.created, topic.index, topic.author, True))
            left = self.end - topic.created
            for u in sorted(rng.random() for _ in range(topic.posts - 1)):
                schedule.append((topic.created + left * u ** skew, topic.index, self._author(rng), False))
        schedule.sort(key=lambda item: (item[0], item[1], not item[3]))
        return schedule

    # --- the records --------------------------------------------------------------------------------------

    def posts(self, with_body: bool = True) -> Iterator[Post]:
        """Every post in time order; the bodies are the same however many posts are taken."""
        spec = self.spec["posts"]
        rng = random.Random(self.seed + 1)
        low, high = spec["length_clip"]
        for index, (created, topic, author, first) in enumerate(self._schedule):
            length = min(high, max(low, int(rng.lognormvariate(math.log(spec["length_median"]), spec["length_sigma"]))))
            yield Post(index, topic, author, created, first, self.text.body(rng, length) if with_body else "")

    def supports(self) -> Iterator[Support]:
        """Supports of the idea topics: volumes by lognormal weights, supporters by activity, times after the
        topic started. One per (topic, user); the administrator never supports."""
        spec = self.spec["ideas"]
        rng = random.Random(self.seed + 2)
        ideas = [topic for topic in self.topics if topic.is_idea]
        weights = [rng.lognormvariate(0, spec["supports_sigma"]) for _ in ideas]
        total = sum(weights) or 1
        for topic, weight in zip(ideas, weights):
            wanted = min(len(self._writers), round(spec["supports"] * weight / total))
            # weighted sampling without replacement (Efraimidis-Spirakis): the k largest u^(1/w)
            chosen = heapq.nlargest(wanted, range(len(self._writers)),
                                    key=lambda j: rng.random() ** (1 / self._activity[j]))
            for user in sorted(self._writers[j] for j in chosen):
                yield Support(topic.index, user, topic.created + (self.end - topic.created) * rng.random())

    def targets(self) -> dict:
        """Counts and the records worth measuring: the biggest category, the longest topic, a short one, the
        busiest and the median writer (indexes into the lists)."""
        per_category = Counter(topic.category for topic in self.topics)
        by_writer = Counter(author for _, _, author, _ in self._schedule)
        writers = sorted(by_writer, key=lambda user: (by_writer[user], user))
        n_long = len(self.spec["posts"]["long_topics"])
        return {
            "users": len(self.users), "categories": len(self.categories), "topics": len(self.topics),
            "posts": len(self._schedule),
            "topics_per_category": [per_category[i] for i in range(len(self.categories))],
            "biggest_category": max(range(len(self.categories)), key=lambda i: (per_category[i], -i)),
            "long_topic": max(self.topics, key=lambda topic: (topic.posts, -topic.index)).index,
            "short_topic": next(t.index for t in self.topics[n_long:] if 3 <= t.posts <= 8),
            "busiest_user": writers[-1], "median_user": writers[len(writers) // 2],
        }


def main(argv: list[str]) -> int:
    data = Dataset.from_file(argv[0] if argv else None)
    print(json.dumps(data.targets(), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
