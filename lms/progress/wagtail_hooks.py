from wagtail import hooks
from wagtail.models import Page

from courses.models import LessonPage

from .anonymous import SessionProgress
from .services import lesson_visit


@hooks.register("before_serve_page")
def remember_lesson_opened(page, request, serve_args, serve_kwargs):
    """Remember the lesson a learner opens: "Continue where you left off"."""
    if request.method != "GET" or not isinstance(page, LessonPage):
        return None
    if request.user.is_authenticated:
        lesson_visit(user=request.user, lesson=page)
    else:
        anonymous = SessionProgress(request.session)
        if not anonymous.is_empty():
            course_path = page.path[: -2 * page.steplen]
            course_id = (
                Page.objects.filter(path=course_path)
                .values_list("pk", flat=True)
                .first()
            )
            anonymous.visit(course_id, page)
    return None
