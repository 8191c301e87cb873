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
    attempts = submitted_attempts(quiz=quiz, user=user)
    if not attempts:
        return None
    scores = [attempt.score for attempt in attempts]
    match quiz.grading_method:
        case GradingMethod.FIRST:
            return scores[0]
        case GradingMethod.LAST:
            return scores[-1]
        case GradingMethod.AVERAGE:
            return sum(scores) / len(scores)
        case _:
            return max(scores)
