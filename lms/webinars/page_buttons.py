"""The buttons a webinar page gets in the admin, for the staff who may edit it:
its registrants and its attendance, in the page header and the listing menu."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import Button

from .models import WebinarPage

#: (label, URL name, icon, priority in the header, priority in the listing)
WEBINAR_BUTTONS = (
    (_("Registrants"), "webinars_registrants", "table", 65, 50),
    (_("Attendance"), "webinars_attendance", "group", 66, 51),
)


def webinar_buttons(page, user, *, listing: bool):
    """Yield the buttons of ``page`` if it is a webinar ``user`` may edit."""
    if page.specific_class is not WebinarPage:
        return
    if not page.permissions_for_user(user).can_edit():
        return
    for label, url_name, icon, header_priority, listing_priority in WEBINAR_BUTTONS:
        yield Button(
            label,
            url=reverse(url_name, args=[page.pk]),
            icon_name=icon,
            priority=listing_priority if listing else header_priority,
        )
