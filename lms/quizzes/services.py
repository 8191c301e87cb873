"""Writes that span several quiz models, each in one transaction."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from .formats.schema import ImportProblem, ParsedQuestion, ParseResult
from .models import Question, QuestionBank


class QuestionImportError(Exception):
    """An import that wrote nothing; ``problems`` says why, line by line."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("; ".join(f"{p.line}: {p.message}" for p in problems))


def questions_import(*, bank_name: str, result: ParseResult) -> Counter:
    """Store every parsed question in the named bank (created if missing).

    All or nothing: a file with any problem imports nothing. Returns how many
    questions of each kind were imported. Questions of unsupported types were
    already reported in ``result.skipped`` by the parser.
    """
    if result.problems:
        raise QuestionImportError(result.problems)
    if not result.questions:
        raise QuestionImportError([ImportProblem(0, _("The file holds no question."))])
    counts: Counter = Counter()
    # Imported text is English; translations are added in the admin.
    with translation.override("en"), transaction.atomic():
        bank, _created = QuestionBank.objects.get_or_create(name=bank_name)
        problems = []
        for parsed in result.questions:
            try:
                question_class = Question.type_for_kind(parsed.kind)
                question_class.create_from_parsed(bank=bank, parsed=parsed)
            except (LookupError, ValidationError) as error:
                problems.append(ImportProblem(parsed.line, _problem_text(error)))
                continue
            counts[parsed.kind] += 1
        if problems:
            # Raising inside the atomic block rolls back what was stored.
            raise QuestionImportError(problems)
    return counts


def bank_export(*, bank: QuestionBank) -> list[ParsedQuestion]:
    """Every question of ``bank`` as ParsedQuestions, in order, in English."""
    with translation.override("en"):
        return [question.to_parsed() for question in bank.questions.all()]


def _problem_text(error: Exception) -> str:
    if isinstance(error, LookupError):
        return _("Unsupported question type: %(kind)s") % {"kind": error.args[0]}
    return " ".join(error.messages)
