"""Writes to the learner's profile."""

from django.db import transaction
from django.utils import timezone

from .models import Profile

#: The fields a learner edits on the profile page.
PROFILE_FIELDS = (
    "certificate_name",
    "country",
    "sector",
    "enterprise_size",
    "role",
    "ip_experience",
    "preferred_language",
    "time_zone",
    "statistics_consent",
)


@transaction.atomic
def profile_update(*, user, **values) -> Profile:
    """Create or change ``user``'s profile with already validated ``values``.

    Consent is dated when it is given and the date forgotten when withdrawn.
    """
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {', '.join(sorted(unknown))}")
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    consent_before = profile.statistics_consent
    for name, value in values.items():
        setattr(profile, name, value)
    if profile.statistics_consent and not consent_before:
        profile.consented_at = timezone.now()
    elif not profile.statistics_consent:
        profile.consented_at = None
    profile.full_clean()
    profile.save()
    return profile
