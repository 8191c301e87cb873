"""Signal receivers: each hands the event to a service."""

from allauth.account.signals import user_signed_up
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from lms.quizzes.signals import attempt_submitted

from . import services


@receiver(attempt_submitted, dispatch_uid="progress_quiz_result")
def record_quiz_result(sender, attempt, **kwargs):
    services.quiz_result_record(attempt=attempt)


@receiver(user_logged_in, dispatch_uid="progress_claim_anonymous")
def claim_anonymous_progress(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        services.anonymous_progress_claim(user=user, session=request.session)


@receiver(user_signed_up, dispatch_uid="progress_claim_on_sign_up")
def claim_progress_on_sign_up(sender, request, user, **kwargs):
    """Sign-up may end before login (email to verify): claim the browser's
    progress for the new account now, while the request has its session."""
    claim_anonymous_progress(sender, request=request, user=user)
