import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from lms.progress.models import CourseCompletion, Enrolment, LessonCompletion
from lms.progress.services import lesson_complete
from tests.factories import UserFactory

from .helpers import course_tree, lessons, modules

pytestmark = pytest.mark.django_db


def done_url(lesson):
    return reverse("progress:lesson_done", args=[lesson.pk])


def start_url(course):
    return reverse("progress:course_start", args=[course.pk])


class TestMarkDone:
    def test_learner_marks_done_and_goes_on(self, client):
        course, user = course_tree(modules=1, lessons_per_module=2), UserFactory()
        first, second = lessons(course)
        client.force_login(user)
        response = client.post(done_url(first), {"next": second.url})
        assert response.status_code == 302
        assert response["Location"] == second.url
        assert LessonCompletion.objects.filter(user=user, lesson=first).exists()
        html = client.get(first.url).content.decode()
        assert "You completed this lesson." in html

    def test_next_elsewhere_is_ignored(self, client):
        course, user = course_tree(modules=1, lessons_per_module=1), UserFactory()
        lesson = lessons(course)[0]
        client.force_login(user)
        response = client.post(done_url(lesson), {"next": "https://evil.example/"})
        assert response["Location"] == lesson.url

    def test_locked_lesson_is_refused_with_a_translated_message(self, client):
        course, user = course_tree(modules=2, lessons_per_module=1), UserFactory()
        first, second = modules(course)
        second.prerequisites.set([first])
        second.save_revision().publish()
        locked = lessons(second)[0]
        client.force_login(user)
        with translation.override("fr"):
            url = done_url(locked)
        response = client.post(url, follow=True)
        html = response.content.decode()
        assert "Terminez" in html and first.title in html
        assert not LessonCompletion.objects.exists()

    def test_unpublished_lesson_is_not_found(self, client):
        course, user = course_tree(modules=1, lessons_per_module=1), UserFactory()
        lesson = lessons(course)[0]
        lesson.unpublish()
        client.force_login(user)
        assert client.post(done_url(lesson)).status_code == 404
        assert not LessonCompletion.objects.exists()

    def test_get_is_not_allowed(self, client):
        course = course_tree(modules=1, lessons_per_module=1)
        assert client.get(done_url(lessons(course)[0])).status_code == 405

    def test_forged_cross_site_post_is_refused(self):
        course, user = course_tree(modules=1, lessons_per_module=1), UserFactory()
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        assert client.post(done_url(lessons(course)[0])).status_code == 403
        assert not LessonCompletion.objects.exists()

    def test_only_the_learner_own_records_change(self, client):
        course = course_tree(modules=1, lessons_per_module=1)
        learner, other = UserFactory(), UserFactory()
        client.force_login(learner)
        client.post(done_url(lessons(course)[0]), {"user": other.pk})
        assert not LessonCompletion.objects.filter(user=other).exists()
        assert LessonCompletion.objects.filter(user=learner).exists()


class TestVisitors:
    def test_visitor_progress_is_kept_and_claimed_at_login(self, client):
        course = course_tree(modules=1, lessons_per_module=2)
        first, second = lessons(course)
        response = client.post(start_url(course))
        assert response["Location"] == first.url
        client.post(done_url(first), {"next": second.url})
        client.get(second.url)
        html = client.get(course.url).content.decode()
        assert "50% complete" in html
        assert "Your progress is kept in this browser." in html
        assert not LessonCompletion.objects.exists()

        user = UserFactory()
        client.force_login(user)
        assert LessonCompletion.objects.filter(user=user, lesson=first).exists()
        enrolment = Enrolment.objects.get(user=user)
        assert enrolment.last_lesson_id == second.pk
        assert "progress" not in client.session

    def test_visitor_progress_is_claimed_at_sign_up(self, client):
        course = course_tree(modules=1, lessons_per_module=2)
        client.post(done_url(lessons(course)[0]))
        response = client.post(
            reverse("account_signup"),
            {
                "email": "new.learner@example.org",
                "password1": "a-long-pass-phrase-42",
                "password2": "a-long-pass-phrase-42",
            },
        )
        assert response.status_code == 302
        completion = LessonCompletion.objects.get()
        assert completion.user.email == "new.learner@example.org"

    def test_visitor_finishing_a_course_gets_the_completion_at_login(self, client):
        course = course_tree(modules=1, lessons_per_module=1)
        client.post(done_url(lessons(course)[0]))
        client.force_login(user := UserFactory())
        assert CourseCompletion.objects.filter(user=user, course=course).exists()

    def test_visitor_pages_with_progress_are_private(self, client):
        course = course_tree(modules=1, lessons_per_module=1)
        client.post(start_url(course))
        response = client.get(course.url)
        assert "private" in response["Cache-Control"]

    def test_first_visit_to_a_module_page_may_be_shared(self, client):
        course = course_tree(modules=1, lessons_per_module=1)
        response = client.get(modules(course)[0].url)
        assert "public" in response["Cache-Control"]


