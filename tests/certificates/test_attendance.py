"""Attendance certificates: issued for an event page (a webinar, which this app
does not know), one per learner and event, and worded as attendance."""

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from wagtail.models import Page

from lms.accounts.services import profile_update
from lms.certificates.codes import code_generate
from lms.certificates.models import Certificate, CertificateKind
from lms.certificates.rendering import certificate_html
from lms.certificates.services import (
    certificate_issue_for_event,
    certificate_pdf_ensure,
    certificate_revoke,
)
from lms.certificates.tasks import certificate_pdf_task
from tests.factories import UserFactory
from tests.progress.test_concurrency import run_together

from .helpers import completed_course
from .test_rendering import pdf_text

HELD_ON = date(2026, 11, 5)


def event_page(title="Protecting your brand abroad", **fields) -> Page:
    """A published page standing for the event (webinars are not imported)."""
    root = Page.objects.get(depth=1)
    count = Page.objects.count()
    return root.add_child(instance=Page(title=title, slug=f"event-{count}", **fields))


def issue(user=None, event=None, **kwargs) -> Certificate:
    return certificate_issue_for_event(
        user=user or UserFactory(first_name="Ada", last_name="Lovelace"),
        event=event or event_page(),
        completed_on=kwargs.pop("completed_on", HELD_ON),
        **kwargs,
    )


@pytest.mark.django_db
class TestIssueForEvent:
    def test_snapshots_the_event_with_the_default_attendance_template(self):
        event = event_page()
        certificate = issue(event=event)
        assert certificate.kind == CertificateKind.ATTENDANCE
        assert certificate.event_id == event.pk
        assert certificate.course_id is None
        assert certificate.course_title == "Protecting your brand abroad"
        assert certificate.course_title_en == "Protecting your brand abroad"
        assert certificate.completed_on == HELD_ON
        assert certificate.score is None
        assert certificate.holder_name == "Ada Lovelace"
        assert certificate.template.kind == CertificateKind.ATTENDANCE
        assert certificate.template.course_id is None

    def test_prints_the_title_in_the_holders_language(self):
        user = UserFactory()
        profile_update(user=user, preferred_language="fr")
        event = event_page(title_fr="Protéger sa marque à l'étranger")
        certificate = issue(user=user, event=event)
        assert certificate.language == "fr"
        assert certificate.course_title == "Protéger sa marque à l'étranger"
        assert certificate.course_title_en == "Protecting your brand abroad"

    def test_again_returns_the_certificate_issued(self):
        user, event = UserFactory(), event_page()
        first = issue(user=user, event=event)
        second = issue(user=user, event=event, completed_on=date(2027, 1, 1))
        assert first.pk == second.pk
        assert Certificate.objects.filter(user=user).count() == 1

    def test_a_revoked_certificate_stays_revoked(self):
        user, event = UserFactory(), event_page()
        revoked = certificate_revoke(
            certificate=issue(user=user, event=event), reason="Left after 5 minutes"
        )
        assert issue(user=user, event=event).pk == revoked.pk
        assert not Certificate.objects.get(pk=revoked.pk).is_valid

    def test_one_per_event_and_apart_from_course_certificates(self):
        user, course = completed_course()
        first, second = event_page("First"), event_page("Second")
        issue(user=user, event=first)
        issue(user=user, event=second)
        assert Certificate.objects.filter(user=user).count() == 3
        assert (
            Certificate.objects.filter(
                user=user, kind=CertificateKind.ATTENDANCE
            ).count()
            == 2
        )

    def test_the_database_refuses_a_second_one_for_the_event(self):
        user, event = UserFactory(), event_page()
        certificate = issue(user=user, event=event)
        with pytest.raises(IntegrityError), transaction.atomic():
            Certificate.objects.create(
                user=user,
                kind=CertificateKind.ATTENDANCE,
                event=event,
                code=code_generate(),
                course_title=certificate.course_title,
                course_title_en=certificate.course_title_en,
                language="en",
                completed_on=HELD_ON,
                issuing_organisation="IP Campus",
            )

    def test_the_event_page_going_keeps_the_certificate(self):
        event = event_page()
        certificate = issue(event=event)
        event.delete()
        certificate.refresh_from_db()
        assert certificate.event_id is None
        assert certificate.course_title == "Protecting your brand abroad"


@pytest.mark.django_db
class TestAttendanceWording:
    def test_the_pdf_says_attended_the_webinar_without_a_score(self):
        certificate = issue()
        certificate_pdf_task.call(certificate_id=certificate.pk)
        certificate.refresh_from_db()
        assert certificate.pdf.name.endswith(".pdf")
        text = pdf_text(certificate.pdf.read())
        assert "Certificate of attendance" in text
        assert "attended the webinar" in text
        assert "Protecting your brand abroad" in text
        assert "score" not in text.lower()

    def test_the_built_in_wording_says_attended_too(self):
        certificate = issue()
        certificate.template = None
        html = certificate_html(certificate=certificate)
        assert "Certificate of attendance" in html
        assert "attended the webinar" in html

    def test_the_verification_page_names_the_webinar(self, client):
        certificate = issue()
        html = client.get(
            reverse("certificates:verify_code", args=[certificate.code])
        ).content.decode()
        assert "This certificate is genuine and valid." in html
        assert "Webinar attendance" in html
        assert "Webinar" in html and "Attended on" in html
        assert "Completed on" not in html

    def test_the_holder_downloads_it_and_finds_it_on_the_dashboard(self, client):
        certificate = issue()
        client.force_login(certificate.user)
        url = reverse("certificates:download", args=[certificate.code])
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        html = client.get(reverse("progress:dashboard")).content.decode()
        assert "Webinar attendance certificates" in html
        assert "Protecting your brand abroad" in html
        assert url in html and certificate.public_verify_url() in html

    def test_a_revoked_one_is_said_so_and_not_downloadable(self, client):
        certificate = certificate_revoke(certificate=issue(), reason="Mistake")
        client.force_login(certificate.user)
        url = reverse("certificates:download", args=[certificate.code])
        assert client.get(url).status_code == 404
        html = client.get(reverse("progress:dashboard")).content.decode()
        assert "This certificate was revoked." in html
        with pytest.raises(Exception, match="revoked"):
            certificate_pdf_ensure(certificate=certificate)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real concurrent transactions"
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migration_rows")
def test_concurrent_issues_make_one_attendance_certificate():
    user, event = UserFactory(), event_page()
    codes = []
    errors = run_together(
        lambda: codes.append(
            certificate_issue_for_event(
                user=user, event=event, completed_on=HELD_ON
            ).code
        )
    )
    assert errors == []
    assert Certificate.objects.filter(user=user, event=event).count() == 1
    assert len(set(codes)) == 1
