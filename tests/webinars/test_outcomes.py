"""What attending earns: the attendance certificate and, when the webinar
says so, the related module completed; for attendees only, once."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.accounts.personal_data import account_delete
from lms.certificates.admin.access import certificates_visible_to
from lms.certificates.models import Certificate, CertificateKind
from lms.certificates.services import certificate_revoke
from lms.progress.models import CourseCompletion, ModuleCompletion
from lms.progress.services import lesson_complete
from lms.webinars import outcomes
from lms.webinars.models import Attendance, WebinarStatus
from lms.webinars.outcomes import attendance_outcomes_apply
from lms.webinars.services import registration_create
from tests.factories import UserFactory
from tests.progress.helpers import course_tree, lessons, modules

from .factories import webinar
from .test_permissions import staff_of

pytestmark = pytest.mark.django_db

#: 23:30 UTC is half past two the next morning in Nairobi, where it was held.
HELD_AT = datetime(2026, 11, 4, 23, 30, tzinfo=UTC)


@pytest.fixture
def rendered(monkeypatch):
    """The certificates whose PDF was queued (rendering itself is tested in
    the certificates app and slow)."""
    queued = []

    class Task:
        @staticmethod
        def enqueue(*, certificate_id):
            queued.append(certificate_id)

    monkeypatch.setattr(outcomes, "certificate_pdf_task", Task)
    return queued


def held(**fields):
    fields.setdefault("starts_at", HELD_AT)
    fields.setdefault("status", WebinarStatus.FINISHED)
    return webinar(min_attended_minutes=30, **fields)


def attend(event, minutes=45, user=None):
    user = user or UserFactory(first_name="Ada", last_name="Lovelace")
    Attendance.objects.create(webinar=event, user=user, minutes=minutes)
    return user


class TestCertificates:
    def test_an_attendee_gets_a_certificate_dated_the_day_it_was_held(self, rendered):
        event = held(title="Brands abroad")
        user = attend(event)
        outcome = attendance_outcomes_apply(webinar=event)
        certificate = Certificate.objects.get(user=user)
        assert certificate.kind == CertificateKind.ATTENDANCE
        assert certificate.event_id == event.pk
        assert certificate.course_title == "Brands abroad"
        assert certificate.holder_name == "Ada Lovelace"
        # The webinar's own day (Nairobi), not the UTC one.
        assert certificate.completed_on == date(2026, 11, 5)
        assert certificate.score is None
        assert rendered == [certificate.pk]
        assert outcome == {
            "attendees": 1,
            "certificates_issued": 1,
            "modules_completed": 0,
        }

    def test_the_pdf_is_rendered_in_the_background(self):
        event = held()
        user = attend(event)
        attendance_outcomes_apply(webinar=event)
        # The test settings run tasks at once.
        assert Certificate.objects.get(user=user).pdf.name.endswith(".pdf")

    def test_too_short_a_stay_earns_nothing(self, rendered):
        event = held()
        attend(event, minutes=29)
        outcome = attendance_outcomes_apply(webinar=event)
        assert not Certificate.objects.exists()
        assert rendered == []
        assert outcome["attendees"] == 0

    def test_registering_without_attending_earns_nothing(self, rendered):
        event = webinar(min_attended_minutes=30)
        registration_create(user=UserFactory(), webinar=event)
        attendance_outcomes_apply(webinar=event)
        assert not Certificate.objects.exists()

    def test_exactly_the_minimum_counts(self, rendered):
        event = held()
        user = attend(event, minutes=30)
        attendance_outcomes_apply(webinar=event)
        assert Certificate.objects.filter(user=user).exists()

    def test_again_changes_nothing(self, rendered):
        event = held()
        user = attend(event)
        attendance_outcomes_apply(webinar=event)
        outcome = attendance_outcomes_apply(webinar=event)
        assert Certificate.objects.filter(user=user).count() == 1
        assert outcome["certificates_issued"] == 0
        assert len(rendered) == 1

    def test_a_later_import_serves_only_the_newcomers(self, rendered):
        event = held()
        first = attend(event)
        attendance_outcomes_apply(webinar=event)
        second = attend(event, user=UserFactory())
        outcome = attendance_outcomes_apply(webinar=event)
        assert outcome == {
            "attendees": 2,
            "certificates_issued": 1,
            "modules_completed": 0,
        }
        assert {c.user_id for c in Certificate.objects.all()} == {
            first.pk,
            second.pk,
        }

    def test_a_revoked_certificate_is_not_issued_again(self, rendered):
        event = held()
        user = attend(event)
        attendance_outcomes_apply(webinar=event)
        certificate_revoke(
            certificate=Certificate.objects.get(user=user), reason="Not there"
        )
        attendance_outcomes_apply(webinar=event)
        [certificate] = Certificate.objects.filter(user=user)
        assert not certificate.is_valid

    def test_a_deleted_account_gets_no_new_certificate(self, rendered):
        event = held()
        user = attend(event)
        account_delete(user=user)
        assert Attendance.objects.filter(user=user).exists()
        attendance_outcomes_apply(webinar=event)
        assert not Certificate.objects.exists()

    def test_a_cancelled_webinar_earns_nothing(self, rendered):
        event = held(status=WebinarStatus.CANCELLED)
        attend(event)
        assert attendance_outcomes_apply(webinar=event)["attendees"] == 0
        assert not Certificate.objects.exists()


class TestModuleCompletion:
    def test_attending_completes_the_related_module(self, rendered):
        course = course_tree(modules=2, lessons_per_module=1)
        module = modules(course)[0]
        event = held(
            title="Brands abroad", related_page=module, completes_related_module=True
        )
        user = attend(event)
        outcome = attendance_outcomes_apply(webinar=event)
        completion = ModuleCompletion.objects.get(user=user)
        assert completion.module_id == module.pk
        assert completion.credited_for == "Attended the webinar “Brands abroad”"
        assert outcome["modules_completed"] == 1
        assert not CourseCompletion.objects.exists()

    def test_it_completes_the_course_when_that_was_all_it_lacked(self, rendered):
        course = course_tree(modules=2, lessons_per_module=1)
        first, second = modules(course)
        event = held(related_page=second, completes_related_module=True)
        user = attend(event)
        lesson_complete(user=user, lesson=lessons(first)[0])
        attendance_outcomes_apply(webinar=event)
        assert CourseCompletion.objects.filter(user=user, course=course).exists()
        # The course certificate followed, next to the attendance one.
        assert set(
            Certificate.objects.filter(user=user).values_list("kind", flat=True)
        ) == {CertificateKind.COURSE, CertificateKind.ATTENDANCE}

    def test_only_when_the_webinar_says_so(self, rendered):
        module = modules(course_tree(modules=1, lessons_per_module=1))[0]
        event = held(related_page=module, completes_related_module=False)
        attend(event)
        attendance_outcomes_apply(webinar=event)
        assert not ModuleCompletion.objects.exists()
        assert Certificate.objects.count() == 1

    def test_a_related_course_is_not_completed(self, rendered):
        course = course_tree(modules=1, lessons_per_module=1)
        event = held(related_page=course, completes_related_module=True)
        attend(event)
        assert attendance_outcomes_apply(webinar=event)["modules_completed"] == 0
        assert not ModuleCompletion.objects.exists()
        assert not CourseCompletion.objects.exists()

    def test_non_attendees_get_no_module(self, rendered):
        module = modules(course_tree(modules=1, lessons_per_module=1))[0]
        event = held(related_page=module, completes_related_module=True)
        attend(event, minutes=5)
        attendance_outcomes_apply(webinar=event)
        assert not ModuleCompletion.objects.exists()

    def test_an_unpublished_module_is_skipped_and_certificates_still_issued(
        self, rendered
    ):
        module = modules(course_tree(modules=1, lessons_per_module=1))[0]
        event = held(related_page=module, completes_related_module=True)
        attend(event)
        attend(event, user=UserFactory())
        module.unpublish()
        outcome = attendance_outcomes_apply(webinar=event)
        assert outcome["certificates_issued"] == 2
        assert outcome["modules_completed"] == 0
        assert not ModuleCompletion.objects.exists()

    def test_a_module_completed_already_is_left_alone(self, rendered):
        course = course_tree(modules=2, lessons_per_module=1)
        module = modules(course)[0]
        event = held(related_page=module, completes_related_module=True)
        user = attend(event)
        lesson_complete(user=user, lesson=lessons(module)[0])
        outcome = attendance_outcomes_apply(webinar=event)
        assert outcome["modules_completed"] == 0
        assert ModuleCompletion.objects.get(user=user).credited_for == ""


class TestQueries:
    def measure(self, event) -> int:
        with CaptureQueriesContext(connection) as queries:
            attendance_outcomes_apply(webinar=event)
        return len(queries)

    def test_each_attendee_costs_the_same(self, rendered):
        module = modules(course_tree(modules=2, lessons_per_module=1))[0]
        costs = []
        for count in (1, 2, 3):
            event = held(related_page=module, completes_related_module=True)
            for _ in range(count):
                attend(event, user=UserFactory())
            costs.append(self.measure(event))
        assert costs[2] - costs[1] == costs[1] - costs[0]

    def test_running_again_costs_the_same_for_1_and_10_attendees(self, rendered):
        module = modules(course_tree(modules=2, lessons_per_module=1))[0]
        costs = []
        for count in (1, 10):
            event = held(related_page=module, completes_related_module=True)
            for _ in range(count):
                attend(event, user=UserFactory())
            attendance_outcomes_apply(webinar=event)
            costs.append(self.measure(event))
        assert costs[0] == costs[1]
        assert costs[0] <= 4


class TestStaffSeeTheirWebinarsCertificates:
    def test_bureau_staff_see_the_certificates_of_their_webinars_only(self, rendered):
        ours, theirs = held(bureau="africa"), held(bureau="asia-pacific")
        attend(ours)
        attend(theirs, user=UserFactory())
        attendance_outcomes_apply(webinar=ours)
        attendance_outcomes_apply(webinar=theirs)
        visible = certificates_visible_to(staff_of("africa"))
        assert [c.event_id for c in visible] == [ours.pk]
