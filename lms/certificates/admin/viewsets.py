"""Certificate templates (snippets) and issued certificates in the Wagtail admin."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.certificates.models import Certificate, CertificateTemplate
from lms.core.admin_listing import ListingMixin
from lms.core.admin_panels import language_groups, language_tabs

from .access import certificates_visible_to
from .views import CertificateIssueView, CertificatePdfView, CertificateRevokeView


class CertificateTemplateViewSet(SnippetViewSet):
    """What certificates say and how they look, per course or by default."""

    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    menu_order = 210
    add_to_admin_menu = False
    url_prefix = "certificates/templates"
    list_display = ["name", "kind", "course", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name"]

    @cached_property
    def edit_handler(self):
        settings = ObjectList(
            [
                FieldPanel("name"),
                FieldPanel("kind"),
                FieldPanel("course"),
                FieldPanel("bilingual"),
                MultiFieldPanel(
                    [
                        FieldPanel("logo"),
                        FieldPanel("primary_colour"),
                        FieldPanel("accent_colour"),
                    ],
                    heading=_("Look"),
                ),
            ],
            heading=_("Settings"),
        )
        signatories = ObjectList(
            [
                InlinePanel(
                    "signatories",
                    panels=[
                        FieldPanel("name"),
                        FieldPanel("signature"),
                        *language_groups("title"),
                    ],
                    heading=_("Signatories"),
                    label=_("Signatory"),
                )
            ],
            heading=_("Signatories"),
        )
        return TabbedInterface(
            [
                settings,
                *language_tabs("heading", "body", "issuing_organisation"),
                signatories,
            ]
        )


class CertificateViewSet(ListingMixin, ModelViewSet):
    """Issued certificates of the courses the user staffs: issue, revoke, PDF."""

    model = Certificate
    form_fields = []  # never edited: a certificate states what was true
    icon = "doc-full-inverse"
    menu_label = _("Certificates")
    menu_order = 200
    add_to_admin_menu = True
    url_namespace = "certificates_admin"
    url_prefix = "certificates/issued"
    list_filter = ["status", "kind", "course"]
    search_fields = ["code", "holder_name", "user__email", "user__username"]
    list_display = [
        "code",
        "holder_name",
        "course_title",
        "language",
        "status",
        "issued_at",
    ]

    def get_queryset(self, request):
        return certificates_visible_to(request.user).select_related("course", "user")

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("issue/", CertificateIssueView.as_view(), name="issue"),
            path("<int:pk>/revoke/", CertificateRevokeView.as_view(), name="revoke"),
            path("<int:pk>/pdf/", CertificatePdfView.as_view(), name="pdf"),
        ]

    @cached_property
    def index_view_class(self):
        class CertificateIndexView(super().index_view_class):
            # No edit screen: a row opens the certificate's verification page.
            def get_edit_url(self, instance):
                return instance.get_verify_url()

        return CertificateIndexView

    def row_buttons(self, instance) -> list:
        buttons = [
            ListingButton(
                _("Verification page"), url=instance.get_verify_url(), icon_name="view"
            )
        ]
        if instance.is_valid:
            buttons += [
                ListingButton(
                    _("PDF"),
                    url=reverse("certificates_admin:pdf", args=[instance.pk]),
                    icon_name="download",
                ),
                ListingButton(
                    _("Revoke"),
                    url=reverse("certificates_admin:revoke", args=[instance.pk]),
                    icon_name="warning",
                ),
            ]
        return buttons

    def header_extra_buttons(self, user) -> list:
        return [
            HeaderButton(
                _("Issue a certificate"),
                url=reverse("certificates_admin:issue"),
                icon_name="plus",
            )
        ]
