"""Download my data, delete my account, and the registry other apps plug into."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.accounts import personal_data
from lms.accounts.models import Profile
from lms.accounts.personal_data import (
    account_delete,
    personal_data_export,
    register_personal_data,
)
from lms.accounts.services import profile_update
from lms.quizzes.analysis import quizzes_with_results
from lms.quizzes.attempts import attempt_save_answer, attempt_start, attempt_submit
from lms.quizzes.models import Attempt
from tests.accounts.helpers import login_staff, verified_email
from tests.factories import UserFactory, catalogue
from tests.quizzes.test_attempts import choice, quiz_with, single_choice

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def submitted_attempt(quiz, user) -> Attempt:
    attempt = attempt_start(quiz=quiz, user=user)
    question_id = attempt.question_ids[0]
    attempt_save_answer(
        attempt=attempt, question_id=question_id, raw=choice(question_id)
    )
    return attempt_submit(attempt=attempt)


@pytest.fixture
def learner(client):
    user = UserFactory(first_name="Nadia", last_name="Ben Salah")
    verified_email(user)
    profile_update(
        user=user,
        certificate_name="نادية بن صالح",
        country="TN",
        sector="C",
        enterprise_size="micro",
        role="owner",
        ip_experience="some",
        preferred_language="ar",
        time_zone="Africa/Tunis",
        statistics_consent=True,
    )
    client.force_login(user)
    return user


@pytest.fixture
def quiz():
    quiz = quiz_with([single_choice(1)])
    quiz.title = "Trade secrets check"
    quiz.save()
    return quiz


class TestExport:
    def test_holds_account_addresses_profile_and_quiz_attempts(self, learner, quiz):
        submitted_attempt(quiz, learner)
        data = personal_data_export(user=learner)
        assert data["account"]["username"] == learner.username
        assert data["account"]["first_name"] == "Nadia"
        assert data["email_addresses"] == [
            {"email": learner.email, "verified": True, "primary": True}
        ]
        assert data["profile"]["certificate_name"] == "نادية بن صالح"
        assert data["profile"]["wipo_region"] == "arab"
        (attempt,) = data["quiz_attempts"]
        assert attempt["quiz"] == "Trade secrets check"
        assert attempt["state"] == "submitted"
        assert attempt["score_percent"] == 100
        assert attempt["answers"][0]["question"] == "Question 1"
        assert attempt["answers"][0]["value"] is not None

    def test_never_holds_another_learners_data(self, learner, quiz):
        other = UserFactory(email="someone.else@example.org")
        verified_email(other)
        profile_update(user=other, certificate_name="Someone Else")
        submitted_attempt(quiz, other)
        text = json.dumps(personal_data_export(user=learner), default=str)
        assert "someone.else" not in text
        assert "Someone Else" not in text
        assert personal_data_export(user=learner)["quiz_attempts"] == []

    def test_costs_the_same_queries_for_more_attempts(self, learner):
        quiz = quiz_with([single_choice(1)], max_attempts=None)

        def export_queries():
            with CaptureQueriesContext(connection) as queries:
                personal_data_export(user=learner)
            return len(queries)

        submitted_attempt(quiz, learner)
        few = export_queries()
        for _more in range(3):
            submitted_attempt(quiz, learner)
        assert export_queries() == few

    def test_download_is_a_private_json_attachment(self, client, learner, quiz):
        submitted_attempt(quiz, learner)
        page = client.get(reverse("accounts:data"))
        assert "your quiz attempts and answers" in page.text
        response = client.post(reverse("accounts:data_download"))
        assert response["Content-Type"] == "application/json; charset=utf-8"
        today = timezone.localdate().isoformat()
        assert response["Content-Disposition"] == (
            f'attachment; filename="ip-campus-data-{today}.json"'
        )
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        text = response.content.decode()
        assert "نادية بن صالح" in text  # not \u escapes
        data = json.loads(text)
        assert data["quiz_attempts"][0]["started_at"].startswith(str(today)[:4])
        assert "T" in data["exported_at"]

    def test_download_needs_login_and_a_post(self, client):
        assert client.post(reverse("accounts:data_download")).status_code == 302
        client.force_login(UserFactory())
        assert client.get(reverse("accounts:data_download")).status_code == 405


class TestRegistry:
    def test_sections_join_the_export_and_the_deletion(self, monkeypatch, learner):
        monkeypatch.setattr(personal_data, "_sections", {})
        erased = []
        register_personal_data(
            key="webinar_registrations",
            export=lambda user: [{"webinar": "Patents 101", "user": user.pk}],
            erase=erased.append,
        )
        data = personal_data_export(user=learner)
        assert data["webinar_registrations"] == [
            {"webinar": "Patents 101", "user": learner.pk}
        ]
        account_delete(user=learner)
        assert erased == [learner]

    def test_refuses_reserved_and_conflicting_keys(self, monkeypatch):
        monkeypatch.setattr(personal_data, "_sections", {})

        def export(user):
            return []

        with pytest.raises(ValueError, match="part of every export"):
            register_personal_data(key="profile", export=export)
        register_personal_data(key="certificates", export=export)
        register_personal_data(key="certificates", export=export)  # same: fine
        with pytest.raises(ValueError, match="Another app"):
            register_personal_data(key="certificates", export=lambda user: None)

    def test_quizzes_registered_their_attempts(self):
        keys = [section.key for section in personal_data.registered_sections()]
        assert "quiz_attempts" in keys


class TestDelete:
    def test_page_explains_and_asks_for_the_password(self, client, learner):
        html = client.get(reverse("accounts:delete")).text
        assert "cannot be undone" in html
        assert 'autocomplete="current-password"' in html

    def test_a_wrong_password_changes_nothing(self, client, learner):
        response = client.post(reverse("accounts:delete"), {"password": "nope"})
        assert response.status_code == 200
        assert "That is not your current password. Nothing was deleted." in (
            response.text
        )
        learner.refresh_from_db()
        assert learner.is_active and learner.email
        assert Profile.objects.get(user=learner).certificate_name
        assert EmailAddress.objects.filter(user=learner).exists()
        assert client.session["_auth_user_id"] == str(learner.pk)

    def test_an_empty_password_changes_nothing(self, client, learner):
        response = client.post(reverse("accounts:delete"), {})
        assert "This field is required." in response.text
        assert get_user_model().objects.get(pk=learner.pk).is_active

    def test_deletion_leaves_no_personal_field(self, client, learner, quiz):
        catalogue()
        submitted_attempt(quiz, learner)
        username, email = learner.username, learner.email
        response = client.post(
            reverse("accounts:delete"), {"password": PASSWORD}, follow=True
        )
        assert response.redirect_chain[-1][0] == "/en/"
        assert "Your account was deleted." in response.text
        assert "_auth_user_id" not in client.session

        user = get_user_model().objects.get(pk=learner.pk)
        assert user.username.startswith("deleted-")
        assert (user.first_name, user.last_name, user.email) == ("", "", "")
        assert not user.has_usable_password()
        assert not (user.is_active or user.is_staff or user.is_superuser)
        assert not EmailAddress.objects.filter(user=user).exists()
        assert not get_user_model().objects.filter(username=username).exists()
        assert not get_user_model().objects.filter(email=email).exists()
        # Consented: the statistical fields stay, nothing that names her.
        profile = Profile.objects.get(user=user)
        assert profile.certificate_name == ""
        assert (profile.role, profile.preferred_language, profile.time_zone) == (
            "",
            "",
            "",
        )
        assert profile.country.code == "TN" and profile.wipo_region == "arab"
        assert (profile.sector, profile.enterprise_size, profile.ip_experience) == (
            "C",
            "micro",
            "some",
        )
        # Her attempt is still counted.
        assert Attempt.objects.filter(quiz=quiz, user=user).count() == 1
        assert quizzes_with_results().get(pk=quiz.pk).submitted_count == 1
        text = json.dumps(personal_data_export(user=user), default=str)
        for trace in (username, email, "Nadia", "Ben Salah", "نادية"):
            assert trace not in text

    def test_without_consent_the_profile_goes(self, client, learner):
        profile_update(user=learner, statistics_consent=False)
        client.post(reverse("accounts:delete"), {"password": PASSWORD})
        assert not Profile.objects.filter(user=learner).exists()

    def test_sessions_on_other_devices_end(self, client, learner):
        other_device = Client()
        other_device.force_login(learner)
        assert Session.objects.count() == 2
        client.post(reverse("accounts:delete"), {"password": PASSWORD})
        assert not Session.objects.exists()
        assert other_device.get(reverse("accounts:profile")).status_code == 302

    def test_a_staff_account_can_be_deleted_too(self, client):
        admin = UserFactory(is_superuser=True, is_staff=True)
        verified_email(admin)
        login_staff(client, admin)
        client.post(reverse("accounts:delete"), {"password": PASSWORD})
        admin.refresh_from_db()
        assert not (admin.is_superuser or admin.is_staff or admin.is_active)
        assert not Authenticator.objects.filter(user=admin).exists()
        assert client.get("/admin/").status_code == 302

    def test_password_guessing_is_rate_limited(self, client, learner):
        for _attempt in range(10):
            client.post(reverse("accounts:delete"), {"password": "guess"})
        response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
        assert "Too many attempts" in response.text
        assert get_user_model().objects.get(pk=learner.pk).is_active


def test_deletion_removes_queued_emails_to_the_person(settings):
    from django_tasks_db.models import DBTaskResult

    from lms.accounts.personal_data import account_delete
    from lms.accounts.tasks import email_send

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    user = UserFactory(email="leaving@example.org")
    kept = {"subject": "Hi", "body": "b", "from_email": "f@example.org"}
    email_send.enqueue(to=["leaving@example.org"], **kept)
    email_send.enqueue(to=["staying@example.org"], **kept)
    account_delete(user=user)
    remaining = [row.args_kwargs["kwargs"]["to"] for row in DBTaskResult.objects.all()]
    assert remaining == [["staying@example.org"]]
