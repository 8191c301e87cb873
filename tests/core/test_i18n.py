"""Six languages: prefixes, redirects, switching, right-to-left, complete catalogs."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import LessonPageFactory, catalogue, course_tree

pytestmark = pytest.mark.django_db
LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
CATALOG_LANGUAGES = ["en", "fr", "es", "ar", "zh_Hans", "ru"]


class TestLanguagePrefixes:
    @pytest.mark.parametrize(
        ("accept", "prefix"),
        [
            ("ar,en;q=0.5", "/ar/"),
            ("zh-CN,zh;q=0.9", "/zh-hans/"),
            ("ru", "/ru/"),
            ("de", "/en/"),
        ],
    )
    def test_root_redirects_by_accept_language(self, client, accept, prefix):
        catalogue()
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
        assert response.status_code == 302
        assert response["Location"] == prefix

    @pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
    def test_home_page_in_every_language(self, client, code):
        catalogue()
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        direction = "rtl" if code == "ar" else "ltr"
        assert f'<html lang="{code}" dir="{direction}">' in response.content.decode()

    def test_unknown_page_gives_translated_404(self, client):
        catalogue()
        response = client.get("/fr/no-such-page/")
        assert response.status_code == 404
        html = response.content.decode()
        assert '<html lang="fr"' in html
        with translation.override("fr"):
            assert translation.gettext("Page not found") in html

    def test_unknown_language_prefix_ends_in_a_404(self, client):
        catalogue()
        response = client.get("/xx/courses/", HTTP_ACCEPT_LANGUAGE="es", follow=True)
        assert response.status_code == 404
        assert '<html lang="es"' in response.content.decode()


class TestLanguageSwitcher:
    def test_links_keep_the_reader_on_the_same_lesson(self, client):
        course = course_tree(modules=1, lessons_per_module=0)
        lesson = LessonPageFactory(
            parent=course.get_children().first(),
            title="What is a patent?",
            slug="what-is-a-patent",
            title_fr="Qu'est-ce qu'un brevet ?",
            slug_fr="qu-est-ce-qu-un-brevet",
        )
        html = client.get(lesson.url).content.decode()
        assert 'hreflang="fr" lang="fr"' in html
        assert "/fr/cours/" in html and "/qu-est-ce-qu-un-brevet/" in html
        with translation.override("ar"):
            arabic_url = lesson.get_url()
        assert f'href="{arabic_url}"' in html

    def test_search_page_links_keep_the_query(self, client):
        catalogue()
        html = client.get("/en/search/", {"q": "brevet"}).content.decode()
        assert 'href="/fr/search/?q=brevet"' in html


class TestCacheHeaders:
    def test_anonymous_pages_are_publicly_cacheable(self, client):
        catalogue()
        response = client.get("/en/")
        assert "public" in response["Cache-Control"]
        assert "max-age=" in response["Cache-Control"]
        assert not response.cookies

    def test_pages_for_a_logged_in_user_are_private(self, client, django_user_model):
        catalogue()
        client.force_login(django_user_model.objects.create_user("reader"))
        assert "private" in client.get("/en/")["Cache-Control"]


class TestCatalogs:
    @pytest.mark.parametrize("language", CATALOG_LANGUAGES)
    def test_catalog_is_complete(self, language):
        catalog = polib.pofile(LOCALE_DIR / language / "LC_MESSAGES" / "django.po")
        untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
        fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
        assert not untranslated, f"untranslated in {language}: {untranslated[:5]}"
        assert not fuzzy, f"fuzzy in {language}: {fuzzy[:5]}"
        assert len(catalog) > 50

    def test_interface_is_translated_when_rendered(self, client):
        catalogue()
        html = client.get("/ar/").content.decode()
        with translation.override("ar"):
            label = translation.gettext("Search lessons")
        assert label != "Search lessons"
        assert label in html
