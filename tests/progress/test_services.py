from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from courses.models import LessonPage, ModulePage
from lms.progress.models import (
    CourseCompletion,
    Enrolment,
    LessonCompletion,
    ModuleCompletion,
)
from lms.progress.services import enrolment_start, lesson_complete
from lms.progress.signals import course_completed
from tests.factories import LessonPageFactory, UserFactory

from .helpers import course_tree, lessons, modules, one_question_quiz, take_quiz

pytestmark = pytest.mark.django_db


def complete_all(user, course):
    for lesson in lessons(course):
        lesson_complete(user=user, lesson=lesson)


class TestLessonComplete:
    def test_records_the_lesson_and_enrols(self):
        course, user = course_tree(modules=1, lessons_per_module=2), UserFactory()
        first = lessons(course)[0]
        lesson_complete(user=user, lesson=first)
        assert LessonCompletion.objects.get(user=user).lesson_id == first.pk
        enrolment = Enrolment.objects.get(user=user)
        assert enrolment.course_id == course.pk
        assert enrolment.last_lesson_id == first.pk
        assert not ModuleCompletion.objects.exists()

    def test_twice_records_once(self):
        course, user = course_tree(modules=1, lessons_per_module=2), UserFactory()
        first = lessons(course)[0]
        lesson_complete(user=user, lesson=first)
        lesson_complete(user=user, lesson=first)
        assert LessonCompletion.objects.count() == 1

    def test_last_required_lesson_completes_module_and_course_once(self):
        course, user = course_tree(modules=2, lessons_per_module=2), UserFactory()
        announced = []

        def listener(sender, completion, **kwargs):
            announced.append(completion)

        course_completed.connect(listener)
        try:
            complete_all(user, course)
            # Again: nothing new is recorded or announced.
            lesson_complete(user=user, lesson=lessons(course)[-1])
        finally:
            course_completed.disconnect(listener)
        assert ModuleCompletion.objects.filter(user=user).count() == 2
        completion = CourseCompletion.objects.get(user=user, course=course)
        assert announced == [completion]
        assert completion.content_revision_id == course.live_revision_id

    def test_optional_lessons_and_modules_are_not_needed(self):
        course, user = course_tree(modules=2, lessons_per_module=2), UserFactory()
        first_module, second_module = modules(course)
        optional_lesson = lessons(first_module)[1]
        optional_lesson.is_required = False
        optional_lesson.save_revision().publish()
        second_module.is_required = False
        second_module.save_revision().publish()
        lesson_complete(user=user, lesson=lessons(first_module)[0])
        assert CourseCompletion.objects.filter(user=user).exists()

    def test_unpublished_lesson_is_refused(self):
        course, user = course_tree(modules=1, lessons_per_module=2), UserFactory()
        lesson = lessons(course)[0]
        lesson.unpublish()
        with pytest.raises(ValidationError, match="not published"):
            lesson_complete(user=user, lesson=lesson)
        assert not LessonCompletion.objects.exists()
        assert not Enrolment.objects.exists()

    def test_lesson_of_unpublished_module_is_refused(self):
        course, user = course_tree(modules=1, lessons_per_module=2), UserFactory()
        modules(course)[0].unpublish()
        with pytest.raises(ValidationError, match="not published"):
            lesson_complete(user=user, lesson=lessons(course)[0])
        assert not LessonCompletion.objects.exists()

    def test_costs_a_constant_number_of_queries(self):
        small = course_tree(modules=1, lessons_per_module=3)
        large = course_tree(modules=6, lessons_per_module=8)
        counts = []
        for course in (small, large):
            user = UserFactory()
            lesson_complete(user=user, lesson=lessons(course)[0])
            with CaptureQueriesContext(connection) as queries:
                lesson_complete(user=user, lesson=lessons(course)[1])
            counts.append(len(queries))
        assert counts[0] == counts[1]
        # Ancestors and course (2), structure (5), records to check (4); then,
        # under the enrolment's lock, the completion, the records again (4)
        # and the transaction's savepoints.
        assert counts[0] <= 27


class TestRequiredQuizzes:
    def lesson_with_quiz(self, *, required=True):
        course = course_tree(modules=1, lessons_per_module=1)
        lesson = lessons(course)[0]
        quiz = one_question_quiz(course=course)
        lesson.body = [
            {"type": "quiz", "value": {"quiz": quiz.pk, "required": required}}
        ]
        lesson.save_revision().publish()
        return course, lesson, quiz

    def test_lesson_waits_for_a_pass(self):
        course, lesson, quiz = self.lesson_with_quiz()
        user = UserFactory()
        with pytest.raises(ValidationError, match="Pass “Check”"):
            lesson_complete(user=user, lesson=lesson)
        take_quiz(quiz=quiz, user=user, right=False)
        with pytest.raises(ValidationError, match="Pass “Check”"):
            lesson_complete(user=user, lesson=lesson)
        assert not LessonCompletion.objects.exists()
        take_quiz(quiz=quiz, user=user, right=True)
        lesson_complete(user=user, lesson=lesson)
        assert CourseCompletion.objects.filter(user=user, course=course).exists()

    def test_a_translation_without_the_quiz_does_not_skip_it(self):
        _course, lesson, _quiz = self.lesson_with_quiz()
        lesson.body_fr = [{"type": "text", "value": "<p>Sans quiz.</p>"}]
        lesson.save_revision().publish()
        with translation.override("fr"), pytest.raises(ValidationError):
            lesson_complete(
                user=UserFactory(), lesson=LessonPage.objects.get(pk=lesson.pk)
            )
        assert not LessonCompletion.objects.exists()

    def test_optional_quiz_does_not_block(self):
        _course, lesson, _quiz = self.lesson_with_quiz(required=False)
        lesson_complete(user=(user := UserFactory()), lesson=lesson)
        assert LessonCompletion.objects.filter(user=user).exists()


