"""Progress on course pages: the course templates ask, the progress app answers.

The courses app knows nothing of progress; its templates load these tags.
"""

from django import template

from lms.progress.anonymous import SessionProgress
from lms.progress.selectors import courses_progress

register = template.Library()


@register.simple_tag(takes_context=True)
def course_progress(context, course):
    """The reader's progress in ``course`` (account or browser session).

    Computed once per request and course, reusing the outline the page holds.
    """
    request = context.get("request")
    if request is None or course is None:
        return None
    cache = request.__dict__.setdefault("_course_progress", {})
    if course.pk not in cache:
        learner = (
            request.user
            if request.user.is_authenticated
            else SessionProgress(request.session)
        )
        outline = context.get("outline")
        cache[course.pk] = courses_progress(
            learner=learner,
            courses=[course],
            outlines={course.pk: outline} if outline is not None else None,
        )[course.pk]
    return cache[course.pk]


@register.filter
def module_progress(progress, module):
    """The progress of ``module`` within a course's progress."""
    if progress is None or module is None:
        return None
    return progress.modules.get(module.pk)
