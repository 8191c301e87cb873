from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CertificateIssueForm(forms.Form):
    """Issue a certificate by hand: a learner (by email or username) and a course."""

    learner = forms.CharField(
        label=_("Learner"), help_text=_("Their email address or username.")
    )
    course = forms.ModelChoiceField(label=_("Course"), queryset=None)

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses

    def clean_learner(self):
        value = self.cleaned_data["learner"].strip()
        users = get_user_model().objects.filter(
            Q(username__iexact=value) | Q(email__iexact=value), is_active=True
        )
        if users.count() != 1:
            raise forms.ValidationError(_("No single active account has this address."))
        return users.get()


class CertificateRevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept with the certificate; the verification page says it was revoked."
        ),
    )
