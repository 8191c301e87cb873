"""Importing parsed questions stores every type; a bad file stores nothing."""

from decimal import Decimal

import pytest

from lms.quizzes.formats.schema import (
    ImportProblem,
    ParsedChoice,
    ParsedNumericAnswer,
    ParsedPair,
    ParsedQuestion,
    ParseResult,
)
from lms.quizzes.models import Question, QuestionBank
from lms.quizzes.services import QuestionImportError, bank_export, questions_import

pytestmark = pytest.mark.django_db
D = Decimal


def every_kind() -> list[ParsedQuestion]:
    return [
        ParsedQuestion(
            kind="single_choice",
            name="term",
            prompt="How long does a patent usually last?",
            general_feedback="Counted from the filing date.",
            choices=[
                ParsedChoice("20 years", D(1), "Right."),
                ParsedChoice("5 years", D(0), "That is a design term."),
            ],
        ),
        ParsedQuestion(
            kind="multiple_response",
            prompt="Which are conditions for a trade secret?",
            choices=[
                ParsedChoice("It is secret", D("0.5")),
                ParsedChoice("It has commercial value", D("0.5")),
                ParsedChoice("It is registered", D(-1), "No registration exists."),
            ],
        ),
        ParsedQuestion(
            kind="true_false",
            prompt="Copyright needs registration.",
            correct=False,
            feedback_true="Berne: no formalities.",
            feedback_false="Right: it arises automatically.",
        ),
        ParsedQuestion(
            kind="short_text",
            prompt="Which treaty lets you file one international patent application?",
            choices=[
                ParsedChoice("PCT", D(1)),
                ParsedChoice("Patent Cooperation Treaty", D(1)),
            ],
        ),
        ParsedQuestion(
            kind="numeric",
            prompt="Months of priority under the Paris Convention for patents?",
            numeric_answers=[
                ParsedNumericAnswer(D(1), value=D(12)),
                ParsedNumericAnswer(D("0.5"), minimum=D(11), maximum=D(13)),
            ],
        ),
        ParsedQuestion(
            kind="matching",
            prompt="Match the system to what it protects.",
            pairs=[ParsedPair("Madrid", "Trademarks"), ParsedPair("Hague", "Designs")],
            distractors=["Plant varieties"],
        ),
        ParsedQuestion(
            kind="ordering",
            prompt="Put the PCT steps in order.",
            items=["Filing", "International search", "Publication", "National phase"],
        ),
    ]


class TestQuestionsImport:
    def test_imports_every_kind_and_counts_them(self):
        counts = questions_import(
            bank_name="IP basics", result=ParseResult(every_kind())
        )
        assert counts == dict.fromkeys((q.kind for q in every_kind()), 1)
        bank = QuestionBank.objects.get(name="IP basics")
        assert bank.questions.count() == 7
        assert {type(q).__name__ for q in bank.questions.all()} == {
            "SingleChoiceQuestion",
            "MultipleResponseQuestion",
            "TrueFalseQuestion",
            "ShortTextQuestion",
            "NumericQuestion",
            "MatchingQuestion",
            "OrderingQuestion",
        }

    def test_export_gives_back_what_was_imported(self):
        questions_import(bank_name="IP basics", result=ParseResult(every_kind()))
        exported = bank_export(bank=QuestionBank.objects.get(name="IP basics"))
        for original, again in zip(every_kind(), exported, strict=True):
            original.line = again.line = 0
            assert again == original

    def test_imported_questions_grade(self):
        questions_import(bank_name="IP basics", result=ParseResult(every_kind()))
        ordering = Question.objects.get(prompt_en="Put the PCT steps in order.")
        items = [item.pk for item in ordering.items.all()]
        assert ordering.grade_raw(items).fraction == 1
        numeric = Question.objects.instance_of(Question).get(
            prompt_en__startswith="Months of priority"
        )
        assert numeric.grade_raw("11.5").fraction == D("0.5")

    def test_file_with_problems_imports_nothing(self):
        result = ParseResult(
            every_kind(), problems=[ImportProblem(12, "unclosed brace")]
        )
        with pytest.raises(QuestionImportError) as error:
            questions_import(bank_name="IP basics", result=result)
        assert error.value.problems[0].line == 12
        assert not QuestionBank.objects.exists()

    def test_invalid_answer_rolls_back_the_whole_file(self):
        questions = every_kind()
        questions[4].numeric_answers.append(
            ParsedNumericAnswer(D(1), minimum=D(20), maximum=D(10))
        )
        questions[4].line = 31
        with pytest.raises(QuestionImportError) as error:
            questions_import(bank_name="IP basics", result=ParseResult(questions))
        assert error.value.problems[0].line == 31
        assert "minimum" in error.value.problems[0].message
        assert not Question.objects.exists()

    def test_empty_file_is_refused(self):
        with pytest.raises(QuestionImportError):
            questions_import(bank_name="IP basics", result=ParseResult())
