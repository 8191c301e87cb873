import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Revision

from courses.models import CoursePage, LessonPage
from lms.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


class TestLoadDemo:
    def test_loads_catalogue_and_accounts_idempotently(self, settings):
        settings.DEBUG = True
        call_command("load_demo")
        counts = (CoursePage.objects.count(), LessonPage.objects.count())
        revisions = Revision.objects.count()
        call_command("load_demo")
        assert (CoursePage.objects.count(), LessonPage.objects.count()) == counts
        assert Revision.objects.count() == revisions
        assert LessonPage.objects.live().count() >= 4

        User = get_user_model()
        assert User.objects.count() == len(DEMO_ACCOUNTS)
        trainer = authenticate(username="trainer", password=DEMO_PASSWORD)
        assert trainer is not None
        assert list(trainer.groups.values_list("name", flat=True)) == ["Trainers"]
        assert authenticate(username="admin", password=DEMO_PASSWORD).is_superuser

    def test_refuses_to_run_in_production(self, settings):
        settings.DEBUG = False
        with pytest.raises(CommandError, match="DEBUG"):
            call_command("load_demo")
        assert not get_user_model().objects.exists()

    def test_shows_quizzes_in_a_lesson_a_module_and_the_course(self, settings, client):
        from lms.quizzes.models import Attempt, Quiz

        settings.DEBUG = True
        call_command("load_demo")
        call_command("load_demo")
        assert Quiz.objects.count() == 3
        assert Quiz.objects.filter(assessment_of__isnull=False).count() == 2
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


@pytest.mark.django_db
def test_demo_shows_progress_and_a_certificate(settings, client):
    from lms.certificates.models import Certificate
    from lms.progress.models import CourseCompletion, ModuleCompletion

    settings.DEBUG = True
    call_command("load_demo")
    assert CourseCompletion.objects.filter(user__username="youssef").exists()
    assert ModuleCompletion.objects.filter(user__username="amina").exists()
    assert not CourseCompletion.objects.filter(user__username="amina").exists()
    certificate = Certificate.objects.get(user__username="youssef")
    assert certificate.language == "ar" and certificate.pdf
    html = client.get(certificate.get_verify_url()).content.decode()
    assert "يوسف العمراني" in html
