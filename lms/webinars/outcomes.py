"""What attending a webinar earns: an attendance certificate and, when the
webinar says so, its related module completed.

``attendance_outcomes_apply`` is called after attendance is imported or
marked by hand; running it again changes nothing for those already served,
so it can follow every change to the attendance list.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from courses.models import ModulePage
from lms.certificates.models import Certificate, CertificateKind
from lms.certificates.services import certificate_issue_for_event
from lms.certificates.tasks import certificate_pdf_task
from lms.progress.models import ModuleCompletion
from lms.progress.services import module_complete_by_credit

from .models import Attendance, WebinarPage, WebinarStatus

logger = logging.getLogger(__name__)


def _credited_module(webinar: WebinarPage):
    """The module attending completes, or None."""
    page = webinar.related_page
    if not webinar.completes_related_module or page is None:
        return None
    return page if page.specific_class is ModulePage else None


def attendance_outcomes_apply(*, webinar: WebinarPage) -> dict:
    """Give each attendee of ``webinar`` what attending earns; idempotent.

    An attendee is someone online for at least ``min_attended_minutes``,
    with an active account (a deleted account keeps its attendance for the
    counts, not a new certificate). Each gets an attendance certificate,
    whose PDF is rendered in the background, and the related module
    completed if ``completes_related_module`` is on. Those already served
    are skipped; the rest cost a fixed number of queries each. Returns
    counts: ``attendees``, ``certificates_issued``, ``modules_completed``.
    """
    outcome = {"attendees": 0, "certificates_issued": 0, "modules_completed": 0}
    if webinar.status == WebinarStatus.CANCELLED:
        return outcome
    attendees = [
        attendance.user
        for attendance in Attendance.objects.filter(
            webinar=webinar,
            minutes__gte=webinar.min_attended_minutes,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("pk")
    ]
    outcome["attendees"] = len(attendees)
    if not attendees:
        return outcome
    user_ids = [user.pk for user in attendees]
    certified = set(
        Certificate.objects.filter(
            event=webinar, kind=CertificateKind.ATTENDANCE, user_id__in=user_ids
        ).values_list("user_id", flat=True)
    )
    module = _credited_module(webinar)
    credited = set()
    if module is not None:
        credited = set(
            ModuleCompletion.objects.filter(
                module_id=module.pk, user_id__in=user_ids
            ).values_list("user_id", flat=True)
        )
    held_on = webinar.local_starts_at().date()
    # Stored once for every reader: in the site's language, as staff see it.
    with translation.override(settings.LANGUAGE_CODE):
        # Translators: why a module counts as completed, shown to staff.
        reason = _("Attended the webinar “%(title)s”") % {"title": webinar.title}
    for user in attendees:
        if user.pk not in certified:
            certificate = certificate_issue_for_event(
                user=user, event=webinar, completed_on=held_on
            )
            certificate_pdf_task.enqueue(certificate_id=certificate.pk)
            outcome["certificates_issued"] += 1
        if module is not None and user.pk not in credited:
            try:
                module_complete_by_credit(user=user, module=module, reason=reason)
            except ValidationError as error:
                # The module or its course was unpublished: nothing to
                # complete now, and nothing to complete for the next either.
                logger.warning(
                    "Webinar %s: module %s not completed: %s",
                    webinar.pk,
                    module.pk,
                    "; ".join(error.messages),
                )
                module = None
                continue
            outcome["modules_completed"] += 1
    return outcome
