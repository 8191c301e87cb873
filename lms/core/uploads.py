"""Checks every upload form shares."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def upload_size_check(file, limit: int):
    """``file`` if it is at most ``limit`` bytes, else a translated error."""
    if file.size > limit:
        raise ValidationError(
            _("This file is %(size)s; files of at most %(limit)s can be imported.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="too_big",
        )
    return file
