"""A webinar's numbers and registrant list, as bureau staff read them."""

from datetime import UTC, datetime, timedelta

import pytest

from lms.accounts.models import Profile
from lms.webinars.models import Attendance, Registration, RegistrationStatus
from lms.webinars.reports import (
    WebinarNumbers,
    editable_webinars,
    has_attended,
    message_recipients,
    registrants,
    waitlist_position,
    webinar_numbers,
    webinars_with_numbers,
)
from tests.factories import UserFactory

from .factories import webinar
from .test_permissions import staff_of

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
CONFIRMED = RegistrationStatus.CONFIRMED
WAITLISTED = RegistrationStatus.WAITLISTED
CANCELLED = RegistrationStatus.CANCELLED


def register(event, status, *, minute=0, minutes=None, **user_fields):
    """A registration made ``minute`` minutes after START, with attendance."""
    user = UserFactory(**user_fields)
    registration = Registration.objects.create(
        user=user,
        webinar=event,
        status=status,
        registered_at=START + timedelta(minutes=minute),
    )
    if minutes is not None:
        Attendance.objects.create(webinar=event, user=user, minutes=minutes)
    return registration


@pytest.fixture
def event():
    """Four seats, 30 minutes to count as attended, and every kind of registrant."""
    event = webinar(capacity=4, min_attended_minutes=30)
    register(event, CONFIRMED, minute=1, minutes=45)
    register(event, CONFIRMED, minute=2, minutes=10)
    register(event, CONFIRMED, minute=3, minutes=30)
    register(event, WAITLISTED, minute=5)
    register(event, WAITLISTED, minute=4)
    register(event, CANCELLED, minute=0, minutes=60)
    # Joined with a link passed on: attended, without a registration.
    Attendance.objects.create(webinar=event, user=UserFactory(), minutes=50)
    return event


class TestWebinarNumbers:
    def test_counts_by_status_and_attendance(self, event):
        numbers = webinar_numbers(event)
        assert numbers == WebinarNumbers(
            capacity=4,
            confirmed=3,
            waitlisted=2,
            cancelled=1,
            attended=4,
            attended_confirmed=2,
        )
        assert numbers.attendance_rate == pytest.approx(2 / 3)
        assert numbers.seats_left == 1

    def test_an_empty_webinar_has_no_rate(self):
        numbers = webinar_numbers(webinar(capacity=5))
        assert numbers.attendance_rate is None
        assert numbers.seats_left == 5
        assert numbers.attended == 0

    def test_seats_left_never_go_below_zero(self):
        numbers = WebinarNumbers(
            capacity=2,
            confirmed=3,
            waitlisted=0,
            cancelled=0,
            attended=0,
            attended_confirmed=0,
        )
        assert numbers.seats_left == 0

    def test_one_query_for_many_webinars(self, event, django_assert_num_queries):
        other = webinar(capacity=1)
        register(other, CONFIRMED, minutes=5)
        staff = staff_of("africa")
        with django_assert_num_queries(2):  # The staff's page rights, then the rows.
            rows = {
                w.pk: WebinarNumbers.of(w)
                for w in webinars_with_numbers(editable_webinars(staff))
            }
        assert rows[event.pk].confirmed == 3
        assert rows[other.pk] == WebinarNumbers(
            capacity=1,
            confirmed=1,
            waitlisted=0,
            cancelled=0,
            attended=0,
            attended_confirmed=0,
        )


class TestRegistrants:
    def test_seats_then_the_queue_in_order_then_those_who_left(self, event):
        rows = list(registrants(event))
        assert [r.status for r in rows] == [CONFIRMED] * 3 + [WAITLISTED] * 2 + [
            CANCELLED
        ]
        assert [waitlist_position(r) for r in rows] == [None] * 3 + [1, 2, None]
        waiting = [r for r in rows if r.status == WAITLISTED]
        assert waiting[0].registered_at < waiting[1].registered_at
        assert [r.attendance_minutes for r in rows] == [45, 10, 30, None, None, 60]
        assert [has_attended(r, event) for r in rows] == [
            True,
            False,
            True,
            False,
            False,
            True,
        ]

    def test_filtering_by_status_keeps_the_places(self, event):
        rows = registrants(event).filter(status=WAITLISTED)
        assert [waitlist_position(r) for r in rows] == [1, 2]

    def test_one_query_with_the_names_on_certificates(
        self, event, django_assert_num_queries
    ):
        # The list falls back on the name for certificates when an account has none.
        for registration in Registration.objects.filter(webinar=event):
            Profile.objects.create(
                user=registration.user, certificate_name="Amina Diallo"
            )
        with django_assert_num_queries(1):
            rows = list(registrants(event))
            names = {r.user.profile.certificate_name for r in rows}
        assert names == {"Amina Diallo"}


class TestEditableWebinars:
    def test_staff_see_their_bureaus_webinars_only(self, event):
        other = webinar(bureau="arab-region")
        assert list(editable_webinars(staff_of("africa"))) == [event]
        assert list(editable_webinars(staff_of("arab-region"))) == [other]

    def test_superusers_see_all(self, event):
        other = webinar(bureau="arab-region")
        superuser = UserFactory(is_superuser=True)
        assert set(editable_webinars(superuser)) == {event, other}

    def test_learners_see_none(self, event):
        assert not editable_webinars(UserFactory()).exists()


class TestMessageRecipients:
    def test_confirmed_and_optionally_waiting_active_learners_with_an_address(
        self, event
    ):
        register(event, CONFIRMED, email="")
        register(event, CONFIRMED, is_active=False)
        assert message_recipients(event, include_waitlisted=False).count() == 3
        assert message_recipients(event, include_waitlisted=True).count() == 5
