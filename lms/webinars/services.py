"""Registering for webinars, cancelling and filling seats from the waiting
list; each bureau's webinar section and the group that edits it.

Every write locks the webinar's row first (``select_for_update``), so that
registrations for one webinar are decided one at a time: the seat count each
sees is exact, and capacity holds however many people register at once. The
database keeps one registration per learner and webinar.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from courses.services import site_root_ensure

from .models import (
    Bureau,
    Registration,
    RegistrationStatus,
    WebinarIndexPage,
    WebinarPage,
    WebinarStatus,
)
from .signals import (
    registration_cancelled,
    registration_confirmed,
    registration_promoted,
    registration_waitlisted,
)


def _announce(signal, registration: Registration) -> None:
    """Send ``signal`` once the transaction commits (never for a rolled-back one).

    Robustly: a failing receiver (an email that cannot be queued) is logged
    by Django and does not turn a registration already made into an error.
    """
    transaction.on_commit(
        lambda: signal.send_robust(sender=Registration, registration=registration)
    )


def webinar_locked(webinar: WebinarPage) -> WebinarPage:
    """The webinar as stored, its row locked until the end of the transaction.

    Only the webinar's own row is locked, not Wagtail's page row: editors
    saving other page data do not wait on registrations. Call inside
    ``transaction.atomic()``.
    """
    return WebinarPage.objects.select_for_update(of=("self",)).get(pk=webinar.pk)


def registration_closed_reason(webinar: WebinarPage, *, now=None) -> str | None:
    """Why nobody can register for ``webinar`` now, or None while open."""
    now = now or timezone.now()
    if not webinar.live:
        return _("This webinar is not published.")
    if webinar.status == WebinarStatus.CANCELLED:
        return _("This webinar has been cancelled.")
    if webinar.status == WebinarStatus.FINISHED or now >= webinar.ends_at:
        return _("This webinar is over.")
    if now >= webinar.starts_at:
        return _("This webinar has already started.")
    if now >= webinar.registration_closes_at:
        return _("Registration for this webinar has closed.")
    return None


def _has_free_seat(webinar: WebinarPage) -> bool:
    return webinar.confirmed_count() < webinar.capacity


def registration_create(*, user, webinar: WebinarPage) -> Registration:
    """Register ``user``: a seat while any is free, else the waiting list.

    Registering again while registered returns the registration as it is; a
    cancelled registration is reactivated at the end of the queue. Refuses,
    with a translated message and nothing changed, a webinar that is
    unpublished, cancelled, over, started or past its registration deadline.
    """
    with transaction.atomic():
        webinar = webinar_locked(webinar)
        existing = Registration.objects.filter(user=user, webinar=webinar).first()
        if existing is not None and existing.is_active:
            return existing
        reason = registration_closed_reason(webinar)
        if reason is not None:
            raise ValidationError(reason, code="registration_closed")
        now = timezone.now()
        status = (
            RegistrationStatus.CONFIRMED
            if _has_free_seat(webinar)
            else RegistrationStatus.WAITLISTED
        )
        registration = existing or Registration(
            user=user, webinar=webinar, created_at=now
        )
        registration.status = status
        registration.registered_at = now
        registration.promoted_at = None
        registration.cancelled_at = None
        registration.save()
        _announce(
            registration_confirmed
            if status == RegistrationStatus.CONFIRMED
            else registration_waitlisted,
            registration,
        )
    return registration


def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel ``registration``; a freed seat goes to the first person waiting.

    Returns the registration promoted into the seat, if any. Cancelling
    twice is a no-op. Refused once the webinar has started: a seat then
    frees nothing for anyone.
    """
    with transaction.atomic():
        webinar = webinar_locked(registration.webinar)
        current = Registration.objects.get(pk=registration.pk)
        if not current.is_active:
            _copy_state(current, registration)
            return None
        if timezone.now() >= webinar.starts_at:
            raise ValidationError(
                _("This webinar has already started: the registration stays."),
                code="webinar_started",
            )
        current.status = RegistrationStatus.CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at"])
        _copy_state(current, registration)
        _announce(registration_cancelled, current)
        promoted = waitlist_promote(webinar=webinar)
    return promoted[0] if promoted else None


