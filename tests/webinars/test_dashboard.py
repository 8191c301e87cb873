"""My learning shows the learner's webinars to come and their attendance
certificates, at a cost that does not grow with them."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from lms.accounts.services import profile_update
from lms.webinars.dashboard import upcoming_webinars_context
from lms.webinars.models import (
    Attendance,
    Registration,
    RegistrationStatus,
    WebinarStatus,
)
from lms.webinars.outcomes import attendance_outcomes_apply
from lms.webinars.services import registration_cancel, registration_create
from tests.factories import UserFactory

from .factories import webinar

pytestmark = pytest.mark.django_db


def dashboard(client, user, language="en") -> str:
    client.force_login(user)
    with translation.override(language):
        url = reverse("progress:dashboard")
    return client.get(url).content.decode()


class TestUpcomingWebinars:
    def test_lists_confirmed_and_waiting_places_with_links(self, client):
        user = UserFactory()
        seat = webinar(title="Brands abroad", capacity=5)
        queue = webinar(title="Patent basics", capacity=1)
        registration_create(user=UserFactory(), webinar=queue)
        registration_create(user=user, webinar=seat)
        registration_create(user=user, webinar=queue)
        html = dashboard(client, user)
        assert "Your upcoming webinars" in html
        assert "Brands abroad" in html and "Patent basics" in html
        assert f'href="{seat.url}"' in html and f'href="{queue.url}"' in html
        assert "You are registered" in html
        assert "You are on the waiting list" in html

    def test_leaves_out_cancelled_past_and_others_registrations(self, client):
        user = UserFactory()
        given_up = webinar(title="Given up")
        registration_cancel(
            registration=registration_create(user=user, webinar=given_up)
        )
        called_off = webinar(title="Called off")
        registration_create(user=user, webinar=called_off)
        called_off.status = WebinarStatus.CANCELLED
        called_off.save_revision().publish()
        over = webinar(title="Over", starts_at=timezone.now() - timedelta(days=2))
        Registration.objects.create(
            user=user, webinar=over, status=RegistrationStatus.CONFIRMED
        )
        registration_create(user=UserFactory(), webinar=webinar(title="Someone's"))
        assert upcoming_webinars_context(user) is None
        html = dashboard(client, user)
        assert "Your upcoming webinars" not in html

    def test_a_webinar_under_way_is_still_listed(self):
        user = UserFactory()
        running = webinar(
            starts_at=timezone.now() - timedelta(minutes=30), duration_minutes=90
        )
        Registration.objects.create(
            user=user, webinar=running, status=RegistrationStatus.CONFIRMED
        )
        context = upcoming_webinars_context(user)
        assert [r.webinar_id for r in context["registrations"]] == [running.pk]

    def test_soonest_first(self):
        user = UserFactory()
        later = webinar(starts_at=timezone.now() + timedelta(days=9))
        sooner = webinar(starts_at=timezone.now() + timedelta(days=2))
        registration_create(user=user, webinar=later)
        registration_create(user=user, webinar=sooner)
        context = upcoming_webinars_context(user)
        assert [r.webinar_id for r in context["registrations"]] == [
            sooner.pk,
            later.pk,
        ]

    def test_the_time_is_also_given_in_the_learners_zone(self, client):
        user = UserFactory()
        profile_update(user=user, time_zone="Asia/Tokyo")
        # 10:00 in Nairobi is 16:00 in Tokyo.
        starts = datetime(2030, 3, 4, 7, 0, tzinfo=UTC)
        registration_create(user=user, webinar=webinar(starts_at=starts))
        html = dashboard(client, user)
        assert "Asia/Tokyo" in html and "Africa/Nairobi" in html
        assert "4 p.m." in html and "10 a.m." in html
        assert "local_time.js" not in html

    def test_without_a_zone_the_browser_gives_it(self, client):
        user = UserFactory()
        registration_create(user=user, webinar=webinar())
        html = dashboard(client, user)
        assert "data-viewer-time" in html and "local_time.js" in html

    def test_arabic_dashboard_is_right_to_left(self, client):
        user = UserFactory()
        registration_create(user=user, webinar=webinar(title_ar="حماية العلامات"))
        html = dashboard(client, user, "ar")
        assert 'dir="rtl"' in html
        assert "حماية العلامات" in html

    def test_costs_the_same_for_1_and_8_registrations(self, client):
        counts = []
        for registrations in (1, 8):
            user = UserFactory()
            profile_update(user=user, time_zone="Asia/Tokyo")
            for _ in range(registrations):
                registration_create(user=user, webinar=webinar())
            client.force_login(user)
            client.get(reverse("progress:dashboard"))  # warm Wagtail's site cache
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("progress:dashboard")).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]


class TestAttendanceCertificates:
    def test_an_attendee_finds_the_certificate_next_to_course_ones(self, client):
        event = webinar(
            title="Brands abroad",
            starts_at=datetime(2026, 11, 4, 7, 0, tzinfo=UTC),
            status=WebinarStatus.FINISHED,
        )
        user = UserFactory()
        Attendance.objects.create(webinar=event, user=user, minutes=60)
        attendance_outcomes_apply(webinar=event)
        html = dashboard(client, user)
        assert "Webinar attendance certificates" in html
        assert "Brands abroad" in html
        assert "Attended on Nov. 4, 2026" in html
        assert "Download your certificate (PDF)" in html
