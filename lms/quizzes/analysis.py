"""Item analysis: how each question of a quiz performed, and how scores spread.

Trainers read these to find questions that are too easy, too hard or that
strong learners miss as often as weak ones. Only submitted attempts count. The
functions read and never write, and cost a fixed number of queries whatever
the number of attempts or questions. Results are floats, unrounded: rounding
is for display.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, FloatField, Q, QuerySet
from django.db.models.functions import Cast

from .grading import ONE, ZERO
from .models import Attempt, AttemptAnswer, AttemptState, Question, Quiz

#: Share of the ranked attempts in each of the upper and lower groups (Kelley).
GROUP_PERCENT = 27
#: Fewer attempts than this in a group make the discrimination index noise.
MIN_GROUP_SIZE = 2


@dataclass(frozen=True)
class QuestionStats:
    """How one question did across the submitted attempts that asked it.

    ``facility`` is the share of those attempts that got it fully right (0 to
    1), ``average`` the mean fraction of its marks obtained (below 0 when
    penalties outweigh credit), ``discrimination`` runs from -1 to 1 and is
    None when too few attempts asked the question (see ``question_statistics``).
    """

    question: Question
    attempts: int
    facility: float
    average: float
    discrimination: float | None


@dataclass(frozen=True)
class Bin:
    """How many submitted attempts scored from ``lower`` up to ``upper`` (0 to 1).

    Bands include their lower bound and exclude their upper one, except the
    last, which also holds the perfect scores.
    """

    lower: float
    upper: float
    count: int


@dataclass(frozen=True)
class _Asked:
    """One question as one attempt asked it: the attempt's score, its fraction."""

    score: Decimal
    fraction: Decimal


def quizzes_with_results() -> QuerySet[Quiz]:
    """Every quiz with ``submitted_count``, ``average_score`` and ``passed_count``.

    An attempt passes when its score reaches the quiz's pass mark, as in
    ``Attempt.passed``. The pass mark becomes a float on both sides of the
    comparison so that SQLite's integer division cannot turn 70/100 into 0.
    """
    submitted = Q(attempts__state=AttemptState.SUBMITTED)
    pass_score = Cast("pass_mark", FloatField()) / 100
    return Quiz.objects.select_related("course").annotate(
        submitted_count=Count("attempts", filter=submitted),
        average_score=Avg("attempts__score", filter=submitted),
        passed_count=Count(
            "attempts", filter=submitted & Q(attempts__score__gte=pass_score)
        ),
    )


def question_statistics(*, quiz: Quiz) -> list[QuestionStats]:
    """Statistics for every question asked in the quiz's submitted attempts.

    A question the learner left unanswered (no answer row) or that was never
    graded counts as fraction 0. Questions come in order of first appearance:
    the earliest attempt's order, then questions later attempts added, so the
    list stays put as attempts arrive.

    The discrimination index is the classic upper-lower one: rank the n
    attempts that asked the question by attempt score; the upper and lower
    groups each hold 27% of n, rounded half up; the index is the facility in
    the upper group minus the facility in the lower one. When a group would
    hold fewer than 2 attempts (n below 6) it is None. Among equal scores the
    earlier attempt ranks lower, so the result does not depend on the database.

    Queries: attempts, answers, then the questions (one for the base rows and
    one per question type present).
    """
    asked_by_question = _asked_by_question(quiz)
    questions = {
        question.pk: question
        for question in Question.objects.filter(pk__in=list(asked_by_question))
    }
    return [
        _stats(questions[question_id], asked)
        for question_id, asked in asked_by_question.items()
        # A question deleted since (never answered, so not protected) is gone.
        if question_id in questions
    ]


def score_distribution(*, quiz: Quiz, bins: int = 10) -> list[Bin]:
    """Submitted attempts counted per equal band of score, lowest band first.

    With the default 10 bands: 0-10%, 10-20%, ... 90-100%, a score of exactly
    1 in the last band. One query.
    """
    if bins < 1:
        raise ValueError("bins must be at least 1")
    counts = [0] * bins
    for score in _submitted(quiz).values_list("score", flat=True):
        # Decimal arithmetic: 0.3 lands in the 30-40% band, not 20-30%.
        counts[min(int(score * bins), bins - 1)] += 1
    return [
        Bin(lower=index / bins, upper=(index + 1) / bins, count=count)
        for index, count in enumerate(counts)
    ]


def _submitted(quiz: Quiz) -> QuerySet[Attempt]:
    return Attempt.objects.filter(quiz=quiz, state=AttemptState.SUBMITTED)


def _fractions_by_attempt(quiz: Quiz) -> dict[int, dict[int, Decimal]]:
    """Each submitted attempt's graded fractions by question id, in one query."""
    rows = AttemptAnswer.objects.filter(
        attempt__quiz=quiz, attempt__state=AttemptState.SUBMITTED
    ).values_list("attempt_id", "question_id", "fraction")
    fractions: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for attempt_id, question_id, fraction in rows:
        fractions[attempt_id][question_id] = ZERO if fraction is None else fraction
    return fractions


def _asked_by_question(quiz: Quiz) -> dict[int, list[_Asked]]:
    """Every time each question was asked, by question id, in first-seen order.

    The attempt's ``question_ids`` is what was asked; answers alone would miss
    the questions left blank.
    """
    fractions = _fractions_by_attempt(quiz)
    asked: dict[int, list[_Asked]] = {}
    attempts = _submitted(quiz).order_by("pk")
    for pk, score, question_ids in attempts.values_list("pk", "score", "question_ids"):
        answered = fractions.get(pk, {})
        for question_id in question_ids:
            fraction = answered.get(question_id, ZERO)
            asked.setdefault(question_id, []).append(_Asked(score, fraction))
    return asked


def _stats(question: Question, asked: list[_Asked]) -> QuestionStats:
    return QuestionStats(
        question=question,
        attempts=len(asked),
        facility=_facility(asked),
        average=float(sum((a.fraction for a in asked), ZERO)) / len(asked),
        discrimination=_discrimination(asked),
    )


def _facility(asked: list[_Asked]) -> float:
    """The share of attempts that got the question fully right."""
    return sum(1 for a in asked if a.fraction >= ONE) / len(asked)


def _group_size(count: int) -> int:
    """27% of ``count`` rounded half up, in integers so that it is exact."""
    return (count * GROUP_PERCENT + 50) // 100


def _discrimination(asked: list[_Asked]) -> float | None:
    size = _group_size(len(asked))
    if size < MIN_GROUP_SIZE:
        return None
    # sorted() is stable: among equal scores the earlier attempt stays lower.
    ranked = sorted(asked, key=lambda a: a.score)
    return _facility(ranked[-size:]) - _facility(ranked[:size])
