"""A learner on a phone, in Arabic, finds a webinar, registers, sees the meeting
link and the start in her own time, then cancels: the learner waiting for a
seat gets it."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from lms.webinars.models import Registration, RegistrationStatus
from tests.accounts.helpers import browser_login, verified_email
from tests.factories import UserFactory
from tests.webinars.factories import webinar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"
MEETING = "https://meet.example.org/ip-campus-ar"
PHONE = {"width": 390, "height": 844}


def test_learner_registers_then_cancels_and_the_next_in_line_gets_the_seat(
    live_server, browser, screenshot_dir
):
    event = webinar(
        title="Protecting your brand abroad",
        title_ar="حماية علامتك التجارية في الخارج",
        description_ar="<p>نظام مدريد خطوة بخطوة.</p>",
        capacity=1,
        time_zone="Africa/Nairobi",
        meeting_url=MEETING,
    )
    with translation.override("ar"):
        event_url = event.get_url()
    base = live_server.url
    learner, waiting = UserFactory(), UserFactory()
    # Her phone is in Cairo, the webinar is planned in Nairobi time.
    context = browser.new_context(viewport=PHONE, timezone_id="Africa/Cairo")
    other_context = browser.new_context(viewport=PHONE, timezone_id="Asia/Dubai")
    try:
        page = context.new_page()
        page.goto(f"{base}/ar/webinars/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        # Nothing wider than the phone (WCAG reflow): no sideways scrolling.
        assert page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
        page.screenshot(path=str(screenshot_dir / "webinars-ar.png"), full_page=True)
        page.get_by_role("link", name="حماية علامتك التجارية في الخارج").click()
        page.wait_for_url(f"**{event_url}")
        expect(page.locator(".webinar-registration")).not_to_contain_text(MEETING)
        assert MEETING not in page.content()

        # "Log in to register" brings her back to the webinar.
        verified_email(learner)
        page.locator(".webinar-registration a.button").click()
        page.fill("#id_login", learner.get_username())
        page.fill("#id_password", PASSWORD)
        page.locator("form.account-form button[type=submit]").click()
        page.wait_for_url(f"**{event_url}")

        page.locator(".webinar-registration button[type=submit]").click()
        page.wait_for_url(f"**{event_url}")
        join = page.locator(".webinar-registration a.button")
        expect(join).to_have_attribute("href", MEETING)
        registration = Registration.objects.get(user=learner, webinar=event)
        assert registration.status == RegistrationStatus.CONFIRMED
        # Her own time, from the browser, beside the organiser's.
        own_time = page.locator(".facts [data-viewer-time]")
        expect(own_time).to_be_visible()
        expect(own_time).to_contain_text("Africa/Cairo")
        expect(own_time.locator("time")).not_to_be_empty()
        expect(page.locator(".facts")).to_contain_text("Africa/Nairobi")
        page.screenshot(
            path=str(screenshot_dir / "webinar-registered-ar.png"), full_page=True
        )

        # A second learner finds the webinar full and joins the waiting list.
        other = other_context.new_page()
        browser_login(other, base, waiting, PASSWORD, next_url=event_url)
        other.wait_for_url(f"**{event_url}")
        other.locator(".webinar-registration button[type=submit]").click()
        other.wait_for_url(f"**{event_url}")
        expect(other.locator(".webinar-registration")).to_contain_text("1")
        assert MEETING not in other.content()
        assert (
            Registration.objects.get(user=waiting).status
            == RegistrationStatus.WAITLISTED
        )

        page.locator(".webinar-registration button.secondary").click()
        page.wait_for_url(f"**{event_url}")
        expect(page.locator(".webinar-registration a.button")).to_have_count(0)
        assert MEETING not in page.content()
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.CANCELLED
        promoted = Registration.objects.get(user=waiting)
        assert promoted.status == RegistrationStatus.CONFIRMED
        assert promoted.promoted_at is not None

        other.reload()
        expect(other.locator(".webinar-registration a.button")).to_have_attribute(
            "href", MEETING
        )
    finally:
        context.close()
        other_context.close()
