"""Forms of the attendance screens: upload, column mapping, confirmation, and
marking by hand."""

import base64
import json
import zlib
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.core.uploads import upload_size_check

from ..attendance_import import FIELDS, PRESETS, ColumnMapping

MAX_FILE_SIZE = 2 * 1024 * 1024
#: How long a preview can be confirmed; after that the file is uploaded again.
PREVIEW_MAX_AGE = timedelta(hours=8)
SIGNING_SALT = "lms.webinars.admin.attendance"
#: Room left in a confirmation request for the CSRF token and other fields.
REQUEST_MARGIN = 4096
#: The maximum minutes a mark by hand may give: a whole day.
MAX_MINUTES = 24 * 60

FIELD_LABELS = {
    "email": gettext_lazy("Email"),
    "name": gettext_lazy("Name"),
    "first_name": gettext_lazy("First name"),
    "last_name": gettext_lazy("Last name"),
    "joined": gettext_lazy("Join time"),
    "left": gettext_lazy("Leave time"),
    "duration": gettext_lazy("Duration"),
}
DATE_ORDER_CHOICES = [
    ("auto", gettext_lazy("Whichever puts the dates on the webinar's day")),
    ("mdy", gettext_lazy("Month first (03/15/2026)")),
    ("dmy", gettext_lazy("Day first (15/03/2026)")),
]


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SIGNING_SALT)


@dataclass(frozen=True)
class AttendanceUpload:
    """An uploaded report on its way from the preview to the confirmation,
    for one webinar, with the columns chosen for it."""

    webinar_id: int
    filename: str
    data: bytes
    mapping: ColumnMapping | None = None

    def with_mapping(self, mapping: ColumnMapping) -> "AttendanceUpload":
        return AttendanceUpload(self.webinar_id, self.filename, self.data, mapping)

    def sign(self) -> str:
        """A signed token for a hidden field: nothing is stored on the server
        between the preview and the confirmation, and nothing can be changed."""
        header = json.dumps(
            [
                self.webinar_id,
                self.filename,
                self.mapping.as_dict() if self.mapping else None,
            ]
        )
        packed = zlib.compress(header.encode() + b"\n" + self.data, level=9)
        return _signer().sign(base64.urlsafe_b64encode(packed).decode("ascii"))

    @classmethod
    def unsign(cls, token: str) -> "AttendanceUpload":
        """Raises signing.BadSignature if changed, SignatureExpired if too old."""
        packed = _signer().unsign(token, max_age=PREVIEW_MAX_AGE)
        unpacked = zlib.decompress(base64.urlsafe_b64decode(packed))
        header, _newline, data = unpacked.partition(b"\n")
        webinar_id, filename, mapping = json.loads(header)
        return cls(
            webinar_id=webinar_id,
            filename=filename,
            data=data,
            mapping=ColumnMapping.from_dict(mapping) if mapping else None,
        )


