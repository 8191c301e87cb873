import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from lms.certificates.models import Certificate, CertificateStatus
from tests.accounts.helpers import login_staff
from tests.factories import UserFactory

from .helpers import completed_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Trainers"))
    return user


class TestCertificateAdmin:
    def test_trainer_lists_issues_and_revokes(self, client, trainer):
        user, course = completed_course()
        certificate = Certificate.objects.get(user=user)
        login_staff(client, trainer)
        html = client.get(reverse("certificates_admin:index")).content.decode()
        assert certificate.code in html
        learner = UserFactory(email="learner@example.org")
        response = client.post(
            reverse("certificates_admin:issue"),
            {"learner": "learner@example.org", "course": course.pk},
        )
        assert response.status_code == 302
        assert Certificate.objects.filter(user=learner, issued_by=trainer).exists()
        response = client.post(
            reverse("certificates_admin:revoke", args=[certificate.pk]),
            {"reason": "Issued to the wrong person"},
        )
        assert response.status_code == 302
        certificate.refresh_from_db()
        assert certificate.status == CertificateStatus.REVOKED
        assert certificate.revoked_reason == "Issued to the wrong person"

    def test_bad_input_changes_nothing(self, client, trainer):
        user, course = completed_course()
        certificate = Certificate.objects.get(user=user)
        login_staff(client, trainer)
        response = client.post(
            reverse("certificates_admin:issue"),
            {"learner": "nobody@example.org", "course": course.pk},
        )
        assert response.status_code == 200
        assert "No single active account" in response.content.decode()
        response = client.post(
            reverse("certificates_admin:revoke", args=[certificate.pk]), {"reason": ""}
        )
        assert response.status_code == 200
        certificate.refresh_from_db()
        assert certificate.is_valid
        assert Certificate.objects.count() == 1

    def test_staff_of_other_courses_see_nothing(self, client):
        user, _course = completed_course()
        certificate = Certificate.objects.get(user=user)
        bureau = UserFactory()
        bureau.groups.add(Group.objects.get(name="Bureau staff"))
        login_staff(client, bureau)
        html = client.get(reverse("certificates_admin:index")).content.decode()
        assert certificate.code not in html
        url = reverse("certificates_admin:revoke", args=[certificate.pk])
        assert client.post(url, {"reason": "x"}, follow=True).status_code == 404
        certificate.refresh_from_db()
        assert certificate.is_valid
