"""Attendance screens in the admin: their URLs, and an "Attendance" button on
each webinar its bureau's staff may edit."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from ..models import WebinarPage
from .views import AttendanceView, ConfirmView, ImportView, PreviewView


@hooks.register("register_admin_urls")
def register_attendance_urls():
    prefix = "webinars/<int:webinar_id>/attendance/"
    return [
        path(prefix, AttendanceView.as_view(), name="webinars_attendance"),
        path(
            f"{prefix}import/", ImportView.as_view(), name="webinars_attendance_import"
        ),
        path(
            f"{prefix}import/preview/",
            PreviewView.as_view(),
            name="webinars_attendance_preview",
        ),
        path(
            f"{prefix}import/confirm/",
            ConfirmView.as_view(),
            name="webinars_attendance_confirm",
        ),
    ]


def _attendance_button(page, user, priority):
    if page.specific_class is not WebinarPage:
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Attendance"),
        url=reverse("webinars_attendance", args=[page.pk]),
        icon_name="group",
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def attendance_header_button(page, user, view_name, next_url=None):
    yield from _attendance_button(page, user, priority=66)


@hooks.register("register_page_listing_more_buttons")
def attendance_listing_button(page, user, next_url=None):
    yield from _attendance_button(page, user, priority=51)
