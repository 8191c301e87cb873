"""Item analysis: statistics on a hand-computed set, and the trainers' reports."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from lms.quizzes.admin.analysis import QuizAnalysisMenuItem
from lms.quizzes.analysis import question_statistics, score_distribution
from lms.quizzes.attempts import attempt_save_answer, attempt_start, attempt_submit
from lms.quizzes.formats.schema import ParsedChoice, ParsedQuestion, ParseResult
from lms.quizzes.models import AttemptAnswer, Question, Quiz, QuizQuestion
from lms.quizzes.services import questions_import
from tests.accounts.helpers import login_staff
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

#: What a learner picks in a ``take`` script; "-" leaves the question blank.
PICKS = {"R": "right", "H": "half", "T": "tenth", "W": "wrong"}


def quiz_of(*prompts: str, **options) -> Quiz:
    """A quiz asking single-choice questions in this order, worth 1, .5, .1, 0."""
    parsed = [
        ParsedQuestion(
            kind="single_choice",
            prompt=prompt,
            choices=[
                ParsedChoice("right", Decimal(1)),
                ParsedChoice("half", Decimal("0.5")),
                ParsedChoice("tenth", Decimal("0.1")),
                ParsedChoice("wrong", Decimal(0)),
            ],
        )
        for prompt in prompts
    ]
    questions_import(bank_name="analysis", result=ParseResult(parsed))
    quiz = Quiz.objects.create(title="Patents basics", **options)
    for order, prompt in enumerate(prompts):
        question = Question.objects.get(prompt=prompt)
        QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=order)
    return quiz


def take(quiz: Quiz, script: str, *, submit: bool = True):
    """A new learner's attempt answering question by question as ``script`` says."""
    attempt = attempt_start(quiz=quiz, user=UserFactory())
    for question_id, pick in zip(attempt.question_ids, script, strict=True):
        if pick != "-":
            choice = Question.objects.get(pk=question_id).choices.get(text=PICKS[pick])
            attempt_save_answer(attempt=attempt, question_id=question_id, raw=choice.pk)
    return attempt_submit(attempt=attempt) if submit else attempt


@pytest.fixture
def hand_computed():
    """Six attempts at three questions.

    Scores: A and B 2/3, C and E 1/2, D and F 1/3. Ranked, the lower 27%
    group (2 of 6) is D and F, the upper one A and B. Q1 and Q2 separate strong
    from weak learners perfectly; only the weak get Q3 right.
    """
    quiz = quiz_of("Q1", "Q2", "Q3", pass_mark=50)
    for script in ("RRW", "RRW", "RHW", "WWR", "HWR", "WWR"):
        take(quiz, script)
    take(quiz, "RRR", submit=False)  # in progress: not counted
    return quiz


class TestQuestionStatistics:
    def test_hand_computed_values(self, hand_computed):
        stats = question_statistics(quiz=hand_computed)
        assert [str(s.question) for s in stats] == ["Q1", "Q2", "Q3"]
        assert [s.attempts for s in stats] == [6, 6, 6]
        assert [s.facility for s in stats] == pytest.approx([3 / 6, 2 / 6, 3 / 6])
        assert [s.average for s in stats] == pytest.approx([3.5 / 6, 2.5 / 6, 3 / 6])
        assert [s.discrimination for s in stats] == pytest.approx([1, 1, -1])

    def test_questions_come_as_their_own_type(self, hand_computed):
        (first, *_rest) = question_statistics(quiz=hand_computed)
        assert first.question.type_label == "Single choice"

    def test_blank_ungraded_and_penalised_answers(self):
        quiz = quiz_of("Only")
        scripts = ("R", "-", "W", "H", "T")
        attempts = [take(quiz, script) for script in scripts]
        # No shipped type penalises yet; fractions below 0 and ungraded
        # answers must still average correctly.
        AttemptAnswer.objects.filter(attempt=attempts[2]).update(
            fraction=Decimal("-0.25")
        )
        AttemptAnswer.objects.filter(attempt=attempts[3]).update(fraction=None)
        (stats,) = question_statistics(quiz=quiz)
        assert stats.attempts == 5
        assert stats.facility == pytest.approx(1 / 5)
        assert stats.average == pytest.approx((1 - 0.25 + 0.1) / 5)
        # 27% of 5 rounds to 1 attempt per group: too few.
        assert stats.discrimination is None

    def test_six_attempts_are_enough_for_discrimination(self):
        quiz = quiz_of("Only")
        for script in "RRRWWW":
            take(quiz, script)
        (stats,) = question_statistics(quiz=quiz)
        assert stats.discrimination == pytest.approx(1)

    def test_a_quiz_nobody_submitted(self):
        quiz = quiz_of("Only")
        take(quiz, "R", submit=False)
        assert question_statistics(quiz=quiz) == []


