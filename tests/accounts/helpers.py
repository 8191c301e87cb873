"""Logging staff in with two factors, as the admin requires.

``login_staff`` is for the Django test client, ``browser_login`` for
Playwright: both give the user a real TOTP authenticator. The first records
the password and TOTP steps in the session with allauth's own functions, the
second types the password and the current code into allauth's login pages.
"""

import time

from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.base.internal.flows import post_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.http import HttpRequest

#: The TOTP secret the helpers give staff who have none yet.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105


def totp_for(user) -> Authenticator:
    """The user's TOTP authenticator, set up with the test secret if missing."""
    existing = Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).first()
    return existing or TOTP.activate(user, TEST_TOTP_SECRET).instance


def login_staff(client, user) -> Authenticator:
    """Log ``user`` in on ``client`` as after allauth's password and TOTP steps."""
    authenticator = totp_for(user)
    client.force_login(user)
    session = client.session
    request = HttpRequest()
    request.session = session
    request.user = user
    record_authentication(request, user, "password", username=user.get_username())
    post_authentication(request, authenticator)
    session.save()
    return authenticator


def totp_code(authenticator: Authenticator, *, at: float | None = None) -> str:
    """The code the authenticator app would show at time ``at`` (now)."""
    secret = decrypt(authenticator.data["secret"])
    counter = int(time.time() if at is None else at) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


_codes_used: dict[int, int] = {}


def fresh_totp_code(authenticator: Authenticator) -> str:
    """A code that will still be valid when typed and that this user has not
    used yet (allauth refuses a code twice): waits for the next period if not."""
    period = mfa_settings.TOTP_PERIOD
    while True:
        now = time.time()
        counter = int(now) // period
        left = period - now % period
        if left > 5 and _codes_used.get(authenticator.user_id) != counter:
            _codes_used[authenticator.user_id] = counter
            return totp_code(authenticator, at=now)
        time.sleep(left + 0.1)


def verified_email(user) -> None:
    """Mark the user's address verified, as after following the sign-up link."""
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def browser_login(page, base_url, user, password, *, next_url="", staff=None):
    """Log in through allauth's pages in Playwright; staff also type a TOTP code.

    ``staff`` defaults to whether the user has a TOTP authenticator or may
    reach the admin. Waits until allauth has let the user in.
    """
    from lms.accounts.mfa import is_staff_member

    verified_email(user)
    if staff is None:
        staff = is_staff_member(user)
    authenticator = totp_for(user) if staff else None
    query = f"?next={next_url}" if next_url else ""
    page.goto(f"{base_url}/en/accounts/login/{query}")
    page.fill("#id_login", user.get_username())
    page.fill("#id_password", password)
    page.locator("form.account-form button[type=submit]").click()
    if authenticator is not None:
        page.wait_for_url("**/accounts/2fa/authenticate/")
        page.fill("#id_code", fresh_totp_code(authenticator))
        page.locator("form.account-form button[type=submit]").first.click()
    page.wait_for_function(
        "() => !location.pathname.includes('/accounts/login/')"
        " && !location.pathname.includes('/2fa/authenticate/')"
    )
