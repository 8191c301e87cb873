"""Reads about learners that views, emails and other apps share."""

from .models import Profile


def profile_of(user) -> Profile | None:
    """The user's profile, or None when they have not filled it in."""
    if not getattr(user, "pk", None):
        return None
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def preferred_language_of(user) -> str:
    """The language the user chose for emails and pages, or ""."""
    profile = profile_of(user)
    return profile.preferred_language if profile else ""
