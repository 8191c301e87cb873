"""What a webinar page accepts, and what it keeps track of by itself."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lms.webinars.models import Attendance, WebinarStatus
from lms.webinars.zones import aware_to_wall_time, wall_time_to_aware
from tests.factories import UserFactory, course_tree

from .factories import BureauFactory, webinar

pytestmark = pytest.mark.django_db


def errors_of(page) -> dict:
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    return refused.value.message_dict


class TestValidation:
    def test_an_unknown_time_zone_is_refused(self):
        event = webinar()
        event.time_zone = "Mars/Olympus_Mons"
        assert "time_zone" in errors_of(event)

    def test_registration_cannot_close_after_the_start(self):
        event = webinar()
        event.registration_deadline = event.starts_at + timedelta(minutes=1)
        assert errors_of(event)["registration_deadline"] == [
            "Registration must close before the webinar starts, or at its start."
        ]

    def test_registration_may_close_at_the_start(self):
        event = webinar()
        event.registration_deadline = event.starts_at
        event.full_clean()

    def test_the_related_page_is_a_course_or_a_module(self):
        course = course_tree(modules=1, lessons_per_module=1)
        module = course.get_children().first()
        lesson = module.get_children().first()
        event = webinar()
        for page in (course, module):
            event.related_page = page
            event.full_clean()
        event.related_page = lesson
        assert errors_of(event)["related_page"] == ["Choose a course or a module."]


class TestWhatTheWebinarTracks:
    def test_a_webinar_belongs_to_the_bureau_of_its_section(self):
        event = webinar(bureau="arab-region")
        assert event.bureau.slug == "arab-region"

    def test_a_moved_webinar_follows_its_new_section(self):
        from .factories import section

        event = webinar(bureau="africa")
        event.move(section("asia-pacific"), pos="last-child")
        event.refresh_from_db()
        assert event.bureau.slug == "asia-pacific"

    @pytest.mark.parametrize(
        "change",
        [
            {"starts_at": timedelta(hours=1)},
            {"duration_minutes": 30},
            {"meeting_url": "https://meet.example.org/other"},
            {"status": WebinarStatus.CANCELLED},
        ],
        ids=["time", "duration", "link", "status"],
    )
    def test_the_invitation_version_grows_when_time_link_or_status_change(self, change):
        event = webinar()
        for name, value in change.items():
            if isinstance(value, timedelta):
                value = getattr(event, name) + value
            setattr(event, name, value)
        event.save_revision().publish()
        event.refresh_from_db()
        assert event.sequence == 1

    def test_the_invitation_version_stays_for_other_changes(self):
        event = webinar()
        event.description = "<p>Now with a case study.</p>"
        event.save_revision().publish()
        event.refresh_from_db()
        assert event.sequence == 0

    def test_a_draft_and_its_publication_count_as_one_change(self):
        event = webinar()
        event.meeting_url = "https://meet.example.org/moved"
        event.save_revision()
        draft = event.get_latest_revision_as_object()
        draft.save_revision().publish()
        event.refresh_from_db()
        assert event.sequence == 1

    def test_a_copy_is_another_calendar_event(self):
        event = webinar()
        copy = event.copy(update_attrs={"slug": "copied-webinar"})
        assert copy.uid != event.uid
        assert copy.sequence == 0


class TestAttendance:
    def test_attended_means_long_enough_online(self):
        event = webinar(min_attended_minutes=45)
        present = Attendance.objects.create(
            webinar=event, user=UserFactory(), minutes=45
        )
        brief = Attendance.objects.create(webinar=event, user=UserFactory(), minutes=20)
        assert present.attended
        assert not brief.attended


class TestWallTime:
    def test_a_wall_time_is_read_in_its_own_zone(self):
        aware = wall_time_to_aware(datetime(2026, 12, 1, 14, 0), "Africa/Nairobi")
        assert aware == datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
        assert aware_to_wall_time(aware, "Africa/Nairobi") == datetime(
            2026, 12, 1, 14, 0
        )

    def test_a_time_the_clocks_skip_is_refused(self):
        with pytest.raises(ValidationError, match="does not exist"):
            wall_time_to_aware(datetime(2027, 3, 14, 2, 30), "America/New_York")

    def test_local_start(self):
        event = webinar(
            starts_at=datetime(2027, 1, 5, 9, 0, tzinfo=UTC), time_zone="Asia/Tokyo"
        )
        assert event.local_starts_at().hour == 18
        assert timezone.is_aware(event.local_starts_at())


def test_bureaus_of_the_four_regions_exist():
    assert {bureau.slug for bureau in BureauFactory._meta.model.objects.all()} >= {
        "africa",
        "arab-region",
        "asia-pacific",
        "latin-america-caribbean",
    }
