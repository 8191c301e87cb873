"""A visitor signs up in Arabic on a phone, confirms her address from the
email, fills in her profile and lands on her learning; a trainer logs in to
the admin with a password and a code from an authenticator app."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from lms.accounts.models import Profile
from tests.accounts.helpers import fresh_totp_code, totp_for, verified_email
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"
LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")


def test_visitor_signs_up_in_arabic_and_fills_her_profile(
    live_server, page, screenshot_dir
):
    base = live_server.url
    page.goto(f"{base}/ar/accounts/signup/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("#id_email", "salma@example.org")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.screenshot(path=str(screenshot_dir / "signup-ar.png"), full_page=True)
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url("**/ar/accounts/confirm-email/")

    (message,) = mail.outbox
    link = urlsplit(LINK.search(message.body).group(0)).path
    assert link.startswith("/ar/")
    page.goto(f"{base}{link}")
    page.locator("form.account-form button[type=submit]").click()

    page.wait_for_url("**/ar/accounts/profile/welcome/")
    expect(page.get_by_role("link", name="تخطَّ الآن")).to_be_visible()  # "Skip for now"
    page.fill("#id_certificate_name", "سلمى العلوي")
    page.select_option("#id_country", "MA")
    page.select_option("#id_sector", "C")
    page.select_option("#id_enterprise_size", "small")
    page.select_option("#id_time_zone", "Africa/Casablanca")
    page.check("#id_statistics_consent")
    page.screenshot(path=str(screenshot_dir / "profile-welcome-ar.png"), full_page=True)
    page.locator("form.account-form button[type=submit]").click()

    page.wait_for_url("**/ar/learning/")
    header = page.locator(".user-nav")
    expect(header.locator("a[href='/ar/learning/']")).to_be_visible()
    expect(header.locator("a[href='/ar/accounts/profile/']")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "dashboard-after-signup-ar.png"))
    profile = Profile.objects.get(user__email="salma@example.org")
    assert (profile.certificate_name, profile.wipo_region) == ("سلمى العلوي", "arab")
    # Nothing sticks out of a 390 px screen, right to left.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


def test_trainer_logs_in_to_the_admin_with_a_totp_code(
    live_server, page, screenshot_dir
):
    trainer = UserFactory()
    trainer.groups.add(Group.objects.get(name="Trainers"))
    verified_email(trainer)
    authenticator = totp_for(trainer)
    base = live_server.url
    page.goto(f"{base}/admin/")
    page.wait_for_url("**/en/accounts/login/?next=/admin/")
    page.fill("#id_login", trainer.email)
    page.fill("#id_password", PASSWORD)
    page.locator("form.account-form button[type=submit]").click()
    # The password alone is not enough: allauth asks for the code.
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.screenshot(path=str(screenshot_dir / "admin-totp.png"))
    page.fill("#id_code", fresh_totp_code(authenticator))
    page.locator("form.account-form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    expect(page.locator("#wagtail")).to_be_visible()
