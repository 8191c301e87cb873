import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Revision

from courses.models import CoursePage, LessonPage, ModulePage
from lms.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


class TestLoadDemo:
    def test_loads_everything_a_newcomer_sees_idempotently(
        self, settings, client, capsys
    ):
        """One test, two loads: loading the demo is the slow part."""
        settings.DEBUG = True
        call_command("load_demo")
        counts = _counts()
        revisions = Revision.objects.count()
        call_command("load_demo")
        assert _counts() == counts
        assert Revision.objects.count() == revisions
        out = capsys.readouterr().out
        course = CoursePage.objects.get()
        with translation.override("en"):
            assert f"{course.get_url()}  (en, fr, es, ar, zh-hans, ru)" in out
        _assert_accounts()
        _assert_quizzes(client)
        _assert_progress_and_certificate(client)
        _assert_webinars()

    def test_refuses_to_run_in_production(self, settings):
        settings.DEBUG = False
        with pytest.raises(CommandError, match="DEBUG"):
            call_command("load_demo")
        assert not get_user_model().objects.exists()


def _counts():
    from lms.quizzes.models import Attempt, Question, Quiz

    return [
        model.objects.count()
        for model in (CoursePage, LessonPage, Quiz, Question, Attempt)
    ]


def _assert_accounts():
    User = get_user_model()
    assert User.objects.count() == len(DEMO_ACCOUNTS)
    trainer = authenticate(username="trainer", password=DEMO_PASSWORD)
    assert trainer is not None
    assert list(trainer.groups.values_list("name", flat=True)) == ["Trainers"]
    assert authenticate(username="admin", password=DEMO_PASSWORD).is_superuser


def _assert_quizzes(client):
    from lms.quizzes.models import Attempt, Quiz

    # Every module and course has its assessment; one lesson has a check.
    assessed = ModulePage.objects.count() + CoursePage.objects.count()
    assert Quiz.objects.filter(assessment_of__isnull=False).count() == assessed
    assert Quiz.objects.filter(assessment_of__isnull=True).count() == 1
    assert set(Attempt.objects.values_list("user__username", flat=True)) == {
        "amina",
        "wei",
        "youssef",
    }
    lesson = next(
        page
        for page in LessonPage.objects.live()
        if any(block.block_type == "quiz" for block in page.body_ar or [])
    )
    for language in ("en", "ar"):
        with translation.override(language):
            url = lesson.get_url()
        response = client.get(url)
        assert response.status_code == 200
        assert f"/{language}/quizzes/" in response.text


def _assert_progress_and_certificate(client):
    from lms.certificates.models import Certificate
    from lms.progress.models import CourseCompletion, ModuleCompletion

    assert CourseCompletion.objects.filter(user__username="youssef").exists()
    assert ModuleCompletion.objects.filter(user__username="amina").exists()
    assert not CourseCompletion.objects.filter(user__username="amina").exists()
    certificate = Certificate.objects.get(user__username="youssef")
    assert certificate.language == "ar" and certificate.pdf
    assert certificate.score == 1
    html = client.get(certificate.get_verify_url()).content.decode()
    assert "يوسف العمراني" in html


def _assert_webinars():
    from lms.webinars.models import Attendance, Registration, WebinarPage

    assert WebinarPage.objects.live().count() == 4
    places = set(
        Registration.objects.values_list("user__username", "webinar__slug", "status")
    )
    assert ("amina", "brevets-modeles-utilite", "confirmed") in places
    assert ("youssef", "pct-first-steps", "confirmed") in places
    assert ("wei", "pct-first-steps", "waitlisted") in places
    assert Attendance.objects.filter(user__username="amina").exists()
    from lms.certificates.models import Certificate

    attended = Certificate.objects.get(user__username="amina", kind="attendance")
    assert attended.pdf
    bureau = get_user_model().objects.get(username="bureau")
    assert bureau.groups.filter(name__startswith="Bureau staff: Latin").exists()
