"""Concurrent issues make one certificate (PostgreSQL only: SQLite serialises
writers, so it cannot show a race)."""

import pytest
from django.db import connection

from lms.certificates.models import Certificate
from lms.certificates.services import certificate_issue
from lms.progress.models import CourseCompletion
from tests.factories import UserFactory
from tests.progress.helpers import course_tree, lessons
from tests.progress.test_concurrency import run_together

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs real concurrent transactions"
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_rows"),
]


def test_concurrent_issues_make_one_certificate():
    course, user = course_tree(modules=1, lessons_per_module=1), UserFactory()
    CourseCompletion.objects.create(user=user, course=course)
    assert lessons(course)
    codes = []
    errors = run_together(
        lambda: codes.append(certificate_issue(user=user, course=course).code)
    )
    assert errors == []
    assert Certificate.objects.filter(user=user, course=course).count() == 1
    assert len(set(codes)) == 1
