"""Admin screens for a webinar's attendance: marking by hand, and importing a
meeting tool's report after a preview.

The import takes three steps, none of which stores anything before the last:
upload (and, when no preset recognises the columns, choose them), preview,
confirm. The file travels between them signed, inside the page, together
with the webinar it was uploaded for. Every step checks that the user may
edit the webinar: bureau staff record their own bureau's webinars only.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.core.ratelimit import rate_limited

from ..attendance import (
    Action,
    AttendanceImportError,
    attendance_import_commit,
    attendance_import_plan,
    attendance_mark,
    attendance_permission_check,
    confirmed_registrations,
    webinar_times,
)
from ..attendance_import import (
    HEADER_SEARCH_ROWS,
    PRESETS,
    AttendanceFileError,
    attendance_parse,
    csv_records,
    header_guess,
    preset_detect,
)
from ..models import Attendance, WebinarPage
from .forms import (
    ConfirmForm,
    MappingForm,
    MarkForm,
    UploadForm,
    fits_in_a_request,
)

MARK_TEMPLATE = "webinars/admin/attendance.html"
UPLOAD_TEMPLATE = "webinars/admin/attendance_import_form.html"
MAPPING_TEMPLATE = "webinars/admin/attendance_mapping.html"
PREVIEW_TEMPLATE = "webinars/admin/attendance_preview.html"
#: Uploads per client address in ``UPLOAD_PERIOD`` seconds: parsing is cheap,
#: but not free.
UPLOAD_LIMIT = 60
UPLOAD_PERIOD = 600


class WebinarAttendanceView(WagtailAdminTemplateMixin, TemplateView):
    """What the attendance screens share: the webinar and the right to edit it."""

    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.webinar = get_object_or_404(WebinarPage, pk=kwargs["webinar_id"])
        try:
            attendance_permission_check(webinar=self.webinar, user=request.user)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.webinar.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(
                    "wagtailadmin_explore", args=[self.webinar.get_parent().pk]
                ),
                "label": self.webinar.get_parent().get_admin_display_title(),
            },
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.webinar.pk]),
                "label": self.webinar.get_admin_display_title(),
            },
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(webinar=self.webinar, **kwargs)

    def url(self, name: str) -> str:
        return reverse(name, args=[self.webinar.pk])


class AttendanceView(WebinarAttendanceView):
    """The confirmed registrants with the minutes each attended, to mark by hand."""

    page_title = gettext_lazy("Attendance")
    template_name = MARK_TEMPLATE

    @cached_property
    def attendances(self) -> dict[int, Attendance]:
        return {
            attendance.user_id: attendance
            for attendance in Attendance.objects.filter(webinar=self.webinar)
        }

    def form(self, data=None) -> MarkForm:
        return MarkForm(
            data,
            webinar=self.webinar,
            registrations=confirmed_registrations(self.webinar),
            attendances=self.attendances,
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.form())
        attended = sum(
            a.minutes >= self.webinar.min_attended_minutes
            for a in self.attendances.values()
        )
        return super().get_context_data(
            import_url=self.url("webinars_attendance_import"),
            recorded=len(self.attendances),
            attended=attended,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            outcome = attendance_mark(
                webinar=self.webinar,
                minutes=form.cleaned_data["marks"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            request,
            _(
                "Attendance saved: %(created)d added, %(updated)d changed, "
                "%(removed)d removed."
            )
            % {
                "created": outcome.created,
                "updated": outcome.updated,
                "removed": outcome.removed,
            },
        )
        return redirect(self.url("webinars_attendance"))


class ImportStepView(WebinarAttendanceView):
    """Upload, mapping and preview: they read and show, never write."""

    page_title = gettext_lazy("Import attendance")

    def render(self, template: str, **context):
        return TemplateResponse(
            self.request, template, self.get_context_data(**context)
        )

    def render_mapping(self, form: MappingForm, upload, problem: str = ""):
        return self.render(
            MAPPING_TEMPLATE,
            form=form,
            upload=upload,
            problem=problem,
            action_url=self.url("webinars_attendance_preview"),
        )

    def mapping_form(self, upload, records, data=None, mapping=None) -> MappingForm:
        initial = {"payload": upload.sign()}
        if mapping is not None:
            initial.update(mapping.as_dict())
        return MappingForm(data, headers=header_guess(records), initial=initial)

    def render_preview(self, upload, *, refusal: str = ""):
        """The preview of ``upload`` read with its mapping, or the mapping form
        with the reason when the file cannot be read that way."""
        try:
            parsed = attendance_parse(
                upload.data, upload.mapping, times=webinar_times(self.webinar)
            )
        except AttendanceFileError as error:
            records, _delimiter = csv_records(upload.data)
            form = self.mapping_form(upload, records, mapping=upload.mapping)
            return self.render_mapping(form, upload, error.message)
        plan = attendance_import_plan(webinar=self.webinar, parsed=parsed)
        payload = upload.sign()
        records, _delimiter = csv_records(upload.data)
        return self.render(
            PREVIEW_TEMPLATE,
            plan=plan,
            upload=upload,
            refusal=refusal,
            preset=PRESETS.get(upload.mapping.preset),
            confirm_form=ConfirmForm(
                initial={"payload": payload, "fingerprint": plan.fingerprint}
            ),
            mapping_form=self.mapping_form(upload, records, mapping=upload.mapping),
            confirm_url=self.url("webinars_attendance_confirm"),
            preview_url=self.url("webinars_attendance_preview"),
            Action=Action,
            held_back=plan.entries_with(Action.HELD_BACK),
            can_commit=plan.can_commit(skip_problems=True),
            fits=fits_in_a_request(payload),
        )


class ImportView(ImportStepView):
    """Upload a report; see its preview, or choose its columns first."""

    template_name = UPLOAD_TEMPLATE

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", UploadForm())
        kwargs.setdefault("action_url", self.url("webinars_attendance_import"))
        kwargs.setdefault("submit_button_label", _("Preview"))
        kwargs.setdefault("submit_button_active_label", _("Reading the file…"))
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES)
        if rate_limited(
            request, scope="attendance-upload", limit=UPLOAD_LIMIT, period=UPLOAD_PERIOD
        ):
            form.add_error(
                None, _("Too many uploads in a short time: wait a few minutes.")
            )
            return self.render_to_response(self.get_context_data(form=form))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.upload(self.webinar.pk)
        try:
            records, _delimiter = csv_records(upload.data)
        except AttendanceFileError as error:
            form.add_error("file", error.message)
            return self.render_to_response(self.get_context_data(form=form))
        preset = form.cleaned_data["preset"]
        mapping = None
        if preset in PRESETS:
            mapping = next(
                filter(
                    None,
                    (
                        PRESETS[preset].mapping_for(record)
                        for record in records[:HEADER_SEARCH_ROWS]
                    ),
                ),
                None,
            )
            if mapping is None:
                problem = _(
                    "The file does not have the columns of a %(preset)s: choose "
                    "them below."
                ) % {"preset": PRESETS[preset].label}
                return self.render_mapping(
                    self.mapping_form(upload, records), upload, problem
                )
        elif preset != "custom":
            mapping = preset_detect(records)
        if mapping is None:
            return self.render_mapping(self.mapping_form(upload, records), upload)
        return self.render_preview(upload.with_mapping(mapping))


class PreviewView(ImportStepView):
    """The preview of an uploaded file with the columns staff chose."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = MappingForm(request.POST, headers=())
        # The choices are the file's headers: read them from the payload first.
        payload = form.fields["payload"]
        try:
            upload = payload.clean(request.POST.get("payload"))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.url("webinars_attendance_import"))
        if upload.webinar_id != self.webinar.pk:
            messages.error(request, _("This file was uploaded for another webinar."))
            return redirect(self.url("webinars_attendance_import"))
        records, _delimiter = csv_records(upload.data)
        form = MappingForm(request.POST, headers=header_guess(records))
        if not form.is_valid():
            return self.render_mapping(form, upload)
        return self.render_preview(upload.with_mapping(form.cleaned_data["mapping"]))


