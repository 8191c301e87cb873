from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models.catalogue import CourseLevel, CourseTopic


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters; every field is optional."""

    topic = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        choices=[("", _("All topics")), *CourseTopic.choices],
    )
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("All levels")), *CourseLevel.choices],
    )
    language = forms.ChoiceField(
        label=_("Available in"),
        required=False,
        choices=[("", _("Any language")), *settings.LANGUAGES],
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search lessons"), max_length=200, required=False)
