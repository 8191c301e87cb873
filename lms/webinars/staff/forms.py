"""The message staff write to a webinar's registrants."""

from django import forms
from django.utils.translation import gettext_lazy as _

#: The longest message staff may send; an email, not a newsletter.
MESSAGE_MAX_LENGTH = 2000


class RegistrantMessageForm(forms.Form):
    """The body of a message to registrants; the subject comes from the template.

    ``token`` is set on the confirmation step and identifies one message, so
    that sending it twice (a double click) is noticed and refused.
    """

    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Plain text, up to 2000 characters. It is sent in an email that "
            "greets each registrant by name and ends with the webinar's time "
            "and page."
        ),
    )
    include_waitlisted = forms.BooleanField(
        label=_("Also send it to people on the waiting list"),
        required=False,
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def clean_message(self) -> str:
        # Browsers send CRLF; emails are written with LF and reencoded on sending.
        return self.cleaned_data["message"].replace("\r\n", "\n").replace("\r", "\n")
