"""Questions built in memory (no database) for grading tests.

Related answers are put in the prefetch cache, which is where ``.all()``
looks first, so grading runs exactly as it does on prefetched questions.
"""

from decimal import Decimal

from lms.quizzes.models import (
    Choice,
    MatchingPair,
    MatchingQuestion,
    MultipleResponseQuestion,
    NumericAnswer,
    NumericQuestion,
    OrderingItem,
    OrderingQuestion,
    ShortTextAnswer,
    ShortTextQuestion,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)


def _with(question, relation, objects):
    question._prefetched_objects_cache = {relation: objects}
    return question


def choices(fractions, feedback="") -> list[Choice]:
    return [
        Choice(
            pk=index + 1,
            text=f"choice {index + 1}",
            fraction=Decimal(f),
            feedback=feedback,
        )
        for index, f in enumerate(fractions)
    ]


def single_choice(fractions=("1", "0", "0")) -> SingleChoiceQuestion:
    return _with(SingleChoiceQuestion(pk=1, prompt="?"), "choices", choices(fractions))


def multiple_response(fractions=("0.5", "0.5", "-1")) -> MultipleResponseQuestion:
    return _with(
        MultipleResponseQuestion(pk=2, prompt="?"), "choices", choices(fractions)
    )


def true_false(correct=True) -> TrueFalseQuestion:
    return TrueFalseQuestion(
        pk=3,
        prompt="?",
        correct=correct,
        feedback_true="said true",
        feedback_false="said false",
    )


def short_text(
    answers=(("Trade secret", "1"), ("secret", "0.5")), ignore_diacritics=True
):
    question = ShortTextQuestion(pk=4, prompt="?", ignore_diacritics=ignore_diacritics)
    accepted = [
        ShortTextAnswer(pk=index + 1, text=text, fraction=Decimal(fraction))
        for index, (text, fraction) in enumerate(answers)
    ]
    return _with(question, "accepted_answers", accepted)


def numeric(*answers: NumericAnswer) -> NumericQuestion:
    answers = answers or (
        NumericAnswer(
            pk=1, value=Decimal(20), tolerance=Decimal(0), fraction=Decimal(1)
        ),
        NumericAnswer(
            pk=2, minimum=Decimal(15), maximum=Decimal(25), fraction=Decimal("0.5")
        ),
    )
    return _with(NumericQuestion(pk=5, prompt="?"), "numeric_answers", list(answers))


def matching(pairs=(("Patent", "Invention"), ("Trademark", "Brand"), ("", "Recipe"))):
    items = [
        MatchingPair(pk=index + 1, prompt=prompt, answer=answer, sort_order=index)
        for index, (prompt, answer) in enumerate(pairs)
    ]
    return _with(MatchingQuestion(pk=6, prompt="?"), "pairs", items)


def ordering(count=4) -> OrderingQuestion:
    items = [
        OrderingItem(pk=10 + n, text=f"step {n}", position=n) for n in range(count)
    ]
    return _with(OrderingQuestion(pk=7, prompt="?"), "items", items)
