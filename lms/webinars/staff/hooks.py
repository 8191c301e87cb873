"""The staff screens' URLs and the "Webinars" report in the menu (the
"Registrants" button is in lms/webinars/page_buttons.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from ..models import WebinarIndexPage, WebinarPage
from .views import RegistrantMessageView, RegistrantsReportView, WebinarsReportView


@hooks.register("register_admin_urls")
def register_staff_urls():
    return [
        path("reports/webinars/", WebinarsReportView.as_view(), name="webinars_report"),
        path(
            "reports/webinars/results/",
            WebinarsReportView.as_view(results_only=True),
            name="webinars_report_results",
        ),
        path(
            "webinars/<int:webinar_id>/registrants/",
            RegistrantsReportView.as_view(),
            name="webinars_registrants",
        ),
        path(
            "webinars/<int:webinar_id>/message/",
            RegistrantMessageView.as_view(),
            name="webinars_message",
        ),
    ]


class WebinarsMenuItem(MenuItem):
    """Shown to superusers and to anyone who may edit a webinar section or webinar."""

    def is_shown(self, request):
        pages = PagePermissionPolicy().instances_user_has_any_permission_for(
            request.user, {"change"}
        )
        return pages.type(WebinarIndexPage, WebinarPage).exists()


@hooks.register("register_reports_menu_item")
def register_webinars_menu_item():
    return WebinarsMenuItem(
        _("Webinars"),
        reverse("webinars_report"),
        name="webinars-report",
        icon_name="table",
        order=1400,
    )
