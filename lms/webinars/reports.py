"""Numbers and registrant lists for bureau staff, each in a fixed number of queries.

The admin screens in ``staff/`` read only from here. A webinar's numbers
count its registrations by status and the people whose attendance reached
the webinar's ``min_attended_minutes``; attendance is kept per learner, so
people who joined with a link passed on to them count as attended but not in
the attendance rate, which is the share of confirmed registrants who attended.
"""

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import Attendance, Registration, RegistrationStatus, WebinarPage

#: The order the registrant list shows: seats, then the queue, then those who left.
STATUS_ORDER = Case(
    When(status=RegistrationStatus.CONFIRMED, then=Value(0)),
    When(status=RegistrationStatus.WAITLISTED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def editable_webinars(user) -> QuerySet[WebinarPage]:
    """The webinars ``user`` may edit: their bureau's, or all for a superuser.

    The same rule as ``page.permissions_for_user(user).can_edit()``: edit
    rights on the section, or add rights on it for webinars the user created.
    """
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, {"change"}
    )
    return WebinarPage.objects.filter(pk__in=pages.values("pk"))


def _count_of(rows: QuerySet) -> Coalesce:
    """How many of ``rows`` there are, as a subquery (0 when none)."""
    counted = rows.order_by().values("webinar").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _attended(**filters) -> QuerySet:
    return Attendance.objects.filter(
        webinar=OuterRef("pk"), minutes__gte=OuterRef("min_attended_minutes"), **filters
    )


def webinars_with_numbers(webinars: QuerySet[WebinarPage]) -> QuerySet[WebinarPage]:
    """``webinars`` annotated with the counts ``WebinarNumbers`` reads."""
    by_status = {
        f"{status}_count": Count(
            "registrations", filter=Q(registrations__status=status)
        )
        for status in RegistrationStatus.values
    }
    confirmed_attendee = Registration.objects.filter(
        webinar=OuterRef("webinar"),
        user=OuterRef("user"),
        status=RegistrationStatus.CONFIRMED,
    )
    return webinars.annotate(
        **by_status,
        attended_count=_count_of(_attended()),
        attended_confirmed_count=_count_of(
            _attended().filter(Exists(confirmed_attendee))
        ),
    )


@dataclass(frozen=True)
class WebinarNumbers:
    """A webinar's registrations and attendance, as the staff reports show them."""

    capacity: int
    confirmed: int
    waitlisted: int
    cancelled: int
    attended: int
    #: Attended and held a confirmed seat: the numerator of the attendance rate.
    attended_confirmed: int

    @classmethod
    def of(cls, webinar: WebinarPage) -> "WebinarNumbers":
        """The numbers of a webinar read through ``webinars_with_numbers``."""
        return cls(
            capacity=webinar.capacity,
            confirmed=webinar.confirmed_count,
            waitlisted=webinar.waitlisted_count,
            cancelled=webinar.cancelled_count,
            attended=webinar.attended_count,
            attended_confirmed=webinar.attended_confirmed_count,
        )

    @property
    def attendance_rate(self) -> float | None:
        """Share of confirmed registrants who attended, None with nobody confirmed."""
        if not self.confirmed:
            return None
        return self.attended_confirmed / self.confirmed

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.confirmed, 0)


def webinar_numbers(webinar: WebinarPage) -> WebinarNumbers:
    """The numbers of one webinar, in one query."""
    annotated = webinars_with_numbers(WebinarPage.objects.filter(pk=webinar.pk)).get()
    return WebinarNumbers.of(annotated)


def registrants(webinar: WebinarPage) -> QuerySet[Registration]:
    """Everyone who registered for ``webinar``, with what the registrant list shows.

    Each registration carries its learner and profile (for the name on
    certificates, the name the list falls back on), ``attendance_minutes``
    (None when no attendance was recorded) and ``queue_number``, its place
    among registrations of the same status in the order the waiting list is
    served; ``waitlist_position`` reads it. One query, however many
    registrants. Filtering by status keeps the places right, since a status
    is kept or left out whole; any other filter would renumber them.
    """
    minutes = Attendance.objects.filter(
        webinar=OuterRef("webinar"), user=OuterRef("user")
    ).values("minutes")[:1]
    return (
        Registration.objects.filter(webinar=webinar)
        .select_related("user", "user__profile")
        .annotate(
            attendance_minutes=Subquery(minutes, output_field=IntegerField()),
            queue_number=Window(
                RowNumber(),
                partition_by=[F("status")],
                order_by=[F("registered_at").asc(), F("pk").asc()],
            ),
        )
        .order_by(STATUS_ORDER, "registered_at", "pk")
    )


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first person waiting; None for anyone not waiting."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    return registration.queue_number


def has_attended(registration: Registration, webinar: WebinarPage) -> bool:
    """Whether the registrant was online long enough to count as attending."""
    minutes = registration.attendance_minutes
    return minutes is not None and minutes >= webinar.min_attended_minutes


def message_recipients(
    webinar: WebinarPage, *, include_waitlisted: bool
) -> QuerySet[Registration]:
    """The registrations a staff message goes to: confirmed (and waiting) ones
    of active learners with an address, as ``registration_email_send`` sends."""
    statuses = [RegistrationStatus.CONFIRMED]
    if include_waitlisted:
        statuses.append(RegistrationStatus.WAITLISTED)
    return (
        Registration.objects.filter(
            webinar=webinar, status__in=statuses, user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user", "user__profile")
        .order_by("registered_at", "pk")
    )