class TestCoursePage:
    def test_shows_progress_checks_and_continue(self, client):
        course, user = course_tree(modules=2, lessons_per_module=2), UserFactory()
        first = lessons(course)[0]
        lesson_complete(user=user, lesson=first)
        client.force_login(user)
        html = client.get(course.url).content.decode()
        assert "25% complete" in html
        assert "Continue where you left off" in html
        assert html.count('<span class="status is-done">') == 1

    def test_locked_course_says_what_unlocks_it(self, client):
        basics = course_tree(modules=1, lessons_per_module=1)
        advanced = course_tree(modules=1, lessons_per_module=1)
        advanced.prerequisites.set([basics])
        advanced.save_revision().publish()
        html = client.get(advanced.url).content.decode()
        assert "Locked. Complete these first to unlock it" in html
        assert f'href="{basics.url}"' in html
        assert "Start this course" not in html

    def test_arabic_course_page_is_right_to_left(self, client):
        course = course_tree(modules=1, lessons_per_module=1)
        with translation.override("ar"):
            url = course.get_url()
        html = client.get(url).content.decode()
        assert 'dir="rtl"' in html
        assert "ابدأ" in html  # "Start this course"

    def test_lesson_page_queries_do_not_grow_for_a_learner(self, client):
        small = course_tree(modules=1, lessons_per_module=2)
        large = course_tree(modules=6, lessons_per_module=8)
        user = UserFactory()
        client.force_login(user)
        counts = []
        for course in (small, large):
            lesson_complete(user=user, lesson=lessons(course)[0])
            url = lessons(course)[1].url
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]


class TestDashboard:
    def test_needs_login(self, client):
        response = client.get(reverse("progress:dashboard"))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_lists_courses_in_progress_completed_and_recommended(self, client):
        started = course_tree(modules=1, lessons_per_module=2, title="Started course")
        finished = course_tree(modules=1, lessons_per_module=1, title="Done course")
        course_tree(modules=1, lessons_per_module=1, title="Next course")
        user = UserFactory()
        lesson_complete(user=user, lesson=lessons(started)[0])
        lesson_complete(user=user, lesson=lessons(finished)[0])
        client.force_login(user)
        html = client.get(reverse("progress:dashboard")).content.decode()
        in_progress, rest = html.split("Completed on", 1)[0], html
        assert "Started course" in in_progress
        assert "50% complete" in html
        assert "Done course" in rest
        assert "Recommended next" in html and "Next course" in html

    def test_records_a_completion_the_rules_now_grant(self, client):
        course, user = course_tree(modules=1, lessons_per_module=2), UserFactory()
        first, second = lessons(course)
        lesson_complete(user=user, lesson=first)
        second.is_required = False
        second.save_revision().publish()
        client.force_login(user)
        html = client.get(reverse("progress:dashboard")).content.decode()
        assert CourseCompletion.objects.filter(user=user, course=course).exists()
        assert "Completed on" in html

    def test_never_shows_another_learners_courses(self, client):
        course = course_tree(modules=1, lessons_per_module=1, title="Other course")
        lesson_complete(user=UserFactory(), lesson=lessons(course)[0])
        client.force_login(UserFactory())
        html = client.get(reverse("progress:dashboard")).content.decode()
        assert "You have not started a course yet." in html

    def test_costs_the_same_for_1_and_30_enrolments(self, client):
        courses = [course_tree(modules=2, lessons_per_module=2) for _ in range(30)]
        # Left for both learners to be recommended.
        course_tree(modules=1, lessons_per_module=1)
        few, many = UserFactory(), UserFactory()
        for lesson in lessons(courses[0]):
            lesson_complete(user=few, lesson=lesson)
        for course in courses:
            lesson_complete(user=many, lesson=lessons(course)[0])
        for course in courses[:10]:
            for lesson in lessons(course):
                lesson_complete(user=many, lesson=lesson)
        counts = []
        for user in (few, many):
            client.force_login(user)
            client.get(reverse("progress:dashboard"))  # warm Wagtail's site cache
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("progress:dashboard")).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]
        # Session and user (2), the staff two-factor check (2), enrolments (1),
        # outlines (2), assessments and prerequisites (3), records (4),
        # catalogue (1), recommendations (4), course and attendance
        # certificates (2), the webinars section's registrations (1).
        assert counts[0] <= 22
