"""Demo quizzes for the trade-secrets course, so a newcomer sees the whole flow.

``load_demo`` calls ``demo_quizzes_ensure``: it imports a GIFT bank, places a
short check in a lesson, a module assessment and a final assessment drawn at
random, and gives the two demo learners an attempt each. Safe to run again.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from courses.models import CoursePage, LessonPage, ModulePage

from .attempts import attempt_save_answer, attempt_start, attempt_submit
from .formats.gift import gift_parse
from .models import Question, QuestionBank, Quiz, QuizDraw, QuizQuestion, ReviewTiming
from .selectors import questions_with_answers
from .services import questions_import

CONTENT = Path(__file__).parent / "demo_content"
BANK = "Trade secrets"
COURSE_SLUG = "trade-secrets"

TITLES = {
    "check": {
        "en": "Quick check: what is a trade secret?",
        "fr": "Vérification rapide : qu'est-ce qu'un secret d'affaires ?",
        "es": "Comprobación rápida: ¿qué es un secreto comercial?",
        "ar": "تحقق سريع: ما السر التجاري؟",
        "zh_hans": "快速检测：什么是商业秘密？",
        "ru": "Быстрая проверка: что такое коммерческая тайна?",
    },
    "module": {
        "en": "Module assessment: what a trade secret is",
        "fr": "Évaluation du module : ce qu'est un secret d'affaires",
        "es": "Evaluación del módulo: qué es un secreto comercial",
        "ar": "تقييم الوحدة: ما السر التجاري",
        "zh_hans": "单元测评：什么是商业秘密",
        "ru": "Оценка модуля: что такое коммерческая тайна",
    },
    "final": {
        "en": "Final assessment: trade secrets",
        "fr": "Évaluation finale : les secrets d'affaires",
        "es": "Evaluación final: secretos comerciales",
        "ar": "التقييم النهائي: الأسرار التجارية",
        "zh_hans": "结业测评：商业秘密",
        "ru": "Итоговая оценка: коммерческая тайна",
    },
}


def _titled(key: str) -> dict:
    return {f"title_{code}": text for code, text in TITLES[key].items()}


def _bank(course) -> QuestionBank:
    if not QuestionBank.objects.filter(name=BANK).exists():
        text = (CONTENT / "trade-secrets.gift").read_text(encoding="utf-8")
        questions_import(bank_name=BANK, result=gift_parse(text))
    bank = QuestionBank.objects.get(name=BANK)
    if bank.course_id != course.pk:
        bank.course = course
        bank.save(update_fields=["course"])
    return bank


def _quiz(key: str, **fields) -> tuple[Quiz, bool]:
    quiz = Quiz.objects.filter(title_en=TITLES[key]["en"]).first()
    if quiz is not None:
        return quiz, False
    return Quiz.objects.create(**_titled(key), **fields), True


def _fixed(quiz: Quiz, questions) -> None:
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=quiz, question=question, sort_order=order)
        for order, question in enumerate(questions)
    )


def _place_in_lesson(lesson: LessonPage, quiz: Quiz) -> None:
    """Append a quiz block to every language's body of the lesson, once."""
    lesson = lesson.specific
    if any(block.block_type == "quiz" for block in lesson.body_en or []):
        return
    for code, _name in settings.LANGUAGES:
        body = getattr(lesson, build_localized_fieldname("body", code))
        if body:
            body.append(("quiz", {"quiz": quiz, "required": False}))
    lesson.save_revision().publish()


def demo_attempt(quiz: Quiz, user, *, right: bool) -> None:
    """Answer the choice and true/false questions, all right or all wrong."""
    if quiz.attempts.filter(user=user).exists():
        return
    attempt = attempt_start(quiz=quiz, user=user)
    questions = questions_with_answers(attempt.question_ids)
    for question_id in attempt.question_ids:
        question = questions[question_id]
        raw = DEMO_ANSWERS.get(question.kind, lambda q, r: None)(question, right)
        if raw is not None:
            attempt_save_answer(attempt=attempt, question_id=question_id, raw=raw)
    attempt_submit(attempt=attempt)


def _pick(question, right):
    ranked = sorted(question.choices.all(), key=lambda choice: choice.fraction)
    return ranked[-1].pk if right else ranked[0].pk


def _pick_all(question, right):
    chosen = [c.pk for c in question.choices.all() if (c.fraction > 0) == right]
    return chosen


#: How the demo learners answer each kind of question (others are left blank).
DEMO_ANSWERS = {
    "single_choice": _pick,
    "multiple_response": _pick_all,
    "true_false": lambda question, right: question.correct == right,
    "short_text": lambda question, right: question.correct_answer() if right else "?",
    "numeric": lambda question, right: (
        str(max(question.numeric_answers.all(), key=lambda a: a.fraction).value)
        if right
        else "0"
    ),
    # Each prompt matched to its own pair's answer.
    "matching": lambda question, right: (
        {str(p.pk): p.pk for p in question.pairs.all() if p.prompt} if right else None
    ),
}


@transaction.atomic
def demo_quizzes_ensure() -> list[Quiz]:
    with translation.override("en"):
        course = CoursePage.objects.get(slug_en=COURSE_SLUG)
        bank = _bank(course)
        questions = list(Question.objects.filter(bank=bank).order_by("pk"))
        first_module = ModulePage.objects.child_of(course).order_by("path").first()
        lessons = LessonPage.objects.child_of(first_module).order_by("path")

        check, created = _quiz(
            "check", course=course, pass_mark=50, shuffle_choices=True
        )
        if created:
            _fixed(check, questions[:3])
        _place_in_lesson(lessons.last(), check)

        module_quiz, created = _quiz(
            "module",
            course=course,
            assessment_of=first_module,
            pass_mark=70,
            show_right_answers=ReviewTiming.AFTER_LAST_ATTEMPT,
        )
        if created:
            _fixed(module_quiz, questions)

        final, created = _quiz(
            "final",
            course=course,
            assessment_of=course,
            pass_mark=70,
            max_attempts=3,
            time_limit_minutes=20,
            shuffle_questions=True,
            show_right_answers=ReviewTiming.AFTER_LAST_ATTEMPT,
        )
        if created:
            QuizDraw.objects.create(quiz=final, bank=bank, count=6)

        User = get_user_model()
        for username, right in (("amina", True), ("wei", False)):
            user = User.objects.filter(username=username).first()
            if user is not None:
                demo_attempt(module_quiz, user, right=right)
    return [check, module_quiz, final]
