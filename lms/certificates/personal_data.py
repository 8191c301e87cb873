"""The learner's certificates, for "Download my data", and what deletion blanks.

A deleted account's certificates stay verifiable as issued, without the name.
"""

from .models import Certificate


def certificates_export(user) -> list[dict]:
    return [
        {
            "code": certificate.code,
            "kind": certificate.kind,
            "name_as_printed": certificate.holder_name,
            "course": certificate.course_title,
            "language": certificate.language,
            "completed_on": certificate.completed_on,
            "score": certificate.score,
            "issuing_organisation": certificate.issuing_organisation,
            "status": certificate.status,
            "revoked_at": certificate.revoked_at,
            "revoked_reason": certificate.revoked_reason,
            "issued_at": certificate.issued_at,
            "verify_url": certificate.public_verify_url(),
        }
        for certificate in Certificate.objects.filter(user=user).order_by("issued_at")
    ]


def certificates_erase(user) -> None:
    """Blank the holder's name and drop the PDFs that print it."""
    for certificate in Certificate.objects.filter(user=user):
        if certificate.pdf:
            certificate.pdf.delete(save=False)
        certificate.holder_name = ""
        certificate.pdf_fingerprint = ""
        certificate.save(update_fields=["holder_name", "pdf", "pdf_fingerprint"])
