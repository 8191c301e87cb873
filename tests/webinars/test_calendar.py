"""Calendar invitations: RFC 5545 events calendars can update and cancel."""

from datetime import UTC, datetime

import pytest
from django.utils import translation
from icalendar import Calendar

from lms.webinars.calendar import CANCEL, REQUEST, webinar_invitation, webinar_uid

from .factories import webinar

pytestmark = pytest.mark.django_db
START = datetime(2027, 3, 2, 9, 30, tzinfo=UTC)


def _event(data: bytes):
    calendar = Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def _invite(item, method=REQUEST):
    return webinar_invitation(
        item, email="amina@example.org", name="Amina", method=method
    )


def test_invitation_is_a_request_in_utc_with_the_link():
    item = webinar(title="Madrid in practice", starts_at=START, duration_minutes=90)
    calendar, event = _event(_invite(item))
    assert calendar["method"] == "REQUEST"
    assert calendar["version"] == "2.0"
    assert event.decoded("dtstart") == START
    assert event.decoded("dtend") == datetime(2027, 3, 2, 11, 0, tzinfo=UTC)
    assert event["dtstart"].to_ical().endswith(b"Z")
    assert str(event["summary"]) == "Madrid in practice"
    assert str(event["location"]) == item.meeting_url
    assert str(event["attendee"]) == "mailto:amina@example.org"
    # The organiser's wall time: 12:30 in Nairobi (UTC+3).
    assert "2027-03-02 12:30 (Africa/Nairobi)" in str(event["description"])


def test_uid_is_stable_and_an_update_has_a_higher_sequence():
    item = webinar(starts_at=START)
    _calendar, first = _event(_invite(item))
    item.sequence += 1
    _calendar, update = _event(_invite(item))
    assert str(first["uid"]) == str(update["uid"]) == webinar_uid(item)
    assert int(update["sequence"]) == int(first["sequence"]) + 1


def test_cancellation_drops_the_link():
    item = webinar(starts_at=START)
    calendar, event = _event(_invite(item, method=CANCEL))
    assert calendar["method"] == "CANCEL"
    assert str(event["status"]) == "CANCELLED"
    assert "location" not in event
    assert item.meeting_url not in str(event["description"])


def test_a_cancelled_webinar_is_always_sent_as_a_cancellation():
    item = webinar(starts_at=START, status="cancelled")
    calendar, _event_ = _event(_invite(item, method=REQUEST))
    assert calendar["method"] == "CANCEL"


def test_text_follows_the_registrants_language():
    item = webinar(starts_at=START, title="Madrid", title_fr="Madrid en pratique")
    with translation.override("fr"):
        _calendar, event = _event(_invite(item))
    assert str(event["summary"]) == "Madrid en pratique"


def test_description_is_plain_text_without_html_entities():
    item = webinar(description="<p>R&amp;D &lt;basics&gt;</p>")
    _calendar, event = _event(_invite(item))
    assert str(event["description"]).startswith("R&D <basics>")
