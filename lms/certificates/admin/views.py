"""Admin screens to issue a certificate by hand, revoke one, and fetch its PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from lms.certificates.services import (
    certificate_issue,
    certificate_pdf_ensure,
    certificate_revoke,
)
from lms.certificates.views import certificate_pdf_response

from .access import certificates_visible_to, editable_courses
from .forms import CertificateIssueForm, CertificateRevokeForm

INDEX = "certificates_admin:index"


class ChangePermissionRequired:
    """Issuing and revoking need the change permission on certificates; which
    certificates and courses is then narrowed by page permissions."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("certificates.change_certificate"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CertificateIssueView(
    ChangePermissionRequired, WagtailAdminTemplateMixin, FormView
):
    page_title = gettext_lazy("Issue a certificate")
    template_name = "certificates/admin/form.html"
    form_class = CertificateIssueForm
    header_icon = "doc-full"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "courses": editable_courses(self.request.user),
        }

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse(INDEX), "label": _("Certificates")},
            {"url": "", "label": self.page_title},
        ]

    def form_valid(self, form):
        try:
            certificate = certificate_issue(
                user=form.cleaned_data["learner"],
                course=form.cleaned_data["course"],
                issued_by=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Certificate %(code)s issued to %(name)s.")
            % {"code": certificate.code, "name": certificate.holder_name},
        )
        return redirect(INDEX)


class CertificateRevokeView(
    ChangePermissionRequired, WagtailAdminTemplateMixin, FormView
):
    page_title = gettext_lazy("Revoke a certificate")
    template_name = "certificates/admin/form.html"
    form_class = CertificateRevokeForm
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        self.certificate = get_object_or_404(
            certificates_visible_to(request.user), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.certificate)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse(INDEX), "label": _("Certificates")},
            {"url": "", "label": self.page_title},
        ]

    def form_valid(self, form):
        if not self.certificate.is_valid:
            messages.error(self.request, _("This certificate is already revoked."))
            return redirect(INDEX)
        certificate_revoke(
            certificate=self.certificate,
            reason=form.cleaned_data["reason"],
            by=self.request.user,
        )
        messages.success(
            self.request,
            _("Certificate %(code)s revoked.") % {"code": self.certificate.code},
        )
        return redirect(INDEX)


class CertificatePdfView(View):
    """Course staff download a valid certificate's PDF (to resend it, say)."""

    def get(self, request, pk):
        certificate = get_object_or_404(certificates_visible_to(request.user), pk=pk)
        try:
            certificate = certificate_pdf_ensure(certificate=certificate)
        except ValidationError as error:
            raise PermissionDenied(error.messages[0]) from None
        return certificate_pdf_response(certificate)
