"""Bureau staff plan webinars in the admin; bureaus are set up from the admin."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

from lms.webinars.models import Bureau, WebinarIndexPage, WebinarPage
from lms.webinars.services import registration_create
from tests.accounts.helpers import login_staff
from tests.factories import UserFactory

from .factories import section, webinar
from .test_permissions import staff_of

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.now().year + 1


def webinar_form(**extra):
    data = {
        "title_en": "Registering a trademark abroad",
        "slug_en": "trademark-abroad",
        "description_en": rich_text("<p>The Madrid System, step by step.</p>"),
        "language": "en",
        "topic": "madrid",
        "starts_at": f"{NEXT_YEAR}-06-01 14:00",
        "time_zone": "Africa/Nairobi",
        "duration_minutes": 90,
        "capacity": 25,
        "status": "scheduled",
        "min_attended_minutes": 30,
        "meeting_url": "https://meet.example.org/madrid",
        "speakers": inline_formset(
            [{"name": "Amina Diallo", "role_en": "Examiner", "affiliation_en": "OAPI"}]
        ),
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


@pytest.fixture
def staff(client):
    user = staff_of("africa")
    # Her own admin time zone differs from the webinar's: the webinar's wins.
    profile = UserProfile.get_for_user(user)
    profile.current_time_zone = "America/Lima"
    profile.save()
    login_staff(client, user)
    return user


class TestPlanningAWebinar:
    def test_the_start_is_read_in_the_webinars_time_zone(self, client, staff):
        parent = section("africa")
        url = reverse(
            "wagtailadmin_pages:add", args=("webinars", "webinarpage", parent.pk)
        )
        response = client.post(url, webinar_form(**{"action-publish": "publish"}))
        assert response.status_code == 302, response.content.decode()[:3000]
        created = WebinarPage.objects.get(slug_en="trademark-abroad")
        assert created.live
        assert created.starts_at == datetime(NEXT_YEAR, 6, 1, 11, 0, tzinfo=UTC)
        assert created.bureau.slug == "africa"
        assert created.speakers.get().role_en == "Examiner"
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[created.pk]))
        assert f"{NEXT_YEAR}-06-01 14:00" in edit.content.decode()

    def test_a_deadline_after_the_start_is_refused(self, client, staff):
        parent = section("africa")
        url = reverse(
            "wagtailadmin_pages:add", args=("webinars", "webinarpage", parent.pk)
        )
        response = client.post(
            url, webinar_form(registration_deadline=f"{NEXT_YEAR}-06-01 15:00")
        )
        assert response.status_code == 200
        assert "Registration must close before the webinar starts" in (
            response.content.decode()
        )
        assert not WebinarPage.objects.filter(slug_en="trademark-abroad").exists()

    def test_fewer_seats_than_confirmed_people_is_refused(self, client, staff):
        event = webinar(bureau="africa", capacity=5, slug="trademark-abroad")
        for _ in range(3):
            registration_create(user=UserFactory(), webinar=event)
        url = reverse("wagtailadmin_pages:edit", args=[event.pk])
        response = client.post(
            url, webinar_form(capacity=2, **{"action-publish": "publish"})
        )
        assert response.status_code == 200
        assert "3 people are already confirmed" in response.content.decode()
        event.refresh_from_db()
        assert event.capacity == 5


class TestBureauSnippet:
    def test_adding_a_bureau_sets_up_its_section_and_group(self, client):
        admin = UserFactory(is_superuser=True, is_staff=True)
        login_staff(client, admin)
        url = reverse("wagtailsnippets_webinars_bureau:add")
        data = {"slug": "europe-asia", "region": "europe_asia", "sort_order": 5}
        data["name_en"] = "Certain countries in Europe and Asia"
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        bureau = Bureau.objects.get(slug="europe-asia")
        assert WebinarIndexPage.objects.filter(bureau=bureau, live=True).exists()
        assert bureau.staff_group.name == (
            "Bureau staff: Certain countries in Europe and Asia"
        )
        assert Page.objects.filter(slug="webinars-europe-asia").exists()

    def test_a_bureau_with_a_section_cannot_be_deleted(self, client):
        admin = UserFactory(is_superuser=True, is_staff=True)
        login_staff(client, admin)
        bureau = Bureau.objects.get(slug="africa")
        section("africa")
        url = reverse("wagtailsnippets_webinars_bureau:delete", args=[bureau.pk])
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 302
            assert response["Location"] == reverse(
                "wagtailsnippets_webinars_bureau:list"
            )
        assert Bureau.objects.filter(pk=bureau.pk).exists()
        listing = client.get(response["Location"]).content.decode()
        assert "Africa cannot be deleted" in listing

    def test_a_bureau_without_a_section_can_be_deleted(self, client):
        admin = UserFactory(is_superuser=True, is_staff=True)
        login_staff(client, admin)
        bureau = Bureau.objects.create(name="Spare", name_en="Spare", slug="spare")
        url = reverse("wagtailsnippets_webinars_bureau:delete", args=[bureau.pk])
        assert client.post(url).status_code == 302
        assert not Bureau.objects.filter(pk=bureau.pk).exists()
