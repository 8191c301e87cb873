"""Recording attendance gives attendees what attending earns, at once."""

from datetime import UTC, datetime

import pytest

from lms.certificates.models import Certificate
from lms.progress.models import ModuleCompletion
from lms.webinars.attendance import attendance_mark
from lms.webinars.models import Registration, RegistrationStatus
from tests.factories import UserFactory
from tests.progress.helpers import course_tree, modules

from .factories import webinar
from .test_permissions import staff_of

pytestmark = pytest.mark.django_db


def _seated(event):
    user = UserFactory()
    Registration.objects.create(
        user=user, webinar=event, status=RegistrationStatus.CONFIRMED
    )
    return user


def test_marking_attendance_issues_certificates_and_completes_the_module(
    django_capture_on_commit_callbacks,
):
    module = modules(course_tree(modules=1, lessons_per_module=1))[0]
    event = webinar(
        starts_at=datetime(2026, 3, 15, 7, 0, tzinfo=UTC),
        min_attended_minutes=30,
        related_page=module,
        completes_related_module=True,
    )
    stayed, left_early = _seated(event), _seated(event)
    staff = staff_of("africa")
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark(
            webinar=event, minutes={stayed.pk: 80, left_early.pk: 10}, by=staff
        )
    certificate = Certificate.objects.get(event=event)
    assert certificate.user == stayed and certificate.kind == "attendance"
    assert ModuleCompletion.objects.filter(user=stayed, module=module).exists()
    assert not ModuleCompletion.objects.filter(user=left_early).exists()
    # Marking again changes nothing that was earned.
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark(webinar=event, minutes={stayed.pk: 85}, by=staff)
    assert Certificate.objects.filter(event=event).count() == 1
