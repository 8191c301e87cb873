"""Quizzes in course packages: module assessments and the final assessment."""

from decimal import Decimal

import pytest
import yaml
from django.utils import translation

from courses.models import CoursePage, ModulePage
from courses.packages import CoursePackageError
from lms.quizzes.attempts import attempt_save_answer, attempt_start, attempt_submit
from lms.quizzes.models import Question, Quiz, QuizDraw
from tests.courses.package_files import load, write
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _text(en, ar=None):
    return {"en": en, "ar": ar or f"{en} (ar)"}


QUESTIONS = [
    {
        "name": "m1-single",
        "type": "single_choice",
        "prompt": _text("How long does a patent last?"),
        "general_feedback": _text("TRIPS Article 33."),
        "choices": [
            {"text": _text("20 years"), "correct": True, "feedback": _text("Right.")},
            {"text": _text("5 years"), "feedback": _text("Too short.")},
            {"text": _text("Forever"), "feedback": _text("No.")},
        ],
    },
    {
        "name": "m1-multiple",
        "type": "multiple_response",
        "prompt": _text("Which are conditions of patentability?"),
        "choices": [
            {"text": _text("Novelty"), "correct": True},
            {"text": _text("Inventive step"), "correct": True},
            {"text": _text("Registration as a company")},
        ],
    },
    {
        "name": "m1-true-false",
        "type": "true_false",
        "prompt": _text("A patent is valid worldwide."),
        "correct": False,
        "feedback_true": _text("No: patents are territorial."),
        "feedback_false": _text("Right: patents are territorial."),
    },
    {
        "name": "m1-short",
        "type": "short_text",
        "prompt": _text("Which treaty gives the 12-month priority right?"),
        "answers": [
            {"text": {"en": "Paris Convention", "ar": "اتفاقية باريس"}},
            {"text": {"en": "Paris", "ar": "باريس"}},
        ],
    },
    {
        "name": "m1-numeric",
        "type": "numeric",
        "prompt": _text("How many months is the priority period for patents?"),
        "answers": [{"value": 12, "feedback": _text("Twelve months.")}],
    },
    {
        "name": "m1-matching",
        "type": "matching",
        "prompt": _text("Match each right to what it protects."),
        "pairs": [
            {"prompt": _text("Patent"), "answer": _text("Inventions")},
            {"prompt": _text("Trademark"), "answer": _text("Signs")},
            {"prompt": _text("Copyright"), "answer": _text("Works")},
        ],
        "distractors": [_text("Ideas")],
    },
    {
        "name": "m1-ordering",
        "type": "ordering",
        "prompt": _text("Put the steps in order."),
        "items": [_text("Search"), _text("File"), _text("Publish")],
    },
]


def _module_quiz(root, questions=None, **extra):
    write(
        root / "01-basics" / "quiz.yaml",
        {
            "title": _text("Module assessment: basics"),
            "pass_mark": 70,
            "questions": questions or QUESTIONS,
            **extra,
        },
    )


def _final(root, count=3):
    write(
        root / "final.yaml",
        {
            "title": _text("Final assessment"),
            "draw": 2,
            "max_attempts": 3,
            "time_limit_minutes": 30,
            "questions": [
                {
                    "name": f"final-{number}",
                    "type": "true_false",
                    "prompt": _text(f"Statement {number}"),
                    "correct": True,
                }
                for number in range(count)
            ],
        },
    )


def _claim(root, languages):
    course_file = root / "course.yaml"
    data = yaml.safe_load(course_file.read_text(encoding="utf-8"))
    write(course_file, {**data, "languages": languages})


