"""The question editing form: Moodle's rules, checked on the answers as edited.

The rules themselves live in ``formats.checks.question_problems``, shared with
imports; this form only turns what was typed into the ParsedQuestion they read.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from lms.quizzes.formats.checks import question_problems
from lms.quizzes.formats.schema import (
    ParsedChoice,
    ParsedNumericAnswer,
    ParsedPair,
    ParsedQuestion,
)


def _kept(formset) -> list[dict]:
    """The cleaned data of the inline forms that are filled in and not deleted."""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def _choices(rows) -> list[ParsedChoice]:
    return [
        ParsedChoice(
            row.get("text_en") or "", row["fraction"], row.get("feedback_en") or ""
        )
        for row in rows
    ]


def _numeric(rows) -> list[ParsedNumericAnswer]:
    return [
        ParsedNumericAnswer(
            row["fraction"],
            value=row.get("value"),
            tolerance=row.get("tolerance") or Decimal(0),
            minimum=row.get("minimum"),
            maximum=row.get("maximum"),
        )
        for row in rows
    ]


def _fill(parsed: ParsedQuestion, relation: str, rows: list[dict]) -> None:
    match relation:
        case "choices" | "accepted_answers":
            parsed.choices = _choices(rows)
        case "numeric_answers":
            parsed.numeric_answers = _numeric(rows)
        case "pairs":
            parsed.pairs = [
                ParsedPair(row["prompt_en"], row["answer_en"])
                for row in rows
                if row.get("prompt_en")
            ]
            parsed.distractors = [
                r["answer_en"] for r in rows if not r.get("prompt_en")
            ]
        case "items":
            parsed.items = [row.get("text_en") or "" for row in rows]


class QuestionForm(WagtailAdminModelForm):
    """Refuses a question learners could not answer right (no full-marks answer,
    weights that do not add up, a matching with one pair...)."""

    def clean(self):
        cleaned = super().clean()
        if not all(formset.is_valid() for formset in self.formsets.values()):
            return cleaned
        parsed = ParsedQuestion(
            kind=self.instance.kind,
            prompt=cleaned.get("prompt_en") or "",
            correct=cleaned.get("correct"),
        )
        for relation, formset in self.formsets.items():
            _fill(parsed, relation, _kept(formset))
        problems = question_problems(parsed)
        if problems:
            raise ValidationError(problems)
        return cleaned
