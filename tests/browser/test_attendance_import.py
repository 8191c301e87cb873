"""Bureau staff import a Zoom attendance report: they log in with their second
factor, upload the CSV, see the preview with its problem rows, import the
valid rows and find the minutes on the attendance list."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from lms.webinars.models import Attendance
from tests.accounts.helpers import browser_login
from tests.webinars.factories import webinar
from tests.webinars.test_attendance import WHEN, register
from tests.webinars.test_permissions import staff_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"
ZOOM = Path(__file__).parents[1] / "webinars" / "samples" / "zoom.csv"


def test_staff_upload_preview_and_import_a_zoom_report(
    live_server, page, screenshot_dir
):
    event = webinar(bureau="africa", title="Protecting your brand abroad", **WHEN)
    amina = register(event, "amina@example.org", first_name="Amina")
    register(event, "kofi@example.org")
    staff = staff_of("africa")
    base = live_server.url
    import_path = f"/admin/webinars/{event.pk}/attendance/import/"

    browser_login(page, base, staff, PASSWORD, next_url=import_path)
    page.wait_for_url(f"**{import_path}")
    page.set_input_files("#id_file", str(ZOOM))
    page.get_by_role("button", name="Preview").click()

    expect(page.get_by_text("Preview of zoom.csv")).to_be_visible()
    problems = page.locator("section", has_text="Problems").locator("tbody tr")
    expect(problems).to_have_count(2)
    expect(problems.first).to_contain_text("No email address")
    expect(problems.nth(1)).to_contain_text("not registered for this webinar")
    people = page.locator("section", has_text="Attendance in the file")
    expect(people).to_contain_text("92")
    page.screenshot(path=str(screenshot_dir / "attendance-preview.png"), full_page=True)
    assert not Attendance.objects.exists()

    page.get_by_label("Import the valid rows and skip the rows with problems").check()
    page.get_by_role("button", name="Record the attendance of 2 learners").click()
    page.wait_for_url(f"**/admin/webinars/{event.pk}/attendance/")
    expect(page.get_by_text("Attendance imported: 2 learners added")).to_be_visible()
    expect(page.locator(f"#id_minutes_{amina.pk}")).to_have_value("92")
    page.screenshot(path=str(screenshot_dir / "attendance-list.png"), full_page=True)

    assert dict(Attendance.objects.values_list("user__email", "minutes")) == {
        "amina@example.org": 92,
        "kofi@example.org": 20,
    }