class TestModuleAssessment:
    def test_every_question_type_is_stored_with_its_translations(self, package):
        _module_quiz(package)
        load(package)
        module = ModulePage.objects.get(slug_en="basics")
        quiz = Quiz.objects.get(assessment_of=module)
        assert quiz.course == CoursePage.objects.get()
        assert quiz.pass_mark == 70
        questions = [row.question for row in quiz.fixed.all()]
        assert [q.name for q in questions] == [q["name"] for q in QUESTIONS]
        assert [q.get_real_instance().kind for q in questions] == [
            q["type"] for q in QUESTIONS
        ]
        single = Question.objects.get(name="m1-single")
        assert single.prompt_ar == "How long does a patent last? (ar)"
        assert [c.fraction for c in single.choices.all()] == [1, 0, 0]
        assert single.choices.first().feedback_ar == "Right. (ar)"
        multiple = Question.objects.get(name="m1-multiple")
        assert [c.fraction for c in multiple.choices.all()] == [
            Decimal("0.5"),
            Decimal("0.5"),
            Decimal("-0.5"),
        ]
        true_false = Question.objects.get(name="m1-true-false")
        assert true_false.correct is False
        assert true_false.feedback_false_ar == "Right: patents are territorial. (ar)"
        matching = Question.objects.get(name="m1-matching")
        assert [p.prompt for p in matching.pairs.all()] == [
            "Patent",
            "Trademark",
            "Copyright",
            "",
        ]
        ordering = Question.objects.get(name="m1-ordering")
        assert [i.text for i in ordering.items.all()] == ["Search", "File", "Publish"]

    def test_a_learner_answering_in_arabic_is_graded_in_arabic(self, package):
        _module_quiz(package)
        load(package)
        quiz = Quiz.objects.get(assessment_of__isnull=False)
        learner = UserFactory()
        short = Question.objects.get(name="m1-short")
        attempt = attempt_start(quiz=quiz, user=learner)
        with translation.override("ar"):
            attempt_save_answer(attempt=attempt, question_id=short.pk, raw="باريس")
            attempt_submit(attempt=attempt)
        answer = attempt.answers.get(question=short)
        assert answer.fraction == 1

    def test_second_load_changes_nothing(self, package):
        _module_quiz(package)
        _final(package)
        load(package)
        before = _rows()
        report = load(package)
        assert _rows() == before
        assert report.created == [] and report.updated == []

    def test_edited_text_updates_the_same_rows(self, package):
        _module_quiz(package)
        load(package)
        choice_ids = list(
            Question.objects.get(name="m1-single").choices.values_list("pk", flat=True)
        )
        edited = [dict(q) for q in QUESTIONS]
        edited[0] = {**edited[0], "prompt": _text("For how long is a patent granted?")}
        _module_quiz(package, edited)
        load(package)
        single = Question.objects.get(name="m1-single")
        assert single.prompt_en == "For how long is a patent granted?"
        assert list(single.choices.values_list("pk", flat=True)) == choice_ids

    def test_answered_question_cannot_change_its_right_answer(self, package):
        _module_quiz(package)
        load(package)
        quiz = Quiz.objects.get(assessment_of__isnull=False)
        single = Question.objects.get(name="m1-single")
        attempt = attempt_start(quiz=quiz, user=UserFactory())
        attempt_save_answer(
            attempt=attempt, question_id=single.pk, raw=single.choices.first().pk
        )
        edited = [dict(q) for q in QUESTIONS]
        choices = [dict(c) for c in edited[0]["choices"]]
        choices[0].pop("correct")
        choices[1]["correct"] = True
        edited[0] = {**edited[0], "choices": choices}
        _module_quiz(package, edited)
        with pytest.raises(CoursePackageError, match="m1-single"):
            load(package)
        assert [c.fraction for c in single.choices.all()] == [1, 0, 0]


class TestFinalAssessment:
    def test_draws_from_the_final_questions_only(self, package):
        _module_quiz(package)
        _final(package, count=4)
        load(package)
        course = CoursePage.objects.get()
        final = Quiz.objects.get(assessment_of=course)
        draw = QuizDraw.objects.get(quiz=final)
        assert (draw.count, draw.tag) == (2, "final")
        tagged = set(
            Question.objects.filter(tags__name="final").values_list("name", flat=True)
        )
        assert tagged == {f"final-{n}" for n in range(4)}
        assert final.max_attempts == 3 and final.shuffle_questions

    def test_a_question_left_out_leaves_the_draw(self, package):
        _final(package, count=4)
        load(package)
        _final(package, count=3)
        load(package)
        assert not Question.objects.filter(name="final-3", tags__name="final").exists()
        assert Question.objects.filter(name="final-3").exists()


class TestBadQuizFiles:
    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"type": "essay"}, "unknown type 'essay'"),
            ({"choices": [{"text": _text("A")}, {"text": _text("B")}]}, "right choice"),
            ({"name": "m1-multiple"}, "used twice"),
            ({"prompt": {"ar": "بلا إنجليزية"}}, "needs English text"),
        ],
    )
    def test_problem_loads_nothing(self, package, change, message):
        broken = [dict(q) for q in QUESTIONS]
        broken[0] = {**broken[0], **change}
        _module_quiz(package, broken)
        with pytest.raises(CoursePackageError, match=message) as error:
            load(package)
        assert "01-basics/quiz.yaml" in error.value.problems[0]
        assert not CoursePage.objects.exists()
        assert not Question.objects.exists()

    def test_a_claimed_language_missing_from_feedback_is_refused(self, package):
        _claim(package, ["en", "ar"])
        write(
            package / "01-basics" / "module.yaml",
            {"slug": {"en": "basics", "ar": "asasiyat"}, "title": _text("Basics")},
        )
        broken = [dict(q) for q in QUESTIONS]
        broken[2] = {**broken[2], "feedback_true": {"en": "Only English."}}
        _module_quiz(package, broken)
        with pytest.raises(CoursePackageError) as error:
            load(package)
        assert any(
            "quiz.yaml: 'm1-true-false: feedback_true' has no text in ar" in problem
            for problem in error.value.problems
        )
        assert not Quiz.objects.exists()

    def test_draw_larger_than_the_bank_is_refused(self, package):
        _final(package, count=1)
        with pytest.raises(CoursePackageError, match="draw"):
            load(package)


def _rows():
    from lms.quizzes.models import Choice, MatchingPair, OrderingItem, QuizQuestion

    return [
        sorted(model.objects.values_list("pk", flat=True))
        for model in (Question, Choice, MatchingPair, OrderingItem, Quiz, QuizQuestion)
    ] + [sorted(QuizDraw.objects.values_list("pk", "count"))]
