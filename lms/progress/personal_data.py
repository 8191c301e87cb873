"""The learner's enrolments and completions, for the "Download my data" file.

Registered with ``lms.accounts.personal_data`` from ``ProgressConfig.ready()``.
Nothing is erased when an account is deleted: the records stay, attached to
the anonymous user, so that completion rates keep their counts.
"""

from .models import CourseCompletion, Enrolment, LessonCompletion, ModuleCompletion


def _title(page) -> str | None:
    return page.title if page is not None else None


def progress_export(user) -> dict:
    """Enrolments and every completion of ``user``, in four queries."""
    return {
        "enrolments": [
            {
                "course": _title(enrolment.course),
                "enrolled_at": enrolment.enrolled_at,
                "last_lesson": _title(enrolment.last_lesson),
                "last_active_at": enrolment.last_active_at,
            }
            for enrolment in Enrolment.objects.filter(user=user)
            .select_related("course", "last_lesson")
            .order_by("enrolled_at", "pk")
        ],
        "lessons_completed": [
            {
                "lesson": _title(completion.lesson),
                "course": _title(completion.course),
                "completed_at": completion.completed_at,
            }
            for completion in LessonCompletion.objects.filter(user=user)
            .select_related("lesson", "course")
            .order_by("completed_at", "pk")
        ],
        "modules_completed": [
            {
                "module": _title(completion.module),
                "course": _title(completion.course),
                "completed_at": completion.completed_at,
                "credited_for": completion.credited_for,
            }
            for completion in ModuleCompletion.objects.filter(user=user)
            .select_related("module", "course")
            .order_by("completed_at", "pk")
        ],
        "courses_completed": [
            {
                "course": _title(completion.course),
                "completed_at": completion.completed_at,
                "score": completion.score,
            }
            for completion in CourseCompletion.objects.filter(user=user)
            .select_related("course")
            .order_by("completed_at", "pk")
        ],
    }
