import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from lms.accounts.personal_data import account_delete, personal_data_export
from lms.certificates.models import Certificate
from lms.certificates.services import certificate_revoke
from tests.factories import UserFactory

from .helpers import completed_course

pytestmark = pytest.mark.django_db


def verify_url(code, language="en"):
    with translation.override(language):
        return reverse("certificates:verify_code", args=[code])


class TestVerify:
    def test_shows_what_the_certificate_states_and_nothing_more(self, client):
        user, _course = completed_course(title="Patents for start-ups")
        certificate = Certificate.objects.get(user=user)
        response = client.get(verify_url(certificate.code))
        html = response.content.decode()
        assert response.status_code == 200
        assert "This certificate is genuine and valid." in html
        assert "Ada Lovelace" in html and "Patents for start-ups" in html
        assert user.email not in html and user.username not in html
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert '<meta name="robots" content="noindex, nofollow">' in html

    def test_form_takes_a_sloppy_code_to_its_page(self, client):
        user, _course = completed_course()
        code = Certificate.objects.get(user=user).code
        sloppy = code.lower().replace("-", " ")
        response = client.get(reverse("certificates:verify"), {"code": sloppy})
        assert response.status_code == 302
        assert response["Location"] == verify_url(code)

    def test_bad_and_unknown_codes_say_so(self, client):
        response = client.get(reverse("certificates:verify"), {"code": "hello"})
        assert "This is not a certificate code" in response.content.decode()
        response = client.get(verify_url("ABCD-EFGH-JKMN-PQRS"))
        assert response.status_code == 404
        assert "No certificate has the code" in response.content.decode()

    def test_revoked_certificate_says_revoked(self, client):
        user, _course = completed_course()
        certificate = Certificate.objects.get(user=user)
        certificate_revoke(certificate=certificate, reason="Copied answers")
        html = client.get(verify_url(certificate.code)).content.decode()
        assert "revoked" in html and "genuine and valid" not in html
        assert "Copied answers" not in html

    def test_arabic_page_is_right_to_left(self, client):
        user, _course = completed_course()
        code = Certificate.objects.get(user=user).code
        html = client.get(verify_url(code, "ar")).content.decode()
        assert 'dir="rtl"' in html
        assert f'<bdi dir="ltr" class="code">{code}</bdi>' in html

    def test_html_in_a_name_is_shown_as_text(self, client):
        user = UserFactory(first_name="<script>alert(1)</script>", last_name="")
        user, _course = completed_course(user=user)
        code = Certificate.objects.get(user=user).code
        html = client.get(verify_url(code)).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    @override_settings(CERTIFICATE_VERIFY_RATE_LIMIT=3)
    def test_lookups_are_rate_limited(self, client):
        for _ in range(3):
            assert client.get(verify_url("ABCD-EFGH-JKMN-PQRS")).status_code == 404
        response = client.get(verify_url("ABCD-EFGH-JKMN-PQRS"))
        assert response.status_code == 429
        assert "Too many lookups" in response.content.decode()

    def test_deleted_account_leaves_the_certificate_verifiable_without_name(
        self, client
    ):
        user, _course = completed_course()
        certificate = Certificate.objects.get(user=user)
        account_delete(user=user)
        certificate.refresh_from_db()
        assert certificate.holder_name == "" and not certificate.pdf
        html = client.get(verify_url(certificate.code)).content.decode()
        assert "genuine and valid" in html
        assert "Ada Lovelace" not in html
        assert "the holder deleted their account" in html


class TestDownload:
    def test_holder_downloads_the_pdf(self, client):
        user, _course = completed_course()
        certificate = Certificate.objects.get(user=user)
        client.force_login(user)
        response = client.get(reverse("certificates:download", args=[certificate.code]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")

    def test_nobody_else_can(self, client):
        user, _course = completed_course()
        certificate = Certificate.objects.get(user=user)
        client.force_login(UserFactory())
        url = reverse("certificates:download", args=[certificate.code])
        assert client.get(url).status_code == 404

    def test_a_revoked_certificate_cannot_be_downloaded(self, client):
        user, _course = completed_course()
        certificate = Certificate.objects.get(user=user)
        certificate_revoke(certificate=certificate, reason="Issued by mistake")
        client.force_login(user)
        url = reverse("certificates:download", args=[certificate.code])
        assert client.get(url).status_code == 404


class TestDashboardAndData:
    def test_dashboard_offers_download_and_share_link(self, client):
        user, _course = completed_course()
        certificate = Certificate.objects.get(user=user)
        client.force_login(user)
        html = client.get(reverse("progress:dashboard")).content.decode()
        assert reverse("certificates:download", args=[certificate.code]) in html
        assert certificate.public_verify_url() in html

    def test_a_certificate_issued_by_hand_is_on_the_dashboard_too(self, client):
        from lms.certificates.services import certificate_issue

        _user, course = completed_course()
        learner = UserFactory()
        certificate = certificate_issue(
            user=learner, course=course, issued_by=UserFactory()
        )
        client.force_login(learner)
        html = client.get(reverse("progress:dashboard")).content.decode()
        assert "Other certificates" in html
        assert reverse("certificates:download", args=[certificate.code]) in html

    def test_data_export_holds_the_certificates(self):
        user, _course = completed_course()
        data = personal_data_export(user=user)
        (entry,) = data["certificates"]
        assert entry["code"] == Certificate.objects.get(user=user).code