def fits_in_a_request(token: str) -> bool:
    """Whether a confirmation can carry the token: Django refuses bigger
    form data with a bare "400 Bad Request"."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return limit is None or len(token) + REQUEST_MARGIN <= limit


class UploadForm(forms.Form):
    """The report file and the tool that exported it."""

    file = forms.FileField(
        label=gettext_lazy("Attendance report"),
        help_text=gettext_lazy(
            "A CSV file of at most 2 MB, in UTF-8, separated by commas or semicolons."
        ),
    )
    preset = forms.ChoiceField(
        label=gettext_lazy("Exported by"),
        required=False,
        choices=[
            ("", gettext_lazy("Recognise it from the columns")),
            *((key, preset.label) for key, preset in PRESETS.items()),
            ("custom", gettext_lazy("Another tool: I choose the columns")),
        ],
    )

    def clean_file(self):
        return upload_size_check(self.cleaned_data["file"], MAX_FILE_SIZE)

    def upload(self, webinar_id: int) -> AttendanceUpload:
        file = self.cleaned_data["file"]
        return AttendanceUpload(webinar_id, PurePath(file.name).name, file.read())


class SignedUploadField(forms.CharField):
    """A hidden field carrying a signed AttendanceUpload."""

    widget = forms.HiddenInput

    def clean(self, value) -> AttendanceUpload:
        value = super().clean(value)
        try:
            return AttendanceUpload.unsign(value)
        except signing.SignatureExpired:
            raise ValidationError(
                _("This preview is too old to be confirmed: upload the file again."),
                code="expired",
            ) from None
        except (signing.BadSignature, ValueError, zlib.error):
            raise ValidationError(
                _(
                    "The data sent back is not the uploaded file: upload the "
                    "file again."
                ),
                code="tampered",
            ) from None


class MappingForm(forms.Form):
    """Which column of the file holds what, for files no preset recognises."""

    payload = SignedUploadField()

    def __init__(self, *args, headers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Not in the file"))] + [
            (header, header) for header in headers if header
        ]
        for name in FIELDS:
            self.fields[name] = forms.ChoiceField(
                label=FIELD_LABELS[name], choices=choices, required=False
            )
        self.fields["email"].required = True
        self.fields["date_order"] = forms.ChoiceField(
            label=_("Dates such as 03/04/2026 are read"),
            choices=DATE_ORDER_CHOICES,
            initial="auto",
            required=False,
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        mapping = ColumnMapping(
            **{name: cleaned.get(name) or "" for name in FIELDS},
            date_order=cleaned.get("date_order") or "auto",
        )
        if not mapping.is_complete():
            raise ValidationError(
                _("Choose the duration column, or both the join and leave columns."),
                code="incomplete",
            )
        cleaned["mapping"] = mapping
        return cleaned


class ConfirmForm(forms.Form):
    """The previewed upload, what the preview showed, and whether to skip the
    rows with problems."""

    payload = SignedUploadField()
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    skip_problems = forms.BooleanField(
        label=gettext_lazy("Import the valid rows and skip the rows with problems"),
        required=False,
    )


class MarkForm(forms.Form):
    """Minutes attended and an "attended" box for each confirmed registrant.

    A ticked box without minutes records the whole webinar; minutes alone
    are recorded as typed; both empty means absent. A box that contradicts
    the minutes is an error, not a guess.
    """

    def __init__(self, *args, webinar, registrations, attendances, **kwargs):
        super().__init__(*args, **kwargs)
        self.webinar = webinar
        self.rows = []
        for registration in registrations:
            previous = attendances.get(registration.user_id)
            minutes_name = f"minutes_{registration.user_id}"
            attended_name = f"attended_{registration.user_id}"
            self.fields[minutes_name] = forms.IntegerField(
                label=_("Minutes attended by %(learner)s")
                % {"learner": _learner_label(registration.user)},
                required=False,
                min_value=0,
                max_value=MAX_MINUTES,
                initial=previous.minutes if previous else None,
            )
            self.fields[attended_name] = forms.BooleanField(
                label=_("%(learner)s attended")
                % {"learner": _learner_label(registration.user)},
                required=False,
                initial=bool(
                    previous and previous.minutes >= webinar.min_attended_minutes
                ),
            )
            self.rows.append((registration, previous, minutes_name, attended_name))

    def bound_rows(self):
        """(registration, previous attendance, minutes field, attended field)."""
        return [
            (registration, previous, self[minutes], self[attended])
            for registration, previous, minutes, attended in self.rows
        ]

    def clean(self):
        cleaned = super().clean()
        needed = self.webinar.min_attended_minutes
        marks = {}
        for registration, _previous, minutes_name, attended_name in self.rows:
            if minutes_name in self.errors:
                continue
            minutes = cleaned.get(minutes_name)
            attended = cleaned.get(attended_name)
            if attended and minutes is None:
                minutes = self.webinar.duration_minutes
            elif attended and minutes < needed:
                self.add_error(
                    minutes_name,
                    _(
                        "%(minutes)d minutes do not count as attended (%(needed)d "
                        "are needed): untick “attended” or correct the minutes."
                    )
                    % {"minutes": minutes, "needed": needed},
                )
                continue
            elif not attended and minutes is not None and minutes >= needed:
                self.add_error(
                    minutes_name,
                    _(
                        "%(minutes)d minutes count as attended: tick “attended” "
                        "or correct the minutes."
                    )
                    % {"minutes": minutes},
                )
                continue
            marks[registration.user_id] = minutes
        cleaned["marks"] = marks
        return cleaned


def _learner_label(user) -> str:
    name = user.get_full_name()
    return f"{name} <{user.email}>" if name else user.email or user.get_username()
