"""Demo quizzes, so a newcomer sees the whole flow.

The course packages bring every module assessment and final assessment
(``quiz.yaml``, ``final.yaml``). ``load_demo`` then calls
``demo_quizzes_ensure``: it places a short, optional check in a lesson of the
first course and gives two demo learners an attempt each. Safe to run again.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from courses.models import CoursePage, LessonPage, ModulePage

from .attempts import attempt_save_answer, attempt_start, attempt_submit
from .models import Quiz, QuizQuestion
from .selectors import questions_with_answers

COURSE_SLUG = "patents-trade-secrets"
#: The module whose lesson gets the quick check (its quiz lends the questions).
CHECK_MODULE_SLUG = "what-a-trade-secret-is"

TITLES = {
    "check": {
        "en": "Quick check: what is a trade secret?",
        "fr": "Vérification rapide : qu'est-ce qu'un secret d'affaires ?",
        "es": "Comprobación rápida: ¿qué es un secreto comercial?",
        "ar": "تحقق سريع: ما السر التجاري؟",
        "zh_hans": "快速检测：什么是商业秘密？",
        "ru": "Быстрая проверка: что такое коммерческая тайна?",
    },
}


def _titled(key: str) -> dict:
    return {f"title_{code}": text for code, text in TITLES[key].items()}


def _check_quiz(course) -> tuple[Quiz, bool]:
    quiz = Quiz.objects.filter(title_en=TITLES["check"]["en"]).first()
    if quiz is not None:
        return quiz, False
    quiz = Quiz.objects.create(
        **_titled("check"), course=course, pass_mark=50, shuffle_choices=True
    )
    return quiz, True


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
    """Answer every question, all right or all wrong."""
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
    # Items in their right order, or reversed.
    "ordering": lambda question, right: [
        item.pk
        for item in (question.items.all() if right else question.items.reverse())
    ],
}


@transaction.atomic
def demo_quizzes_ensure() -> list[Quiz]:
    """The quick check, the first course's assessments, two demo attempts."""
    with translation.override("en"):
        course = CoursePage.objects.filter(slug_en=COURSE_SLUG).first()
        if course is None:
            return []
        modules = list(ModulePage.objects.child_of(course).order_by("path"))
        assessments = {
            quiz.assessment_of_id: quiz
            for quiz in Quiz.objects.filter(assessment_of__in=[*modules, course])
        }
        check_module = next(m for m in modules if m.slug_en == CHECK_MODULE_SLUG)
        check, created = _check_quiz(course)
        if created:
            lent = assessments[check_module.pk].fixed.order_by("sort_order")[:3]
            _fixed(check, [row.question for row in lent])
        lessons = LessonPage.objects.child_of(check_module).order_by("path")
        _place_in_lesson(lessons.last(), check)

        first_assessment = assessments[modules[0].pk]
        User = get_user_model()
        for username, right in (("amina", True), ("wei", False)):
            user = User.objects.filter(username=username).first()
            if user is not None:
                demo_attempt(first_assessment, user, right=right)
    return [
        check,
        *(assessments[m.pk] for m in modules if m.pk in assessments),
        assessments[course.pk],
    ]
