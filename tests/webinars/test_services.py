"""Registering, the waiting list, cancelling, and what closes registration."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.webinars.models import Registration, RegistrationStatus, WebinarStatus
from lms.webinars.services import (
    registration_cancel,
    registration_create,
    waitlist_promote,
)
from lms.webinars.signals import (
    registration_cancelled,
    registration_confirmed,
    registration_promoted,
    registration_waitlisted,
)
from tests.factories import UserFactory

from .factories import webinar

pytestmark = pytest.mark.django_db

CONFIRMED = RegistrationStatus.CONFIRMED
WAITLISTED = RegistrationStatus.WAITLISTED
CANCELLED = RegistrationStatus.CANCELLED


def register(event, count: int) -> list[Registration]:
    return [
        registration_create(user=UserFactory(), webinar=event) for _ in range(count)
    ]


@pytest.fixture
def announced():
    """The signals sent, as (signal name, user id), in order."""
    sent = []
    signals = {
        "confirmed": registration_confirmed,
        "waitlisted": registration_waitlisted,
        "promoted": registration_promoted,
        "cancelled": registration_cancelled,
    }
    listeners = {}
    for name, signal in signals.items():

        def listener(sender, registration, _name=name, **kwargs):
            sent.append((_name, registration.user_id))

        listeners[name] = listener
        signal.connect(listener)
    yield sent
    for name, signal in signals.items():
        signal.disconnect(listeners[name])


class TestRegistering:
    def test_seats_are_confirmed_then_people_wait_in_order(self):
        event = webinar(capacity=2)
        first, second, third, fourth = register(event, 4)
        assert [first.status, second.status] == [CONFIRMED, CONFIRMED]
        assert [third.status, fourth.status] == [WAITLISTED, WAITLISTED]
        waiting = Registration.objects.filter(webinar=event, status=WAITLISTED)
        assert list(waiting) == [third, fourth]

    def test_registering_again_returns_the_same_registration(self):
        event, user = webinar(capacity=1), UserFactory()
        first = registration_create(user=user, webinar=event)
        again = registration_create(user=user, webinar=event)
        assert again.pk == first.pk
        assert again.status == CONFIRMED
        assert Registration.objects.filter(user=user).count() == 1

    def test_signals_follow_the_commit(
        self, announced, django_capture_on_commit_callbacks
    ):
        event = webinar(capacity=1)
        seated, waiting = UserFactory(), UserFactory()
        with django_capture_on_commit_callbacks(execute=True):
            registration_create(user=seated, webinar=event)
            registration_create(user=waiting, webinar=event)
        assert announced == [("confirmed", seated.pk), ("waitlisted", waiting.pk)]

    def test_a_rolled_back_registration_announces_nothing(
        self, announced, django_capture_on_commit_callbacks
    ):
        event = webinar()
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            registration_create(user=UserFactory(), webinar=event)
            raise RuntimeError("the request failed later")
        assert callbacks == []
        assert announced == []
        assert not Registration.objects.exists()

    def test_a_failing_receiver_does_not_undo_the_registration(
        self, django_capture_on_commit_callbacks, caplog
    ):
        def broken(sender, registration, **kwargs):
            raise RuntimeError("mail server down")

        registration_confirmed.connect(broken)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                registration = registration_create(
                    user=UserFactory(), webinar=webinar()
                )
        finally:
            registration_confirmed.disconnect(broken)
        assert registration.status == CONFIRMED
        assert "mail server down" in caplog.text

    def test_queries_do_not_grow_with_the_registrations(self):
        event = webinar(capacity=3)
        register(event, 2)
        user = UserFactory()
        with CaptureQueriesContext(connection) as few:
            registration_create(user=user, webinar=event)
        register(event, 20)
        user = UserFactory()
        with CaptureQueriesContext(connection) as many:
            registration_create(user=user, webinar=event)
        assert len(many) == len(few)


class TestCancelling:
    def test_a_freed_seat_goes_to_the_first_waiting(
        self, announced, django_capture_on_commit_callbacks
    ):
        event = webinar(capacity=1)
        seated, first, second = register(event, 3)
        with django_capture_on_commit_callbacks(execute=True):
            promoted = registration_cancel(registration=seated)
        assert promoted.pk == first.pk
        assert seated.status == CANCELLED and seated.cancelled_at is not None
        first.refresh_from_db()
        second.refresh_from_db()
        assert first.status == CONFIRMED and first.promoted_at is not None
        assert second.status == WAITLISTED
        assert announced[-2:] == [
            ("cancelled", seated.user_id),
            ("promoted", first.user_id),
        ]

    def test_leaving_the_waiting_list_promotes_nobody(self):
        event = webinar(capacity=1)
        seated, waiting, last = register(event, 3)
        assert registration_cancel(registration=waiting) is None
        last.refresh_from_db()
        assert last.status == WAITLISTED
        assert event.confirmed_count() == 1

    def test_cancelling_twice_changes_nothing(self):
        event = webinar(capacity=1)
        seated, waiting = register(event, 2)
        registration_cancel(registration=seated)
        assert registration_cancel(registration=seated) is None
        assert Registration.objects.filter(status=CONFIRMED).get() == waiting

    def test_registering_after_cancelling_reuses_the_record_at_the_queue_end(self):
        event = webinar(capacity=1)
        seated, waiting, later = register(event, 3)
        registration_cancel(registration=waiting)
        back = registration_create(user=waiting.user, webinar=event)
        assert back.pk == waiting.pk
        assert back.status == WAITLISTED and back.cancelled_at is None
        assert Registration.objects.filter(user=waiting.user).count() == 1
        registration_cancel(registration=seated)
        later.refresh_from_db()
        back.refresh_from_db()
        assert later.status == CONFIRMED
        assert back.status == WAITLISTED

    def test_a_seat_is_kept_once_the_webinar_has_started(self):
        event = webinar(capacity=1)
        (seated,) = register(event, 1)
        event.starts_at = timezone.now() - timedelta(minutes=5)
        event.save()
        with pytest.raises(ValidationError, match="already started"):
            registration_cancel(registration=seated)
        seated.refresh_from_db()
        assert seated.status == CONFIRMED


def past_deadline(event):
    event.registration_deadline = timezone.now() - timedelta(hours=1)


def started(event):
    event.starts_at = timezone.now() - timedelta(minutes=10)


def over(event):
    event.starts_at = timezone.now() - timedelta(days=1)


def cancelled(event):
    event.status = WebinarStatus.CANCELLED


def finished(event):
    event.status = WebinarStatus.FINISHED


def unpublished(event):
    event.live = False


class TestClosedRegistration:
    @pytest.mark.parametrize(
        ("close", "message"),
        [
            (past_deadline, "Registration for this webinar has closed."),
            (started, "This webinar has already started."),
            (over, "This webinar is over."),
            (cancelled, "This webinar has been cancelled."),
            (finished, "This webinar is over."),
            (unpublished, "This webinar is not published."),
        ],
    )
    def test_refused_with_its_reason_and_nothing_changes(self, close, message):
        event = webinar(capacity=1)
        close(event)
        event.save(clean=False)
        with pytest.raises(ValidationError) as refused:
            registration_create(user=UserFactory(), webinar=event)
        assert refused.value.messages == [message]
        assert not Registration.objects.exists()

    def test_a_full_webinar_past_its_deadline_refuses_the_waiting_list_too(self):
        event = webinar(capacity=1)
        register(event, 1)
        past_deadline(event)
        event.save(clean=False)
        with pytest.raises(ValidationError, match="has closed"):
            registration_create(user=UserFactory(), webinar=event)
        assert Registration.objects.count() == 1

    def test_someone_registered_before_the_deadline_keeps_their_place(self):
        event = webinar(capacity=1)
        (seated,) = register(event, 1)
        past_deadline(event)
        event.save(clean=False)
        assert registration_create(user=seated.user, webinar=event) == seated


class TestCapacity:
    def test_lowering_below_the_confirmed_count_is_refused(self):
        event = webinar(capacity=5)
        register(event, 3)
        event.capacity = 2
        with pytest.raises(ValidationError) as refused:
            event.save_revision().publish()
        assert "3 people are already confirmed" in refused.value.messages[0]
        event.refresh_from_db()
        assert event.capacity == 5

    def test_lowering_to_the_confirmed_count_is_allowed(self):
        event = webinar(capacity=5)
        register(event, 3)
        event.capacity = 3
        event.save_revision().publish()
        event.refresh_from_db()
        assert event.capacity == 3

    def test_more_seats_go_to_those_waiting_in_order(
        self, announced, django_capture_on_commit_callbacks
    ):
        event = webinar(capacity=1)
        _seated, first, second, third = register(event, 4)
        event.capacity = 3
        with django_capture_on_commit_callbacks(execute=True):
            event.save_revision().publish()
        statuses = dict(
            Registration.objects.filter(webinar=event).values_list("pk", "status")
        )
        assert statuses[first.pk] == statuses[second.pk] == CONFIRMED
        assert statuses[third.pk] == WAITLISTED
        assert announced == [("promoted", first.user_id), ("promoted", second.user_id)]

    def test_a_draft_with_more_seats_promotes_nobody(self):
        event = webinar(capacity=1)
        _seated, waiting = register(event, 2)
        event.capacity = 2
        event.save_revision()
        waiting.refresh_from_db()
        assert waiting.status == WAITLISTED

    def test_nobody_is_promoted_into_a_cancelled_webinar(self):
        event = webinar(capacity=1)
        _seated, waiting = register(event, 2)
        event.capacity = 2
        event.status = WebinarStatus.CANCELLED
        event.save_revision().publish()
        assert waitlist_promote(webinar=event) == []
        waiting.refresh_from_db()
        assert waiting.status == WAITLISTED

    def test_promoting_many_costs_the_same_queries_as_promoting_one(self):
        small, large = webinar(capacity=1), webinar(capacity=1)
        register(small, 2)
        register(large, 21)
        type(small).objects.filter(pk__in=[small.pk, large.pk]).update(capacity=30)
        with CaptureQueriesContext(connection) as one:
            assert len(waitlist_promote(webinar=small)) == 1
        with CaptureQueriesContext(connection) as twenty:
            assert len(waitlist_promote(webinar=large)) == 20
        assert len(twenty) == len(one)
