"""Admin reports and messages for the staff of a webinar's bureau.

"Webinars" (under Reports) lists the webinars the user may edit with their
numbers; each links to its registrant list, which downloads as CSV or XLSX
and leads to a form for writing to every registrant. A webinar the user may
not edit is not found, as if it did not exist.
"""

import logging
import uuid

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from django_filters import ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import HeaderButton

from lms.core.ratelimit import rate_limited
from lms.core.spreadsheets import formula_safe, percent, percent_cell

from ..emails import Kind, registration_email_send
from ..models import Registration, RegistrationStatus
from ..reports import (
    WebinarNumbers,
    editable_webinars,
    has_attended,
    message_recipients,
    registrants,
    waitlist_position,
    webinar_numbers,
    webinars_with_numbers,
)
from .forms import RegistrantMessageForm

logger = logging.getLogger(__name__)

#: Messages one client may send about one webinar in ``MESSAGE_PERIOD`` seconds.
MESSAGE_LIMIT = 5
MESSAGE_PERIOD = 3600
#: How long a sent message's token is remembered, to refuse sending it again.
SENT_TOKEN_TIMEOUT = 24 * 3600


def registrant_name(registration: Registration) -> str:
    """The learner's account name, else the name for certificates, else the login."""
    user = registration.user
    profile = getattr(user, "profile", None)
    certificate_name = profile.certificate_name if profile else ""
    return user.get_full_name() or certificate_name or user.get_username()


class StaffReportView(ReportView):
    """What both reports share: spreadsheet cells that never run as formulas.

    Wagtail's XLSX export stores text starting with "=" as a string, not a
    formula, but adds no quote, and its CSV export writes text as it is, so a
    learner named "=HYPERLINK(...)" would become a live link or worse once
    the file is opened. Every text cell starting like a formula gets a
    leading quote, in both formats; numbers and dates stay as they are.
    """

    header_icon = "table"

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return formula_safe(value) if isinstance(value, str) else value


class WebinarsReportView(StaffReportView):
    """Every webinar the user may edit, latest first, with its numbers."""

    page_title = _("Webinars")
    index_url_name = "webinars_report"
    index_results_url_name = "webinars_report_results"
    verbose_name_plural = _("webinars")
    export_filename = "webinars"
    list_export = [
        "title",
        "bureau",
        "starts_at",
        "status",
        "confirmed",
        "waitlisted",
        "cancelled",
        "attended",
        "attendance_rate",
        "seats_left",
    ]
    export_headings = {
        "title": _("Webinar"),
        "bureau": _("Bureau"),
        "starts_at": _("Starts at"),
        "status": _("Status"),
        "confirmed": _("Registered"),
        "waitlisted": _("Waiting list"),
        "cancelled": _("Cancelled"),
        "attended": _("Attended"),
        "attendance_rate": _("Attendance rate (%)"),
        "seats_left": _("Seats left"),
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn("title", label=_("Webinar"), url_name="webinars_registrants"),
            Column("bureau", label=_("Bureau")),
            DateColumn("starts_at", label=_("Starts at")),
            Column("status", label=_("Status"), accessor="get_status_display"),
            Column("confirmed_count", label=_("Registered")),
            Column("waitlisted_count", label=_("Waiting list")),
            Column("cancelled_count", label=_("Cancelled")),
            Column("attended_count", label=_("Attended")),
            Column(
                "attendance_rate",
                label=_("Attendance rate"),
                accessor=lambda webinar: percent(
                    WebinarNumbers.of(webinar).attendance_rate
                ),
            ),
            Column(
                "seats_left",
                label=_("Seats left"),
                accessor=lambda webinar: WebinarNumbers.of(webinar).seats_left,
            ),
        ]

    def get_base_queryset(self):
        return webinars_with_numbers(
            editable_webinars(self.request.user).select_related("bureau")
        ).order_by("-starts_at", "-pk")

    def to_row_dict(self, item):
        numbers = WebinarNumbers.of(item)
        return {
            "title": item.title,
            "bureau": str(item.bureau or ""),
            "starts_at": item.starts_at,
            "status": item.get_status_display(),
            "confirmed": numbers.confirmed,
            "waitlisted": numbers.waitlisted,
            "cancelled": numbers.cancelled,
            "attended": numbers.attended,
            "attendance_rate": percent_cell(numbers.attendance_rate),
            "seats_left": numbers.seats_left,
        }


