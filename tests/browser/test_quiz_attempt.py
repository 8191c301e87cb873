"""A learner takes a quiz in Arabic on a phone: answers are saved as she goes,
survive a reload, and the submitted attempt is marked and reviewed."""

import pytest
from playwright.sync_api import expect

from lms.quizzes.models import Attempt, AttemptState
from tests.accounts.helpers import browser_login
from tests.factories import UserFactory
from tests.quizzes.test_attempts import quiz_with
from tests.quizzes.test_services import every_kind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def test_learner_answers_saves_reloads_and_submits_in_arabic(
    live_server, page, screenshot_dir
):
    quiz = quiz_with(every_kind(), title_ar="اختبار قصير", shuffle_choices=True)
    learner = UserFactory()
    base = live_server.url
    browser_login(page, base, learner, PASSWORD, next_url=f"/ar/quizzes/{quiz.pk}/")
    page.wait_for_url(f"**/ar/quizzes/{quiz.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    expect(page.locator("h1")).to_have_text("اختبار قصير")

    page.locator("form[action$='/start/'] button").click()
    page.wait_for_url("**/ar/quizzes/attempts/*/")
    page.get_by_label("20 years").check()
    page.get_by_label("It is secret").check()
    page.get_by_label("It has commercial value").check()
    page.get_by_label("خطأ").check()
    page.locator("fieldset", has_text="Which treaty").locator("input").fill("PCT")
    # Autosave: the status says the answers reached the server.
    status = page.locator("#autosave-status")
    expect(status).not_to_be_empty()
    page.wait_for_function(
        "() => !document.getElementById('autosave-status').textContent.includes('…')"
    )
    page.reload()
    expect(page.get_by_label("20 years")).to_be_checked()
    expect(page.get_by_label("It is secret")).to_be_checked()

    page.locator("fieldset", has_text="Months of priority").locator("input").fill("12")
    page.get_by_label("Madrid").select_option(label="Trademarks")
    page.get_by_label("Hague").select_option(label="Designs")
    for place, item in enumerate(
        ["Filing", "International search", "Publication", "National phase"], 1
    ):
        page.get_by_label(item, exact=True).select_option(str(place))
    page.screenshot(path=str(screenshot_dir / "quiz-attempt-ar.png"), full_page=True)
    page.locator("button[name=submit]").click()
    page.wait_for_url("**/review/")
    page.screenshot(path=str(screenshot_dir / "quiz-review-ar.png"), full_page=True)
    expect(page.locator(".score")).to_contain_text("100")

    attempt = Attempt.objects.get(quiz=quiz, user=learner)
    assert attempt.state == AttemptState.SUBMITTED
    assert attempt.percent() == 100
