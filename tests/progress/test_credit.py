"""Modules completed on other grounds than their lessons (a webinar attended),
and the sections other apps add to "My learning"."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from lms.progress import dashboard_sections
from lms.progress.dashboard_sections import dashboard_sections as sections_for
from lms.progress.dashboard_sections import register_dashboard_section
from lms.progress.models import CourseCompletion, Enrolment, ModuleCompletion
from lms.progress.selectors import course_progress
from lms.progress.services import lesson_complete, module_complete_by_credit
from lms.progress.signals import course_completed
from tests.factories import UserFactory

from .helpers import course_tree, lessons, modules
from .test_concurrency import run_together

pytestmark = pytest.mark.django_db

REASON = "Attended the webinar “Brands abroad”"


class TestModuleCompleteByCredit:
    def test_records_the_module_with_its_reason_and_enrols(self):
        course, user = course_tree(modules=2, lessons_per_module=2), UserFactory()
        first = modules(course)[0]
        completion = module_complete_by_credit(user=user, module=first, reason=REASON)
        assert completion.module_id == first.pk
        assert completion.course_id == course.pk
        assert completion.credited_for == REASON
        assert Enrolment.objects.filter(user=user, course=course).exists()
        progress = course_progress(learner=user, course=course)
        assert progress.modules[first.pk].complete
        assert not progress.complete

    def test_the_learners_data_export_says_why_the_module_counts(self):
        from lms.progress.personal_data import progress_export

        course, user = course_tree(modules=1, lessons_per_module=1), UserFactory()
        module_complete_by_credit(user=user, module=modules(course)[0], reason=REASON)
        (module,) = progress_export(user)["modules_completed"]
        assert module["credited_for"] == REASON

    def test_accepts_the_module_as_a_plain_page(self):
        course, user = course_tree(modules=1, lessons_per_module=1), UserFactory()
        page = modules(course)[0].page_ptr
        module_complete_by_credit(user=user, module=page, reason=REASON)
        assert ModuleCompletion.objects.filter(user=user, module_id=page.pk).exists()

    def test_again_is_a_no_op(self):
        course, user = course_tree(modules=2, lessons_per_module=1), UserFactory()
        first = modules(course)[0]
        one = module_complete_by_credit(user=user, module=first, reason=REASON)
        two = module_complete_by_credit(user=user, module=first, reason="other")
        assert one.pk == two.pk
        assert ModuleCompletion.objects.filter(user=user).count() == 1
        assert ModuleCompletion.objects.get(user=user).credited_for == REASON

    def test_a_module_done_by_its_lessons_keeps_its_record(self):
        course, user = course_tree(modules=2, lessons_per_module=1), UserFactory()
        lesson_complete(user=user, lesson=lessons(course)[0])
        module_complete_by_credit(user=user, module=modules(course)[0], reason=REASON)
        assert ModuleCompletion.objects.get(user=user).credited_for == ""

    def test_completes_the_course_it_was_all_that_was_missing(self):
        course, user = course_tree(modules=2, lessons_per_module=1), UserFactory()
        first, second = modules(course)
        lesson_complete(user=user, lesson=lessons(first)[0])
        announced = []

        def listener(sender, completion, **kwargs):
            announced.append(completion.pk)

        course_completed.connect(listener)
        try:
            module_complete_by_credit(user=user, module=second, reason=REASON)
            module_complete_by_credit(user=user, module=second, reason=REASON)
        finally:
            course_completed.disconnect(listener)
        completion = CourseCompletion.objects.get(user=user, course=course)
        assert announced == [completion.pk]

    def test_refuses_a_page_that_is_not_a_module(self):
        course, user = course_tree(modules=1, lessons_per_module=1), UserFactory()
        with pytest.raises(ValidationError):
            module_complete_by_credit(user=user, module=course, reason=REASON)
        assert not ModuleCompletion.objects.exists()

    def test_refuses_an_unpublished_module(self):
        course, user = course_tree(modules=1, lessons_per_module=1), UserFactory()
        module = modules(course)[0]
        module.unpublish()
        with pytest.raises(ValidationError):
            module_complete_by_credit(user=user, module=module, reason=REASON)
        assert not ModuleCompletion.objects.exists()
        assert not Enrolment.objects.exists()


@pytest.fixture
def registry(monkeypatch):
    """An empty section registry for the test, the real one put back after."""
    monkeypatch.setattr(dashboard_sections, "_sections", {})


class TestDashboardSections:
    def test_a_section_with_nothing_to_show_is_left_out(self, registry):
        register_dashboard_section(
            key="quiet", template="quiet.html", context=lambda user: None
        )
        register_dashboard_section(
            key="busy", template="busy.html", context=lambda user: {"user": user}
        )
        user = UserFactory()
        [section] = sections_for(user=user)
        assert (section.key, section.template) == ("busy", "busy.html")
        assert section.context == {"user": user}

    def test_registering_again_is_harmless_but_a_second_owner_is_refused(
        self, registry
    ):
        def context(user):
            return None

        register_dashboard_section(key="one", template="one.html", context=context)
        register_dashboard_section(key="one", template="one.html", context=context)
        with pytest.raises(ValueError, match="one"):
            register_dashboard_section(
                key="one", template="other.html", context=context
            )

    def test_the_webinars_section_is_registered(self):
        keys = [section.key for section in dashboard_sections._sections.values()]
        assert "webinars" in keys


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real concurrent transactions"
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migration_rows")
def test_concurrent_credits_record_one_module_and_one_course_completion():
    course, user = course_tree(modules=1, lessons_per_module=1), UserFactory()
    module = modules(course)[0]
    errors = run_together(
        lambda: module_complete_by_credit(user=user, module=module, reason=REASON)
    )
    assert errors == []
    assert ModuleCompletion.objects.filter(user=user).count() == 1
    assert CourseCompletion.objects.filter(user=user).count() == 1
    assert Enrolment.objects.filter(user=user).count() == 1
