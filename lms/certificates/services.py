"""Issuing, revoking and rendering certificates, each in one transaction.

One certificate per learner and course, and one attendance certificate per
learner and event: the database refuses a second, and ``certificate_issue``
(``certificate_issue_for_event``) returns the existing one, so concurrent
completions or a hand issue racing the automatic one still make one
certificate.
"""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from lms.accounts.selectors import preferred_language_of, profile_of
from lms.progress.models import CourseCompletion

from .codes import code_generate
from .models import (
    Certificate,
    CertificateKind,
    CertificateStatus,
    CertificateTemplate,
)


def template_for(*, course, kind=CertificateKind.COURSE) -> CertificateTemplate | None:
    """The course's own template, else the default one of its kind."""
    if course is not None:
        own = CertificateTemplate.objects.filter(course=course, kind=kind).first()
        if own is not None:
            return own
    return CertificateTemplate.objects.filter(course__isnull=True, kind=kind).first()


def holder_name_of(user) -> str:
    """The name to print: the profile's certificate name, else the account's."""
    profile = profile_of(user)
    if profile is not None and profile.certificate_name:
        return profile.certificate_name
    return user.get_full_name() or user.get_username()


def _translated(page, field: str, language: str) -> str:
    value = getattr(page, build_localized_fieldname(field, language), "")
    return value or getattr(page, build_localized_fieldname(field, "en"), "")


def certificate_issue(*, user, course, issued_by=None) -> Certificate:
    """Issue the learner's certificate for ``course`` (or return the one issued).

    Automatic issue needs a recorded completion; staff (``issued_by``) may
    issue without one, for learning done elsewhere.
    """
    existing = Certificate.objects.filter(
        user=user, course=course, kind=CertificateKind.COURSE
    ).first()
    if existing is not None:
        return existing
    completion = CourseCompletion.objects.filter(user=user, course=course).first()
    if completion is None and issued_by is None:
        raise ValidationError(_("This learner has not completed the course."))
    return _certificate_create(
        user=user,
        kind=CertificateKind.COURSE,
        subject=course,
        template=template_for(course=course),
        unique={"course": course},
        completed_on=timezone.localdate(
            completion.completed_at if completion else timezone.now()
        ),
        score=completion.score if completion else None,
        content_revision_id=(
            completion.content_revision_id if completion else course.latest_revision_id
        ),
        issued_by=issued_by,
    )


def certificate_issue_for_event(
    *, user, event, completed_on, issued_by=None
) -> Certificate:
    """Issue the learner's attendance certificate for ``event`` (or return the
    one issued).

    ``event`` is the page of what was attended (a webinar); its title is
    printed in the holder's language and kept in English. ``completed_on`` is
    the day it took place. The caller decides who attended: this app knows
    nothing of webinars.
    """
    existing = Certificate.objects.filter(
        user=user, event=event, kind=CertificateKind.ATTENDANCE
    ).first()
    if existing is not None:
        return existing
    return _certificate_create(
        user=user,
        kind=CertificateKind.ATTENDANCE,
        subject=event,
        template=template_for(course=None, kind=CertificateKind.ATTENDANCE),
        unique={"event": event},
        completed_on=completed_on,
        score=None,
        content_revision_id=event.live_revision_id,
        issued_by=issued_by,
    )


def _certificate_create(
    *, user, kind, subject, template, unique: dict, issued_by, **fields
) -> Certificate:
    """Snapshot the holder and ``subject``'s title, and create the certificate.

    ``unique`` holds the fields that, with the user and the kind, the
    database allows once: a concurrent issue that got there first stands.
    """
    language = preferred_language_of(user) or settings.LANGUAGE_CODE
    organisation = (
        _translated(template, "issuing_organisation", language)
        if template is not None
        else settings.WAGTAIL_SITE_NAME
    )
    fields.update(
        holder_name=holder_name_of(user),
        course_title=_translated(subject, "title", language),
        course_title_en=_translated(subject, "title", "en"),
        language=language,
        bilingual=bool(template and template.bilingual and language != "en"),
        issuing_organisation=organisation,
        template=template,
        issued_by=issued_by,
    )
    try:
        with transaction.atomic():
            return Certificate.objects.create(
                user=user, kind=kind, code=code_generate(), **unique, **fields
            )
    except IntegrityError:
        # Issued meanwhile by a concurrent request: that one stands.
        return Certificate.objects.get(user=user, kind=kind, **unique)


def certificate_revoke(
    *, certificate: Certificate, reason: str, by=None
) -> Certificate:
    """Revoke with a reason; the verification page says so from then on."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for revoking the certificate."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        locked.status = CertificateStatus.REVOKED
        locked.revoked_reason = reason
        locked.revoked_at = timezone.now()
        if locked.pdf:
            locked.pdf.delete(save=False)
        locked.pdf_fingerprint = ""
        locked.save()
    return locked


def certificate_fingerprint(certificate: Certificate) -> str:
    """What the PDF depends on: the record, its template and signatories."""
    template = certificate.template
    parts = {
        "record": [
            certificate.code,
            certificate.holder_name,
            certificate.course_title,
            certificate.course_title_en,
            certificate.language,
            certificate.bilingual,
            str(certificate.completed_on),
            str(certificate.score),
            certificate.issuing_organisation,
            certificate.status,
        ],
        "template": (
            [
                template.pk,
                template.updated_at.isoformat(),
                [
                    [s.name, s.title, s.signature_id, s.sort_order]
                    for s in template.signatories.all()
                ],
            ]
            if template is not None
            else None
        ),
        "site": settings.SITE_BASE_URL,
    }
    encoded = json.dumps(parts, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


def certificate_pdf_ensure(*, certificate: Certificate) -> Certificate:
    """Render and store the PDF unless the stored one is still current."""
    from .rendering import certificate_pdf

    if not certificate.is_valid:
        raise ValidationError(_("A revoked certificate cannot be downloaded."))
    fingerprint = certificate_fingerprint(certificate)
    if certificate.pdf and certificate.pdf_fingerprint == fingerprint:
        return certificate
    content = certificate_pdf(certificate=certificate)
    if certificate.pdf:
        certificate.pdf.delete(save=False)
    certificate.pdf.save(
        f"certificate-{certificate.code}.pdf", ContentFile(content), save=False
    )
    certificate.pdf_fingerprint = fingerprint
    certificate.save(update_fields=["pdf", "pdf_fingerprint"])
    return certificate
