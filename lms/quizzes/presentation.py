"""What the attempt and review pages show, built from the question types.

The attempt page gets each type's own input context (options, never marks);
the review gets only what the quiz's review options allow.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from .access import ReviewOptions
from .grading import ONE, ZERO
from .models import Attempt, Quiz
from .selectors import questions_with_answers


def shows_fallback(question) -> bool:
    """Whether the question is shown in English for want of a translation.

    The page then marks it ``lang="en" dir="ltr"`` so that screen readers
    pronounce it right and Arabic pages do not mirror it.
    """
    language = get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return False
    return not getattr(question, build_localized_fieldname("prompt", language), "")


def question_count(quiz: Quiz) -> int:
    """How many questions an attempt at the quiz asks."""
    return quiz.fixed.count() + sum(draw.count for draw in quiz.draws.all())


@dataclass
class AttemptItem:
    number: int
    question: object
    prompt: str
    template: str
    input: dict
    error: object = None
    fallback: bool = False


def attempt_questions(*, attempt: Attempt, questions, values, posted, errors):
    """The questions of an open attempt, in its order, ready to draw.

    ``posted`` holds what the learner sent for answers that were refused, so
    the page shows it again beside the error instead of losing it.
    """
    items = []
    for number, question_id in enumerate(attempt.question_ids, 1):
        question = questions[question_id]
        value = values.get(question_id)
        if question_id in posted and isinstance(posted[question_id], str):
            value = posted[question_id]
        items.append(
            AttemptItem(
                number=number,
                question=question,
                prompt=question.rich(question.prompt),
                template=question.input_template,
                input=question.input_context(
                    value=value,
                    seed=attempt.seed,
                    shuffle=attempt.quiz.shuffle_choices,
                ),
                error=errors.get(question_id),
                fallback=shows_fallback(question),
            )
        )
    return items


@dataclass
class ReviewRow:
    number: int
    prompt: str
    your_answer: str
    state: str = ""
    right_answer: str = ""
    feedback: str = ""
    general_feedback: str = ""
    fallback: bool = False


def _state(fraction) -> str:
    if fraction is None or fraction <= ZERO:
        return "incorrect"
    return "correct" if fraction >= ONE else "partial"


def review_rows(*, attempt: Attempt, options: ReviewOptions) -> list[ReviewRow]:
    """One row per question of a submitted attempt, showing what is allowed."""
    questions = questions_with_answers(attempt.question_ids)
    answers = {answer.question_id: answer for answer in attempt.answers.all()}
    rows = []
    for number, question_id in enumerate(attempt.question_ids, 1):
        question = questions[question_id]
        answer = answers.get(question_id)
        value = answer.value if answer else None
        row = ReviewRow(
            number=number,
            prompt=question.rich(question.prompt),
            your_answer=question.answer_display(value),
            fallback=shows_fallback(question),
        )
        if options.correctness:
            row.state = _state(answer.fraction if answer else None)
        if options.right_answers:
            row.right_answer = question.correct_answer()
        if options.feedback:
            row.feedback = question.rich(answer.feedback) if answer else ""
            row.general_feedback = question.rich(question.general_feedback)
        rows.append(row)
    return rows
