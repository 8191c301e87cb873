"""Sign-up with email verification, login, emails through the task queue."""

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core import mail
from django.tasks import default_task_backend
from django.urls import reverse

from lms.accounts.services import profile_update
from tests.accounts.helpers import verified_email
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"
LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")


def sign_up(client, email="nadia@example.org", language="en"):
    return client.post(
        f"/{language}/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def confirm_link(message) -> str:
    """The path of the confirmation link in an email."""
    return urlsplit(LINK.search(message.body).group(0)).path


class TestSignUp:
    def test_sign_up_verify_and_arrive_on_the_profile(self, client):
        response = sign_up(client)
        assert response.status_code == 302
        assert response.url == reverse("account_email_verification_sent")
        user = get_user_model().objects.get(email="nadia@example.org")
        assert not EmailAddress.objects.get(user=user).verified

        # The task ran (immediately in tests) and sent the message.
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["nadia@example.org"]
        assert message.subject.startswith("[IP Campus] ")
        assert "Hello from IP Campus!" in message.body
        link = confirm_link(message)
        assert LINK.search(message.body).group(0).startswith("http://127.0.0.1:8000/")

        assert client.get(link).status_code == 200
        response = client.post(link)
        assert response.status_code == 302
        assert response.url == reverse("accounts:welcome")
        assert EmailAddress.objects.get(user=user).verified
        assert client.get(reverse("accounts:welcome")).status_code == 200

    def test_the_email_waits_in_the_task_queue(self, client, settings):
        settings.TASKS = {
            "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
        }
        sign_up(client)
        assert not mail.outbox
        (result,) = default_task_backend.results
        assert result.task.name == "email_send"
        assert result.kwargs["to"] == ["nadia@example.org"]
        assert "/accounts/confirm-email/" in result.kwargs["body"]
        result.task.call(*result.args, **result.kwargs)  # what the worker does
        assert len(mail.outbox) == 1

    def test_unverified_account_cannot_log_in(self, client):
        sign_up(client)
        client.logout()
        mail.outbox.clear()
        response = client.post(
            "/en/accounts/login/", {"login": "nadia@example.org", "password": PASSWORD}
        )
        assert response.url == reverse("account_email_verification_sent")
        assert "_auth_user_id" not in client.session
        # The link is sent again, but not within three minutes of the last one.
        assert not mail.outbox

    def test_verified_user_logs_in_with_email_or_username(self, client):
        user = UserFactory(username="amina")
        verified_email(user)
        for login in ("amina@example.org", "amina"):
            client.logout()
            response = client.post(
                "/en/accounts/login/", {"login": login, "password": PASSWORD}
            )
            assert response.status_code == 302
            assert response.url == reverse("progress:dashboard")
            assert client.session["_auth_user_id"] == str(user.pk)

    def test_duplicate_email_is_refused_with_a_translated_error(self, client):
        verified_email(UserFactory(email="taken@example.org"))
        users = get_user_model().objects.count()
        response = sign_up(client, email="Taken@Example.org")
        assert response.status_code == 200
        assert "A user is already registered with this email address." in (
            response.text
        )
        response = sign_up(client, email="taken@example.org", language="ar")
        assert "هنالك مستخدم مسجل سابقا" in response.text
        assert get_user_model().objects.count() == users
        assert not mail.outbox

    def test_arabic_sign_up_page_is_right_to_left_in_the_site_layout(self, client):
        response = client.get("/ar/accounts/signup/")
        assert response.status_code == 200
        html = response.text
        assert '<html lang="ar" dir="rtl">' in html
        assert "css/site.css" in html
        assert 'class="site-header"' in html
        assert "الاشتراك" in html  # allauth's own Arabic for "Sign Up"

    def test_sign_up_pages_keep_the_strict_content_security_policy(self, client):
        policy = client.get("/en/accounts/signup/")["Content-Security-Policy"]
        script_src = policy.split("script-src")[1].split(";")[0]
        assert "unsafe-inline" not in script_src


class TestLoginRedirect:
    def test_preferred_language_sends_the_learner_to_her_dashboard(self, client):
        user = UserFactory()
        verified_email(user)
        profile_update(user=user, preferred_language="fr")
        response = client.post(
            "/en/accounts/login/", {"login": user.username, "password": PASSWORD}
        )
        assert response.url == "/fr/learning/"
        assert response.cookies["django_language"].value == "fr"
        (greeting,) = get_messages(response.wsgi_request)
        assert "successfully" not in str(greeting)  # allauth's French

    def test_an_explicit_next_wins(self, client):
        user = UserFactory()
        verified_email(user)
        profile_update(user=user, preferred_language="fr")
        response = client.post(
            "/en/accounts/login/?next=/en/search/",
            {"login": user.username, "password": PASSWORD},
        )
        assert response.url == "/en/search/"


class TestRateLimit:
    def test_login_is_refused_after_five_failures(self, client):
        user = UserFactory()
        verified_email(user)
        for _attempt in range(5):
            response = client.post(
                "/en/accounts/login/", {"login": user.username, "password": "wrong"}
            )
            assert "_auth_user_id" not in client.session
        response = client.post(
            "/en/accounts/login/", {"login": user.username, "password": PASSWORD}
        )
        assert "Too many failed login attempts. Try again later." in response.text
        assert "_auth_user_id" not in client.session


class TestEmailLanguage:
    def test_password_reset_is_written_in_the_preferred_language(self, client):
        user = UserFactory()
        verified_email(user)
        profile_update(user=user, preferred_language="fr")
        response = client.post("/en/accounts/password/reset/", {"email": user.email})
        assert response.status_code == 302
        (message,) = mail.outbox
        assert "/fr/accounts/password/reset/key/" in message.body
        # allauth's French text, not the English of the page that asked.
        assert "Hello from IP Campus!" not in message.body

    def test_verification_email_follows_the_page_language(self, client):
        sign_up(client, language="ar")
        (message,) = mail.outbox
        assert "/ar/accounts/confirm-email/" in message.body
        assert "Hello from IP Campus!" not in message.body
