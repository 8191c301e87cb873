"""A learner who completed a course, for certificate tests."""

from lms.progress.models import CourseCompletion
from lms.progress.services import lesson_complete
from tests.factories import UserFactory
from tests.progress.helpers import course_tree, lessons


def completed_course(*, user=None, **course_fields):
    """A one-lesson course the user (created if not given) has completed."""
    course = course_tree(modules=1, lessons_per_module=1, **course_fields)
    user = user or UserFactory(first_name="Ada", last_name="Lovelace")
    lesson_complete(user=user, lesson=lessons(course)[0])
    assert CourseCompletion.objects.filter(user=user, course=course).exists()
    return user, course
