"""The courses IP Campus ships: enough substance, complete where they claim to be.

The files are checked as written (no database) for their shape, and then loaded
to check that every lesson renders in every language its course claims and that
every question has a right answer and its text in those languages.
"""

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.test import Client
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

CONTENT = Path(__file__).resolve().parents[2] / "courses" / "content"
COURSES = sorted(path for path in CONTENT.iterdir() if (path / "course.yaml").is_file())
ALL_LANGUAGES = [code for code, _name in settings.LANGUAGES]
#: Every course is complete in these; the first one in all six.
REQUIRED_LANGUAGES = {"en", "fr", "es", "ar"}
FIRST_COURSE = "01-patents-trade-secrets"
MIN_LESSON_WORDS = 300
NOTICE = 'class="notice" role="note"'
#: The closing list of sources: a last heading followed by a list.
SOURCES = re.compile(r"<h2>[^<]*</h2>\s*<ul>(?:(?!<h2>).)*$", flags=re.S)


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _modules(course: Path) -> list[Path]:
    return sorted(p for p in course.iterdir() if p.is_dir() and p.name[0].isdigit())


def _lessons(module: Path) -> list[Path]:
    return sorted(p for p in module.glob("[0-9]*.yaml"))


def _claimed(course: Path) -> list[str]:
    return _yaml(course / "course.yaml").get("languages", ["en"])


def _words(blocks) -> int:
    """Words of lesson text, without the closing list of sources."""
    text = []
    for block in blocks:
        ((kind, value),) = block.items()
        if kind in ("text", "key_point", "case_study"):
            text.append(value if isinstance(value, str) else " ".join(value.values()))
    prose = re.split(
        r"<h2>[^<]*</h2>\s*<ul>(?:(?!<h2>).)*$", " ".join(text), flags=re.S
    )
    return len(re.sub(r"<[^>]+>", " ", prose[0]).split())


@pytest.mark.parametrize("course", COURSES, ids=lambda path: path.name)
class TestCourseFiles:
    def test_claims_its_languages(self, course):
        claimed = set(_claimed(course))
        assert claimed >= REQUIRED_LANGUAGES
        if course.name == FIRST_COURSE:
            assert claimed == set(ALL_LANGUAGES)

    def test_has_two_modules_and_six_lessons_of_substance(self, course):
        modules = _modules(course)
        lessons = [lesson for module in modules for lesson in _lessons(module)]
        assert len(modules) >= 2 and len(lessons) >= 6
        short = {
            lesson.name: words
            for lesson in lessons
            if (words := _words(_yaml(lesson)["body"]["en"])) < MIN_LESSON_WORDS
        }
        assert short == {}

    def test_teaches_with_case_studies_key_points_glossary_and_sources(self, course):
        kinds = Counter()
        for module in _modules(course):
            for lesson in _lessons(module):
                blocks = _yaml(lesson)["body"]["en"]
                kinds.update(next(iter(block)) for block in blocks)
                assert "<h2>Sources</h2>" in next(iter(blocks[-1].values())), lesson
        assert kinds["case_study"] >= 1
        assert kinds["key_point"] >= len(list(course.glob("*/[0-9]*.yaml")))
        assert kinds["glossary_term"] >= 3

    def test_each_module_has_an_assessment_of_eight_questions(self, course):
        for module in _modules(course):
            questions = _yaml(module / "quiz.yaml")["questions"]
            assert len(questions) >= 8, module.name
            assert len({q["type"] for q in questions}) >= 4, module.name

    def test_final_assessment_draws_from_twenty_questions(self, course):
        final = _yaml(course / "final.yaml")
        assert len(final["questions"]) >= 20
        assert len({q["type"] for q in final["questions"]}) >= 4
        assert 1 <= final["draw"] <= len(final["questions"])

    def test_every_answer_has_feedback_that_teaches(self, course):
        files = [course / "final.yaml", *(m / "quiz.yaml" for m in _modules(course))]
        for path in files:
            for question in _yaml(path)["questions"]:
                name = question["name"]
                if question["type"] in ("single_choice", "multiple_response"):
                    assert all(
                        c.get("feedback", {}).get("en") for c in question["choices"]
                    ), name
                elif question["type"] == "true_false":
                    assert question["feedback_true"]["en"], name
                    assert question["feedback_false"]["en"], name
                else:
                    assert question.get("general_feedback", {}).get("en") or all(
                        a.get("feedback", {}).get("en")
                        for a in question.get("answers", [{}])
                    ), name

    def test_has_its_certificate(self, course):
        certificate = _yaml(course / "certificate.yaml")
        for code in _claimed(course):
            assert certificate["heading"][code] and certificate["body"][code]


def test_glossary_is_complete_in_all_six_languages():
    terms = [t for path in (CONTENT / "glossary").glob("*.yaml") for t in _yaml(path)]
    assert len(terms) >= 30
    incomplete = [
        term["key"]
        for term in terms
        if not all(
            term["term"].get(c) and term["definition"].get(c) for c in ALL_LANGUAGES
        )
    ]
    assert incomplete == []


@pytest.mark.django_db
def test_loads_twice_renders_every_lesson_and_every_question_is_answerable():
    from wagtail.models import Revision

    from courses.management.commands.load_course_package import load_course_packages
    from courses.models import CoursePage, LessonPage

    load_course_packages()
    revisions = Revision.objects.count()
    load_course_packages()
    assert Revision.objects.count() == revisions, "a second load changed pages"
    client = Client()
    claims = {_yaml(c / "course.yaml")["slug"]["en"]: _claimed(c) for c in COURSES}
    rendered = 0
    for course in CoursePage.objects.live().specific():
        claimed = claims[course.slug_en]
        for lesson in LessonPage.objects.live().descendant_of(course).specific():
            for code in ALL_LANGUAGES:
                with translation.override(code):
                    url = lesson.get_url()
                response = client.get(url)
                assert response.status_code == 200, url
                html = response.content.decode()
                assert f'<html lang="{code}"' in html
                # A claimed language shows its own text; another says it falls
                # back to English.
                assert (NOTICE in html) is (code not in claimed), url
                rendered += 1
        _questions_answerable(course, claimed)
    assert rendered >= len(COURSES) * 6 * len(ALL_LANGUAGES)


def _questions_answerable(course, claimed):
    from lms.quizzes.models import Question

    questions = Question.objects.filter(bank__course=course)
    assert questions.count() >= 36, course.slug_en
    for question in questions:
        assert _has_right_answer(question), question.name
        for code in claimed:
            field = build_localized_fieldname("prompt", code)
            assert getattr(question, field), (question.name, code)
            for relation in question.answer_relations:
                for row in getattr(question, relation).all():
                    for name in ("text", "answer"):
                        if hasattr(row, name) and getattr(row, f"{name}_en"):
                            value = getattr(row, build_localized_fieldname(name, code))
                            assert value, (question.name, code, name)


def _has_right_answer(question) -> bool:
    kind = question.kind
    if kind == "true_false":
        return question.correct in (True, False)
    if kind == "single_choice":
        return sum(c.fraction == 1 for c in question.choices.all()) == 1
    if kind == "multiple_response":
        return any(c.fraction > 0 for c in question.choices.all())
    if kind == "short_text":
        return question.accepted_answers.filter(fraction=1).exists()
    if kind == "numeric":
        return question.numeric_answers.filter(fraction=1).exists()
    if kind == "matching":
        return question.pairs.exclude(prompt_en="").count() >= 3
    return question.items.count() >= 3
