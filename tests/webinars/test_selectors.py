"""The listing and a webinar's state: what they hold and what they cost."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from lms.webinars.models import WebinarPage, WebinarStatus
from lms.webinars.selectors import (
    PAST_LIMIT,
    webinar_listing,
    webinar_state,
)
from lms.webinars.services import registration_cancel, registration_create
from tests.factories import UserFactory

from .factories import BureauFactory, webinar

pytestmark = pytest.mark.django_db


def register(event, count):
    return [
        registration_create(user=UserFactory(), webinar=event) for _ in range(count)
    ]


class TestWebinarListing:
    def test_a_webinar_under_way_is_upcoming_until_it_ends(self):
        now = timezone.now()
        running = webinar(starts_at=now - timedelta(minutes=30), duration_minutes=60)
        ended = webinar(starts_at=now - timedelta(minutes=90), duration_minutes=60)
        listing = webinar_listing()
        assert listing.upcoming == [running]
        assert listing.past == [ended]

    def test_a_finished_webinar_is_past_even_before_its_end(self):
        now = timezone.now()
        closed = webinar(
            starts_at=now - timedelta(minutes=10), status=WebinarStatus.FINISHED
        )
        assert webinar_listing().past == [closed]

    def test_past_webinars_are_limited_latest_first(self):
        now = timezone.now()
        for days in range(PAST_LIMIT + 2):
            webinar(starts_at=now - timedelta(days=days + 2))
        past = webinar_listing().past
        assert len(past) == PAST_LIMIT
        assert past == sorted(past, key=lambda w: w.starts_at, reverse=True)

    def test_counts_confirmed_seats(self):
        event = webinar(capacity=2)
        first, _second, _third = register(event, 3)
        registration_cancel(registration=first)
        [listed] = webinar_listing().upcoming
        # The third moved into the freed seat.
        assert listed.confirmed_seats == 2

    def test_narrows_by_bureau(self):
        own = webinar(bureau="africa")
        webinar(bureau="arab-region")
        bureau = BureauFactory(slug="africa")
        assert webinar_listing(bureau=bureau).upcoming == [own]

    def test_holds_only_the_user_active_registrations(self):
        kept, dropped, other = webinar(), webinar(), webinar()
        user = UserFactory()
        registration_create(user=user, webinar=kept)
        registration_cancel(
            registration=registration_create(user=user, webinar=dropped)
        )
        registration_create(user=UserFactory(), webinar=other)
        listing = webinar_listing(user=user)
        assert set(listing.registrations) == {kept.pk}

    def test_titles_follow_the_active_language(self):
        webinar(title="Brands", title_ar="العلامات")
        with translation.override("ar"):
            [listed] = webinar_listing().upcoming
            assert listed.title == "العلامات"

    @pytest.mark.parametrize("count", [1, 12])
    def test_query_count_does_not_grow(self, count, django_assert_max_num_queries):
        now = timezone.now()
        user = UserFactory()
        for index in range(count):
            upcoming = webinar(capacity=2, bureau=("africa", "asia-pacific")[index % 2])
            register(upcoming, 3)
            registration_create(user=user, webinar=upcoming)
            webinar(starts_at=now - timedelta(days=index + 2))
        with django_assert_max_num_queries(4):
            listing = webinar_listing(user=user)
            for event in listing.upcoming + listing.past:
                str(event.bureau)
                event.confirmed_seats  # noqa: B018 - the annotation is read
        assert len(listing.upcoming) == count

    @pytest.mark.parametrize("count", [1, 12])
    def test_listing_page_query_count_does_not_grow(
        self, count, client, django_assert_max_num_queries
    ):
        user = UserFactory()
        client.force_login(user)
        for _index in range(count):
            event = webinar(capacity=2)
            register(event, 3)
            registration_create(user=user, webinar=event)
        with translation.override("en"):
            from django.urls import reverse

            url = reverse("webinars:list")
        with django_assert_max_num_queries(14):
            response = client.get(url)
        assert len(response.context["listing"].upcoming) == count


class TestWebinarState:
    def test_anonymous_viewer_sees_seats_only(self):
        event = webinar(capacity=3)
        register(event, 1)
        state = webinar_state(webinar=event)
        assert state.seats_left == 2
        assert state.registration is None
        assert state.meeting_url == ""

    def test_waitlist_position_follows_the_queue(self):
        event = webinar(capacity=1)
        register(event, 1)
        first, second = UserFactory(), UserFactory()
        registration_create(user=first, webinar=event)
        registration_create(user=second, webinar=event)
        assert webinar_state(webinar=event, user=second).waitlist_position == 2
        registration_cancel(registration=event.registrations.get(user=first))
        assert webinar_state(webinar=event, user=second).waitlist_position == 1

    def test_meeting_link_only_for_a_confirmed_seat(self):
        event = webinar(capacity=1)
        seated, waiting = UserFactory(), UserFactory()
        registration_create(user=seated, webinar=event)
        registration_create(user=waiting, webinar=event)
        assert webinar_state(webinar=event, user=seated).meeting_url
        assert webinar_state(webinar=event, user=waiting).meeting_url == ""

    def test_meeting_link_is_gone_once_the_webinar_is_over(self):
        event = webinar()
        user = UserFactory()
        registration_create(user=user, webinar=event)
        event.starts_at = timezone.now() - timedelta(days=1)
        assert webinar_state(webinar=event, user=user).meeting_url == ""

    def test_a_webinar_previewed_before_its_first_save(self):
        unsaved = WebinarPage(
            title="Draft",
            starts_at=timezone.now() + timedelta(days=3),
            capacity=4,
            meeting_url="https://meet.example.org/draft",
        )
        state = webinar_state(webinar=unsaved, user=UserFactory())
        assert state.seats_left == 4
        assert state.registration is None
        assert not state.can_register
        assert state.meeting_url == ""

    def test_costs_at_most_three_queries(self, django_assert_max_num_queries):
        event = webinar(capacity=1)
        register(event, 5)
        user = UserFactory()
        registration_create(user=user, webinar=event)
        with django_assert_max_num_queries(3):
            state = webinar_state(webinar=event, user=user)
        assert state.waitlist_position == 5
