"""Two-factor authentication for staff, on top of allauth's MFA.

allauth keeps, in the session, a record of each way the user proved who they
are ("password", then "mfa" after a TOTP code). Reading and writing those
records goes through the functions below, the only place that touches
allauth's session format.
"""

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator

#: Second factors that count: the authenticator app, or one of its recovery
#: codes (a staff member who lost their phone still gets in, once per code).
SECOND_FACTORS = {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}


def is_staff_member(user) -> bool:
    """Whether ``user`` may reach the Wagtail admin, and so needs two factors."""
    return user.is_authenticated and (
        user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    )


def has_totp(user) -> bool:
    """Whether ``user`` has set up an authenticator app."""
    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


def session_used_second_factor(request) -> bool:
    """Whether this session's login included a TOTP or recovery code step."""
    return any(
        record.get("method") == "mfa" and record.get("type") in SECOND_FACTORS
        for record in get_authentication_records(request, request.user)
    )


def record_second_factor(request, authenticator: Authenticator) -> None:
    """Note in the session that the user just proved a second factor, as
    allauth does after its own TOTP step."""
    record_authentication(
        request,
        authenticator.user,
        "mfa",
        id=authenticator.pk,
        type=authenticator.type,
    )
