"""Writes of enrolments and completions, each in one transaction.

Every record is unique per learner and item in the database; services create
them with ``get_or_create``/``ignore_conflicts`` so that concurrent requests
(two tabs, a double click, a quiz submitted while a lesson is marked done)
record each completion once and announce a course completion once.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.models import Page

from courses.models import CoursePage, LessonPage, ModulePage
from lms.quizzes.models import Quiz
from lms.quizzes.selectors import quiz_grades

from .anonymous import SessionProgress
from .models import CourseCompletion, Enrolment, LessonCompletion, ModuleCompletion
from .rules import CourseProgress, CourseStructure, course_progress_evaluate
from .selectors import course_structure, learner_records
from .signals import course_completed


def _titles(pages) -> str:
    # Quotation marks differ by language (“…”, « … », «…», 「…」).
    separator = pgettext("list separator", ", ")
    return separator.join(
        pgettext("quoted title", "“%(title)s”") % {"title": page.title}
        for page in pages
    )


def live_course_of(lesson_or_module) -> CoursePage:
    """The course above a live lesson or module, refusing anything unpublished."""
    ancestors = list(
        Page.objects.ancestor_of(lesson_or_module, inclusive=True)
        .filter(depth__gt=1)
        .order_by("depth")
    )
    if not all(page.live for page in ancestors):
        raise ValidationError(_("This page is not published."))
    course = next(
        (page for page in ancestors if page.specific_class is CoursePage), None
    )
    if course is None:
        raise ValidationError(_("This page is not part of a course."))
    return CoursePage.objects.get(pk=course.pk)


def course_lock_check(progress: CourseProgress) -> None:
    """Refuse a locked course, saying which courses unlock it."""
    if progress.locked_by:
        raise ValidationError(
            _("Complete %(courses)s first to unlock this course.")
            % {"courses": _titles(progress.locked_by)}
        )


def module_lock_check(progress: CourseProgress, module_id: int) -> None:
    """Refuse a locked course or module, saying what unlocks it."""
    course_lock_check(progress)
    module = progress.modules.get(module_id)
    if module is not None and module.locked_by:
        raise ValidationError(
            _("Complete %(modules)s first to unlock this module.")
            % {"modules": _titles(module.locked_by)}
        )


def lesson_check(
    *, lesson: LessonPage, structure: CourseStructure, progress: CourseProgress, user
) -> None:
    """Refuse a lesson that cannot count yet: not live, locked, or quiz not passed."""
    entry = structure.module_of(lesson.pk)
    if entry is None:
        raise ValidationError(_("This page is not published."))
    module_lock_check(progress, entry.module.pk)
    quiz_ids = lesson.required_quiz_ids()
    if not quiz_ids:
        return
    quizzes = list(Quiz.objects.filter(pk__in=quiz_ids))
    if not user.is_authenticated:
        raise ValidationError(
            _("Log in and pass %(quizzes)s to complete this lesson.")
            % {"quizzes": _titles(quizzes)}
        )
    grades = quiz_grades(user=user, quizzes=quizzes)
    failed = [quiz for quiz in quizzes if not quiz.passes(grades.get(quiz.pk))]
    if failed:
        raise ValidationError(
            _("Pass %(quizzes)s to complete this lesson.")
            % {"quizzes": _titles(failed)}
        )


def enrolment_start(*, user, course: CoursePage) -> Enrolment:
    """Enrol the learner in a live, unlocked course (again is a no-op)."""
    if not course.live:
        raise ValidationError(_("This page is not published."))
    structure = course_structure(course)
    records = learner_records(user=user, structures={course.pk: structure})
    progress = course_progress_evaluate(structure, records)
    if not progress.enrolled:
        course_lock_check(progress)
    return progress_record(user=user, course=course, structure=structure)[0]


def lesson_complete(*, user, lesson: LessonPage) -> LessonCompletion:
    """Record that the learner finished ``lesson``, then what that completes.

    Refuses, with a translated message, a lesson that is unpublished, sits in
    a locked module or course, or whose required quizzes are not passed yet.
    """
    course = live_course_of(lesson)
    structure = course_structure(course)
    records = learner_records(user=user, structures={course.pk: structure})
    progress = course_progress_evaluate(structure, records)
    lesson_check(lesson=lesson, structure=structure, progress=progress, user=user)
    now = timezone.now()
    with transaction.atomic():
        enrolment = _enrolment_locked(user=user, course=course)
        Enrolment.objects.filter(pk=enrolment.pk).update(
            last_lesson=lesson, last_active_at=now
        )
        completion, _created = LessonCompletion.objects.get_or_create(
            user=user, lesson=lesson, defaults={"course": course, "completed_at": now}
        )
        progress_record(
            user=user, course=course, structure=structure, enrolment=enrolment
        )
    return completion


def module_complete_by_credit(*, user, module: Page, reason: str) -> ModuleCompletion:
    """Record ``module`` as completed on other grounds than its lessons (say,
    attending a webinar on it), then what that completes.

    ``reason`` says what was accepted, for staff. Idempotent: a module
    already completed keeps its record. Under the enrolment's lock like the
    other writes, so a lesson marked done at the same moment still counts;
    the course completes (and is announced) if this was all it lacked.
    Refuses a module that is not published in a published course.
    """
    if module.specific_class is not ModulePage:
        raise ValidationError(_("This page is not a module."))
    course = live_course_of(module)
    structure = course_structure(course)
    with transaction.atomic():
        enrolment = _enrolment_locked(user=user, course=course)
        completion, _created = ModuleCompletion.objects.get_or_create(
            user=user,
            module_id=module.pk,
            defaults={"course": course, "credited_for": reason[:255]},
        )
        progress_record(
            user=user, course=course, structure=structure, enrolment=enrolment
        )
    return completion


def _enrolment_locked(*, user, course: CoursePage) -> Enrolment:
    """The learner's enrolment (created if needed), locked until the end of
    the transaction: writes of one learner in one course go one at a time, so
    each sees what the other recorded (two tabs marking the last two lessons
    still complete the module). Call inside ``transaction.atomic()``."""
    enrolment, _created = Enrolment.objects.get_or_create(user=user, course=course)
    return Enrolment.objects.select_for_update().get(pk=enrolment.pk)


def progress_record(
    *,
    user,
    course: CoursePage,
    structure: CourseStructure | None = None,
    enrolment: Enrolment | None = None,
) -> tuple[Enrolment, CourseProgress]:
    """Enrol if needed and record every module and course completion the
    rules now grant, in one transaction under the enrolment's lock.

    The course completion is announced (``course_completed``) inside the same
    transaction, so what receivers enqueue (the certificate task, with the
    database task backend) commits with it or not at all. ``enrolment`` is
    one the caller already locked in its transaction.
    """
    structure = structure or course_structure(course)
    with transaction.atomic():
        enrolment = enrolment or _enrolment_locked(user=user, course=course)
        records = learner_records(user=user, structures={course.pk: structure})
        progress = course_progress_evaluate(structure, records)
        module_ids = progress.newly_complete_module_ids()
        if module_ids:
            ModuleCompletion.objects.bulk_create(
                [
                    ModuleCompletion(user=user, module_id=pk, course=course)
                    for pk in module_ids
                ],
                ignore_conflicts=True,
            )
        if progress.is_newly_complete():
            final = progress.assessment
            grade = None
            if final is not None:
                grade = quiz_grades(user=user, quizzes=[final]).get(final.pk)
            completion, created = CourseCompletion.objects.get_or_create(
                user=user,
                course=course,
                defaults={
                    "score": grade,
                    # The published version the learner read, not a draft.
                    "content_revision_id": course.live_revision_id,
                },
            )
            if created:
                course_completed.send(sender=CourseCompletion, completion=completion)
    return enrolment, progress


def anonymous_lesson_complete(*, session, lesson: LessonPage, user) -> None:
    """Record in the visitor's session that they finished ``lesson``.

    The same checks as for an account; a lesson with a required quiz needs
    an account, since quizzes are taken logged in.
    """
    course = live_course_of(lesson)
    anonymous = SessionProgress(session)
    structure = course_structure(course)
    progress = course_progress_evaluate(
        structure, anonymous.records_for({course.pk: structure})
    )
    lesson_check(lesson=lesson, structure=structure, progress=progress, user=user)
    if not anonymous.lesson_done(course, lesson):
        raise ValidationError(
            _("This browser holds too much progress: sign up to keep going.")
        )


def anonymous_course_start(*, session, course: CoursePage) -> None:
    """Start a course in the visitor's session, unless it is locked."""
    anonymous = SessionProgress(session)
    structure = course_structure(course)
    progress = course_progress_evaluate(
        structure, anonymous.records_for({course.pk: structure})
    )
    if not progress.enrolled:
        course_lock_check(progress)
    anonymous.start(course)


