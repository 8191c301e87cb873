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
