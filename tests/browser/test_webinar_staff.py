"""A bureau's staff member logs in with a second factor, opens a webinar's
registrants from the Reports menu, downloads them as CSV and writes to them."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.core import mail
from playwright.sync_api import expect

from lms.accounts.models import Profile
from lms.webinars.models import Registration, RegistrationStatus
from tests.accounts.helpers import browser_login
from tests.factories import UserFactory
from tests.webinars.factories import webinar
from tests.webinars.test_permissions import staff_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"
DESK = {"width": 1300, "height": 1000}


def test_staff_list_download_and_message_registrants(
    live_server, browser, screenshot_dir
):
    event = webinar(bureau="africa", title="Madrid for exporters", capacity=2)
    webinar(bureau="arab-region", title="Not ours")
    people = [
        UserFactory(first_name="Amina", last_name="Diallo"),
        UserFactory(first_name='=HYPERLINK("https://evil.example")', last_name=""),
        UserFactory(first_name="Kofi", last_name="Mensah"),
    ]
    for person, status in zip(
        people,
        [RegistrationStatus.CONFIRMED] * 2 + [RegistrationStatus.WAITLISTED],
        strict=True,
    ):
        Registration.objects.create(
            user=person,
            webinar=event,
            status=status,
            registered_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
        )
    # Promised to anonymous statistics only: never shown next to her name.
    Profile.objects.create(user=people[0], country="SN", sector="C")
    staff = staff_of("africa")
    base = live_server.url
    context = browser.new_context(viewport=DESK, accept_downloads=True)
    try:
        page = context.new_page()
        browser_login(page, base, staff, PASSWORD, next_url="/admin/")
        page.wait_for_url("**/admin/")

        page.get_by_role("button", name="Reports").click()
        page.get_by_role("link", name="Webinars", exact=True).click()
        page.wait_for_url("**/admin/reports/webinars/")
        expect(page.get_by_role("link", name="Not ours")).to_have_count(0)
        page.get_by_role("link", name="Madrid for exporters").click()
        page.wait_for_url(f"**/admin/webinars/{event.pk}/registrants/")
        expect(page.locator("#listing-results")).to_contain_text("Amina Diallo")
        expect(page.locator("#listing-results")).not_to_contain_text("Senegal")
        expect(page.locator(".webinar-numbers")).to_contain_text("0.0%")
        page.screenshot(
            path=str(screenshot_dir / "webinar-registrants.png"), full_page=True
        )

        page.locator("#w-slim-header-buttons button").last.click()
        with page.expect_download() as download:
            page.get_by_role("link", name="Download CSV").click()
        with open(download.value.path(), encoding="utf-8") as file:
            rows = list(csv.reader(io.StringIO(file.read())))
        assert rows[0][:3] == ["Name", "Email", "Status"]
        assert "Senegal" not in {cell for row in rows for cell in row}
        assert [row[0] for row in rows[1:]] == [
            "Amina Diallo",
            '\'=HYPERLINK("https://evil.example")',
            "Kofi Mensah",
        ]

        page.get_by_role("link", name="Message registrants").click()
        page.fill("#id_message", "The slides are online.\nBring your questions.")
        page.get_by_role("button", name="Continue").click()
        expect(page.locator(".webinar-message-count")).to_contain_text(
            "2 confirmed people"
        )
        page.get_by_role("button", name="Send the message").dblclick()
        page.wait_for_url(f"**/admin/webinars/{event.pk}/registrants/")
        expect(page.locator(".messages")).to_contain_text("Message sent to 2")
    finally:
        context.close()
    # Sent once, to the two confirmed people, whatever the double click did.
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        person.email for person in people[:2]
    )
    # The line break survives the confirmation step.
    assert all(
        "The slides are online.\nBring your questions." in message.body
        for message in mail.outbox
    )
