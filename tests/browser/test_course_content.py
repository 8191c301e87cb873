"""The bundled courses as learners meet them on a phone: a Russian reader finds
the course written in Russian and is told when another falls back to English;
a Spanish learner takes a module assessment and is taught by its feedback."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from courses.management.commands.load_course_package import (
    CONTENT_DIR,
    load_course_packages,
)
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from lms.quizzes.models import Quiz
from tests.accounts.helpers import browser_login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"
PATENTS = "01-patents-trade-secrets"
MADRID = "04-madrid-trademarks-abroad"
NOTICE = "[role=note].notice"


@pytest.fixture
def courses(migration_rows):
    load_course_packages([CONTENT_DIR / PATENTS, CONTENT_DIR / MADRID])
    return (
        CoursePage.objects.get(slug_en="patents-trade-secrets"),
        CoursePage.objects.get(slug_en="madrid-trademarks-abroad"),
    )


def _url(page_object, language):
    with translation.override(language):
        return page_object.get_url()


def test_russian_reader_finds_the_course_written_in_russian(
    live_server, page, courses, screenshot_dir
):
    patents, madrid = courses
    base = live_server.url
    page.goto(base + _url(CourseIndexPage.objects.get(), "ru"))
    expect(page.locator(".cards .card")).to_have_count(2)
    page.locator("#id_language").select_option("ru")
    page.locator("form.filters button[type=submit]").click()
    cards = page.locator(".cards .card")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text(patents.title_ru)

    cards.first.get_by_role("link", name=patents.title_ru).click()
    lesson = LessonPage.objects.descendant_of(patents).order_by("path").first()
    page.get_by_role("link", name=lesson.title_ru).first.click()
    page.wait_for_url(f"**{lesson.slug_ru}/")
    expect(page.locator("h1")).to_have_text(lesson.title_ru)
    expect(page.locator(NOTICE)).to_have_count(0)
    # The glossary shared by all courses is in Russian too.
    expect(page.locator(".glossary-term").first).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "content-lesson-ru.png"), full_page=True)

    # The Madrid course is not in Russian: its English text comes with a notice.
    page.goto(base + _url(madrid, "ru"))
    expect(page.locator(NOTICE)).to_be_visible()
    expect(page.locator("h1")).to_have_text(madrid.title_en)


def test_spanish_learner_is_taught_by_the_assessment_feedback(
    live_server, page, courses, screenshot_dir
):
    _patents, madrid = courses
    module = ModulePage.objects.child_of(madrid).order_by("path").first()
    quiz = Quiz.objects.get(assessment_of=module)
    question = next(
        row.question.get_real_instance()
        for row in quiz.fixed.order_by("sort_order")
        if row.question.get_real_instance().kind == "single_choice"
    )
    right = max(question.choices.all(), key=lambda choice: choice.fraction)
    learner = UserFactory()
    base = live_server.url
    browser_login(page, base, learner, PASSWORD, next_url=_url(module, "es"))
    page.wait_for_url(f"**{module.slug_es}/")
    page.locator(".quiz-block a.button").click()
    page.wait_for_url(f"**/es/quizzes/{quiz.pk}/")
    page.locator("form[action$='/start/'] button").click()
    page.wait_for_url("**/es/quizzes/attempts/*/")
    page.locator("fieldset", has_text=question.prompt_es).get_by_label(
        right.text_es, exact=True
    ).check()
    page.locator("button[name=submit]").click()
    page.wait_for_url("**/review/")
    reviewed = page.locator(".review-item", has_text=question.prompt_es)
    expect(reviewed.locator(".feedback").first).to_contain_text(right.feedback_es)
    page.screenshot(path=str(screenshot_dir / "content-review-es.png"), full_page=True)
