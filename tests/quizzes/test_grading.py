"""Each question type cleans and grades its own answers."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from lms.quizzes.grading import normalize_text
from lms.quizzes.models import NumericAnswer

from . import builders

fractions = st.decimals(min_value=-1, max_value=1, places=3)


class TestSingleChoice:
    def test_right_wrong_and_feedback(self):
        question = builders.single_choice(("1", "0.5", "0"))
        assert question.grade_raw("1").fraction == 1
        assert question.grade_raw(2).fraction == Decimal("0.5")
        assert question.grade_raw("3").fraction == 0
        assert question.correct_answer() == "choice 1"

    @pytest.mark.parametrize("raw", ["99", "abc", ["1", "2"], {"a": 1}, True])
    def test_refuses_what_is_not_an_option(self, raw):
        with pytest.raises(ValidationError):
            builders.single_choice().grade_raw(raw)

    def test_no_answer_scores_zero(self):
        assert builders.single_choice().grade_raw(None).fraction == 0


class TestMultipleResponse:
    def test_partial_credit_and_penalty(self):
        question = builders.multiple_response(("0.5", "0.5", "-1"))
        assert question.grade_raw(["1", "2"]).fraction == 1
        assert question.grade_raw(["1"]).fraction == Decimal("0.5")
        assert question.grade_raw(["1", "3"]).fraction == 0  # never below the floor
        assert question.correct_answer() == "choice 1; choice 2"

    def test_refuses_unknown_choice(self):
        with pytest.raises(ValidationError):
            builders.multiple_response().grade_raw(["1", "42"])


class TestTrueFalse:
    def test_grades_and_gives_the_feedback_for_what_was_said(self):
        question = builders.true_false(correct=False)
        false = question.grade_raw("false")
        assert false.fraction == 1 and false.feedback == "said false"
        true = question.grade_raw("true")
        assert true.fraction == 0 and true.feedback == "said true"

    def test_refuses_other_values(self):
        with pytest.raises(ValidationError):
            builders.true_false().grade_raw("maybe")


class TestShortText:
    @pytest.mark.parametrize(
        ("typed", "fraction"),
        [
            ("Trade secret", "1"),
            ("  trade   SECRET ", "1"),
            ("secret", "0.5"),
            ("patent", "0"),
        ],
    )
    def test_case_and_spaces_do_not_matter(self, typed, fraction):
        assert builders.short_text().grade_raw(typed).fraction == Decimal(fraction)

    def test_diacritics_are_configurable(self):
        accents = (("secret d'affaires", "1"),)
        lenient = builders.short_text(accents, ignore_diacritics=True)
        assert lenient.grade_raw("sécrét d'affaires").fraction == 1
        strict = builders.short_text((("café", "1"),), ignore_diacritics=False)
        assert strict.grade_raw("cafe").fraction == 0
        assert strict.grade_raw("CAFÉ").fraction == 1

    def test_refuses_overlong_answers(self):
        with pytest.raises(ValidationError):
            builders.short_text().grade_raw("x" * 301)

    def test_normalize_folds_arabic_and_cyrillic_case_and_spaces(self):
        assert normalize_text("  Патент  ", ignore_diacritics=True) == "патент"
        assert (
            normalize_text("براءة   اختراع", ignore_diacritics=False) == "براءة اختراع"
        )


class TestNumeric:
    @pytest.mark.parametrize(
        ("typed", "fraction"),
        [("20", "1"), ("20.0", "1"), ("20,0", "1"), ("17", "0.5"), ("30", "0")],
    )
    def test_value_and_range(self, typed, fraction):
        assert builders.numeric().grade_raw(typed).fraction == Decimal(fraction)

    def test_tolerance(self):
        question = builders.numeric(
            NumericAnswer(
                pk=1, value=Decimal("3.14"), tolerance=Decimal("0.01"), fraction=1
            )
        )
        assert question.grade_raw("3.15").fraction == 1
        assert question.grade_raw("3.16").fraction == 0

    @pytest.mark.parametrize("typed", ["twenty", "NaN", "inf", "1e"])
    def test_refuses_non_numbers(self, typed):
        with pytest.raises(ValidationError):
            builders.numeric().grade_raw(typed)


class TestMatching:
    def test_credit_per_right_pair_with_distractor(self):
        question = builders.matching()
        assert question.grade_raw({"1": "1", "2": "2"}).fraction == 1
        assert question.grade_raw({"1": "1", "2": "3"}).fraction == Decimal("0.5")
        assert question.grade_raw({"1": "3"}).fraction == 0

    def test_refuses_unknown_pairs_and_distractor_prompts(self):
        with pytest.raises(ValidationError):
            builders.matching().grade_raw({"1": "9"})
        with pytest.raises(ValidationError):
            builders.matching().grade_raw({"3": "1"})


class TestOrdering:
    def test_credit_per_item_in_place(self):
        question = builders.ordering(4)
        assert question.grade_raw([10, 11, 12, 13]).fraction == 1
        assert question.grade_raw([10, 11, 13, 12]).fraction == Decimal("0.5")
        assert question.grade_raw([13, 12, 11, 10]).fraction == 0

    def test_every_item_exactly_once(self):
        with pytest.raises(ValidationError):
            builders.ordering(3).grade_raw([10, 10, 11])


# Properties: for any question and any answer, the score stays in range,
# all-correct gives full marks, the order answers come in never matters, and
# grading again gives the same result.


@given(st.lists(fractions, min_size=1, max_size=8), st.data())
def test_multiple_response_score_in_range_and_order_free(weights, data):
    question = builders.multiple_response([str(w) for w in weights])
    ids = list(range(1, len(weights) + 1))
    picked = data.draw(st.lists(st.sampled_from(ids), unique=True))
    shuffled = data.draw(st.permutations(picked))
    grade = question.grade_raw(picked)
    assert question.penalty_floor <= grade.fraction <= 1
    assert question.grade_raw(list(shuffled)).fraction == grade.fraction
    assert question.grade_raw(picked) == grade


@given(
    st.lists(
        st.decimals(min_value="0.01", max_value=1, places=2), min_size=1, max_size=6
    )
)
def test_picking_exactly_the_right_choices_gives_full_marks(positives):
    total = sum(positives)
    weights = [p / total for p in positives] + [Decimal("-0.5")]
    question = builders.multiple_response([str(w) for w in weights])
    right = list(range(1, len(positives) + 1))
    assert question.grade_raw(right).fraction == 1


@given(st.integers(min_value=2, max_value=10), st.data())
def test_ordering_score_in_range_and_full_only_when_ordered(count, data):
    question = builders.ordering(count)
    order = data.draw(st.permutations([10 + n for n in range(count)]))
    fraction = question.grade_raw(list(order)).fraction
    assert 0 <= fraction <= 1
    assert (fraction == 1) == (list(order) == sorted(order))


@given(st.lists(fractions, min_size=1, max_size=8), st.data())
def test_single_choice_any_choice_in_range(weights, data):
    question = builders.single_choice([str(w) for w in weights])
    choice = data.draw(st.integers(min_value=1, max_value=len(weights)))
    fraction = question.grade_raw(str(choice)).fraction
    assert question.penalty_floor <= fraction <= 1
    assert question.grade_raw(choice).fraction == fraction


@given(st.text(max_size=300))
def test_short_text_any_text_in_range(typed):
    question = builders.short_text()
    fraction = question.grade_raw(typed).fraction
    assert 0 <= fraction <= 1


@given(
    st.decimals(
        allow_nan=False,
        allow_infinity=False,
        places=4,
        min_value=-(10**6),
        max_value=10**6,
    )
)
def test_numeric_any_number_in_range(number):
    fraction = builders.numeric().grade_raw(str(number)).fraction
    assert 0 <= fraction <= 1
