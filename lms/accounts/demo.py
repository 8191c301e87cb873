"""Demo accounts, ready to use: verified email addresses, a TOTP authenticator
with a public secret for the staff, profiles for the learners.

Only ``load_demo`` calls this, and it refuses to run in production: the secret
below is printed in the README and in the terminal.
"""

import time

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.contrib.auth import get_user_model
from django.db import transaction

from .choices import BusinessRole, EnterpriseSize, IpExperience, IsicSection
from .mfa import is_staff_member
from .services import profile_update

#: The TOTP secret of every demo staff account: add it to an authenticator app,
#: or ask ``manage.py demo_totp <username>`` for the current code.
DEMO_TOTP_SECRET = "IPCAMPUSDEMOSTAFFTOTPSECRET23456"  # noqa: S105 - demo only

DEMO_PROFILES = {
    "amina": {
        "certificate_name": "Amina Diallo",
        "country": "SN",
        "sector": IsicSection.C,
        "enterprise_size": EnterpriseSize.MICRO,
        "role": BusinessRole.OWNER,
        "ip_experience": IpExperience.NONE,
        "preferred_language": "fr",
        "time_zone": "Africa/Dakar",
        "statistics_consent": True,
    },
    "wei": {
        "certificate_name": "Wei Zhang",
        "country": "CN",
        "sector": IsicSection.M,
        "enterprise_size": EnterpriseSize.STARTUP,
        "role": BusinessRole.INVENTOR,
        "ip_experience": IpExperience.SOME,
        "preferred_language": "zh-hans",
        "time_zone": "Asia/Shanghai",
        "statistics_consent": True,
    },
    "youssef": {
        "certificate_name": "يوسف العمراني",
        "country": "MA",
        "sector": IsicSection.C,
        "enterprise_size": EnterpriseSize.SMALL,
        "role": BusinessRole.OWNER,
        "ip_experience": IpExperience.SOME,
        "preferred_language": "ar",
        "time_zone": "Africa/Casablanca",
        "statistics_consent": True,
    },
}


@transaction.atomic
def demo_accounts_prepare(usernames: list[str]) -> list[str]:
    """Make the demo accounts usable at once; return the staff usernames.

    Email addresses are marked verified (sign-up would have done it), staff get
    the demo TOTP authenticator (the admin asks for it), learners a profile.
    """
    staff = []
    for user in get_user_model().objects.filter(username__in=usernames):
        EmailAddress.objects.filter(user=user).exclude(email=user.email).delete()
        EmailAddress.objects.update_or_create(
            user=user,
            email=user.email,
            defaults={"verified": True, "primary": True},
        )
        if is_staff_member(user):
            _demo_totp_ensure(user)
            staff.append(user.username)
        if user.username in DEMO_PROFILES:
            profile_update(user=user, **DEMO_PROFILES[user.username])
    return sorted(staff, key=usernames.index)


def _demo_totp_ensure(user) -> None:
    authenticators = Authenticator.objects.filter(user=user)
    totp = authenticators.filter(type=Authenticator.Type.TOTP).first()
    if totp and decrypt(totp.data["secret"]) == DEMO_TOTP_SECRET:
        return
    authenticators.delete()
    TOTP.activate(user, DEMO_TOTP_SECRET)


def demo_totp_code(user) -> tuple[str, int] | None:
    """The current code of a demo staff account and the seconds it stays
    valid; None if the account does not use the demo secret."""
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if not totp or decrypt(totp.data["secret"]) != DEMO_TOTP_SECRET:
        return None
    period = mfa_settings.TOTP_PERIOD
    now = int(time.time())
    code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, now // period))
    return code, period - now % period


def demo_login_instructions(staff: list[str]) -> list[str]:
    """What ``load_demo`` prints about logging in to the admin."""
    if not staff:
        return []
    return [
        f"Staff accounts ({', '.join(staff)}) log in with the password and a code",
        "from an authenticator app (two-factor authentication). Add this secret",
        f"to the app (TOTP, 6 digits, 30 s): {DEMO_TOTP_SECRET}",
        "or print the current code: python manage.py demo_totp <username>",
    ]
