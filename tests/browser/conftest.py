"""Browser tests drive Debian's Chromium through Playwright (no browser download)."""

import importlib
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module.

    Playwright's sync API keeps an event loop running in the test thread while
    the browser is open; the ORM calls the tests make beside it are ordinary
    synchronous ones, so Django's async guard is lifted for that time only.
    """
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    """A phone-sized page in a fresh browser context."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(autouse=True)
def migration_rows():
    """Put back the rows migrations create: the default locale, the page tree
    root, the root collection, the editorial roles and the review workflow.

    Browser tests are transactional (the live server needs committed data), and
    Django empties the database after each one, taking those rows with them.
    """
    from django.apps import apps
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    roles = importlib.import_module("courses.migrations.0002_editorial_roles")
    roles.create_roles(apps, None)
    quiz_roles = importlib.import_module("lms.quizzes.migrations.0003_quiz_roles")
    quiz_roles.grant_quiz_permissions(apps, None)
