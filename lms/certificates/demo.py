"""Demo certificates, so a newcomer sees a real one at once.

``load_demo`` calls ``demo_certificates_ensure`` after the demo progress: every
demo learner who completed a course gets its certificate now (the task queued
by the completion would do the same once a worker runs). Safe to run again.
"""

from django.contrib.auth import get_user_model

from lms.progress.models import CourseCompletion

from .services import certificate_issue, certificate_pdf_ensure


def demo_certificates_ensure(usernames: list[str]) -> list:
    """Issue and render the demo learners' certificates; returns them."""
    users = get_user_model().objects.filter(username__in=usernames)
    certificates = []
    for completion in CourseCompletion.objects.filter(
        user__in=users, course__isnull=False
    ).select_related("user", "course"):
        certificate = certificate_issue(user=completion.user, course=completion.course)
        if certificate.is_valid:
            certificate_pdf_ensure(certificate=certificate)
        certificates.append(certificate)
    return certificates
