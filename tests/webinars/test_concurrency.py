"""Capacity holds however many register at once (PostgreSQL only: SQLite
serialises writers, so it cannot show a race)."""

import threading
import time

import pytest
from django.db import connection, transaction

from lms.webinars.models import Registration, RegistrationStatus
from lms.webinars.services import registration_cancel, registration_create
from tests.factories import UserFactory

from .factories import webinar

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs real concurrent transactions"
    ),
    pytest.mark.django_db(transaction=True),
    # The page tree root comes from migrations: put it back after each flush.
    pytest.mark.usefixtures("migration_rows"),
]


def run_each_in_its_thread(functions) -> list[Exception]:
    """Start every function at the same moment, each in a thread with its
    own database connection; the errors they raised."""
    barrier = threading.Barrier(len(functions))
    errors: list[Exception] = []

    def worker(function):
        try:
            barrier.wait()
            function()
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def counts(event) -> dict[str, int]:
    rows = Registration.objects.filter(webinar=event)
    return {
        status: rows.filter(status=status).count()
        for status in ("confirmed", "waitlisted", "cancelled")
    }


def test_fifty_people_for_ten_seats_confirm_exactly_ten():
    event = webinar(capacity=10)
    users = UserFactory.create_batch(50)
    errors = run_each_in_its_thread(
        [
            lambda user=user: registration_create(user=user, webinar=event)
            for user in users
        ]
    )
    assert errors == []
    assert counts(event) == {"confirmed": 10, "waitlisted": 40, "cancelled": 0}
    assert (
        Registration.objects.filter(webinar=event).values("user").distinct().count()
        == 50
    )


def test_one_person_registering_from_five_tabs_gets_one_registration():
    event, user = webinar(capacity=10), UserFactory()
    errors = run_each_in_its_thread(
        [lambda: registration_create(user=user, webinar=event)] * 5
    )
    assert errors == []
    assert Registration.objects.filter(user=user, webinar=event).count() == 1
    assert counts(event)["confirmed"] == 1


def test_cancellations_racing_registrations_never_overfill():
    event = webinar(capacity=5)
    seated = [
        registration_create(user=u, webinar=event) for u in UserFactory.create_batch(5)
    ]
    waiting = [
        registration_create(user=u, webinar=event) for u in UserFactory.create_batch(3)
    ]
    newcomers = UserFactory.create_batch(10)
    errors = run_each_in_its_thread(
        [lambda r=r: registration_cancel(registration=r) for r in seated[:3]]
        + [lambda u=u: registration_create(user=u, webinar=event) for u in newcomers]
    )
    assert errors == []
    assert counts(event) == {"confirmed": 5, "waitlisted": 10, "cancelled": 3}
    # The three freed seats went to those who were waiting before the race.
    promoted = Registration.objects.filter(pk__in=[r.pk for r in waiting])
    assert {r.status for r in promoted} == {RegistrationStatus.CONFIRMED}


def test_registrations_wait_while_fewer_seats_are_being_published():
    """The page's seat check locks the webinar until the page is saved: people
    registering meanwhile wait, then see the new number of seats."""
    event = webinar(capacity=30)
    for user in UserFactory.create_batch(5):
        registration_create(user=user, webinar=event)
    newcomers = UserFactory.create_batch(6)
    checked = threading.Event()

    def publish_six_seats():
        page = type(event).objects.get(pk=event.pk)
        page.capacity = 6
        with transaction.atomic():
            page.full_clean()  # 5 confirmed: six seats are enough
            checked.set()
            time.sleep(1)  # time for the newcomers to try to slip in
            page.save_revision().publish()

    def register_newcomers():
        checked.wait()
        for user in newcomers:
            registration_create(user=user, webinar=event)

    errors = run_each_in_its_thread([publish_six_seats, register_newcomers])
    assert errors == []
    event.refresh_from_db()
    assert event.capacity == 6
    assert counts(event) == {"confirmed": 6, "waitlisted": 5, "cancelled": 0}
