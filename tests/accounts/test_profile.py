"""The MSME profile: onboarding, editing, and refusing bad values."""

import pytest
from django.urls import reverse
from django.utils import translation

from lms.accounts.models import Profile
from lms.accounts.regions import WipoRegion
from lms.accounts.services import profile_update
from tests.factories import UserFactory, catalogue

pytestmark = pytest.mark.django_db

VALID = {
    "certificate_name": "  Nadia Ben Salah  ",
    "country": "TN",
    "sector": "C",
    "enterprise_size": "micro",
    "role": "owner",
    "ip_experience": "none",
    "preferred_language": "ar",
    "time_zone": "Africa/Tunis",
    "statistics_consent": "on",
}


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


class TestProfilePage:
    def test_needs_login(self, client):
        response = client.get(reverse("accounts:profile"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_form_is_translated_with_countries_and_time_zones(self, client, learner):
        with translation.override("fr"):
            url = reverse("accounts:profile")
        html = client.get(url).text
        assert '<option value="SN">Sénégal</option>' in html
        assert '<optgroup label="Afrique">' in html
        assert '<option value="Africa/Dakar">Africa/Dakar</option>' in html
        assert '<option value="C">' in html and '<option value="medium">' in html
        assert 'aria-describedby="id_certificate_name_helptext"' in html

    def test_saves_and_derives_the_region(self, client, learner):
        response = client.post(reverse("accounts:profile"), VALID)
        assert response.status_code == 302
        assert response.url == reverse("accounts:profile")
        profile = Profile.objects.get(user=learner)
        assert profile.certificate_name == "Nadia Ben Salah"
        assert profile.country.code == "TN"
        assert profile.wipo_region == WipoRegion.ARAB
        assert profile.time_zone == "Africa/Tunis"
        assert profile.statistics_consent and profile.consented_at

    def test_every_field_may_stay_empty(self, client, learner):
        response = client.post(reverse("accounts:profile"), {})
        assert response.status_code == 302
        profile = Profile.objects.get(user=learner)
        assert (profile.country, profile.wipo_region, profile.time_zone) == ("", "", "")

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("country", "ZZ", "Select a valid choice. ZZ is not one of"),
            ("time_zone", "Mars/Olympus_Mons", "is not a time zone we know"),
            ("certificate_name", "Nadia\u202eharaS", "changes the direction"),
            ("certificate_name", "Nadia\nSarah", "control character or a line break"),
            ("certificate_name", "N" * 121, "at most 120 characters"),
            ("sector", "Z", "Select a valid choice."),
            ("preferred_language", "xx", "Select a valid choice."),
        ],
    )
    def test_bad_values_are_refused_and_nothing_changes(
        self, client, learner, field, value, message
    ):
        profile_update(user=learner, certificate_name="Before", country="SN")
        response = client.post(reverse("accounts:profile"), {**VALID, field: value})
        assert response.status_code == 200
        assert message in response.text
        assert "Your profile was not saved." in response.text
        profile = Profile.objects.get(user=learner)
        assert (profile.certificate_name, profile.country.code) == ("Before", "SN")

    def test_errors_are_translated(self, client, learner):
        with translation.override("fr"):
            url = reverse("accounts:profile")
        response = client.post(url, {**VALID, "country": "ZZ"})
        assert "Sélectionnez un choix valide" in response.text

    def test_names_in_any_script_are_kept(self, client, learner):
        for name in ("نادية بن صالح", "张伟", "Анна Петрова", "Zoë\u200d"):
            data = {**VALID, "certificate_name": name}
            assert client.post(reverse("accounts:profile"), data).status_code == 302
            assert Profile.objects.get(user=learner).certificate_name == name

    def test_withdrawing_consent_forgets_its_date(self, client, learner):
        client.post(reverse("accounts:profile"), VALID)
        data = {k: v for k, v in VALID.items() if k != "statistics_consent"}
        client.post(reverse("accounts:profile"), data)
        profile = Profile.objects.get(user=learner)
        assert not profile.statistics_consent and profile.consented_at is None


class TestWelcome:
    def test_offers_to_skip_and_continues_to_the_dashboard(self, client, learner):
        html = client.get(reverse("accounts:welcome")).text
        assert "Skip for now" in html
        assert f'href="{reverse("progress:dashboard")}"' in html
        response = client.post(reverse("accounts:welcome"), VALID)
        assert response.url == reverse("progress:dashboard")


class TestHeader:
    def test_visitors_see_log_in_and_sign_up(self, client):
        catalogue()
        html = client.get("/en/").text
        assert f'href="{reverse("account_login")}"' in html
        assert f'href="{reverse("account_signup")}"' in html
        assert "My learning" not in html

    def test_learners_see_their_learning_account_and_log_out(self, client, learner):
        catalogue()
        html = client.get("/ar/").text
        with translation.override("ar"):
            assert f'href="{reverse("progress:dashboard")}"' in html
            assert f'href="{reverse("accounts:profile")}"' in html
            assert f'action="{reverse("account_logout")}"' in html

    def test_log_out_is_a_post(self, client, learner):
        response = client.post(reverse("account_logout"))
        assert response.status_code == 302
        assert "_auth_user_id" not in client.session


class TestProfileModel:
    def test_region_follows_the_country_on_save(self):
        profile = profile_update(user=UserFactory(), country="PR")
        assert profile.wipo_region == WipoRegion.OTHER
        profile.country = "BR"
        profile.save(update_fields=["country"])
        profile.refresh_from_db()
        assert profile.wipo_region == WipoRegion.LATIN_AMERICA_CARIBBEAN

    def test_service_refuses_unknown_fields(self):
        with pytest.raises(TypeError):
            profile_update(user=UserFactory(), wipo_region="arab")
