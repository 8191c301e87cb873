"""Start, answer, submit: the rules of an attempt and its single grading."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.quizzes.attempts import attempt_save_answer, attempt_start, attempt_submit
from lms.quizzes.formats.schema import ParsedChoice, ParsedQuestion, ParseResult
from lms.quizzes.models import (
    Attempt,
    AttemptState,
    Question,
    QuestionBank,
    Quiz,
    QuizDraw,
    QuizQuestion,
)
from lms.quizzes.selectors import quiz_grade
from lms.quizzes.services import questions_import
from tests.factories import UserFactory

from .test_services import every_kind

pytestmark = pytest.mark.django_db


def single_choice(number: int) -> ParsedQuestion:
    return ParsedQuestion(
        kind="single_choice",
        prompt=f"Question {number}",
        choices=[ParsedChoice("right", Decimal(1)), ParsedChoice("wrong", Decimal(0))],
    )


def quiz_with(questions: list[ParsedQuestion], **options) -> Quiz:
    questions_import(bank_name="bank", result=ParseResult(questions))
    quiz = Quiz.objects.create(title="Check", **options)
    for order, question in enumerate(Question.objects.order_by("pk")):
        QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=order)
    return quiz


def choice(question_id: int, text: str = "right") -> int:
    return Question.objects.get(pk=question_id).choices.get(text=text).pk


class TestAttemptStart:
    def test_resumes_the_open_attempt(self):
        quiz, user = quiz_with([single_choice(1)]), UserFactory()
        assert attempt_start(quiz=quiz, user=user) == attempt_start(
            quiz=quiz, user=user
        )

    def test_respects_max_attempts_and_delay(self):
        quiz = quiz_with([single_choice(1)], max_attempts=2, attempt_delay_minutes=10)
        user, now = UserFactory(), timezone.now()
        attempt_submit(attempt=attempt_start(quiz=quiz, user=user, now=now), now=now)
        with pytest.raises(ValidationError, match="try again"):
            attempt_start(quiz=quiz, user=user, now=now + timedelta(minutes=5))
        later = now + timedelta(minutes=11)
        attempt_submit(
            attempt=attempt_start(quiz=quiz, user=user, now=later), now=later
        )
        with pytest.raises(ValidationError, match="all the attempts"):
            attempt_start(quiz=quiz, user=user, now=later + timedelta(days=1))

    def test_draws_random_questions_from_a_bank(self):
        questions_import(
            bank_name="pool", result=ParseResult([single_choice(n) for n in range(10)])
        )
        quiz = Quiz.objects.create(title="Final")
        QuizDraw.objects.create(quiz=quiz, bank=QuestionBank.objects.get(), count=4)
        attempt = attempt_start(quiz=quiz, user=UserFactory())
        assert len(set(attempt.question_ids)) == 4

    def test_too_small_a_bank_is_reported(self):
        questions_import(bank_name="pool", result=ParseResult([single_choice(1)]))
        quiz = Quiz.objects.create(title="Final")
        QuizDraw.objects.create(quiz=quiz, bank=QuestionBank.objects.get(), count=3)
        with pytest.raises(ValidationError, match="only 1"):
            attempt_start(quiz=quiz, user=UserFactory())


class TestAnswersAndSubmit:
    def test_answers_are_kept_and_graded_once(self):
        quiz = quiz_with([single_choice(1), single_choice(2)])
        attempt = attempt_start(quiz=quiz, user=UserFactory())
        first, second = attempt.question_ids
        attempt_save_answer(
            attempt=attempt, question_id=first, raw=choice(first, "wrong")
        )
        attempt_save_answer(attempt=attempt, question_id=first, raw=choice(first))
        submitted = attempt_submit(attempt=attempt)
        assert submitted.score == Decimal("0.5")
        assert submitted.state == AttemptState.SUBMITTED
        again = attempt_submit(attempt=attempt)
        assert (again.score, again.submitted_at) == (
            submitted.score,
            submitted.submitted_at,
        )
        with pytest.raises(ValidationError, match="submitted"):
            attempt_save_answer(attempt=again, question_id=second, raw="1")

    def test_question_outside_the_attempt_is_refused(self):
        quiz = quiz_with([single_choice(1)])
        other = Question.objects.create(bank=QuestionBank.objects.get(), prompt="x")
        attempt = attempt_start(quiz=quiz, user=UserFactory())
        for question_id in (other.pk, "not-a-number", None):
            with pytest.raises(ValidationError, match="not part of your attempt"):
                attempt_save_answer(attempt=attempt, question_id=question_id, raw="1")

    def test_answer_after_the_deadline_is_not_scored(self):
        quiz = quiz_with([single_choice(1)], time_limit_minutes=10)
        start = timezone.now()
        attempt = attempt_start(quiz=quiz, user=UserFactory(), now=start)
        (question_id,) = attempt.question_ids
        with pytest.raises(ValidationError, match="Time is up"):
            attempt_save_answer(
                attempt=attempt,
                question_id=question_id,
                raw=choice(question_id),
                now=start + timedelta(minutes=11),
            )
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.SUBMITTED
        assert attempt.score == 0
        assert attempt.submitted_at == attempt.deadline

    def test_every_type_grades_through_an_attempt(self):
        quiz = quiz_with(every_kind())
        attempt = attempt_start(quiz=quiz, user=UserFactory())
        for question in Question.objects.filter(pk__in=attempt.question_ids):
            attempt_save_answer(attempt=attempt, question_id=question.pk, raw=None)
        assert attempt_submit(attempt=attempt).score == 0

    @pytest.mark.parametrize(
        ("method", "expected"),
        [("highest", "1"), ("last", "0"), ("first", "1"), ("average", "0.5")],
    )
    def test_grading_methods(self, method, expected):
        quiz = quiz_with([single_choice(1)], grading_method=method)
        user = UserFactory()
        for raw in ("right", "wrong"):
            attempt = attempt_start(quiz=quiz, user=user)
            (question_id,) = attempt.question_ids
            attempt_save_answer(
                attempt=attempt, question_id=question_id, raw=choice(question_id, raw)
            )
            attempt_submit(attempt=attempt)
        assert quiz_grade(quiz=quiz, user=user) == Decimal(expected)


@pytest.mark.parametrize("size", [20, 100])
def test_submit_costs_the_same_queries_whatever_the_size(size):
    quiz = quiz_with([single_choice(n) for n in range(size)])
    attempt = attempt_start(quiz=quiz, user=UserFactory())
    for question_id in attempt.question_ids:
        attempt_save_answer(attempt=attempt, question_id=question_id, raw=None)
    with CaptureQueriesContext(connection) as queries:
        attempt_submit(attempt=attempt)
    # Lock, questions, one type, its choices, answers, bulk update, save,
    # refresh, plus the transaction's own statements.
    assert len(queries) <= 12


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real concurrent transactions"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_grade_once():
    quiz = quiz_with([single_choice(1)])
    attempt = attempt_start(quiz=quiz, user=UserFactory())
    barrier = threading.Barrier(5)
    results = []

    def submit():
        barrier.wait()
        try:
            results.append(attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk)))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({(r.submitted_at, r.score) for r in results}) == 1
    assert Attempt.objects.filter(state=AttemptState.SUBMITTED).count() == 1
