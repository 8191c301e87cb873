"""Reads the quiz views and services share, in a fixed number of queries."""

from collections import defaultdict

from django.db.models import prefetch_related_objects

from .models import Attempt, AttemptState, GradingMethod, Question, Quiz


def questions_with_answers(question_ids) -> dict[int, Question]:
    """The questions, as their own types, with their answers, by id.

    Costs one query for the base rows, one per question type present and one
    per answer relation: never more as the number of questions grows.
    """
    questions = list(Question.objects.filter(pk__in=question_ids))
    by_type = defaultdict(list)
    for question in questions:
        by_type[type(question)].append(question)
    for question_type, instances in by_type.items():
        if question_type.answer_relations:
            prefetch_related_objects(instances, *question_type.answer_relations)
    return {question.pk: question for question in questions}


def submitted_attempts(*, quiz: Quiz, user) -> list[Attempt]:
    return list(
        Attempt.objects.filter(
            quiz=quiz, user=user, state=AttemptState.SUBMITTED
        ).order_by("number")
    )


def quiz_grade(*, quiz: Quiz, user):
    """The learner's grade for the quiz (0 to 1) by its grading method, or None."""
    return grade_by_method(
        quiz.grading_method,
        [attempt.score for attempt in submitted_attempts(quiz=quiz, user=user)],
    )


def quiz_grades(*, user, quizzes) -> dict[int, object]:
    """The learner's grade for each of ``quizzes`` that they have taken, by id.

    One query whatever the number of quizzes and attempts.
    """
    by_id = {quiz.pk: quiz for quiz in quizzes}
    scores = defaultdict(list)
    rows = (
        Attempt.objects.filter(
            quiz_id__in=by_id, user=user, state=AttemptState.SUBMITTED
        )
        .order_by("number")
        .values_list("quiz_id", "score")
    )
    for quiz_id, score in rows:
        scores[quiz_id].append(score)
    return {
        quiz_id: grade_by_method(by_id[quiz_id].grading_method, quiz_scores)
        for quiz_id, quiz_scores in scores.items()
    }


def grade_by_method(method: str, scores: list):
    """Combine the scores of successive attempts as the grading method says."""
    if not scores:
        return None
    match method:
        case GradingMethod.FIRST:
            return scores[0]
        case GradingMethod.LAST:
            return scores[-1]
        case GradingMethod.AVERAGE:
            return sum(scores) / len(scores)
        case _:
            return max(scores)
