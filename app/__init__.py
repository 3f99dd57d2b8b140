"""The application factory: the one place that wires extensions, core packages, feature packages and the
content loaders above them (`bench`, `demo`)."""
from __future__ import annotations

import logging

from flask import Flask

from config import Config, config_from_env


def create_app(config_class: type[Config] | None = None, **overrides) -> Flask:
    """Build a WerkSTADT app from `config_class` (default: the one WERKSTADT_ENV names).

    Raises RuntimeError when the configuration is incomplete (production without SECRET_KEY or DATABASE_URL).
    """
    config_class = config_class or config_from_env()
    config_class.validate()
    app = Flask(__name__)
    app.config.from_object(config_class)
    app.config.update(overrides)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    _init_extensions(app)
    _register_packages(app)
    return app


def _init_extensions(app: Flask) -> None:
    from app import assets, errors, i18n, jobs, navigation, page_cache, security, templating, text, themes, translate, web
    from app.extensions import csrf, db, limiter, login_manager, migrate

    web.init_app(app)  # the id converter, before any route is added
    db.init_app(app)
    migrate.init_app(app, db, directory=_migrations_dir(), render_as_batch=True, compare_type=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")
    limiter.init_app(app)
    jobs.init_app(app)
    assets.init_app(app)
    i18n.init_app(app)
    text.init_app(app)
    templating.init_app(app)
    navigation.init_app(app)
    themes.init_app(app)
    security.init_app(app)
    page_cache.init_app(app)
    errors.init_app(app)
    translate.init_app(app)


def _register_packages(app: Flask) -> None:
    """Core packages, then the features (lowest layer first), then the loaders that fill them with content."""
    import bench
    import demo
    import forums
    import ideas
    from app import (admin, auth, content_translations, exports, main, moderation, notifications, pages, search,
                     transparency, trust, users)

    for package in (auth, users, pages, main, notifications, moderation, transparency, trust, admin, search, exports,
                    content_translations, forums, ideas, demo, bench):
        package.register(app)


def _migrations_dir() -> str:
    import os

    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "migrations")