class TestAssessments:
    def test_module_waits_for_its_assessment_then_passing_completes_it(self):
        course, user = course_tree(modules=1, lessons_per_module=2), UserFactory()
        module = modules(course)[0]
        quiz = one_question_quiz(course=course, assessment_of=module)
        complete_all(user, course)
        assert not ModuleCompletion.objects.exists()
        take_quiz(quiz=quiz, user=user, right=False)
        assert not ModuleCompletion.objects.exists()
        take_quiz(quiz=quiz, user=user, right=True)
        assert ModuleCompletion.objects.filter(user=user, module=module).exists()
        assert CourseCompletion.objects.filter(user=user).exists()

    def test_final_assessment_score_is_kept(self):
        course, user = course_tree(modules=1, lessons_per_module=1), UserFactory()
        quiz = one_question_quiz(title="Final", course=course, assessment_of=course)
        take_quiz(quiz=quiz, user=user, right=True)
        assert not CourseCompletion.objects.exists()
        complete_all(user, course)
        assert CourseCompletion.objects.get(user=user).score == Decimal(1)

    def test_passing_an_assessment_enrols(self):
        course, user = course_tree(modules=1, lessons_per_module=1), UserFactory()
        quiz = one_question_quiz(course=course, assessment_of=course)
        take_quiz(quiz=quiz, user=user)
        assert Enrolment.objects.filter(user=user, course=course).exists()


class TestPrerequisites:
    def test_locked_module_refuses_its_lessons_and_says_what_unlocks_it(self):
        course, user = course_tree(modules=2, lessons_per_module=1), UserFactory()
        first, second = modules(course)
        second.prerequisites.set([first])
        second.save_revision().publish()
        with pytest.raises(ValidationError, match=f"Complete “{first.title}” first"):
            lesson_complete(user=user, lesson=lessons(second)[0])
        assert not LessonCompletion.objects.exists()
        lesson_complete(user=user, lesson=lessons(first)[0])
        lesson_complete(user=user, lesson=lessons(second)[0])
        assert CourseCompletion.objects.filter(user=user).exists()

    def test_locked_course_refuses_enrolment_until_its_prerequisite_is_done(self):
        basics = course_tree(modules=1, lessons_per_module=1)
        advanced = course_tree(modules=1, lessons_per_module=1)
        advanced.prerequisites.set([basics])
        advanced.save_revision().publish()
        user = UserFactory()
        with pytest.raises(ValidationError, match=f"Complete “{basics.title}” first"):
            enrolment_start(user=user, course=advanced)
        with pytest.raises(ValidationError, match="first"):
            lesson_complete(user=user, lesson=lessons(advanced)[0])
        assert not Enrolment.objects.exists()
        complete_all(user, basics)
        enrolment_start(user=user, course=advanced)
        assert Enrolment.objects.filter(user=user, course=advanced).exists()

    def test_unpublished_prerequisite_does_not_lock(self):
        course, user = course_tree(modules=2, lessons_per_module=1), UserFactory()
        first, second = modules(course)
        second.prerequisites.set([first])
        second.save_revision().publish()
        first.unpublish()
        lesson_complete(user=user, lesson=lessons(second)[0])
        assert CourseCompletion.objects.filter(user=user).exists()


class TestLockedAssessments:
    def test_assessment_of_a_locked_module_cannot_be_started(self):
        course, user = course_tree(modules=2, lessons_per_module=1), UserFactory()
        first, second = modules(course)
        second.prerequisites.set([first])
        second.save_revision().publish()
        quiz = one_question_quiz(course=course, assessment_of=second)
        with pytest.raises(ValidationError, match=f"Complete “{first.title}” first"):
            take_quiz(quiz=quiz, user=user)
        assert not quiz.attempts.exists()

    def test_assessment_of_a_locked_course_cannot_be_started(self):
        basics = course_tree(modules=1, lessons_per_module=1)
        advanced = course_tree(modules=1, lessons_per_module=1)
        advanced.prerequisites.set([basics])
        advanced.save_revision().publish()
        quiz = one_question_quiz(course=advanced, assessment_of=advanced)
        with pytest.raises(ValidationError, match="first"):
            take_quiz(quiz=quiz, user=UserFactory())
        assert not Enrolment.objects.exists()


class TestCourseChanges:
    def test_completed_learners_stay_completed_when_a_lesson_is_added(self):
        course = course_tree(modules=1, lessons_per_module=1)
        done, halfway = UserFactory(), UserFactory()
        complete_all(done, course)
        module = ModulePage.objects.child_of(course).get()
        lesson_complete(user=halfway, lesson=lessons(course)[0])
        CourseCompletion.objects.filter(user=halfway).delete()
        ModuleCompletion.objects.filter(user=halfway).delete()
        new_lesson = LessonPageFactory(parent=module)
        lesson_complete(user=done, lesson=new_lesson)
        assert CourseCompletion.objects.filter(user=done).count() == 1
        # The learner still in progress must do the new lesson too.
        lesson_complete(user=halfway, lesson=lessons(course)[0])
        assert not CourseCompletion.objects.filter(user=halfway).exists()
        lesson_complete(user=halfway, lesson=new_lesson)
        assert CourseCompletion.objects.filter(user=halfway).exists()
