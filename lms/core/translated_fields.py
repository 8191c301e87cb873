"""Writing modeltranslation fields from text given per language (course packages)."""

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def translated_fields_assign(
    instance, translated: dict[str, dict], plain: dict
) -> bool:
    """Set translated and plain fields on ``instance``; whether any value changed.

    ``translated`` maps a field name to its text per language code; a language
    left out is stored empty (NULL), so modeltranslation falls back to English.
    """
    changed = False
    for name, values in translated.items():
        for code in LANGUAGE_CODES:
            text = values.get(code)
            text = str(text).strip() if text not in (None, "") else None
            if code == DEFAULT_LANGUAGE:
                text = text or ""
            attribute = build_localized_fieldname(name, code)
            if getattr(instance, attribute) != text:
                setattr(instance, attribute, text)
                changed = True
        english = getattr(instance, build_localized_fieldname(name, DEFAULT_LANGUAGE))
        setattr(instance, name, english)
    for name, value in plain.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed
