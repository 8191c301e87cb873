import importlib

import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts in English with an empty cache.

    Requests leave their language active in the thread, and unsuffixed
    translated fields (page.title) follow the active language; Wagtail caches
    site root paths.
    """
    translation.activate("en")
    cache.clear()
    yield
    cache.clear()
    translation.activate("en")


@pytest.fixture
def migration_rows():
    """Put back the rows migrations create: the default locale, the page tree
    root, the root collection, the editorial roles and the review workflow.

    Transactional tests (browser tests: the live server needs committed data)
    empty the database after each test, taking those rows with them.
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
