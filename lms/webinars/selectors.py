"""Reads the webinar pages and listings share, each in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from .models import (
    Bureau,
    Registration,
    RegistrationStatus,
    WebinarPage,
    WebinarStatus,
)
from .services import registration_closed_reason

#: How many past webinars a listing shows, latest first.
PAST_LIMIT = 20
#: The longest a webinar may last (its model refuses more): anything that
#: started earlier than this is over whatever its duration.
LONGEST_WEBINAR = timedelta(hours=24)


@dataclass
class WebinarListing:
    """Upcoming webinars soonest first, past ones latest first.

    ``registrations`` maps a webinar's id to the viewer's active
    registration, for the webinars listed.
    """

    upcoming: list[WebinarPage] = field(default_factory=list)
    past: list[WebinarPage] = field(default_factory=list)
    registrations: dict[int, Registration] = field(default_factory=dict)


def _listed_webinars(*, bureau=None, language="", topic=""):
    webinars = (
        WebinarPage.objects.live()
        .public()
        .select_related("bureau")
        .annotate(
            confirmed_seats=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
            )
        )
    )
    if bureau is not None:
        webinars = webinars.filter(bureau=bureau)
    if language:
        webinars = webinars.filter(language=language)
    if topic:
        webinars = webinars.filter(topic=topic)
    return webinars


def _is_over(webinar: WebinarPage, now: datetime) -> bool:
    return webinar.status == WebinarStatus.FINISHED or webinar.ends_at <= now


def webinar_listing(
    *,
    user=None,
    bureau: Bureau | None = None,
    language: str = "",
    topic: str = "",
    now: datetime | None = None,
) -> WebinarListing:
    """Live webinars (of ``bureau``, or all), narrowed by language and topic.

    Three queries whatever the number of webinars and registrations, a fourth
    for a logged-in ``user``'s own registrations. Each webinar carries
    ``confirmed_seats``.
    """
    now = now or timezone.now()
    webinars = _listed_webinars(bureau=bureau, language=language, topic=topic)
    # Webinars that started within a day may or may not be over: their
    # duration decides, in Python; anything older is over.
    recent = webinars.filter(starts_at__gt=now - LONGEST_WEBINAR).order_by(
        "starts_at", "pk"
    )
    listing = WebinarListing()
    recent_past = []
    for webinar in recent:
        (recent_past if _is_over(webinar, now) else listing.upcoming).append(webinar)
    recent_past.sort(key=lambda webinar: webinar.starts_at, reverse=True)
    older = webinars.filter(starts_at__lte=now - LONGEST_WEBINAR).order_by(
        "-starts_at", "-pk"
    )[: max(PAST_LIMIT - len(recent_past), 0)]
    listing.past = (recent_past + list(older))[:PAST_LIMIT]
    if user is not None and user.is_authenticated:
        listed = [webinar.pk for webinar in listing.upcoming + listing.past]
        listing.registrations = {
            registration.webinar_id: registration
            for registration in Registration.objects.filter(
                user=user, webinar_id__in=listed
            ).exclude(status=RegistrationStatus.CANCELLED)
        }
    return listing


@dataclass
class WebinarState:
    """What a webinar page shows the viewer: seats, their registration, what
    they may do."""

    webinar: WebinarPage
    confirmed_seats: int
    closed_reason: str | None
    registration: Registration | None = None
    #: 1 for the first person waiting; None when not waiting.
    waitlist_position: int | None = None

    @property
    def seats_left(self) -> int:
        return max(self.webinar.capacity - self.confirmed_seats, 0)

    @property
    def is_full(self) -> bool:
        return self.seats_left == 0

    @property
    def is_registered(self) -> bool:
        return self.registration is not None and self.registration.is_active

    @property
    def is_confirmed(self) -> bool:
        return (
            self.registration is not None
            and self.registration.status == RegistrationStatus.CONFIRMED
        )

    @property
    def is_waitlisted(self) -> bool:
        return (
            self.registration is not None
            and self.registration.status == RegistrationStatus.WAITLISTED
        )

    @property
    def can_register(self) -> bool:
        return (
            self.webinar.pk is not None
            and self.closed_reason is None
            and not self.is_registered
        )

    @property
    def can_cancel(self) -> bool:
        return self.is_registered and timezone.now() < self.webinar.starts_at

    @property
    def meeting_url(self) -> str:
        """The meeting link, for a confirmed registrant of a scheduled webinar only."""
        if not self.is_confirmed or self.webinar.status != WebinarStatus.SCHEDULED:
            return ""
        if timezone.now() >= self.webinar.ends_at:
            return ""
        return self.webinar.meeting_url


def webinar_state(*, webinar: WebinarPage, user=None) -> WebinarState:
    """Seats and the viewer's registration for ``webinar``, in at most three
    queries."""
    state = WebinarState(
        webinar=webinar,
        # A page previewed before its first save has no registrations yet.
        confirmed_seats=webinar.confirmed_count() if webinar.pk else 0,
        closed_reason=registration_closed_reason(webinar),
    )
    if webinar.pk is None or user is None or not user.is_authenticated:
        return state
    state.registration = Registration.objects.filter(user=user, webinar=webinar).first()
    if state.is_waitlisted:
        registration = state.registration
        # The queue is served in (registered_at, pk) order, as the services do.
        ahead = Registration.objects.filter(
            Q(registered_at__lt=registration.registered_at)
            | Q(registered_at=registration.registered_at, pk__lt=registration.pk),
            webinar=webinar,
            status=RegistrationStatus.WAITLISTED,
        ).count()
        state.waitlist_position = ahead + 1
    return state


def viewer_time_zone(user) -> str:
    """The time zone the logged-in ``user`` chose in their profile, or ""."""
    from lms.accounts.selectors import profile_of

    if user is None or not user.is_authenticated:
        return ""
    return getattr(profile_of(user), "time_zone", "") or ""
