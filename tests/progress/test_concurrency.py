"""Concurrent requests record each completion once (PostgreSQL only: SQLite
serialises writers, so it cannot show a race)."""

import threading

import pytest
from django.db import connection

from lms.progress.models import (
    CourseCompletion,
    Enrolment,
    LessonCompletion,
    ModuleCompletion,
)
from lms.progress.services import enrolment_start, lesson_complete
from lms.progress.signals import course_completed
from tests.factories import UserFactory

from .helpers import course_tree, lessons

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs real concurrent transactions"
    ),
    pytest.mark.django_db(transaction=True),
    # The page tree root comes from migrations: put it back after each flush.
    pytest.mark.usefixtures("migration_rows"),
]


def run_together(function, times: int = 6) -> list[Exception]:
    barrier = threading.Barrier(times)
    errors: list[Exception] = []

    def worker():
        barrier.wait()
        try:
            function()
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_concurrent_marks_record_one_completion_of_each_kind():
    course, user = course_tree(modules=1, lessons_per_module=1), UserFactory()
    lesson = lessons(course)[0]
    announced = []

    def listener(sender, completion, **kwargs):
        announced.append(completion.pk)

    course_completed.connect(listener)
    try:
        errors = run_together(lambda: lesson_complete(user=user, lesson=lesson))
    finally:
        course_completed.disconnect(listener)
    assert errors == []
    assert Enrolment.objects.filter(user=user).count() == 1
    assert LessonCompletion.objects.filter(user=user).count() == 1
    assert ModuleCompletion.objects.filter(user=user).count() == 1
    assert CourseCompletion.objects.filter(user=user).count() == 1
    assert len(announced) == 1


def test_concurrent_starts_enrol_once():
    course, user = course_tree(modules=1, lessons_per_module=2), UserFactory()
    errors = run_together(lambda: enrolment_start(user=user, course=course))
    assert errors == []
    assert Enrolment.objects.filter(user=user, course=course).count() == 1


def test_two_tabs_marking_the_last_two_lessons_complete_the_course():
    course, user = course_tree(modules=1, lessons_per_module=2), UserFactory()
    first, second = lessons(course)
    pending = [first, second]
    lock = threading.Lock()

    def mark_one():
        with lock:
            lesson = pending.pop()
        lesson_complete(user=user, lesson=lesson)

    errors = run_together(mark_one, times=2)
    assert errors == []
    assert LessonCompletion.objects.filter(user=user).count() == 2
    assert ModuleCompletion.objects.filter(user=user).count() == 1
    assert CourseCompletion.objects.filter(user=user).count() == 1
