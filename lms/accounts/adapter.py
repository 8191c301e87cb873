"""How allauth sends our emails, builds our links and picks the language."""

from contextlib import nullcontext
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .selectors import preferred_language_of
from .tasks import email_send


@dataclass(frozen=True)
class PublicSite:
    """What allauth's email templates call ``current_site``."""

    name: str
    domain: str


def language_of(user):
    """A context that renders in the user's preferred language, if they chose one."""
    language = preferred_language_of(user)
    return translation.override(language) if language else nullcontext()


def site_url(path: str) -> str:
    """An absolute address on the public site, whatever host the request used."""
    return f"{settings.SITE_BASE_URL}{path}"


class AccountAdapter(DefaultAccountAdapter):
    """allauth, fitted to IP Campus: mail goes through the task queue, links
    use ``SITE_BASE_URL``, and people are spoken to in their own language."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render the message now, in the active language; send it in a task."""
        request = allauth_context.request
        ctx = {
            "request": request,
            "email": email,
            "current_site": PublicSite(
                name=settings.WAGTAIL_SITE_NAME,
                domain=urlsplit(settings.SITE_BASE_URL).netloc,
            ),
        }
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        # With the database task backend the task is a row in the same
        # transaction as whatever asked for the email: rolled back together.
        email_send.enqueue(
            subject=message.subject,
            body=message.body,
            from_email=message.from_email,
            to=list(message.to),
            alternatives=[
                [content, mimetype]
                for content, mimetype in getattr(message, "alternatives", [])
            ],
            headers=dict(message.extra_headers),
        )

    def send_confirmation_mail(self, request, emailconfirmation, signup):
        with language_of(emailconfirmation.email_address.user):
            super().send_confirmation_mail(request, emailconfirmation, signup)

    def send_password_reset_mail(self, user, email, context):
        with language_of(user):
            # allauth built the link in the request's language; rebuild it in
            # the language the email is written in.
            key = f"{context['uid']}-{context['key']}"
            context["password_reset_url"] = self.get_reset_password_from_key_url(key)
            super().send_password_reset_mail(user, email, context)

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        with language_of(user):
            super().send_notification_mail(template_prefix, user, context, email)

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return site_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key: str) -> str:
        # allauth's URL splits the opaque key in two; build it as allauth does.
        path = reverse(
            "account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"}
        )
        return site_url(path.replace("UID-KEY", quote(key)))

    def get_signup_redirect_url(self, request) -> str:
        """New learners are asked for their profile first (they may skip it)."""
        return reverse("accounts:welcome")

    def get_login_redirect_url(self, request) -> str:
        """The dashboard, in the learner's preferred language if they chose one."""
        with language_of(request.user):
            return super().get_login_redirect_url(request)

    def post_login(self, request, user, **kwargs):
        """Greet the user and send them on in their preferred language."""
        with language_of(user):
            response = super().post_login(request, user, **kwargs)
        language = preferred_language_of(user)
        if language:
            # Pages without a language in their address (/, /admin/) follow it.
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
