"""The learner's side of a quiz: its page, an attempt, the review.

Plain HTML forms do everything; attempt.js only adds a timer and saving as
you go, by posting the same form with ``X-Requested-With: fetch``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .access import is_quiz_staff, review_options
from .attempts import attempt_save_answers, attempt_start, attempt_submit
from .models import Attempt, AttemptState, Quiz
from .presentation import attempt_questions, question_count, review_rows
from .selectors import questions_with_answers, quiz_grade, submitted_attempts


def _visible_quiz(request, pk) -> Quiz:
    """The quiz, unless its course page is not published (then staff only)."""
    quiz = get_object_or_404(Quiz.objects.select_related("course"), pk=pk)
    hidden = quiz.course is not None and not quiz.course.live
    if hidden and not is_quiz_staff(request.user, quiz):
        raise Http404
    return quiz


@never_cache
def quiz_detail(request, pk):
    quiz = _visible_quiz(request, pk)
    context = {"quiz": quiz, "question_count": question_count(quiz)}
    if request.user.is_authenticated:
        done = submitted_attempts(quiz=quiz, user=request.user)
        grade = quiz_grade(quiz=quiz, user=request.user)
        context |= {
            "attempts": done,
            "open_attempt": Attempt.objects.filter(
                quiz=quiz, user=request.user, state=AttemptState.IN_PROGRESS
            ).first(),
            "attempts_left": (
                None if quiz.max_attempts is None else quiz.max_attempts - len(done)
            ),
            "grade_percent": None if grade is None else round(grade * 100, 1),
            "passed": quiz.passes(grade),
        }
    return render(request, "quizzes/quiz_detail.html", context)


@require_POST
@login_required
def quiz_start(request, pk):
    quiz = _visible_quiz(request, pk)
    try:
        attempt = attempt_start(quiz=quiz, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("quizzes:quiz", pk=quiz.pk)
    return redirect("quizzes:attempt", pk=attempt.pk)


def _wants_json(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


@never_cache
@login_required
def attempt_take(request, pk):
    """Show the open attempt, or save (and with "submit", grade) what was sent."""
    attempt = get_object_or_404(
        Attempt.objects.select_related("quiz"), pk=pk, user=request.user
    )
    quiz = attempt.quiz
    now = timezone.now()
    if attempt.is_open and attempt.deadline and now > attempt.deadline:
        attempt_submit(attempt=attempt, now=now)
        attempt.refresh_from_db()
        messages.warning(request, _("Time is up: your attempt was submitted."))
    if not attempt.is_open:
        return _closed(request, attempt)

    questions = questions_with_answers(attempt.question_ids)
    errors, posted = {}, {}
    if request.method == "POST":
        errors, posted = _save_posted(request, attempt, questions)
        if errors is None:
            return _closed(request, attempt)
        if _wants_json(request):
            return JsonResponse(
                {"errors": {str(pk): e.messages for pk, e in errors.items()}},
                status=400 if errors else 200,
            )
        if not errors:
            if "submit" in request.POST:
                attempt_submit(attempt=attempt)
                return redirect("quizzes:review", pk=attempt.pk)
            messages.success(request, _("Your answers are saved."))
            return redirect("quizzes:attempt", pk=attempt.pk)

    values = {answer.question_id: answer.value for answer in attempt.answers.all()}
    items = attempt_questions(
        attempt=attempt,
        questions=questions,
        values=values,
        posted=posted,
        errors=errors,
    )
    return render(
        request,
        "quizzes/attempt.html",
        {
            "attempt": attempt,
            "quiz": quiz,
            "items": items,
            "errors": errors,
            "now": now,
        },
        status=400 if errors else 200,
    )


def _closed(request, attempt):
    """Send the learner to the review of an attempt that is no longer open.

    The autosave script gets JSON naming the review page, which it opens.
    """
    review = reverse("quizzes:review", kwargs={"pk": attempt.pk})
    if _wants_json(request):
        return JsonResponse({"closed": True, "review": review}, status=409)
    return redirect(review)


def _save_posted(request, attempt, questions):
    """Read every question's answer from the form and save those that are valid.

    Returns ``(errors, posted)``; ``errors`` is None when the attempt turned
    out to be closed (time ran out between page and post).
    """
    raws, errors, posted = {}, {}, {}
    for question_id in attempt.question_ids:
        question = questions[question_id]
        try:
            raws[question_id] = question.raw_from_form(
                request.POST, seed=attempt.seed, shuffle=attempt.quiz.shuffle_choices
            )
        except ValidationError as error:
            errors[question_id] = error
    try:
        _saved, refused = attempt_save_answers(
            attempt=attempt, raws=raws, questions=questions
        )
    except ValidationError as error:
        for message in error.messages:
            messages.warning(request, message)
        return None, {}
    errors |= refused
    posted = {pk: raws.get(pk) for pk in errors}
    return errors, posted


@never_cache
@login_required
def attempt_review(request, pk):
    attempt = get_object_or_404(
        Attempt.objects.select_related("quiz", "quiz__course", "user"), pk=pk
    )
    quiz = attempt.quiz
    is_owner = attempt.user_id == request.user.pk
    is_staff = not is_owner and is_quiz_staff(request.user, quiz)
    if not (is_owner or is_staff):
        # Not 403: whether someone else's attempt exists is not for others to learn.
        raise Http404
    if attempt.is_open and is_owner:
        return redirect("quizzes:attempt", pk=attempt.pk)
    submitted = submitted_attempts(quiz=quiz, user=attempt.user)
    options = review_options(
        quiz=quiz,
        submitted=submitted,
        staff=is_staff,
    )
    rows = review_rows(attempt=attempt, options=options) if not attempt.is_open else []
    return render(
        request,
        "quizzes/review.html",
        {
            "attempt": attempt,
            "quiz": quiz,
            "rows": rows,
            "options": options,
            "is_owner": is_owner,
            "passed": attempt.passed(),
        },
    )
