"""Certificates on the learner's pages: the progress templates ask, this answers.

The progress app knows nothing of certificates; its dashboard loads these tags.
"""

from django import template

from lms.certificates.models import Certificate, CertificateKind

register = template.Library()


@register.simple_tag
def course_certificates(user) -> dict:
    """The user's course certificates by course id, in one query."""
    if not getattr(user, "is_authenticated", False):
        return {}
    return {
        certificate.course_id: certificate
        for certificate in Certificate.objects.filter(
            user=user, kind=CertificateKind.COURSE
        )
    }


@register.filter
def for_course(certificates: dict, course):
    return certificates.get(getattr(course, "pk", None))


@register.simple_tag
def other_certificates(certificates: dict, completed) -> list:
    """Certificates for courses not among ``completed`` (issued by hand)."""
    shown = {progress.course.pk for progress in completed}
    return [c for course_id, c in certificates.items() if course_id not in shown]


@register.simple_tag
def attendance_certificates(user) -> list:
    """The user's attendance certificates (webinars), latest event first; one
    query."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Certificate.objects.filter(user=user, kind=CertificateKind.ATTENDANCE).order_by(
            "-completed_on", "-issued_at"
        )
    )
