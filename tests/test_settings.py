"""Settings read from the environment, checked in fresh processes where start-up matters."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

from unionplans.settings import database_config

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "plans.example.org",
    "DATABASE_URL": "sqlite:////tmp/unionplans-check-deploy.sqlite3",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}


OUR_VARIABLES = {
    "DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT", "DATABASE_URL", "REDIS_URL",
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
}


def manage(*args, env):
    """Run manage.py in a fresh process with only `env` among our settings variables."""
    clean = {k: v for k, v in os.environ.items() if k not in OUR_VARIABLES}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "unionplans.settings", **env},
        capture_output=True,
        text=True,
    )


def test_sqlite_is_the_default_database():
    config = database_config(None)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(ROOT / "db.sqlite3")


def test_a_sqlite_url_is_parsed():
    config = database_config("sqlite:////var/lib/unionplans/db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/var/lib/unionplans/db.sqlite3"


def test_a_postgres_url_is_parsed():
    config = database_config("postgres://plans:s3cr%40t@db.example.org:6543/unionplans")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("unionplans", "plans", "s3cr@t")
    assert (config["HOST"], config["PORT"]) == ("db.example.org", 6543)
    assert config["CONN_MAX_AGE"] == 600
    assert config["CONN_HEALTH_CHECKS"] is True


def test_the_suite_runs_on_the_database_named_by_database_url():
    url = os.environ.get("DATABASE_URL", "sqlite://")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_a_production_start_without_secret_key_fails_naming_it():
    result = manage("check", env={"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_a_production_start_with_a_short_secret_key_fails_naming_it():
    result = manage("check", env={**PRODUCTION, "SECRET_KEY": "x"})
    assert result.returncode != 0
    assert "SECRET_KEY is too short" in result.stderr
    assert manage("check", env=PRODUCTION).returncode == 0


def test_check_deploy_is_clean_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_debug_is_off_unless_set():
    code = "from django.conf import settings; print(settings.DEBUG)"
    result = manage("shell", "--no-imports", "-c", code,
                    env={"SECRET_KEY": PRODUCTION["SECRET_KEY"]})
    assert result.stdout.strip() == "False"


def test_french_is_the_language_and_montreal_the_time_zone():
    assert settings.LANGUAGE_CODE == "fr-ca"
    assert [code for code, _ in settings.LANGUAGES] == ["fr-ca", "en"]
    assert settings.TIME_ZONE == "America/Montreal"


def test_redis_url_selects_the_redis_cache():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = manage("shell", "--no-imports", "-c", code, env={"DEBUG": "1", "REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache"
