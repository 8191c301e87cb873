"""The URLs of the attendance screens in the admin (their button is in
lms/webinars/page_buttons.py)."""

from django.urls import path
from wagtail import hooks

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
