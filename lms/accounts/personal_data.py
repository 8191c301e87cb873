"""Everything the platform holds about a person: export it, or erase it.

Accounts knows the account, its email addresses, its two-factor devices and
the profile. Other apps hold the rest (enrolments, attempts, certificates...)
and plug in here, so that this app imports nothing from them. An app registers
its section once, from its ``AppConfig.ready()``::

    from lms.accounts.personal_data import register_personal_data

    def ready(self):
        from .personal_data import quiz_attempts_export

        register_personal_data(key="quiz_attempts", export=quiz_attempts_export)

``export(user)`` returns JSON-ready data (dicts, lists, strings, numbers,
datetimes, decimals) for that user only; it becomes ``data[key]`` in the
download. ``erase(user)``, if given, runs inside the deletion transaction after
the account is anonymised: it removes or blanks what must not outlive the
person, and keeps rows that only count (attempts stay, attached to the
anonymous user, for statistics).
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Profile

RESERVED_KEYS = frozenset(
    {"exported_at", "account", "email_addresses", "authenticators", "profile"}
)


@dataclass(frozen=True)
class PersonalDataSection:
    """One app's share of a person's data."""

    key: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], None] | None = None


_sections: dict[str, PersonalDataSection] = {}


def register_personal_data(
    *,
    key: str,
    export: Callable[[Any], Any],
    erase: Callable[[Any], None] | None = None,
) -> None:
    """Add ``key`` to every export, and ``erase`` to every account deletion."""
    section = PersonalDataSection(key=key, export=export, erase=erase)
    if key in RESERVED_KEYS:
        raise ValueError(f"{key!r} is part of every export already.")
    if _sections.get(key, section) != section:
        raise ValueError(f"Another app registered personal data as {key!r}.")
    _sections[key] = section


def registered_sections() -> list[PersonalDataSection]:
    """The registered sections, in the order they were registered."""
    return list(_sections.values())


def personal_data_export(*, user) -> dict:
    """Everything about ``user``, ready for ``json.dumps`` with Django's encoder."""
    profile = Profile.objects.filter(user=user).first()
    data = {
        "exported_at": timezone.now(),
        "account": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
        "email_addresses": [
            {
                "email": address.email,
                "verified": address.verified,
                "primary": address.primary,
            }
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        # Which second factors exist and when they were used; never the secrets.
        "authenticators": [
            {
                "type": authenticator.type,
                "created_at": authenticator.created_at,
                "last_used_at": authenticator.last_used_at,
            }
            for authenticator in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "profile": _profile_export(profile) if profile else None,
    }
    for section in registered_sections():
        data[section.key] = section.export(user)
    return data


def _profile_export(profile: Profile) -> dict:
    return {
        "certificate_name": profile.certificate_name,
        "country": profile.country.code,
        "country_name": profile.country.name,
        "wipo_region": profile.wipo_region,
        "sector": profile.sector,
        "enterprise_size": profile.enterprise_size,
        "role": profile.role,
        "ip_experience": profile.ip_experience,
        "preferred_language": profile.preferred_language,
        "time_zone": profile.time_zone,
        "statistics_consent": profile.statistics_consent,
        "consented_at": profile.consented_at,
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
    }


@transaction.atomic
def account_delete(*, user) -> None:
    """Remove ``user``'s personal data, keeping anonymous aggregates.

    The user row stays, anonymous and unable to log in, so that what other
    apps count (attempts, completions) and what they must keep verifiable
    (certificates, without the name) still has an owner to point to.
    """
    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    } - {""}
    _email_tasks_delete(addresses)
    user.username = f"deleted-{secrets.token_hex(8)}"
    user.first_name = user.last_name = user.email = ""
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    _wagtail_profile_delete(user)
    _sessions_delete(user)
    profile = Profile.objects.filter(user=user).first()
    if profile and profile.statistics_consent:
        _profile_keep_statistics(profile)
    elif profile:
        profile.delete()
    for section in registered_sections():
        if section.erase is not None:
            section.erase(user)


def _profile_keep_statistics(profile: Profile) -> None:
    """Blank every field but the statistical ones (and the consent behind them)."""
    kept = {*Profile.STATISTICAL_FIELDS, "statistics_consent", "consented_at"}
    for field in Profile._meta.concrete_fields:
        if field.name in kept or not field.editable or field.primary_key:
            continue
        if field.name == "user":
            continue
        setattr(profile, field.name, field.get_default())
    profile.save()


def _email_tasks_delete(addresses: set[str]) -> None:
    """Emails wait in the task queue as rows holding the address and the
    rendered message (with its links): remove those sent to this person."""
    if not addresses or "django_tasks_db" not in settings.INSTALLED_APPS:
        return
    from django_tasks_db.models import DBTaskResult

    from .tasks import email_send

    rows = DBTaskResult.objects.filter(task_path=email_send.module_path).values_list(
        "pk", "args_kwargs"
    )
    doomed = [
        pk
        for pk, args_kwargs in rows.iterator()
        if set((args_kwargs or {}).get("kwargs", {}).get("to", [])) & addresses
    ]
    DBTaskResult.objects.filter(pk__in=doomed).delete()


def _wagtail_profile_delete(user) -> None:
    """Wagtail's own per-user settings: avatar, admin language and time zone."""
    from wagtail.users.models import UserProfile

    for profile in UserProfile.objects.filter(user=user):
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.delete()


def _sessions_delete(user) -> None:
    """End the user's sessions on every device.

    They could not log in again anyway (the password changed, the account is
    inactive), but sessions hold the username and email until they expire.
    Sessions are not indexed by user, so the stored ones are read through.
    """
    engine = import_module(settings.SESSION_ENGINE)
    store_class = engine.SessionStore
    if not hasattr(store_class, "get_model_class"):
        return  # Cookie sessions: nothing stored on the server.
    user_id = str(user.pk)
    sessions = store_class.get_model_class().objects.filter(
        expire_date__gt=timezone.now()
    )
    for key, data in sessions.values_list("session_key", "session_data").iterator():
        if store_class().decode(data).get("_auth_user_id") == user_id:
            store_class(session_key=key).delete()
