from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from courses.models import CourseTopic

from .models import Bureau


class WebinarFilterForm(forms.Form):
    """The webinar listing's filters; every field is optional.

    A bureau's own section lists only its webinars: it is built with
    ``with_bureau=False`` and has no bureau filter.
    """

    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any language")), *settings.LANGUAGES],
    )
    bureau = forms.ModelChoiceField(
        label=_("Bureau"),
        required=False,
        queryset=Bureau.objects.all(),
        to_field_name="slug",
        empty_label=_("All bureaus"),
    )
    topic = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        choices=[("", _("All topics")), *CourseTopic.choices],
    )

    def __init__(self, *args, with_bureau: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_bureau:
            del self.fields["bureau"]

    def filters(self) -> dict:
        """Keyword arguments for ``webinar_listing``: the valid filters only."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}
