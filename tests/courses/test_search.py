import pytest

from tests.factories import LessonPageFactory, course_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons():
    course = course_tree(modules=1, lessons_per_module=0)
    module = course.get_children().first()
    secret = LessonPageFactory(
        parent=module,
        title="Keeping a trade secret",
        title_fr="Garder un secret d'affaires",
        slug_fr="garder-un-secret",
        body=[
            {"type": "text", "value": "<p>Confidential recipes and customer lists.</p>"}
        ],
        body_fr=[
            {
                "type": "text",
                "value": "<p>Recettes confidentielles et fichiers clients.</p>",
            }
        ],
    )
    patent = LessonPageFactory(
        parent=module,
        title="Filing a patent",
        body=[{"type": "text", "value": "<p>Novelty and inventive step.</p>"}],
    )
    return secret, patent


class TestSearch:
    def test_finds_lessons_in_english(self, client, lessons):
        response = client.get("/en/search/", {"q": "inventive"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Filing a patent" in html
        assert "Keeping a trade secret" not in html

    def test_searches_the_readers_language(self, client, lessons):
        html = client.get("/fr/search/", {"q": "recettes"}).content.decode()
        assert "Garder un secret d&#x27;affaires" in html
        assert 'href="/fr/cours/' in html

    def test_empty_query_shows_only_the_form(self, client, lessons):
        response = client.get("/en/search/", {"q": "   "})
        assert response.status_code == 200
        assert "found for" not in response.content.decode()

    def test_overlong_query_is_refused_with_a_message(self, client, lessons):
        response = client.get("/en/search/", {"q": "x" * 500})
        assert response.status_code == 200
        assert 'role="alert"' in response.content.decode()

    def test_unpublished_lessons_are_not_found(self, client, lessons):
        secret, _patent = lessons
        secret.unpublish()
        html = client.get("/en/search/", {"q": "confidential"}).content.decode()
        assert "Keeping a trade secret" not in html
