"""Signal receivers: allauth events that concern IP Campus."""

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver

from .mfa import record_second_factor


@receiver(authenticator_added, dispatch_uid="accounts_totp_activation_counts")
def totp_activation_counts_as_second_factor(
    sender, request, user, authenticator, **kwargs
):
    """Setting up the app means typing a valid code from it, minutes after a
    password: as good as a two-step login, so the admin opens straight away."""
    if authenticator.type == Authenticator.Type.TOTP and request is not None:
        record_second_factor(request, authenticator)
