"""A trainer writes a lesson in two languages; a reviewer approves and publishes it."""

import re

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from playwright.sync_api import expect

from courses.models import LessonPage
from tests.accounts.helpers import browser_login
from tests.factories import UserFactory, course_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def log_in(page, base_url, user):
    """Staff log in through allauth, with the password and a TOTP code."""
    browser_login(page, base_url, user, PASSWORD, next_url="/admin/")
    page.wait_for_url("**/admin/")


def add_text_block(page, field, text):
    """Add a text block to the StreamField ``field`` and type ``text`` in it."""
    section = page.locator(f"#panel-child-content-{field}-section")
    section.locator(".c-sf-add-button").first.click()
    page.get_by_role("option", name="Text").click()
    editor = section.locator(".public-DraftEditor-content").last
    editor.click()
    editor.press_sequentially(text)
    # Draftail copies the editor into the form a moment after typing stops.
    stored = section.locator(f"input[name^='{field}-'][name$='-value']").last
    expect(stored).to_have_value(re.compile(re.escape(text[:20])))


def expect_success(page, screenshot):
    """Wait for the admin's success message; on failure say what the page said."""
    page.wait_for_load_state("networkidle")
    messages = page.locator(".messages")
    if not page.locator(".messages .success").count():
        page.screenshot(path=str(screenshot))
        errors = page.locator(".error-message, .messages").all_inner_texts()
        pytest.fail(f"no success message at {page.url}: {errors}")
    expect(messages).to_be_visible()


def test_trainer_writes_and_reviewer_publishes(live_server, browser, screenshot_dir):
    module = course_tree(modules=1, lessons_per_module=0).get_children().first()
    trainer, reviewer = UserFactory(), UserFactory()
    trainer.groups.add(Group.objects.get(name="Trainers"))
    reviewer.groups.add(Group.objects.get(name="Reviewers"))

    page = browser.new_context(viewport={"width": 1300, "height": 1000}).new_page()
    log_in(page, live_server.url, trainer)
    page.goto(f"{live_server.url}/admin/pages/add/courses/lessonpage/{module.pk}/")
    page.wait_for_load_state("networkidle")
    page.fill("#id_title_en", "Licensing a trade secret")
    add_text_block(page, "body_en", "A licence lets another business use your secret.")
    page.locator("button.locale-toggle", has_text="FR").first.click()
    expect(page.locator("#id_title_fr")).to_be_visible()
    page.fill("#id_title_fr", "Concéder une licence")
    add_text_block(
        page,
        "body_fr",
        "Une licence permet à une autre entreprise d'utiliser le secret.",
    )
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Course review").click()
    expect_success(page, screenshot_dir / "submit-failed.png")

    lesson = LessonPage.objects.get(slug_en="licensing-a-trade-secret")
    assert not lesson.live
    assert lesson.current_workflow_state.status == "in_progress"
    page.context.close()

    page = browser.new_context(viewport={"width": 1300, "height": 1000}).new_page()
    log_in(page, live_server.url, reviewer)
    page.get_by_role("link", name="Licensing a trade secret").first.click()
    # The editor builds its block fields in JavaScript; act once it is ready.
    page.wait_for_load_state("networkidle")
    expect(page.locator("#panel-child-content-body_en-section")).to_contain_text(
        "A licence lets another business"
    )
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect_success(page, screenshot_dir / "approve-failed.png")

    lesson.refresh_from_db()
    assert lesson.live
    with translation.override("fr"):
        french_url = lesson.get_url()
    page.goto(live_server.url + french_url)
    assert page.locator("h1").inner_text() == "Concéder une licence"
    assert "utiliser le secret" in page.locator(".lesson-body").inner_text()
    assert page.locator(".notice").count() == 0
    page.screenshot(path=str(screenshot_dir / "french-lesson-after-review.png"))
    page.context.close()
