"""The question types. Each knows its answers, how to clean and grade them."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from lms.quizzes.grading import (
    ONE,
    ZERO,
    Grade,
    clamp,
    normalize_text,
    stored_fraction,
)

from .question import Question

#: How far from 1 a sum of weights may fall and still be full marks (Moodle's rule).
ROUNDING_SLACK = Decimal("0.00001")
FRACTION_VALIDATORS = [MinValueValidator(Decimal(-1)), MaxValueValidator(ONE)]


def _fraction_field(**kwargs):
    return models.DecimalField(
        _("fraction of the marks"),
        max_digits=8,
        decimal_places=7,
        validators=FRACTION_VALIDATORS,
        help_text=_("1 for a right answer, 0 for a wrong one, negative for a penalty."),
        **kwargs,
    )


def _id(raw) -> int:
    """One option id sent by the learner; anything else is refused."""
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        Question._refuse()
    try:
        return int(raw)
    except ValueError:
        Question._refuse()


def _ids(raw) -> list[int]:
    """Several option ids (or one) sent by the learner."""
    values = raw if isinstance(raw, list | tuple) else [raw]
    return [_id(value) for value in values]


class Choice(models.Model):
    """A choice of a single-choice or multiple-response question."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.TextField(_("text"))
    fraction = _fraction_field(default=ZERO)
    feedback = models.TextField(_("feedback"), blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    sort_order_field = "sort_order"

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text


class ChoiceAnswersMixin:
    """Import, export and drawing for the two types whose answers are Choices."""

    def _options(self, *, seed: int, shuffle: bool) -> list[dict]:
        choices = list(self.choices.all())
        if shuffle:
            self.presentation_rng(seed).shuffle(choices)
        return [
            {"value": str(choice.pk), "label": self.rich(choice.text)}
            for choice in choices
        ]

    def _choice_texts(self, ids) -> list[str]:
        wanted = set(ids)
        return [
            self.plain(choice.text)
            for choice in self.choices.all()
            if choice.pk in wanted
        ]

    def create_answers(self, parsed) -> None:
        Choice.objects.bulk_create(
            Choice(
                question=self,
                text=choice.text,
                fraction=stored_fraction(choice.fraction),
                feedback=choice.feedback,
                sort_order=order,
            )
            for order, choice in enumerate(parsed.choices)
        )

    def add_answers_to(self, parsed) -> None:
        from lms.quizzes.formats.schema import ParsedChoice

        parsed.choices = [
            ParsedChoice(
                text=c.text, fraction=c.fraction.normalize(), feedback=c.feedback
            )
            for c in self.choices.all()
        ]


class SingleChoiceQuestion(ChoiceAnswersMixin, Question):
    """Pick one choice; each choice has its own fraction and feedback."""

    kind = "single_choice"
    answer_relations = ("choices",)
    input_template = "quizzes/inputs/single_choice.html"

    type_label = _("Single choice")

    class Meta:
        verbose_name = _("single-choice question")

    def clean_answer(self, raw):
        if raw in (None, "", []):
            return None
        choice_id = _id(raw)
        if not any(choice.pk == choice_id for choice in self.choices.all()):
            self._refuse()
        return choice_id

    def grade(self, value) -> Grade:
        choice = next(choice for choice in self.choices.all() if choice.pk == value)
        return Grade(clamp(choice.fraction, self.penalty_floor), choice.feedback)

    def correct_answer(self) -> str:
        best = max(self.choices.all(), key=lambda choice: choice.fraction)
        return self.plain(best.text)

    def input_context(self, *, value, seed: int, shuffle: bool) -> dict:
        return {
            "options": self._options(seed=seed, shuffle=shuffle),
            "selected": {str(value)},
        }

    def answer_display(self, value) -> str:
        return "" if value is None else "; ".join(self._choice_texts([value]))


class MultipleResponseQuestion(ChoiceAnswersMixin, Question):
    """Pick every right choice: right picks add credit, wrong picks take it away."""

    kind = "multiple_response"
    answer_relations = ("choices",)
    input_template = "quizzes/inputs/multiple_response.html"

    type_label = _("Multiple response")

    class Meta:
        verbose_name = _("multiple-response question")

    def clean_answer(self, raw):
        if raw in (None, "", []):
            return None
        chosen = sorted(set(_ids(raw)))
        known = {choice.pk for choice in self.choices.all()}
        if not set(chosen) <= known:
            self._refuse()
        return chosen

    def grade(self, value) -> Grade:
        picked = [choice for choice in self.choices.all() if choice.pk in set(value)]
        fraction = sum((choice.fraction for choice in picked), ZERO)
        if abs(fraction - ONE) < ROUNDING_SLACK:
            # Three right answers at 33.33333% each are all of the marks.
            fraction = ONE
        feedback = "\n".join(choice.feedback for choice in picked if choice.feedback)
        return Grade(clamp(fraction, self.penalty_floor), feedback)

    def correct_answer(self) -> str:
        return "; ".join(
            self.plain(c.text) for c in self.choices.all() if c.fraction > ZERO
        )

    def input_context(self, *, value, seed: int, shuffle: bool) -> dict:
        return {
            "options": self._options(seed=seed, shuffle=shuffle),
            "selected": {str(pk) for pk in value or []},
        }

    def raw_from_form(self, data, *, seed: int, shuffle: bool):
        return data.getlist(self.field_name)

    def answer_display(self, value) -> str:
        return "; ".join(self._choice_texts(value or []))


class TrueFalseQuestion(Question):
    """A statement the learner says is true or false, with feedback for each."""

    correct = models.BooleanField(_("the statement is true"))
    feedback_true = models.TextField(_("feedback when answering true"), blank=True)
    feedback_false = models.TextField(_("feedback when answering false"), blank=True)

    type_label = _("True or false")
    kind = "true_false"
    input_template = "quizzes/inputs/single_choice.html"

    class Meta:
        verbose_name = _("true/false question")

    def clean_answer(self, raw):
        if raw in (None, "", []):
            return None
        if raw in (True, "true", "True", "1", 1):
            return True
        if raw in (False, "false", "False", "0", 0):
            return False
        self._refuse()

    def grade(self, value) -> Grade:
        feedback = self.feedback_true if value else self.feedback_false
        return Grade(ONE if value == self.correct else ZERO, feedback)

    def correct_answer(self) -> str:
        return gettext("True") if self.correct else gettext("False")

    def input_context(self, *, value, seed: int, shuffle: bool) -> dict:
        options = [
            {"value": "true", "label": gettext("True")},
            {"value": "false", "label": gettext("False")},
        ]
        selected = {"" if value is None else ("true" if value else "false")}
        return {"options": options, "selected": selected}

    def answer_display(self, value) -> str:
        if value is None:
            return ""
        return gettext("True") if value else gettext("False")

    def set_type_fields(self, parsed) -> None:
        self.correct = bool(parsed.correct)
        self.feedback_true = parsed.feedback_true
        self.feedback_false = parsed.feedback_false

    def add_answers_to(self, parsed) -> None:
        parsed.correct = self.correct
        parsed.feedback_true = self.feedback_true
        parsed.feedback_false = self.feedback_false


class ShortTextQuestion(Question):
    """Type a word or phrase; several accepted answers, each with a fraction.

    Comparison ignores case and extra spaces, and accents when
    ``ignore_diacritics`` is set. Accepted answers are translated like every
    other text: the learner's language is used, falling back to English.
    """

    ignore_diacritics = models.BooleanField(
        _("ignore accents"),
        default=True,
        help_text=_("Accept 'resume' for 'résumé'."),
    )

    type_label = _("Short text")
    kind = "short_text"
    answer_relations = ("accepted_answers",)
    max_length = 300

    class Meta:
        verbose_name = _("short-text question")

    def clean_answer(self, raw):
        if raw is None:
            return None
        if not isinstance(raw, str) or len(raw) > self.max_length:
            self._refuse(gettext("Please answer in at most 300 characters."))
        return raw.strip() or None

    def grade(self, value) -> Grade:
        typed = normalize_text(value, ignore_diacritics=self.ignore_diacritics)
        best = None
        for answer in self.accepted_answers.all():
            accepted = normalize_text(
                answer.text, ignore_diacritics=self.ignore_diacritics
            )
            if typed == accepted and (best is None or answer.fraction > best.fraction):
                best = answer
        if best is None:
            return Grade(ZERO)
        return Grade(clamp(best.fraction, self.penalty_floor), best.feedback)

    def correct_answer(self) -> str:
        return max(self.accepted_answers.all(), key=lambda answer: answer.fraction).text

    def input_context(self, *, value, seed: int, shuffle: bool) -> dict:
        return {"value": value or "", "max_length": self.max_length}

    def create_answers(self, parsed) -> None:
        ShortTextAnswer.objects.bulk_create(
            ShortTextAnswer(
                question=self,
                text=a.text,
                fraction=stored_fraction(a.fraction),
                feedback=a.feedback,
            )
            for a in parsed.choices
        )

    def add_answers_to(self, parsed) -> None:
        from lms.quizzes.formats.schema import ParsedChoice

        parsed.choices = [
            ParsedChoice(
                text=a.text, fraction=a.fraction.normalize(), feedback=a.feedback
            )
            for a in self.accepted_answers.all()
        ]


class ShortTextAnswer(models.Model):
    """An accepted answer of a short-text question."""

    question = ParentalKey(
        ShortTextQuestion, on_delete=models.CASCADE, related_name="accepted_answers"
    )
    text = models.CharField(_("accepted answer"), max_length=300)
    fraction = _fraction_field(default=ONE)
    feedback = models.TextField(_("feedback"), blank=True)

    class Meta:
        ordering = ["-fraction", "pk"]
        verbose_name = _("accepted answer")
        verbose_name_plural = _("accepted answers")

    def __str__(self):
        return self.text


class NumericQuestion(Question):
    """Type a number; answers are a value with a tolerance, or a range."""

    type_label = _("Number")
    kind = "numeric"
    answer_relations = ("numeric_answers",)
    input_template = "quizzes/inputs/number.html"

    class Meta:
        verbose_name = _("numeric question")

    def clean_answer(self, raw):
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        text = str(raw).strip().replace(" ", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            self._refuse(gettext("Please enter a number, for example 12 or 3.5."))
        if not number.is_finite():
            self._refuse(gettext("Please enter a number, for example 12 or 3.5."))
        return str(number)

    def grade(self, value) -> Grade:
        number = Decimal(value)
        matches = [a for a in self.numeric_answers.all() if a.accepts(number)]
        if not matches:
            return Grade(ZERO)
        best = max(matches, key=lambda answer: answer.fraction)
        return Grade(clamp(best.fraction, self.penalty_floor), best.feedback)

    def correct_answer(self) -> str:
        return str(max(self.numeric_answers.all(), key=lambda a: a.fraction))

    def create_answers(self, parsed) -> None:
        for given in parsed.numeric_answers:
            if given.value is None and given.minimum is None:
                # "Any other number" (GIFT ~#..., XML *) is worth nothing:
                # grading already gives zero to numbers no answer accepts.
                continue
            answer = NumericAnswer(
                question=self,
                value=given.value,
                tolerance=given.tolerance,
                minimum=given.minimum,
                maximum=given.maximum,
                fraction=stored_fraction(given.fraction),
                feedback=given.feedback,
            )
            answer.full_clean(exclude=["question"])
            answer.save()

    def add_answers_to(self, parsed) -> None:
        from lms.quizzes.formats.schema import ParsedNumericAnswer

        def plain(number):
            return None if number is None else number.normalize()

        parsed.numeric_answers = [
            ParsedNumericAnswer(
                fraction=a.fraction.normalize(),
                value=plain(a.value),
                tolerance=a.tolerance.normalize(),
                minimum=plain(a.minimum),
                maximum=plain(a.maximum),
                feedback=a.feedback,
            )
            for a in self.numeric_answers.all()
        ]


class NumericAnswer(models.Model):
    """An accepted number (value ± tolerance) or range of a numeric question."""

    question = ParentalKey(
        NumericQuestion, on_delete=models.CASCADE, related_name="numeric_answers"
    )
    value = models.DecimalField(
        _("value"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=20,
        decimal_places=6,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    minimum = models.DecimalField(
        _("minimum"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    maximum = models.DecimalField(
        _("maximum"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    fraction = _fraction_field(default=ONE)
    feedback = models.TextField(_("feedback"), blank=True)

    class Meta:
        ordering = ["-fraction", "pk"]
        verbose_name = _("numeric answer")
        verbose_name_plural = _("numeric answers")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        value__isnull=False, minimum__isnull=True, maximum__isnull=True
                    )
                    | models.Q(
                        value__isnull=True, minimum__isnull=False, maximum__isnull=False
                    )
                ),
                name="numeric_answer_value_or_range",
            )
        ]

    def __str__(self):
        if self.value is not None:
            if self.tolerance:
                return f"{self.value.normalize()} ± {self.tolerance.normalize()}"
            return f"{self.value.normalize()}"
        return f"{self.minimum.normalize()} – {self.maximum.normalize()}"

    def clean(self):
        if self.value is None and (self.minimum is None or self.maximum is None):
            raise ValidationError(_("Give either a value or both ends of a range."))
        bounded = self.minimum is not None and self.maximum is not None
        if bounded and self.minimum > self.maximum:
            raise ValidationError(_("The minimum must not exceed the maximum."))

    def accepts(self, number: Decimal) -> bool:
        """Whether ``number`` falls within this answer."""
        if self.value is not None:
            return abs(number - self.value) <= self.tolerance
        return self.minimum <= number <= self.maximum


class MatchingQuestion(Question):
    """Match each prompt to its answer; extra answers may be distractors."""

    type_label = _("Matching")
    kind = "matching"
    answer_relations = ("pairs",)
    input_template = "quizzes/inputs/matching.html"

    class Meta:
        verbose_name = _("matching question")

    def _pairs(self):
        return list(self.pairs.all())

    def _answer_options(self, seed: int) -> list[tuple[str, int]]:
        """Distinct answer texts, always shuffled, as (text, pair id).

        The learner picks an answer by its place in this list, never by a pair
        id: ids follow the order pairs were written in and would give the
        matching away. The texts are sorted before shuffling, so what the page
        shows does not depend on which prompt each answer belongs to.
        """
        first_pair = {}
        for pair in self._pairs():
            first_pair.setdefault(pair.answer, pair.pk)
        options = sorted(first_pair.items())
        self.presentation_rng(seed).shuffle(options)
        return options

    def input_context(self, *, value, seed: int, shuffle: bool) -> dict:
        answers = self._answer_options(seed)
        token_for_text = {text: str(n) for n, (text, _pk) in enumerate(answers, 1)}
        text_for_pk = {pair.pk: pair.answer for pair in self._pairs()}
        prompts = [pair for pair in self._pairs() if pair.prompt]
        if shuffle:
            self.presentation_rng(seed + 1).shuffle(prompts)
        value = value or {}
        rows = [
            {
                "name": f"{self.field_name}-{pair.pk}",
                "prompt": self.rich(pair.prompt),
                "selected": token_for_text.get(
                    text_for_pk.get(value.get(str(pair.pk))), ""
                ),
            }
            for pair in prompts
        ]
        options = [
            {"value": str(n), "label": self.plain(text)}
            for n, (text, _pk) in enumerate(answers, 1)
        ]
        return {"rows": rows, "options": options}

    def raw_from_form(self, data, *, seed: int, shuffle: bool):
        pair_for_token = {
            str(n): pk for n, (_text, pk) in enumerate(self._answer_options(seed), 1)
        }
        raw = {}
        for pair in self._pairs():
            token = data.get(f"{self.field_name}-{pair.pk}", "")
            if pair.prompt and token:
                # An unknown token becomes an id no pair has: clean_answer refuses it.
                raw[str(pair.pk)] = pair_for_token.get(token, 0)
        return raw

    def answer_display(self, value) -> str:
        text_for_pk = {pair.pk: pair.answer for pair in self._pairs()}
        return "; ".join(
            f"{self.plain(pair.prompt)} → "
            f"{self.plain(text_for_pk.get((value or {}).get(str(pair.pk)), '—'))}"
            for pair in self._pairs()
            if pair.prompt
        )

    def clean_answer(self, raw):
        if not raw:
            return None
        if not isinstance(raw, dict):
            self._refuse()
        pairs = self._pairs()
        prompts = {pair.pk for pair in pairs if pair.prompt}
        answers = {pair.pk for pair in pairs}
        cleaned = {}
        for prompt_id, answer_id in raw.items():
            if answer_id in (None, ""):
                continue
            prompt_pk, answer_pk = _id(prompt_id), _id(answer_id)
            if prompt_pk not in prompts or answer_pk not in answers:
                self._refuse()
            cleaned[str(prompt_pk)] = answer_pk
        return cleaned or None

    def grade(self, value) -> Grade:
        pairs = self._pairs()
        answer_text = {pair.pk: pair.answer for pair in pairs}
        real = [pair for pair in pairs if pair.prompt]
        right = sum(
            1
            for pair in real
            # Two prompts may share an answer text: matching the text is right.
            if answer_text.get(value.get(str(pair.pk))) == pair.answer
        )
        return Grade(clamp(Decimal(right) / Decimal(len(real)), self.penalty_floor))

    def correct_answer(self) -> str:
        return "; ".join(
            f"{self.plain(p.prompt)} → {self.plain(p.answer)}"
            for p in self._pairs()
            if p.prompt
        )

    def create_answers(self, parsed) -> None:
        rows = [(pair.prompt, pair.answer) for pair in parsed.pairs]
        rows += [("", distractor) for distractor in parsed.distractors]
        MatchingPair.objects.bulk_create(
            MatchingPair(question=self, prompt=prompt, answer=answer, sort_order=order)
            for order, (prompt, answer) in enumerate(rows)
        )

    def add_answers_to(self, parsed) -> None:
        from lms.quizzes.formats.schema import ParsedPair

        pairs = self._pairs()
        parsed.pairs = [ParsedPair(p.prompt, p.answer) for p in pairs if p.prompt]
        parsed.distractors = [p.answer for p in pairs if not p.prompt]


class MatchingPair(models.Model):
    """A prompt and its answer; a pair with no prompt is a distractor answer."""

    question = ParentalKey(
        MatchingQuestion, on_delete=models.CASCADE, related_name="pairs"
    )
    prompt = models.TextField(_("prompt"), blank=True)
    answer = models.CharField(_("answer"), max_length=300)
    sort_order = models.PositiveIntegerField(default=0)

    sort_order_field = "sort_order"

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("matching pair")
        verbose_name_plural = _("matching pairs")

    def __str__(self):
        return f"{self.prompt} → {self.answer}"


class OrderingQuestion(Question):
    """Put the items in order; credit for each item in its right place."""

    type_label = _("Ordering")
    kind = "ordering"
    answer_relations = ("items",)
    input_template = "quizzes/inputs/ordering.html"

    class Meta:
        verbose_name = _("ordering question")

    def clean_answer(self, raw):
        if not raw:
            return None
        order = _ids(raw)
        if sorted(order) != sorted(item.pk for item in self.items.all()):
            self._refuse(gettext("Place every item exactly once."))
        return order

    def grade(self, value) -> Grade:
        expected = [item.pk for item in self.items.all()]
        placed = sum(
            1 for given, right in zip(value, expected, strict=True) if given == right
        )
        return Grade(
            clamp(Decimal(placed) / Decimal(len(expected)), self.penalty_floor)
        )

    def correct_answer(self) -> str:
        return " → ".join(self.plain(item.text) for item in self.items.all())

    def _shown_items(self, seed: int) -> list:
        """The items in the order the learner sees them: always shuffled.

        They are sorted by text first, so the order shown says nothing of the
        right one; form fields are named by place in this list, not by item
        id, because ids follow the right order.
        """
        items = sorted(self.items.all(), key=lambda item: (item.text, item.pk))
        self.presentation_rng(seed).shuffle(items)
        return items

    def input_context(self, *, value, seed: int, shuffle: bool) -> dict:
        items = self._shown_items(seed)
        place = {pk: str(n) for n, pk in enumerate(value or [], 1)}
        rows = [
            {
                "name": f"{self.field_name}-{n}",
                "text": self.rich(item.text),
                "selected": place.get(item.pk, ""),
            }
            for n, item in enumerate(items, 1)
        ]
        positions = [str(n) for n in range(1, len(items) + 1)]
        return {"rows": rows, "positions": positions}

    def raw_from_form(self, data, *, seed: int, shuffle: bool):
        items = self._shown_items(seed)
        chosen = [
            data.get(f"{self.field_name}-{n}", "") for n in range(1, len(items) + 1)
        ]
        if not any(chosen):
            return None
        expected = [str(n) for n in range(1, len(items) + 1)]
        if sorted(chosen) != expected:
            self._refuse(gettext("Place every item exactly once."))
        by_place = sorted(
            zip(chosen, items, strict=True), key=lambda pair: int(pair[0])
        )
        return [item.pk for _place, item in by_place]

    def answer_display(self, value) -> str:
        text = {item.pk: self.plain(item.text) for item in self.items.all()}
        return " → ".join(text.get(pk, "?") for pk in value or [])

    def create_answers(self, parsed) -> None:
        OrderingItem.objects.bulk_create(
            OrderingItem(question=self, text=text, position=position)
            for position, text in enumerate(parsed.items)
        )

    def add_answers_to(self, parsed) -> None:
        parsed.items = [item.text for item in self.items.all()]


class OrderingItem(models.Model):
    """An item of an ordering question; ``position`` is its right place."""

    question = ParentalKey(
        OrderingQuestion, on_delete=models.CASCADE, related_name="items"
    )
    text = models.CharField(_("text"), max_length=300)
    position = models.PositiveIntegerField(_("position"), default=0)

    # Reordering the items in the admin sets the right order.
    sort_order_field = "position"

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("ordering item")
        verbose_name_plural = _("ordering items")

    def __str__(self):
        return self.text
