from django import forms
from django.utils.translation import gettext_lazy as _

from .codes import code_normalise


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("Printed on the certificate, for example 7KQ2-M9XD-4HZT-B3WE."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"}
        ),
    )

    def clean_code(self):
        code = code_normalise(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _(
                    "This is not a certificate code: a code has 16 letters and "
                    "digits, for example 7KQ2-M9XD-4HZT-B3WE."
                )
            )
        return code