def lesson_visit(*, user, lesson: LessonPage) -> None:
    """Remember the lesson as where the learner left off, if they are enrolled."""
    course_path = lesson.path[: -2 * lesson.steplen]
    Enrolment.objects.filter(user=user, course__path=course_path).exclude(
        last_lesson=lesson
    ).update(last_lesson=lesson, last_active_at=timezone.now())


def _assessed_course(quiz) -> tuple[Page, CoursePage] | None:
    """The live page a quiz assesses and its course, or None for other quizzes."""
    if quiz.assessment_of_id is None:
        return None
    page = quiz.assessment_of
    if page is None or not page.live:
        return None
    if page.specific_class is CoursePage:
        return page, CoursePage.objects.get(pk=page.pk)
    course = CoursePage.objects.live().ancestor_of(page).first()
    return (page, course) if course is not None else None


def quiz_result_record(*, attempt) -> None:
    """After an assessment is submitted, record what passing it completes."""
    assessed = _assessed_course(attempt.quiz)
    if assessed is None:
        return
    _page, course = assessed
    structure = course_structure(course)
    records = learner_records(user=attempt.user, structures={course.pk: structure})
    if course_progress_evaluate(structure, records).locked_by:
        # A locked course does not count what is done in it until unlocked.
        return
    progress_record(user=attempt.user, course=course, structure=structure)


