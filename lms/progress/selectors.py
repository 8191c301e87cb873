"""Reads of structures and records, each in a fixed number of queries.

A page shows one course; the dashboard shows every course a learner is in.
Both go through the same loaders, which cost the same whatever the number of
courses, modules, lessons or attempts.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language

from courses.models import CourseIndexPage, CoursePage, ModulePage
from courses.selectors import course_outlines
from lms.quizzes.models import Quiz
from lms.quizzes.selectors import quiz_grades

from .dashboard_sections import dashboard_sections
from .models import CourseCompletion, Enrolment, LessonCompletion, ModuleCompletion
from .rules import (
    CourseProgress,
    CourseStructure,
    LearnerRecords,
    course_progress_evaluate,
)


def course_structures(courses, *, outlines=None) -> dict[int, CourseStructure]:
    """Outline, assessments and prerequisites of each course, by course id.

    Six queries whatever the number and size of the courses; four when the
    caller already holds the outlines (a course page does).
    """
    courses = list(courses)
    if outlines is None:
        outlines = course_outlines(courses)
    structures = {
        course.pk: CourseStructure(course=course, outline=outlines[course.pk])
        for course in courses
    }
    if not structures:
        return structures
    modules = {
        entry.module.pk: entry.module
        for outline in outlines.values()
        for entry in outline
    }
    course_of_module = {
        entry.module.pk: course_id
        for course_id, outline in outlines.items()
        for entry in outline
    }
    assessed = [*structures, *modules]
    for quiz in Quiz.objects.filter(assessment_of_id__in=assessed):
        course_id = course_of_module.get(quiz.assessment_of_id, quiz.assessment_of_id)
        structures[course_id].assessments[quiz.assessment_of_id] = quiz

    module_links = ModulePage.prerequisites.through.objects.filter(
        from_modulepage_id__in=modules
    ).values_list("from_modulepage_id", "to_modulepage_id")
    for module_id, required_id in module_links:
        # Only live modules of the same course count; a withdrawn module
        # must not lock its dependants forever.
        if required_id in modules:
            course_id = course_of_module[module_id]
            structures[course_id].module_prerequisites.setdefault(module_id, []).append(
                modules[required_id]
            )

    course_links = list(
        CoursePage.prerequisites.through.objects.filter(
            from_coursepage_id__in=structures
        ).values_list("from_coursepage_id", "to_coursepage_id")
    )
    if course_links:
        required = CoursePage.objects.live().in_bulk(
            {required_id for _course_id, required_id in course_links}
        )
        for course_id, required_id in course_links:
            if required_id in required:
                structures[course_id].course_prerequisites.append(required[required_id])
    return structures


def course_structure(course) -> CourseStructure:
    return course_structures([course])[course.pk]


def learner_records(
    *, user, structures: dict[int, CourseStructure], enrolments=None
) -> LearnerRecords:
    """An account's records in these courses, in five queries (four when the
    caller already holds the enrolments)."""
    course_ids = list(structures)
    records = LearnerRecords()
    if enrolments is None:
        enrolments = Enrolment.objects.filter(user=user, course_id__in=course_ids)
    for enrolment in enrolments:
        records.enrolled_course_ids.add(enrolment.course_id)
        if enrolment.last_lesson_id:
            records.last_lesson_ids[enrolment.course_id] = enrolment.last_lesson_id
    records.done_lesson_ids = set(
        LessonCompletion.objects.filter(
            user=user, course_id__in=course_ids
        ).values_list("lesson_id", flat=True)
    )
    records.done_module_ids = set(
        ModuleCompletion.objects.filter(
            user=user, course_id__in=course_ids
        ).values_list("module_id", flat=True)
    )
    prerequisite_ids = {
        other.pk
        for structure in structures.values()
        for other in structure.course_prerequisites
    }
    records.done_courses = dict(
        CourseCompletion.objects.filter(
            user=user, course_id__in={*course_ids, *prerequisite_ids}
        ).values_list("course_id", "completed_at")
    )
    quizzes = [
        quiz
        for structure in structures.values()
        for quiz in structure.assessments.values()
    ]
    records.grades = quiz_grades(user=user, quizzes=quizzes) if quizzes else {}
    return records


def courses_progress(*, learner, courses, outlines=None) -> dict[int, CourseProgress]:
    """Each course's progress for ``learner`` (an account or a SessionProgress)."""
    structures = course_structures(courses, outlines=outlines)
    if hasattr(learner, "records_for"):
        records = learner.records_for(structures)
    elif learner.is_authenticated:
        records = learner_records(user=learner, structures=structures)
    else:
        records = LearnerRecords()
    return {
        course_id: course_progress_evaluate(structure, records)
        for course_id, structure in structures.items()
    }


def course_progress(*, learner, course) -> CourseProgress:
    return courses_progress(learner=learner, courses=[course])[course.pk]


def dashboard(*, user) -> dict:
    """Everything "My learning" shows, in a fixed number of queries (plus
    those of the sections other apps registered, each fixed too)."""
    enrolments = list(
        Enrolment.objects.filter(user=user, course__live=True)
        .select_related("course")
        .order_by("-last_active_at")
    )
    structures = course_structures([enrolment.course for enrolment in enrolments])
    records = learner_records(user=user, structures=structures, enrolments=enrolments)
    progress = {
        course_id: course_progress_evaluate(structure, records)
        for course_id, structure in structures.items()
    }
    in_progress, completed = [], []
    for enrolment in enrolments:
        course_progress = progress[enrolment.course_id]
        (completed if course_progress.recorded else in_progress).append(course_progress)
    completed.sort(key=lambda p: p.completed_at, reverse=True)
    return {
        "catalogue": CourseIndexPage.objects.live().order_by("path").first(),
        "in_progress": in_progress,
        "completed": completed,
        "recommended": recommended_courses(
            user=user, exclude_ids=[e.course_id for e in enrolments]
        ),
        "sections": dashboard_sections(user=user),
    }


def recommended_courses(*, user, exclude_ids, limit: int = 3) -> list:
    """Live courses to take next: first those the learner's completions unlock,
    then those written in the reader's language, then those of the topics they
    study; none that is still locked. Four queries.
    """
    candidates = list(
        CoursePage.objects.live().exclude(pk__in=exclude_ids).order_by("path")
    )
    if not candidates:
        return []
    requirements = defaultdict(set)
    for course_id, required_id in CoursePage.prerequisites.through.objects.filter(
        from_coursepage_id__in=[course.pk for course in candidates]
    ).values_list("from_coursepage_id", "to_coursepage_id"):
        requirements[course_id].add(required_id)
    completions = CourseCompletion.objects.filter(user=user).values_list(
        "course_id", "course__topic"
    )
    done_ids = {course_id for course_id, _topic in completions}
    topics = set(
        CoursePage.objects.filter(
            Q(pk__in=exclude_ids) | Q(pk__in=done_ids)
        ).values_list("topic", flat=True)
    )

    language = get_language() or settings.LANGUAGE_CODE

    def rank(course):
        unlocked_by_me = bool(requirements[course.pk] & done_ids)
        return (
            not unlocked_by_me,
            not course.is_translated_into(language),
            course.topic not in topics,
        )

    open_courses = [c for c in candidates if requirements[c.pk] <= done_ids]
    return sorted(open_courses, key=rank)[:limit]
