import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
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
