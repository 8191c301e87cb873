"""The learner's pages: quiz, attempt form (without JavaScript), autosave, review."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lms.quizzes.attempts import attempt_save_answers
from lms.quizzes.models import (
    Attempt,
    AttemptAnswer,
    AttemptState,
    Choice,
    MatchingPair,
    OrderingItem,
    Question,
    ReviewTiming,
)
from tests.accounts.helpers import login_staff
from tests.factories import UserFactory, course_tree

from .forms import right_answers
from .test_attempts import choice, quiz_with, single_choice
from .test_services import every_kind

pytestmark = pytest.mark.django_db

FEEDBACK_AND_KEYS = [
    "Counted from the filing date.",
    "Right.",
    "That is a design term.",
    "No registration exists.",
    "Berne: no formalities.",
    "Right: it arises automatically.",
    "Patent Cooperation Treaty",
]


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def change_key(question) -> None:
    """Make other answers right, leaving every text the learner sees alone."""
    match question.kind:
        case "single_choice" | "multiple_response":
            choices = list(question.choices.all())
            for choice, other in zip(choices, reversed(choices), strict=True):
                choice.fraction, choice.feedback = other.fraction, "changed"
            Choice.objects.bulk_update(choices, ["fraction", "feedback"])
        case "true_false":
            question.correct = not question.correct
            question.save()
        case "short_text":
            question.accepted_answers.update(text="something else")
        case "numeric":
            question.numeric_answers.filter(value__isnull=False).update(value=99)
        case "matching":
            pairs = [pair for pair in question.pairs.all() if pair.prompt]
            answers = [pair.answer for pair in pairs]
            for pair, answer in zip(pairs, reversed(answers), strict=True):
                pair.answer = answer
            MatchingPair.objects.bulk_update(pairs, ["answer"])
        case "ordering":
            items = list(question.items.all())
            for item, position in zip(items, reversed(range(len(items))), strict=True):
                item.position = position
            OrderingItem.objects.bulk_update(items, ["position"])


def start(client, quiz) -> Attempt:
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302
    return Attempt.objects.get(quiz=quiz, state=AttemptState.IN_PROGRESS)


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


class TestQuizPage:
    def test_anonymous_visitors_are_asked_to_log_in(self, client):
        quiz = quiz_with([single_choice(1)])
        response = client.get(reverse("quizzes:quiz", args=[quiz.pk]))
        assert response.status_code == 200
        assert "Log in to take this quiz" in response.text
        start_url = reverse("quizzes:start", args=[quiz.pk])
        assert client.post(start_url).status_code == 302
        assert not Attempt.objects.exists()

    def test_unpublished_course_hides_its_quiz(self, client, learner):
        course = course_tree(modules=1, lessons_per_module=1)
        quiz = quiz_with([single_choice(1)], course=course)
        course.unpublish()
        assert client.get(reverse("quizzes:quiz", args=[quiz.pk])).status_code == 404

    def test_start_is_refused_with_a_message_when_attempts_are_used_up(
        self, client, learner
    ):
        quiz = quiz_with([single_choice(1)], max_attempts=1)
        attempt = start(client, quiz)
        client.post(reverse("quizzes:attempt", args=[attempt.pk]), {"submit": "1"})
        response = client.post(reverse("quizzes:start", args=[quiz.pk]), follow=True)
        assert "You have used all the attempts this quiz allows." in response.text
        assert Attempt.objects.count() == 1


class TestAttemptPage:
    def test_no_answer_key_reaches_the_page_for_any_type(self, client, learner):
        """The page is the same whatever the key: it cannot give the key away."""
        quiz = quiz_with(every_kind())
        attempt = start(client, quiz)
        url = reverse("quizzes:attempt", args=[attempt.pk])
        before = without_csrf(client.get(url).text)
        for secret in FEEDBACK_AND_KEYS:
            assert secret not in before
        for question in Question.objects.all():
            change_key(question)
        after = without_csrf(client.get(url).text)
        assert before == after

    def test_answers_survive_a_reload_and_submit_grades_once(self, client, learner):
        quiz = quiz_with(every_kind())
        attempt = start(client, quiz)
        url = reverse("quizzes:attempt", args=[attempt.pk])
        answers = right_answers(attempt)
        response = client.post(url, answers | {"save": "1"})
        assert response.status_code == 302
        assert AttemptAnswer.objects.filter(attempt=attempt).count() == 7
        reloaded = client.get(url).text
        assert reloaded.count(" checked") >= 3
        short = Question.objects.get(shorttextquestion__isnull=False)
        assert f'value="{answers[short.field_name]}"' in reloaded
        first = client.post(url, answers | {"submit": "1"})
        second = client.post(url, answers | {"submit": "1"})
        assert first.url == second.url == reverse("quizzes:review", args=[attempt.pk])
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.SUBMITTED
        assert attempt.percent() == 100
        assert Attempt.objects.count() == 1

    def test_a_bad_answer_is_reported_and_the_others_are_kept(self, client, learner):
        quiz = quiz_with(every_kind())
        attempt = start(client, quiz)
        numeric = Question.objects.get(numericquestion__isnull=False)
        data = right_answers(attempt) | {numeric.field_name: "twelve", "submit": "1"}
        response = client.post(reverse("quizzes:attempt", args=[attempt.pk]), data)
        assert response.status_code == 400
        assert "Please enter a number" in response.text
        assert 'value="twelve"' in response.text
        attempt.refresh_from_db()
        assert attempt.is_open
        assert AttemptAnswer.objects.filter(attempt=attempt).count() == 6

    def test_autosave_answers_json(self, client, learner):
        quiz = quiz_with(every_kind())
        attempt = start(client, quiz)
        url = reverse("quizzes:attempt", args=[attempt.pk])
        response = client.post(
            url, right_answers(attempt), headers={"X-Requested-With": "fetch"}
        )
        assert response.status_code == 200
        assert response.json() == {"errors": {}}
        assert AttemptAnswer.objects.filter(attempt=attempt).count() == 7

    def test_answers_after_the_deadline_are_not_marked(self, client, learner):
        quiz = quiz_with([single_choice(1)], time_limit_minutes=5)
        attempt = start(client, quiz)
        Attempt.objects.filter(pk=attempt.pk).update(
            deadline=timezone.now() - timedelta(seconds=1)
        )
        response = client.post(
            reverse("quizzes:attempt", args=[attempt.pk]), right_answers(attempt)
        )
        assert response.url == reverse("quizzes:review", args=[attempt.pk])
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.SUBMITTED
        assert attempt.score == 0
        assert not AttemptAnswer.objects.filter(attempt=attempt).exists()

    def test_autosave_after_the_deadline_opens_the_review(self, client, learner):
        quiz = quiz_with([single_choice(1)], time_limit_minutes=5)
        attempt = start(client, quiz)
        Attempt.objects.filter(pk=attempt.pk).update(
            deadline=timezone.now() - timedelta(seconds=1)
        )
        response = client.post(
            reverse("quizzes:attempt", args=[attempt.pk]),
            right_answers(attempt),
            headers={"X-Requested-With": "fetch"},
        )
        assert response.status_code == 409
        review = reverse("quizzes:review", args=[attempt.pk])
        assert response.json() == {"closed": True, "review": review}
        assert not AttemptAnswer.objects.filter(attempt=attempt).exists()

    def test_a_tab_that_missed_the_submit_cannot_change_answers(self, client, learner):
        quiz = quiz_with([single_choice(1)])
        attempt = start(client, quiz)
        stale = Attempt.objects.get(pk=attempt.pk)
        client.post(reverse("quizzes:attempt", args=[attempt.pk]), {"submit": "1"})
        question_id = stale.question_ids[0]
        with pytest.raises(ValidationError, match="has been submitted"):
            attempt_save_answers(attempt=stale, raws={question_id: choice(question_id)})
        assert AttemptAnswer.objects.get(attempt=attempt).value is None

    def test_another_learner_cannot_open_or_review_it(self, client, learner):
        quiz = quiz_with([single_choice(1)])
        attempt = start(client, quiz)
        client.force_login(UserFactory())
        for name in ("quizzes:attempt", "quizzes:review"):
            assert client.get(reverse(name, args=[attempt.pk])).status_code == 404


class TestReview:
    def submit(self, client, quiz):
        attempt = start(client, quiz)
        data = right_answers(attempt) | {"submit": "1"}
        client.post(reverse("quizzes:attempt", args=[attempt.pk]), data)
        return client.get(reverse("quizzes:review", args=[attempt.pk])).text

    def test_right_answers_wait_for_the_last_attempt(self, client, learner):
        quiz = quiz_with(
            every_kind()[:1],
            max_attempts=2,
            show_right_answers=ReviewTiming.AFTER_LAST_ATTEMPT,
            show_feedback=ReviewTiming.IMMEDIATELY,
        )
        first = self.submit(client, quiz)
        assert "Right answer:" not in first
        assert "Counted from the filing date." in first
        last = self.submit(client, quiz)
        assert "Right answer:" in last

    def test_never_shows_nothing_but_the_score(self, client, learner):
        quiz = quiz_with(
            every_kind(),
            show_correctness=ReviewTiming.NEVER,
            show_right_answers=ReviewTiming.NEVER,
            show_feedback=ReviewTiming.NEVER,
        )
        html = self.submit(client, quiz)
        assert "Score: 100" in html
        for secret in FEEDBACK_AND_KEYS:
            assert secret not in html
        assert "Correct" not in html

    def test_course_staff_can_review_a_learners_attempt(self, client, learner):
        quiz = quiz_with([single_choice(1)], show_right_answers=ReviewTiming.NEVER)
        self.submit(client, quiz)
        attempt = Attempt.objects.get()
        login_staff(client, UserFactory(is_superuser=True))
        html = client.get(reverse("quizzes:review", args=[attempt.pk])).text
        assert "Right answer:" in html


class TestQueryCounts:
    @pytest.mark.parametrize("size", [20, 100])
    def test_page_and_submit_cost_the_same_at_any_size(
        self, client, learner, size, django_assert_max_num_queries
    ):
        quiz = quiz_with([single_choice(n) for n in range(size)])
        attempt = start(client, quiz)
        url = reverse("quizzes:attempt", args=[attempt.pk])
        data = right_answers(attempt)
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200
        # The submit grades and hands the result to progress; the staff
        # two-factor check reads the learner's permissions once.
        with django_assert_max_num_queries(23):
            assert client.post(url, data | {"submit": "1"}).status_code == 302
