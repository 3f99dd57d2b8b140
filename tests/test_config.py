"""Configuration from the environment: production refuses to start half-configured."""
from __future__ import annotations

import pytest

from app import create_app
from config import (
    CONFIGS, Config, DevelopmentConfig, ProductionConfig, TestingConfig, config_from_env, database_url,
)

REQUIRED = ("SECRET_KEY", "DATABASE_URL")


@pytest.fixture
def clean_env(monkeypatch):
    for name in (*REQUIRED, "WERKSTADT_ENV"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize(("present", "missing"), [
    ((), ("SECRET_KEY", "DATABASE_URL")),
    (("SECRET_KEY",), ("DATABASE_URL",)),
    (("DATABASE_URL",), ("SECRET_KEY",)),
])
def test_production_validate_names_what_is_missing(clean_env, present, missing):
    for name in present:
        clean_env.setenv(name, "set")
    with pytest.raises(RuntimeError) as error:
        ProductionConfig.validate()
    message = str(error.value)
    for name in REQUIRED:
        assert (name in message) is (name in missing)


@pytest.mark.parametrize("empty", ["", None])
def test_production_validate_treats_empty_values_as_missing(clean_env, empty):
    clean_env.setenv("DATABASE_URL", "postgresql://db/werkstadt")
    if empty is not None:
        clean_env.setenv("SECRET_KEY", empty)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        ProductionConfig.validate()


def test_production_validate_passes_when_both_are_set(clean_env):
    clean_env.setenv("SECRET_KEY", "a-long-random-secret")
    clean_env.setenv("DATABASE_URL", "postgres://user:pw@db/werkstadt")
    assert ProductionConfig.validate() is None


@pytest.mark.parametrize("config_class", [Config, DevelopmentConfig, TestingConfig])
def test_other_environments_start_without_them(clean_env, config_class):
    assert config_class.validate() is None


@pytest.mark.parametrize(("value", "expected"), [
    ("development", DevelopmentConfig),
    ("testing", TestingConfig),
    ("production", ProductionConfig),
    (" Production ", ProductionConfig),
    ("DEVELOPMENT", DevelopmentConfig),
    (None, ProductionConfig),  # unset: the safe choice
    ("", ProductionConfig),
])
def test_config_from_env_picks_by_werkstadt_env(clean_env, value, expected):
    if value is not None:
        clean_env.setenv("WERKSTADT_ENV", value)
    assert config_from_env() is expected


@pytest.mark.parametrize("value", ["prod", "staging", "dev"])
def test_config_from_env_rejects_unknown_names(clean_env, value):
    clean_env.setenv("WERKSTADT_ENV", value)
    with pytest.raises(RuntimeError, match="WERKSTADT_ENV") as error:
        config_from_env()
    assert all(name in str(error.value) for name in CONFIGS)


@pytest.mark.parametrize(("raw", "expected"), [
    ("postgres://u:p@db:5432/werkstadt", "postgresql+psycopg://u:p@db:5432/werkstadt"),
    ("postgresql://u:p@db/werkstadt?sslmode=require", "postgresql+psycopg://u:p@db/werkstadt?sslmode=require"),
    ("postgresql+psycopg://u@db/werkstadt", "postgresql+psycopg://u@db/werkstadt"),
    ("sqlite:///werkstadt.db", "sqlite:///werkstadt.db"),
    ("sqlite://", "sqlite://"),
    ("", None),
    (None, None),
])
def test_database_url_uses_psycopg_for_postgresql(raw, expected):
    assert database_url(raw) == expected


def test_production_sets_secure_cookies():
    assert ProductionConfig.SESSION_COOKIE_SECURE is True
    assert ProductionConfig.REMEMBER_COOKIE_SECURE is True
    assert ProductionConfig.PREFERRED_URL_SCHEME == "https"


@pytest.mark.parametrize("missing", [REQUIRED, ("SECRET_KEY",), ("DATABASE_URL",)])
def test_create_app_refuses_production_without_them(clean_env, missing, database_uri):
    for name in REQUIRED:
        if name not in missing:
            clean_env.setenv(name, database_uri if name == "DATABASE_URL" else "a-long-random-secret")
    with pytest.raises(RuntimeError) as error:
        create_app(ProductionConfig, SQLALCHEMY_DATABASE_URI=database_uri)
    assert all(name in str(error.value) for name in missing)


def test_create_app_without_a_class_follows_werkstadt_env(clean_env):
    clean_env.setenv("WERKSTADT_ENV", "production")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()
    clean_env.setenv("WERKSTADT_ENV", "testing")
    assert create_app().config["ENV_NAME"] == "testing"


def test_create_app_starts_in_production_when_configured(clean_env, database_uri):
    clean_env.setenv("SECRET_KEY", "a-long-random-secret")
    clean_env.setenv("DATABASE_URL", database_uri)
    app = create_app(ProductionConfig, SQLALCHEMY_DATABASE_URI=database_uri)
    assert app.config["ENV_NAME"] == "production"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert not app.testing


@pytest.mark.parametrize(("environment", "expected"), [
    ({"PORT": "5100"}, "http://127.0.0.1:5100"),             # PORT=5100 make run: mailed links say 5100
    ({"HOST": "0.0.0.0", "PORT": "8000"}, "http://localhost:8000"),  # every interface: reached on localhost
    ({"PORT": "5100", "PUBLIC_URL": "https://werkstadt.example.org"}, "https://werkstadt.example.org"),
])
def test_links_in_e_mails_start_where_the_site_is_served(environment, expected):
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {key: value for key, value in os.environ.items() if key not in ("HOST", "PORT", "PUBLIC_URL")}
    run = subprocess.run([sys.executable, "-c", "import config; print(config.Config.PUBLIC_URL)"],
                         env={**env, **environment}, cwd=Path(__file__).resolve().parents[1],
                         capture_output=True, text=True, check=True)
    assert run.stdout.strip() == expected
