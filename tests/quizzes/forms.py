"""Fill in an attempt's HTML form as a learner would, from what the page shows."""

from lms.quizzes.grading import ZERO
from lms.quizzes.models import Attempt
from lms.quizzes.selectors import questions_with_answers


def _right_fields(question, attempt: Attempt) -> dict:
    """Form fields answering ``question`` fully right, read off its input."""
    shown = question.input_context(
        value=None, seed=attempt.seed, shuffle=attempt.quiz.shuffle_choices
    )
    name = question.field_name
    match question.kind:
        case "single_choice":
            best = max(question.choices.all(), key=lambda c: c.fraction)
            return {name: str(best.pk)}
        case "multiple_response":
            return {
                name: [str(c.pk) for c in question.choices.all() if c.fraction > ZERO]
            }
        case "true_false":
            return {name: "true" if question.correct else "false"}
        case "short_text":
            return {name: question.correct_answer()}
        case "numeric":
            best = max(question.numeric_answers.all(), key=lambda a: a.fraction)
            return {name: str(best.value if best.value is not None else best.minimum)}
        case "matching":
            token = {option["label"]: option["value"] for option in shown["options"]}
            answer = {p.prompt: p.answer for p in question.pairs.all() if p.prompt}
            return {row["name"]: token[answer[row["prompt"]]] for row in shown["rows"]}
        case "ordering":
            place = {
                item.text: str(n) for n, item in enumerate(question.items.all(), 1)
            }
            return {row["name"]: place[row["text"]] for row in shown["rows"]}
    raise AssertionError(question.kind)


def right_answers(attempt: Attempt) -> dict:
    """POST data answering every question of the attempt right."""
    questions = questions_with_answers(attempt.question_ids)
    data = {}
    for question_id in attempt.question_ids:
        data |= _right_fields(questions[question_id], attempt)
    return data