def _copy_state(source: Registration, target: Registration) -> None:
    """Let the caller's instance see what the service stored."""
    for name in ("status", "registered_at", "promoted_at", "cancelled_at"):
        setattr(target, name, getattr(source, name))


def waitlist_promote(*, webinar: WebinarPage) -> list[Registration]:
    """Give the free seats to the people waiting longest, in order.

    Called after a cancellation and after a webinar is published (its
    capacity may have grown). Nobody is promoted into a webinar that is
    cancelled, finished or has started.
    """
    with transaction.atomic():
        webinar = webinar_locked(webinar)
        now = timezone.now()
        if webinar.status != WebinarStatus.SCHEDULED or now >= webinar.starts_at:
            return []
        free = webinar.capacity - webinar.confirmed_count()
        if free <= 0:
            return []
        waiting = list(
            Registration.objects.filter(
                webinar=webinar, status=RegistrationStatus.WAITLISTED
            ).order_by("registered_at", "pk")[:free]
        )
        for registration in waiting:
            registration.status = RegistrationStatus.CONFIRMED
            registration.promoted_at = now
        Registration.objects.bulk_update(waiting, ["status", "promoted_at"])
        for registration in waiting:
            _announce(registration_promoted, registration)
    return waiting


def webinar_bureau_sync(*, webinar) -> None:
    """After a move, the webinar belongs to the bureau of its new section.

    ``webinar`` may be the plain Page that Wagtail's move hands over.
    """
    bureau_id = getattr(webinar.get_parent().specific, "bureau_id", None)
    if bureau_id is not None:
        WebinarPage.objects.filter(pk=webinar.pk).exclude(bureau_id=bureau_id).update(
            bureau_id=bureau_id
        )


#: What a bureau's staff may do in their own section, and only there.
SECTION_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
#: Slides are uploaded as documents; staff edit the ones they uploaded.
DOCUMENT_PERMISSIONS = ("add_document", "choose_document")


def bureau_group_name(bureau: Bureau) -> str:
    name = getattr(bureau, build_localized_fieldname("name", settings.LANGUAGE_CODE))
    return f"Bureau staff: {name}"[:150]


def _section_title(bureau: Bureau, code: str) -> str:
    name = getattr(bureau, build_localized_fieldname("name", code)) or getattr(
        bureau, build_localized_fieldname("name", settings.LANGUAGE_CODE)
    )
    with translation.override(code):
        return _("Webinars: %(bureau)s") % {"bureau": name}


@transaction.atomic
def bureau_section_ensure(*, bureau: Bureau) -> WebinarIndexPage:
    """Create (or find) the bureau's webinar section and its staff group.

    The section is published under the home page; the group "Bureau staff:
    <name>" may reach the admin, add, edit and publish pages in that section
    only, and upload slides. Safe to run any number of times; renaming the
    bureau renames its group.
    """
    section = WebinarIndexPage.objects.filter(bureau=bureau).first()
    if section is None:
        home = site_root_ensure()
        with translation.override(settings.LANGUAGE_CODE):
            section = WebinarIndexPage(bureau=bureau, slug=f"webinars-{bureau.slug}")
            for code, _name in settings.LANGUAGES:
                setattr(
                    section,
                    build_localized_fieldname("title", code),
                    _section_title(bureau, code),
                )
            section.title = _section_title(bureau, settings.LANGUAGE_CODE)
            home.add_child(instance=section)
            section.save_revision().publish()

    group = bureau.staff_group
    if group is None:
        group, _created = Group.objects.get_or_create(name=bureau_group_name(bureau))
        Bureau.objects.filter(pk=bureau.pk).update(staff_group=group)
        bureau.staff_group = group
    elif group.name != bureau_group_name(bureau):
        group.name = bureau_group_name(bureau)
        group.save(update_fields=["name"])
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=SECTION_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(
            group=group, page=section, permission=permission
        )
    root_collection = Collection.get_first_root_node()
    for permission in Permission.objects.filter(
        content_type__app_label="wagtaildocs", codename__in=DOCUMENT_PERMISSIONS
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission
        )
    return section


def bureau_sections_ensure() -> list[WebinarIndexPage]:
    """Every bureau's section and staff group (see ``bureau_section_ensure``)."""
    return [bureau_section_ensure(bureau=bureau) for bureau in Bureau.objects.all()]
