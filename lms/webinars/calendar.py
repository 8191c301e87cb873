"""iCalendar invitations (RFC 5545) for webinar registrants.

One event per webinar, identified by the webinar's ``uid`` for its whole life:
calendars replace the invitation they hold when a later one carries the same
UID and a higher SEQUENCE (the webinar's ``sequence`` grows whenever its time,
link or status changes). Times are written in UTC, which every calendar reads
without a VTIMEZONE; the organiser's zone is named in the description.
A cancelled webinar, or a registration given up, is sent as METHOD:CANCEL.
"""

from html import unescape

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from .models import WebinarStatus

PRODUCT_ID = "-//IP Campus//Webinars//EN"
REQUEST = "REQUEST"
CANCEL = "CANCEL"


def webinar_uid(webinar) -> str:
    """The event's UID: the webinar's own identifier under the site's host."""
    host = settings.SITE_BASE_URL.split("://", 1)[-1].split("/", 1)[0]
    return f"webinar-{webinar.uid}@{host.split(':', 1)[0]}"


def webinar_invitation(webinar, *, email: str, name: str, method: str) -> bytes:
    """The .ics file sent to one registrant, in the active language.

    ``method`` is REQUEST (an invitation, or its update) or CANCEL (the
    webinar is cancelled, or this registrant's seat is).
    """
    if webinar.status == WebinarStatus.CANCELLED:
        method = CANCEL
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", webinar_uid(webinar))
    event.add("sequence", webinar.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", webinar.starts_at.astimezone(timezone.UTC))
    event.add("dtend", webinar.ends_at.astimezone(timezone.UTC))
    event.add("summary", webinar.title)
    event.add("description", _description(webinar, method))
    page_url = settings.SITE_BASE_URL + webinar.url
    event.add("url", page_url)
    if method == REQUEST and webinar.meeting_url:
        event.add("location", webinar.meeting_url)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    organiser = vCalAddress(f"mailto:{_address(settings.DEFAULT_FROM_EMAIL)}")
    organiser.params["cn"] = vText(webinar.bureau.name if webinar.bureau else "")
    event.add("organizer", organiser)
    attendee = vCalAddress(f"mailto:{email}")
    attendee.params["cn"] = vText(name or email)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("ACCEPTED" if method == REQUEST else "DECLINED")
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()


def _description(webinar, method: str) -> str:
    local = webinar.local_starts_at()
    lines = [
        # Plain text: no tags, and "&amp;" back to "&".
        unescape(strip_tags(webinar.description)).strip(),
        "",
        _("Organiser's time: %(time)s (%(zone)s)")
        % {"time": local.strftime("%Y-%m-%d %H:%M"), "zone": webinar.time_zone},
    ]
    if method == REQUEST and webinar.meeting_url:
        lines.append(_("Join: %(link)s") % {"link": webinar.meeting_url})
    return "\n".join(line for line in lines if line is not None).strip()


def _address(from_email: str) -> str:
    """The bare address of "Name <address>"."""
    if "<" in from_email and from_email.endswith(">"):
        return from_email.rsplit("<", 1)[1][:-1]
    return from_email
