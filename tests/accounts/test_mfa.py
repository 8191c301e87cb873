"""Staff use the site only with two factors; logins are rate limited."""

import time

import pytest
from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from django.urls import reverse

from lms.accounts.demo import DEMO_TOTP_SECRET
from lms.accounts.models import Profile
from tests.accounts.helpers import login_staff, totp_code, totp_for, verified_email
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def trainer():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Trainers"))
    verified_email(user)
    return user


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


class TestStaffTwoFactorMiddleware:
    def test_staff_without_an_authenticator_is_sent_to_set_one_up(self, client):
        client.force_login(trainer())
        response = client.get("/admin/pages/")
        assert response.status_code == 302
        assert response.url == reverse("mfa_activate_totp")
        assert "must use two-factor authentication" in messages_of(response)[0]

    @pytest.mark.parametrize("flag", ["is_staff", "is_superuser"])
    def test_django_staff_flags_count_as_staff(self, client, flag):
        client.force_login(UserFactory(**{flag: True}))
        assert client.get("/admin/").url == reverse("mfa_activate_totp")

    def test_staff_whose_session_skipped_the_code_log_in_again(self, client):
        user = trainer()
        totp_for(user)
        client.force_login(user)
        response = client.get("/admin/pages/?q=x")
        assert response.status_code == 302
        assert response.url == f"{reverse('account_login')}?next=/admin/pages/%3Fq%3Dx"
        assert "_auth_user_id" not in client.session

    def test_staff_with_two_factors_reach_the_admin(self, client):
        login_staff(client, trainer())
        assert client.get("/admin/").status_code == 200

    def test_an_authenticator_removed_since_no_longer_counts(self, client):
        user = trainer()
        login_staff(client, user)
        Authenticator.objects.filter(user=user).delete()
        assert client.get("/admin/").url == reverse("mfa_activate_totp")

    def test_a_learner_gets_wagtails_refusal(self, client):
        learner = UserFactory()
        client.force_login(learner)
        response = client.get("/admin/", follow=True)
        first_hop = response.redirect_chain[0][0]
        assert first_hop == f"{reverse('account_login')}?next=/admin/"
        assert len(response.redirect_chain) == 1  # the login page, no loop
        assert "You do not have permission to access the admin." in response.text
        assert client.session["_auth_user_id"] == str(learner.pk)

    def test_visitors_are_sent_to_allauths_login(self, client):
        response = client.get("/admin/pages/")
        assert response.url == f"{reverse('account_login')}?next=/admin/pages/"

    def test_staff_privileges_on_the_public_site_need_two_factors_too(self, client):
        # A trainer may open learners' attempt reviews and unpublished pages
        # outside the admin: a password alone must not be enough there.
        client.force_login(trainer())
        response = client.get(reverse("progress:dashboard"))
        assert response.status_code == 302
        assert response.url == reverse("mfa_activate_totp")

    def test_account_pages_stay_open_to_set_up_the_second_factor(self, client):
        client.force_login(trainer())
        assert client.get(reverse("accounts:profile")).status_code == 200
        assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)


class TestWagtailLoginPage:
    def test_redirects_to_allauth_keeping_next(self, client):
        response = client.get("/admin/login/?next=/admin/pages/3/")
        assert response.url == f"{reverse('account_login')}?next=/admin/pages/3/"

    def test_without_next_goes_to_the_admin_home(self, client):
        response = client.get("/admin/login/")
        assert response.url == f"{reverse('account_login')}?next=/admin/"

    def test_refuses_to_send_people_elsewhere(self, client):
        response = client.get("/admin/login/?next=https://evil.example/")
        assert response.url == f"{reverse('account_login')}?next=/admin/"

    def test_wagtail_reads_the_login_url_from_settings(self, settings):
        assert settings.WAGTAILADMIN_LOGIN_URL == "account_login"


