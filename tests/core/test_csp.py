import pytest

from tests.accounts.helpers import login_staff
from tests.factories import UserFactory, catalogue

pytestmark = pytest.mark.django_db


class TestContentSecurityPolicy:
    def test_public_pages_forbid_inline_scripts(self, client):
        catalogue()
        policy = client.get("/en/")["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'self'" in policy

    def test_admin_has_its_own_policy(self, client):
        login_staff(client, UserFactory(is_superuser=True))
        policy = client.get("/admin/")["Content-Security-Policy"]
        assert "script-src 'self' 'unsafe-inline'" in policy
