"""Bureaus, their webinar sections and webinars, registrations and attendance."""

from .attendance import Attendance, AttendanceSource
from .bureau import Bureau
from .registration import Registration, RegistrationStatus
from .webinar import (
    WebinarIndexPage,
    WebinarPage,
    WebinarPageForm,
    WebinarSpeaker,
    WebinarStatus,
)

__all__ = [
    "Attendance",
    "AttendanceSource",
    "Bureau",
    "Registration",
    "RegistrationStatus",
    "WebinarIndexPage",
    "WebinarPage",
    "WebinarPageForm",
    "WebinarSpeaker",
    "WebinarStatus",
]
