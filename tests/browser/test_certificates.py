"""Anyone checks a certificate in Arabic on a phone, typing its code sloppily;
the holder downloads it from My learning."""

import pytest
from playwright.sync_api import expect

from lms.certificates.models import Certificate
from tests.accounts.helpers import browser_login
from tests.certificates.helpers import completed_course
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def test_anyone_verifies_and_the_holder_downloads(live_server, page, screenshot_dir):
    holder, _course = completed_course(
        user=UserFactory(first_name="Salma", last_name="Alaoui")
    )
    certificate = Certificate.objects.get(user=holder)
    base = live_server.url
    page.goto(f"{base}/ar/verify/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("#id_code", certificate.code.lower().replace("-", " "))
    page.locator(".verify-form button[type=submit]").click()
    page.wait_for_url(f"**/ar/verify/{certificate.code}/")
    expect(page.locator(".verified")).to_be_visible()
    expect(page.locator(".certificate-facts")).to_contain_text("Salma Alaoui")
    page.screenshot(path=str(screenshot_dir / "verify-ar.png"), full_page=True)

    browser_login(page, base, holder, PASSWORD, next_url="/en/learning/")
    page.wait_for_url("**/en/learning/")
    with page.expect_download() as download:
        page.locator(f"a[href$='/{certificate.code}/pdf/']").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
