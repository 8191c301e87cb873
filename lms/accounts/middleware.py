"""Staff use the site only after two-factor authentication."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .mfa import has_totp, is_staff_member, session_used_second_factor


class StaffTwoFactorMiddleware:
    """Let a staff member use the site (the admin and the public pages alike)
    only with a TOTP authenticator and a session that used it.

    Without an authenticator they are sent to set one up; with one, but a
    session that skipped it (a password-only login from before, a session
    made elsewhere), they log in again. Learners pass through: Wagtail refuses
    them itself. Goes after allauth's AccountMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.applies_to(request):
            response = self.refusal(request)
            if response is not None:
                return response
        return self.get_response(request)

    def applies_to(self, request) -> bool:
        """Every page but those that log in, set up the second factor or log
        out: staff privileges reach beyond the admin (attempt reviews, pages
        not yet published, restricted documents)."""
        path = request.path_info
        if path.startswith((settings.STATIC_URL, "/healthz")):
            return False
        exempt = (reverse("wagtailadmin_login"), reverse("wagtailadmin_logout"))
        if path.startswith(exempt):
            return False
        # /<lang>/accounts/...: allauth's login, MFA and logout pages.
        parts = path.strip("/").split("/")
        return not (len(parts) >= 2 and parts[1] == "accounts")

    def refusal(self, request):
        """A redirect for staff who have not used two factors, else None."""
        user = request.user
        if not is_staff_member(user):
            return None
        # Checked on every request, not only at login: an app removed since
        # (allauth lets users deactivate it) no longer counts.
        totp = has_totp(user)
        if totp and session_used_second_factor(request):
            return None
        if not totp:
            messages.warning(
                request,
                _(
                    "Staff accounts must use two-factor authentication. Set up "
                    "an authenticator app below, then carry on."
                ),
            )
            return redirect("mfa_activate_totp")
        logout(request)
        messages.info(
            request,
            _(
                "Please log in again with your password and a code from your "
                "authenticator app."
            ),
        )
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
