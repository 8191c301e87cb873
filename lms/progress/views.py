"""The learner's side of progress: start a course, mark a lesson done, "My learning".

Starting and marking done work with or without an account: a visitor's
progress lives in their session until they sign up or log in.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from courses.models import CoursePage, LessonPage

from . import selectors, services
from .anonymous import SessionProgress


def _live_page(model, pk):
    page = get_object_or_404(model, pk=pk)
    if not page.live:
        raise Http404
    return page


def _learner(request):
    if request.user.is_authenticated:
        return request.user
    return SessionProgress(request.session)


def _show_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@require_POST
def course_start(request, pk):
    """Enrol in a course, then open where the learner left off."""
    course = _live_page(CoursePage, pk)
    try:
        if request.user.is_authenticated:
            services.enrolment_start(user=request.user, course=course)
        else:
            services.anonymous_course_start(session=request.session, course=course)
    except ValidationError as error:
        _show_errors(request, error)
        return redirect(course.url)
    progress = selectors.course_progress(learner=_learner(request), course=course)
    target = progress.continue_lesson
    return redirect(target.url if target is not None else course.url)


@require_POST
def lesson_done(request, pk):
    """Mark a lesson done, then go on (to the next lesson, when the form says)."""
    lesson = _live_page(LessonPage, pk)
    try:
        if request.user.is_authenticated:
            services.lesson_complete(user=request.user, lesson=lesson)
        else:
            services.anonymous_lesson_complete(
                session=request.session, lesson=lesson, user=request.user
            )
    except ValidationError as error:
        _show_errors(request, error)
        return redirect(lesson.url)
    messages.success(request, _("Lesson done: %(title)s") % {"title": lesson.title})
    next_url = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(next_url if safe else lesson.url)


@never_cache
@login_required
def dashboard(request):
    """My learning: courses in progress, completed courses, what to take next."""
    context = selectors.dashboard(user=request.user)
    pending = [p for p in context["in_progress"] if p.is_newly_complete()]
    if pending:
        # Done by the rules but not recorded (a lesson made optional since,
        # say): record it now, so the completion and its certificate follow.
        for progress in pending:
            services.progress_record(user=request.user, course=progress.course)
        context = selectors.dashboard(user=request.user)
    return render(request, "progress/dashboard.html", context)
