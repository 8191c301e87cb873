"""The webinar listing, a webinar's page, and registering or cancelling from it."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from lms.accounts.models import Profile
from lms.webinars.models import (
    Registration,
    RegistrationStatus,
    WebinarPage,
    WebinarSpeaker,
    WebinarStatus,
)
from lms.webinars.services import registration_cancel, registration_create
from tests.factories import UserFactory

from .factories import section, webinar

pytestmark = pytest.mark.django_db

MEETING = "https://meet.example.org/secret-room-42"
CONFIRMED = RegistrationStatus.CONFIRMED
WAITLISTED = RegistrationStatus.WAITLISTED
CANCELLED = RegistrationStatus.CANCELLED


def register_url(event, language="en"):
    with translation.override(language):
        return reverse("webinars:register", args=[event.pk])


def cancel_url(event, language="en"):
    with translation.override(language):
        return reverse("webinars:cancel", args=[event.pk])


def list_url(language="en"):
    with translation.override(language):
        return reverse("webinars:list")


def page_url(event, language="en"):
    with translation.override(language):
        return event.get_url()


def logged_in(client, user=None):
    user = user or UserFactory()
    client.force_login(user)
    return user


class TestListing:
    def test_lists_upcoming_soonest_first_and_past_latest_first(self, client):
        now = timezone.now()
        later = webinar(title="Later", starts_at=now + timedelta(days=9))
        sooner = webinar(title="Sooner", starts_at=now + timedelta(days=2))
        old = webinar(title="Old", starts_at=now - timedelta(days=30))
        recent = webinar(title="Recent", starts_at=now - timedelta(days=3))
        response = client.get(list_url())
        assert response.status_code == 200
        listing = response.context["listing"]
        assert listing.upcoming == [sooner, later]
        assert listing.past == [recent, old]

    def test_filters_by_language_bureau_and_topic(self, client):
        french = webinar(title="Marques", language="fr", topic="madrid")
        asian = webinar(title="Patents Asia", bureau="asia-pacific", topic="patents")
        webinar(title="Other")
        response = client.get(list_url(), {"language": "fr"})
        assert response.context["listing"].upcoming == [french]
        response = client.get(list_url(), {"bureau": "asia-pacific"})
        assert response.context["listing"].upcoming == [asian]
        response = client.get(list_url(), {"topic": "patents"})
        assert response.context["listing"].upcoming == [asian]

    def test_invalid_filters_are_ignored_and_said(self, client):
        event = webinar()
        response = client.get(list_url(), {"topic": "<script>"})
        assert response.context["listing"].upcoming == [event]
        assert "Some filters were not valid" in response.content.decode()
        assert "<script>" not in response.content.decode()

    def test_unpublished_webinars_are_not_listed(self, client):
        hidden = webinar(title="Draft")
        hidden.unpublish()
        response = client.get(list_url())
        assert response.context["listing"].upcoming == []

    def test_cancelled_webinar_is_marked(self, client):
        webinar(title="Called off", status=WebinarStatus.CANCELLED)
        content = client.get(list_url()).content.decode()
        assert "Called off" in content
        assert "webinar-badge-cancelled" in content

    def test_shows_seats_and_the_learner_registration(self, client):
        event = webinar(capacity=2)
        user = logged_in(client)
        registration_create(user=user, webinar=event)
        content = client.get(list_url()).content.decode()
        assert "1 seat left" in content
        assert "You are registered" in content

    def test_anonymous_listing_may_be_cached_a_learner_listing_not(self, client):
        webinar()
        assert "public" in client.get(list_url())["Cache-Control"]
        logged_in(client)
        assert "private" in client.get(list_url())["Cache-Control"]

    def test_organiser_time_is_shown_and_browser_time_left_to_the_script(self, client):
        starts = timezone.now().replace(microsecond=0) + timedelta(days=3)
        webinar(starts_at=starts, time_zone="Africa/Nairobi")
        content = client.get(list_url()).content.decode()
        assert "Africa/Nairobi" in content
        assert "data-viewer-time" in content
        assert "webinars/local_time.js" in content

    def test_profile_time_zone_is_shown_by_the_server(self, client):
        webinar(time_zone="Africa/Nairobi")
        user = logged_in(client)
        Profile.objects.create(user=user, time_zone="America/Lima")
        content = client.get(list_url()).content.decode()
        assert "America/Lima" in content
        assert "data-viewer-time" not in content

    def test_arabic_listing_is_right_to_left(self, client):
        webinar()
        content = client.get(list_url("ar")).content.decode()
        assert 'dir="rtl"' in content

    def test_header_links_to_the_listing(self, client):
        content = client.get(list_url()).content.decode()
        assert f'href="{list_url()}"' in content


class TestBureauSection:
    def test_lists_only_the_bureau_webinars(self, client):
        own = webinar(title="Nairobi session", bureau="africa")
        webinar(title="Bangkok session", bureau="asia-pacific")
        africa = section("africa")
        response = client.get(africa.get_url())
        assert response.status_code == 200
        content = response.content.decode()
        assert "Nairobi session" in content
        assert "Bangkok session" not in content
        assert own.title in content
        # The section is the bureau's own: no bureau filter.
        assert 'name="bureau"' not in content

    def test_filters_by_topic(self, client):
        webinar(title="Marks", topic="madrid")
        webinar(title="Designs", topic="hague")
        content = client.get(section().get_url(), {"topic": "hague"}).content.decode()
        assert "Designs" in content
        assert "Marks" not in content


class TestWebinarPage:
    def test_shows_the_facts(self, client):
        event = webinar(
            title="Brands abroad", capacity=3, duration_minutes=90, language="fr"
        )
        content = client.get(page_url(event)).content.decode()
        assert "Brands abroad" in content
        assert "90 minutes" in content
        assert "3 seats left of 3" in content
        assert "French" in content
        assert "Africa/Nairobi" in content
        assert "Registration closes" in content

    def test_anonymous_visitor_gets_a_login_link_back_to_the_page(self, client):
        event = webinar()
        content = client.get(page_url(event)).content.decode()
        assert f"?next={page_url(event)}" in content
        assert register_url(event) not in content

    def test_full_webinar_offers_the_waiting_list(self, client):
        event = webinar(capacity=1)
        registration_create(user=UserFactory(), webinar=event)
        logged_in(client)
        content = client.get(page_url(event)).content.decode()
        assert "Full: waiting list open" in content
        assert "Join the waiting list" in content

    def test_cancelled_webinar_is_said_clearly_and_refuses_registration(self, client):
        event = webinar(status=WebinarStatus.CANCELLED)
        logged_in(client)
        content = client.get(page_url(event)).content.decode()
        assert "This webinar has been cancelled." in content
        assert register_url(event) not in content

    def test_past_webinar_offers_the_recording(self, client):
        event = webinar(
            starts_at=timezone.now() - timedelta(days=2),
            recording_url="https://video.example.org/rec-1",
        )
        content = client.get(page_url(event)).content.decode()
        assert "https://video.example.org/rec-1" in content
        assert "This webinar is over." in content

    def test_related_course_and_speakers(self, client):
        from tests.factories import course_tree

        course = course_tree(modules=1, lessons_per_module=1)
        event = webinar(related_page=course)
        WebinarSpeaker.objects.create(webinar=event, name="Amina Diallo")
        content = client.get(page_url(event)).content.decode()
        assert course.get_url() in content
        assert "Amina Diallo" in content

    def test_preview_before_the_first_save_renders(self, rf):
        parent = section()
        draft = WebinarPage(
            title="Draft webinar",
            description="<p>Soon.</p>",
            topic="madrid",
            starts_at=timezone.now() + timedelta(days=5),
            meeting_url=MEETING,
        )
        request = rf.get("/")
        request.user = UserFactory()
        request.session = {}
        # Where Wagtail's "add page" preview places the page: under its section.
        draft.path = parent.path + "9999"
        draft.depth = parent.depth + 1
        response = draft.serve_preview(request, draft.default_preview_mode)
        response.render()
        content = response.content.decode()
        assert "Draft webinar" in content
        assert MEETING not in content


class TestWebinarPageQueries:
    @pytest.mark.parametrize("registrations", [1, 15])
    def test_cost_does_not_grow_with_registrations(
        self, registrations, client, django_assert_max_num_queries
    ):
        # She waits in line behind the others: the page also finds her place.
        event = webinar(capacity=1)
        for _index in range(registrations):
            registration_create(user=UserFactory(), webinar=event)
        user = logged_in(client)
        registration_create(user=user, webinar=event)
        url = page_url(event)
        client.get(url)  # Wagtail caches the site's root paths on first use.
        with django_assert_max_num_queries(16):
            response = client.get(url)
        assert response.status_code == 200


class TestMeetingLink:
    """The meeting link is for confirmed registrants: nobody else sees it."""

    def test_anonymous_visitor_does_not_see_it(self, client):
        event = webinar(meeting_url=MEETING)
        assert MEETING not in client.get(page_url(event)).content.decode()
        assert MEETING not in client.get(list_url()).content.decode()

    def test_logged_in_learner_not_registered_does_not_see_it(self, client):
        event = webinar(meeting_url=MEETING)
        logged_in(client)
        assert MEETING not in client.get(page_url(event)).content.decode()

    def test_waitlisted_learner_does_not_see_it_but_sees_their_place(self, client):
        event = webinar(meeting_url=MEETING, capacity=1)
        registration_create(user=UserFactory(), webinar=event)
        registration_create(user=UserFactory(), webinar=event)
        user = logged_in(client)
        registration_create(user=user, webinar=event)
        content = client.get(page_url(event)).content.decode()
        assert MEETING not in content
        assert "number 2 in the queue" in content

    def test_cancelled_registrant_does_not_see_it(self, client):
        event = webinar(meeting_url=MEETING)
        user = logged_in(client)
        registration_cancel(registration=registration_create(user=user, webinar=event))
        assert MEETING not in client.get(page_url(event)).content.decode()

    def test_confirmed_registrant_sees_it_on_a_private_page(self, client):
        event = webinar(meeting_url=MEETING)
        user = logged_in(client)
        registration_create(user=user, webinar=event)
        response = client.get(page_url(event))
        assert MEETING in response.content.decode()
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]

    def test_not_shown_for_a_cancelled_webinar(self, client):
        event = webinar(meeting_url=MEETING)
        user = logged_in(client)
        registration_create(user=user, webinar=event)
        event.status = WebinarStatus.CANCELLED
        event.save_revision().publish()
        assert MEETING not in client.get(page_url(event)).content.decode()

    def test_meeting_link_is_escaped(self, client):
        event = webinar(meeting_url='https://meet.example.org/a?b=1&c="x"')
        user = logged_in(client)
        registration_create(user=user, webinar=event)
        content = client.get(page_url(event)).content.decode()
        assert "https://meet.example.org/a?b=1&amp;c=&quot;x&quot;" in content


class TestRegister:
    def test_one_step_registration_confirms_a_seat(self, client):
        event = webinar()
        user = logged_in(client)
        response = client.post(register_url(event), follow=True)
        assert response.redirect_chain[-1][0] == page_url(event)
        registration = Registration.objects.get(user=user, webinar=event)
        assert registration.status == CONFIRMED
        content = response.content.decode()
        assert "your seat is confirmed" in content
        assert event.meeting_url in content

    def test_full_webinar_puts_the_learner_on_the_waiting_list(self, client):
        event = webinar(capacity=1)
        registration_create(user=UserFactory(), webinar=event)
        user = logged_in(client)
        response = client.post(register_url(event), follow=True)
        assert Registration.objects.get(user=user, webinar=event).status == WAITLISTED
        assert "you are on the waiting list" in response.content.decode()

    def test_anonymous_post_goes_to_login_with_the_page_as_next(self, client):
        event = webinar()
        response = client.post(register_url(event))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert response["Location"].endswith(f"?next={page_url(event)}")
        assert not Registration.objects.exists()

    def test_closed_registration_is_refused_with_a_message(self, client):
        event = webinar(status=WebinarStatus.CANCELLED)
        logged_in(client)
        response = client.post(register_url(event), follow=True)
        assert not Registration.objects.exists()
        assert "This webinar has been cancelled." in response.content.decode()

    def test_past_deadline_is_refused_in_the_learner_language(self, client):
        now = timezone.now()
        event = webinar(
            starts_at=now + timedelta(days=2),
            registration_deadline=now - timedelta(hours=1),
        )
        logged_in(client)
        response = client.post(register_url(event, "fr"), follow=True)
        assert not Registration.objects.exists()
        assert response.redirect_chain[-1][0].startswith("/fr/")
        messages = [str(message) for message in response.context["messages"]]
        with translation.override("fr"):
            from django.utils.translation import gettext

            expected = gettext("Registration for this webinar has closed.")
        assert messages == [expected]

    def test_unpublished_webinar_is_not_found(self, client):
        event = webinar()
        event.unpublish()
        logged_in(client)
        assert client.post(register_url(event)).status_code == 404

    def test_webinar_restricted_to_a_group_refuses_anyone_else(self, client):
        from django.contrib.auth.models import Group
        from wagtail.models import PageViewRestriction

        event = webinar(meeting_url=MEETING)
        restriction = PageViewRestriction.objects.create(
            page=event, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.create(name="Examiners"))
        logged_in(client)
        assert client.post(register_url(event)).status_code == 404
        assert not Registration.objects.exists()

    def test_get_is_not_allowed(self, client):
        logged_in(client)
        assert client.get(register_url(webinar())).status_code == 405

    def test_forged_cross_site_post_is_refused(self):
        client = Client(enforce_csrf_checks=True)
        event = webinar()
        logged_in(client)
        assert client.post(register_url(event)).status_code == 403
        assert not Registration.objects.exists()


class TestCancel:
    def test_cancelling_frees_the_seat_for_the_first_waiting(self, client):
        event = webinar(capacity=1)
        user = logged_in(client)
        registration_create(user=user, webinar=event)
        waiting = UserFactory()
        registration_create(user=waiting, webinar=event)
        response = client.post(cancel_url(event), follow=True)
        assert "Your registration is cancelled." in response.content.decode()
        assert Registration.objects.get(user=user).status == CANCELLED
        assert Registration.objects.get(user=waiting).status == CONFIRMED

    def test_leaving_the_waiting_list(self, client):
        event = webinar(capacity=1)
        registration_create(user=UserFactory(), webinar=event)
        user = logged_in(client)
        registration_create(user=user, webinar=event)
        content = client.get(page_url(event)).content.decode()
        assert "Leave the waiting list" in content
        client.post(cancel_url(event))
        assert Registration.objects.get(user=user).status == CANCELLED

    def test_cancelling_without_a_registration_changes_nothing(self, client):
        event = webinar()
        other = UserFactory()
        registration_create(user=other, webinar=event)
        logged_in(client)
        response = client.post(cancel_url(event), follow=True)
        assert "You are not registered for this webinar." in response.content.decode()
        assert Registration.objects.get(user=other).status == CONFIRMED

    def test_cancelling_after_the_start_is_refused(self, client):
        event = webinar()
        user = logged_in(client)
        registration = registration_create(user=user, webinar=event)
        # The webinar has started since the learner registered.
        type(event).objects.filter(pk=event.pk).update(
            starts_at=timezone.now() - timedelta(minutes=5)
        )
        response = client.post(cancel_url(event), follow=True)
        assert "already started" in response.content.decode()
        registration.refresh_from_db()
        assert registration.status == CONFIRMED

    def test_anonymous_post_changes_nothing(self, client):
        event = webinar()
        registration_create(user=UserFactory(), webinar=event)
        response = client.post(cancel_url(event))
        assert response.status_code == 302
        assert Registration.objects.get().status == CONFIRMED
