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
