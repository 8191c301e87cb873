"""Registrants are told by email, in their language, with calendar invitations."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from lms.accounts.models import Profile
from lms.webinars.announcements import webinar_changes_announce
from lms.webinars.reminders import reminders_send
from lms.webinars.services import registration_cancel, registration_create
from tests.factories import UserFactory

from .factories import webinar

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run a service and the emails its committed transaction queues."""

    def run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return run


def _calendar(message):
    parts = [c for c, mimetype in message.alternatives if "text/calendar" in mimetype]
    return Calendar.from_ical(parts[0]) if parts else None


def _learner(language="en", **fields):
    user = UserFactory(**fields)
    Profile.objects.update_or_create(
        user=user, defaults={"preferred_language": language}
    )
    return user


class TestRegistrationEmails:
    def test_confirmation_carries_the_invitation_in_the_learners_language(self, send):
        item = webinar(title="Madrid in practice", title_fr="Madrid en pratique")
        learner = _learner("fr")
        send(registration_create, user=learner, webinar=item)
        (message,) = mail.outbox
        assert message.to == [learner.email]
        assert "Madrid en pratique" in message.subject
        assert item.meeting_url in message.body
        calendar = _calendar(message)
        assert calendar["method"] == "REQUEST"
        (filename, _content, mimetype) = message.attachments[0]
        assert filename == "invite.ics" and mimetype.startswith("text/calendar")

    def test_waitlisted_learner_gets_no_link_and_no_invitation(self, send):
        item = webinar(capacity=1)
        send(registration_create, user=_learner(), webinar=item)
        mail.outbox.clear()
        send(registration_create, user=_learner(), webinar=item)
        (message,) = mail.outbox
        assert item.meeting_url not in message.body
        assert _calendar(message) is None and not message.attachments

    def test_cancelling_frees_the_seat_for_the_next_in_line(self, send):
        item = webinar(capacity=1)
        first, second = _learner(), _learner()
        seat = send(registration_create, user=first, webinar=item)
        send(registration_create, user=second, webinar=item)
        mail.outbox.clear()
        send(registration_cancel, registration=seat)
        by_person = {message.to[0]: message for message in mail.outbox}
        assert _calendar(by_person[first.email])["method"] == "CANCEL"
        promoted = by_person[second.email]
        assert _calendar(promoted)["method"] == "REQUEST"
        assert item.meeting_url in promoted.body

    def test_a_person_without_an_email_is_skipped(self, send):
        send(registration_create, user=_learner(email=""), webinar=webinar())
        assert mail.outbox == []


class TestReminders:
    def _seat(self, send, starts_in, **fields):
        item = webinar(starts_at=timezone.now() + starts_in, **fields)
        registration = send(registration_create, user=_learner(), webinar=item)
        mail.outbox.clear()
        return registration

    def test_day_then_hour_reminder_each_sent_once(self, send):
        registration = self._seat(send, timedelta(hours=20))
        assert reminders_send() == 1
        assert reminders_send() == 0
        assert len(mail.outbox) == 1
        later = registration.webinar.starts_at - timedelta(minutes=50)
        assert reminders_send(now=later) == 1
        assert reminders_send(now=later) == 0
        assert len(mail.outbox) == 2

    def test_late_registrant_gets_only_the_hour_reminder(self, send):
        self._seat(send, timedelta(minutes=40))
        assert reminders_send() == 1
        assert reminders_send() == 0
        assert mail.outbox[0].subject.startswith("Starting in an hour")

    def test_nothing_for_far_off_cancelled_or_started_webinars(self, send):
        self._seat(send, timedelta(days=3))
        cancelled = self._seat(send, timedelta(hours=5))
        type(cancelled.webinar).objects.filter(pk=cancelled.webinar_id).update(
            status="cancelled"
        )
        started = self._seat(send, timedelta(hours=2))
        assert reminders_send(now=started.webinar.starts_at + timedelta(minutes=1)) == 0
        assert mail.outbox == []

    def test_command_is_safe_to_run_again(self, send):
        self._seat(send, timedelta(hours=10))
        call_command("send_webinar_reminders")
        call_command("send_webinar_reminders")
        assert len(mail.outbox) == 1


class TestAnnouncements:
    def test_a_new_time_is_sent_once_with_a_higher_sequence(self, send):
        item = webinar()
        send(registration_create, user=_learner(), webinar=item)
        first_sequence = int(_calendar(mail.outbox[0]).walk("VEVENT")[0]["sequence"])
        mail.outbox.clear()
        item.starts_at += timedelta(hours=2)
        send(lambda: item.save_revision().publish())
        assert len(mail.outbox) == 1
        event = _calendar(mail.outbox[0]).walk("VEVENT")[0]
        assert int(event["sequence"]) > first_sequence
        mail.outbox.clear()
        item.refresh_from_db()
        send(lambda: item.save_revision().publish())
        assert webinar_changes_announce(webinar=item) == 0
        assert mail.outbox == []

    def test_cancellation_reaches_the_seated_and_the_waiting(self, send):
        item = webinar(capacity=1)
        send(registration_create, user=_learner(), webinar=item)
        send(registration_create, user=_learner(), webinar=item)
        mail.outbox.clear()
        item.status = "cancelled"
        send(lambda: item.save_revision().publish())
        methods = sorted(
            (_calendar(m)["method"] if _calendar(m) else "none") for m in mail.outbox
        )
        assert methods == ["CANCEL", "none"]
