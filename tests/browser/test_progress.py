"""A visitor works through a course in Arabic on a phone, then logs in: the
lessons she marked done before logging in are on her dashboard."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from lms.progress.models import Enrolment, LessonCompletion
from tests.accounts.helpers import browser_login
from tests.factories import UserFactory
from tests.progress.helpers import course_tree, lessons

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def test_visitor_progress_follows_her_into_her_account(
    live_server, page, screenshot_dir
):
    course = course_tree(modules=1, lessons_per_module=2, title_ar="دورة الأسرار")
    first, second = lessons(course)
    base = live_server.url
    with translation.override("ar"):
        course_url = course.get_url()
    page.goto(base + course_url)
    assert page.locator("html").get_attribute("dir") == "rtl"

    page.locator(".course-status button[type=submit]").click()
    page.wait_for_url(f"**{first.slug}/")
    page.locator(".lesson-status button[type=submit]").click()
    page.wait_for_url(f"**{second.slug}/")
    outline = page.locator(".outline-lessons li", has_text=first.title)
    expect(outline.locator(".status.is-done")).to_have_count(1)
    page.screenshot(path=str(screenshot_dir / "progress-lesson-ar.png"), full_page=True)

    page.goto(base + course_url)
    expect(page.locator(".course-status progress")).to_have_attribute("value", "50")

    learner = UserFactory()
    browser_login(page, base, learner, PASSWORD, next_url="/ar/learning/")
    page.wait_for_url("**/ar/learning/")
    card = page.locator(".dashboard-list .card").first
    expect(card.locator("progress")).to_have_attribute("value", "50")
    page.screenshot(path=str(screenshot_dir / "dashboard-ar.png"), full_page=True)
    card.locator("a.button").click()
    # "Continue" opens the lesson she was reading before logging in.
    page.wait_for_url(f"**{second.slug}/")
    assert LessonCompletion.objects.filter(user=learner, lesson=first).exists()
    assert Enrolment.objects.get(user=learner).last_lesson_id == second.pk
