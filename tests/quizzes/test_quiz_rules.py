"""What a quiz refuses before any learner meets it."""

import pytest
from django.core.exceptions import ValidationError

from lms.quizzes.attempts import attempt_start
from lms.quizzes.formats.schema import ParseResult
from lms.quizzes.models import QuestionBank, Quiz, QuizDraw
from lms.quizzes.services import questions_import
from tests.factories import UserFactory, course_tree

from .test_services import every_kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank():
    questions_import(bank_name="IP basics", result=ParseResult(every_kind()))
    return QuestionBank.objects.get()


def test_a_draw_the_bank_cannot_fill_is_refused(bank):
    quiz = Quiz.objects.create(title="Final")
    QuizDraw(quiz=quiz, bank=bank, count=7).full_clean()
    with pytest.raises(ValidationError, match="only 7 questions"):
        QuizDraw(quiz=quiz, bank=bank, count=8).full_clean()
    with pytest.raises(ValidationError, match="only 0 questions with this tag"):
        QuizDraw(quiz=quiz, bank=bank, count=1, tag="madrid").full_clean()


def test_only_a_module_or_a_course_can_be_assessed():
    course = course_tree(modules=1, lessons_per_module=1)
    module = course.get_children().first()
    lesson = module.get_children().first()
    Quiz(title="Module check", assessment_of=module).full_clean()
    Quiz(title="Final", assessment_of=course).full_clean()
    with pytest.raises(ValidationError, match="module or a course"):
        Quiz(title="Lesson check", assessment_of=lesson).full_clean()


def test_a_quiz_without_questions_cannot_be_started():
    quiz = Quiz.objects.create(title="Empty")
    with pytest.raises(ValidationError, match="no questions yet"):
        attempt_start(quiz=quiz, user=UserFactory())
    assert not quiz.attempts.exists()