def assessment_start_check(*, quiz, user) -> None:
    """A quiz start gate: refuse the assessment of a locked module or course,
    saying what unlocks it. Other quizzes pass through without a query."""
    assessed = _assessed_course(quiz)
    if assessed is None:
        return
    page, course = assessed
    structure = course_structure(course)
    records = learner_records(user=user, structures={course.pk: structure})
    module_lock_check(course_progress_evaluate(structure, records), page.pk)


def anonymous_progress_claim(*, user, session) -> int:
    """Attach what a visitor did before logging in to their account.

    Lessons still published and still in their course are recorded; the rest
    is dropped. Returns the number of lessons attached.
    """
    anonymous = SessionProgress(session)
    if anonymous.is_empty():
        return 0
    claimed = 0
    courses = CoursePage.objects.live().in_bulk(anonymous.course_ids())
    now = timezone.now()
    for course_id, course in courses.items():
        structure = course_structure(course)
        live_lessons = {lesson.pk: lesson for lesson in structure.lessons()}
        lesson_ids = [
            pk for pk in anonymous.lesson_ids(course_id) if pk in live_lessons
        ]
        with transaction.atomic():
            enrolment, created = Enrolment.objects.get_or_create(
                user=user, course=course
            )
            last_id = anonymous.records_for({course_id: structure}).last_lesson_ids.get(
                course_id
            )
            if last_id in live_lessons:
                Enrolment.objects.filter(pk=enrolment.pk).update(
                    last_lesson_id=last_id, last_active_at=now
                )
            LessonCompletion.objects.bulk_create(
                [
                    LessonCompletion(user=user, lesson_id=pk, course=course)
                    for pk in lesson_ids
                ],
                ignore_conflicts=True,
            )
        claimed += len(lesson_ids)
        progress_record(user=user, course=course, structure=structure)
    anonymous.clear()
    return claimed