class RegistrantFilterSet(WagtailFilterSet):
    status = ChoiceFilter(
        label=_("Status"),
        choices=RegistrationStatus.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Registration
        fields = ["status"]


class WebinarStaffMixin:
    """The webinar of the URL, if the user may edit it; else not found."""

    def dispatch(self, request, *args, **kwargs):
        # Looked up among the user's own webinars: others are simply not found.
        self.webinar = get_object_or_404(
            editable_webinars(request.user), pk=kwargs["webinar_id"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.webinar.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("webinars_report"), "label": gettext("Webinars")},
            {
                "url": reverse("webinars_registrants", args=[self.webinar.pk]),
                "label": self.webinar.get_admin_display_title(),
            },
            {"url": "", "label": self.page_title},
        ]


class RegistrantsReportView(WebinarStaffMixin, StaffReportView):
    """A webinar's registrants with their place and attendance.

    Names only what staff need to run the webinar. The profile promises that
    country, WIPO region and business sector are counted in anonymous
    statistics, never shown with the learner's name, so they are neither
    listed here nor in the downloads.
    """

    template_name = "webinars/staff/registrants.html"
    page_title = _("Registrants")
    header_icon = "group"
    filterset_class = RegistrantFilterSet
    verbose_name_plural = _("registrants")
    list_export = [
        "name",
        "email",
        "status",
        "registered_at",
        "waitlist_position",
        "attendance_minutes",
        "attended",
    ]
    export_headings = {
        "name": _("Name"),
        "email": _("Email"),
        "status": _("Status"),
        "registered_at": _("Registered at"),
        "waitlist_position": _("Place on the waiting list"),
        "attendance_minutes": _("Minutes attended"),
        "attended": _("Attended"),
    }

    @cached_property
    def columns(self):
        return [
            Column("name", label=_("Name"), accessor=registrant_name),
            Column("email", label=_("Email"), accessor="user.email"),
            Column("status", label=_("Status"), accessor="get_status_display"),
            DateColumn("registered_at", label=_("Registered at")),
            Column(
                "waitlist_position",
                label=_("Place on the waiting list"),
                accessor=waitlist_position,
            ),
            Column("attendance_minutes", label=_("Minutes attended")),
            BooleanColumn(
                "attended",
                label=_("Attended"),
                accessor=lambda registration: has_attended(registration, self.webinar),
            ),
        ]

    def get_index_url(self):
        return reverse("webinars_registrants", args=[self.webinar.pk])

    def get_index_results_url(self):
        return self.get_index_url()

    def get_filename(self):
        return f"webinar-{self.webinar.pk}-registrants"

    def get_base_queryset(self):
        return registrants(self.webinar)

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                gettext("Message registrants"),
                url=reverse("webinars_message", args=[self.webinar.pk]),
                icon_name="mail",
            )
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        numbers = webinar_numbers(self.webinar)
        context.update(
            webinar=self.webinar,
            numbers=numbers,
            attendance_rate=percent(numbers.attendance_rate),
        )
        return context

    def to_row_dict(self, item):
        return {
            "name": registrant_name(item),
            "email": item.user.email,
            "status": item.get_status_display(),
            "registered_at": item.registered_at,
            "waitlist_position": waitlist_position(item),
            "attendance_minutes": item.attendance_minutes,
            "attended": gettext("Yes")
            if has_attended(item, self.webinar)
            else gettext("No"),
        }


class RegistrantMessageView(WebinarStaffMixin, WagtailAdminTemplateMixin, FormView):
    """Write to every registrant, see how many will get it, then send.

    The first step shows the form; a valid form comes back as a confirmation
    with the number of recipients and a token naming this one message. The
    message is sent only once per token, however often the button is pressed,
    and a client sends at most ``MESSAGE_LIMIT`` messages an hour per webinar.
    """

    form_class = RegistrantMessageForm
    template_name = "webinars/staff/message_form.html"
    confirm_template_name = "webinars/staff/message_confirm.html"
    page_title = _("Message registrants")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        return super().get_context_data(webinar=self.webinar, **kwargs)

    def recipients(self, form):
        return message_recipients(
            self.webinar, include_waitlisted=form.cleaned_data["include_waitlisted"]
        )

    def form_valid(self, form):
        if "edit" in self.request.POST:
            data = {**form.cleaned_data, "token": ""}
            return self.render_to_response(
                self.get_context_data(form=RegistrantMessageForm(initial=data))
            )
        if "send" not in self.request.POST or not form.cleaned_data["token"]:
            return self.confirm(form)
        registrants_url = reverse("webinars_registrants", args=[self.webinar.pk])
        token = form.cleaned_data["token"]
        if not cache.add(f"webinars:message-sent:{token}", 1, SENT_TOKEN_TIMEOUT):
            messages.info(self.request, gettext("This message has already been sent."))
            return redirect(registrants_url)
        if rate_limited(
            self.request,
            scope=f"webinar-message:{self.webinar.pk}",
            limit=MESSAGE_LIMIT,
            period=MESSAGE_PERIOD,
        ):
            cache.delete(f"webinars:message-sent:{token}")
            form.add_error(
                None,
                gettext(
                    "Too many messages about this webinar were sent in the last "
                    "hour. Please try again later."
                ),
            )
            return self.form_invalid(form)
        sent = self.send(form)
        messages.success(
            self.request,
            ngettext(
                "Message sent to %(count)d registrant.",
                "Message sent to %(count)d registrants.",
                sent,
            )
            % {"count": sent},
        )
        return redirect(registrants_url)

    def confirm(self, form):
        """The confirmation step: who gets the message, and a token for it."""
        data = {**form.cleaned_data, "token": uuid.uuid4().hex}
        confirmed = RegistrantMessageForm(initial=data)
        for field in confirmed:
            field.field.widget = forms.HiddenInput()
        return self.response_class(
            request=self.request,
            template=[self.confirm_template_name],
            context=self.get_context_data(
                form=confirmed,
                message=data["message"],
                include_waitlisted=data["include_waitlisted"],
                recipient_count=self.recipients(form).count(),
            ),
            using=self.template_engine,
        )

    def send(self, form) -> int:
        """Queue the message to each recipient; how many it went to."""
        recipients = list(self.recipients(form))
        with transaction.atomic():
            for registration in recipients:
                registration.webinar = self.webinar
                registration_email_send(
                    registration, Kind.MESSAGE, message=form.cleaned_data["message"]
                )
        logger.info(
            "Webinar message sent",
            extra={
                "webinar": self.webinar.pk,
                "sender": self.request.user.pk,
                "recipients": len(recipients),
                "include_waitlisted": form.cleaned_data["include_waitlisted"],
            },
        )
        return len(recipients)
