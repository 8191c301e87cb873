"""The staff screens' URLs, the "Webinars" report in the menu, and a
"Registrants" button on each webinar its bureau's staff may edit."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
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


def _registrants_button(page, user, priority):
    if page.specific_class is not WebinarPage:
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Registrants"),
        url=reverse("webinars_registrants", args=[page.pk]),
        icon_name="table",
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def registrants_header_button(page, user, view_name, next_url=None):
    yield from _registrants_button(page, user, priority=65)


@hooks.register("register_page_listing_more_buttons")
def registrants_listing_button(page, user, next_url=None):
    yield from _registrants_button(page, user, priority=50)
