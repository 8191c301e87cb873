"""Background tasks of the certificates app."""

from django.tasks import task

from lms.progress.models import CourseCompletion

from .models import Certificate
from .services import certificate_issue, certificate_pdf_ensure


@task
def certificate_issue_task(*, completion_id: int) -> str:
    """Issue the certificate a course completion earned, and render its PDF."""
    completion = CourseCompletion.objects.select_related("user", "course").get(
        pk=completion_id
    )
    if completion.user is None or completion.course is None:
        return ""
    certificate = certificate_issue(user=completion.user, course=completion.course)
    if certificate.is_valid:
        certificate_pdf_ensure(certificate=certificate)
    return certificate.code


@task
def certificate_pdf_task(*, certificate_id: int) -> str:
    """Render and store the PDF of a certificate issued without one."""
    certificate = Certificate.objects.select_related("template").get(pk=certificate_id)
    if certificate.is_valid:
        certificate_pdf_ensure(certificate=certificate)
    return certificate.code
