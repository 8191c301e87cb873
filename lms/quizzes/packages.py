"""Quizzes of a course package, loaded with its pages.

A module directory's ``quiz.yaml`` is that module's assessment; the course's
``final.yaml`` is its final assessment, drawn at random from the questions the
file holds. The format is documented in ``courses/content/README.md``.

``courses`` sends ``course_package_loaded`` inside the transaction that loads
the pages; this module reads the quiz files then, reports every problem to the
package reader (which undoes the whole load) and otherwise writes only what
changed, so loading twice changes nothing. Questions are found again by their
``name`` in the course's bank. A question learners have answered keeps its
answers' rows: its texts may change, the shape of its answers may not.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.dispatch import receiver
from django.utils.translation import gettext as _

from courses.models import CoursePage
from courses.packages import PackageReader
from courses.signals import course_package_loaded
from lms.core.translated_fields import translated_fields_assign

from .grading import ONE, ZERO, stored_fraction
from .models import (
    AttemptAnswer,
    Question,
    QuestionBank,
    Quiz,
    QuizDraw,
    QuizQuestion,
    ReviewTiming,
)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
FINAL_TAG = "final"
MODULE_FILE = "quiz.yaml"
FINAL_FILE = "final.yaml"


@dataclass
class _Row:
    """One answer row of a question (a choice, a pair, an item...)."""

    translated: dict[str, dict]
    plain: dict = field(default_factory=dict)


@dataclass
class _QuestionSpec:
    name: str
    kind: str
    translated: dict[str, dict]
    plain: dict
    rows: list[_Row]


@dataclass
class _QuizSpec:
    translated: dict[str, dict]
    plain: dict
    questions: list[_QuestionSpec]
    draw: int = 0


class _QuizFileReader:
    """Turns one quiz file into a _QuizSpec, reporting problems to the reader."""

    def __init__(self, reader: PackageReader, path: Path, names: set):
        self.reader = reader
        self.path = path
        self.names = names

    def problem(self, message: str) -> None:
        self.reader.problem(self.path, message)

    def text(self, data, name: str, label: str, *, required=True) -> dict:
        if not isinstance(data, dict):
            self.problem(_("%(label)s must be a mapping") % {"label": label})
            return {}
        return self.reader.translated(
            self.path, data, name, required=required, label=label
        )

    def whole(self, data, name: str, default, minimum: int, maximum: int):
        value = data.get(name, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(_("'%(field)s' must be a whole number") % {"field": name})
            return default
        if not minimum <= value <= maximum:
            self.problem(
                _("'%(field)s' must be between %(minimum)d and %(maximum)d")
                % {"field": name, "minimum": minimum, "maximum": maximum}
            )
        return value

    def quiz(self, *, final: bool) -> _QuizSpec | None:
        data = self.reader.load_yaml(self.path)
        if data is None:
            return None
        spec = _QuizSpec(
            translated={
                "title": self.text(data, "title", "title"),
                "instructions": self.text(
                    data, "instructions", "instructions", required=False
                ),
            },
            plain={
                "pass_mark": self.whole(data, "pass_mark", 70, 0, 100),
                "time_limit_minutes": self.whole(
                    data, "time_limit_minutes", None, 1, 600
                ),
                "max_attempts": self.whole(data, "max_attempts", None, 1, 100),
            },
            questions=[],
        )
        questions = data.get("questions")
        if not isinstance(questions, list) or not questions:
            self.problem(_("'questions' must be a non-empty list"))
            return spec
        for number, item in enumerate(questions, start=1):
            question = self.question(item, number)
            if question is not None:
                spec.questions.append(question)
        if final:
            spec.draw = self.whole(data, "draw", len(questions), 1, len(questions))
        return spec

    def question(self, data, number: int) -> _QuestionSpec | None:
        if not isinstance(data, dict):
            self.problem(
                _("question %(number)d must be a mapping") % {"number": number}
            )
            return None
        name = data.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            self.problem(_("question %(number)d needs a name") % {"number": number})
            return None
        if name in self.names:
            self.problem(
                _("question name '%(name)s' is used twice in the course")
                % {"name": name}
            )
            return None
        self.names.add(name)
        kind = data.get("type")
        build = getattr(self, f"_{kind}", None) if isinstance(kind, str) else None
        if build is None:
            self.problem(
                _("question '%(name)s' has an unknown type '%(type)s'")
                % {"name": name, "type": kind}
            )
            return None
        translated = {
            "prompt": self.text(data, "prompt", name),
            "general_feedback": self.text(
                data, "general_feedback", name, required=False
            ),
        }
        if kind == "true_false":
            for key in ("feedback_true", "feedback_false"):
                translated[key] = self.text(data, key, name, required=False)
        plain, rows = build(name, data)
        return _QuestionSpec(name, kind, translated, plain, rows)

    def _list(self, name: str, data: dict, key: str, minimum: int) -> list:
        value = data.get(key)
        if not isinstance(value, list) or len(value) < minimum:
            self.problem(
                _("question '%(name)s' needs at least %(count)d %(key)s")
                % {"name": name, "count": minimum, "key": key}
            )
            return []
        return value

    def _choices(self, name: str, data: dict, *, single: bool):
        choices = self._list(name, data, "choices", 2)
        right = [c for c in choices if isinstance(c, dict) and c.get("correct") is True]
        if choices and single and len(right) != 1:
            self.problem(
                _("question '%(name)s' needs exactly one right choice") % {"name": name}
            )
        if choices and not right:
            self.problem(_("question '%(name)s' needs a right choice") % {"name": name})
        share = stored_fraction(ONE / len(right)) if right else ZERO
        rows = []
        for order, choice in enumerate(choices):
            label = f"{name}, choice {order + 1}"
            correct = isinstance(choice, dict) and choice.get("correct") is True
            if single:
                fraction = ONE if correct else ZERO
            else:
                fraction = share if correct else -share
            rows.append(
                _Row(
                    {
                        "text": self.text(choice, "text", label),
                        "feedback": self.text(
                            choice, "feedback", label, required=False
                        ),
                    },
                    {"fraction": fraction, "sort_order": order},
                )
            )
        return {}, rows

    def _single_choice(self, name, data):
        return self._choices(name, data, single=True)

    def _multiple_response(self, name, data):
        return self._choices(name, data, single=False)

    def _true_false(self, name, data):
        if not isinstance(data.get("correct"), bool):
            self.problem(
                _("question '%(name)s' needs 'correct: true' or 'correct: false'")
                % {"name": name}
            )
        return {"correct": bool(data.get("correct"))}, []

    def _short_text(self, name, data):
        rows = []
        for order, answer in enumerate(self._list(name, data, "answers", 1)):
            label = f"{name}, answer {order + 1}"
            rows.append(
                _Row(
                    {
                        "text": self.text(answer, "text", label),
                        "feedback": self.text(
                            answer, "feedback", label, required=False
                        ),
                    },
                    {"fraction": ONE},
                )
            )
        return {}, rows

    def _numeric(self, name, data):
        rows = []
        for order, answer in enumerate(self._list(name, data, "answers", 1)):
            label = f"{name}, answer {order + 1}"
            values = {}
            for key, default in (("value", None), ("tolerance", 0)):
                raw = answer.get(key, default) if isinstance(answer, dict) else None
                try:
                    values[key] = Decimal(str(raw))
                except (InvalidOperation, ValueError):
                    self.problem(
                        _("%(label)s: '%(field)s' must be a number")
                        % {"label": label, "field": key}
                    )
                    values[key] = ZERO
            rows.append(
                _Row(
                    {"feedback": self.text(answer, "feedback", label, required=False)},
                    {**values, "fraction": ONE},
                )
            )
        return {}, rows

    def _matching(self, name, data):
        rows = []
        for order, pair in enumerate(self._list(name, data, "pairs", 3)):
            label = f"{name}, pair {order + 1}"
            rows.append(
                _Row(
                    {
                        "prompt": self.text(pair, "prompt", label),
                        "answer": self.text(pair, "answer", label),
                    },
                    {"sort_order": order},
                )
            )
        for order, distractor in enumerate(data.get("distractors") or []):
            label = f"{name}, distractor {order + 1}"
            rows.append(
                _Row(
                    {
                        "prompt": {},
                        "answer": self.text({"answer": distractor}, "answer", label),
                    },
                    {"sort_order": len(rows)},
                )
            )
        return {}, rows

    def _ordering(self, name, data):
        rows = []
        for order, item in enumerate(self._list(name, data, "items", 3)):
            label = f"{name}, item {order + 1}"
            rows.append(
                _Row(
                    {"text": self.text({"text": item}, "text", label)},
                    {"position": order},
                )
            )
        return {}, rows


class _Writer:
    """Writes quiz specs for one course, only what changed."""

    def __init__(self, reader: PackageReader, course: CoursePage, report):
        self.reader = reader
        self.course = course
        self.report = report
        self.bank = self._bank()

    def _bank(self) -> QuestionBank:
        # The package's bank is the course's first one; trainers may add others.
        bank = QuestionBank.objects.filter(course=self.course).order_by("pk").first()
        name = self.course.title_en[:200]
        if bank is None:
            return QuestionBank.objects.create(course=self.course, name=name)
        if bank.name != name:
            bank.name = name
            bank.save(update_fields=["name"])
        return bank

    def question(self, path: Path, spec: _QuestionSpec) -> Question | None:
        model = Question.type_for_kind(spec.kind)
        question = Question.objects.filter(bank=self.bank, name=spec.name).first()
        answered = (
            question is not None
            and AttemptAnswer.objects.filter(question=question).exists()
        )
        if question is not None and question.kind != spec.kind:
            self.reader.problem(
                path,
                _(
                    "question '%(name)s' cannot change its type: learners' "
                    "answers refer to it; give the new question a new name"
                )
                % {"name": spec.name},
            )
            return None
        created = question is None
        if created:
            question = model(bank=self.bank, name=spec.name)
        plain = {"prompt_format": "plain", **spec.plain}
        if answered and "correct" in plain and plain["correct"] != question.correct:
            self._shape_problem(path, spec)
            return None
        if translated_fields_assign(question, spec.translated, plain) or created:
            question.full_clean(exclude=["bank"])
            question.save()
        self._rows(path, question, spec, answered=answered)
        return question

    def _shape_problem(self, path: Path, spec: _QuestionSpec) -> None:
        self.reader.problem(
            path,
            _(
                "question '%(name)s' has been answered by learners: its texts "
                "may change, but not its answers or which of them are right; "
                "give the new question a new name"
            )
            % {"name": spec.name},
        )

    def _rows(self, path, question, spec: _QuestionSpec, *, answered: bool) -> None:
        if not question.answer_relations:
            return
        relation = getattr(question, question.answer_relations[0])
        existing = list(relation.all())
        if answered:
            shape = [tuple(row.plain.items()) for row in spec.rows]
            stored = [
                tuple((key, getattr(instance, key)) for key, _value in wanted)
                for instance, wanted in zip(existing, shape, strict=False)
            ]
            if len(existing) != len(spec.rows) or stored != shape:
                self._shape_problem(path, spec)
                return
        elif len(existing) != len(spec.rows):
            relation.all().delete()
            existing = []
        model = relation.model
        for index, row in enumerate(spec.rows):
            instance = existing[index] if existing else model(question=question)
            changed = translated_fields_assign(instance, row.translated, row.plain)
            if changed or not existing:
                instance.save()

    def quiz(self, path: Path, spec: _QuizSpec, page, *, final: bool) -> Quiz:
        questions = [self.question(path, question) for question in spec.questions]
        quiz = Quiz.objects.filter(assessment_of=page).first()
        created = quiz is None
        if created:
            quiz = Quiz(assessment_of=page)
        plain = {**spec.plain, "course": self.course}
        if final:
            plain.update(
                shuffle_questions=True,
                show_right_answers=ReviewTiming.AFTER_LAST_ATTEMPT,
            )
        if translated_fields_assign(quiz, spec.translated, plain) or created:
            quiz.full_clean()
            quiz.save()
            (self.report.created if created else self.report.updated).append(quiz.title)
        if None in questions:
            return quiz
        if final:
            self._draw(quiz, questions, spec.draw)
        else:
            self._fixed(quiz, questions)
        return quiz

    def _fixed(self, quiz: Quiz, questions: list[Question]) -> None:
        wanted = [question.pk for question in questions]
        current = list(quiz.fixed.order_by("sort_order", "pk"))
        if [row.question_id for row in current] == wanted:
            return
        quiz.fixed.all().delete()
        QuizQuestion.objects.bulk_create(
            QuizQuestion(quiz=quiz, question_id=pk, sort_order=order)
            for order, pk in enumerate(wanted)
        )

    def _draw(self, quiz: Quiz, questions: list[Question], count: int) -> None:
        wanted = {question.pk for question in questions}
        tagged = set(
            Question.objects.filter(bank=self.bank, tags__name=FINAL_TAG).values_list(
                "pk", flat=True
            )
        )
        for question in questions:
            if question.pk not in tagged:
                question.tags.add(FINAL_TAG)
        for pk in tagged - wanted:
            Question.objects.get(pk=pk).tags.remove(FINAL_TAG)
        draws = list(quiz.draws.all())
        if len(draws) == 1 and (draws[0].bank_id, draws[0].tag, draws[0].count) == (
            self.bank.pk,
            FINAL_TAG,
            count,
        ):
            return
        quiz.draws.all().delete()
        QuizDraw.objects.create(quiz=quiz, bank=self.bank, tag=FINAL_TAG, count=count)


@receiver(course_package_loaded)
def package_quizzes_load(sender, *, course, directory, modules, reader, report, **kw):
    """Load the package's module assessments and final assessment, if it has them."""
    names: set = set()
    files = [(folder / MODULE_FILE, module, False) for folder, module in modules]
    files.append((directory / FINAL_FILE, course, True))
    specs = []
    for path, page, final in files:
        if path.is_file():
            spec = _QuizFileReader(reader, path, names).quiz(final=final)
            if spec is not None:
                specs.append((path, spec, page, final))
    if reader.problems or not specs:
        return
    writer = _Writer(reader, course, report)
    for path, spec, page, final in specs:
        writer.quiz(path, spec, page, final=final)