class ConfirmView(ImportStepView):
    """Import the previewed file: all of it, its valid rows only, or nothing."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(self.url("webinars_attendance_import"))
        upload = form.cleaned_data["payload"]
        if upload.webinar_id != self.webinar.pk or upload.mapping is None:
            messages.error(request, _("This file was uploaded for another webinar."))
            return redirect(self.url("webinars_attendance_import"))
        try:
            parsed = attendance_parse(
                upload.data, upload.mapping, times=webinar_times(self.webinar)
            )
            outcome = attendance_import_commit(
                webinar=self.webinar,
                parsed=parsed,
                by=request.user,
                skip_problems=form.cleaned_data["skip_problems"],
                expected_fingerprint=form.cleaned_data["fingerprint"],
            )
        except AttendanceFileError as error:
            messages.error(request, error.message)
            return redirect(self.url("webinars_attendance_import"))
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
            return redirect("wagtailadmin_home")
        except AttendanceImportError as error:
            return self.render_preview(upload, refusal=error.message)
        messages.success(request, success_message(outcome))
        return redirect(self.url("webinars_attendance"))


def success_message(outcome) -> str:
    parts = [
        ngettext(
            "Attendance imported: %(count)d learner added",
            "Attendance imported: %(count)d learners added",
            outcome.created,
        )
        % {"count": outcome.created},
        _("%(count)d changed") % {"count": outcome.updated},
        _("%(count)d already up to date") % {"count": outcome.unchanged},
    ]
    if outcome.skipped_rows:
        parts.append(
            ngettext(
                "%(count)d row with a problem skipped",
                "%(count)d rows with problems skipped",
                outcome.skipped_rows,
            )
            % {"count": outcome.skipped_rows}
        )
    return ", ".join(parts) + "."
