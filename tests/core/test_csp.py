import pytest

from tests.factories import catalogue

pytestmark = pytest.mark.django_db


class TestContentSecurityPolicy:
    def test_public_pages_forbid_inline_scripts(self, client):
        catalogue()
        policy = client.get("/en/")["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'self'" in policy

    def test_admin_has_its_own_policy(self, client):
        policy = client.get("/admin/login/")["Content-Security-Policy"]
        assert "script-src 'self' 'unsafe-inline'" in policy
