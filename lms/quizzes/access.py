"""Who may see what of a quiz: the learner's own records, and course staff."""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import Attempt, Quiz, ReviewTiming


def is_quiz_staff(user, quiz: Quiz) -> bool:
    """Staff of the quiz's course: those who may edit its course page.

    A quiz that belongs to no course is staffed by everyone who may edit
    quizzes. Wagtail's page permissions decide, so a trainer given one course
    sees that course's attempts and no other's.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if quiz.course_id is None:
        return user.has_perm("quizzes.change_quiz")
    return quiz.course.permissions_for_user(user).can_edit()


def attempts_visible_to(user):
    """The attempts ``user`` may open as staff: those of quizzes they staff.

    The same rule as ``is_quiz_staff``, as one query: courses whose page the
    user may edit, and course-less quizzes for those who may edit quizzes.
    """
    attempts = Attempt.objects.all()
    if user.is_superuser:
        return attempts
    courses = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    visible = Q(quiz__course__in=courses.values("pk"))
    if user.has_perm("quizzes.change_quiz"):
        visible |= Q(quiz__course__isnull=True)
    return attempts.filter(visible)


@dataclass(frozen=True)
class ReviewOptions:
    """What the review of a submitted attempt may show, now."""

    correctness: bool
    right_answers: bool
    feedback: bool


def review_options(
    *, quiz: Quiz, submitted: list[Attempt], staff: bool
) -> ReviewOptions:
    """Apply the quiz's review settings to a learner's submitted attempts.

    "After the last attempt" means once the learner has no attempt left; for a
    quiz with unlimited attempts, once the learner has passed it. Staff see
    everything.
    """
    if staff:
        return ReviewOptions(True, True, True)
    used_up = quiz.max_attempts is not None and len(submitted) >= quiz.max_attempts
    passed = quiz.max_attempts is None and any(quiz.passes(a.score) for a in submitted)
    finished = used_up or passed

    def allowed(timing: str) -> bool:
        if timing == ReviewTiming.IMMEDIATELY:
            return bool(submitted)
        if timing == ReviewTiming.AFTER_LAST_ATTEMPT:
            return finished
        return False

    return ReviewOptions(
        correctness=allowed(quiz.show_correctness),
        right_answers=allowed(quiz.show_right_answers),
        feedback=allowed(quiz.show_feedback),
    )
