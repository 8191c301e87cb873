"""The learner's quiz attempts, for the "Download my data" file.

Registered with ``lms.accounts.personal_data`` from ``QuizzesConfig.ready()``.
Nothing is erased when an account is deleted: the attempts stay, attached to
the anonymous user, so that item analysis and pass rates keep their counts.
"""

from django.db.models import Prefetch

from .models import Attempt, AttemptAnswer, Question


def quiz_attempts_export(user) -> list[dict]:
    """Every attempt of ``user``, with each answer and its question; three queries."""
    answers = AttemptAnswer.objects.prefetch_related(
        Prefetch("question", queryset=Question.objects.non_polymorphic())
    )
    attempts = (
        Attempt.objects.filter(user=user)
        .select_related("quiz")
        .prefetch_related(Prefetch("answers", queryset=answers.order_by("pk")))
        .order_by("started_at", "pk")
    )
    return [
        {
            "quiz": attempt.quiz.title,
            "number": attempt.number,
            "state": attempt.state,
            "started_at": attempt.started_at,
            "submitted_at": attempt.submitted_at,
            "score_percent": attempt.percent(),
            "answers": [
                {
                    "question": answer.question.plain(answer.question.prompt),
                    "value": answer.value,
                    "saved_at": answer.saved_at,
                    "fraction": answer.fraction,
                    "feedback": answer.feedback,
                }
                for answer in attempt.answers.all()
            ],
        }
        for attempt in attempts
    ]
