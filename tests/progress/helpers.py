"""Courses with assessments and learners who pass or fail them, for progress tests."""

from courses.models import LessonPage, ModulePage
from lms.quizzes.attempts import attempt_save_answer, attempt_start, attempt_submit
from lms.quizzes.formats.schema import ParseResult
from lms.quizzes.models import Choice, Question, Quiz, QuizQuestion
from lms.quizzes.services import questions_import
from tests.factories import course_tree
from tests.quizzes.test_attempts import single_choice


def one_question_quiz(*, title="Check", **options) -> Quiz:
    result = questions_import(
        bank_name=f"bank for {title}", result=ParseResult([single_choice(1)])
    )
    assert result
    question = Question.objects.order_by("-pk").first()
    quiz = Quiz.objects.create(title=title, pass_mark=50, **options)
    QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=0)
    return quiz


def take_quiz(*, quiz: Quiz, user, right: bool = True):
    """Start, answer and submit an attempt through the quiz services."""
    attempt = attempt_start(quiz=quiz, user=user)
    question_id = attempt.question_ids[0]
    choice = Choice.objects.get(
        question_id=question_id, text="right" if right else "wrong"
    )
    attempt_save_answer(attempt=attempt, question_id=question_id, raw=choice.pk)
    return attempt_submit(attempt=attempt)


def modules(course) -> list[ModulePage]:
    return list(ModulePage.objects.child_of(course).order_by("path"))


def lessons(page) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(page).order_by("path"))


__all__ = ["course_tree", "lessons", "modules", "one_question_quiz", "take_quiz"]
