"""Production settings refuse to start without what they need."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from lms.settings import environment

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env):
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "lms.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


class TestProductionSettings:
    def test_missing_secret_key_names_the_variable(self):
        result = run_manage("check", env={"ALLOWED_HOSTS": "campus.example.org"})
        assert result.returncode != 0
        assert "SECRET_KEY" in result.stderr

    def test_missing_allowed_hosts_names_the_variable(self):
        result = run_manage("check", env={"SECRET_KEY": "x" * 60})
        assert result.returncode != 0
        assert "ALLOWED_HOSTS" in result.stderr

    def test_passes_deploy_check(self):
        result = run_manage(
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            env={
                "SECRET_KEY": "k3y-" + "a1b2c3d4e5f6g7h8i9j0" * 3,
                "ALLOWED_HOSTS": "campus.example.org",
                "SITE_BASE_URL": "https://campus.example.org",
            },
        )
        assert result.returncode == 0, result.stderr


class TestEnvironmentHelpers:
    def test_bad_boolean_names_the_variable(self, monkeypatch):
        monkeypatch.setenv("EMAIL_USE_TLS", "maybe")
        with pytest.raises(ImproperlyConfigured, match="EMAIL_USE_TLS"):
            environment.env_bool("EMAIL_USE_TLS")

    def test_bad_integer_names_the_variable(self, monkeypatch):
        monkeypatch.setenv("EMAIL_PORT", "twenty-five")
        with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
            environment.env_int("EMAIL_PORT", 25)

    def test_list_ignores_blanks(self, monkeypatch):
        monkeypatch.setenv("ALLOWED_HOSTS", " a.example.org, ,b.example.org ")
        assert environment.env_list("ALLOWED_HOSTS") == [
            "a.example.org",
            "b.example.org",
        ]

    def test_redis_url_selects_the_redis_cache(self):
        code = (
            "from django.conf import settings; "
            "print(settings.CACHES['default']['BACKEND'])"
        )
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
                "REDIS_URL": "redis://127.0.0.1:6379/1",
            },
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache"