def test_score_distribution_bands():
    quiz = quiz_of("Only")
    for script in ("R", "H", "T", "W", "-"):
        take(quiz, script)
    bins = score_distribution(quiz=quiz)
    assert [b.count for b in bins] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 1]
    assert (bins[0].lower, bins[0].upper) == (0, pytest.approx(0.1))
    assert (bins[-1].lower, bins[-1].upper) == (pytest.approx(0.9), 1)
    assert [b.count for b in score_distribution(quiz=quiz, bins=2)] == [3, 2]


@pytest.mark.parametrize(("questions", "learners"), [(2, 2), (12, 9)])
def test_queries_do_not_grow_with_the_quiz(
    questions, learners, django_assert_num_queries
):
    quiz = quiz_of(*(f"Q{n}" for n in range(questions)))
    for learner in range(learners):
        take(quiz, "RW-H"[learner % 4] * questions)
    # Attempts, answers, question rows, their one type.
    with django_assert_num_queries(4):
        question_statistics(quiz=quiz)
    with django_assert_num_queries(1):
        score_distribution(quiz=quiz)


def member_of(group_name: str):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


def admin_user_without_quiz_rights():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


class TestReports:
    @pytest.mark.parametrize("group", ["Trainers", "Reviewers", "Bureau staff"])
    def test_quiz_roles_see_both_reports(self, client, hand_computed, group):
        login_staff(client, member_of(group))
        listing = client.get(reverse("quiz_analysis:index"))
        assert listing.status_code == 200
        quiz_url = reverse("quiz_analysis:quiz", args=[hand_computed.pk])
        assert quiz_url in listing.text
        report = client.get(quiz_url)
        assert report.status_code == 200
        assert "Score distribution" in report.text
        # Q2's average 2.5/6 and the pass rate 4/6, rounded for display.
        assert "41.7%" in report.text
        assert "66.7% reached the pass mark of 50%" in report.text

    def test_learner_is_sent_to_log_in(self, client, hand_computed):
        client.force_login(UserFactory())
        response = client.get(reverse("quiz_analysis:index"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_admin_user_without_quiz_rights_is_refused(self, client, hand_computed):
        login_staff(client, admin_user_without_quiz_rights())
        for url in (
            reverse("quiz_analysis:index"),
            reverse("quiz_analysis:quiz", args=[hand_computed.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 302
            assert response.url == reverse("wagtailadmin_home")

    def test_menu_item_only_for_quiz_roles(self):
        item = QuizAnalysisMenuItem("Quiz analysis", "/")
        request = RequestFactory().get("/")
        request.user = member_of("Bureau staff")
        assert item.is_shown(request)
        request.user = admin_user_without_quiz_rights()
        assert not item.is_shown(request)

    def test_unknown_quiz_is_not_found(self, client):
        login_staff(client, member_of("Trainers"))
        url = reverse("quiz_analysis:quiz", args=[999])
        # LocaleMiddleware retries an admin 404 under /en/, which is a 404 too.
        response = client.get(url, follow=True)
        assert response.status_code == 404

    def test_question_csv_is_formula_safe(self, client, hand_computed):
        Question.objects.filter(prompt="Q1").update(prompt="=HYPERLINK(1)")
        Question.objects.filter(prompt="Q3").update(prompt="@SUM(A1)")
        login_staff(client, member_of("Trainers"))
        url = reverse("quiz_analysis:quiz", args=[hand_computed.pk])
        response = client.get(url, {"export": "csv"})
        assert response["Content-Type"] == "text/csv"
        assert csv_rows(response) == [
            [
                "Question",
                "Type",
                "Attempts",
                "Facility (%)",
                "Discrimination",
                "Average score (%)",
            ],
            ["'=HYPERLINK(1)", "Single choice", "6", "50.0", "1.0", "58.3"],
            ["Q2", "Single choice", "6", "33.3", "1.0", "41.7"],
            ["'@SUM(A1)", "Single choice", "6", "50.0", "-1.0", "50.0"],
        ]

    def test_question_xlsx_keeps_text_as_text(self, client, hand_computed):
        Question.objects.filter(prompt="Q1").update(prompt="=HYPERLINK(1)")
        login_staff(client, member_of("Trainers"))
        url = reverse("quiz_analysis:quiz", args=[hand_computed.pk])
        response = client.get(url, {"export": "xlsx"})
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        question, _type, attempts, *_rest = sheet[2]
        assert (question.value, question.data_type) == ("=HYPERLINK(1)", "s")
        assert attempts.value == 6

    def test_quiz_list_csv(self, client, hand_computed):
        Quiz.objects.create(title="=Unused")
        login_staff(client, member_of("Trainers"))
        response = client.get(reverse("quiz_analysis:index"), {"export": "csv"})
        assert csv_rows(response) == [
            [
                "Quiz",
                "Course",
                "Submitted attempts",
                "Average score (%)",
                "Pass rate (%)",
            ],
            ["'=Unused", "", "0", "", ""],
            # Average 1/2; C and E reach the pass mark of 50% exactly.
            ["Patents basics", "", "6", "50.0", "66.7"],
        ]
