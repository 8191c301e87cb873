"""Checks every format applies to a parsed question, and number formatting.

GIFT and Moodle XML refuse the same questions for the same reasons: the
parsers and exporters of both call these.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .schema import (
    KINDS,
    TEXT_FORMATS,
    ImportProblem,
    ParsedChoice,
    ParsedNumericAnswer,
    ParsedQuestion,
    ParseResult,
)

#: A plain or scientific decimal number, as both formats write them.
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


class InvalidQuestion(Exception):
    """A question that cannot be read or written; carries the message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ExportError(ValueError):
    """Some questions cannot be written in a format; nothing is written.

    ``problems`` lists them; the ``line`` of each is the 1-based position of
    the question in the list given to the exporter.
    """

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__(
            "\n".join(f"{problem.line}: {problem.message}" for problem in problems)
        )


def question_problems(question: ParsedQuestion) -> list[str]:
    """What is wrong with a parsed question, whatever file it came from.

    Returns translated messages; an empty list means the question can be
    imported. The rules are Moodle's editing-form rules: a choice question
    needs a right answer, the weights of a multiple-response question add up
    to 100%, short and numerical answers need one worth full marks, and so on.
    """
    problems = []
    if question.kind not in KINDS:
        return [_("Unknown question kind “%(kind)s”.") % {"kind": question.kind}]
    if question.prompt_format not in TEXT_FORMATS:
        problems.append(
            _("Unknown text format “%(format)s”.") % {"format": question.prompt_format}
        )
    if not question.prompt.strip():
        problems.append(_("The question text is empty."))
    checks = {
        "single_choice": _check_choices,
        "multiple_response": _check_choices,
        "true_false": _check_true_false,
        "short_text": _check_short_text,
        "numeric": _check_numeric,
        "matching": _check_matching,
        "ordering": _check_ordering,
    }
    checks[question.kind](question, problems)
    return problems


def plain_decimal(number: Decimal) -> str:
    """A number as files and messages show it: no exponent, no trailing zeros.

    Decimal("1E+2") -> "100", Decimal("0.3333300") -> "0.33333".
    """
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def percent(fraction: Decimal) -> str:
    """A fraction as the percentage files use: Decimal("0.5") -> "50"."""
    return plain_decimal(fraction * 100)


def _check_weights(answers, minimum: int, problems: list[str]) -> None:
    for answer in answers:
        if not minimum <= answer.fraction <= 1:
            problems.append(
                _(
                    "Weight %(weight)s is out of range: it must be between"
                    " %(minimum)s and %(maximum)s."
                )
                % {
                    "weight": f"{percent(answer.fraction)}%",
                    "minimum": f"{minimum * 100}%",
                    "maximum": "100%",
                }
            )


def _check_texts(choices: list[ParsedChoice], problems: list[str]) -> None:
    for number, choice in enumerate(choices, start=1):
        if not choice.text.strip():
            problems.append(_("Answer %(number)s is empty.") % {"number": number})


def _check_choices(question: ParsedQuestion, problems: list[str]) -> None:
    choices = question.choices
    if len(choices) < 2:
        problems.append(_("A choice question needs at least two answers."))
    _check_texts(choices, problems)
    _check_weights(choices, -1, problems)
    positive = [choice.fraction for choice in choices if choice.fraction > 0]
    if not positive:
        problems.append(_("None of the answers is marked right."))
    elif question.kind == "single_choice":
        if not any(choice.fraction == 1 for choice in choices):
            problems.append(_("None of the answers gives full marks."))
    # Moodle's rule: the total, rounded to 1%, must be exactly 100%, so that
    # three answers at 33.33333% are fine.
    elif sum(positive).quantize(Decimal("0.01"), ROUND_HALF_UP) != 1:
        problems.append(
            _("The right answers' weights add up to %(total)s instead of %(expected)s.")
            % {"total": f"{percent(sum(positive))}%", "expected": "100%"}
        )


def _check_true_false(question: ParsedQuestion, problems: list[str]) -> None:
    if question.correct is None:
        problems.append(_("It is not clear whether the right answer is true or false."))


def _check_short_text(question: ParsedQuestion, problems: list[str]) -> None:
    if not question.choices:
        problems.append(_("The question has no answers."))
        return
    _check_texts(question.choices, problems)
    _check_weights(question.choices, 0, problems)
    if not any(choice.fraction == 1 for choice in question.choices):
        problems.append(_("None of the answers gives full marks."))


def is_catch_all(answer: ParsedNumericAnswer) -> bool:
    """The answer for any other number: no value, no range."""
    return answer.value is None and answer.minimum is None and answer.maximum is None


def _check_numeric(question: ParsedQuestion, problems: list[str]) -> None:
    answers = question.numeric_answers
    if not any(not is_catch_all(answer) for answer in answers):
        problems.append(_("The question has no answers."))
        return
    _check_weights(answers, 0, problems)
    for number, answer in enumerate(answers, start=1):
        if answer.value is None and not is_catch_all(answer):
            if answer.minimum is None or answer.maximum is None:
                problems.append(no_value_problem(number))
            elif answer.minimum > answer.maximum:
                problems.append(
                    _("In the range %(minimum)s..%(maximum)s the minimum is larger.")
                    % {"minimum": answer.minimum, "maximum": answer.maximum}
                )
        if answer.tolerance < 0:
            problems.append(
                _("Tolerance %(tolerance)s is negative.")
                % {"tolerance": answer.tolerance}
            )
    if not any(answer.fraction == 1 for answer in answers):
        problems.append(_("None of the answers gives full marks."))


def no_value_problem(number: int) -> str:
    return _(
        "Numerical answer %(number)s has neither a value nor a complete range."
    ) % {"number": number}


def _check_matching(question: ParsedQuestion, problems: list[str]) -> None:
    if len(question.pairs) < 2:
        problems.append(_("A matching question needs at least two pairs."))
    incomplete = [
        (pair.prompt, pair.answer)
        for pair in question.pairs
        if not pair.prompt.strip() or not pair.answer.strip()
    ]
    incomplete += [("", text) for text in question.distractors if not text.strip()]
    for prompt, answer in incomplete:
        problems.append(
            _("Matching pair “%(prompt)s -> %(answer)s” is incomplete.")
            % {"prompt": prompt, "answer": answer}
        )


def _check_ordering(question: ParsedQuestion, problems: list[str]) -> None:
    if len(question.items) < 2:
        problems.append(_("An ordering question needs at least two items."))
    for number, item in enumerate(question.items, start=1):
        if not item.strip():
            problems.append(_("Item %(number)s is empty.") % {"number": number})


# Writing --------------------------------------------------------------------


def add_checked(result: ParseResult, question: ParsedQuestion, line: int) -> None:
    """Add a read question to ``result``, or its problems if the checks fail."""
    question.line = line
    problems = question_problems(question)
    if problems:
        result.problems.extend(ImportProblem(line, message) for message in problems)
    else:
        result.questions.append(question)
