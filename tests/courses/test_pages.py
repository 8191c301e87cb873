import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories import LessonPageFactory, course_tree

pytestmark = pytest.mark.django_db


def first_lesson(course):
    return course.get_children().first().get_children().first().specific


class TestLessonPage:
    def test_renders_outline_breadcrumbs_and_next_lesson(self, client):
        course = course_tree(modules=2, lessons_per_module=2)
        lesson = first_lesson(course)
        response = client.get(lesson.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert lesson.title in html
        assert course.title in html
        assert 'rel="next"' in html
        assert 'rel="prev"' not in html
        assert "Lesson 1 of 4" in html

    def test_query_count_does_not_grow_with_course_size(self, client):
        small = course_tree(modules=1, lessons_per_module=2)
        large = course_tree(modules=8, lessons_per_module=10)
        client.get(first_lesson(small).url)  # warm the cached site root paths
        counts = []
        for course in (small, large):
            url = first_lesson(course).url
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]
        # Site and its root (2), the page (2), Wagtail's alias and view
        # restriction checks (2), breadcrumbs (1), outline (2: modules and
        # lessons), what completing it asks (3: assessments, module and course
        # prerequisites).
        assert counts[0] <= 12

    def test_arabic_lesson_is_right_to_left(self, client):
        course = course_tree(modules=1, lessons_per_module=1)
        lesson = first_lesson(course)
        with translation.override("ar"):
            url = lesson.get_url()
        assert url.startswith("/ar/")
        html = client.get(url).content.decode()
        assert '<html lang="ar" dir="rtl">' in html

    def test_untranslated_lesson_shows_english_with_notice(self, client):
        course = course_tree(modules=1, lessons_per_module=1)
        lesson = first_lesson(course)
        with translation.override("fr"):
            url = lesson.get_url()
        html = client.get(url).content.decode()
        assert "A patent protects an invention." in html
        assert 'class="notice"' in html

    def test_translated_lesson_has_no_notice(self, client):
        course = course_tree(modules=1, lessons_per_module=0)
        lesson = LessonPageFactory(
            parent=course.get_children().first(),
            title_fr="Qu'est-ce qu'un brevet ?",
            slug_fr="qu-est-ce-qu-un-brevet",
            body_fr=[
                {"type": "text", "value": "<p>Un brevet protège une invention.</p>"}
            ],
        )
        with translation.override("fr"):
            url = lesson.get_url()
        assert url.endswith("/qu-est-ce-qu-un-brevet/")
        html = client.get(url).content.decode()
        assert "Un brevet protège une invention." in html
        assert 'class="notice"' not in html


class TestRouting:
    def test_unpublished_lesson_is_not_found(self, client):
        course = course_tree(modules=1, lessons_per_module=2)
        lesson = first_lesson(course)
        url = lesson.url
        lesson.unpublish()
        assert client.get(url).status_code == 404

    def test_unknown_address_below_a_lesson_is_not_found(self, client):
        course = course_tree(modules=1, lessons_per_module=1)
        lesson = first_lesson(course)
        assert client.get(lesson.url).status_code == 200
        assert client.get(lesson.url + "no-such-child/").status_code == 404

    def test_translated_slug_only_answers_in_its_language(self, client):
        course = course_tree(modules=1, lessons_per_module=0)
        lesson = LessonPageFactory(
            parent=course.get_children().first(), slug_fr="lecon-traduite"
        )
        with translation.override("fr"):
            french_url = lesson.get_url()
        assert client.get(french_url).status_code == 200
        assert client.get(french_url.replace("/fr/", "/en/", 1)).status_code == 404
