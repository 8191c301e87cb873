"""A learner's webinars in "Download my data", and on deleting the account."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.accounts.personal_data import account_delete, personal_data_export
from lms.webinars.models import Attendance, Registration, RegistrationStatus
from lms.webinars.services import registration_create
from tests.factories import UserFactory

from .factories import webinar

pytestmark = pytest.mark.django_db


def test_the_export_holds_registrations_and_attendance():
    learner = UserFactory()
    event = webinar(title="Trademarks abroad")
    registration_create(user=learner, webinar=event)
    Attendance.objects.create(webinar=event, user=learner, minutes=50)
    data = personal_data_export(user=learner)["webinars"]
    assert [r["webinar"] for r in data["registrations"]] == ["Trademarks abroad"]
    assert data["registrations"][0]["status"] == "confirmed"
    assert data["attendance"][0]["minutes"] == 50


def test_deleting_the_account_gives_up_seats_to_come_and_keeps_the_past():
    learner, waiting = UserFactory(), UserFactory()
    upcoming = webinar(capacity=1)
    past = webinar(capacity=5)
    registration_create(user=learner, webinar=upcoming)
    queued = registration_create(user=waiting, webinar=upcoming)
    kept = registration_create(user=learner, webinar=past)
    type(past).objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=3)
    )
    account_delete(user=learner)
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses[queued.pk] == RegistrationStatus.CONFIRMED
    assert statuses[kept.pk] == RegistrationStatus.CONFIRMED
    assert Registration.objects.get(user=learner, webinar=upcoming).status == (
        RegistrationStatus.CANCELLED
    )
