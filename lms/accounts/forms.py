"""Forms for the profile and for deleting an account."""

import unicodedata
from itertools import groupby

from allauth.core import ratelimit
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Profile
from .services import PROFILE_FIELDS
from .validators import time_zone_names

# The areas of the IANA database that hold real places; the other names are
# aliases (US/Eastern) or offsets (Etc/GMT+5) that only confuse a chooser.
TIME_ZONE_AREAS = {
    "Africa": _("Africa"),
    "America": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic Ocean"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific Ocean"),
}


def time_zone_choices() -> list:
    """IANA time zones grouped by area for a select, UTC first."""
    names = sorted(
        name for name in time_zone_names() if name.split("/")[0] in TIME_ZONE_AREAS
    )
    grouped = [
        (TIME_ZONE_AREAS[area], [(name, name.replace("_", " ")) for name in zones])
        for area, zones in groupby(names, key=lambda name: name.split("/")[0])
    ]
    return [("", _("Choose a time zone")), ("UTC", "UTC"), *grouped]


class TimeZoneField(forms.ChoiceField):
    """A select of the usual time zones that accepts any IANA name."""

    default_error_messages = {
        "invalid_choice": _(
            "“%(value)s” is not a time zone we know. Choose one from the list."
        ),
    }

    def __init__(self, **kwargs):
        super().__init__(choices=time_zone_choices, **kwargs)

    def valid_value(self, value):
        return value in time_zone_names()


class ProfileForm(forms.ModelForm):
    """The learner's MSME profile; every field may be left empty."""

    time_zone = TimeZoneField(
        label=_("Time zone"),
        required=False,
        help_text=Profile._meta.get_field("time_zone").help_text,
    )

    class Meta:
        model = Profile
        fields = PROFILE_FIELDS

    def clean_certificate_name(self):
        # One spelling per name, whatever keyboard typed it (NFC), so that
        # certificates print and compare the same.
        return unicodedata.normalize("NFC", self.cleaned_data["certificate_name"])


class AccountDeleteForm(forms.Form):
    """Asks for the current password before an account is deleted."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        # The same limit as allauth's "confirm your password" step, so this
        # form cannot be used to guess a password.
        if not ratelimit.consume(self.request, action="reauthenticate", user=user):
            raise forms.ValidationError(
                _("Too many attempts. Please wait a minute and try again."),
                code="rate_limited",
            )
        if not user.check_password(password):
            raise forms.ValidationError(
                _("That is not your current password. Nothing was deleted."),
                code="wrong_password",
            )
        return password