class TestTwoStepLogin:
    def log_in_with_password(self, client, user):
        return client.post(
            f"{reverse('account_login')}?next=/admin/",
            {"login": user.username, "password": PASSWORD},
        )

    def test_password_then_code_then_admin(self, client):
        user = trainer()
        authenticator = totp_for(user)
        response = self.log_in_with_password(client, user)
        assert response.url == reverse("mfa_authenticate")
        assert "_auth_user_id" not in client.session
        response = client.post(
            reverse("mfa_authenticate"), {"code": totp_code(authenticator)}
        )
        assert response.url == "/admin/"
        methods = [
            record["method"]
            for record in get_authentication_records(response.wsgi_request, user)
        ]
        assert methods == ["password", "mfa"]
        assert client.get("/admin/").status_code == 200

    def test_a_wrong_code_is_refused(self, client):
        user = trainer()
        totp_for(user)
        self.log_in_with_password(client, user)
        response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert response.status_code == 200
        assert "Incorrect code." in response.text
        assert "_auth_user_id" not in client.session

    def test_codes_are_rate_limited_too(self, client):
        user = trainer()
        authenticator = totp_for(user)
        self.log_in_with_password(client, user)
        for _attempt in range(5):
            client.post(reverse("mfa_authenticate"), {"code": "000000"})
        response = client.post(
            reverse("mfa_authenticate"), {"code": totp_code(authenticator)}
        )
        assert "Too many failed login attempts" in response.text
        assert "_auth_user_id" not in client.session


@pytest.mark.django_db(transaction=True)
class TestActivation:
    def test_setting_up_the_app_opens_the_admin(self, client, migration_rows):
        user = trainer()
        client.post(
            reverse("account_login"), {"login": user.username, "password": PASSWORD}
        )
        response = client.get("/admin/", follow=True)
        # allauth asks for the password once more before adding a factor.
        assert response.redirect_chain[-1][0].startswith(
            reverse("account_reauthenticate")
        )
        client.post(
            f"{reverse('account_reauthenticate')}?next={reverse('mfa_activate_totp')}",
            {"password": PASSWORD},
        )
        page = client.get(reverse("mfa_activate_totp"))
        assert page.status_code == 200
        assert 'src="data:image/svg+xml;base64,' in page.text
        secret = page.context["form"].secret
        code = totp_code(Authenticator(data={"secret": secret}))
        response = client.post(reverse("mfa_activate_totp"), {"code": code})
        assert response.status_code == 302
        assert Authenticator.objects.filter(user=user, type="totp").exists()
        assert client.get("/admin/").status_code == 200


class TestDemoTotpCommand:
    def test_prints_the_current_code_of_a_demo_staff_account(self, settings, capsys):
        settings.DEBUG = True
        call_command("load_demo")
        capsys.readouterr()
        call_command("demo_totp", "trainer")
        code = capsys.readouterr().out.strip()
        trainer = Authenticator.objects.get(user__username="trainer", type="totp")
        now = time.time()
        assert code in {totp_code(trainer, at=now), totp_code(trainer, at=now - 30)}

    def test_refuses_with_debug_off(self, settings):
        settings.DEBUG = False
        with pytest.raises(CommandError, match="DEBUG"):
            call_command("demo_totp", "admin")

    def test_refuses_other_accounts(self, settings):
        settings.DEBUG = True
        user = UserFactory(username="admin", is_superuser=True)
        totp_for(user)  # not the demo secret
        with pytest.raises(CommandError, match="not a demo staff account"):
            call_command("demo_totp", "admin")
        with pytest.raises(CommandError, match="not a demo staff account"):
            call_command("demo_totp", "nobody")


class TestLoadDemo:
    def test_staff_get_the_demo_authenticator_and_learners_a_profile(
        self, settings, capsys
    ):
        settings.DEBUG = True
        call_command("load_demo")
        call_command("load_demo")
        out = capsys.readouterr().out
        assert DEMO_TOTP_SECRET in out
        assert "demo_totp" in out
        staff = set(
            Authenticator.objects.filter(type="totp").values_list(
                "user__username", flat=True
            )
        )
        assert staff == {"admin", "trainer", "reviewer", "bureau"}
        amina = Profile.objects.get(user__username="amina")
        assert (amina.country.code, amina.wipo_region) == ("SN", "africa")
        assert amina.statistics_consent
        wei = Profile.objects.get(user__username="wei")
        assert (wei.preferred_language, wei.enterprise_size) == ("zh-hans", "startup")

    def test_demo_staff_log_in_with_the_printed_secret(self, settings, client):
        settings.DEBUG = True
        call_command("load_demo")
        response = client.post(
            f"{reverse('account_login')}?next=/admin/",
            {"login": "reviewer", "password": "campus-demo"},
        )
        assert response.url == reverse("mfa_authenticate")
        authenticator = Authenticator.objects.get(user__username="reviewer")
        response = client.post(
            reverse("mfa_authenticate"), {"code": totp_code(authenticator)}
        )
        assert response.url == "/admin/"
        assert client.get("/admin/").status_code == 200
