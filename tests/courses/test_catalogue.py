import pytest

from tests.factories import catalogue, course_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses():
    patents = course_tree(
        modules=1, lessons_per_module=1, title="Patents for start-ups", topic="patents"
    )
    madrid = course_tree(
        modules=1,
        lessons_per_module=1,
        title="Trademarks abroad",
        topic="madrid",
        level="intermediate",
        summary_ar="حماية العلامات التجارية في الخارج.",
    )
    return patents, madrid


class TestCatalogue:
    def test_lists_every_live_course(self, client, courses):
        html = client.get(catalogue().url).content.decode()
        assert "Patents for start-ups" in html
        assert "Trademarks abroad" in html

    @pytest.mark.parametrize(
        ("params", "shown", "hidden"),
        [
            ({"topic": "madrid"}, "Trademarks abroad", "Patents for start-ups"),
            ({"level": "beginner"}, "Patents for start-ups", "Trademarks abroad"),
            ({"language": "ar"}, "Trademarks abroad", "Patents for start-ups"),
        ],
    )
    def test_filters(self, client, courses, params, shown, hidden):
        html = client.get(catalogue().url, params).content.decode()
        assert shown in html
        assert hidden not in html

    def test_unknown_filter_value_is_reported_and_ignored(self, client, courses):
        response = client.get(catalogue().url, {"topic": "<script>"})
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="error"' in html
        assert "Patents for start-ups" in html
        assert "<script>" not in html

    def test_unpublished_course_is_hidden(self, client, courses):
        patents, _madrid = courses
        patents.unpublish()
        assert (
            "Patents for start-ups" not in client.get(catalogue().url).content.decode()
        )


class TestCoursePage:
    def test_shows_outcomes_and_outline(self, client, courses):
        patents, _madrid = courses
        html = client.get(patents.url).content.decode()
        assert "<li>Explain what a patent is</li>" in html
        module = patents.get_children().first()
        assert module.title in html
        assert "Start this course" in html
