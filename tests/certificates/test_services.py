import pytest
from django.core.exceptions import ValidationError

from lms.accounts.services import profile_update
from lms.certificates.models import Certificate, CertificateStatus
from lms.certificates.services import (
    certificate_fingerprint,
    certificate_issue,
    certificate_revoke,
)
from tests.factories import UserFactory

from .helpers import completed_course

pytestmark = pytest.mark.django_db


class TestIssue:
    def test_completion_issues_the_certificate_in_the_background(self):
        user, course = completed_course(title="Patents for start-ups")
        certificate = Certificate.objects.get(user=user, course=course)
        assert certificate.is_valid
        assert certificate.holder_name == "Ada Lovelace"
        assert certificate.course_title == "Patents for start-ups"
        assert certificate.language == "en"
        assert certificate.issuing_organisation
        # The task rendered and stored the PDF.
        assert certificate.pdf.name.endswith(".pdf")
        assert certificate.pdf_fingerprint == certificate_fingerprint(certificate)

    def test_keeps_what_was_true_at_issue_in_the_learners_language(self):
        user = UserFactory()
        profile_update(
            user=user, certificate_name="سلمى العلوي", preferred_language="ar"
        )
        user, course = completed_course(user=user, title_ar="دورة البراءات")
        certificate = Certificate.objects.get(user=user)
        assert (certificate.holder_name, certificate.language) == ("سلمى العلوي", "ar")
        assert certificate.course_title == "دورة البراءات"
        profile_update(user=user, certificate_name="Another name")
        course.title_ar = "عنوان جديد"
        course.save_revision().publish()
        certificate.refresh_from_db()
        assert certificate.holder_name == "سلمى العلوي"
        assert certificate.course_title == "دورة البراءات"

    def test_one_certificate_per_learner_and_course(self):
        user, course = completed_course()
        first = Certificate.objects.get(user=user)
        again = certificate_issue(user=user, course=course, issued_by=UserFactory())
        assert again == first
        assert Certificate.objects.count() == 1

    def test_no_automatic_certificate_without_completion(self):
        _user, course = completed_course()
        with pytest.raises(ValidationError, match="not completed"):
            certificate_issue(user=UserFactory(), course=course)

    def test_staff_may_issue_without_a_completion(self):
        _user, course = completed_course()
        learner, staff = UserFactory(), UserFactory()
        certificate = certificate_issue(user=learner, course=course, issued_by=staff)
        assert certificate.issued_by == staff


class TestRevoke:
    def test_revoking_needs_a_reason_and_drops_the_pdf(self):
        user, _course = completed_course()
        certificate = Certificate.objects.get(user=user)
        with pytest.raises(ValidationError):
            certificate_revoke(certificate=certificate, reason="  ")
        revoked = certificate_revoke(certificate=certificate, reason="Exam fraud")
        assert revoked.status == CertificateStatus.REVOKED
        assert revoked.revoked_at is not None
        assert not revoked.pdf


class TestFingerprint:
    def test_changes_with_the_record_and_the_template(self):
        user, _course = completed_course()
        certificate = Certificate.objects.get(user=user)
        before = certificate_fingerprint(certificate)
        certificate.holder_name = "Ada King"
        assert certificate_fingerprint(certificate) != before
        certificate.holder_name = "Ada Lovelace"
        assert certificate_fingerprint(certificate) == before
        template = certificate.template
        template.heading_en = "Certificate of achievement"
        template.save()
        certificate.refresh_from_db()
        assert certificate_fingerprint(certificate) != before
