"""Configuration classes: every setting comes from the environment, with safe defaults for development."""
from __future__ import annotations

import os


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_url(raw: str | None) -> str | None:
    """Normalise a PostgreSQL URL so SQLAlchemy always uses psycopg 3."""
    if not raw:
        return None
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix):]
    return raw


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("DATABASE_URL")) or "sqlite:///werkstadt.db"
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = int(os.environ.get("MAIL_PORT") or 25)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_USE_TLS = _flag("MAIL_USE_TLS")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER") or "WerkSTADT <noreply@localhost>"
    MAIL_TIMEOUT = 10
    BARRIER_REPORT_EMAIL = os.environ.get("BARRIER_REPORT_EMAIL") or None
    # Publishing a notification enqueues the job that e-mails it (app.jobs); set it to 0 to leave the outbox to
    # `flask notifications send-outbox` from cron alone.
    NOTIFICATION_EMAILS_ENQUEUE = _flag("NOTIFICATION_EMAILS_ENQUEUE", default=True)

    HOST = os.environ.get("HOST") or "127.0.0.1"
    PORT = int(os.environ.get("PORT") or 5000)
    # Links in e-mails sent outside a request (by a background job, from `flask notifications`) start here: the
    # address `make run` serves on (HOST and PORT; a server listening on every interface is reached on localhost)
    # unless PUBLIC_URL says where the site is published.
    PUBLIC_URL = os.environ.get("PUBLIC_URL") or (
        f"http://{'localhost' if HOST in ('0.0.0.0', '::') else HOST}:{PORT}")
    # Redis, when set, holds the background-job queue (run by `flask jobs worker`) and the rate-limit counters
    # (RATELIMIT_STORAGE_URI defaults to it); without it jobs run in the web process after the response.
    REDIS_URL = os.environ.get("REDIS_URL") or None
    JOBS_QUEUE = os.environ.get("JOBS_QUEUE") or "werkstadt"

    BABEL_DEFAULT_LOCALE = "de"
    BABEL_DEFAULT_TIMEZONE = "Europe/Berlin"
    BABEL_TRANSLATION_DIRECTORIES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "translations")

    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session: no lost forms after a long pause
    RATELIMIT_HEADERS_ENABLED = True

    EMAIL_CONFIRM_MAX_AGE = 3 * 24 * 3600
    PASSWORD_RESET_MAX_AGE = 3600
    PASSWORD_HASH_PARAMS: dict[str, int] = {}  # argon2-cffi defaults: argon2id, t=3, m=64 MiB, p=4

    # Pages marked with app.page_cache.cache_for_anonymous are kept this long per worker for visitors who are
    # not signed in (0 turns the cache off); a write in the same worker empties it at once.
    ANONYMOUS_PAGE_CACHE_SECONDS = int(os.environ.get("ANONYMOUS_PAGE_CACHE_SECONDS") or 10)
    ANONYMOUS_PAGE_CACHE_BYTES = 32 * 1024 * 1024

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # Strict-Transport-Security (app.security): browsers that saw it use only HTTPS for this host (and its
    # subdomains) for this long. 0 sends no header: development and tests run over plain HTTP.
    HSTS_SECONDS = 0
    HSTS_INCLUDE_SUBDOMAINS = _flag("HSTS_INCLUDE_SUBDOMAINS", default=True)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 30 * 24 * 3600

    # Moderation (docs/moderation.md): a Subject reported by this many distinct established members is hidden at
    # once, pending review; a member is established once their account is this many days old.
    MODERATION_AUTO_HIDE_REPORTS = int(os.environ.get("MODERATION_AUTO_HIDE_REPORTS") or 3)
    MODERATION_ESTABLISHED_DAYS = int(os.environ.get("MODERATION_ESTABLISHED_DAYS") or 7)
    # Per-account write limits and the caps on links and mentions per post (app.trust.limits; the numbers are
    # settings at /admin/settings). The test suite turns them off; tests of the limits turn them on.
    WRITE_LIMITS_ENABLED = _flag("WRITE_LIMITS_ENABLED", default=True)

    # Search (docs/search.md): "whoosh" (an index directory, embedded default) or "postgres" (full-text search in
    # the database, for production and several app hosts). The index directory defaults to instance/search-index.
    SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND") or "whoosh"
    if os.environ.get("SEARCH_INDEX_DIR"):
        SEARCH_INDEX_DIR = os.environ["SEARCH_INDEX_DIR"]
    SEARCH_INDEX_AFTER_COMMIT = _flag("SEARCH_INDEX_AFTER_COMMIT", default=True)

    @classmethod
    def validate(cls) -> None:
        """Raise RuntimeError when a setting this environment needs is missing."""


class DevelopmentConfig(Config):
    """Local work: console e-mail when no MAIL_SERVER is set, a fixed key if none is given."""

    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret"


class TestingConfig(Config):
    """The test suite: a throwaway database, fast password hashing, no rate limits unless a test asks."""

    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-secret"
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("TEST_DATABASE_URL")) or "sqlite://"
    MAIL_SERVER = None
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    WRITE_LIMITS_ENABLED = False  # hundreds of tests write quickly; tests of app.trust.limits turn it on
    ANONYMOUS_PAGE_CACHE_SECONDS = 0  # tests of the cache turn it on
    REDIS_URL = None  # tests of Redis pass REDIS_TEST_URL themselves
    NOTIFICATION_EMAILS_ENQUEUE = False  # tests send the outbox themselves (some turn it on)
    SEARCH_INDEX_AFTER_COMMIT = False  # an index commit per test write would cost minutes; search tests turn it on
    PUBLIC_URL = "http://localhost"
    PASSWORD_HASH_PARAMS = {"time_cost": 1, "memory_cost": 64, "parallelism": 1}  # fast, not strong: 64 KiB


class ProductionConfig(Config):
    """Production: secure cookies and HSTS; refuses to start without SECRET_KEY and DATABASE_URL."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS") or 365 * 24 * 3600)  # a year, as OWASP ASVS 3.4.1 asks

    @classmethod
    def validate(cls) -> None:
        missing = [name for name in ("SECRET_KEY", "DATABASE_URL") if not os.environ.get(name)]
        if missing:
            raise RuntimeError(
                "WerkSTADT refuses to start in production without " + " and ".join(missing)
                + ". Set them in the environment (or set WERKSTADT_ENV=development for local work)."
            )


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_from_env() -> type[Config]:
    """The configuration class named by WERKSTADT_ENV (production when unset: safe by default)."""
    name = (os.environ.get("WERKSTADT_ENV") or "production").strip().lower()
    if name not in CONFIGS:
        raise RuntimeError(f"WERKSTADT_ENV must be one of {', '.join(CONFIGS)}, not {name!r}")
    return CONFIGS[name]
