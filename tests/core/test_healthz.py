from unittest import mock

import pytest

pytestmark = pytest.mark.django_db


class TestHealthz:
    def test_reports_database_and_cache(self, client):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
        assert "no-cache" in response["Cache-Control"]

    def test_broken_cache_gives_503(self, client):
        with mock.patch("lms.core.views.cache.set", side_effect=ConnectionError):
            response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["cache"] == "error"
        assert response.json()["database"] == "ok"

    def test_broken_database_gives_503(self, client):
        with mock.patch("lms.core.views._database_ok", return_value=False):
            response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["database"] == "error"
